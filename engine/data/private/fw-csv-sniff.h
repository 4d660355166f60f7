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

/* TRUE when the first record reads as column names rather than data. */
gboolean fw_csv_sniff_header    (const char *sample,
                                 gsize       len,
                                 char        delimiter,
                                 gboolean    decimal_comma);

G_END_DECLS
