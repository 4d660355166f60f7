/* fw-profile-target.c — the flags that need a target: class imbalance and leakage
 *
 * Leakage is a bias-corrected Cramér's V between each column and the target, both cut into
 * a few categories (see association()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include "fw-profile-private.h"

/* How a column is cut into categories for the association test; the last bin is "missing". */
typedef struct
{
  const FwColumn     *column;
  const FwNumericExtra *extra;
  guint              *code_bins;        /* codes only: code → bin, "other" past the top */
  guint               n_codes;
  guint               n_bins;
} Binning;

static void
binning_init (Binning            *b,
              const FwColumn     *column,
              const FwNumericExtra *extra)
{
  g_autofree gsize *counts = NULL;
  guint32 top[FW_PROFILE_LEAK_TOP];
  guint n_top;

  b->column = column;
  b->extra = extra;
  b->code_bins = NULL;
  if (column->storage != FW_STORAGE_CODES)
    {
      b->n_bins = extra->n_cuts + 2;
      return;
    }
  counts = fw_profile_count_codes (column, &b->n_codes);
  n_top = fw_profile_top_codes (counts, b->n_codes, FW_PROFILE_LEAK_TOP, top);
  b->code_bins = g_new (guint, MAX (b->n_codes, 1));
  for (guint code = 0; code < b->n_codes; code++)
    b->code_bins[code] = n_top;
  for (guint i = 0; i < n_top; i++)
    b->code_bins[top[i]] = i;
  b->n_bins = n_top + 2;
}

static inline guint
binning_get (const Binning *b,
             gsize          row)
{
  double x;
  guint bin = 0;

  if (b->column->storage == FW_STORAGE_CODES)
    {
      guint32 code = b->column->data.codes[row];

      return code < b->n_codes ? b->code_bins[code] : b->n_bins - 1;
    }
  x = b->column->storage == FW_STORAGE_FLOAT32 ? b->column->data.f32[row]
                                               : b->column->data.f64[row];
  if (isnan (x))
    return b->n_bins - 1;
  while (bin < b->extra->n_cuts && b->extra->cuts[bin] <= x)
    bin++;
  return bin;
}

/* Cramér's V with Bergsma's (2013) bias correction, so that many small categories on few
 * rows do not look associated by chance; 1 when either variable determines the other's
 * category.  Empty rows and columns of the contingency table are left out. */
static double
association (const Binning *column,
             const Binning *target,
             const guint8  *target_bins,
             gsize         *table)
{
  guint n_a = column->n_bins, n_b = target->n_bins, r = 0, k = 0;
  gsize n = column->column->n_rows, row_sum[FW_PROFILE_LEAK_MAX_BINS] = { 0 }, col_sum[FW_PROFILE_LEAK_MAX_BINS] = { 0 };
  double sum = 0.0, phi2, r_corr, k_corr, denominator;

  memset (table, 0, sizeof (gsize) * n_a * n_b);
  for (gsize i = 0; i < n; i++)
    table[binning_get (column, i) * n_b + target_bins[i]]++;
  for (guint a = 0; a < n_a; a++)
    for (guint b = 0; b < n_b; b++)
      {
        /* Count each non-empty row and column when its first cell arrives. */
        r += row_sum[a] == 0 && table[a * n_b + b] > 0;
        k += col_sum[b] == 0 && table[a * n_b + b] > 0;
        row_sum[a] += table[a * n_b + b];
        col_sum[b] += table[a * n_b + b];
      }
  if (n < 2 || r < 2 || k < 2)
    return 0.0;

  /* χ²/n = Σ o² / (row · column) − 1 */
  for (guint a = 0; a < n_a; a++)
    for (guint b = 0; b < n_b; b++)
      if (table[a * n_b + b] > 0)
        sum += (double) table[a * n_b + b] * (double) table[a * n_b + b] /
               ((double) row_sum[a] * (double) col_sum[b]);
  phi2 = MAX (0.0, sum - 1.0 - (double) (r - 1) * (k - 1) / (double) (n - 1));
  r_corr = r - (double) (r - 1) * (r - 1) / (double) (n - 1);
  k_corr = k - (double) (k - 1) * (k - 1) / (double) (n - 1);
  denominator = MIN (r_corr - 1.0, k_corr - 1.0);
  return denominator > 0.0 ? CLAMP (sqrt (phi2 / denominator), 0.0, 1.0) : 0.0;
}

