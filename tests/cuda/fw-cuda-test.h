/* fw-cuda-test.h — what the CUDA parity tests share: the visible skip, device buffers
 *
 * Without a usable GPU a parity test prints why ("no NVIDIA driver") and exits 77, which
 * meson counts as SKIP: never a pass that tested nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>
#include <stdlib.h>
#include "fw-backend-cuda.h"

#define FW_TEST_SKIP 77

/* The CUDA backend, or exit 77 with the reason on stdout. */
static inline FwBackend *
fw_cuda_test_require_device (void)
{
  const FwCudaProbe *probe = fw_backend_cuda_probe ();
  g_autoptr(GError) error = NULL;
  FwBackend *be;

  if (probe->status != FW_CUDA_AVAILABLE)
    {
      printf ("SKIP: no CUDA device: %s%s%s\n", probe->reason,
              probe->detail != NULL ? " — " : "", probe->detail != NULL ? probe->detail : "");
      exit (FW_TEST_SKIP);
    }
  be = fw_backend_cuda (&error);
  g_assert_no_error (error);
  printf ("# on %s\n", probe->name);
  return be;
}
