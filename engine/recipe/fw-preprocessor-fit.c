/* fw-preprocessor-fit.c — fitting the cleaning steps on the training rows
 *
 * Fitting walks each column's steps in recipe order over a working copy of its training
 * values, so a scale fitted after an imputation sees the imputed values.  Every statistic
 * comes from the training rows alone.  A numeric column always ends up with a fill (the
 * training median when no step asked for one) and a text column with one (the training
 * mode), so no missing cell, in training or at prediction, reaches a model as NaN.  A
 * sentinel read as missing (treat_as_missing) comes before every other op; a date_parts
 * step makes one number input per part of the date.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "fw-date.h"
#include "fw-number.h"
#include "fw-preprocessor-private.h"
#include "fw-stats.h"
/* Statistics over the non-missing values of @v. */

/* The non-NaN values, sorted when @sort; returns how many. */
static gsize
present_values (const double *v,
                gsize         n,
                double       *out,
                gboolean      sort)
{
  gsize m = 0;

  for (gsize i = 0; i < n; i++)
    if (!isnan (v[i]))
      out[m++] = v[i];
  if (sort)
    fw_stats_sort (out, m);
  return m;
}

/* Most frequent of @m sorted values; ties go to the smallest, as pandas' mode lists it
 * first. */
double
fw_preprocessor_mode (const double *sorted,
                      gsize         m)
{
  double best = sorted[0];
  gsize best_count = 0;

  for (gsize start = 0, end; start < m; start = end)
    {
      for (end = start + 1; end < m && sorted[end] == sorted[start]; end++)
        ;
      if (end - start > best_count)
        {
          best_count = end - start;
          best = sorted[start];
        }
    }
  return best;
}

gboolean
fw_preprocessor_fit_op (const FwStep  *step,
                        const double  *v,
                        gsize          n,
                        double        *scratch,
                        FwOp          *out,
                        GError       **error)
{
  gsize m = present_values (v, n, scratch, step->kind == FW_STEP_IMPUTE_MODE);
  FwOp op = { FW_OP_FILL, 0.0, 0.0 };
  double sum = 0.0, squares = 0.0;

  switch (step->kind)
    {
    case FW_STEP_IMPUTE_MEAN:
      for (gsize i = 0; i < m; i++)
        sum += scratch[i];
      op.a = m > 0 ? sum / (double) m : 0.0;
      break;
    case FW_STEP_IMPUTE_MEDIAN:
      op.a = m > 0 ? fw_stats_quantile (scratch, m, 0.5) : 0.0;
      break;
    case FW_STEP_IMPUTE_MODE:
      op.a = m > 0 ? fw_preprocessor_mode (scratch, m) : 0.0;
      break;
    case FW_STEP_IMPUTE_CONSTANT:
      if (!fw_number_parse (step->constant, strlen (step->constant), FALSE, &op.a, NULL) ||
          !isfinite (op.a))
        {
          g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                       _("The constant “%s” to fill column “%s” with is not a number"),
                       step->constant, step->column);
          return FALSE;
        }
      break;
    case FW_STEP_CLIP_OUTLIERS:
      op.kind = FW_OP_CLIP;
      op.a = -DBL_MAX;
      op.b = DBL_MAX;
      /* The profile's far-out fences; with no spread (IQR 0) they say nothing: no clip. */
      if (m > 0)
        {
          double q1 = fw_stats_quantile (scratch, m, 0.25);
          double q3 = fw_stats_quantile (scratch, m, 0.75);

          if (q3 > q1)
            {
              op.a = q1 - FW_PROFILE_OUTLIER_IQR_FACTOR * (q3 - q1);
              op.b = q3 + FW_PROFILE_OUTLIER_IQR_FACTOR * (q3 - q1);
            }
        }
      break;
    case FW_STEP_STANDARDIZE:
      /* As scikit-learn's StandardScaler: population deviation, and 1 when it is 0. */
      op.kind = FW_OP_SCALE;
      for (gsize i = 0; i < m; i++)
        sum += scratch[i];
      op.a = m > 0 ? sum / (double) m : 0.0;
      for (gsize i = 0; i < m; i++)
        squares += (scratch[i] - op.a) * (scratch[i] - op.a);
      op.b = m > 0 && squares > 0.0 ? 1.0 / sqrt (squares / (double) m) : 1.0;
      if (!isfinite (op.b))
        op.b = 1.0;
      break;
    case FW_STEP_MIN_MAX:
      {
        double lo = m > 0 ? scratch[0] : 0.0, hi = lo;

        for (gsize i = 1; i < m; i++)
          {
            lo = MIN (lo, scratch[i]);
            hi = MAX (hi, scratch[i]);
          }
        op.kind = FW_OP_SCALE;
        op.a = lo;
        op.b = hi > lo && isfinite (1.0 / (hi - lo)) ? 1.0 / (hi - lo) : 1.0;
      }
      break;
    case FW_STEP_TREAT_AS_MISSING:
      op.kind = FW_OP_MISSING;
      if (!fw_number_parse (step->constant, strlen (step->constant), FALSE, &op.a, NULL) ||
          !isfinite (op.a))
        {
          g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                       _("The value “%s” to read as missing in column “%s” is not a number"),
                       step->constant, step->column);
          return FALSE;
        }
      break;
    case FW_STEP_DROP_COLUMN:
    case FW_STEP_DROP_MISSING_ROWS:
    case FW_STEP_ONE_HOT:
    case FW_STEP_MISSING_INDICATOR:
    case FW_STEP_DATE_PARTS:
    default:
      g_assert_not_reached ();
    }

  *out = op;
  return TRUE;
}

