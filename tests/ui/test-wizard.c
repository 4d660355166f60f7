/* test-wizard.c — the whole wizard, Data to Export, as a user clicks through it
 *
 * Drives the real window on the bundled sample through all seven steps with the same
 * actions and widgets a person uses (Try the Sample, Apply All Suggestions, the target
 * combo, Next, Train, Save All), checks each step's state, and saves a PNG of every step
 * into the test log folder ($FW_UI_SCREENSHOT_DIR, set by meson) for people to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-clean-page-private.h"
#include "fw-export-page-private.h"
#include "fw-model-page-private.h"
#include "fw-results-page-private.h"
#include "fw-sample.h"
#include "fw-target-page-private.h"
#include "fw-train-page-private.h"
#include "fw-ui-test.h"

static GtkWidget *
page_of (FwUiFixture *fixture,
         GType        type)
{
  GtkWidget *page = fw_ui_test_find_descendant (GTK_WIDGET (fixture->window), type);

  g_assert_nonnull (page);
  return page;
}

static void
next (FwUiFixture  *fixture,
      FwWizardStep  expected)
{
  GtkWidget *button = fw_window_get_next_button (fixture->window);

  g_assert_true (gtk_widget_is_sensitive (button));
  /* The button a user clicks, not a shortcut around it. */
  g_signal_emit_by_name (button, "clicked");
  fw_ui_test_flush ();
  g_assert_cmpint (fw_window_get_step (fixture->window), ==, expected);
}

static void
screenshot (FwUiFixture *fixture,
            const char  *name)
{
  fw_ui_test_save_screenshot (GTK_WIDGET (fixture->window), name);
}

/* "step-1-data" … "step-7-export". */
static void
screenshot_step (FwUiFixture  *fixture,
                 FwWizardStep  step)
{
  g_autofree char *name = g_strdup_printf ("step-%u-%s", step + 1, fw_wizard_step_get_id (step));

  screenshot (fixture, name);
}

static guint
combo_index (AdwComboRow *row,
             const char  *text)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text))
      return i;
  g_assert_not_reached ();
}

static gboolean
has_model (gpointer data)
{
  return fw_session_get_trained (data) != NULL;
}

static gboolean
export_idle (gpointer data)
{
  return !fw_export_page_get_busy (data);
}

static gboolean
recipe_has_sensitive (const FwRecipe *recipe,
                      const char     *name)
{
  for (guint i = 0; i < recipe->sensitive->len; i++)
    if (g_str_equal (g_ptr_array_index (recipe->sensitive, i), name))
      return TRUE;
  return FALSE;
}

