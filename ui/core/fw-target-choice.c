/* fw-target-choice.c — what the Target step works out from a column, in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include "fw-favourable.h"
#include "fw-target-choice.h"
#include "fw-sensitive-traits.h"
#include "fw-target.h"

gboolean
fw_target_choice_is_suitable (const FwColumn        *column,
                              const FwColumnProfile *profile,
                              char                 **reason)
{
  g_autofree char *many = NULL;
  const char *why = NULL;

  g_return_val_if_fail (column != NULL, FALSE);

  if (column->kind == FW_KIND_IDENTIFIER)
    why = _("An identifier: every row has its own value, so there is no pattern to learn");
  else if (column->kind == FW_KIND_TEXT)
    why = _("Free text: sentences cannot be predicted");
  else if (column->kind == FW_KIND_DATETIME)
    why = _("Dates cannot be predicted");
  else if (column->n_missing == column->n_rows)
    why = _("Every cell is empty");
  else if (profile != NULL && profile->distinct < 2)
    why = _("It holds only one value: there is nothing to learn");
  else if (profile != NULL && !fw_column_is_numeric (column)
           && profile->distinct > FW_TARGET_MAX_CLASSES)
    why = many = g_strdup_printf (_("It has more than %d different values: too many to "
                                    "choose between"), FW_TARGET_MAX_CLASSES);

  if (reason != NULL)
    *reason = g_strdup (why);
  return why == NULL;
}

gboolean
fw_target_choice_can_be_sensitive (const FwColumn *column)
{
  g_return_val_if_fail (column != NULL, FALSE);

  return column->kind != FW_KIND_IDENTIFIER && column->kind != FW_KIND_TEXT
         && column->kind != FW_KIND_DATETIME;
}

void
fw_target_choice_suggest_sensitive (const FwTable *table,
                                    const char    *target,
                                    GPtrArray     *sensitive)
{
  g_return_if_fail (table != NULL && sensitive != NULL);

  for (int rank = 0; rank < FW_N_TRAITS; rank++)
    {
      gboolean taken = FALSE;

      for (int pass = 0; pass < 2 && !taken; pass++)
        for (guint c = 0; c < fw_table_n_columns (table) && !taken; c++)
          {
            const FwColumn *column = fw_table_column (table, c);

            if (fw_trait_of_column (column, NULL) != rank ||
                !fw_target_choice_can_be_sensitive (column) ||
                fw_column_is_numeric (column) != (pass == 1) ||
                g_strcmp0 (column->name, target) == 0)
              continue;
            taken = TRUE;
            if (!g_ptr_array_find_with_equal_func (sensitive, column->name, g_str_equal, NULL))
              g_ptr_array_add (sensitive, g_strdup (column->name));
          }
    }
}

static char *
describe (const FwTarget *t)
{
  if (t->task == FW_TASK_REGRESSION)
    return g_strdup (_("A number: the model will estimate how much"));
  if (t->task == FW_TASK_BINARY && t->positive >= 0)
    /* Translators: %s and %s are the two answers, such as “yes” and “no”. */
    return g_strdup_printf (_("A yes-or-no question: will it be “%s” or “%s”?"),
                            t->names[t->positive], t->names[1 - t->positive]);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "A choice between kinds: which one of %u will it be?",
                                       "A choice between kinds: which one of %u will it be?",
                                       t->n_classes), t->n_classes);
}

FwTargetChoice *
fw_target_choice_new (const FwTable   *table,
                      const FwRecipe  *recipe,
                      GError         **error)
{
  FwTarget t = FW_TARGET_INIT;
  g_autofree gsize *rows = NULL;
  const FwColumn *column;
  FwTargetChoice *choice;
  gsize n = 0;

  g_return_val_if_fail (table != NULL && recipe != NULL, NULL);

  column = recipe->target != NULL ? fw_table_column_by_name (table, recipe->target) : NULL;
  if (column == NULL)
    {
      g_set_error_literal (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_TARGET,
                           _("Choose what to predict"));
      return NULL;
    }
  rows = g_new (gsize, MAX (column->n_rows, 1));
  for (gsize r = 0; r < column->n_rows; r++)
    if (!fw_column_is_missing (column, r))
      rows[n++] = r;
  /* Clear the target whatever happens, as fw_target_init asks. */
  if (!fw_target_init (&t, column, recipe->task, rows, n, error) ||
      (t.task != FW_TASK_REGRESSION &&
       !fw_target_find_positive (&t, column, recipe->positive, error)))
    {
      fw_target_clear (&t);
      return NULL;
    }

  choice = g_new0 (FwTargetChoice, 1);
  choice->task = t.task;
  choice->n_classes = t.n_classes;
  choice->class_names = g_strdupv (t.names);
  choice->positive = t.positive;
  choice->sentence = describe (&t);
  if (t.task == FW_TASK_BINARY && t.n_classes == 2 && t.positive >= 0)
    {
      gboolean harmful = FALSE;
      int favourable = -1;

      /* A recipe answer that names no class (the data changed) is asked again. */
      choice->favourable_guessed =
        recipe->favourable == NULL ||
        !fw_favourable_resolve (column->name, (const char *const *) t.names, t.positive,
                                recipe->favourable, &harmful, &favourable, NULL);
      if (choice->favourable_guessed)
        fw_favourable_resolve (column->name, (const char *const *) t.names, t.positive, NULL,
                               &harmful, &favourable, NULL);
      choice->positive_is_good = !harmful;
      choice->favourable_question =
        g_strdup_printf (_("Is being predicted “%s” good for the person?"), t.names[t.positive]);
    }
  fw_target_clear (&t);
  return choice;
}

void
fw_target_choice_free (FwTargetChoice *choice)
{
  if (choice == NULL)
    return;
  g_strfreev (choice->class_names);
  g_free (choice->sentence);
  g_free (choice->favourable_question);
  g_free (choice);
}

void
fw_target_choice_set_favourable (const FwTargetChoice *choice,
                                 FwRecipe             *recipe,
                                 gboolean              good)
{
  g_return_if_fail (choice != NULL && recipe != NULL);
  g_return_if_fail (choice->favourable_question != NULL);

  g_free (recipe->favourable);
  recipe->favourable = g_strdup (choice->class_names[good ? choice->positive
                                                          : 1 - choice->positive]);
}
