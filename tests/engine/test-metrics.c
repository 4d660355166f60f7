/* test-metrics.c — metrics against values worked out by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include "fw-metrics.h"

#define EPS 1e-12

/* scikit-learn's documentation example: y = 0 0 1 1, scores 0.1 0.4 0.35 0.8. */
static const guint32 binary_labels[] = { 0, 0, 1, 1 };
static const float binary_probs[] = { 0.9f, 0.1f, 0.6f, 0.4f, 0.65f, 0.35f, 0.2f, 0.8f };

static void
test_binary (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwClassificationMetrics) m =
    fw_classification_metrics_new (binary_labels, binary_probs, NULL, 4, 2, 1, 0.5, &error);
  const FwPoint roc[] = { { 0, 0 }, { 0, 0.5 }, { 0.5, 0.5 }, { 0.5, 1 }, { 1, 1 } };

  g_assert_no_error (error);
  /* At 0.5 only the 0.8 row is called positive: confusion [[2, 0], [1, 1]]. */
  g_assert_cmpfloat (m->confusion[0], ==, 2);
  g_assert_cmpfloat (m->confusion[1], ==, 0);
  g_assert_cmpfloat (m->confusion[2], ==, 1);
  g_assert_cmpfloat (m->confusion[3], ==, 1);
  g_assert_cmpfloat_with_epsilon (m->accuracy, 0.75, EPS);
  g_assert_cmpfloat_with_epsilon (m->precision, 1.0, EPS);
  g_assert_cmpfloat_with_epsilon (m->recall, 0.5, EPS);
  g_assert_cmpfloat_with_epsilon (m->f1, 2.0 / 3.0, EPS);
  g_assert_cmpfloat_with_epsilon (m->balanced_accuracy, 0.75, EPS);
  /* Pairs (positive, negative) ranked right: 0.35 > 0.1, 0.8 > 0.1, 0.8 > 0.4: 3 of 4. */
  g_assert_cmpfloat_with_epsilon (m->roc_auc, 0.75, EPS);
  /* AP = Σ ΔR·P = 0.5·1 + 0.5·(2/3). */
  g_assert_cmpfloat_with_epsilon (m->average_precision, 0.5 + 1.0 / 3.0, 1e-7);
  g_assert_cmpfloat_with_epsilon (m->log_loss,
                                  -(log (0.9f) + log (0.6f) + log (0.35f) + log (0.8f)) / 4, 1e-7);
  g_assert_cmpuint (m->n_roc, ==, G_N_ELEMENTS (roc));
  for (guint i = 0; i < m->n_roc; i++)
    {
      g_assert_cmpfloat_with_epsilon (m->roc[i].x, roc[i].x, EPS);
      g_assert_cmpfloat_with_epsilon (m->roc[i].y, roc[i].y, EPS);
    }
  g_assert_cmpfloat_with_epsilon (m->pr[m->n_pr - 1].x, 1.0, EPS);
  g_assert_cmpfloat_with_epsilon (m->pr[m->n_pr - 1].y, 0.5, EPS);
  /* Calibration: 0.1 → bin 1, 0.35 → bin 3, 0.4 → bin 4, 0.8 → bin 8. */
  g_assert_cmpfloat (m->calibration[1].weight, ==, 1);
  g_assert_cmpfloat (m->calibration[1].observed, ==, 0);
  g_assert_cmpfloat (m->calibration[3].observed, ==, 1);
  g_assert_cmpfloat_with_epsilon (m->calibration[8].mean_predicted, 0.8f, EPS);
  g_assert_true (isnan (m->calibration[0].mean_predicted));
}

