/* test-stats.c — comparators, selection, numpy's linear quantile, compensated sums, and the
 * profile, the preprocessor and the fairness intervals agreeing on one column
 *
 * Expected quantiles follow numpy.quantile's documented default ("linear", method 7):
 * h = q·(n − 1), then x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]), evaluated as numpy's _lerp
 * does, from the upper value when the fraction is ≥ 0.5.  Worked by hand below, with the
 * last digit that double arithmetic leaves where it is not exact.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include "fw-fairness-private.h"
#include "fw-preprocessor-private.h"
#include "fw-profile.h"
#include "fw-random.h"
#include "fw-stats.h"

/* Sorted: 0.2 0.3 0.4 1.5 1.8 2.4 3.3 3.4 8.7 9.1 9.4.  Every quartile lands halfway
 * between two values, where numpy's lerp counts from the upper one. */
static const double column[] = { 0.4, 8.7, 9.1, 1.5, 1.8, 9.4, 2.4, 0.3, 0.2, 3.3, 3.4 };

static void
test_compare (void)
{
  double d[] = { 2.5, -1.0, 0.0, 2.5, -0.0, 1e-300 };
  float f[] = { 2.5f, -1.0f, 3.0f };
  static const double sorted[] = { -1.0, 0.0, -0.0, 1e-300, 2.5, 2.5 };

  g_assert_cmpint (fw_stats_compare_doubles (&d[1], &d[0]), ==, -1);
  g_assert_cmpint (fw_stats_compare_doubles (&d[0], &d[1]), ==, 1);
  g_assert_cmpint (fw_stats_compare_doubles (&d[0], &d[3]), ==, 0);
  /* −0 and +0 are equal, as IEEE says. */
  g_assert_cmpint (fw_stats_compare_doubles (&d[2], &d[4]), ==, 0);
  g_assert_cmpint (fw_stats_compare_floats (&f[1], &f[0]), ==, -1);
  g_assert_cmpint (fw_stats_compare_floats (&f[2], &f[0]), ==, 1);
  g_assert_cmpint (fw_stats_compare_floats (&f[0], &f[0]), ==, 0);

  fw_stats_sort (d, G_N_ELEMENTS (d));
  for (guint i = 0; i < G_N_ELEMENTS (d); i++)
    g_assert_cmpfloat (d[i], ==, sorted[i]);
  fw_stats_sort (NULL, 0);
}

static void
test_select (void)
{
  static const double values[] = { 5, 1, 4, 1, 5, 9, 2, 6, 5, 3 };
  static const double sorted[] = { 1, 1, 2, 3, 4, 5, 5, 5, 6, 9 };
  const gsize n = G_N_ELEMENTS (values);

  for (gsize k = 0; k < n; k++)
    {
      double a[G_N_ELEMENTS (values)];
      double kth;

      memcpy (a, values, sizeof values);
      kth = fw_stats_select (a, n, k);
      g_assert_cmpfloat (kth, ==, sorted[k]);
      /* Partitioned around position k, the same values reordered. */
      g_assert_cmpfloat (a[k], ==, kth);
      for (gsize i = 0; i < n; i++)
        g_assert_true (i < k ? a[i] <= kth : a[i] >= kth);
      fw_stats_sort (a, n);
      g_assert_cmpmem (a, sizeof a, sorted, sizeof sorted);
    }
}

static void
test_quantile_index (void)
{
  double fraction;

  g_assert_cmpuint (fw_stats_quantile_index (10, 0.25, &fraction), ==, 2);
  g_assert_cmpfloat (fraction, ==, 0.25);
  g_assert_cmpuint (fw_stats_quantile_index (11, 0.75, &fraction), ==, 7);
  g_assert_cmpfloat (fraction, ==, 0.5);
  g_assert_cmpuint (fw_stats_quantile_index (11, 1.0, &fraction), ==, 10);
  g_assert_cmpfloat (fraction, ==, 0.0);
  g_assert_cmpuint (fw_stats_quantile_index (1, 0.5, &fraction), ==, 0);
  g_assert_cmpfloat (fraction, ==, 0.0);
}

