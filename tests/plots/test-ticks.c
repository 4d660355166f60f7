/* test-ticks.c — tick values for awkward ranges, and the labels they get
 *
 * Expected values are worked out by hand from the 1-2-5 rule: the raw step is the span over
 * (target − 1), rounded to 1, 2, 5 or 10 × 10^k at the geometric midpoints √2, √10, √50.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include "fw-plot-axis.h"

static void
assert_ticks (const FwTicks *ticks,
              const double  *expected,
              guint          n)
{
  g_assert_cmpuint (ticks->n, ==, n);
  /* Exact: ticks are built as integer × / ÷ an exact power of ten. */
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat (ticks->values[i], ==, expected[i]);
  g_assert_cmpfloat (ticks->lo, ==, expected[0]);
  g_assert_cmpfloat (ticks->hi, ==, expected[n - 1]);
}

static void
test_unit_range (void)
{
  /* 1/4 = 0.25 → mantissa 2.5 < √10 → 0.2. */
  const double expected[] = { 0.0, 0.2, 0.4, 0.6, 0.8, 1.0 };
  FwTicks t;

  fw_ticks_compute (&t, 0.0, 1.0, 5);
  assert_ticks (&t, expected, G_N_ELEMENTS (expected));
  g_assert_cmpfloat (t.step, ==, 0.2);
}

static void
test_micro_range (void)
{
  /* 2e-6 / 4 = 5e-7 → 5 × 10^-7. */
  const double expected[] = { 1e-6, 1.5e-6, 2e-6, 2.5e-6, 3e-6 };
  FwTicks t;

  fw_ticks_compute (&t, 1e-6, 3e-6, 5);
  assert_ticks (&t, expected, G_N_ELEMENTS (expected));
  g_assert_cmpfloat (t.step, ==, 5e-7);
}

static void
test_negative_span (void)
{
  const double whole[] = { -7.0, -6.0, -5.0, -4.0, -3.0, -2.0 };
  /* 2.8 / 3 ≈ 0.93 → mantissa 9.3 ≥ √50 → step 1, widened out to −4 … 0. */
  const double widened[] = { -4.0, -3.0, -2.0, -1.0, 0.0 };
  FwTicks t;

  fw_ticks_compute (&t, -7.0, -2.0, 6);
  assert_ticks (&t, whole, G_N_ELEMENTS (whole));
  fw_ticks_compute (&t, -3.2, -0.4, 4);
  assert_ticks (&t, widened, G_N_ELEMENTS (widened));
  g_assert_false (signbit (t.values[4]));       /* 0, not −0 */
}

static void
test_single_value (void)
{
  /* A lone 5 gets its decade's unit either side: 4 … 6, step 2/4 = 0.5. */
  const double five[] = { 4.0, 4.5, 5.0, 5.5, 6.0 };
  const double zero[] = { -1.0, -0.5, 0.0, 0.5, 1.0 };
  FwTicks t;

  fw_ticks_compute (&t, 5.0, 5.0, 5);
  assert_ticks (&t, five, G_N_ELEMENTS (five));
  fw_ticks_compute (&t, 0.0, 0.0, 5);
  assert_ticks (&t, zero, G_N_ELEMENTS (zero));
}

static void
test_huge_si (void)
{
  /* 1e9 / 2 = 5e8: mantissa 5. */
  const double expected[] = { 0.0, 5e8, 1e9 };
  const char *labels[] = { "0", "500M", "1G" };
  FwTicks t;
  char buf[32];

  fw_ticks_compute (&t, 0.0, 1e9, 3);
  assert_ticks (&t, expected, G_N_ELEMENTS (expected));
  for (guint i = 0; i < t.n; i++)
    g_assert_cmpstr (fw_tick_format (t.values[i], t.step, FW_TICK_FORMAT_SI, buf, sizeof buf),
                     ==, labels[i]);
}

static void
test_reversed_and_non_finite (void)
{
  const double expected[] = { 0.0, 0.2, 0.4, 0.6, 0.8, 1.0 };
  FwTicks t;

  fw_ticks_compute (&t, 1.0, 0.0, 5);
  assert_ticks (&t, expected, G_N_ELEMENTS (expected));
  fw_ticks_compute (&t, NAN, 1.0, 5);
  g_assert_cmpuint (t.n, ==, 0);
  fw_ticks_compute (&t, 0.0, INFINITY, 5);
  g_assert_cmpuint (t.n, ==, 0);
}

