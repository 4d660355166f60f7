/* fw-cuda-backend.c — the CUDA backend: the FwBackend table over cuBLAS and our kernels
 *
 * One device (0 in CUDA's order: CUDA_VISIBLE_DEVICES picks it), one non-blocking stream,
 * one cuBLAS handle, all behind one mutex so the trainer's thread and the UI's can share the
 * process-wide instance.  Every operation is queued on the stream in call order; the ones
 * that return a value or fill host memory wait for the stream, so callers see the CPU
 * backend's order of effects.  Products go through cublasSgemm in FP32 (no TF32: the
 * default math mode never uses it for sgemm) without atomics, so they are reproducible.
 *
 * Operations return no status (the vtable is the CPU's); the first CUDA or cuBLAS failure
 * is kept, for good, and answered by check ().  After one, downloads write NaN bytes and
 * sums return NaN, so nothing downstream mistakes stale memory for a result.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cublas_v2.h>
#include <cuda_runtime_api.h>
#include <glib/gi18n-lib.h>
#include <gmodule.h>
#include <limits.h>
#include <math.h>
#include <string.h>
#include "fw-backend-cuda-module.h"
#include "fw-cuda-kernels.h"

G_STATIC_ASSERT (sizeof (gsize) == sizeof (size_t));

/* The architectures the kernels are compiled for (meson's -gencode); older ones cannot run
 * them, newer ones JIT the PTX. */
#define MIN_CC_MAJOR 8

typedef struct
{
  int             device;
  cudaStream_t    stream;
  cublasHandle_t  blas;
  GMutex          lock;
  double         *partials;     /* device: FW_CUDA_MAX_PARTIALS partial sums */
  double         *result;       /* device: one reduction's result */
  gpointer        staging;      /* host: rows gathered from host memory before upload */
  gsize           staging_bytes;
  GError         *failure;      /* the first failure; never cleared */
  char           *label;        /* what describe () says */
} FwCudaContext;

static FwCudaContext context;

static GQuark
backend_error_quark (void)
{
  return g_quark_from_static_string (FW_BACKEND_ERROR_QUARK_NAME);
}

/* Takes the lock and makes our device current on this thread (the trainer's thread starts
 * with none chosen). */
static FwCudaContext *
enter (FwBackend *be)
{
  FwCudaContext *ctx = be->context;

  g_mutex_lock (&ctx->lock);
  cudaSetDevice (ctx->device);
  return ctx;
}

static void
leave (FwCudaContext *ctx)
{
  g_mutex_unlock (&ctx->lock);
}

static void
fail (FwCudaContext *ctx,
      const char    *what,
      const char    *why)
{
  if (ctx->failure == NULL)
    g_set_error (&ctx->failure, backend_error_quark (), FW_BACKEND_ERROR_FAILED,
                 _("The GPU failed in %s: %s. Train on the CPU instead."), what, why);
}

static gboolean
cuda_ok (FwCudaContext *ctx,
         cudaError_t    status,
         const char    *what)
{
  if (G_LIKELY (status == cudaSuccess))
    return TRUE;
  fail (ctx, what, cudaGetErrorString (status));
  return FALSE;
}

static gboolean
blas_ok (FwCudaContext  *ctx,
         cublasStatus_t  status,
         const char     *what)
{
  g_autofree char *why = NULL;

  if (G_LIKELY (status == CUBLAS_STATUS_SUCCESS))
    return TRUE;
  why = g_strdup_printf (_("cuBLAS status %d"), (int) status);
  fail (ctx, what, why);
  return FALSE;
}

/* Waits for the stream and fetches the reduction result; NaN after any failure. */
static double
fetch_result (FwCudaContext *ctx,
              cudaError_t    launched,
              const char    *what)
{
  double value = NAN;

  if (cuda_ok (ctx, launched, what) &&
      cuda_ok (ctx, cudaMemcpyAsync (&value, ctx->result, sizeof value, cudaMemcpyDeviceToHost,
                                     ctx->stream), what) &&
      cuda_ok (ctx, cudaStreamSynchronize (ctx->stream), what) && ctx->failure == NULL)
    return value;
  return NAN;
}

static gpointer
cuda_alloc (FwBackend *be,
            gsize      bytes)
{
  FwCudaContext *ctx = enter (be);
  void *p = NULL;

  /* cudaMalloc's 256-byte alignment is more than any load needs. */
  if (cudaMalloc (&p, MAX (bytes, 4)) != cudaSuccess)
    {
      cudaGetLastError ();      /* running out is the caller's answer, not a failure */
      p = NULL;
    }
  else if (!cuda_ok (ctx, cudaMemsetAsync (p, 0, MAX (bytes, 4), ctx->stream), "cudaMemset"))
    {
      cudaFree (p);
      p = NULL;
    }
  leave (ctx);
  return p;
}

