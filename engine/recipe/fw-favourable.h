/* fw-favourable.h — whether the predicted answer is good or bad for the person
 *
 * Fairness figures depend on it: the four-fifths rule compares rates of a favourable
 * outcome (being approved, hired), and for a harmful prediction (re-arrest, default, fraud)
 * the gap that matters most is in being wrongly flagged.  The recipe may name the
 * favourable class; otherwise it is guessed from the words of the positive class and of
 * the target's name, and a guess that finds no word keeps the positive class favourable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  FW_OUTCOME_UNKNOWN,           /* no word tells */
  FW_OUTCOME_GOOD,              /* predicting the positive class is good for the person */
  FW_OUTCOME_BAD,
} FwOutcome;

/* What the words say about predicting @positive (a class value) for @target (a column
 * name): the positive class's own words first ("approved", "bad", "not hired"), else the
 * target's ("two_year_recid", "loan") when @positive is a plain yes ("1", "yes", "true")
 * — reversed when it is a plain no ("0", "no", "false").  @positive may be NULL. */
FwOutcome fw_favourable_guess (const char *target,
                               const char *positive);

/* The favourable class of a classification over @class_names (NULL-terminated) whose
 * positive class is @positive: @favourable when given, which must name a class (as text,
 * or as the same number; else FW_RECIPE_ERROR_INVALID), else the guess.  Sets
 * @positive_is_harmful, and @favourable_class to the good class's index, or -1 when the
 * positive class is harmful and no single other class is the good one (several
 * classes). */
gboolean  fw_favourable_resolve (const char        *target,
                                 const char *const *class_names,
                                 guint              positive,
                                 const char        *favourable,
                                 gboolean          *positive_is_harmful,
                                 int               *favourable_class,
                                 GError           **error);

G_END_DECLS
