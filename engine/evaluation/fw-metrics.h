/* fw-metrics.h — how good a model is, in the numbers docs/cli.md names
 *
 * Definitions follow scikit-learn's so that figures can be checked against it: binary
 * precision/recall/F1 for the positive class, macro averages for several classes, zero
 * where a ratio is 0/0; ROC-AUC by the trapezoid over distinct thresholds (one-vs-rest
 * macro for several classes); log-loss with probabilities clipped to [1e-15, 1 − 1e-15].
 * Every figure honours optional per-row weights.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include "fw-dataset.h"

G_BEGIN_DECLS

#define FW_METRICS_ERROR (fw_metrics_error_quark ())

typedef enum {
  FW_METRICS_ERROR_EMPTY,       /* no rows, or every weight zero */
  FW_METRICS_ERROR_INVALID,     /* a label out of range, a non-finite number */
} FwMetricsError;

#define FW_METRICS_CALIBRATION_BINS 10

typedef struct
{
  double x, y;
} FwPoint;

typedef struct
{
  double mean_predicted;        /* NaN for an empty bin */
  double observed;              /* share of positives among the bin's rows */
  double weight;                /* rows (or summed weights) in the bin */
} FwCalibrationBin;

typedef struct
{
  guint             n_classes;
  double            n;                  /* rows, or summed weights */
  double            accuracy;
  double            balanced_accuracy;
  double            precision, recall, f1;
  double            roc_auc;            /* NaN when only one class is present */
  double            log_loss;
  double           *confusion;          /* n_classes², row = actual, column = predicted */

  /* Binary problems only (NULL / 0 otherwise): for the positive class. */
  FwPoint          *roc;                /* (FPR, TPR) from (0, 0) to (1, 1) */
  guint             n_roc;
  FwPoint          *pr;                 /* (recall, precision), recall increasing */
  guint             n_pr;
  double            average_precision;
  FwCalibrationBin  calibration[FW_METRICS_CALIBRATION_BINS];
} FwClassificationMetrics;

typedef struct
{
  double  n;
  double  mae, rmse, r2;                /* r2 NaN when every actual value is the same */
  float  *residuals;                    /* actual − predicted, one per row */
  gsize   n_residuals;
} FwRegressionMetrics;

GQuark                   fw_metrics_error_quark (void);

/* The class a model's output @p (n_classes probabilities) decides for: for two classes the
 * positive one when its probability is ≥ @threshold, otherwise the most probable (ties go
 * to the lower index).  Every part of Fairway decides by this one rule. */
static inline guint
fw_metrics_decide (const float *p,
                   guint        n_classes,
                   guint        positive,
                   double       threshold)
{
  guint best = 0;

  if (n_classes == 2)
    return p[positive] >= threshold ? positive : 1 - positive;
  for (guint c = 1; c < n_classes; c++)
    if (p[c] > p[best])
      best = c;
  return best;
}

/* @labels: actual class per row (< @n_classes); @probabilities: row-major n × n_classes.
 * The predicted class is the most probable one; for two classes, @positive when its
 * probability is ≥ @threshold.  @weights may be NULL. */
FwClassificationMetrics *fw_classification_metrics_new  (const guint32 *labels,
                                                         const float   *probabilities,
                                                         const float   *weights,
                                                         gsize          n,
                                                         guint          n_classes,
                                                         guint          positive,
                                                         double         threshold,
                                                         GError       **error);
void                     fw_classification_metrics_free (FwClassificationMetrics *metrics);
/* Adds accuracy, balanced_accuracy, precision, recall, f1, roc_auc, log_loss (null for
 * NaN) to the object being built. */
void                     fw_classification_metrics_to_json (const FwClassificationMetrics *metrics,
                                                            JsonBuilder                   *builder);

FwRegressionMetrics     *fw_regression_metrics_new      (const float  *actual,
                                                         const float  *predicted,
                                                         const float  *weights,
                                                         gsize         n,
                                                         GError      **error);
void                     fw_regression_metrics_free     (FwRegressionMetrics *metrics);
/* Adds mae, rmse, r2. */
void                     fw_regression_metrics_to_json  (const FwRegressionMetrics *metrics,
                                                         JsonBuilder               *builder);

/* What always giving the most common answer scores on the rows measured — the figure a
 * model must beat.  Classes: scikit-learn's DummyClassifier(strategy="prior"): every row
 * gets the class shares of the @n_reference @reference labels as probabilities, so the
 * decision is the most common class (for two classes, the positive one on a tie), ROC AUC
 * is 0.5 and log-loss that of the shares.  Numbers: DummyRegressor, the mean of
 * @reference.  Scored on @labels or @actual (@n rows, @weights may be NULL) as a model's
 * metrics are: an object with the same keys, or NULL when there is nothing to score.
 * @majority, when not NULL, receives the most common class. */
JsonObject *fw_baseline_classification (const guint32 *reference,
                                        gsize          n_reference,
                                        const guint32 *labels,
                                        const float   *weights,
                                        gsize          n,
                                        guint          n_classes,
                                        guint          positive,
                                        guint         *majority);
/* The baseline a trained model reports: the training part's most common answer (or mean)
 * scored on the test part of @dataset; NULL when either part is empty. */
JsonObject *fw_baseline_of_dataset     (const FwDataset *dataset);

/* Classes are unbalanced when the most common one is this much more common than an even
 * split (1 / n_classes): 60 % of two classes, 43 % of three.  Accuracy then flatters a
 * model, and the headline turns to balanced accuracy and the baseline. */
#define FW_BASELINE_UNBALANCED_MARGIN 0.10

/* The most common class of a confusion matrix's rows (row = actual, @n_classes²) and its
 * share; FALSE when the matrix is empty or the classes are not unbalanced (above). */
gboolean    fw_baseline_unbalanced     (const double  *confusion,
                                        guint          n_classes,
                                        guint         *majority,
                                        double        *share);
JsonObject *fw_baseline_regression     (const float   *reference,
                                        gsize          n_reference,
                                        const float   *actual,
                                        const float   *weights,
                                        gsize          n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwClassificationMetrics, fw_classification_metrics_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwRegressionMetrics, fw_regression_metrics_free)

G_END_DECLS
