/* test-target-page.c — wizard step 3 on the sample: the target, the task in words, the
 * sensitive columns and the data audit, checked against the CSV itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include "fw-target-page-private.h"
#include "fw-ui-test.h"

#define SAMPLE_ROWS 2000

static FwTargetPage *
go_to_target (FwUiFixture *fixture)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.go-to-step", "u",
                              FW_WIZARD_TARGET);
  g_assert_cmpint (fw_window_get_step (fixture->window), ==, FW_WIZARD_TARGET);
  fw_ui_test_flush ();
  return FW_TARGET_PAGE (fw_ui_test_find_descendant (GTK_WIDGET (fixture->window),
                                                     FW_TYPE_TARGET_PAGE));
}

static guint
combo_index (AdwComboRow *row,
             const char  *text)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text))
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static const char *
combo_selected (AdwComboRow *row)
{
  return gtk_string_object_get_string (adw_combo_row_get_selected_item (row));
}

/* Rows per value of @column, counted from the file with nothing of Fairway's. */
static GHashTable *
count_values (GFile      *file,
              const char *column)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int index = -1;

  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  header = g_strsplit (lines[0], ",", -1);
  for (int i = 0; header[i] != NULL; i++)
    if (g_str_equal (header[i], column))
      index = i;
  g_assert_cmpint (index, >=, 0);
  for (guint l = 1; lines[l] != NULL && lines[l][0] != '\0'; l++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[l], ",", -1);
      gpointer n = g_hash_table_lookup (counts, fields[index]);

      g_hash_table_replace (counts, g_strdup (fields[index]), GUINT_TO_POINTER (GPOINTER_TO_UINT (n) + 1));
    }
  return counts;
}

/* The row count an audit row shows: the digits before " row". */
static guint64
shown_rows (AdwActionRow *row)
{
  const char *subtitle = adw_action_row_get_subtitle (row);
  guint64 n = 0;

  for (const char *p = subtitle; *p != '\0' && *p != ' '; p++)
    if (g_ascii_isdigit (*p))
      n = n * 10 + (guint64) (*p - '0');
  return n;
}

