/* fw-glm.c — logistic and linear regression fitted exactly: Newton's method (IRLS)
 *
 * Each epoch is one Newton step on the whole training part, for the summed objective
 *   Σ_i w_i ℓ(y_i, c + x_iᵀβ)   (+ λW/2·‖β‖² only when a penalty is needed),
 * ℓ the log loss (binary), half the squared error (linear) or the softmax's log loss with the
 * first class's coefficients held at 0 (several classes, evaluate_multinomial), W = Σ w_i.  The gradient and
 * the Hessian X̃ᵀ diag(w·h) X̃ (X̃ = the free columns and a column of ones, h = p(1 − p) or
 * 1) are summed in double precision (dsyrk over blocks of rows); the step solves the
 * Hessian by Cholesky (dpotrf + dpotrs), halving it while the objective would rise, as
 * R's glm does.  Linear regression lands on the least-squares answer in one step and
 * confirms it with a second.
 *
 * A column held at 0 (a category's reference level, or a column constant on the training
 * rows) is left out of the system, so one-hot groups stay identifiable without changing the
 * features a saved model reads.  When the Hessian has no Cholesky factor (collinear
 * columns), or a binary fit's coefficients run off (separated classes, where the unpenalised
 * optimum lies at infinity), the fit starts again with a small L2 penalty and says why.
 * At convergence the inverse Hessian is the coefficients' covariance (times σ² for linear).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include "fw-glm.h"
#include "fw-model-kinds.h"

#define BLOCK_ROWS 256
#define PIVOT_TOLERANCE 1e-12
/* A coefficient worth this many log-odds per standard deviation of its column is a sign
 * of separation: an odds ratio of e^30 ≈ 10¹³. */
#define SEPARATION_BOUND 30.0
/* Unpenalised Newton converges in a handful of steps when the optimum is finite. */
#define SEPARATION_ITERATIONS 25
/* The step, per standard deviation of its column, below which the fit has converged. */
#define STEP_TOLERANCE 1e-9
#define DEFAULT_PENALTY 1e-4
#define MAX_HALVINGS 40

extern void dsyrk_  (const char *uplo, const char *trans, const int *n, const int *k,
                     const double *alpha, const double *a, const int *lda, const double *beta,
                     double *c, const int *ldc, size_t uplo_len, size_t trans_len);
extern void dgemm_  (const char *transa, const char *transb, const int *m, const int *n,
                     const int *k, const double *alpha, const double *a, const int *lda,
                     const double *b, const int *ldb, const double *beta, double *c,
                     const int *ldc, size_t transa_len, size_t transb_len);
extern void dpotrf_ (const char *uplo, const int *n, double *a, const int *lda, int *info,
                     size_t uplo_len);
extern void dpotrs_ (const char *uplo, const int *n, const int *nrhs, const double *a,
                     const int *lda, double *b, const int *ldb, int *info, size_t uplo_len);
extern void dpotri_ (const char *uplo, const int *n, double *a, const int *lda, int *info,
                     size_t uplo_len);

struct _FwGlmState
{
  FwGlmFit  fit;
  gboolean  started;
  int       m;                  /* free slopes + the intercept, per fitted output */
  int       blocks;             /* outputs fitted: 1, or n_classes − 1 */
  int       M;                  /* parameters: blocks · m */
  guint    *index;              /* m − 1: the free features */
  double   *sd;                 /* n_features: weighted standard deviation of each column */
  double    total_weight;
  double    objective;          /* at fit.estimate */
  double   *gradient, *hessian; /* M, M × M (upper, column-major), at fit.estimate */
  double   *trial;              /* as fit.estimate */
};

/* Where parameter @a of fitted block @b lives in fit.estimate. */
static inline gsize
param_at (const FwGlmState *st,
          int               b,
          int               a)
{
  guint d = st->fit.n_features;

  return (gsize) (st->fit.first_output + b) * (d + 1) + (a < st->m - 1 ? st->index[a] : d);
}

