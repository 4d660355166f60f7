/* test-clean-page.c — the Clean step under Xvfb: cards, fixes, undo/redo, suggestions,
 * the preview, and a source file left alone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include "fw-clean-page-private.h"
#include "fw-column-card-private.h"
#include "fw-date-features.h"
#include "fw-suggest-job.h"
#include "fw-ui-test.h"

/* An ID, a number with gaps, a category, a number with one far value and gaps, and a
 * column holding one value. */
static const char people_csv[] =
  "id,age,city,income,country\n"
  "1,34,Paris,41000,FR\n"
  "2,,Berlin,52000,FR\n"
  "3,27,Paris,38000,FR\n"
  "4,45,London,,FR\n"
  "5,51,Berlin,61000,FR\n"
  "6,29,Paris,35000,FR\n"
  "7,,London,47000,FR\n"
  "8,38,Paris,44000,FR\n"
  "9,62,Berlin,90000,FR\n"
  "10,33,London,39000,FR\n"
  "11,41,Paris,50000,FR\n"
  "12,36,Berlin,43000,FR\n";

static GtkWidget *
find_descendant (GtkWidget *widget,
                 gboolean (*match) (GtkWidget *widget, gconstpointer data),
                 gconstpointer data)
{
  if (match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_clean_page (GtkWidget     *widget,
               gconstpointer  data)
{
  return FW_IS_CLEAN_PAGE (widget);
}

static gboolean
has_action (GtkWidget     *widget,
            gconstpointer  data)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

/* What a click does, at once: GtkButton's keyboard activation waits a quarter second. */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  fw_ui_test_flush ();
}

static FwCleanPage *
open_and_go_to_clean (FwUiFixture *fixture,
                      GFile       *file)
{
  FwDataPage *data_page = fw_window_get_data_page (fixture->window);
  GtkWidget *page;

  fw_window_open_file (fixture->window, file);
  g_assert_cmpstr (fw_ui_test_wait_import (data_page), ==, "preview");
  /* The window took the profile made while importing, with the table. */
  g_assert_null (fw_data_page_steal_profile (data_page));
  g_assert_nonnull (fw_session_get_profile (fw_window_get_session (fixture->window)));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next", NULL);
  g_assert_cmpint (fw_window_get_step (fixture->window), ==, FW_WIZARD_CLEAN);
  fw_ui_test_flush ();

  page = find_descendant (GTK_WIDGET (fixture->window), is_clean_page, NULL);
  g_assert_nonnull (page);
  return FW_CLEAN_PAGE (page);
}

static char *
step_text (FwCleanPage *page,
           guint        index)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (fw_clean_page_get_steps (page), index);

  return g_strdup (gtk_string_object_get_string (item));
}

/* Activates the page's shortcut for @accel the way a key press would. */
static void
press_shortcut (FwCleanPage *page,
                const char  *accel)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (page));
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accel);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                           GTK_WIDGET (page),
                                                           gtk_shortcut_get_arguments (shortcut)));
              fw_ui_test_flush ();
              return;
            }
        }
    }
  g_error ("no shortcut %s on the Clean page", accel);
}

static const FwColumn *
preview_column (FwCleanPage *page,
                const char  *name)
{
  FwTableModel *model = fw_clean_page_get_preview_model (page);

  g_assert_nonnull (model);
  return fw_table_column_by_name (fw_table_model_get_table (model), name);
}

