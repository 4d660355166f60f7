/* test-results-page.c — the Results step under Xvfb: the figures shown are the model's, and
 * the threshold slider re-decides the stored tuning (validation) predictions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include "fw-results-page-private.h"
#include "fw-train-test.h"

static FwResultsPage *
trained_results_with (FwUiFixture       *fixture,
                      FwThresholdPolicy  policy)
{
  FwTrainPage *page = fw_train_test_prepare (fixture, 3000, 10, 0);

  fw_session_set_threshold_policy (fw_window_get_session (fixture->window), policy);
  fw_train_test_train (fixture, page);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next", NULL);
  g_assert_cmpint (fw_window_get_step (fixture->window), ==, FW_WIZARD_RESULTS);
  fw_ui_test_flush ();
  return FW_RESULTS_PAGE (fw_ui_test_find_descendant (GTK_WIDGET (fixture->window),
                                                      FW_TYPE_RESULTS_PAGE));
}

static FwResultsPage *
trained_results (FwUiFixture *fixture)
{
  return trained_results_with (fixture, FW_THRESHOLD_POLICY_NONE);
}

static char *
percent (double value)
{
  return g_strdup_printf ("%.1f %%", 100 * value);
}

/* The metrics shown are the trained model's test metrics, at the default threshold. */
static void
test_metrics_match_model (FwUiFixture   *fixture,
                          gconstpointer  data)
{
  static const char *const keys[] = { "accuracy", "balanced_accuracy", "precision", "recall",
                                      "f1", "roc_auc" };
  FwResultsPage *page;
  FwTrainedModel *trained;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  page = trained_results (fixture);
  trained = fw_session_get_trained (fw_window_get_session (fixture->window));
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      g_autofree char *expected = percent (json_object_get_double_member (trained->test_metrics,
                                                                          keys[k]));

      g_assert_cmpstr (fw_results_page_get_metric_text (page, keys[k]), ==, expected);
    }
  {
    g_autofree char *expected = g_strdup_printf ("%.3f", json_object_get_double_member (
                                                   trained->test_metrics, "log_loss"));

    g_assert_cmpstr (fw_results_page_get_metric_text (page, "log_loss"), ==, expected);
  }
  fw_train_test_screenshots (GTK_WIDGET (fixture->window), "results");

  /* An exact fit (logistic's default) shows each term's estimate, interval and p-value as
   * the model holds them. */
  {
    JsonObject *inference = json_object_get_object_member (trained->explanations, "inference");
    JsonArray *rows = json_object_get_array_member (inference, "coefficients");

    g_assert_cmpuint (json_array_get_length (rows), >, 1);
    for (guint i = 0; i < json_array_get_length (rows); i++)
      {
        JsonObject *row = json_array_get_object_element (rows, i);
        const char *term = json_object_get_string_member (row, "term");
        g_autofree char *expected = g_strdup_printf (
          "%.4g (%.4g to %.4g) · p", json_object_get_double_member (row, "estimate"),
          json_object_get_double_member (row, "ci_low"),
          json_object_get_double_member (row, "ci_high"));
        const char *shown = fw_results_page_get_coefficient_text (page, term);

        g_assert_nonnull (shown);
        g_assert_true (g_str_has_prefix (shown, expected));
      }
    g_assert_null (fw_results_page_get_coefficient_text (page, "no such term"));
  }

  /* The sample's model is believable: no warning.  One whose training found it too good
   * to be true says so above the figures. */
  g_assert_null (fw_results_page_get_too_good (page));
  {
    FwSession *session = fw_window_get_session (fixture->window);
    JsonObject *finding = json_object_new ();

    json_object_set_string_member (finding, "kind", "too_good");
    json_object_set_null_member (finding, "attribute");
    json_object_set_string_member (finding, "message", "Too good to be true?");
    json_array_add_object_element (trained->findings, finding);
    g_signal_emit_by_name (session, "changed", FW_SESSION_MODEL);
    fw_ui_test_flush ();
    g_assert_cmpstr (fw_results_page_get_too_good (page), ==, "Too good to be true?");
    fw_ui_test_save_screenshot (GTK_WIDGET (fixture->window), "results-too-good");
  }
}

