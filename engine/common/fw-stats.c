/* fw-stats.c — order statistics, each defined once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include "fw-stats.h"

int
fw_stats_compare_doubles (const void *a,
                          const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
fw_stats_compare_floats (const void *a,
                         const void *b)
{
  float x = *(const float *) a, y = *(const float *) b;

  return x < y ? -1 : x > y;
}

void
fw_stats_sort (double *a,
               gsize   n)
{
  g_return_if_fail (a != NULL || n == 0);

  if (n > 1)                    /* qsort (NULL, 0, …) is undefined */
    qsort (a, n, sizeof (double), fw_stats_compare_doubles);
}

static inline void
swap (double *a,
      double *b)
{
  double t = *a;

  *a = *b;
  *b = t;
}

/* Quickselect with a median-of-three pivot and a three-way partition: values equal to the
 * pivot are settled in one pass, so columns of few distinct values (ages, counts) stay
 * linear. */
double
fw_stats_select (double *a,
                 gsize   n,
                 gsize   k)
{
  gsize lo = 0, hi = n;

  g_return_val_if_fail (a != NULL && k < n, NAN);

  while (hi - lo > 1)
    {
      double x = a[lo], y = a[lo + (hi - lo) / 2], z = a[hi - 1];
      double pivot = MAX (MIN (x, y), MIN (MAX (x, y), z));
      gsize lt = lo, i = lo, gt = hi;

      while (i < gt)
        {
          if (a[i] < pivot)
            swap (&a[lt++], &a[i++]);
          else if (a[i] > pivot)
            swap (&a[i], &a[--gt]);
          else
            i++;
        }
      if (k < lt)
        hi = lt;
      else if (k >= gt)
        lo = gt;
      else
        return pivot;
    }
  return a[lo];
}

gsize
fw_stats_quantile_index (gsize   n,
                         double  level,
                         double *fraction)
{
  double h;
  gsize below;

  g_return_val_if_fail (n > 0 && fraction != NULL, 0);

  h = level * (double) (n - 1);
  below = (gsize) floor (h);
  *fraction = h - (double) below;
  return below;
}

double
fw_stats_lerp (double a,
               double b,
               double t)
{
  double diff = b - a;

  return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;
}

double
fw_stats_quantile_sorted (const double *sorted,
                          gsize         n,
                          double        level)
{
  double fraction;
  gsize below;

  g_return_val_if_fail (sorted != NULL && n > 0, NAN);

  below = fw_stats_quantile_index (n, level, &fraction);
  if (below >= n - 1)
    return sorted[n - 1];
  return fw_stats_lerp (sorted[below], sorted[below + 1], fraction);
}

double
fw_stats_quantile (double *a,
                   gsize   n,
                   double  level)
{
  double fraction, low, high;
  gsize below;

  g_return_val_if_fail (a != NULL && n > 0, NAN);

  below = fw_stats_quantile_index (n, level, &fraction);
  if (below >= n - 1)
    below = n - 1;
  low = fw_stats_select (a, n, below);
  if (below == n - 1)
    return low;
  /* Everything past position below is at least a[below]: the next value is their minimum. */
  high = a[below + 1];
  for (gsize i = below + 2; i < n; i++)
    high = MIN (high, a[i]);
  return fw_stats_lerp (low, high, fraction);
}

/* The continued fraction of I_x(a, b) (Numerical Recipes' betacf, modified Lentz). */
static double
beta_fraction (double a,
               double b,
               double x)
{
  const double tiny = 1e-300;
  double c = 1, d = 1 - (a + b) * x / (a + 1), h;

  d = 1 / (fabs (d) < tiny ? tiny : d);
  h = d;
  for (int m = 1; m <= 10000; m++)
    {
      double aa, delta;

      aa = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
      d = 1 + aa * d;
      c = 1 + aa / c;
      d = 1 / (fabs (d) < tiny ? tiny : d);
      c = fabs (c) < tiny ? tiny : c;
      h *= d * c;
      aa = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
      d = 1 + aa * d;
      c = 1 + aa / c;
      d = 1 / (fabs (d) < tiny ? tiny : d);
      c = fabs (c) < tiny ? tiny : c;
      delta = d * c;
      h *= delta;
      if (fabs (delta - 1) < 1e-16)
        break;
    }
  return h;
}

double
fw_stats_incomplete_beta (double a,
                          double b,
                          double x)
{
  double front;

  if (isnan (x) || x <= 0)
    return isnan (x) ? NAN : 0;
  if (x >= 1)
    return 1;
  front = exp (lgamma (a + b) - lgamma (a) - lgamma (b) + a * log (x) + b * log1p (-x));
  /* The fraction converges fast below the mean; above it, use the symmetry. */
  if (x < (a + 1) / (a + b + 2))
    return front * beta_fraction (a, b, x) / a;
  return 1 - front * beta_fraction (b, a, 1 - x) / b;
}

double
fw_stats_t_two_sided (double t,
                      double df)
{
  if (isnan (t))
    return NAN;
  if (!(df > 0) || isinf (df))
    return erfc (fabs (t) / G_SQRT2);
  if (isinf (t))
    return 0;
  return fw_stats_incomplete_beta (df / 2, 0.5, df / (df + t * t));
}

double
fw_stats_t_critical (double alpha,
                     double df)
{
  double low = 0, high = 1;

  g_return_val_if_fail (alpha > 0 && alpha < 1, NAN);

  while (fw_stats_t_two_sided (high, df) > alpha && high < 1e12)
    high *= 2;
  /* The tail falls as t grows: bisect to the double's resolution. */
  for (int i = 0; i < 200 && high - low > 1e-15 * high; i++)
    {
      double mid = (low + high) / 2;

      if (fw_stats_t_two_sided (mid, df) > alpha)
        low = mid;
      else
        high = mid;
    }
  return (low + high) / 2;
}
