/* test-model-page.c — wizard step 4 on the sample: the recommended card, settings that edit
 * the recipe, and Compare models ranking what it cross-validated, mean ± sd, the simplest
 * within one standard error recommended (and stopping on Escape)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include "fw-backend-cuda.h"
#include "fw-compare-view-private.h"
#include "fw-model-page-private.h"
#include "fw-target-page-private.h"
#include "fw-ui-test.h"

#define SAMPLE_ROWS 2000

/* Opens the sample, predicts "approved" and walks on to the Model step. */
static FwModelPage *
go_to_model (FwUiFixture *fixture)
{
  g_autoptr(GFile) file = fw_ui_fixture_open_sample (fixture, SAMPLE_ROWS);
  GtkWidget *window = GTK_WIDGET (fixture->window);
  FwTargetPage *target;
  AdwComboRow *row;
  GListModel *columns;

  gtk_widget_activate_action (window, "win.go-to-step", "u", FW_WIZARD_TARGET);
  target = FW_TARGET_PAGE (fw_ui_test_find_descendant (window, FW_TYPE_TARGET_PAGE));
  row = fw_target_page_get_target_row (target);
  columns = adw_combo_row_get_model (row);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (columns), i), "approved"))
      adw_combo_row_set_selected (row, i);
  g_assert_cmpstr (fw_session_get_recipe (fw_window_get_session (fixture->window))->target, ==,
                   "approved");
  /* The cleaning the Clean step suggests (standardised numbers, imputed gaps). */
  {
    FwSession *session = fw_window_get_session (fixture->window);
    g_autoptr(GError) error = NULL;
    g_autoptr(FwRecipe) suggested = fw_recipe_new_suggested (fw_session_get_table (session),
                                                             fw_session_get_profile (session),
                                                             "approved", &error);

    g_assert_no_error (error);
    fw_session_set_steps (session, suggested->steps);
  }
  gtk_widget_activate_action (window, "win.next", NULL);
  g_assert_cmpint (fw_window_get_step (fixture->window), ==, FW_WIZARD_MODEL);
  fw_ui_test_flush ();
  return FW_MODEL_PAGE (fw_ui_test_find_descendant (window, FW_TYPE_MODEL_PAGE));
}

