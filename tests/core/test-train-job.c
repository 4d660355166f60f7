/* test-train-job.c — training's heavy ends on worker threads: to completion, stopped by the
 * user, cancelled, refused
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include "fw-core-test.h"
#include "fw-train-job.h"

#define SAMPLE_ROWS 1000
#define EPOCHS      4

typedef struct
{
  FwSession     *session;
  GFile         *csv;
  GCancellable  *cancellable;
  gboolean       done;
  FwTrainingRun *run;
  FwTrainedModel *trained;
  GError        *error;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(FwRecipe) recipe = NULL;
  g_autoptr(GError) error = NULL;

  fixture->session = fw_session_new ();
  fixture->csv = fw_core_test_write_sample ("loans.csv", SAMPLE_ROWS);
  fixture->cancellable = g_cancellable_new ();
  fw_core_test_open (fixture->session, fixture->csv);
  recipe = fw_recipe_new_suggested (fw_session_get_table (fixture->session),
                                    fw_session_get_profile (fixture->session), "approved",
                                    &error);
  g_assert_no_error (error);
  g_ptr_array_add (recipe->sensitive, g_strdup ("sex"));
  recipe->model.epochs = EPOCHS;
  recipe->model.patience = 0;
  /* The job's epochs, as the optimiser runs them (an exact fit ends when it converges). */
  recipe->model.solver = FW_SOLVER_MINIBATCH;
  fw_session_set_recipe (fixture->session, recipe);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_pointer (&fixture->run, fw_training_run_free);
  g_clear_pointer (&fixture->trained, fw_trained_model_free);
  g_clear_error (&fixture->error);
  g_object_unref (fixture->cancellable);
  g_object_unref (fixture->csv);
  g_assert_finalize_object (fixture->session);
}

static gboolean
is_done (gpointer data)
{
  return ((Fixture *) data)->done;
}

static void
prepare_done (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Fixture *fixture = data;

  fixture->run = fw_train_job_prepare_finish (result, &fixture->error);
  fixture->done = TRUE;
}

/* The session's data and recipe, prepared on a worker; NULL and fixture->error on refusal. */
static FwTrainingRun *
prepare (Fixture *fixture)
{
  FwSession *session = fixture->session;

  fixture->done = FALSE;
  fw_train_job_prepare_async (fw_session_get_table_model (session),
                              fw_session_get_file (session), fw_session_get_recipe (session), -1,
                              fixture->cancellable, prepare_done, fixture);
  fw_core_test_wait (is_done, fixture, "the dataset to be prepared");
  return fixture->run;
}

static void
finish_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Fixture *fixture = data;

  fixture->trained = fw_train_job_finish_finish (result, &fixture->error);
  fixture->done = TRUE;
}

static FwTrainedModel *
finish (Fixture *fixture)
{
  fixture->done = FALSE;
  fw_train_job_finish_async (fixture->run, fixture->cancellable, finish_done, fixture);
  fw_core_test_wait (is_done, fixture, "the trained model to be assembled");
  return fixture->trained;
}

/* Drains the run's events until DONE, calling @on_epoch (if any) for each epoch. */
static guint
drain (FwTrainingRun *run,
       void         (*on_epoch) (FwTrainingRun *run))
{
  guint n_epochs = 0;

  while (!fw_training_run_is_done (run))
    {
      FwTrainerEvent *event = fw_training_run_wait_event (run, G_USEC_PER_SEC / 10);

      if (event != NULL && event->kind == FW_TRAINER_EVENT_EPOCH)
        {
          n_epochs++;
          if (on_epoch != NULL)
            on_epoch (run);
        }
      g_clear_pointer (&event, fw_trainer_event_free);
    }
  return n_epochs;
}