static void
test_fix_undo_redo (FwUiFixture   *fixture,
                    gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  gsize before_length, after_length;
  FwSession *session;
  FwCleanPage *page;
  FwColumnCard *card;
  GtkWidget *button, *undo, *redo, *apply;
  const FwRecipe *recipe;
  const FwStep *step;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  file = fw_ui_fixture_write_file (fixture, "people.csv", people_csv, -1);
  g_assert_true (g_file_load_contents (file, NULL, &before, &before_length, NULL, NULL));
  page = open_and_go_to_clean (fixture, file);
  session = fw_window_get_session (fixture->window);
  recipe = fw_session_get_recipe (session);

  /* One card per column; a table this small has every card on screen. */
  g_assert_cmpuint (g_list_model_get_n_items (fw_clean_page_get_columns (page)), ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_nonnull (fw_clean_page_get_card (page, i));
  g_assert_cmpstr (fw_clean_page_get_summary (page), ==, "5 columns, 3 with something to look at");

  undo = find_descendant (GTK_WIDGET (page), has_action, "clean.undo");
  redo = find_descendant (GTK_WIDGET (page), has_action, "clean.redo");
  apply = find_descendant (GTK_WIDGET (page), has_action, "clean.apply-suggestions");
  g_assert_false (gtk_widget_is_sensitive (undo));
  g_assert_false (gtk_widget_is_sensitive (redo));
  g_assert_true (gtk_widget_is_sensitive (apply));

  /* Before any step the preview is the table as it is. */
  adw_view_stack_set_visible_child_name (fw_clean_page_get_view_stack (page), "preview");
  fw_ui_test_flush ();
  g_assert_nonnull (preview_column (page, "id"));
  g_assert_true (isnan (fw_column_get_number (preview_column (page, "age"), 1)));

  /* "age" has gaps: its card suggests filling them with the median; click it. */
  adw_view_stack_set_visible_child_name (fw_clean_page_get_view_stack (page), "cards");
  fw_ui_test_flush ();
  card = fw_clean_page_get_card (page, 1);
  button = fw_column_card_get_fix_button (card, FW_STEP_IMPUTE_MEDIAN);
  g_assert_nonnull (button);
  click (button);
  fw_ui_test_flush ();
  g_assert_cmpuint (recipe->steps->len, ==, 1);
  step = g_ptr_array_index (recipe->steps, 0);
  g_assert_cmpint (step->kind, ==, FW_STEP_IMPUTE_MEDIAN);
  g_assert_cmpstr (step->column, ==, "age");
  g_assert_cmpuint (g_list_model_get_n_items (fw_clean_page_get_steps (page)), ==, 1);
  text = step_text (page, 0);
  g_assert_cmpstr (text, ==, "Fill missing “age” with the median");
  /* Done, so no longer offered. */
  g_assert_null (fw_column_card_get_fix_button (fw_clean_page_get_card (page, 1),
                                                FW_STEP_IMPUTE_MEDIAN));
  g_assert_true (gtk_widget_is_sensitive (undo));
  adw_view_stack_set_visible_child_name (fw_clean_page_get_view_stack (page), "preview");
  fw_ui_test_flush ();
  /* The median of the ten ages given is (36 + 38) / 2. */
  g_assert_cmpfloat (fw_column_get_number (preview_column (page, "age"), 1), ==, 37.0);

  /* Ctrl+Z takes it back, Shift+Ctrl+Z brings it again. */
  press_shortcut (page, "<Control>z");
  g_assert_cmpuint (recipe->steps->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (fw_clean_page_get_steps (page)), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (undo));
  g_assert_true (gtk_widget_is_sensitive (redo));
  g_assert_true (isnan (fw_column_get_number (preview_column (page, "age"), 1)));
  press_shortcut (page, "<Control><Shift>z");
  g_assert_cmpuint (recipe->steps->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (fw_clean_page_get_steps (page)), ==, 1);
  g_assert_false (gtk_widget_is_sensitive (redo));

  /* The buttons do the same. */
  click (undo);
  g_assert_cmpuint (recipe->steps->len, ==, 0);
  click (redo);
  g_assert_cmpuint (recipe->steps->len, ==, 1);

  /* Every suggestion but the fill already there: drop the ID and the constant column,
   * fill and standardise income, standardise age, split city. */
  click (apply);
  g_assert_cmpuint (recipe->steps->len, ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (fw_clean_page_get_steps (page)), ==, 7);
  g_assert_false (gtk_widget_is_sensitive (apply));
  g_assert_null (preview_column (page, "id"));
  g_assert_null (preview_column (page, "country"));
  g_assert_null (preview_column (page, "city"));
  g_assert_nonnull (preview_column (page, "city=Paris"));
  g_assert_cmpuint (preview_column (page, "income")->n_missing, ==, 0);
  g_assert_cmpuint (fw_table_n_columns (fw_table_model_get_table (
                      fw_clean_page_get_preview_model (page))), ==, 5);
  /* The cards say what was done. */
  g_assert_null (fw_column_card_get_fix_button (fw_clean_page_get_card (page, 0),
                                                FW_STEP_DROP_COLUMN));

  /* One edit: one undo takes all six back. */
  press_shortcut (page, "<Control>z");
  g_assert_cmpuint (recipe->steps->len, ==, 1);
  g_assert_nonnull (preview_column (page, "id"));
  g_assert_true (gtk_widget_is_sensitive (apply));
  press_shortcut (page, "<Control><Shift>z");
  g_assert_cmpuint (recipe->steps->len, ==, 7);

  /* Removing a step from the list. */
  gtk_widget_activate_action (GTK_WIDGET (page), "clean.remove-step", "u", 0);
  fw_ui_test_flush ();
  g_assert_cmpuint (recipe->steps->len, ==, 6);
  g_assert_true (isnan (fw_column_get_number (preview_column (page, "age"), 1)));

  fw_ui_test_save_screenshot (GTK_WIDGET (fixture->window), "clean-test-preview");

  /* The file on disk is as it was. */
  g_assert_true (g_file_load_contents (file, NULL, &after, &after_length, NULL, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);
}

/* −1 standing for "never contacted" in most rows: the card offers to read it as missing,
 * with the −1 itself as the step's value, and a "was missing" column that the preview
 * shows next to it. */
static const char contacts_csv[] =
  "days,score\n"
  "-1,3\n" "-1,5\n" "12,4\n" "-1,6\n" "30,2\n" "-1,5\n" "-1,7\n" "45,3\n" "-1,4\n"
  "-1,6\n" "20,5\n" "-1,3\n";

static void
test_sentinel_fix (FwUiFixture   *fixture,
                   gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  FwCleanPage *page;
  FwColumnCard *card;
  GtkWidget *button;
  const FwRecipe *recipe;
  const FwStep *step;
  const FwColumn *indicator;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  file = fw_ui_fixture_write_file (fixture, "contacts.csv", contacts_csv, -1);
  page = open_and_go_to_clean (fixture, file);
  recipe = fw_session_get_recipe (fw_window_get_session (fixture->window));
  g_assert_cmpstr (fw_clean_page_get_summary (page), ==, "2 columns, 1 with something to look at");

  card = fw_clean_page_get_card (page, 0);
  button = fw_column_card_get_fix_button (card, FW_STEP_TREAT_AS_MISSING);
  g_assert_nonnull (button);
  g_assert_nonnull (fw_column_card_get_fix_button (card, FW_STEP_MISSING_INDICATOR));
  g_assert_null (fw_column_card_get_fix_button (fw_clean_page_get_card (page, 1),
                                                FW_STEP_TREAT_AS_MISSING));
  click (button);
  fw_ui_test_flush ();
  g_assert_cmpuint (recipe->steps->len, ==, 1);
  step = g_ptr_array_index (recipe->steps, 0);
  g_assert_cmpint (step->kind, ==, FW_STEP_TREAT_AS_MISSING);
  g_assert_cmpstr (step->column, ==, "days");
  g_assert_cmpstr (step->constant, ==, "-1");

  click (fw_column_card_get_fix_button (fw_clean_page_get_card (page, 0),
                                        FW_STEP_MISSING_INDICATOR));
  fw_ui_test_flush ();
  g_assert_cmpuint (recipe->steps->len, ==, 2);
  adw_view_stack_set_visible_child_name (fw_clean_page_get_view_stack (page), "preview");
  fw_ui_test_flush ();
  indicator = preview_column (page, "days_was_missing");
  g_assert_nonnull (indicator);
  g_assert_cmpfloat (fw_column_get_number (indicator, 0), ==, 1.0);
  g_assert_cmpfloat (fw_column_get_number (indicator, 2), ==, 0.0);
  /* No fill yet: the −1s are gaps now (training would fill them with the median). */
  g_assert_true (isnan (fw_column_get_number (preview_column (page, "days"), 0)));
  g_assert_cmpfloat (fw_column_get_number (preview_column (page, "days"), 2), ==, 12.0);
}

/* Thousands of columns: cards are made for the ones on screen only. */
static void
test_many_columns (FwUiFixture   *fixture,
                   gconstpointer  data)
{
  const guint n_columns = 4096, n_rows = 12;
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(GFile) file = NULL;
  FwCleanPage *page;
  guint n_cards = 0;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  for (guint c = 0; c < n_columns; c++)
    g_string_append_printf (csv, c > 0 ? ",c%u" : "c%u", c);
  g_string_append_c (csv, '\n');
  for (guint r = 0; r < n_rows; r++)
    {
      for (guint c = 0; c < n_columns; c++)
        g_string_append_printf (csv, c > 0 ? ",%u" : "%u", (r * 7 + c) % 5);
      g_string_append_c (csv, '\n');
    }
  file = fw_ui_fixture_write_file (fixture, "wide.csv", csv->str, (gssize) csv->len);
  page = open_and_go_to_clean (fixture, file);

  g_assert_cmpuint (g_list_model_get_n_items (fw_clean_page_get_columns (page)), ==, n_columns);
  for (guint i = 0; i < n_columns; i++)
    n_cards += fw_clean_page_get_card (page, i) != NULL;
  g_assert_cmpuint (n_cards, >, 0);
  g_assert_cmpuint (n_cards, <, 500);

  /* Suggestions for all of them still come as one step to undo. */
  gtk_widget_activate_action (GTK_WIDGET (page), "clean.apply-suggestions", NULL);
  fw_ui_test_flush ();
  g_assert_cmpuint (fw_session_get_recipe (fw_window_get_session (fixture->window))->steps->len,
                    ==, n_columns);
  gtk_widget_activate_action (GTK_WIDGET (page), "clean.undo", NULL);
  g_assert_cmpuint (fw_session_get_recipe (fw_window_get_session (fixture->window))->steps->len,
                    ==, 0);
}

/* Whether the recipe drops @column. */
static gboolean
drops (FwSession  *session,
       const char *column)
{
  const FwRecipe *recipe = fw_session_get_recipe (session);

  for (guint i = 0; i < recipe->steps->len; i++)
    {
      const FwStep *step = g_ptr_array_index (recipe->steps, i);

      if (step->kind == FW_STEP_DROP_COLUMN && g_strcmp0 (step->column, column) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The search leaves the cards whose names hold the text, each bound to its own column;
 * selected cards are dropped, and kept again, each time in one undoable edit. */
static void
test_search_and_select (FwUiFixture   *fixture,
                        gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  FwSession *session = NULL;
  FwCleanPage *page;
  GtkWidget *drop_button, *keep_button;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  file = fw_ui_fixture_write_file (fixture, "people.csv", people_csv, -1);
  page = open_and_go_to_clean (fixture, file);
  session = fw_window_get_session (fixture->window);

  /* "C" in any case: city, income, country — in table order, each card its own column. */
  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), "C");
  g_signal_emit_by_name (page->search_entry, "search-changed");
  fw_ui_test_flush ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (page->shown)), ==, 3);
  g_assert_cmpuint (fw_clean_page_column_at (page, 0), ==, 2);
  g_assert_cmpuint (fw_clean_page_column_at (page, 1), ==, 3);
  g_assert_cmpuint (fw_clean_page_column_at (page, 2), ==, 4);
  g_assert_nonnull (fw_clean_page_get_card (page, 3));
  g_assert_null (fw_clean_page_get_card (page, 1));

  /* Each bar of a card's histogram in words (its tooltip): a category, and the first and
   * last of income's 20 bins of 2,750 over 35,000–90,000, with 11 values present. */
  {
    g_autofree char *paris = fw_column_card_describe_bar (fw_clean_page_get_card (page, 2), 0);
    g_autofree char *first = fw_column_card_describe_bar (fw_clean_page_get_card (page, 3), 0);
    g_autofree char *last = fw_column_card_describe_bar (fw_clean_page_get_card (page, 3), 19);
    g_autofree char *past = fw_column_card_describe_bar (fw_clean_page_get_card (page, 3), 20);

    g_assert_cmpstr (paris, ==, "“Paris”: 5 rows (42 %)");
    g_assert_cmpstr (first, ==, "35,000 – 37,750: 1 row (9 %)");
    g_assert_cmpstr (last, ==, "87,250 – 90,000: 1 row (9 %)");
    g_assert_null (past);
  }

  /* Nothing selected: no buttons. */
  drop_button = find_descendant (GTK_WIDGET (page), has_action, "clean.drop-selected");
  keep_button = find_descendant (GTK_WIDGET (page), has_action, "clean.keep-selected");
  g_assert_false (gtk_widget_get_visible (drop_button));

  /* income and country (positions 1 and 2 of the search). */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (page->selection), 1, FALSE);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (page->selection), 2, FALSE);
  fw_ui_test_flush ();
  g_assert_true (gtk_widget_get_visible (drop_button));
  g_assert_cmpstr (gtk_label_get_text (page->selection_label), ==, "2 selected");
  fw_ui_test_save_screenshot (GTK_WIDGET (fixture->window), "clean-selected");
  g_assert_false (gtk_widget_is_sensitive (keep_button));
  click (drop_button);
  g_assert_true (drops (session, "income"));
  g_assert_true (drops (session, "country"));
  g_assert_false (drops (session, "city"));
  g_assert_cmpuint (fw_session_get_recipe (session)->steps->len, ==, 2);
  /* The selection is spent: the buttons go. */
  g_assert_false (gtk_widget_get_visible (drop_button));

  /* One undo takes both drops back; redo brings them again. */
  gtk_widget_activate_action (GTK_WIDGET (page), "clean.undo", NULL);
  g_assert_cmpuint (fw_session_get_recipe (session)->steps->len, ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (page), "clean.redo", NULL);
  g_assert_cmpuint (fw_session_get_recipe (session)->steps->len, ==, 2);

  /* Keep: country and city selected; only country was dropped, so only it comes back. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (page->selection), 0, FALSE);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (page->selection), 2, FALSE);
  fw_ui_test_flush ();
  g_assert_true (gtk_widget_is_sensitive (keep_button));
  click (keep_button);
  g_assert_true (drops (session, "income"));
  g_assert_false (drops (session, "country"));
  g_assert_cmpuint (fw_session_get_recipe (session)->steps->len, ==, 1);

  /* An empty search shows every card again. */
  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), "");
  g_signal_emit_by_name (page->search_entry, "search-changed");
  fw_ui_test_flush ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (page->shown)), ==, 5);
}

