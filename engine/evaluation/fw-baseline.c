/* fw-baseline.c — what always giving the most common answer scores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include "fw-metrics.h"

static JsonObject *
object_of (JsonBuilder *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);

  return json_object_ref (json_node_get_object (root));
}

JsonObject *
fw_baseline_classification (const guint32 *reference,
                            gsize          n_reference,
                            const guint32 *labels,
                            const float   *weights,
                            gsize          n,
                            guint          n_classes,
                            guint          positive,
                            guint         *majority)
{
  g_autofree double *counts = g_new0 (double, MAX (n_classes, 1));
  g_autofree float *shares = NULL;
  g_autofree float *probs = NULL;
  g_autoptr(FwClassificationMetrics) m = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  guint best = 0;

  g_return_val_if_fail (n_classes >= 2 && positive < n_classes, NULL);

  if (n_reference == 0 || n == 0)
    return NULL;
  for (gsize i = 0; i < n_reference; i++)
    if (reference[i] < n_classes)
      counts[reference[i]]++;
  shares = g_new (float, n_classes);
  for (guint c = 0; c < n_classes; c++)
    shares[c] = (float) (counts[c] / n_reference);
  probs = g_new (float, n * n_classes);
  for (gsize i = 0; i < n; i++)
    memcpy (probs + i * n_classes, shares, sizeof (float) * n_classes);
  best = fw_metrics_decide (shares, n_classes, positive, 0.5);
  if (majority != NULL)
    *majority = best;
  m = fw_classification_metrics_new (labels, probs, weights, n, n_classes, positive, 0.5, NULL);
  if (m == NULL)
    return NULL;
  b = json_builder_new ();
  json_builder_begin_object (b);
  fw_classification_metrics_to_json (m, b);
  json_builder_end_object (b);
  return object_of (b);
}

JsonObject *
fw_baseline_regression (const float *reference,
                        gsize        n_reference,
                        const float *actual,
                        const float *weights,
                        gsize        n)
{
  g_autofree float *mean = NULL;
  g_autoptr(FwRegressionMetrics) m = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  double sum = 0;

  if (n_reference == 0 || n == 0)
    return NULL;
  for (gsize i = 0; i < n_reference; i++)
    sum += reference[i];
  mean = g_new (float, n);
  for (gsize i = 0; i < n; i++)
    mean[i] = (float) (sum / n_reference);
  m = fw_regression_metrics_new (actual, mean, weights, n, NULL);
  if (m == NULL)
    return NULL;
  b = json_builder_new ();
  json_builder_begin_object (b);
  fw_regression_metrics_to_json (m, b);
  json_builder_end_object (b);
  return object_of (b);
}

gboolean
fw_baseline_unbalanced (const double *confusion,
                        guint         n_classes,
                        guint        *majority,
                        double       *share)
{
  double total = 0, best = -1;
  guint best_class = 0;

  if (confusion == NULL || n_classes < 2)
    return FALSE;
  for (guint a = 0; a < n_classes; a++)
    {
      double row = 0;

      for (guint p = 0; p < n_classes; p++)
        row += confusion[a * n_classes + p];
      total += row;
      if (row > best)
        best = row, best_class = a;
    }
  if (!(total > 0) || best / total < 1.0 / n_classes + FW_BASELINE_UNBALANCED_MARGIN)
    return FALSE;
  if (majority != NULL)
    *majority = best_class;
  if (share != NULL)
    *share = best / total;
  return TRUE;
}

JsonObject *
fw_baseline_of_dataset (const FwDataset *dataset)
{
  const FwDataPart *learn, *test;

  g_return_val_if_fail (dataset != NULL, NULL);

  learn = &dataset->parts[FW_PART_TRAIN];
  test = &dataset->parts[FW_PART_TEST];
  if (dataset->task == FW_TASK_REGRESSION)
    return fw_baseline_regression (learn->values, learn->n, test->values, test->weights, test->n);
  return fw_baseline_classification (learn->labels, learn->n, test->labels, test->weights,
                                     test->n, dataset->n_classes, dataset->positive, NULL);
}
