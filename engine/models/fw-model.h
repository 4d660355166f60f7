/* fw-model.h — a model behind one vtable: linear/ridge, logistic, MLP
 *
 * Logistic regression is the MLP with no hidden layer (sigmoid for two classes, softmax for
 * more); linear regression is solved in closed form (ridge normal equations through
 * LAPACK) and "trains" in one epoch.  Mini-batches go through cblas_sgemm on buffers sized
 * at creation: nothing is allocated inside the batch loop.  For a given seed, CPU training
 * is deterministic.
 *
 * The types, the loss (fw-model-base.h) and the device calls (fw-model-device.h) are
 * declared beside the files that define them, below this one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-glm.h"
#include "fw-model-base.h"
#include "fw-model-device.h"
#include "fw-model-file.h"
#include "fw-model-spec.h"

G_BEGIN_DECLS

/* @n_outputs: 1 for regression and binary, n_classes for several classes. */
FwModel  *fw_model_new            (const FwModelSpec *spec,
                                   FwTask             task,
                                   guint              n_features,
                                   guint              n_outputs,
                                   guint64            seed,
                                   GError           **error);
void      fw_model_free           (FwModel *model);

/* TRUE when @spec, for @task and @n_features, may be fitted exactly (fw-glm.h): logistic
 * (binary, or multinomial against the first class) and linear regression with the exact
 * solver and at most FW_GLM_MAX_FEATURES features; fw_model_new also counts a multinomial's
 * features once per class after the first.  Otherwise the model trains as
 * FW_SOLVER_MINIBATCH says. */
gboolean  fw_model_spec_is_exact  (const FwModelSpec *spec,
                                   FwTask             task,
                                   guint              n_features);
/* An exact fit: one Newton step per epoch; converged once a step no longer moves it.  Every
 * epoch is better on the training likelihood than the one before, so the last one counts. */
gboolean  fw_model_is_exact       (const FwModel *model);
gboolean  fw_model_has_converged  (const FwModel *model);
/* Before the first epoch of an exact fit: the features (@model's n_features flags) to hold
 * at 0, e.g. each category's reference level.  Copied. */
void      fw_model_set_fixed      (FwModel        *model,
                                   const gboolean *fixed);
/* The exact fit so far, on the model's own (preprocessed) features; NULL for other models
 * and before the first epoch.  Not kept in model files. */
const FwGlmFit *fw_model_get_fit  (const FwModel *model);

/* FALSE for closed-form models, which learn everything in their first epoch. */
gboolean  fw_model_is_iterative   (const FwModel *model);
guint     fw_model_n_features     (const FwModel *model);
guint     fw_model_n_outputs      (const FwModel *model);

/* One pass over @data in a seeded shuffled order; returns the mean (weighted) training
 * loss, including the L2 term, or NaN with @error set. */
double    fw_model_train_epoch    (FwModel           *model,
                                   const FwModelData *data,
                                   FwBatchFunc        batch_func,
                                   gpointer           user_data,
                                   GError           **error);
/* Regression: one prediction per row.  Classification: n × n_classes probabilities (two
 * columns for binary, [P(class 0), P(class 1)]).  @out is caller-allocated. */
void      fw_model_predict        (FwModel           *model,
                                   const float       *x,
                                   gsize              n,
                                   float             *out);
/* Columns of fw_model_predict's output per row. */
guint     fw_model_n_predictions  (const FwModel *model);

/* Copies the learned parameters of @src (same spec and shape) into @dst: the best epoch. */
void      fw_model_copy_params    (FwModel       *dst,
                                   const FwModel *src);
FwModel  *fw_model_dup            (const FwModel *model);

/* Parameters as named arrays for the model file, and back (shapes checked). */
GPtrArray *fw_model_get_arrays    (const FwModel *model);     /* FwModelArray*, borrowed data */
gboolean  fw_model_set_arrays     (FwModel           *model,
                                   const FwModelFile *file,
                                   GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwModel, fw_model_free)

G_END_DECLS