/* The accuracy of deciding @part of the model's predictions @p at @threshold, and the share
 * selected; each group's selection rate into @rates (n_groups) when not NULL. */
static double
decide_by_hand (const FwDataset  *dataset,
                const FwDataPart *part,
                const float      *p,
                double            threshold,
                double           *selected_share,
                double           *rates)
{
  guint n_groups = g_strv_length (dataset->sensitive_groups[0]);
  g_autofree double *selected = g_new0 (double, n_groups);
  g_autofree double *members = g_new0 (double, n_groups);
  double right = 0, all = 0;

  for (gsize i = 0; i < part->n; i++)
    {
      gboolean yes = p[2 * i + dataset->positive] >= threshold;
      guint32 g = part->sensitive[0][i];

      right += yes == (part->labels[i] == dataset->positive);
      all += yes;
      selected[g] += yes;
      members[g] += 1;
    }
  for (guint g = 0; rates != NULL && g < n_groups; g++)
    rates[g] = selected[g] / members[g];
  *selected_share = all / part->n;
  return right / part->n;
}

/* The slider's figures are the tuning rows', labelled so, and at 0.3 and 0.7 they are what
 * the test's own arithmetic gives on the validation part; the test figures do not move with
 * the slider.  "Use for the Model" makes 0.7 the model's: the test rows are then scored
 * once for it, and show the test's own arithmetic at 0.7 on the test part. */
