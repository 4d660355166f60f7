/* test-hostile.c — column names and values that look like markup, reverse text direction,
 * carry control characters or run to 100 KB, through every step of the wizard
 *
 * Whatever a file holds is shown as text, never interpreted: no label renders it as Pango
 * markup, the window keeps working, and the exported report escapes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include "fw-csv-import.h"
#include "fw-export-job.h"
#include "fw-export-page-private.h"
#include "fw-target-page-private.h"
#include "fw-ui-test.h"

#define MARKUP_NAME  "<b>bold</b> & <i>co</i>"
#define SCRIPT_NAME  "<script>alert(1)</script>"
#define RTL_NAME     "\xe2\x80\xae" "evil" "\xe2\x80\xac"   /* U+202E … U+202C */
#define LONG_BYTES   (100 * 1024)

static char *long_name;

/* A CSV of 400 rows: a yes/no target that depends on the markup-named number and on the
 * script-named group, so training has something to learn. */
static GString *
hostile_csv (void)
{
  GString *csv = g_string_new (NULL);
  static const char *const groups[] = { "<i>x</i>", "&amp;", "\"quoted\"" };

  /* Quoted names: commas, quotes and the long one, as a spreadsheet would write them. */
  g_string_append_printf (csv, "\"%s\",\"%s\",\"%s\",\"%s\",approved\n", MARKUP_NAME,
                          SCRIPT_NAME, RTL_NAME, long_name);
  for (guint i = 0; i < 400; i++)
    {
      double x = (i * 37 % 101) / 10.0;
      const char *group = groups[i % 3];
      gboolean yes = x + (i % 3) * 2 > 6;

      g_string_append_printf (csv, "%.1f,\"%s\",\"a\x01" "b%s\",%s,%s\n", x,
                              group[0] == '"' ? "\"\"quoted\"\"" : group, RTL_NAME,
                              i % 50 == 0 ? "<u>long</u>" : "v", yes ? "yes" : "no");
    }
  return csv;
}

/* No label anywhere shows our names as markup; returns how many labels show them as text. */
static guint
check_labels (GtkWidget *widget)
{
  guint shown = 0;

  if (GTK_IS_LABEL (widget))
    {
      const char *label = gtk_label_get_label (GTK_LABEL (widget));
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      if (gtk_label_get_use_markup (GTK_LABEL (widget)))
        g_assert_null (strstr (label, MARKUP_NAME));
      if (strstr (text, MARKUP_NAME) != NULL || strstr (text, SCRIPT_NAME) != NULL)
        shown++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    shown += check_labels (child);
  return shown;
}

static void
go_to (FwUiFixture  *fixture,
       FwWizardStep  step)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.go-to-step", "u",
                              (guint32) step);
  fw_ui_test_flush ();
  g_assert_cmpint (fw_window_get_step (fixture->window), ==, step);
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

