/* test-model.c — models against answers computed independently (model-reference.h):
 * central differences of a double-precision forward pass, Newton's method, the normal
 * equations; and determinism, copies, files, divergence, stopping, bad input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include "fw-model.h"
#include "fw-model-kinds.h"
#include "model-reference.h"

static void
spec_init (FwModelSpec *spec,
           FwModelKind  kind)
{
  *spec = (FwModelSpec) {
    .kind = kind, .epochs = 10, .batch_size = 256, .learning_rate = 1e-3,
    .optimizer = FW_OPTIMIZER_ADAM, .momentum = 0.9, .device = (char *) "cpu",
  };
}

static FwModel *
model_new (const FwModelSpec *spec,
           FwTask             task,
           guint              n_features,
           guint              n_outputs,
           guint64            seed)
{
  g_autoptr(GError) error = NULL;
  FwModel *model = fw_model_new (spec, task, n_features, n_outputs, seed, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

/* The parameters, concatenated in file order, as doubles. */
static double *
params_of (FwModel *model,
           gsize   *n_params)
{
  g_autoptr(GPtrArray) arrays = fw_model_get_arrays (model);
  double *out = g_new (double, model->n_params);

  *n_params = 0;
  for (guint a = 0; a < arrays->len; a++)
    {
      const FwModelArray *array = g_ptr_array_index (arrays, a);

      for (gsize i = 0; i < array->n; i++)
        out[(*n_params)++] = array->data[i];
    }
  g_assert_cmpuint (*n_params, ==, model->n_params);
  return out;
}

static void
owned_array_free (gpointer data)
{
  FwModelArray *array = data;

  g_free (array->name);
  g_free (array->data);
  g_free (array);
}

/* A model file in memory holding @params (file order) cut into @model's arrays. */
static FwModelFile *
file_with_params (FwModel      *model,
                  const double *params)
{
  g_autoptr(GPtrArray) arrays = fw_model_get_arrays (model);
  FwModelFile *file = g_new0 (FwModelFile, 1);
  gsize k = 0;

  file->header = json_object_new ();
  file->arrays = g_ptr_array_new_with_free_func (owned_array_free);
  for (guint a = 0; a < arrays->len; a++)
    {
      const FwModelArray *src = g_ptr_array_index (arrays, a);
      FwModelArray *dst = g_new (FwModelArray, 1);

      dst->name = g_strdup (src->name);
      dst->n = src->n;
      dst->data = g_new (float, src->n);
      for (gsize i = 0; i < src->n; i++)
        dst->data[i] = (float) params[k++];
      g_ptr_array_add (file->arrays, dst);
    }
  return file;
}

static void
set_params (FwModel      *model,
            const double *params)
{
  g_autoptr(FwModelFile) file = file_with_params (model, params);
  g_autoptr(GError) error = NULL;

  g_assert_true (fw_model_set_arrays (model, file, &error));
  g_assert_no_error (error);
}

/* Gradients ------------------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  FwTask      task;
  guint       n_outputs;
  guint       hidden[FW_RECIPE_MAX_HIDDEN];
  guint       n_hidden;
  double      l2;
  double      dropout;
  gboolean    weighted;
} GradientCase;

static const GradientCase gradient_cases[] = {
  { "linear-mse", FW_TASK_REGRESSION, 1 },
  { "sigmoid-bce", FW_TASK_BINARY, 1 },
  { "softmax-ce", FW_TASK_MULTICLASS, 3 },
  { "relu-mse", FW_TASK_REGRESSION, 1, { 5, 4 }, 2 },
  { "relu-bce", FW_TASK_BINARY, 1, { 6 }, 1 },
  { "relu-ce", FW_TASK_MULTICLASS, 4, { 5, 4, 3 }, 3 },
  { "four-hidden", FW_TASK_REGRESSION, 1, { 4, 5, 4, 3 }, 4, 0, 0, TRUE },
  { "l2", FW_TASK_BINARY, 1, { 5 }, 1, 0.3 },
  { "weights", FW_TASK_MULTICLASS, 3, { 5 }, 1, 0.1, 0, TRUE },
  { "dropout", FW_TASK_BINARY, 1, { 8, 6 }, 2, 0.05, 0.25, TRUE },
};

/* Analytic gradient (float32) against central differences of the double reference
 * (h = 1e-6) at random parameters: |analytic − numeric| ≤ 1e-3·|numeric| + 2e-5. */
