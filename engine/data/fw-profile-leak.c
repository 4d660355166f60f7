/* fw-profile-leak.c — how well each column predicts the target on its own
 *
 * Each column is cut into bins (numbers, and dates as their days: quantiles of the rows
 * given; other codes: their values, folded into LEAK_CODE_BINS; one more bin for "empty"),
 * and every row is scored with its bin's target rate (or mean) counted on the other folds,
 * so that a column of many values seen once each scores as the guess it is.  The score is the ROC AUC of that rate (macro
 * one-vs-rest for several classes) or the R² of that mean for a regression.  "Is it empty"
 * alone is scored the same way, on two bins, which cannot overfit.
 *
 * One pass over the given rows per column fills a bins × folds × classes table; everything
 * after works on that table, so the cost is that pass.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include "fw-date.h"
#include "fw-profile-private.h"
#include "fw-stats.h"

#define LEAK_FOLDS        5
#define LEAK_NUMBER_BINS  32        /* quantile bins, or each value when this few; a power of
                                       two for the branch-free search in bins_get */
#define LEAK_CODE_BINS    1024      /* codes beyond this share bins (their low bits); a power
                                       of two, so that no division runs per row */
#define LEAK_SAMPLE       16384     /* rows the quantile cuts are taken from */
#define LEAK_MAX_CLASSES  64        /* more classes than this are not checked */
#define LEAK_PRIOR        1.0       /* rows of the overall rate added to each bin's count */
/* Past this many rows, evenly spaced ones of them are scored: an AUC's standard error is
 * then below 0.002, far finer than the threshold needs, and the check's cost stays bounded
 * (inspect --target on a million rows costs about a tenth more than inspect). */
#define LEAK_MAX_ROWS     (1u << 18)

typedef struct
{
  const FwColumn *column;
  double         *days;         /* a date column: each code's days, binned as numbers */
  double         *cuts;
  guint           n_cuts;
  guint32         code_bins;    /* codes: the mask that folds a code into its bin */
  guint           n_bins;       /* the last is "empty" */
} Bins;

/* A cell as a number: a date's days; NaN when missing. */
static inline double
bins_number (const Bins *b,
             gsize       row)
{
  const FwColumn *column = b->column;

  if (b->days != NULL)
    {
      guint32 code = column->data.codes[row];

      return code == FW_CODE_MISSING ? NAN : b->days[code];
    }
  return column->storage == FW_STORAGE_FLOAT32 ? column->data.f32[row] : column->data.f64[row];
}

/* Quantile cuts of a number column, from up to LEAK_SAMPLE of the rows given. */
static void
number_cuts (Bins             *b,
             const FwColumn   *column,
             const FwLeakRows *rows)
{
  gsize stride = MAX (1, rows->n_rows / LEAK_SAMPLE), n = 0, distinct = 0;
  g_autofree double *sample = g_new (double, rows->n_rows / stride + 1);

  for (gsize i = 0; i < rows->n_rows; i += stride)
    {
      double x = bins_number (b, rows->rows[i]);

      if (!isnan (x))
        sample[n++] = x;
    }
  fw_stats_sort (sample, n);
  for (gsize i = 0; i < n; i++)
    distinct += i == 0 || sample[i] != sample[i - 1];
  b->cuts = g_new (double, LEAK_NUMBER_BINS);
  for (guint k = 0; k < LEAK_NUMBER_BINS; k++)
    b->cuts[k] = INFINITY;
  /* A bin is how many cuts are ≤ the value: each distinct value, or each quantile. */
  if (distinct <= LEAK_NUMBER_BINS)
    {
      for (gsize i = 1; i < n; i++)
        if (sample[i] != sample[i - 1])
          b->cuts[b->n_cuts++] = sample[i];
      return;
    }
  for (guint k = 1; k < LEAK_NUMBER_BINS; k++)
    {
      double cut = sample[(gsize) ((double) n * k / LEAK_NUMBER_BINS)];

      if (cut > sample[0] && (b->n_cuts == 0 || cut > b->cuts[b->n_cuts - 1]))
        b->cuts[b->n_cuts++] = cut;
    }
}