static void
test_all_steps (FwUiFixture   *fixture,
                gconstpointer  data)
{
  FwSession *session;
  FwCleanPage *clean;
  FwTargetPage *target;
  FwModelPage *model;
  FwTrainPage *train;
  FwResultsPage *results;
  FwExportPage *export;
  const FwRecipe *recipe;
  FwTrainedModel *trained;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *accuracy = NULL;
  static const char *const saved[] = {
    "sample.fwmodel", "sample.onnx", "sample-predictions.csv",
    "sample-report.pdf", "sample-report.html", "sample-recipe.json",
  };

  FW_UI_TEST_REQUIRE_DISPLAY ();
  session = fw_window_get_session (fixture->window);

  /* 1 Data: Try the Sample, from the window's action as the empty page's button uses it. */
  screenshot (fixture, "step-0-empty");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-sample", NULL);
  g_assert_cmpstr (fw_ui_test_wait_import (fw_window_get_data_page (fixture->window)), ==,
                   "preview");
  g_assert_cmpuint (fw_table_n_rows (fw_session_get_table (session)), ==, FW_SAMPLE_DEFAULT_ROWS);
  g_assert_nonnull (fw_session_get_profile (session));
  screenshot_step (fixture, FW_WIZARD_DATA);

  /* 2 Clean: one card per column; Apply All Suggestions adds steps, one undoable edit. */
  next (fixture, FW_WIZARD_CLEAN);
  clean = FW_CLEAN_PAGE (page_of (fixture, FW_TYPE_CLEAN_PAGE));
  g_assert_cmpuint (g_list_model_get_n_items (fw_clean_page_get_columns (clean)), ==,
                    fw_table_n_columns (fw_session_get_table (session)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (clean), "clean.apply-suggestions",
                                             NULL));
  fw_ui_test_flush ();
  recipe = fw_session_get_recipe (session);
  g_assert_cmpuint (recipe->steps->len, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (fw_clean_page_get_steps (clean)), ==,
                    recipe->steps->len);
  g_assert_true (fw_session_can_undo (session));
  screenshot_step (fixture, FW_WIZARD_CLEAN);

  /* 3 Target: "approved" through the combo; sex is suggested as sensitive, not a feature. */
  next (fixture, FW_WIZARD_TARGET);
  g_assert_false (gtk_widget_is_sensitive (fw_window_get_next_button (fixture->window)));
  target = FW_TARGET_PAGE (page_of (fixture, FW_TYPE_TARGET_PAGE));
  adw_combo_row_set_selected (fw_target_page_get_target_row (target),
                              combo_index (fw_target_page_get_target_row (target), "approved"));
  fw_ui_test_flush ();
  recipe = fw_session_get_recipe (session);
  g_assert_cmpstr (recipe->target, ==, "approved");
  g_assert_true (recipe_has_sensitive (recipe, "sex"));
  g_assert_false (recipe->sensitive_as_features);
  /* Apply All Suggestions ran before the target was chosen and one-hot encoded "approved"
   * with the other yes/no columns: choosing it as the target took that step out. */
  for (guint i = 0; i < recipe->steps->len; i++)
    {
      const FwStep *step = g_ptr_array_index (recipe->steps, i);

      g_assert_true (g_strcmp0 (step->column, "approved") != 0 ||
                     step->kind == FW_STEP_DROP_MISSING_ROWS);
    }
  g_assert_nonnull (fw_target_page_get_audit (target));
  screenshot_step (fixture, FW_WIZARD_TARGET);

  /* 4 Model: logistic regression is the recommended, chosen card for a yes/no target. */
  next (fixture, FW_WIZARD_MODEL);
  model = FW_MODEL_PAGE (page_of (fixture, FW_TYPE_MODEL_PAGE));
  g_assert_true (fw_model_page_is_recommended (model, FW_MODEL_LOGISTIC));
  g_assert_cmpint (fw_session_get_recipe (session)->model.kind, ==, FW_MODEL_LOGISTIC);
  screenshot_step (fixture, FW_WIZARD_MODEL);

  /* 5 Train: Ctrl+Enter's action on this step; Next waits for the model. */
  next (fixture, FW_WIZARD_TRAIN);
  train = FW_TRAIN_PAGE (page_of (fixture, FW_TYPE_TRAIN_PAGE));
  g_assert_false (gtk_widget_is_sensitive (fw_window_get_next_button (fixture->window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (train), "train-page.train", NULL));
  fw_ui_test_wait (has_model, session, "the training to finish");
  fw_ui_test_flush ();
  trained = fw_session_get_trained (session);
  g_assert_cmpuint (fw_train_page_get_n_epochs_seen (train), >, 0);
  g_assert_cmpuint (json_array_get_length (trained->history), ==,
                    fw_train_page_get_n_epochs_seen (train));
  g_assert_cmpuint (json_array_get_length (trained->fairness), ==, recipe->sensitive->len);
  screenshot_step (fixture, FW_WIZARD_TRAIN);

  /* 6 Results: the accuracy shown is the model's test accuracy. */
  next (fixture, FW_WIZARD_RESULTS);
  results = FW_RESULTS_PAGE (page_of (fixture, FW_TYPE_RESULTS_PAGE));
  accuracy = g_strdup_printf ("%.1f %%",
                              100 * json_object_get_double_member (trained->test_metrics,
                                                                   "accuracy"));
  g_assert_cmpstr (fw_results_page_get_metric_text (results, "accuracy"), ==, accuracy);
  screenshot_step (fixture, FW_WIZARD_RESULTS);

  /* 7 Export: Save All writes every file, and nothing else. */
  next (fixture, FW_WIZARD_EXPORT);
  g_assert_false (gtk_widget_get_visible (fw_window_get_next_button (fixture->window)));
  export = FW_EXPORT_PAGE (page_of (fixture, FW_TYPE_EXPORT_PAGE));
  gtk_text_buffer_set_text (fw_export_page_get_intended_use_buffer (export),
                            "A second opinion for loan officers; never the only reviewer.", -1);
  screenshot_step (fixture, FW_WIZARD_EXPORT);
  folder = g_file_new_build_filename (fixture->tmpdir, "out", NULL);
  g_assert_true (g_file_make_directory (folder, NULL, NULL));
  fw_export_page_save_all (export, folder);
  fw_ui_test_wait (export_idle, export, "the files to be written");
  g_assert_false (fw_export_page_get_last_failed (export));
  for (guint i = 0; i < G_N_ELEMENTS (saved); i++)
    {
      g_autoptr(GFile) file = g_file_get_child (folder, saved[i]);
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                     0, NULL, NULL);

      g_assert_nonnull (info);
      g_assert_cmpint (g_file_info_get_size (info), >, 0);
      g_assert_true (g_file_delete (file, NULL, NULL));
    }
  g_assert_true (g_file_delete (folder, NULL, NULL));

  /* Every step is now reachable from the indicator. */
  for (FwWizardStep step = FW_WIZARD_DATA; step < FW_N_STEPS; step++)
    g_assert_true (fw_step_indicator_is_step_reachable (
      fw_window_get_step_indicator (fixture->window), step));
}

int
main (int   argc,
      char *argv[])
{
  fw_ui_test_init (&argc, &argv);
  g_test_add ("/ui/wizard/all-steps", FwUiFixture, NULL, fw_ui_fixture_setup, test_all_steps,
              fw_ui_fixture_teardown);
  return g_test_run ();
}