static void
test_gradient (gconstpointer data)
{
  const GradientCase *gc = data;
  const guint n_features = 3;
  g_autoptr(Problem) p = random_problem (17, 12, n_features, gc->task, MAX (gc->n_outputs, 2),
                                         gc->weighted);
  FwModelData d = data_of (p);
  g_autoptr(FwModel) model = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (23);
  g_autofree double *params = NULL;
  g_autofree float *grad = NULL;
  FwModelSpec spec;
  gsize n_params;
  Arch arch;
  double objective;

  spec_init (&spec, FW_MODEL_MLP);
  memcpy (spec.hidden, gc->hidden, sizeof spec.hidden);
  spec.n_hidden = gc->n_hidden;
  spec.l2 = gc->l2;
  spec.dropout = gc->dropout;
  model = model_new (&spec, gc->task, n_features, gc->n_outputs, 1);
  arch = arch_of (&spec, gc->task, n_features, gc->n_outputs);
  arch.key = gc->dropout > 0 ? G_GUINT64_CONSTANT (0x5eed) : 0;

  /* Random parameters, biases included, rounded to float so both sides see the same. */
  params = params_of (model, &n_params);
  for (gsize i = 0; i < n_params; i++)
    params[i] = (float) g_rand_double_range (rand, -0.8, 0.8);
  set_params (model, params);

  grad = g_new (float, n_params);
  objective = fw_mlp_gradient (model, &d, arch.key, grad);
  g_assert_cmpfloat_with_epsilon (objective, reference_objective (&arch, params, p, TRUE),
                                  1e-5 * fabs (objective) + 1e-7);
  for (gsize k = 0; k < n_params; k++)
    {
      const double h = 1e-6, saved = params[k];
      double up, down, numeric;

      params[k] = saved + h;
      up = reference_objective (&arch, params, p, TRUE);
      params[k] = saved - h;
      down = reference_objective (&arch, params, p, TRUE);
      params[k] = saved;
      numeric = (up - down) / (2 * h);
      if (!(fabs (grad[k] - numeric) <= 1e-3 * fabs (numeric) + 2e-5))
        g_error ("%s: parameter %zu: analytic %.8g, numeric %.8g", gc->name, k, grad[k], numeric);
    }
}

/* Logistic regression against Newton's method ------------------------------------------- */

static void
test_logistic_newton (gconstpointer data)
{
  gboolean adam = GPOINTER_TO_INT (data);
  g_autoptr(Problem) p = logistic_problem ();
  FwModelData d = data_of (p);
  g_autoptr(FwModel) model = NULL;
  g_autofree double *params = NULL;
  FwModelSpec spec;
  double theta[3], loss = NAN;
  gsize n_params;

  spec_init (&spec, FW_MODEL_LOGISTIC);
  spec.batch_size = p->n;       /* full batch: plain (heavy-ball or Adam) descent */
  spec.l2 = 0.05;
  spec.optimizer = adam ? FW_OPTIMIZER_ADAM : FW_OPTIMIZER_SGD;
  spec.learning_rate = adam ? 0.02 : 1.0;
  spec.momentum = 0.9;
  model = model_new (&spec, FW_TASK_BINARY, 2, 1, 3);
  for (guint epoch = 0; epoch < 3000; epoch++)
    {
      g_autoptr(GError) error = NULL;

      loss = fw_model_train_epoch (model, &d, NULL, NULL, &error);
      g_assert_no_error (error);
    }

  newton_logistic (p, spec.l2, theta);
  params = params_of (model, &n_params);
  g_assert_cmpuint (n_params, ==, 3);
  /* 3000 full-batch steps reach the optimum to float precision (seen: ~1e-7) either way. */
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat_with_epsilon (params[i], theta[i], 1e-5);
  /* The epoch's loss is the objective at the last step's starting point. */
  g_assert_cmpfloat_with_epsilon (loss, reference_objective (&(Arch) {
                                    1, { 2, 1 }, FW_TASK_BINARY, spec.l2 }, theta, p, TRUE),
                                  1e-5);
}

