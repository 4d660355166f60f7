/* fw-model.c — creating a model, dispatching to its class, and its parameters in and out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "fw-backend-cuda.h"
#include "fw-model.h"
#include "fw-model-device-private.h"
#include "fw-model-kinds.h"

#define LINEAR_CHUNK 4096      /* rows per prediction chunk of a closed-form model */

/* "auto" (or none) is the GPU when the probe finds a usable one, else the CPU; "cuda" is the
 * GPU or an error that says why not.  A GPU that is found but fails to start is an error
 * under "auto" too: training quietly elsewhere than the user was told would be worse. */
static FwBackend *
pick_backend (const char *device,
              GError    **error)
{
  g_autoptr(GError) local = NULL;
  FwBackend *be;

  if (device == NULL || strcmp (device, "auto") == 0)
    device = fw_backend_cuda_probe ()->status == FW_CUDA_AVAILABLE ? "cuda" : "cpu";
  if (strcmp (device, "cpu") == 0)
    return fw_backend_cpu ();
  if (strcmp (device, "cuda") != 0)
    {
      g_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID,
                   _("Unknown device “%s”: choose auto, cpu or cuda."), device);
      return NULL;
    }
  be = fw_backend_cuda (&local);
  if (be == NULL)
    g_set_error_literal (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID, local->message);
  return be;
}

/* A zeroed backend buffer of @a × @b elements of @size bytes, NULL on overflow or when
 * memory runs out. */
static gpointer
buffer (FwModel *model,
        gsize    a,
        gsize    b,
        gsize    size)
{
  gsize n, bytes;

  if (!g_size_checked_mul (&n, a, b) || !g_size_checked_mul (&bytes, n, size))
    return NULL;
  return model->be->alloc (model->be, bytes);
}

static void
lay_out (FwModel *model)
{
  const FwModelSpec *spec = &model->spec;
  guint widths[FW_MODEL_MAX_LAYERS + 1], n_hidden = spec->kind == FW_MODEL_MLP ? spec->n_hidden : 0;
  gsize offset = 0;

  widths[0] = model->n_features;
  for (guint i = 0; i < n_hidden; i++)
    widths[i + 1] = spec->hidden[i];
  widths[n_hidden + 1] = model->n_outputs;

  model->n_layers = n_hidden + 1;
  model->max_width = 0;
  for (guint l = 0; l < model->n_layers; l++)
    {
      FwLayer *layer = &model->layers[l];

      layer->n_in = widths[l];
      layer->n_out = widths[l + 1];
      layer->activation = l + 1 < model->n_layers ? FW_ACTIVATION_RELU : FW_ACTIVATION_IDENTITY;
      layer->weight_offset = offset;
      offset += (gsize) layer->n_in * layer->n_out;
      layer->bias_offset = offset;
      offset += layer->n_out;
      model->max_width = MAX (model->max_width, MAX (layer->n_in, layer->n_out));
    }
  model->n_params = offset;
}

static gboolean
allocate (FwModel *model)
{
  gboolean iterative = model->klass->iterative && !model->klass->exact;
  gsize rows = model->max_rows, np = model->n_params;
  gboolean ok;

  model->params = buffer (model, np, 1, sizeof (float));
  model->x = buffer (model, rows, model->n_features, sizeof (float));
  model->delta[0] = buffer (model, rows, model->max_width, sizeof (float));
  model->out = buffer (model, rows, fw_model_n_predictions (model), sizeof (float));
  model->labels = buffer (model, rows, 1, sizeof (guint32));
  model->values = buffer (model, rows, model->n_outputs, sizeof (float));
  model->weights = buffer (model, rows, 1, sizeof (float));
  model->host_params = g_try_new0 (float, np);
  ok = model->params && model->x && model->delta[0] && model->out && model->labels &&
       model->values && model->weights && model->host_params;
  for (guint l = 0; l < model->n_layers; l++)
    {
      model->acts[l] = buffer (model, rows, model->layers[l].n_out, sizeof (float));
      ok = ok && model->acts[l];
      if (iterative && model->spec.dropout > 0 && l + 1 < model->n_layers)
        {
          model->masks[l] = buffer (model, rows, model->layers[l].n_out, sizeof (float));
          ok = ok && model->masks[l];
        }
    }
  if (iterative)
    {
      model->grads = buffer (model, np, 1, sizeof (float));
      model->moment1 = buffer (model, np, 1, sizeof (float));
      model->moment2 = buffer (model, np, 1, sizeof (float));
      model->snapshot = buffer (model, np, 1, sizeof (float));
      model->delta[1] = buffer (model, rows, model->max_width, sizeof (float));
      ok = ok && model->grads && model->moment1 && model->moment2 && model->snapshot &&
           model->delta[1];
    }
  return ok;
}

