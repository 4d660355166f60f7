/* fw-results-tradeoff.h — one part's predictions, decided again at any threshold
 *
 * The Results step predicts the dataset's validation (tuning) part once when a model
 * arrives; moving the threshold slider then only re-decides those stored probabilities and
 * measures again with fw-metrics and fw-fairness: no retraining, nothing heavier than one
 * pass over the rows.  The test part is predicted too, but decided only by the model's own
 * rule, so no figure the slider moves comes from it.  Plain C on engine types (no GTK), so
 * tests can check it against their own arithmetic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-fairness.h"
#include "fw-metrics.h"
#include "fw-trained-model.h"

G_BEGIN_DECLS

typedef struct
{
  FwTask            task;
  guint             n_classes;          /* 0 for regression */
  guint             positive;
  gsize             n;
  float            *predictions;        /* n × n_classes probabilities, or n values */
  const FwDataPart *part;               /* the part measured (labels, weights, groups) */
  const FwDataset  *dataset;
  guint             group_attribute;    /* the sensitive column per-group thresholds are for:
                                           the model's threshold column, else the first */
} FwResultsTradeoff;

/* The predictions of @part of @dataset; NULL when the part is empty.  @dataset must
 * outlive the result. */
FwResultsTradeoff       *fw_results_tradeoff_new      (const FwTrainedModel    *trained,
                                                       const FwDataset         *dataset,
                                                       FwPart                   part);
void                     fw_results_tradeoff_free     (FwResultsTradeoff       *self);

/* The class decided for every row: binary tasks select the positive class when its
 * probability is ≥ the row's threshold (@group_thresholds[g] for group g of sensitive
 * column group_attribute when not NULL, else @threshold); other tasks take the most
 * probable class.  g_free the result. */
guint32                 *fw_results_tradeoff_decide   (const FwResultsTradeoff *self,
                                                       double                   threshold,
                                                       const double            *group_thresholds);
/* Every metric for those decisions: the decision ones (accuracy, precision, confusion…)
 * from @decided, the threshold-free ones (ROC, AUC, log-loss, calibration) from the
 * probabilities. */
FwClassificationMetrics *fw_results_tradeoff_metrics  (const FwResultsTradeoff *self,
                                                       const guint32           *decided,
                                                       GError                 **error);
/* The share of rows (weighted, when the part has weights) decided positive. */
double                   fw_results_tradeoff_selection_rate (const FwResultsTradeoff *self,
                                                             const guint32           *decided);
/* Fairness of sensitive column @attribute for those decisions (no bootstrap). */
FwFairness              *fw_results_tradeoff_fairness (const FwResultsTradeoff *self,
                                                       guint                    attribute,
                                                       const guint32           *decided,
                                                       GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwResultsTradeoff, fw_results_tradeoff_free)

G_END_DECLS
