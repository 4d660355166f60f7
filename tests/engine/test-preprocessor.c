/* test-preprocessor.c — fitted cleaning: hand-checked statistics, transforms of new data,
 * unknown categories, JSON round trips, and never a NaN
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-dataset-test.h"
#include "fw-preprocessor.h"

/* The parts are the rows of fw_preprocessor_transform on the same table, exactly. */
static void
test_transform_reproduces (void)
{
  g_autoptr(FwTable) table = import (mixed_csv);
  g_autoptr(FwRecipe) recipe = mixed_recipe ();
  g_autoptr(FwDataset) dataset = prepare_ok (table, recipe);
  g_autoptr(GError) error = NULL;
  g_autofree float *all = fw_preprocessor_transform (dataset->preprocessor, table, &error);
  guint nf = dataset->n_features;
  const FwColumn *income = fw_table_column_by_name (table, "income");

  g_assert_no_error (error);
  g_assert_cmpuint (fw_preprocessor_n_features (dataset->preprocessor), ==, nf);
  assert_finite (all, fw_table_n_rows (table) * nf);
  assert_dataset_finite (dataset);
  for (guint p = 0; p < FW_N_PARTS; p++)
    for (gsize i = 0; i < dataset->parts[p].n; i++)
      {
        gsize row = dataset->parts[p].source_rows[i];

        g_assert_cmpmem (dataset->parts[p].x + i * nf, nf * sizeof (float),
                         all + row * nf, nf * sizeof (float));
        /* Rows missing income left training only. */
        if (fw_column_is_missing (income, row))
          g_assert_cmpint (p, !=, FW_PART_TRAIN);
      }
}

static void
test_unknown_category (void)
{
  g_autoptr(FwTable) table = import (mixed_csv);
  g_autoptr(FwTable) fresh = import ("y,extra,smoker,city,income,sex,age\n"
                                     "a,1,yes,Marseille,2000,female,30\n"
                                     "b,2,maybe,Paris,,,40\n"
                                     "a,3,no,,2500,martian,abc\n");
  g_autoptr(FwTable) lacking = import ("age,sex,income,smoker\n30,male,2000,no\n");
  g_autoptr(FwRecipe) recipe = mixed_recipe ();
  g_autoptr(FwDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree float *x = NULL;
  g_autofree float *none = NULL;
  guint nf;
  int marseille = -1, other, paris, sex_other, sex_unknown, smoker_other;

  recipe->split = (FwSplitSpec) { 1.0, 0.0, 0.0, TRUE };
  dataset = prepare_ok (table, recipe);
  nf = dataset->n_features;
  x = fw_preprocessor_transform (dataset->preprocessor, fresh, &error);
  g_assert_no_error (error);
  assert_finite (x, 3 * nf);

  marseille = feature_index (dataset, "city=Marseille");
  other = feature_index (dataset, "city=other");
  paris = feature_index (dataset, "city=Paris");
  sex_other = feature_index (dataset, "sex=other");
  sex_unknown = feature_index (dataset, "sex=unknown");
  smoker_other = feature_index (dataset, "smoker=other");
  g_assert_cmpint (marseille, ==, -1);
  g_assert_cmpint (other, >=, 0);
  g_assert_cmpint (sex_unknown, >=, 0);    /* the constant a gap was filled with */
  /* Marseille was never seen: "other", and nothing else of city. */
  g_assert_cmpfloat (x[other], ==, 1.0f);
  g_assert_cmpfloat (x[paris], ==, 0.0f);
  g_assert_cmpfloat (x[nf + paris], ==, 1.0f);
  /* "maybe" is no smoker answer seen in training; a missing sex takes the constant. */
  g_assert_cmpfloat (x[nf + smoker_other], ==, 1.0f);
  g_assert_cmpfloat (x[nf + sex_unknown], ==, 1.0f);
  g_assert_cmpfloat (x[2 * nf + sex_other], ==, 1.0f);
  /* A missing city takes the training mode; the cells of one column add up to 1. */
  for (guint r = 0; r < 3; r++)
    {
      float sum = 0.0f;

      for (guint f = 0; f < nf; f++)
        if (g_str_has_prefix (dataset->feature_names[f], "city="))
          sum += x[r * nf + f];
      g_assert_cmpfloat (sum, ==, 1.0f);
    }

  none = fw_preprocessor_transform (dataset->preprocessor, lacking, &error);
  g_assert_null (none);
  g_assert_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_COLUMN);
  g_assert_nonnull (strstr (error->message, "“city”"));
}