static void
test_hostile_names (FwUiFixture   *fixture,
                    gconstpointer  data)
{
  g_autoptr(GString) csv = NULL;
  g_autoptr(GFile) file = NULL, report = NULL;
  g_autofree char *html = NULL;
  g_autofree char *before = NULL, *after = NULL;
  GtkWidget *window;
  FwSession *session;
  FwTargetPage *target;
  FwExportPage *export;
  FwRecipe *recipe;
  gsize length;

  FW_UI_TEST_REQUIRE_DISPLAY ();
  window = GTK_WIDGET (fixture->window);
  session = fw_window_get_session (fixture->window);
  csv = hostile_csv ();
  file = fw_ui_fixture_write_file (fixture, "hostile.csv", csv->str, csv->len);
  g_assert_true (g_file_load_contents (file, NULL, &before, &length, NULL, NULL));

  /* Data: the preview shows the names and values as they are. */
  fw_window_open_file (fixture->window, file);
  g_assert_cmpstr (fw_ui_test_wait_import (fw_window_get_data_page (fixture->window)), ==,
                   "preview");
  g_assert_cmpuint (fw_table_n_columns (fw_session_get_table (session)), ==, 5);
  g_assert_cmpstr (fw_table_column (fw_session_get_table (session), 0)->name, ==, MARKUP_NAME);
  /* The override cannot make the name read "live" (engine/data/fw-csv-import.c). */
  g_assert_cmpstr (fw_table_column (fw_session_get_table (session), 2)->name, ==,
                   "\xef\xbf\xbd" "evil" "\xef\xbf\xbd");
  /* The 100 KB name is cut to FW_CSV_MAX_NAME_BYTES and marked (see fw-csv-import.h). */
  {
    const char *cut = fw_table_column (fw_session_get_table (session), 3)->name;

    g_assert_cmpuint (strlen (cut), ==, FW_CSV_MAX_NAME_BYTES + strlen ("…"));
    g_assert_true (g_str_has_suffix (cut, "…"));
    g_assert_cmpint (strncmp (cut, long_name, FW_CSV_MAX_NAME_BYTES), ==, 0);
  }
  g_assert_cmpuint (check_labels (window), >, 0);
  fw_ui_test_save_screenshot (window, "hostile-data");

  /* Clean: the cards name the columns in plain text. */
  go_to (fixture, FW_WIZARD_CLEAN);
  g_assert_cmpuint (check_labels (window), >, 0);
  fw_ui_test_save_screenshot (window, "hostile-clean");

  /* Target: predict "approved", measure the script-named column. */
  go_to (fixture, FW_WIZARD_TARGET);
  target = FW_TARGET_PAGE (fw_ui_test_find_descendant (window, FW_TYPE_TARGET_PAGE));
  adw_combo_row_set_selected (fw_target_page_get_target_row (target),
                              combo_index (fw_target_page_get_target_row (target), "approved"));
  fw_ui_test_flush ();
  gtk_switch_set_active (fw_target_page_get_sensitive_switch (target, SCRIPT_NAME), TRUE);
  fw_ui_test_flush ();
  g_assert_cmpuint (check_labels (window), >, 0);
  fw_ui_test_save_screenshot (window, "hostile-target");

  /* Train a small model on it, then read the results. */
  recipe = fw_session_begin_edit (session);
  recipe->model.epochs = 5;
  fw_session_end_edit (session);
  go_to (fixture, FW_WIZARD_TRAIN);
  g_assert_true (gtk_widget_activate_action (
    fw_ui_test_find_descendant (window, FW_TYPE_TRAIN_PAGE), "train-page.train", NULL));
  fw_ui_test_wait (has_model, session, "the training to finish");
  go_to (fixture, FW_WIZARD_RESULTS);
  g_assert_cmpuint (check_labels (window), >, 0);
  fw_ui_test_save_screenshot (window, "hostile-results");

  /* Export: the HTML report holds the names escaped and no element of ours. */
  go_to (fixture, FW_WIZARD_EXPORT);
  export = FW_EXPORT_PAGE (fw_ui_test_find_descendant (window, FW_TYPE_EXPORT_PAGE));
  report = g_file_new_build_filename (fixture->tmpdir, "hostile-report.html", NULL);
  fw_export_page_save (export, FW_EXPORT_REPORT_HTML, report);
  fw_ui_test_wait (export_idle, export, "the report to be written");
  g_assert_false (fw_export_page_get_last_failed (export));
  g_assert_true (g_file_load_contents (report, NULL, &html, NULL, NULL, NULL));
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<b>bold"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  g_assert_true (g_file_delete (report, NULL, NULL));

  /* And the source file is as it was. */
  g_assert_true (g_file_load_contents (file, NULL, &after, NULL, NULL, NULL));
  g_assert_cmpmem (before, length, after, strlen (after));
}

int
main (int   argc,
      char *argv[])
{
  fw_ui_test_init (&argc, &argv);
  /* 100 KB of a name that also tries markup, once. */
  long_name = g_malloc (LONG_BYTES + 1);
  memset (long_name, 'n', LONG_BYTES);
  memcpy (long_name, "<u>", 3);
  long_name[LONG_BYTES] = '\0';
  g_test_add ("/ui/hostile/names-and-values", FwUiFixture, NULL, fw_ui_fixture_setup,
              test_hostile_names, fw_ui_fixture_teardown);
  return g_test_run ();
}
