/* test-onnx.c — what the ONNX export refuses, and the exact helpers it relies on
 *
 * The graph itself is checked end to end by tests/cli/test-onnx.py (onnx.checker and a
 * numpy evaluation against fairway-cli predict); here, the parts that script cannot reach.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include "fw-dataset-test.h"
#include "fw-model.h"
#include "fw-number.h"
#include "fw-onnx.h"
#include "fw-onnx-private.h"
#include "fw-preprocessor-private.h"

/* A binary model (untrained: its weights do not matter here) on a small table. */
static FwTrainedModel *
trained_on (const char *csv)
{
  g_autoptr(FwTable) table = import (csv);
  g_autoptr(FwRecipe) recipe = recipe_for ("y");
  g_autoptr(FwDataset) dataset = NULL;
  g_autoptr(FwModel) model = NULL;
  g_autoptr(GError) error = NULL;
  FwTrainedModel *trained;

  recipe->split.stratify = FALSE;
  dataset = prepare_ok (table, recipe);
  model = fw_model_new (&recipe->model, dataset->task, dataset->n_features, 1, 1, &error);
  g_assert_no_error (error);
  trained = fw_trained_model_new (recipe, dataset, model, NULL, &error);
  g_assert_no_error (error);
  return trained;
}

/* @header names three columns: a number 0…3, a number 0…59, and y, a or b. */
static char *
rows (const char *header)
{
  GString *csv = g_string_new (header);

  for (guint i = 0; i < 60; i++)
    g_string_append_printf (csv, "%u,%u,%s\n", i % 4, i, i % 2 ? "a" : "b");
  return g_string_free (csv, FALSE);
}

static void
assert_refused (FwTrainedModel *trained,
                const char     *fragment)
{
  g_autofree char *dir = g_dir_make_tmp ("fw-onnx-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "m.onnx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_false (fw_onnx_export (trained, file, &error));
  g_assert_error (error, FW_ONNX_ERROR, FW_ONNX_ERROR_UNSUPPORTED);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, fragment);
  /* Nothing written, not even a temporary file. */
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_encodes (void)
{
  g_autofree char *csv = rows ("g,x,y\n");
  g_autoptr(FwTrainedModel) trained = trained_on (csv);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = fw_onnx_encode (trained, &error);
  gsize size;
  const guint8 *data;

  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);
  /* ModelProto field 1 (ir_version), a varint: 7. */
  g_assert_cmpuint (size, >, 2);
  g_assert_cmpuint (data[0], ==, 0x08);
  g_assert_cmpuint (data[1], ==, FW_ONNX_IR_VERSION);
  g_assert_nonnull (memmem (data, size, FW_ONNX_ML_DOMAIN, strlen (FW_ONNX_ML_DOMAIN)));
}

static void
test_refuses_output_names (void)
{
  g_autofree char *csv = rows ("label,x,y\n");
  g_autoptr(FwTrainedModel) trained = trained_on (csv);

  assert_refused (trained, "label");
}

static void
test_refuses_threshold_ranges (void)
{
  g_autofree char *csv = rows ("g,x,y\n");
  g_autoptr(FwTrainedModel) trained = trained_on (csv);
  g_autoptr(JsonNode) node = json_from_string (
    "{\"policy\": \"parity\", \"groups\": [{\"name\": \"< 3\", \"threshold\": 0.4},"
    " {\"name\": \"≥ 3\", \"threshold\": 0.6}]}", NULL);
  g_autoptr(GError) error = NULL;

  trained->thresholds = fw_thresholds_new_from_json (node, &error);
  g_assert_no_error (error);
  trained->threshold_attribute = g_strdup ("x");
  assert_refused (trained, "“< 3”");
}

