/* test-importance.c — permutation importance and coefficients on data built so that the
 * answer is known: a label only one column decides, a one-hot group that stays valid only
 * when shuffled as a whole, weights set by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include "fw-dataset-test.h"
#include "fw-importance.h"
#include "fw-random.h"

#define N_ROWS 600

/* A dataset built by hand: the test part only, no preprocessor. */
typedef struct
{
  FwDataset  dataset;
  float     *x;
  guint32   *labels;
  float     *values;
} Synthetic;

static void
synthetic_init (Synthetic         *s,
                FwTask             task,
                const char *const *names,
                guint              positive)
{
  static char *class_names[] = { (char *) "no", (char *) "yes", (char *) "maybe", NULL };
  guint F = g_strv_length ((char **) names);

  memset (s, 0, sizeof *s);
  s->x = g_new0 (float, N_ROWS * F);
  s->labels = g_new0 (guint32, N_ROWS);
  s->values = g_new0 (float, N_ROWS);
  s->dataset.task = task;
  s->dataset.n_classes = task == FW_TASK_BINARY ? 2 : task == FW_TASK_MULTICLASS ? 3 : 0;
  s->dataset.class_names = task == FW_TASK_REGRESSION ? NULL : class_names;
  s->dataset.positive = positive;
  s->dataset.n_features = F;
  s->dataset.feature_names = (char **) names;
  s->dataset.parts[FW_PART_TEST] = (FwDataPart) {
    .n = N_ROWS, .x = s->x,
    .labels = task == FW_TASK_REGRESSION ? NULL : s->labels,
    .values = task == FW_TASK_REGRESSION ? s->values : NULL,
  };
}

static void
synthetic_clear (Synthetic *s)
{
  g_free (s->x);
  g_free (s->labels);
  g_free (s->values);
}

/* "signal" uniform in [-1, 1] decides the label (signal > 0); "noise" and a one-hot
 * "colour" are drawn independently of it. */
static const char *const signal_names[] = {
  "signal", "noise", "colour=red", "colour=green", "colour=other", NULL
};

static void
fill_signal (Synthetic *s)
{
  FwRng rng;

  fw_rng_init (&rng, 7);
  for (gsize r = 0; r < N_ROWS; r++)
    {
      float *x = s->x + r * 5;

      x[0] = (float) (2.0 * fw_rng_uniform (&rng) - 1.0);
      x[1] = (float) (2.0 * fw_rng_uniform (&rng) - 1.0);
      x[2 + fw_rng_below (&rng, 3)] = 1.0f;
      s->labels[r] = x[0] > 0.0f;
      s->values[r] = 2.0f * x[0] + 1.0f;
    }
}

