/* fw-cuda-kernels.cu — the element-wise, loss and reduction kernels of the CUDA backend
 *
 * Each kernel is the CPU backend's loop (cpu/fw-cpu-backend.c) with the same expression in
 * the same order, and the per-row losses and outputs are the very same source
 * (fw-backend-rows.h): built with --fmad=false and IEEE division and square root, the
 * element-wise ops give the CPU's bits; only expf/log differ by an ulp or two.  Sums are
 * more exact than the CPU's: in double, in a fixed tree (grid-stride partials, then one
 * block over the partials), never with atomics, so they are also reproducible.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include "fw-cuda-kernels.h"
#include "fw-backend-rows.h"

#define THREADS    256          /* per block; a power of two for the tree reductions */
#define MAX_BLOCKS 65536        /* element-wise grids stride beyond this */
#define COL_TILE   32           /* column sums: columns per block … */
#define COL_LANES  32           /* … and threads down each column */

/* Blocks for @n elements: at least one, at most @cap, striding over the rest. */
static unsigned int
blocks_for (size_t n,
            size_t cap)
{
  size_t b = (n + THREADS - 1) / THREADS;

  return (unsigned int) (b == 0 ? 1 : b < cap ? b : cap);
}

#define GRID_STRIDE(i, n) \
  for (size_t i = (size_t) blockIdx.x * blockDim.x + threadIdx.x; i < (n); \
       i += (size_t) gridDim.x * blockDim.x)

/* Sums @value over the block's THREADS threads into shared[0], in a fixed tree. */
static __device__ double
block_sum (double  value,
           double *shared)
{
  shared[threadIdx.x] = value;
  __syncthreads ();
  for (unsigned int half = THREADS / 2; half > 0; half /= 2)
    {
      if (threadIdx.x < half)
        shared[threadIdx.x] += shared[threadIdx.x + half];
      __syncthreads ();
    }
  return shared[0];
}

/* One block: *result = Σ partials[0 .. n), each thread taking a fixed stride. */
static __global__ void
k_sum_partials (const double *partials,
                unsigned int  n,
                double       *result)
{
  __shared__ double shared[THREADS];
  double s = 0;

  for (unsigned int i = threadIdx.x; i < n; i += THREADS)
    s += partials[i];
  s = block_sum (s, shared);
  if (threadIdx.x == 0)
    *result = s;
}

static __global__ void
k_scale (float  *c,
         size_t  m,
         size_t  n,
         size_t  ldc,
         float   beta)
{
  GRID_STRIDE (i, m * n)
    {
      float *p = c + (i / n) * ldc + i % n;

      *p = beta == 0.0f ? 0.0f : *p * beta;
    }
}

static __global__ void
k_gather_words (uint32_t       *dst,
                const uint32_t *src,
                size_t          row_words,
                const size_t   *rows,
                size_t          n)
{
  GRID_STRIDE (i, n * row_words)
    dst[i] = src[rows[i / row_words] * row_words + i % row_words];
}

static __global__ void
k_bias_activation (float       *y,
                   const float *bias,
                   size_t       rows,
                   size_t       cols,
                   int          relu)
{
  GRID_STRIDE (i, rows * cols)
    {
      float v = y[i] + bias[i % cols];

      /* v ≤ 0 is false for NaN: a diverging network keeps showing it. */
      y[i] = relu && v <= 0.0f ? 0.0f : v;
    }
}

static __global__ void
k_relu_backward (float       *grad,
                 const float *y,
                 size_t       n)
{
  GRID_STRIDE (i, n)
    grad[i] = y[i] > 0.0f ? grad[i] : 0.0f;
}

/* Block (COL_TILE, COL_LANES): lane ty sums rows ty, ty + LANES, … of its column. */
static __global__ void
k_column_sums (float       *out,
               const float *x,
               size_t       rows,
               size_t       cols)
{
  __shared__ double shared[COL_LANES][COL_TILE];
  size_t c = (size_t) blockIdx.x * COL_TILE + threadIdx.x;
  double s = 0;

  if (c < cols)
    for (size_t r = threadIdx.y; r < rows; r += COL_LANES)
      s += x[r * cols + c];
  shared[threadIdx.y][threadIdx.x] = s;
  __syncthreads ();
  if (threadIdx.y == 0 && c < cols)
    {
      double total = 0;

      for (unsigned int lane = 0; lane < COL_LANES; lane++)
        total += shared[lane][threadIdx.x];
      out[c] = (float) total;
    }
}

