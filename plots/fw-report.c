/* fw-report.c — writes the model card, as PDF or HTML by the file's name
 *
 * The document is rendered whole in memory first, then written through an FwAtomicFile:
 * a failure at any point (layout, a full disk, a missing folder) leaves no file behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include "fw-atomic-file.h"
#include "fw-report-content.h"

G_DEFINE_QUARK (fw-report-error-quark, fw_report_error)

typedef enum {
  FORMAT_NONE,
  FORMAT_PDF,
  FORMAT_HTML,
} Format;

static Format
format_of (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  const char *dot = name != NULL ? strrchr (name, '.') : NULL;

  if (dot == NULL)
    return FORMAT_NONE;
  if (g_ascii_strcasecmp (dot, ".pdf") == 0)
    return FORMAT_PDF;
  if (g_ascii_strcasecmp (dot, ".html") == 0 || g_ascii_strcasecmp (dot, ".htm") == 0)
    return FORMAT_HTML;
  return FORMAT_NONE;
}

static gboolean
write_bytes (GFile   *file,
             GBytes  *bytes,
             GError **error)
{
  g_autoptr(FwAtomicFile) atomic = NULL;
  gsize size;
  gconstpointer data;

  if (bytes == NULL)
    return FALSE;
  atomic = fw_atomic_file_new (file, NULL, error);
  if (atomic == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  return fw_atomic_file_write (atomic, data, size, error) && fw_atomic_file_commit (atomic, error);
}

static gint64
report_time (const FwReportOptions *options)
{
  return options != NULL && options->now != 0 ? options->now
                                              : g_get_real_time () / G_USEC_PER_SEC;
}

gboolean
fw_report_write_pdf (const FwTrainedModel  *trained,
                     const FwReportOptions *options,
                     GFile                 *file,
                     GError               **error)
{
  g_autoptr(FwReport) report = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (trained != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  report = fw_report_new (trained, options);
  bytes = fw_report_render_pdf (report, report_time (options), error);
  return write_bytes (file, bytes, error);
}

gboolean
fw_report_write_html (const FwTrainedModel  *trained,
                      const FwReportOptions *options,
                      GFile                 *file,
                      GError               **error)
{
  g_autoptr(FwReport) report = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (trained != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  report = fw_report_new (trained, options);
  bytes = fw_report_render_html (report, error);
  return write_bytes (file, bytes, error);
}

gboolean
fw_report_write (const FwTrainedModel  *trained,
                 const FwReportOptions *options,
                 GFile                 *file,
                 GError               **error)
{
  g_return_val_if_fail (trained != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  switch (format_of (file))
    {
    case FORMAT_PDF:
      return fw_report_write_pdf (trained, options, file, error);
    case FORMAT_HTML:
      return fw_report_write_html (trained, options, file, error);
    case FORMAT_NONE:
    default:
      g_set_error_literal (error, FW_REPORT_ERROR, FW_REPORT_ERROR_FORMAT,
                           _("A report can be written as PDF (.pdf) or HTML (.html) only."));
      return FALSE;
    }
}
