/* fw-csv-import.c — streaming CSV import into a column store
 *
 * The file is read once, in 1 MiB chunks, and fed to libcsv one physical line at a time so
 * every error can name its line.  Each field goes straight into its column's builder
 * (fw-column-builder.c), so memory stays near the final column store: no row of strings is
 * ever kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <csv.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include "fw-column-builder.h"
#include "fw-csv-import.h"
#include "fw-csv-encoding.h"
#include "fw-csv-records.h"
#include "fw-csv-sniff.h"
#include "fw-number.h"

#define CHUNK_BYTES     (1024 * 1024)

G_DEFINE_QUARK (fw-csv-error-quark, fw_csv_error)

void
fw_csv_options_init (FwCsvOptions *options)
{
  g_return_if_fail (options != NULL);

  options->delimiter = 0;
  options->header = FW_CSV_HEADER_AUTO;
  options->max_columns = FW_CSV_DEFAULT_MAX_COLUMNS;
  options->max_field_bytes = FW_CSV_DEFAULT_MAX_FIELD_BYTES;
  options->max_line_bytes = FW_CSV_DEFAULT_MAX_LINE_BYTES;
  options->encoding = NULL;
}

/* Feeds one chunk to libcsv a physical line at a time, so callbacks know their line. */
static void
feed (FwCsvImporter     *im,
      struct csv_parser *parser,
      const char        *data,
      gsize              len)
{
  const char *p = data, *end = data + len;

  im->chunk = data;
  im->chunk_len = len;
  while (p < end && im->error == NULL)
    {
      const char *newline = memchr (p, '\n', end - p);
      const char *stop = newline != NULL ? newline + 1 : end;

      if (im->record_bytes + (stop - p) > im->options.max_line_bytes)
        {
          g_autofree char *limit = g_format_size (im->options.max_line_bytes);

          if (im->in_record && im->record_line != im->line)
            fw_csv_importer_fail (im, FW_CSV_ERROR_LINE_TOO_LONG,
                                  _("The row starting on line %zu is longer than %s. "
                                    "A quote may be missing its closing partner."),
                                  im->record_line, limit);
          else
            fw_csv_importer_fail (im, FW_CSV_ERROR_LINE_TOO_LONG,
                                  _("Line %zu is longer than %s. Is this really a CSV file?"),
                                  im->line, limit);
          return;
        }
      im->record_bytes += stop - p;
      /* No record is open (libcsv's ROW_NOT_BEGUN): the next one begins on this line. */
      if (parser->pstate == 0)
        im->record_line = im->line;
      if (csv_parse (parser, p, stop - p, fw_csv_importer_on_field, fw_csv_importer_on_record,
                     im) != (gsize) (stop - p))
        fw_csv_importer_fail_out_of_memory (im, csv_get_buffer_size (parser));
      if (newline != NULL)
        im->line++;
      p = stop;
    }
}

static gboolean
check_binary (FwCsvImporter *im,
              const char    *data,
              gsize          len)
{
  const char *nul = memchr (data, '\0', len);
  gsize line = im->line;

  if (nul == NULL)
    return TRUE;
  for (const char *p = data; (p = memchr (p, '\n', nul - p)) != NULL; p++)
    line++;
  fw_csv_importer_fail (im, FW_CSV_ERROR_BINARY,
                        _("This does not look like a text file: line %zu contains a NUL byte. "
                          "Fairway opens CSV text files."), line);
  return FALSE;
}

static int
is_space_not_tab (unsigned char c)
{
  return c == ' ';
}

static FwTable *
finish_table (FwCsvImporter *im)
{
  FwTable *table = fw_table_new ();

  for (guint j = 0; j < im->builders->len; j++)
    fw_table_take_column (table,
                          fw_column_builder_finish (&g_array_index (im->builders, FwColumnBuilder, j),
                                                    im->n_rows));
  return table;
}

static gsize
estimate_rows (const char *sample,
               gsize       len,
               goffset     size_hint)
{
  gsize lines = 0;

  for (const char *p = sample; (p = memchr (p, '\n', sample + len - p)) != NULL; p++)
    lines++;
  if (size_hint <= 0 || lines == 0)
    return 1024;
  /* A little over, so a steady file needs no growth; the unused tail is never touched. */
  return MIN ((gsize) (size_hint / ((double) len / lines) * 1.05) + 64, FW_CSV_MAX_ROWS);
}

