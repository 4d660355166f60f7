/* test-recipe.c — recipe defaults, JSON round trips, every invalid field, files, suggestions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include "fw-csv-import.h"
#include "fw-dataset.h"
#include "fw-recipe.h"

static void
assert_recipes_equal (const FwRecipe *a,
                      const FwRecipe *b)
{
  g_assert_cmpuint (a->schema_version, ==, b->schema_version);
  g_assert_cmpuint (a->steps->len, ==, b->steps->len);
  for (guint i = 0; i < a->steps->len; i++)
    {
      const FwStep *x = g_ptr_array_index (a->steps, i), *y = g_ptr_array_index (b->steps, i);

      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpstr (x->column, ==, y->column);
      g_assert_cmpstr (x->constant, ==, y->constant);
    }
  g_assert_cmpstr (a->target, ==, b->target);
  g_assert_cmpstr (a->positive, ==, b->positive);
  g_assert_cmpstr (a->favourable, ==, b->favourable);
  g_assert_cmpuint (a->min_group_rows, ==, b->min_group_rows);
  g_assert_true (a->threshold == b->threshold);
  g_assert_cmpstr (a->threshold_attribute, ==, b->threshold_attribute);
  g_assert_cmpint (a->task, ==, b->task);
  g_assert_cmpuint (a->sensitive->len, ==, b->sensitive->len);
  for (guint i = 0; i < a->sensitive->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a->sensitive, i), ==, g_ptr_array_index (b->sensitive, i));
  g_assert_cmpint (a->sensitive_as_features, ==, b->sensitive_as_features);
  g_assert_cmpint (a->intersect_sensitive, ==, b->intersect_sensitive);
  /* Exact: JSON carries doubles with all their digits. */
  g_assert_true (a->split.train == b->split.train);
  g_assert_true (a->split.validation == b->split.validation);
  g_assert_true (a->split.test == b->split.test);
  g_assert_cmpint (a->split.stratify, ==, b->split.stratify);
  g_assert_cmpint (a->model.kind, ==, b->model.kind);
  g_assert_cmpuint (a->model.n_hidden, ==, b->model.n_hidden);
  for (guint i = 0; i < a->model.n_hidden; i++)
    g_assert_cmpuint (a->model.hidden[i], ==, b->model.hidden[i]);
  g_assert_cmpuint (a->model.epochs, ==, b->model.epochs);
  g_assert_cmpuint (a->model.batch_size, ==, b->model.batch_size);
  g_assert_true (a->model.learning_rate == b->model.learning_rate);
  g_assert_true (a->model.l2 == b->model.l2);
  g_assert_true (a->model.dropout == b->model.dropout);
  g_assert_cmpint (a->model.optimizer, ==, b->model.optimizer);
  g_assert_true (a->model.momentum == b->model.momentum);
  g_assert_cmpuint (a->model.patience, ==, b->model.patience);
  g_assert_cmpstr (a->model.device, ==, b->model.device);
  g_assert_cmpuint (a->seed, ==, b->seed);
  g_assert_cmpstr (a->mitigation, ==, b->mitigation);
  g_assert_cmpstr (a->data, ==, b->data);
  g_assert_cmpstr (a->data_sha256, ==, b->data_sha256);
  g_assert_cmpstr (a->data_encoding, ==, b->data_encoding);
  g_assert_cmpstr (a->fairway_version, ==, b->fairway_version);
  g_assert_cmpstr (a->backend, ==, b->backend);
}