static void
test_cards_and_settings (FwUiFixture   *fixture,
                         gconstpointer  data)
{
  FwModelPage *page;
  const FwRecipe *recipe;
  GtkToggleButton *mlp;
  GtkSpinButton *epochs;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  page = go_to_model (fixture);
  recipe = fw_session_get_recipe (fw_window_get_session (fixture->window));

  /* A yes/no target: logistic regression is recommended and chosen; linear cannot be. */
  g_assert_true (fw_model_page_is_recommended (page, FW_MODEL_LOGISTIC));
  g_assert_false (fw_model_page_is_recommended (page, FW_MODEL_MLP));
  g_assert_true (gtk_toggle_button_get_active (fw_model_page_get_card (page, FW_MODEL_LOGISTIC)));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (fw_model_page_get_card (page,
                                                                               FW_MODEL_LINEAR))));
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (fw_model_page_get_card (page,
                                                                               FW_MODEL_MLP))));

  /* Choosing the neural network and changing the passes edit the recipe. */
  mlp = fw_model_page_get_card (page, FW_MODEL_MLP);
  /* As the keyboard does it; a button's activation completes on a timeout. */
  gtk_widget_activate (GTK_WIDGET (mlp));
  fw_ui_test_flush ();
  g_assert_true (gtk_toggle_button_get_active (mlp));
  g_assert_cmpint (recipe->model.kind, ==, FW_MODEL_MLP);
  g_assert_cmpfloat (recipe->model.learning_rate, ==,
                     fw_model_kind_default_learning_rate (FW_MODEL_MLP));
  g_assert_false (gtk_toggle_button_get_active (fw_model_page_get_card (page, FW_MODEL_LOGISTIC)));
  epochs = fw_model_page_get_setting (page, "epochs");
  gtk_spin_button_set_value (epochs, 7);
  g_assert_cmpuint (recipe->model.epochs, ==, 7);

  /* The split always adds up to the whole. */
  gtk_spin_button_set_value (fw_model_page_get_setting (page, "train"), 80);
  g_assert_cmpfloat_with_epsilon (recipe->split.train + recipe->split.validation +
                                  recipe->split.test, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (recipe->split.test, 0.05, 1e-9);

  /* Equal selection rates, named for the outcome: of approval ("yes" is good for the
   * person, guessed), then of being flagged once the user says "no" is the good answer. */
  {
    FwSession *session = fw_window_get_session (fixture->window);
    GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (fw_model_page_get_mitigation (page,
                                                                                       "parity")),
                                              ADW_TYPE_PREFERENCES_ROW);
    FwRecipe *edit;

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                     "_Equal rates of “yes”");
    edit = fw_session_begin_edit (session);
    edit->favourable = g_strdup ("no");
    fw_session_end_edit (session);
    fw_ui_test_flush ();
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                     "_Equal rates of being flagged “yes”");
    recipe = fw_session_get_recipe (session);
  }

  /* Mitigation: reweighing is a recipe field, per-group thresholds the session's. */
  gtk_check_button_set_active (fw_model_page_get_mitigation (page, "reweigh"), TRUE);
  g_assert_cmpstr (recipe->mitigation, ==, "reweigh");
  gtk_check_button_set_active (fw_model_page_get_mitigation (page, "tpr"), TRUE);
  g_assert_cmpstr (recipe->mitigation, ==, "none");
  g_assert_cmpint (fw_session_get_threshold_policy (fw_window_get_session (fixture->window)), ==,
                   FW_THRESHOLD_POLICY_TPR);

  /* Thresholds chosen by hand on the Results step: no option is ticked, "None" says what the
   * recipe holds, and choosing it replaces them. */
  {
    FwSession *session = fw_window_get_session (fixture->window);
    FwRecipe *edit = fw_session_begin_edit (session);
    const char *const names[] = { "f", NULL };
    const double values[] = { 0.4 };
    GtkCheckButton *none = fw_model_page_get_mitigation (page, "none");
    AdwActionRow *row = ADW_ACTION_ROW (gtk_widget_get_ancestor (GTK_WIDGET (none),
                                                                 ADW_TYPE_ACTION_ROW));

    if (edit->sensitive->len == 0)
      g_ptr_array_add (edit->sensitive, g_strdup ("sex"));
    edit->threshold_policy = FW_THRESHOLD_POLICY_MANUAL;
    g_free (edit->threshold_attribute);
    edit->threshold_attribute = g_strdup ("sex");
    edit->group_thresholds_names = g_strdupv ((char **) names);
    edit->group_thresholds_values = g_memdup2 (values, sizeof values);
    fw_session_end_edit (session);
    fw_ui_test_flush ();
    recipe = fw_session_get_recipe (session);
    for (const char *const *m = (const char *const[]) { "none", "reweigh", "parity", "tpr",
                                                        NULL }; *m != NULL; m++)
      g_assert_false (gtk_check_button_get_active (fw_model_page_get_mitigation (page, *m)));
    g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row),
                                     "Now: a threshold per group of “sex”, chosen by hand"));
    gtk_check_button_set_active (none, TRUE);
    fw_ui_test_flush ();
    recipe = fw_session_get_recipe (session);
    g_assert_cmpint (recipe->threshold_policy, ==, FW_THRESHOLD_POLICY_NONE);
    g_assert_null (recipe->group_thresholds_names);
    g_assert_false (g_str_has_prefix (adw_action_row_get_subtitle (row), "Now:"));
  }

  /* The device row says what the CUDA probe found: the GPU's name, or why there is none. */
  {
    const FwCudaProbe *probe = fw_backend_cuda_probe ();
    g_autofree char *expected = probe->status == FW_CUDA_AVAILABLE
                                ? fw_backend_cuda_device_label (probe)
                                : g_strdup (probe->reason);

    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (
      fw_model_page_get_device_row (page))), expected));
  }
}

static gboolean
comparison_done (gpointer data)
{
  FwModelCompare *runner = fw_compare_view_get_runner (data);

  return runner == NULL || !fw_model_compare_is_running (runner);
}