static void
test_threshold_slider (FwUiFixture   *fixture,
                       gconstpointer  data)
{
  static const double thresholds[] = { 0.3, 0.7 };
  FwSession *session;
  FwResultsPage *page;
  FwTrainedModel *trained;
  const FwDataset *dataset;
  const FwDataPart *tuning, *test;
  g_autofree float *p = NULL, *q = NULL;
  g_autofree char *test_accuracy = NULL;
  g_auto(GStrv) test_rates = NULL;
  guint n_groups;
  char *shown[2] = { NULL, NULL };
  GtkWidget *use;
  double chosen, share, accuracy;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  page = trained_results (fixture);
  session = fw_window_get_session (fixture->window);
  trained = fw_session_get_trained (session);
  dataset = fw_session_get_dataset (session);
  tuning = &dataset->parts[FW_PART_VALIDATION];
  test = &dataset->parts[FW_PART_TEST];
  g_assert_null (tuning->weights);
  g_assert_cmpuint (tuning->n, >, 0);
  p = g_new (float, tuning->n * 2);
  fw_model_predict (trained->model, tuning->x, tuning->n, p);
  q = g_new (float, test->n * 2);
  fw_model_predict (trained->model, test->x, test->n, q);
  n_groups = g_strv_length (dataset->sensitive_groups[0]);

  /* In words a non-programmer reads. */
  g_assert_true (g_str_has_prefix (fw_results_page_get_caption (page, TRUE),
                                   "Tuning rows: the model never learned from these; the "
                                   "threshold is chosen here"));
  g_assert_true (g_str_has_prefix (fw_results_page_get_caption (page, FALSE),
                                   "Test rows, scored once for the threshold you chose"));

  test_accuracy = g_strdup (fw_results_page_get_metric_text (page, "accuracy"));
  test_rates = g_new0 (char *, n_groups + 1);
  for (guint g = 0; g < n_groups; g++)
    test_rates[g] = g_strdup (fw_results_page_get_group_text (page, "sex",
                                                              dataset->sensitive_groups[0][g],
                                                              "selection_rate"));
  accuracy = decide_by_hand (dataset, test, q, 0.5, &share, NULL);
  {
    g_autofree char *expected = percent (accuracy);

    g_assert_cmpstr (test_accuracy, ==, expected);
  }

  for (guint t = 0; t < G_N_ELEMENTS (thresholds); t++)
    {
      g_autofree char *right = NULL, *selected = NULL, *expected = NULL;

      gtk_range_set_value (fw_results_page_get_threshold_scale (page), thresholds[t]);
      accuracy = decide_by_hand (dataset, tuning, p, thresholds[t], &share, NULL);
      right = percent (accuracy);
      selected = percent (share);
      expected = g_strdup_printf ("Right for %s, selected %s", right, selected);
      g_assert_cmpstr (fw_results_page_get_tuning_text (page), ==, expected);
      /* The test figures stay where the model's threshold put them. */
      g_assert_cmpstr (fw_results_page_get_metric_text (page, "accuracy"), ==, test_accuracy);
      for (guint g = 0; g < n_groups; g++)
        g_assert_cmpstr (fw_results_page_get_group_text (page, "sex",
                                                         dataset->sensitive_groups[0][g],
                                                         "selection_rate"), ==, test_rates[g]);
      g_test_message ("threshold %.1f on the tuning rows: %s", thresholds[t], expected);
      shown[t] = g_strdup (expected);
    }
  /* The slider really moved the tuning figures. */
  g_assert_cmpstr (shown[0], !=, shown[1]);
  g_free (shown[0]);
  g_free (shown[1]);

  /* Chosen: the model decides at 0.7, and the test rows are scored once for it. */
  use = fw_results_page_get_use_button (page);
  g_assert_true (gtk_widget_get_sensitive (use));
  chosen = gtk_range_get_value (fw_results_page_get_threshold_scale (page));
  g_signal_emit_by_name (use, "clicked");
  fw_ui_test_flush ();
  trained = fw_session_get_trained (session);
  g_assert_cmpfloat (trained->threshold, ==, chosen);
  g_assert_cmpfloat (fw_session_get_recipe (session)->threshold, ==, chosen);
  g_assert_cmpfloat (gtk_range_get_value (fw_results_page_get_threshold_scale (page)), ==, chosen);
  g_assert_false (gtk_widget_get_sensitive (use));
  {
    g_autofree double *rates = g_new (double, n_groups);
    g_autofree char *expected = NULL;

    accuracy = decide_by_hand (dataset, test, q, chosen, &share, rates);
    expected = percent (accuracy);
    g_assert_cmpstr (fw_results_page_get_metric_text (page, "accuracy"), ==, expected);
    g_assert_cmpstr (expected, !=, test_accuracy);
    /* What the model keeps for its report and exports is the same. */
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (trained->test_metrics,
                                                                   "accuracy"),
                                    accuracy, 1e-12);
    for (guint g = 0; g < n_groups; g++)
      {
        g_autofree char *rate = percent (rates[g]);

        g_assert_cmpstr (fw_results_page_get_group_text (page, "sex",
                                                         dataset->sensitive_groups[0][g],
                                                         "selection_rate"), ==, rate);
      }
  }
}

/* `fairway-cli evaluate --json` on the saved model and the test part's own rows of the CSV. */
static JsonObject *
evaluate_test_rows (FwUiFixture          *fixture,
                    const FwTrainedModel *trained,
                    const FwDataPart     *test)
{
  const char *cli = g_getenv ("FAIRWAY_CLI");
  g_autofree char *model_path = g_build_filename (fixture->tmpdir, "m.fwmodel", NULL);
  g_autofree char *data_path = g_build_filename (fixture->tmpdir, "loans.csv", NULL);
  g_autofree char *test_path = g_build_filename (fixture->tmpdir, "test-rows.csv", NULL);
  g_autoptr(GFile) model_file = g_file_new_for_path (model_path);
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  const char *argv[] = { cli, "evaluate", "--model", model_path, "--data", test_path, "--json",
                         NULL };
  int status;

  g_assert_nonnull (cli);
  g_assert_true (fw_trained_model_save (trained, model_file, &error));
  /* The sample has no quoted line breaks: line r + 1 is table row r. */
  g_assert_true (g_file_get_contents (data_path, &csv, NULL, &error));
  lines = g_strsplit (csv, "\n", -1);
  g_string_append_printf (rows, "%s\n", lines[0]);
  for (gsize i = 0; i < test->n; i++)
    g_string_append_printf (rows, "%s\n", lines[test->source_rows[i] + 1]);
  g_assert_true (g_file_set_contents (test_path, rows->str, rows->len, &error));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "rows"), ==, test->n);
  return json_object_ref (json_node_get_object (node));
}