/* Text that is not UTF-8 (UTF-16, or the options' encoding) is imported again from the
 * start, through a converter: as UTF-8 the second time. */
static FwTable *
import_converted (GInputStream       *stream,
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
  g_autoptr(GInputStream) converted = NULL;
  FwCsvOptions as_utf8 = *options;
  FwTable *table;

  converted = fw_csv_open_converted (stream, encoding, bom_len, &size_hint, cancellable, error);
  if (converted == NULL)
    return NULL;
  as_utf8.encoding = NULL;
  table = fw_csv_import_stream (converted, size_hint, &as_utf8, report, progress, progress_data,
                                cancellable, error);
  if (table == NULL)
    {
      fw_csv_explain_converted_error (error, encoding);
      return NULL;
    }
  if (report != NULL)
    report->encoding = g_intern_string (encoding);
  return table;
}

FwTable *
fw_csv_import_stream (GInputStream       *stream,
                      goffset             size_hint,
                      const FwCsvOptions *options,
                      FwCsvReport        *report,
                      FwProgressFunc      progress,
                      gpointer            progress_data,
                      GCancellable       *cancellable,
                      GError            **error)
{
  FwCsvImporter im = { 0 };
  struct csv_parser parser;
  g_autofree char *buffer = NULL;
  gsize chunk, got = 0, total = 0, skip = 0;
  char delimiter;
  gboolean has_header, eof = FALSE;
  const char *encoding;
  FwTable *table = NULL;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options != NULL)
    im.options = *options;
  else
    fw_csv_options_init (&im.options);
  im.line = 1;
  im.builders = g_array_new (FALSE, TRUE, sizeof (FwColumnBuilder));
  g_array_set_clear_func (im.builders, (GDestroyNotify) fw_column_builder_clear);

  /* Small inputs get a small buffer: one more byte than the hint, to see the end at once. */
  chunk = size_hint > 0 && size_hint < CHUNK_BYTES ? (gsize) size_hint + 1 : CHUNK_BYTES;
  buffer = g_malloc (chunk);
  if (!g_input_stream_read_all (stream, buffer, chunk, &got, cancellable, &im.error))
    goto out;
  eof = got < chunk;
  total = got;
  encoding = im.options.encoding;
  if (encoding != NULL && g_ascii_strcasecmp (encoding, "UTF-8") != 0 &&
      g_ascii_strcasecmp (encoding, "UTF8") != 0)
    {
      table = import_converted (stream, encoding, 0, size_hint, &im.options, report, progress,
                                progress_data, cancellable, &im.error);
      goto out;
    }
  if ((encoding = fw_csv_sniff_utf16 (buffer, got, &skip)) != NULL)
    {
      table = import_converted (stream, encoding, skip, size_hint, &im.options, report, progress,
                                progress_data, cancellable, &im.error);
      goto out;
    }
  if (got >= 3 && memcmp (buffer, "\xEF\xBB\xBF", 3) == 0)
    skip = 3;
  if (!check_binary (&im, buffer + skip, got - skip))
    goto out;

  {
    gsize sample = MIN (got - skip, FW_CSV_SNIFF_BYTES);

    delimiter = im.options.delimiter != 0 ? im.options.delimiter
                                          : fw_csv_sniff_delimiter (buffer + skip, sample);
    im.decimal_comma = delimiter == ';';
    has_header = im.options.header == FW_CSV_HEADER_AUTO
                   ? fw_csv_sniff_header (buffer + skip, sample, delimiter, im.decimal_comma)
                   : im.options.header == FW_CSV_HEADER_YES;
    im.header_pending = has_header;
    im.capacity = estimate_rows (buffer + skip, got - skip, size_hint);
  }

  if (csv_init (&parser, CSV_APPEND_NULL) != 0)
    {
      fw_csv_importer_fail_out_of_memory (&im, sizeof parser);
      goto out;
    }
  csv_set_delim (&parser, (unsigned char) delimiter);
  /* libcsv grows its field buffer by this step (128 bytes by default): a field of megabytes
   * would otherwise cost tens of thousands of reallocs. */
  csv_set_blk_size (&parser, 64 * 1024);
  if (delimiter == '\t')
    csv_set_space_func (&parser, is_space_not_tab);

  feed (&im, &parser, buffer + skip, got - skip);
  while (!eof && im.error == NULL)
    {
      if (progress != NULL && size_hint > 0)
        progress (MIN (1.0, (double) total / size_hint), progress_data);
      if (!g_input_stream_read_all (stream, buffer, chunk, &got, cancellable, &im.error) ||
          !check_binary (&im, buffer, got))
        break;
      eof = got < chunk;
      total += got;
      feed (&im, &parser, buffer, got);
      if (im.error == NULL)
        g_cancellable_set_error_if_cancelled (cancellable, &im.error);
    }
  /* libcsv only reports an open quote at the end in strict mode, which would also refuse
   * harmless stray quotes such as 5'11" — so read its (public) state: 2 is FIELD_BEGUN. */
  if (im.error == NULL && parser.quoted && parser.pstate == 2)
    fw_csv_importer_fail (&im, FW_CSV_ERROR_UNTERMINATED_QUOTE,
                          _("A quoted value that starts on line %zu is never closed: "
                            "a closing \" is missing."), im.record_line);
  if (im.error == NULL)
    csv_fini (&parser, fw_csv_importer_on_field, fw_csv_importer_on_record, &im);
  csv_free (&parser);

  if (im.error == NULL && im.builders->len == 0)
    fw_csv_importer_fail (&im, FW_CSV_ERROR_EMPTY, _("The file is empty."));
  else if (im.error == NULL && im.n_rows == 0)
    fw_csv_importer_fail (&im, FW_CSV_ERROR_NO_ROWS,
                          _("The file has a line of column names but no rows of data."));
  if (im.error != NULL)
    goto out;

  table = finish_table (&im);
  if (report != NULL)
    {
      report->encoding = "UTF-8";
      report->delimiter = delimiter;
      report->has_header = has_header;
      report->decimal_comma = im.decimal_comma;
      report->n_lines = im.line - (total > 0 && buffer[got > 0 ? got - 1 : 0] == '\n' ? 1 : 0);
      report->n_bytes = total;
      report->n_renamed = im.n_renamed;
      g_strlcpy (report->renamed_from, im.renamed_from != NULL ? im.renamed_from : "",
                 sizeof report->renamed_from);
      g_strlcpy (report->renamed_to, im.renamed_to != NULL ? im.renamed_to : "",
                 sizeof report->renamed_to);
      report->n_padded_rows = im.n_padded_rows;
      report->padded_line = im.padded_line;
      report->padded_fields = im.padded_fields;
      report->n_columns = im.builders->len;
      report->guessed_encoding = NULL;
      report->guessed_line = 0;
      report->guessed_text[0] = '\0';
    }
  if (progress != NULL)
    progress (1.0, progress_data);

