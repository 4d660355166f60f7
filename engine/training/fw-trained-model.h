/* fw-trained-model.h — a trained pipeline: fitted preprocessing, model and what it scored
 *
 * This is what a .fwmodel file holds (fw-model-file.h is the container): the recipe, the
 * statistics fitted on the training rows, the classes, the model's parameters, its test
 * metrics and where the data came from.  Loading rebuilds a model that predicts exactly as
 * the saved one did.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-dataset.h"
#include "fw-fairness.h"
#include "fw-mitigation.h"
#include "fw-model.h"

G_BEGIN_DECLS

typedef struct
{
  FwRecipe       *recipe;
  FwPreprocessor *preprocessor;
  FwModel        *model;
  FwTask          task;
  guint           n_classes;
  char          **class_names;  /* NULL-terminated; NULL for regression */
  guint           positive;
  char          **feature_names;
  JsonObject     *test_metrics; /* as train --json prints them; may be empty */
  JsonArray      *fairness;     /* test-part fairness entries (docs/cli.md); may be empty */
  JsonObject     *energy;       /* the training's energy reading; may be empty */
  JsonObject     *explanations; /* {"importance": …, "coefficients": …}; may be empty */
  FwThresholds   *thresholds;   /* per-group decision thresholds, or NULL */
  char           *threshold_attribute;  /* the sensitive column they are per group of */
  double          threshold;    /* binary tasks without per-group thresholds: the positive
                                   class from this probability, chosen on the validation
                                   part; 0.5 in files that do not record it */
  char           *data_name;    /* the source file's base name */
  char           *data_sha256;
  char           *fairway_version;
  char           *backend;      /* "cpu (OpenBLAS)" … */
  gint64          created;      /* Unix time */
  double          seconds;      /* training time */
  /* Added for the model card; optional in the file (older ones load with them empty): */
  JsonArray      *history;      /* one {"epoch","train_loss","validation_loss",
                                   "validation_metric","metric_name"} per epoch */
  JsonArray      *confusion;    /* test part, n_classes arrays of n_classes counts (row =
                                   actual, column = predicted); empty for regression */
  JsonArray      *findings;     /* the data audit's findings ({"kind","attribute","message"}) */
  guint64         part_rows[FW_N_PARTS];  /* rows in train/validation/test; 0: not recorded */
  JsonObject     *baseline;     /* test metrics of always giving the training rows' most
                                   common answer (their mean, for numbers), fw-metrics.h;
                                   empty when not recorded */
  /* A checkpoint taken while training ran: the best epoch so far and the epochs planned.
   * Both 0 for a model that is no checkpoint.  @checkpoint_finished: written when the
   * training ended (its best epoch), not while it ran. */
  guint           checkpoint_epoch;
  guint           checkpoint_epochs;
  gboolean        checkpoint_finished;
} FwTrainedModel;

/* Copies what it needs from @recipe, @dataset (its preprocessor is re-created from JSON)
 * and @model; @test_metrics is referenced. */
FwTrainedModel *fw_trained_model_new     (const FwRecipe  *recipe,
                                          const FwDataset *dataset,
                                          const FwModel   *model,
                                          JsonObject      *test_metrics,
                                          GError         **error);
void            fw_trained_model_free    (FwTrainedModel *trained);

gboolean        fw_trained_model_save    (const FwTrainedModel *trained,
                                          GFile                *file,
                                          GError              **error);
FwTrainedModel *fw_trained_model_load    (GFile                *file,
                                          GError              **error);

/* Predictions for every row of @table: n_rows × fw_model_n_predictions, g_malloc'd. */
float          *fw_trained_model_predict (const FwTrainedModel *trained,
                                          const FwTable        *table,
                                          GError              **error);
/* The labelled rows of @table (target present): their indices, and the class index
 * (classification) or value (regression) of each.  A class the model never saw is an
 * error naming it. */
gboolean        fw_trained_model_targets (const FwTrainedModel *trained,
                                          const FwTable        *table,
                                          gsize               **rows,
                                          guint32             **labels,
                                          float               **values,
                                          gsize                *n,
                                          GError              **error);

/* Fits per-group thresholds on the validation part of @dataset (binary tasks with a
 * sensitive column: the groups of the recipe's threshold_attribute, else of the first).
 * Scores on training rows would be over-confident, hence validation. */
gboolean        fw_trained_model_fit_thresholds (FwTrainedModel    *trained,
                                                 const FwDataset   *dataset,
                                                 FwThresholdPolicy  policy,
                                                 GError           **error);
