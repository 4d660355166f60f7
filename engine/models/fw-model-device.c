/* fw-model-device.c — where a model's batches come from, and which device it runs on
 *
 * On the CPU a mini-batch is gathered straight from the caller's arrays.  A backend with
 * its own memory (a GPU) would pay a host-to-device copy per batch that way, so its model
 * keeps a copy of the training rows in device memory — uploaded once when the trainer
 * promises the arrays stay unchanged (fw_model_keep_data), else once per epoch — and the
 * batches are gathered there from the epoch's row order.  Device memory is checked before
 * that copy is made, so running out is a sentence about the GPU, not a crash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include "fw-backend-cuda.h"
#include "fw-error.h"
#include "fw-model-device-private.h"

/* Device memory left free beyond the training rows: cuBLAS's workspace, the allocator's
 * rounding, and the validation chunks still to come. */
#define DEVICE_HEADROOM (G_GUINT64_CONSTANT (256) << 20)
#define GIB             (1024.0 * 1024.0 * 1024.0)

void
fw_model_resident_free (FwModel *model)
{
  FwResident *res = &model->resident;
  gpointer buffers[] = { res->x, res->labels, res->values, res->weights, res->order };

  for (guint i = 0; i < G_N_ELEMENTS (buffers); i++)
    if (buffers[i] != NULL)
      model->be->free (model->be, buffers[i]);
  memset (res, 0, sizeof *res);
}

static gboolean
same_arrays (const FwModelData *a,
             const FwModelData *b)
{
  return a->x == b->x && a->labels == b->labels && a->values == b->values &&
         a->weights == b->weights && a->n == b->n;
}

/* Bytes of the copy of @data: features, targets, weights and the row order. */
static guint64
resident_bytes (const FwModel     *model,
                const FwModelData *data)
{
  guint64 per_row = (guint64) model->n_features * sizeof (float) + sizeof (gsize) +
                    (model->n_classes > 0 ? sizeof (guint32) : model->n_outputs * sizeof (float)) +
                    (data->weights != NULL ? sizeof (float) : 0);

  return per_row * data->n;
}

static gboolean
check_room (FwModel *model,
            guint64  need,
            GError **error)
{
  FwBackend *be = model->be;
  guint64 free_bytes = 0, total_bytes = 0;

  /* A backend that cannot tell lets the allocation answer. */
  if (be->memory_info == NULL || !be->memory_info (be, &free_bytes, &total_bytes))
    return TRUE;
  if (need <= G_MAXUINT64 - DEVICE_HEADROOM && need + DEVICE_HEADROOM <= free_bytes)
    return TRUE;
  return fw_set_error (error, FW_BACKEND_ERROR, FW_BACKEND_ERROR_MEMORY,
                       _("The training rows need %.2f GiB of GPU memory, but only %.2f GiB of "
                         "the GPU’s %.0f GiB is free. Train on the CPU instead."),
                       need / GIB, free_bytes / GIB, total_bytes / GIB);
}

static gpointer
device_buffer (FwModel *model,
               gsize    n,
               gsize    size)
{
  gsize bytes;

  if (!g_size_checked_mul (&bytes, n, size))
    return NULL;
  return model->be->alloc (model->be, bytes);
}

