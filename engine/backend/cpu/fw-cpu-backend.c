/* fw-backend.c — the CPU backend: OpenBLAS for products, plain loops for the rest
 *
 * The element-wise loops that run on every batch use GCC's vector extensions, four floats
 * at a time: at -O2 GCC 12 vectorises only loops whose trip count is a multiple of the
 * vector width, and the scalar ReLU it left behind was a mispredicted branch per element
 * (a third of an epoch, measured).  Losses and reductions accumulate in double.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cblas.h>
#include <glib/gi18n-lib.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "fw-backend.h"
#include "fw-backend-dropout.h"
#include "fw-backend-rows.h"

#define ALIGNMENT 64            /* a cache line, and enough for any vector load */

G_DEFINE_QUARK (fw-backend-error-quark, fw_backend_error)

G_STATIC_ASSERT ((int) FW_LOSS_MSE == FW_ROWS_MSE);
G_STATIC_ASSERT ((int) FW_LOSS_SIGMOID_BCE == FW_ROWS_SIGMOID_BCE);
G_STATIC_ASSERT ((int) FW_LOSS_SOFTMAX_CE == FW_ROWS_SOFTMAX_CE);

typedef float  FwF4 __attribute__ ((vector_size (16)));
typedef gint32 FwI4 __attribute__ ((vector_size (16)));

static inline FwF4
load4 (const float *p)
{
  FwF4 v;

  memcpy (&v, p, sizeof v);     /* an unaligned load */
  return v;
}

static inline void
store4 (float *p,
        FwF4   v)
{
  memcpy (p, &v, sizeof v);
}

/* max (v, 0), keeping NaN so that a diverging network still shows it in its loss. */
static inline FwF4
relu4 (FwF4 v)
{
  const FwF4 zero = { 0 };

  return (FwF4) ((FwI4) v & ~(v <= zero));
}

static gpointer
cpu_alloc (FwBackend *be,
           gsize      bytes)
{
  void *p = NULL;

  if (posix_memalign (&p, ALIGNMENT, MAX (bytes, 1)) != 0)
    return NULL;
  memset (p, 0, MAX (bytes, 1));
  return p;
}

static void
cpu_free (FwBackend *be,
          gpointer   buffer)
{
  free (buffer);
}

static void
cpu_copy (FwBackend     *be,
          gpointer       dst,
          gconstpointer  src,
          gsize          bytes)
{
  if (bytes > 0 && dst != src)
    memmove (dst, src, bytes);
}

static void
cpu_gather (FwBackend   *be,
            float       *dst,
            const float *host_src,
            gsize        cols,
            const gsize *rows,
            gsize        n)
{
  /* Shuffled rows are cache misses; asking for a few rows ahead hides most of them. */
  for (gsize i = 0; i < n; i++)
    {
      if (i + 8 < n)
        __builtin_prefetch (host_src + rows[i + 8] * cols);
      memcpy (dst + i * cols, host_src + rows[i] * cols, cols * sizeof (float));
    }
}

static void
cpu_gather_labels (FwBackend     *be,
                   guint32       *dst,
                   const guint32 *host_src,
                   const gsize   *rows,
                   gsize          n)
{
  for (gsize i = 0; i < n; i++)
    dst[i] = host_src[rows[i]];
}

/* y = beta·y for a strided vector, with beta = 0 clearing whatever was there (NaN too). */
static void
scale_vector (float *y,
              gsize  n,
              gsize  stride,
              float  beta)
{
  if (beta == 1.0f)
    return;
  if (beta == 0.0f && stride == 1)
    memset (y, 0, n * sizeof (float));
  else if (beta == 0.0f)
    for (gsize i = 0; i < n; i++)
      y[i * stride] = 0.0f;
  else
    for (gsize i = 0; i < n; i++)
      y[i * stride] *= beta;
}

/* OpenBLAS's sgemm pays a fixed cost for packing that dominates a product with a single row,
 * column or inner dimension (the output layer of a regression or binary model); sgemv and
 * sger do those 2–5× faster (measured at 256 × 64). */