out:
  if (got == 0 && total == 0 && im.error == NULL)
    fw_csv_importer_fail (&im, FW_CSV_ERROR_EMPTY, _("The file is empty."));
  g_array_unref (im.builders);
  g_free (im.renamed_from);
  g_free (im.renamed_to);
  if (report != NULL && g_error_matches (im.error, FW_CSV_ERROR, FW_CSV_ERROR_NOT_UTF8))
    {
      report->guessed_encoding = im.guessed_encoding;
      report->guessed_line = im.guessed_line;
      g_strlcpy (report->guessed_text, im.guessed_text, sizeof report->guessed_text);
    }
  g_free (im.guessed_text);
  if (im.error != NULL)
    {
      g_clear_pointer (&table, fw_table_free);
      g_propagate_error (error, im.error);
    }
  return table;
}

FwTable *
fw_csv_import_file (GFile              *file,
                    const FwCsvOptions *options,
                    FwCsvReport        *report,
                    FwProgressFunc      progress,
                    gpointer            progress_data,
                    GCancellable       *cancellable,
                    GError            **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  /* Opened for reading only: the source file is never modified. */
  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  return fw_csv_import_stream (G_INPUT_STREAM (stream),
                               info != NULL ? g_file_info_get_size (info) : -1,
                               options, report, progress, progress_data, cancellable, error);
}

FwTable *
fw_csv_import_data (const char         *data,
                    gssize              length,
                    const FwCsvOptions *options,
                    FwCsvReport        *report,
                    GError            **error)
{
  g_autoptr(GInputStream) stream = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (data);
  stream = g_memory_input_stream_new_from_data (data, length, NULL);
  return fw_csv_import_stream (stream, length, options, report, NULL, NULL, NULL, error);
}