/* Linear regression against the normal equations ---------------------------------------- */

static gboolean
count_batches (gsize    rows_done,
               gsize    rows_total,
               gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpuint (rows_done, <=, rows_total);
  return ++*calls < 3;            /* stop after the third batch */
}

static void
test_linear_normal_equations (gconstpointer data)
{
  double l2 = GPOINTER_TO_INT (data) ? 0.2 : 0;
  g_autoptr(Problem) p = random_problem (41, 60, 3, FW_TASK_REGRESSION, 0, l2 > 0);
  FwModelData d = data_of (p);
  g_autoptr(FwModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *params = NULL;
  FwModelSpec spec;
  double theta[4], loss;
  gsize n_params;
  guint calls = 0;

  for (gsize r = 0; r < p->n; r++)
    p->values[r] += 2 * p->x[3 * r] - p->x[3 * r + 1] + 0.5f * p->x[3 * r + 2] + 1;
  spec_init (&spec, FW_MODEL_LINEAR);
  spec.l2 = l2;
  model = model_new (&spec, FW_TASK_REGRESSION, 3, 1, 1);
  g_assert_false (fw_model_is_iterative (model));

  loss = fw_model_train_epoch (model, &d, count_batches, &calls, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calls, ==, 1);
  normal_equations (p, l2, theta);
  params = params_of (model, &n_params);
  g_assert_cmpuint (n_params, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (params[i], theta[i], 1e-5 * fabs (theta[i]) + 1e-6);
  g_assert_cmpfloat_with_epsilon (loss, reference_objective (&(Arch) {
                                    1, { 3, 1 }, FW_TASK_REGRESSION, l2 }, theta, p, TRUE),
                                  1e-6);
}

/* Weight 3 on a row is the row three times. */
static void
test_linear_weights_duplicate (void)
{
  g_autoptr(Problem) p = random_problem (43, 20, 2, FW_TASK_REGRESSION, 0, FALSE);
  g_autoptr(Problem) q = random_problem (43, 22, 2, FW_TASK_REGRESSION, 0, FALSE);
  g_autoptr(FwModel) a = NULL, b = NULL;
  g_autofree double *pa = NULL, *pb = NULL;
  FwModelData da, db;
  FwModelSpec spec;
  gsize n;

  p->weights = g_new (float, 20);
  for (gsize i = 0; i < 20; i++)
    p->weights[i] = i == 5 ? 3 : 1;
  memcpy (q->x, p->x, 40 * sizeof (float));
  memcpy (q->values, p->values, 20 * sizeof (float));
  for (guint k = 0; k < 2; k++)
    {
      memcpy (q->x + 2 * (20 + k), p->x + 10, 2 * sizeof (float));
      q->values[20 + k] = p->values[5];
    }
  da = data_of (p);
  db = data_of (q);
  spec_init (&spec, FW_MODEL_LINEAR);
  spec.l2 = 0.1;
  a = model_new (&spec, FW_TASK_REGRESSION, 2, 1, 1);
  b = model_new (&spec, FW_TASK_REGRESSION, 2, 1, 1);
  g_assert_cmpfloat (fw_model_train_epoch (a, &da, NULL, NULL, NULL), ==,
                     fw_model_train_epoch (a, &da, NULL, NULL, NULL));
  fw_model_train_epoch (b, &db, NULL, NULL, NULL);
  pa = params_of (a, &n);
  pb = params_of (b, &n);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat_with_epsilon (pa[i], pb[i], 1e-5);
  g_assert_cmpfloat_with_epsilon (fw_model_loss (a, &da), fw_model_loss (b, &db), 1e-6);
}

static void
test_linear_singular (void)
{
  g_autoptr(Problem) p = random_problem (47, 30, 3, FW_TASK_REGRESSION, 0, FALSE);
  FwModelData d = data_of (p);
  FwModelSpec spec;

  for (gsize r = 0; r < p->n; r++)
    p->x[3 * r + 2] = p->x[3 * r];      /* a duplicated column */
  spec_init (&spec, FW_MODEL_LINEAR);
  for (guint with_l2 = 0; with_l2 < 2; with_l2++)
    {
      g_autoptr(FwModel) model = NULL;
      g_autoptr(GError) error = NULL;
      double loss;

      spec.l2 = with_l2 ? 1e-3 : 0;
      model = model_new (&spec, FW_TASK_REGRESSION, 3, 1, 1);
      loss = fw_model_train_epoch (model, &d, NULL, NULL, &error);
      if (!with_l2)
        g_assert_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_SINGULAR);
      g_assert_true (with_l2 ? error == NULL && isfinite (loss) : isnan (loss));
    }
}


/* Training as a whole ------------------------------------------------------------------- */

static double
accuracy (FwModel       *model,
          const Problem *p)
{
  guint np = fw_model_n_predictions (model);
  g_autofree float *out = g_new (float, p->n * np);
  gsize correct = 0;

  fw_model_predict (model, p->x, p->n, out);
  for (gsize r = 0; r < p->n; r++)
    {
      guint best = 0;

      for (guint c = 1; c < np; c++)
        if (out[r * np + c] > out[r * np + best])
          best = c;
      correct += best == p->labels[r];
    }
  return (double) correct / p->n;
}

static void
train (FwModel       *model,
       const Problem *p,
       guint          epochs,
       double        *losses)
{
  FwModelData d = data_of (p);

  for (guint e = 0; e < epochs; e++)
    {
      g_autoptr(GError) error = NULL;
      double loss = fw_model_train_epoch (model, &d, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_true (isfinite (loss));
      if (losses != NULL)
        losses[e] = loss;
    }
}

static void
mlp_spec (FwModelSpec *spec)
{
  spec_init (spec, FW_MODEL_MLP);
  spec->hidden[0] = 16;
  spec->hidden[1] = 8;
  spec->n_hidden = 2;
  spec->batch_size = 32;
  spec->dropout = 0.2;
  spec->l2 = 1e-3;
  spec->learning_rate = 0.01;
}

static void
test_determinism (void)
{
  g_autoptr(Problem) p = random_problem (53, 300, 4, FW_TASK_BINARY, 2, TRUE);
  g_autoptr(FwModel) a = NULL, b = NULL, c = NULL;
  g_autofree double *pa = NULL, *pb = NULL, *pc = NULL;
  double la[3], lb[3], lc[3];
  FwModelSpec spec;
  gsize n, same = 0;

  mlp_spec (&spec);
  a = model_new (&spec, FW_TASK_BINARY, 4, 1, 99);
  b = model_new (&spec, FW_TASK_BINARY, 4, 1, 99);
  c = model_new (&spec, FW_TASK_BINARY, 4, 1, 100);
  train (a, p, 3, la);
  train (b, p, 3, lb);
  train (c, p, 3, lc);
  pa = params_of (a, &n);
  pb = params_of (b, &n);
  pc = params_of (c, &n);
  g_assert_cmpmem (la, sizeof la, lb, sizeof lb);
  g_assert_cmpmem (pa, n * sizeof (double), pb, n * sizeof (double));
  for (gsize i = 0; i < n; i++)
    same += pa[i] == pc[i];
  g_assert_cmpuint (same, <, n / 10);
  g_assert_cmpfloat (la[2], !=, lc[2]);
}

/* Label = [x1·x2 > 0]: no line separates the quadrants, sixteen ReLUs do. */
static void
test_xor (void)
{
  g_autoptr(Problem) p = random_problem (59, 1000, 2, FW_TASK_BINARY, 2, FALSE);
  g_autoptr(Problem) test = random_problem (61, 1000, 2, FW_TASK_BINARY, 2, FALSE);
  g_autoptr(FwModel) mlp = NULL, logistic = NULL;
  Problem *sets[] = { p, test };
  FwModelData dt;
  FwModelSpec spec;
  double mlp_loss, logistic_loss;

  for (guint s = 0; s < 2; s++)
    for (gsize i = 0; i < sets[s]->n; i++)
      sets[s]->labels[i] = sets[s]->x[2 * i] * sets[s]->x[2 * i + 1] > 0;
  dt = data_of (test);

  spec_init (&spec, FW_MODEL_MLP);
  spec.hidden[0] = 16;
  spec.n_hidden = 1;
  spec.batch_size = 32;
  spec.learning_rate = 0.02;
  mlp = model_new (&spec, FW_TASK_BINARY, 2, 1, 7);
  train (mlp, p, 150, NULL);
  spec.kind = FW_MODEL_LOGISTIC;
  logistic = model_new (&spec, FW_TASK_BINARY, 2, 1, 7);
  train (logistic, p, 150, NULL);

  mlp_loss = fw_model_loss (mlp, &dt);
  logistic_loss = fw_model_loss (logistic, &dt);
  g_test_message ("XOR test accuracy: MLP %.3f, logistic %.3f; loss %.3f vs %.3f",
                  accuracy (mlp, test), accuracy (logistic, test), mlp_loss, logistic_loss);
  g_assert_cmpfloat (accuracy (mlp, test), >, 0.95);
  g_assert_cmpfloat (accuracy (logistic, test), <, 0.65);
  g_assert_cmpfloat (mlp_loss, <, 0.4 * logistic_loss);
}

static float *
predictions (FwModel       *model,
             const Problem *p)
{
  float *out = g_new (float, p->n * fw_model_n_predictions (model));

  fw_model_predict (model, p->x, p->n, out);
  return out;
}

static void
test_copy_and_dup (void)
{
  g_autoptr(Problem) p = random_problem (67, 200, 4, FW_TASK_MULTICLASS, 3, FALSE);
  g_autoptr(FwModel) a = NULL, b = NULL, fresh = NULL;
  g_autofree float *before = NULL, *dup_out = NULL, *fresh_out = NULL, *after = NULL;
  g_autofree float *restored = NULL;
  gsize bytes = p->n * 3 * sizeof (float);
  FwModelSpec spec;
  double la[2], lb[2];

  mlp_spec (&spec);
  a = model_new (&spec, FW_TASK_MULTICLASS, 4, 3, 1);
  train (a, p, 2, NULL);
  before = predictions (a, p);

  b = fw_model_dup (a);
  dup_out = predictions (b, p);
  g_assert_cmpmem (dup_out, bytes, before, bytes);

  fresh = model_new (&spec, FW_TASK_MULTICLASS, 4, 3, 2);
  fw_model_copy_params (fresh, a);
  fresh_out = predictions (fresh, p);
  g_assert_cmpmem (fresh_out, bytes, before, bytes);

  /* A dup carries the optimiser and the shuffle on: it trains on exactly as the original. */
  train (a, p, 2, la);
  train (b, p, 2, lb);
  g_assert_cmpmem (la, sizeof la, lb, sizeof lb);
  after = predictions (a, p);
  g_assert_true (memcmp (after, before, bytes) != 0);
  fw_model_copy_params (a, fresh);
  restored = predictions (a, p);
  g_assert_cmpmem (restored, bytes, before, bytes);
}

static void
test_file_round_trip (void)
{
  g_autoptr(Problem) p = random_problem (71, 100, 5, FW_TASK_REGRESSION, 0, FALSE);
  g_autoptr(FwModel) model = NULL, loaded = NULL;
  g_autoptr(GPtrArray) arrays = NULL;
  g_autoptr(FwModelFile) file = NULL;
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) gfile = NULL;
  g_autofree FwModelArray *flat = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fw-model-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "m.fwmodel", NULL);
  g_autofree float *expected = NULL, *actual = NULL;
  FwModelSpec spec;

  mlp_spec (&spec);
  model = model_new (&spec, FW_TASK_REGRESSION, 5, 1, 1);
  train (model, p, 2, NULL);
  expected = predictions (model, p);

  arrays = fw_model_get_arrays (model);
  flat = g_new (FwModelArray, arrays->len);
  for (guint i = 0; i < arrays->len; i++)
    flat[i] = *(FwModelArray *) g_ptr_array_index (arrays, i);
  gfile = g_file_new_for_path (path);
  g_assert_true (fw_model_file_save (gfile, header, flat, arrays->len, NULL, &error));
  g_assert_no_error (error);
  file = fw_model_file_load (gfile, NULL, &error);
  g_assert_no_error (error);
  g_unlink (path);
  g_rmdir (dir);

  loaded = model_new (&spec, FW_TASK_REGRESSION, 5, 1, 12345);
  g_assert_true (fw_model_set_arrays (loaded, file, &error));
  g_assert_no_error (error);
  actual = predictions (loaded, p);
  g_assert_cmpmem (actual, p->n * sizeof (float), expected, p->n * sizeof (float));
}

