/* fw-export-job.c — the Export step's files, written on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include "fw-atomic-file.h"
#include "fw-export-job.h"
#include "fw-model-file.h"
#include "fw-onnx.h"
#include "fw-predictions.h"
#include "fw-project-file.h"
#include "fw-report.h"

typedef struct
{
  FwExportKind  kind;
  GFile        *file;
  GError       *error;
} Item;

struct _FwExportJob
{
  GBytes         *model_bytes;  /* the .fwmodel, exactly as fw_trained_model_save wrote it */
  FwTrainedModel *trained;      /* unpacked by the worker */
  FwTableModel   *table_model;  /* keeps the table alive */
  GFile          *data_file;
  char           *intended_use;
  GArray         *items;
};

static const struct
{
  const char *name;
  const char *suffix;           /* after the data file's stem */
} kinds[FW_N_EXPORTS] = {
  [FW_EXPORT_MODEL]        = { "model", ".fwmodel" },
  [FW_EXPORT_ONNX]         = { "onnx", ".onnx" },
  [FW_EXPORT_PREDICTIONS]  = { "predictions", "-predictions.csv" },
  [FW_EXPORT_REPORT_PDF]   = { "report-pdf", "-report.pdf" },
  [FW_EXPORT_REPORT_HTML]  = { "report-html", "-report.html" },
  [FW_EXPORT_RECIPE]       = { "recipe", "-recipe.json" },
};

const char *
fw_export_kind_to_string (FwExportKind kind)
{
  g_return_val_if_fail (kind < FW_N_EXPORTS, NULL);
  return kinds[kind].name;
}