/* Fits the op for @step on @v (training values, NaN missing), then applies it to @v. */
static gboolean
fit_op (const FwStep *step,
        double       *v,
        gsize         n,
        double       *scratch,
        GArray       *ops,
        GError      **error)
{
  FwOp op;

  if (!fw_preprocessor_fit_op (step, v, n, scratch, &op, error))
    return FALSE;
  g_array_append_val (ops, op);
  for (gsize i = 0; i < n; i++)
    v[i] = fw_op_apply (&op, v[i]);
  return TRUE;
}

typedef struct
{
  const char *value;
  gsize       count;
} Tally;

static int
compare_tallies (const void *a,
                 const void *b)
{
  const Tally *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return strcmp (x->value, y->value);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Keeps the most frequent categories in @counts (value → count), sorted by bytes: at most
 * FW_ONE_HOT_MAX_CATEGORIES, and none seen in fewer than @min_count rows. */
static void
keep_categories (FwInput    *input,
                 GHashTable *counts,
                 guint       min_count)
{
  g_autofree Tally *tallies = g_new (Tally, g_hash_table_size (counts) + 1);
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (strcmp (key, FW_ONE_HOT_OTHER) != 0)    /* "other" is the catch-all slot already */
      tallies[n++] = (Tally) { key, GPOINTER_TO_SIZE (value) };
  qsort (tallies, n, sizeof (Tally), compare_tallies);
  for (guint i = 0; i < MIN (n, FW_ONE_HOT_MAX_CATEGORIES) && tallies[i].count >= min_count; i++)
    g_ptr_array_add (input->categories, g_strdup (tallies[i].value));
  g_ptr_array_sort (input->categories, compare_strings);
}

static void
tally (GHashTable *counts,
       const char *value,
       gsize       add)
{
  gpointer old = g_hash_table_lookup (counts, value);

  if (add > 0)
    g_hash_table_insert (counts, g_strdup (value), GSIZE_TO_POINTER (GPOINTER_TO_SIZE (old) + add));
}

/* The largest minimum count a one_hot step of the column asks for. */
static guint
min_count (const FwStep **steps,
           guint          n_steps)
{
  guint most = 0;

  for (guint i = 0; i < n_steps; i++)
    if (steps[i]->kind == FW_STEP_ONE_HOT)
      most = MAX (most, steps[i]->min_count);
  return most;
}

/* One-hot over text: the fill is the first imputation step's, else the training mode. */
static gboolean
fit_text (FwInput         *input,
          const FwColumn  *column,
          const FwStep   **steps,
          guint            n_steps,
          const gsize     *rows,
          gsize            n,
          GError         **error)
{
  guint size = fw_dictionary_size (column->dict);
  g_autofree gsize *code_counts = g_new0 (gsize, size + 1);
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gsize missing = 0, best = 0;

  for (gsize i = 0; i < n; i++)
    {
      guint32 code = column->data.codes[rows[i]];

      if (code == FW_CODE_MISSING)
        missing++;
      else
        code_counts[code]++;
    }
  for (guint i = 0; i < n_steps; i++)
    if (steps[i]->kind != FW_STEP_IMPUTE_MODE && steps[i]->kind != FW_STEP_IMPUTE_CONSTANT &&
        steps[i]->kind != FW_STEP_ONE_HOT && steps[i]->kind != FW_STEP_DROP_MISSING_ROWS)
      {
        g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                     _("The step “%s” needs numbers, but column “%s” holds categories"),
                     fw_step_kind_to_string (steps[i]->kind), steps[i]->column);
        return FALSE;
      }
  /* The first imputation wins: after it nothing is missing for a second one to fill. */
  for (guint i = 0; i < n_steps; i++)
    if (steps[i]->kind == FW_STEP_IMPUTE_CONSTANT || steps[i]->kind == FW_STEP_IMPUTE_MODE)
      {
        if (steps[i]->kind == FW_STEP_IMPUTE_CONSTANT)
          input->fill = g_strdup (steps[i]->constant);
        break;
      }
  /* The mode; ties go to the smallest value, as scikit-learn's most_frequent does. */
  if (input->fill == NULL)
    {
      const char *mode_value = NULL;

      for (guint code = 0; code < size; code++)
        {
          const char *value = fw_dictionary_get (column->dict, code);

          if (code_counts[code] > 0 &&
              (code_counts[code] > best ||
               (code_counts[code] == best && strcmp (value, mode_value) < 0)))
            {
              best = code_counts[code];
              mode_value = value;
            }
        }
      input->fill = g_strdup (mode_value);
    }

  for (guint code = 0; code < size; code++)
    tally (counts, fw_dictionary_get (column->dict, code), code_counts[code]);
  if (input->fill != NULL)
    tally (counts, input->fill, missing);
  keep_categories (input, counts, min_count (steps, n_steps));
  return TRUE;
}

