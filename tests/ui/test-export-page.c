/* test-export-page.c — step 7 under Xvfb: every file it saves reopens; failures leave none
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include "fw-export-page-private.h"
#include "fw-export-page.h"
#include "fw-ui-train.h"

#define SAMPLE_ROWS 600

static FwExportPage *
export_page (FwUiFixture *fixture)
{
  GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (fixture->window));

  /* Found by type rather than by an accessor the window does not have. */
  for (GtkWidget *w = page; w != NULL;)
    {
      if (FW_IS_EXPORT_PAGE (w))
        return FW_EXPORT_PAGE (w);
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w != NULL ? gtk_widget_get_next_sibling (w) : NULL;
        }
    }
  g_assert_not_reached ();
}

static gboolean
page_idle (gpointer data)
{
  return !fw_export_page_get_busy (data);
}

/* Saves one file and waits for the outcome; TRUE when it was written. */
static gboolean
save (FwExportPage *page,
      FwExportKind  kind,
      GFile        *file)
{
  fw_export_page_save (page, kind, file);
  fw_ui_test_wait (page_idle, page, "the file to be written");
  return !fw_export_page_get_last_failed (page);
}

static void
assert_file_starts_with (GFile      *file,
                         const char *prefix,
                         gsize       length)
{
  g_autofree char *contents = NULL;
  gsize size = 0;

  g_assert_true (g_file_load_contents (file, NULL, &contents, &size, NULL, NULL));
  g_assert_cmpuint (size, >, length);
  g_assert_cmpmem (contents, length, prefix, length);
}

static GFile *
tmp_file (FwUiFixture *fixture,
          const char  *name)
{
  return g_file_new_build_filename (fixture->tmpdir, name, NULL);
}

static void
test_empty (FwUiFixture   *fixture,
            gconstpointer  data)
{
  FW_UI_TEST_REQUIRE_DISPLAY ();

  g_assert_cmpstr (fw_export_page_get_state (export_page (fixture)), ==, "empty");
}

/* Every kind saved through the page lands where the user chose, and the page says so; what
 * is in each file is the export job's, checked in the core suite (test-export-job). */
static void
test_files_reopen (FwUiFixture   *fixture,
                   gconstpointer  data)
{
  static const struct
  {
    FwExportKind  kind;
    const char   *name;
    const char   *prefix;
    gsize         length;
  } files[] = {
    { FW_EXPORT_MODEL, "loans.fwmodel", NULL, 0 },
    { FW_EXPORT_PREDICTIONS, "loans-predictions.csv", "row,prediction,", 15 },
    { FW_EXPORT_RECIPE, "loans-recipe.json", "{", 1 },
    { FW_EXPORT_ONNX, "loans.onnx", "\x08", 1 },            /* ModelProto field 1 */
    { FW_EXPORT_REPORT_PDF, "loans-report.pdf", "%PDF-", 5 },
    { FW_EXPORT_REPORT_HTML, "loans-report.html", "<!DOCTYPE html>", 15 },
  };
  g_autoptr(GFile) csv = NULL;
  FwExportPage *page;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  csv = fw_ui_test_train (fixture, fixture->window, "loans.csv", SAMPLE_ROWS);
  page = export_page (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.go-to-step", "u",
                              FW_WIZARD_EXPORT);
  g_assert_cmpint (fw_window_get_step (fixture->window), ==, FW_WIZARD_EXPORT);
  g_assert_cmpstr (fw_export_page_get_state (page), ==, "ready");
  gtk_text_buffer_set_text (fw_export_page_get_intended_use_buffer (page),
                            "Screening loan applications for a second look by a person; not "
                            "for automatic refusals.", -1);
  fw_ui_test_save_screenshot (GTK_WIDGET (fixture->window), "export-light");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  fw_ui_test_save_screenshot (GTK_WIDGET (fixture->window), "export-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GFile) file = tmp_file (fixture, files[i].name);
      g_autofree char *message = g_strdup_printf ("Saved “%s”", files[i].name);

      g_assert_true (save (page, files[i].kind, file));
      g_assert_cmpstr (fw_export_page_get_last_message (page), ==, message);
      g_assert_true (g_file_query_exists (file, NULL));
      if (files[i].prefix != NULL)
        assert_file_starts_with (file, files[i].prefix, files[i].length);
    }
}

/* A folder that is not there, and a file where a folder should be: an explanation in
 * plain words, and no file (nor temporary file) left behind. */
