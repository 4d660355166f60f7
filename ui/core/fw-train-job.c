/* fw-train-job.c — the heavy ends of a training, off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-train-job.h"

typedef struct
{
  FwTableModel *table_model;
  GFile        *data_file;
  FwRecipe     *recipe;
  double        carbon_intensity;
} PrepareData;

static void
prepare_data_free (PrepareData *data)
{
  g_clear_object (&data->table_model);
  g_clear_object (&data->data_file);
  g_clear_pointer (&data->recipe, fw_recipe_free);
  g_free (data);
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PrepareData *data = task_data;
  FwTrainingOptions options;
  GError *error = NULL;
  FwTrainingRun *run;

  fw_training_options_init (&options);
  options.carbon_intensity = data->carbon_intensity;
  run = fw_training_run_new (fw_table_model_get_table (data->table_model), data->data_file,
                             data->recipe, &options, cancellable, &error);
  if (run == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, run, (GDestroyNotify) fw_training_run_free);
}

void
fw_train_job_prepare_async (FwTableModel        *table_model,
                            GFile               *data_file,
                            const FwRecipe      *recipe,
                            double               carbon_intensity,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PrepareData *data;

  g_return_if_fail (FW_IS_TABLE_MODEL (table_model));
  g_return_if_fail (recipe != NULL);

  data = g_new0 (PrepareData, 1);
  data->table_model = g_object_ref (table_model);
  data->data_file = data_file != NULL ? g_object_ref (data_file) : NULL;
  data->recipe = fw_recipe_copy (recipe);
  data->carbon_intensity = carbon_intensity;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, fw_train_job_prepare_async);
  g_task_set_task_data (task, data, (GDestroyNotify) prepare_data_free);
  g_task_run_in_thread (task, prepare_thread);
}

FwTrainingRun *
fw_train_job_prepare_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
finish_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  FwTrainedModel *trained = fw_training_run_finish (task_data, cancellable, &error);

  if (trained == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, trained, (GDestroyNotify) fw_trained_model_free);
}

void
fw_train_job_finish_async (FwTrainingRun       *run,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (run != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, fw_train_job_finish_async);
  g_task_set_task_data (task, run, NULL);
  g_task_run_in_thread (task, finish_thread);
}

FwTrainedModel *
fw_train_job_finish_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
