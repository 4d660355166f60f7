/* test-results-page.c — the Results step under Xvfb: the figures shown are the model's, and
 * the threshold slider re-decides the stored test predictions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include "fw-results-page-private.h"
#include "fw-train-test.h"

static FwResultsPage *
trained_results (FwUiFixture *fixture)
{
  FwTrainPage *page = fw_train_test_prepare (fixture, 3000, 10, 0);

  fw_train_test_train (fixture, page);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next", NULL);
  g_assert_cmpint (fw_window_get_step (fixture->window), ==, FW_WIZARD_RESULTS);
  fw_ui_test_flush ();
  return FW_RESULTS_PAGE (fw_ui_test_find_descendant (GTK_WIDGET (fixture->window),
                                                      FW_TYPE_RESULTS_PAGE));
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
}

/* At 0.3 and 0.7 the accuracy, the selection rate and the actual rate of each group are
 * what the test's own arithmetic gives on the same predictions. */
static void
test_threshold_slider (FwUiFixture   *fixture,
                       gconstpointer  data)
{
  static const double thresholds[] = { 0.3, 0.7 };
  FwResultsPage *page;
  FwTrainedModel *trained;
  const FwDataset *dataset;
  const FwDataPart *test;
  g_autofree float *p = NULL;
  char *shown[2] = { NULL, NULL };

  FW_UI_TEST_REQUIRE_DISPLAY ();

  page = trained_results (fixture);
  trained = fw_session_get_trained (fw_window_get_session (fixture->window));
  dataset = fw_session_get_dataset (fw_window_get_session (fixture->window));
  test = &dataset->parts[FW_PART_TEST];
  g_assert_null (test->weights);
  p = g_new (float, test->n * 2);
  fw_model_predict (trained->model, test->x, test->n, p);

  for (guint t = 0; t < G_N_ELEMENTS (thresholds); t++)
    {
      guint n_groups = g_strv_length (dataset->sensitive_groups[0]);
      g_autofree double *selected = g_new0 (double, n_groups);
      g_autofree double *members = g_new0 (double, n_groups);
      g_autofree double *positives = g_new0 (double, n_groups);
      g_autofree char *accuracy = NULL;
      double right = 0;

      gtk_range_set_value (fw_results_page_get_threshold_scale (page), thresholds[t]);
      for (gsize i = 0; i < test->n; i++)
        {
          gboolean yes = p[2 * i + dataset->positive] >= thresholds[t];
          guint32 g = test->sensitive[0][i];

          right += yes == (test->labels[i] == dataset->positive);
          selected[g] += yes;
          positives[g] += test->labels[i] == dataset->positive;
          members[g] += 1;
        }
      accuracy = percent (right / test->n);
      g_assert_cmpstr (fw_results_page_get_metric_text (page, "accuracy"), ==, accuracy);
      for (guint g = 0; g < n_groups; g++)
        {
          g_autofree char *rate = percent (selected[g] / members[g]);
          g_autofree char *base = percent (positives[g] / members[g]);

          g_assert_cmpstr (fw_results_page_get_group_text (page, "sex",
                                                           dataset->sensitive_groups[0][g],
                                                           "selection_rate"), ==, rate);
          /* The data's own rate, beside it, whatever the threshold. */
          g_assert_cmpstr (fw_results_page_get_group_text (page, "sex",
                                                           dataset->sensitive_groups[0][g],
                                                           "base_rate"), ==, base);
        }
      g_test_message ("threshold %.1f: accuracy %s", thresholds[t], accuracy);
      shown[t] = g_strdup (accuracy);
    }
  /* The slider really moved the figures. */
  g_assert_cmpstr (shown[0], !=, shown[1]);
  g_free (shown[0]);
  g_free (shown[1]);
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
#undef ADD

  return g_test_run ();
}
