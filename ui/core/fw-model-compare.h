/* fw-model-compare.h — trains candidate models one after another and ranks them
 *
 * The candidates suit the task: logistic regression (or linear regression for numbers) and
 * two neural networks, each with the recipe's other settings.  The dataset is prepared once
 * on the main thread; each candidate trains on an FwTrainer thread whose events are drained
 * from a main-loop timeout, so the window never waits.  Cancel stops the run and keeps
 * nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "fw-recipe.h"
#include "fw-table-model.h"

G_BEGIN_DECLS

typedef enum {
  FW_COMPARE_ACCURACY,
  FW_COMPARE_BALANCED_ACCURACY,
  FW_COMPARE_F1,
  FW_COMPARE_ROC_AUC,
  FW_COMPARE_RMSE,
  FW_COMPARE_R2,
  FW_COMPARE_N_METRICS
} FwCompareMetric;

typedef struct
{
  char        *name;            /* "Neural network (64 × 64)", translated */
  FwModelSpec  spec;            /* the recipe's spec with this candidate's model */
  gboolean     done;            /* trained, whatever the outcome */
  char        *error;           /* why training failed; NULL when it did not */
  double       metrics[FW_COMPARE_N_METRICS];   /* on the test part; NaN when not measured */
  double       fairness_gap;    /* the first sensitive column's demographic parity difference
                                   (MAE difference for numbers); NaN without one */
  double       watt_hours;
} FwCompareResult;

/* The metrics that rank candidates for @task (FW_TASK_REGRESSION or a classification),
 * in the order a person would pick them. */
const FwCompareMetric *fw_compare_metrics_for_task   (FwTask          task,
                                                      guint          *n);
const char            *fw_compare_metric_label       (FwCompareMetric metric);
gboolean               fw_compare_metric_higher_is_better (FwCompareMetric metric);

#define FW_TYPE_MODEL_COMPARE (fw_model_compare_get_type ())

G_DECLARE_FINAL_TYPE (FwModelCompare, fw_model_compare, FW, MODEL_COMPARE, GObject)

/* @recipe is copied; @table_model is referenced. */
FwModelCompare        *fw_model_compare_new          (FwTableModel    *table_model,
                                                      const FwRecipe  *recipe);
/* Prepares the data (FALSE and @error when the recipe cannot be trained) and starts the
 * first candidate.  "finished" is emitted once every candidate is done or on cancel. */
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
/* The candidates in training order (FwCompareResult*). */
GPtrArray             *fw_model_compare_get_results  (FwModelCompare  *self);
/* Indices into the results, best first by @metric; candidates without it last. */
guint                 *fw_model_compare_rank         (FwModelCompare  *self,
                                                      FwCompareMetric  metric);

G_END_DECLS
