/* fw-clean-preview.c — the first rows of a table as its cleaning steps leave them
 *
 * Rows first: a "drop rows with missing" step removes the rows where its column is missing,
 * unless an earlier step filled that column (as training decides).  Then each column that
 * no step drops runs its steps in order, fitting each step on the fit rows and applying it
 * to the fit rows and the preview rows alike, so a later step sees the earlier one's result.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "fw-clean-preview.h"
#include "fw-date.h"
#include "fw-preprocessor-private.h"
#include "fw-profile.h"

typedef struct
{
  const FwTable  *table;
  FwTable        *out;
  guint           max_columns;
  const gsize    *rows;         /* preview rows */
  gsize           n_rows;
  const gsize    *fit;          /* rows statistics are fitted on */
  gsize           n_fit;
  FwCleanPreviewSummary *summary;
} Preview;

gboolean
fw_clean_step_applies (FwStepKind kind,
                       gboolean   numeric)
{
  if (kind == FW_STEP_DATE_PARTS || kind == FW_STEP_DAYS_BETWEEN)
    return !numeric;
  return numeric || kind == FW_STEP_IMPUTE_MODE || kind == FW_STEP_IMPUTE_CONSTANT ||
         kind == FW_STEP_DROP_COLUMN || kind == FW_STEP_DROP_MISSING_ROWS ||
         kind == FW_STEP_ONE_HOT;
}

gboolean
fw_clean_step_is_fill (FwStepKind kind)
{
  return kind == FW_STEP_IMPUTE_MEAN || kind == FW_STEP_IMPUTE_MEDIAN ||
         kind == FW_STEP_IMPUTE_MODE || kind == FW_STEP_IMPUTE_CONSTANT;
}

static gboolean
check_steps (const FwTable   *table,
             const GPtrArray *steps,
             GError         **error)
{
  for (guint i = 0; i < steps->len; i++)
    {
      const FwStep *step = g_ptr_array_index (steps, i);
      const FwColumn *column = fw_table_column_by_name (table, step->column);
      const FwColumn *to = step->to != NULL ? fw_table_column_by_name (table, step->to) : NULL;

      if (column == NULL || (step->to != NULL && to == NULL))
        {
          g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_COLUMN,
                       _("The cleaning step “%s” names column “%s”, which the table does not "
                         "have"), fw_step_kind_to_string (step->kind),
                       column == NULL ? step->column : step->to);
          return FALSE;
        }
      if (!fw_clean_step_applies (step->kind, fw_column_is_numeric (column)))
        {
          g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                       _("The step “%s” needs numbers, but column “%s” holds categories"),
                       fw_step_kind_to_string (step->kind), step->column);
          return FALSE;
        }
    }
  return TRUE;
}

/* Rows the steps keep, in order; the first @max_rows of them are the preview's. */
static gsize *
kept_rows (const FwTable   *table,
           const GPtrArray *steps,
           gsize           *n_kept)
{
  g_autoptr(GPtrArray) dropping = g_ptr_array_new ();
  g_autoptr(GHashTable) filled = g_hash_table_new (g_str_hash, g_str_equal);
  gsize n = fw_table_n_rows (table), m = 0;
  gsize *kept = g_new (gsize, MAX (n, 1));

  for (guint i = 0; i < steps->len; i++)
    {
      const FwStep *step = g_ptr_array_index (steps, i);

      if (fw_clean_step_is_fill (step->kind))
        g_hash_table_add (filled, step->column);
      else if (step->kind == FW_STEP_DROP_MISSING_ROWS &&
               !g_hash_table_contains (filled, step->column))
        g_ptr_array_add (dropping, fw_table_column_by_name (table, step->column));
    }
  for (gsize row = 0; row < n; row++)
    {
      gboolean keep = TRUE;

      for (guint k = 0; k < dropping->len && keep; k++)
        keep = !fw_column_is_missing (g_ptr_array_index (dropping, k), row);
      if (keep)
        kept[m++] = row;
    }
  *n_kept = m;
  return kept;
}

/* Rescaled numbers have no meaningful digits past the fourth; people read them faster
 * without. */
