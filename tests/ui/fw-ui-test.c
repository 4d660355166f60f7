/* fw-ui-test.c — what the UI tests share: a display check, an app with one window, waiting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include "fw-sample.h"
#include "fw-ui-test.h"

/* Iterations allowed for one wait; each blocks at most one wake-up tick. */
#define MAX_ITERATIONS 200000
#define WAKE_UP_MS     5

static gboolean have_display;

static char *home_root;

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL
         && g_file_enumerator_iterate (children, &info, NULL, NULL, NULL) && info != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

      remove_tree (child);
    }
  g_file_delete (file, NULL, NULL);
}

static void
remove_home_root (void)
{
  g_autoptr(GFile) root = g_file_new_for_path (home_root);

  remove_tree (root);
  g_clear_pointer (&home_root, g_free);
}

void
fw_ui_test_init (int    *argc,
                 char ***argv)
{
  static const char *const user_dirs[] = {
    "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME",
  };
  g_autoptr(GError) error = NULL;

  /* Before anything reads them: the schema from the build tree, settings in memory, and no
   * buses, so a developer's desktop session neither leaks in nor gets touched. */
  g_setenv ("GSETTINGS_SCHEMA_DIR", FW_TEST_SCHEMA_DIR, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/fairway-test-bus", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("MESA_SHADER_CACHE_DISABLE", "true", TRUE);

  /* The user's folders (the sample goes to the cache) in a throw-away place.  Not
   * G_TEST_OPTION_ISOLATE_DIRS: it also hides XDG_DATA_DIRS, and with them the icon
   * themes and the MIME database GTK needs to draw anything. */
  home_root = g_dir_make_tmp ("fairway-ui-home-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (user_dirs); i++)
    {
      g_autofree char *dir = g_build_filename (home_root, user_dirs[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (user_dirs[i], dir, TRUE);
    }
  atexit (remove_home_root);

  g_test_init (argc, argv, NULL);
  gtk_disable_setlocale ();
  have_display = (g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL)
                 && gtk_init_check ();
}

gboolean
fw_ui_test_have_display (void)
{
  return have_display;
}

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
fw_ui_test_wait (gboolean   (*condition) (gpointer data),
                 gpointer     data,
                 const char  *what)
{
  guint tick = g_timeout_add (WAKE_UP_MS, wake_up, NULL);
  guint i;

  for (i = 0; i < MAX_ITERATIONS && !condition (data); i++)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  if (!condition (data))
    g_error ("gave up waiting for %s", what);
}

void
fw_ui_test_flush (void)
{
  guint tick = g_timeout_add (WAKE_UP_MS, wake_up, NULL);

  /* A few rounds of "everything pending, then one wake-up": enough for the frame clock to
   * lay out and draw what the last change queued. */
  for (guint round = 0; round < 10; round++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
}

void
fw_ui_test_save_screenshot (GtkWidget  *widget,
                            const char *name)
{
  const char *dir = g_getenv ("FW_UI_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  if (dir == NULL || *dir == '\0')
    return;
  fw_ui_test_flush ();
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_mkdir_with_parents (dir, 0755);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static gboolean
import_finished (gpointer data)
{
  return !fw_data_page_get_busy (data);
}

const char *
fw_ui_test_wait_import (FwDataPage *page)
{
  fw_ui_test_wait (import_finished, page, "the import to finish");
  return fw_data_page_get_state (page);
}

void
fw_ui_fixture_setup (FwUiFixture   *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  fixture->tmpdir = g_dir_make_tmp ("fairway-ui-XXXXXX", &error);
  g_assert_no_error (error);
  if (!have_display)
    return;

  fixture->application = fw_application_new ();
  /* Each test starts its own instance, so it must not look for an earlier one. */
  g_application_set_flags (G_APPLICATION (fixture->application),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (fixture->application), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (fixture->application));

  window = gtk_application_get_active_window (GTK_APPLICATION (fixture->application));
  g_assert_true (FW_IS_WINDOW (window));
  fixture->window = g_object_ref (FW_WINDOW (window));
  fw_ui_test_flush ();
}

void
fw_ui_fixture_teardown (FwUiFixture   *fixture,
                        gconstpointer  data)
{
  const char *name;
  g_autoptr(GDir) dir = g_dir_open (fixture->tmpdir, 0, NULL);

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->tmpdir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->tmpdir);
  g_free (fixture->tmpdir);

  if (fixture->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      fw_ui_test_flush ();
      g_assert_finalize_object (fixture->window);
    }
  /* Not g_assert_finalize_object: GtkApplication keeps a reference to itself from startup
   * to shutdown, and only g_application_run emits shutdown. */
  g_clear_object (&fixture->application);
}

GFile *
fw_ui_fixture_write_file (FwUiFixture *fixture,
                          const char  *name,
                          const char  *contents,
                          gssize       length)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

GtkWidget *
fw_ui_test_find_descendant (GtkWidget *root,
                            GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = fw_ui_test_find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GFile *
fw_ui_fixture_open_sample (FwUiFixture *fixture,
                           guint64      rows)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "sample.csv", NULL);
  GFile *file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  fw_sample_write (file, rows, FW_SAMPLE_DEFAULT_SEED, NULL, &error);
  g_assert_no_error (error);
  fw_window_open_file (fixture->window, file);
  g_assert_cmpstr (fw_ui_test_wait_import (fw_window_get_data_page (fixture->window)), ==,
                   "preview");
  return file;
}

GFile *
fw_ui_fixture_open_leaky (FwUiFixture *fixture,
                          guint        rows,
                          guint        flipped_per_1000)
{
  g_autoptr(GString) csv = g_string_new ("age,flag_after,outcome\n");
  GRand *rand = g_rand_new_with_seed (5);
  GFile *file;

  for (guint i = 0; i < rows; i++)
    {
      gboolean yes = g_rand_boolean (rand);
      gboolean copy = (guint) g_rand_int_range (rand, 0, 1000) < flipped_per_1000 ? !yes : yes;

      g_string_append_printf (csv, "%d,%s,%s\n", g_rand_int_range (rand, 18, 80),
                              copy ? "Y" : "N", yes ? "yes" : "no");
    }
  g_rand_free (rand);
  file = fw_ui_fixture_write_file (fixture, "leaky.csv", csv->str, (gssize) csv->len);
  fw_window_open_file (fixture->window, file);
  g_assert_cmpstr (fw_ui_test_wait_import (fw_window_get_data_page (fixture->window)), ==,
                   "preview");
  return file;
}

gboolean
fw_ui_test_press_page_key (GtkWidget  *page,
                           const char *accel)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (page);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accel);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)) !=
            GTK_SHORTCUT_SCOPE_GLOBAL)
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, page,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}