static void
test_threshold_and_positive (void)
{
  g_autoptr(FwClassificationMetrics) low =
    fw_classification_metrics_new (binary_labels, binary_probs, NULL, 4, 2, 1, 0.3, NULL);
  g_autoptr(FwClassificationMetrics) flipped =
    fw_classification_metrics_new (binary_labels, binary_probs, NULL, 4, 2, 0, 0.5, NULL);

  /* At 0.3 rows 2, 3, 4 are positive: tp 2, fp 1. */
  g_assert_cmpfloat_with_epsilon (low->precision, 2.0 / 3.0, EPS);
  g_assert_cmpfloat_with_epsilon (low->recall, 1.0, EPS);
  /* Class 0 as the positive one: its AUC is the same ranking read the other way. */
  g_assert_cmpfloat_with_epsilon (flipped->roc_auc, 0.75, EPS);
  g_assert_cmpfloat_with_epsilon (flipped->recall, 1.0, EPS);
}

/* Integer weights must give exactly what repeating the rows gives. */
static void
test_weights_equal_repeats (void)
{
  GRand *rand = g_rand_new_with_seed (11);
  const gsize n = 200;
  g_autofree guint32 *labels = g_new (guint32, n), *repeated_labels = g_new (guint32, 3 * n);
  g_autofree float *probs = g_new (float, 3 * n), *weights = g_new (float, n);
  g_autofree float *repeated_probs = g_new (float, 9 * n);
  gsize m = 0;
  g_autoptr(FwClassificationMetrics) weighted = NULL, repeated = NULL;

  for (gsize i = 0; i < n; i++)
    {
      double a = g_rand_double (rand), b = g_rand_double (rand) * (1 - a);

      labels[i] = g_rand_int_range (rand, 0, 3);
      probs[3 * i] = a, probs[3 * i + 1] = b, probs[3 * i + 2] = 1 - a - b;
      weights[i] = g_rand_int_range (rand, 1, 4);
      for (int k = 0; k < weights[i]; k++, m++)
        {
          repeated_labels[m] = labels[i];
          for (int c = 0; c < 3; c++)
            repeated_probs[3 * m + c] = probs[3 * i + c];
        }
    }
  weighted = fw_classification_metrics_new (labels, probs, weights, n, 3, 1, 0.5, NULL);
  repeated = fw_classification_metrics_new (repeated_labels, repeated_probs, NULL, m, 3, 1, 0.5, NULL);
  g_assert_cmpfloat (weighted->n, ==, repeated->n);
  g_assert_cmpfloat_with_epsilon (weighted->accuracy, repeated->accuracy, 1e-12);
  g_assert_cmpfloat_with_epsilon (weighted->balanced_accuracy, repeated->balanced_accuracy, 1e-12);
  g_assert_cmpfloat_with_epsilon (weighted->f1, repeated->f1, 1e-12);
  g_assert_cmpfloat_with_epsilon (weighted->roc_auc, repeated->roc_auc, 1e-12);
  g_assert_cmpfloat_with_epsilon (weighted->log_loss, repeated->log_loss, 1e-9);
  g_rand_free (rand);
}

static void
test_multiclass (void)
{
  const guint32 labels[] = { 0, 1, 2, 2 };
  const float probs[] = { 0.7f, 0.2f, 0.1f, 0.3f, 0.4f, 0.3f, 0.2f, 0.5f, 0.3f, 0.1f, 0.2f, 0.7f };
  g_autoptr(FwClassificationMetrics) m =
    fw_classification_metrics_new (labels, probs, NULL, 4, 3, 0, 0.5, NULL);

  /* Predicted 0 1 1 2.  Precision per class 1, 1/2, 1; recall 1, 1, 1/2; F1 1, 2/3, 2/3. */
  g_assert_cmpfloat_with_epsilon (m->accuracy, 0.75, EPS);
  g_assert_cmpfloat_with_epsilon (m->precision, 2.5 / 3, EPS);
  g_assert_cmpfloat_with_epsilon (m->recall, 2.5 / 3, EPS);
  g_assert_cmpfloat_with_epsilon (m->f1, (1 + 4.0 / 3) / 3, EPS);
  g_assert_cmpfloat_with_epsilon (m->balanced_accuracy, 2.5 / 3, EPS);
  /* One-vs-rest AUCs 1, 2/3 and 3.5/4 (a tie counts half). */
  g_assert_cmpfloat_with_epsilon (m->roc_auc, (1 + 2.0 / 3 + 0.875) / 3, 1e-7);
  g_assert_null (m->roc);
}