static char *
to_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* A recipe with no field at its default. */
static FwRecipe *
busy_recipe (void)
{
  FwRecipe *recipe = fw_recipe_new ();

  fw_recipe_add_step (recipe, FW_STEP_DROP_COLUMN, g_strdup ("id"), NULL);
  fw_recipe_add_step (recipe, FW_STEP_IMPUTE_CONSTANT, g_strdup ("city"),
                      g_strdup ("Nowhere “quoted”"));
  fw_recipe_add_step (recipe, FW_STEP_CLIP_OUTLIERS, g_strdup ("income"), NULL);
  fw_recipe_add_step (recipe, FW_STEP_MIN_MAX, g_strdup ("âge"), NULL);
  recipe->target = g_strdup ("income-per-year");
  recipe->positive = g_strdup (">50K");
  recipe->favourable = g_strdup ("<=50K");
  recipe->min_group_rows = 12;
  recipe->task = FW_TASK_BINARY;
  g_ptr_array_add (recipe->sensitive, g_strdup ("sex"));
  g_ptr_array_add (recipe->sensitive, g_strdup ("race"));
  recipe->threshold = 0.42;
  recipe->threshold_attribute = g_strdup ("race");
  g_ptr_array_add (recipe->sensitive, g_strdup ("race"));
  recipe->sensitive_as_features = TRUE;
  recipe->intersect_sensitive = TRUE;
  recipe->split = (FwSplitSpec) { 0.6, 0.1, 0.3, FALSE };
  recipe->model.kind = FW_MODEL_MLP;
  recipe->model.hidden[0] = 4096;
  recipe->model.hidden[1] = 1;
  recipe->model.hidden[2] = 33;
  recipe->model.n_hidden = 3;
  recipe->model.epochs = 7;
  recipe->model.batch_size = 1;
  recipe->model.learning_rate = 0.1 + 0.2;      /* not a short decimal */
  recipe->model.l2 = 0.0;
  recipe->model.dropout = 0.5;
  recipe->model.optimizer = FW_OPTIMIZER_SGD;
  recipe->model.momentum = 0.0;
  recipe->model.patience = 0;
  g_free (recipe->model.device);
  recipe->model.device = g_strdup ("cuda");
  recipe->seed = G_MAXUINT64 - 1;               /* past what JSON integers carry */
  g_free (recipe->mitigation);
  recipe->mitigation = g_strdup ("reweigh");
  recipe->data = g_strdup ("données/prêts.csv");
  recipe->data_sha256 = g_strdup ("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  recipe->data_encoding = g_strdup ("WINDOWS-1252");
  recipe->fairway_version = g_strdup ("0.1.0");
  recipe->backend = g_strdup ("cpu (OpenBLAS 0.3.21)");
  return recipe;
}

static void
test_defaults (void)
{
  g_autoptr(FwRecipe) recipe = fw_recipe_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (recipe->schema_version, ==, FW_RECIPE_SCHEMA_VERSION);
  g_assert_cmpuint (recipe->steps->len, ==, 0);
  g_assert_null (recipe->target);
  g_assert_null (recipe->positive);
  g_assert_null (recipe->favourable);
  g_assert_cmpuint (recipe->min_group_rows, ==, 30);
  g_assert_cmpfloat (recipe->threshold, ==, 0.5);
  g_assert_null (recipe->threshold_attribute);
  g_assert_cmpint (recipe->task, ==, FW_TASK_AUTO);
  g_assert_cmpuint (recipe->sensitive->len, ==, 0);
  g_assert_false (recipe->sensitive_as_features);
  g_assert_cmpfloat (recipe->split.train, ==, 0.70);
  g_assert_cmpfloat (recipe->split.validation, ==, 0.15);
  g_assert_cmpfloat (recipe->split.test, ==, 0.15);
  g_assert_true (recipe->split.stratify);
  g_assert_cmpint (recipe->model.kind, ==, FW_MODEL_LOGISTIC);
  g_assert_cmpuint (recipe->model.epochs, ==, 20);
  g_assert_cmpuint (recipe->model.batch_size, ==, 256);
  g_assert_cmpfloat (recipe->model.learning_rate, ==, 1e-2);
  g_assert_cmpint (recipe->model.optimizer, ==, FW_OPTIMIZER_ADAM);
  g_assert_cmpfloat (recipe->model.l2, ==, 1e-4);
  g_assert_cmpuint (recipe->model.patience, ==, 5);
  g_assert_cmpstr (recipe->model.device, ==, "auto");
  g_assert_cmpuint (recipe->seed, ==, 42);
  g_assert_cmpstr (recipe->mitigation, ==, "none");
  g_assert_true (fw_recipe_validate (recipe, &error));
  g_assert_no_error (error);
}

static void
test_step_names (void)
{
  static const char *const names[] = {
    "impute_mean", "impute_median", "impute_mode", "impute_constant", "drop_column",
    "drop_missing_rows", "clip_outliers", "one_hot", "standardize", "min_max",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpstr (fw_step_kind_to_string ((FwStepKind) i), ==, names[i]);
}

static void
test_round_trip (void)
{
  g_autoptr(FwRecipe) recipe = busy_recipe ();
  g_autoptr(FwRecipe) back = NULL;
  g_autoptr(FwRecipe) copy = NULL;
  g_autoptr(FwRecipe) plain = fw_recipe_new ();
  g_autoptr(FwRecipe) plain_back = NULL;
  g_autoptr(JsonNode) node = fw_recipe_to_json (recipe);
  g_autoptr(JsonNode) reparsed = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonNode) plain_node = fw_recipe_to_json (plain);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = to_text (node);
  g_autofree char *text_again = NULL;

  g_assert_true (fw_recipe_validate (recipe, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "\"schema_version\":1"));
  /* Through text, as a file would carry it. */
  reparsed = parse (text);
  back = fw_recipe_new_from_json (reparsed, &error);
  g_assert_no_error (error);
  assert_recipes_equal (recipe, back);
  again = fw_recipe_to_json (back);
  text_again = to_text (again);
  g_assert_cmpstr (text, ==, text_again);

  copy = fw_recipe_copy (recipe);
  assert_recipes_equal (recipe, copy);
  /* A deep copy: changing it leaves the original alone. */
  g_free (((FwStep *) g_ptr_array_index (copy->steps, 0))->column);
  ((FwStep *) g_ptr_array_index (copy->steps, 0))->column = g_strdup ("other");
  g_assert_cmpstr (((FwStep *) g_ptr_array_index (recipe->steps, 0))->column, ==, "id");

  plain_back = fw_recipe_new_from_json (plain_node, &error);
  g_assert_no_error (error);
  assert_recipes_equal (plain, plain_back);
}

static void
test_minimal (void)
{
  g_autoptr(JsonNode) node = parse ("{\"schema_version\": 1, \"target\": \"y\", "
                                    "\"model\": {\"epochs\": 3.0, \"learning_rate\": 1}}");
  g_autoptr(GError) error = NULL;
  g_autoptr(FwRecipe) recipe = fw_recipe_new_from_json (node, &error);
  g_autoptr(FwRecipe) defaults = fw_recipe_new ();

  /* Left-out members take their defaults; 3.0 is a whole number, 1 a number. */
  g_assert_no_error (error);
  g_assert_cmpstr (recipe->target, ==, "y");
  g_assert_cmpuint (recipe->model.epochs, ==, 3);
  g_assert_cmpfloat (recipe->model.learning_rate, ==, 1.0);
  g_assert_cmpuint (recipe->model.batch_size, ==, defaults->model.batch_size);
  g_assert_cmpuint (recipe->seed, ==, 42);
}

/* Sets the member at @path ("model.epochs", "steps.0.kind") of @root to @json, or removes
 * it when @json is NULL. */
static void
set_path (JsonNode   *root,
          const char *path,
          const char *json)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = root;
  guint n = g_strv_length (parts);

  for (guint i = 0; i + 1 < n; i++)
    node = JSON_NODE_HOLDS_ARRAY (node)
           ? json_array_get_element (json_node_get_array (node), (guint) atoi (parts[i]))
           : json_object_get_member (json_node_get_object (node), parts[i]);
  if (json == NULL)
    json_object_remove_member (json_node_get_object (node), parts[n - 1]);
  else
    json_object_set_member (json_node_get_object (node), parts[n - 1], parse (json));
}