FwModel *
fw_model_new (const FwModelSpec *spec,
              FwTask             task,
              guint              n_features,
              guint              n_outputs,
              guint64            seed,
              GError           **error)
{
  g_autoptr(FwModel) model = NULL;
  FwBackend *be;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!fw_model_check_spec (spec, task, n_features, n_outputs, error))
    return NULL;
  be = pick_backend (spec->device, error);
  if (be == NULL)
    return NULL;

  model = g_new0 (FwModel, 1);
  model->be = be;
  model->spec = *spec;
  model->spec.device = g_strdup (spec->device);
  /* Several classes: n_classes − 1 blocks of parameters, FW_GLM_MAX_FEATURES in all. */
  model->klass = fw_model_spec_is_exact (spec, task, n_features) &&
                 (task != FW_TASK_MULTICLASS ||
                  (gsize) (n_outputs - 1) * (n_features + 1) <= FW_GLM_MAX_FEATURES + 1)
                 ? &fw_glm_class :
                 spec->kind == FW_MODEL_LINEAR ? &fw_linear_class : &fw_mlp_class;
  model->task = task;
  model->loss = task == FW_TASK_REGRESSION ? FW_LOSS_MSE :
                task == FW_TASK_BINARY ? FW_LOSS_SIGMOID_BCE : FW_LOSS_SOFTMAX_CE;
  model->n_features = n_features;
  model->n_outputs = n_outputs;
  model->n_classes = task == FW_TASK_BINARY ? 2 : task == FW_TASK_MULTICLASS ? n_outputs : 0;
  model->seed = seed;
  model->max_rows = model->klass->iterative && !model->klass->exact ? spec->batch_size
                                                                    : LINEAR_CHUNK;
  lay_out (model);
  if (!allocate (model))
    {
      if (be->memory_info != NULL)
        g_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID,
                     _("There is not enough GPU memory for batches of %zu rows. "
                       "Try a smaller batch or the CPU."), model->max_rows);
      else
        g_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID,
                     _("There is not enough memory for batches of %zu rows."), model->max_rows);
      return NULL;
    }

  model->klass->init_params (model, model->host_params);
  be->upload (be, model->params, model->host_params, model->n_params * sizeof (float));
  fw_rng_init_stream (&model->shuffle_rng, seed, 1);
  fw_rng_init_stream (&model->dropout_rng, seed, 2);
  return g_steal_pointer (&model);
}

void
fw_model_free (FwModel *model)
{
  if (model == NULL)
    return;

  gpointer buffers[] = {
    model->params, model->grads, model->moment1, model->moment2, model->snapshot,
    model->x, model->delta[0], model->delta[1], model->out, model->labels, model->values,
    model->weights,
  };

  for (guint i = 0; i < G_N_ELEMENTS (buffers); i++)
    if (buffers[i] != NULL)
      model->be->free (model->be, buffers[i]);
  for (guint l = 0; l < FW_MODEL_MAX_LAYERS; l++)
    {
      if (model->acts[l] != NULL)
        model->be->free (model->be, model->acts[l]);
      if (model->masks[l] != NULL)
        model->be->free (model->be, model->masks[l]);
    }
  fw_model_resident_free (model);
  fw_glm_state_free (model->glm);
  g_free (model->glm_fixed);
  g_free (model->host_params);
  g_free (model->order);
  g_free (model->spec.device);
  g_free (model);
}

gboolean
fw_model_spec_is_exact (const FwModelSpec *spec,
                        FwTask             task,
                        guint              n_features)
{
  g_return_val_if_fail (spec != NULL, FALSE);
  return spec->solver == FW_SOLVER_EXACT && n_features <= FW_GLM_MAX_FEATURES &&
         ((spec->kind == FW_MODEL_LOGISTIC && task != FW_TASK_REGRESSION) ||
          (spec->kind == FW_MODEL_LINEAR && task == FW_TASK_REGRESSION));
}

gboolean
fw_model_is_exact (const FwModel *model)
{
  g_return_val_if_fail (model != NULL, FALSE);
  return model->klass->exact;
}