static void
bins_init (Bins             *b,
           const FwColumn   *column,
           const FwLeakRows *rows)
{
  b->column = column;
  b->days = NULL;
  b->cuts = NULL;
  b->n_cuts = 0;
  b->code_bins = 0;
  /* A date is one value per row or nearly: as categories it would say nothing. */
  if (column->kind == FW_KIND_DATETIME && column->storage == FW_STORAGE_CODES)
    b->days = fw_column_date_days (column);
  if (column->storage == FW_STORAGE_CODES && b->days == NULL)
    {
      b->code_bins = fw_dictionary_size (column->dict) <= LEAK_CODE_BINS ? G_MAXUINT32
                                                                          : LEAK_CODE_BINS - 1;
      b->n_bins = MIN (fw_dictionary_size (column->dict), LEAK_CODE_BINS) + 1;
      return;
    }
  number_cuts (b, column, rows);
  b->n_bins = b->n_cuts + 2;
}

static inline guint
bins_get (const Bins *b,
          gsize       row)
{
  const FwColumn *column = b->column;
  double x;
  guint bin = 0;

  if (column->storage == FW_STORAGE_CODES && b->days == NULL)
    {
      guint32 code = column->data.codes[row];

      return code == FW_CODE_MISSING ? b->n_bins - 1 : code & b->code_bins;
    }
  x = bins_number (b, row);
  if (isnan (x))
    return b->n_bins - 1;
  /* How many cuts are ≤ x, without a branch to mispredict: the unused cuts are +∞. */
  for (guint step = LEAK_NUMBER_BINS / 2; step > 0; step /= 2)
    bin += step & -(guint) (b->cuts[bin + step - 1] <= x);
  return MIN (bin, b->n_cuts);
}

typedef struct
{
  double score, pos, neg;
} Group;

static int
compare_groups (const void *a,
                const void *b)
{
  double x = ((const Group *) a)->score, y = ((const Group *) b)->score;

  return (x > y) - (x < y);
}

/* Mann–Whitney's AUC over groups of rows sharing one score: ties count one half.  NaN
 * when either side is empty. */
static double
groups_auc (Group *g,
            guint  n)
{
  double pos = 0.0, neg = 0.0, below = 0.0, sum = 0.0;

  qsort (g, n, sizeof (Group), compare_groups);
  for (guint i = 0; i < n;)
    {
      double tie_pos = 0.0, tie_neg = 0.0;
      guint j = i;

      for (; j < n && g[j].score == g[i].score; j++)
        {
          tie_pos += g[j].pos;
          tie_neg += g[j].neg;
        }
      sum += tie_pos * (below + 0.5 * tie_neg);
      below += tie_neg;
      pos += tie_pos;
      neg += tie_neg;
      i = j;
    }
  return pos > 0.0 && neg > 0.0 ? sum / (pos * neg) : NAN;
}

/* Classes: @cnt is n_bins × n_folds × n_classes row counts.  Each (bin, fold) is scored by
 * its bin's class rates on the other folds (on all, without @leave_out), shrunk towards
 * @prior.  Returns the AUC (macro one-vs-rest past two classes) and the share of rows whose
 * likeliest class is right in @accuracy. */
static double
score_classes (const gsize  *cnt,
               guint         n_bins,
               guint         n_folds,
               guint         n_classes,
               gboolean      leave_out,
               const double *prior,
               double       *accuracy)
{
  guint n_groups = n_bins * n_folds;
  g_autofree double *tot = g_new0 (double, (gsize) n_bins * n_classes);
  g_autofree double *rates = g_new (double, (gsize) n_groups * n_classes);
  g_autofree double *own_n = g_new0 (double, n_groups);
  g_autofree Group *groups = g_new (Group, n_groups);
  double right = 0.0, all = 0.0, auc_sum = 0.0;
  guint n_auc = 0;

  for (guint b = 0; b < n_bins; b++)
    for (guint f = 0; f < n_folds; f++)
      for (guint k = 0; k < n_classes; k++)
        {
          gsize own = cnt[((gsize) b * n_folds + f) * n_classes + k];

          tot[(gsize) b * n_classes + k] += (double) own;
          own_n[b * n_folds + f] += (double) own;
        }
  for (guint b = 0; b < n_bins; b++)
    for (guint f = 0; f < n_folds; f++)
      {
        guint g = b * n_folds + f, best = 0;
        double other_n = 0.0;
        const gsize *own = cnt + (gsize) g * n_classes;

        for (guint k = 0; k < n_classes; k++)
          other_n += tot[(gsize) b * n_classes + k] - (leave_out ? (double) own[k] : 0.0);
        for (guint k = 0; k < n_classes; k++)
          {
            double other = tot[(gsize) b * n_classes + k] - (leave_out ? (double) own[k] : 0.0);

            rates[(gsize) g * n_classes + k] = (other + LEAK_PRIOR * prior[k]) /
                                               (other_n + LEAK_PRIOR);
            if (rates[(gsize) g * n_classes + k] > rates[(gsize) g * n_classes + best])
              best = k;
          }
        right += (double) own[best];
        all += own_n[g];
      }
  /* Two classes: class 1's AUC is class 0's. */
  for (guint k = n_classes == 2 ? 1 : 0; k < n_classes; k++)
    {
      double auc;

      for (guint g = 0; g < n_groups; g++)
        {
          groups[g].score = rates[(gsize) g * n_classes + k];
          groups[g].pos = (double) cnt[(gsize) g * n_classes + k];
          groups[g].neg = own_n[g] - groups[g].pos;
        }
      auc = groups_auc (groups, n_groups);
      if (!isnan (auc))
        {
          auc_sum += auc;
          n_auc++;
        }
    }
  *accuracy = all > 0.0 ? right / all : NAN;
  return n_auc > 0 ? auc_sum / n_auc : NAN;
}