void
fw_glm_state_free (FwGlmState *st)
{
  if (st == NULL)
    return;
  g_free (st->fit.estimate);
  g_free (st->fit.covariance);
  g_free (st->fit.fixed);
  g_free (st->index);
  g_free (st->sd);
  g_free (st->gradient);
  g_free (st->hessian);
  g_free (st->trial);
  g_free (st);
}

static inline double
weight_of (const FwModelData *data,
           gsize              i)
{
  return data->weights != NULL ? data->weights[i] : 1.0;
}

static void
glm_init_params (FwModel *model,
                 float   *params)
{
  memset (params, 0, model->n_params * sizeof (float));
}

/* Column statistics, which columns are free, and the buffers. */
static FwGlmState *
state_new (FwModel           *model,
           const FwModelData *data)
{
  guint d = model->n_features;
  FwGlmState *st = g_new0 (FwGlmState, 1);
  g_autofree double *mean = g_new0 (double, d);

  st->fit.n_features = d;
  st->fit.n_outputs = model->n_outputs;
  st->fit.first_output = model->task == FW_TASK_MULTICLASS ? 1 : 0;
  st->blocks = (int) (st->fit.n_outputs - st->fit.first_output);
  st->fit.estimate = g_new0 (double, (gsize) (d + 1) * st->fit.n_outputs);
  st->fit.fixed = g_new0 (gboolean, d);
  st->sd = g_new0 (double, d);
  st->trial = g_new0 (double, (gsize) (d + 1) * st->fit.n_outputs);
  st->index = g_new0 (guint, d);
  for (gsize i = 0; i < data->n; i++)
    {
      double w = weight_of (data, i);

      st->total_weight += w;
      for (guint j = 0; j < d; j++)
        mean[j] += w * data->x[i * d + j];
    }
  for (guint j = 0; j < d; j++)
    mean[j] /= MAX (st->total_weight, 1e-300);
  for (gsize i = 0; i < data->n; i++)
    for (guint j = 0; j < d; j++)
      {
        double e = data->x[i * d + j] - mean[j];

        st->sd[j] += weight_of (data, i) * e * e;
      }
  st->m = 1;
  for (guint j = 0; j < d; j++)
    {
      st->sd[j] = sqrt (st->sd[j] / MAX (st->total_weight, 1e-300));
      st->fit.fixed[j] = (model->glm_fixed != NULL && model->glm_fixed[j]) ||
                         !(st->sd[j] > 1e-12 * (1 + fabs (mean[j])));
      if (!st->fit.fixed[j])
        st->index[st->m++ - 1] = j;
    }
  st->M = st->blocks * st->m;
  st->gradient = g_new0 (double, st->M);
  st->hessian = g_new0 (double, (gsize) st->M * st->M);
  return st;
}

/* Several classes, against the first: the softmax's log loss, and with @derivatives its
 * gradient and the Hessian's blocks H_kl = Σ w·p_k(δ_kl − p_l)·x̃x̃ᵀ (k ≤ l: the upper
 * triangle), one dgemm per block and batch of rows. */
