/* test-project.c — projects under Xvfb: save and reopen, autosave, a real crash restored
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include "fw-recovery.h"
#include "fw-sample.h"
#include "fw-ui-train.h"

static FwWindow *
new_window (FwUiFixture *fixture)
{
  FwWindow *window = fw_window_new (GTK_APPLICATION (fixture->application));

  gtk_window_present (GTK_WINDOW (window));
  fw_ui_test_flush ();
  return window;
}

/* The window's own recovery file: recovery/<uuid>.fairway in the state folder. */
static GFile *
autosave_file (FwWindow *window)
{
  GFile *file = fw_project_get_autosave_file (fw_window_get_project (window));
  g_autofree char *folder = fw_recovery_default_folder ();
  g_autoptr(GFile) parent = NULL;
  g_autofree char *name = NULL;

  g_assert_nonnull (file);
  parent = g_file_get_parent (file);
  g_assert_cmpstr (g_file_peek_path (parent), ==, folder);
  name = g_file_get_basename (file);
  g_assert_cmpuint (strlen (name), ==, 36 + strlen (".fairway"));
  return g_object_ref (file);
}

/* The recovery files of every session, live or not. */
static guint
count_recovery_files (void)
{
  g_autofree char *folder = fw_recovery_default_folder ();
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    n += g_str_has_suffix (name, ".fairway") && name[0] != '.';
  return n;
}

static gboolean
recovery_file_written (gpointer data)
{
  return count_recovery_files () >= GPOINTER_TO_UINT (data);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_query_exists (data, NULL);
}

static gboolean
has_trained (gpointer data)
{
  return fw_session_get_trained (fw_window_get_session (data)) != NULL;
}

static gboolean
has_data (gpointer data)
{
  return fw_session_has_data (fw_window_get_session (data)) &&
         !fw_data_page_get_busy (fw_window_get_data_page (data));
}

/* Saved with a trained model, opened in a fresh window: the recipe, the step, the
 * intended use and the model (to the last bit of its predictions) come back. */
static void
test_save_open (FwUiFixture   *fixture,
                gconstpointer  data)
{
  g_autoptr(GFile) csv = NULL, project_file = NULL;
  g_autoptr(GError) error = NULL;
  FwProject *project;
  FwSession *session, *second_session;
  FwWindow *second;
  const FwRecipe *a, *b;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  csv = fw_ui_test_train (fixture, fixture->window, "loans.csv", 600);
  session = fw_window_get_session (fixture->window);
  project = fw_window_get_project (fixture->window);
  fw_project_set_intended_use (project, "Second looks at loan applications.");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.go-to-step", "u",
                              FW_WIZARD_RESULTS);
  g_assert_true (fw_project_has_unsaved_work (project));

  project_file = g_file_new_build_filename (fixture->tmpdir, "loans.fairway", NULL);
  g_assert_true (fw_project_save (project, project_file, &error));
  g_assert_no_error (error);
  g_assert_false (fw_project_get_modified (project));
  g_assert_true (g_file_equal (fw_project_get_file (project), project_file));

  second = new_window (fixture);
  g_object_add_weak_pointer (G_OBJECT (second), (gpointer *) &second);
  fw_window_open_project (second, project_file);
  fw_ui_test_wait (has_trained, second, "the project to be restored");
  second_session = fw_window_get_session (second);

  g_assert_true (g_file_equal (fw_session_get_file (second_session), csv));
  a = fw_session_get_recipe (session);
  b = fw_session_get_recipe (second_session);
  g_assert_cmpstr (b->target, ==, a->target);
  g_assert_cmpuint (b->steps->len, ==, a->steps->len);
  g_assert_cmpuint (b->sensitive->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (b->sensitive, 0), ==, "sex");
  g_assert_cmpint (b->model.epochs, ==, 3);
  g_assert_cmpint (fw_window_get_step (second), ==, FW_WIZARD_RESULTS);
  g_assert_cmpstr (fw_project_get_intended_use (fw_window_get_project (second)), ==,
                   "Second looks at loan applications.");
  g_assert_nonnull (fw_session_get_dataset (second_session));
  fw_core_test_assert_same_predictions (fw_session_get_trained (session),
                                        fw_session_get_trained (second_session),
                                        fw_session_get_table (second_session));
  /* Just opened: nothing to save, and the file is the project's. */
  g_assert_false (fw_project_get_modified (fw_window_get_project (second)));
  g_assert_true (g_file_equal (fw_project_get_file (fw_window_get_project (second)),
                               project_file));

  gtk_window_destroy (GTK_WINDOW (second));
  fw_ui_test_flush ();
  g_assert_null (second);
  g_file_delete (project_file, NULL, NULL);
}

