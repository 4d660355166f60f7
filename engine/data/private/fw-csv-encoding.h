/* fw-csv-encoding.h — reading CSV text that is not UTF-8 (engine-internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-csv-import.h"

G_BEGIN_DECLS

/* @text (not UTF-8) as @encoding reads it, in UTF-8, cut to FW_CSV_EXCERPT_BYTES and
 * ending in "…" when longer. */
char    *fw_csv_decode_excerpt   (const char         *text,
                                  gsize               len,
                                  const char         *encoding);

/* Reads @stream again from @bom_len through a converter from @encoding to UTF-8, and
 * imports that with @options (whose encoding is ignored).  @stream must seek back. */
FwTable *fw_csv_import_converted (GInputStream       *stream,
                                  const char         *encoding,
                                  gsize               bom_len,
                                  goffset             size_hint,
                                  const FwCsvOptions *options,
                                  FwCsvReport        *report,
                                  FwProgressFunc      progress,
                                  gpointer            progress_data,
                                  GCancellable       *cancellable,
                                  GError            **error);

G_END_DECLS
