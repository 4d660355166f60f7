/* model-reference.h — the answers test-model.c checks models against, computed here in
 * double precision from the formulas, without the engine's code: test problems, the
 * objective of a stack of dense layers, Gaussian elimination, Newton's method for logistic
 * regression and the ridge normal equations.
 *
 * Parameters are read in the documented file layout ("layerL.weight", n_in × n_out
 * row-major so that out = in·W + b, then "layerL.bias"); the objective is
 * Σ_r w_r·loss_r / Σ_r w_r + λ/2·Σ‖W‖² with MSE (z − y)², binary cross-entropy on a sigmoid
 * and softmax cross-entropy (fw-mlp.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>
#include <string.h>
#include "fw-model-private.h"

typedef struct
{
  gsize    n;
  guint    n_features;
  float   *x;
  guint32 *labels;
  float   *values;
  float   *weights;
} Problem;

static void
problem_free (Problem *p)
{
  g_free (p->x);
  g_free (p->labels);
  g_free (p->values);
  g_free (p->weights);
  g_free (p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Problem, problem_free)

static FwModelData
data_of (const Problem *p)
{
  return (FwModelData) { p->x, p->labels, p->values, p->weights, p->n };
}

/* Random features in [−1, 1]; labels or values from a random smooth function of them. */
static Problem *
random_problem (guint32  seed,
                gsize    n,
                guint    n_features,
                FwTask   task,
                guint    n_classes,
                gboolean weighted)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  Problem *p = g_new0 (Problem, 1);

  p->n = n;
  p->n_features = n_features;
  p->x = g_new (float, n * n_features);
  for (gsize i = 0; i < n * n_features; i++)
    p->x[i] = (float) g_rand_double_range (rand, -1, 1);
  if (task == FW_TASK_REGRESSION)
    {
      p->values = g_new (float, n);
      for (gsize i = 0; i < n; i++)
        p->values[i] = (float) (sin (3 * p->x[i * n_features]) +
                                g_rand_double_range (rand, -.3, .3));
    }
  else
    {
      p->labels = g_new (guint32, n);
      for (gsize i = 0; i < n; i++)
        p->labels[i] = g_rand_int_range (rand, 0, n_classes);
    }
  if (weighted)
    {
      p->weights = g_new (float, n);
      for (gsize i = 0; i < n; i++)
        p->weights[i] = i == 1 ? 0.0f : (float) g_rand_double_range (rand, 0.2, 3);
    }
  return p;
}

/* The reference: the objective in double precision from the parameters in file order. */
typedef struct
{
  guint   n_layers;
  guint   widths[FW_MODEL_MAX_LAYERS + 1];
  FwTask  task;
  double  l2;
  float   dropout;
  guint64 key;                  /* 0: no dropout */
} Arch;

static Arch
arch_of (const FwModelSpec *spec,
         FwTask             task,
         guint              n_features,
         guint              n_outputs)
{
  Arch arch = { .task = task, .l2 = spec->l2, .dropout = (float) spec->dropout };
  guint hidden = spec->kind == FW_MODEL_MLP ? spec->n_hidden : 0;

  arch.widths[0] = n_features;
  for (guint i = 0; i < hidden; i++)
    arch.widths[i + 1] = spec->hidden[i];
  arch.widths[hidden + 1] = n_outputs;
  arch.n_layers = hidden + 1;
  return arch;
}

static double
reference_objective (const Arch    *arch,
                     const double  *params,
                     const Problem *p,
                     gboolean       with_l2)
{
  double total = 0, total_weight = 0, penalty = 0;

  for (gsize r = 0; r < p->n; r++)
    {
      double a[64], z[64], loss = 0, w = p->weights ? p->weights[r] : 1.0;
      const double *q = params;

      for (guint i = 0; i < arch->widths[0]; i++)
        a[i] = p->x[r * p->n_features + i];
      for (guint l = 0; l < arch->n_layers; l++)
        {
          guint n_in = arch->widths[l], n_out = arch->widths[l + 1];
          const double *W = q, *b = q + n_in * n_out;

          for (guint j = 0; j < n_out; j++)
            {
              z[j] = b[j];
              for (guint i = 0; i < n_in; i++)
                z[j] += a[i] * W[i * n_out + j];
            }
          q = b + n_out;
          if (l + 1 == arch->n_layers)
            break;
          for (guint j = 0; j < n_out; j++)
            {
              a[j] = z[j] > 0 ? z[j] : 0;
              if (arch->key != 0)
                a[j] *= fw_backend_dropout_mask (arch->key + l * FW_MLP_LAYER_KEY_STEP,
                                                 r * n_out + j, arch->dropout);
            }
        }

      if (arch->task == FW_TASK_REGRESSION)
        loss = (z[0] - p->values[r]) * (z[0] - p->values[r]);
      else if (arch->task == FW_TASK_BINARY)
        {
          double prob = 1 / (1 + exp (-z[0]));

          loss = -(p->labels[r] ? log (prob) : log (1 - prob));
        }
      else
        {
          double s = 0;

          for (guint c = 0; c < arch->widths[arch->n_layers]; c++)
            s += exp (z[c]);
          loss = -log (exp (z[p->labels[r]]) / s);
        }
      total += w * loss;
      total_weight += w;
    }

  for (guint l = 0, offset = 0; l < arch->n_layers; l++)
    {
      guint nw = arch->widths[l] * arch->widths[l + 1];

      for (guint i = 0; i < nw; i++)
        penalty += params[offset + i] * params[offset + i];
      offset += nw + arch->widths[l + 1];
    }
  return total / total_weight + (with_l2 ? arch->l2 / 2 * penalty : 0);
}

