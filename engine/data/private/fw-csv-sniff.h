/* fw-csv-sniff.h — guessing a CSV file's dialect from its first bytes (engine-internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How much of the file's start the guesses look at. */
#define FW_CSV_SNIFF_BYTES (64 * 1024)
#define FW_CSV_SNIFF_LINES 50

/* One of , ; TAB |: the one splitting the sample's lines most consistently. */
char     fw_csv_sniff_delimiter (const char *sample,
                                 gsize       len);

/* "UTF-16LE" or "UTF-16BE" when @sample is UTF-16 text — what Excel's "Unicode Text" and
 * many Windows tools write: a byte-order mark, or (without one) mostly ASCII whose every
 * other byte is zero — with the mark's length in *@bom_len; else NULL. */
const char *fw_csv_sniff_utf16  (const char *sample,
                                 gsize       len,
                                 gsize      *bom_len);

/* For a sample that is not UTF-8: "WINDOWS-1252" when bytes 0x80–0x9F appear and all are
 * characters there (curly quotes, dashes, the euro sign), else "ISO-8859-1"; NULL when the
 * sample is mostly well-formed UTF-8 (damaged UTF-8 is not a single-byte encoding). */
const char *fw_csv_sniff_single_byte (const char *sample,
                                      gsize       len);

/* TRUE when the first record reads as column names rather than data. */
gboolean fw_csv_sniff_header    (const char *sample,
                                 gsize       len,
                                 char        delimiter,
                                 gboolean    decimal_comma);

G_END_DECLS
