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
GInputStream *
fw_csv_open_converted (GInputStream *stream,
                       const char   *encoding,
                       gsize         bom_len,
                       goffset      *size_hint,
                       GCancellable *cancellable,
                       GError      **error)
{
  g_autoptr(GCharsetConverter) converter = NULL;
  g_autofree char *described = fw_csv_encoding_describe (encoding);

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
  /* ASCII text takes half the bytes in UTF-8 that it takes in UTF-16. */
  if (*size_hint > 0 && g_ascii_strncasecmp (encoding, "UTF-16", 6) == 0)
    *size_hint /= 2;
  return g_converter_input_stream_new (stream, G_CONVERTER (converter));
}

void
fw_csv_explain_converted_error (GError    **error,
                                const char *encoding)
{
  g_autofree char *described = NULL;

  if (error == NULL || !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
    return;
  described = fw_csv_encoding_describe (encoding);
  g_clear_error (error);
  g_set_error (error, FW_CSV_ERROR, FW_CSV_ERROR_ENCODING,
               _("This file holds bytes that are not %s text. "
                 "Save it with the UTF-8 encoding and open it again."), described);
}