static void
test_refuses_equal_categories (void)
{
  g_autofree char *csv = rows ("g,x,y\n");
  g_autoptr(FwTrainedModel) trained = trained_on (csv);
  FwInput *input = g_ptr_array_index (trained->preprocessor->inputs, 0);

  /* "1" and "1.00000001" are one float: the graph could not tell them apart. */
  g_assert_cmpstr (input->column, ==, "g");
  input->one_hot = input->from_numbers = TRUE;
  g_ptr_array_add (input->categories, g_strdup ("1"));
  g_ptr_array_add (input->categories, g_strdup ("1.00000001"));
  fw_preprocessor_finish (trained->preprocessor);
  assert_refused (trained, "single precision");
}

/* A sentinel read as missing and a "was missing" feature: the graph holds both; a number
 * column both one-hot encoded and given an indicator is refused, naming the column. */
static void
test_indicator (void)
{
  g_autofree char *csv = rows ("g,x,y\n");
  g_autoptr(FwTrainedModel) trained = trained_on (csv);
  FwInput *input = g_ptr_array_index (trained->preprocessor->inputs, 0);
  FwOp missing = { FW_OP_MISSING, 0.0, 0.0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  /* x, one value per row, is left out as an ID. */
  g_assert_cmpuint (trained->preprocessor->inputs->len, ==, 1);
  g_assert_cmpstr (input->column, ==, "g");
  g_array_prepend_val (input->ops, missing);
  input->indicator = TRUE;
  fw_preprocessor_finish (trained->preprocessor);
  g_assert_cmpstr (trained->preprocessor->feature_names[1], ==, "g_was_missing");
  bytes = fw_onnx_encode (trained, &error);
  g_assert_no_error (error);
  g_assert_nonnull (memmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                            "was_missing", strlen ("was_missing")));

  g_ptr_array_add (input->categories, g_strdup ("1"));
  input->one_hot = input->from_numbers = TRUE;
  fw_preprocessor_finish (trained->preprocessor);
  assert_refused (trained, "“g”");
}

static void
test_missing_markers (void)
{
  g_autoptr(GPtrArray) markers = fw_onnx_missing_markers ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  /* "", "?", then 2^letters cases of na, n/a, nan, null, #n/a. */
  g_assert_cmpuint (markers->len, ==, 1 + 1 + 4 + 4 + 8 + 16 + 4);
  for (guint i = 0; i < markers->len; i++)
    {
      const char *marker = g_ptr_array_index (markers, i);

      g_assert_true (fw_is_missing_marker (marker, strlen (marker)));
      g_assert_true (g_hash_table_add (seen, (gpointer) marker));
    }
  for (const char *const *m = (const char *const[]) { "NA", "nUlL", "#N/a", "NaN", NULL };
       *m != NULL; m++)
    g_assert_true (g_hash_table_contains (seen, *m));
}

static void
test_float_at_least (void)
{
  static const double cases[] = { 0.0, 0.1, 0.5, 1.0 / 3.0, 0.29455448687076569, 1.0,
                                  0x1.000001p-1 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      float f = fw_onnx_float_at_least (cases[i]);

      /* The least float ≥ t: it is ≥ t and the float below it is not. */
      g_assert_cmpfloat ((double) f, >=, cases[i]);
      g_assert_cmpfloat ((double) nextafterf (f, -INFINITY), <, cases[i]);
    }
  g_assert_cmpfloat (fw_onnx_float_at_least (0.5), ==, 0.5f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/onnx/encodes", test_encodes);
  g_test_add_func ("/engine/onnx/refuses-output-names", test_refuses_output_names);
  g_test_add_func ("/engine/onnx/refuses-threshold-ranges", test_refuses_threshold_ranges);
  g_test_add_func ("/engine/onnx/refuses-equal-categories", test_refuses_equal_categories);
  g_test_add_func ("/engine/onnx/missing-markers", test_missing_markers);
  g_test_add_func ("/engine/onnx/indicator", test_indicator);
  g_test_add_func ("/engine/onnx/float-at-least", test_float_at_least);
  return g_test_run ();
}