static void
test_regression (void)
{
  const float actual[] = { 1, 2, 3, 4 }, predicted[] = { 1.5f, 2, 2, 5 };
  g_autoptr(FwRegressionMetrics) m = fw_regression_metrics_new (actual, predicted, NULL, 4, NULL);

  /* Errors −0.5 0 1 −1: MAE 2.5/4, RMSE √(2.25/4), SS_tot 5 around 2.5, R² 1 − 2.25/5. */
  g_assert_cmpfloat_with_epsilon (m->mae, 0.625, EPS);
  g_assert_cmpfloat_with_epsilon (m->rmse, 0.75, EPS);
  g_assert_cmpfloat_with_epsilon (m->r2, 0.55, EPS);
  g_assert_cmpfloat (m->residuals[2], ==, 1.0f);
}

static void
test_json (void)
{
  g_autoptr(FwClassificationMetrics) m =
    fw_classification_metrics_new (binary_labels, binary_probs, NULL, 4, 2, 1, 0.5, NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  json_builder_begin_object (builder);
  fw_classification_metrics_to_json (m, builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  object = json_node_get_object (root);
  for (const char *const *key = (const char *const[]) { "accuracy", "balanced_accuracy", "precision",
                                                        "recall", "f1", "roc_auc", "log_loss", NULL };
       *key != NULL; key++)
    g_assert_true (json_object_has_member (object, *key));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "roc_auc"), 0.75, EPS);
}

static void
test_errors (void)
{
  const guint32 bad_label[] = { 0, 5 };
  const float probs[] = { 0.5f, 0.5f, NAN, 1 };
  const float actual[] = { 1, 1 }, predicted[] = { 1, 2 };
  GError *error = NULL;

  g_assert_null (fw_classification_metrics_new (bad_label, probs, NULL, 0, 2, 1, 0.5, &error));
  g_assert_error (error, FW_METRICS_ERROR, FW_METRICS_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_null (fw_classification_metrics_new (bad_label, probs, NULL, 2, 2, 1, 0.5, &error));
  g_assert_error (error, FW_METRICS_ERROR, FW_METRICS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (fw_classification_metrics_new (binary_labels, probs, NULL, 2, 2, 1, 0.5, &error));
  g_assert_error (error, FW_METRICS_ERROR, FW_METRICS_ERROR_INVALID);
  g_clear_error (&error);
  /* One class only: AUC is undefined, the rest is not. */
  {
    const guint32 same[] = { 1, 1 };
    g_autoptr(FwClassificationMetrics) m =
      fw_classification_metrics_new (same, probs, NULL, 1, 2, 1, 0.5, NULL);
    g_assert_true (isnan (m->roc_auc));
    g_assert_cmpfloat (m->accuracy, ==, 1.0);
  }
  /* A constant actual value leaves R² undefined. */
  {
    g_autoptr(FwRegressionMetrics) m = fw_regression_metrics_new (actual, predicted, NULL, 2, NULL);
    g_assert_true (isnan (m->r2));
    g_assert_cmpfloat (m->mae, ==, 0.5);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/metrics/binary", test_binary);
  g_test_add_func ("/engine/metrics/threshold-and-positive", test_threshold_and_positive);
  g_test_add_func ("/engine/metrics/weights-equal-repeats", test_weights_equal_repeats);
  g_test_add_func ("/engine/metrics/multiclass", test_multiclass);
  g_test_add_func ("/engine/metrics/regression", test_regression);
  g_test_add_func ("/engine/metrics/json", test_json);
  g_test_add_func ("/engine/metrics/errors", test_errors);

  return g_test_run ();
}
