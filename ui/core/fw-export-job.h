/* fw-export-job.h — the Export step's files, written on a worker thread
 *
 * A job is a snapshot of what the session holds (a copy of the trained model, the table,
 * the intended use) taken on the main thread, and a list of files to write from it.  The
 * worker never looks at the session again, so the user may go on working (even retrain)
 * while a large predictions file is written.  Every file is written atomically.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "fw-session.h"

G_BEGIN_DECLS

typedef enum {
  FW_EXPORT_MODEL,
  FW_EXPORT_ONNX,
  FW_EXPORT_PREDICTIONS,
  FW_EXPORT_REPORT_PDF,
  FW_EXPORT_REPORT_HTML,
  FW_EXPORT_RECIPE,
  FW_N_EXPORTS
} FwExportKind;

/* "model", "onnx", "predictions", "report-pdf", "report-html", "recipe" (action targets). */
const char  *fw_export_kind_to_string   (FwExportKind  kind);
gboolean     fw_export_kind_from_string (const char   *name,
                                         FwExportKind *kind);
/* "people.fwmodel", "people-predictions.csv"…: from the data file's name. */
char        *fw_export_suggest_name     (FwExportKind  kind,
                                         GFile        *data_file);

typedef struct _FwExportJob FwExportJob;

/* NULL when the session has no trained model (or it cannot be copied). */
FwExportJob *fw_export_job_new          (FwSession     *session,
                                         const char    *intended_use,
                                         GError       **error);
void         fw_export_job_free         (FwExportJob   *job);
void         fw_export_job_add          (FwExportJob   *job,
                                         FwExportKind   kind,
                                         GFile         *file);
/* Takes @job; the finish hands it back with each file's outcome, also when @cancellable
 * was cancelled (the files not written then say G_IO_ERROR_CANCELLED). */
void         fw_export_job_run_async    (FwExportJob          *job,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
FwExportJob *fw_export_job_run_finish   (GAsyncResult  *result);
/* Runs on the calling thread (tests, the CLI). */
void         fw_export_job_run          (FwExportJob   *job,
                                         GCancellable  *cancellable);

guint         fw_export_job_get_n_items (FwExportJob *job);
FwExportKind  fw_export_job_get_kind    (FwExportJob *job,
                                         guint        index);
GFile        *fw_export_job_get_file    (FwExportJob *job,
                                         guint        index);
/* NULL when that file was written. */
const GError *fw_export_job_get_error   (FwExportJob *job,
                                         guint        index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwExportJob, fw_export_job_free)

G_END_DECLS