/* A regression: @sums holds, per (bin, fold), the row count, Σy and Σy² of the centred
 * target.  Each is predicted by its bin's mean on the other folds (on all, without
 * @leave_out), shrunk towards 0, the overall mean; returns R², at least 0. */
static double
score_means (const double *sums,
             guint         n_bins,
             guint         n_folds,
             gboolean      leave_out)
{
  double sse = 0.0, sst = 0.0;

  for (guint b = 0; b < n_bins; b++)
    {
      double bin_n = 0.0, bin_s = 0.0;

      for (guint f = 0; f < n_folds; f++)
        {
          bin_n += sums[(b * n_folds + f) * 3];
          bin_s += sums[(b * n_folds + f) * 3 + 1];
        }
      for (guint f = 0; f < n_folds; f++)
        {
          const double *own = sums + (b * n_folds + f) * 3;
          double n = bin_n - (leave_out ? own[0] : 0.0), s = bin_s - (leave_out ? own[1] : 0.0);
          double m = s / (n + LEAK_PRIOR);

          sse += own[2] - 2.0 * m * own[1] + own[0] * m * m;
          sst += own[2];
        }
    }
  return sst > 0.0 ? MAX (0.0, 1.0 - sse / sst) : NAN;
}

/* What one pass over the rows gives for one column, and its scores. */
static void
score_column (const FwColumn   *column,
              const FwLeakRows *rows,
              const double     *y,
              const double     *prior,
              FwLeakScore      *leak,
              guint64          *pattern_hash,
              gsize            *n_missing,
              guint            *missing_class)
{
  Bins b;
  guint n_classes = rows->labels != NULL ? rows->n_classes : 0;
  guint width = n_classes > 0 ? n_classes : 3, missing_bin;
  gsize n_cells;
  g_autofree gsize *cnt = NULL;
  g_autofree double *sums = NULL;
  guint64 hash = 0;
  gsize missing = 0;

  bins_init (&b, column, rows);
  missing_bin = b.n_bins - 1;
  n_cells = (gsize) b.n_bins * LEAK_FOLDS * width;
  if (n_classes > 0)
    cnt = g_new0 (gsize, n_cells);
  else
    sums = g_new0 (double, n_cells);

  for (gsize i = 0, fold = 0; i < rows->n_rows; i++, fold = fold + 1 < LEAK_FOLDS ? fold + 1 : 0)
    {
      gsize row = rows->rows[i];
      guint bin = bins_get (&b, row);
      gsize cell = (gsize) bin * LEAK_FOLDS + fold;

      if (n_classes > 0)
        cnt[cell * n_classes + rows->labels[row]]++;
      else
        {
          sums[cell * 3] += 1.0;
          sums[cell * 3 + 1] += y[i];
          sums[cell * 3 + 2] += y[i] * y[i];
        }
      if (bin == missing_bin)
        {
          /* SplitMix64's finaliser over the positions: equal sets give equal hashes. */
          guint64 z = hash + i + 0x9E3779B97F4A7C15ull;

          z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
          z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
          hash = z ^ (z >> 31);
          missing++;
        }
    }
  g_free (b.cuts);
  g_free (b.days);

  leak->checked = TRUE;
  leak->accuracy = NAN;
  leak->missingness = NAN;
  if (n_classes > 0)
    leak->values = score_classes (cnt, b.n_bins, LEAK_FOLDS, n_classes, TRUE, prior,
                                  &leak->accuracy);
  else
    leak->values = score_means (sums, b.n_bins, LEAK_FOLDS, TRUE);

  if (missing > 0 && missing < rows->n_rows)
    {
      /* Two bins, present and empty, on one fold. */
      g_autofree gsize *cnt2 = NULL;
      double sums2[2 * 3] = { 0 }, accuracy = NAN;
      gsize best = 0;

      if (n_classes > 0)
        {
          cnt2 = g_new0 (gsize, 2 * (gsize) n_classes);
          for (guint bin = 0; bin < b.n_bins; bin++)
            for (guint f = 0; f < LEAK_FOLDS; f++)
              for (guint k = 0; k < n_classes; k++)
                cnt2[(bin == missing_bin) * n_classes + k] +=
                  cnt[((gsize) bin * LEAK_FOLDS + f) * n_classes + k];
          leak->missingness = score_classes (cnt2, 2, 1, n_classes, FALSE, prior, &accuracy);
          for (guint k = 0; k < n_classes; k++)
            if (cnt2[n_classes + k] > cnt2[n_classes + best])
              best = k;
          *missing_class = (guint) best;
        }
      else
        {
          for (guint bin = 0; bin < b.n_bins; bin++)
            for (guint f = 0; f < LEAK_FOLDS; f++)
              for (guint s = 0; s < 3; s++)
                sums2[(bin == missing_bin) * 3 + s] += sums[((gsize) bin * LEAK_FOLDS + f) * 3 + s];
          leak->missingness = score_means (sums2, 2, 1, FALSE);
        }
      if (!isnan (leak->missingness) &&
          (leak->missingness >= FW_PROFILE_LEAK_SCORE || isnan (leak->values) ||
           leak->missingness >= leak->values))
        {
          leak->by = FW_LEAK_BY_MISSINGNESS;
          leak->score = leak->missingness;
          leak->accuracy = accuracy;
        }
    }
  if (leak->by != FW_LEAK_BY_MISSINGNESS)
    {
      leak->by = FW_LEAK_BY_VALUES;
      leak->score = leak->values;
    }
  leak->suspected = !isnan (leak->score) && leak->score >= FW_PROFILE_LEAK_SCORE;
  *pattern_hash = hash;
  *n_missing = missing;
}

