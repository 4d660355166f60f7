/* fw-import.h — one CSV import running on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "fw-csv-import.h"
#include "fw-profile.h"

G_BEGIN_DECLS

#define FW_TYPE_IMPORT (fw_import_get_type ())

G_DECLARE_FINAL_TYPE (FwImport, fw_import, FW, IMPORT, GObject)

FwImport *fw_import_new          (GFile               *file);
/* Writes the bundled sample (@n_rows rows from @seed) to @file first, then imports it. */
FwImport *fw_import_new_sample   (GFile               *file,
                                  guint64              n_rows,
                                  guint64              seed);
GFile    *fw_import_get_file     (FwImport            *self);
gboolean  fw_import_is_sample    (FwImport            *self);
/* Reads the file in @encoding (an iconv name; NULL: UTF-8, or UTF-16 recognised by its
 * bytes).  Set before running. */
void        fw_import_set_encoding (FwImport          *self,
                                    const char        *encoding);
const char *fw_import_get_encoding (FwImport          *self);
/* In [0, 1]; notified on the main thread, at most once per main-loop iteration. */
double    fw_import_get_fraction (FwImport            *self);

void      fw_import_run_async    (FwImport            *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
/* Returns the table (owned by the caller) and fills @report where given; @profile, where
 * given, receives the table's profile, made on the worker thread (owned by the caller).
 * On FW_CSV_ERROR_NOT_UTF8, @report is filled too: its guessed_* fields say the guess. */
FwTable  *fw_import_run_finish   (FwImport            *self,
                                  GAsyncResult        *result,
                                  FwCsvReport         *report,
                                  FwTableProfile     **profile,
                                  GError             **error);

G_END_DECLS