/* Whatever the range, ticks cover it, are evenly 1-2-5 spaced and never too many. */
static void
test_covers (void)
{
  static const struct { double lo, hi; guint target; } cases[] = {
    { 0.0, 1.0, 2 }, { 0.0, 1.0, 100 }, { -1e-300, 1e-300, 5 }, { 1e300, 1e307, 5 },
    { -1e307, 1e307, 5 }, { 123456.7, 123456.9, 6 }, { -0.001, 1000.0, 8 },
    { 0.3, 0.30000001, 5 }, { 1e9, 1e9 + 1, 4 }, { 2.0, 2.0 + 1e-14, 5 },
    { 0.0, 37.0, 7 }, { 1.0, 1000000.0, 11 }, { -5e-9, 3e-9, 0 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      FwTicks t;
      double m;

      fw_ticks_compute (&t, cases[c].lo, cases[c].hi, cases[c].target);
      g_test_message ("case %u: %g … %g → %u ticks, step %g", c, cases[c].lo, cases[c].hi,
                      t.n, t.step);
      g_assert_cmpuint (t.n, >=, 2);
      g_assert_cmpuint (t.n, <=, FW_PLOT_MAX_TICKS);
      /* Beyond 10^±22 powers of ten are not exact: allow a rounding error. */
      g_assert_cmpfloat (t.lo, <=, cases[c].lo + t.step * 1e-9);
      g_assert_cmpfloat (t.hi, >=, cases[c].hi - t.step * 1e-9);
      m = t.step / pow (10.0, floor (log10 (t.step) + 1e-9));
      g_assert_true (fabs (m - 1) < 1e-9 || fabs (m - 2) < 1e-9 || fabs (m - 5) < 1e-9);
      for (guint i = 1; i < t.n; i++)
        g_assert_cmpfloat_with_epsilon (t.values[i] - t.values[i - 1], t.step, t.step * 1e-6);
    }
}

static void
test_log (void)
{
  const double expected[] = { 1e-3, 1e-2, 0.1, 1.0, 10.0 };
  const char *labels[] = { "0.001", "0.01", "0.1", "1", "10" };
  const double between[] = { 1.0, 10.0, 100.0, 1000.0 };
  const double short_span[] = { 0.1, 0.2, 0.5, 1.0 };
  const double two_decades[] = { 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0 };
  FwTicks t;
  char buf[32];

  fw_ticks_compute_log (&t, 1e-3, 10.0);
  assert_ticks (&t, expected, G_N_ELEMENTS (expected));
  g_assert_cmpfloat (t.step, ==, 10.0);
  /* Each log tick is told apart at its own magnitude. */
  for (guint i = 0; i < t.n; i++)
    g_assert_cmpstr (fw_tick_format (t.values[i], t.values[i], FW_TICK_FORMAT_PLAIN, buf,
                                     sizeof buf), ==, labels[i]);

  fw_ticks_compute_log (&t, 3.0, 700.0);
  assert_ticks (&t, between, G_N_ELEMENTS (between));

  /* Within a decade or two, 2 and 5 times each power join in. */
  fw_ticks_compute_log (&t, 0.2, 0.8);
  assert_ticks (&t, short_span, G_N_ELEMENTS (short_span));
  fw_ticks_compute_log (&t, 0.03, 0.9);
  assert_ticks (&t, two_decades, G_N_ELEMENTS (two_decades));

  /* Sixty decades: every fifth one, 10^−30 … 10^30, 13 ticks. */
  fw_ticks_compute_log (&t, 1e-30, 1e30);
  g_assert_cmpuint (t.n, ==, 13);
  g_assert_cmpfloat (t.step, ==, 1e5);
  g_assert_cmpfloat (t.lo, <=, 1e-30);
  g_assert_cmpfloat (t.hi, >=, 1e30);

  fw_ticks_compute_log (&t, 0.0, 10.0);
  g_assert_cmpuint (t.n, ==, 0);
}

typedef struct
{
  double        value, step;
  FwTickFormat  format;
  const char   *text;
} FormatCase;

static const FormatCase format_cases[] = {
  /* Neighbours 0.05 apart need two decimals, but only where they differ. */
  { 0.1, 0.05, FW_TICK_FORMAT_PLAIN, "0.1" },
  { 0.15, 0.05, FW_TICK_FORMAT_PLAIN, "0.15" },
  { 0.2, 0.05, FW_TICK_FORMAT_PLAIN, "0.2" },
  { 0.6000000000000001, 0.2, FW_TICK_FORMAT_PLAIN, "0.6" },
  { 1500.0, 500.0, FW_TICK_FORMAT_PLAIN, "1500" },
  { 0.25, 0.25, FW_TICK_FORMAT_PLAIN, "0.25" },
  /* A true minus sign, and no "−0". */
  { -3.0, 1.0, FW_TICK_FORMAT_PLAIN, "\u22123" },
  { -0.25, 0.05, FW_TICK_FORMAT_PLAIN, "\u22120.25" },
  { -0.0, 1.0, FW_TICK_FORMAT_PLAIN, "0" },
  { -1e-17, 0.1, FW_TICK_FORMAT_PLAIN, "0" },
  /* Steps of a millionth or a million read better as powers of ten. */
  { 1.5e-6, 5e-7, FW_TICK_FORMAT_PLAIN, "1.5×10\u207b\u2076" },
  { 2e8, 2e8, FW_TICK_FORMAT_PLAIN, "2×10\u2078" },
  { -3e12, 1e12, FW_TICK_FORMAT_PLAIN, "\u22123×10\u00b9\u00b2" },
  { 0.25, 0.25, FW_TICK_FORMAT_PERCENT, "25%" },
  { 0.125, 0.005, FW_TICK_FORMAT_PERCENT, "12.5%" },
  { 1.0, 0.2, FW_TICK_FORMAT_PERCENT, "100%" },
  { -0.1, 0.1, FW_TICK_FORMAT_PERCENT, "\u221210%" },
  { 0.0, 0.1, FW_TICK_FORMAT_PERCENT, "0%" },
  { 1500.0, 500.0, FW_TICK_FORMAT_SI, "1.5k" },
  { 2e6, 1e6, FW_TICK_FORMAT_SI, "2M" },
  { 3e-6, 1e-6, FW_TICK_FORMAT_SI, "3\u00b5" },
  { 2.5e-9, 5e-10, FW_TICK_FORMAT_SI, "2.5n" },
  { 0.5, 0.5, FW_TICK_FORMAT_SI, "500m" },
  { 7.0, 1.0, FW_TICK_FORMAT_SI, "7" },
  { -2e3, 1e3, FW_TICK_FORMAT_SI, "\u22122k" },
  /* 999 990 at a step of 100 rounds to 1000.0k: that is 1M. */
  { 999990.0, 100.0, FW_TICK_FORMAT_SI, "1M" },
};

static void
test_format (gconstpointer data)
{
  const FormatCase *c = data;
  char buf[64];

  g_assert_cmpstr (fw_tick_format (c->value, c->step, c->format, buf, sizeof buf), ==, c->text);
}

static void
test_format_short_buffer (void)
{
  char buf[5];

  /* "−" is three bytes: "−3" just fits five, "−30" loses its 0, and three bytes leave
   * no room for a whole "−". */
  g_assert_cmpstr (fw_tick_format (-3.0, 1.0, FW_TICK_FORMAT_PLAIN, buf, sizeof buf), ==,
                   "\u22123");
  g_assert_cmpstr (fw_tick_format (-30.0, 10.0, FW_TICK_FORMAT_PLAIN, buf, sizeof buf), ==,
                   "\u22123");
  g_assert_cmpstr (fw_tick_format (-30.0, 10.0, FW_TICK_FORMAT_PLAIN, buf, 3), ==, "");
  g_assert_true (g_utf8_validate (buf, -1, NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plots/ticks/unit-range", test_unit_range);
  g_test_add_func ("/plots/ticks/micro-range", test_micro_range);
  g_test_add_func ("/plots/ticks/negative-span", test_negative_span);
  g_test_add_func ("/plots/ticks/single-value", test_single_value);
  g_test_add_func ("/plots/ticks/huge-si", test_huge_si);
  g_test_add_func ("/plots/ticks/reversed-and-non-finite", test_reversed_and_non_finite);
  g_test_add_func ("/plots/ticks/covers", test_covers);
  g_test_add_func ("/plots/ticks/log", test_log);
  for (guint i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/plots/ticks/format/%u", i);

      g_test_add_data_func (path, &format_cases[i], test_format);
    }
  g_test_add_func ("/plots/ticks/format-short-buffer", test_format_short_buffer);

  return g_test_run ();
}
