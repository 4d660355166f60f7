/* fw-profile.c — per-column statistics and issue flags in plain words
 *
 * Numbers are profiled from one sorted copy of the non-missing values: an LSD radix sort of
 * order-preserving integer keys (3 passes of 11 bits for float32, up to 6 for float64),
 * into one scratch buffer reused across columns.  Min, max, quantiles, distinct values,
 * histogram and outlier counts are then read off the sorted keys.  Codes are counted.  On
 * big tables a helper thread, with its own buffer, takes columns too.
 *
 * The flags that need a target live in fw-profile-target.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include "fw-profile-private.h"
#include "fw-stats.h"

const double fw_profile_quantile_levels[FW_PROFILE_N_QUANTILES] = { 0.05, 0.25, 0.50, 0.75, 0.95 };

#define RADIX_BITS     11
#define RADIX_SIZE     (1u << RADIX_BITS)
#define RADIX_MASK     (RADIX_SIZE - 1)
#define PASSES_32      3
#define PASSES_64      6
#define SUM_BLOCK      1024     /* plain sums inside a block, compensated across blocks */
typedef struct
{
  gsize   *hist;                /* PASSES_64 × RADIX_SIZE digit counts; owns the block */
  gpointer keys, tmp;           /* n_rows keys each, 8 bytes wide when any column is float64 */
} Scratch;

/* The sorted non-missing values of one column, as keys. */
typedef struct
{
  gconstpointer keys;
  gboolean      wide;
  gsize         n;
} Sorted;

static void
issue_free (gpointer data)
{
  FwIssue *issue = data;

  g_free (issue->message);
  g_free (issue);
}

void
fw_profile_add_issue (FwColumnProfile *p,
           FwIssueKind      kind,
           char            *message)
{
  FwIssue *issue = g_new (FwIssue, 1);

  issue->kind = kind;
  issue->message = message;
  g_ptr_array_add (p->issues, issue);
}

const char *
fw_issue_kind_to_string (FwIssueKind kind)
{
  static const char *const ids[FW_N_ISSUE_KINDS] = {
    [FW_ISSUE_MOSTLY_MISSING]   = "mostly_missing",
    [FW_ISSUE_CONSTANT]         = "constant",
    [FW_ISSUE_IDENTIFIER]       = "identifier",
    [FW_ISSUE_HIGH_CARDINALITY] = "high_cardinality",
    [FW_ISSUE_OUTLIERS]         = "outliers",
    [FW_ISSUE_CLASS_IMBALANCE]  = "class_imbalance",
    [FW_ISSUE_TARGET_LEAKAGE]   = "target_leakage",
  };

  g_return_val_if_fail ((guint) kind < FW_N_ISSUE_KINDS, NULL);
  return ids[kind];
}

gboolean
fw_column_profile_has_issue (const FwColumnProfile *profile,
                             FwIssueKind            kind)
{
  g_return_val_if_fail (profile != NULL, FALSE);

  for (guint i = 0; i < profile->issues->len; i++)
    if (((FwIssue *) g_ptr_array_index (profile->issues, i))->kind == kind)
      return TRUE;
  return FALSE;
}

/* Order-preserving keys: flip the sign bit of positives, every bit of negatives.  Adding
 * +0 first turns −0 into +0, so the two count as one value. */
static inline guint32
key_from_float (float x)
{
  guint32 u;

  x += 0.0f;
  memcpy (&u, &x, sizeof u);
  return u ^ ((0u - (u >> 31)) | 0x80000000u);
}

static inline guint64
key_from_double (double x)
{
  guint64 u;

  x += 0.0;
  memcpy (&u, &x, sizeof u);
  return u ^ ((G_GUINT64_CONSTANT (0) - (u >> 63)) | G_GUINT64_CONSTANT (0x8000000000000000));
}

static inline double
double_from_key (guint64 key)
{
  double x;

  key ^= ((key >> 63) - 1) | G_GUINT64_CONSTANT (0x8000000000000000);
  memcpy (&x, &key, sizeof x);
  return x;
}

static inline float
float_from_key (guint32 key)
{
  float x;

  key ^= ((key >> 31) - 1) | 0x80000000u;
  memcpy (&x, &key, sizeof x);
  return x;
}

