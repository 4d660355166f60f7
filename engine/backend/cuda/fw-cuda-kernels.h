/* fw-cuda-kernels.h — the CUDA module's kernels, as C functions that queue them on a stream
 *
 * Compiled by nvcc, called from plain C (fw-cuda-backend.c), so only C types cross: no GLib
 * here, no C++ there.  Each function returns what cudaGetLastError says right after the
 * launch (a bad launch); failures while the kernel runs surface at the next synchronisation.
 * Every kernel is deterministic: reductions sum in a fixed tree, in double, with no atomics,
 * so a run gives the same bits twice on the same GPU.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cuda_runtime_api.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Blocks of a reduction, hence the doubles its partial sums need. */
#define FW_CUDA_MAX_PARTIALS 1024

/* cudaSuccess when this device can run the module's code (an image for its architecture). */
cudaError_t fw_cuda_check_image     (void);

/* c[i, j] = beta·c[i, j] for an m × n block (beta = 0 clears, NaN too): a product with k = 0. */
cudaError_t fw_cuda_scale           (cudaStream_t    stream,
                                     float          *c,
                                     size_t          m,
                                     size_t          n,
                                     size_t          ldc,
                                     float           beta);
/* dst[i, ·] = src[rows[i], ·] for rows of @row_words 4-byte words. */
cudaError_t fw_cuda_gather_words    (cudaStream_t    stream,
                                     uint32_t       *dst,
                                     const uint32_t *src,
                                     size_t          row_words,
                                     const size_t   *rows,
                                     size_t          n);
cudaError_t fw_cuda_bias_activation (cudaStream_t    stream,
                                     float          *y,
                                     const float    *bias,
                                     size_t          rows,
                                     size_t          cols,
                                     int             relu);
cudaError_t fw_cuda_relu_backward   (cudaStream_t    stream,
                                     float          *grad,
                                     const float    *y,
                                     size_t          n);
cudaError_t fw_cuda_column_sums     (cudaStream_t    stream,
                                     float          *out,
                                     const float    *x,
                                     size_t          rows,
                                     size_t          cols);
/* *result = Σ_r w_r·loss_r, through @partials (FW_CUDA_MAX_PARTIALS doubles); @grad as the
 * backend's loss op, or NULL.  @loss is an FwLoss (FW_ROWS_* in fw-backend-rows.h). */
cudaError_t fw_cuda_loss            (cudaStream_t    stream,
                                     int             loss,
                                     const float    *z,
                                     size_t          rows,
                                     size_t          cols,
                                     const uint32_t *labels,
                                     const float    *values,
                                     const float    *weights,
                                     float           grad_scale,
                                     float          *grad,
                                     double         *partials,
                                     double         *result);
cudaError_t fw_cuda_output          (cudaStream_t    stream,
                                     int             loss,
                                     const float    *z,
                                     size_t          rows,
                                     size_t          cols,
                                     float          *out);
cudaError_t fw_cuda_dropout         (cudaStream_t    stream,
                                     float          *y,
                                     float          *mask,
                                     size_t          n,
                                     uint32_t        threshold,
                                     float           keep,
                                     uint64_t        key);
cudaError_t fw_cuda_mul             (cudaStream_t    stream,
                                     float          *x,
                                     const float    *y,
                                     size_t          n);
cudaError_t fw_cuda_axpy            (cudaStream_t    stream,
                                     float           alpha,
                                     const float    *x,
                                     float          *y,
                                     size_t          n);
/* *result = Σ x[i] (or Σ x[i]² when @squares), in double. */
cudaError_t fw_cuda_sum             (cudaStream_t    stream,
                                     const float    *x,
                                     size_t          n,
                                     int             squares,
                                     double         *partials,
                                     double         *result);
/* The bias-corrected step size and 1/√(1 − β2^t) come from the host, computed as the CPU
 * backend computes them. */
cudaError_t fw_cuda_adam            (cudaStream_t    stream,
                                     float          *param,
                                     const float    *grad,
                                     float          *m,
                                     float          *v,
                                     size_t          n,
                                     float           beta1,
                                     float           beta2,
                                     float           epsilon,
                                     float           step_size,
                                     float           inv_sqrt_c2);
cudaError_t fw_cuda_sgd             (cudaStream_t    stream,
                                     float          *param,
                                     const float    *grad,
                                     float          *velocity,
                                     size_t          n,
                                     float           learning_rate,
                                     float           momentum);

#ifdef __cplusplus
}
#endif
