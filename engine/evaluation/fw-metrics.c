/* fw-metrics.c — classification and regression metrics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include "fw-json.h"
#include "fw-metrics.h"

#define LOG_LOSS_EPSILON 1e-15

G_DEFINE_QUARK (fw-metrics-error-quark, fw_metrics_error)

typedef struct
{
  double score;
  double weight;
  gboolean positive;
} Scored;

static int
compare_scores_descending (const void *a,
                           const void *b)
{
  double x = ((const Scored *) a)->score, y = ((const Scored *) b)->score;

  return x > y ? -1 : x < y;
}

static inline double
ratio (double numerator,
       double denominator)
{
  return denominator > 0 ? numerator / denominator : 0.0;
}

static inline double
row_weight (const float *weights,
            gsize        i)
{
  return weights != NULL ? weights[i] : 1.0;
}

/* Rows sorted by score, highest first: the order every threshold sweep walks. */
static Scored *
sorted_scores (const guint32 *labels,
               const float   *probabilities,
               const float   *weights,
               gsize          n,
               guint          n_classes,
               guint          positive,
               double        *total_positive,
               double        *total_negative)
{
  Scored *rows = g_new (Scored, n);

  *total_positive = *total_negative = 0;
  for (gsize i = 0; i < n; i++)
    {
      rows[i].score = probabilities[i * n_classes + positive];
      rows[i].weight = row_weight (weights, i);
      rows[i].positive = labels[i] == positive;
      if (rows[i].positive)
        *total_positive += rows[i].weight;
      else
        *total_negative += rows[i].weight;
    }
  qsort (rows, n, sizeof (Scored), compare_scores_descending);
  return rows;
}

/* One-vs-rest ROC-AUC of @positive; fills the ROC and PR curves when asked.  Points are
 * taken after each run of equal scores, as scikit-learn's roc_curve does. */
static double
binary_auc (const guint32           *labels,
            const float             *probabilities,
            const float             *weights,
            gsize                    n,
            guint                    n_classes,
            guint                    positive,
            FwClassificationMetrics *curves)
{
  double P, N, tp = 0, fp = 0, area = 0, prev_tpr = 0, prev_fpr = 0, prev_recall = 0;
  g_autofree Scored *rows = sorted_scores (labels, probabilities, weights, n, n_classes,
                                           positive, &P, &N);

  if (curves != NULL)
    {
      curves->roc = g_new (FwPoint, n + 1);
      curves->pr = g_new (FwPoint, n + 1);
      curves->roc[curves->n_roc++] = (FwPoint) { 0, 0 };
      curves->pr[curves->n_pr++] = (FwPoint) { 0, 1 };
      curves->average_precision = 0;
    }
  if (P <= 0 || N <= 0)
    return NAN;

  for (gsize i = 0; i < n; i++)
    {
      double tpr, fpr;

      if (rows[i].positive)
        tp += rows[i].weight;
      else
        fp += rows[i].weight;
      if (i + 1 < n && rows[i + 1].score == rows[i].score)
        continue;
      tpr = tp / P;
      fpr = fp / N;
      area += (fpr - prev_fpr) * (tpr + prev_tpr) / 2;
      if (curves != NULL)
        {
          double precision = ratio (tp, tp + fp);

          curves->roc[curves->n_roc++] = (FwPoint) { fpr, tpr };
          curves->pr[curves->n_pr++] = (FwPoint) { tpr, precision };
          curves->average_precision += (tpr - prev_recall) * precision;
          prev_recall = tpr;
        }
      prev_tpr = tpr;
      prev_fpr = fpr;
    }
  return area;
}

