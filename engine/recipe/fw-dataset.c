/* fw-dataset.c — a recipe applied to a table: target, task, classes, split, features
 *
 * The split comes first, over the rows that have a target; then rows the recipe drops for
 * missing values leave the training part only (validation and test rows stand for new data,
 * which is imputed instead, as at prediction); then every statistic is fitted on what is
 * left of the training part; then all three parts go through the same transform that
 * fw_preprocessor_transform applies to new data, so they match it exactly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>
#include "fw-dataset.h"
#include "fw-favourable.h"
#include "fw-error.h"
#include "fw-preprocessor-private.h"
#include "fw-sensitive.h"
#include "fw-split.h"
#include "fw-target.h"

/* fw-target.h's rules, and a refusal of any target with nothing to learn from. */
static gboolean
resolve_target (const FwColumn *column,
                FwTask          task,
                const char     *positive,
                const gsize    *rows,
                gsize           n,
                FwTarget       *t,
                GError        **error)
{
  /* Before the classes are counted: an ID has more of them than any limit. */
  if (task == FW_TASK_AUTO && !fw_column_is_numeric (column) &&
      (column->kind == FW_KIND_IDENTIFIER || column->kind == FW_KIND_DATETIME))
    return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_TARGET,
                         column->kind == FW_KIND_IDENTIFIER
                         ? _("The column to predict, “%s”, looks like an ID: every row has its "
                         "own value")
                         : _("The column to predict, “%s”, holds dates, which cannot be "
                         "predicted"), column->name);
  if (!fw_target_init (t, column, task, rows, n, error))
    return FALSE;
  if (t->n_values < 2)
    return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_TARGET,
                         _("The column to predict, “%s”, holds only one value: there "
                           "is nothing to learn"), column->name);
  if (t->task == FW_TASK_REGRESSION)
    return TRUE;
  if (t->task == FW_TASK_BINARY && t->n_classes != 2)
    return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_TARGET,
                         _("The column to predict, “%s”, has %u different values, but "
                           "a yes/no task needs exactly 2"), column->name, t->n_classes);
  return fw_target_find_positive (t, column, positive, error);
}