static void
test_failure_leaves_nothing (FwUiFixture   *fixture,
                             gconstpointer  data)
{
  g_autoptr(GFile) missing = NULL, blocker = NULL, under_file = NULL;
  g_autoptr(GFile) csv = NULL;
  FwExportPage *page;
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;
  guint n_children = 0;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  csv = fw_ui_test_train (fixture, fixture->window, "loans.csv", SAMPLE_ROWS);
  page = export_page (fixture);

  missing = g_file_new_build_filename (fixture->tmpdir, "no-such-folder", "loans.fwmodel", NULL);
  g_assert_false (save (page, FW_EXPORT_MODEL, missing));
  g_assert_nonnull (strstr (fw_export_page_get_last_message (page), "does not exist"));
  g_assert_false (g_file_query_exists (missing, NULL));
  fw_ui_test_close_dialogs ();

  blocker = fw_ui_fixture_write_file (fixture, "not-a-folder", "x", 1);
  under_file = g_file_get_child (blocker, "loans-predictions.csv");
  g_assert_false (save (page, FW_EXPORT_PREDICTIONS, under_file));
  g_assert_nonnull (strstr (fw_export_page_get_last_message (page), "is a file, not a folder"));
  fw_ui_test_close_dialogs ();

  /* Only what the test wrote itself is in the folder. */
  children = g_file_enumerate_children (g_file_get_parent (blocker), G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NONE, NULL, NULL);
  while (g_file_enumerator_iterate (children, &info, NULL, NULL, NULL) && info != NULL)
    {
      const char *name = g_file_info_get_name (info);

      g_assert_true (g_str_equal (name, "loans.csv") || g_str_equal (name, "not-a-folder"));
      n_children++;
    }
  g_assert_cmpuint (n_children, ==, 2);
}

static void
test_save_all (FwUiFixture   *fixture,
               gconstpointer  data)
{
  g_autoptr(GFile) csv = NULL, folder = NULL;
  FwExportPage *page;
  static const char *const expected[] = {
    "loans.fwmodel", "loans.onnx", "loans-predictions.csv", "loans-report.pdf",
    "loans-report.html", "loans-recipe.json",
  };

  FW_UI_TEST_REQUIRE_DISPLAY ();

  csv = fw_ui_test_train (fixture, fixture->window, "loans.csv", SAMPLE_ROWS);
  page = export_page (fixture);
  folder = g_file_new_build_filename (fixture->tmpdir, "out", NULL);
  g_file_make_directory (folder, NULL, NULL);
  fw_export_page_save_all (page, folder);
  fw_ui_test_wait (page_idle, page, "the files to be written");
  g_assert_false (fw_export_page_get_last_failed (page));
  g_assert_true (g_str_has_prefix (fw_export_page_get_last_message (page), "Saved "));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GFile) file = g_file_get_child (folder, expected[i]);

      g_assert_true (g_file_query_exists (file, NULL));
      g_file_delete (file, NULL, NULL);
    }
  /* Nothing else was written (no temporary file either): the folder is empty again. */
  g_assert_true (g_file_delete (folder, NULL, NULL));
}

/* Escape cancels a Save All with the focus away from the page; what was written before
 * is whole, nothing half-written is left; with nothing running it lets the key go on. */
static void
test_escape_cancels (FwUiFixture   *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) csv = NULL, folder = NULL;
  g_autoptr(GFileEnumerator) files = NULL;
  FwExportPage *page;
  GFileInfo *info;
  static const char *const whole[] = {
    "loans.fwmodel", "loans.onnx", "loans-predictions.csv", "loans-report.pdf",
    "loans-report.html", "loans-recipe.json",
  };

  FW_UI_TEST_REQUIRE_DISPLAY ();

  csv = fw_ui_test_train (fixture, fixture->window, "loans.csv", SAMPLE_ROWS);
  page = export_page (fixture);
  /* The key works while the step is on screen. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.go-to-step", "u",
                              FW_WIZARD_EXPORT);
  fw_ui_test_flush ();
  g_assert_false (fw_ui_test_press_page_key (GTK_WIDGET (page), "Escape"));
  folder = g_file_new_build_filename (fixture->tmpdir, "out", NULL);
  g_file_make_directory (folder, NULL, NULL);
  fw_export_page_save_all (page, folder);
  g_assert_true (fw_export_page_get_busy (page));
  gtk_window_set_focus (GTK_WINDOW (fixture->window), NULL);
  g_assert_true (fw_ui_test_press_page_key (GTK_WIDGET (page), "Escape"));
  fw_ui_test_wait (page_idle, page, "the cancelled export to end");
  g_assert_false (fw_export_page_get_last_failed (page));
  g_assert_true (g_str_has_prefix (fw_export_page_get_last_message (page), "Export cancelled"));
  files = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_assert_nonnull (files);
  while ((info = g_file_enumerator_next_file (files, NULL, NULL)) != NULL)
    {
      const char *name = g_file_info_get_name (info);
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (whole); i++)
        known = known || g_strcmp0 (name, whole[i]) == 0;
      if (!known)
        g_error ("a cancelled export left “%s”", name);
      g_object_unref (info);
    }
  g_assert_false (fw_ui_test_press_page_key (GTK_WIDGET (page), "Escape"));
}

int
main (int   argc,
      char *argv[])
{
  fw_ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, FwUiFixture, NULL, fw_ui_fixture_setup, func, fw_ui_fixture_teardown)
  ADD ("/ui/export/empty", test_empty);
  ADD ("/ui/export/files-reopen", test_files_reopen);
  ADD ("/ui/export/failure-leaves-nothing", test_failure_leaves_nothing);
  ADD ("/ui/export/save-all", test_save_all);
  ADD ("/ui/export/escape-cancels", test_escape_cancels);
#undef ADD

  return g_test_run ();
}