gboolean
fw_model_make_resident (FwModel           *model,
                        const FwModelData *data,
                        gboolean           keep,
                        GError           **error)
{
  FwBackend *be = model->be;
  FwResident *res = &model->resident;
  gboolean fits;

  g_assert (be->gather_rows != NULL);

  if (res->kept && same_arrays (&res->of, data))
    return TRUE;
  /* Same shape: the buffers serve again and only the rows travel. */
  fits = res->x != NULL && res->of.n == data->n &&
         (res->of.weights != NULL) == (data->weights != NULL);
  if (!fits)
    {
      fw_model_resident_free (model);
      if (!check_room (model, resident_bytes (model, data), error))
        return FALSE;
      res->x = device_buffer (model, data->n, model->n_features * sizeof (float));
      res->order = device_buffer (model, data->n, sizeof (gsize));
      if (model->n_classes > 0)
        res->labels = device_buffer (model, data->n, sizeof (guint32));
      else
        res->values = device_buffer (model, data->n, model->n_outputs * sizeof (float));
      if (data->weights != NULL)
        res->weights = device_buffer (model, data->n, sizeof (float));
      if (res->x == NULL || res->order == NULL || (res->labels == NULL && res->values == NULL) ||
          (data->weights != NULL && res->weights == NULL))
        {
          fw_model_resident_free (model);
          return fw_set_error (error, FW_BACKEND_ERROR, FW_BACKEND_ERROR_MEMORY,
                               _("There is not enough GPU memory for the training rows. "
                                 "Train on the CPU instead."));
        }
    }

  be->upload (be, res->x, data->x, data->n * model->n_features * sizeof (float));
  if (model->n_classes > 0)
    be->upload (be, res->labels, data->labels, data->n * sizeof (guint32));
  else
    be->upload (be, res->values, data->values, data->n * model->n_outputs * sizeof (float));
  if (data->weights != NULL)
    be->upload (be, res->weights, data->weights, data->n * sizeof (float));
  res->of = *data;
  res->kept = keep;
  return be->check == NULL || be->check (be, error);
}

void
fw_model_upload_order (FwModel *model,
                       gsize    n)
{
  if (model->be->gather_rows == NULL)
    return;
  g_assert (model->resident.order != NULL && n == model->resident.of.n);
  model->be->upload (model->be, model->resident.order, model->order, n * sizeof (gsize));
}

void
fw_model_gather_batch (FwModel           *model,
                       const FwModelData *data,
                       gsize              start,
                       gsize              rows)
{
  FwBackend *be = model->be;
  const FwResident *res = &model->resident;
  const gsize *idx;

  if (be->gather_rows == NULL)
    {
      idx = model->order + start;
      be->gather (be, model->x, data->x, model->n_features, idx, rows);
      if (model->n_classes > 0)
        be->gather_labels (be, model->labels, data->labels, idx, rows);
      else
        be->gather (be, model->values, data->values, model->n_outputs, idx, rows);
      if (data->weights != NULL)
        be->gather (be, model->weights, data->weights, 1, idx, rows);
      return;
    }

  /* The device copy is of @data: fw_model_train_epoch made sure before the epoch. */
  g_assert (same_arrays (&res->of, data));
  idx = res->order + start;
  be->gather_rows (be, model->x, res->x, model->n_features, idx, rows);
  if (model->n_classes > 0)
    be->gather_rows (be, model->labels, res->labels, 1, idx, rows);
  else
    be->gather_rows (be, model->values, res->values, model->n_outputs, idx, rows);
  if (data->weights != NULL)
    be->gather_rows (be, model->weights, res->weights, 1, idx, rows);
}

gboolean
fw_model_keep_data (FwModel           *model,
                    const FwModelData *data,
                    GError           **error)
{
  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (data != NULL && (data->x != NULL || data->n == 0), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (model->be->gather_rows == NULL || !model->klass->iterative || model->klass->exact ||
      data->n == 0)
    return TRUE;
  if (!fw_model_check_data (model, data, error))
    return FALSE;
  return fw_model_make_resident (model, data, TRUE, error);
}

char *
fw_model_describe_backend (const FwModel *model)
{
  g_return_val_if_fail (model != NULL, NULL);
  return model->be->describe (model->be);
}

const char *
fw_model_gpu_pci_bus_id (const FwModel *model)
{
  g_return_val_if_fail (model != NULL, NULL);

  if (strcmp (model->be->name, "cuda") != 0)
    return NULL;
  return fw_backend_cuda_probe ()->pci_bus_id;
}