/* With "Equal selection rates" chosen, the page opens at the model's thresholds: each
 * group's selection rate and the accuracy are what `fairway-cli evaluate` measures on the
 * saved model and the same test rows, and the rates differ from one threshold of 0.5. */
static void
test_mitigated_rates (FwUiFixture   *fixture,
                      gconstpointer  data)
{
  FwResultsPage *page;
  FwTrainedModel *trained;
  const FwDataset *dataset;
  const FwDataPart *test;
  g_autoptr(JsonObject) evaluated = NULL;
  JsonObject *fairness;
  g_autofree float *p = NULL;
  JsonArray *groups;
  guint differ = 0;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  page = trained_results_with (fixture, FW_THRESHOLD_POLICY_PARITY);
  trained = fw_session_get_trained (fw_window_get_session (fixture->window));
  dataset = fw_session_get_dataset (fw_window_get_session (fixture->window));
  test = &dataset->parts[FW_PART_TEST];
  g_assert_nonnull (trained->thresholds);
  g_assert_cmpint (trained->thresholds->policy, ==, FW_THRESHOLD_POLICY_PARITY);
  g_assert_cmpint (trained->recipe->threshold_policy, ==, FW_THRESHOLD_POLICY_PARITY);

  evaluated = evaluate_test_rows (fixture, trained, test);
  fairness = json_array_get_object_element (json_object_get_array_member (evaluated, "fairness"),
                                            0);
  g_assert_cmpstr (json_object_get_string_member (fairness, "attribute"), ==, "sex");
  groups = json_object_get_array_member (fairness, "groups");
  g_assert_cmpuint (json_array_get_length (groups), ==, 2);
  p = g_new (float, test->n * 2);
  fw_model_predict (trained->model, test->x, test->n, p);
  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      JsonObject *group = json_array_get_object_element (groups, i);
      const char *name = json_object_get_string_member (group, "value");
      g_autofree char *rate = percent (json_object_get_double_member (group, "selection_rate"));
      const char *shown = fw_results_page_get_group_text (page, "sex", name, "selection_rate");
      double selected = 0, members = 0;
      g_autofree char *unmitigated = NULL;

      g_test_message ("%s: shown %s, evaluate %s", name, shown, rate);
      g_assert_cmpstr (shown, ==, rate);
      for (gsize r = 0; r < test->n; r++)
        if (g_strcmp0 (dataset->sensitive_groups[0][test->sensitive[0][r]], name) == 0)
          {
            members += 1;
            selected += p[2 * r + dataset->positive] >= 0.5;
          }
      unmitigated = percent (selected / members);
      differ += g_strcmp0 (unmitigated, rate) != 0;
    }
  g_assert_cmpuint (differ, >, 0);
  {
    JsonObject *metrics = json_object_get_object_member (evaluated, "metrics");
    g_autofree char *accuracy = percent (json_object_get_double_member (metrics, "accuracy"));

    g_assert_cmpstr (fw_results_page_get_metric_text (page, "accuracy"), ==, accuracy);
  }
}

/* Per-group thresholds for the second sensitive column: the page opens with its sliders at
 * the model's thresholds, each group's share selected on the tuning rows as counted here;
 * picking the first column re-draws the sliders for its groups, on the tuning rows, and
 * leaves the test figures alone. */
