/* test-cuda-train.c — whole trainings on the GPU against the same trainings on the CPU
 *
 * The bundled sample (5000 rows, seed 42), the Clean step's suggested recipe, a fixed seed:
 * every epoch's validation loss on the GPU must agree with the CPU's within 1e-3 relative
 * (the ops agree to an ulp or two; over a few hundred steps of Adam, that drift stays far
 * below 1e-3).  Also: the model says it ran on CUDA, GPU energy is asked of NVML, keeping
 * the rows on the device changes no number, and too little device memory is a sentence.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include "fw-csv-import.h"
#include "fw-dataset.h"
#include "fw-model.h"
#include "fw-model-device-private.h"
#include "fw-sample.h"
#include "fw-trainer.h"
#include "fw-cuda-test.h"

#define EPOCHS 6

static FwTable *sample_table;

typedef struct
{
  const char     *name;
  const char     *target;
  guint           hidden[2];
  guint           n_hidden;
  FwOptimizerKind optimizer;
  double          dropout, l2, learning_rate;
  guint           batch;
} TrainCase;

static FwRecipe *
recipe_for (const TrainCase *tc)
{
  g_autoptr(GError) error = NULL;
  FwRecipe *recipe = fw_recipe_new_suggested (sample_table, NULL, tc->target, &error);

  g_assert_no_error (error);
  recipe->model.kind = FW_MODEL_MLP;
  recipe->model.n_hidden = tc->n_hidden;
  memcpy (recipe->model.hidden, tc->hidden, sizeof tc->hidden);
  recipe->model.optimizer = tc->optimizer;
  recipe->model.momentum = 0.9;
  recipe->model.dropout = tc->dropout;
  recipe->model.l2 = tc->l2;
  recipe->model.learning_rate = tc->learning_rate;
  recipe->model.batch_size = tc->batch;
  recipe->model.epochs = EPOCHS;
  recipe->model.patience = 0;   /* every epoch on both devices */
  recipe->seed = 7;
  return recipe;
}

/* Trains on @device; returns the validation loss of each epoch and the backend's label. */
static GArray *
train (const FwDataset *dataset,
       FwRecipe        *recipe,
       const char      *device,
       char           **backend,
       char           **energy_detail)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTrainer) trainer = NULL;
  GArray *losses = g_array_new (FALSE, FALSE, sizeof (double));

  g_free (recipe->model.device);
  recipe->model.device = g_strdup (device);
  trainer = fw_trainer_new (dataset, &recipe->model, recipe->seed, &error);
  g_assert_no_error (error);
  fw_trainer_start (trainer);
  for (;;)
    {
      g_autoptr(FwTrainerEvent) event = fw_trainer_wait_event (trainer, 600 * G_USEC_PER_SEC);

      g_assert_nonnull (event);
      if (event->kind == FW_TRAINER_EVENT_EPOCH)
        g_array_append_val (losses, event->validation_loss);
      if (event->kind == FW_TRAINER_EVENT_DONE)
        {
          g_assert_no_error (event->error);
          g_assert_cmpint (event->outcome, ==, FW_TRAINER_COMPLETED);
          break;
        }
    }
  fw_trainer_join (trainer);
  *backend = fw_model_describe_backend (fw_trainer_get_model (trainer));
  *energy_detail = g_strdup (fw_trainer_get_energy (trainer)->detail);
  return losses;
}

static void
test_parity (gconstpointer data)
{
  const TrainCase *tc = data;
  g_autoptr(FwRecipe) recipe = recipe_for (tc);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwDataset) dataset = fw_dataset_prepare (sample_table, recipe, NULL, &error);
  g_autofree char *cpu_backend = NULL, *gpu_backend = NULL, *cpu_energy = NULL;
  g_autofree char *gpu_energy = NULL;
  g_autoptr(GArray) cpu = NULL, gpu = NULL;

  g_assert_no_error (error);
  cpu = train (dataset, recipe, "cpu", &cpu_backend, &cpu_energy);
  gpu = train (dataset, recipe, "cuda", &gpu_backend, &gpu_energy);

  g_assert_true (g_str_has_prefix (cpu_backend, "cpu ("));
  g_assert_true (g_str_has_prefix (gpu_backend, "cuda ("));
  /* The meter was told a GPU trains: its account names the GPU, measured or not. */
  g_assert_nonnull (strstr (gpu_energy, "GPU"));
  g_assert_cmpuint (cpu->len, ==, EPOCHS);
  g_assert_cmpuint (gpu->len, ==, EPOCHS);
  for (guint e = 0; e < EPOCHS; e++)
    {
      double c = g_array_index (cpu, double, e), g = g_array_index (gpu, double, e);

      g_test_message ("%s epoch %u: validation loss %.9g (CPU) %.9g (GPU)", tc->name, e + 1, c,
                      g);
      if (!(fabs (g - c) <= 1e-3 * fabs (c)))
        g_error ("%s, epoch %u: validation loss %.9g on the GPU, %.9g on the CPU", tc->name,
                 e + 1, g, c);
    }
}