/* Numbers, or one-hot over numbers: the ops in step order, a median fill first if none. */
static gboolean
fit_numbers (FwInput         *input,
             const FwColumn  *column,
             const FwStep   **steps,
             guint            n_steps,
             const gsize     *rows,
             gsize            n,
             GError         **error)
{
  g_autofree double *v = g_new (double, MAX (n, 1));
  g_autofree double *scratch = g_new (double, MAX (n, 1));
  gboolean has_fill = FALSE;

  for (gsize i = 0; i < n; i++)
    v[i] = fw_preprocessor_cell (column, rows[i]);
  /* Sentinels become missing first, wherever their steps stand, so that a fill sees them. */
  for (guint i = 0; i < n_steps; i++)
    if (steps[i]->kind == FW_STEP_TREAT_AS_MISSING &&
        !fit_op (steps[i], v, n, scratch, input->ops, error))
      return FALSE;
  for (guint i = 0; i < n_steps; i++)
    {
      has_fill = has_fill || steps[i]->kind == FW_STEP_IMPUTE_MEAN ||
                 steps[i]->kind == FW_STEP_IMPUTE_MEDIAN ||
                 steps[i]->kind == FW_STEP_IMPUTE_MODE ||
                 steps[i]->kind == FW_STEP_IMPUTE_CONSTANT;
      input->indicator = input->indicator || steps[i]->kind == FW_STEP_MISSING_INDICATOR;
    }
  if (!has_fill)
    {
      FwStep median = { FW_STEP_IMPUTE_MEDIAN, (char *) column->name, NULL };

      fit_op (&median, v, n, scratch, input->ops, error);
    }
  for (guint i = 0; i < n_steps; i++)
    if (steps[i]->kind != FW_STEP_ONE_HOT && steps[i]->kind != FW_STEP_DROP_MISSING_ROWS &&
        steps[i]->kind != FW_STEP_TREAT_AS_MISSING &&
        steps[i]->kind != FW_STEP_MISSING_INDICATOR &&
        !fit_op (steps[i], v, n, scratch, input->ops, error))
      return FALSE;

  if (input->from_numbers)
    {
      g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            NULL);

      /* Sorted, each distinct value is written out once. */
      gsize m = present_values (v, n, scratch, TRUE);

      for (gsize start = 0, end; start < m; start = end)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          for (end = start + 1; end < m && scratch[end] == scratch[start]; end++)
            ;
          tally (counts, fw_preprocessor_number_key (scratch[start], buf), end - start);
        }
      keep_categories (input, counts, min_count (steps, n_steps));
    }
  return TRUE;
}