static void
leak_reset (FwLeakScore *leak)
{
  memset (leak, 0, sizeof *leak);
  leak->values = leak->missingness = leak->score = leak->accuracy = NAN;
  leak->pattern = G_MAXUINT;
}

/* The rows a check scores (evenly spaced ones past LEAK_MAX_ROWS), and what every column's
 * scores share: the class shares, or the centred target. */
typedef struct
{
  FwLeakRows rows;
  gsize     *subset;
  double    *y;
  double    *prior;
} Setup;

static gboolean
setup_init (Setup            *s,
            const FwColumn   *target_column,
            const FwLeakRows *rows)
{
  guint n_classes = rows->labels != NULL ? rows->n_classes : 0;

  memset (s, 0, sizeof *s);
  if (rows->n_rows < 2 || (rows->labels != NULL && (n_classes < 2 ||
                                                    n_classes > LEAK_MAX_CLASSES)))
    return FALSE;
  s->rows = *rows;
  if (rows->n_rows > LEAK_MAX_ROWS)
    {
      s->subset = g_new (gsize, LEAK_MAX_ROWS);
      for (gsize i = 0; i < LEAK_MAX_ROWS; i++)
        s->subset[i] = rows->rows[(gsize) ((double) i * rows->n_rows / LEAK_MAX_ROWS)];
      s->rows.rows = s->subset;
      s->rows.n_rows = LEAK_MAX_ROWS;
    }
  rows = &s->rows;
  if (n_classes > 0)
    {
      s->prior = g_new0 (double, n_classes);
      for (gsize i = 0; i < rows->n_rows; i++)
        s->prior[rows->labels[rows->rows[i]]] += 1.0 / (double) rows->n_rows;
    }
  else
    {
      FwStatsSum sum = { 0 };
      double mean;

      s->y = g_new (double, rows->n_rows);
      for (gsize i = 0; i < rows->n_rows; i++)
        {
          s->y[i] = fw_column_get_number (target_column, rows->rows[i]);
          fw_stats_sum_add (&sum, s->y[i]);
        }
      mean = fw_stats_sum_value (&sum) / (double) rows->n_rows;
      for (gsize i = 0; i < rows->n_rows; i++)
        s->y[i] -= mean;
    }
  return TRUE;
}

static void
setup_clear (Setup *s)
{
  g_free (s->subset);
  g_free (s->y);
  g_free (s->prior);
}

/* Scores every column but @target on @rows into @scores (reset), and the class most of each
 * column's empty rows hold into @missing_class. */
