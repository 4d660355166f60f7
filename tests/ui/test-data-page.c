/* test-data-page.c — step 1 under Xvfb: opening files, cancelling, errors, the sample
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-sample.h"
#include "fw-ui-test.h"

/* Rows in the file the Cancel tests open: large enough that the import is still running
 * when the test cancels it, on any machine (the test does not depend on it, though). */
#define LARGE_ROWS 400000

static FwDataPage *
data_page (FwUiFixture *fixture)
{
  return fw_window_get_data_page (fixture->window);
}

static GFile *
people_csv (void)
{
  return g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "ui", "people.csv", NULL));
}

static GFile *
write_large_csv (FwUiFixture *fixture)
{
  GString *csv = g_string_new ("id,value,group\n");
  GFile *file;

  for (guint i = 0; i < LARGE_ROWS; i++)
    g_string_append_printf (csv, "%u,%u.25,g%u\n", i, i % 977, i % 7);
  file = fw_ui_fixture_write_file (fixture, "large.csv", csv->str, csv->len);
  g_string_free (csv, TRUE);
  return file;
}

static void
assert_cell (FwTableModel *model,
             guint         row,
             guint         column,
             const char   *expected)
{
  char buf[64];
  const char *text = fw_table_model_format_cell (model, row, column, buf, sizeof buf);

  g_assert_cmpstr (text, ==, expected);
}

static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts)
{
  if (GTK_IS_INSCRIPTION (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (texts, (gpointer) gtk_inscription_get_text (GTK_INSCRIPTION (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

static gboolean
texts_contain (GPtrArray  *texts,
               const char *expected)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (texts->pdata[i], expected) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
grid_shows_alice (gpointer data)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  collect_texts (data, texts);
  return texts_contain (texts, "Alice");
}

/* `fairway people.csv`: the same path as the command line, GApplication::open. */
static void
test_open_csv (FwUiFixture   *fixture,
               gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  FwTableModel *model;
  GtkWidget *grid;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  file = people_csv ();
  g_application_open (G_APPLICATION (fixture->application), &file, 1, "");
  g_assert_cmpstr (fw_data_page_get_state (data_page (fixture)), ==, "loading");
  g_assert_cmpstr (fw_ui_test_wait_import (data_page (fixture)), ==, "preview");

  model = fw_data_page_get_table_model (data_page (fixture));
  g_assert_nonnull (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 4);
  assert_cell (model, 0, 0, "Alice");
  assert_cell (model, 0, 1, "34");
  assert_cell (model, 1, 1, NULL);              /* Bob's age is empty */
  assert_cell (model, 2, 0, "Chloé");
  assert_cell (model, 2, 2, "New York, NY");
  assert_cell (model, 2, 3, NULL);              /* Chloé's score is empty */
  assert_cell (model, 3, 3, "3");
  /* 102 bytes: `wc -c tests/ui/people.csv`. */
  g_assert_cmpstr (fw_data_page_get_summary (data_page (fixture)), ==,
                   "4 rows · 4 columns · comma-separated · 102 bytes");
  g_assert_true (g_file_equal (fw_data_page_get_file (data_page (fixture)), file));

  /* The cells on screen, not only the model: one inscription per visible cell. */
  grid = GTK_WIDGET (fw_data_page_get_column_view (data_page (fixture)));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (GTK_COLUMN_VIEW (grid))),
                    ==, 1 + 4);
  fw_ui_test_wait (grid_shows_alice, grid, "the grid to show its rows");
  collect_texts (grid, texts);
  g_assert_true (texts_contain (texts, "Alice"));
  g_assert_true (texts_contain (texts, "Dmitri"));
  g_assert_true (texts_contain (texts, "New York, NY"));
  g_assert_true (texts_contain (texts, "1.25"));
  g_assert_true (texts_contain (texts, "—"));   /* a missing cell */
  g_assert_true (texts_contain (texts, "4"));   /* the last row number */
}

static gboolean
import_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Escape cancels an import with the focus anywhere in the window; with nothing to cancel
 * it lets the key go on. */
static void
test_escape_cancels (FwUiFixture   *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  FwDataPage *page;
  FwImport *import;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  page = data_page (fixture);
  g_assert_false (fw_ui_test_press_page_key (GTK_WIDGET (page), "Escape"));
  file = write_large_csv (fixture);
  fw_window_open_file (fixture->window, file);
  import = fw_data_page_get_import (page);
  g_assert_nonnull (import);
  g_object_add_weak_pointer (G_OBJECT (import), (gpointer *) &import);
  /* The focus outside the page: on nothing at all. */
  gtk_window_set_focus (GTK_WINDOW (fixture->window), NULL);
  g_assert_true (fw_ui_test_press_page_key (GTK_WIDGET (page), "Escape"));
  g_assert_false (fw_data_page_get_busy (page));
  g_assert_cmpstr (fw_data_page_get_state (page), ==, "empty");
  fw_ui_test_wait (import_gone, &import, "the cancelled import to end");
}

static void
test_cancel (FwUiFixture   *fixture,
             gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  FwDataPage *page;
  FwImport *import;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  page = data_page (fixture);
  file = write_large_csv (fixture);
  fw_window_open_file (fixture->window, file);
  import = fw_data_page_get_import (page);
  g_assert_nonnull (import);
  g_object_add_weak_pointer (G_OBJECT (import), (gpointer *) &import);
  g_assert_true (fw_data_page_get_busy (page));

  /* The Cancel button's action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "data-page.cancel", NULL));
  g_assert_false (fw_data_page_get_busy (page));
  g_assert_cmpstr (fw_data_page_get_state (page), ==, "empty");

  /* Whatever the worker was doing, its result must change nothing when it arrives. */
  fw_ui_test_wait (import_gone, &import, "the cancelled import to end");
  g_assert_cmpstr (fw_data_page_get_state (page), ==, "empty");
  g_assert_null (fw_data_page_get_table_model (page));
  g_assert_false (fw_data_page_get_has_table (page));
}

/* Opening another file while one is importing: only the last one counts. */
static void
test_stale_result (FwUiFixture   *fixture,
                   gconstpointer  data)
{
  g_autoptr(GFile) large = NULL;
  g_autoptr(GFile) people = NULL;
  FwDataPage *page;
  FwImport *first;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  page = data_page (fixture);
  large = write_large_csv (fixture);
  people = people_csv ();
  fw_window_open_file (fixture->window, large);
  first = fw_data_page_get_import (page);
  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *) &first);
  fw_window_open_file (fixture->window, people);

  g_assert_cmpstr (fw_ui_test_wait_import (page), ==, "preview");
  fw_ui_test_wait (import_gone, &first, "the first import to end");
  g_assert_cmpstr (fw_data_page_get_state (page), ==, "preview");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fw_data_page_get_table_model (page))),
                    ==, 4);
  g_assert_true (g_file_equal (fw_data_page_get_file (page), people));
}

