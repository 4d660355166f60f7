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
#include <stdlib.h>
#include <string.h>
#include "fw-number.h"
#include "fw-preprocessor-private.h"
#include "fw-sensitive.h"
#include "fw-split.h"

/* A numeric target with at most this many distinct whole values is a set of classes. */
#define MAX_INTEGER_CLASSES 20
/* Past this many classes a "target" is a free-text column picked by mistake. */
#define MAX_CLASSES 1000
/* Class names quoted in an error message at most. */
#define MAX_LISTED 20

#define NO_LABEL G_MAXUINT32

typedef struct
{
  FwTask    task;
  guint     n_classes;
  char    **names;              /* sorted as scikit-learn sorts classes_ */
  double   *values;             /* numeric targets: the class values, ascending */
  gsize    *counts;
  guint32  *labels;             /* per table row; NO_LABEL where the target is missing */
  guint     positive;
} Target;

static void
target_clear (Target *t)
{
  g_strfreev (t->names);
  g_free (t->values);
  g_free (t->counts);
  g_free (t->labels);
}

static gboolean target_error (GError    **error,
                              const char *format,
                              ...) G_GNUC_PRINTF (2, 3);

static gboolean
target_error (GError    **error,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_TARGET, message);
  return FALSE;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Numbers: classes are the distinct values, in numeric order. */
static gboolean
numeric_classes (const FwColumn *column,
                 const gsize    *rows,
                 gsize           n,
                 Target         *t,
                 GError        **error)
{
  g_autofree double *sorted = g_new (double, n);
  gboolean integers = TRUE;
  gsize distinct = 0;

  for (gsize i = 0; i < n; i++)
    {
      sorted[i] = fw_preprocessor_cell (column, rows[i]);
      integers = integers && sorted[i] == floor (sorted[i]);
    }
  qsort (sorted, n, sizeof (double), compare_doubles);
  for (gsize i = 0; i < n; i++)
    if (i == 0 || sorted[i] != sorted[i - 1])
      sorted[distinct++] = sorted[i];

  if (distinct < 2)
    return target_error (error, _("The column to predict, “%s”, holds only one value: there "
                                  "is nothing to learn"), column->name);
  if (t->task == FW_TASK_AUTO)
    t->task = !integers || distinct > MAX_INTEGER_CLASSES ? FW_TASK_REGRESSION
              : distinct == 2 ? FW_TASK_BINARY : FW_TASK_MULTICLASS;
  if (t->task == FW_TASK_REGRESSION)
    return TRUE;
  if (distinct > MAX_CLASSES)
    return target_error (error, _("The column to predict, “%s”, has more than 1000 different "
                                  "values: too many classes to learn"), column->name);

  t->n_classes = (guint) distinct;
  t->values = g_memdup2 (sorted, distinct * sizeof (double));
  t->names = g_new0 (char *, distinct + 1);
  for (guint c = 0; c < distinct; c++)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      t->names[c] = g_strdup (fw_number_format (sorted[c], column->storage == FW_STORAGE_FLOAT32,
                                                buf, sizeof buf));
    }
  for (gsize i = 0; i < n; i++)
    {
      double x = fw_preprocessor_cell (column, rows[i]);
      const double *hit = bsearch (&x, t->values, distinct, sizeof (double), compare_doubles);

      t->labels[rows[i]] = (guint32) (hit - t->values);
    }
  return TRUE;
}

/* Text: classes are the values present, in byte order (Python's order for str). */
static gboolean
text_classes (const FwColumn *column,
              const gsize    *rows,
              gsize           n,
              Target         *t,
              GError        **error)
{
  guint size = fw_dictionary_size (column->dict);
  g_autofree guint32 *class_of = g_new (guint32, size + 1);
  g_autofree const char **present = g_new (const char *, size + 1);
  guint distinct = 0;

  if (t->task == FW_TASK_REGRESSION)
    return target_error (error, _("The column to predict, “%s”, holds words, not numbers: it "
                                  "needs a classification task"), column->name);
  if (t->task == FW_TASK_AUTO &&
      (column->kind == FW_KIND_IDENTIFIER || column->kind == FW_KIND_DATETIME))
    return target_error (error, column->kind == FW_KIND_IDENTIFIER
                         ? _("The column to predict, “%s”, looks like an ID: every row has its "
                             "own value")
                         : _("The column to predict, “%s”, holds dates, which cannot be "
                             "predicted"), column->name);

  memset (class_of, 0, (size + 1) * sizeof (guint32));
  for (gsize i = 0; i < n; i++)
    class_of[column->data.codes[rows[i]]] = 1;
  for (guint code = 0; code < size; code++)
    if (class_of[code])
      present[distinct++] = fw_dictionary_get (column->dict, code);
  if (distinct < 2)
    return target_error (error, _("The column to predict, “%s”, holds only one value: there "
                                  "is nothing to learn"), column->name);
  if (distinct > MAX_CLASSES)
    return target_error (error, _("The column to predict, “%s”, has more than 1000 different "
                                  "values: too many classes to learn"), column->name);
  if (t->task == FW_TASK_AUTO)
    t->task = distinct == 2 ? FW_TASK_BINARY : FW_TASK_MULTICLASS;

  qsort (present, distinct, sizeof (const char *), compare_strings);
  t->n_classes = distinct;
  t->names = g_new0 (char *, distinct + 1);
  for (guint c = 0; c < distinct; c++)
    {
      t->names[c] = g_strdup (present[c]);
      class_of[fw_dictionary_lookup (column->dict, present[c])] = c;
    }
  for (gsize i = 0; i < n; i++)
    t->labels[rows[i]] = class_of[column->data.codes[rows[i]]];
  return TRUE;
}

