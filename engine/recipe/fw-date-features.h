/* fw-date-features.h — what dates are good for: their parts, and the days between two
 *
 * Every date column offers its year, month and day of the week (a date_parts step), and
 * every pair of date columns the days from the earlier to the later (by their medians; a
 * days_between step).  With a target, each is scored by the leak check, on the training
 * part only, as a column would be: one that predicts the target alone at
 * FW_PROFILE_LEAK_SCORE or more is a suspected leak, said in plain words, and never
 * suggested.
 *
 * The suggested cleaning (Apply All, train --data), once a target is set, counts days to
 * one reference date.  A model given the days from several dates to one can work out the
 * days between any two of them, so the dates used are taken in table order, each only when
 * its days to every date already taken passed the leak check (and are not the same on
 * every row), it is filled in on more than 1 − FW_RECIPE_INDICATOR_FRACTION of the rows,
 * is no suspected leak itself, and is not sensitive and kept out of the features.  The
 * latest of them (by median) is the reference; each other one gives the days from it to
 * the reference, at most FW_DATE_FEATURES_MAX_SUGGESTED of them.  Year, month and weekday
 * are only used when chosen: when something happened is more often a drift than a cause.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-profile.h"
#include "fw-recipe.h"
#include "fw-table.h"

G_BEGIN_DECLS

/* Date columns looked at, in table order: every pair of them is one more feature to score. */
#define FW_DATE_FEATURES_MAX_COLUMNS   12
#define FW_DATE_FEATURES_MAX_SUGGESTED 10

typedef struct
{
  FwStep      step;             /* owned fields: date_parts or days_between, as it would be
                                   added */
  char       *label;            /* "Days from “dob” to “screening_date”", translated */
  FwLeakScore leak;             /* the strongest of what it makes; unchecked without a
                                   target */
  char       *message;          /* a suspected leak in plain words; NULL when none */
  gboolean    suggested;        /* the suggested cleaning uses it */
} FwDateFeature;

void       fw_date_feature_free         (gpointer feature);

/* The date features of @table (@profile its profile; its leak flags read when checked),
 * scored against @settings' target on the training part of its split when it names one:
 * a newly allocated array of FwDateFeature (date_parts of each date column, then every
 * pair's days_between), or NULL with @error. */
GPtrArray *fw_recipe_date_features      (const FwTable        *table,
                                         const FwTableProfile *profile,
                                         const FwRecipe       *settings,
                                         GError              **error);

G_END_DECLS
