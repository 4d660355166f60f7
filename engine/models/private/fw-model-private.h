/* fw-model-private.h — a model's insides, and what fw-model-base.c does with them for every
 * kind of model
 *
 * Every model so far is a stack of dense layers: logistic regression is one layer with a
 * sigmoid or softmax output, linear regression one layer with an identity output, the MLP
 * adds ReLU layers in front.  The parameters live in one backend buffer, layer by layer,
 * weights (n_in × n_out, row-major: out = in · W + b) then biases, which is also the order
 * of fw_model_get_arrays.  A model class supplies how the parameters start and how an
 * epoch learns; the forward pass, the loss and the parameter plumbing are shared.
 *
 * The files that use it stand in layers, each calling only those below:
 *   fw-model.c             creating, training, predicting, parameters in and out
 *   fw-mlp.c, fw-linear.c  the kinds of model (fw-model-kinds.h)
 *   fw-model-device.c      the training rows in a backend's memory (fw-model-device-private.h)
 *   fw-model-base.c        checks, the forward pass, loss and penalty (this header)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-backend.h"
#include "fw-model-base.h"
#include "fw-model-spec.h"
#include "fw-random.h"

G_BEGIN_DECLS

#define FW_MODEL_MAX_LAYERS (FW_RECIPE_MAX_HIDDEN + 1)
/* Hidden layer l of a batch drops units with fw_backend_dropout_mask (key + l·STEP, i, rate),
 * i the element's index in the batch's row-major activations. */
#define FW_MLP_LAYER_KEY_STEP G_GUINT64_CONSTANT (0xd1b54a32d192ed03)

typedef struct
{
  guint        n_in, n_out;
  FwActivation activation;
  gsize        weight_offset;   /* into the parameter vector */
  gsize        bias_offset;
} FwLayer;

/* Training rows copied into a backend's own memory (backends with gather_rows), so that
 * batches are gathered there; row order uploaded each epoch. */
typedef struct
{
  FwModelData  of;              /* the host arrays copied; n = 0: none */
  gboolean     kept;            /* fw_model_keep_data: unchanged, no upload next epoch */
  float       *x, *values, *weights;
  guint32     *labels;
  gsize       *order;
} FwResident;

typedef struct _FwGlmState FwGlmState;

typedef struct
{
  const char *name;
  gboolean    iterative;
  gboolean    exact;            /* fitted to its optimum on the host (fw-glm.c): the whole
                                   part every epoch, no mini-batches */
  void      (*init_params) (FwModel           *model,
                            float             *host_params);
  double    (*train_epoch) (FwModel           *model,
                            const FwModelData *data,
                            FwBatchFunc        batch_func,
                            gpointer           user_data,
                            GError           **error);
} FwModelClass;

struct _FwModel
{
  const FwModelClass *klass;
  FwBackend          *be;
  FwModelSpec         spec;     /* owns spec.device */
  FwTask              task;
  FwLoss              loss;
  guint               n_features, n_outputs, n_classes;
  guint64             seed;

  guint               n_layers;
  FwLayer             layers[FW_MODEL_MAX_LAYERS];
  gsize               n_params;
  guint               max_width;        /* widest layer, inputs included */
  gsize               max_rows;         /* rows per mini-batch and per prediction chunk */

  /* Backend buffers, all allocated by fw_model_new. */
  float              *params, *grads, *moment1, *moment2, *snapshot;
  float              *x;                         /* max_rows × n_features */
  float              *acts[FW_MODEL_MAX_LAYERS]; /* max_rows × n_out of each layer */
  float              *masks[FW_MODEL_MAX_LAYERS];/* dropout, hidden layers only */
  float              *delta[2];                  /* max_rows × max_width, ping-pong */
  float              *out;                       /* max_rows × n_predictions */
  guint32            *labels;
  float              *values, *weights;

  /* Host memory. */
  float              *host_params;      /* staging for init, get_arrays and set_arrays */
  gsize              *order;            /* row order of the current epoch */
  gsize               order_capacity;
  FwRng               shuffle_rng, dropout_rng;
  guint64             step;             /* optimiser updates so far */
  FwResident          resident;
  FwGlmState         *glm;              /* exact fits: the Newton state, from epoch 1 */
  gboolean           *glm_fixed;        /* exact fits: features held at 0, or NULL */
};

/* Checks that a model of @spec can be made for @task and these sizes. */
gboolean fw_model_check_spec        (const FwModelSpec *spec,
                                     FwTask             task,
                                     guint              n_features,
                                     guint              n_outputs,
                                     GError           **error);
gboolean fw_model_check_data        (const FwModel     *model,
                                     const FwModelData *data,
                                     GError           **error);
double   fw_model_l2_penalty        (FwModel           *model);
/* Rows [start, start + rows) of @data's targets and weights into the model's buffers. */
void     fw_model_upload_targets    (FwModel           *model,
                                     const FwModelData *data,
                                     gsize              start,
                                     gsize              rows);
void     fw_model_set_diverged      (GError           **error);
/* Runs the layers over model->x (@rows rows); dropout only when @dropout_key is not 0. */
void     fw_model_forward           (FwModel           *model,
                                     gsize              rows,
                                     guint64            dropout_key);

G_END_DECLS