static void
test_lerp (void)
{
  /* 0.6 − 0.3·0.25 = 0.525; from below, 0.3 + 0.3·0.75 rounds to 0.5249999999999999. */
  g_assert_cmpfloat (fw_stats_lerp (0.3, 0.6, 0.75), ==, 0.525);
  g_assert_cmpfloat (0.3 + (0.6 - 0.3) * 0.75, !=, 0.525);
  /* t = 1 is the upper value itself; 9.79 + (0.884 − 9.79) is 0.8840000000000003. */
  g_assert_cmpfloat (fw_stats_lerp (9.79, 0.884, 1.0), ==, 0.884);
  g_assert_cmpfloat (fw_stats_lerp (9.79, 0.884, 0.0), ==, 9.79);
  /* Below one half it counts from the lower value: 1 + 4·0.25. */
  g_assert_cmpfloat (fw_stats_lerp (1.0, 5.0, 0.25), ==, 2.0);
  g_assert_cmpfloat (fw_stats_lerp (2.0, 2.0, 0.7), ==, 2.0);
}

typedef struct
{
  const double *values;         /* in any order */
  gsize         n;
  double        level;
  double        expected;
} QuantileCase;

static const double one_to_ten[] = { 7, 3, 10, 1, 5, 9, 2, 8, 4, 6 };
static const double single[] = { 7 };
static const double ties[] = { 2, 5, 2, 2 };

static const QuantileCase quantile_cases[] = {
  /* 1 … 10: h = 9q. */
  { one_to_ten, 10, 0.0, 1.0 },
  { one_to_ten, 10, 0.05, 1.45 },               /* h = 0.45: 1 + 0.45 */
  { one_to_ten, 10, 0.25, 3.25 },               /* h = 2.25: 3 + 0.25 */
  { one_to_ten, 10, 0.5, 5.5 },                 /* h = 4.5: 6 − 0.5 */
  { one_to_ten, 10, 0.75, 7.75 },               /* h = 6.75: 8 − 0.25 */
  /* 0.95·9 rounds to 8.549999999999999, so 10 − 0.4500000000000011. */
  { one_to_ten, 10, 0.95, 9.549999999999999 },
  { one_to_ten, 10, 1.0, 10.0 },
  /* The column above: h = 10q. */
  { column, 11, 0.0, 0.2 },
  { column, 11, 0.05, 0.25 },                   /* h = 0.5: 0.3 − 0.1/2 */
  { column, 11, 0.25, 0.95 },                   /* h = 2.5: 1.5 − 1.1/2 */
  { column, 11, 0.5, 2.4 },                     /* h = 5 */
  { column, 11, 0.75, 6.05 },                   /* h = 7.5: 8.7 − 5.3/2 */
  { column, 11, 0.95, 9.25 },                   /* h = 9.5: 9.4 − 0.3/2 */
  { column, 11, 1.0, 9.4 },
  { single, 1, 0.0, 7.0 },
  { single, 1, 0.5, 7.0 },
  { single, 1, 1.0, 7.0 },
  /* 2 2 2 5: h = 3q. */
  { ties, 4, 0.5, 2.0 },                        /* h = 1.5 */
  { ties, 4, 0.75, 2.75 },                      /* h = 2.25: 2 + 3·0.25 */
  /* 0.95·3 rounds to 2.8499999999999996: 5 − 3·0.15000000000000036. */
  { ties, 4, 0.95, 4.549999999999999 },
};