static char *
list_classes (const Target *t)
{
  GString *list = g_string_new (NULL);

  for (guint c = 0; c < MIN (t->n_classes, MAX_LISTED); c++)
    g_string_append_printf (list, "%s“%s”", c > 0 ? ", " : "", t->names[c]);
  if (t->n_classes > MAX_LISTED)
    g_string_append (list, ", …");
  return g_string_free (list, FALSE);
}

/* recipe->positive, else "1", "yes" or "true", else the rarer class (ties: the second). */
static gboolean
resolve_positive (Target         *t,
                  const FwColumn *column,
                  const char     *positive,
                  GError        **error)
{
  static const char *const words[] = { "1", "yes", "true" };
  g_autofree char *list = NULL;
  double number;

  t->positive = 0;
  if (positive != NULL)
    {
      for (guint c = 0; c < t->n_classes; c++)
        if (strcmp (t->names[c], positive) == 0 ||
            (t->values != NULL && fw_number_parse (positive, strlen (positive), FALSE, &number,
                                                   NULL) && number == t->values[c]))
          {
            t->positive = c;
            return TRUE;
          }
      list = list_classes (t);
      g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                   _("“%s” is not a value of “%s”, so it cannot be the positive class; the "
                     "classes are %s"), positive, column->name, list);
      return FALSE;
    }
  if (t->task != FW_TASK_BINARY)
    return TRUE;
  for (guint w = 0; w < G_N_ELEMENTS (words); w++)
    for (guint c = 0; c < t->n_classes; c++)
      if (g_ascii_strcasecmp (t->names[c], words[w]) == 0)
        {
          t->positive = c;
          return TRUE;
        }
  t->positive = t->counts[1] <= t->counts[0] ? 1 : 0;
  return TRUE;
}

static gboolean
resolve_target (const FwColumn *column,
                FwTask          task,
                const char     *positive,
                const gsize    *rows,
                gsize           n,
                Target         *t,
                GError        **error)
{
  t->task = task;
  t->labels = g_new (guint32, MAX (column->n_rows, 1));
  for (gsize i = 0; i < column->n_rows; i++)
    t->labels[i] = NO_LABEL;
  if (!(fw_column_is_numeric (column) ? numeric_classes (column, rows, n, t, error)
                                      : text_classes (column, rows, n, t, error)))
    return FALSE;
  if (t->task == FW_TASK_REGRESSION)
    return TRUE;
  if (t->task == FW_TASK_BINARY && t->n_classes != 2)
    {
      g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_TARGET,
                   _("The column to predict, “%s”, has %u different values, but a yes/no "
                     "task needs exactly 2"), column->name, t->n_classes);
      return FALSE;
    }
  t->counts = g_new0 (gsize, t->n_classes);
  for (gsize i = 0; i < n; i++)
    t->counts[t->labels[rows[i]]]++;
  return resolve_positive (t, column, positive, error);
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

      if (fw_table_column_index (table, step->column) < 0)
        {
          g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_COLUMN,
                       _("The cleaning step “%s” names column “%s”, which the table does not "
                         "have"), fw_step_kind_to_string (step->kind), step->column);
          return FALSE;
        }
      if (strcmp (step->column, target) == 0 && step->kind != FW_STEP_DROP_MISSING_ROWS)
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

/* Group codes of every sensitive column, gathered for each part's rows: the fairness
 * metrics need them beside the features they are kept out of. */
