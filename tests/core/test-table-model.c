/* test-table-model.c — the preview's list model over a column store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include "fw-table-model.h"

/* x: 1.5, missing, -3;  c: "red", missing, "blue". */
static FwTable *
small_table (void)
{
  FwTable *table = fw_table_new ();
  float *x = g_new (float, 3);
  guint32 *codes = g_new (guint32, 3);
  FwDictionary *dict = fw_dictionary_new ();

  x[0] = 1.5f;
  x[1] = NAN;
  x[2] = -3.0f;
  codes[0] = fw_dictionary_intern (dict, "red", 3);
  codes[1] = FW_CODE_MISSING;
  codes[2] = fw_dictionary_intern (dict, "blue", 4);
  fw_table_take_column (table, fw_column_new_float32 ("x", x, 3));
  fw_table_take_column (table, fw_column_new_codes ("c", codes, 3, dict));
  return table;
}

static void
test_items (void)
{
  g_autoptr(FwTableModel) model = fw_table_model_new (small_table ());
  GListModel *list = G_LIST_MODEL (model);
  g_autoptr(FwTableRow) row = NULL;

  g_assert_true (g_list_model_get_item_type (list) == FW_TYPE_TABLE_ROW);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  g_assert_null (g_list_model_get_item (list, 3));

  row = g_list_model_get_item (list, 2);
  g_assert_true (FW_IS_TABLE_ROW (row));
  g_assert_cmpuint (fw_table_row_get_index (row), ==, 2);
  g_assert_true (fw_table_row_get_model (row) == model);
}

static void
test_format_cell (void)
{
  g_autoptr(FwTableModel) model = fw_table_model_new (small_table ());
  char buf[64];

  g_assert_cmpstr (fw_table_model_format_cell (model, 0, 0, buf, sizeof buf), ==, "1.5");
  g_assert_cmpstr (fw_table_model_format_cell (model, 2, 0, buf, sizeof buf), ==, "-3");
  g_assert_cmpstr (fw_table_model_format_cell (model, 0, 1, buf, sizeof buf), ==, "red");
  g_assert_cmpstr (fw_table_model_format_cell (model, 2, 1, buf, sizeof buf), ==, "blue");
  /* Missing cells come back as NULL and an empty buffer, numeric or not. */
  g_assert_null (fw_table_model_format_cell (model, 1, 0, buf, sizeof buf));
  g_assert_cmpstr (buf, ==, "");
  g_assert_null (fw_table_model_format_cell (model, 1, 1, buf, sizeof buf));
  g_assert_cmpstr (buf, ==, "");
}

/* A million rows cost one column of floats and nothing per row until a row is asked for. */
static void
test_million_rows (void)
{
  const guint n = 1000000;
  FwTable *table = fw_table_new ();
  float *values = g_new (float, n);
  g_autoptr(FwTableModel) model = NULL;
  g_autoptr(FwTableRow) last = NULL;
  char buf[32];

  for (guint i = 0; i < n; i++)
    values[i] = (float) i;
  fw_table_take_column (table, fw_column_new_float32 ("i", values, n));
  model = fw_table_model_new (table);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
  last = g_list_model_get_item (G_LIST_MODEL (model), n - 1);
  g_assert_cmpuint (fw_table_row_get_index (last), ==, n - 1);
  g_assert_cmpstr (fw_table_model_format_cell (model, n - 1, 0, buf, sizeof buf), ==, "999999");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/table-model/items", test_items);
  g_test_add_func ("/core/table-model/format-cell", test_format_cell);
  g_test_add_func ("/core/table-model/million-rows", test_million_rows);

  return g_test_run ();
}