/* Arrays of the wrong length, missing or not finite are refused and change nothing. */
static void
test_set_arrays_refused (void)
{
  g_autoptr(Problem) p = random_problem (73, 20, 3, FW_TASK_BINARY, 2, FALSE);
  g_autoptr(FwModel) model = NULL;
  g_autofree double *params = NULL;
  g_autofree float *before = NULL;
  FwModelSpec spec;
  gsize n;

  mlp_spec (&spec);
  model = model_new (&spec, FW_TASK_BINARY, 3, 1, 1);
  before = predictions (model, p);
  params = params_of (model, &n);

  for (guint how = 0; how < 3; how++)
    {
      g_autoptr(FwModelFile) file = file_with_params (model, params);
      g_autoptr(GError) error = NULL;
      g_autofree float *out = NULL;
      FwModelArray *last = g_ptr_array_index (file->arrays, file->arrays->len - 1);

      if (how == 0)
        last->n--;                      /* layer2.bias one short */
      else if (how == 1)
        g_ptr_array_remove_index (file->arrays, 0);
      else
        last->data[0] = NAN;
      g_assert_false (fw_model_set_arrays (model, file, &error));
      g_assert_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_CORRUPT);
      out = predictions (model, p);
      g_assert_cmpmem (out, p->n * 2 * sizeof (float), before, p->n * 2 * sizeof (float));
    }
}

