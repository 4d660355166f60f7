/* test-dataset.c — recipes applied to tables: target, task, classes, split, no leakage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-dataset-test.h"
#include "fw-preprocessor.h"

static void
test_hand_computed (void)
{
  g_autoptr(FwTable) table = import ("age,sex,smoker,score,y\n"
                                     "20,female,yes,1,0\n"
                                     "30,male,no,2,1\n"
                                     "40,female,,3,0\n"
                                     ",male,yes,4,1\n");
  g_autoptr(FwRecipe) recipe = recipe_for ("y");
  g_autoptr(FwDataset) dataset = NULL;
  static const char *const names[] = {
    "age", "sex=female", "sex=male", "sex=other", "smoker=no", "smoker=yes", "smoker=other",
    "score", NULL
  };
  /* age: mean 30 fills the gap; population std of 20, 30, 40, 30 is √50, so ±10/√50 = ±√2.
   * smoker: its gap takes the mode, yes.  score: (x − 1) / 3. */
  const double s = sqrt (2.0), third = 1.0 / 3.0;
  const double expected[4][8] = {
    { -s, 1, 0, 0, 0, 1, 0, 0 },
    { 0, 0, 1, 0, 1, 0, 0, third },
    { s, 1, 0, 0, 0, 1, 0, 2 * third },
    { 0, 0, 1, 0, 0, 1, 0, 1 },
  };
  const FwDataPart *train;

  add (recipe, FW_STEP_IMPUTE_MEAN, "age");
  add (recipe, FW_STEP_STANDARDIZE, "age");
  add (recipe, FW_STEP_ONE_HOT, "sex");
  add (recipe, FW_STEP_MIN_MAX, "score");
  recipe->split = (FwSplitSpec) { 1.0, 0.0, 0.0, TRUE };
  dataset = prepare_ok (table, recipe);

  g_assert_cmpint (dataset->task, ==, FW_TASK_BINARY);
  g_assert_cmpuint (dataset->n_classes, ==, 2);
  g_assert_cmpstr (dataset->class_names[0], ==, "0");
  g_assert_cmpstr (dataset->class_names[1], ==, "1");
  g_assert_null (dataset->class_names[2]);
  g_assert_cmpuint (dataset->positive, ==, 1);
  g_assert_cmpuint (dataset->n_features, ==, 8);
  g_assert_cmpstrv (dataset->feature_names, names);
  train = &dataset->parts[FW_PART_TRAIN];
  g_assert_cmpuint (train->n, ==, 4);
  g_assert_cmpuint (dataset->parts[FW_PART_VALIDATION].n, ==, 0);
  g_assert_cmpuint (dataset->parts[FW_PART_TEST].n, ==, 0);
  g_assert_null (train->values);
  g_assert_null (train->weights);
  for (guint r = 0; r < 4; r++)
    {
      g_assert_cmpuint (train->source_rows[r], ==, r);
      g_assert_cmpuint (train->labels[r], ==, r % 2);
      for (guint f = 0; f < 8; f++)
        g_assert_cmpfloat_with_epsilon (train->x[r * 8 + f], expected[r][f], 1e-6);
    }
}

/* Builders for tables made in code, with the kinds set by hand. */
static FwColumn *
column_f64 (const char   *name,
            FwKind        kind,
            const double *values,
            gsize         n)
{
  FwColumn *column = fw_column_new_float64 (name, g_memdup2 (values, n * sizeof (double)), n);

  column->kind = kind;
  column->n_missing = 0;
  for (gsize i = 0; i < n; i++)
    column->n_missing += isnan (values[i]);
  return column;
}

/* NULL entries are missing cells. */
static FwColumn *
column_strings (const char        *name,
                FwKind             kind,
                const char *const *values,
                gsize              n)
{
  FwDictionary *dict = fw_dictionary_new ();
  guint32 *codes = g_new (guint32, MAX (n, 1));
  FwColumn *column;

  for (gsize i = 0; i < n; i++)
    codes[i] = values[i] != NULL ? fw_dictionary_intern (dict, values[i], strlen (values[i]))
                                 : FW_CODE_MISSING;
  column = fw_column_new_codes (name, codes, n, dict);
  column->kind = kind;
  for (gsize i = 0; i < n; i++)
    column->n_missing += values[i] == NULL;
  return column;
}

#define LEAK_ROWS 400