/* Takes @node. */
static JsonNode *
through_text (JsonNode *node)
{
  g_autoptr(JsonNode) owned = node;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_node_copy (json_parser_get_root (parser));
}

static void
expect_corrupt (JsonNode      *node,
                FwRecipeError  code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwPreprocessor) pre = fw_preprocessor_new_from_json (node, &error);

  g_assert_null (pre);
  g_assert_error (error, FW_RECIPE_ERROR, (int) code);
}

static void
test_json_round_trip (void)
{
  g_autoptr(FwTable) table = import (mixed_csv);
  g_autoptr(FwTable) fresh = import ("y,smoker,city,income,sex,age\n"
                                     "a,yes,Marseille,2000,female,30\n"
                                     "b,maybe,Paris,,,40\n");
  g_autoptr(FwRecipe) recipe = mixed_recipe ();
  g_autoptr(FwDataset) dataset = NULL;
  g_autoptr(JsonNode) saved = NULL;
  g_autoptr(FwPreprocessor) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree float *a = NULL, *b = NULL, *fa = NULL, *fb = NULL;
  gsize n = fw_table_n_rows (table);
  guint nf;

  add (recipe, FW_STEP_ONE_HOT, "age");        /* one-hot over numbers, too */
  dataset = prepare_ok (table, recipe);
  nf = dataset->n_features;
  saved = through_text (fw_preprocessor_to_json (dataset->preprocessor));
  back = fw_preprocessor_new_from_json (saved, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fw_preprocessor_n_features (back), ==, nf);
  a = fw_preprocessor_transform (dataset->preprocessor, table, NULL);
  b = fw_preprocessor_transform (back, table, NULL);
  g_assert_cmpmem (a, n * nf * sizeof (float), b, n * nf * sizeof (float));
  fa = fw_preprocessor_transform (dataset->preprocessor, fresh, NULL);
  fb = fw_preprocessor_transform (back, fresh, NULL);
  g_assert_cmpmem (fa, 2 * nf * sizeof (float), fb, 2 * nf * sizeof (float));

  /* Damaged copies are refused. */
  {
    g_autoptr(JsonNode) bad = json_node_copy (saved);
    JsonArray *features = json_object_get_array_member (json_node_get_object (bad), "features");

    json_node_set_string (json_array_get_element (features, 0), "shoe size");
    expect_corrupt (bad, FW_RECIPE_ERROR_INVALID);
  }
  {
    g_autoptr(JsonNode) bad = json_node_copy (saved);

    json_object_set_int_member (json_node_get_object (bad), "version", 2);
    expect_corrupt (bad, FW_RECIPE_ERROR_NEWER);
  }
  {
    g_autoptr(JsonNode) bad = json_node_copy (saved);

    json_object_set_boolean_member (json_node_get_object (bad), "extra", TRUE);
    expect_corrupt (bad, FW_RECIPE_ERROR_INVALID);
  }
  for (guint variant = 0; variant < 4; variant++)
    {
      g_autoptr(JsonNode) bad = json_node_copy (saved);
      JsonArray *inputs = json_object_get_array_member (json_node_get_object (bad), "inputs");

      for (guint i = 0; i < json_array_get_length (inputs); i++)
        {
          JsonObject *input = json_array_get_object_element (inputs, i);

          if (variant == 0 && json_object_has_member (input, "ops"))
            json_object_set_string_member (json_array_get_object_element (
              json_object_get_array_member (input, "ops"), 0), "op", "warp");
          else if (variant == 1 && json_object_has_member (input, "ops"))
            json_object_set_string_member (json_array_get_object_element (
              json_object_get_array_member (input, "ops"), 0), "value", "x");
          else if (variant == 2 && json_object_has_member (input, "categories"))
            {
              JsonArray *categories = json_object_get_array_member (input, "categories");

              json_array_add_string_element (categories,
                                             json_array_get_string_element (categories, 0));
            }
          else if (variant == 3)
            json_object_set_string_member (input, "encoding", "hash");
        }
      expect_corrupt (bad, FW_RECIPE_ERROR_INVALID);
    }
}

