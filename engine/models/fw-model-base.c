/* fw-model-base.c — what every kind of model shares: its checks, the forward pass through
 * its layers, the loss and the L2 penalty
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include "fw-error.h"
#include "fw-model-private.h"

/* Far beyond any table Fairway is for; they keep every size product inside a gsize. */
#define MAX_FEATURES   (1u << 24)
#define MAX_WIDTH      (1u << 16)
#define MAX_BATCH      (1u << 24)
#define LINEAR_MAX_FEATURES 8192

G_DEFINE_QUARK (fw-model-error-quark, fw_model_error)

gboolean
fw_model_check_spec (const FwModelSpec *spec,
                     FwTask             task,
                     guint              n_features,
                     guint              n_outputs,
                     GError           **error)
{
  gboolean classification = task == FW_TASK_BINARY || task == FW_TASK_MULTICLASS;

  if (task != FW_TASK_BINARY && task != FW_TASK_MULTICLASS && task != FW_TASK_REGRESSION)
    return fw_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID,
                         _("The model needs to know whether it predicts classes or numbers."));
  if (n_features == 0 || n_features > MAX_FEATURES)
    return fw_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID,
                         _("The model needs at least one feature column."));
  if ((task == FW_TASK_MULTICLASS && (n_outputs < 2 || n_outputs > MAX_WIDTH)) ||
      (task != FW_TASK_MULTICLASS && n_outputs != 1))
    return fw_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID,
                         _("The number of model outputs does not fit the task."));
  if (spec->kind == FW_MODEL_LOGISTIC && !classification)
    return fw_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID,
                         _("Logistic regression predicts classes; "
                           "use linear regression to predict numbers."));
  if (spec->kind == FW_MODEL_LINEAR && classification)
    return fw_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID,
                         _("Linear regression predicts numbers; "
                           "use logistic regression to predict classes."));
  if (spec->kind != FW_MODEL_LOGISTIC && spec->kind != FW_MODEL_LINEAR &&
      spec->kind != FW_MODEL_MLP)
    return fw_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID,
                         _("Unknown kind of model."));
  if (spec->kind == FW_MODEL_MLP)
    {
      if (spec->n_hidden > FW_RECIPE_MAX_HIDDEN)
        return fw_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID,
                             _("A neural network here has at most %d hidden layers."),
                             FW_RECIPE_MAX_HIDDEN);
      for (guint i = 0; i < spec->n_hidden; i++)
        if (spec->hidden[i] == 0 || spec->hidden[i] > MAX_WIDTH)
          return fw_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID,
                               _("Every hidden layer needs between 1 and %u units."), MAX_WIDTH);
    }
  if (!(spec->l2 >= 0) || !isfinite (spec->l2))
    return fw_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID,
                         _("The regularisation strength must be zero or more."));
  if (spec->kind == FW_MODEL_LINEAR)
    {
      /* The closed form holds an n_features² matrix of doubles: 512 MiB at this size. */
      if (n_features > LINEAR_MAX_FEATURES)
        return fw_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID,
                             _("Linear regression takes at most %d feature columns."),
                             LINEAR_MAX_FEATURES);
      return TRUE;
    }

  if (spec->batch_size == 0 || spec->batch_size > MAX_BATCH)
    return fw_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID,
                         _("The batch size must be between 1 and %u rows."), MAX_BATCH);
  /* A NaN learning rate is let through: training then reports divergence, as for a huge one. */
  if (spec->learning_rate < 0)
    return fw_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID,
                         _("The learning rate must not be negative."));
  if (!(spec->dropout >= 0 && spec->dropout < 1))
    return fw_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID,
                         _("The dropout rate must be at least 0 and below 1."));
  if (spec->optimizer != FW_OPTIMIZER_ADAM && spec->optimizer != FW_OPTIMIZER_SGD)
    return fw_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID, _("Unknown optimiser."));
  if (spec->optimizer == FW_OPTIMIZER_SGD && !(spec->momentum >= 0 && spec->momentum < 1))
    return fw_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID,
                         _("The momentum must be at least 0 and below 1."));
  return TRUE;
}