/* @poison: rows that get extreme values and a category seen nowhere else. */
static FwTable *
leak_table (const gboolean *poison)
{
  FwTable *table = fw_table_new ();
  double x[LEAK_ROWS], z[LEAK_ROWS], w[LEAK_ROWS];
  const char *c[LEAK_ROWS], *y[LEAK_ROWS];
  static const char *const cats[] = { "a", "b", "c" };

  for (guint i = 0; i < LEAK_ROWS; i++)
    {
      gboolean bad = poison != NULL && poison[i];

      x[i] = bad ? 1e6 : (double) (i % 50);
      z[i] = bad ? -1e6 : (double) ((i * 7) % 31) - 15.0;
      w[i] = i % 5 == 0 ? NAN : bad ? 1e6 : (double) (i % 13);
      c[i] = bad ? "leak" : cats[i % 3];
      y[i] = i % 4 == 0 ? "yes" : "no";
    }
  fw_table_take_column (table, column_f64 ("x", FW_KIND_NUMERIC, x, LEAK_ROWS));
  fw_table_take_column (table, column_f64 ("z", FW_KIND_NUMERIC, z, LEAK_ROWS));
  fw_table_take_column (table, column_f64 ("w", FW_KIND_NUMERIC, w, LEAK_ROWS));
  fw_table_take_column (table, column_strings ("c", FW_KIND_CATEGORICAL, c, LEAK_ROWS));
  fw_table_take_column (table, column_strings ("y", FW_KIND_BOOLEAN, y, LEAK_ROWS));
  return table;
}

static FwRecipe *
leak_recipe (void)
{
  FwRecipe *recipe = recipe_for ("y");

  add (recipe, FW_STEP_STANDARDIZE, "x");
  add (recipe, FW_STEP_CLIP_OUTLIERS, "z");
  add (recipe, FW_STEP_MIN_MAX, "z");
  add (recipe, FW_STEP_IMPUTE_MEAN, "w");
  add (recipe, FW_STEP_STANDARDIZE, "w");
  add (recipe, FW_STEP_ONE_HOT, "c");
  recipe->seed = 3;
  return recipe;
}

/* The scale op of the input for @column, read from the saved statistics. */
static void
saved_scale (const FwPreprocessor *pre,
             const char           *column,
             double               *offset,
             double               *factor)
{
  g_autoptr(JsonNode) node = fw_preprocessor_to_json (pre);
  JsonArray *inputs = json_object_get_array_member (json_node_get_object (node), "inputs");

  for (guint i = 0; i < json_array_get_length (inputs); i++)
    {
      JsonObject *input = json_array_get_object_element (inputs, i);
      JsonArray *ops = json_object_get_array_member (input, "ops");

      if (strcmp (json_object_get_string_member (input, "column"), column) != 0)
        continue;
      for (guint k = 0; k < json_array_get_length (ops); k++)
        {
          JsonObject *op = json_array_get_object_element (ops, k);

          if (strcmp (json_object_get_string_member (op, "op"), "scale") == 0)
            {
              *offset = json_object_get_double_member (op, "offset");
              *factor = json_object_get_double_member (op, "factor");
              return;
            }
        }
    }
  g_assert_not_reached ();
}

/* NO LEAKAGE.  The split depends on the labels and the seed only, so poisoning every
 * validation and test row — huge numbers, an unseen category — must change nothing that
 * was fitted: the training matrix stays bit for bit the same, and the fitted mean and
 * scale equal those of the training rows, computed here from the table. */