static double
round_significant (double x)
{
  double scale;

  if (x == 0.0 || !isfinite (x))
    return x;
  scale = pow (10.0, 3.0 - floor (log10 (fabs (x))));
  return round (x * scale) / scale;
}

static gboolean
room_for (Preview *p,
          guint    n)
{
  if (p->max_columns == 0 || fw_table_n_columns (p->out) + n <= p->max_columns)
    return TRUE;
  p->summary->truncated = TRUE;
  return FALSE;
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
compare_values (const void *a,
                const void *b)
{
  return strcmp (((const Tally *) a)->value, ((const Tally *) b)->value);
}

/* One-hot over cells as text (NULL: missing): a 0/1 column per kept value, sorted by
 * bytes, and "name=other" when some values were not kept.  A missing cell is missing in
 * every one of them. */
/* The largest min_count of a column's one_hot steps. */
static guint
one_hot_min_count (const GPtrArray *steps)
{
  guint most = 0;

  for (guint s = 0; s < steps->len; s++)
    {
      const FwStep *step = g_ptr_array_index (steps, s);

      if (step->kind == FW_STEP_ONE_HOT)
        most = MAX (most, step->min_count);
    }
  return most;
}

static void
add_one_hot (Preview     *p,
             const char  *name,
             const char **fit,
             const char **cells,
             guint        min_count)
{
  /* Rare values as training groups them, counted here on the whole column. */
  double scale = p->n_fit > 0 ? (double) p->summary->n_rows_kept / (double) p->n_fit : 1.0;

  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) tallies = g_array_new (FALSE, FALSE, sizeof (Tally));
  GHashTableIter iter;
  gpointer key, value;
  guint n_kept, n_new;
  gboolean other;

  for (gsize i = 0; i < p->n_fit; i++)
    if (fit[i] != NULL)
      g_hash_table_insert (counts, (gpointer) fit[i],
                           GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (counts,
                                                                                    fit[i])) + 1));
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_array_append_val (tallies, ((Tally) { key, GPOINTER_TO_SIZE (value) }));
  g_array_sort (tallies, compare_tallies);
  n_kept = MIN (tallies->len, FW_CLEAN_PREVIEW_MAX_CATEGORIES);
  while (n_kept > 0 &&
         (double) g_array_index (tallies, Tally, n_kept - 1).count * scale < (double) min_count)
    n_kept--;
  other = tallies->len > n_kept;
  g_array_set_size (tallies, n_kept);
  g_array_sort (tallies, compare_values);

  n_new = n_kept + (other ? 1 : 0);
  for (guint k = 0; k < n_new; k++)
    {
      const char *category = k < n_kept ? g_array_index (tallies, Tally, k).value : NULL;
      g_autofree char *column_name = NULL;
      float *values;
      FwColumn *column;

      if (!room_for (p, 1))
        break;
      values = g_new (float, MAX (p->n_rows, 1));
      for (gsize i = 0; i < p->n_rows; i++)
        {
          gboolean hit;

          if (cells[i] == NULL)
            {
              values[i] = NAN;
              continue;
            }
          if (category != NULL)
            hit = strcmp (cells[i], category) == 0;
          else
            hit = !bsearch (&(Tally) { cells[i], 0 }, tallies->data, n_kept, sizeof (Tally),
                            compare_values);
          values[i] = hit ? 1.0f : 0.0f;
        }
      column_name = g_strdup_printf ("%s=%s", name, category != NULL ? category : "other");
      column = fw_column_new_float32 (column_name, values, p->n_rows);
      column->kind = FW_KIND_BOOLEAN;
      fw_table_take_column (p->out, column);
      p->summary->n_one_hot++;
    }
}

/* The "was missing" column a missing_indicator step adds, next to its column; takes
 * @missing (NULL: none). */