static void
cpu_gemm (FwBackend   *be,
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
  g_assert (m <= INT_MAX && n <= INT_MAX && k <= INT_MAX);
  g_assert (lda <= INT_MAX && ldb <= INT_MAX && ldc <= INT_MAX);

  if (m == 0 || n == 0)
    return;
  if (k == 0)
    {
      for (gsize i = 0; i < m; i++)
        scale_vector (c + i * ldc, n, 1, beta);
    }
  else if (n == 1)
    {
      /* c[·, 0] = alpha·op(A)·b + beta·c: b is a column of op(B). */
      scale_vector (c, m, ldc, beta);
      cblas_sgemv (CblasRowMajor, trans_a ? CblasTrans : CblasNoTrans,
                   trans_a ? k : m, trans_a ? m : k, alpha, a, lda,
                   b, trans_b ? 1 : ldb, 1.0f, c, ldc);
    }
  else if (m == 1)
    {
      /* The row c[0, ·] = alpha·op(B)ᵀ·a + beta·c. */
      scale_vector (c, n, 1, beta);
      cblas_sgemv (CblasRowMajor, trans_b ? CblasNoTrans : CblasTrans,
                   trans_b ? n : k, trans_b ? k : n, alpha, b, ldb,
                   a, trans_a ? lda : 1, 1.0f, c, 1);
    }
  else if (k == 1)
    {
      for (gsize i = 0; i < m; i++)
        scale_vector (c + i * ldc, n, 1, beta);
      cblas_sger (CblasRowMajor, m, n, alpha, a, trans_a ? 1 : lda, b, trans_b ? ldb : 1,
                  c, ldc);
    }
  else
    {
      cblas_sgemm (CblasRowMajor, trans_a ? CblasTrans : CblasNoTrans,
                   trans_b ? CblasTrans : CblasNoTrans, m, n, k, alpha, a, lda, b, ldb,
                   beta, c, ldc);
    }
}

static void
cpu_bias_activation (FwBackend    *be,
                     float        *y,
                     const float  *bias,
                     gsize         rows,
                     gsize         cols,
                     FwActivation  act)
{
  gboolean relu = act == FW_ACTIVATION_RELU;

  for (gsize r = 0; r < rows; r++)
    {
      float *row = y + r * cols;
      gsize c = 0;

      for (; c + 4 <= cols; c += 4)
        {
          FwF4 v = load4 (row + c) + load4 (bias + c);

          store4 (row + c, relu ? relu4 (v) : v);
        }
      for (; c < cols; c++)
        {
          float v = row[c] + bias[c];

          row[c] = relu && v <= 0.0f ? 0.0f : v;
        }
    }
}

static void
cpu_activation_backward (FwBackend    *be,
                         float        *grad,
                         const float  *y,
                         gsize         n,
                         FwActivation  act)
{
  const FwF4 zero = { 0 };
  gsize i = 0;

  if (act != FW_ACTIVATION_RELU)
    return;
  for (; i + 4 <= n; i += 4)
    store4 (grad + i, (FwF4) ((FwI4) load4 (grad + i) & (load4 (y + i) > zero)));
  for (; i < n; i++)
    grad[i] = y[i] > 0.0f ? grad[i] : 0.0f;
}

static void
cpu_column_sums (FwBackend   *be,
                 float       *out,
                 const float *x,
                 gsize        rows,
                 gsize        cols)
{
  memset (out, 0, cols * sizeof (float));
  for (gsize r = 0; r < rows; r++)
    {
      const float *row = x + r * cols;
      gsize c = 0;

      for (; c + 4 <= cols; c += 4)
        store4 (out + c, load4 (out + c) + load4 (row + c));
      for (; c < cols; c++)
        out[c] += row[c];
    }
}