static void
fill_calibration (FwClassificationMetrics *m,
                  const guint32           *labels,
                  const float             *probabilities,
                  const float             *weights,
                  gsize                    n,
                  guint                    positive)
{
  double sum_p[FW_METRICS_CALIBRATION_BINS] = { 0 }, sum_y[FW_METRICS_CALIBRATION_BINS] = { 0 };

  for (gsize i = 0; i < n; i++)
    {
      double p = probabilities[i * 2 + positive], w = row_weight (weights, i);
      int bin = CLAMP ((int) (p * FW_METRICS_CALIBRATION_BINS), 0, FW_METRICS_CALIBRATION_BINS - 1);

      m->calibration[bin].weight += w;
      sum_p[bin] += w * p;
      sum_y[bin] += labels[i] == positive ? w : 0;
    }
  for (guint b = 0; b < FW_METRICS_CALIBRATION_BINS; b++)
    {
      FwCalibrationBin *bin = &m->calibration[b];

      bin->mean_predicted = bin->weight > 0 ? sum_p[b] / bin->weight : NAN;
      bin->observed = bin->weight > 0 ? sum_y[b] / bin->weight : NAN;
    }
}

static gboolean
check_classification_input (const guint32 *labels,
                            const float   *probabilities,
                            const float   *weights,
                            gsize          n,
                            guint          n_classes,
                            double        *total,
                            GError       **error)
{
  *total = 0;
  for (gsize i = 0; i < n; i++)
    {
      double w = row_weight (weights, i);

      if (labels[i] >= n_classes || !isfinite (w) || w < 0)
        {
          g_set_error (error, FW_METRICS_ERROR, FW_METRICS_ERROR_INVALID,
                       _("Row %zu has an invalid class or weight."), i + 1);
          return FALSE;
        }
      for (guint c = 0; c < n_classes; c++)
        if (!isfinite (probabilities[i * n_classes + c]))
          {
            g_set_error (error, FW_METRICS_ERROR, FW_METRICS_ERROR_INVALID,
                         _("The model gave no usable probability for row %zu."), i + 1);
            return FALSE;
          }
      *total += w;
    }
  if (*total <= 0)
    {
      g_set_error (error, FW_METRICS_ERROR, FW_METRICS_ERROR_EMPTY,
                   _("There are no rows to measure the model on."));
      return FALSE;
    }
  return TRUE;
}

FwClassificationMetrics *
fw_classification_metrics_new (const guint32 *labels,
                               const float   *probabilities,
                               const float   *weights,
                               gsize          n,
                               guint          n_classes,
                               guint          positive,
                               double         threshold,
                               GError       **error)
{
  g_autoptr(FwClassificationMetrics) m = NULL;
  double total, correct = 0, loss = 0, recall_sum = 0, auc_sum = 0;
  guint recall_classes = 0, auc_classes = 0;
  guint C = n_classes;

  g_return_val_if_fail (labels != NULL || n == 0, NULL);
  g_return_val_if_fail (probabilities != NULL || n == 0, NULL);
  g_return_val_if_fail (n_classes >= 2 && positive < n_classes, NULL);

  if (!check_classification_input (labels, probabilities, weights, n, C, &total, error))
    return NULL;

  m = g_new0 (FwClassificationMetrics, 1);
  m->n_classes = C;
  m->n = total;
  m->confusion = g_new0 (double, (gsize) C * C);
  for (gsize i = 0; i < n; i++)
    {
      const float *p = probabilities + i * C;
      double w = row_weight (weights, i), sum = 0;
      guint predicted = fw_metrics_decide (p, C, positive, threshold);

      m->confusion[labels[i] * C + predicted] += w;
      correct += labels[i] == predicted ? w : 0;
      for (guint c = 0; c < C; c++)
        sum += p[c];
      /* Renormalised and clipped, as scikit-learn's log_loss. */
      loss -= w * log (CLAMP (sum > 0 ? p[labels[i]] / sum : 0.0, LOG_LOSS_EPSILON,
                              1 - LOG_LOSS_EPSILON));
    }
  m->accuracy = correct / total;
  m->log_loss = loss / total;

  for (guint c = 0; c < C; c++)
    {
      double tp = m->confusion[c * C + c], actual = 0, predicted = 0, precision, recall;

      for (guint k = 0; k < C; k++)
        {
          actual += m->confusion[c * C + k];
          predicted += m->confusion[k * C + c];
        }
      precision = ratio (tp, predicted);
      recall = ratio (tp, actual);
      if (actual > 0)
        {
          recall_sum += recall;
          recall_classes++;
        }
      if (C == 2 && c != positive)
        continue;
      /* Binary: the positive class alone; several classes: the macro mean. */
      m->precision += precision / (C == 2 ? 1 : C);
      m->recall += recall / (C == 2 ? 1 : C);
      m->f1 += ratio (2 * precision * recall, precision + recall) / (C == 2 ? 1 : C);
    }
  m->balanced_accuracy = recall_sum / recall_classes;

  if (C == 2)
    {
      m->roc_auc = binary_auc (labels, probabilities, weights, n, C, positive, m);
      fill_calibration (m, labels, probabilities, weights, n, positive);
    }
  else
    {
      for (guint c = 0; c < C; c++)
        {
          double auc = binary_auc (labels, probabilities, weights, n, C, c, NULL);

          if (!isnan (auc))
            {
              auc_sum += auc;
              auc_classes++;
            }
        }
      m->roc_auc = auc_classes > 0 ? auc_sum / auc_classes : NAN;
    }
  return g_steal_pointer (&m);
}