static void
add_indicator (Preview    *p,
               const char *name,
               float      *missing)
{
  g_autofree char *column_name = NULL;
  FwColumn *column;

  if (missing == NULL)
    return;
  if (!room_for (p, 1))
    {
      g_free (missing);
      return;
    }
  column_name = g_strconcat (name, FW_RECIPE_INDICATOR_SUFFIX, NULL);
  column = fw_column_new_float32 (column_name, missing, p->n_rows);
  column->kind = FW_KIND_BOOLEAN;
  fw_table_take_column (p->out, column);
}

static gboolean
add_numbers (Preview         *p,
             const FwColumn  *column,
             const GPtrArray *steps,
             GError         **error)
{
  g_autofree double *fit = g_new (double, MAX (p->n_fit, 1));
  g_autofree double *scratch = g_new (double, MAX (p->n_fit, 1));
  double *cells = g_new (double, MAX (p->n_rows, 1));
  float *missing = NULL;
  gboolean one_hot = FALSE, scaled = FALSE, indicator = FALSE;
  FwColumn *out;

  for (gsize i = 0; i < p->n_fit; i++)
    fit[i] = fw_column_get_number (column, p->fit[i]);
  for (gsize i = 0; i < p->n_rows; i++)
    cells[i] = fw_column_get_number (column, p->rows[i]);
  /* As training: sentinels become missing first, and a "was missing" column reads the
   * cells as the first fill finds them. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint s = 0; s < steps->len; s++)
      {
        const FwStep *step = g_ptr_array_index (steps, s);
        FwOp op;

        one_hot = one_hot || step->kind == FW_STEP_ONE_HOT;
        indicator = indicator || step->kind == FW_STEP_MISSING_INDICATOR;
        if (step->kind == FW_STEP_ONE_HOT || step->kind == FW_STEP_DROP_MISSING_ROWS ||
            step->kind == FW_STEP_DROP_COLUMN || step->kind == FW_STEP_MISSING_INDICATOR ||
            (step->kind == FW_STEP_TREAT_AS_MISSING) != (pass == 0))
          continue;
        if (missing == NULL && fw_clean_step_is_fill (step->kind))
          {
            missing = g_new (float, MAX (p->n_rows, 1));
            for (gsize i = 0; i < p->n_rows; i++)
              missing[i] = isnan (cells[i]) ? 1.0f : 0.0f;
          }
        /* Fitted as training fits it, on the rows the preview fits on. */
        if (!fw_preprocessor_fit_op (step, fit, p->n_fit, scratch, &op, error))
          {
            g_free (cells);
            g_free (missing);
            return FALSE;
          }
        scaled = scaled || op.kind == FW_OP_SCALE;
        for (gsize i = 0; i < p->n_fit; i++)
          fit[i] = fw_op_apply (&op, fit[i]);
        for (gsize i = 0; i < p->n_rows; i++)
          cells[i] = fw_op_apply (&op, cells[i]);
      }
  if (indicator && missing == NULL)
    {
      missing = g_new (float, MAX (p->n_rows, 1));
      for (gsize i = 0; i < p->n_rows; i++)
        missing[i] = isnan (cells[i]) ? 1.0f : 0.0f;
    }
  if (!indicator)
    g_clear_pointer (&missing, g_free);

  if (one_hot)
    {
      g_autoptr(GStringChunk) chunk = g_string_chunk_new (4096);
      g_autofree const char **fit_text = g_new (const char *, MAX (p->n_fit, 1));
      g_autofree const char **cell_text = g_new (const char *, MAX (p->n_rows, 1));
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      for (gsize i = 0; i < p->n_fit; i++)
        fit_text[i] = isnan (fit[i]) ? NULL
                      : g_string_chunk_insert_const (chunk, g_ascii_formatd (buf, sizeof buf,
                                                                            "%g", fit[i]));
      for (gsize i = 0; i < p->n_rows; i++)
        cell_text[i] = isnan (cells[i]) ? NULL
                       : g_string_chunk_insert_const (chunk, g_ascii_formatd (buf, sizeof buf,
                                                                             "%g", cells[i]));
      add_one_hot (p, column->name, fit_text, cell_text, one_hot_min_count (steps));
      g_free (cells);
    }
  else if (!room_for (p, 1))
    g_free (cells);
  else
    {
      for (gsize i = 0; scaled && i < p->n_rows; i++)
        cells[i] = round_significant (cells[i]);
      out = fw_column_new_float64 (column->name, cells, p->n_rows);
      /* Filled, capped or rescaled numbers are still the same kind of values. */
      out->kind = column->kind;
      fw_table_take_column (p->out, out);
    }
  add_indicator (p, column->name, missing);
  return TRUE;
}

