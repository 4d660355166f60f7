/* fw-preprocessor.c — the fitted preprocessor: its parts, and turning rows into features
 *
 * Fitting lives in fw-preprocessor-fit.c, JSON in fw-preprocessor-json.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include "fw-date.h"
#include "fw-number.h"
#include "fw-preprocessor-private.h"
const char *const fw_date_part_names[FW_N_DATE_PARTS] = { NULL, "year", "month", "weekday" };

double
fw_preprocessor_date_part (const char *text,
                           FwDatePart  part)
{
  guint year = 0, month = 0, day = 0;
  g_autoptr(GDate) date = NULL;

  if (!fw_date_parse (text, &year, &month, &day))
    return NAN;
  switch (part)
    {
    case FW_DATE_YEAR:
      return year;
    case FW_DATE_MONTH:
      return month;
    case FW_DATE_WEEKDAY:
      date = g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
      return g_date_get_weekday (date);
    case FW_DATE_NONE:
    default:
      return NAN;
    }
}

FwInput *
fw_input_new (const char *column)
{
  FwInput *input = g_new0 (FwInput, 1);

  input->column = g_strdup (column);
  input->ops = g_array_new (FALSE, FALSE, sizeof (FwOp));
  input->categories = g_ptr_array_new_with_free_func (g_free);
  input->slots = g_hash_table_new (g_str_hash, g_str_equal);
  return input;
}

void
fw_input_free (gpointer data)
{
  FwInput *input = data;

  g_free (input->column);
  g_free (input->days_to);
  g_free (input->name);
  g_array_unref (input->ops);
  g_free (input->fill);
  g_hash_table_unref (input->slots);
  g_ptr_array_unref (input->categories);
  g_free (input);
}

void
fw_preprocessor_free (FwPreprocessor *pre)
{
  if (pre == NULL)
    return;
  g_ptr_array_unref (pre->inputs);
  g_strfreev (pre->feature_names);
  g_free (pre);
}

guint
fw_preprocessor_n_features (const FwPreprocessor *pre)
{
  g_return_val_if_fail (pre != NULL, 0);
  return pre->n_features;
}

void
fw_preprocessor_finish (FwPreprocessor *pre)
{
  GPtrArray *names = g_ptr_array_new ();

  pre->n_features = 0;
  for (guint i = 0; i < pre->inputs->len; i++)
    {
      FwInput *input = g_ptr_array_index (pre->inputs, i);

      input->first = pre->n_features;
      g_hash_table_remove_all (input->slots);
      if (input->date_part != FW_DATE_NONE)
        {
          input->width = 1;
          g_ptr_array_add (names, g_strconcat (input->column, "_",
                                               fw_date_part_names[input->date_part], NULL));
        }
      else if (input->days_to != NULL)
        {
          input->width = 1;
          g_ptr_array_add (names, g_strdup (input->name));
        }
      else if (!input->one_hot)
        {
          input->width = 1;
          g_ptr_array_add (names, g_strdup (input->column));
        }
      else
        {
          input->width = input->categories->len + 1;
          for (guint k = 0; k < input->categories->len; k++)
            {
              const char *value = g_ptr_array_index (input->categories, k);

              g_hash_table_insert (input->slots, (gpointer) value, GUINT_TO_POINTER (k + 1));
              g_ptr_array_add (names, g_strconcat (input->column, "=", value, NULL));
            }
          g_ptr_array_add (names, g_strconcat (input->column, "=", FW_ONE_HOT_OTHER, NULL));
        }
      if (input->indicator)
        {
          input->width++;
          g_ptr_array_add (names, g_strconcat (input->days_to != NULL ? input->name
                                                                      : input->column,
                                               FW_RECIPE_INDICATOR_SUFFIX, NULL));
        }
      pre->n_features += input->width;
    }
  g_ptr_array_add (names, NULL);
  g_strfreev (pre->feature_names);
  pre->feature_names = (char **) g_ptr_array_free (names, FALSE);
}

double
fw_preprocessor_cell (const FwColumn *column,
                      gsize           row)
{
  double x = column->storage == FW_STORAGE_FLOAT32 ? column->data.f32[row]
                                                   : column->data.f64[row];

  return isfinite (x) ? x : NAN;
}

/* The text a number becomes as a category: read back as a float, so a column stored in
 * double precision elsewhere names the same category. */
char *
fw_preprocessor_number_key (double x,
                            char  *buf)
{
  return fw_number_format (x, TRUE, buf, G_ASCII_DTOSTR_BUF_SIZE);
}

