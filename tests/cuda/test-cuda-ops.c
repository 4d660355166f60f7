/* test-cuda-ops.c — every CUDA backend op against the CPU backend, each with its tolerance
 *
 * The tolerances, and why (u = 2⁻²⁴, float's unit roundoff):
 *   gather, gather_rows, copy, upload/download, dropout      exact: data movement, integer hash
 *   bias_activation, activation_backward, mul, axpy, sgd    exact: the same IEEE operations
 *   adam                                                    2 ulp: as exact, with slack for a
 *                                                           CPU build that fuses multiply-adds
 *   gemm         2·k·u·Σ|a||b| per element: each side's classical error bound
 *   column_sums  rows·u·Σ|x| per column: the CPU sums in float, the GPU in double
 *   loss, output rel. 1e-5: expf differs by up to 2 ulp between glibc and CUDA; plus an
 *                absolute 2 ulp of 1 (times the gradient's scale) where 1 − σ(z) cancels
 *   sum, sum_squares  n·2⁻⁵²·Σ|x|: both sum the same doubles, in different orders
 * NaN must meet NaN wherever the CPU makes one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include "fw-cuda-test.h"

#define U       (1.0 / 16777216.0)
#define ULP2    (2.0 * 1.1920928955078125e-07)

static FwBackend *cpu, *gpu;

static float *
random_floats (GRand *rand,
               gsize  n,
               double lo,
               double hi)
{
  float *x = g_new (float, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    x[i] = (float) g_rand_double_range (rand, lo, hi);
  return x;
}

static gpointer
to_device (gconstpointer host,
           gsize         bytes)
{
  gpointer d = gpu->alloc (gpu, bytes);

  g_assert_nonnull (d);
  gpu->upload (gpu, d, host, bytes);
  return d;
}

/* A host copy of device memory, to be g_free'd. */
static gpointer
from_device (gconstpointer device,
             gsize         bytes)
{
  gpointer h = g_malloc (MAX (bytes, 1));

  gpu->download (gpu, h, device, bytes);
  return h;
}

/* |g − c| ≤ tol[i] (or rtol·|c| + atol when tol is NULL) for every element; NaN meets NaN. */
static void
assert_close (const char   *what,
              const float  *c,
              const float  *g,
              gsize         n,
              const double *tol,
              double        rtol,
              double        atol)
{
  for (gsize i = 0; i < n; i++)
    {
      double limit = tol != NULL ? tol[i] : rtol * fabs (c[i]) + atol;

      if (isnan (c[i]) && isnan (g[i]))
        continue;
      if (!(fabs ((double) g[i] - c[i]) <= limit))
        g_error ("%s: element %zu is %.9g on the GPU and %.9g on the CPU (tolerance %.3g)",
                 what, i, g[i], c[i], limit);
    }
}

static void
assert_identical (const char    *what,
                  gconstpointer  c,
                  gconstpointer  g,
                  gsize          bytes)
{
  if (memcmp (c, g, bytes) != 0)
    g_error ("%s: the GPU's bytes differ from the CPU's", what);
}

static void
test_memory (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  g_autofree float *host = random_floats (rand, 1001, -1, 1);
  float *a = gpu->alloc (gpu, 1001 * sizeof (float)), *b = gpu->alloc (gpu, 1001 * sizeof (float));
  g_autofree float *zeros = from_device (a, 1001 * sizeof (float));
  g_autofree float *back = NULL;
  guint64 free_bytes = 0, total = 0;

  for (gsize i = 0; i < 1001; i++)
    g_assert_cmpfloat (zeros[i], ==, 0.0f);
  gpu->upload (gpu, a, host, 1001 * sizeof (float));
  gpu->copy (gpu, b, a, 1001 * sizeof (float));
  back = from_device (b, 1001 * sizeof (float));
  assert_identical ("upload, copy, download", host, back, 1001 * sizeof (float));
  g_assert_true (gpu->memory_info (gpu, &free_bytes, &total));
  g_assert_cmpuint (free_bytes, >, 0);
  g_assert_cmpuint (free_bytes, <=, total);
  gpu->free (gpu, a);
  gpu->free (gpu, b);
}