/* A date_parts step: one number input per part, filled with the training median and
 * standardised, as a number column's suggestions would have it. */
static void
fit_dates (FwPreprocessor *pre,
           const FwColumn *column,
           const gsize    *rows,
           gsize           n)
{
  guint size = fw_dictionary_size (column->dict);
  g_autofree double *v = g_new (double, MAX (n, 1));
  g_autofree double *scratch = g_new (double, MAX (n, 1));
  g_autofree double *parts = g_new (double, size + 1);

  for (FwDatePart part = FW_DATE_YEAR; part < FW_N_DATE_PARTS; part++)
    {
      FwInput *input = fw_input_new (column->name);
      FwStep median = { FW_STEP_IMPUTE_MEDIAN, (char *) column->name, NULL };
      FwStep scale = { FW_STEP_STANDARDIZE, (char *) column->name, NULL };

      input->date_part = part;
      g_ptr_array_add (pre->inputs, input);
      for (guint code = 0; code < size; code++)
        parts[code] = fw_preprocessor_date_part (fw_dictionary_get (column->dict, code), part);
      for (gsize i = 0; i < n; i++)
        {
          guint32 code = column->data.codes[rows[i]];

          v[i] = code < size ? parts[code] : NAN;
        }
      fit_op (&median, v, n, scratch, input->ops, NULL);
      fit_op (&scale, v, n, scratch, input->ops, NULL);
    }
}

/* A days_between step: one number input, the later date's days less the earlier's,
 * missing when either is; filled with the training median and standardised, with a "was
 * missing" feature when more than FW_RECIPE_INDICATOR_FRACTION of the training rows miss. */
static gboolean
fit_days_between (FwPreprocessor *pre,
                  const FwTable  *table,
                  const FwStep   *step,
                  const gsize    *rows,
                  gsize           n,
                  GError        **error)
{
  const FwColumn *from = fw_table_column_by_name (table, step->column);
  const FwColumn *to = fw_table_column_by_name (table, step->to);
  g_autofree double *from_days = NULL, *to_days = NULL;
  g_autofree double *v = g_new (double, MAX (n, 1));
  g_autofree double *scratch = g_new (double, MAX (n, 1));
  FwStep median = { FW_STEP_IMPUTE_MEDIAN, step->column, NULL, NULL, NULL, 0 };
  FwStep scale = { FW_STEP_STANDARDIZE, step->column, NULL, NULL, NULL, 0 };
  FwInput *input;
  gsize missing = 0;

  if (from == NULL || to == NULL)
    {
      g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_COLUMN,
                   _("The recipe names column “%s”, which the data does not have"),
                   from == NULL ? step->column : step->to);
      return FALSE;
    }
  if (fw_column_is_numeric (from) || fw_column_is_numeric (to))
    {
      g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                   _("The step “%s” needs dates, but column “%s” holds numbers"),
                   "days_between", fw_column_is_numeric (from) ? from->name : to->name);
      return FALSE;
    }
  from_days = fw_column_date_days (from);
  to_days = fw_column_date_days (to);
  for (gsize i = 0; i < n; i++)
    {
      v[i] = fw_preprocessor_days (to, to_days, rows[i]) -
             fw_preprocessor_days (from, from_days, rows[i]);
      missing += isnan (v[i]);
    }
  input = fw_input_new (step->column);
  input->days_to = g_strdup (step->to);
  input->name = fw_step_days_between_name (step);
  input->indicator = (double) missing > FW_RECIPE_INDICATOR_FRACTION * (double) n;
  g_ptr_array_add (pre->inputs, input);
  fit_op (&median, v, n, scratch, input->ops, NULL);
  fit_op (&scale, v, n, scratch, input->ops, NULL);
  return TRUE;
}