static void
fill_sensitive (FwDataset      *dataset,
                const FwTable  *table,
                const FwRecipe *recipe,
                const FwSplit  *split,
                const gsize    *kept,
                gsize           n_kept)
{
  guint n = recipe->sensitive->len;

  dataset->n_sensitive = n;
  dataset->sensitive_names = g_new0 (char *, n + 1);
  dataset->sensitive_groups = g_new0 (char **, n + 1);
  for (guint p = 0; p < FW_N_PARTS; p++)
    dataset->parts[p].sensitive = g_new0 (guint32 *, MAX (n, 1));
  for (guint a = 0; a < n; a++)
    {
      const char *name = g_ptr_array_index (recipe->sensitive, a);
      g_autofree guint32 *codes = NULL;

      fw_sensitive_groups (fw_table_column_by_name (table, name), &codes,
                           &dataset->sensitive_groups[a]);
      dataset->sensitive_names[a] = g_strdup (name);
      for (guint p = 0; p < FW_N_PARTS; p++)
        {
          const gsize *rows = p == FW_PART_TRAIN ? kept : split->rows[p];
          gsize rows_n = p == FW_PART_TRAIN ? n_kept : split->n[p];
          guint32 *part_codes = g_new (guint32, MAX (rows_n, 1));

          for (gsize i = 0; i < rows_n; i++)
            part_codes[i] = codes[rows[i]];
          dataset->parts[p].sensitive[a] = part_codes;
        }
    }
}

static gboolean
fill_part (FwDataset      *dataset,
           FwPart          part,
           const FwTable  *table,
           const FwColumn *target,
           const Target   *t,
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

FwDataset *
fw_dataset_prepare (const FwTable  *table,
                    const FwRecipe *recipe,
                    GCancellable   *cancellable,
                    GError        **error)
{
  g_autoptr(FwDataset) dataset = NULL;
  g_autoptr(FwSplit) split = NULL;
  g_autofree gsize *rows = NULL;
  g_autofree gsize *kept = NULL;
  const FwColumn *target;
  Target t = { 0 };
  double fractions[FW_N_PARTS];
  gsize n = 0, n_kept;
  int target_index;
  gboolean stratify;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (recipe != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!fw_recipe_validate (recipe, error))
    return NULL;
  if (recipe->target == NULL)
    {
      g_set_error_literal (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_TARGET,
                           _("Choose the column to predict first"));
      return NULL;
    }
  target_index = fw_table_column_index (table, recipe->target);
  if (target_index < 0)
    {
      target_error (error, _("The table has no column “%s” to predict"), recipe->target);
      return NULL;
    }
  if (!check_names (table, recipe, recipe->target, error))
    return NULL;
  target = fw_table_column (table, (guint) target_index);

  /* Rows without a target can neither teach nor be scored. */
  rows = g_new (gsize, MAX (target->n_rows, 1));
  for (gsize i = 0; i < target->n_rows; i++)
    if (!cell_missing (target, i))
      rows[n++] = i;
  if (n == 0)
    {
      target_error (error, _("The column to predict, “%s”, is empty in every row"),
                    target->name);
      return NULL;
    }
  if (!resolve_target (target, recipe->task, recipe->positive, rows, n, &t, error))
    {
      target_clear (&t);
      return NULL;
    }

  fractions[FW_PART_TRAIN] = recipe->split.train;
  fractions[FW_PART_VALIDATION] = recipe->split.validation;
  fractions[FW_PART_TEST] = recipe->split.test;
  stratify = recipe->split.stratify && t.task != FW_TASK_REGRESSION;
  {
    g_autofree guint32 *strata = NULL;

    if (stratify)
      {
        strata = g_new (guint32, n);
        for (gsize i = 0; i < n; i++)
          strata[i] = t.labels[rows[i]];
      }
    split = fw_split_new (rows, n, strata, stratify ? t.n_classes : 0, fractions, recipe->seed);
  }
  kept = kept_training_rows (table, recipe, split->rows[FW_PART_TRAIN], split->n[FW_PART_TRAIN],
                             &n_kept);

  dataset = g_new0 (FwDataset, 1);
  dataset->task = t.task;
  dataset->n_classes = t.task == FW_TASK_REGRESSION ? 0 : t.n_classes;
  dataset->class_names = t.task == FW_TASK_REGRESSION ? NULL : g_steal_pointer (&t.names);
  dataset->positive = t.positive;
  if (n_kept == 0)
    g_set_error_literal (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                         _("No rows are left to learn from: the training part is empty once "
                           "rows with missing values are dropped"));
  else
    dataset->preprocessor = fw_preprocessor_fit (table, recipe, (guint) target_index, kept,
                                                 n_kept, cancellable, error);
  if (dataset->preprocessor == NULL)
    {
      target_clear (&t);
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
          target_clear (&t);
          return NULL;
        }
    }
  target_clear (&t);
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