static FwModel *
model_new (FwModelKind kind,
           FwTask      task,
           guint       n_features,
           guint       n_outputs,
           guint       n_hidden)
{
  g_autoptr(GError) error = NULL;
  FwModelSpec spec = {
    .kind = kind, .hidden = { 4 }, .n_hidden = n_hidden, .epochs = 40, .batch_size = 32,
    .learning_rate = 0.05, .optimizer = FW_OPTIMIZER_ADAM, .momentum = 0.9,
    .device = (char *) "cpu",
  };
  FwModel *model = fw_model_new (&spec, task, n_features, n_outputs, 1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static void
array_free (gpointer data)
{
  FwModelArray *array = data;

  g_free (array->name);
  g_free (array->data);
  g_free (array);
}

static void
add_array (FwModelFile *file,
           const char  *name,
           const float *data,
           gsize        n)
{
  FwModelArray *array = g_new (FwModelArray, 1);

  *array = (FwModelArray) { g_strdup (name), g_memdup2 (data, n * sizeof (float)), n };
  g_ptr_array_add (file->arrays, array);
}

/* Sets a one-layer model's weights (n_in × n_out, row-major) and biases. */
static void
set_weights (FwModel     *model,
             const float *weight,
             const float *bias)
{
  g_autoptr(FwModelFile) file = g_new0 (FwModelFile, 1);
  g_autoptr(GError) error = NULL;
  guint n_in = fw_model_n_features (model), n_out = fw_model_n_outputs (model);

  file->header = json_object_new ();
  file->arrays = g_ptr_array_new_with_free_func (array_free);
  add_array (file, "layer0.weight", weight, (gsize) n_in * n_out);
  add_array (file, "layer0.bias", bias, n_out);
  g_assert_true (fw_model_set_arrays (model, file, &error));
  g_assert_no_error (error);
}

static FwImportance *
importance_ok (FwModel         *model,
               const FwDataset *dataset,
               guint            repeats,
               guint64          seed)
{
  g_autoptr(GError) error = NULL;
  FwImportance *imp = fw_importance_permutation (model, dataset, FW_PART_TEST, repeats, seed,
                                                 NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (imp);
  return imp;
}

static int
column_of (const FwImportance *imp,
           const char         *name)
{
  for (guint i = 0; i < imp->n_columns; i++)
    if (strcmp (imp->columns[i], name) == 0)
      return (int) i;
  g_error ("no column “%s”", name);
}

/* Tests ----------------------------------------------------------------------------------- */

/* Weights only on "signal": shuffling anything else cannot change a single prediction, so
 * those drops are exactly 0; shuffling "signal" leaves about half the labels right. */
static void
test_only_one_column_matters (void)
{
  static const float weight[5] = { 8, 0, 0, 0, 0 }, bias[1] = { 0 };
  g_autoptr(FwModel) model = model_new (FW_MODEL_LOGISTIC, FW_TASK_BINARY, 5, 1, 0);
  g_autoptr(FwImportance) imp = NULL;
  Synthetic s;

  synthetic_init (&s, FW_TASK_BINARY, signal_names, 1);
  fill_signal (&s);
  set_weights (model, weight, bias);
  imp = importance_ok (model, &s.dataset, 5, 11);

  g_assert_cmpfloat (imp->baseline, ==, 1.0);
  g_assert_cmpuint (imp->n_columns, ==, 3);
  g_assert_cmpstr (imp->columns[0], ==, "signal");
  g_assert_cmpfloat_with_epsilon (imp->mean[0], 0.5, 0.1);
  g_assert_cmpfloat (imp->mean[0], >, 10 * imp->sd[0]);
  for (guint i = 1; i < imp->n_columns; i++)
    {
      g_assert_cmpfloat (imp->mean[i], ==, 0.0);
      g_assert_cmpfloat (imp->sd[i], ==, 0.0);
    }
  /* Equal means keep feature order. */
  g_assert_cmpstr (imp->columns[1], ==, "noise");
  g_assert_cmpstr (imp->columns[2], ==, "colour");
  synthetic_clear (&s);
}

/* The same through training: the learnt weights on the noise are small, not zero. */
static void
test_trained_logistic (void)
{
  g_autoptr(FwModel) model = model_new (FW_MODEL_LOGISTIC, FW_TASK_BINARY, 5, 1, 0);
  g_autoptr(FwImportance) imp = NULL;
  g_autoptr(GError) error = NULL;
  FwModelData data;
  Synthetic s;

  synthetic_init (&s, FW_TASK_BINARY, signal_names, 1);
  fill_signal (&s);
  data = (FwModelData) { s.x, s.labels, NULL, NULL, N_ROWS };
  for (guint epoch = 0; epoch < 40; epoch++)
    {
      double loss = fw_model_train_epoch (model, &data, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_true (isfinite (loss));
    }
  imp = importance_ok (model, &s.dataset, 5, 3);

  g_assert_cmpfloat (imp->baseline, >, 0.95);
  g_assert_cmpstr (imp->columns[0], ==, "signal");
  g_assert_cmpfloat (imp->mean[0], >, 0.3);
  for (guint i = 1; i < imp->n_columns; i++)
    g_assert_cmpfloat (fabs (imp->mean[i]), <=, 3 * imp->sd[i] + 0.01);
  synthetic_clear (&s);
}

/* Every row is one-hot in "sex" and the model predicts "yes" exactly when one of the three
 * is set, as the labels say.  Shuffled as a group, rows stay one-hot and nothing changes;
 * shuffled feature by feature, many rows would end up with zero or several set. */
static void
test_one_hot_moves_together (void)
{
  static const char *const names[] = { "age", "sex=female", "sex=male", "sex=other", NULL };
  static const float weight[4] = { 0, 10, 10, 10 }, bias[1] = { -5 };
  g_autoptr(FwModel) model = model_new (FW_MODEL_LOGISTIC, FW_TASK_BINARY, 4, 1, 0);
  g_autoptr(FwImportance) imp = NULL;
  FwRng rng;
  Synthetic s;
  int sex;

  synthetic_init (&s, FW_TASK_BINARY, names, 1);
  fw_rng_init (&rng, 5);
  for (gsize r = 0; r < N_ROWS; r++)
    {
      s.x[r * 4] = (float) fw_rng_uniform (&rng);
      s.x[r * 4 + 1 + fw_rng_below (&rng, 3)] = 1.0f;
      s.labels[r] = 1;
    }
  set_weights (model, weight, bias);
  imp = importance_ok (model, &s.dataset, 10, 1);

  g_assert_cmpuint (imp->n_columns, ==, 2);
  sex = column_of (imp, "sex");
  g_assert_cmpuint (g_strv_length (imp->features[sex]), ==, 3);
  g_assert_cmpstr (imp->features[sex][0], ==, "sex=female");
  g_assert_cmpstr (imp->features[sex][2], ==, "sex=other");
  g_assert_cmpstr (imp->features[column_of (imp, "age")][0], ==, "age");
  for (guint k = 0; k < imp->n_repeats; k++)
    g_assert_cmpfloat (imp->drops[sex * imp->n_repeats + k], ==, 0.0);
  synthetic_clear (&s);
}

/* Label = sex is female: the group as a whole carries everything. */
static void
test_one_hot_group_matters (void)
{
  static const char *const names[] = { "age", "sex=female", "sex=male", "sex=other", NULL };
  static const float weight[4] = { 0, 10, 0, 0 }, bias[1] = { -5 };
  g_autoptr(FwModel) model = model_new (FW_MODEL_LOGISTIC, FW_TASK_BINARY, 4, 1, 0);
  g_autoptr(FwImportance) imp = NULL;
  FwRng rng;
  Synthetic s;

  synthetic_init (&s, FW_TASK_BINARY, names, 1);
  fw_rng_init (&rng, 9);
  for (gsize r = 0; r < N_ROWS; r++)
    {
      guint k = fw_rng_below (&rng, 3);

      s.x[r * 4] = (float) fw_rng_uniform (&rng);
      s.x[r * 4 + 1 + k] = 1.0f;
      s.labels[r] = k == 0;
    }
  set_weights (model, weight, bias);
  imp = importance_ok (model, &s.dataset, 5, 1);

  /* Shuffled, a row is right when its new sex agrees on "female or not": 1/9 + 4/9. */
  g_assert_cmpstr (imp->columns[0], ==, "sex");
  g_assert_cmpfloat_with_epsilon (imp->mean[0], 1.0 - 5.0 / 9.0, 0.08);
  g_assert_cmpfloat (imp->mean[1], ==, 0.0);
  synthetic_clear (&s);
}

/* RMSE rises when "signal" is shuffled: y = 2x + 1 exactly, so the shuffled RMSE is
 * 2·sqrt(mean (x_π(i) − x_i)²) ≈ 2·sqrt(2·Var x) = 2·sqrt(2/3) for x uniform in [-1, 1]. */
static void
test_regression (void)
{
  static const float weight[5] = { 2, 0, 0, 0, 0 }, bias[1] = { 1 };
  g_autoptr(FwModel) model = model_new (FW_MODEL_LINEAR, FW_TASK_REGRESSION, 5, 1, 0);
  g_autoptr(FwImportance) imp = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  Synthetic s;

  synthetic_init (&s, FW_TASK_REGRESSION, signal_names, 0);
  fill_signal (&s);
  set_weights (model, weight, bias);
  imp = importance_ok (model, &s.dataset, 5, 2);

  g_assert_cmpfloat (imp->baseline, <, 1e-5);
  g_assert_cmpstr (imp->columns[0], ==, "signal");
  g_assert_cmpfloat_with_epsilon (imp->mean[0], 2.0 * sqrt (2.0 / 3.0), 0.15);
  g_assert_cmpfloat (imp->mean[1], ==, 0.0);

  fw_importance_to_json (imp, builder);
  root = json_builder_get_root (builder);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "metric"), ==, "rmse");
  g_assert_cmpint (json_object_get_int_member (object, "repeats"), ==, 5);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "columns")),
                    ==, 3);
  object = json_array_get_object_element (json_object_get_array_member (object, "columns"), 2);
  g_assert_cmpstr (json_object_get_string_member (object, "column"), ==, "colour");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "features")),
                    ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "drops")),
                    ==, 5);
  synthetic_clear (&s);
}

