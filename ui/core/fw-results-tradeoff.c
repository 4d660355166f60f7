/* fw-results-tradeoff.c — one part's predictions, decided again at any threshold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include "fw-results-tradeoff.h"

FwResultsTradeoff *
fw_results_tradeoff_new (const FwTrainedModel *trained,
                         const FwDataset      *dataset,
                         FwPart                part)
{
  const FwDataPart *rows;
  FwResultsTradeoff *self;

  g_return_val_if_fail (trained != NULL, NULL);
  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (part < FW_N_PARTS, NULL);

  rows = &dataset->parts[part];
  if (rows->n == 0)
    return NULL;
  self = g_new0 (FwResultsTradeoff, 1);
  self->task = dataset->task;
  self->n_classes = dataset->n_classes;
  self->positive = dataset->positive;
  self->n = rows->n;
  self->part = rows;
  self->dataset = dataset;
  for (guint a = 0; trained->threshold_attribute != NULL && a < dataset->n_sensitive; a++)
    if (g_strcmp0 (dataset->sensitive_names[a], trained->threshold_attribute) == 0)
      self->group_attribute = a;
  self->predictions = g_new (float, rows->n * fw_model_n_predictions (trained->model));
  fw_model_predict (trained->model, rows->x, rows->n, self->predictions);
  return self;
}

void
fw_results_tradeoff_free (FwResultsTradeoff *self)
{
  if (self == NULL)
    return;
  g_free (self->predictions);
  g_free (self);
}

guint32 *
fw_results_tradeoff_decide (const FwResultsTradeoff *self,
                            double                   threshold,
                            const double            *group_thresholds)
{
  guint32 *decided;
  const guint32 *groups;

  g_return_val_if_fail (self != NULL && self->task != FW_TASK_REGRESSION, NULL);

  decided = g_new (guint32, self->n);
  groups = self->dataset->n_sensitive > 0 ? self->part->sensitive[self->group_attribute] : NULL;
  for (gsize i = 0; i < self->n; i++)
    {
      double t = group_thresholds != NULL && groups != NULL ? group_thresholds[groups[i]]
                                                             : threshold;

      decided[i] = fw_metrics_decide (self->predictions + i * self->n_classes, self->n_classes,
                                      self->positive, t);
    }
  return decided;
}

FwClassificationMetrics *
fw_results_tradeoff_metrics (const FwResultsTradeoff  *self,
                             const guint32            *decided,
                             GError                  **error)
{
  g_autofree float *one_hot = NULL;
  g_autoptr(FwClassificationMetrics) decisions = NULL;
  FwClassificationMetrics *metrics;
  guint k = self->n_classes;

  g_return_val_if_fail (self != NULL && decided != NULL, NULL);

  metrics = fw_classification_metrics_new (self->part->labels, self->predictions,
                                           self->part->weights, self->n, k, self->positive, 0.5,
                                           error);
  if (metrics == NULL)
    return NULL;
  /* Decisions as certain probabilities: the 0.5 rule then reproduces them exactly. */
  one_hot = g_new0 (float, self->n * k);
  for (gsize i = 0; i < self->n; i++)
    one_hot[i * k + decided[i]] = 1.0f;
  decisions = fw_classification_metrics_new (self->part->labels, one_hot, self->part->weights,
                                             self->n, k, self->positive, 0.5, NULL);
  if (decisions != NULL)
    {
      metrics->accuracy = decisions->accuracy;
      metrics->balanced_accuracy = decisions->balanced_accuracy;
      metrics->precision = decisions->precision;
      metrics->recall = decisions->recall;
      metrics->f1 = decisions->f1;
      memcpy (metrics->confusion, decisions->confusion, sizeof (double) * k * k);
    }
  return metrics;
}

double
fw_results_tradeoff_selection_rate (const FwResultsTradeoff *self,
                                    const guint32           *decided)
{
  double chosen = 0, total = 0;

  g_return_val_if_fail (self != NULL && decided != NULL, 0);

  for (gsize i = 0; i < self->n; i++)
    {
      double w = self->part->weights != NULL ? self->part->weights[i] : 1.0;

      total += w;
      chosen += decided[i] == self->positive ? w : 0;
    }
  return total > 0 ? chosen / total : 0;
}

FwFairness *
fw_results_tradeoff_fairness (const FwResultsTradeoff  *self,
                              guint                     attribute,
                              const guint32            *decided,
                              GError                  **error)
{
  const FwDataset *dataset;
  FwFairnessInput input;
  FwFairnessOptions options;

  g_return_val_if_fail (self != NULL, NULL);
  dataset = self->dataset;
  g_return_val_if_fail (attribute < dataset->n_sensitive, NULL);

  input = (FwFairnessInput) {
    .groups = self->part->sensitive[attribute],
    .group_names = (const char *const *) dataset->sensitive_groups[attribute],
    .weights = self->part->weights, .n = self->n,
    .labels = self->part->labels, .predicted_classes = decided,
    .n_classes = self->n_classes, .positive = self->positive,
    .actual = self->part->values, .predicted = self->predictions,
  };
  /* Redrawn as the slider moves: no bootstrap. */
  fw_fairness_options_init (&options);
  fw_fairness_options_from_dataset (&options, dataset);
  options.n_resamples = 0;
  if (self->task == FW_TASK_REGRESSION)
    return fw_fairness_compute_regression (&input, &options, error);
  return fw_fairness_compute_predicted (&input, &options, error);
}