static gboolean
evaluate_multinomial (FwModel           *model,
                      const FwModelData *data,
                      const double      *beta,
                      gboolean           derivatives,
                      double            *objective,
                      FwBatchFunc        batch_func,
                      gpointer           user_data)
{
  FwGlmState *st = model->glm;
  int m = st->m, M = st->M, B = st->blocks, d = (int) model->n_features;
  g_autofree double *xb = derivatives ? g_new (double, (gsize) BLOCK_ROWS * m) : NULL;
  g_autofree double *scaled = derivatives ? g_new (double, (gsize) BLOCK_ROWS * m) : NULL;
  g_autofree double *p = g_new (double, (gsize) BLOCK_ROWS * (B + 1));
  g_autofree double *wts = g_new (double, BLOCK_ROWS);
  double total = 0, one = 1.0, lambda = st->fit.penalty * st->total_weight;

  if (derivatives)
    {
      memset (st->gradient, 0, M * sizeof (double));
      memset (st->hessian, 0, (gsize) M * M * sizeof (double));
    }
  for (gsize start = 0; start < data->n; start += BLOCK_ROWS)
    {
      int rows = (int) MIN (BLOCK_ROWS, data->n - start);

      for (int r = 0; r < rows; r++)
        {
          gsize i = start + r;
          const float *x = data->x + i * d;
          double *pr = p + (gsize) r * (B + 1), top = 0, sum = 0;
          guint32 y = data->labels[i];

          wts[r] = weight_of (data, i);
          pr[0] = 0;
          for (int b = 0; b < B; b++)
            {
              double eta = beta[param_at (st, b, m - 1)];

              for (int a = 0; a < m - 1; a++)
                eta += beta[param_at (st, b, a)] * x[st->index[a]];
              pr[b + 1] = eta;
              top = MAX (top, eta);
            }
          for (int k = 0; k <= B; k++)
            sum += exp (pr[k] - top);
          total += wts[r] * (top + log (sum) - pr[y]);
          for (int k = 0; k <= B; k++)
            pr[k] = exp (pr[k] - top) / sum;
          if (!derivatives)
            continue;
          for (int a = 0; a < m; a++)
            xb[(gsize) r * m + a] = a < m - 1 ? x[st->index[a]] : 1.0;
          for (int b = 0; b < B; b++)
            {
              double residual = pr[b + 1] - (y == (guint32) b + 1);

              for (int a = 0; a < m; a++)
                st->gradient[b * m + a] += wts[r] * residual * xb[(gsize) r * m + a];
            }
        }
      if (derivatives)
        for (int k = 0; k < B; k++)
          for (int l = k; l < B; l++)
            {
              for (int r = 0; r < rows; r++)
                {
                  const double *pr = p + (gsize) r * (B + 1);
                  double h = wts[r] * pr[k + 1] * ((k == l) - pr[l + 1]);

                  for (int a = 0; a < m; a++)
                    scaled[(gsize) r * m + a] = h * xb[(gsize) r * m + a];
                }
              /* Column-major m × rows blocks: H_kl += X̃ᵀ-by-rows · scaledᵀ. */
              dgemm_ ("N", "T", &m, &m, &rows, &one, xb, &m, scaled, &m, &one,
                      st->hessian + (gsize) l * m * M + (gsize) k * m, &M, 1, 1);
            }
      if (batch_func != NULL && (start / BLOCK_ROWS) % 64 == 63 &&
          !batch_func (start + rows, data->n, user_data))
        return FALSE;
    }
  for (int b = 0; b < B && lambda > 0; b++)
    for (int a = 0; a < m - 1; a++)
      {
        double v = beta[param_at (st, b, a)];

        total += lambda / 2 * v * v;
        if (derivatives)
          {
            st->gradient[b * m + a] += lambda * v;
            st->hessian[(gsize) (b * m + a) * M + b * m + a] += lambda;
          }
      }
  *objective = total;
  return TRUE;
}

/* The objective at @beta (n_features slopes, then the intercept), and with @derivatives its
 * gradient and Hessian into the state.  FALSE when @batch_func asked to stop. */
