/* fw-leak-rows.h — the training rows a leak check scores on (engine-internal)
 *
 * The leak check of the columns (fw-leak-check.c) and of the date features
 * (fw-date-features.c) score on the same rows: the training part of the recipe's split.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-profile.h"
#include "fw-recipe.h"
#include "fw-target.h"

G_BEGIN_DECLS

/* @settings' training rows and classes into @leak_rows (pointing into @t and *@rows, newly
 * allocated); the target's column index, or -1 with @error. */
int fw_recipe_leak_rows (const FwRecipe *settings,
                         const FwTable  *table,
                         FwTarget       *t,
                         gsize         **rows,
                         FwLeakRows     *leak_rows,
                         GError        **error);

G_END_DECLS
