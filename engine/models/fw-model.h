/* fw-model.h — a model behind one vtable: linear/ridge, logistic, MLP
 *
 * Logistic regression is the MLP with no hidden layer (sigmoid for two classes, softmax for
 * more); linear regression is solved in closed form (ridge normal equations through
 * LAPACK) and "trains" in one epoch.  Mini-batches go through cblas_sgemm on buffers sized
 * at creation: nothing is allocated inside the batch loop.  For a given seed, CPU training
 * is deterministic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include "fw-model-file.h"
#include "fw-recipe.h"

G_BEGIN_DECLS

#define FW_MODEL_ERROR (fw_model_error_quark ())

typedef enum {
  FW_MODEL_ERROR_INVALID,       /* a spec the model cannot take (0 features, bad sizes) */
  FW_MODEL_ERROR_DIVERGED,      /* the loss became NaN or infinite */
  FW_MODEL_ERROR_SINGULAR,      /* the normal equations have no solution */
  FW_MODEL_ERROR_CORRUPT,       /* saved parameters of the wrong shape */
} FwModelError;

typedef struct _FwModel FwModel;

/* What a model learns from: one part of a dataset. */
typedef struct
{
  const float   *x;             /* n × n_features */
  const guint32 *labels;        /* classification */
  const float   *values;        /* regression */
  const float   *weights;       /* may be NULL */
  gsize          n;
} FwModelData;

/* Called after every mini-batch from the training thread; return FALSE to stop the epoch
 * early (the parameters stay consistent). */
typedef gboolean (*FwBatchFunc) (gsize    rows_done,
                                 gsize    rows_total,
                                 gpointer user_data);

GQuark    fw_model_error_quark    (void);

/* @n_outputs: 1 for regression and binary, n_classes for several classes. */
FwModel  *fw_model_new            (const FwModelSpec *spec,
                                   FwTask             task,
                                   guint              n_features,
                                   guint              n_outputs,
                                   guint64            seed,
                                   GError           **error);
void      fw_model_free           (FwModel *model);

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
/* Promises that @data's arrays stay unchanged while this model trains on them, so that a
 * GPU backend uploads them once, here, and gathers every later epoch's batches in its own
 * memory; fails when the GPU lacks the room (FW_BACKEND_ERROR_MEMORY).  Nothing to do on
 * the CPU.  Without it, a GPU model uploads the rows at the start of every epoch. */
gboolean  fw_model_keep_data      (FwModel           *model,
                                   const FwModelData *data,
                                   GError           **error);
/* Mean (weighted) loss on @data without the L2 term, as validation uses it. */
double    fw_model_loss           (FwModel           *model,
                                   const FwModelData *data);
/* Regression: one prediction per row.  Classification: n × n_classes probabilities (two
 * columns for binary, [P(class 0), P(class 1)]).  @out is caller-allocated. */
void      fw_model_predict        (FwModel           *model,
                                   const float       *x,
                                   gsize              n,
                                   float             *out);
/* Columns of fw_model_predict's output per row. */
guint     fw_model_n_predictions  (const FwModel *model);

/* The backend it runs on, for recipes and model files: "cpu (OpenBLAS …)",
 * "cuda (NVIDIA H200, 140 GiB, …)".  Newly allocated. */
char     *fw_model_describe_backend (const FwModel *model);
/* The PCI bus id of the GPU it runs on (NVML's key for the GPU's energy), NULL on the CPU. */
const char *fw_model_gpu_pci_bus_id (const FwModel *model);

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
