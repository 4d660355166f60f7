/* fw-linear.c — linear (ridge) regression in closed form
 *
 * Minimises the same objective as the iterative models,
 *   Σ_i w_i (y_i − x_iᵀβ − c)² / W + λ/2·‖β‖²,   W = Σ_i w_i,
 * so that "l2" means one thing whichever model a recipe names.  Setting the gradient to zero
 * gives the ridge normal equations with an unpenalised intercept,
 *   (X̃ᵀ diag(w) X̃ + (λW/2)·I) β = X̃ᵀ diag(w) ỹ,   c = ȳ − x̄ᵀβ,
 * where x̄, ȳ are weighted means and X̃, ỹ the centred data.  Centring removes the intercept
 * from the system and keeps it well conditioned; the Gram matrix is accumulated in double
 * precision (dsyrk over blocks of rows) and solved by Cholesky (dpotrf + dpotrs), checking
 * the pivots so that collinear columns are reported rather than answered with noise.
 * The solve runs on the host whatever the backend; the result is uploaded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include "fw-model-kinds.h"

#define BLOCK_ROWS 256
/* A pivot below this share of its column's own variance means the column is (numerically)
 * a combination of the ones before it. */
#define PIVOT_TOLERANCE 1e-12

/* BLAS and LAPACK as OpenBLAS exports them (Fortran calling convention: everything by
 * reference, and the hidden lengths of character arguments at the end, which gfortran
 * expects even though they are 1 here). */
extern void dsyrk_  (const char *uplo, const char *trans, const int *n, const int *k,
                     const double *alpha, const double *a, const int *lda, const double *beta,
                     double *c, const int *ldc, size_t uplo_len, size_t trans_len);
extern void dgemv_  (const char *trans, const int *m, const int *n, const double *alpha,
                     const double *a, const int *lda, const double *x, const int *incx,
                     const double *beta, double *y, const int *incy, size_t trans_len);
extern void dpotrf_ (const char *uplo, const int *n, double *a, const int *lda, int *info,
                     size_t uplo_len);
extern void dpotrs_ (const char *uplo, const int *n, const int *nrhs, const double *a,
                     const int *lda, double *b, const int *ldb, int *info, size_t uplo_len);

static void
linear_init_params (FwModel *model,
                    float   *params)
{
  memset (params, 0, model->n_params * sizeof (float));
}

static inline double
weight_of (const FwModelData *data,
           gsize              i)
{
  return data->weights != NULL ? data->weights[i] : 1.0;
}

/* Σ w_i·x̃_i x̃_iᵀ (upper triangle, column-major) and Σ w_i·x̃_i ỹ_i. */
static void
accumulate (const FwModelData *data,
            int                d,
            const double      *mean,
            double             y_mean,
            double            *gram,
            double            *rhs)
{
  g_autofree double *block = g_new (double, (gsize) BLOCK_ROWS * d);
  double yb[BLOCK_ROWS], one = 1.0;
  int inc = 1;

  for (gsize start = 0; start < data->n; start += BLOCK_ROWS)
    {
      int rows = (int) MIN (BLOCK_ROWS, data->n - start);

      for (int r = 0; r < rows; r++)
        {
          gsize i = start + r;
          double s = sqrt (weight_of (data, i));
          const float *x = data->x + i * d;

          for (int j = 0; j < d; j++)
            block[(gsize) r * d + j] = s * (x[j] - mean[j]);
          yb[r] = s * (data->values[i] - y_mean);
        }
      /* The row-major block is the column-major d × rows matrix A: gram += A·Aᵀ. */
      dsyrk_ ("U", "N", &d, &rows, &one, block, &d, &one, gram, &d, 1, 1);
      dgemv_ ("N", &d, &rows, &one, block, &d, yb, &inc, &one, rhs, &inc, 1);
    }
}

static double
linear_train_epoch (FwModel           *model,
                    const FwModelData *data,
                    FwBatchFunc        batch_func,
                    gpointer           user_data,
                    GError           **error)
{
  int d = (int) model->n_features, info = 0, nrhs = 1;
  g_autofree double *mean = g_new0 (double, d);
  g_autofree double *rhs = g_new0 (double, d);
  g_autofree double *diagonal = g_new (double, d);
  g_autofree double *gram = NULL;
  double total_weight = 0, y_mean = 0, intercept;

  gram = g_try_new0 (double, (gsize) d * d);
  if (gram == NULL)
    {
      g_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID,
                   _("There is not enough memory to solve for %d features."), d);
      return NAN;
    }

  for (gsize i = 0; i < data->n; i++)
    {
      double w = weight_of (data, i);

      total_weight += w;
      y_mean += w * data->values[i];
      for (int j = 0; j < d; j++)
        mean[j] += w * data->x[i * d + j];
    }
  y_mean /= total_weight;
  for (int j = 0; j < d; j++)
    mean[j] /= total_weight;

  accumulate (data, d, mean, y_mean, gram, rhs);
  for (int j = 0; j < d; j++)
    {
      diagonal[j] = gram[(gsize) j * d + j];
      gram[(gsize) j * d + j] += model->spec.l2 * total_weight / 2;
    }

  dpotrf_ ("U", &d, gram, &d, &info, 1);
  for (int j = 0; j < d && info == 0; j++)
    {
      double pivot = gram[(gsize) j * d + j];

      if (pivot * pivot <= PIVOT_TOLERANCE * diagonal[j])
        info = j + 1;
    }
  if (info == 0)
    dpotrs_ ("U", &d, &nrhs, gram, &d, rhs, &d, &info, 1);
  intercept = y_mean;
  for (int j = 0; j < d && info == 0; j++)
    {
      if (!isfinite (rhs[j]) || fabs (rhs[j]) > G_MAXFLOAT)
        info = j + 1;
      intercept -= mean[j] * rhs[j];
    }
  if (info != 0 || !isfinite (intercept))
    {
      g_set_error_literal (error, FW_MODEL_ERROR, FW_MODEL_ERROR_SINGULAR,
                           _("Some feature columns are combinations of others (or constant), "
                             "so linear regression has no single answer. Add regularisation "
                             "or drop the duplicate columns."));
      return NAN;
    }

  /* One layer, n_features × 1: the weights then the bias. */
  for (int j = 0; j < d; j++)
    model->host_params[j] = (float) rhs[j];
  model->host_params[d] = (float) intercept;
  model->be->upload (model->be, model->params, model->host_params,
                     model->n_params * sizeof (float));

  if (batch_func != NULL)
    batch_func (data->n, data->n, user_data);
  return fw_model_loss (model, data) + fw_model_l2_penalty (model);
}

const FwModelClass fw_linear_class = {
  .name = "linear",
  .iterative = FALSE,
  .init_params = linear_init_params,
  .train_epoch = linear_train_epoch,
};
