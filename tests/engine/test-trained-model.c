/* test-trained-model.c — a trained pipeline survives its .fwmodel file unchanged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include "fw-csv-import.h"
#include "fw-sample.h"
#include "fw-trained-model.h"
#include "fw-trainer.h"

typedef struct
{
  FwTable        *table;
  FwRecipe       *recipe;
  FwDataset      *dataset;
  FwTrainedModel *trained;
} Fixture;

static void
train (Fixture    *fx,
       const char *target,
       FwModelKind kind)
{
  g_autoptr(GBytes) bytes = fw_sample_generate (2000, 5);
  g_autoptr(FwTableProfile) profile = NULL;
  g_autoptr(FwTrainer) trainer = NULL;
  g_autoptr(GError) error = NULL;
  FwTrainerEvent *event;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  fx->table = fw_csv_import_data (data, size, NULL, NULL, &error);
  g_assert_no_error (error);
  profile = fw_table_profile_new (fx->table, NULL, NULL, NULL, &error);
  fx->recipe = fw_recipe_new_suggested (fx->table, profile, target, &error);
  g_assert_no_error (error);
  fx->recipe->model.kind = kind;
  fx->recipe->model.epochs = 5;
  if (kind == FW_MODEL_MLP)
    {
      fx->recipe->model.hidden[0] = 8;
      fx->recipe->model.n_hidden = 1;
      fx->recipe->model.dropout = 0.1;
    }
  g_ptr_array_add (fx->recipe->sensitive, g_strdup ("sex"));
  fx->dataset = fw_dataset_prepare (fx->table, fx->recipe, NULL, &error);
  g_assert_no_error (error);
  trainer = fw_trainer_new (fx->dataset, &fx->recipe->model, fx->recipe->seed, &error);
  g_assert_no_error (error);
  fw_trainer_start (trainer);
  while ((event = fw_trainer_wait_event (trainer, 60 * G_USEC_PER_SEC))->kind != FW_TRAINER_EVENT_DONE)
    fw_trainer_event_free (event);
  g_assert_cmpint (event->outcome, !=, FW_TRAINER_FAILED);
  fw_trainer_event_free (event);
  fw_trainer_join (trainer);
  fx->trained = fw_trained_model_new (fx->recipe, fx->dataset, fw_trainer_get_model (trainer),
                                      NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_clear (Fixture *fx)
{
  fw_trained_model_free (fx->trained);
  fw_dataset_free (fx->dataset);
  fw_recipe_free (fx->recipe);
  fw_table_free (fx->table);
}

static void
assert_round_trip (Fixture *fx)
{
  g_autofree char *dir = g_dir_make_tmp ("fw-trained-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "m.fwmodel", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTrainedModel) loaded = NULL;
  g_autofree float *before = NULL, *after = NULL;
  gsize n = fw_table_n_rows (fx->table) * fw_model_n_predictions (fx->trained->model);

  fx->trained->data_sha256 = g_strdup ("0123abcd");
  g_assert_true (fw_trained_model_save (fx->trained, file, &error));
  g_assert_no_error (error);
  loaded = fw_trained_model_load (file, &error);
  g_assert_no_error (error);

  g_assert_cmpint (loaded->task, ==, fx->trained->task);
  g_assert_cmpuint (loaded->positive, ==, fx->trained->positive);
  g_assert_cmpstrv (loaded->class_names, fx->trained->class_names);
  g_assert_cmpstrv (loaded->feature_names, fx->trained->feature_names);
  g_assert_cmpstr (loaded->data_sha256, ==, "0123abcd");
  g_assert_cmpstr (loaded->recipe->target, ==, fx->recipe->target);

  /* Bit for bit: the same preprocessing and parameters give the same numbers. */
  before = fw_trained_model_predict (fx->trained, fx->table, &error);
  g_assert_no_error (error);
  after = fw_trained_model_predict (loaded, fx->table, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (before, n * sizeof (float), after, n * sizeof (float));
  for (gsize i = 0; i < n; i++)
    g_assert_true (isfinite (before[i]));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_logistic_round_trip (void)
{
  Fixture fx = { 0 };

  train (&fx, "approved", FW_MODEL_LOGISTIC);
  g_assert_cmpint (fx.trained->task, ==, FW_TASK_BINARY);
  g_assert_cmpstr (fx.trained->class_names[fx.trained->positive], ==, "yes");
  /* sex is measured, not learned from. */
  for (guint i = 0; fx.trained->feature_names[i] != NULL; i++)
    g_assert_false (g_str_has_prefix (fx.trained->feature_names[i], "sex"));
  assert_round_trip (&fx);
  fixture_clear (&fx);
}

static void
test_mlp_and_regression_round_trip (void)
{
  Fixture mlp = { 0 }, linear = { 0 };

  train (&mlp, "approved", FW_MODEL_MLP);
  assert_round_trip (&mlp);
  fixture_clear (&mlp);
  train (&linear, "loan_amount", FW_MODEL_LINEAR);
  g_assert_cmpint (linear.trained->task, ==, FW_TASK_REGRESSION);
  assert_round_trip (&linear);
  fixture_clear (&linear);
}

static void
test_targets (void)
{
  Fixture fx = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree gsize *rows = NULL;
  g_autofree guint32 *labels = NULL;
  gsize n = 0;
  const FwColumn *target;
  g_autoptr(FwTable) odd = NULL;

  train (&fx, "approved", FW_MODEL_LOGISTIC);
  g_assert_true (fw_trained_model_targets (fx.trained, fx.table, &rows, &labels, NULL, &n, &error));
  g_assert_no_error (error);
  target = fw_table_column_by_name (fx.table, "approved");
  g_assert_cmpuint (n, ==, fw_table_n_rows (fx.table) - target->n_missing);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpstr (fx.trained->class_names[labels[i]], ==, fw_column_get_string (target, rows[i]));

  /* A class the model never saw is named in the error. */
  odd = fw_csv_import_data ("approved,age\nperhaps,40\n", -1, NULL, NULL, NULL);
  g_clear_pointer (&rows, g_free);
  g_clear_pointer (&labels, g_free);
  g_assert_false (fw_trained_model_targets (fx.trained, odd, &rows, &labels, NULL, &n, &error));
  g_assert_nonnull (strstr (error->message, "perhaps"));
  fixture_clear (&fx);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/trained-model/logistic-round-trip", test_logistic_round_trip);
  g_test_add_func ("/engine/trained-model/mlp-and-regression-round-trip",
                   test_mlp_and_regression_round_trip);
  g_test_add_func ("/engine/trained-model/targets", test_targets);

  return g_test_run ();
}