static void
test_deterministic (void)
{
  static const float weight[5] = { 3, 1, 0.5f, -0.5f, 0 }, bias[1] = { 0 };
  g_autoptr(FwModel) model = model_new (FW_MODEL_LOGISTIC, FW_TASK_BINARY, 5, 1, 0);
  g_autoptr(FwImportance) a = NULL, b = NULL, c = NULL;
  Synthetic s;

  synthetic_init (&s, FW_TASK_BINARY, signal_names, 1);
  fill_signal (&s);
  set_weights (model, weight, bias);
  a = importance_ok (model, &s.dataset, 4, 99);
  b = importance_ok (model, &s.dataset, 4, 99);
  c = importance_ok (model, &s.dataset, 4, 100);

  g_assert_true (g_strv_equal ((const char *const *) a->columns, (const char *const *) b->columns));
  g_assert_cmpmem (a->drops, 3 * 4 * sizeof (double), b->drops, 3 * 4 * sizeof (double));
  g_assert_true (memcmp (a->drops, c->drops, 3 * 4 * sizeof (double)) != 0);
  synthetic_clear (&s);
}

static void
test_empty (void)
{
  g_autoptr(FwModel) model = model_new (FW_MODEL_LOGISTIC, FW_TASK_BINARY, 5, 1, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwImportance) imp = NULL;
  Synthetic s;

  synthetic_init (&s, FW_TASK_BINARY, signal_names, 1);
  s.dataset.parts[FW_PART_TEST].n = 0;
  imp = fw_importance_permutation (model, &s.dataset, FW_PART_TEST, 5, 1, NULL, &error);
  g_assert_null (imp);
  g_assert_error (error, FW_IMPORTANCE_ERROR, FW_IMPORTANCE_ERROR_EMPTY);
  synthetic_clear (&s);
}