/* Every column the recipe names must exist; steps must leave the target alone. */
static gboolean
check_names (const FwTable  *table,
             const FwRecipe *recipe,
             const char     *target,
             GError        **error)
{
  for (guint i = 0; i < recipe->steps->len; i++)
    {
      const FwStep *step = g_ptr_array_index (recipe->steps, i);

      const char *absent = fw_table_column_index (table, step->column) < 0 ? step->column
                           : step->to != NULL && fw_table_column_index (table, step->to) < 0
                           ? step->to : NULL;

      if (absent != NULL)
        {
          g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_COLUMN,
                       _("The cleaning step “%s” names column “%s”, which the table does not "
                         "have"), fw_step_kind_to_string (step->kind), absent);
          return FALSE;
        }
      if ((strcmp (step->column, target) == 0 && step->kind != FW_STEP_DROP_MISSING_ROWS) ||
          g_strcmp0 (step->to, target) == 0)
        {
          g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                       _("The cleaning step “%s” would change “%s”, the column to predict; "
                         "remove the step or predict another column"),
                       fw_step_kind_to_string (step->kind), step->column);
          return FALSE;
        }
    }
  for (guint i = 0; i < recipe->sensitive->len; i++)
    {
      const char *name = g_ptr_array_index (recipe->sensitive, i);

      if (fw_table_column_index (table, name) < 0)
        {
          g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_COLUMN,
                       _("The sensitive column “%s” is not in the table"), name);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
cell_missing (const FwColumn *column,
              gsize           row)
{
  return fw_column_is_numeric (column) ? isnan (fw_preprocessor_cell (column, row))
                                       : column->data.codes[row] == FW_CODE_MISSING;
}

/* The training rows left after "drop rows with missing" steps.  A step after an imputation
 * of the same column finds nothing missing, as it would in a table cleaned step by step. */
static gsize *
kept_training_rows (const FwTable  *table,
                    const FwRecipe *recipe,
                    const gsize    *rows,
                    gsize           n,
                    gsize          *n_kept)
{
  g_autoptr(GPtrArray) dropping = g_ptr_array_new ();
  g_autoptr(GHashTable) imputed = g_hash_table_new (g_str_hash, g_str_equal);
  gsize *kept = g_new (gsize, MAX (n, 1)), m = 0;

  for (guint i = 0; i < recipe->steps->len; i++)
    {
      const FwStep *step = g_ptr_array_index (recipe->steps, i);

      if (step->kind == FW_STEP_IMPUTE_MEAN || step->kind == FW_STEP_IMPUTE_MEDIAN ||
          step->kind == FW_STEP_IMPUTE_MODE || step->kind == FW_STEP_IMPUTE_CONSTANT)
        g_hash_table_add (imputed, step->column);
      else if (step->kind == FW_STEP_DROP_MISSING_ROWS &&
               !g_hash_table_contains (imputed, step->column))
        g_ptr_array_add (dropping, fw_table_column_by_name (table, step->column));
    }
  for (gsize i = 0; i < n; i++)
    {
      gboolean keep = TRUE;

      for (guint k = 0; k < dropping->len && keep; k++)
        keep = !cell_missing (g_ptr_array_index (dropping, k), rows[i]);
      if (keep)
        kept[m++] = rows[i];
    }
  *n_kept = m;
  return kept;
}

/* Group codes of every sensitive column (and, on request, of the first two's intersection),
 * gathered for each part's rows: the fairness metrics need them beside the features they
 * are kept out of. */
static void
fill_sensitive (FwDataset      *dataset,
                const FwTable  *table,
                const FwRecipe *recipe,
                const FwSplit  *split,
                const gsize    *kept,
                gsize           n_kept)
{
  guint n_columns = recipe->sensitive->len;
  gboolean intersect = recipe->intersect_sensitive && n_columns >= 2;
  guint n = n_columns + (intersect ? 1 : 0);
  g_autofree guint32 **codes = g_new0 (guint32 *, n + 1);

  dataset->n_sensitive = n;
  dataset->sensitive_names = g_new0 (char *, n + 1);
  dataset->sensitive_groups = g_new0 (char **, n + 1);
  for (guint a = 0; a < n_columns; a++)
    {
      const char *name = g_ptr_array_index (recipe->sensitive, a);

      fw_sensitive_groups (fw_table_column_by_name (table, name), &codes[a],
                           &dataset->sensitive_groups[a]);
      dataset->sensitive_names[a] = g_strdup (name);
    }
  if (intersect)
    {
      fw_sensitive_intersect_groups (codes[0], (const char *const *) dataset->sensitive_groups[0],
                                     codes[1], (const char *const *) dataset->sensitive_groups[1],
                                     fw_table_n_rows (table), &codes[n_columns],
                                     &dataset->sensitive_groups[n_columns], NULL);
      dataset->sensitive_names[n_columns] = g_strdup_printf ("%s × %s", dataset->sensitive_names[0],
                                                             dataset->sensitive_names[1]);
    }

  for (guint p = 0; p < FW_N_PARTS; p++)
    {
      const gsize *rows = p == FW_PART_TRAIN ? kept : split->rows[p];
      gsize rows_n = p == FW_PART_TRAIN ? n_kept : split->n[p];

      dataset->parts[p].sensitive = g_new0 (guint32 *, MAX (n, 1));
      for (guint a = 0; a < n; a++)
        {
          guint32 *part_codes = g_new (guint32, MAX (rows_n, 1));

          for (gsize i = 0; i < rows_n; i++)
            part_codes[i] = codes[a][rows[i]];
          dataset->parts[p].sensitive[a] = part_codes;
        }
    }
  for (guint a = 0; a < n; a++)
    g_free (codes[a]);
}

static gboolean
fill_part (FwDataset      *dataset,
           FwPart          part,
           const FwTable  *table,
           const FwColumn *target,
           const FwTarget *t,
           const gsize    *rows,
           gsize           n,
           GError        **error)
{
  FwDataPart *p = &dataset->parts[part];

  p->n = n;
  p->source_rows = g_memdup2 (rows, MAX (n, 1) * sizeof (gsize));
  p->x = g_new (float, MAX (n * dataset->n_features, 1));
  if (!fw_preprocessor_transform_rows (dataset->preprocessor, table, rows, n, p->x, error))
    return FALSE;
  if (t->task == FW_TASK_REGRESSION)
    {
      p->values = g_new (float, MAX (n, 1));
      for (gsize i = 0; i < n; i++)
        p->values[i] = (float) fw_preprocessor_cell (target, rows[i]);
    }
  else
    {
      p->labels = g_new (guint32, MAX (n, 1));
      for (gsize i = 0; i < n; i++)
        p->labels[i] = t->labels[rows[i]];
    }
  return TRUE;
}

/* Checks @recipe against @table, resolves its target into @t and deals the rows that have
 * one into the recipe's seeded parts. */
static FwSplit *
split_rows (const FwTable  *table,
            const FwRecipe *recipe,
            FwTarget       *t,
            int            *target_index,
            GError        **error)
{
  g_autofree gsize *rows = NULL;
  g_autofree guint32 *strata = NULL;
  const FwColumn *target;
  double fractions[FW_N_PARTS];
  gsize n = 0;
  gboolean stratify;

  if (!fw_recipe_validate (recipe, error))
    return NULL;
  if (recipe->target == NULL)
    {
      g_set_error_literal (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_TARGET,
                           _("Choose the column to predict first"));
      return NULL;
    }
  *target_index = fw_table_column_index (table, recipe->target);
  if (*target_index < 0)
    {
      fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_TARGET,
                    _("The table has no column “%s” to predict"), recipe->target);
      return NULL;
    }
  if (!check_names (table, recipe, recipe->target, error))
    return NULL;
  target = fw_table_column (table, (guint) *target_index);

  /* Rows without a target can neither teach nor be scored. */
  rows = g_new (gsize, MAX (target->n_rows, 1));
  for (gsize i = 0; i < target->n_rows; i++)
    if (!cell_missing (target, i))
      rows[n++] = i;
  if (n == 0)
    {
      fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_TARGET,
                    _("The column to predict, “%s”, is empty in every row"),
                    target->name);
      return NULL;
    }
  if (!resolve_target (target, recipe->task, recipe->positive, rows, n, t, error))
    return NULL;

  fractions[FW_PART_TRAIN] = recipe->split.train;
  fractions[FW_PART_VALIDATION] = recipe->split.validation;
  fractions[FW_PART_TEST] = recipe->split.test;
  stratify = recipe->split.stratify && t->task != FW_TASK_REGRESSION;
  if (stratify)
    {
      strata = g_new (guint32, n);
      for (gsize i = 0; i < n; i++)
        strata[i] = t->labels[rows[i]];
    }
  return fw_split_new (rows, n, strata, stratify ? t->n_classes : 0, fractions, recipe->seed);
}

