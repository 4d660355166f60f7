/* fw-model-device-private.h — a model's training rows in its backend's memory, and its
 * batches gathered from them (fw-model-device.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-model-device.h"
#include "fw-model-private.h"

G_BEGIN_DECLS

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

G_END_DECLS
