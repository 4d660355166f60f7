/* fw-backend.h — the array operations a model is made of, behind one vtable
 *
 * A backend is a struct of function pointers and a context (as in ggml's backends): the
 * model code allocates its buffers through it and runs every operation through it, so a
 * CUDA module can fill in the same table later and the model code does not change.
 * Buffers (float *, guint32 *) are the backend's own memory: host memory for the CPU
 * backend, device memory for a GPU one.  Host data enters through upload and the gathers
 * and leaves through download.  Matrices are row-major; sizes count elements.
 *
 * A GPU backend's operations are queued and return before the device has finished; every
 * operation that hands data back to the host (download, loss, sum, …) waits for what came
 * before it, so callers see the same order of effects as on the CPU.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FW_BACKEND_ERROR (fw_backend_error_quark ())
/* The CUDA module cannot call into the engine; it builds the same quark from this name. */
#define FW_BACKEND_ERROR_QUARK_NAME "fw-backend-error-quark"

typedef enum {
  FW_BACKEND_ERROR_UNAVAILABLE, /* the device asked for cannot be used here */
  FW_BACKEND_ERROR_MEMORY,      /* not enough device memory */
  FW_BACKEND_ERROR_FAILED,      /* the device failed while running an operation */
} FwBackendError;

typedef enum {
  FW_ACTIVATION_IDENTITY,
  FW_ACTIVATION_RELU,
} FwActivation;

/* The output layer's loss; it also names the output function (identity, sigmoid, softmax). */
typedef enum {
  FW_LOSS_MSE,                  /* (z − y)² per output */
  FW_LOSS_SIGMOID_BCE,          /* one logit per row: softplus(z) − y·z */
  FW_LOSS_SOFTMAX_CE,           /* logsumexp(z) − z[label] */
} FwLoss;

typedef struct
{
  float   learning_rate;
  float   beta1, beta2, epsilon;
  guint64 step;                 /* 1 for the first update: bias correction uses it */
} FwAdamParams;

typedef struct _FwBackend FwBackend;

struct _FwBackend
{
  const char *name;             /* "cpu", "cuda" */
  gpointer    context;

  /* Zeroed memory, aligned for vector loads; NULL when there is not enough of it. */
  gpointer (*alloc)           (FwBackend     *be,
                               gsize          bytes);
  void     (*free)            (FwBackend     *be,
                               gpointer       buffer);
  void     (*upload)          (FwBackend     *be,
                               gpointer       dst,
                               gconstpointer  host_src,
                               gsize          bytes);
  void     (*download)        (FwBackend     *be,
                               gpointer       host_dst,
                               gconstpointer  src,
                               gsize          bytes);
  void     (*copy)            (FwBackend     *be,
                               gpointer       dst,
                               gconstpointer  src,
                               gsize          bytes);

  /* dst[i, ·] = host_src[rows[i], ·] for i < n: a shuffled mini-batch made contiguous. */
  void     (*gather)          (FwBackend     *be,
                               float         *dst,
                               const float   *host_src,
                               gsize          cols,
                               const gsize   *rows,
                               gsize          n);
  void     (*gather_labels)   (FwBackend     *be,
                               guint32       *dst,
                               const guint32 *host_src,
                               const gsize   *rows,
                               gsize          n);

  /* C = alpha·op(A)·op(B) + beta·C with C m × n and op(A) m × k, as cblas_sgemm. */
  void     (*gemm)            (FwBackend     *be,
                               gboolean       trans_a,
                               gboolean       trans_b,
                               gsize          m,
                               gsize          n,
                               gsize          k,
                               float          alpha,
                               const float   *a,
                               gsize          lda,
                               const float   *b,
                               gsize          ldb,
                               float          beta,
                               float         *c,
                               gsize          ldc);
  /* y[r, c] = act (y[r, c] + bias[c]) */
  void     (*bias_activation) (FwBackend     *be,
                               float         *y,
                               const float   *bias,
                               gsize          rows,
                               gsize          cols,
                               FwActivation   act);
  /* grad[i] *= act′ at the activation's output y[i] (ReLU: y > 0). */
  void     (*activation_backward) (FwBackend    *be,
                                   float        *grad,
                                   const float  *y,
                                   gsize         n,
                                   FwActivation  act);
  /* out[c] = Σ_r x[r, c]: the bias gradient. */
  void     (*column_sums)     (FwBackend     *be,
                               float         *out,
                               const float   *x,
                               gsize          rows,
                               gsize          cols);