/* A NaN or absurd learning rate ends in DIVERGED, with the model left usable. */
static void
test_diverged (gconstpointer data)
{
  guint which = GPOINTER_TO_UINT (data);
  g_autoptr(Problem) p = random_problem (79, 100, 3, FW_TASK_REGRESSION, 0, FALSE);
  FwModelData d = data_of (p);
  g_autoptr(FwModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree float *out = NULL;
  FwModelSpec spec;
  double loss = 0;

  mlp_spec (&spec);
  spec.batch_size = 10;
  spec.optimizer = which == 2 ? FW_OPTIMIZER_ADAM : FW_OPTIMIZER_SGD;
  spec.learning_rate = which == 0 ? NAN : which == 1 ? 1e6 : 1e30;
  model = model_new (&spec, FW_TASK_REGRESSION, 3, 1, 1);
  for (guint e = 0; e < 20 && error == NULL; e++)
    loss = fw_model_train_epoch (model, &d, NULL, NULL, &error);
  g_assert_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_DIVERGED);
  g_assert_true (isnan (loss));
  out = predictions (model, p);
  for (gsize i = 0; i < p->n; i++)
    g_assert_true (isfinite (out[i]));
}

static void
test_batch_stop (void)
{
  g_autoptr(Problem) p = random_problem (83, 100, 3, FW_TASK_BINARY, 2, FALSE);
  FwModelData d = data_of (p);
  g_autoptr(FwModel) model = NULL;
  g_autoptr(GError) error = NULL;
  FwModelSpec spec;
  guint calls = 0;
  double loss;

  mlp_spec (&spec);
  spec.batch_size = 10;
  model = model_new (&spec, FW_TASK_BINARY, 3, 1, 1);
  loss = fw_model_train_epoch (model, &d, count_batches, &calls, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calls, ==, 3);
  g_assert_true (isfinite (loss) && loss > 0);
}