static void
test_no_leakage (void)
{
  g_autoptr(FwTable) clean = leak_table (NULL);
  g_autoptr(FwRecipe) recipe = leak_recipe ();
  g_autoptr(FwDataset) a = prepare_ok (clean, recipe);
  g_autoptr(FwTable) poisoned = NULL;
  g_autoptr(FwDataset) b = NULL;
  gboolean poison[LEAK_ROWS] = { FALSE };
  const FwDataPart *train;
  double sum = 0.0, squares = 0.0, mean, std, offset, factor, w_sum = 0.0, w_mean, w_std;
  gsize w_n = 0;
  int fx, fw_, other;

  for (guint p = FW_PART_VALIDATION; p <= FW_PART_TEST; p++)
    {
      g_assert_cmpuint (a->parts[p].n, >, 0);
      for (gsize i = 0; i < a->parts[p].n; i++)
        poison[a->parts[p].source_rows[i]] = TRUE;
    }
  poisoned = leak_table (poison);
  b = prepare_ok (poisoned, recipe);

  g_assert_cmpuint (a->n_features, ==, b->n_features);
  g_assert_cmpstrv (a->feature_names, b->feature_names);
  g_assert_cmpint (feature_index (b, "c=leak"), ==, -1);
  for (guint p = 0; p < FW_N_PARTS; p++)
    g_assert_cmpmem (a->parts[p].source_rows, a->parts[p].n * sizeof (gsize),
                     b->parts[p].source_rows, b->parts[p].n * sizeof (gsize));
  train = &b->parts[FW_PART_TRAIN];
  g_assert_cmpmem (a->parts[FW_PART_TRAIN].x, train->n * a->n_features * sizeof (float),
                   train->x, train->n * b->n_features * sizeof (float));

  /* Mean and population deviation of x over the training rows, from the table itself. */
  for (gsize i = 0; i < train->n; i++)
    {
      double v = (double) (train->source_rows[i] % 50);

      g_assert_false (poison[train->source_rows[i]]);
      sum += v;
      if (train->source_rows[i] % 5 != 0)
        {
          w_sum += (double) (train->source_rows[i] % 13);
          w_n++;
        }
    }
  mean = sum / (double) train->n;
  for (gsize i = 0; i < train->n; i++)
    squares += pow ((double) (train->source_rows[i] % 50) - mean, 2);
  std = sqrt (squares / (double) train->n);
  saved_scale (b->preprocessor, "x", &offset, &factor);
  g_assert_cmpfloat_with_epsilon (offset, mean, 1e-9);
  g_assert_cmpfloat_with_epsilon (1.0 / factor, std, 1e-9);

  fx = feature_index (b, "x");
  fw_ = feature_index (b, "w");
  other = feature_index (b, "c=other");
  g_assert_cmpint (fx, >=, 0);
  for (gsize i = 0; i < train->n; i++)
    g_assert_cmpfloat_with_epsilon (train->x[i * b->n_features + fx],
                                    ((double) (train->source_rows[i] % 50) - mean) / std, 1e-5);
  /* w: gaps filled with the training mean, then standardised over the filled values. */
  w_mean = w_sum / (double) w_n;
  squares = 0.0;
  for (gsize i = 0; i < train->n; i++)
    {
      gsize row = train->source_rows[i];

      squares += row % 5 == 0 ? 0.0 : pow ((double) (row % 13) - w_mean, 2);
    }
  w_std = sqrt (squares / (double) train->n);
  for (gsize i = 0; i < train->n; i++)
    {
      gsize row = train->source_rows[i];
      double filled = row % 5 == 0 ? w_mean : (double) (row % 13);

      g_assert_cmpfloat_with_epsilon (train->x[i * b->n_features + fw_],
                                      (filled - w_mean) / w_std, 1e-5);
    }
  /* A gap in a poisoned test row takes the training mean, which standardises to 0. */
  for (gsize i = 0; i < b->parts[FW_PART_TEST].n; i++)
    {
      gsize row = b->parts[FW_PART_TEST].source_rows[i];
      const float *x = b->parts[FW_PART_TEST].x + i * b->n_features;

      /* The poisoned rows are transformed with the training statistics, not fitted on. */
      g_assert_cmpfloat_with_epsilon (x[fx], (1e6 - mean) / std, 1e-2);
      g_assert_cmpfloat (x[other], ==, 1.0f);
      if (row % 5 == 0)
        g_assert_cmpfloat_with_epsilon (x[fw_], 0.0, 1e-5);
    }
  assert_dataset_finite (b);
}

typedef struct
{
  const char *csv;
  const char *positive;         /* recipe->positive, or NULL */
  const char *expected;         /* the positive class, or NULL: an error */
} PositiveCase;

