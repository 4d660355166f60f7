/* fw-model-private.h — what fw-model.c, fw-mlp.c and fw-linear.c share
 *
 * Every model so far is a stack of dense layers: logistic regression is one layer with a
 * sigmoid or softmax output, linear regression one layer with an identity output, the MLP
 * adds ReLU layers in front.  The parameters live in one backend buffer, layer by layer,
 * weights (n_in × n_out, row-major: out = in · W + b) then biases, which is also the order
 * of fw_model_get_arrays.  A model class supplies how the parameters start and how an
 * epoch learns; prediction, loss and the parameter plumbing are shared.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-backend.h"
#include "fw-model.h"
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

typedef struct
{
  const char *name;
  gboolean    iterative;
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
};

extern const FwModelClass fw_mlp_class;
extern const FwModelClass fw_linear_class;

/* fw-model.c */
gboolean fw_model_check_data        (const FwModel     *model,
                                     const FwModelData *data,
                                     GError           **error);
double   fw_model_l2_penalty        (FwModel           *model);
void     fw_model_upload_targets    (FwModel           *model,
                                     const FwModelData *data,
                                     gsize              start,
                                     gsize              rows);
void     fw_model_set_diverged      (GError           **error);

/* fw-model-device.c */
/* Copies @data into the backend's memory unless the copy there was kept and is of the same
 * arrays; @keep promises they will not change.  Checks the device has room first. */
gboolean fw_model_make_resident     (FwModel           *model,
                                     const FwModelData *data,
                                     gboolean           keep,
                                     GError           **error);
void     fw_model_resident_free     (FwModel           *model);
/* model->order[0 .. n) to where the batch gathers read it. */
void     fw_model_upload_order      (FwModel           *model,
                                     gsize              n);
/* Rows order[start .. start + rows) of @data, targets and weights into the batch buffers. */
void     fw_model_gather_batch      (FwModel           *model,
                                     const FwModelData *data,
                                     gsize              start,
                                     gsize              rows);

/* fw-mlp.c */
/* Runs the layers over model->x (@rows rows); dropout only when @dropout_key is not 0. */
void     fw_mlp_forward             (FwModel           *model,
                                     gsize              rows,
                                     guint64            dropout_key);
/* The objective (mean weighted loss + L2) on @data taken as one batch (at most max_rows
 * rows), and its gradient, in the parameter order, into the host array @grad.  Leaves the
 * parameters alone.  For the gradient tests. */
double   fw_mlp_gradient            (FwModel           *model,
                                     const FwModelData *data,
                                     guint64            dropout_key,
                                     float             *grad);

G_END_DECLS