/* A window of @data (the application) whose session holds the data and targets "approved". */
static gboolean
project_opened (gpointer data)
{
  for (GList *l = gtk_application_get_windows (data); l != NULL; l = l->next)
    if (FW_IS_WINDOW (l->data) && has_data (l->data) &&
        g_strcmp0 (fw_session_get_recipe (fw_window_get_session (l->data))->target,
                   "approved") == 0)
      return TRUE;
  return FALSE;
}

/* `fairway loans.fairway` (GApplication::open, as the command line and file managers use):
 * the project's data and recipe, not the project file read as a table. */
static void
test_open_from_command_line (FwUiFixture   *fixture,
                             gconstpointer  data)
{
  g_autoptr(GBytes) sample = fw_sample_generate (300, 3);
  g_autoptr(GFile) csv = NULL, project_file = NULL;
  g_autoptr(GError) error = NULL;
  FwSession *session = fw_window_get_session (fixture->window);
  FwRecipe *recipe;
  gsize size;
  const char *bytes = g_bytes_get_data (sample, &size);

  FW_UI_TEST_REQUIRE_DISPLAY ();

  csv = fw_ui_fixture_write_file (fixture, "loans.csv", bytes, size);
  fw_window_open_file (fixture->window, csv);
  g_assert_cmpstr (fw_ui_test_wait_import (fw_window_get_data_page (fixture->window)), ==,
                   "preview");
  recipe = fw_session_begin_edit (session);
  recipe->target = g_strdup ("approved");
  fw_session_end_edit (session);
  project_file = g_file_new_build_filename (fixture->tmpdir, "loans.fairway", NULL);
  g_assert_true (fw_project_save (fw_window_get_project (fixture->window), project_file, &error));
  g_assert_no_error (error);
  recipe = fw_session_begin_edit (session);
  g_free (recipe->target);
  recipe->target = NULL;
  fw_session_end_edit (session);

  g_application_open (G_APPLICATION (fixture->application), &project_file, 1, "");
  fw_ui_test_wait (project_opened, fixture->application, "the project to be opened");
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (fixture->application));
       l != NULL; l = l->next)
    if (FW_IS_WINDOW (l->data) && has_data (l->data))
      g_assert_cmpuint (fw_table_n_columns (fw_session_get_table (
                          fw_window_get_session (l->data))), ==, 21);
  g_file_delete (project_file, NULL, NULL);
}