static void
cuda_free (FwBackend *be,
           gpointer   buffer)
{
  FwCudaContext *ctx = enter (be);

  cuda_ok (ctx, cudaFree (buffer), "cudaFree");
  leave (ctx);
}

/* Host → device, finished before returning so the caller may reuse @host_src at once. */
static void
upload_locked (FwCudaContext *ctx,
               gpointer       dst,
               gconstpointer  host_src,
               gsize          bytes)
{
  if (bytes == 0)
    return;
  if (cuda_ok (ctx, cudaMemcpyAsync (dst, host_src, bytes, cudaMemcpyHostToDevice, ctx->stream),
               "upload"))
    cuda_ok (ctx, cudaStreamSynchronize (ctx->stream), "upload");
}

static void
cuda_upload (FwBackend     *be,
             gpointer       dst,
             gconstpointer  host_src,
             gsize          bytes)
{
  FwCudaContext *ctx = enter (be);

  upload_locked (ctx, dst, host_src, bytes);
  leave (ctx);
}

static void
cuda_download (FwBackend     *be,
               gpointer       host_dst,
               gconstpointer  src,
               gsize          bytes)
{
  FwCudaContext *ctx = enter (be);

  if (bytes > 0 &&
      (!cuda_ok (ctx, cudaMemcpyAsync (host_dst, src, bytes, cudaMemcpyDeviceToHost, ctx->stream),
                 "download") ||
       !cuda_ok (ctx, cudaStreamSynchronize (ctx->stream), "download") || ctx->failure != NULL))
    memset (host_dst, 0xff, bytes);     /* all-ones floats are NaN */
  leave (ctx);
}

static void
cuda_copy (FwBackend     *be,
           gpointer       dst,
           gconstpointer  src,
           gsize          bytes)
{
  FwCudaContext *ctx = enter (be);

  if (bytes > 0 && dst != src)
    cuda_ok (ctx, cudaMemcpyAsync (dst, src, bytes, cudaMemcpyDeviceToDevice, ctx->stream),
             "copy");
  leave (ctx);
}

/* Rows from host memory: gathered on the host, then one upload.  The training loop gathers
 * from device memory instead (gather_rows); this serves everyone else. */
static void
gather_host (FwBackend   *be,
             gpointer     dst,
             const char  *host_src,
             gsize        row_bytes,
             const gsize *rows,
             gsize        n)
{
  FwCudaContext *ctx = enter (be);
  gsize bytes = row_bytes * n;

  if (bytes > ctx->staging_bytes)
    {
      g_free (ctx->staging);
      ctx->staging = g_malloc (bytes);
      ctx->staging_bytes = bytes;
    }
  for (gsize i = 0; i < n; i++)
    memcpy ((char *) ctx->staging + i * row_bytes, host_src + rows[i] * row_bytes, row_bytes);
  upload_locked (ctx, dst, ctx->staging, bytes);
  leave (ctx);
}

static void
cuda_gather (FwBackend   *be,
             float       *dst,
             const float *host_src,
             gsize        cols,
             const gsize *rows,
             gsize        n)
{
  gather_host (be, dst, (const char *) host_src, cols * sizeof (float), rows, n);
}

static void
cuda_gather_labels (FwBackend     *be,
                    guint32       *dst,
                    const guint32 *host_src,
                    const gsize   *rows,
                    gsize          n)
{
  gather_host (be, dst, (const char *) host_src, sizeof (guint32), rows, n);
}

static void
cuda_gather_rows (FwBackend     *be,
                  gpointer       dst,
                  gconstpointer  src,
                  gsize          row_words,
                  const gsize   *rows,
                  gsize          n)
{
  FwCudaContext *ctx = enter (be);

  cuda_ok (ctx, fw_cuda_gather_words (ctx->stream, dst, src, row_words, rows, n), "gather");
  leave (ctx);
}

/* Row-major C = op(A)·op(B) is column-major Cᵀ = op(B)ᵀ·op(A)ᵀ, and a row-major matrix is
 * its transpose in column-major: so cuBLAS gets B before A, with the same op flags. */
