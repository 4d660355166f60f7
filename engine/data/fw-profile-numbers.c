/* fw-profile-numbers.c — the statistics of a numeric column, from one sorted copy
 *
 * Numbers are profiled from one sorted copy of the non-missing values: an LSD radix sort of
 * order-preserving integer keys (3 passes of 11 bits for float32, up to 6 for float64),
 * into one scratch buffer reused across columns.  Min, max, quantiles, distinct values,
 * histogram and outlier counts are then read off the sorted keys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

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

/* The sorted non-missing values of one column, as keys. */
typedef struct
{
  gconstpointer keys;
  gboolean      wide;
  gsize         n;
} Sorted;

/* One block: the digit counts, then two buffers of @n_rows keys. */
void
fw_profile_scratch_init (FwProfileScratch *scratch,
                         gsize             n_rows,
                         gsize             width)
{
  gsize n = MAX (n_rows, 1);
  gsize hist_bytes = sizeof (gsize) * PASSES_64 * RADIX_SIZE;

  memset (scratch, 0, sizeof *scratch);
  if (width == 0)
    return;
  scratch->hist = g_malloc (hist_bytes + 2 * n * width);
  scratch->keys = (char *) scratch->hist + hist_bytes;
  scratch->tmp = (char *) scratch->keys + n * width;
}

void
fw_profile_scratch_clear (FwProfileScratch *scratch)
{
  g_clear_pointer (&scratch->hist, g_free);
  scratch->keys = scratch->tmp = NULL;
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

static gboolean
is_sentinel_value (double x)
{
  static const double values[] = { -9999, -999, -99, -9, -1, 0, 9, 99, 999, 9999, 99999,
                                   999999 };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (x == values[i])
      return TRUE;
  return FALSE;
}

/* Whether @v, held by @n_edge cells at one edge (@low: the bottom), is a sentinel beside
 * @rest, the other values (see FW_PROFILE_SENTINEL_MIN_FRACTION). */
static gboolean
edge_is_sentinel (double        v,
                  gsize         n_edge,
                  gsize         n,
                  const Sorted *rest,
                  gboolean      low)
{
  double nearest, q1, q3;

  if (!is_sentinel_value (v) || rest->n < 2 ||
      (double) n_edge < FW_PROFILE_SENTINEL_MIN_FRACTION * (double) n)
    return FALSE;
  nearest = sorted_get (rest, low ? 0 : rest->n - 1);
  if (low && v < 0.0 && nearest >= 0.0)
    return TRUE;
  q1 = sorted_quantile (rest, 0.25);
  q3 = sorted_quantile (rest, 0.75);
  return q3 > q1 && fabs (nearest - v) > q3 - q1;
}

/* The sentinel, if either edge holds one; the edge with more cells wins. */
static void
find_sentinel (const Sorted    *s,
               FwColumnProfile *p,
               FwNumericExtra  *extra)
{
  gsize width = s->wide ? 8 : 4;
  gsize n_low = sorted_bound (s, p->min, TRUE);
  gsize n_high = s->n - sorted_bound (s, p->max, FALSE);
  Sorted above = { (const char *) s->keys + n_low * width, s->wide, s->n - n_low };
  Sorted below = { s->keys, s->wide, s->n - n_high };
  gboolean low, high;

  if (p->distinct < 3)
    return;
  low = edge_is_sentinel (p->min, n_low, s->n, &above, TRUE);
  high = edge_is_sentinel (p->max, n_high, s->n, &below, FALSE);
  if (low && (!high || n_low >= n_high))
    {
      p->sentinel = p->min;
      extra->n_sentinel = n_low;
    }
  else if (high)
    {
      p->sentinel = p->max;
      extra->n_sentinel = n_high;
    }
}

void
fw_profile_numbers (const FwColumn   *column,
                    FwColumnProfile  *p,
                    FwNumericExtra   *extra,
                    FwProfileScratch *scratch)
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
  find_sentinel (&s, p, extra);

  p->outlier_low = p->quantiles[1] - FW_PROFILE_OUTLIER_IQR_FACTOR * (p->quantiles[3] - p->quantiles[1]);
  p->outlier_high = p->quantiles[3] + FW_PROFILE_OUTLIER_IQR_FACTOR * (p->quantiles[3] - p->quantiles[1]);
  p->n_outliers = sorted_bound (&s, p->outlier_low, FALSE) +
                  (s.n - sorted_bound (&s, p->outlier_high, TRUE));
}
