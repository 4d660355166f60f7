/* fw-step-offer.h — which cleaning fixes the Clean step offers for a column
 *
 * A fix is offered when it changes something: a fill only where values are missing and
 * none is filled yet, scaling only for measured numbers, one-hot only for categories, and
 * nothing but dropping its missing rows for the column to predict; "treat as missing"
 * only where the profile found a sentinel, a "was missing" column only for measured
 * numbers with gaps or a sentinel.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-profile.h"
#include "fw-recipe.h"
#include "fw-table.h"

G_BEGIN_DECLS

/* Whether @kind is offered for @column (@profile its profile), given the steps @recipe
 * already applies to it and whether it is @recipe's target. */
gboolean fw_step_is_offered (FwStepKind             kind,
                             const FwColumn        *column,
                             const FwColumnProfile *profile,
                             const FwRecipe        *recipe);

/* The constant a one-click @kind uses on @column: the fill value for impute_constant, the
 * sentinel for treat_as_missing; NULL for the other kinds. */
char    *fw_step_offered_constant (FwStepKind             kind,
                                   const FwColumn        *column,
                                   const FwColumnProfile *profile);

/* Whether @recipe already drops @column (a drop_column step on it). */
gboolean fw_step_is_dropped (const FwRecipe *recipe,
                             const char     *column);

G_END_DECLS