static void
cuda_gemm (FwBackend   *be,
           gboolean     trans_a,
           gboolean     trans_b,
           gsize        m,
           gsize        n,
           gsize        k,
           float        alpha,
           const float *a,
           gsize        lda,
           const float *b,
           gsize        ldb,
           float        beta,
           float       *c,
           gsize        ldc)
{
  FwCudaContext *ctx;

  g_assert (m <= INT_MAX && n <= INT_MAX && k <= INT_MAX);
  g_assert (lda <= INT_MAX && ldb <= INT_MAX && ldc <= INT_MAX);

  if (m == 0 || n == 0)
    return;
  ctx = enter (be);
  if (k == 0)
    cuda_ok (ctx, fw_cuda_scale (ctx->stream, c, m, n, ldc, beta), "gemm");
  else
    blas_ok (ctx, cublasSgemm (ctx->blas, trans_b ? CUBLAS_OP_T : CUBLAS_OP_N,
                               trans_a ? CUBLAS_OP_T : CUBLAS_OP_N, (int) n, (int) m, (int) k,
                               &alpha, b, (int) ldb, a, (int) lda, &beta, c, (int) ldc),
             "cublasSgemm");
  leave (ctx);
}

static void
cuda_bias_activation (FwBackend    *be,
                      float        *y,
                      const float  *bias,
                      gsize         rows,
                      gsize         cols,
                      FwActivation  act)
{
  FwCudaContext *ctx = enter (be);

  cuda_ok (ctx, fw_cuda_bias_activation (ctx->stream, y, bias, rows, cols,
                                         act == FW_ACTIVATION_RELU), "bias_activation");
  leave (ctx);
}

static void
cuda_activation_backward (FwBackend    *be,
                          float        *grad,
                          const float  *y,
                          gsize         n,
                          FwActivation  act)
{
  FwCudaContext *ctx;

  if (act != FW_ACTIVATION_RELU)
    return;
  ctx = enter (be);
  cuda_ok (ctx, fw_cuda_relu_backward (ctx->stream, grad, y, n), "activation_backward");
  leave (ctx);
}

static void
cuda_column_sums (FwBackend   *be,
                  float       *out,
                  const float *x,
                  gsize        rows,
                  gsize        cols)
{
  FwCudaContext *ctx = enter (be);

  cuda_ok (ctx, fw_cuda_column_sums (ctx->stream, out, x, rows, cols), "column_sums");
  leave (ctx);
}

static double
cuda_loss (FwBackend     *be,
           FwLoss         loss,
           const float   *z,
           gsize          rows,
           gsize          cols,
           const guint32 *labels,
           const float   *values,
           const float   *weights,
           float          grad_scale,
           float         *grad)
{
  FwCudaContext *ctx = enter (be);
  double total;

  g_assert (loss != FW_LOSS_SIGMOID_BCE || cols == 1);
  total = fetch_result (ctx, fw_cuda_loss (ctx->stream, loss, z, rows, cols, labels, values,
                                           weights, grad_scale, grad, ctx->partials,
                                           ctx->result), "loss");
  leave (ctx);
  return total;
}

static void
cuda_output (FwBackend   *be,
             FwLoss       loss,
             const float *z,
             gsize        rows,
             gsize        cols,
             float       *out)
{
  FwCudaContext *ctx = enter (be);

  cuda_ok (ctx, fw_cuda_output (ctx->stream, loss, z, rows, cols, out), "output");
  leave (ctx);
}

static void
cuda_dropout (FwBackend *be,
              float     *y,
              float     *mask,
              gsize      n,
              float      rate,
              guint64    key)
{
  FwCudaContext *ctx = enter (be);

  /* Threshold and scale as fw_backend_dropout_mask computes them. */
  cuda_ok (ctx, fw_cuda_dropout (ctx->stream, y, mask, n, (guint32) (rate * 65536.0),
                                 1.0f / (1.0f - rate), key), "dropout");
  leave (ctx);
}

static void
cuda_mul (FwBackend   *be,
          float       *x,
          const float *y,
          gsize        n)
{
  FwCudaContext *ctx = enter (be);

  cuda_ok (ctx, fw_cuda_mul (ctx->stream, x, y, n), "mul");
  leave (ctx);
}

static void
cuda_axpy (FwBackend   *be,
           float        alpha,
           const float *x,
           float       *y,
           gsize        n)
{
  FwCudaContext *ctx = enter (be);

  cuda_ok (ctx, fw_cuda_axpy (ctx->stream, alpha, x, y, n), "axpy");
  leave (ctx);
}

static double
sum_of (FwBackend   *be,
        const float *x,
        gsize        n,
        gboolean     squares)
{
  FwCudaContext *ctx = enter (be);
  double total;

  total = fetch_result (ctx, fw_cuda_sum (ctx->stream, x, n, squares, ctx->partials, ctx->result),
                        squares ? "sum_squares" : "sum");
  leave (ctx);
  return total;
}