static void
test_threshold_column (FwUiFixture   *fixture,
                       gconstpointer  data)
{
  FwTrainPage *train;
  FwSession *session = fw_window_get_session (fixture->window);
  FwResultsPage *page;
  FwTrainedModel *trained;
  const FwDataset *dataset;
  const FwDataPart *tuning;
  g_autofree float *p = NULL;
  g_autofree char *test_accuracy = NULL;
  AdwComboRow *column_row;
  FwRecipe *recipe;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  train = fw_train_test_prepare (fixture, 3000, 10, 0);
  recipe = fw_session_begin_edit (session);
  g_ptr_array_add (recipe->sensitive, g_strdup ("age_band"));
  recipe->threshold_policy = FW_THRESHOLD_POLICY_PARITY;
  recipe->threshold_attribute = g_strdup ("age_band");
  fw_session_end_edit (session);
  fw_train_test_train (fixture, train);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next", NULL);
  fw_ui_test_flush ();
  page = FW_RESULTS_PAGE (fw_ui_test_find_descendant (GTK_WIDGET (fixture->window),
                                                      FW_TYPE_RESULTS_PAGE));
  trained = fw_session_get_trained (session);
  dataset = fw_session_get_dataset (session);
  tuning = &dataset->parts[FW_PART_VALIDATION];
  g_assert_cmpstr (trained->threshold_attribute, ==, "age_band");
  g_assert_cmpstr (dataset->sensitive_names[1], ==, "age_band");
  p = g_new (float, tuning->n * 2);
  fw_model_predict (trained->model, tuning->x, tuning->n, p);
  column_row = fw_results_page_get_column_row (page);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (column_row)));
  test_accuracy = g_strdup (fw_results_page_get_metric_text (page, "accuracy"));
  fw_ui_test_save_screenshot (GTK_WIDGET (fixture->window), "results-threshold-column");

  for (guint a = 1; a != G_MAXUINT; a--)
    {
      guint n_groups = g_strv_length (dataset->sensitive_groups[a]);

      if (a == 0)
        adw_combo_row_set_selected (column_row, 0);
      g_assert_cmpuint (adw_combo_row_get_selected (column_row), ==, a);
      for (guint g = 0; g < n_groups; g++)
        {
          const char *name = dataset->sensitive_groups[a][g];
          /* The model's own threshold for its column; 0.5 for the other. */
          double threshold = a == 1 ? fw_thresholds_lookup (trained->thresholds, name) : 0.5;
          double selected = 0, members = 0;
          g_autofree char *rate = NULL, *expected = NULL;

          for (gsize i = 0; i < tuning->n; i++)
            if (tuning->sensitive[a][i] == g)
              {
                members += 1;
                selected += p[2 * i + dataset->positive] >= threshold;
              }
          g_assert_cmpstr (fw_results_page_get_group_slider (page, g, FALSE), ==, name);
          if (members == 0)
            continue;
          rate = percent (selected / members);
          expected = members < trained->recipe->min_group_rows
            ? g_strdup_printf ("Only %.0f tuning rows, too few for a threshold of its own: "
                               "keeps the common one. Selected: %s", members, rate)
            : g_strdup_printf ("Selected on the tuning rows: %s", rate);
          g_assert_cmpstr (fw_results_page_get_group_slider (page, g, TRUE), ==, expected);
          g_test_message ("%s = %s at %.3f: %s", dataset->sensitive_names[a], name, threshold,
                          rate);
        }
      g_assert_null (fw_results_page_get_group_slider (page, n_groups, FALSE));
      g_assert_cmpstr (fw_results_page_get_metric_text (page, "accuracy"), ==, test_accuracy);
    }
}

/* The test part decided at each row's threshold of sensitive column @a (@by_group), counted
 * here: the accuracy shown and the share selected in each group of @a. */