static void
test_predict_and_loss (void)
{
  g_autoptr(Problem) p = random_problem (89, 30, 3, FW_TASK_MULTICLASS, 3, TRUE);
  g_autoptr(Problem) b = random_problem (97, 30, 3, FW_TASK_BINARY, 2, FALSE);
  FwModelData d = data_of (p), db = data_of (b);
  g_autoptr(FwModel) model = NULL, binary = NULL;
  g_autofree double *params = NULL;
  g_autofree float *out = NULL, *bout = NULL;
  FwModelSpec spec;
  gsize n;

  mlp_spec (&spec);
  spec.batch_size = 7;          /* several prediction chunks */
  model = model_new (&spec, FW_TASK_MULTICLASS, 3, 3, 1);
  train (model, p, 1, NULL);
  g_assert_cmpuint (fw_model_n_predictions (model), ==, 3);
  g_assert_cmpuint (fw_model_n_features (model), ==, 3);
  g_assert_cmpuint (fw_model_n_outputs (model), ==, 3);
  params = params_of (model, &n);
  /* Validation loss: no L2, no dropout, weighted. */
  g_assert_cmpfloat_with_epsilon (fw_model_loss (model, &d),
                                  reference_objective (&(Arch) {
                                    3, { 3, 16, 8, 3 }, FW_TASK_MULTICLASS }, params, p, FALSE),
                                  1e-5);
  out = predictions (model, p);
  for (gsize r = 0; r < p->n; r++)
    g_assert_cmpfloat_with_epsilon (out[3 * r] + out[3 * r + 1] + out[3 * r + 2], 1, 1e-5);

  binary = model_new (&spec, FW_TASK_BINARY, 3, 1, 1);
  train (binary, b, 1, NULL);
  g_assert_cmpuint (fw_model_n_predictions (binary), ==, 2);
  bout = predictions (binary, b);
  for (gsize r = 0; r < b->n; r++)
    g_assert_cmpfloat_with_epsilon (bout[2 * r] + bout[2 * r + 1], 1, 1e-6);
  g_assert_true (isfinite (fw_model_loss (binary, &db)));
}