/* The sample, for looking at: light and dark screenshots where FW_UI_SCREENSHOT_DIR says. */
static void
test_sample_screenshots (FwUiFixture   *fixture,
                         gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  FwDataPage *data_page;
  FwCleanPage *page;
  GtkWidget *widget;
  const FwTableProfile *profile;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  data_page = fw_window_get_data_page (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  fw_window_open_sample (fixture->window);
  g_assert_cmpstr (fw_ui_test_wait_import (data_page), ==, "preview");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next", NULL);
  fw_ui_test_flush ();
  widget = find_descendant (GTK_WIDGET (fixture->window), is_clean_page, NULL);
  page = FW_CLEAN_PAGE (widget);
  profile = fw_session_get_profile (fw_window_get_session (fixture->window));
  g_assert_cmpuint (g_list_model_get_n_items (fw_clean_page_get_columns (page)), ==,
                    profile->n_columns);

  /* A step or two, so the list has something in it. */
  gtk_widget_activate_action (GTK_WIDGET (page), "clean.add-step", "(sss)", "drop_column",
                              fw_table_column (fw_session_get_table (
                                fw_window_get_session (fixture->window)), 0)->name, "");
  fw_ui_test_flush ();
  g_assert_cmpuint (g_list_model_get_n_items (fw_clean_page_get_steps (page)), ==, 1);

  fw_ui_test_save_screenshot (GTK_WIDGET (fixture->window), "shot-clean-light");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  fw_ui_test_flush ();
  fw_ui_test_save_screenshot (GTK_WIDGET (fixture->window), "shot-clean-dark");
  adw_view_stack_set_visible_child_name (fw_clean_page_get_view_stack (page), "preview");
  fw_ui_test_flush ();
  g_assert_nonnull (fw_clean_page_get_preview_model (page));
  fw_ui_test_save_screenshot (GTK_WIDGET (fixture->window), "shot-clean-preview-dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* People with a birth date, a jail entry, a screening and "re-arrested, or the end of the
 * two-year window" — whose days from the jail entry end at the event. */
static char *
dated_csv (void)
{
  GString *csv = g_string_new ("dob,jail_in,screening_date,rearrest_date,priors,reoffended\n");
  guint64 state = 99;
  g_autoptr(GDate) date = g_date_new ();

  for (guint i = 0; i < 1500; i++)
    {
      guint r[5], screening, jail, yes;
      char text[4][16];

      for (guint k = 0; k < G_N_ELEMENTS (r); k++)
        {
          state = state * 6364136223846793005u + 1442695040888963407u;
          r[k] = (guint) (state >> 33);
        }
      screening = 734869 + r[0] % 700;           /* 2013-01-01 + up to 700 days */
      jail = screening - r[1] % 5;
      yes = r[4] % 100 < 20 + 5 * (r[3] % 10);
      g_date_set_julian (date, screening - 6570 - r[2] % 18000);
      g_date_strftime (text[0], sizeof text[0], "%Y-%m-%d", date);
      g_date_set_julian (date, jail);
      g_date_strftime (text[1], sizeof text[1], "%Y-%m-%d", date);
      g_date_set_julian (date, screening);
      g_date_strftime (text[2], sizeof text[2], "%Y-%m-%d", date);
      g_date_set_julian (date, jail + (yes ? 1 + r[2] % 729 : 730));
      g_date_strftime (text[3], sizeof text[3], "%Y-%m-%d", date);
      g_string_append_printf (csv, "%s,%s,%s,%s,%u,%s\n", text[0], text[1], text[2], text[3],
                              r[3] % 10, yes ? "yes" : "no");
    }
  return g_string_free (csv, FALSE);
}

static gboolean
label_starts_with (GtkWidget     *widget,
                   gconstpointer  prefix)
{
  return GTK_IS_LABEL (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix);
}

/* Waits on the main loop for the worker's answer; returns the iterations it took. */
static guint
wait_checked (FwCleanPage *page)
{
  guint iterations = 0;

  while (fw_clean_page_is_checking (page))
    {
      g_main_context_iteration (NULL, TRUE);
      iterations++;
    }
  return iterations;
}

/* With a target the leak check runs on a worker: the page answers at once, says it is
 * checking, and the result — the same as computed here in one go — arrives through the
 * main loop; leaving the page cancels it, coming back runs it again. */
static void
test_checked_on_worker (FwUiFixture   *fixture,
                        gconstpointer  data)
{
  g_autofree char *csv = dated_csv ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(FwRecipe) targeted = NULL;
  g_autoptr(FwSuggestions) expected = NULL;
  g_autoptr(GError) error = NULL;
  FwSession *session;
  FwCleanPage *page;
  FwColumnCard *card;
  GtkWidget *button, *apply;
  const FwRecipe *suggested;
  const FwRecipe *recipe;
  const FwStep *step;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  file = fw_ui_fixture_write_file (fixture, "dated.csv", csv, -1);
  page = open_and_go_to_clean (fixture, file);
  session = fw_window_get_session (fixture->window);
  g_assert_false (fw_clean_page_is_checking (page));

  targeted = fw_recipe_copy (fw_session_get_recipe (session));
  targeted->target = g_strdup ("reoffended");
  fw_session_set_recipe (session, targeted);
  g_assert_true (fw_clean_page_is_checking (page));
  g_assert_null (fw_clean_page_get_suggested (page));
  apply = find_descendant (GTK_WIDGET (page), has_action, "clean.apply-suggestions");
  g_assert_false (gtk_widget_is_sensitive (apply));
  g_assert_nonnull (find_descendant (GTK_WIDGET (page), label_starts_with,
                                     "Checking columns"));

  /* Out of sight the page checks nothing (a check running is cancelled); coming back
   * starts it. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.go-to-step", "u",
                              FW_WIZARD_DATA);
  while (gtk_widget_get_mapped (GTK_WIDGET (page)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (fw_clean_page_is_checking (page));
  fw_session_set_recipe (session, targeted);
  g_assert_false (fw_clean_page_is_checking (page));
  g_assert_null (fw_clean_page_get_suggested (page));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.go-to-step", "u",
                              FW_WIZARD_CLEAN);
  fw_ui_test_flush ();
  wait_checked (page);
  g_assert_nonnull (fw_clean_page_get_suggested (page));
  /* Once more, from the start: the call returns at once, the answer comes on the loop. */
  fw_session_set_recipe (session, targeted);
  g_assert_true (fw_clean_page_is_checking (page));
  g_assert_cmpuint (wait_checked (page), >, 0);

  suggested = fw_clean_page_get_suggested (page);
  g_assert_nonnull (suggested);
  expected = fw_suggestions_compute (fw_session_get_table (session),
                                     fw_table_profile_copy (fw_session_get_profile (session)),
                                     fw_session_get_recipe (session), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (suggested->steps->len, ==, expected->suggested->steps->len);
  for (guint i = 0; i < suggested->steps->len; i++)
    {
      const FwStep *a = g_ptr_array_index (suggested->steps, i);
      const FwStep *b = g_ptr_array_index (expected->suggested->steps, i);

      g_assert_cmpint (a->kind, ==, b->kind);
      g_assert_cmpstr (a->column, ==, b->column);
      g_assert_cmpstr (a->to, ==, b->to);
      g_assert_cmpstr (a->constant, ==, b->constant);
      g_assert_cmpuint (a->min_count, ==, b->min_count);
    }
  for (guint c = 0; c < expected->profile->n_columns; c++)
    g_assert_cmpint (fw_column_profile_has_issue (&fw_session_get_profile (session)->columns[c],
                                                  FW_ISSUE_TARGET_LEAKAGE), ==,
                     fw_column_profile_has_issue (&expected->profile->columns[c],
                                                  FW_ISSUE_TARGET_LEAKAGE));
  fw_ui_test_flush ();
  g_assert_true (gtk_widget_is_sensitive (apply));

  /* The age is one click on the birth date's card; the days to the event are a warning. */
  card = fw_clean_page_get_card (page, 0);
  button = fw_column_card_get_fix_button (card, FW_STEP_DAYS_BETWEEN);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==,
                   "Days from “dob” to “screening_date”");
  g_assert_nonnull (find_descendant (GTK_WIDGET (fw_clean_page_get_card (page, 1)),
                                     label_starts_with,
                                     "Days from “jail_in” to “rearrest_date” alone gets the "
                                     "answer right for"));
  click (button);
  recipe = fw_session_get_recipe (session);
  g_assert_cmpuint (recipe->steps->len, ==, 1);
  step = g_ptr_array_index (recipe->steps, 0);
  g_assert_cmpint (step->kind, ==, FW_STEP_DAYS_BETWEEN);
  g_assert_cmpstr (step->column, ==, "dob");
  g_assert_cmpstr (step->to, ==, "screening_date");
}

int
main (int   argc,
      char *argv[])
{
  fw_ui_test_init (&argc, &argv);

  g_test_add ("/ui/clean-page/fix-undo-redo", FwUiFixture, NULL,
              fw_ui_fixture_setup, test_fix_undo_redo, fw_ui_fixture_teardown);
  g_test_add ("/ui/clean-page/search-and-select", FwUiFixture, NULL,
              fw_ui_fixture_setup, test_search_and_select, fw_ui_fixture_teardown);
  g_test_add ("/ui/clean-page/sentinel-fix", FwUiFixture, NULL,
              fw_ui_fixture_setup, test_sentinel_fix, fw_ui_fixture_teardown);
  g_test_add ("/ui/clean-page/many-columns", FwUiFixture, NULL,
              fw_ui_fixture_setup, test_many_columns, fw_ui_fixture_teardown);
  g_test_add ("/ui/clean-page/checked-on-worker", FwUiFixture, NULL,
              fw_ui_fixture_setup, test_checked_on_worker, fw_ui_fixture_teardown);
  g_test_add ("/ui/clean-page/sample-screenshots", FwUiFixture, NULL,
              fw_ui_fixture_setup, test_sample_screenshots, fw_ui_fixture_teardown);

  return g_test_run ();
}