static void
test_clip_and_mode (void)
{
  g_autoptr(FwTable) table = import ("v,m,y\n1,5,a\n2,7,b\n3,7,a\n4,,b\n5,5,a\n"
                                     "6,9,b\n7,,a\n8,1,b\n100,9,a\n");
  g_autoptr(FwRecipe) recipe = recipe_for ("y");
  g_autoptr(FwDataset) dataset = NULL;
  const FwDataPart *train;

  add (recipe, FW_STEP_CLIP_OUTLIERS, "v");
  add (recipe, FW_STEP_IMPUTE_MODE, "m");
  recipe->split = (FwSplitSpec) { 1.0, 0.0, 0.0, TRUE };
  dataset = prepare_ok (table, recipe);
  train = &dataset->parts[FW_PART_TRAIN];
  g_assert_cmpuint (dataset->n_features, ==, 2);
  /* Q1 = 3, Q3 = 7, IQR 4: fences −9 and 19.  m: 5, 7 and 9 twice each; the smallest wins. */
  for (gsize i = 0; i < train->n; i++)
    {
      g_assert_cmpfloat (train->x[i * 2], ==, i == 8 ? 19.0f : (float) (i + 1));
      if (i == 3 || i == 6)
        g_assert_cmpfloat (train->x[i * 2 + 1], ==, 5.0f);
    }
}

/* Sixty categories, category k seen k + 1 times: the fifty commonest keep a feature. */
static void
test_one_hot_cap (void)
{
  GString *csv = g_string_new ("f,y\n");
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwRecipe) recipe = recipe_for ("y");
  g_autoptr(FwDataset) dataset = NULL;
  const FwDataPart *train;
  int other;

  for (guint k = 0; k < 60; k++)
    for (guint j = 0; j <= k; j++)
      g_string_append_printf (csv, "k%02u,%s\n", k, j % 2 ? "a" : "b");
  table = import (csv->str);
  g_string_free (csv, TRUE);
  recipe->split = (FwSplitSpec) { 1.0, 0.0, 0.0, TRUE };
  dataset = prepare_ok (table, recipe);
  g_assert_cmpuint (dataset->n_features, ==, 51);
  g_assert_cmpstr (dataset->feature_names[0], ==, "f=k10");
  g_assert_cmpstr (dataset->feature_names[49], ==, "f=k59");
  g_assert_cmpstr (dataset->feature_names[50], ==, "f=other");
  other = 50;
  train = &dataset->parts[FW_PART_TRAIN];
  for (gsize i = 0; i < train->n; i++)
    {
      /* Rows of category k start at k (k + 1) / 2. */
      gsize row = train->source_rows[i];
      guint k = 0;

      while ((k + 1) * (k + 2) / 2 <= row)
        k++;
      g_assert_cmpfloat (train->x[i * 51 + other], ==, k < 10 ? 1.0f : 0.0f);
    }
}

/* Gaps everywhere, and columns with nothing at all in them: still no NaN. */
static void
test_no_nan (void)
{
  g_autoptr(FwTable) table = import ("a,b,c,d,e,y\n"
                                     ",x,,1,,p\n"
                                     "2,,,,,q\n"
                                     ",y,,3,,p\n"
                                     "4,,,,,q\n"
                                     ",x,,,,p\n"
                                     "6,,,2,,q\n");
  g_autoptr(FwRecipe) recipe = recipe_for ("y");
  g_autoptr(FwRecipe) suggested = NULL;
  g_autoptr(FwDataset) dataset = NULL;
  g_autoptr(FwDataset) plain = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree float *x = NULL;

  add (recipe, FW_STEP_STANDARDIZE, "c");
  add (recipe, FW_STEP_MIN_MAX, "a");
  add (recipe, FW_STEP_CLIP_OUTLIERS, "d");
  add (recipe, FW_STEP_ONE_HOT, "e");
  dataset = prepare_ok (table, recipe);
  assert_dataset_finite (dataset);
  x = fw_preprocessor_transform (dataset->preprocessor, table, &error);
  g_assert_no_error (error);
  assert_finite (x, fw_table_n_rows (table) * dataset->n_features);

  suggested = fw_recipe_new_suggested (table, NULL, "y", &error);
  g_assert_no_error (error);
  plain = prepare_ok (table, suggested);
  assert_dataset_finite (plain);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/preprocessor/transform-reproduces", test_transform_reproduces);
  g_test_add_func ("/engine/preprocessor/unknown-category", test_unknown_category);
  g_test_add_func ("/engine/preprocessor/json-round-trip", test_json_round_trip);
  g_test_add_func ("/engine/preprocessor/clip-and-mode", test_clip_and_mode);
  g_test_add_func ("/engine/preprocessor/one-hot-cap", test_one_hot_cap);
  g_test_add_func ("/engine/preprocessor/no-nan", test_no_nan);
  return g_test_run ();
}