static void
assert_test_figures (FwResultsPage   *page,
                     const FwDataset *dataset,
                     const float     *q,
                     guint            a,
                     const double    *by_group)
{
  const FwDataPart *test = &dataset->parts[FW_PART_TEST];
  guint n_groups = g_strv_length (dataset->sensitive_groups[a]);
  g_autofree double *selected = g_new0 (double, n_groups);
  g_autofree double *members = g_new0 (double, n_groups);
  g_autofree char *accuracy = NULL;
  double right = 0;

  for (gsize i = 0; i < test->n; i++)
    {
      guint32 g = test->sensitive[a][i];
      gboolean yes = q[2 * i + dataset->positive] >= by_group[g];

      right += yes == (test->labels[i] == dataset->positive);
      selected[g] += yes;
      members[g] += 1;
    }
  accuracy = percent (right / test->n);
  g_test_message ("test accuracy shown %s, counted %s",
                  fw_results_page_get_metric_text (page, "accuracy"), accuracy);
  g_assert_cmpstr (fw_results_page_get_metric_text (page, "accuracy"), ==, accuracy);
  for (guint g = 0; g < n_groups; g++)
    {
      g_autofree char *rate = percent (selected[g] / members[g]);

      g_assert_cmpstr (fw_results_page_get_group_text (page, dataset->sensitive_names[a],
                                                       dataset->sensitive_groups[a][g],
                                                       "selection_rate"), ==, rate);
    }
}

/* A parity model fitted for "sex": picking "age_band" under "Groups Of" and using it refits
 * parity thresholds for the age bands (the recipe follows); moving the age bands' sliders and
 * using them makes them the model's, by hand (policy manual), a band with too few tuning rows
 * greyed at the common threshold; each time the test figures are the test's own count. */