static inline double
sorted_get (const Sorted *s,
            gsize         i)
{
  return s->wide ? double_from_key (((const guint64 *) s->keys)[i])
                 : float_from_key (((const guint32 *) s->keys)[i]);
}

/* First index whose value is ≥ @x (@strict: > @x). */
static gsize
sorted_bound (const Sorted *s,
              double        x,
              gboolean      strict)
{
  gsize lo = 0, hi = s->n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      double v = sorted_get (s, mid);

      if (strict ? v <= x : v < x)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Copies the non-missing values' keys and counts their digits in the same pass. */
static gsize
gather (const FwColumn *column,
        gpointer        keys,
        gsize          *hist,
        double         *sum_out)
{
  gboolean wide = column->storage == FW_STORAGE_FLOAT64;
  FwStatsSum sum = { 0 };
  gsize k = 0;

  for (gsize start = 0; start < column->n_rows; start += SUM_BLOCK)
    {
      gsize end = MIN (start + SUM_BLOCK, column->n_rows);
      double block = 0.0;

      for (gsize i = start; i < end; i++)
        {
          double x = wide ? column->data.f64[i] : column->data.f32[i];

          if (isnan (x))
            continue;
          block += x;
          if (wide)
            {
              guint64 key = ((guint64 *) keys)[k++] = key_from_double (x);

              for (guint pass = 0; pass < PASSES_64; pass++)
                hist[pass * RADIX_SIZE + ((key >> (pass * RADIX_BITS)) & RADIX_MASK)]++;
            }
          else
            {
              guint32 key = ((guint32 *) keys)[k++] = key_from_float ((float) x);

              hist[key & RADIX_MASK]++;
              hist[RADIX_SIZE + ((key >> RADIX_BITS) & RADIX_MASK)]++;
              hist[2 * RADIX_SIZE + (key >> (2 * RADIX_BITS))]++;
            }
        }
      fw_stats_sum_add (&sum, block);
    }
  *sum_out = fw_stats_sum_value (&sum);
  return k;
}

/* Turns digit counts into start offsets; FALSE when every key has the same digit. */
static gboolean
radix_offsets (gsize  *count,
               guint   first_digit,
               gsize   n)
{
  gsize offset = 0;

  if (count[first_digit] == n)
    return FALSE;
  for (guint d = 0; d < RADIX_SIZE; d++)
    {
      gsize c = count[d];

      count[d] = offset;
      offset += c;
    }
  return TRUE;
}

/* LSD radix sort; returns whichever of @keys and @tmp holds the result. */
static gpointer
radix_sort (gpointer  keys,
            gpointer  tmp,
            gsize     n,
            gboolean  wide,
            gsize    *hist)
{
  guint passes = wide ? PASSES_64 : PASSES_32;

  if (n < 2)
    return keys;
  for (guint pass = 0; pass < passes; pass++)
    {
      guint shift = pass * RADIX_BITS;
      gsize *count = hist + pass * RADIX_SIZE;
      guint64 first = wide ? *(const guint64 *) keys : *(const guint32 *) keys;
      gpointer swap;

      if (!radix_offsets (count, (first >> shift) & RADIX_MASK, n))
        continue;
      if (wide)
        {
          const guint64 *src = keys;
          guint64 *dst = tmp;

          for (gsize i = 0; i < n; i++)
            dst[count[(src[i] >> shift) & RADIX_MASK]++] = src[i];
        }
      else
        {
          const guint32 *src = keys;
          guint32 *dst = tmp;

          for (gsize i = 0; i < n; i++)
            dst[count[(src[i] >> shift) & RADIX_MASK]++] = src[i];
        }
      swap = keys;
      keys = tmp;
      tmp = swap;
    }
  return keys;
}

/* fw_stats_quantile_sorted() read off the keys, so it is the preprocessor's to the bit. */
static double
sorted_quantile (const Sorted *s,
                 double        level)
{
  double fraction;
  gsize below = fw_stats_quantile_index (s->n, level, &fraction);

  if (below >= s->n - 1)
    return sorted_get (s, s->n - 1);
  return fw_stats_lerp (sorted_get (s, below), sorted_get (s, below + 1), fraction);
}

/* Counts distinct values; keeps them with their counts when there are few. */
static gsize
sorted_distinct (const Sorted *s,
                 FwNumericExtra *extra)
{
  gsize distinct = s->n > 0 ? 1 : 0;

  if (s->wide)
    {
      const guint64 *keys = s->keys;

      for (gsize i = 1; i < s->n; i++)
        distinct += keys[i] != keys[i - 1];
    }
  else
    {
      const guint32 *keys = s->keys;

      for (gsize i = 1; i < s->n; i++)
        distinct += keys[i] != keys[i - 1];
    }
  if (distinct > FW_PROFILE_SMALL_DISTINCT)
    return distinct;

  for (gsize start = 0, end; start < s->n; start = end, extra->n_values++)
    {
      extra->values[extra->n_values] = sorted_get (s, start);
      end = sorted_bound (s, extra->values[extra->n_values], TRUE);
      extra->counts[extra->n_values] = end - start;
    }
  return distinct;
}

static inline double
squared_deviation (const Sorted *s,
                   gsize         i,
                   double        mean)
{
  double d = sorted_get (s, i) - mean;

  return d * d;
}

/* Σ (x − mean)²: the second of two passes, as pandas computes the variance.  Four lanes,
 * so that the additions do not wait on each other. */
static double
sorted_squares (const Sorted *s,
                double        mean)
{
  FwStatsSum sum = { 0 };

  for (gsize start = 0; start < s->n; start += SUM_BLOCK)
    {
      gsize end = MIN (start + SUM_BLOCK, s->n), i;
      double a = 0.0, b = 0.0, c = 0.0, d = 0.0;

      for (i = start; i + 4 <= end; i += 4)
        {
          a += squared_deviation (s, i, mean);
          b += squared_deviation (s, i + 1, mean);
          c += squared_deviation (s, i + 2, mean);
          d += squared_deviation (s, i + 3, mean);
        }
      for (; i < end; i++)
        a += squared_deviation (s, i, mean);
      fw_stats_sum_add (&sum, (a + b) + (c + d));
    }
  return fw_stats_sum_value (&sum);
}

/* numpy.histogram's bins: edges as numpy.linspace makes them, [e_i, e_i+1) except the
 * last, closed; a single value v gets the range [v − 0.5, v + 0.5], so the middle bin. */
static void
sorted_histogram (const Sorted    *s,
                  FwColumnProfile *p)
{
  double first = p->min, last = p->max, step;
  gsize below = 0;

  if (!isfinite (first) || !isfinite (last))
    return;
  if (first == last)
    {
      first -= 0.5;
      last += 0.5;
    }
  step = (last - first) / FW_PROFILE_HISTOGRAM_BINS;
  for (guint bin = 0; bin < FW_PROFILE_HISTOGRAM_BINS; bin++)
    {
      gsize upto = s->n;

      if (bin + 1 < FW_PROFILE_HISTOGRAM_BINS)
        upto = sorted_bound (s, (double) (bin + 1) * step + first, FALSE);
      p->histogram[bin] = upto - below;
      below = upto;
    }
}

static void
profile_numbers (const FwColumn  *column,
                 FwColumnProfile *p,
                 FwNumericExtra    *extra,
                 Scratch         *scratch)
{
  gboolean wide = column->storage == FW_STORAGE_FLOAT64;
  double sum;
  Sorted s = { NULL, wide, 0 };

  memset (scratch->hist, 0, sizeof (gsize) * PASSES_64 * RADIX_SIZE);
  s.n = gather (column, scratch->keys, scratch->hist, &sum);
  p->count = s.n;
  p->missing = column->n_rows - s.n;
  p->has_numbers = TRUE;
  p->min = p->max = p->mean = p->std = p->outlier_low = p->outlier_high = NAN;
  for (guint q = 0; q < FW_PROFILE_N_QUANTILES; q++)
    p->quantiles[q] = NAN;
  if (s.n == 0)
    return;

  s.keys = radix_sort (scratch->keys, scratch->tmp, s.n, wide, scratch->hist);
  p->min = sorted_get (&s, 0);
  p->max = sorted_get (&s, s.n - 1);
  p->mean = sum / (double) s.n;
  p->std = s.n > 1 ? sqrt (sorted_squares (&s, p->mean) / (double) (s.n - 1)) : NAN;

  for (guint q = 0; q < FW_PROFILE_N_QUANTILES; q++)
    p->quantiles[q] = sorted_quantile (&s, fw_profile_quantile_levels[q]);
  p->distinct = sorted_distinct (&s, extra);
  sorted_histogram (&s, p);

  p->outlier_low = p->quantiles[1] - FW_PROFILE_OUTLIER_IQR_FACTOR * (p->quantiles[3] - p->quantiles[1]);
  p->outlier_high = p->quantiles[3] + FW_PROFILE_OUTLIER_IQR_FACTOR * (p->quantiles[3] - p->quantiles[1]);
  p->n_outliers = sorted_bound (&s, p->outlier_low, FALSE) +
                  (s.n - sorted_bound (&s, p->outlier_high, TRUE));

  /* Leakage bins: the values themselves when few, else the distinct deciles. */
  if (extra->n_values > 0 && extra->n_values <= FW_PROFILE_LEAK_BINS)
    {
      for (guint i = 1; i < extra->n_values; i++)
        extra->cuts[extra->n_cuts++] = extra->values[i];
    }
  else
    {
      double previous = p->min;

      for (guint k = 1; k < FW_PROFILE_LEAK_BINS; k++)
        {
          double cut = sorted_get (&s, (gsize) ((double) s.n * k / FW_PROFILE_LEAK_BINS));

          if (cut > previous)
            extra->cuts[extra->n_cuts++] = previous = cut;
        }
    }
}

/* The @k codes with the highest counts, most frequent first, ties by code (that is, by
 * first appearance).  Returns how many were found (codes with a count of zero are not). */
guint
fw_profile_top_codes (const gsize *counts,
           guint        n_codes,
           guint        k,
           guint32     *top)
{
  guint n = 0;

  for (guint32 code = 0; code < n_codes; code++)
    {
      guint at;

      if (counts[code] == 0 || (n == k && counts[code] <= counts[top[k - 1]]))
        continue;
      at = n < k ? n++ : k - 1;
      while (at > 0 && counts[top[at - 1]] < counts[code])
        {
          top[at] = top[at - 1];
          at--;
        }
      top[at] = code;
    }
  return n;
}

/* Counts per code, with one more slot at the end for missing (and out-of-range) codes. */
gsize *
fw_profile_count_codes (const FwColumn *column,
             guint          *n_codes)
{
  guint size = fw_dictionary_size (column->dict);
  gsize *counts = g_new0 (gsize, (gsize) size + 1);
  const guint32 *codes = column->data.codes;

  for (gsize i = 0; i < column->n_rows; i++)
    counts[MIN (codes[i], size)]++;
  *n_codes = size;
  return counts;
}

static void
profile_codes (const FwColumn  *column,
               FwColumnProfile *p)
{
  guint n_codes;
  g_autofree gsize *counts = fw_profile_count_codes (column, &n_codes);
  guint32 top[FW_PROFILE_TOP_CATEGORIES];

  p->missing = counts[n_codes];
  p->count = column->n_rows - p->missing;
  for (guint code = 0; code < n_codes; code++)
    p->distinct += counts[code] > 0 ? 1 : 0;
  p->n_top = fw_profile_top_codes (counts, n_codes, FW_PROFILE_TOP_CATEGORIES, top);
  for (guint i = 0; i < p->n_top; i++)
    {
      p->top[i].value = fw_dictionary_get (column->dict, top[i]);
      p->top[i].count = counts[top[i]];
    }
}

/* Numbers in messages: whole when large, else four significant digits. */
void
fw_profile_format_number (double  x,
               char   *buf,
               gsize   size)
{
  if (fabs (x) >= 1e4 && fabs (x) < 1e15)
    g_snprintf (buf, size, "%.0f", x);
  else
    g_snprintf (buf, size, "%.4g", x);
}

/* Decimals that keep a share from reading as the threshold it has crossed. */
int
fw_profile_percent_digits (double percent)
{
  return percent < 1.0 || fabs (percent - round (percent)) >= 0.05 ? 1 : 0;
}

static void
flag_issues (const FwColumn  *column,
             FwColumnProfile *p)
{
  gsize n_rows = column->n_rows;

  if (n_rows == 0)
    return;
  if ((double) p->missing > FW_PROFILE_MOSTLY_MISSING_FRACTION * (double) n_rows)
    {
      double percent = 100.0 * (double) p->missing / (double) n_rows;

      fw_profile_add_issue (p, FW_ISSUE_MOSTLY_MISSING,
                 g_strdup_printf (_("Mostly empty: %.*f%% of the cells are missing"),
                                  fw_profile_percent_digits (percent), percent));
    }
  if (p->distinct == 0)
    fw_profile_add_issue (p, FW_ISSUE_CONSTANT,
               g_strdup (_("Empty: every cell is missing, so it cannot help predict")));
  else if (p->distinct == 1)
    {
      char buf[64];
      const char *value = buf;

      if (p->has_numbers)
        fw_profile_format_number (p->min, buf, sizeof buf);
      else
        value = p->top[0].value;
      fw_profile_add_issue (p, FW_ISSUE_CONSTANT,
                 g_strdup_printf (_("Constant: every filled cell holds “%s”, so it cannot "
                                    "help predict"), value));
    }
  if (column->kind == FW_KIND_IDENTIFIER)
    fw_profile_add_issue (p, FW_ISSUE_IDENTIFIER,
               g_strdup (_("Looks like an ID: every row has its own value, so it cannot help "
                           "predict")));
  if ((column->kind == FW_KIND_CATEGORICAL || column->kind == FW_KIND_TEXT) &&
      p->distinct > FW_PROFILE_HIGH_CARDINALITY)
    fw_profile_add_issue (p, FW_ISSUE_HIGH_CARDINALITY,
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Many categories: %zu different value; group the "
                                             "rare ones or drop the column",
                                             "Many categories: %zu different values; group the "
                                             "rare ones or drop the column",
                                             p->distinct),
                                p->distinct));
  if (column->kind == FW_KIND_NUMERIC && p->has_numbers && p->n_outliers > 0 &&
      p->quantiles[3] > p->quantiles[1] &&
      (p->n_outliers == 1 ||
       (double) p->n_outliers <= FW_PROFILE_OUTLIER_MAX_FRACTION * (double) p->count))
    {
      char low[64], high[64];
      char *message;

      fw_profile_format_number (p->outlier_low, low, sizeof low);
      fw_profile_format_number (p->outlier_high, high, sizeof high);
      /* Name only the side(s) where values actually lie. */
      if (p->min >= p->outlier_low)
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Outliers: %zu value is far above the rest "
                                                "(above %s)",
                                                "Outliers: %zu values are far above the rest "
                                                "(above %s)", p->n_outliers),
                                   p->n_outliers, high);
      else if (p->max <= p->outlier_high)
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Outliers: %zu value is far below the rest "
                                                "(below %s)",
                                                "Outliers: %zu values are far below the rest "
                                                "(below %s)", p->n_outliers),
                                   p->n_outliers, low);
      else
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Outliers: %zu value is far from the rest "
                                                "(below %s or above %s)",
                                                "Outliers: %zu values are far from the rest "
                                                "(below %s or above %s)", p->n_outliers),
                                   p->n_outliers, low, high);
      fw_profile_add_issue (p, FW_ISSUE_OUTLIERS, message);
    }
}