/* The project and its data moved together: found beside it, and the user is told. */
static void
test_moved_data (FwUiFixture   *fixture,
                 gconstpointer  data)
{
  g_autoptr(GFile) csv = NULL, project_file = NULL, moved_dir = NULL;
  g_autoptr(GFile) moved_csv = NULL, moved_project = NULL;
  g_autoptr(GError) error = NULL;
  FwWindow *second;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  csv = fw_ui_test_train (fixture, fixture->window, "loans.csv", 300);
  project_file = g_file_new_build_filename (fixture->tmpdir, "loans.fairway", NULL);
  g_assert_true (fw_project_save (fw_window_get_project (fixture->window), project_file, &error));
  g_assert_no_error (error);

  moved_dir = g_file_new_build_filename (fixture->tmpdir, "moved", NULL);
  g_file_make_directory (moved_dir, NULL, &error);
  g_assert_no_error (error);
  moved_csv = g_file_get_child (moved_dir, "loans.csv");
  moved_project = g_file_get_child (moved_dir, "loans.fairway");
  g_file_move (csv, moved_csv, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_file_move (project_file, moved_project, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  second = new_window (fixture);
  fw_window_open_project (second, moved_project);
  fw_ui_test_wait (has_trained, second, "the moved project to be restored");
  g_assert_true (g_file_equal (fw_session_get_file (fw_window_get_session (second)), moved_csv));
  fw_ui_test_close_dialogs ();
  gtk_window_destroy (GTK_WINDOW (second));
  fw_ui_test_flush ();
  g_file_delete (moved_csv, NULL, NULL);
  g_file_delete (moved_project, NULL, NULL);
  g_file_delete (moved_dir, NULL, NULL);
}

/* A change writes the autosave a moment later; a clean close removes it. */
static void
test_autosave (FwUiFixture   *fixture,
               gconstpointer  data)
{
  g_autoptr(GFile) autosave = NULL;
  g_autoptr(GFile) csv = NULL;
  g_autoptr(FwProjectFile) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = NULL;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  autosave = autosave_file (fixture->window);
  csv = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "ui", "people.csv", NULL));
  fw_window_open_file (fixture->window, csv);
  g_assert_cmpstr (fw_ui_test_wait_import (fw_window_get_data_page (fixture->window)), ==,
                   "preview");
  fw_ui_test_wait (file_exists, autosave, "the autosave to be written");
  saved = fw_project_file_load (autosave, &error);
  g_assert_no_error (error);
  csv_path = g_file_get_path (csv);
  g_assert_cmpstr (saved->data_path, ==, csv_path);
  /* The data's fingerprint, which a worker computes, is the file's. */
  {
    g_autofree char *contents = NULL;
    g_autofree char *expected = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (csv_path, &contents, &length, NULL));
    expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
    g_assert_cmpstr (saved->data_sha256, ==, expected);
  }

  gtk_window_close (GTK_WINDOW (fixture->window));
  fw_ui_test_flush ();
  g_assert_false (g_file_query_exists (autosave, NULL));
  g_assert_cmpuint (count_recovery_files (), ==, 0);
}

static gboolean
restore_offered (gpointer data)
{
  return fw_data_page_get_restore_offered (fw_window_get_data_page (data));
}

/* The real application, killed, and another session that ended without a clean close: the
 * next window offers both, one row each, and restores the one chosen. */
