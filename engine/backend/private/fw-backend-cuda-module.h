/* fw-backend-cuda-module.h — the contract between the engine's loader and the CUDA module
 *
 * The module exports one symbol, FW_CUDA_MODULE_SYMBOL, a function returning this table.
 * The loader refuses a module whose ABI number or FwBackend size differs from its own, so a
 * stale module from another build cannot be called through a mismatched struct.  The module
 * cannot call into the engine (the executables export nothing): it gets by on GLib alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-backend-cuda.h"

G_BEGIN_DECLS

#define FW_CUDA_MODULE_ABI    1
#define FW_CUDA_MODULE_SYMBOL "fw_cuda_module_get"

typedef struct
{
  guint32      abi;             /* FW_CUDA_MODULE_ABI */
  guint32      backend_size;    /* sizeof (FwBackend) */

  /* Fills the device fields of @probe and returns the status; on anything but AVAILABLE it
   * sets @probe->detail to what CUDA said.  The loader writes the plain-words reason. */
  FwCudaStatus (*probe) (FwCudaProbe *probe);
  /* The backend on device 0: streams, cuBLAS and scratch memory set up; NULL with @error. */
  FwBackend   *(*open)  (GError     **error);
} FwCudaModule;

typedef const FwCudaModule *(*FwCudaModuleGetFunc) (void);

G_END_DECLS
