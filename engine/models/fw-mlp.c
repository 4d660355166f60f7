/* fw-mlp.c — the multi-layer perceptron, and logistic regression as its 0-hidden-layer case
 *
 * Forward (fw_model_forward): a_l = ReLU (a_{l−1}·W_l + b_l) for hidden layers, with inverted
 * dropout while training; the output layer is linear and the loss applies its sigmoid or
 * softmax.
 * Objective per batch: Σ_r w_r·loss_r / Σ_r w_r + λ/2·Σ_l ‖W_l‖² (biases unpenalised).
 * Backward: δ_L = ∂objective/∂z_L from the loss op; ∂W_l = a_{l−1}ᵀ·δ_l + λ·W_l,
 * ∂b_l = Σ_r δ_l, δ_{l−1} = (δ_l·W_lᵀ) ⊙ mask ⊙ 1[a_{l−1} > 0].
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include "fw-model-device-private.h"
#include "fw-model-kinds.h"

#define ADAM_BETA1   0.9f
#define ADAM_BETA2   0.999f
#define ADAM_EPSILON 1e-8f

/* Standard normal by Box–Muller. */
static double
rng_normal (FwRng *rng)
{
  double u1 = 1.0 - fw_rng_uniform (rng), u2 = fw_rng_uniform (rng);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

/* He et al. 2015 for ReLU layers (N(0, 2/fan_in)); Glorot & Bengio 2010 (uniform) for the
 * output layer behind hidden ones; zeros for logistic regression, whose objective is convex
 * and so needs no symmetry breaking. */
static void
mlp_init_params (FwModel *model,
                 float   *params)
{
  FwRng rng;

  fw_rng_init_stream (&rng, model->seed, 0);
  for (guint l = 0; l < model->n_layers; l++)
    {
      const FwLayer *layer = &model->layers[l];
      float *w = params + layer->weight_offset;
      gsize n = (gsize) layer->n_in * layer->n_out;

      if (layer->activation == FW_ACTIVATION_RELU)
        {
          double sd = sqrt (2.0 / layer->n_in);

          for (gsize i = 0; i < n; i++)
            w[i] = (float) (sd * rng_normal (&rng));
        }
      else if (model->n_layers > 1)
        {
          double limit = sqrt (6.0 / (layer->n_in + layer->n_out));

          for (gsize i = 0; i < n; i++)
            w[i] = (float) (limit * (2.0 * fw_rng_uniform (&rng) - 1.0));
        }
      else
        memset (w, 0, n * sizeof (float));
      memset (params + layer->bias_offset, 0, layer->n_out * sizeof (float));
    }
}

/* From δ of the output layer in delta[0] to every parameter's gradient in grads. */
static void
backward (FwModel  *model,
          gsize     rows,
          gboolean  dropout)
{
  FwBackend *be = model->be;
  float *dz = model->delta[0];
  float l2 = (float) model->spec.l2;

  for (guint l = model->n_layers; l-- > 0;)
    {
      const FwLayer *layer = &model->layers[l];
      const float *in = l == 0 ? model->x : model->acts[l - 1];
      const float *w = model->params + layer->weight_offset;
      float *gw = model->grads + layer->weight_offset;
      float *dprev;

      be->gemm (be, TRUE, FALSE, layer->n_in, layer->n_out, rows, 1.0f, in, layer->n_in,
                dz, layer->n_out, 0.0f, gw, layer->n_out);
      if (l2 > 0)
        be->axpy (be, l2, w, gw, (gsize) layer->n_in * layer->n_out);
      be->column_sums (be, model->grads + layer->bias_offset, dz, rows, layer->n_out);
      if (l == 0)
        break;

      dprev = dz == model->delta[0] ? model->delta[1] : model->delta[0];
      be->gemm (be, FALSE, TRUE, rows, layer->n_in, layer->n_out, 1.0f, dz, layer->n_out,
                w, layer->n_out, 0.0f, dprev, layer->n_in);
      if (dropout && model->masks[l - 1] != NULL)
        be->mul (be, dprev, model->masks[l - 1], rows * layer->n_in);
      /* acts[l − 1] > 0 exactly where the ReLU passed and dropout kept the unit. */
      be->activation_backward (be, dprev, model->acts[l - 1], rows * layer->n_in,
                               model->layers[l - 1].activation);
      dz = dprev;
    }
}

static void
step (FwModel *model)
{
  FwBackend *be = model->be;

  model->step++;
  if (model->spec.optimizer == FW_OPTIMIZER_ADAM)
    {
      FwAdamParams adam = {
        (float) model->spec.learning_rate, ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, model->step,
      };

      be->adam (be, model->params, model->grads, model->moment1, model->moment2,
                model->n_params, &adam);
    }
  else
    be->sgd (be, model->params, model->grads, model->moment1, model->n_params,
             (float) model->spec.learning_rate, (float) model->spec.momentum);
}

/* Forward, loss and backward on the @rows rows in the batch buffers.  Returns the batch's
 * weight sum and puts its weighted loss sum (L2 included, weighted like the rows) in
 * @loss; NaN in @loss when it is not finite. */
static double
loss_and_gradient (FwModel  *model,
                   gsize     rows,
                   gboolean  weighted,
                   guint64   dropout_key,
                   double   *loss)
{
  FwBackend *be = model->be;
  const float *w = weighted ? model->weights : NULL;
  double weight = w != NULL ? be->sum (be, w, rows) : (double) rows, data_loss, penalty;

  *loss = 0;
  if (weight <= 0)
    return 0;                   /* no row of this batch counts */
  fw_model_forward (model, rows, dropout_key);
  data_loss = be->loss (be, model->loss, model->acts[model->n_layers - 1], rows,
                        model->n_outputs, model->labels, model->values, w,
                        (float) (1.0 / weight), model->delta[0]);
  penalty = fw_model_l2_penalty (model);
  *loss = data_loss + weight * penalty;
  if (!isfinite (*loss))
    {
      *loss = NAN;
      return weight;
    }
  backward (model, rows, dropout_key != 0);
  return weight;
}

double
fw_mlp_gradient (FwModel           *model,
                 const FwModelData *data,
                 guint64            dropout_key,
                 float             *grad)
{
  FwBackend *be = model->be;
  double loss, weight;

  g_assert (model->klass->iterative && data->n <= model->max_rows);

  be->upload (be, model->x, data->x, data->n * model->n_features * sizeof (float));
  fw_model_upload_targets (model, data, 0, data->n);
  weight = loss_and_gradient (model, data->n, data->weights != NULL, dropout_key, &loss);
  be->download (be, grad, model->grads, model->n_params * sizeof (float));
  return loss / weight;
}

/* Back to the parameters the epoch started from, with a fresh optimiser: whatever the
 * caller does next starts from numbers that mean something. */
static void
restore_snapshot (FwModel *model)
{
  FwBackend *be = model->be;
  gsize bytes = model->n_params * sizeof (float);

  be->copy (be, model->params, model->snapshot, bytes);
  memset (model->host_params, 0, bytes);
  be->upload (be, model->moment1, model->host_params, bytes);
  be->upload (be, model->moment2, model->host_params, bytes);
  model->step = 0;
}

static double
mlp_train_epoch (FwModel           *model,
                 const FwModelData *data,
                 FwBatchFunc        batch_func,
                 gpointer           user_data,
                 GError           **error)
{
  FwBackend *be = model->be;
  gsize n = data->n;
  double total_loss = 0, total_weight = 0;

  /* A seeded Fisher–Yates shuffle of the row order. */
  if (n > model->order_capacity)
    {
      g_free (model->order);
      model->order = g_new (gsize, n);
      model->order_capacity = n;
    }
  for (gsize i = 0; i < n; i++)
    model->order[i] = i;
  for (gsize i = n - 1; i > 0; i--)
    {
      gsize j = fw_rng_below (&model->shuffle_rng, i + 1), t = model->order[i];

      model->order[i] = model->order[j];
      model->order[j] = t;
    }
  fw_model_upload_order (model, n);
  be->copy (be, model->snapshot, model->params, model->n_params * sizeof (float));

  for (gsize start = 0; start < n; start += model->max_rows)
    {
      gsize rows = MIN (model->max_rows, n - start);
      guint64 key = 0;
      double loss, weight;

      fw_model_gather_batch (model, data, start, rows);
      if (model->spec.dropout > 0)
        key = fw_rng_next (&model->dropout_rng) | 1;   /* 0 means "no dropout" */

      weight = loss_and_gradient (model, rows, data->weights != NULL, key, &loss);
      if (isnan (loss))
        goto diverged;
      if (weight > 0)
        step (model);
      total_loss += loss;
      total_weight += weight;
      if (batch_func != NULL && !batch_func (start + rows, n, user_data))
        break;
    }
  /* The last step can leave non-finite parameters that no loss has seen yet. */
  if (!isfinite (be->sum_squares (be, model->params, model->n_params)))
    goto diverged;
  return total_weight > 0 ? total_loss / total_weight : 0.0;

diverged:
  restore_snapshot (model);
  fw_model_set_diverged (error);
  return NAN;
}

const FwModelClass fw_mlp_class = {
  .name = "mlp",
  .iterative = TRUE,
  .init_params = mlp_init_params,
  .train_epoch = mlp_train_epoch,
};
