/* fw-step-offer.h — which cleaning fixes the Clean step offers for a column
 *
 * A fix is offered when it changes something: a fill only where values are missing and
 * none is filled yet, scaling only for measured numbers, one-hot only for categories, and
 * nothing but dropping its missing rows for the column to predict.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-profile.h"
#include "fw-recipe.h"
#include "fw-table.h"

G_BEGIN_DECLS

/* Every step kind, for loops over them. */
#define FW_STEP_N_KINDS (FW_STEP_MIN_MAX + 1)

/* Whether @kind is offered for @column (@profile its profile), given the steps @recipe
 * already applies to it and whether it is @recipe's target. */
gboolean fw_step_is_offered (FwStepKind             kind,
                             const FwColumn        *column,
                             const FwColumnProfile *profile,
                             const FwRecipe        *recipe);

G_END_DECLS
