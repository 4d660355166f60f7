/* fw-csv-records.h — the importer's state, shared by the CSV driver and its libcsv
 * callbacks (engine-internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "fw-column-builder.h"
#include "fw-csv-import.h"

G_BEGIN_DECLS

#define FW_CSV_MAX_ROWS ((gsize) G_MAXINT32)

typedef struct
{
  FwCsvOptions options;
  gboolean     decimal_comma;
  gboolean     header_pending;  /* the first record holds the names */
  gboolean     width_known;     /* the number of columns is fixed */
  GArray      *builders;        /* FwColumnBuilder */
  guint        field;           /* fields seen so far in this record */
  gboolean     extra_values;    /* fields past the last column that are not empty */
  gboolean     in_record;
  gsize        n_rows;
  gsize        capacity;
  gsize        line;            /* physical line being parsed, from 1 */
  gsize        record_line;     /* line where the current record began */
  gsize        record_bytes;
  guint        n_renamed;
  char        *renamed_from, *renamed_to;  /* the first renamed header name */
  gsize        n_padded_rows;   /* rows whose fields past the last column are all empty */
  gsize        padded_line;
  guint        padded_fields;
  const char  *chunk;           /* the bytes being fed, for guessing an encoding */
  gsize        chunk_len;
  const char  *guessed_encoding;
  gsize        guessed_line;
  char        *guessed_text;
  GError      *error;
} FwCsvImporter;

/* Keeps the first error only: later ones follow from it. */
void     fw_csv_importer_fail               (FwCsvImporter *im,
                                             FwCsvError     code,
                                             const char    *format,
                                             ...) G_GNUC_PRINTF (3, 4);
/* Sets G_IO_ERROR_NO_SPACE naming @bytes (unless an error is set); returns FALSE. */
gboolean fw_csv_importer_fail_out_of_memory (FwCsvImporter *im,
                                             gsize          bytes);
/* libcsv's field and record callbacks; @user_data is the FwCsvImporter. */
void     fw_csv_importer_on_field           (void          *data,
                                             size_t         len,
                                             void          *user_data);
void     fw_csv_importer_on_record          (int            c,
                                             void          *user_data);

G_END_DECLS