static void
test_quantile (gconstpointer data)
{
  const QuantileCase *c = data;
  g_autofree double *sorted = g_memdup2 (c->values, c->n * sizeof (double));
  g_autofree double *scratch = g_memdup2 (c->values, c->n * sizeof (double));

  fw_stats_sort (sorted, c->n);
  g_assert_cmpfloat (fw_stats_quantile_sorted (sorted, c->n, c->level), ==, c->expected);
  g_assert_cmpfloat (fw_stats_quantile (scratch, c->n, c->level), ==, c->expected);
}

/* Selection and sorting give the same bits on data with many repeats. */
static void
test_quantile_select_agrees (void)
{
  FwRng rng;

  fw_rng_init (&rng, 11);
  for (guint trial = 0; trial < 200; trial++)
    {
      gsize n = 1 + fw_rng_below (&rng, 60);
      g_autofree double *values = g_new (double, n);
      g_autofree double *sorted = NULL;

      for (gsize i = 0; i < n; i++)
        values[i] = trial % 2 == 0 ? (double) fw_rng_below (&rng, 7)
                                   : (fw_rng_uniform (&rng) - 0.5) * 1e3;
      sorted = g_memdup2 (values, n * sizeof (double));
      fw_stats_sort (sorted, n);
      for (guint k = 0; k <= 40; k++)
        {
          g_autofree double *scratch = g_memdup2 (values, n * sizeof (double));
          double level = k / 40.0;

          g_assert_cmpfloat (fw_stats_quantile (scratch, n, level), ==,
                             fw_stats_quantile_sorted (sorted, n, level));
        }
    }
}

static void
test_neumaier (void)
{
  static const double big[] = { 1.0, 1e100, 1.0, -1e100 };
  FwStatsSum sum = { 0 };

  /* Exactly 2; a plain sum loses both ones, Kahan's loses them too. */
  for (guint i = 0; i < G_N_ELEMENTS (big); i++)
    fw_stats_sum_add (&sum, big[i]);
  g_assert_cmpfloat (fw_stats_sum_value (&sum), ==, 2.0);

  /* Ten times the double nearest 0.1 is 1.0000000000000000555, which rounds to 1; the
   * plain sum drifts to 0.9999999999999999. */
  sum = (FwStatsSum) { 0 };
  for (guint i = 0; i < 10; i++)
    fw_stats_sum_add (&sum, 0.1);
  g_assert_cmpfloat (fw_stats_sum_value (&sum), ==, 1.0);

  sum = (FwStatsSum) { 0 };
  g_assert_cmpfloat (fw_stats_sum_value (&sum), ==, 0.0);
}

/* The profile's quantiles and fences, the fitted median and clip (which the Clean step's
 * preview fits the same way) and a fairness interval of the same column are the same
 * numbers. */