static double
cuda_sum (FwBackend   *be,
          const float *x,
          gsize        n)
{
  return sum_of (be, x, n, FALSE);
}

static double
cuda_sum_squares (FwBackend   *be,
                  const float *x,
                  gsize        n)
{
  return sum_of (be, x, n, TRUE);
}

static void
cuda_adam (FwBackend          *be,
           float              *param,
           const float        *grad,
           float              *m,
           float              *v,
           gsize               n,
           const FwAdamParams *adam)
{
  FwCudaContext *ctx = enter (be);
  /* As the CPU backend: p −= lr/(1 − β1^t) · m / (√v / √(1 − β2^t) + ε). */
  float step_size = (float) (adam->learning_rate / (1.0 - pow (adam->beta1, (double) adam->step)));
  float inv_sqrt_c2 = (float) (1.0 / sqrt (1.0 - pow (adam->beta2, (double) adam->step)));

  cuda_ok (ctx, fw_cuda_adam (ctx->stream, param, grad, m, v, n, adam->beta1, adam->beta2,
                              adam->epsilon, step_size, inv_sqrt_c2), "adam");
  leave (ctx);
}

static void
cuda_sgd (FwBackend   *be,
          float       *param,
          const float *grad,
          float       *velocity,
          gsize        n,
          float        learning_rate,
          float        momentum)
{
  FwCudaContext *ctx = enter (be);

  cuda_ok (ctx, fw_cuda_sgd (ctx->stream, param, grad, velocity, n, learning_rate, momentum),
           "sgd");
  leave (ctx);
}

static char *
cuda_describe (FwBackend *be)
{
  FwCudaContext *ctx = be->context;

  return g_strdup (ctx->label);
}

static gboolean
cuda_memory_info (FwBackend *be,
                  guint64   *free_bytes,
                  guint64   *total_bytes)
{
  FwCudaContext *ctx = enter (be);
  size_t free_now = 0, total = 0;
  gboolean ok = cudaMemGetInfo (&free_now, &total) == cudaSuccess;

  if (!ok)
    cudaGetLastError ();
  *free_bytes = free_now;
  *total_bytes = total;
  leave (ctx);
  return ok;
}

static gboolean
cuda_check (FwBackend  *be,
            GError    **error)
{
  FwCudaContext *ctx = enter (be);
  gboolean ok = ctx->failure == NULL;

  if (!ok && error != NULL)
    *error = g_error_copy (ctx->failure);
  leave (ctx);
  return ok;
}

static FwBackend cuda_backend = {
  .name = "cuda",
  .context = &context,
  .alloc = cuda_alloc,
  .free = cuda_free,
  .upload = cuda_upload,
  .download = cuda_download,
  .copy = cuda_copy,
  .gather = cuda_gather,
  .gather_labels = cuda_gather_labels,
  .gemm = cuda_gemm,
  .bias_activation = cuda_bias_activation,
  .activation_backward = cuda_activation_backward,
  .column_sums = cuda_column_sums,
  .loss = cuda_loss,
  .output = cuda_output,
  .dropout = cuda_dropout,
  .mul = cuda_mul,
  .axpy = cuda_axpy,
  .sum = cuda_sum,
  .sum_squares = cuda_sum_squares,
  .adam = cuda_adam,
  .sgd = cuda_sgd,
  .describe = cuda_describe,
  .gather_rows = cuda_gather_rows,
  .memory_info = cuda_memory_info,
  .check = cuda_check,
};