/* A date_parts step: the year, month and day of the week of each date, as numbers. */
static void
add_dates (Preview        *p,
           const FwColumn *column)
{
  for (FwDatePart part = FW_DATE_YEAR; part < FW_N_DATE_PARTS && room_for (p, 1); part++)
    {
      double *cells = g_new (double, MAX (p->n_rows, 1));
      g_autofree char *name = g_strconcat (column->name, "_", fw_date_part_names[part], NULL);
      FwColumn *out;

      for (gsize i = 0; i < p->n_rows; i++)
        {
          guint32 code = column->data.codes[p->rows[i]];

          cells[i] = code == FW_CODE_MISSING
                     ? NAN
                     : fw_preprocessor_date_part (fw_dictionary_get (column->dict, code), part);
        }
      out = fw_column_new_float64 (name, cells, p->n_rows);
      out->kind = FW_KIND_NUMERIC;
      fw_table_take_column (p->out, out);
    }
}

/* A days_between step: the days from one date to the other, missing where either is. */
static void
add_days_between (Preview      *p,
                  const FwStep *step)
{
  const FwColumn *from = fw_table_column_by_name (p->table, step->column);
  const FwColumn *to = fw_table_column_by_name (p->table, step->to);
  g_autofree double *from_days = fw_column_date_days (from);
  g_autofree double *to_days = fw_column_date_days (to);
  g_autofree char *name = fw_step_days_between_name (step);
  double *cells;
  FwColumn *out;

  if (!room_for (p, 1))
    return;
  cells = g_new (double, MAX (p->n_rows, 1));
  for (gsize i = 0; i < p->n_rows; i++)
    cells[i] = fw_preprocessor_days (to, to_days, p->rows[i]) -
               fw_preprocessor_days (from, from_days, p->rows[i]);
  out = fw_column_new_float64 (name, cells, p->n_rows);
  out->kind = FW_KIND_NUMERIC;
  fw_table_take_column (p->out, out);
}

/* The most common value over the fit rows; ties go to the smallest, as training does. */
static const char *
mode_value (Preview        *p,
            const FwColumn *column)
{
  guint size = fw_dictionary_size (column->dict);
  g_autofree gsize *counts = g_new0 (gsize, size + 1);
  const char *best = NULL;
  gsize best_count = 0;

  for (gsize i = 0; i < p->n_fit; i++)
    if (column->data.codes[p->fit[i]] != FW_CODE_MISSING)
      counts[column->data.codes[p->fit[i]]]++;
  for (guint code = 0; code < size; code++)
    {
      const char *value = fw_dictionary_get (column->dict, code);

      if (counts[code] > 0 && (counts[code] > best_count ||
                               (counts[code] == best_count && strcmp (value, best) < 0)))
        {
          best_count = counts[code];
          best = value;
        }
    }
  return best;
}