static void
find_rows (GtkWidget  *root,
           GPtrArray  *rows)
{
  if (ADW_IS_ACTION_ROW (root))
    g_ptr_array_add (rows, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_rows (child, rows);
}

static void
test_choose_target (FwUiFixture   *fixture,
                    gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  FwSession *session;
  const FwRecipe *recipe;
  FwTargetPage *page;
  AdwComboRow *target_row, *positive_row;
  GtkSwitch *sex;
  GtkWidget *next, *audit;
  guint index, n_checked = 0;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  file = fw_ui_fixture_open_sample (fixture, SAMPLE_ROWS);
  session = fw_window_get_session (fixture->window);
  page = go_to_target (fixture);
  next = fw_window_get_next_button (fixture->window);
  g_assert_false (gtk_widget_is_sensitive (next));
  g_assert_null (fw_target_page_get_positive_row (page));

  /* An identifier is not offered as something to predict. */
  target_row = fw_target_page_get_target_row (page);
  g_assert_cmpuint (combo_index (target_row, "applicant_id"), ==, GTK_INVALID_LIST_POSITION);
  index = combo_index (target_row, "approved");
  g_assert_cmpuint (index, !=, GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (target_row, index);
  fw_ui_test_flush ();

  recipe = fw_session_get_recipe (session);
  g_assert_cmpstr (recipe->target, ==, "approved");
  g_assert_nonnull (strstr (fw_target_page_get_task_sentence (page), "yes-or-no"));
  positive_row = fw_target_page_get_positive_row (page);
  g_assert_nonnull (positive_row);
  g_assert_cmpstr (combo_selected (positive_row), ==, "yes");

  /* "Is being predicted “yes” good for the person?": yes, guessed from "approved"; saying
   * no makes "no" the good answer in the recipe, and yes again makes it "yes". */
  {
    GtkSwitch *good = fw_target_page_get_favourable_switch (page);

    g_assert_nonnull (good);
    g_assert_true (gtk_switch_get_active (good));
    g_assert_null (recipe->favourable);
    gtk_switch_set_active (good, FALSE);
    fw_ui_test_flush ();
    recipe = fw_session_get_recipe (session);
    g_assert_cmpstr (recipe->favourable, ==, "no");
    g_assert_false (gtk_switch_get_active (fw_target_page_get_favourable_switch (page)));
    gtk_switch_set_active (fw_target_page_get_favourable_switch (page), TRUE);
    fw_ui_test_flush ();
    recipe = fw_session_get_recipe (session);
    g_assert_cmpstr (recipe->favourable, ==, "yes");
  }

  /* sex is suggested, and kept out of the features unless the user says otherwise. */
  sex = fw_target_page_get_sensitive_switch (page, "sex");
  g_assert_nonnull (sex);
  g_assert_true (gtk_switch_get_active (sex));
  g_assert_true (g_ptr_array_find_with_equal_func (recipe->sensitive, "sex", g_str_equal, NULL));
  g_assert_false (recipe->sensitive_as_features);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FwDataset) dataset = fw_dataset_prepare (fw_session_get_table (session), recipe,
                                                       NULL, &error);

    g_assert_no_error (error);
    for (guint f = 0; dataset->feature_names[f] != NULL; f++)
      g_assert_false (g_str_has_prefix (dataset->feature_names[f], "sex"));
  }

  /* The audit shows each group of sex with as many rows as the file has. */
  audit = fw_target_page_get_audit_group (page, "sex");
  g_assert_nonnull (audit);
  counts = count_values (file, "sex");
  find_rows (audit, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (rows, i);
      const char *group = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

      g_assert_true (g_hash_table_contains (counts, group));
      g_assert_cmpuint (shown_rows (row), ==, GPOINTER_TO_UINT (g_hash_table_lookup (counts, group)));
      n_checked++;
    }
  g_assert_cmpuint (n_checked, ==, g_hash_table_size (counts));

  /* The audit's findings name the gap the sample was built with. */
  g_assert_nonnull (fw_target_page_get_audit (page));
  g_assert_cmpuint (fw_target_page_get_audit (page)->findings->len, >, 0);

  g_assert_true (gtk_widget_is_sensitive (next));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (next), ==, "Go on to Model");

  /* Tall enough to show the audit below the choices. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 1900);
  fw_ui_test_save_screenshot (GTK_WIDGET (fixture->window), "shot-target-light");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  fw_ui_test_save_screenshot (GTK_WIDGET (fixture->window), "shot-target-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
}

/* Turning a sensitive column off edits the recipe; so do the two switches below. */
static void
test_sensitive_switches (FwUiFixture   *fixture,
                         gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  FwSession *session;
  const FwRecipe *recipe;
  FwTargetPage *page;
  AdwComboRow *target_row;
  GtkSwitch *sex, *region;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  file = fw_ui_fixture_open_sample (fixture, 500);
  session = fw_window_get_session (fixture->window);
  page = go_to_target (fixture);
  target_row = fw_target_page_get_target_row (page);
  adw_combo_row_set_selected (target_row, combo_index (target_row, "approved"));
  recipe = fw_session_get_recipe (session);

  sex = fw_target_page_get_sensitive_switch (page, "sex");
  gtk_switch_set_active (sex, FALSE);
  g_assert_false (g_ptr_array_find_with_equal_func (recipe->sensitive, "sex", g_str_equal, NULL));
  g_assert_null (fw_target_page_get_audit_group (page, "sex"));

  region = fw_target_page_get_sensitive_switch (page, "region");
  g_assert_false (gtk_switch_get_active (region));
  gtk_switch_set_active (region, TRUE);
  g_assert_true (g_ptr_array_find_with_equal_func (recipe->sensitive, "region", g_str_equal,
                                                   NULL));
  g_assert_nonnull (fw_target_page_get_audit_group (page, "region"));

  /* The target cannot also be sensitive. */
  g_assert_null (fw_target_page_get_sensitive_switch (page, "applicant_id"));
  g_assert_false (gtk_widget_is_sensitive (
    gtk_widget_get_ancestor (GTK_WIDGET (fw_target_page_get_sensitive_switch (page, "approved")),
                             ADW_TYPE_ACTION_ROW)));

  /* Choosing another target keeps the user's sensitive columns. */
  adw_combo_row_set_selected (target_row, combo_index (target_row, "credit_score"));
  g_assert_cmpstr (recipe->target, ==, "credit_score");
  g_assert_nonnull (strstr (fw_target_page_get_task_sentence (page), "number"));
  g_assert_null (fw_target_page_get_positive_row (page));
  /* A number is neither good nor bad, and a new target forgets the old answer. */
  g_assert_null (fw_target_page_get_favourable_switch (page));
  g_assert_null (recipe->favourable);
  g_assert_false (g_ptr_array_find_with_equal_func (recipe->sensitive, "sex", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (recipe->sensitive, "region", g_str_equal,
                                                   NULL));
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* The first button labelled @label under @root, depth first, or NULL. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (is_button_labelled (root, label))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A column that copies the outcome (3 in 100 rows differ) is named as a suspected leak
 * once the target is chosen, and the person leaves it out or vouches for it. */
static void
test_leak_choices (FwUiFixture   *fixture,
                   gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  FwSession *session;
  FwTargetPage *page;
  AdwComboRow *target_row;
  GtkWidget *leave, *keep;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  file = fw_ui_fixture_open_leaky (fixture, 600, 30);
  session = fw_window_get_session (fixture->window);
  page = go_to_target (fixture);
  target_row = fw_target_page_get_target_row (page);
  adw_combo_row_set_selected (target_row, combo_index (target_row, "outcome"));
  /* The check runs on a worker and answers through the main loop. */
  g_assert_true (fw_target_page_is_checking (page));
  while (fw_target_page_is_checking (page))
    g_main_context_iteration (NULL, TRUE);
  fw_ui_test_flush ();

  /* Only the copy is suspected: age has nothing to do with the outcome. */
  leave = find_button (GTK_WIDGET (page), "_Leave Out");
  keep = find_button (GTK_WIDGET (page), "_Known in Advance");
  g_assert_nonnull (leave);
  g_assert_nonnull (keep);
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (
                     GTK_ACTIONABLE (leave)), NULL), ==, "flag_after");

  g_signal_emit_by_name (leave, "clicked");
  fw_ui_test_flush ();
  g_assert_cmpuint (fw_session_get_recipe (session)->steps->len, ==, 1);
  g_assert_cmpstr (((FwStep *) fw_session_get_recipe (session)->steps->pdata[0])->column, ==,
                   "flag_after");
  /* Said as done, no button left. */
  g_assert_null (find_button (GTK_WIDGET (page), "_Leave Out"));

  /* Undone, then vouched for: recorded in the recipe, and no longer asked. */
  fw_session_undo (session);
  fw_ui_test_flush ();
  keep = find_button (GTK_WIDGET (page), "_Known in Advance");
  g_assert_nonnull (keep);
  g_signal_emit_by_name (keep, "clicked");
  fw_ui_test_flush ();
  g_assert_cmpuint (fw_session_get_recipe (session)->known_in_advance->len, ==, 1);
  g_assert_cmpstr (fw_session_get_recipe (session)->known_in_advance->pdata[0], ==,
                   "flag_after");
  g_assert_null (find_button (GTK_WIDGET (page), "_Known in Advance"));
}

int
main (int   argc,
      char *argv[])
{
  fw_ui_test_init (&argc, &argv);

  g_test_add ("/ui/target-page/choose-target", FwUiFixture, NULL,
              fw_ui_fixture_setup, test_choose_target, fw_ui_fixture_teardown);
  g_test_add ("/ui/target-page/leak-choices", FwUiFixture, NULL,
              fw_ui_fixture_setup, test_leak_choices, fw_ui_fixture_teardown);
  g_test_add ("/ui/target-page/sensitive-switches", FwUiFixture, NULL,
              fw_ui_fixture_setup, test_sensitive_switches, fw_ui_fixture_teardown);

  return g_test_run ();
}
