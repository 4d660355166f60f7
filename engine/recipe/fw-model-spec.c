/* fw-model-spec.c — the defaults that go with a kind of model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-model-spec.h"

double
fw_model_kind_default_learning_rate (FwModelKind kind)
{
  return kind == FW_MODEL_MLP ? 1e-3 : 1e-2;
}