static gboolean
evaluate (FwModel           *model,
          const FwModelData *data,
          const double      *beta,
          gboolean           derivatives,
          double            *objective,
          FwBatchFunc        batch_func,
          gpointer           user_data)
{
  FwGlmState *st = model->glm;
  int m = st->m, d = (int) model->n_features;
  gboolean logistic = model->task == FW_TASK_BINARY;
  g_autofree double *block = NULL;
  double total = 0, one = 1.0, lambda = st->fit.penalty * st->total_weight;

  if (model->task == FW_TASK_MULTICLASS)
    return evaluate_multinomial (model, data, beta, derivatives, objective, batch_func,
                                 user_data);
  block = derivatives ? g_new (double, (gsize) BLOCK_ROWS * m) : NULL;
  if (derivatives)
    {
      memset (st->gradient, 0, m * sizeof (double));
      memset (st->hessian, 0, (gsize) m * m * sizeof (double));
    }
  for (gsize start = 0; start < data->n; start += BLOCK_ROWS)
    {
      int rows = (int) MIN (BLOCK_ROWS, data->n - start);

      for (int r = 0; r < rows; r++)
        {
          gsize i = start + r;
          const float *x = data->x + i * d;
          double w = weight_of (data, i), eta = beta[d], y, residual, h, s;

          for (int k = 0; k < m - 1; k++)
            eta += beta[st->index[k]] * x[st->index[k]];
          if (logistic)
            {
              y = data->labels[i] == 1 ? 1.0 : 0.0;
              total += w * (log1p (exp (-fabs (eta))) + MAX (eta, 0) - y * eta);
              residual = 1 / (1 + exp (-eta)) - y;
              h = (residual + y) * (1 - residual - y);
            }
          else
            {
              residual = eta - data->values[i];
              total += w * residual * residual / 2;
              h = 1;
            }
          if (!derivatives)
            continue;
          s = sqrt (w * h);
          for (int k = 0; k < m - 1; k++)
            {
              st->gradient[k] += w * residual * x[st->index[k]];
              block[(gsize) r * m + k] = s * x[st->index[k]];
            }
          st->gradient[m - 1] += w * residual;
          block[(gsize) r * m + m - 1] = s;
        }
      if (derivatives)
        dsyrk_ ("U", "N", &m, &rows, &one, block, &m, &one, st->hessian, &m, 1, 1);
      if (batch_func != NULL && (start / BLOCK_ROWS) % 64 == 63 &&
          !batch_func (start + rows, data->n, user_data))
        return FALSE;
    }
  for (int k = 0; k < m - 1 && lambda > 0; k++)
    {
      double b = beta[st->index[k]];

      total += lambda / 2 * b * b;
      if (derivatives)
        {
          st->gradient[k] += lambda * b;
          st->hessian[(gsize) k * m + k] += lambda;
        }
    }
  *objective = total;
  return TRUE;
}

/* Cholesky of the state's Hessian into @factor; FALSE when a pivot shows a column that is
 * (numerically) a combination of the others. */
static gboolean
factor_hessian (FwGlmState *st,
                double     *factor)
{
  int m = st->M, info = 0;

  memcpy (factor, st->hessian, (gsize) m * m * sizeof (double));
  dpotrf_ ("U", &m, factor, &m, &info, 1);
  for (int j = 0; j < m && info == 0; j++)
    {
      double pivot = factor[(gsize) j * m + j];

      if (!(pivot * pivot > PIVOT_TOLERANCE * st->hessian[(gsize) j * m + j]))
        info = j + 1;
    }
  return info == 0;
}

/* Starts (again) from every slope at 0 and the intercept of the mean answer. */
static gboolean
restart (FwModel           *model,
         const FwModelData *data,
         FwBatchFunc        batch_func,
         gpointer           user_data)
{
  FwGlmState *st = model->glm;
  guint d = model->n_features;
  double mean = 0;

  memset (st->fit.estimate, 0, (gsize) (d + 1) * st->fit.n_outputs * sizeof (double));
  if (model->task == FW_TASK_MULTICLASS)
    {
      /* Each class's intercept at the log of its share over the reference's. */
      g_autofree double *share = g_new0 (double, st->fit.n_outputs);

      for (gsize i = 0; i < data->n; i++)
        share[data->labels[i]] += weight_of (data, i);
      for (guint k = 1; k < st->fit.n_outputs; k++)
        st->fit.estimate[(gsize) k * (d + 1) + d] = log (MAX (share[k], 1e-6) /
                                                         MAX (share[0], 1e-6));
      mean = 0;
    }
  else
    {
      for (gsize i = 0; i < data->n; i++)
        mean += weight_of (data, i) * (model->task == FW_TASK_BINARY ? (data->labels[i] == 1)
                                                                     : data->values[i]);
      mean /= MAX (st->total_weight, 1e-300);
      if (model->task == FW_TASK_BINARY)
        mean = log (CLAMP (mean, 1e-6, 1 - 1e-6) / (1 - CLAMP (mean, 1e-6, 1 - 1e-6)));
      st->fit.estimate[d] = mean;
    }
  st->fit.converged = FALSE;
  g_clear_pointer (&st->fit.covariance, g_free);
  return evaluate (model, data, st->fit.estimate, TRUE, &st->objective, batch_func, user_data);
}