static const PositiveCase positive_cases[] = {
  { "f,y\n1,no\n2,no\n3,no\n4,yes\n", NULL, "yes" },
  { "f,y\n1,yes\n2,yes\n3,yes\n4,no\n", NULL, "yes" },              /* yes, though common */
  { "f,y\n1,0\n2,1\n3,1\n4,1\n", NULL, "1" },
  { "f,y\n1,False\n2,True\n3,True\n4,False\n", NULL, "True" },
  { "f,y\n1,NO\n2,YES\n3,YES\n4,YES\n", NULL, "YES" },
  { "f,y\n1,<=50K\n2,<=50K\n3,>50K\n4,<=50K\n", NULL, ">50K" },     /* the rarer */
  { "f,y\n1,>50K\n2,>50K\n3,<=50K\n4,>50K\n", NULL, "<=50K" },
  { "f,y\n1,b\n2,a\n3,b\n4,b\n", NULL, "a" },
  { "f,y\n1,b\n2,a\n3,b\n4,a\n", NULL, "b" },                       /* a tie: the second */
  { "f,y\n1,2\n2,5\n3,5\n4,5\n", NULL, "2" },
  { "f,y\n1,b\n2,a\n3,b\n4,b\n", "b", "b" },
  { "f,y\n1,0\n2,1\n3,1\n4,1\n", "1.0", "1" },
  { "f,y\n1,0\n2,1\n3,1\n4,1\n", "0", "0" },
  { "f,y\n1,b\n2,a\n3,b\n4,b\n", "maybe", NULL },
  { "f,y\n1,0\n2,1\n3,1\n4,1\n", "2", NULL },
};