static gboolean
name_listed (const GPtrArray *names,
             const char      *name)
{
  for (guint i = 0; i < names->len; i++)
    if (strcmp (g_ptr_array_index (names, i), name) == 0)
      return TRUE;
  return FALSE;
}

FwPreprocessor *
fw_preprocessor_fit (const FwTable  *table,
                     const FwRecipe *recipe,
                     guint           target,
                     const gsize    *train_rows,
                     gsize           n_train,
                     GCancellable   *cancellable,
                     GError        **error)
{
  g_autoptr(FwPreprocessor) pre = g_new0 (FwPreprocessor, 1);
  g_autofree const FwStep **steps = g_new (const FwStep *, recipe->steps->len + 1);

  pre->inputs = g_ptr_array_new_with_free_func (fw_input_free);
  for (guint c = 0; c < fw_table_n_columns (table); c++)
    {
      const FwColumn *column = fw_table_column (table, c);
      gboolean dropped = FALSE, claimed = FALSE, one_hot = FALSE, dates = FALSE;
      guint n_steps = 0;
      FwInput *input;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (c == target ||
          (!recipe->sensitive_as_features && name_listed (recipe->sensitive, column->name)))
        continue;
      for (guint i = 0; i < recipe->steps->len; i++)
        {
          const FwStep *step = g_ptr_array_index (recipe->steps, i);

          if (strcmp (step->column, column->name) != 0 || step->kind == FW_STEP_DAYS_BETWEEN)
            continue;
          steps[n_steps++] = step;
          dropped = dropped || step->kind == FW_STEP_DROP_COLUMN;
          one_hot = one_hot || step->kind == FW_STEP_ONE_HOT;
          dates = dates || step->kind == FW_STEP_DATE_PARTS;
          claimed = claimed || step->kind == FW_STEP_DATE_PARTS || step->kind == FW_STEP_ONE_HOT ||
                    step->kind == FW_STEP_STANDARDIZE || step->kind == FW_STEP_MIN_MAX ||
                    step->kind == FW_STEP_CLIP_OUTLIERS;
        }
      /* IDs, prose and dates say nothing a model can use, unless a step asks for them. */
      if (dropped ||
          (!claimed && (column->kind == FW_KIND_IDENTIFIER || column->kind == FW_KIND_TEXT ||
                        column->kind == FW_KIND_DATETIME)))
        continue;

      if (dates)
        {
          if (fw_column_is_numeric (column))
            {
              g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                           _("The step “%s” needs dates, but column “%s” holds numbers"),
                           "date_parts", column->name);
              return NULL;
            }
          fit_dates (pre, column, train_rows, n_train);
          continue;
        }
      input = fw_input_new (column->name);
      g_ptr_array_add (pre->inputs, input);
      input->one_hot = one_hot || !fw_column_is_numeric (column);
      input->from_numbers = input->one_hot && fw_column_is_numeric (column);
      if (!(fw_column_is_numeric (column)
            ? fit_numbers (input, column, steps, n_steps, train_rows, n_train, error)
            : fit_text (input, column, steps, n_steps, train_rows, n_train, error)))
        return NULL;
    }
  /* Days between two dates stand apart from either column's own steps: a date is dropped as
   * a feature and still counted from. */
  for (guint i = 0; i < recipe->steps->len; i++)
    {
      const FwStep *step = g_ptr_array_index (recipe->steps, i);

      if (step->kind != FW_STEP_DAYS_BETWEEN ||
          (!recipe->sensitive_as_features && (name_listed (recipe->sensitive, step->column) ||
                                              name_listed (recipe->sensitive, step->to))))
        continue;
      if (!fit_days_between (pre, table, step, train_rows, n_train, error))
        return NULL;
    }
  fw_preprocessor_finish (pre);
  if (pre->n_features == 0)
    {
      g_set_error_literal (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                           _("No column is left to learn from: every one is the target, "
                             "sensitive, dropped, or an ID, free text or a date"));
      return NULL;
    }
  return g_steal_pointer (&pre);
}

