/* fw-csv-encoding.c — reading CSV text that is not UTF-8
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include "fw-csv-encoding.h"

/* @text (not UTF-8) read as @encoding, cut to FW_CSV_EXCERPT_BYTES. */
char *
fw_csv_decode_excerpt (const char *text,
                       gsize       len,
                       const char *encoding)
{
  g_autofree char *decoded = g_convert (text, MIN (len, FW_CSV_EXCERPT_BYTES), "UTF-8",
                                        encoding, NULL, NULL, NULL);
  g_autofree char *shown = NULL;
  gsize cut;

  if (decoded == NULL)
    decoded = g_utf8_make_valid (text, MIN (len, FW_CSV_EXCERPT_BYTES));
  if (strlen (decoded) <= FW_CSV_EXCERPT_BYTES && len <= FW_CSV_EXCERPT_BYTES)
    return g_steal_pointer (&decoded);
  /* Single bytes may take two in UTF-8: cut at a character boundary. */
  cut = MIN (strlen (decoded), FW_CSV_EXCERPT_BYTES);
  if (cut < strlen (decoded))
    cut = g_utf8_find_prev_char (decoded, decoded + cut + 1) - decoded;
  shown = g_strndup (decoded, cut);
  return g_strconcat (shown, "…", NULL);
}

/* UTF-16 text, or text in the encoding the caller named, is read through a converter to
 * UTF-8, from the start again: the first chunk has been taken from @stream already, so only
 * a stream that can seek back is read. */
FwTable *
fw_csv_import_converted (GInputStream       *stream,
                         const char         *encoding,
                         gsize               bom_len,
                         goffset             size_hint,
                         const FwCsvOptions *options,
                         FwCsvReport        *report,
                         FwProgressFunc      progress,
                         gpointer            progress_data,
                         GCancellable       *cancellable,
                         GError            **error)
{
  g_autoptr(GCharsetConverter) converter = NULL;
  g_autoptr(GInputStream) converted = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *described = fw_csv_encoding_describe (encoding);
  gboolean utf16 = g_ascii_strncasecmp (encoding, "UTF-16", 6) == 0;
  FwCsvOptions as_utf8 = *options;
  FwTable *table;

  converter = g_charset_converter_new ("UTF-8", encoding, NULL);
  if (converter == NULL)
    {
      g_set_error (error, FW_CSV_ERROR, FW_CSV_ERROR_ENCODING,
                   _("Fairway does not know the text encoding “%s”."), encoding);
      return NULL;
    }
  if (!G_IS_SEEKABLE (stream) || !g_seekable_can_seek (G_SEEKABLE (stream)) ||
      !g_seekable_seek (G_SEEKABLE (stream), bom_len, G_SEEK_SET, cancellable, NULL))
    {
      g_set_error (error, FW_CSV_ERROR, FW_CSV_ERROR_ENCODING,
                   _("This is %s text, which can be read only from a file. "
                     "Save it with the UTF-8 encoding and open it again."), described);
      return NULL;
    }
  converted = g_converter_input_stream_new (stream, G_CONVERTER (converter));
  as_utf8.encoding = NULL;
  /* ASCII text takes half the bytes in UTF-8 that it takes in UTF-16. */
  table = fw_csv_import_stream (converted, size_hint > 0 && utf16 ? size_hint / 2 : size_hint,
                                &as_utf8, report, progress, progress_data, cancellable, &local);
  if (table == NULL && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
    {
      g_set_error (error, FW_CSV_ERROR, FW_CSV_ERROR_ENCODING,
                   _("This file holds bytes that are not %s text. "
                     "Save it with the UTF-8 encoding and open it again."), described);
      return NULL;
    }
  if (table == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (report != NULL)
    report->encoding = g_intern_string (encoding);
  return table;
}
