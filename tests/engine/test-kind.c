/* test-kind.c — deciding a column's kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include "fw-kind.h"

static void
test_datetime (void)
{
  static const char *const yes[] = { "2024-01-31", "2024/02/29", "2024-01-31T08:30", "2024-01-31 08:30:15",
                                     "2024-01-31T08:30:15.250Z", "2024-01-31T08:30:15+01:00",
                                     "1999-12-31T23:59:60-0500" };
  static const char *const no[] = { "2023-02-29", "2024-13-01", "2024-1-5", "24-01-31", "2024-01-31T25:00",
                                    "2024-01-31x", "31/01/2024", "2024-01/31", "hello", "" };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (!fw_kind_is_datetime (yes[i]))
      g_error ("“%s” should read as a date", yes[i]);
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (fw_kind_is_datetime (no[i]))
      g_error ("“%s” should not read as a date", no[i]);
}

static void
test_names (void)
{
  static const char *const yes[] = { "id", "ID", "applicant_id", "CustomerID", "record no", "uuid",
                                     "order_number", "row key" };
  static const char *const no[] = { "paid", "valid", "fluid", "income", "idle", "age" };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (!fw_kind_name_suggests_id (yes[i]))
      g_error ("“%s” should suggest an ID", yes[i]);
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (fw_kind_name_suggests_id (no[i]))
      g_error ("“%s” should not suggest an ID", no[i]);
}

static void
test_boolean_words (void)
{
  g_assert_true (fw_kind_is_boolean_word ("Yes"));
  g_assert_true (fw_kind_is_boolean_word ("FALSE"));
  g_assert_true (fw_kind_is_boolean_word ("n"));
  g_assert_false (fw_kind_is_boolean_word ("maybe"));
  g_assert_false (fw_kind_is_boolean_word ("1"));
}

static FwColumn *
numbers (const char *name, const float *values, gsize n)
{
  return fw_column_new_float32 (name, g_memdup2 (values, n * sizeof (float)), n);
}

static FwColumn *
words (const char *name, const char *const *values, gsize n)
{
  FwDictionary *dict = fw_dictionary_new ();
  guint32 *codes = g_new (guint32, n);

  for (gsize i = 0; i < n; i++)
    codes[i] = values[i] ? fw_dictionary_intern (dict, values[i], strlen (values[i]))
                         : FW_CODE_MISSING;
  return fw_column_new_codes (name, codes, n, dict);
}

static FwKind
kind_of (FwColumn *column)
{
  FwKind kind;

  fw_kind_infer (column);
  kind = column->kind;
  fw_column_free (column);
  return kind;
}

static void
test_infer_numbers (void)
{
  const float flags[] = { 0, 1, 1, NAN, 0 };
  const float seq[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 };
  const float shuffled[] = { 11, 3, 2, 7, 5, 6, 1, 8, 9, 10, 4 };
  const float repeats[] = { 1, 3, 3, 7, 5, 6, 1, 8, 9, 10, 4 };
  const float fractions[] = { 1.5, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 };

  g_assert_cmpint (kind_of (numbers ("flag", flags, 5)), ==, FW_KIND_BOOLEAN);
  g_assert_cmpint (kind_of (numbers ("n", seq, 11)), ==, FW_KIND_IDENTIFIER);
  g_assert_cmpint (kind_of (numbers ("n", seq, 5)), ==, FW_KIND_NUMERIC);
  g_assert_cmpint (kind_of (numbers ("n", shuffled, 11)), ==, FW_KIND_NUMERIC);
  g_assert_cmpint (kind_of (numbers ("user_id", shuffled, 11)), ==, FW_KIND_IDENTIFIER);
  g_assert_cmpint (kind_of (numbers ("user_id", repeats, 11)), ==, FW_KIND_NUMERIC);
  g_assert_cmpint (kind_of (numbers ("n", fractions, 11)), ==, FW_KIND_NUMERIC);
  g_assert_cmpint (kind_of (numbers ("n", NULL, 0)), ==, FW_KIND_NUMERIC);
}

static void
test_infer_words (void)
{
  const char *yes_no[] = { "yes", "no", NULL, "yes" };
  const char *colours[] = { "red", "red", "blue", "green" };
  const char *dates[] = { "2024-01-01", NULL, "2024-02-01" };
  const char *codes[] = { "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10" };
  const char *prose[] = { "The applicant called twice about the form", "No comment from the branch office",
                          "Asked for a longer term than usual today" };
  const char *all_missing[] = { NULL, NULL };

  g_assert_cmpint (kind_of (words ("w", yes_no, 4)), ==, FW_KIND_BOOLEAN);
  g_assert_cmpint (kind_of (words ("w", colours, 4)), ==, FW_KIND_CATEGORICAL);
  g_assert_cmpint (kind_of (words ("w", dates, 3)), ==, FW_KIND_DATETIME);
  g_assert_cmpint (kind_of (words ("w", codes, 10)), ==, FW_KIND_IDENTIFIER);
  g_assert_cmpint (kind_of (words ("w", codes, 9)), ==, FW_KIND_CATEGORICAL);
  g_assert_cmpint (kind_of (words ("code_id", codes, 3)), ==, FW_KIND_IDENTIFIER);
  g_assert_cmpint (kind_of (words ("w", prose, 3)), ==, FW_KIND_TEXT);
  g_assert_cmpint (kind_of (words ("w", all_missing, 2)), ==, FW_KIND_CATEGORICAL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/kind/datetime", test_datetime);
  g_test_add_func ("/engine/kind/id-names", test_names);
  g_test_add_func ("/engine/kind/boolean-words", test_boolean_words);
  g_test_add_func ("/engine/kind/infer-numbers", test_infer_numbers);
  g_test_add_func ("/engine/kind/infer-words", test_infer_words);

  return g_test_run ();
}