void
fw_table_profile_free (FwTableProfile *profile)
{
  if (profile == NULL)
    return;
  for (guint i = 0; i < profile->n_columns; i++)
    g_clear_pointer (&profile->columns[i].issues, g_ptr_array_unref);
  g_free (profile->columns);
  g_free (((FwProfile *) profile)->extra);
  g_free (profile);
}

/* Columns are handed out one at a time to the calling thread and, on big tables, one helper
 * thread.  Each column's numbers depend only on the column, so the result does not depend on
 * who profiled what; progress is reported from the calling thread only. */
typedef struct
{
  const FwTable *table;
  FwProfile       *profile;
  GCancellable  *cancellable;
  gsize          scratch_width;  /* bytes per key; 0 when no column holds numbers */
  gint           next;           /* atomic: the next column to take */
  gint           done;           /* atomic: columns finished */
  guint          reported;       /* columns finished at the last progress report */
} Job;

/* One block: the digit counts, then two buffers of n_rows keys. */
static void
scratch_init (Scratch   *scratch,
              const Job *job)
{
  gsize n = MAX (job->profile->public.n_rows, 1), width = job->scratch_width;
  gsize hist_bytes = sizeof (gsize) * PASSES_64 * RADIX_SIZE;

  memset (scratch, 0, sizeof *scratch);
  if (width == 0)
    return;
  scratch->hist = g_malloc (hist_bytes + 2 * n * width);
  scratch->keys = (char *) scratch->hist + hist_bytes;
  scratch->tmp = (char *) scratch->keys + n * width;
}