static void
swap (double *x,
      double *y)
{
  double t = *x;

  *x = *y;
  *y = t;
}

/* Solves the n × n system a·x = b in place by Gaussian elimination with partial pivoting. */
static void
solve (double *a,
       double *b,
       guint   n)
{
  for (guint c = 0; c < n; c++)
    {
      guint pivot = c;

      for (guint r = c + 1; r < n; r++)
        if (fabs (a[r * n + c]) > fabs (a[pivot * n + c]))
          pivot = r;
      for (guint j = 0; j < n; j++)
        swap (&a[c * n + j], &a[pivot * n + j]);
      swap (&b[c], &b[pivot]);
      g_assert_cmpfloat (fabs (a[c * n + c]), >, 1e-12);
      for (guint r = c + 1; r < n; r++)
        {
          double f = a[r * n + c] / a[c * n + c];

          for (guint j = c; j < n; j++)
            a[r * n + j] -= f * a[c * n + j];
          b[r] -= f * b[c];
        }
    }
  for (guint c = n; c-- > 0;)
    {
      for (guint j = c + 1; j < n; j++)
        b[c] -= a[c * n + j] * b[j];
      b[c] /= a[c * n + c];
    }
}

/* A non-separable 2-feature problem: labels drawn from a logistic model. */
static Problem *
logistic_problem (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (31);
  Problem *p = random_problem (29, 200, 2, FW_TASK_BINARY, 2, TRUE);

  for (gsize i = 0; i < p->n; i++)
    {
      double z = 1.5 * p->x[2 * i] - 2 * p->x[2 * i + 1] + 0.3;

      p->labels[i] = g_rand_double (rand) < 1 / (1 + exp (-z));
    }
  return p;
}

/* θ = (w1, w2, b) minimising Σ w_r·BCE_r / W + λ/2·(w1² + w2²). */
static void
newton_logistic (const Problem *p,
                 double         l2,
                 double         theta[3])
{
  theta[0] = theta[1] = theta[2] = 0;
  for (guint it = 0; it < 50; it++)
    {
      double g[3] = { 0 }, h[9] = { 0 }, total_weight = 0;

      for (gsize r = 0; r < p->n; r++)
        {
          double x[3] = { p->x[2 * r], p->x[2 * r + 1], 1 };
          double w = p->weights[r];
          double prob = 1 / (1 + exp (-(theta[0] * x[0] + theta[1] * x[1] + theta[2])));

          total_weight += w;
          for (guint i = 0; i < 3; i++)
            {
              g[i] += w * (prob - p->labels[r]) * x[i];
              for (guint j = 0; j < 3; j++)
                h[i * 3 + j] += w * prob * (1 - prob) * x[i] * x[j];
            }
        }
      for (guint i = 0; i < 9; i++)
        h[i] = h[i] / total_weight + (i == 0 || i == 4 ? l2 : 0);
      for (guint i = 0; i < 3; i++)
        g[i] = g[i] / total_weight + (i < 2 ? l2 * theta[i] : 0);
      solve (h, g, 3);
      for (guint i = 0; i < 3; i++)
        theta[i] -= g[i];
    }
}

/* β, c minimising Σ w_r (y_r − x_rᵀβ − c)² / W + λ/2·‖β‖², solved as (AᵀWA + (λW/2)·I')θ =
 * AᵀWy with A = [X 1] and I' leaving the intercept unpenalised. */
static void
normal_equations (const Problem *p,
                  double         l2,
                  double        *theta)
{
  guint d = p->n_features, m = d + 1;
  g_autofree double *a = g_new0 (double, m * m);
  double total_weight = 0;

  memset (theta, 0, m * sizeof (double));
  for (gsize r = 0; r < p->n; r++)
    {
      double w = p->weights ? p->weights[r] : 1;

      total_weight += w;
      for (guint i = 0; i < m; i++)
        {
          double xi = i < d ? p->x[r * d + i] : 1;

          theta[i] += w * xi * p->values[r];
          for (guint j = 0; j < m; j++)
            a[i * m + j] += w * xi * (j < d ? p->x[r * d + j] : 1);
        }
    }
  for (guint i = 0; i < d; i++)
    a[i * m + i] += l2 * total_weight / 2;
  solve (a, theta, m);
}