static FwCudaStatus
probe (FwCudaProbe *p)
{
  struct cudaDeviceProp prop;
  size_t free_now = 0, total = 0;
  int major = 0, minor = 0, patch = 0;
  char bus_id[32];
  cudaError_t status;

  cudaDriverGetVersion (&p->driver_version);
  cudaRuntimeGetVersion (&p->runtime_version);
  if (cublasGetProperty (MAJOR_VERSION, &major) == CUBLAS_STATUS_SUCCESS &&
      cublasGetProperty (MINOR_VERSION, &minor) == CUBLAS_STATUS_SUCCESS &&
      cublasGetProperty (PATCH_LEVEL, &patch) == CUBLAS_STATUS_SUCCESS)
    p->cublas_version = major * 10000 + minor * 100 + patch;

  status = cudaGetDeviceCount (&p->device_count);
  if (status != cudaSuccess)
    {
      p->detail = g_strdup (cudaGetErrorString (status));
      cudaGetLastError ();
      p->device_count = 0;
      if (status == cudaErrorNoDevice)
        return FW_CUDA_NO_DEVICE;
      /* 35: older than the runtime or absent; 803: a driver/library mismatch. */
      if (status == cudaErrorInsufficientDriver || status == cudaErrorSystemDriverMismatch)
        return FW_CUDA_NO_DRIVER;
      return FW_CUDA_UNUSABLE;
    }
  if (p->device_count == 0)
    return FW_CUDA_NO_DEVICE;

  if ((status = cudaGetDeviceProperties (&prop, 0)) != cudaSuccess ||
      (status = cudaSetDevice (0)) != cudaSuccess)
    {
      p->detail = g_strdup (cudaGetErrorString (status));
      cudaGetLastError ();
      return FW_CUDA_UNUSABLE;
    }
  p->name = g_strdup (prop.name);
  p->cc_major = prop.major;
  p->cc_minor = prop.minor;
  p->total_bytes = prop.totalGlobalMem;
  if (cudaDeviceGetPCIBusId (bus_id, sizeof bus_id, 0) == cudaSuccess)
    p->pci_bus_id = g_strdup (bus_id);

  status = fw_cuda_check_image ();
  if (status != cudaSuccess)
    {
      cudaGetLastError ();
      if (prop.major < MIN_CC_MAJOR)
        p->detail = g_strdup_printf (_("%s has compute capability %d.%d; this build needs %d.0 "
                                       "or newer"), prop.name, prop.major, prop.minor,
                                     MIN_CC_MAJOR);
      else
        p->detail = g_strdup (cudaGetErrorString (status));
      return FW_CUDA_UNUSABLE;
    }
  if (cudaMemGetInfo (&free_now, &total) == cudaSuccess)
    p->free_bytes = free_now;
  else
    cudaGetLastError ();
  return FW_CUDA_AVAILABLE;
}

static FwBackend *
open_backend (GError **error)
{
  FwCudaContext *ctx = &context;
  struct cudaDeviceProp prop;
  cudaError_t status;
  cublasStatus_t blas_status = CUBLAS_STATUS_SUCCESS;
  int blas_version = 0;

  g_mutex_init (&ctx->lock);
  ctx->device = 0;
  if ((status = cudaSetDevice (ctx->device)) != cudaSuccess ||
      (status = cudaGetDeviceProperties (&prop, ctx->device)) != cudaSuccess ||
      (status = cudaStreamCreateWithFlags (&ctx->stream, cudaStreamNonBlocking)) != cudaSuccess ||
      (status = cudaMalloc ((void **) &ctx->partials,
                            FW_CUDA_MAX_PARTIALS * sizeof (double))) != cudaSuccess ||
      (status = cudaMalloc ((void **) &ctx->result, sizeof (double))) != cudaSuccess)
    {
      g_set_error (error, backend_error_quark (), FW_BACKEND_ERROR_UNAVAILABLE,
                   _("CUDA did not start (%s)."), cudaGetErrorString (status));
      return NULL;
    }
  if ((blas_status = cublasCreate (&ctx->blas)) != CUBLAS_STATUS_SUCCESS ||
      (blas_status = cublasSetStream (ctx->blas, ctx->stream)) != CUBLAS_STATUS_SUCCESS ||
      (blas_status = cublasSetMathMode (ctx->blas, CUBLAS_DEFAULT_MATH)) != CUBLAS_STATUS_SUCCESS ||
      (blas_status = cublasSetAtomicsMode (ctx->blas,
                                           CUBLAS_ATOMICS_NOT_ALLOWED)) != CUBLAS_STATUS_SUCCESS)
    {
      g_set_error (error, backend_error_quark (), FW_BACKEND_ERROR_UNAVAILABLE,
                   _("cuBLAS did not start (status %d)."), (int) blas_status);
      return NULL;
    }
  cublasGetVersion (ctx->blas, &blas_version);
  ctx->label = g_strdup_printf ("cuda (%s, %.0f GiB, compute %d.%d, cuBLAS %d.%d.%d)", prop.name,
                                prop.totalGlobalMem / (1024.0 * 1024.0 * 1024.0), prop.major,
                                prop.minor, blas_version / 10000, blas_version / 100 % 100,
                                blas_version % 100);
  return &cuda_backend;
}

static const FwCudaModule module = {
  .abi = FW_CUDA_MODULE_ABI,
  .backend_size = sizeof (FwBackend),
  .probe = probe,
  .open = open_backend,
};

G_MODULE_EXPORT const FwCudaModule *fw_cuda_module_get (void);

G_MODULE_EXPORT const FwCudaModule *
fw_cuda_module_get (void)
{
  return &module;
}
