/* fw-train-job.h — the heavy ends of a training, off the main thread
 *
 * Preparing the dataset (a second on a million rows) and assembling the trained model
 * (permutation importance on the test part) each run in a GTask thread, so the window never
 * waits on them.  Plain engine calls: nothing here touches a widget.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "fw-table-model.h"
#include "fw-training-run.h"

G_BEGIN_DECLS

/* fw_training_run_new() on a worker thread; @table_model keeps the table alive until the
 * run is freed, @recipe is copied. */
void            fw_train_job_prepare_async  (FwTableModel        *table_model,
                                             GFile               *data_file,
                                             const FwRecipe      *recipe,
                                             double               carbon_intensity,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
FwTrainingRun  *fw_train_job_prepare_finish (GAsyncResult        *result,
                                             GError             **error);

/* fw_training_run_finish() on a worker thread.  @run is lent to the job: the caller must
 * not use it until the callback. */
void            fw_train_job_finish_async   (FwTrainingRun       *run,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
FwTrainedModel *fw_train_job_finish_finish  (GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