/* Profiles columns until none is left or the job is cancelled. */
static void
job_run (Job            *job,
         Scratch        *scratch,
         FwProgressFunc  progress,
         gpointer        progress_data)
{
  guint n_columns = job->profile->public.n_columns;

  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&job->next, 1);
      const FwColumn *column;
      FwColumnProfile *p;

      if (i >= n_columns || g_cancellable_is_cancelled (job->cancellable))
        return;
      column = fw_table_column (job->table, i);
      p = &job->profile->public.columns[i];
      p->column = i;
      p->kind = column->kind;
      if (column->storage == FW_STORAGE_CODES)
        profile_codes (column, p);
      else
        profile_numbers (column, p, &job->profile->extra[i], scratch);
      flag_issues (column, p);
      g_atomic_int_inc (&job->done);
      if (progress != NULL)
        {
          job->reported = (guint) g_atomic_int_get (&job->done);
          progress ((double) job->reported / n_columns, progress_data);
        }
    }
}

static gpointer
job_helper (gpointer data)
{
  Job *job = data;
  Scratch scratch;

  scratch_init (&scratch, job);
  job_run (job, &scratch, NULL, NULL);
  g_free (scratch.hist);
  return NULL;
}

FwTableProfile *
fw_table_profile_new (const FwTable  *table,
                      FwProgressFunc  progress,
                      gpointer        progress_data,
                      GCancellable   *cancellable,
                      GError        **error)
{
  FwProfile *profile;
  Job job = { table, NULL, cancellable, 0, 0, 0, 0 };
  Scratch scratch;
  GThread *helper = NULL;
  guint n_numbers = 0;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_return_val_if_fail (fw_table_n_columns (table) < G_MAXINT, NULL);

  job.profile = profile = g_new0 (FwProfile, 1);
  profile->public.n_rows = fw_table_n_rows (table);
  profile->public.n_columns = fw_table_n_columns (table);
  profile->public.columns = g_new0 (FwColumnProfile, profile->public.n_columns);
  profile->extra = g_new0 (FwNumericExtra, profile->public.n_columns);
  for (guint i = 0; i < profile->public.n_columns; i++)
    {
      FwStorage storage = fw_table_column (table, i)->storage;

      profile->public.columns[i].issues = g_ptr_array_new_with_free_func (issue_free);
      if (storage == FW_STORAGE_CODES)
        continue;
      n_numbers++;
      job.scratch_width = MAX (job.scratch_width, storage == FW_STORAGE_FLOAT64 ? 8 : 4);
    }

  /* A second thread pays off once there are a few sorts' worth of numbers. */
  if (n_numbers >= 2 && profile->public.n_rows * n_numbers >= 2000000 &&
      g_get_num_processors () >= 2)
    helper = g_thread_new ("fw-profile", job_helper, &job);
  scratch_init (&scratch, &job);
  job_run (&job, &scratch, progress, progress_data);
  g_free (scratch.hist);
  if (helper != NULL)
    g_thread_join (helper);
  if (progress != NULL && job.reported < (guint) g_atomic_int_get (&job.done))
    progress ((double) g_atomic_int_get (&job.done) / profile->public.n_columns, progress_data);

  if ((guint) g_atomic_int_get (&job.done) < profile->public.n_columns)
    {
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
      fw_table_profile_free (&profile->public);
      return NULL;
    }
  return &profile->public;
}
