/* fw-leak-check.h — suspected leaks, checked on the training part only, and kept out of the
 * suggested cleaning unless the user vouches for them
 *
 * A column that predicts the target on its own almost perfectly (FW_PROFILE_LEAK_SCORE) was
 * most likely recorded after the outcome.  The check fits on the rows the recipe's seeded
 * split gives the training part, never on validation or test rows, so the figures it quotes
 * are honest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-profile.h"
#include "fw-recipe.h"
#include "fw-table.h"

G_BEGIN_DECLS

/* Scores every column of @table against @settings' target (its positive class, task, split
 * fractions and seed, as training uses them) on the training part of the split, into
 * @profile's FwColumnProfile.leak and FW_ISSUE_TARGET_LEAKAGE flags. */
gboolean  fw_recipe_check_leaks        (const FwRecipe *settings,
                                        const FwTable  *table,
                                        FwTableProfile *profile,
                                        GError        **error);

/* The same scores alone, without a profile (and its sorting buffers): one per column of
 * @table, the target's unchecked; newly allocated, or NULL with @error. */
FwLeakScore *fw_recipe_leak_scores     (const FwRecipe *settings,
                                        const FwTable  *table,
                                        GError        **error);

/* Replaces the steps of every column @profile flags as a suspected leak, except the target,
 * those @recipe->known_in_advance names and its sensitive columns (measured, not learnt
 * from, unless sensitive_as_features), with one drop step.  Returns the names left
 * out, in table order: newly allocated, NULL-terminated. */
char    **fw_recipe_drop_leaks         (FwRecipe             *recipe,
                                        const FwTable        *table,
                                        const FwTableProfile *profile);

/* The default cleaning (fw_recipe_new_suggested) for @settings' target, with the leaks it
 * suspects left out and the days between dates that pass the leak check added
 * (fw-date-features.h): a copy of @settings (target, positive, task, sensitive, split,
 * model, seed, mitigation, known_in_advance) with the suggested steps.  Checks the leaks into
 * @profile first when @settings names a target.  @dropped (may be NULL): what
 * fw_recipe_drop_leaks returned. */
FwRecipe *fw_recipe_new_suggested_safe (const FwTable   *table,
                                        FwTableProfile  *profile,
                                        const FwRecipe  *settings,
                                        char          ***dropped,
                                        GError         **error);
/* The same, and with a target also the days between dates that pass the leak check
 * (fw-date-features.h).  @date_features (may be NULL): every date feature, scored when
 * there is a target (FwDateFeature, newly allocated). */
FwRecipe *fw_recipe_new_suggested_checked (const FwTable   *table,
                                           FwTableProfile  *profile,
                                           const FwRecipe  *settings,
                                           char          ***dropped,
                                           GPtrArray      **date_features,
                                           GError         **error);

G_END_DECLS
