/* fw-csv-encoding.h — reading CSV text that is not UTF-8 (engine-internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-csv-import.h"

G_BEGIN_DECLS

/* @text (not UTF-8) as @encoding reads it, in UTF-8, cut to FW_CSV_EXCERPT_BYTES and
 * ending in "…" when longer. */
char         *fw_csv_decode_excerpt          (const char   *text,
                                              gsize         len,
                                              const char   *encoding);

/* @stream again from @bom_len, read through a converter from @encoding to UTF-8; @stream
 * must seek back.  @size_hint (the bytes of @stream, or <= 0) becomes a guess of the bytes
 * of text it gives.  Newly allocated, or NULL with @error. */
GInputStream *fw_csv_open_converted          (GInputStream *stream,
                                              const char   *encoding,
                                              gsize         bom_len,
                                              goffset      *size_hint,
                                              GCancellable *cancellable,
                                              GError      **error);
/* An error from reading that stream: bytes the converter could not read become a
 * FW_CSV_ERROR_ENCODING naming @encoding; any other error is left as it is. */
void          fw_csv_explain_converted_error (GError      **error,
                                              const char   *encoding);

G_END_DECLS