/* @missing: whether the cell was missing (or a sentinel) when the first fill came. */
static inline double
apply_ops (const FwInput *input,
           double         x,
           gboolean      *missing)
{
  const FwOp *ops = (const FwOp *) (gpointer) input->ops->data;
  gboolean filled = FALSE;

  for (guint k = 0; k < input->ops->len; k++)
    {
      if (!filled && ops[k].kind == FW_OP_FILL)
        {
          *missing = isnan (x);
          filled = TRUE;
        }
      x = fw_op_apply (&ops[k], x);
    }
  if (!filled)
    *missing = isnan (x);
  /* Only a hand-edited preprocessor lacks a fill; keep NaN from the model all the same. */
  return isfinite (x) ? x : 0.0;
}

static guint
slot_of (const FwInput *input,
         const char    *value)
{
  guint slot = value != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (input->slots, value)) : 0;

  return slot > 0 ? slot - 1 : input->categories->len;
}

/* What a codes column's entries are as numbers (NaN when not a number). */
static double *
parse_dictionary (const FwColumn *column)
{
  guint size = fw_dictionary_size (column->dict);
  double *numbers = g_new (double, size + 1);

  for (guint code = 0; code < size; code++)
    {
      const char *str = fw_dictionary_get (column->dict, code);

      if (!fw_number_parse (str, strlen (str), FALSE, &numbers[code], NULL) ||
          !isfinite (numbers[code]))
        numbers[code] = NAN;
    }
  return numbers;
}

/* The days from one date to another as one number, and whether either was missing. */
static void
transform_days (const FwInput  *input,
                const FwColumn *from,
                const FwColumn *to,
                const gsize    *rows,
                gsize           n,
                guint           stride,
                float          *out)
{
  g_autofree double *from_days = fw_column_date_days (from);
  g_autofree double *to_days = fw_column_date_days (to);

  for (gsize i = 0; i < n; i++)
    {
      gsize row = rows != NULL ? rows[i] : i;
      float *cell = out + i * stride + input->first;
      gboolean missing = FALSE;

      cell[0] = (float) apply_ops (input, fw_preprocessor_days (to, to_days, row) -
                                          fw_preprocessor_days (from, from_days, row),
                                   &missing);
      if (input->indicator)
        cell[input->width - 1] = missing ? 1.0f : 0.0f;
    }
}

static void
transform_input (const FwInput  *input,
                 const FwColumn *column,
                 const gsize    *rows,
                 gsize           n,
                 guint           stride,
                 float          *out)
{
  g_autofree double *numbers = NULL;
  g_autofree guint *slots = NULL;
  guint fill_slot = slot_of (input, input->fill);

  if (input->date_part != FW_DATE_NONE)
    {
      /* Each distinct date is read once; a column of numbers holds no dates. */
      guint size = fw_column_is_numeric (column) ? 0 : fw_dictionary_size (column->dict);

      numbers = g_new (double, size + 1);
      for (guint code = 0; code < size; code++)
        numbers[code] = fw_preprocessor_date_part (fw_dictionary_get (column->dict, code),
                                                   input->date_part);
      for (gsize i = 0; i < n; i++)
        {
          gsize row = rows != NULL ? rows[i] : i;
          guint32 code = size > 0 ? column->data.codes[row] : FW_CODE_MISSING;
          gboolean missing;

          out[i * stride + input->first] =
            (float) apply_ops (input, code < size ? numbers[code] : NAN, &missing);
        }
      return;
    }
  if (!fw_column_is_numeric (column))
    {
      numbers = parse_dictionary (column);
      if (input->one_hot && !input->from_numbers)
        {
          guint size = fw_dictionary_size (column->dict);

          slots = g_new (guint, size + 1);
          for (guint code = 0; code < size; code++)
            slots[code] = slot_of (input, fw_dictionary_get (column->dict, code));
        }
    }

  for (gsize i = 0; i < n; i++)
    {
      gsize row = rows != NULL ? rows[i] : i;
      float *cell = out + i * stride + input->first;
      gboolean missing = FALSE;
      double x;

      if (slots != NULL)
        {
          guint32 code = column->data.codes[row];

          cell[code == FW_CODE_MISSING ? fill_slot : slots[code]] = 1.0f;
          continue;
        }
      if (numbers != NULL)
        x = column->data.codes[row] == FW_CODE_MISSING ? NAN : numbers[column->data.codes[row]];
      else
        x = fw_preprocessor_cell (column, row);

      if (input->one_hot && !input->from_numbers)
        {
          /* A text category read from a numeric column of new data. */
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          cell[isnan (x) ? fill_slot
                         : slot_of (input, fw_preprocessor_number_key (x, buf))] = 1.0f;
        }
      else if (input->one_hot)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          x = apply_ops (input, x, &missing);
          cell[slot_of (input, fw_preprocessor_number_key (x, buf))] = 1.0f;
        }
      else
        cell[0] = (float) apply_ops (input, x, &missing);
      if (input->indicator)
        cell[input->width - 1] = missing ? 1.0f : 0.0f;
    }
}

