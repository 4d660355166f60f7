/* test-window.c — the window under Xvfb: steps, navigation, drawing, remembered size
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include "fw-sample.h"
#include "fw-ui-test.h"
#include "fw-ui-train.h"

static GtkWidget *
find_step_button (FwWindow     *window,
                  FwWizardStep  step)
{
  GtkWidget *indicator = GTK_WIDGET (fw_window_get_step_indicator (window));
  guint index = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (indicator); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child) && index++ == step)
      return child;
  g_assert_not_reached ();
}

static void
test_initial_state (FwUiFixture   *fixture,
                    gconstpointer  data)
{
  FwDataPage *page;
  GtkWidget *next;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  page = fw_window_get_data_page (fixture->window);
  next = fw_window_get_next_button (fixture->window);
  g_assert_cmpstr (fw_data_page_get_state (page), ==, "empty");
  g_assert_cmpint (fw_window_get_step (fixture->window), ==, FW_WIZARD_DATA);

  /* Next says what is missing. */
  g_assert_false (gtk_widget_is_sensitive (next));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (next), ==, "Open a data file first");

  /* All seven steps are there; only Data can be entered before a table is open. */
  g_assert_true (gtk_widget_is_sensitive (find_step_button (fixture->window, FW_WIZARD_DATA)));
  for (FwWizardStep step = FW_WIZARD_CLEAN; step < FW_N_STEPS; step++)
    {
      GtkWidget *button = find_step_button (fixture->window, step);

      g_assert_false (gtk_widget_is_sensitive (button));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Finish the earlier steps first");
    }
  g_assert_cmpstr (fw_wizard_step_get_name (FW_WIZARD_EXPORT), ==, "Export");
}