void
fw_classification_metrics_free (FwClassificationMetrics *m)
{
  if (m == NULL)
    return;
  g_free (m->confusion);
  g_free (m->roc);
  g_free (m->pr);
  g_free (m);
}

void
fw_classification_metrics_to_json (const FwClassificationMetrics *m,
                                   JsonBuilder                   *builder)
{
  g_return_if_fail (m != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  fw_json_add_number (builder, "accuracy", m->accuracy);
  fw_json_add_number (builder, "balanced_accuracy", m->balanced_accuracy);
  fw_json_add_number (builder, "precision", m->precision);
  fw_json_add_number (builder, "recall", m->recall);
  fw_json_add_number (builder, "f1", m->f1);
  fw_json_add_number (builder, "roc_auc", m->roc_auc);
  fw_json_add_number (builder, "log_loss", m->log_loss);
}

FwRegressionMetrics *
fw_regression_metrics_new (const float  *actual,
                           const float  *predicted,
                           const float  *weights,
                           gsize         n,
                           GError      **error)
{
  g_autoptr(FwRegressionMetrics) m = NULL;
  double total = 0, weighted_sum = 0, abs_error = 0, sq_error = 0, sq_total = 0, mean;

  g_return_val_if_fail (actual != NULL || n == 0, NULL);
  g_return_val_if_fail (predicted != NULL || n == 0, NULL);

  for (gsize i = 0; i < n; i++)
    {
      double w = row_weight (weights, i);

      if (!isfinite (actual[i]) || !isfinite (predicted[i]) || !isfinite (w) || w < 0)
        {
          g_set_error (error, FW_METRICS_ERROR, FW_METRICS_ERROR_INVALID,
                       _("Row %zu has no usable value or prediction."), i + 1);
          return NULL;
        }
      total += w;
      weighted_sum += w * actual[i];
    }
  if (total <= 0)
    {
      g_set_error (error, FW_METRICS_ERROR, FW_METRICS_ERROR_EMPTY,
                   _("There are no rows to measure the model on."));
      return NULL;
    }

  m = g_new0 (FwRegressionMetrics, 1);
  m->n = total;
  m->residuals = g_new (float, n);
  m->n_residuals = n;
  mean = weighted_sum / total;
  for (gsize i = 0; i < n; i++)
    {
      double w = row_weight (weights, i), e = (double) actual[i] - predicted[i];

      m->residuals[i] = (float) e;
      abs_error += w * fabs (e);
      sq_error += w * e * e;
      sq_total += w * (actual[i] - mean) * (actual[i] - mean);
    }
  m->mae = abs_error / total;
  m->rmse = sqrt (sq_error / total);
  m->r2 = sq_total > 0 ? 1 - sq_error / sq_total : NAN;
  return g_steal_pointer (&m);
}

void
fw_regression_metrics_free (FwRegressionMetrics *m)
{
  if (m == NULL)
    return;
  g_free (m->residuals);
  g_free (m);
}

void
fw_regression_metrics_to_json (const FwRegressionMetrics *m,
                               JsonBuilder               *builder)
{
  g_return_if_fail (m != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  fw_json_add_number (builder, "mae", m->mae);
  fw_json_add_number (builder, "rmse", m->rmse);
  fw_json_add_number (builder, "r2", m->r2);
}