static void
test_cancelled (void)
{
  g_autoptr(FwModel) model = model_new (FW_MODEL_LOGISTIC, FW_TASK_BINARY, 5, 1, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FwImportance) imp = NULL;
  Synthetic s;

  synthetic_init (&s, FW_TASK_BINARY, signal_names, 1);
  fill_signal (&s);
  g_cancellable_cancel (cancellable);
  imp = fw_importance_permutation (model, &s.dataset, FW_PART_TEST, 5, 1, cancellable, &error);
  g_assert_null (imp);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  synthetic_clear (&s);
}

/* A real dataset's preprocessor names each feature's column exactly: the number column
 * "x=1" is not part of the one-hot "x", although its name reads like one of its slots. */
static void
test_preprocessor_groups (void)
{
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwRecipe) recipe = recipe_for ("y");
  g_autoptr(FwDataset) dataset = NULL;
  g_autoptr(FwModel) model = NULL;
  g_autoptr(FwImportance) imp = NULL;
  g_autoptr(FwCoefficients) coef = NULL;
  GString *csv = g_string_new ("x=1,x,y\n");
  float weight[8] = { 0 }, bias[1] = { 0 };
  int a, b;

  for (guint r = 0; r < 60; r++)
    g_string_append_printf (csv, "%u,%s,%s\n", r % 7, r % 3 == 0 ? "a" : "b",
                            r % 2 ? "yes" : "no");
  table = import (csv->str);
  g_string_free (csv, TRUE);
  add (recipe, FW_STEP_ONE_HOT, "x");
  dataset = prepare_ok (table, recipe);
  g_assert_cmpuint (dataset->n_features, ==, 4);      /* x=1, x=a, x=b, x=other */
  model = model_new (FW_MODEL_LOGISTIC, FW_TASK_BINARY, dataset->n_features, 1, 0);
  set_weights (model, weight, bias);
  imp = importance_ok (model, dataset, 2, 1);

  g_assert_cmpuint (imp->n_columns, ==, 2);
  a = column_of (imp, "x=1");
  b = column_of (imp, "x");
  g_assert_cmpuint (g_strv_length (imp->features[a]), ==, 1);
  g_assert_cmpuint (g_strv_length (imp->features[b]), ==, 3);

  coef = fw_importance_coefficients (model, dataset);
  g_assert_cmpstr (coef->coefficients[0].column, ==, "x=1");
  g_assert_null (coef->coefficients[0].category);
  g_assert_cmpstr (coef->coefficients[3].column, ==, "x");
  g_assert_cmpstr (coef->coefficients[3].category, ==, "other");
}

