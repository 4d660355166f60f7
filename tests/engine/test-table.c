/* test-table.c — the column store and its dictionaries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include "fw-table.h"

static void
test_dictionary (void)
{
  g_autoptr(FwDictionary) dict = fw_dictionary_new ();
  char word[16];

  g_assert_cmpuint (fw_dictionary_intern (dict, "red", 3), ==, 0);
  g_assert_cmpuint (fw_dictionary_intern (dict, "green!", 5), ==, 1);
  g_assert_cmpuint (fw_dictionary_intern (dict, "red", 3), ==, 0);
  g_assert_cmpstr (fw_dictionary_get (dict, 1), ==, "green");
  g_assert_cmpuint (fw_dictionary_lookup (dict, "green"), ==, 1);
  g_assert_cmpuint (fw_dictionary_lookup (dict, "blue"), ==, FW_CODE_MISSING);
  g_assert_cmpuint (fw_dictionary_intern (dict, "", 0), ==, 2);

  /* Enough entries to rehash several times; codes stay dense and stable. */
  for (guint i = 0; i < 10000; i++)
    {
      g_snprintf (word, sizeof word, "w%u", i);
      g_assert_cmpuint (fw_dictionary_intern (dict, word, strlen (word)), ==, i + 3);
    }
  for (guint i = 0; i < 10000; i += 997)
    {
      g_snprintf (word, sizeof word, "w%u", i);
      g_assert_cmpuint (fw_dictionary_lookup (dict, word), ==, i + 3);
      g_assert_cmpstr (fw_dictionary_get (dict, i + 3), ==, word);
    }
  g_assert_cmpuint (fw_dictionary_size (dict), ==, 10003);
  g_assert_cmpuint (fw_dictionary_memory_size (dict), >, 10000 * 3);
}

static FwTable *
small_table (void)
{
  FwTable *table = fw_table_new ();
  float *x = g_new (float, 3);
  double *y = g_new (double, 3);
  guint32 *codes = g_new (guint32, 3);
  FwDictionary *dict = fw_dictionary_new ();

  x[0] = 1.5f, x[1] = NAN, x[2] = -2.0f;
  y[0] = 0.1, y[1] = 123456789.125, y[2] = NAN;
  codes[0] = fw_dictionary_intern (dict, "héllo", strlen ("héllo"));
  codes[1] = FW_CODE_MISSING;
  codes[2] = fw_dictionary_intern (dict, "b", 1);
  fw_table_take_column (table, fw_column_new_float32 ("x", x, 3));
  fw_table_take_column (table, fw_column_new_float64 ("y", y, 3));
  fw_table_take_column (table, fw_column_new_codes ("word", codes, 3, dict));
  return table;
}

static void
test_columns (void)
{
  g_autoptr(FwTable) t = small_table ();
  FwColumn *x = fw_table_column (t, 0), *y = fw_table_column (t, 1), *word;

  g_assert_cmpuint (fw_table_n_rows (t), ==, 3);
  g_assert_cmpuint (fw_table_n_columns (t), ==, 3);
  g_assert_cmpuint (x->n_missing, ==, 1);
  g_assert_cmpuint (y->n_missing, ==, 1);
  word = fw_table_column_by_name (t, "word");
  g_assert_nonnull (word);
  g_assert_cmpuint (word->n_missing, ==, 1);
  g_assert_cmpint (fw_table_column_index (t, "y"), ==, 1);
  g_assert_cmpint (fw_table_column_index (t, "nope"), ==, -1);
  g_assert_null (fw_table_column_by_name (t, "nope"));

  g_assert_true (fw_column_is_numeric (x));
  g_assert_false (fw_column_is_numeric (word));
  g_assert_true (fw_column_is_missing (x, 1));
  g_assert_false (fw_column_is_missing (x, 0));
  g_assert_cmpfloat (fw_column_get_number (x, 2), ==, -2.0);
  g_assert_cmpfloat (fw_column_get_number (y, 1), ==, 123456789.125);
  g_assert_true (isnan (fw_column_get_number (word, 0)));
  g_assert_null (fw_column_get_string (x, 0));
  g_assert_cmpstr (fw_column_get_string (word, 0), ==, "héllo");
  g_assert_null (fw_column_get_string (word, 1));

  /* 3 float + 3 double + 3 codes + the dictionary. */
  g_assert_cmpuint (fw_table_memory_size (t), >=, 3 * 4 + 3 * 8 + 3 * 4 + strlen ("héllo") + 2);
}

static void
test_format_cell (void)
{
  g_autoptr(FwTable) t = small_table ();
  char buf[64], tiny[3];

  g_assert_cmpstr (fw_column_format_cell (fw_table_column (t, 0), 0, buf, sizeof buf), ==, "1.5");
  g_assert_cmpstr (fw_column_format_cell (fw_table_column (t, 0), 1, buf, sizeof buf), ==, "");
  g_assert_cmpstr (fw_column_format_cell (fw_table_column (t, 1), 0, buf, sizeof buf), ==, "0.1");
  g_assert_cmpstr (fw_column_format_cell (fw_table_column (t, 1), 1, buf, sizeof buf), ==,
                   "123456789.125");
  g_assert_cmpstr (fw_column_format_cell (fw_table_column (t, 2), 0, buf, sizeof buf), ==, "héllo");
  /* "hé" needs 3 bytes + NUL: the cut falls before the two-byte é, never inside it. */
  g_assert_cmpstr (fw_column_format_cell (fw_table_column (t, 2), 0, tiny, sizeof tiny), ==, "h");
  g_assert_true (g_utf8_validate (tiny, -1, NULL));
}

static void
test_empty (void)
{
  g_autoptr(FwTable) t = fw_table_new ();

  g_assert_cmpuint (fw_table_n_rows (t), ==, 0);
  g_assert_cmpuint (fw_table_n_columns (t), ==, 0);
  g_assert_cmpuint (fw_table_memory_size (t), ==, 0);
  fw_table_take_column (t, fw_column_new_float32 ("none", NULL, 0));
  g_assert_cmpuint (fw_table_n_columns (t), ==, 1);
}

static void
test_kind_names (void)
{
  static const char *const ids[] = { "numeric", "boolean", "categorical", "text", "identifier",
                                     "datetime" };

  for (guint k = 0; k < FW_N_KINDS; k++)
    {
      g_assert_cmpstr (fw_kind_to_string (k), ==, ids[k]);
      g_assert_nonnull (fw_kind_to_label (k));
      g_assert_true (g_str_has_suffix (fw_kind_icon_name (k), "-symbolic"));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/table/dictionary", test_dictionary);
  g_test_add_func ("/engine/table/columns", test_columns);
  g_test_add_func ("/engine/table/format-cell", test_format_cell);
  g_test_add_func ("/engine/table/empty", test_empty);
  g_test_add_func ("/engine/table/kind-names", test_kind_names);

  return g_test_run ();
}
