/* fw-cross-validation.h — k-fold cross-validation of candidate models, and the 1-SE choice
 *
 * Only the learning and tuning rows of a prepared dataset take part: the test part is never
 * read.  Those rows are dealt into k folds, seeded and (for classes) stratified, so each
 * fold holds every class within one row of its share.  Fold f is scored by a model trained
 * on the other folds: their learning rows teach it and their tuning rows choose its best
 * epoch, as in one training.  The preprocessing stays the one fitted on the learning part
 * (scales and category lists, never the target), so a fold's held-out rows did shape those
 * statistics; the comparison between candidates is unaffected, since all share them.
 *
 * Up to two folds train at once, each on its own FwTrainer's thread with OpenBLAS on one
 * thread (the CPU backend's setting), so two workers use two cores without
 * oversubscribing them, and every fold's numbers are the same whatever the number of
 * workers: a fold's model depends only on its rows and the seed.  Energy is each fold's own thread's CPU time (the estimate of fw-energy.h),
 * since package counters cannot be split between folds that run side by side.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "fw-dataset.h"

G_BEGIN_DECLS

#define FW_CV_DEFAULT_FOLDS 5
#define FW_CV_MAX_FOLDS     20

typedef enum {
  FW_CV_ACCURACY,
  FW_CV_BALANCED_ACCURACY,
  FW_CV_F1,
  FW_CV_ROC_AUC,
  FW_CV_RMSE,
  FW_CV_R2,
  FW_CV_N_METRICS
} FwCvMetric;

/* "accuracy", "balanced_accuracy", "f1", "roc_auc", "rmse", "r2": the keys of docs/cli.md. */
const char *fw_cv_metric_key              (FwCvMetric   metric);
gboolean    fw_cv_metric_from_key         (const char  *key,
                                           FwCvMetric  *metric);
gboolean    fw_cv_metric_higher_is_better (FwCvMetric   metric);
/* Whether @metric is measured for @task. */
gboolean    fw_cv_metric_fits_task        (FwCvMetric   metric,
                                           FwTask       task);
/* Balanced accuracy for classes (accuracy rewards always answering the common class on
 * unbalanced data; balanced accuracy is the decision the user gets, and defined for any
 * number of classes), RMSE for numbers. */
FwCvMetric  fw_cv_default_metric          (FwTask       task);

/* The fold of each of @n rows, in [0, @k): newly allocated.  @strata (NULL: plain k-fold)
 * gives each row a class below @n_strata; each class is shuffled with @seed and dealt in
 * turn, continuing where the last class stopped, so every fold holds each class within one
 * row of n_class / k and the folds' sizes differ by at most one row. */
guint      *fw_cv_assign_folds            (const guint32 *strata,
                                           guint          n_strata,
                                           gsize          n,
                                           guint          k,
                                           guint64        seed);

/* Mean and sample standard deviation (n − 1) of the finite @values; NaN when none (the sd
 * also with one). */
void        fw_cv_mean_sd                 (const double *values,
                                           guint         n,
                                           double       *mean,
                                           double       *sd);

/* How simple a model is, for the 1-SE rule: 0 for logistic or linear regression, then
 * fewer hidden layers first and, among those, fewer hidden units. */
guint       fw_cv_model_complexity        (const FwModelSpec *spec);

typedef struct
{
  double mean;                  /* NaN: not measured (a failed candidate) */
  double sd;
  guint  complexity;            /* fw_cv_model_complexity */
} FwCvChoice;

/* The one-standard-error rule: among the candidates whose mean is within one standard
 * error (sd / √k) of the best mean, the simplest; on equal simplicity the better mean, then
 * the earlier one.  -1 when no candidate has a mean. */
int         fw_cv_recommend               (const FwCvChoice *choices,
                                           guint             n,
                                           guint             k,
                                           gboolean          higher_is_better);

typedef struct
{
  FwModelSpec spec;             /* device owned */
  char       *error;            /* why a fold failed; NULL when every fold trained */
  /* Per fold (k of them); NaN when not measured. */
  double      metrics[FW_CV_N_METRICS][FW_CV_MAX_FOLDS];
  double      fairness_gap[FW_CV_MAX_FOLDS];  /* the first sensitive column's parity
                                                 difference (MAE difference for numbers) */
  double      watt_hours[FW_CV_MAX_FOLDS];
  double      mean[FW_CV_N_METRICS], sd[FW_CV_N_METRICS];
  double      gap_mean, gap_sd;
  double      watt_hours_mean, watt_hours_sd;
} FwCvCandidate;

typedef struct
{
  FwTask         task;
  guint          k;
  gsize          n_rows;        /* learning and tuning rows together */
  guint         *fold_of;       /* per row: the learning part's rows, then the tuning part's */
  gsize         *source_rows;   /* per row: the table row it came from */
  guint          n_candidates;
  FwCvCandidate *candidates;
} FwCvResult;

/* Called from a worker thread, one call at a time, with the share of the folds done. */
typedef void (*FwCvProgressFunc) (double   fraction,
                                  gpointer user_data);

typedef struct
{
  const FwModelSpec *specs;     /* the candidates, copied */
  guint              n_specs;
  guint              k;         /* 2 … FW_CV_MAX_FOLDS; 0: FW_CV_DEFAULT_FOLDS */
  guint64            seed;      /* the folds' deal and every model's initialisation */
  guint              n_workers; /* folds at once; 0: two, or one on a single core */
  gboolean           reweigh;   /* Kamiran–Calders weights by the first sensitive column,
                                   fitted on each fold's learning rows */
  FwCvProgressFunc   progress;  /* may be NULL */
  gpointer           progress_data;
} FwCvOptions;

/* Trains every candidate on every fold of @dataset (which must stay untouched meanwhile).
 * A candidate whose fold fails keeps its error; the run fails only when it cannot start or
 * is cancelled (G_IO_ERROR_CANCELLED: every running fold is stopped first). */
FwCvResult *fw_cross_validate      (const FwDataset   *dataset,
                                    const FwCvOptions *options,
                                    GCancellable      *cancellable,
                                    GError           **error);
/* fw_cv_recommend over the candidates' means and sds of @metric. */
int         fw_cv_result_recommend (const FwCvResult *result,
                                    FwCvMetric        metric);
void        fw_cv_result_free      (FwCvResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwCvResult, fw_cv_result_free)

G_END_DECLS