/* Rows kept on the device (uploaded once) and rows uploaded every epoch: the same bits. */
static void
test_kept_rows (void)
{
  static const TrainCase tc = { "kept", "approved", { 32 }, 1, FW_OPTIMIZER_ADAM, 0.1, 1e-4,
                                0.001, 128 };
  g_autoptr(FwRecipe) recipe = recipe_for (&tc);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwDataset) dataset = fw_dataset_prepare (sample_table, recipe, NULL, &error);
  const FwDataPart *part;
  g_autoptr(FwModel) kept = NULL, uploaded = NULL;
  FwModelData d;

  g_assert_no_error (error);
  part = &dataset->parts[FW_PART_TRAIN];
  d = (FwModelData) { part->x, part->labels, part->values, part->weights, part->n };
  g_free (recipe->model.device);
  recipe->model.device = g_strdup ("cuda");
  kept = fw_model_new (&recipe->model, dataset->task, dataset->n_features, 1, 7, &error);
  g_assert_no_error (error);
  uploaded = fw_model_new (&recipe->model, dataset->task, dataset->n_features, 1, 7, &error);
  g_assert_no_error (error);
  g_assert_true (fw_model_keep_data (kept, &d, &error));
  g_assert_no_error (error);
  for (guint e = 0; e < 3; e++)
    {
      double a = fw_model_train_epoch (kept, &d, NULL, NULL, &error);
      double b;

      g_assert_no_error (error);
      b = fw_model_train_epoch (uploaded, &d, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (isfinite (a));
      g_assert_cmpfloat (a, ==, b);
    }
}

/* More rows than the device holds: refused before any allocation, in words. */
static void
test_too_little_memory (void)
{
  g_autoptr(FwModel) model = NULL;
  g_autoptr(GError) error = NULL;
  FwModelSpec spec = { 0 };
  guint64 free_bytes = 0, total = 0;
  float x[4] = { 0 }, values[1] = { 0 };
  FwModelData d = { x, NULL, values, NULL, 0 };

  spec.kind = FW_MODEL_MLP;
  spec.n_hidden = 1;
  spec.hidden[0] = 8;
  spec.batch_size = 16;
  spec.learning_rate = 0.001;
  spec.optimizer = FW_OPTIMIZER_ADAM;
  spec.device = (char *) "cuda";
  model = fw_model_new (&spec, FW_TASK_REGRESSION, 4, 1, 1, &error);
  g_assert_no_error (error);
  g_assert_true (model->be->memory_info (model->be, &free_bytes, &total));
  /* The check comes before anything reads the (tiny) arrays. */
  d.n = total / (4 * sizeof (float)) + 1;
  g_assert_false (fw_model_make_resident (model, &d, TRUE, &error));
  g_assert_error (error, FW_BACKEND_ERROR, FW_BACKEND_ERROR_MEMORY);
  g_assert_nonnull (strstr (error->message, "CPU"));
  g_assert_true (model->be->check (model->be, NULL));
}

static const TrainCase cases[] = {
  { "binary-adam", "approved", { 64, 64 }, 2, FW_OPTIMIZER_ADAM, 0, 1e-4, 0.001, 256 },
  { "multiclass-sgd-dropout", "education", { 64, 32 }, 2, FW_OPTIMIZER_SGD, 0.2, 1e-3, 0.01,
    100 },
  { "regression-adam", "credit_score", { 32 }, 1, FW_OPTIMIZER_ADAM, 0, 0, 0.01, 4096 },
};

int
main (int    argc,
      char **argv)
{
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  fw_cuda_test_require_device ();

  csv = fw_sample_generate (FW_SAMPLE_DEFAULT_ROWS, FW_SAMPLE_DEFAULT_SEED);
  sample_table = fw_csv_import_data (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv), NULL,
                                     NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cuda/train/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_parity);
    }
  g_test_add_func ("/cuda/train/kept-rows", test_kept_rows);
  g_test_add_func ("/cuda/train/too-little-memory", test_too_little_memory);
  status = g_test_run ();
  fw_table_free (sample_table);
  return status;
}
