/* fw-backend-cuda.h — whether this machine can train on an NVIDIA GPU, and the CUDA backend
 *
 * The backend lives in a separately built module (libfairway-cuda.so, cuBLAS and a few
 * kernels) that is loaded with GModule only once a driver is seen, so neither executable
 * links CUDA and the app starts on machines without it.  The module is looked for, in this
 * order, at $FAIRWAY_CUDA_MODULE, in the build tree, and in the install's libdir/fairway.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-backend.h"

G_BEGIN_DECLS

/* Names the module file to load instead of the built-in places. */
#define FW_CUDA_MODULE_ENV "FAIRWAY_CUDA_MODULE"

typedef enum {
  FW_CUDA_AVAILABLE,
  FW_CUDA_NOT_BUILT,            /* the module was not compiled, or is not where it should be */
  FW_CUDA_NO_DRIVER,            /* no libcuda, a driver too old, or the CUDA libraries missing */
  FW_CUDA_NO_DEVICE,            /* a driver but no device */
  FW_CUDA_UNUSABLE,             /* a device the module cannot use (too old, failing, busy) */
} FwCudaStatus;

typedef struct
{
  FwCudaStatus status;
  char        *reason;          /* plain words, translated: "no NVIDIA driver"; NULL if available */
  char        *detail;          /* for the curious: what the system said; may be NULL */
  char        *module_path;     /* the module found (or looked for last); may be NULL */

  /* Device 0 (CUDA's order), when status is AVAILABLE. */
  char        *name;            /* "NVIDIA H200" */
  char        *pci_bus_id;      /* "0000:19:00.0", the key NVML knows the GPU by */
  int          cc_major, cc_minor;
  guint64      total_bytes, free_bytes;
  int          device_count;
  int          driver_version, runtime_version;  /* CUDA's 1000·major + 10·minor */
  int          cublas_version;  /* 10000·major + 100·minor + patch */
} FwCudaProbe;

/* Looks once per process (the answer is cached; later calls are free) and never fails:
 * a machine without CUDA is an answer, not an error.  Thread-safe. */
const FwCudaProbe *fw_backend_cuda_probe        (void);

/* The CUDA backend on device 0, a process-wide instance, or NULL with @error
 * (FW_BACKEND_ERROR_UNAVAILABLE) saying why in one sentence that names the CPU. */
FwBackend         *fw_backend_cuda              (GError **error);

/* "NVIDIA H200, 139 GiB" for an available device; newly allocated. */
char              *fw_backend_cuda_device_label (const FwCudaProbe *probe);

G_END_DECLS