static void
test_navigation_after_open (FwUiFixture   *fixture,
                            gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  FwStepIndicator *indicator;
  GtkWidget *next;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  file = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "ui", "people.csv", NULL));
  fw_window_open_file (fixture->window, file);
  g_assert_cmpstr (fw_ui_test_wait_import (fw_window_get_data_page (fixture->window)), ==,
                   "preview");

  /* Data and Clean are done; Target is where the user must choose, and nothing past it is
   * reachable until they do. */
  indicator = fw_window_get_step_indicator (fixture->window);
  next = fw_window_get_next_button (fixture->window);
  g_assert_cmpuint (fw_step_indicator_get_n_completed (indicator), ==, 2);
  g_assert_true (fw_step_indicator_is_step_reachable (indicator, FW_WIZARD_CLEAN));
  g_assert_true (fw_step_indicator_is_step_reachable (indicator, FW_WIZARD_TARGET));
  g_assert_false (fw_step_indicator_is_step_reachable (indicator, FW_WIZARD_MODEL));
  g_assert_true (gtk_widget_is_sensitive (next));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (next), ==, "Go on to Clean");
  g_assert_cmpint (fw_window_get_step (fixture->window), ==, FW_WIZARD_DATA);
  g_assert_true (fw_session_has_data (fw_window_get_session (fixture->window)));
  /* Reachable is not done: no tick on a step the user has not seen. */
  for (FwWizardStep s = FW_WIZARD_DATA; s < FW_N_STEPS; s++)
    g_assert_false (fw_step_indicator_is_step_done (indicator, s));

  /* Next walks on; Target says what it still needs. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next", NULL);
  g_assert_cmpint (fw_window_get_step (fixture->window), ==, FW_WIZARD_CLEAN);
  g_assert_true (fw_step_indicator_is_step_done (indicator, FW_WIZARD_DATA));
  g_assert_false (fw_step_indicator_is_step_done (indicator, FW_WIZARD_CLEAN));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next", NULL);
  g_assert_cmpint (fw_window_get_step (fixture->window), ==, FW_WIZARD_TARGET);
  g_assert_true (fw_step_indicator_is_step_done (indicator, FW_WIZARD_CLEAN));
  g_assert_false (gtk_widget_is_sensitive (next));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (next), ==, "Choose what to predict");

  /* A target opens the Model step, which is not done before the user has been there. */
  {
    FwSession *session = fw_window_get_session (fixture->window);
    FwRecipe *recipe = fw_session_begin_edit (session);

    recipe->target = g_strdup ("score");
    fw_session_end_edit (session);
  }
  g_assert_true (fw_step_indicator_is_step_reachable (indicator, FW_WIZARD_MODEL));
  g_assert_false (fw_step_indicator_is_step_done (indicator, FW_WIZARD_MODEL));
  g_assert_false (fw_step_indicator_is_step_done (indicator, FW_WIZARD_TARGET));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next", NULL);
  g_assert_cmpint (fw_window_get_step (fixture->window), ==, FW_WIZARD_MODEL);
  g_assert_true (fw_step_indicator_is_step_done (indicator, FW_WIZARD_TARGET));
  g_assert_false (fw_step_indicator_is_step_done (indicator, FW_WIZARD_MODEL));

  /* New data starts over: only the step on screen counts as seen. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.go-to-step", "u",
                              (guint32) FW_WIZARD_DATA);
  {
    g_autoptr(GFile) other = fw_ui_fixture_write_file (fixture, "other.csv", "a,b\n1,x\n2,y\n",
                                                       -1);

    fw_window_open_file (fixture->window, other);
  }
  g_assert_cmpstr (fw_ui_test_wait_import (fw_window_get_data_page (fixture->window)), ==,
                   "preview");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.go-to-step", "u",
                              (guint32) FW_WIZARD_TARGET);
  g_assert_cmpint (fw_window_get_step (fixture->window), ==, FW_WIZARD_TARGET);
  g_assert_true (fw_step_indicator_is_step_done (indicator, FW_WIZARD_DATA));
  g_assert_false (fw_step_indicator_is_step_done (indicator, FW_WIZARD_CLEAN));
}

/* Draws the window the way the compositor would get it and checks it is not one colour. */
static void
test_render (FwUiFixture   *fixture,
             gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  g_autofree guint32 *pixels = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height;
  const char *shot;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  file = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "ui", "people.csv", NULL));
  fw_window_open_file (fixture->window, file);
  g_assert_cmpstr (fw_ui_test_wait_import (fw_window_get_data_page (fixture->window)), ==,
                   "preview");
  fw_ui_test_flush ();

  width = gtk_widget_get_width (GTK_WIDGET (fixture->window));
  height = gtk_widget_get_height (GTK_WIDGET (fixture->window));
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (GTK_WIDGET (fixture->window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (GTK_NATIVE (fixture->window));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  pixels = g_new (guint32, (gsize) width * height);
  gdk_texture_download (texture, (guchar *) pixels, (gsize) width * 4);
  for (gsize i = 0; i < (gsize) width * height; i++)
    g_hash_table_add (colours, GUINT_TO_POINTER (pixels[i]));
  /* Text, icons and a grid make hundreds of shades; a blank window makes a handful. */
  g_assert_cmpuint (g_hash_table_size (colours), >, 32);

  /* FAIRWAY_TEST_SHOT=file.png keeps the picture, for looking at. */
  shot = g_getenv ("FAIRWAY_TEST_SHOT");
  if (shot != NULL)
    g_assert_true (gdk_texture_save_to_png (texture, shot));
}

static void
test_remembers_size (FwUiFixture   *fixture,
                     gconstpointer  data)
{
  g_autoptr(GSettings) settings = NULL;
  FwWindow *second;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 640);
  fw_ui_test_flush ();
  gtk_window_close (GTK_WINDOW (fixture->window));
  fw_ui_test_flush ();

  settings = g_settings_new (APPLICATION_ID);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* A new window starts at that size. */
  second = fw_window_new (GTK_APPLICATION (fixture->application));
  {
    int width, height;

    gtk_window_get_default_size (GTK_WINDOW (second), &width, &height);
    g_assert_cmpint (width, ==, 900);
    g_assert_cmpint (height, ==, 640);
  }
  gtk_window_destroy (GTK_WINDOW (second));
}

static void
test_app_windows (FwUiFixture   *fixture,
                  gconstpointer  data)
{
  GtkApplication *application;
  guint n_windows;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  application = GTK_APPLICATION (fixture->application);
  n_windows = g_list_length (gtk_application_get_windows (application));
  g_action_group_activate_action (G_ACTION_GROUP (application), "about", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (application), "shortcuts", NULL);
  fw_ui_test_flush ();
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (application)), >, n_windows);

  /* Close what opened, leaving the main window. */
  for (GList *l = gtk_application_get_windows (application); l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      if (window != GTK_WINDOW (fixture->window))
        gtk_window_destroy (window);
    }
  fw_ui_test_flush ();

  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (application, "win.open");

    g_assert_cmpstr (accels[0], ==, "<Control>o");
  }
}

typedef struct
{
  GApplication *application;
  GFile        *csv;
  gboolean      running_after_quit;
} QuitRun;

static gboolean
after_quit (gpointer data)
{
  QuitRun *run = data;
  GApplication *application = run->application;

  /* Still here: the window asked about its unsaved work instead of going. */
  run->running_after_quit = TRUE;
  fw_ui_test_close_dialogs ();
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (application)))
    gtk_window_destroy (l->data);
  return G_SOURCE_REMOVE;
}