static __global__ void
k_loss (int             loss,
        const float    *z,
        size_t          rows,
        size_t          cols,
        const uint32_t *labels,
        const float    *values,
        const float    *weights,
        float           grad_scale,
        float          *grad,
        double         *partials)
{
  __shared__ double shared[THREADS];
  double s = 0;

  GRID_STRIDE (r, rows)
    {
      float w = weights != NULL ? weights[r] : 1.0f;

      s += w * fw_rows_loss (loss, z, r, cols, labels, values, grad_scale * w, grad);
    }
  s = block_sum (s, shared);
  if (threadIdx.x == 0)
    partials[blockIdx.x] = s;
}

static __global__ void
k_output (int          loss,
          const float *z,
          size_t       rows,
          size_t       cols,
          float       *out)
{
  GRID_STRIDE (r, rows)
    fw_rows_output (loss, z, r, cols, out);
}

static __global__ void
k_dropout (float    *y,
           float    *mask,
           size_t    n,
           uint32_t  threshold,
           float     keep,
           uint64_t  key)
{
  GRID_STRIDE (i, n)
    {
      float m = fw_dropout_draw (key, i) < threshold ? 0.0f : keep;

      mask[i] = m;
      y[i] *= m;
    }
}

static __global__ void
k_mul (float       *x,
       const float *y,
       size_t       n)
{
  GRID_STRIDE (i, n)
    x[i] *= y[i];
}

static __global__ void
k_axpy (float        alpha,
        const float *x,
        float       *y,
        size_t       n)
{
  GRID_STRIDE (i, n)
    y[i] += alpha * x[i];
}

static __global__ void
k_sum (const float *x,
       size_t       n,
       int          squares,
       double      *partials)
{
  __shared__ double shared[THREADS];
  double s = 0;

  GRID_STRIDE (i, n)
    s += squares ? (double) x[i] * x[i] : (double) x[i];
  s = block_sum (s, shared);
  if (threadIdx.x == 0)
    partials[blockIdx.x] = s;
}

static __global__ void
k_adam (float       *param,
        const float *grad,
        float       *m,
        float       *v,
        size_t       n,
        float        b1,
        float        b2,
        float        eps,
        float        step_size,
        float        inv_sqrt_c2)
{
  GRID_STRIDE (i, n)
    {
      float g = grad[i];
      float mi = b1 * m[i] + (1.0f - b1) * g;
      float vi = b2 * v[i] + (1.0f - b2) * g * g;

      m[i] = mi;
      v[i] = vi;
      param[i] = param[i] - step_size * mi / (sqrtf (vi) * inv_sqrt_c2 + eps);
    }
}

static __global__ void
k_sgd (float       *param,
       const float *grad,
       float       *velocity,
       size_t       n,
       float        learning_rate,
       float        momentum)
{
  GRID_STRIDE (i, n)
    {
      float vi = momentum * velocity[i] + grad[i];

      velocity[i] = vi;
      param[i] = param[i] - learning_rate * vi;
    }
}