static void
test_agree (void)
{
  const gsize n = G_N_ELEMENTS (column);
  g_autoptr(FwTable) table = fw_table_new ();
  g_autoptr(FwTableProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  const FwColumnProfile *p;
  FwStep median = { FW_STEP_IMPUTE_MEDIAN, (char *) "x", NULL };
  FwStep clip = { FW_STEP_CLIP_OUTLIERS, (char *) "x", NULL };
  double values[G_N_ELEMENTS (column) + 1], scratch[G_N_ELEMENTS (column) + 1];
  FwOp fill, fences;
  FwFairnessInterval quartiles = { NAN, NAN };

  fw_table_take_column (table, fw_column_new_float64 ("x", g_memdup2 (column, sizeof column),
                                                      n));
  profile = fw_table_profile_new (table, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  p = &profile->columns[0];
  g_assert_cmpfloat (fw_profile_quantile_levels[1], ==, 0.25);
  g_assert_cmpfloat (fw_profile_quantile_levels[2], ==, 0.5);
  g_assert_cmpfloat (fw_profile_quantile_levels[3], ==, 0.75);
  g_assert_cmpfloat (p->quantiles[0], ==, 0.25);
  g_assert_cmpfloat (p->quantiles[1], ==, 0.95);
  g_assert_cmpfloat (p->quantiles[2], ==, 2.4);
  g_assert_cmpfloat (p->quantiles[3], ==, 6.05);
  g_assert_cmpfloat (p->quantiles[4], ==, 9.25);
  /* Tukey's far-out fences: 0.95 − 3 · 5.1 and 6.05 + 3 · 5.1. */
  g_assert_cmpfloat (FW_PROFILE_OUTLIER_IQR_FACTOR, ==, 3.0);
  g_assert_cmpfloat_with_epsilon (p->outlier_low, -14.35, 1e-12);
  g_assert_cmpfloat_with_epsilon (p->outlier_high, 21.35, 1e-12);

  /* A missing cell, which every fit leaves out. */
  memcpy (values, column, sizeof column);
  values[n] = NAN;
  g_assert_true (fw_preprocessor_fit_op (&median, values, n + 1, scratch, &fill, &error));
  g_assert_true (fw_preprocessor_fit_op (&clip, values, n + 1, scratch, &fences, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (fill.a, ==, p->quantiles[2]);
  g_assert_cmpfloat (fences.a, ==, p->outlier_low);
  g_assert_cmpfloat (fences.b, ==, p->outlier_high);

  /* A 50% interval runs from the 25% to the 75% quantile. */
  g_assert_true (fw_fairness_interval (values, n + 1, 0.5, &quartiles));
  g_assert_cmpfloat (quartiles.low, ==, p->quantiles[1]);
  g_assert_cmpfloat (quartiles.high, ==, p->quantiles[3]);
}

/* Student's t and the incomplete beta against scipy 1.10 (stats.t, special.betainc). */
static void
test_t_distribution (void)
{
  g_assert_cmpfloat_with_epsilon (fw_stats_incomplete_beta (2.5, 0.5, 0.3), 0.01892712407194565,
                                  1e-15);
  g_assert_cmpfloat_with_epsilon (fw_stats_t_two_sided (2.0, 10), 0.07338803477074039, 1e-14);
  g_assert_cmpfloat_with_epsilon (fw_stats_t_two_sided (-7.5, 4), 0.001690871532322298, 1e-15);
  /* scipy's ppf is itself solved only to about 1e-11; the round trip is exact. */
  g_assert_cmpfloat_with_epsilon (fw_stats_t_critical (0.05, 10), 2.2281388519649385, 1e-9);
  g_assert_cmpfloat_with_epsilon (fw_stats_t_critical (0.05, 3), 3.182446305284263, 1e-9);
  g_assert_cmpfloat_with_epsilon (fw_stats_t_two_sided (fw_stats_t_critical (0.05, 10), 10), 0.05,
                                  1e-15);
  /* No degrees of freedom: the normal's, erfc(|z|/√2). */
  g_assert_cmpfloat_with_epsilon (fw_stats_t_critical (0.05, 0), 1.959963984540054, 1e-12);
  g_assert_cmpfloat_with_epsilon (fw_stats_t_two_sided (1.959963984540054, INFINITY), 0.05, 1e-15);
  g_assert_true (isnan (fw_stats_t_two_sided (NAN, 5)));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/stats/compare", test_compare);
  g_test_add_func ("/engine/stats/select", test_select);
  g_test_add_func ("/engine/stats/quantile-index", test_quantile_index);
  g_test_add_func ("/engine/stats/lerp", test_lerp);
  for (guint i = 0; i < G_N_ELEMENTS (quantile_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/engine/stats/quantile/%u", i);

      g_test_add_data_func (path, &quantile_cases[i], test_quantile);
    }
  g_test_add_func ("/engine/stats/quantile-select-agrees", test_quantile_select_agrees);
  g_test_add_func ("/engine/stats/neumaier", test_neumaier);
  g_test_add_func ("/engine/stats/agree", test_agree);
  g_test_add_func ("/engine/stats/t-distribution", test_t_distribution);

  return g_test_run ();
}
