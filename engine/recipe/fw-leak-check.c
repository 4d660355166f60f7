/* fw-leak-check.c — the leak check on the training part, and the suggested cleaning without
 * the leaks it finds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-date-features.h"
#include "fw-leak-check.h"
#include "fw-leak-rows.h"
#include "fw-recipe-private.h"

gboolean
fw_recipe_check_leaks (const FwRecipe *settings,
                       const FwTable  *table,
                       FwTableProfile *profile,
                       GError        **error)
{
  FwTarget t = FW_TARGET_INIT;
  g_autofree gsize *rows = NULL;
  FwLeakRows leak_rows;
  int target;

  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (profile != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  target = fw_recipe_leak_rows (settings, table, &t, &rows, &leak_rows, error);
  if (target >= 0)
    fw_table_profile_set_target_rows (profile, table, (guint) target, &leak_rows);
  fw_target_clear (&t);
  return target >= 0;
}

FwLeakScore *
fw_recipe_leak_scores (const FwRecipe *settings,
                       const FwTable  *table,
                       GError        **error)
{
  FwTarget t = FW_TARGET_INIT;
  g_autofree gsize *rows = NULL;
  FwLeakRows leak_rows;
  FwLeakScore *scores = NULL;
  int target;

  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  target = fw_recipe_leak_rows (settings, table, &t, &rows, &leak_rows, error);
  if (target >= 0)
    scores = fw_table_leak_scores (table, (guint) target, &leak_rows);
  fw_target_clear (&t);
  return scores;
}

/* Vouched for, or a sensitive column that is measured, not learnt from. */
static gboolean
is_kept (const FwRecipe *recipe,
         const char     *name)
{
  return g_ptr_array_find_with_equal_func (recipe->known_in_advance, name, g_str_equal, NULL) ||
         (!recipe->sensitive_as_features &&
          g_ptr_array_find_with_equal_func (recipe->sensitive, name, g_str_equal, NULL));
}

char **
fw_recipe_drop_leaks (FwRecipe             *recipe,
                      const FwTable        *table,
                      const FwTableProfile *profile)
{
  g_autoptr(GStrvBuilder) dropped = g_strv_builder_new ();

  g_return_val_if_fail (recipe != NULL, NULL);
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (profile->n_columns == fw_table_n_columns (table), NULL);

  for (guint c = 0; c < profile->n_columns; c++)
    {
      const char *name = fw_table_column (table, c)->name;

      if (!fw_column_profile_has_issue (&profile->columns[c], FW_ISSUE_TARGET_LEAKAGE) ||
          g_strcmp0 (name, recipe->target) == 0 || is_kept (recipe, name))
        continue;
      for (guint i = recipe->steps->len; i > 0; i--)
        {
          const FwStep *step = g_ptr_array_index (recipe->steps, i - 1);

          /* Days counted to a leak carry it too. */
          if (g_str_equal (step->column, name) || g_strcmp0 (step->to, name) == 0)
            g_ptr_array_remove_index (recipe->steps, i - 1);
        }
      fw_recipe_add_step (recipe, FW_STEP_DROP_COLUMN, g_strdup (name), NULL);
      g_strv_builder_add (dropped, name);
    }
  return g_strv_builder_end (dropped);
}

FwRecipe *
fw_recipe_new_suggested_safe (const FwTable   *table,
                              FwTableProfile  *profile,
                              const FwRecipe  *settings,
                              char          ***dropped,
                              GError         **error)
{
  return fw_recipe_new_suggested_checked (table, profile, settings, dropped, NULL, error);
}

FwRecipe *
fw_recipe_new_suggested_checked (const FwTable   *table,
                                 FwTableProfile  *profile,
                                 const FwRecipe  *settings,
                                 char          ***dropped,
                                 GPtrArray      **date_features,
                                 GError         **error)
{
  g_autoptr(FwRecipe) suggested = NULL;
  g_autoptr(FwRecipe) recipe = NULL;
  g_autoptr(GPtrArray) features = NULL;
  g_auto(GStrv) left_out = NULL;
  FwTarget t = FW_TARGET_INIT;
  g_autofree gsize *rows = NULL;
  FwLeakRows train = { 0 };
  int target = -1;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The training rows once, for the columns and the date features alike. */
  if (settings->target != NULL && fw_table_column_index (table, settings->target) >= 0)
    {
      target = fw_recipe_leak_rows (settings, table, &t, &rows, &train, error);
      if (target < 0)
        return NULL;
      fw_table_profile_set_target_rows (profile, table, (guint) target, &train);
    }
  suggested = fw_recipe_new_suggested (table, profile, settings->target, error);
  if (suggested == NULL)
    {
      fw_target_clear (&t);
      return NULL;
    }
  recipe = fw_recipe_copy (settings);
  g_ptr_array_set_size (recipe->steps, 0);
  for (guint i = 0; i < suggested->steps->len; i++)
    fw_recipe_append_step (recipe, g_ptr_array_index (suggested->steps, i));
  left_out = fw_recipe_drop_leaks (recipe, table, profile);
  /* What dates are good for, once the leak check can vouch for it. */
  if (target >= 0 || date_features != NULL)
    {
      features = fw_recipe_date_features_on (table, profile, settings, target, &train);
      for (guint i = 0; i < features->len; i++)
        {
          const FwDateFeature *feature = g_ptr_array_index (features, i);

          if (feature->suggested)
            fw_recipe_append_step (recipe, &feature->step);
        }
    }
  fw_target_clear (&t);
  if (dropped != NULL)
    *dropped = g_steal_pointer (&left_out);
  if (date_features != NULL)
    *date_features = g_steal_pointer (&features);
  return g_steal_pointer (&recipe);
}