static void
score_all (const FwTable    *table,
           guint             target,
           const FwLeakRows *rows,
           FwLeakScore      *scores,
           guint            *missing_class)
{
  guint n_columns = fw_table_n_columns (table);
  g_autofree guint64 *hashes = g_new0 (guint64, n_columns);
  g_autofree gsize *n_missing = g_new0 (gsize, n_columns);
  Setup s;

  if (!setup_init (&s, fw_table_column (table, target), rows))
    return;
  for (guint c = 0; c < n_columns; c++)
    {
      FwLeakScore *leak = &scores[c];

      if (c == target)
        continue;
      score_column (fw_table_column (table, c), &s.rows, s.y, s.prior, leak, &hashes[c],
                    &n_missing[c], &missing_class[c]);
      leak->pattern = G_MAXUINT;
      if (n_missing[c] == 0)
        continue;
      /* Equal 64-bit hashes of equal counts: the same rows, but for a 2⁻⁶⁴ chance. */
      for (guint d = 0; d < c && leak->pattern == G_MAXUINT; d++)
        if (d != target && n_missing[d] == n_missing[c] && hashes[d] == hashes[c])
          leak->pattern = d;
      if (leak->pattern == G_MAXUINT)
        leak->pattern = c;
    }
  setup_clear (&s);
}

FwLeakScore *
fw_columns_leak_scores (const FwColumn *const *columns,
                        guint                  n_columns,
                        const FwColumn        *target,
                        const FwLeakRows      *rows)
{
  FwLeakScore *scores;
  Setup s;

  g_return_val_if_fail (columns != NULL || n_columns == 0, NULL);
  g_return_val_if_fail (target != NULL && rows != NULL, NULL);

  scores = g_new (FwLeakScore, MAX (n_columns, 1));
  for (guint c = 0; c < n_columns; c++)
    leak_reset (&scores[c]);
  if (!setup_init (&s, target, rows))
    return scores;
  for (guint c = 0; c < n_columns; c++)
    {
      guint64 hash;
      gsize n_missing;
      guint missing_class = 0;

      score_column (columns[c], &s.rows, s.y, s.prior, &scores[c], &hash, &n_missing,
                    &missing_class);
    }
  setup_clear (&s);
  return scores;
}

FwLeakScore *
fw_table_leak_scores (const FwTable    *table,
                      guint             target,
                      const FwLeakRows *rows)
{
  guint n_columns;
  FwLeakScore *scores;
  g_autofree guint *missing_class = NULL;

  g_return_val_if_fail (table != NULL && rows != NULL, NULL);
  g_return_val_if_fail (target < fw_table_n_columns (table), NULL);

  n_columns = fw_table_n_columns (table);
  scores = g_new (FwLeakScore, n_columns);
  missing_class = g_new0 (guint, n_columns);
  for (guint c = 0; c < n_columns; c++)
    leak_reset (&scores[c]);
  score_all (table, target, rows, scores, missing_class);
  return scores;
}

/* Scores every column but @target on @rows and flags the suspected leaks in @profile. */
void
fw_profile_check_leaks (FwTableProfile   *profile,
                        const FwTable    *table,
                        guint             target,
                        const FwLeakRows *rows)
{
  const FwColumn *target_column = fw_table_column (table, target);
  guint n_columns = profile->n_columns;
  g_autofree guint *missing_class = g_new0 (guint, n_columns);
  g_autofree FwLeakScore *scores = g_new (FwLeakScore, n_columns);

  for (guint c = 0; c < n_columns; c++)
    leak_reset (&scores[c]);
  score_all (table, target, rows, scores, missing_class);
  for (guint c = 0; c < n_columns; c++)
    profile->columns[c].leak = scores[c];

  for (guint c = 0; c < n_columns; c++)
    {
      FwColumnProfile *p = &profile->columns[c];
      g_autofree guint *members = NULL;
      guint n = 0;

      if (c == target || !p->leak.suspected)
        continue;
      if (p->leak.by == FW_LEAK_BY_MISSINGNESS)
        {
          members = g_new (guint, n_columns);
          for (guint d = 0; d < n_columns; d++)
            if (d != target && profile->columns[d].leak.pattern == p->leak.pattern &&
                profile->columns[d].leak.suspected &&
                profile->columns[d].leak.by == FW_LEAK_BY_MISSINGNESS)
              members[n++] = d;
        }
      fw_profile_add_issue (p, FW_ISSUE_TARGET_LEAKAGE,
                            n > 1 ? fw_profile_leak_group_message (table, target_column, rows,
                                                                   members, n, &p->leak,
                                                                   missing_class[c])
                                  : fw_profile_leak_message (fw_table_column (table, c),
                                                             target_column, rows, &p->leak,
                                                             missing_class[c]));
    }
}
