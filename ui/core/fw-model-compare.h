/* fw-model-compare.h — k-fold cross-validation of candidate models, ranked, off the main loop
 *
 * The candidates suit the task: logistic regression (or linear regression for numbers) and
 * two neural networks, each with the recipe's other settings.  A GTask thread prepares the
 * dataset and cross-validates every candidate on the learning and tuning rows
 * (fw-cross-validation.h: stratified folds, two at a time); progress comes back to the main
 * loop in idles, so the window never waits.  Cancel stops the run and keeps nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "fw-cross-validation.h"
#include "fw-recipe.h"
#include "fw-table-model.h"

G_BEGIN_DECLS

/* The engine's metrics, under the names the wizard has always used. */
typedef enum {
  FW_COMPARE_ACCURACY = FW_CV_ACCURACY,
  FW_COMPARE_BALANCED_ACCURACY = FW_CV_BALANCED_ACCURACY,
  FW_COMPARE_F1 = FW_CV_F1,
  FW_COMPARE_ROC_AUC = FW_CV_ROC_AUC,
  FW_COMPARE_RMSE = FW_CV_RMSE,
  FW_COMPARE_R2 = FW_CV_R2,
  FW_COMPARE_N_METRICS = FW_CV_N_METRICS
} FwCompareMetric;

typedef struct
{
  char        *name;            /* "Neural network (64 × 64)", translated */
  FwModelSpec  spec;            /* the recipe's spec with this candidate's model */
  gboolean     done;            /* trained, whatever the outcome */
  char        *error;           /* why training failed; NULL when it did not */
  /* Means over the folds (NaN when not measured), their sample sds, and each fold's value. */
  double       metrics[FW_COMPARE_N_METRICS];
  double       sd[FW_COMPARE_N_METRICS];
  double       folds[FW_COMPARE_N_METRICS][FW_CV_MAX_FOLDS];
  guint        n_folds;
  double       fairness_gap;    /* the first sensitive column's demographic parity difference
                                   (MAE difference for numbers), mean over the folds; NaN
                                   without one */
  double       fairness_gap_sd;
  double       watt_hours;      /* per fold, mean; estimated from the fold's CPU time */
  double       watt_hours_sd;
} FwCompareResult;

/* The metrics that rank candidates for @task (FW_TASK_REGRESSION or a classification),
 * in the order a person would pick them: the first is the default (balanced accuracy, or
 * RMSE for numbers; accuracy last). */
const FwCompareMetric *fw_compare_metrics_for_task   (FwTask          task,
                                                      guint          *n);
const char            *fw_compare_metric_label       (FwCompareMetric metric);
gboolean               fw_compare_metric_higher_is_better (FwCompareMetric metric);

#define FW_TYPE_MODEL_COMPARE (fw_model_compare_get_type ())

G_DECLARE_FINAL_TYPE (FwModelCompare, fw_model_compare, FW, MODEL_COMPARE, GObject)

/* @recipe is copied; @table_model is referenced. */
FwModelCompare        *fw_model_compare_new          (FwTableModel    *table_model,
                                                      const FwRecipe  *recipe);
/* Checks the recipe names a target the table has (FALSE and @error when not) and starts the
 * worker.  "finished" is emitted once every candidate is done, on cancel, or when the data
 * cannot be prepared (fw_model_compare_get_error says why). */
gboolean               fw_model_compare_start        (FwModelCompare  *self,
                                                      GError         **error);
void                   fw_model_compare_cancel       (FwModelCompare  *self);
gboolean               fw_model_compare_is_running   (FwModelCompare  *self);
gboolean               fw_model_compare_was_cancelled (FwModelCompare *self);
/* FW_TASK_AUTO until started. */
FwTask                 fw_model_compare_get_task     (FwModelCompare  *self);
/* Share of the whole run done, in [0, 1] ("notify::fraction"), and what runs now. */
double                 fw_model_compare_get_fraction (FwModelCompare  *self);
const char            *fw_model_compare_get_status   (FwModelCompare  *self);
/* After "finished": why the comparison could not run; NULL when it ran or was cancelled. */
const GError          *fw_model_compare_get_error    (FwModelCompare  *self);
/* The number of folds (FW_CV_DEFAULT_FOLDS unless set before start, 2 …
 * FW_CV_MAX_FOLDS). */
guint                  fw_model_compare_get_folds    (FwModelCompare  *self);
void                   fw_model_compare_set_folds    (FwModelCompare  *self,
                                                      guint            k);
/* The candidates in training order (FwCompareResult*). */
GPtrArray             *fw_model_compare_get_results  (FwModelCompare  *self);
/* Indices into the results, best first by @metric; candidates without it last. */
guint                 *fw_model_compare_rank         (FwModelCompare  *self,
                                                      FwCompareMetric  metric);
/* The index of the result the one-standard-error rule recommends for @metric
 * (fw_cv_recommend), or -1 when none was measured. */
int                    fw_model_compare_recommend    (FwModelCompare  *self,
                                                      FwCompareMetric  metric);

G_END_DECLS