static void
add_codes (Preview         *p,
           const FwColumn  *column,
           const GPtrArray *steps)
{
  const char *fill = NULL;
  gboolean one_hot = FALSE, filled = FALSE;
  g_autofree const char **cells = g_new (const char *, MAX (p->n_rows, 1));

  for (guint s = 0; s < steps->len; s++)
    {
      const FwStep *step = g_ptr_array_index (steps, s);

      one_hot = one_hot || step->kind == FW_STEP_ONE_HOT;
      /* The first fill wins: after it nothing is missing for a second one to fill. */
      if (!filled && fw_clean_step_is_fill (step->kind))
        {
          fill = step->kind == FW_STEP_IMPUTE_CONSTANT ? step->constant : mode_value (p, column);
          filled = TRUE;
        }
    }
  for (gsize i = 0; i < p->n_rows; i++)
    {
      guint32 code = column->data.codes[p->rows[i]];

      cells[i] = code == FW_CODE_MISSING ? fill : fw_dictionary_get (column->dict, code);
    }

  if (one_hot)
    {
      g_autofree const char **fit = g_new (const char *, MAX (p->n_fit, 1));

      for (gsize i = 0; i < p->n_fit; i++)
        {
          guint32 code = column->data.codes[p->fit[i]];

          fit[i] = code == FW_CODE_MISSING ? fill : fw_dictionary_get (column->dict, code);
        }
      add_one_hot (p, column->name, fit, cells, one_hot_min_count (steps));
    }
  else if (room_for (p, 1))
    {
      FwDictionary *dict = fw_dictionary_new ();
      guint32 *codes = g_new (guint32, MAX (p->n_rows, 1));
      FwColumn *out;

      for (gsize i = 0; i < p->n_rows; i++)
        codes[i] = cells[i] == NULL ? FW_CODE_MISSING
                                    : fw_dictionary_intern (dict, cells[i], strlen (cells[i]));
      out = fw_column_new_codes (column->name, codes, p->n_rows, dict);
      out->kind = column->kind;
      fw_table_take_column (p->out, out);
    }
}

FwTable *
fw_clean_preview_new (const FwTable         *table,
                      const GPtrArray       *steps,
                      gsize                  max_rows,
                      guint                  max_columns,
                      FwCleanPreviewSummary *summary,
                      GError               **error)
{
  FwCleanPreviewSummary local = { 0, };
  g_autoptr(FwTable) out = NULL;
  g_autofree gsize *kept = NULL;
  g_autofree gsize *fit = NULL;
  gsize n_kept, n_fit;
  Preview p;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (steps != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (summary == NULL)
    summary = &local;
  memset (summary, 0, sizeof *summary);
  if (!check_steps (table, steps, error))
    return NULL;

  kept = kept_rows (table, steps, &n_kept);
  summary->n_rows_kept = n_kept;
  summary->n_rows_dropped = fw_table_n_rows (table) - n_kept;
  /* Long columns are fitted on rows spread evenly through them: the same figures to a
   * few digits, in a fraction of the time. */
  n_fit = MIN (n_kept, FW_CLEAN_PREVIEW_FIT_ROWS);
  fit = g_new (gsize, MAX (n_fit, 1));
  for (gsize i = 0; i < n_fit; i++)
    fit[i] = kept[n_kept <= FW_CLEAN_PREVIEW_FIT_ROWS ? i : (gsize) ((double) i * n_kept / n_fit)];

  out = fw_table_new ();
  p = (Preview) { table, out, max_columns, kept, MIN (n_kept, max_rows), fit, n_fit, summary };
  for (guint c = 0; c < fw_table_n_columns (table); c++)
    {
      const FwColumn *column = fw_table_column (table, c);
      g_autoptr(GPtrArray) own = g_ptr_array_new ();
      gboolean dropped = FALSE, dates = FALSE;

      for (guint s = 0; s < steps->len; s++)
        {
          const FwStep *step = g_ptr_array_index (steps, s);

          if (strcmp (step->column, column->name) != 0 || step->kind == FW_STEP_DAYS_BETWEEN)
            continue;
          dropped = dropped || step->kind == FW_STEP_DROP_COLUMN;
          dates = dates || step->kind == FW_STEP_DATE_PARTS;
          g_ptr_array_add (own, (gpointer) step);
        }
      if (dropped)
        {
          summary->n_columns_dropped++;
          continue;
        }
      if (summary->truncated)
        continue;
      if (dates)
        add_dates (&p, column);
      else if (fw_column_is_numeric (column))
        {
          if (!add_numbers (&p, column, own, error))
            return NULL;
        }
      else
        add_codes (&p, column, own);
    }
  for (guint s = 0; s < steps->len && !summary->truncated; s++)
    if (((const FwStep *) g_ptr_array_index (steps, s))->kind == FW_STEP_DAYS_BETWEEN)
      add_days_between (&p, g_ptr_array_index (steps, s));
  return g_steal_pointer (&out);
}