extern "C" {

cudaError_t
fw_cuda_check_image (void)
{
  cudaFuncAttributes attributes;

  return cudaFuncGetAttributes (&attributes, k_axpy);
}

cudaError_t
fw_cuda_scale (cudaStream_t  stream,
               float        *c,
               size_t        m,
               size_t        n,
               size_t        ldc,
               float         beta)
{
  if (m == 0 || n == 0 || beta == 1.0f)
    return cudaSuccess;
  k_scale<<<blocks_for (m * n, MAX_BLOCKS), THREADS, 0, stream>>> (c, m, n, ldc, beta);
  return cudaGetLastError ();
}

cudaError_t
fw_cuda_gather_words (cudaStream_t    stream,
                      uint32_t       *dst,
                      const uint32_t *src,
                      size_t          row_words,
                      const size_t   *rows,
                      size_t          n)
{
  if (n == 0 || row_words == 0)
    return cudaSuccess;
  k_gather_words<<<blocks_for (n * row_words, MAX_BLOCKS), THREADS, 0, stream>>> (
    dst, src, row_words, rows, n);
  return cudaGetLastError ();
}

cudaError_t
fw_cuda_bias_activation (cudaStream_t  stream,
                         float        *y,
                         const float  *bias,
                         size_t        rows,
                         size_t        cols,
                         int           relu)
{
  if (rows == 0 || cols == 0)
    return cudaSuccess;
  k_bias_activation<<<blocks_for (rows * cols, MAX_BLOCKS), THREADS, 0, stream>>> (
    y, bias, rows, cols, relu);
  return cudaGetLastError ();
}

cudaError_t
fw_cuda_relu_backward (cudaStream_t  stream,
                       float        *grad,
                       const float  *y,
                       size_t        n)
{
  if (n == 0)
    return cudaSuccess;
  k_relu_backward<<<blocks_for (n, MAX_BLOCKS), THREADS, 0, stream>>> (grad, y, n);
  return cudaGetLastError ();
}

cudaError_t
fw_cuda_column_sums (cudaStream_t  stream,
                     float        *out,
                     const float  *x,
                     size_t        rows,
                     size_t        cols)
{
  dim3 block (COL_TILE, COL_LANES);

  if (cols == 0)
    return cudaSuccess;
  k_column_sums<<<(unsigned int) ((cols + COL_TILE - 1) / COL_TILE), block, 0, stream>>> (
    out, x, rows, cols);
  return cudaGetLastError ();
}

cudaError_t
fw_cuda_loss (cudaStream_t    stream,
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
              double         *result)
{
  unsigned int blocks = blocks_for (rows, FW_CUDA_MAX_PARTIALS);
  cudaError_t status;

  k_loss<<<blocks, THREADS, 0, stream>>> (loss, z, rows, cols, labels, values, weights,
                                          grad_scale, grad, partials);
  if ((status = cudaGetLastError ()) != cudaSuccess)
    return status;
  k_sum_partials<<<1, THREADS, 0, stream>>> (partials, blocks, result);
  return cudaGetLastError ();
}

cudaError_t
fw_cuda_output (cudaStream_t  stream,
                int           loss,
                const float  *z,
                size_t        rows,
                size_t        cols,
                float        *out)
{
  if (rows == 0)
    return cudaSuccess;
  k_output<<<blocks_for (rows, MAX_BLOCKS), THREADS, 0, stream>>> (loss, z, rows, cols, out);
  return cudaGetLastError ();
}

cudaError_t
fw_cuda_dropout (cudaStream_t  stream,
                 float        *y,
                 float        *mask,
                 size_t        n,
                 uint32_t      threshold,
                 float         keep,
                 uint64_t      key)
{
  if (n == 0)
    return cudaSuccess;
  k_dropout<<<blocks_for (n, MAX_BLOCKS), THREADS, 0, stream>>> (y, mask, n, threshold, keep,
                                                                   key);
  return cudaGetLastError ();
}

cudaError_t
fw_cuda_mul (cudaStream_t  stream,
             float        *x,
             const float  *y,
             size_t        n)
{
  if (n == 0)
    return cudaSuccess;
  k_mul<<<blocks_for (n, MAX_BLOCKS), THREADS, 0, stream>>> (x, y, n);
  return cudaGetLastError ();
}

cudaError_t
fw_cuda_axpy (cudaStream_t  stream,
              float         alpha,
              const float  *x,
              float        *y,
              size_t        n)
{
  if (n == 0)
    return cudaSuccess;
  k_axpy<<<blocks_for (n, MAX_BLOCKS), THREADS, 0, stream>>> (alpha, x, y, n);
  return cudaGetLastError ();
}

cudaError_t
fw_cuda_sum (cudaStream_t  stream,
             const float  *x,
             size_t        n,
             int           squares,
             double       *partials,
             double       *result)
{
  unsigned int blocks = blocks_for (n, FW_CUDA_MAX_PARTIALS);
  cudaError_t status;

  k_sum<<<blocks, THREADS, 0, stream>>> (x, n, squares, partials);
  if ((status = cudaGetLastError ()) != cudaSuccess)
    return status;
  k_sum_partials<<<1, THREADS, 0, stream>>> (partials, blocks, result);
  return cudaGetLastError ();
}

cudaError_t
fw_cuda_adam (cudaStream_t  stream,
              float        *param,
              const float  *grad,
              float        *m,
              float        *v,
              size_t        n,
              float         beta1,
              float         beta2,
              float         epsilon,
              float         step_size,
              float         inv_sqrt_c2)
{
  if (n == 0)
    return cudaSuccess;
  k_adam<<<blocks_for (n, MAX_BLOCKS), THREADS, 0, stream>>> (param, grad, m, v, n, beta1, beta2,
                                                                epsilon, step_size, inv_sqrt_c2);
  return cudaGetLastError ();
}

cudaError_t
fw_cuda_sgd (cudaStream_t  stream,
             float        *param,
             const float  *grad,
             float        *velocity,
             size_t        n,
             float         learning_rate,
             float         momentum)
{
  if (n == 0)
    return cudaSuccess;
  k_sgd<<<blocks_for (n, MAX_BLOCKS), THREADS, 0, stream>>> (param, grad, velocity, n,
                                                               learning_rate, momentum);
  return cudaGetLastError ();
}

}