static void
test_invalid_spec (void)
{
  static const struct
  {
    FwModelKind kind;
    FwTask      task;
    guint       n_features, n_outputs;
    guint       n_hidden, width, batch;
    double      dropout, l2, momentum;
    const char *device;
  } cases[] = {
    { FW_MODEL_MLP, FW_TASK_AUTO, 3, 1, 0, 0, 32, 0, 0, 0.9, "cpu" },
    { FW_MODEL_MLP, FW_TASK_BINARY, 0, 1, 0, 0, 32, 0, 0, 0.9, "cpu" },
    { FW_MODEL_MLP, FW_TASK_BINARY, 3, 2, 0, 0, 32, 0, 0, 0.9, "cpu" },
    { FW_MODEL_MLP, FW_TASK_MULTICLASS, 3, 1, 0, 0, 32, 0, 0, 0.9, "cpu" },
    { FW_MODEL_LOGISTIC, FW_TASK_REGRESSION, 3, 1, 0, 0, 32, 0, 0, 0.9, "cpu" },
    { FW_MODEL_LINEAR, FW_TASK_BINARY, 3, 1, 0, 0, 32, 0, 0, 0.9, "cpu" },
    { FW_MODEL_MLP, FW_TASK_BINARY, 3, 1, 5, 4, 32, 0, 0, 0.9, "cpu" },
    { FW_MODEL_MLP, FW_TASK_BINARY, 3, 1, 1, 0, 32, 0, 0, 0.9, "cpu" },
    { FW_MODEL_MLP, FW_TASK_BINARY, 3, 1, 1, 4, 0, 0, 0, 0.9, "cpu" },
    { FW_MODEL_MLP, FW_TASK_BINARY, 3, 1, 1, 4, 32, 1.0, 0, 0.9, "cpu" },
    { FW_MODEL_MLP, FW_TASK_BINARY, 3, 1, 1, 4, 32, 0, -1, 0.9, "cpu" },
    { FW_MODEL_MLP, FW_TASK_BINARY, 3, 1, 1, 4, 32, 0, 0, 1.0, "cpu" },
    { FW_MODEL_MLP, FW_TASK_BINARY, 3, 1, 1, 4, 32, 0, 0, 0.9, "tpu" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FwModel) model = NULL;
      FwModelSpec spec;

      spec_init (&spec, cases[i].kind);
      spec.optimizer = FW_OPTIMIZER_SGD;
      spec.n_hidden = cases[i].n_hidden;
      for (guint h = 0; h < MIN (cases[i].n_hidden, FW_RECIPE_MAX_HIDDEN); h++)
        spec.hidden[h] = cases[i].width;
      spec.batch_size = cases[i].batch;
      spec.dropout = cases[i].dropout;
      spec.l2 = cases[i].l2;
      spec.momentum = cases[i].momentum;
      spec.device = (char *) cases[i].device;
      model = fw_model_new (&spec, cases[i].task, cases[i].n_features, cases[i].n_outputs, 1,
                            &error);
      if (model != NULL)
        g_error ("case %u was accepted", i);
      g_assert_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID);
    }
}