gsize *
fw_dataset_training_rows (const FwTable  *table,
                          const FwRecipe *recipe,
                          FwTarget       *t,
                          gsize          *n_rows,
                          GError        **error)
{
  g_autoptr(FwSplit) split = NULL;
  int target_index;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (recipe != NULL, NULL);
  g_return_val_if_fail (t != NULL && n_rows != NULL, NULL);

  split = split_rows (table, recipe, t, &target_index, error);
  if (split == NULL)
    return NULL;
  *n_rows = split->n[FW_PART_TRAIN];
  if (*n_rows == 0)
    return g_new (gsize, 1);
  return g_steal_pointer (&split->rows[FW_PART_TRAIN]);
}

FwDataset *
fw_dataset_prepare (const FwTable  *table,
                    const FwRecipe *recipe,
                    GCancellable   *cancellable,
                    GError        **error)
{
  g_autoptr(FwDataset) dataset = NULL;
  g_autoptr(FwSplit) split = NULL;
  g_autofree gsize *kept = NULL;
  const FwColumn *target;
  FwTarget t = FW_TARGET_INIT;
  gsize n_kept;
  int target_index = -1;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (recipe != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  split = split_rows (table, recipe, &t, &target_index, error);
  if (split == NULL)
    {
      fw_target_clear (&t);
      return NULL;
    }
  target = fw_table_column (table, (guint) target_index);
  kept = kept_training_rows (table, recipe, split->rows[FW_PART_TRAIN], split->n[FW_PART_TRAIN],
                             &n_kept);

  dataset = g_new0 (FwDataset, 1);
  dataset->task = t.task;
  dataset->n_classes = t.task == FW_TASK_REGRESSION ? 0 : t.n_classes;
  dataset->class_names = t.task == FW_TASK_REGRESSION ? NULL : g_steal_pointer (&t.names);
  dataset->positive = MAX (t.positive, 0);
  dataset->min_group_rows = recipe->min_group_rows;
  dataset->favourable = -1;
  if (dataset->class_names != NULL &&
      !fw_favourable_resolve (target->name, (const char *const *) dataset->class_names,
                              dataset->positive, recipe->favourable,
                              &dataset->positive_is_harmful, &dataset->favourable, error))
    {
      fw_target_clear (&t);
      return NULL;
    }
  if (n_kept == 0)
    g_set_error_literal (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                         _("No rows are left to learn from: the training part is empty once "
                           "rows with missing values are dropped"));
  else
    dataset->preprocessor = fw_preprocessor_fit (table, recipe, (guint) target_index, kept,
                                                 n_kept, cancellable, error);
  if (dataset->preprocessor == NULL)
    {
      fw_target_clear (&t);
      return NULL;
    }
  dataset->n_features = dataset->preprocessor->n_features;
  dataset->feature_names = g_strdupv (dataset->preprocessor->feature_names);
  fill_sensitive (dataset, table, recipe, split, kept, n_kept);

  for (guint p = 0; p < FW_N_PARTS; p++)
    {
      const gsize *part_rows = p == FW_PART_TRAIN ? kept : split->rows[p];
      gsize part_n = p == FW_PART_TRAIN ? n_kept : split->n[p];

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !fill_part (dataset, (FwPart) p, table, target, &t, part_rows, part_n, error))
        {
          fw_target_clear (&t);
          return NULL;
        }
    }
  fw_target_clear (&t);
  return g_steal_pointer (&dataset);
}

void
fw_dataset_free (FwDataset *dataset)
{
  if (dataset == NULL)
    return;
  for (guint p = 0; p < FW_N_PARTS; p++)
    {
      g_free (dataset->parts[p].x);
      g_free (dataset->parts[p].labels);
      g_free (dataset->parts[p].values);
      g_free (dataset->parts[p].weights);
      g_free (dataset->parts[p].source_rows);
      for (guint a = 0; a < dataset->n_sensitive; a++)
        g_free (dataset->parts[p].sensitive[a]);
      g_free (dataset->parts[p].sensitive);
    }
  for (guint a = 0; a < dataset->n_sensitive; a++)
    g_strfreev (dataset->sensitive_groups[a]);
  g_free (dataset->sensitive_groups);
  g_strfreev (dataset->sensitive_names);
  g_strfreev (dataset->class_names);
  g_strfreev (dataset->feature_names);
  fw_preprocessor_free (dataset->preprocessor);
  g_free (dataset);
}