/* The predicted class of every row of @table from @predictions (as predict returns them):
 * the most probable class, or for binary tasks the positive class from the model's
 * threshold — from the row's group threshold when the model has per-group thresholds (a
 * group or column they do not list: fw_trained_model_unseen_threshold).  Regression:
 * NULL. */
guint32        *fw_trained_model_decide  (const FwTrainedModel *trained,
                                          const FwTable        *table,
                                          const float          *predictions);

/* The same rule on @part of @dataset (fw-trained-model-score.c): the row's group of the
 * threshold column, or the model's one threshold.  Binary tasks; g_free the result. */
guint32        *fw_trained_model_decide_part (const FwTrainedModel *trained,
                                              const FwDataset      *dataset,
                                              FwPart                part,
                                              const float          *predictions);
/* Adds "fairness": [one entry per attribute, docs/cli.md] to the object being built; NULL
 * entries (a measurement that failed) are left out. */
void            fw_training_add_fairness      (JsonBuilder       *builder,
                                               FwFairness *const *fairness,
                                               char *const       *attributes,
                                               guint              n);
/* Overwrites the metrics that depend on the decision (accuracy, balanced_accuracy,
 * precision, recall, f1) with those of @decided; ROC-AUC and log-loss do not depend on a
 * threshold and stay. */
void            fw_training_decision_metrics  (JsonObject    *metrics,
                                               const guint32 *labels,
                                               const guint32 *decided,
                                               const float   *weights,
                                               gsize          n,
                                               guint          n_classes,
                                               guint          positive);

/* Scores @dataset's test part again under the model's rule (its threshold or per-group
 * thresholds), as a saved model decides: replaces the decision metrics in test_metrics,
 * the confusion matrix and the fairness (intervals from @seed).  Binary tasks.  Returns
 * one FwFairness per sensitive column (fw_fairness_free each, g_free the array). */
FwFairness    **fw_trained_model_score_test  (FwTrainedModel       *trained,
                                              const FwDataset      *dataset,
                                              guint64               seed);
/* Makes @threshold the model's (and its recipe's) and scores the test part once for it:
 * the Results step's "use this threshold".  It replaces any per-group thresholds (the
 * recipe's policy becomes none).  Binary tasks; FALSE outside (0, 1). */
gboolean        fw_trained_model_set_threshold (FwTrainedModel     *trained,
                                                const FwDataset    *dataset,
                                                double              threshold,
                                                GError            **error);

/* Thresholds chosen by hand per group of sensitive column @attribute (the Results step's
 * per-group sliders, on the tuning rows). */
typedef struct
{
  const char         *attribute;
  const char *const  *names;    /* NULL-terminated groups */
  const double       *values;   /* one threshold per name, in [0, 1] */
  double              common;   /* the model's one threshold, which every other group and
                                   any group under the recipe's min_group_rows tuning rows
                                   keeps; in (0, 1) */
} FwGroupThresholdSet;

/* The threshold of group @name under the model's per-group thresholds; a group they do
 * not list gets fw_trained_model_unseen_threshold. */
double          fw_trained_model_group_threshold  (const FwTrainedModel *trained,
                                                   const char           *name);
/* What a group the per-group thresholds do not list (or a table without their column)
 * gets: the model's one threshold when they were chosen by hand (every small group kept it
 * too), else FW_THRESHOLDS_DEFAULT. */
double          fw_trained_model_unseen_threshold (const FwTrainedModel *trained);

/* Makes @set the model's (policy MANUAL, recorded in the recipe's threshold_attribute and
 * group_thresholds) and scores the test part once for them.  On error the model is as it
 * was. */
gboolean        fw_trained_model_set_thresholds   (FwTrainedModel            *trained,
                                                   const FwDataset           *dataset,
                                                   const FwGroupThresholdSet *set,
                                                   GError                   **error);
/* Fits @policy's (PARITY or TPR) thresholds for sensitive column @attribute on the
 * validation part, without retraining, records both in the recipe and scores the test part
 * once for them.  On error the model is as it was. */
gboolean        fw_trained_model_refit_thresholds (FwTrainedModel     *trained,
                                                   const FwDataset    *dataset,
                                                   const char         *attribute,
                                                   FwThresholdPolicy   policy,
                                                   GError            **error);

const char     *fw_task_to_string        (FwTask task);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwTrainedModel, fw_trained_model_free)

G_END_DECLS