static void
test_group_thresholds_for_the_model (FwUiFixture   *fixture,
                                     gconstpointer  data)
{
  FwTrainPage *train;
  FwSession *session = fw_window_get_session (fixture->window);
  FwResultsPage *page;
  FwTrainedModel *trained;
  const FwDataset *dataset;
  const FwRecipe *recipe;
  g_autofree float *q = NULL;
  g_autofree double *by_group = NULL, *chosen = NULL;
  g_autofree gsize *tuning_rows = NULL;
  GtkWidget *use;
  guint n_groups, n_small = 0;
  const double common = 0.5;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  train = fw_train_test_prepare (fixture, 3000, 10, 0);
  {
    FwRecipe *edit = fw_session_begin_edit (session);

    g_ptr_array_add (edit->sensitive, g_strdup ("age_band"));
    edit->threshold_policy = FW_THRESHOLD_POLICY_PARITY;
    /* 60+ has about 28 tuning rows of 3000 × 15 %: under this, it keeps the common one. */
    edit->min_group_rows = 40;
    fw_session_end_edit (session);
  }
  fw_train_test_train (fixture, train);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next", NULL);
  fw_ui_test_flush ();
  page = FW_RESULTS_PAGE (fw_ui_test_find_descendant (GTK_WIDGET (fixture->window),
                                                      FW_TYPE_RESULTS_PAGE));
  trained = fw_session_get_trained (session);
  dataset = fw_session_get_dataset (session);
  recipe = fw_session_get_recipe (session);
  g_assert_cmpstr (trained->threshold_attribute, ==, "sex");
  g_assert_cmpstr (dataset->sensitive_names[1], ==, "age_band");
  q = g_new (float, dataset->parts[FW_PART_TEST].n * 2);
  fw_model_predict (trained->model, dataset->parts[FW_PART_TEST].x,
                    dataset->parts[FW_PART_TEST].n, q);
  use = fw_results_page_get_use_button (page);
  g_assert_false (gtk_widget_get_sensitive (use));

  /* Another column: "Use for the Model" refits parity for it, on the tuning rows. */
  adw_combo_row_set_selected (fw_results_page_get_column_row (page), 1);
  fw_ui_test_flush ();
  g_assert_true (gtk_widget_get_sensitive (use));
  g_signal_emit_by_name (use, "clicked");
  fw_ui_test_flush ();
  trained = fw_session_get_trained (session);
  g_assert_cmpstr (trained->threshold_attribute, ==, "age_band");
  g_assert_cmpint (trained->thresholds->policy, ==, FW_THRESHOLD_POLICY_PARITY);
  g_assert_cmpstr (recipe->threshold_attribute, ==, "age_band");
  g_assert_cmpint (recipe->threshold_policy, ==, FW_THRESHOLD_POLICY_PARITY);
  g_assert_cmpuint (adw_combo_row_get_selected (fw_results_page_get_column_row (page)), ==, 1);
  n_groups = g_strv_length (dataset->sensitive_groups[1]);
  by_group = g_new (double, n_groups);
  for (guint g = 0; g < n_groups; g++)
    by_group[g] = fw_thresholds_lookup (trained->thresholds, dataset->sensitive_groups[1][g]);
  assert_test_figures (page, dataset, q, 1, by_group);
  g_assert_false (gtk_widget_get_sensitive (use));

  /* By hand: every band's slider moved; the small band keeps the common threshold. */
  tuning_rows = g_new0 (gsize, n_groups);
  for (gsize i = 0; i < dataset->parts[FW_PART_VALIDATION].n; i++)
    tuning_rows[dataset->parts[FW_PART_VALIDATION].sensitive[1][i]]++;
  chosen = g_new (double, n_groups);
  gtk_range_set_value (fw_results_page_get_threshold_scale (page), common);
  for (guint g = 0; g < n_groups; g++)
    {
      gboolean small = tuning_rows[g] < recipe->min_group_rows;
      GtkRange *scale = fw_results_page_get_group_scale (page, g);

      chosen[g] = 0.30 + 0.10 * g;
      gtk_range_set_value (scale, chosen[g]);
      g_assert_cmpint (gtk_widget_get_sensitive (GTK_WIDGET (scale)), ==, !small);
      g_assert_true (g_str_has_prefix (fw_results_page_get_group_slider (page, g, TRUE),
                                       small ? "Only " : "Selected on the tuning rows"));
      by_group[g] = small ? common : chosen[g];
      n_small += small;
    }
  g_assert_cmpuint (n_small, >, 0);
  g_assert_true (gtk_widget_get_sensitive (use));
  g_signal_emit_by_name (use, "clicked");
  fw_ui_test_flush ();
  trained = fw_session_get_trained (session);
  g_assert_cmpint (trained->thresholds->policy, ==, FW_THRESHOLD_POLICY_MANUAL);
  g_assert_cmpint (recipe->threshold_policy, ==, FW_THRESHOLD_POLICY_MANUAL);
  g_assert_cmpstr (recipe->threshold_attribute, ==, "age_band");
  for (guint g = 0; g < n_groups; g++)
    {
      g_assert_cmpfloat (recipe->group_thresholds_values[g], ==, chosen[g]);
      g_assert_cmpfloat (fw_thresholds_lookup (trained->thresholds,
                                               dataset->sensitive_groups[1][g]),
                         ==, by_group[g]);
    }
  assert_test_figures (page, dataset, q, 1, by_group);
  /* The page opens at the model's own thresholds again. */
  g_assert_false (gtk_widget_get_sensitive (use));
  fw_ui_test_save_screenshot (GTK_WIDGET (fixture->window), "results-manual-thresholds");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  fw_ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, FwUiFixture, NULL, fw_ui_fixture_setup, func, fw_ui_fixture_teardown)
  ADD ("/ui/results-page/metrics-match-model", test_metrics_match_model);
  ADD ("/ui/results-page/threshold-slider", test_threshold_slider);
  ADD ("/ui/results-page/mitigated-rates", test_mitigated_rates);
  ADD ("/ui/results-page/threshold-column", test_threshold_column);
  ADD ("/ui/results-page/group-thresholds-for-the-model", test_group_thresholds_for_the_model);
#undef ADD

  return g_test_run ();
}