/* Coefficients -------------------------------------------------------------------------- */

static const char *const coef_names[] = { "age", "sex=female", "rule=a=b", NULL };

/* Binary with "no" (class 0) positive: the logit is class 1's, so every weight flips. */
static void
test_coefficients_binary (void)
{
  static const float weight[3] = { 0.5f, -1.25f, 2 }, bias[1] = { 0.75f };
  g_autoptr(FwModel) model = model_new (FW_MODEL_LOGISTIC, FW_TASK_BINARY, 3, 1, 0);
  g_autoptr(FwCoefficients) coef = NULL, flipped = NULL;
  Synthetic s;

  synthetic_init (&s, FW_TASK_BINARY, coef_names, 1);
  set_weights (model, weight, bias);
  coef = fw_importance_coefficients (model, &s.dataset);
  s.dataset.positive = 0;
  flipped = fw_importance_coefficients (model, &s.dataset);

  g_assert_cmpuint (coef->n_outputs, ==, 1);
  g_assert_cmpstr (coef->outputs[0], ==, "yes");
  g_assert_cmpstr (flipped->outputs[0], ==, "no");
  g_assert_cmpfloat (coef->intercepts[0], ==, 0.75);
  g_assert_cmpfloat (flipped->intercepts[0], ==, -0.75);
  g_assert_cmpuint (coef->n_coefficients, ==, 3);
  for (guint f = 0; f < 3; f++)
    {
      g_assert_cmpfloat (coef->coefficients[f].weights[0], ==, weight[f]);
      g_assert_cmpfloat (flipped->coefficients[f].weights[0], ==, -weight[f]);
      g_assert_cmpstr (coef->coefficients[f].feature, ==, coef_names[f]);
    }
  g_assert_cmpstr (coef->coefficients[0].column, ==, "age");
  g_assert_null (coef->coefficients[0].category);
  g_assert_cmpstr (coef->coefficients[1].column, ==, "sex");
  g_assert_cmpstr (coef->coefficients[1].category, ==, "female");
  g_assert_cmpstr (coef->coefficients[2].column, ==, "rule");
  g_assert_cmpstr (coef->coefficients[2].category, ==, "a=b");
  synthetic_clear (&s);
}

