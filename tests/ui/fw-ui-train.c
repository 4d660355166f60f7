/* fw-ui-train.c — a trained model in the session, for the UI tests of later steps
 *
 * Trains in code, as fairway-cli train does, so the tests of the Export step and of
 * projects need not drive the Train page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include "fw-model-file.h"
#include "fw-sample.h"
#include "fw-trainer.h"
#include "fw-ui-train.h"

GFile *
fw_ui_test_train (FwUiFixture *fixture,
                  FwWindow    *window,
                  const char  *name,
                  guint        n_rows)
{
  g_autoptr(GBytes) csv = fw_sample_generate (n_rows, FW_SAMPLE_DEFAULT_SEED);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwRecipe) recipe = NULL;
  g_autoptr(FwTrainer) trainer = NULL;
  g_autoptr(JsonObject) metrics = json_object_new ();
  FwSession *session = fw_window_get_session (window);
  FwDataset *dataset;
  FwTrainedModel *trained;
  FwTrainerEvent *event;
  gboolean done = FALSE;
  gsize length;
  const char *data = g_bytes_get_data (csv, &length);
  GFile *file = fw_ui_fixture_write_file (fixture, name, data, length);

  fw_window_open_file (window, file);
  g_assert_cmpstr (fw_ui_test_wait_import (fw_window_get_data_page (window)), ==, "preview");
  recipe = fw_recipe_new_suggested (fw_session_get_table (session),
                                    fw_session_get_profile (session), "approved", &error);
  g_assert_no_error (error);
  g_ptr_array_add (recipe->sensitive, g_strdup ("sex"));
  recipe->model.epochs = 3;
  fw_session_set_recipe (session, recipe);

  dataset = fw_dataset_prepare (fw_session_get_table (session), fw_session_get_recipe (session),
                                NULL, &error);
  g_assert_no_error (error);
  trainer = fw_trainer_new (dataset, &recipe->model, recipe->seed, &error);
  g_assert_no_error (error);
  fw_trainer_start (trainer);
  while (!done)
    {
      event = fw_trainer_wait_event (trainer, G_USEC_PER_SEC / 10);
      if (event == NULL)
        continue;
      done = event->kind == FW_TRAINER_EVENT_DONE;
      if (done)
        g_assert_cmpint (event->outcome, !=, FW_TRAINER_FAILED);
      fw_trainer_event_free (event);
    }
  fw_trainer_join (trainer);
  trained = fw_trained_model_new (fw_session_get_recipe (session), dataset,
                                  fw_trainer_get_model (trainer), metrics, &error);
  g_assert_no_error (error);
  trained->data_name = g_file_get_basename (file);
  trained->data_sha256 = fw_file_sha256 (file, NULL, &error);
  g_assert_no_error (error);
  fw_session_set_trained (session, trained, dataset);
  return file;
}

void
fw_ui_test_assert_same_predictions (const FwTrainedModel *a,
                                    const FwTrainedModel *b,
                                    const FwTable        *table)
{
  g_autoptr(GError) error = NULL;
  g_autofree float *pa = fw_trained_model_predict (a, table, &error);
  g_autofree float *pb = NULL;
  gsize n = fw_table_n_rows (table) * fw_model_n_predictions (a->model);

  g_assert_no_error (error);
  pb = fw_trained_model_predict (b, table, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fw_model_n_predictions (a->model), ==, fw_model_n_predictions (b->model));
  /* The same bytes of weights: the same floats, not merely close ones. */
  g_assert_cmpmem (pa, n * sizeof (float), pb, n * sizeof (float));
}

void
fw_ui_test_close_dialogs (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (ADW_IS_MESSAGE_DIALOG (window))
        gtk_window_destroy (window);
    }
  fw_ui_test_flush ();
}
