/* test-results-tradeoff.c — the Results step's threshold arithmetic against the test's own:
 * the same stored predictions of the tuning (validation) rows decided again by hand,
 * counted by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include "fw-core-test.h"
#include "fw-results-tradeoff.h"

#define SAMPLE_ROWS 3000

/* A trained session on the sample, predicting @target. */
static FwSession *
trained_session (const char *target)
{
  g_autoptr(GFile) csv = fw_core_test_write_sample ("loans.csv", SAMPLE_ROWS);
  FwSession *session = fw_session_new ();

  fw_core_test_open (session, csv);
  fw_core_test_train (session, target);
  return session;
}

/* The model's outputs for @part, computed here. */
static float *
predict_part (FwSession *session,
              FwPart     part)
{
  const FwTrainedModel *trained = fw_session_get_trained (session);
  const FwDataPart *test = &fw_session_get_dataset (session)->parts[part];
  float *p = g_new (float, test->n * fw_model_n_predictions (trained->model));

  fw_model_predict (trained->model, test->x, test->n, p);
  return p;
}

/* The slider's figures are the tuning rows': at a global threshold, then one per group,
 * every decision, the accuracy, the selection rate, the confusion matrix, precision, recall
 * and each group's selection rate are the test's own count over the validation part. */
static void
test_binary (void)
{
  static const double thresholds[] = { 0.3, 0.5, 0.7 };
  g_autoptr(FwSession) session = trained_session ("approved");
  const FwDataset *dataset = fw_session_get_dataset (session);
  const FwDataPart *tuning = &dataset->parts[FW_PART_VALIDATION];
  g_autoptr(FwResultsTradeoff) tradeoff = NULL;
  g_autofree float *p = predict_part (session, FW_PART_VALIDATION);
  guint n_groups = g_strv_length (dataset->sensitive_groups[0]);
  guint pos = dataset->positive;
  double auc = NAN;
  g_autofree double *group_thresholds = g_new (double, n_groups);

  tradeoff = fw_results_tradeoff_new (fw_session_get_trained (session), dataset,
                                      FW_PART_VALIDATION);
  g_assert_nonnull (tradeoff);
  g_assert_cmpint (tradeoff->task, ==, FW_TASK_BINARY);
  g_assert_cmpuint (tradeoff->n, ==, tuning->n);
  g_assert_true (tradeoff->part == tuning);
  g_assert_null (tuning->weights);
  /* Its stored predictions are the model's. */
  g_assert_cmpmem (tradeoff->predictions, tuning->n * 2 * sizeof (float), p,
                   tuning->n * 2 * sizeof (float));

  for (guint g = 0; g < n_groups; g++)
    group_thresholds[g] = 0.2 + 0.6 * g / MAX (n_groups - 1, 1);
  for (guint t = 0; t <= G_N_ELEMENTS (thresholds); t++)
    {
      gboolean per_group = t == G_N_ELEMENTS (thresholds);
      g_autofree guint32 *decided = NULL;
      g_autoptr(FwClassificationMetrics) metrics = NULL;
      g_autoptr(FwFairness) fairness = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree double *selected = g_new0 (double, n_groups);
      g_autofree double *members = g_new0 (double, n_groups);
      double confusion[2][2] = { { 0, 0 }, { 0, 0 } };
      double tp, fp, fn, all_selected = 0;

      decided = fw_results_tradeoff_decide (tradeoff, per_group ? 0.5 : thresholds[t],
                                            per_group ? group_thresholds : NULL);
      for (gsize i = 0; i < tuning->n; i++)
        {
          guint32 g = tuning->sensitive[0][i];
          double threshold = per_group ? group_thresholds[g] : thresholds[t];
          gboolean yes = p[2 * i + pos] >= threshold;
          guint32 expected = yes ? pos : 1 - pos;

          g_assert_cmpuint (decided[i], ==, expected);
          confusion[tuning->labels[i]][expected] += 1;
          selected[g] += yes;
          members[g] += 1;
          all_selected += yes;
        }
      g_assert_cmpfloat_with_epsilon (fw_results_tradeoff_selection_rate (tradeoff, decided),
                                      all_selected / tuning->n, 1e-12);

      metrics = fw_results_tradeoff_metrics (tradeoff, decided, &error);
      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (metrics->accuracy,
                                      (confusion[0][0] + confusion[1][1]) / tuning->n, 1e-12);
      for (guint a = 0; a < 2; a++)
        for (guint b = 0; b < 2; b++)
          g_assert_cmpfloat (metrics->confusion[a * 2 + b], ==, confusion[a][b]);
      tp = confusion[pos][pos];
      fp = confusion[1 - pos][pos];
      fn = confusion[pos][1 - pos];
      if (tp + fp > 0)
        g_assert_cmpfloat_with_epsilon (metrics->precision, tp / (tp + fp), 1e-12);
      g_assert_cmpfloat_with_epsilon (metrics->recall, tp / (tp + fn), 1e-12);
      /* Ranking does not depend on where the line is drawn. */
      if (isnan (auc))
        auc = metrics->roc_auc;
      g_assert_cmpfloat (metrics->roc_auc, ==, auc);

      fairness = fw_results_tradeoff_fairness (tradeoff, 0, decided, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (fairness->n_groups, ==, n_groups);
      for (guint g = 0; g < n_groups; g++)
        {
          g_assert_cmpstr (fairness->group_names[g], ==, dataset->sensitive_groups[0][g]);
          g_assert_cmpuint (fairness->groups[g].n, ==, (guint64) members[g]);
          g_assert_cmpfloat_with_epsilon (fairness->groups[g].selection_rate,
                                          selected[g] / members[g], 1e-12);
        }
      g_test_message ("%s: accuracy %.4f", per_group ? "per group" : "global",
                      metrics->accuracy);
    }
}

/* Numbers: no decision to take, and each group's typical error is the test's own. */
static void
test_regression (void)
{
  g_autoptr(FwSession) session = trained_session ("credit_score");
  const FwDataset *dataset = fw_session_get_dataset (session);
  const FwDataPart *test = &dataset->parts[FW_PART_TEST];
  g_autoptr(FwResultsTradeoff) tradeoff = NULL;
  g_autoptr(FwFairness) fairness = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree float *p = predict_part (session, FW_PART_TEST);
  guint n_groups = g_strv_length (dataset->sensitive_groups[0]);
  g_autofree double *error_sum = g_new0 (double, n_groups);
  g_autofree double *prediction_sum = g_new0 (double, n_groups);
  g_autofree double *members = g_new0 (double, n_groups);

  tradeoff = fw_results_tradeoff_new (fw_session_get_trained (session), dataset, FW_PART_TEST);
  g_assert_nonnull (tradeoff);
  g_assert_cmpint (tradeoff->task, ==, FW_TASK_REGRESSION);
  g_assert_cmpuint (tradeoff->n_classes, ==, 0);

  for (gsize i = 0; i < test->n; i++)
    {
      guint32 g = test->sensitive[0][i];

      error_sum[g] += fabs ((double) test->values[i] - p[i]);
      prediction_sum[g] += p[i];
      members[g] += 1;
    }
  fairness = fw_results_tradeoff_fairness (tradeoff, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (fairness->regression);
  for (guint g = 0; g < n_groups; g++)
    {
      if (members[g] == 0)
        continue;
      g_assert_cmpfloat_with_epsilon (fairness->groups[g].mae, error_sum[g] / members[g],
                                      1e-6 * (1 + error_sum[g] / members[g]));
      g_assert_cmpfloat_with_epsilon (fairness->groups[g].mean_prediction,
                                      prediction_sum[g] / members[g],
                                      1e-6 * (1 + fabs (prediction_sum[g] / members[g])));
    }
}

/* Choosing a threshold on the Results step: the model and the recipe take it, "changed"
 * says the model changed (not the recipe, which would drop it), and the model's test
 * metrics are the test part decided at it, counted here. */
static void
count_changes (FwSession *session,
               guint      parts,
               guint     *seen)
{
  *seen |= parts;
}

static void
test_session_threshold (void)
{
  g_autoptr(FwSession) session = trained_session ("approved");
  const FwDataset *dataset = fw_session_get_dataset (session);
  const FwDataPart *test = &dataset->parts[FW_PART_TEST];
  g_autofree float *p = predict_part (session, FW_PART_TEST);
  g_autoptr(GError) error = NULL;
  FwTrainedModel *trained = fw_session_get_trained (session);
  guint pos = dataset->positive, seen = 0;
  double right = 0;

  g_signal_connect (session, "changed", G_CALLBACK (count_changes), &seen);
  for (gsize i = 0; i < test->n; i++)
    right += (p[2 * i + pos] >= 0.62) == (test->labels[i] == pos);
  g_assert_true (fw_session_set_threshold (session, 0.62, &error));
  g_assert_no_error (error);
  g_assert_true (fw_session_get_trained (session) == trained);
  g_assert_cmpuint (seen, ==, FW_SESSION_MODEL);
  g_assert_cmpfloat (trained->threshold, ==, 0.62);
  g_assert_cmpfloat (fw_session_get_recipe (session)->threshold, ==, 0.62);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (trained->test_metrics,
                                                                 "accuracy"),
                                  right / test->n, 1e-12);
  /* Out of range: refused, nothing changes. */
  g_assert_false (fw_session_set_threshold (session, 0, &error));
  g_assert_nonnull (error);
  g_assert_cmpfloat (trained->threshold, ==, 0.62);
}

/* Thresholds set by hand per group: the model and the recipe take them (policy manual),
 * "changed" says the model changed, and the test metrics are the test part decided at each
 * row's group threshold, counted here. */
static void
test_session_group_thresholds (void)
{
  g_autoptr(FwSession) session = trained_session ("approved");
  const FwDataset *dataset = fw_session_get_dataset (session);
  const FwDataPart *test = &dataset->parts[FW_PART_TEST];
  g_autofree float *p = predict_part (session, FW_PART_TEST);
  g_autoptr(GError) error = NULL;
  FwTrainedModel *trained = fw_session_get_trained (session);
  const FwRecipe *recipe = fw_session_get_recipe (session);
  char **groups = dataset->sensitive_groups[0];
  guint n_groups = g_strv_length (groups), pos = dataset->positive, seen = 0;
  g_autofree double *values = g_new (double, n_groups);
  double right = 0, counts[4] = { 0 };
  FwGroupThresholdSet set;

  g_assert_cmpuint (n_groups, >=, 2);
  for (guint g = 0; g < n_groups; g++)
    values[g] = 0.35 + 0.3 * g / (n_groups - 1);
  for (gsize i = 0; i < test->n; i++)
    {
      gboolean yes = p[2 * i + pos] >= values[test->sensitive[0][i]];

      right += yes == (test->labels[i] == pos);
      counts[(test->labels[i] == pos) * 2 + yes] += 1;
    }
  set = (FwGroupThresholdSet) {
    .attribute = dataset->sensitive_names[0], .names = (const char *const *) groups,
    .values = values, .common = 0.5,
  };
  g_signal_connect (session, "changed", G_CALLBACK (count_changes), &seen);
  g_assert_true (fw_session_set_group_thresholds (session, &set, &error));
  g_assert_no_error (error);
  g_assert_true (fw_session_get_trained (session) == trained);
  g_assert_cmpuint (seen, ==, FW_SESSION_MODEL);
  g_assert_cmpint (trained->thresholds->policy, ==, FW_THRESHOLD_POLICY_MANUAL);
  g_assert_cmpint (recipe->threshold_policy, ==, FW_THRESHOLD_POLICY_MANUAL);
  g_assert_cmpstr (recipe->threshold_attribute, ==, dataset->sensitive_names[0]);
  g_assert_cmpstrv (recipe->group_thresholds_names, groups);
  for (guint g = 0; g < n_groups; g++)
    g_assert_cmpfloat (recipe->group_thresholds_values[g], ==, values[g]);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (trained->test_metrics,
                                                                 "accuracy"),
                                  right / test->n, 1e-12);
  /* Rows are actual, columns predicted, each in class order. */
  for (guint y = 0; y < 2; y++)
    for (guint d = 0; d < 2; d++)
      {
        guint actual_pos = (y == pos), decided_pos = (d == pos);

        g_assert_cmpfloat (json_array_get_double_element (
                             json_array_get_array_element (trained->confusion, y), d),
                           ==, counts[actual_pos * 2 + decided_pos]);
      }

  /* Without a fitting policy there is nothing to refit: refused, the model as it was. */
  g_assert_false (fw_session_refit_thresholds (session, dataset->sensitive_names[0], &error));
  g_assert_nonnull (error);
  g_assert_cmpint (trained->thresholds->policy, ==, FW_THRESHOLD_POLICY_MANUAL);

  /* One common threshold again: the per-group ones go, from the model and the recipe. */
  g_assert_true (fw_session_set_threshold (session, 0.5, NULL));
  g_assert_null (trained->thresholds);
  g_assert_cmpint (recipe->threshold_policy, ==, FW_THRESHOLD_POLICY_NONE);
  g_assert_null (recipe->group_thresholds_names);
}

int
main (int   argc,
      char *argv[])
{
  fw_core_test_init (&argc, &argv);

  g_test_add_func ("/core/results-tradeoff/binary", test_binary);
  g_test_add_func ("/core/results-tradeoff/regression", test_regression);
  g_test_add_func ("/core/results-tradeoff/session-threshold", test_session_threshold);
  g_test_add_func ("/core/results-tradeoff/session-group-thresholds",
                   test_session_group_thresholds);

  return g_test_run ();
}