static void
penalise (FwModel      *model,
          FwGlmPenalty  reason)
{
  model->glm->fit.reason = reason;
  model->glm->fit.penalty = model->spec.l2 > 0 ? model->spec.l2 : DEFAULT_PENALTY;
}

/* The covariance of the estimate from the Hessian at it (σ²-scaled for linear). */
static void
covariance (FwModel *model,
            double  *factor)
{
  FwGlmState *st = model->glm;
  guint d = model->n_features;
  int M = st->M, info = 0;
  gsize P = (gsize) st->blocks * (d + 1), shift = (gsize) st->fit.first_output * (d + 1);
  double scale = 1;

  dpotri_ ("U", &M, factor, &M, &info, 1);
  if (info != 0)
    return;
  if (model->task == FW_TASK_REGRESSION)
    {
      st->fit.df_residual = st->total_weight - M;
      scale = st->fit.df_residual > 0 ? 2 * st->objective / st->fit.df_residual : NAN;
    }
  st->fit.covariance = g_new0 (double, P * P);
  for (int a = 0; a < M; a++)
    for (int b = 0; b < M; b++)
      {
        gsize i = param_at (st, a / st->m, a % st->m) - shift;
        gsize j = param_at (st, b / st->m, b % st->m) - shift;
        double v = a <= b ? factor[(gsize) b * M + a] : factor[(gsize) a * M + b];

        st->fit.covariance[i * P + j] = scale * v;
      }
}

static void
publish (FwModel *model)
{
  guint d = model->n_features, K = model->glm->fit.n_outputs;

  /* One layer, row-major d × K weights, then K biases. */
  for (guint k = 0; k < K; k++)
    for (guint j = 0; j <= d; j++)
      model->host_params[(gsize) j * K + k] =
        (float) model->glm->fit.estimate[(gsize) k * (d + 1) + j];
  model->be->upload (model->be, model->params, model->host_params,
                     model->n_params * sizeof (float));
}

static double
penalty_term (FwModel *model)
{
  FwGlmState *st = model->glm;
  double sum = 0;

  for (int b = 0; b < st->blocks; b++)
    for (int a = 0; a < st->m - 1; a++)
      sum += st->fit.estimate[param_at (st, b, a)] * st->fit.estimate[param_at (st, b, a)];
  return st->fit.penalty / 2 * sum;
}

