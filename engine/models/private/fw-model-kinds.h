/* fw-model-kinds.h — the kinds of model fw-model.c creates: the MLP (logistic regression
 * being its 0-hidden-layer case, fw-mlp.c) and linear regression (fw-linear.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-model-private.h"

G_BEGIN_DECLS

extern const FwModelClass fw_mlp_class;
extern const FwModelClass fw_linear_class;
extern const FwModelClass fw_glm_class;

void     fw_glm_state_free          (FwGlmState *state);

/* The objective (mean weighted loss + L2) on @data taken as one batch (at most max_rows
 * rows), and its gradient, in the parameter order, into the host array @grad.  Leaves the
 * parameters alone.  For the gradient tests. */
double   fw_mlp_gradient            (FwModel           *model,
                                     const FwModelData *data,
                                     guint64            dropout_key,
                                     float             *grad);

G_END_DECLS
