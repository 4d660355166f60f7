/* fw-model-base.h — what every kind of model shares: the handle, its errors, the rows it
 * learns from, and its loss on them
 *
 * fw-model.h is the models' whole API and includes this; the files below fw-model.c (the
 * device residency, the MLP, linear regression) see only this much of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

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

/* Mean (weighted) loss on @data without the L2 term, as validation uses it. */
double    fw_model_loss           (FwModel           *model,
                                   const FwModelData *data);

G_END_DECLS