static void
test_complete (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *sha = fw_file_sha256 (fixture->csv, NULL, NULL);
  g_autofree char *name = g_file_get_basename (fixture->csv);
  const FwDataset *dataset;
  FwTrainedModel *trained;
  double accuracy;

  g_assert_nonnull (prepare (fixture));
  g_assert_no_error (fixture->error);
  /* Prepared on its own copy: the session's recipe may change meanwhile. */
  g_assert_true (fw_training_run_get_recipe (fixture->run) !=
                 fw_session_get_recipe (fixture->session));
  dataset = fw_training_run_get_dataset (fixture->run);
  g_assert_cmpuint (dataset->parts[FW_PART_TRAIN].n + dataset->parts[FW_PART_VALIDATION].n +
                    dataset->parts[FW_PART_TEST].n, ==, SAMPLE_ROWS);
  g_assert_nonnull (fw_training_run_get_audit (fixture->run));

  fw_trainer_start (fw_training_run_get_trainer (fixture->run));
  g_assert_cmpuint (drain (fixture->run, NULL), ==, EPOCHS);
  g_assert_cmpint (fw_training_run_get_outcome (fixture->run), ==, FW_TRAINER_COMPLETED);
  trained = finish (fixture);
  g_assert_no_error (fixture->error);
  g_assert_nonnull (trained);
  g_assert_cmpstr (trained->recipe->target, ==, "approved");
  g_assert_cmpstr (trained->data_name, ==, name);
  g_assert_cmpstr (trained->data_sha256, ==, sha);
  g_assert_cmpuint (json_array_get_length (trained->history), ==, EPOCHS);
  accuracy = json_object_get_double_member (trained->test_metrics, "accuracy");
  g_assert_cmpfloat (accuracy, >, 0.5);
  g_assert_cmpfloat (accuracy, <=, 1.0);
  g_assert_cmpuint (json_array_get_length (trained->fairness), ==, 1);

  /* Into the session, as the Train step hands it over. */
  fw_session_set_trained (fixture->session, g_steal_pointer (&fixture->trained),
                          fw_training_run_steal_dataset (fixture->run));
  g_assert_true (fw_session_get_trained (fixture->session) == trained);
  g_assert_nonnull (fw_session_get_dataset (fixture->session));
  g_assert_cmpuint (fw_session_get_dataset (fixture->session)->parts[FW_PART_TEST].n, >, 0);
}

static void
stop_now (FwTrainingRun *run)
{
  fw_trainer_stop (fw_training_run_get_trainer (run));
}

/* Stopped after its first epoch: the best model so far is kept. */
static void
test_stopped (Fixture       *fixture,
              gconstpointer  data)
{
  FwRecipe *recipe = fw_session_begin_edit (fixture->session);

  recipe->model.epochs = 1000;
  recipe->model.batch_size = 1;
  fw_session_end_edit (fixture->session);
  g_assert_nonnull (prepare (fixture));
  fw_trainer_start (fw_training_run_get_trainer (fixture->run));
  g_assert_cmpuint (drain (fixture->run, stop_now), <, 1000);
  g_assert_cmpint (fw_training_run_get_outcome (fixture->run), ==, FW_TRAINER_STOPPED);
  g_assert_cmpuint (fw_training_run_get_best_epoch (fixture->run), >=, 1);
  g_assert_nonnull (finish (fixture));
  g_assert_no_error (fixture->error);
  g_assert_cmpuint (json_array_get_length (fixture->trained->history), <, 1000);
}

/* Cancelled while preparing: nothing comes back but the cancellation. */
static void
test_cancel_prepare (Fixture       *fixture,
                     gconstpointer  data)
{
  g_cancellable_cancel (fixture->cancellable);
  g_assert_null (prepare (fixture));
  g_assert_error (fixture->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Cancelled while the model is assembled (the window went on to something else). */
static void
test_cancel_finish (Fixture       *fixture,
                    gconstpointer  data)
{
  g_assert_nonnull (prepare (fixture));
  fw_trainer_start (fw_training_run_get_trainer (fixture->run));
  drain (fixture->run, NULL);
  g_cancellable_cancel (fixture->cancellable);
  g_assert_null (finish (fixture));
  g_assert_error (fixture->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* What cannot be trained is refused before any training, in words. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  FwRecipe *recipe = fw_session_begin_edit (fixture->session);

  g_free (recipe->target);
  recipe->target = g_strdup ("applicant_id");
  fw_session_end_edit (fixture->session);
  g_assert_null (prepare (fixture));
  g_assert_nonnull (fixture->error);
  g_assert_false (g_error_matches (fixture->error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_assert_cmpuint (strlen (fixture->error->message), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  fw_core_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/train-job/complete", test_complete);
  ADD ("/core/train-job/stopped", test_stopped);
  ADD ("/core/train-job/cancel-prepare", test_cancel_prepare);
  ADD ("/core/train-job/cancel-finish", test_cancel_finish);
  ADD ("/core/train-job/refused", test_refused);
#undef ADD

  return g_test_run ();
}