/* Classes are codes of a category or yes/no column, or the values of a number column with
 * at most FW_PROFILE_SMALL_DISTINCT of them.  With many classes even a fair share is small, so the
 * rarest is flagged below min (10%, half a fair share). */
static void
flag_imbalance (const FwColumn     *column,
                FwColumnProfile    *p,
                const FwNumericExtra *extra)
{
  g_autofree gsize *counts = NULL;
  gsize rarest = 0;
  guint n_classes = 0, n_codes;
  char buf[64];
  const char *name = buf;
  double percent;

  if (column->storage == FW_STORAGE_CODES)
    {
      if (column->kind != FW_KIND_CATEGORICAL && column->kind != FW_KIND_BOOLEAN)
        return;
      counts = fw_profile_count_codes (column, &n_codes);
      for (guint code = 0; code < n_codes; code++)
        if (counts[code] > 0 && (n_classes++ == 0 || counts[code] < rarest))
          {
            rarest = counts[code];
            name = fw_dictionary_get (column->dict, code);
          }
    }
  else
    {
      if (column->kind != FW_KIND_NUMERIC && column->kind != FW_KIND_BOOLEAN)
        return;
      for (guint i = 0; i < extra->n_values; i++)
        if (n_classes++ == 0 || extra->counts[i] < rarest)
          {
            rarest = extra->counts[i];
            fw_profile_format_number (extra->values[i], buf, sizeof buf);
          }
    }
  if (n_classes < 2)
    return;

  if ((double) rarest >= FW_PROFILE_IMBALANCE_FRACTION * (double) p->count ||
      rarest * 2 * n_classes >= p->count)
    return;
  percent = 100.0 * (double) rarest / (double) p->count;
  fw_profile_add_issue (p, FW_ISSUE_CLASS_IMBALANCE,
             g_strdup_printf (_("Imbalanced: “%s” is only %.*f%% of the rows, so accuracy "
                                "alone will mislead"),
                              name, fw_profile_percent_digits (percent), percent));
}

void
fw_table_profile_set_target (FwTableProfile *public,
                             const FwTable  *table,
                             guint           target)
{
  FwProfile *profile = (FwProfile *) public;
  const FwColumn *target_column;
  g_autofree guint8 *target_bins = NULL;
  g_autofree gsize *contingency = NULL;
  Binning tb;

  g_return_if_fail (public != NULL);
  g_return_if_fail (table != NULL);
  g_return_if_fail (fw_table_n_columns (table) == public->n_columns);
  g_return_if_fail (fw_table_n_rows (table) == public->n_rows);
  g_return_if_fail (target < public->n_columns);

  for (guint c = 0; c < public->n_columns; c++)
    {
      GPtrArray *issues = public->columns[c].issues;

      for (guint i = issues->len; i > 0; i--)
        {
          FwIssueKind kind = ((FwIssue *) g_ptr_array_index (issues, i - 1))->kind;

          if (kind == FW_ISSUE_CLASS_IMBALANCE || kind == FW_ISSUE_TARGET_LEAKAGE)
            g_ptr_array_remove_index (issues, i - 1);
        }
    }

  target_column = fw_table_column (table, target);
  flag_imbalance (target_column, &public->columns[target], &profile->extra[target]);
  if (public->columns[target].distinct < 2)
    return;

  binning_init (&tb, target_column, &profile->extra[target]);
  target_bins = g_new (guint8, MAX (public->n_rows, 1));
  for (gsize i = 0; i < public->n_rows; i++)
    target_bins[i] = binning_get (&tb, i);
  contingency = g_new (gsize, FW_PROFILE_LEAK_MAX_BINS * FW_PROFILE_LEAK_MAX_BINS);

  for (guint c = 0; c < public->n_columns; c++)
    {
      const FwColumn *column = fw_table_column (table, c);
      FwColumnProfile *p = &public->columns[c];
      Binning cb;
      double v;

      if (c == target || column->kind == FW_KIND_IDENTIFIER || column->kind == FW_KIND_TEXT ||
          p->distinct < 2)
        continue;
      binning_init (&cb, column, &profile->extra[c]);
      v = association (&cb, &tb, target_bins, contingency);
      g_free (cb.code_bins);
      if (v >= FW_PROFILE_LEAKAGE_ASSOCIATION)
        fw_profile_add_issue (p, FW_ISSUE_TARGET_LEAKAGE,
                   g_strdup_printf (_("Suspected leakage: predicts “%s” almost perfectly "
                                      "(association %.2f). Was it recorded after the outcome?"),
                                    target_column->name, v));
    }
  g_free (tb.code_bins);
}