static void
test_coefficients_multiclass (void)
{
  /* n_in × n_out, row-major: feature f's weight toward class c is weight[f * 3 + c]. */
  static const float weight[9] = { 1, 2, 3, -4, -5, -6, 0.125f, 0.25f, 0.5f };
  static const float bias[3] = { -1, 0, 1 };
  g_autoptr(FwModel) model = model_new (FW_MODEL_LOGISTIC, FW_TASK_MULTICLASS, 3, 3, 0);
  g_autoptr(FwCoefficients) coef = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object, *entry;
  Synthetic s;

  synthetic_init (&s, FW_TASK_MULTICLASS, coef_names, 0);
  set_weights (model, weight, bias);
  coef = fw_importance_coefficients (model, &s.dataset);

  g_assert_cmpuint (coef->n_outputs, ==, 3);
  g_assert_cmpstr (coef->outputs[2], ==, "maybe");
  for (guint f = 0; f < 3; f++)
    for (guint c = 0; c < 3; c++)
      g_assert_cmpfloat (coef->coefficients[f].weights[c], ==, weight[f * 3 + c]);
  for (guint c = 0; c < 3; c++)
    g_assert_cmpfloat (coef->intercepts[c], ==, bias[c]);

  fw_coefficients_to_json (coef, builder);
  root = json_builder_get_root (builder);
  object = json_node_get_object (root);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "outputs")),
                    ==, 3);
  entry = json_array_get_object_element (json_object_get_array_member (object, "coefficients"),
                                         1);
  g_assert_cmpstr (json_object_get_string_member (entry, "column"), ==, "sex");
  g_assert_cmpstr (json_object_get_string_member (entry, "category"), ==, "female");
  g_assert_cmpfloat (json_array_get_double_element (json_object_get_array_member (entry, "weights"),
                                                    1), ==, -5.0);
  entry = json_array_get_object_element (json_object_get_array_member (object, "coefficients"),
                                         0);
  g_assert_true (json_object_get_null_member (entry, "category"));
  synthetic_clear (&s);
}

static void
test_coefficients_regression (void)
{
  static const float weight[3] = { 3, -2, 0.5f }, bias[1] = { 10 };
  g_autoptr(FwModel) model = model_new (FW_MODEL_LINEAR, FW_TASK_REGRESSION, 3, 1, 0);
  g_autoptr(FwCoefficients) coef = NULL;
  Synthetic s;

  synthetic_init (&s, FW_TASK_REGRESSION, coef_names, 0);
  set_weights (model, weight, bias);
  coef = fw_importance_coefficients (model, &s.dataset);
  g_assert_null (coef->outputs);
  g_assert_cmpfloat (coef->intercepts[0], ==, 10.0);
  g_assert_cmpfloat (coef->coefficients[1].weights[0], ==, -2.0);
  synthetic_clear (&s);
}

/* An MLP has no one weight per feature. */
static void
test_coefficients_mlp (void)
{
  g_autoptr(FwModel) model = model_new (FW_MODEL_MLP, FW_TASK_BINARY, 3, 1, 1);
  Synthetic s;

  synthetic_init (&s, FW_TASK_BINARY, coef_names, 1);
  g_assert_null (fw_importance_coefficients (model, &s.dataset));
  synthetic_clear (&s);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/importance/only-one-column-matters", test_only_one_column_matters);
  g_test_add_func ("/engine/importance/trained-logistic", test_trained_logistic);
  g_test_add_func ("/engine/importance/one-hot-moves-together", test_one_hot_moves_together);
  g_test_add_func ("/engine/importance/one-hot-group-matters", test_one_hot_group_matters);
  g_test_add_func ("/engine/importance/regression", test_regression);
  g_test_add_func ("/engine/importance/deterministic", test_deterministic);
  g_test_add_func ("/engine/importance/empty", test_empty);
  g_test_add_func ("/engine/importance/cancelled", test_cancelled);
  g_test_add_func ("/engine/importance/preprocessor-groups", test_preprocessor_groups);
  g_test_add_func ("/engine/importance/coefficients/binary", test_coefficients_binary);
  g_test_add_func ("/engine/importance/coefficients/multiclass", test_coefficients_multiclass);
  g_test_add_func ("/engine/importance/coefficients/regression", test_coefficients_regression);
  g_test_add_func ("/engine/importance/coefficients/mlp", test_coefficients_mlp);

  return g_test_run ();
}