static double
cpu_loss (FwBackend     *be,
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
  double total = 0;

  g_assert (loss <= FW_LOSS_SOFTMAX_CE && (loss != FW_LOSS_SIGMOID_BCE || cols == 1));
  for (gsize r = 0; r < rows; r++)
    {
      float w = weights != NULL ? weights[r] : 1.0f;

      total += w * fw_rows_loss (loss, z, r, cols, labels, values, grad_scale * w, grad);
    }
  return total;
}

static void
cpu_output (FwBackend   *be,
            FwLoss       loss,
            const float *z,
            gsize        rows,
            gsize        cols,
            float       *out)
{
  g_assert (loss <= FW_LOSS_SOFTMAX_CE);
  for (gsize r = 0; r < rows; r++)
    fw_rows_output (loss, z, r, cols, out);
}

float
fw_backend_dropout_mask (guint64 key,
                         gsize   i,
                         float   rate)
{
  /* A resolution of 1/65536 in the rate. */
  guint32 u = fw_dropout_draw (key, i);
  guint32 threshold = (guint32) (rate * 65536.0);

  return u < threshold ? 0.0f : 1.0f / (1.0f - rate);
}

static void
cpu_mul (FwBackend   *be,
         float       *x,
         const float *y,
         gsize        n)
{
  gsize i = 0;

  for (; i + 4 <= n; i += 4)
    store4 (x + i, load4 (x + i) * load4 (y + i));
  for (; i < n; i++)
    x[i] *= y[i];
}

static void
cpu_dropout (FwBackend *be,
             float     *y,
             float     *mask,
             gsize      n,
             float      rate,
             guint64    key)
{
  gint32 threshold = (gint32) (rate * 65536.0);
  float keep = 1.0f / (1.0f - rate);
  const FwI4 thresholds = { threshold, threshold, threshold, threshold };
  const FwF4 keeps = { keep, keep, keep, keep };
  gsize i = 0;

  /* fw_backend_dropout_mask four elements at a time, without a branch per element. */
  for (; i + 4 <= n; i += 4)
    {
      guint64 h = fw_dropout_mix64 (key + (i / 4 + 1) * FW_DROPOUT_STEP);
      FwI4 u = {
        (gint32) (h & 0xffff), (gint32) ((h >> 16) & 0xffff),
        (gint32) ((h >> 32) & 0xffff), (gint32) (h >> 48),
      };
      FwF4 m = (FwF4) ((FwI4) keeps & ~(u < thresholds));

      store4 (mask + i, m);
      store4 (y + i, load4 (y + i) * m);
    }
  for (; i < n; i++)
    {
      mask[i] = fw_backend_dropout_mask (key, i, rate);
      y[i] *= mask[i];
    }
}

static void
cpu_axpy (FwBackend   *be,
          float        alpha,
          const float *x,
          float       *y,
          gsize        n)
{
  gsize i = 0;

  for (; i + 4 <= n; i += 4)
    store4 (y + i, load4 (y + i) + alpha * load4 (x + i));
  for (; i < n; i++)
    y[i] += alpha * x[i];
}

static double
cpu_sum (FwBackend   *be,
         const float *x,
         gsize        n)
{
  double s = 0;

  for (gsize i = 0; i < n; i++)
    s += x[i];
  return s;
}

static double
cpu_sum_squares (FwBackend   *be,
                 const float *x,
                 gsize        n)
{
  double s = 0;

  for (gsize i = 0; i < n; i++)
    s += (double) x[i] * x[i];
  return s;
}

