/* test-backend.c — every CPU backend op against a reference computed here in double
 *
 * References are written from the textbook formulas (not the backend's rearrangements):
 * products by triple loops, binary cross-entropy as −[y·log p + (1 − y)·log(1 − p)],
 * Adam with explicit bias-corrected moments.  Loss gradients are checked against central
 * differences of those double-precision losses (h = 1e-6).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include "fw-backend.h"

static float
uniform (GRand *rand,
         double lo,
         double hi)
{
  return (float) g_rand_double_range (rand, lo, hi);
}

static void
assert_close (double actual,
              double expected,
              double rel,
              double abs)
{
  if (!(fabs (actual - expected) <= abs + rel * fabs (expected)))
    g_error ("%.9g is not within %g + %g·|x| of %.9g", actual, abs, rel, expected);
}

/* op(A)[i, p] and op(B)[p, j] of row-major storage. */
static double
at (const float *m,
    gsize        ld,
    gboolean     trans,
    gsize        row,
    gsize        col)
{
  return trans ? m[col * ld + row] : m[row * ld + col];
}

static void
test_gemm (void)
{
  FwBackend *be = fw_backend_cpu ();
  /* m, n, k: general, and the shapes routed to gemv (n = 1, m = 1) and ger (k = 1). */
  static const gsize shapes[][3] = {
    { 7, 5, 3 }, { 33, 17, 65 }, { 7, 1, 9 }, { 1, 6, 9 }, { 8, 6, 1 }, { 1, 1, 4 }, { 4, 3, 0 },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (guint t = 0; t < 8; t++)
      {
        gsize m = shapes[s][0], n = shapes[s][1], k = shapes[s][2];
        gboolean ta = t & 1, tb = (t >> 1) & 1, zero_beta = (t >> 2) & 1;
        /* Leading dimensions wider than the matrices, to catch stride mistakes. */
        gsize lda = (ta ? m : k) + 2, ldb = (tb ? k : n) + 3, ldc = n + 1;
        gsize a_rows = ta ? k : m, b_rows = tb ? n : k;
        float alpha = 0.75f, beta = zero_beta ? 0.0f : -1.25f;
        g_autofree float *a = g_new (float, a_rows * lda + 1);
        g_autofree float *b = g_new (float, b_rows * ldb + 1);
        g_autofree float *c = g_new (float, m * ldc);
        g_autofree float *c0 = NULL;

        for (gsize i = 0; i < a_rows * lda + 1; i++)
          a[i] = uniform (rand, -1, 1);
        for (gsize i = 0; i < b_rows * ldb + 1; i++)
          b[i] = uniform (rand, -1, 1);
        for (gsize i = 0; i < m * ldc; i++)
          c[i] = zero_beta ? NAN : uniform (rand, -1, 1);   /* beta = 0 must not read C */
        c0 = g_memdup2 (c, m * ldc * sizeof (float));

        be->gemm (be, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        for (gsize i = 0; i < m; i++)
          for (gsize j = 0; j < ldc; j++)
            {
              double expected = 0;

              if (j >= n)
                {
                  /* Padding between rows stays untouched. */
                  g_assert_cmpmem (&c[i * ldc + j], sizeof (float),
                                   &c0[i * ldc + j], sizeof (float));
                  continue;
                }
              for (gsize p = 0; p < k; p++)
                expected += at (a, lda, ta, i, p) * at (b, ldb, tb, p, j);
              expected = alpha * expected + (zero_beta ? 0 : beta * c0[i * ldc + j]);
              assert_close (c[i * ldc + j], expected, 1e-5, 1e-5);
            }
      }
}

static void
test_bias_activation (void)
{
  FwBackend *be = fw_backend_cpu ();
  float y[6] = { -1, 0.5f, 2, 3, -4, 0 }, bias[3] = { 0.5f, -1, 1 };
  float identity[6] = { -0.5f, -0.5f, 3, 3.5f, -5, 1 };
  float relu[6] = { 0, 0, 3, 3.5f, 0, 1 };
  float z[6];

  memcpy (z, y, sizeof y);
  be->bias_activation (be, z, bias, 2, 3, FW_ACTIVATION_IDENTITY);
  g_assert_cmpmem (z, sizeof z, identity, sizeof identity);
  memcpy (z, y, sizeof y);
  be->bias_activation (be, z, bias, 2, 3, FW_ACTIVATION_RELU);
  g_assert_cmpmem (z, sizeof z, relu, sizeof relu);
}

static void
test_activation_backward (void)
{
  FwBackend *be = fw_backend_cpu ();
  float out[5] = { 0, 1, 0, 2.5f, 1e-30f };
  float grad[5] = { 1, 2, 3, 4, 5 };
  float expected[5] = { 0, 2, 0, 4, 5 };
  float g2[5] = { 1, 2, 3, 4, 5 };

  be->activation_backward (be, grad, out, 5, FW_ACTIVATION_RELU);
  g_assert_cmpmem (grad, sizeof grad, expected, sizeof expected);
  be->activation_backward (be, g2, out, 5, FW_ACTIVATION_IDENTITY);
  g_assert_cmpfloat (g2[2], ==, 3);
}

static void
test_column_sums (void)
{
  FwBackend *be = fw_backend_cpu ();
  float x[6] = { 1, 2, 3, 4, 5, 6 }, out[3] = { 99, 99, 99 }, expected[3] = { 5, 7, 9 };

  be->column_sums (be, out, x, 2, 3);
  g_assert_cmpmem (out, sizeof out, expected, sizeof expected);
}

/* The reference losses, per row, in double. */
static double
reference_loss (FwLoss         loss,
                const double  *z,
                gsize          cols,
                guint32        label,
                const float   *values)
{
  double s = 0;

  switch (loss)
    {
    case FW_LOSS_MSE:
      for (gsize c = 0; c < cols; c++)
        s += (z[c] - values[c]) * (z[c] - values[c]);
      return s;
    case FW_LOSS_SIGMOID_BCE:
      {
        double p = 1 / (1 + exp (-z[0]));

        return -(label ? log (p) : log (1 - p));
      }
    case FW_LOSS_SOFTMAX_CE:
      for (gsize c = 0; c < cols; c++)
        s += exp (z[c]);
      return -log (exp (z[label]) / s);
    default:
      g_assert_not_reached ();
    }
}

static void
check_loss (gconstpointer data)
{
  FwLoss loss = GPOINTER_TO_INT (data);
  FwBackend *be = fw_backend_cpu ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (11 + loss);
  gsize rows = 9, cols = loss == FW_LOSS_SIGMOID_BCE ? 1 : 4;
  float z[36], values[36], weights[9], grad[36];
  guint32 labels[9];
  double expected = 0, weight_sum = 0, total;
  float scale;

  for (gsize i = 0; i < rows * cols; i++)
    {
      z[i] = uniform (rand, -3, 3);
      values[i] = uniform (rand, -2, 2);
    }
  for (gsize r = 0; r < rows; r++)
    {
      labels[r] = g_rand_int_range (rand, 0, loss == FW_LOSS_SIGMOID_BCE ? 2 : (int) cols);
      weights[r] = r == 4 ? 0.0f : uniform (rand, 0.2, 3);
      weight_sum += weights[r];
    }
  scale = (float) (1 / weight_sum);

  total = be->loss (be, loss, z, rows, cols, labels, values, weights, scale, grad);
  for (gsize r = 0; r < rows; r++)
    {
      double zd[4];

      for (gsize c = 0; c < cols; c++)
        zd[c] = z[r * cols + c];
      expected += weights[r] * reference_loss (loss, zd, cols, labels[r], values + r * cols);

      /* ∂(scale·w_r·loss_r)/∂z by central differences. */
      for (gsize c = 0; c < cols; c++)
        {
          const double h = 1e-6;
          double up, down;

          zd[c] = z[r * cols + c] + h;
          up = reference_loss (loss, zd, cols, labels[r], values + r * cols);
          zd[c] = z[r * cols + c] - h;
          down = reference_loss (loss, zd, cols, labels[r], values + r * cols);
          zd[c] = z[r * cols + c];
          assert_close (grad[r * cols + c], weights[r] / weight_sum * (up - down) / (2 * h),
                        1e-4, 1e-6);
        }
    }
  assert_close (total, expected, 1e-6, 1e-9);

  /* Unweighted, without a gradient. */
  expected = 0;
  for (gsize r = 0; r < rows; r++)
    {
      double zd[4];

      for (gsize c = 0; c < cols; c++)
        zd[c] = z[r * cols + c];
      expected += reference_loss (loss, zd, cols, labels[r], values + r * cols);
    }
  assert_close (be->loss (be, loss, z, rows, cols, labels, values, NULL, 0, NULL), expected,
                1e-6, 1e-9);
}

/* Logits far out in either tail: finite losses of the right size, exact gradients. */
static void
test_loss_extreme (void)
{
  FwBackend *be = fw_backend_cpu ();
  float z[4] = { 200, -200, 200, -200 }, grad[4];
  guint32 labels[4] = { 1, 0, 0, 1 };
  float zc[6] = { 500, -500, 0, -500, 500, 0 }, gc[6];
  guint32 lc[2] = { 0, 0 };
  double total;

  total = be->loss (be, FW_LOSS_SIGMOID_BCE, z, 4, 1, labels, NULL, NULL, 1, grad);
  assert_close (total, 400, 1e-6, 0);
  g_assert_cmpfloat (grad[0], ==, 0);
  g_assert_cmpfloat (grad[2], ==, 1);
  g_assert_cmpfloat (grad[3], ==, -1);
  total = be->loss (be, FW_LOSS_SOFTMAX_CE, zc, 2, 3, lc, NULL, NULL, 1, gc);
  assert_close (total, 1000, 1e-6, 0);
  g_assert_cmpfloat (gc[3], ==, -1);
  g_assert_cmpfloat (gc[4], ==, 1);
}

static void
test_output (void)
{
  FwBackend *be = fw_backend_cpu ();
  float z[2] = { 0, 2 }, out[6], zs[3] = { 1, 2, 3 }, m[2] = { 1.5f, -2 };

  be->output (be, FW_LOSS_SIGMOID_BCE, z, 2, 1, out);
  assert_close (out[0], 0.5, 1e-6, 0);
  assert_close (out[1], 0.5, 1e-6, 0);
  assert_close (out[3], 1 / (1 + exp (-2.0)), 1e-6, 0);
  assert_close (out[2] + out[3], 1, 1e-6, 0);

  be->output (be, FW_LOSS_SOFTMAX_CE, zs, 1, 3, out);
  {
    double s = exp (1.0) + exp (2.0) + exp (3.0);

    for (guint c = 0; c < 3; c++)
      assert_close (out[c], exp (c + 1.0) / s, 1e-6, 0);
  }
  be->output (be, FW_LOSS_MSE, m, 2, 1, out);
  g_assert_cmpmem (out, 2 * sizeof (float), m, sizeof m);
}

static void
test_dropout (void)
{
  FwBackend *be = fw_backend_cpu ();
  const gsize n = 100003;       /* not a multiple of four */
  const float rate = 0.3f, keep = 1 / (1 - rate);
  g_autofree float *y = g_new (float, n);
  g_autofree float *mask = g_new (float, n);
  g_autofree float *mask2 = g_new (float, n);
  gsize dropped = 0, differ = 0;
  double sd;

  for (gsize i = 0; i < n; i++)
    y[i] = 2.0f;
  be->dropout (be, y, mask, n, rate, 12345);
  for (gsize i = 0; i < n; i++)
    {
      g_assert_true (mask[i] == 0 || mask[i] == keep);
      g_assert_cmpfloat (y[i], ==, 2.0f * mask[i]);
      g_assert_cmpfloat (mask[i], ==, fw_backend_dropout_mask (12345, i, rate));
      dropped += mask[i] == 0;
    }
  /* Binomial(n, 0.3): within four standard deviations. */
  sd = sqrt (n * rate * (1 - rate));
  g_assert_cmpfloat (fabs (dropped - n * rate), <, 4 * sd);

  be->dropout (be, y, mask2, n, rate, 12346);
  for (gsize i = 0; i < n; i++)
    differ += mask[i] != mask2[i];
  g_assert_cmpuint (differ, >, n / 4);

  be->dropout (be, y, mask2, n, 0.0f, 1);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpfloat (mask2[i], ==, 1.0f);
}

static void
test_adam (void)
{
  FwBackend *be = fw_backend_cpu ();
  float p[3] = { 1, -2, 0.5f }, m[3] = { 0 }, v[3] = { 0 };
  double pd[3] = { 1, -2, 0.5 }, md[3] = { 0 }, vd[3] = { 0 };
  const double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;

  for (guint64 t = 1; t <= 4; t++)
    {
      float g[3];
      FwAdamParams adam = { (float) lr, (float) b1, (float) b2, (float) eps, t };

      for (guint i = 0; i < 3; i++)
        g[i] = (float) (0.3 * t - i + 0.1 * pd[i]);
      be->adam (be, p, g, m, v, 3, &adam);
      for (guint i = 0; i < 3; i++)
        {
          double mhat, vhat;

          md[i] = b1 * md[i] + (1 - b1) * g[i];
          vd[i] = b2 * vd[i] + (1 - b2) * g[i] * g[i];
          mhat = md[i] / (1 - pow (b1, t));
          vhat = vd[i] / (1 - pow (b2, t));
          pd[i] -= lr * mhat / (sqrt (vhat) + eps);
        }
    }
  for (guint i = 0; i < 3; i++)
    assert_close (p[i], pd[i], 1e-5, 1e-7);
}

static void
test_sgd (void)
{
  FwBackend *be = fw_backend_cpu ();
  float p[2] = { 1, 2 }, vel[2] = { 0, 0 }, g1[2] = { 0.5f, -1 }, g2[2] = { 1, 1 };

  be->sgd (be, p, g1, vel, 2, 0.1f, 0.9f);
  be->sgd (be, p, g2, vel, 2, 0.1f, 0.9f);
  /* v1 = g1, v2 = 0.9·g1 + g2; p = p0 − 0.1·(v1 + v2). */
  assert_close (p[0], 1 - 0.1 * (0.5 + 0.45 + 1), 1e-6, 0);
  assert_close (p[1], 2 - 0.1 * (-1 - 0.9 + 1), 1e-6, 0);
}

static void
test_reductions (void)
{
  FwBackend *be = fw_backend_cpu ();
  float x[5] = { 1, -2, 3, 0.5f, 1e8f }, y[5] = { 2, 2, 2, 2, 0 };

  assert_close (be->sum (be, x, 5), 1e8 + 2.5, 1e-15, 0);
  assert_close (be->sum_squares (be, x, 4), 1 + 4 + 9 + 0.25, 1e-15, 0);
  be->axpy (be, -0.5f, x, y, 4);
  assert_close (y[0], 1.5, 0, 0);
  assert_close (y[1], 3, 0, 0);
  be->mul (be, y, x, 4);
  assert_close (y[1], -6, 0, 0);
  assert_close (y[3], 0.5 * 1.75, 0, 0);
}

static void
test_gather_and_memory (void)
{
  FwBackend *be = fw_backend_cpu ();
  float src[8] = { 0, 1, 10, 11, 20, 21, 30, 31 };
  guint32 labels[4] = { 5, 6, 7, 8 }, lout[3];
  gsize rows[3] = { 3, 0, 3 };
  float expected[6] = { 30, 31, 0, 1, 30, 31 };
  guint32 lexpected[3] = { 8, 5, 8 };
  float *dst = be->alloc (be, 6 * sizeof (float));
  float host[6];

  g_assert_nonnull (dst);
  g_assert_cmpuint ((guintptr) dst % 32, ==, 0);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpfloat (dst[i], ==, 0);
  be->gather (be, dst, src, 2, rows, 3);
  be->download (be, host, dst, sizeof host);
  g_assert_cmpmem (host, sizeof host, expected, sizeof expected);
  be->gather_labels (be, lout, labels, rows, 3);
  g_assert_cmpmem (lout, sizeof lout, lexpected, sizeof lexpected);
  be->free (be, dst);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/backend/gemm", test_gemm);
  g_test_add_func ("/engine/backend/bias-activation", test_bias_activation);
  g_test_add_func ("/engine/backend/activation-backward", test_activation_backward);
  g_test_add_func ("/engine/backend/column-sums", test_column_sums);
  g_test_add_data_func ("/engine/backend/loss/mse", GINT_TO_POINTER (FW_LOSS_MSE), check_loss);
  g_test_add_data_func ("/engine/backend/loss/sigmoid-bce",
                        GINT_TO_POINTER (FW_LOSS_SIGMOID_BCE), check_loss);
  g_test_add_data_func ("/engine/backend/loss/softmax-ce",
                        GINT_TO_POINTER (FW_LOSS_SOFTMAX_CE), check_loss);
  g_test_add_func ("/engine/backend/loss/extreme", test_loss_extreme);
  g_test_add_func ("/engine/backend/output", test_output);
  g_test_add_func ("/engine/backend/dropout", test_dropout);
  g_test_add_func ("/engine/backend/adam", test_adam);
  g_test_add_func ("/engine/backend/sgd", test_sgd);
  g_test_add_func ("/engine/backend/reductions", test_reductions);
  g_test_add_func ("/engine/backend/gather", test_gather_and_memory);

  return g_test_run ();
}