/* The value of @label in a result row's subtitle, which starts "Label value". */
static double
shown_metric (AdwActionRow *row,
              const char   *label)
{
  const char *subtitle = adw_action_row_get_subtitle (row);

  g_assert_true (g_str_has_prefix (subtitle, label));
  return g_ascii_strtod (subtitle + strlen (label), NULL);
}

/* Exactly one row says "Recommended", with why, and it shows the result the 1-SE rule
 * picks for @metric; every row's figure is a mean ± sd. */
static void
assert_recommended (FwCompareView   *view,
                    FwModelCompare  *runner,
                    FwCompareMetric  metric)
{
  GPtrArray *results = fw_model_compare_get_results (runner);
  int expected = fw_model_compare_recommend (runner, metric);
  guint n_recommended = 0;

  g_assert_cmpint (expected, >=, 0);
  for (guint i = 0; i < 3; i++)
    {
      AdwActionRow *row = fw_compare_view_get_result_row (view, i);
      const char *subtitle = adw_action_row_get_subtitle (row);
      gboolean says = strstr (subtitle, "\nRecommended: ") != NULL;
      GtkWidget *badge = NULL;

      g_assert_nonnull (strstr (subtitle, " ± "));
      for (GtkWidget *w = GTK_WIDGET (row); w != NULL && badge == NULL; )
        {
          /* Depth first through the row, for the "Recommended" label. */
          if (GTK_IS_LABEL (w) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (w)),
                                             "Recommended") == 0)
            badge = w;
          else if (gtk_widget_get_first_child (w) != NULL)
            w = gtk_widget_get_first_child (w);
          else
            {
              while (w != GTK_WIDGET (row) && gtk_widget_get_next_sibling (w) == NULL)
                w = gtk_widget_get_parent (w);
              w = w == GTK_WIDGET (row) ? NULL : gtk_widget_get_next_sibling (w);
            }
        }
      g_assert_true (says == (badge != NULL));
      if (says)
        {
          n_recommended++;
          g_assert_true (fw_compare_view_get_row_result (view, i) ==
                         g_ptr_array_index (results, expected));
        }
    }
  g_assert_cmpuint (n_recommended, ==, 1);
}

static void
assert_ranked (FwCompareView *view,
               guint          n)
{
  AdwComboRow *rank_row = fw_compare_view_get_rank_row (view);
  const char *label = gtk_string_object_get_string (adw_combo_row_get_selected_item (rank_row));

  for (guint i = 1; i < n; i++)
    g_assert_cmpfloat (shown_metric (fw_compare_view_get_result_row (view, i - 1), label), >=,
                       shown_metric (fw_compare_view_get_result_row (view, i), label));
}

/* Whether the page has scrolled so that the rows ranked first to last are in view. */
static gboolean
results_in_view (FwCompareView *view,
                 guint          n)
{
  GtkWidget *first = GTK_WIDGET (fw_compare_view_get_result_row (view, 0));
  GtkWidget *last = GTK_WIDGET (fw_compare_view_get_result_row (view, n - 1));
  GtkWidget *scrolled = gtk_widget_get_ancestor (first, GTK_TYPE_SCROLLED_WINDOW);
  graphene_point_t top, bottom;

  g_assert_nonnull (scrolled);
  /* Relative to the scrolled window itself: what shows is 0 … its height. */
  if (!gtk_widget_compute_point (first, scrolled, &GRAPHENE_POINT_INIT (0, 0), &top) ||
      !gtk_widget_compute_point (last, scrolled,
                                 &GRAPHENE_POINT_INIT (0, gtk_widget_get_height (last)), &bottom))
    return FALSE;
  return top.y >= 0 && bottom.y <= gtk_widget_get_height (scrolled) + 0.5;
}

static gboolean
results_shown (gpointer data)
{
  return results_in_view (data, 3);
}

typedef struct
{
  FwSession             *session;
  const FwCompareResult *chosen;
} UseLanded;

static gboolean
use_landed (gpointer data)
{
  const UseLanded *use = data;
  const FwModelSpec *spec = &fw_session_get_recipe (use->session)->model;

  return spec->kind == use->chosen->spec.kind && spec->n_hidden == use->chosen->spec.n_hidden;
}