static double
glm_train_epoch (FwModel           *model,
                 const FwModelData *data,
                 FwBatchFunc        batch_func,
                 gpointer           user_data,
                 GError           **error)
{
  FwGlmState *st;
  gsize size;
  int m, M, nrhs = 1, info = 0;
  g_autofree double *factor = NULL, *step = NULL;
  double t = 1, trial_objective = INFINITY, largest_step = 0, largest = 0;
  gboolean accepted = FALSE;

  if (model->glm == NULL)
    model->glm = state_new (model, data);
  st = model->glm;
  m = st->m;
  M = st->M;
  size = (gsize) (model->n_features + 1) * st->fit.n_outputs * sizeof (double);
  if (!st->started)
    {
      if (!restart (model, data, batch_func, user_data))
        return fw_model_loss (model, data);
      st->started = TRUE;
    }
  if (st->fit.converged)
    return fw_model_loss (model, data) + penalty_term (model);
  factor = g_new (double, (gsize) M * M);
  step = g_new (double, M);
  if (!factor_hessian (st, factor))
    {
      if (st->fit.penalty > 0)
        {
          g_set_error_literal (error, FW_MODEL_ERROR, FW_MODEL_ERROR_SINGULAR,
                               _("Some feature columns are combinations of others, so the "
                                 "model has no single answer. Drop the duplicate columns."));
          return NAN;
        }
      penalise (model, FW_GLM_SINGULAR);
      if (!restart (model, data, batch_func, user_data))
        return fw_model_loss (model, data);
      if (!factor_hessian (st, factor))
        {
          g_set_error_literal (error, FW_MODEL_ERROR, FW_MODEL_ERROR_SINGULAR,
                               _("Some feature columns are combinations of others, so the "
                                 "model has no single answer. Drop the duplicate columns."));
          return NAN;
        }
    }
  for (int k = 0; k < M; k++)
    step[k] = -st->gradient[k];
  dpotrs_ ("U", &M, &nrhs, factor, &M, step, &M, &info, 1);

  /* Step halving: never a step that makes the objective worse. */
  for (guint halving = 0; halving < MAX_HALVINGS && !accepted; halving++, t /= 2)
    {
      memcpy (st->trial, st->fit.estimate, size);
      for (int k = 0; k < M; k++)
        st->trial[param_at (st, k / m, k % m)] += t * step[k];
      if (!evaluate (model, data, st->trial, TRUE, &trial_objective, batch_func, user_data))
        {
          /* Stopped: the gradient and Hessian are of no point; the estimate stands. */
          st->started = FALSE;
          return fw_model_loss (model, data);
        }
      accepted = isfinite (trial_objective) &&
                 trial_objective <= st->objective + 1e-12 * (1 + fabs (st->objective));
    }
  if (!accepted)
    {
      /* No step helps: this is the optimum to working precision. */
      if (!evaluate (model, data, st->fit.estimate, TRUE, &st->objective, NULL, NULL))
        return NAN;
      t = 0;
    }
  else
    {
      memcpy (st->fit.estimate, st->trial, size);
      st->objective = trial_objective;
      t *= 2;
    }
  st->fit.iterations++;
  for (int k = 0; k < M; k++)
    {
      int a = k % m;
      double scale = a < m - 1 ? st->sd[st->index[a]] : 1;

      largest_step = MAX (largest_step, fabs (t * step[k]) * scale);
      if (a < m - 1)
        largest = MAX (largest, fabs (st->fit.estimate[param_at (st, k / m, a)]) * scale);
    }
  publish (model);

  if (model->task != FW_TASK_REGRESSION && st->fit.penalty == 0 &&
      (largest > SEPARATION_BOUND || st->fit.iterations >= SEPARATION_ITERATIONS))
    {
      penalise (model, FW_GLM_SEPARATED);
      if (!restart (model, data, batch_func, user_data))
        return fw_model_loss (model, data);
      publish (model);
      return fw_model_loss (model, data) + penalty_term (model);
    }
  if (largest_step < STEP_TOLERANCE && factor_hessian (st, factor))
    {
      st->fit.converged = TRUE;
      covariance (model, factor);
    }
  /* The summed log loss is the mean's W times: no second pass over the rows. */
  if (model->task != FW_TASK_REGRESSION)
    return st->objective / st->total_weight;
  return fw_model_loss (model, data) + penalty_term (model);
}

const FwModelClass fw_glm_class = {
  .name = "glm",
  .iterative = TRUE,
  .exact = TRUE,
  .init_params = glm_init_params,
  .train_epoch = glm_train_epoch,
};
