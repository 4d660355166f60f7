/* fw-model-device.h — the device a model runs on, and keeping its training rows there
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-model-base.h"

G_BEGIN_DECLS

/* Promises that @data's arrays stay unchanged while this model trains on them, so that a
 * GPU backend uploads them once, here, and gathers every later epoch's batches in its own
 * memory; fails when the GPU lacks the room (FW_BACKEND_ERROR_MEMORY).  Nothing to do on
 * the CPU.  Without it, a GPU model uploads the rows at the start of every epoch. */
gboolean    fw_model_keep_data        (FwModel           *model,
                                       const FwModelData *data,
                                       GError           **error);

/* The backend it runs on, for recipes and model files: "cpu (OpenBLAS …)",
 * "cuda (NVIDIA H200, 140 GiB, …)".  Newly allocated. */
char       *fw_model_describe_backend (const FwModel *model);
/* The PCI bus id of the GPU it runs on (NVML's key for the GPU's energy), NULL on the CPU. */
const char *fw_model_gpu_pci_bus_id   (const FwModel *model);

G_END_DECLS
