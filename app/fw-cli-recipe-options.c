/* fw-cli-recipe-options.c — the flags train and compare share, laid over a recipe
 *
 * Both commands take the same data and training flags (--sensitive, --keep-column,
 * --positive, --favourable, --min-group-rows, --mitigate, --epochs, --batch, --seed,
 * --device, --intersect) and must refuse a bad one in the same words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-cli.h"

void
fw_cli_recipe_options_clear (FwCliRecipeOptions *o)
{
  g_clear_pointer (&o->device, g_free);
  g_clear_pointer (&o->mitigate, g_free);
  g_clear_pointer (&o->positive, g_free);
  g_clear_pointer (&o->favourable, g_free);
  g_clear_pointer (&o->sensitive, g_strfreev);
  g_clear_pointer (&o->keep, g_strfreev);
}

static void
replace (char       **field,
         const char  *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

static void
add_missing (GPtrArray   *names,
             char *const *add)
{
  for (guint i = 0; add != NULL && add[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (names, add[i], g_str_equal, NULL))
      g_ptr_array_add (names, g_strdup (add[i]));
}

char *
fw_cli_recipe_options_apply (const FwCliRecipeOptions *o,
                             FwRecipe                 *recipe)
{
  if (o->epochs != -1 && o->epochs < 1)
    return g_strdup (_("--epochs must be at least 1"));
  if (o->batch != -1 && o->batch < 1)
    return g_strdup (_("--batch must be at least 1"));
  if (o->seed != -1 && o->seed < 0)
    return g_strdup (_("--seed must not be negative"));
  if (o->device != NULL && !g_str_equal (o->device, "auto") && !g_str_equal (o->device, "cpu") &&
      !g_str_equal (o->device, "cuda"))
    return g_strdup_printf (_("unknown device “%s” (auto, cpu or cuda)"), o->device);
  if (o->mitigate != NULL && !g_str_equal (o->mitigate, "none") &&
      !g_str_equal (o->mitigate, "reweigh"))
    return g_strdup_printf (_("unknown mitigation “%s” (none or reweigh)"), o->mitigate);
  if (o->min_group_rows != -1 && (o->min_group_rows < 0 || o->min_group_rows > G_MAXUINT))
    return g_strdup (_("--min-group-rows takes a number of rows, such as 30"));

  if (o->epochs != -1)
    recipe->model.epochs = o->epochs;
  if (o->batch != -1)
    recipe->model.batch_size = o->batch;
  if (o->seed != -1)
    recipe->seed = o->seed;
  replace (&recipe->model.device, o->device);
  replace (&recipe->mitigation, o->mitigate);
  replace (&recipe->positive, o->positive);
  replace (&recipe->favourable, o->favourable);
  if (o->min_group_rows != -1)
    recipe->min_group_rows = (guint) o->min_group_rows;
  if (o->intersect)
    recipe->intersect_sensitive = TRUE;
  add_missing (recipe->sensitive, o->sensitive);
  add_missing (recipe->known_in_advance, o->keep);
  return NULL;
}
