/* test-number.c — number parsing against glibc's strtod, formatting round trips
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "fw-number.h"

static void
test_table (void)
{
  static const struct { const char *text; double value; guint digits; } cases[] = {
    { "0", 0.0, 0 },            { "-0", -0.0, 0 },          { "42", 42.0, 2 },
    { "+7", 7.0, 1 },           { "3.25", 3.25, 3 },        { "-0.001", -0.001, 1 },
    { ".5", 0.5, 1 },           { "5.", 5.0, 1 },           { "1e3", 1000.0, 1 },
    { "2.5E-3", 0.0025, 2 },    { " 12 ", 12.0, 2 },        { "\t-1.5\t", -1.5, 2 },
    { "007", 7.0, 1 },          { "1234567", 1234567.0, 7 }, { "12345678", 12345678.0, 8 },
    { "0.30000000000000004", 0.30000000000000004, 17 },
    { "1e308", 1e308, 1 },      { "4.9e-324", 4.9e-324, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double value = NAN;
      guint digits = 99;

      g_assert_true (fw_number_parse (cases[i].text, strlen (cases[i].text), FALSE, &value, &digits));
      g_assert_cmpfloat (value, ==, cases[i].value);
      g_assert_cmpint (signbit (value), ==, signbit (cases[i].value));
      g_assert_cmpuint (digits, ==, cases[i].digits);
    }
}

static void
test_invalid (void)
{
  static const char *const cases[] = {
    "", " ", "-", "+", ".", "-.", "e5", "1e", "1e+", "1.2.3", "12a", "0x1A", "1,5", "--1",
    "1 2", "nan", "NA", "abc", "1e5x", "١٢",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double value;

      if (fw_number_parse (cases[i], strlen (cases[i]), FALSE, &value, NULL))
        g_error ("“%s” parsed as %g", cases[i], value);
    }
}

static void
test_decimal_comma (void)
{
  double value;

  g_assert_true (fw_number_parse ("1,5", 3, TRUE, &value, NULL));
  g_assert_cmpfloat (value, ==, 1.5);
  g_assert_true (fw_number_parse ("-0,25", 5, TRUE, &value, NULL));
  g_assert_cmpfloat (value, ==, -0.25);
  /* A point still reads as a point; two separators do not. */
  g_assert_true (fw_number_parse ("2.75", 4, TRUE, &value, NULL));
  g_assert_cmpfloat (value, ==, 2.75);
  g_assert_false (fw_number_parse ("1,5,0", 5, TRUE, &value, NULL));
  g_assert_false (fw_number_parse ("1,5", 3, FALSE, &value, NULL));
}

static void
test_inf (void)
{
  double value;

  g_assert_true (fw_number_parse ("inf", 3, FALSE, &value, NULL));
  g_assert_true (isinf (value) && value > 0);
  g_assert_true (fw_number_parse ("-Infinity", 9, FALSE, &value, NULL));
  g_assert_true (isinf (value) && value < 0);
}

/* Random decimal texts, fast path and slow path alike, must equal glibc's correctly
 * rounded strtod bit for bit. */
static void
test_against_strtod (void)
{
  GRand *rand = g_rand_new_with_seed (20261122);

  for (guint i = 0; i < 200000; i++)
    {
      char text[64];
      int n_int = g_rand_int_range (rand, 0, 12), n_frac = g_rand_int_range (rand, 0, 12);
      gsize len = 0;
      double value, expected;

      if (g_rand_boolean (rand))
        text[len++] = '-';
      for (int k = 0; k < n_int; k++)
        text[len++] = '0' + g_rand_int_range (rand, 0, 10);
      if (n_frac > 0 || n_int == 0)
        {
          text[len++] = '.';
          for (int k = 0; k < MAX (n_frac, 1); k++)
            text[len++] = '0' + g_rand_int_range (rand, 0, 10);
        }
      if (g_rand_int_range (rand, 0, 4) == 0)
        len += g_snprintf (text + len, sizeof text - len, "e%d", g_rand_int_range (rand, -40, 40));
      text[len] = '\0';

      expected = strtod (text, NULL);
      g_assert_true (fw_number_parse (text, len, FALSE, &value, NULL));
      if (memcmp (&value, &expected, sizeof value) != 0)
        g_error ("“%s”: %.17g, strtod says %.17g", text, value, expected);
    }
  g_rand_free (rand);
}