static void
test_invalid_data (void)
{
  g_autoptr(Problem) p = random_problem (101, 10, 2, FW_TASK_BINARY, 2, TRUE);
  g_autoptr(FwModel) model = NULL;
  FwModelSpec spec;

  mlp_spec (&spec);
  model = model_new (&spec, FW_TASK_BINARY, 2, 1, 1);
  for (guint how = 0; how < 4; how++)
    {
      g_autoptr(GError) error = NULL;
      FwModelData d = data_of (p);
      float zero[10] = { 0 }, negative[10] = { 1, -1, 1, 1, 1, 1, 1, 1, 1, 1 };
      guint32 labels[10] = { 0, 1, 2, 0, 1, 0, 1, 0, 1, 0 };

      if (how == 0)
        d.n = 0;
      else if (how == 1)
        d.weights = zero;
      else if (how == 2)
        d.weights = negative;
      else
        d.labels = labels;
      g_assert_true (isnan (fw_model_train_epoch (model, &d, NULL, NULL, &error)));
      g_assert_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID);
      g_assert_true (isnan (fw_model_loss (model, &d)));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (gradient_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/engine/model/gradient/%s", gradient_cases[i].name);

      g_test_add_data_func (path, &gradient_cases[i], test_gradient);
    }
  g_test_add_data_func ("/engine/model/logistic/newton-sgd", GINT_TO_POINTER (FALSE),
                        test_logistic_newton);
  g_test_add_data_func ("/engine/model/logistic/newton-adam", GINT_TO_POINTER (TRUE),
                        test_logistic_newton);
  g_test_add_data_func ("/engine/model/linear/normal-equations", GINT_TO_POINTER (FALSE),
                        test_linear_normal_equations);
  g_test_add_data_func ("/engine/model/linear/ridge-weighted", GINT_TO_POINTER (TRUE),
                        test_linear_normal_equations);
  g_test_add_func ("/engine/model/linear/weights-duplicate", test_linear_weights_duplicate);
  g_test_add_func ("/engine/model/linear/singular", test_linear_singular);
  g_test_add_func ("/engine/model/determinism", test_determinism);
  g_test_add_func ("/engine/model/xor", test_xor);
  g_test_add_func ("/engine/model/copy-and-dup", test_copy_and_dup);
  g_test_add_func ("/engine/model/file-round-trip", test_file_round_trip);
  g_test_add_func ("/engine/model/set-arrays-refused", test_set_arrays_refused);
  g_test_add_data_func ("/engine/model/diverged/nan-lr", GUINT_TO_POINTER (0), test_diverged);
  g_test_add_data_func ("/engine/model/diverged/huge-lr-sgd", GUINT_TO_POINTER (1), test_diverged);
  g_test_add_data_func ("/engine/model/diverged/huge-lr-adam", GUINT_TO_POINTER (2),
                        test_diverged);
  g_test_add_func ("/engine/model/batch-stop", test_batch_stop);
  g_test_add_func ("/engine/model/predict-and-loss", test_predict_and_loss);
  g_test_add_func ("/engine/model/invalid-spec", test_invalid_spec);
  g_test_add_func ("/engine/model/invalid-data", test_invalid_data);

  return g_test_run ();
}