static void
test_crash_restore (FwUiFixture   *fixture,
                    gconstpointer  data)
{
  const char *binary = g_getenv ("FAIRWAY_BINARY");
  g_autofree char *folder = fw_recovery_default_folder ();
  g_autoptr(GFile) csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(FwRecovery) other = NULL;
  g_autoptr(FwProjectFile) other_project = fw_project_file_new ();
  g_autofree char *other_id = NULL;
  g_autofree char *killed_id = NULL;
  g_auto(GStrv) env = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *target = NULL;
  const char *argv[3] = { NULL, };
  FwWindow *window;
  GtkWidget *row;
  guint n_rows = 0;
  GPid pid;
  int status;

  FW_UI_TEST_REQUIRE_DISPLAY ();
  if (binary == NULL || !g_file_test (binary, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("FAIRWAY_BINARY does not name the built application");
      return;
    }

  /* The fixture's window is a live session: never offered, never touched. */
  g_assert_cmpuint (count_recovery_files (), ==, 0);
  csv = fw_ui_fixture_write_file (fixture, "people.csv",
                                  "name,age,city\nAlice,34,Paris\nBob,41,Berlin\n", -1);
  csv_path = g_file_get_path (csv);

  /* This process's throw-away user folders (fw_ui_test_init), so the application's
   * recovery file lands where this process looks for it. */
  env = g_get_environ ();
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
  argv[0] = binary;
  argv[1] = csv_path;
  g_spawn_async (NULL, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                 &error);
  g_assert_no_error (error);

  fw_ui_test_wait (recovery_file_written, GUINT_TO_POINTER (1), "the application to autosave");
  /* Alive, it is not offered. */
  entries = fw_recovery_list (folder);
  g_assert_cmpuint (entries->len, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_spawn_close_pid (pid);
  entries = fw_recovery_list (folder);
  g_assert_cmpuint (entries->len, ==, 1);
  killed_id = g_strdup (((FwRecoveryEntry *) g_ptr_array_index (entries, 0))->id);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* A second session that ended without a clean close (no data: an untitled one). */
  other = fw_recovery_new (folder, &error);
  g_assert_no_error (error);
  other_id = g_strdup (fw_recovery_get_id (other));
  other_project->step = g_strdup ("model");
  g_assert_true (fw_project_file_save (other_project, fw_recovery_get_file (other), &error));
  g_assert_no_error (error);
  g_clear_pointer (&other, fw_recovery_free);

  window = new_window (fixture);
  fw_ui_test_wait (restore_offered, window, "the restore offer");
  for (row = gtk_widget_get_first_child (GTK_WIDGET (fw_data_page_get_restore_list (
         fw_window_get_data_page (window)))); row != NULL; row = gtk_widget_get_next_sibling (row))
    n_rows++;
  g_assert_cmpuint (n_rows, ==, 2);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fw_data_page_get_restore_list (
    fw_window_get_data_page (window)))));
  fw_ui_test_save_screenshot (GTK_WIDGET (window), "restore-offer");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-session", "s", killed_id);
  /* The other one is still offered, alone now. */
  g_assert_true (fw_data_page_get_restore_offered (fw_window_get_data_page (window)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fw_data_page_get_restore_list (
    fw_window_get_data_page (window)))));
  fw_ui_test_wait (has_data, window, "the restored data");
  target = g_file_get_path (fw_session_get_file (fw_window_get_session (window)));
  g_assert_cmpstr (target, ==, csv_path);
  g_assert_cmpstr (fw_data_page_get_state (fw_window_get_data_page (window)), ==, "preview");
  g_assert_cmpuint (fw_table_n_rows (fw_session_get_table (fw_window_get_session (window))), ==, 2);
  /* Restored work is unsaved work, and goes on in the slot it came from. */
  g_assert_true (fw_project_get_modified (fw_window_get_project (window)));
  {
    g_autoptr(GFile) slot = autosave_file (window);
    g_autofree char *name = g_file_get_basename (slot);

    g_assert_true (g_str_has_prefix (name, killed_id));
  }
  /* Held by this window now: nobody else lists it. */
  entries = fw_recovery_list (folder);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (((FwRecoveryEntry *) g_ptr_array_index (entries, 0))->id, ==, other_id);
  g_clear_pointer (&entries, g_ptr_array_unref);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.discard-autosave", NULL);
  g_assert_false (fw_data_page_get_restore_offered (fw_window_get_data_page (window)));
  entries = fw_recovery_list (folder);
  g_assert_cmpuint (entries->len, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);

  gtk_window_destroy (GTK_WINDOW (window));
  fw_ui_test_flush ();
  /* Destroyed without a clean close: its file stays to be offered; tidy up. */
  g_assert_true (fw_recovery_delete (folder, killed_id, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  fw_ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, FwUiFixture, NULL, fw_ui_fixture_setup, func, fw_ui_fixture_teardown)
  ADD ("/ui/project/save-open", test_save_open);
  ADD ("/ui/project/moved-data", test_moved_data);
  ADD ("/ui/project/open-from-command-line", test_open_from_command_line);
  ADD ("/ui/project/autosave", test_autosave);
  ADD ("/ui/project/crash-restore", test_crash_restore);
#undef ADD

  return g_test_run ();
}
