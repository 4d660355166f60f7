/* fw-train-test.c — what the Train and Results page tests share: a trained session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <time.h>
#include "fw-sample.h"
#include "fw-train-test.h"

FwTrainPage *
fw_train_test_prepare (FwUiFixture *fixture,
                       guint64      rows,
                       guint        epochs,
                       guint        patience)
{
  g_autoptr(GBytes) csv = fw_sample_generate (rows, 42);
  g_autoptr(GFile) file = NULL;
  FwSession *session = fw_window_get_session (fixture->window);
  FwRecipe *recipe;
  gsize size;
  const char *data = g_bytes_get_data (csv, &size);

  file = fw_ui_fixture_write_file (fixture, "loans.csv", data, size);
  fw_window_open_file (fixture->window, file);
  g_assert_cmpstr (fw_ui_test_wait_import (fw_window_get_data_page (fixture->window)), ==,
                   "preview");

  /* The cleaning the Clean step suggests (standardised numbers, one-hot categories). */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FwRecipe) suggested = fw_recipe_new_suggested (fw_session_get_table (session),
                                                             fw_session_get_profile (session),
                                                             "approved", &error);

    g_assert_no_error (error);
    fw_session_set_steps (session, suggested->steps);
  }
  recipe = fw_session_begin_edit (session);
  g_free (recipe->target);
  recipe->target = g_strdup ("approved");
  g_ptr_array_add (recipe->sensitive, g_strdup ("sex"));
  recipe->model.epochs = epochs;
  recipe->model.patience = patience;
  fw_session_end_edit (session);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.go-to-step", "u",
                              (guint32) FW_WIZARD_TRAIN);
  g_assert_cmpint (fw_window_get_step (fixture->window), ==, FW_WIZARD_TRAIN);
  fw_ui_test_flush ();
  return FW_TRAIN_PAGE (fw_ui_test_find_descendant (GTK_WIDGET (fixture->window),
                                                    FW_TYPE_TRAIN_PAGE));
}

static gboolean
idle (gpointer data)
{
  return !fw_train_page_get_busy (data);
}

void
fw_train_test_wait_idle (FwTrainPage *page)
{
  fw_ui_test_wait (idle, page, "training to end");
}

void
fw_train_test_train (FwUiFixture *fixture,
                     FwTrainPage *page)
{
  FwSession *session = fw_window_get_session (fixture->window);

  g_assert_cmpstr (fw_train_page_get_state (page), ==, "ready");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "train-page.train", NULL));
  g_assert_true (fw_train_page_get_busy (page));
  fw_train_test_wait_idle (page);
  g_assert_cmpstr (fw_train_page_get_state (page), ==, "training");
  g_assert_nonnull (fw_session_get_trained (session));
  g_assert_nonnull (fw_session_get_dataset (session));
}

void
fw_train_test_screenshots (GtkWidget  *widget,
                           const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strconcat (name, "-light", NULL);
  g_autofree char *dark = g_strconcat (name, "-dark", NULL);

  if (g_getenv ("FW_UI_SCREENSHOT_DIR") == NULL)
    return;
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  fw_ui_test_save_screenshot (widget, light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  fw_ui_test_save_screenshot (widget, dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  fw_ui_test_flush ();
}

double
fw_train_test_cli_rows_per_second (FwUiFixture *fixture)
{
  const char *cli = g_getenv ("FAIRWAY_CLI");
  FwSession *session = fw_window_get_session (fixture->window);
  g_autoptr(FwRecipe) recipe = fw_recipe_copy (fw_session_get_recipe (session));
  g_autofree char *recipe_path = g_build_filename (fixture->tmpdir, "recipe.json", NULL);
  g_autoptr(GFile) recipe_file = g_file_new_for_path (recipe_path);
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { cli, "train", "--recipe", recipe_path, "--json", NULL };
  double sum = 0;
  guint n = 0;
  int status;

  g_assert_nonnull (cli);
  g_free (recipe->data);
  recipe->data = g_file_get_path (fw_session_get_file (session));
  g_assert_true (fw_recipe_save (recipe, recipe_file, &error));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) node = json_from_string (lines[i], NULL);
      JsonObject *object = node != NULL ? json_node_get_object (node) : NULL;

      if (object != NULL && g_strcmp0 (json_object_get_string_member (object, "event"), "epoch") == 0)
        sum += json_object_get_double_member (object, "rows_per_second"), n++;
    }
  g_unlink (recipe_path);
  return n > 0 ? sum / n : NAN;
}

gint64
fw_train_test_thread_cpu_us (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}
