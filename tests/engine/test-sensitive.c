/* test-sensitive.c — the groups of a number sensitive column: half-open quartile ranges
 * whose names never share an end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-dataset-test.h"
#include "fw-sensitive.h"

/* 50 distinct values v_i = first + i: the cuts are the distinct values at 50·q/4, i.e.
 * indices 12, 25 and 37 (first + 12, + 25, + 37); row i falls in the range counting the
 * cuts ≤ v_i. */
static void
check_ranges (double            first,
              const char *const expected[5])
{
  g_autoptr(GString) csv = g_string_new ("x\n");
  g_autoptr(FwTable) table = NULL;
  g_autofree guint32 *codes = NULL;
  g_auto(GStrv) names = NULL;
  const double cuts[] = { first + 12, first + 25, first + 37 };

  for (guint i = 0; i < 50; i++)
    g_string_append_printf (csv, "%g\n", first + i);
  table = import (csv->str);
  fw_sensitive_groups (fw_table_column (table, 0), &codes, &names);
  g_assert_cmpuint (g_strv_length (names), ==, 4);
  for (guint g = 0; g < 4; g++)
    g_assert_cmpstr (names[g], ==, expected[g]);
  for (guint i = 0; i < 50; i++)
    {
      guint code = 0;

      while (code < 3 && first + i >= cuts[code])
        code++;
      g_assert_cmpuint (codes[i], ==, code);
    }
}

static void
test_whole_numbers (void)
{
  /* Ages 20 … 69: cuts 32, 45, 57; "32 – 44" holds 32 … 44 and 45 starts the next. */
  static const char *const names[] = { "< 32", "32 – 44", "45 – 56", "≥ 57", NULL };

  check_ranges (20, names);
}

static void
test_fractions (void)
{
  /* 0.5 … 49.5: cuts 12.5, 25.5, 37.5, written as half-open intervals. */
  static const char *const names[] = { "< 12.5", "[12.5, 25.5)", "[25.5, 37.5)", "≥ 37.5",
                                       NULL };

  check_ranges (0.5, names);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/sensitive/whole-numbers", test_whole_numbers);
  g_test_add_func ("/engine/sensitive/fractions", test_fractions);
  return g_test_run ();
}