typedef struct
{
  const char *path;
  const char *json;             /* NULL: remove the member */
  const char *field;            /* what the message must name */
} InvalidCase;

static const InvalidCase invalid_cases[] = {
  { "colour", "\"red\"", "colour" },
  { "model.colour", "1", "model.colour" },
  { "split.shuffle", "true", "split.shuffle" },
  { "steps.0.colum", "\"x\"", "steps[0].colum" },
  { "schema_version", "\"1\"", "schema_version" },
  { "schema_version", "0", "schema_version" },
  { "schema_version", NULL, "schema_version" },
  { "target", "5", "target" },
  { "target", "\"\"", "target" },
  { "positive", "[]", "positive" },
  { "positive", "\"\"", "positive" },
  { "favourable", "1", "favourable" },
  { "min_group_rows", "-1", "min_group_rows" },
  { "min_group_rows", "2.5", "min_group_rows" },
  { "threshold", "0", "threshold" },
  { "threshold", "1", "threshold" },
  { "threshold", "\"0.4\"", "threshold" },
  { "threshold_attribute", "\"income\"", "threshold_attribute" },
  { "threshold_attribute", "3", "threshold_attribute" },
  { "task", "\"clustering\"", "task" },
  { "task", "3", "task" },
  { "sensitive", "\"sex\"", "sensitive" },
  { "sensitive", "[1]", "sensitive" },
  { "sensitive", "[\"\"]", "sensitive" },
  { "sensitive_as_features", "\"yes\"", "sensitive_as_features" },
  { "intersect_sensitive", "1", "intersect_sensitive" },
  { "steps", "{}", "steps" },
  { "steps", "[\"drop_column\"]", "steps[0]" },
  { "steps.0.kind", "\"impute_magic\"", "steps[0].kind" },
  { "steps.0.kind", "4", "steps[0].kind" },
  { "steps.0.kind", NULL, "steps[0].kind" },
  { "steps.0.column", NULL, "steps[0].column" },
  { "steps.0.column", "\"\"", "steps[0].column" },
  { "steps.0.column", "null", "steps[0].column" },
  { "steps.1.constant", NULL, "steps[1].constant" },
  { "steps.1.constant", "0", "steps[1].constant" },
  { "steps.0.constant", "\"0\"", "steps[0].constant" },
  { "split", "3", "split" },
  { "split.train", "\"0.7\"", "split.train" },
  { "split.train", "1.5", "split.train" },
  { "split.test", "-0.1", "split.test" },
  { "split.test", "0.2", "split" },             /* 0.7 + 0.15 + 0.2 */
  { "split.stratify", "1", "split.stratify" },
  { "model", "[]", "model" },
  { "model.kind", "\"forest\"", "model.kind" },
  { "model.hidden", "64", "model.hidden" },
  { "model.hidden", "[64, 0]", "model.hidden" },
  { "model.hidden", "[4097]", "model.hidden" },
  { "model.hidden", "[1, 2, 3, 4, 5]", "model.hidden" },
  { "model.hidden", "[64.5]", "model.hidden" },
  { "model.epochs", "0", "model.epochs" },
  { "model.epochs", "2.5", "model.epochs" },
  { "model.epochs", "-3", "model.epochs" },
  { "model.epochs", "\"20\"", "model.epochs" },
  { "model.epochs", "99999999999", "model.epochs" },
  { "model.batch_size", "0", "model.batch_size" },
  { "model.learning_rate", "0", "model.learning_rate" },
  { "model.learning_rate", "-0.01", "model.learning_rate" },
  { "model.learning_rate", "\"fast\"", "model.learning_rate" },
  { "model.l2", "-1", "model.l2" },
  { "model.dropout", "1.0", "model.dropout" },
  { "model.dropout", "-0.1", "model.dropout" },
  { "model.optimizer", "\"rmsprop\"", "model.optimizer" },
  { "model.momentum", "1", "model.momentum" },
  { "model.patience", "-1", "model.patience" },
  { "model.device", "\"tpu\"", "model.device" },
  { "model.device", "null", "model.device" },
  { "seed", "-1", "seed" },
  { "seed", "1.5", "seed" },
  { "seed", "\"abc\"", "seed" },
  { "seed", "\"99999999999999999999999\"", "seed" },
  { "mitigation", "\"threshold\"", "mitigation" },
};