gboolean
fw_model_check_data (const FwModel     *model,
                     const FwModelData *data,
                     GError           **error)
{
  double total_weight = 0;

  if (data->n == 0)
    return fw_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID,
                         _("There are no rows to learn from."));
  if (model->n_classes > 0)
    {
      if (data->labels == NULL)
        return fw_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID,
                             _("The rows have no class labels."));
      for (gsize i = 0; i < data->n; i++)
        if (data->labels[i] >= model->n_classes)
          {
            g_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID,
                         _("Row %zu has class %u, but the model knows only %u classes."),
                         i + 1, data->labels[i], model->n_classes);
            return FALSE;
          }
    }
  else
    {
      if (data->values == NULL)
        return fw_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID,
                             _("The rows have no target values."));
      for (gsize i = 0; i < data->n * model->n_outputs; i++)
        if (!isfinite (data->values[i]))
          return fw_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID,
                               _("A target value is missing or not a finite number."));
    }
  if (data->weights == NULL)
    return TRUE;
  for (gsize i = 0; i < data->n; i++)
    {
      if (!(data->weights[i] >= 0) || !isfinite (data->weights[i]))
        return fw_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID,
                             _("Row weights must be finite and not negative."));
      total_weight += data->weights[i];
    }
  if (total_weight <= 0)
    return fw_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID,
                         _("Every row has weight zero."));
  return TRUE;
}

/* λ/2 · Σ‖W‖² over every layer's weights (biases are not penalised). */
double
fw_model_l2_penalty (FwModel *model)
{
  double s = 0;

  if (model->spec.l2 <= 0)
    return 0;
  for (guint l = 0; l < model->n_layers; l++)
    {
      const FwLayer *layer = &model->layers[l];

      s += model->be->sum_squares (model->be, model->params + layer->weight_offset,
                                   (gsize) layer->n_in * layer->n_out);
    }
  return 0.5 * model->spec.l2 * s;
}

void
fw_model_set_diverged (GError **error)
{
  g_set_error_literal (error, FW_MODEL_ERROR, FW_MODEL_ERROR_DIVERGED,
                       _("Training diverged: the loss is no longer a finite number. "
                         "Try a smaller learning rate."));
}

void
fw_model_upload_targets (FwModel           *model,
                         const FwModelData *data,
                         gsize              start,
                         gsize              rows)
{
  FwBackend *be = model->be;

  if (model->n_classes > 0)
    be->upload (be, model->labels, data->labels + start, rows * sizeof (guint32));
  else
    be->upload (be, model->values, data->values + start * model->n_outputs,
                rows * model->n_outputs * sizeof (float));
  if (data->weights != NULL)
    be->upload (be, model->weights, data->weights + start, rows * sizeof (float));
}

void
fw_model_forward (FwModel *model,
                  gsize    rows,
                  guint64  dropout_key)
{
  FwBackend *be = model->be;
  const float *in = model->x;

  for (guint l = 0; l < model->n_layers; l++)
    {
      const FwLayer *layer = &model->layers[l];
      float *out = model->acts[l];

      be->gemm (be, FALSE, FALSE, rows, layer->n_out, layer->n_in, 1.0f, in, layer->n_in,
                model->params + layer->weight_offset, layer->n_out, 0.0f, out, layer->n_out);
      be->bias_activation (be, out, model->params + layer->bias_offset, rows, layer->n_out,
                           layer->activation);
      if (dropout_key != 0 && model->masks[l] != NULL)
        be->dropout (be, out, model->masks[l], rows * layer->n_out, (float) model->spec.dropout,
                     dropout_key + l * FW_MLP_LAYER_KEY_STEP);
      in = out;
    }
}

double
fw_model_loss (FwModel           *model,
               const FwModelData *data)
{
  FwBackend *be;
  double total = 0, total_weight = 0;

  g_return_val_if_fail (model != NULL, NAN);
  g_return_val_if_fail (data != NULL && (data->x != NULL || data->n == 0), NAN);

  if (!fw_model_check_data (model, data, NULL))
    return NAN;
  be = model->be;
  for (gsize start = 0; start < data->n; start += model->max_rows)
    {
      gsize rows = MIN (model->max_rows, data->n - start);
      const float *weights = data->weights != NULL ? model->weights : NULL;

      be->upload (be, model->x, data->x + start * model->n_features,
                  rows * model->n_features * sizeof (float));
      fw_model_upload_targets (model, data, start, rows);
      fw_model_forward (model, rows, 0);
      total += be->loss (be, model->loss, model->acts[model->n_layers - 1], rows,
                         model->n_outputs, model->labels, model->values, weights, 0, NULL);
      total_weight += weights != NULL ? be->sum (be, weights, rows) : (double) rows;
    }
  return total / total_weight;
}