static void
test_compare (FwUiFixture   *fixture,
              gconstpointer  data)
{
  FwModelPage *page;
  FwCompareView *view;
  FwModelCompare *runner;
  const FwRecipe *recipe;
  GPtrArray *results;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  page = go_to_model (fixture);
  recipe = fw_session_get_recipe (fw_window_get_session (fixture->window));
  gtk_spin_button_set_value (fw_model_page_get_setting (page, "epochs"), 10);
  view = fw_model_page_get_compare_view (page);
  /* Nothing to cancel yet: Escape goes on to whoever else wants it. */
  g_assert_false (fw_ui_test_press_page_key (GTK_WIDGET (view), "Escape"));

  gtk_widget_activate_action (GTK_WIDGET (view), "compare.start", NULL);
  runner = fw_compare_view_get_runner (view);
  g_assert_nonnull (runner);
  g_assert_true (fw_model_compare_is_running (runner));
  fw_ui_test_wait (comparison_done, view, "the comparison to finish");

  /* Three candidates, all cross-validated, ranked by balanced accuracy (the default) and
   * then by accuracy; every figure a mean ± sd over the folds. */
  results = fw_model_compare_get_results (runner);
  g_assert_cmpuint (results->len, ==, 3);
  for (guint i = 0; i < results->len; i++)
    {
      const FwCompareResult *result = g_ptr_array_index (results, i);

      g_assert_null (result->error);
      g_assert_cmpuint (result->n_folds, ==, 5);
      g_assert_cmpfloat (result->metrics[FW_COMPARE_BALANCED_ACCURACY], >, 0.5);
      g_assert_cmpfloat (result->sd[FW_COMPARE_BALANCED_ACCURACY], >=, 0.0);
      g_assert_cmpfloat (result->fairness_gap, >=, 0.0);
    }
  g_assert_nonnull (fw_compare_view_get_result_row (view, 2));
  g_assert_null (fw_compare_view_get_result_row (view, 3));
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (
                     fw_compare_view_get_rank_row (view))), ==, "Balanced accuracy");
  assert_ranked (view, 3);
  assert_recommended (view, runner, FW_COMPARE_BALANCED_ACCURACY);
  /* The rows scroll into view once laid out. */
  fw_ui_test_wait (results_shown, view, "the ranking to scroll into view");
  adw_combo_row_set_selected (fw_compare_view_get_rank_row (view), 3);
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (
                     fw_compare_view_get_rank_row (view))), ==, "Accuracy");
  assert_ranked (view, 3);
  assert_recommended (view, runner, FW_COMPARE_ACCURACY);
  adw_combo_row_set_selected (fw_compare_view_get_rank_row (view), 0);

  /* Tall enough to show the ranking below the settings. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 2300);
  fw_ui_test_save_screenshot (GTK_WIDGET (fixture->window), "shot-model-light");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  fw_ui_test_save_screenshot (GTK_WIDGET (fixture->window), "shot-model-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  /* "Use this model" on the best one not in use makes the row's own result the recipe's
   * model, and the ranking stays, now marking it in use. */
  {
    const FwCompareResult *chosen = NULL;
    GtkWidget *use = NULL;
    UseLanded landed;

    for (guint i = 0; i < results->len && use == NULL; i++)
      {
        use = fw_ui_test_find_descendant (GTK_WIDGET (fw_compare_view_get_result_row (view, i)),
                                          GTK_TYPE_BUTTON);
        chosen = fw_compare_view_get_row_result (view, i);
      }
    g_assert_nonnull (use);
    g_assert_nonnull (chosen);
    g_assert_cmpint (chosen->spec.kind, !=, recipe->model.kind);
    g_assert_true (gtk_widget_activate (use));
    /* A button's activation completes on a 250 ms timeout: a flush alone may end first. */
    landed.session = fw_window_get_session (fixture->window);
    landed.chosen = chosen;
    fw_ui_test_wait (use_landed, &landed, "“Use This Model” to change the recipe");
    fw_ui_test_flush ();
    /* Asked again: the session's recipe is the one to check, whatever happened meanwhile. */
    recipe = fw_session_get_recipe (fw_window_get_session (fixture->window));
    g_assert_cmpint (recipe->model.kind, ==, chosen->spec.kind);
    g_assert_cmpuint (recipe->model.n_hidden, ==, chosen->spec.n_hidden);
    g_assert_nonnull (fw_compare_view_get_result_row (view, 2));
  }
}