static gboolean
make_work_then_quit (gpointer data)
{
  QuitRun *run = data;
  GApplication *application = run->application;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (application));
  FwWindow *window;
  FwSession *session;

  g_assert_nonnull (windows);
  window = FW_WINDOW (windows->data);
  session = fw_window_get_session (window);

  fw_window_open_file (window, run->csv);
  g_assert_cmpstr (fw_ui_test_wait_import (fw_window_get_data_page (window)), ==, "preview");
  fw_session_add_step (session, FW_STEP_DROP_COLUMN, "b", NULL);
  g_assert_true (fw_project_has_unsaved_work (fw_window_get_project (window)));

  g_action_group_activate_action (G_ACTION_GROUP (application), "quit", NULL);
  /* Had quitting gone ahead anyway, the application's loop would end before this runs. */
  g_timeout_add (200, after_quit, run);
  return G_SOURCE_REMOVE;
}

/* Once the window is there, in its own main-loop turn. */
static void
start_when_shown (QuitRun *run)
{
  g_idle_add (make_work_then_quit, run);
}

/* Quit (Ctrl+Q) closes each window as its close button would, asking about unsaved work,
 * and does not end the application under a window that asked. */
static void
test_quit_asks (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(FwApplication) application = NULL;
  QuitRun run = { NULL, NULL, FALSE };

  FW_UI_TEST_REQUIRE_DISPLAY ();

  dir = g_dir_make_tmp ("fairway-quit-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "small.csv", NULL);
  g_assert_true (g_file_set_contents (path, "a,b\n1,2\n3,4\n", -1, &error));
  run.csv = g_file_new_for_path (path);

  application = fw_application_new ();
  run.application = G_APPLICATION (application);
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_swapped (application, "window-added", G_CALLBACK (start_when_shown),
                            &run);
  g_application_run (G_APPLICATION (application), 0, NULL);
  g_assert_true (run.running_after_quit);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (application)))
    gtk_window_destroy (l->data);
  g_object_unref (run.csv);
  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
has_message_dialog (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)),
                     "Save Changes?") == 0)
        return TRUE;
    }
  return FALSE;
}

/* Ctrl+W closes the window the way its close button does: at once when nothing needs
 * saving, after asking when something does. */
static void
test_close_shortcut (FwUiFixture   *fixture,
                     gconstpointer  data)
{
  GtkApplication *application;
  g_auto(GStrv) actions = NULL;
  FwWindow *clean;
  FwRecipe *recipe;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  application = GTK_APPLICATION (fixture->application);
  actions = gtk_application_get_actions_for_accel (application, "<Control>w");
  g_assert_nonnull (actions);
  g_assert_cmpstr (actions[0], ==, "window.close");

  clean = fw_window_new (application);
  g_object_add_weak_pointer (G_OBJECT (clean), (gpointer *) &clean);
  gtk_window_present (GTK_WINDOW (clean));
  fw_ui_test_flush ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (clean), actions[0], NULL));
  fw_ui_test_flush ();
  g_assert_null (clean);

  /* Data with a target chosen is work a user would lose. */
  {
    g_autoptr(GBytes) sample = fw_sample_generate (50, 1);
    g_autoptr(GFile) csv = NULL;
    gsize size;
    const char *bytes = g_bytes_get_data (sample, &size);

    csv = fw_ui_fixture_write_file (fixture, "loans.csv", bytes, size);
    fw_window_open_file (fixture->window, csv);
    g_assert_cmpstr (fw_ui_test_wait_import (fw_window_get_data_page (fixture->window)), ==,
                     "preview");
  }
  recipe = fw_session_begin_edit (fw_window_get_session (fixture->window));
  recipe->target = g_strdup ("approved");
  fw_session_end_edit (fw_window_get_session (fixture->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), actions[0], NULL));
  fw_ui_test_wait (has_message_dialog, NULL, "the Save Changes? question");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  fw_ui_test_close_dialogs ();
  recipe = fw_session_begin_edit (fw_window_get_session (fixture->window));
  g_clear_pointer (&recipe->target, g_free);
  fw_session_end_edit (fw_window_get_session (fixture->window));
}

int
main (int   argc,
      char *argv[])
{
  fw_ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, FwUiFixture, NULL, fw_ui_fixture_setup, func, fw_ui_fixture_teardown)
  ADD ("/ui/window/initial-state", test_initial_state);
  ADD ("/ui/window/navigation-after-open", test_navigation_after_open);
  ADD ("/ui/window/render", test_render);
  ADD ("/ui/window/remembers-size", test_remembers_size);
  ADD ("/ui/window/app-windows", test_app_windows);
  ADD ("/ui/window/close-shortcut", test_close_shortcut);
#undef ADD
  g_test_add_func ("/ui/window/quit-asks", test_quit_asks);

  return g_test_run ();
}