/* A file the importer refuses: the page says what the importer said, in its words. */
static void
check_error (FwUiFixture *fixture,
             GFile       *file)
{
  g_autoptr(GError) expected = NULL;
  g_autoptr(FwTable) table = NULL;
  FwDataPage *page = data_page (fixture);

  table = fw_csv_import_file (file, NULL, NULL, NULL, NULL, NULL, &expected);
  g_assert_null (table);
  g_assert_nonnull (expected);

  fw_window_open_file (fixture->window, file);
  g_assert_cmpstr (fw_ui_test_wait_import (page), ==, "error");
  g_assert_cmpstr (fw_data_page_get_error_message (page), ==, expected->message);
  g_assert_null (fw_data_page_get_table_model (page));
}

static void
test_invalid_file (FwUiFixture   *fixture,
                   gconstpointer  data)
{
  static const char junk[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0";
  g_autoptr(GFile) binary = NULL;
  g_autoptr(GFile) unterminated = NULL;
  g_autoptr(GFile) missing = NULL;
  g_autoptr(GFile) people = NULL;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  binary = fw_ui_fixture_write_file (fixture, "binary.csv", junk, sizeof junk);
  check_error (fixture, binary);
  unterminated = fw_ui_fixture_write_file (fixture, "quote.csv", "a,b\n1,\"two\n3,4\n", -1);
  check_error (fixture, unterminated);
  missing = g_file_new_build_filename (fixture->tmpdir, "no-such-file.csv", NULL);
  check_error (fixture, missing);

  /* And the way out: another file opens normally. */
  people = people_csv ();
  fw_window_open_file (fixture->window, people);
  g_assert_cmpstr (fw_ui_test_wait_import (data_page (fixture)), ==, "preview");
  g_assert_null (fw_data_page_get_error_message (data_page (fixture)));
}

/* Dropping a file from a file manager: the page's drop target, with a file list. */
static void
test_drop (FwUiFixture   *fixture,
           gconstpointer  data)
{
  g_autoptr(GListModel) controllers = NULL;
  g_autoptr(GFile) people = NULL;
  g_autoptr(GFile) other = NULL;
  GtkDropTarget *target = NULL;
  GValue value = G_VALUE_INIT;
  GFile *files[2];
  gboolean handled = FALSE;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (data_page (fixture)));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  people = people_csv ();
  other = fw_ui_fixture_write_file (fixture, "other.csv", "a\n1\n", -1);
  files[0] = people;
  files[1] = other;
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (files, G_N_ELEMENTS (files)));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  g_value_unset (&value);
  g_assert_true (handled);

  g_assert_cmpstr (fw_ui_test_wait_import (data_page (fixture)), ==, "preview");
  g_assert_true (g_file_equal (fw_data_page_get_file (data_page (fixture)), people));
}

/* A Windows-1252 file: the error page, and a dialog offering to read it so, which shows
 * the first value that differs decoded; yes reads it, accents right, and the session's
 * recipe records the encoding, so a saved project reads its data the same way. */