static void
test_format (void)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_assert_cmpstr (fw_number_format (2.5, FALSE, buf, sizeof buf), ==, "2.5");
  g_assert_cmpstr (fw_number_format (0.1, FALSE, buf, sizeof buf), ==, "0.1");
  g_assert_cmpstr (fw_number_format ((float) 0.1, TRUE, buf, sizeof buf), ==, "0.1");
  g_assert_cmpstr (fw_number_format (123456789.125, FALSE, buf, sizeof buf), ==, "123456789.125");
  g_assert_cmpstr (fw_number_format (-7, FALSE, buf, sizeof buf), ==, "-7");
  g_assert_cmpstr (fw_number_format (1e-7, FALSE, buf, sizeof buf), ==, "1e-07");
}

static void
test_missing_markers (void)
{
  static const char *const missing[] = { "", " ", "\t ", "NA", "na", "N/A", "n/a", "#N/A", "NaN",
                                         "nan", "null", "NULL", "?", " ? " };
  static const char *const present[] = { "0", "none", "N", "A", "??", "nulls", "-", "NAN1" };

  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    g_assert_true (fw_is_missing_marker (missing[i], strlen (missing[i])));
  for (guint i = 0; i < G_N_ELEMENTS (present); i++)
    g_assert_false (fw_is_missing_marker (present[i], strlen (present[i])));
}

/* What people read: grouped whole numbers, four digits, no exponent in everyday ranges.
 * The tests run in C.UTF-8, whose grouping separator is empty: a comma stands in. */
static void
test_display (void)
{
  static const struct { double value; const char *text; } cases[] = {
    { 0, "0" }, { 1, "1" }, { -2.5, "-2.5" }, { 0.123456, "0.1235" }, { 0.0001, "0.0001" },
    { 0.00001234, "1.234e-05" }, { 12.3456, "12.35" }, { 999.4, "999.4" },
    { 999.5, "1,000" }, { 1000, "1,000" }, { 11000, "11,000" }, { 1234.5, "1,234" },
    { 1234.51, "1,235" }, { -11000, "-11,000" }, { 1234567.8, "1,234,568" },
    { 999999999999999.0, "999,999,999,999,999" }, { 1e15, "1e+15" },
  };
  static const struct { guint64 n; const char *text; } counts[] = {
    { 0, "0" }, { 999, "999" }, { 1000, "1,000" }, { 48842, "48,842" },
    { G_MAXUINT64, "18,446,744,073,709,551,615" },
  };

  g_assert_cmpstr (localeconv ()->thousands_sep, ==, "");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = fw_number_to_display (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *text = fw_count_to_display (counts[i].n);

      g_assert_cmpstr (text, ==, counts[i].text);
    }
  {
    g_autofree char *nan = fw_number_to_display (NAN);
    g_autofree char *inf = fw_number_to_display (-INFINITY);

    g_assert_cmpstr (nan, ==, "—");
    g_assert_cmpstr (inf, ==, "−∞");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* strtod is the oracle and must read the C locale's point. */
  setlocale (LC_NUMERIC, "C");

  g_test_add_func ("/engine/number/table", test_table);
  g_test_add_func ("/engine/number/invalid", test_invalid);
  g_test_add_func ("/engine/number/decimal-comma", test_decimal_comma);
  g_test_add_func ("/engine/number/inf", test_inf);
  g_test_add_func ("/engine/number/against-strtod", test_against_strtod);
  g_test_add_func ("/engine/number/format", test_format);
  g_test_add_func ("/engine/number/missing-markers", test_missing_markers);
  g_test_add_func ("/engine/number/display", test_display);

  return g_test_run ();
}