gboolean
fw_model_has_converged (const FwModel *model)
{
  g_return_val_if_fail (model != NULL, FALSE);
  return model->glm != NULL && ((const FwGlmFit *) model->glm)->converged;
}

void
fw_model_set_fixed (FwModel        *model,
                    const gboolean *fixed)
{
  g_return_if_fail (model != NULL);
  g_return_if_fail (model->glm == NULL);

  g_clear_pointer (&model->glm_fixed, g_free);
  if (fixed != NULL)
    model->glm_fixed = g_memdup2 (fixed, model->n_features * sizeof (gboolean));
}

const FwGlmFit *
fw_model_get_fit (const FwModel *model)
{
  g_return_val_if_fail (model != NULL, NULL);
  /* The fit is the state's first member. */
  return (const FwGlmFit *) model->glm;
}

gboolean
fw_model_is_iterative (const FwModel *model)
{
  g_return_val_if_fail (model != NULL, FALSE);
  return model->klass->iterative;
}

guint
fw_model_n_features (const FwModel *model)
{
  g_return_val_if_fail (model != NULL, 0);
  return model->n_features;
}

guint
fw_model_n_outputs (const FwModel *model)
{
  g_return_val_if_fail (model != NULL, 0);
  return model->n_outputs;
}

guint
fw_model_n_predictions (const FwModel *model)
{
  g_return_val_if_fail (model != NULL, 0);
  return model->task == FW_TASK_BINARY ? 2 : model->n_outputs;
}

double
fw_model_train_epoch (FwModel           *model,
                      const FwModelData *data,
                      FwBatchFunc        batch_func,
                      gpointer           user_data,
                      GError           **error)
{
  g_autoptr(GError) device_error = NULL;
  double loss;

  g_return_val_if_fail (model != NULL, NAN);
  g_return_val_if_fail (data != NULL && (data->x != NULL || data->n == 0), NAN);
  g_return_val_if_fail (error == NULL || *error == NULL, NAN);

  if (!fw_model_check_data (model, data, error))
    return NAN;
  if (model->klass->iterative && !model->klass->exact && model->be->gather_rows != NULL &&
      !fw_model_make_resident (model, data, FALSE, error))
    return NAN;
  loss = model->klass->train_epoch (model, data, batch_func, user_data, error);
  /* A device failure explains a NaN loss better than "diverged" would. */
  if (model->be->check != NULL && !model->be->check (model->be, &device_error))
    {
      g_clear_error (error);
      g_propagate_error (error, g_steal_pointer (&device_error));
      return NAN;
    }
  return loss;
}

void
fw_model_predict (FwModel     *model,
                  const float *x,
                  gsize        n,
                  float       *out)
{
  FwBackend *be;
  guint np;

  g_return_if_fail (model != NULL);
  g_return_if_fail (x != NULL || n == 0);
  g_return_if_fail (out != NULL || n == 0);

  be = model->be;
  np = fw_model_n_predictions (model);
  for (gsize start = 0; start < n; start += model->max_rows)
    {
      gsize rows = MIN (model->max_rows, n - start);

      be->upload (be, model->x, x + start * model->n_features,
                  rows * model->n_features * sizeof (float));
      fw_model_forward (model, rows, 0);
      be->output (be, model->loss, model->acts[model->n_layers - 1], rows, model->n_outputs,
                  model->out);
      be->download (be, out + start * np, model->out, rows * np * sizeof (float));
    }
}

static gboolean
same_shape (const FwModel *a,
            const FwModel *b)
{
  if (a->n_layers != b->n_layers || a->task != b->task)
    return FALSE;
  for (guint l = 0; l < a->n_layers; l++)
    if (a->layers[l].n_in != b->layers[l].n_in || a->layers[l].n_out != b->layers[l].n_out)
      return FALSE;
  return TRUE;
}

void
fw_model_copy_params (FwModel       *dst,
                      const FwModel *src)
{
  gsize bytes;

  g_return_if_fail (dst != NULL && src != NULL);
  g_return_if_fail (same_shape (dst, src));

  bytes = src->n_params * sizeof (float);
  if (dst == src)
    return;
  if (dst->be == src->be)
    {
      dst->be->copy (dst->be, dst->params, src->params, bytes);
      return;
    }
  src->be->download (src->be, dst->host_params, src->params, bytes);
  dst->be->upload (dst->be, dst->params, dst->host_params, bytes);
}