static void
test_gather (void)
{
  enum { ROWS = 517, COLS = 13, N = 300 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (2);
  g_autofree float *src = random_floats (rand, ROWS * COLS, -5, 5);
  g_autofree guint32 *labels = g_new (guint32, ROWS);
  g_autofree gsize *idx = g_new (gsize, N);
  g_autofree float *cx = g_new (float, N * COLS);
  g_autofree guint32 *cl = g_new (guint32, N);
  float *gx = gpu->alloc (gpu, N * COLS * sizeof (float));
  guint32 *gl = gpu->alloc (gpu, N * sizeof (guint32));
  float *dsrc = to_device (src, ROWS * COLS * sizeof (float));
  guint32 *dlabels;
  gsize *didx;

  for (gsize i = 0; i < ROWS; i++)
    labels[i] = g_rand_int (rand);
  for (gsize i = 0; i < N; i++)
    idx[i] = g_rand_int_range (rand, 0, ROWS);
  idx[0] = ROWS - 1;            /* the last row, whose end is the buffer's end */
  dlabels = to_device (labels, ROWS * sizeof (guint32));
  didx = to_device (idx, N * sizeof (gsize));
  cpu->gather (cpu, cx, src, COLS, idx, N);
  cpu->gather_labels (cpu, cl, labels, idx, N);

  /* From host memory (the vtable's first gathers) and from device memory. */
  for (int from_device_memory = 0; from_device_memory < 2; from_device_memory++)
    {
      g_autofree float *x = NULL;
      g_autofree guint32 *l = NULL;

      if (from_device_memory)
        {
          gpu->gather_rows (gpu, gx, dsrc, COLS, didx, N);
          gpu->gather_rows (gpu, gl, dlabels, 1, didx, N);
        }
      else
        {
          gpu->gather (gpu, gx, src, COLS, idx, N);
          gpu->gather_labels (gpu, gl, labels, idx, N);
        }
      x = from_device (gx, N * COLS * sizeof (float));
      l = from_device (gl, N * sizeof (guint32));
      assert_identical ("gather", cx, x, N * COLS * sizeof (float));
      assert_identical ("gather labels", cl, l, N * sizeof (guint32));
    }
  gpu->free (gpu, gx);
  gpu->free (gpu, gl);
  gpu->free (gpu, dsrc);
  gpu->free (gpu, dlabels);
  gpu->free (gpu, didx);
}

static void
gemm_case (GRand    *rand,
           gboolean  ta,
           gboolean  tb,
           gsize     m,
           gsize     n,
           gsize     k,
           gsize     pad,
           float     alpha,
           float     beta)
{
  /* Stored shapes: A is m × k (k × m transposed), B k × n (n × k), rows padded by @pad. */
  gsize a_rows = ta ? k : m, a_cols = ta ? m : k, b_rows = tb ? n : k, b_cols = tb ? k : n;
  gsize lda = a_cols + pad, ldb = b_cols + pad, ldc = n + pad;
  gsize a_len = MAX (a_rows * lda, 1), b_len = MAX (b_rows * ldb, 1), c_len = m * ldc;
  g_autofree float *a = random_floats (rand, a_len, -1, 1);
  g_autofree float *b = random_floats (rand, b_len, -2, 2);
  g_autofree float *c = random_floats (rand, c_len, -1, 1);
  g_autofree double *tol = g_new0 (double, MAX (c_len, 1));
  g_autofree float *g = NULL;
  g_autofree char *what = g_strdup_printf ("gemm %s%s %zu×%zu×%zu pad %zu α %g β %g",
                                           ta ? "T" : "N", tb ? "T" : "N", m, n, k, pad,
                                           alpha, beta);
  float *da, *db, *dc;

  /* β = 0 must clear C, NaN included. */
  if (beta == 0.0f)
    for (gsize i = 0; i < c_len; i++)
      c[i] = NAN;
  for (gsize i = 0; i < m; i++)
    for (gsize j = 0; j < n; j++)
      {
        double mag = 0;

        for (gsize p = 0; p < k; p++)
          mag += fabs (ta ? a[p * lda + i] : a[i * lda + p]) * fabs (tb ? b[j * ldb + p] : b[p * ldb + j]);
        mag = fabs (alpha) * mag + (beta != 0.0f ? fabs (beta * c[i * ldc + j]) : 0);
        tol[i * ldc + j] = 2.0 * (k + 2) * U * mag;
      }
  da = to_device (a, a_len * sizeof (float));
  db = to_device (b, b_len * sizeof (float));
  dc = to_device (c, c_len * sizeof (float));
  cpu->gemm (cpu, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  gpu->gemm (gpu, ta, tb, m, n, k, alpha, da, lda, db, ldb, beta, dc, ldc);
  g = from_device (dc, c_len * sizeof (float));
  /* The padding between rows must be left alone: tolerance 0 there (NaN meets NaN). */
  assert_close (what, c, g, c_len, tol, 0, 0);
  gpu->free (gpu, da);
  gpu->free (gpu, db);
  gpu->free (gpu, dc);
}

static void
test_gemm (void)
{
  static const gsize shapes[][3] = {
    { 1, 1, 1 }, { 5, 3, 7 }, { 33, 17, 1 }, { 1, 65, 31 }, { 64, 1, 300 },
    { 130, 67, 129 }, { 17, 23, 0 }, { 256, 64, 64 },
  };
  static const float scalars[][2] = { { 1, 0 }, { -0.5f, 1 }, { 2, 0.25f } };
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (guint t = 0; t < 4; t++)
      for (guint a = 0; a < G_N_ELEMENTS (scalars); a++)
        gemm_case (rand, t & 1, t >> 1, shapes[s][0], shapes[s][1], shapes[s][2], (s + t) % 3,
                   scalars[a][0], scalars[a][1]);
}

static void
test_bias_activation (void)
{
  static const gsize widths[] = { 1, 5, 64, 67 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    for (FwActivation act = FW_ACTIVATION_IDENTITY; act <= FW_ACTIVATION_RELU; act++)
      {
        gsize rows = 37, cols = widths[w], n = rows * cols;
        g_autofree float *y = random_floats (rand, n, -3, 3);
        g_autofree float *bias = random_floats (rand, cols, -1, 1);
        g_autofree float *grad = random_floats (rand, n, -1, 1);
        g_autofree float *gy = NULL, *ggrad = NULL;
        float *dy, *dbias, *dgrad;

        y[0] = NAN;
        y[n - 1] = -0.0f;
        dy = to_device (y, n * sizeof (float));
        dbias = to_device (bias, cols * sizeof (float));
        cpu->bias_activation (cpu, y, bias, rows, cols, act);
        gpu->bias_activation (gpu, dy, dbias, rows, cols, act);
        gy = from_device (dy, n * sizeof (float));
        assert_close ("bias_activation", y, gy, n, NULL, 0, 0);

        dgrad = to_device (grad, n * sizeof (float));
        cpu->activation_backward (cpu, grad, y, n, act);
        gpu->activation_backward (gpu, dgrad, dy, n, act);
        ggrad = from_device (dgrad, n * sizeof (float));
        assert_close ("activation_backward", grad, ggrad, n, NULL, 0, 0);
        gpu->free (gpu, dy);
        gpu->free (gpu, dbias);
        gpu->free (gpu, dgrad);
      }
}

static void
test_column_sums (void)
{
  static const gsize shapes[][2] = { { 1, 1 }, { 300, 1 }, { 4096, 64 }, { 37, 67 }, { 1, 100 } };
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      gsize rows = shapes[s][0], cols = shapes[s][1];
      g_autofree float *x = random_floats (rand, rows * cols, -1, 1);
      g_autofree float *c = g_new (float, cols);
      g_autofree double *tol = g_new0 (double, cols);
      g_autofree float *g = NULL;
      float *dx = to_device (x, rows * cols * sizeof (float)), *dout = gpu->alloc (gpu, cols * 4);

      for (gsize r = 0; r < rows; r++)
        for (gsize j = 0; j < cols; j++)
          tol[j] += (rows + 1) * U * fabs (x[r * cols + j]);
      cpu->column_sums (cpu, c, x, rows, cols);
      gpu->column_sums (gpu, dout, dx, rows, cols);
      g = from_device (dout, cols * sizeof (float));
      assert_close ("column_sums", c, g, cols, tol, 0, 0);
      gpu->free (gpu, dx);
      gpu->free (gpu, dout);
    }
}

static void
loss_case (GRand    *rand,
           FwLoss    loss,
           gsize     rows,
           gsize     cols,
           gboolean  weighted,
           gboolean  with_grad)
{
  gsize n = rows * cols, out_cols = loss == FW_LOSS_SIGMOID_BCE ? 2 : cols;
  g_autofree float *z = random_floats (rand, n, -8, 8);
  g_autofree float *values = random_floats (rand, n, -3, 3);
  g_autofree float *weights = random_floats (rand, rows, 0, 2);
  g_autofree guint32 *labels = g_new (guint32, rows);
  g_autofree float *cgrad = g_new0 (float, n), *cout = g_new (float, rows * out_cols);
  g_autofree float *ggrad = NULL, *gout = NULL;
  g_autofree char *what = g_strdup_printf ("loss %d, %zu × %zu%s", loss, rows, cols,
                                           weighted ? ", weighted" : "");
  float *dz, *dvalues, *dweights, *dgrad, *dout;
  guint32 *dlabels;
  double closs, gloss;

  for (gsize r = 0; r < rows; r++)
    labels[r] = g_rand_int_range (rand, 0, loss == FW_LOSS_SIGMOID_BCE ? 2 : (gint32) cols);
  dz = to_device (z, n * sizeof (float));
  dvalues = to_device (values, n * sizeof (float));
  dweights = to_device (weights, rows * sizeof (float));
  dlabels = to_device (labels, rows * sizeof (guint32));
  dgrad = gpu->alloc (gpu, n * sizeof (float));
  dout = gpu->alloc (gpu, rows * out_cols * sizeof (float));

  closs = cpu->loss (cpu, loss, z, rows, cols, labels, values, weighted ? weights : NULL,
                     0.125f, with_grad ? cgrad : NULL);
  gloss = gpu->loss (gpu, loss, dz, rows, cols, dlabels, dvalues, weighted ? dweights : NULL,
                     0.125f, with_grad ? dgrad : NULL);
  if (!(fabs (gloss - closs) <= 1e-5 * fabs (closs) + 1e-12))
    g_error ("%s: %.12g on the GPU, %.12g on the CPU", what, gloss, closs);
  ggrad = from_device (dgrad, n * sizeof (float));
  assert_close (what, cgrad, ggrad, n, NULL, 1e-5, ULP2 * 0.25);

  cpu->output (cpu, loss, z, rows, cols, cout);
  gpu->output (gpu, loss, dz, rows, cols, dout);
  gout = from_device (dout, rows * out_cols * sizeof (float));
  assert_close ("output", cout, gout, rows * out_cols, NULL, 1e-5, ULP2);

  gpu->free (gpu, dz);
  gpu->free (gpu, dvalues);
  gpu->free (gpu, dweights);
  gpu->free (gpu, dlabels);
  gpu->free (gpu, dgrad);
  gpu->free (gpu, dout);
}

static void
test_loss (void)
{
  /* 300000 rows run past the reduction's 1024 blocks of 256: the grid-stride path. */
  static const gsize row_counts[] = { 1, 257, 3000, 300000 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (6);

  for (guint r = 0; r < G_N_ELEMENTS (row_counts); r++)
    for (int flags = 0; flags < 4; flags++)
      {
        gsize rows = row_counts[r];

        loss_case (rand, FW_LOSS_MSE, rows, 1, flags & 1, flags & 2);
        loss_case (rand, FW_LOSS_MSE, MIN (rows, 3000), 3, flags & 1, flags & 2);
        loss_case (rand, FW_LOSS_SIGMOID_BCE, rows, 1, flags & 1, flags & 2);
        loss_case (rand, FW_LOSS_SOFTMAX_CE, MIN (rows, 3000), 2, flags & 1, flags & 2);
        loss_case (rand, FW_LOSS_SOFTMAX_CE, MIN (rows, 3000), 10, flags & 1, flags & 2);
      }
}

static void
test_elementwise (void)
{
  static const gsize sizes[] = { 1, 3, 1003, 70001 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      gsize n = sizes[s];
      g_autofree float *x = random_floats (rand, n, -2, 2), *y = random_floats (rand, n, -2, 2);
      g_autofree float *mask = g_new (float, n), *gx = NULL, *gmask = NULL;
      float *dx = to_device (x, n * 4), *dy = to_device (y, n * 4), *dmask = gpu->alloc (gpu, n * 4);

      cpu->mul (cpu, x, y, n);
      gpu->mul (gpu, dx, dy, n);
      gx = from_device (dx, n * 4);
      assert_close ("mul", x, gx, n, NULL, 0, 0);
      g_free (gx);

      cpu->axpy (cpu, -0.75f, y, x, n);
      gpu->axpy (gpu, -0.75f, dy, dx, n);
      gx = from_device (dx, n * 4);
      assert_close ("axpy", x, gx, n, NULL, 0, 0);
      g_free (gx);

      cpu->dropout (cpu, x, mask, n, 0.3f, 0x1234567 + s);
      gpu->dropout (gpu, dx, dmask, n, 0.3f, 0x1234567 + s);
      gx = from_device (dx, n * 4);
      gmask = from_device (dmask, n * 4);
      assert_identical ("dropout mask", mask, gmask, n * 4);
      assert_close ("dropout", x, gx, n, NULL, 0, 0);
      gpu->free (gpu, dx);
      gpu->free (gpu, dy);
      gpu->free (gpu, dmask);
    }
}

static void
test_sums (void)
{
  static const gsize sizes[] = { 0, 1, 1000, (1 << 20) + 3 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      gsize n = sizes[s];
      g_autofree float *x = random_floats (rand, n, -3, 1);
      float *dx = to_device (x, MAX (n, 1) * 4);
      double abs_sum = 0;

      for (gsize i = 0; i < n; i++)
        abs_sum += fabs (x[i]) * MAX (1.0, fabs (x[i]));
      if (!(fabs (gpu->sum (gpu, dx, n) - cpu->sum (cpu, x, n)) <= (n + 1) * 0x1p-52 * abs_sum))
        g_error ("sum of %zu: %.17g on the GPU, %.17g on the CPU", n, gpu->sum (gpu, dx, n),
                 cpu->sum (cpu, x, n));
      if (!(fabs (gpu->sum_squares (gpu, dx, n) - cpu->sum_squares (cpu, x, n)) <=
            (n + 1) * 0x1p-52 * abs_sum))
        g_error ("sum_squares of %zu differs", n);
      gpu->free (gpu, dx);
    }
}

/* Three steps of each optimiser on the same gradients, compared after each. */
static void
test_optimisers (void)
{
  enum { N = 4099 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);
  g_autofree float *p = random_floats (rand, N, -1, 1), *m = g_new0 (float, N);
  g_autofree float *v = g_new0 (float, N), *sp = g_memdup2 (p, N * 4), *vel = g_new0 (float, N);
  float *dp = to_device (p, N * 4), *dm = gpu->alloc (gpu, N * 4), *dv = gpu->alloc (gpu, N * 4);
  float *dsp = to_device (sp, N * 4), *dvel = gpu->alloc (gpu, N * 4);

  for (guint64 step = 1; step <= 3; step++)
    {
      g_autofree float *grad = random_floats (rand, N, -0.5, 0.5);
      float *dgrad = to_device (grad, N * 4);
      FwAdamParams adam = { 0.01f, 0.9f, 0.999f, 1e-8f, step };
      g_autofree float *gp = NULL, *gm = NULL, *gv = NULL, *gsp = NULL, *gvel = NULL;

      grad[0] = 0;              /* a zero gradient: ε alone in the denominator */
      gpu->upload (gpu, dgrad, grad, N * 4);
      cpu->adam (cpu, p, grad, m, v, N, &adam);
      gpu->adam (gpu, dp, dgrad, dm, dv, N, &adam);
      cpu->sgd (cpu, sp, grad, vel, N, 0.05f, 0.9f);
      gpu->sgd (gpu, dsp, dgrad, dvel, N, 0.05f, 0.9f);
      gp = from_device (dp, N * 4);
      gm = from_device (dm, N * 4);
      gv = from_device (dv, N * 4);
      gsp = from_device (dsp, N * 4);
      gvel = from_device (dvel, N * 4);
      assert_close ("adam m", m, gm, N, NULL, ULP2, 0);
      assert_close ("adam v", v, gv, N, NULL, ULP2, 0);
      assert_close ("adam param", p, gp, N, NULL, ULP2, 1e-12);
      assert_close ("sgd velocity", vel, gvel, N, NULL, 0, 0);
      assert_close ("sgd param", sp, gsp, N, NULL, 0, 0);
      gpu->free (gpu, dgrad);
    }
  gpu->free (gpu, dp);
  gpu->free (gpu, dm);
  gpu->free (gpu, dv);
  gpu->free (gpu, dsp);
  gpu->free (gpu, dvel);
}

/* Last: nothing above may have left the backend failed. */
static void
test_no_failure (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = gpu->describe (gpu);

  g_assert_true (gpu->check (gpu, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (label, "cuda ("));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  cpu = fw_backend_cpu ();
  gpu = fw_cuda_test_require_device ();

  g_test_add_func ("/cuda/ops/memory", test_memory);
  g_test_add_func ("/cuda/ops/gather", test_gather);
  g_test_add_func ("/cuda/ops/gemm", test_gemm);
  g_test_add_func ("/cuda/ops/bias-activation", test_bias_activation);
  g_test_add_func ("/cuda/ops/column-sums", test_column_sums);
  g_test_add_func ("/cuda/ops/loss-output", test_loss);
  g_test_add_func ("/cuda/ops/elementwise", test_elementwise);
  g_test_add_func ("/cuda/ops/sums", test_sums);
  g_test_add_func ("/cuda/ops/optimisers", test_optimisers);
  g_test_add_func ("/cuda/ops/no-failure", test_no_failure);
  return g_test_run ();
}