static void
cpu_adam (FwBackend          *be,
          float              *param,
          const float        *grad,
          float              *m,
          float              *v,
          gsize               n,
          const FwAdamParams *adam)
{
  float b1 = adam->beta1, b2 = adam->beta2, eps = adam->epsilon;
  /* torch.optim.Adam's form: p −= lr/(1 − β1^t) · m / (√v / √(1 − β2^t) + ε). */
  float step_size = (float) (adam->learning_rate / (1.0 - pow (b1, (double) adam->step)));
  float inv_sqrt_c2 = (float) (1.0 / sqrt (1.0 - pow (b2, (double) adam->step)));
  gsize i = 0;

  for (; i + 4 <= n; i += 4)
    {
      FwF4 g = load4 (grad + i);
      FwF4 mi = b1 * load4 (m + i) + (1.0f - b1) * g;
      FwF4 vi = b2 * load4 (v + i) + (1.0f - b2) * g * g;
      FwF4 root = { sqrtf (vi[0]), sqrtf (vi[1]), sqrtf (vi[2]), sqrtf (vi[3]) };

      store4 (m + i, mi);
      store4 (v + i, vi);
      store4 (param + i, load4 (param + i) - step_size * mi / (root * inv_sqrt_c2 + eps));
    }
  for (; i < n; i++)
    {
      float g = grad[i];

      m[i] = b1 * m[i] + (1.0f - b1) * g;
      v[i] = b2 * v[i] + (1.0f - b2) * g * g;
      param[i] -= step_size * m[i] / (sqrtf (v[i]) * inv_sqrt_c2 + eps);
    }
}

static void
cpu_sgd (FwBackend   *be,
         float       *param,
         const float *grad,
         float       *velocity,
         gsize        n,
         float        learning_rate,
         float        momentum)
{
  gsize i = 0;

  for (; i + 4 <= n; i += 4)
    {
      FwF4 vi = momentum * load4 (velocity + i) + load4 (grad + i);

      store4 (velocity + i, vi);
      store4 (param + i, load4 (param + i) - learning_rate * vi);
    }
  for (; i < n; i++)
    {
      velocity[i] = momentum * velocity[i] + grad[i];
      param[i] -= learning_rate * velocity[i];
    }
}

static char *
cpu_describe (FwBackend *be)
{
  return fw_backend_cpu_describe ();
}

static FwBackend cpu_backend = {
  .name = "cpu",
  .context = NULL,
  .alloc = cpu_alloc,
  .free = cpu_free,
  .upload = cpu_copy,
  .download = cpu_copy,
  .copy = cpu_copy,
  .gather = cpu_gather,
  .gather_labels = cpu_gather_labels,
  .gemm = cpu_gemm,
  .bias_activation = cpu_bias_activation,
  .activation_backward = cpu_activation_backward,
  .column_sums = cpu_column_sums,
  .loss = cpu_loss,
  .output = cpu_output,
  .dropout = cpu_dropout,
  .mul = cpu_mul,
  .axpy = cpu_axpy,
  .sum = cpu_sum,
  .sum_squares = cpu_sum_squares,
  .adam = cpu_adam,
  .sgd = cpu_sgd,
  .describe = cpu_describe,
};

FwBackend *
fw_backend_cpu (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      /* Mini-batch products (256 × 64 · 64 × 64) run twice as fast on one OpenBLAS thread
       * as on two on a 2-core machine (bench-sgemm -t 1 against -t 2).  Two threads for big
       * products only (≥ 1024 × 64 × 64) won 1.5× in isolation but nothing over a whole
       * epoch at batch 1024, with 3× slower outliers; and OpenBLAS sums in a different
       * order on two threads, so results would depend on the core count.  One thread. */
      openblas_set_num_threads (1);
      g_once_init_leave (&initialised, 1);
    }
  return &cpu_backend;
}

char *
fw_backend_cpu_describe (void)
{
  /* OpenBLAS says its version and the kernel it chose ("OpenBLAS 0.3.21 DYNAMIC_ARCH … Zen"). */
  g_autofree char *config = g_strstrip (g_strdup (openblas_get_config ()));

  return g_strdup_printf ("cpu (%s)", config);
}

char *
fw_backend_cpu_label (void)
{
  g_autofree char *config = g_strstrip (g_strdup (openblas_get_config ()));
  int threads;

  fw_backend_cpu ();            /* it sets the thread count reported here */
  threads = openblas_get_num_threads ();
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %d thread", "%s, %d threads",
                                       threads), config, threads);
}