gboolean
fw_export_kind_from_string (const char   *name,
                            FwExportKind *kind)
{
  for (guint i = 0; i < FW_N_EXPORTS; i++)
    if (g_strcmp0 (name, kinds[i].name) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

char *
fw_export_suggest_name (FwExportKind  kind,
                        GFile        *data_file)
{
  g_autofree char *base = data_file != NULL ? g_file_get_basename (data_file) : NULL;
  g_autofree char *display = base != NULL ? g_filename_display_name (base) : NULL;
  char *dot;

  g_return_val_if_fail (kind < FW_N_EXPORTS, NULL);

  if (display == NULL || *display == '\0' || *display == '.')
    {
      g_free (display);
      display = g_strdup ("model");
    }
  dot = strrchr (display, '.');
  if (dot != NULL)
    *dot = '\0';
  return g_strconcat (display, kinds[kind].suffix, NULL);
}

FwExportJob *
fw_export_job_new (FwSession   *session,
                   const char  *intended_use,
                   GError     **error)
{
  FwTrainedModel *trained;
  g_autoptr(FwExportJob) job = g_new0 (FwExportJob, 1);

  g_return_val_if_fail (FW_IS_SESSION (session), NULL);

  job->items = g_array_new (FALSE, TRUE, sizeof (Item));
  trained = fw_session_get_trained (session);
  if (trained == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Train a model first."));
      return NULL;
    }
  /* A copy the worker owns: the session may drop its model while the files are written. */
  job->model_bytes = fw_project_file_pack_model (trained, error);
  if (job->model_bytes == NULL)
    return NULL;
  job->table_model = fw_session_get_table_model (session) != NULL
                     ? g_object_ref (fw_session_get_table_model (session)) : NULL;
  job->data_file = fw_session_get_file (session) != NULL
                   ? g_object_ref (fw_session_get_file (session)) : NULL;
  job->intended_use = g_strdup (intended_use);
  return g_steal_pointer (&job);
}

void
fw_export_job_free (FwExportJob *job)
{
  if (job == NULL)
    return;
  for (guint i = 0; job->items != NULL && i < job->items->len; i++)
    {
      Item *item = &g_array_index (job->items, Item, i);

      g_clear_object (&item->file);
      g_clear_error (&item->error);
    }
  g_clear_pointer (&job->items, g_array_unref);
  g_clear_pointer (&job->model_bytes, g_bytes_unref);
  g_clear_pointer (&job->trained, fw_trained_model_free);
  g_clear_object (&job->table_model);
  g_clear_object (&job->data_file);
  g_free (job->intended_use);
  g_free (job);
}

void
fw_export_job_add (FwExportJob  *job,
                   FwExportKind  kind,
                   GFile        *file)
{
  Item item = { kind, g_object_ref (file), NULL };

  g_return_if_fail (job != NULL);
  g_return_if_fail (kind < FW_N_EXPORTS);
  g_array_append_val (job->items, item);
}

static gboolean
write_model (FwExportJob   *job,
             GFile         *file,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(FwAtomicFile) out = fw_atomic_file_new (file, cancellable, error);
  gsize length;
  const void *data = g_bytes_get_data (job->model_bytes, &length);

  return out != NULL &&
         fw_atomic_file_write (out, data, length, error) &&
         fw_atomic_file_commit (out, error);
}

static gboolean
write_onnx (FwExportJob   *job,
            GFile         *file,
            GCancellable  *cancellable,
            GError       **error)
{
  return fw_onnx_export (job->trained, file, error);
}

static gboolean
write_report (FwExportJob   *job,
              GFile         *file,
              GCancellable  *cancellable,
              GError       **error)
{
  /* The format follows the file's extension. */
  FwReportOptions options = { job->intended_use, 0 };

  return fw_report_write (job->trained, &options, file, error);
}

static gboolean
write_predictions (FwExportJob   *job,
                   GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  if (job->table_model == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Open a data file first."));
      return FALSE;
    }
  return fw_predictions_write (job->trained, fw_table_model_get_table (job->table_model), file,
                               cancellable, error);
}

/* The recipe the model was trained with, naming its data by path and fingerprint, as
 * `fairway-cli train --save-recipe` writes it: `train --recipe` then repeats the run. */
static gboolean
write_recipe (FwExportJob   *job,
              GFile         *file,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(FwRecipe) recipe = fw_recipe_copy (job->trained->recipe);

  if (job->data_file != NULL)
    {
      g_free (recipe->data);
      recipe->data = g_file_get_path (job->data_file);
      g_free (recipe->data_sha256);
      recipe->data_sha256 = g_strdup (job->trained->data_sha256);
      if (recipe->data_sha256 == NULL)
        recipe->data_sha256 = fw_file_sha256 (job->data_file, cancellable, error);
      if (recipe->data_sha256 == NULL)
        return FALSE;
    }
  g_free (recipe->fairway_version);
  recipe->fairway_version = g_strdup (PACKAGE_VERSION);
  g_free (recipe->backend);
  recipe->backend = g_strdup (job->trained->backend);
  return fw_recipe_save (recipe, file, error);
}

void
fw_export_job_run (FwExportJob  *job,
                   GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (job != NULL);

  if (job->trained == NULL)
    job->trained = fw_project_file_unpack_model (job->model_bytes, &error);
  for (guint i = 0; i < job->items->len; i++)
    {
      Item *item = &g_array_index (job->items, Item, i);

      if (job->trained == NULL)
        item->error = g_error_copy (error);
      else if (!g_cancellable_set_error_if_cancelled (cancellable, &item->error))
        switch (item->kind)
          {
          case FW_EXPORT_MODEL:
            write_model (job, item->file, cancellable, &item->error);
            break;
          case FW_EXPORT_ONNX:
            write_onnx (job, item->file, cancellable, &item->error);
            break;
          case FW_EXPORT_PREDICTIONS:
            write_predictions (job, item->file, cancellable, &item->error);
            break;
          case FW_EXPORT_REPORT_PDF:
          case FW_EXPORT_REPORT_HTML:
            write_report (job, item->file, cancellable, &item->error);
            break;
          case FW_EXPORT_RECIPE:
            write_recipe (job, item->file, cancellable, &item->error);
            break;
          case FW_N_EXPORTS:
          default:
            g_assert_not_reached ();
          }
    }
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  fw_export_job_run (task_data, cancellable);
  g_task_return_pointer (task, task_data, (GDestroyNotify) fw_export_job_free);
}

void
fw_export_job_run_async (FwExportJob         *job,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, fw_export_job_run_async);
  /* Cancelled or not, the job comes back: it says which files were written before. */
  g_task_set_check_cancellable (task, FALSE);
  /* Handed back by the worker through the task's result, so it is freed with the task
   * even when nobody finishes it. */
  g_task_set_task_data (task, job, NULL);
  g_task_run_in_thread (task, run_thread);
}

FwExportJob *
fw_export_job_run_finish (GAsyncResult *result)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), NULL);
}

guint
fw_export_job_get_n_items (FwExportJob *job)
{
  g_return_val_if_fail (job != NULL, 0);
  return job->items->len;
}

FwExportKind
fw_export_job_get_kind (FwExportJob *job,
                        guint        index)
{
  g_return_val_if_fail (job != NULL && index < job->items->len, FW_EXPORT_MODEL);
  return g_array_index (job->items, Item, index).kind;
}

GFile *
fw_export_job_get_file (FwExportJob *job,
                        guint        index)
{
  g_return_val_if_fail (job != NULL && index < job->items->len, NULL);
  return g_array_index (job->items, Item, index).file;
}

const GError *
fw_export_job_get_error (FwExportJob *job,
                         guint        index)
{
  g_return_val_if_fail (job != NULL && index < job->items->len, NULL);
  return g_array_index (job->items, Item, index).error;
}