static void
test_compare_cancel (FwUiFixture   *fixture,
                     gconstpointer  data)
{
  FwModelPage *page;
  FwCompareView *view;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  page = go_to_model (fixture);
  /* Long enough that the comparison is still running when Cancel comes: early stopping
   * off, the most passes, one row per step. */
  gtk_spin_button_set_value (fw_model_page_get_setting (page, "epochs"), 1000);
  gtk_spin_button_set_value (fw_model_page_get_setting (page, "patience"), 0);
  gtk_spin_button_set_value (fw_model_page_get_setting (page, "batch-size"), 1);
  view = fw_model_page_get_compare_view (page);
  gtk_widget_activate_action (GTK_WIDGET (view), "compare.start", NULL);
  g_assert_true (fw_model_compare_is_running (fw_compare_view_get_runner (view)));
  fw_ui_test_flush ();
  g_assert_true (fw_model_compare_is_running (fw_compare_view_get_runner (view)));
  /* Escape with the focus on nothing at all, outside the group. */
  gtk_window_set_focus (GTK_WINDOW (fixture->window), NULL);
  g_assert_true (fw_ui_test_press_page_key (GTK_WIDGET (view), "Escape"));

  /* Nothing is ranked, and Compare can start again. */
  g_assert_null (fw_compare_view_get_runner (view));
  g_assert_null (fw_compare_view_get_result_row (view, 0));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (page)));
  fw_ui_test_flush ();
}

/* The learning rate's field is wide enough for the small rates people type: the text
 * widget inside the spin button is at least as wide as its text's layout. */
static void
test_learning_rate_width (FwUiFixture   *fixture,
                          gconstpointer  data)
{
  static const double rates[] = { 0.0001, 1e-05, 0.01 };
  FwModelPage *page;
  GtkSpinButton *spin;
  GtkWidget *text = NULL, *expander;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  page = go_to_model (fixture);
  spin = fw_model_page_get_setting (page, "learning-rate");
  expander = gtk_widget_get_ancestor (GTK_WIDGET (spin), ADW_TYPE_EXPANDER_ROW);
  if (expander != NULL)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (spin)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TEXT (child))
      text = child;
  g_assert_nonnull (text);
  for (guint r = 0; r < G_N_ELEMENTS (rates); r++)
    {
      const char *shown;
      g_autoptr(PangoLayout) layout = NULL;
      int needed, height;

      gtk_spin_button_set_value (spin, rates[r]);
      fw_ui_test_flush ();
      g_assert_cmpfloat_with_epsilon (fw_session_get_recipe (
                                        fw_window_get_session (fixture->window))
                                        ->model.learning_rate, rates[r], 1e-12);
      shown = gtk_editable_get_text (GTK_EDITABLE (spin));
      layout = gtk_widget_create_pango_layout (text, shown);
      pango_layout_get_pixel_size (layout, &needed, &height);
      g_test_message ("%g shown as “%s”: %d px of text in a %d px field", rates[r], shown,
                      needed, gtk_widget_get_width (text));
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (shown, NULL), rates[r], 1e-12);
      g_assert_cmpint (gtk_widget_get_width (text), >=, needed);
    }
}

int
main (int   argc,
      char *argv[])
{
  fw_ui_test_init (&argc, &argv);

  g_test_add ("/ui/model-page/cards-and-settings", FwUiFixture, NULL,
              fw_ui_fixture_setup, test_cards_and_settings, fw_ui_fixture_teardown);
  g_test_add ("/ui/model-page/learning-rate-width", FwUiFixture, NULL,
              fw_ui_fixture_setup, test_learning_rate_width, fw_ui_fixture_teardown);
  g_test_add ("/ui/model-page/compare", FwUiFixture, NULL,
              fw_ui_fixture_setup, test_compare, fw_ui_fixture_teardown);
  g_test_add ("/ui/model-page/compare-cancel", FwUiFixture, NULL,
              fw_ui_fixture_setup, test_compare_cancel, fw_ui_fixture_teardown);

  return g_test_run ();
}