static JsonNode *
base_json (void)
{
  g_autoptr(FwRecipe) recipe = fw_recipe_new ();

  fw_recipe_add_step (recipe, FW_STEP_DROP_COLUMN, g_strdup ("id"), NULL);
  fw_recipe_add_step (recipe, FW_STEP_IMPUTE_CONSTANT, g_strdup ("city"), g_strdup ("none"));
  recipe->target = g_strdup ("y");
  return fw_recipe_to_json (recipe);
}

static void
test_invalid (gconstpointer data)
{
  const InvalidCase *c = data;
  g_autoptr(JsonNode) node = base_json ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FwRecipe) recipe = NULL;
  g_autofree char *quoted = g_strdup_printf ("“%s”", c->field);

  set_path (node, c->path, c->json);
  recipe = fw_recipe_new_from_json (node, &error);
  g_assert_null (recipe);
  g_assert_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID);
  if (strstr (error->message, quoted) == NULL)
    g_error ("“%s” does not name %s", error->message, quoted);
}

static void
test_boundaries (void)
{
  static const InvalidCase fine[] = {
    { "split.test", "0.15000000000000002", NULL },   /* within 1e-9 of adding up */
    { "split.train", "0.7000000001", NULL },
    { "model.hidden", "[1, 4096, 2, 3]", NULL },
    { "model.dropout", "0.999", NULL },
    { "model.learning_rate", "1e-12", NULL },
    { "model.patience", "0", NULL },
    { "seed", "0", NULL },
    { "seed", "\"18446744073709551615\"", NULL },
    { "positive", "null", NULL },
    { "favourable", "null", NULL },
    { "min_group_rows", "0", NULL },
    { "threshold", "0.001", NULL },
    { "threshold_attribute", "null", NULL },
    { "target", "null", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fine); i++)
    {
      g_autoptr(JsonNode) node = base_json ();
      g_autoptr(GError) error = NULL;
      g_autoptr(FwRecipe) recipe = NULL;

      set_path (node, fine[i].path, fine[i].json);
      recipe = fw_recipe_new_from_json (node, &error);
      g_assert_no_error (error);
      g_assert_nonnull (recipe);
    }
  {
    g_autoptr(JsonNode) node = base_json ();
    g_autoptr(GError) error = NULL;

    /* 1e-8 off is past the tolerance. */
    set_path (node, "split.train", "0.70000001");
    g_assert_null (fw_recipe_new_from_json (node, &error));
    g_assert_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID);
  }
}

