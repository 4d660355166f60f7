/* fw-stats.h — order statistics and sums, each defined once
 *
 * Places that must agree (the profile's quartiles and outlier fences, a fitted median or
 * clip, the bootstrap's percentile intervals) call these, so they agree to the last bit.
 *
 * Quantiles are numpy.quantile's default, "linear" (method 7 of Hyndman & Fan, "Sample
 * quantiles in statistical packages", Am. Stat. 50, 1996): of n sorted values
 * x[0] ≤ … ≤ x[n − 1], the level q lies at h = q·(n − 1), and the quantile is
 * x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]) (x[n − 1] when ⌊h⌋ ≥ n − 1).  The
 * interpolation is evaluated as numpy's _lerp does, from the upper value when the fraction
 * is at least one half, so results equal numpy's bit for bit.
 *
 * None of these looks for NaN: callers leave missing values out first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <math.h>

G_BEGIN_DECLS

/* qsort/bsearch comparators, ascending: −1, 0 or 1. */
int     fw_stats_compare_doubles (const void   *a,
                                  const void   *b);
int     fw_stats_compare_floats  (const void   *a,
                                  const void   *b);
/* Sorts @n doubles ascending. */
void    fw_stats_sort            (double       *a,
                                  gsize         n);

/* The @k-th smallest (from 0) of the @n values in @a, which it reorders: afterwards every
 * value before position @k is ≤ it and every value after is ≥ it.  Expected linear time,
 * also on columns of few distinct values.  @k < @n. */
double  fw_stats_select          (double       *a,
                                  gsize         n,
                                  gsize         k);

/* Where level @level (in [0, 1]) of @n > 0 sorted values lies: returns ⌊q·(n − 1)⌋ and
 * sets @fraction to the rest, in [0, 1). */
gsize   fw_stats_quantile_index  (gsize         n,
                                  double        level,
                                  double       *fraction);
/* numpy's _lerp: @a + (@b − @a)·@t, or @b − (@b − @a)·(1 − @t) when @t ≥ 0.5, so that
 * @t = 1 gives @b exactly and the result is monotonic in @t. */
double  fw_stats_lerp            (double        a,
                                  double        b,
                                  double        t);
/* The linear quantile of @n > 0 values sorted ascending. */
double  fw_stats_quantile_sorted (const double *sorted,
                                  gsize         n,
                                  double        level);
/* The same of @n > 0 values in any order, by selection; @a is reordered. */
double  fw_stats_quantile        (double       *a,
                                  gsize         n,
                                  double        level);

/* Neumaier's compensated sum ("Rundungsfehleranalyse einiger Verfahren zur Summation
 * endlicher Summen", ZAMM 54, 1974): Kahan's, also exact when an addend is larger than the
 * running sum.  Zero-initialise, add, then read the value. */
typedef struct
{
  double sum, compensation;
} FwStatsSum;

static inline void
fw_stats_sum_add (FwStatsSum *s,
                  double      x)
{
  double t = s->sum + x;

  s->compensation += fabs (s->sum) >= fabs (x) ? (s->sum - t) + x : (x - t) + s->sum;
  s->sum = t;
}

static inline double
fw_stats_sum_value (const FwStatsSum *s)
{
  return s->sum + s->compensation;
}

/* The regularised incomplete beta function I_x(a, b), a, b > 0, 0 ≤ x ≤ 1, by its continued
 * fraction (Lentz's method), to about 1e-15 relative. */
double  fw_stats_incomplete_beta (double        a,
                                  double        b,
                                  double        x);
/* P(|T| ≥ |t|) for Student's t with @df degrees of freedom; @df ≤ 0 or infinite: the
 * standard normal's.  NaN for a NaN @t. */
double  fw_stats_t_two_sided     (double        t,
                                  double        df);
/* The t (or, as above, normal) value whose two-sided tail is @alpha: 1.96 for 0.05 and
 * an infinite @df. */
double  fw_stats_t_critical      (double        alpha,
                                  double        df);

G_END_DECLS
