/* fw-csv-import.h — streaming CSV import into a column store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "fw-table.h"

G_BEGIN_DECLS

#define FW_CSV_ERROR (fw_csv_error_quark ())

typedef enum {
  FW_CSV_ERROR_EMPTY,              /* no bytes, or only blank lines */
  FW_CSV_ERROR_NO_ROWS,            /* a header and nothing under it */
  FW_CSV_ERROR_BINARY,             /* NUL bytes: not a text file */
  FW_CSV_ERROR_ENCODING,           /* invalid UTF-8 */
  FW_CSV_ERROR_UNTERMINATED_QUOTE,
  FW_CSV_ERROR_RAGGED,             /* a row with another number of fields than the header */
  FW_CSV_ERROR_TOO_MANY_COLUMNS,
  FW_CSV_ERROR_FIELD_TOO_LONG,
  FW_CSV_ERROR_LINE_TOO_LONG,
  FW_CSV_ERROR_TOO_MANY_ROWS,
  FW_CSV_ERROR_NOT_UTF8,           /* single-byte text: the report names a guess to retry with */
} FwCsvError;

/* Hard limits; an input past one of them is refused with a clear error. */
#define FW_CSV_DEFAULT_MAX_COLUMNS     4096
#define FW_CSV_DEFAULT_MAX_FIELD_BYTES (1024 * 1024)
#define FW_CSV_DEFAULT_MAX_LINE_BYTES  (4 * 1024 * 1024)
/* Longer column names are cut to this many bytes (at a character boundary) and end in
 * "…": no one reads such a name whole, and every label that showed a 100 KB name would
 * stall the window while Pango shapes it. */
#define FW_CSV_MAX_NAME_BYTES          256

typedef enum {
  FW_CSV_HEADER_AUTO,
  FW_CSV_HEADER_YES,
  FW_CSV_HEADER_NO,
} FwCsvHeader;

typedef struct {
  char        delimiter;        /* 0: sniff among , ; TAB | */
  FwCsvHeader header;
  guint       max_columns;
  gsize       max_field_bytes;
  gsize       max_line_bytes;   /* a physical line, or a record spanning several */
  const char *encoding;         /* NULL: UTF-8 (UTF-16 is recognised); else an iconv name
                                 * such as "WINDOWS-1252", transcoded to UTF-8 as read */
} FwCsvOptions;

/* The longest text of a line that is not UTF-8 a report carries, decoded. */
#define FW_CSV_EXCERPT_BYTES 128

/* What the import found out about the file. */
typedef struct {
  char     delimiter;
  gboolean has_header;
  gboolean decimal_comma;
  const char *encoding;         /* "UTF-8", "UTF-16LE"/"UTF-16BE", or the options' encoding
                                 * (an interned string), read as UTF-8 */
  gsize    n_lines;             /* physical lines read (of the text as UTF-8) */
  gsize    n_bytes;
  /* Header names that repeat an earlier one get "_2", "_3"…: how many, and the first. */
  guint    n_renamed;
  char     renamed_from[FW_CSV_MAX_NAME_BYTES + 4];      /* "score" (cut names end in "…") */
  char     renamed_to[FW_CSV_MAX_NAME_BYTES + 16];       /* "score_2" */
  /* Rows with more fields than the header whose extra fields are all empty ("1,2,3,," under
   * three names): read, the extra fields ignored.  How many, the first one's line and its
   * number of fields, and the header's. */
  gsize    n_padded_rows;
  gsize    padded_line;
  guint    padded_fields;
  guint    n_columns;
  /* Also filled when the import fails with FW_CSV_ERROR_NOT_UTF8: the single-byte encoding
   * the file looks like ("WINDOWS-1252" or "ISO-8859-1"; NULL otherwise), the first line
   * that is not UTF-8, and its first such value decoded with the guess. */
  const char *guessed_encoding;
  gsize    guessed_line;
  char     guessed_text[FW_CSV_EXCERPT_BYTES + 4];
} FwCsvReport;

GQuark   fw_csv_error_quark   (void);
void     fw_csv_options_init  (FwCsvOptions *options);
/* The renamed header names in a sentence ("Two columns are both named “score”; the second
 * is shown as “score_2”."), newly allocated; NULL when none was renamed. */
char    *fw_csv_report_describe_renamed (const FwCsvReport *report);
/* The ignored empty trailing fields in a sentence, newly allocated; NULL when none. */
char    *fw_csv_report_describe_padded  (const FwCsvReport *report);
/* "Windows-1252 (Western European)" for an iconv name the import may guess, else a copy of
 * @encoding; newly allocated. */
char    *fw_csv_encoding_describe       (const char        *encoding);

/* Reads @file once, front to back, and never writes it.  @options and @report may be NULL.
 * @progress is called from the calling thread a few times per megabyte at most. */
FwTable *fw_csv_import_file   (GFile              *file,
                               const FwCsvOptions *options,
                               FwCsvReport        *report,
                               FwProgressFunc      progress,
                               gpointer            progress_data,
                               GCancellable       *cancellable,
                               GError            **error);
FwTable *fw_csv_import_stream (GInputStream       *stream,
                               goffset             size_hint,
                               const FwCsvOptions *options,
                               FwCsvReport        *report,
                               FwProgressFunc      progress,
                               gpointer            progress_data,
                               GCancellable       *cancellable,
                               GError            **error);
/* Convenience for tests and small inputs. */
/* @length may be -1 for a NUL-terminated @data. */
FwTable *fw_csv_import_data   (const char         *data,
                               gssize              length,
                               const FwCsvOptions *options,
                               FwCsvReport        *report,
                               GError            **error);

G_END_DECLS