FwModel *
fw_model_dup (const FwModel *model)
{
  FwModel *copy;
  gsize bytes;

  g_return_val_if_fail (model != NULL, NULL);

  /* The spec was accepted once; only memory can fail now. */
  copy = fw_model_new (&model->spec, model->task, model->n_features, model->n_outputs,
                       model->seed, NULL);
  if (copy == NULL)
    return NULL;
  bytes = model->n_params * sizeof (float);
  fw_model_copy_params (copy, model);
  if (model->moment1 != NULL)
    {
      model->be->copy (model->be, copy->moment1, model->moment1, bytes);
      model->be->copy (model->be, copy->moment2, model->moment2, bytes);
    }
  copy->shuffle_rng = model->shuffle_rng;
  copy->dropout_rng = model->dropout_rng;
  copy->step = model->step;
  return copy;
}

static void
borrowed_array_free (gpointer data)
{
  FwModelArray *array = data;

  g_free (array->name);
  g_free (array);
}

static void
add_array (GPtrArray  *arrays,
           char       *name,
           float      *data,
           gsize       n)
{
  FwModelArray *array = g_new (FwModelArray, 1);

  *array = (FwModelArray) { name, data, n };
  g_ptr_array_add (arrays, array);
}

/* The data point into host_params, a cache refreshed here: valid until the model next
 * changes or is freed. */
GPtrArray *
fw_model_get_arrays (const FwModel *model)
{
  FwModel *self = (FwModel *) model;
  GPtrArray *arrays;

  g_return_val_if_fail (model != NULL, NULL);

  self->be->download (self->be, self->host_params, self->params,
                      self->n_params * sizeof (float));
  arrays = g_ptr_array_new_with_free_func (borrowed_array_free);
  for (guint l = 0; l < model->n_layers; l++)
    {
      const FwLayer *layer = &model->layers[l];

      add_array (arrays, g_strdup_printf ("layer%u.weight", l),
                 self->host_params + layer->weight_offset, (gsize) layer->n_in * layer->n_out);
      add_array (arrays, g_strdup_printf ("layer%u.bias", l),
                 self->host_params + layer->bias_offset, layer->n_out);
    }
  return arrays;
}

static const FwModelArray *
expected_array (const FwModelFile *file,
                const char        *name,
                gsize              n,
                GError           **error)
{
  const FwModelArray *array = fw_model_file_get_array (file, name);

  if (array == NULL)
    {
      g_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_CORRUPT,
                   _("The model file has no parameters “%s”."), name);
      return NULL;
    }
  if (array->n != n)
    {
      g_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_CORRUPT,
                   _("The parameters “%s” hold %zu numbers where this model needs %zu."),
                   name, array->n, n);
      return NULL;
    }
  for (gsize i = 0; i < n; i++)
    if (!isfinite (array->data[i]))
      {
        g_set_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_CORRUPT,
                     _("The parameters “%s” hold a number that is not finite."), name);
        return NULL;
      }
  return array;
}

gboolean
fw_model_set_arrays (FwModel           *model,
                     const FwModelFile *file,
                     GError           **error)
{
  const FwModelArray *found[2 * FW_MODEL_MAX_LAYERS];

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Every array is checked before any is used, so a bad file leaves the model as it was. */
  for (guint l = 0; l < model->n_layers; l++)
    {
      const FwLayer *layer = &model->layers[l];
      char name[32];

      snprintf (name, sizeof name, "layer%u.weight", l);
      found[2 * l] = expected_array (file, name, (gsize) layer->n_in * layer->n_out, error);
      if (found[2 * l] == NULL)
        return FALSE;
      snprintf (name, sizeof name, "layer%u.bias", l);
      found[2 * l + 1] = expected_array (file, name, layer->n_out, error);
      if (found[2 * l + 1] == NULL)
        return FALSE;
    }
  for (guint l = 0; l < model->n_layers; l++)
    {
      const FwLayer *layer = &model->layers[l];

      memcpy (model->host_params + layer->weight_offset, found[2 * l]->data,
              found[2 * l]->n * sizeof (float));
      memcpy (model->host_params + layer->bias_offset, found[2 * l + 1]->data,
              found[2 * l + 1]->n * sizeof (float));
    }
  model->be->upload (model->be, model->params, model->host_params,
                     model->n_params * sizeof (float));
  return TRUE;
}
