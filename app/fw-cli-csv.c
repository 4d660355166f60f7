/* fw-cli-csv.c — reading a CSV for any command, in the encoding --encoding names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-cli.h"

FwTable *
fw_cli_import_csv (GFile          *file,
                   const char     *encoding,
                   FwCsvReport    *report,
                   FwProgressFunc  progress,
                   GError        **error)
{
  g_autoptr(GError) local = NULL;
  FwCsvReport own = { 0 };
  FwCsvOptions options;
  FwTable *table;

  fw_csv_options_init (&options);
  options.encoding = encoding;
  if (report == NULL)
    report = &own;
  table = fw_csv_import_file (file, &options, report, progress, NULL, NULL, &local);
  if (table != NULL)
    return table;
  /* The engine says what the file looks like; the command line says how to read it so. */
  if (g_error_matches (local, FW_CSV_ERROR, FW_CSV_ERROR_NOT_UTF8))
    /* Translators: the first %s is an error message, the second an encoding's name. */
    g_set_error (error, FW_CSV_ERROR, FW_CSV_ERROR_NOT_UTF8, _("%s Read it with --encoding %s."),
                 local->message, report->guessed_encoding);
  else if (encoding != NULL && g_error_matches (local, FW_CSV_ERROR, FW_CSV_ERROR_ENCODING))
    g_set_error (error, FW_CSV_ERROR, FW_CSV_ERROR_ENCODING, _("%s (--encoding %s)"),
                 local->message, encoding);
  else
    g_propagate_error (error, g_steal_pointer (&local));
  return NULL;
}