static void
test_not_utf8 (FwUiFixture   *fixture,
               gconstpointer  data)
{
  static const char cp1252[] = "name,score\nok,1\ncaf\xe9,2\n\x93quoted\x94,3\n";
  g_autoptr(GFile) file = NULL, project_file = NULL;
  g_autoptr(GError) error = NULL;
  FwDataPage *page;
  AdwMessageDialog *dialog;
  FwSession *session;
  char buf[64];

  FW_UI_TEST_REQUIRE_DISPLAY ();

  page = data_page (fixture);
  file = fw_ui_fixture_write_file (fixture, "w.csv", cp1252, sizeof cp1252 - 1);
  fw_window_open_file (fixture->window, file);
  g_assert_cmpstr (fw_ui_test_wait_import (page), ==, "error");
  g_assert_nonnull (strstr (fw_data_page_get_error_message (page), "Windows-1252"));
  dialog = fw_data_page_get_encoding_dialog (page);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "Read It as Windows-1252 (Western European)?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "line 3 has “caf\xc3\xa9”"));

  adw_message_dialog_response (dialog, "read");
  g_assert_cmpstr (fw_ui_test_wait_import (page), ==, "preview");
  fw_ui_test_flush ();
  g_assert_null (fw_data_page_get_encoding_dialog (page));
  g_assert_cmpstr (fw_table_model_format_cell (fw_data_page_get_table_model (page), 1, 0,
                                               buf, sizeof buf), ==, "caf\xc3\xa9");
  g_assert_cmpstr (fw_table_model_format_cell (fw_data_page_get_table_model (page), 2, 0,
                                               buf, sizeof buf), ==,
                   "\xe2\x80\x9cquoted\xe2\x80\x9d");
  g_assert_cmpstr (fw_data_page_get_encoding (page), ==, "WINDOWS-1252");
  g_assert_nonnull (strstr (fw_data_page_get_summary (page), "read as Windows-1252"));
  session = fw_window_get_session (fixture->window);
  g_assert_cmpstr (fw_session_get_recipe (session)->data_encoding, ==, "WINDOWS-1252");

  project_file = g_file_new_build_filename (fixture->tmpdir, "w.fairway", NULL);
  g_assert_true (fw_project_save (fw_window_get_project (fixture->window), project_file,
                                  &error));
  g_assert_no_error (error);

  /* Another file, in UTF-8, forgets the encoding. */
  g_clear_object (&file);
  file = fw_ui_fixture_write_file (fixture, "u.csv", "name,score\nok,1\nb,2\n", -1);
  fw_window_open_file (fixture->window, file);
  g_assert_cmpstr (fw_ui_test_wait_import (page), ==, "preview");
  g_assert_null (fw_data_page_get_encoding (page));
  g_assert_null (fw_session_get_recipe (session)->data_encoding);

  /* The project reads its data as it was read, without asking. */
  fw_window_open_project (fixture->window, project_file);
  g_assert_cmpstr (fw_ui_test_wait_import (page), ==, "preview");
  g_assert_null (fw_data_page_get_encoding_dialog (page));
  g_assert_cmpstr (fw_data_page_get_encoding (page), ==, "WINDOWS-1252");
  g_assert_cmpstr (fw_table_model_format_cell (fw_data_page_get_table_model (page), 1, 0,
                                               buf, sizeof buf), ==, "caf\xc3\xa9");
}

static void
test_sample (FwUiFixture   *fixture,
             gconstpointer  data)
{
  g_autofree char *path = NULL;
  FwTableModel *model;
  const FwTable *table;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  /* The toolbar's and the empty page's "Try the Sample". */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-sample",
                                             NULL));
  g_assert_cmpstr (fw_ui_test_wait_import (data_page (fixture)), ==, "preview");

  model = fw_data_page_get_table_model (data_page (fixture));
  table = fw_table_model_get_table (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, FW_SAMPLE_DEFAULT_ROWS);
  g_assert_cmpint (fw_table_column_index (table, "applicant_id"), ==, 0);
  g_assert_cmpint (fw_table_column_index (table, "approved"), ==,
                   (int) fw_table_n_columns (table) - 1);
  path = g_build_filename (g_get_user_cache_dir (), "fairway", "sample.csv", NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

int
main (int   argc,
      char *argv[])
{
  fw_ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, FwUiFixture, NULL, fw_ui_fixture_setup, func, fw_ui_fixture_teardown)
  ADD ("/ui/data-page/open-csv", test_open_csv);
  ADD ("/ui/data-page/cancel", test_cancel);
  ADD ("/ui/data-page/escape-cancels", test_escape_cancels);
  ADD ("/ui/data-page/stale-result", test_stale_result);
  ADD ("/ui/data-page/invalid-file", test_invalid_file);
  ADD ("/ui/data-page/drop", test_drop);
  ADD ("/ui/data-page/sample", test_sample);
  ADD ("/ui/data-page/not-utf8", test_not_utf8);
#undef ADD

  return g_test_run ();
}