  /* Σ_r w_r·loss_r over the outputs @z (rows × cols); targets are @labels (classification)
   * or @values (rows × cols, regression); @weights may be NULL (all 1).  When @grad is not
   * NULL it receives grad_scale·w_r·∂loss_r/∂z. */
  double   (*loss)            (FwBackend     *be,
                               FwLoss         loss,
                               const float   *z,
                               gsize          rows,
                               gsize          cols,
                               const guint32 *labels,
                               const float   *values,
                               const float   *weights,
                               float          grad_scale,
                               float         *grad);
  /* What a prediction reports: z itself (MSE), [1 − σ(z), σ(z)] (sigmoid: out has two
   * columns), softmax(z). */
  void     (*output)          (FwBackend     *be,
                               FwLoss         loss,
                               const float   *z,
                               gsize          rows,
                               gsize          cols,
                               float         *out);

  /* Inverted dropout: mask[i] = 0 with probability @rate, else 1 / (1 − rate), drawn from a
   * counter-based hash of (@key, i) so any backend draws the same mask; then y[i] *= mask[i]. */
  void     (*dropout)         (FwBackend     *be,
                               float         *y,
                               float         *mask,
                               gsize          n,
                               float          rate,
                               guint64        key);
  /* x[i] *= y[i] */
  void     (*mul)             (FwBackend     *be,
                               float         *x,
                               const float   *y,
                               gsize          n);
  /* y[i] += alpha·x[i] */
  void     (*axpy)            (FwBackend     *be,
                               float          alpha,
                               const float   *x,
                               float         *y,
                               gsize          n);
  /* Sums in double precision. */
  double   (*sum)             (FwBackend     *be,
                               const float   *x,
                               gsize          n);
  double   (*sum_squares)     (FwBackend     *be,
                               const float   *x,
                               gsize          n);

  /* Adam (Kingma & Ba, as torch.optim.Adam): m, v moments, bias-corrected. */
  void     (*adam)            (FwBackend          *be,
                               float              *param,
                               const float        *grad,
                               float              *m,
                               float              *v,
                               gsize               n,
                               const FwAdamParams *adam);
  /* SGD with momentum, as torch.optim.SGD: velocity = μ·velocity + grad; param −= lr·velocity. */
  void     (*sgd)             (FwBackend     *be,
                               float         *param,
                               const float   *grad,
                               float         *velocity,
                               gsize          n,
                               float          learning_rate,
                               float          momentum);

  /* What ran a training, for recipes and model files: "cpu (OpenBLAS 0.3.21 …)",
   * "cuda (NVIDIA H200, 139 GiB, …)".  Newly allocated. */
  char    *(*describe)        (FwBackend     *be);

  /* The members below are NULL on the CPU backend, whose buffers are host memory. */

  /* dst[i, ·] = src[rows[i], ·] for i < n, where @src (training rows uploaded once) and
   * @rows are backend buffers too; a row is @row_words 4-byte words (floats or labels). */
  void     (*gather_rows)     (FwBackend     *be,
                               gpointer       dst,
                               gconstpointer  src,
                               gsize          row_words,
                               const gsize   *rows,
                               gsize          n);
  /* Backend memory free now and in all, in bytes; FALSE when it cannot tell. */
  gboolean (*memory_info)     (FwBackend     *be,
                               guint64       *free_bytes,
                               guint64       *total_bytes);
  /* TRUE while every operation so far succeeded, else FALSE with the first failure, for
   * good: operations return no status, so callers ask here after a run of them.  After a
   * failure, downloads fill the host buffer with NaN bytes rather than leave it as it was. */
  gboolean (*check)           (FwBackend     *be,
                               GError       **error);
};

GQuark     fw_backend_error_quark   (void);

/* The OpenBLAS backend; a process-wide instance that is never freed.  Thread-safe: it keeps
 * no state between calls. */
FwBackend *fw_backend_cpu           (void);

/* The mask value dropout draws for element @i under @key (the reference for other
 * backends and the tests). */
float      fw_backend_dropout_mask  (guint64 key,
                                     gsize   i,
                                     float   rate);

/* Which backend and BLAS ran a training, for recipes and model files: "cpu (OpenBLAS
 * 0.3.21 …)".  Newly allocated. */
char *fw_backend_cpu_describe (void);
/* For people: "OpenBLAS 0.3.21 … Zen, 1 thread".  Newly allocated. */
char *fw_backend_cpu_label    (void);

G_END_DECLS
