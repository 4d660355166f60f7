/* fw-recipe-private.h — names shared by the recipe's struct and JSON halves (engine-internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-recipe.h"
#include "fw-target.h"

G_BEGIN_DECLS

/* NULL-terminated, indexed by the matching enum where there is one. */
extern const char *const fw_recipe_task_names[];
extern const char *const fw_recipe_model_names[];
extern const char *const fw_recipe_optimizer_names[];
extern const char *const fw_recipe_solver_names[];
extern const char *const fw_recipe_device_names[];
extern const char *const fw_recipe_mitigation_names[];

gboolean fw_step_kind_from_string (const char *name,
                                   FwStepKind *kind);
gboolean fw_recipe_name_in        (const char        *name,
                                   const char *const *names);

/* fw-date-features.c: fw_recipe_date_features on training rows already at hand (@target
 * < 0: unchecked); a newly allocated array of FwDateFeature. */
GPtrArray *fw_recipe_date_features_on (const FwTable        *table,
                                       const FwTableProfile *profile,
                                       const FwRecipe       *settings,
                                       int                   target,
                                       const FwLeakRows     *train);

G_END_DECLS
