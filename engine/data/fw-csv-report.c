/* fw-csv-report.c — what an import found, said in sentences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-csv-import.h"

char *
fw_csv_encoding_describe (const char *encoding)
{
  g_return_val_if_fail (encoding != NULL, NULL);

  if (g_ascii_strcasecmp (encoding, "WINDOWS-1252") == 0)
    return g_strdup (_("Windows-1252 (Western European)"));
  if (g_ascii_strcasecmp (encoding, "ISO-8859-1") == 0)
    return g_strdup (_("ISO-8859-1 (Latin-1, Western European)"));
  return g_strdup (encoding);
}

char *
fw_csv_report_describe_renamed (const FwCsvReport *report)
{
  g_autofree char *first = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  if (report->n_renamed == 0)
    return NULL;
  /* Translators: a name repeated in a file's header row; "score", then "score_2". */
  first = g_strdup_printf (_("Two columns are both named “%s”; the second is shown as “%s”."),
                           report->renamed_from, report->renamed_to);
  if (report->n_renamed == 1)
    return g_steal_pointer (&first);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s %u more repeated name has a number added too.",
                                       "%s %u more repeated names have a number added too.",
                                       report->n_renamed - 1),
                          first, report->n_renamed - 1);
}

char *
fw_csv_report_describe_padded (const FwCsvReport *report)
{
  g_autofree char *first = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  if (report->n_padded_rows == 0)
    return NULL;
  /* Translators: "Line 4 has 5 fields for 3 columns; …". */
  first = g_strdup_printf (_("Line %zu has %u fields for %u columns; the extra fields are "
                             "empty and were left out."),
                           report->padded_line, report->padded_fields, report->n_columns);
  if (report->n_padded_rows == 1)
    return g_steal_pointer (&first);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s %zu more row ends in empty fields too.",
                                       "%s %zu more rows end in empty fields too.",
                                       (gulong) MIN (report->n_padded_rows - 1, G_MAXULONG)),
                          first, report->n_padded_rows - 1);
}