static void
test_not_object (void)
{
  static const char *const texts[] = { "[]", "3", "\"recipe\"", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(JsonNode) node = parse (texts[i]);
      g_autoptr(GError) error = NULL;

      g_assert_null (fw_recipe_new_from_json (node, &error));
      g_assert_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID);
    }
}

static void
test_newer (void)
{
  /* A newer recipe may carry fields this version does not know: the version speaks first. */
  g_autoptr(JsonNode) node = parse ("{\"schema_version\": 2, \"quantum\": true}");
  g_autoptr(GError) error = NULL;

  g_assert_null (fw_recipe_new_from_json (node, &error));
  g_assert_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_NEWER);
}

static void
test_validate_in_code (void)
{
  g_autoptr(FwRecipe) recipe = fw_recipe_new ();
  g_autoptr(GError) error = NULL;

  recipe->model.epochs = 0;
  g_assert_false (fw_recipe_validate (recipe, &error));
  g_assert_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "model.epochs"));
  g_clear_error (&error);

  recipe->model.epochs = 5;
  recipe->task = FW_TASK_REGRESSION;    /* logistic regression cannot regress */
  g_assert_false (fw_recipe_validate (recipe, &error));
  g_assert_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "model.kind"));
}

static void
test_save_load (void)
{
  g_autofree char *dir = g_dir_make_tmp ("fw-recipe-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "recipe.json", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "bad.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad_path);
  g_autoptr(FwRecipe) recipe = busy_recipe ();
  g_autoptr(FwRecipe) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  static const char *const bad_texts[] = { "", "{", "{\"schema_version\": 1,}", "\xff\xfe" };

  g_assert_true (fw_recipe_save (recipe, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_suffix (contents, "}\n"));
  back = fw_recipe_load (file, &error);
  g_assert_no_error (error);
  assert_recipes_equal (recipe, back);

  /* An invalid recipe is refused before anything is written. */
  back->model.batch_size = 0;
  g_assert_false (fw_recipe_save (back, bad_file, &error));
  g_assert_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID);
  g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (bad_texts); i++)
    {
      g_autoptr(FwRecipe) none = NULL;

      g_assert_true (g_file_set_contents (bad_path, bad_texts[i], -1, NULL));
      none = fw_recipe_load (bad_file, &error);
      g_assert_null (none);
      g_assert_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_unlink (bad_path);
  g_assert_null (fw_recipe_load (bad_file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_unlink (path);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Twelve rows: enough for the importer to call an increasing whole-number column an ID. */
static const char suggest_csv[] =
  "id,age,city,smoker,member,note,day,flat,income\n"
  "1,34,Paris,yes,1,This applicant came in on a rainy Monday morning,2024-01-01,x,high\n"
  "2,,Lyon,no,0,Second visit after the letter about the loan terms,2024-01-02,x,low\n"
  "3,51,,yes,,Asked for a longer term and a lower monthly payment,2024-01-03,x,high\n"
  "4,29,Paris,no,1,Brought every document the bank had asked for,2024-01-04,x,low\n"
  "5,45,Nice,no,0,Wants to buy a small flat near the old harbour,2024-01-05,x,low\n"
  "6,38,Lyon,yes,1,Works two jobs and saves a part of each pay,2024-01-06,x,high\n"
  "7,62,Paris,no,0,Retired teacher with a pension and no other debt,2024-01-07,x,low\n"
  "8,41,Nice,yes,1,Runs a bakery that opened three years ago,2024-01-08,x,high\n"
  "9,23,Lyon,no,0,Student who moved here for the university,2024-01-09,x,low\n"
  "10,57,Paris,yes,1,Nurse at the hospital on the east side of town,2024-01-10,x,high\n"
  "11,36,Nice,no,0,Came with a friend who already banks with us,2024-01-11,x,low\n"
  "12,48,Lyon,yes,1,Asked about insurance for the new car as well,2024-01-12,x,high\n";

static void
test_suggested (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTable) table = fw_csv_import_data (suggest_csv, -1, NULL, NULL, &error);
  g_autoptr(FwRecipe) recipe = NULL;
  g_autoptr(FwRecipe) none = NULL;
  g_autoptr(FwDataset) dataset = NULL;
  static const struct { FwStepKind kind; const char *column; } expected[] = {
    { FW_STEP_DROP_COLUMN, "id" },              /* an ID */
    { FW_STEP_IMPUTE_MEDIAN, "age" },           /* a number with a gap */
    { FW_STEP_STANDARDIZE, "age" },
    { FW_STEP_IMPUTE_MODE, "city" },            /* a category with a gap */
    { FW_STEP_ONE_HOT, "city" },
    { FW_STEP_ONE_HOT, "smoker" },              /* yes/no words */
    { FW_STEP_IMPUTE_MODE, "member" },          /* a 0/1 column with a gap keeps 0 and 1 */
    { FW_STEP_DROP_COLUMN, "note" },            /* prose */
    { FW_STEP_DROP_COLUMN, "day" },             /* dates */
    { FW_STEP_DROP_COLUMN, "flat" },            /* constant */
  };
  static const char *const features[] = {
    "age", "city=Lyon", "city=Nice", "city=Paris", "city=other", "smoker=no", "smoker=yes",
    "smoker=other", "member", NULL
  };

  g_assert_no_error (error);
  recipe = fw_recipe_new_suggested (table, NULL, "income", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (recipe->target, ==, "income");
  g_assert_cmpuint (recipe->steps->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const FwStep *step = g_ptr_array_index (recipe->steps, i);

      g_assert_cmpstr (fw_step_kind_to_string (step->kind), ==,
                       fw_step_kind_to_string (expected[i].kind));
      g_assert_cmpstr (step->column, ==, expected[i].column);
    }

  /* And it prepares: the features are what the steps promise (all rows in training, so
   * every city is seen). */
  recipe->split = (FwSplitSpec) { 1.0, 0.0, 0.0, TRUE };
  dataset = fw_dataset_prepare (table, recipe, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (dataset->feature_names, features);

  none = fw_recipe_new_suggested (table, NULL, "outcome", &error);
  g_assert_null (none);
  g_assert_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_TARGET);
}

static void
test_suggested_no_target (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTable) table = fw_csv_import_data (suggest_csv, -1, NULL, NULL, &error);
  g_autoptr(FwTableProfile) profile = fw_table_profile_new (table, NULL, NULL, NULL, &error);
  g_autoptr(FwRecipe) recipe = fw_recipe_new_suggested (table, profile, NULL, &error);
  const FwStep *last;

  /* Without a target, the would-be target is cleaned like any category: here it is
   * "smoker" relabelled (yes is high on every row), so the copy is dropped. */
  g_assert_no_error (error);
  g_assert_null (recipe->target);
  g_assert_true (fw_column_profile_has_issue (&profile->columns[8], FW_ISSUE_DUPLICATE));
  g_assert_cmpint (profile->columns[8].duplicate_of, ==, 3);
  last = g_ptr_array_index (recipe->steps, recipe->steps->len - 1);
  g_assert_cmpint (last->kind, ==, FW_STEP_DROP_COLUMN);
  g_assert_cmpstr (last->column, ==, "income");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/recipe/defaults", test_defaults);
  g_test_add_func ("/engine/recipe/step-names", test_step_names);
  g_test_add_func ("/engine/recipe/round-trip", test_round_trip);
  g_test_add_func ("/engine/recipe/minimal", test_minimal);
  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/engine/recipe/invalid/%u-%s", i,
                                               invalid_cases[i].field);

      g_test_add_data_func (path, &invalid_cases[i], test_invalid);
    }
  g_test_add_func ("/engine/recipe/boundaries", test_boundaries);
  g_test_add_func ("/engine/recipe/not-object", test_not_object);
  g_test_add_func ("/engine/recipe/newer", test_newer);
  g_test_add_func ("/engine/recipe/validate-in-code", test_validate_in_code);
  g_test_add_func ("/engine/recipe/save-load", test_save_load);
  g_test_add_func ("/engine/recipe/suggested", test_suggested);
  g_test_add_func ("/engine/recipe/suggested-no-target", test_suggested_no_target);
  return g_test_run ();
}