gboolean
fw_preprocessor_transform_rows (const FwPreprocessor *pre,
                                const FwTable        *table,
                                const gsize          *rows,
                                gsize                 n,
                                float                *out,
                                GError              **error)
{
  g_autofree const FwColumn **columns = g_new (const FwColumn *, pre->inputs->len + 1);
  g_autofree const FwColumn **to = g_new0 (const FwColumn *, pre->inputs->len + 1);

  for (guint i = 0; i < pre->inputs->len; i++)
    {
      const FwInput *input = g_ptr_array_index (pre->inputs, i);
      const char *missing = NULL;

      columns[i] = fw_table_column_by_name (table, input->column);
      if (input->days_to != NULL)
        to[i] = fw_table_column_by_name (table, input->days_to);
      if (columns[i] == NULL)
        missing = input->column;
      else if (input->days_to != NULL && to[i] == NULL)
        missing = input->days_to;
      if (missing != NULL)
        {
          g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_COLUMN,
                       _("The data has no column “%s”, which the model needs"), missing);
          return FALSE;
        }
    }
  memset (out, 0, n * pre->n_features * sizeof (float));
  for (guint i = 0; i < pre->inputs->len; i++)
    {
      const FwInput *input = g_ptr_array_index (pre->inputs, i);

      if (input->days_to != NULL)
        transform_days (input, columns[i], to[i], rows, n, pre->n_features, out);
      else
        transform_input (input, columns[i], rows, n, pre->n_features, out);
    }
  return TRUE;
}

float *
fw_preprocessor_transform (const FwPreprocessor *pre,
                           const FwTable        *table,
                           GError              **error)
{
  gsize n;
  g_autofree float *out = NULL;

  g_return_val_if_fail (pre != NULL, NULL);
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n = fw_table_n_rows (table);
  out = g_new (float, MAX (n * pre->n_features, 1));
  if (!fw_preprocessor_transform_rows (pre, table, NULL, n, out, error))
    return NULL;
  return g_steal_pointer (&out);
}

gboolean
fw_preprocessor_feature_term (const FwPreprocessor *pre,
                              guint                 feature,
                              FwFeatureTerm        *term)
{
  g_return_val_if_fail (pre != NULL, FALSE);
  g_return_val_if_fail (term != NULL, FALSE);

  for (guint i = 0; i < pre->inputs->len; i++)
    {
      const FwInput *input = g_ptr_array_index (pre->inputs, i);
      guint k;

      if (feature < input->first || feature >= input->first + input->width)
        continue;
      k = feature - input->first;
      *term = (FwFeatureTerm) { .column = input->column, .scale = 1, .offset = 0 };
      if (input->date_part != FW_DATE_NONE || input->days_to != NULL)
        term->column = pre->feature_names[input->first];
      if (input->indicator && k == input->width - 1)
        {
          term->missing = TRUE;
          return TRUE;
        }
      if (input->one_hot)
        {
          term->level = k < input->categories->len ? g_ptr_array_index (input->categories, k)
                                                   : FW_ONE_HOT_OTHER;
          return TRUE;
        }
      for (guint o = 0; o < input->ops->len; o++)
        {
          const FwOp *op = &g_array_index (input->ops, FwOp, o);

          if (op->kind == FW_OP_SCALE)
            {
              term->scale *= op->b;
              term->offset = (term->offset - op->a) * op->b;
            }
        }
      return TRUE;
    }
  return FALSE;
}

gboolean *
fw_preprocessor_reference_levels (const FwPreprocessor *pre,
                                  const float          *x,
                                  gsize                 n)
{
  gboolean *reference;
  g_autofree double *counts = NULL;

  g_return_val_if_fail (pre != NULL, NULL);
  g_return_val_if_fail (x != NULL || n == 0, NULL);

  reference = g_new0 (gboolean, MAX (pre->n_features, 1));
  counts = g_new0 (double, MAX (pre->n_features, 1));
  for (gsize r = 0; r < n; r++)
    for (guint j = 0; j < pre->n_features; j++)
      counts[j] += x[r * pre->n_features + j];
  for (guint i = 0; i < pre->inputs->len; i++)
    {
      const FwInput *input = g_ptr_array_index (pre->inputs, i);
      guint slots = input->width - (input->indicator ? 1 : 0), best = 0;

      if (!input->one_hot || slots == 0)
        continue;
      /* Ties go to the first slot (categories are sorted), so the choice is stable. */
      for (guint k = 1; k < slots; k++)
        if (counts[input->first + k] > counts[input->first + best])
          best = k;
      reference[input->first + best] = TRUE;
    }
  return reference;
}