static void
test_positive (gconstpointer data)
{
  const PositiveCase *c = data;
  g_autoptr(FwTable) table = import (c->csv);
  g_autoptr(FwRecipe) recipe = recipe_for ("y");
  g_autoptr(FwDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;

  recipe->positive = g_strdup (c->positive);
  dataset = fw_dataset_prepare (table, recipe, NULL, &error);
  if (c->expected == NULL)
    {
      g_autoptr(FwDataset) none = g_steal_pointer (&dataset);

      g_assert_null (none);
      g_assert_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID);
      /* The message names the classes there are. */
      g_assert_nonnull (strstr (error->message, c->positive));
      g_assert_nonnull (strstr (error->message, strstr (c->csv, ",b") ? "“a”, “b”"
                                                                      : "“0”, “1”"));
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpint (dataset->task, ==, FW_TASK_BINARY);
  g_assert_cmpstr (dataset->class_names[dataset->positive], ==, c->expected);
}

static void
test_class_order (void)
{
  g_autoptr(FwTable) numbers = import ("f,y\n1,10\n2,9\n3,100\n4,9\n5,10\n6,100\n7,9.5\n");
  g_autoptr(FwTable) words = import ("f,y\n1,b\n2,a\n3,C\n4,b\n5,a\n6,C\n");
  g_autoptr(FwRecipe) recipe = recipe_for ("y");
  g_autoptr(FwDataset) n = NULL;
  g_autoptr(FwDataset) w = NULL;
  static const char *const by_value[] = { "9", "9.5", "10", "100", NULL };
  static const char *const by_bytes[] = { "C", "a", "b", NULL };

  /* 9.5 is not whole: only an explicit task makes these numbers classes. */
  recipe->task = FW_TASK_MULTICLASS;
  recipe->split = (FwSplitSpec) { 1.0, 0.0, 0.0, FALSE };
  n = prepare_ok (numbers, recipe);
  g_assert_cmpstrv (n->class_names, by_value);
  /* Row 3 holds 100: class 3. */
  g_assert_cmpuint (n->parts[FW_PART_TRAIN].labels[2], ==, 3);
  g_assert_cmpuint (n->parts[FW_PART_TRAIN].labels[6], ==, 1);
  recipe->task = FW_TASK_AUTO;
  w = prepare_ok (words, recipe);
  g_assert_cmpint (w->task, ==, FW_TASK_MULTICLASS);
  g_assert_cmpstrv (w->class_names, by_bytes);
  g_assert_cmpuint (w->parts[FW_PART_TRAIN].labels[0], ==, 2);
}

static void
test_task (void)
{
  GString *floats = g_string_new ("f,y\n"), *ints = g_string_new ("f,y\n");
  g_autoptr(FwTable) reals = NULL;
  g_autoptr(FwTable) many = NULL;
  g_autoptr(FwTable) three = import ("f,y\n1,1\n2,2\n3,3\n4,1\n5,2\n6,3\n");
  g_autoptr(FwTable) words = import ("f,y\n1,b\n2,a\n3,c\n4,b\n5,a\n6,c\n");
  g_autoptr(FwTable) two = import ("f,y\n1,0\n2,1\n3,0\n4,1\n");
  g_autoptr(FwTable) one = import ("f,y\n1,k\n2,k\n3,k\n");
  g_autoptr(FwRecipe) recipe = recipe_for ("y");
  g_autoptr(FwDataset) d = NULL;

  for (guint i = 0; i < 40; i++)
    {
      g_string_append_printf (floats, "%u,%u.5\n", i % 7, i);
      g_string_append_printf (ints, "%u,%u\n", i % 7, i % 25);
    }
  reals = import (floats->str);
  many = import (ints->str);
  g_string_free (floats, TRUE);
  g_string_free (ints, TRUE);

  d = prepare_ok (reals, recipe);
  g_assert_cmpint (d->task, ==, FW_TASK_REGRESSION);
  g_assert_cmpuint (d->n_classes, ==, 0);
  g_assert_null (d->class_names);
  g_assert_null (d->parts[FW_PART_TRAIN].labels);
  g_assert_nonnull (d->parts[FW_PART_TRAIN].values);
  for (gsize i = 0; i < d->parts[FW_PART_TRAIN].n; i++)
    g_assert_cmpfloat (d->parts[FW_PART_TRAIN].values[i], ==,
                       (float) d->parts[FW_PART_TRAIN].source_rows[i] + 0.5f);
  g_clear_pointer (&d, fw_dataset_free);

  d = prepare_ok (many, recipe);        /* 25 whole values: past 20, a quantity */
  g_assert_cmpint (d->task, ==, FW_TASK_REGRESSION);
  g_clear_pointer (&d, fw_dataset_free);
  d = prepare_ok (three, recipe);
  g_assert_cmpint (d->task, ==, FW_TASK_MULTICLASS);
  g_assert_cmpuint (d->n_classes, ==, 3);
  g_clear_pointer (&d, fw_dataset_free);
  d = prepare_ok (words, recipe);
  g_assert_cmpint (d->task, ==, FW_TASK_MULTICLASS);
  g_clear_pointer (&d, fw_dataset_free);

  recipe->task = FW_TASK_MULTICLASS;
  d = prepare_ok (two, recipe);
  g_assert_cmpint (d->task, ==, FW_TASK_MULTICLASS);
  g_assert_cmpuint (d->n_classes, ==, 2);
  g_clear_pointer (&d, fw_dataset_free);

  recipe->task = FW_TASK_BINARY;
  assert_prepare_fails (three, recipe, FW_RECIPE_ERROR_TARGET, "exactly 2");
  recipe->task = FW_TASK_REGRESSION;
  recipe->model.kind = FW_MODEL_LINEAR;
  assert_prepare_fails (words, recipe, FW_RECIPE_ERROR_TARGET, "“y”");
  recipe->task = FW_TASK_AUTO;
  assert_prepare_fails (one, recipe, FW_RECIPE_ERROR_TARGET, "only one value");
}

static void
test_target_errors (void)
{
  GString *ids = g_string_new ("f,y\n");
  g_autoptr(FwTable) table = import ("f,y,e\n1,a,\n2,b,\n3,a,\n");
  g_autoptr(FwTable) id_table = NULL;
  g_autoptr(FwRecipe) recipe = fw_recipe_new ();

  for (guint i = 0; i < 20; i++)
    g_string_append_printf (ids, "%u,C-%04u\n", i % 3, i * 7);
  id_table = import (ids->str);
  g_string_free (ids, TRUE);

  assert_prepare_fails (table, recipe, FW_RECIPE_ERROR_TARGET, NULL);
  recipe->target = g_strdup ("income");
  assert_prepare_fails (table, recipe, FW_RECIPE_ERROR_TARGET, "“income”");
  g_free (recipe->target);
  recipe->target = g_strdup ("e");
  assert_prepare_fails (table, recipe, FW_RECIPE_ERROR_TARGET, "“e”");
  g_free (recipe->target);
  recipe->target = g_strdup ("y");
  assert_prepare_fails (id_table, recipe, FW_RECIPE_ERROR_TARGET, "ID");
}

/* Whether being predicted the positive class is good for the person: guessed from the
 * target's name, or the recipe's answer, which must name a class. */
static void
test_favourable (void)
{
  g_autoptr(FwTable) table = import ("f,two_year_recid\n1,0\n2,1\n3,0\n1,1\n2,0\n3,1\n1,0\n"
                                     "2,1\n3,0\n1,1\n");
  g_autoptr(FwRecipe) recipe = recipe_for ("two_year_recid");
  g_autoptr(FwDataset) guessed = prepare_ok (table, recipe);
  g_autoptr(FwDataset) named = NULL;

  /* "1" of a re-arrest is harmful: "0" is the good class. */
  g_assert_cmpstr (guessed->class_names[guessed->positive], ==, "1");
  g_assert_true (guessed->positive_is_harmful);
  g_assert_cmpstr (guessed->class_names[guessed->favourable], ==, "0");
  g_assert_cmpuint (guessed->min_group_rows, ==, 30);

  recipe->favourable = g_strdup ("1");
  recipe->min_group_rows = 5;
  named = prepare_ok (table, recipe);
  g_assert_false (named->positive_is_harmful);
  g_assert_cmpint (named->favourable, ==, (int) named->positive);
  g_assert_cmpuint (named->min_group_rows, ==, 5);

  g_free (recipe->favourable);
  recipe->favourable = g_strdup ("maybe");
  assert_prepare_fails (table, recipe, FW_RECIPE_ERROR_INVALID, "“maybe”");
}

static void
test_missing_target (void)
{
  g_autoptr(FwTable) table = import ("f,y\n1,a\n2,\n3,b\n1,a\n2,\n3,b\n1,a\n2,NA\n3,b\n1,a\n");
  g_autoptr(FwRecipe) recipe = recipe_for ("y");
  g_autoptr(FwDataset) dataset = prepare_ok (table, recipe);
  gsize total = 0;

  for (guint p = 0; p < FW_N_PARTS; p++)
    for (gsize i = 0; i < dataset->parts[p].n; i++, total++)
      {
        gsize row = dataset->parts[p].source_rows[i];

        g_assert_true (row != 1 && row != 4 && row != 7);
      }
  g_assert_cmpuint (total, ==, 7);
}

static void
test_drop_missing_rows (void)
{
  g_autoptr(FwTable) table = import (mixed_csv);
  g_autoptr(FwRecipe) recipe = mixed_recipe ();
  g_autoptr(FwRecipe) imputed_first = mixed_recipe ();
  g_autoptr(FwDataset) dataset = NULL;
  g_autoptr(FwDataset) kept = NULL;
  const FwColumn *income = fw_table_column_by_name (table, "income");
  gsize total = 0, missing_outside = 0;

  /* All rows in training: the three without income go. */
  recipe->split = (FwSplitSpec) { 1.0, 0.0, 0.0, FALSE };
  dataset = prepare_ok (table, recipe);
  g_assert_cmpuint (dataset->parts[FW_PART_TRAIN].n, ==, 17);
  for (gsize i = 0; i < dataset->parts[FW_PART_TRAIN].n; i++)
    g_assert_false (fw_column_is_missing (income, dataset->parts[FW_PART_TRAIN].source_rows[i]));

  /* An imputation before the drop leaves nothing missing to drop. */
  imputed_first->split = recipe->split;
  g_ptr_array_insert (imputed_first->steps, 0, g_ptr_array_steal_index (imputed_first->steps, 3));
  {
    FwStep *step = g_ptr_array_index (imputed_first->steps, 0);

    g_free (step->column);
    step->column = g_strdup ("income");
  }
  kept = prepare_ok (table, imputed_first);
  g_assert_cmpuint (kept->parts[FW_PART_TRAIN].n, ==, 20);

  /* Over many seeds, rows without income do show up, imputed, in validation and test. */
  for (guint64 seed = 0; seed < 20; seed++)
    {
      g_autoptr(FwRecipe) r = mixed_recipe ();
      g_autoptr(FwDataset) d = NULL;

      r->seed = seed;
      d = prepare_ok (table, r);
      assert_dataset_finite (d);
      for (guint p = FW_PART_VALIDATION; p <= FW_PART_TEST; p++)
        for (gsize i = 0; i < d->parts[p].n; i++)
          missing_outside += fw_column_is_missing (income, d->parts[p].source_rows[i]);
      total += d->parts[FW_PART_TRAIN].n;
    }
  g_assert_cmpuint (missing_outside, >, 0);
  g_assert_cmpuint (total, <, 20 * 10);
}

static void
test_sensitive (void)
{
  g_autoptr(FwTable) table = import (mixed_csv);
  g_autoptr(FwRecipe) recipe = mixed_recipe ();
  g_autoptr(FwDataset) without = NULL;
  g_autoptr(FwDataset) with = NULL;

  g_ptr_array_add (recipe->sensitive, g_strdup ("sex"));
  without = prepare_ok (table, recipe);
  for (guint f = 0; f < without->n_features; f++)
    g_assert_false (g_str_has_prefix (without->feature_names[f], "sex"));
  recipe->sensitive_as_features = TRUE;
  with = prepare_ok (table, recipe);
  g_assert_cmpint (feature_index (with, "sex=female"), >=, 0);
  g_ptr_array_add (recipe->sensitive, g_strdup ("race"));
  assert_prepare_fails (table, recipe, FW_RECIPE_ERROR_COLUMN, "“race”");
}

static const char kinds_csv[] =
  "id,note,day,score,y\n"
  "1,Came in on a rainy Monday with all the papers,2024-01-01,3,a\n"
  "2,Second visit after the letter about the terms,2024-01-02,5,b\n"
  "3,Asked for a longer term and a lower payment,2024-01-01,4,a\n"
  "4,Brought every document the bank had asked for,2024-01-02,6,b\n"
  "5,Wants to buy a small flat near the old harbour,2024-01-01,2,a\n"
  "6,Works two jobs and saves a part of each pay,2024-01-02,7,b\n"
  "7,Retired teacher with a pension and no debts,2024-01-01,3,a\n"
  "8,Runs a bakery that opened three years ago,2024-01-02,5,b\n"
  "9,Student who moved here for the university,2024-01-01,1,a\n"
  "10,Nurse at the hospital on the east side,2024-01-02,8,b\n";

static void
test_auto_drop (void)
{
  g_autoptr(FwTable) table = import (kinds_csv);
  g_autoptr(FwRecipe) recipe = recipe_for ("y");
  g_autoptr(FwDataset) plain = NULL;
  g_autoptr(FwDataset) dates = NULL;
  static const char *const only_score[] = { "score", NULL };

  g_assert_cmpint (fw_table_column_by_name (table, "id")->kind, ==, FW_KIND_IDENTIFIER);
  g_assert_cmpint (fw_table_column_by_name (table, "note")->kind, ==, FW_KIND_TEXT);
  g_assert_cmpint (fw_table_column_by_name (table, "day")->kind, ==, FW_KIND_DATETIME);
  plain = prepare_ok (table, recipe);
  g_assert_cmpstrv (plain->feature_names, only_score);

  /* Asking for the dates by a step keeps them. */
  add (recipe, FW_STEP_ONE_HOT, "day");
  recipe->split = (FwSplitSpec) { 1.0, 0.0, 0.0, TRUE };
  dates = prepare_ok (table, recipe);
  g_assert_cmpint (feature_index (dates, "day=2024-01-01"), >=, 0);
  g_assert_cmpint (feature_index (dates, "day=other"), >=, 0);

  /* Dropping the only feature leaves nothing to learn from. */
  add (recipe, FW_STEP_DROP_COLUMN, "score");
  add (recipe, FW_STEP_DROP_COLUMN, "day");
  assert_prepare_fails (table, recipe, FW_RECIPE_ERROR_INVALID, NULL);
}

static void
test_step_errors (void)
{
  g_autoptr(FwTable) table = import (mixed_csv);
  struct { FwStepKind kind; const char *column; const char *constant; FwRecipeError code;
           const char *fragment; } cases[] = {
    { FW_STEP_STANDARDIZE, "city", NULL, FW_RECIPE_ERROR_INVALID, "“city”" },
    { FW_STEP_IMPUTE_MEAN, "sex", NULL, FW_RECIPE_ERROR_INVALID, "“sex”" },
    { FW_STEP_ONE_HOT, "colour", NULL, FW_RECIPE_ERROR_COLUMN, "“colour”" },
    { FW_STEP_STANDARDIZE, "y", NULL, FW_RECIPE_ERROR_INVALID, "“y”" },
    { FW_STEP_DROP_COLUMN, "y", NULL, FW_RECIPE_ERROR_INVALID, "“y”" },
    { FW_STEP_IMPUTE_CONSTANT, "age", "old", FW_RECIPE_ERROR_INVALID, "“old”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FwRecipe) recipe = recipe_for ("y");

      fw_recipe_add_step (recipe, cases[i].kind, g_strdup (cases[i].column),
                          g_strdup (cases[i].constant));
      assert_prepare_fails (table, recipe, cases[i].code, cases[i].fragment);
    }
  {
    g_autoptr(FwRecipe) recipe = recipe_for ("y");

    /* Dropping rows with no target is harmless; an invalid recipe is refused. */
    add (recipe, FW_STEP_DROP_MISSING_ROWS, "y");
    g_autoptr(FwDataset) fine = prepare_ok (table, recipe);
    recipe->model.epochs = 0;
    assert_prepare_fails (table, recipe, FW_RECIPE_ERROR_INVALID, "model.epochs");
  }
}

/* Far-out fences from the training quartiles (numpy's linear rule), and the mode. */
static void
test_stratified (void)
{
  GString *csv = g_string_new ("f,y\n");
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwRecipe) recipe = recipe_for ("y");
  g_autoptr(FwDataset) dataset = NULL;
  const double share[3] = { 0.7, 0.15, 0.15 };
  const gsize totals[3] = { 880, 100, 20 };

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (csv, "%u,%s\n", i % 7, i % 50 == 0 ? "rare" : i % 10 == 1 ? "mid"
                                                                                : "common");
  table = import (csv->str);
  g_string_free (csv, TRUE);
  dataset = prepare_ok (table, recipe);
  /* Classes sorted: common, mid, rare. */
  for (guint p = 0; p < FW_N_PARTS; p++)
    {
      gsize count[3] = { 0 };

      for (gsize i = 0; i < dataset->parts[p].n; i++)
        count[dataset->parts[p].labels[i]]++;
      for (guint c = 0; c < 3; c++)
        g_assert_cmpfloat (fabs ((double) count[c] - (double) totals[c] * share[p]), <=, 1.0);
    }
}

static void
test_cancel (void)
{
  g_autoptr(FwTable) table = import (mixed_csv);
  g_autoptr(FwRecipe) recipe = mixed_recipe ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FwDataset) dataset = NULL;

  g_cancellable_cancel (cancellable);
  dataset = fw_dataset_prepare (table, recipe, cancellable, &error);
  g_assert_null (dataset);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The real thing: the suggested cleaning of the Adult census table. */
static void
test_adult (void)
{
  const char *dir = g_getenv ("FAIRWAY_SHARED_DATASETS");
  g_autofree char *path = g_build_filename (dir != NULL ? dir : ".", "adult.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwRecipe) recipe = NULL;
  g_autoptr(FwDataset) dataset = NULL;
  gsize total = 0;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("adult.csv is not at hand");
      return;
    }
  table = fw_csv_import_file (file, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  recipe = fw_recipe_new_suggested (table, NULL, "income-per-year", &error);
  g_assert_no_error (error);
  g_ptr_array_add (recipe->sensitive, g_strdup ("sex"));
  g_ptr_array_add (recipe->sensitive, g_strdup ("race"));
  dataset = prepare_ok (table, recipe);
  g_assert_cmpint (dataset->task, ==, FW_TASK_BINARY);
  g_assert_cmpstr (dataset->class_names[dataset->positive], ==, ">50K");
  g_assert_cmpint (feature_index (dataset, "sex=Male"), ==, -1);
  g_assert_cmpint (feature_index (dataset, "age"), >=, 0);
  /* "education-num" numbers "education" one to one: the copy is dropped. */
  g_assert_cmpint (feature_index (dataset, "education-num"), ==, -1);
  g_assert_cmpint (feature_index (dataset, "education=Bachelors"), >=, 0);
  for (guint p = 0; p < FW_N_PARTS; p++)
    total += dataset->parts[p].n;
  g_assert_cmpuint (total, ==, fw_table_n_rows (table));
  g_assert_cmpuint (dataset->parts[FW_PART_TRAIN].n, ==, (gsize) round (0.7 * (double) total));
  assert_dataset_finite (dataset);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/dataset/hand-computed", test_hand_computed);
  g_test_add_func ("/engine/dataset/no-leakage", test_no_leakage);
  for (guint i = 0; i < G_N_ELEMENTS (positive_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/engine/dataset/positive/%u", i);

      g_test_add_data_func (path, &positive_cases[i], test_positive);
    }
  g_test_add_func ("/engine/dataset/class-order", test_class_order);
  g_test_add_func ("/engine/dataset/task", test_task);
  g_test_add_func ("/engine/dataset/target-errors", test_target_errors);
  g_test_add_func ("/engine/dataset/favourable", test_favourable);
  g_test_add_func ("/engine/dataset/missing-target", test_missing_target);
  g_test_add_func ("/engine/dataset/drop-missing-rows", test_drop_missing_rows);
  g_test_add_func ("/engine/dataset/sensitive", test_sensitive);
  g_test_add_func ("/engine/dataset/auto-drop", test_auto_drop);
  g_test_add_func ("/engine/dataset/step-errors", test_step_errors);
  g_test_add_func ("/engine/dataset/stratified", test_stratified);
  g_test_add_func ("/engine/dataset/cancel", test_cancel);
  g_test_add_func ("/engine/dataset/adult", test_adult);
  return g_test_run ();
}
