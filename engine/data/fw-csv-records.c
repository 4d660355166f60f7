/* fw-csv-records.c — what each field and record libcsv reads becomes
 *
 * libcsv's callbacks: the header row's fields become column names (made readable and
 * unique), every other field goes into its column's builder, and every record is checked
 * against the first one's width.  fw-csv-import.c reads the file and drives the parser.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include "fw-csv-encoding.h"
#include "fw-csv-records.h"
#include "fw-csv-sniff.h"

void
fw_csv_importer_fail (FwCsvImporter *im,
                      FwCsvError     code,
                      const char    *format,
                      ...)
{
  va_list args;

  if (im->error != NULL)
    return;
  va_start (args, format);
  im->error = g_error_new_valist (FW_CSV_ERROR, code, format, args);
  va_end (args);
}

gboolean
fw_csv_importer_fail_out_of_memory (FwCsvImporter *im,
                                    gsize          bytes)
{
  g_autofree char *size = g_format_size (bytes);

  if (im->error == NULL)
    im->error = g_error_new (G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                             _("Not enough memory to load this file (%s more were needed)."),
                             size);
  return FALSE;
}

static gboolean
grow (FwCsvImporter *im,
      gsize          rows)
{
  gsize capacity = MAX (rows, im->capacity + im->capacity / 2 + 1024);

  if (rows > FW_CSV_MAX_ROWS)
    {
      fw_csv_importer_fail (im, FW_CSV_ERROR_TOO_MANY_ROWS,
                            _("The file has more than %zu rows, more than Fairway can hold."),
                            FW_CSV_MAX_ROWS);
      return FALSE;
    }
  capacity = MIN (capacity, FW_CSV_MAX_ROWS);
  for (guint j = 0; j < im->builders->len; j++)
    {
      FwColumnBuilder *b = &g_array_index (im->builders, FwColumnBuilder, j);

      if (!fw_column_builder_reserve (b, capacity))
        return fw_csv_importer_fail_out_of_memory (im, capacity * fw_column_builder_cell_size (b));
    }
  im->capacity = capacity;
  return TRUE;
}

/* A value that is not UTF-8: when the text around it reads as a single-byte encoding, the
 * error names it and shows the value as it would read, so the caller can offer to retry. */
static void
fail_not_utf8 (FwCsvImporter *im,
               const char    *text,
               gsize          len,
               const char    *column)
{
  const char *guess = fw_csv_sniff_single_byte (im->chunk, im->chunk_len);
  g_autofree char *described = NULL;

  if (im->error != NULL)
    return;
  if (guess == NULL)
    {
      if (column != NULL)
        fw_csv_importer_fail (im, FW_CSV_ERROR_ENCODING,
                              _("Line %zu is not valid UTF-8 text (in column “%s”). "
                                "Save the file with the UTF-8 encoding and open it again."),
                              im->line, column);
      else
        fw_csv_importer_fail (im, FW_CSV_ERROR_ENCODING,
                              _("Line %zu is not valid UTF-8 text (in the column names). "
                                "Save the file with the UTF-8 encoding and open it again."),
                              im->line);
      return;
    }
  im->guessed_encoding = guess;
  im->guessed_line = im->line;
  im->guessed_text = fw_csv_decode_excerpt (text, len, guess);
  described = fw_csv_encoding_describe (guess);
  /* Translators: the first %s is an encoding ("Windows-1252 (Western European)"), %zu a
   * line number, the last %s a value of that line as the encoding reads it ("café"). */
  fw_csv_importer_fail (im, FW_CSV_ERROR_NOT_UTF8,
                        _("This file is not UTF-8; it looks like %s. Line %zu has “%s” written "
                          "in that encoding."), described, im->line, im->guessed_text);
}

static void
store_cell (FwCsvImporter   *im,
            FwColumnBuilder *b,
            const char      *text,
            gsize            len)
{
  switch (fw_column_builder_store (b, im->n_rows, im->capacity, text, len, im->decimal_comma))
    {
    case FW_CELL_STORED:
      break;
    case FW_CELL_NO_MEMORY:
      fw_csv_importer_fail_out_of_memory (im, im->capacity * sizeof (double));
      break;
    case FW_CELL_INVALID_UTF8:
      fail_not_utf8 (im, text, len, b->name);
      break;
    }
}

static FwColumnBuilder *
add_builder (FwCsvImporter *im,
             char          *name)
{
  FwColumnBuilder b;

  fw_column_builder_init (&b, name);
  if (im->builders->len >= im->options.max_columns)
    {
      fw_csv_importer_fail (im, FW_CSV_ERROR_TOO_MANY_COLUMNS,
                            _("The file has more than %u columns, more than Fairway can handle."),
                            im->options.max_columns);
      fw_column_builder_clear (&b);
      return NULL;
    }
  if (!fw_column_builder_reserve (&b, im->capacity))
    {
      fw_csv_importer_fail_out_of_memory (im, im->capacity * sizeof (float));
      fw_column_builder_clear (&b);
      return NULL;
    }
  g_array_append_val (im->builders, b);
  return &g_array_index (im->builders, FwColumnBuilder, im->builders->len - 1);
}

/* Explicit direction overrides, embeddings and isolates (U+202A–U+202E, U+2066–U+2069)
 * in a name make it display as something else ("\u202Eevil" reads "live"): each becomes
 * U+FFFD, so what the user sees is what the name holds.  Marks (U+200E, U+200F) stay. */
static char *
neutralise_direction_controls (const char *name)
{
  GString *out = g_string_sized_new (strlen (name));

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

static void
add_header_name (FwCsvImporter *im,
                 const char    *data,
                 gsize          len)
{
  g_autofree char *name = g_strstrip (g_strndup (data, len));

  if (!g_utf8_validate (name, -1, NULL))
    {
      fail_not_utf8 (im, data, len, NULL);
      return;
    }
  if (name[0] == '\0')
    {
      g_free (name);
      name = g_strdup_printf ("column_%u", im->builders->len + 1);
    }
  else
    {
      char *plain = neutralise_direction_controls (name);

      g_free (name);
      name = plain;
    }
  if (strlen (name) > FW_CSV_MAX_NAME_BYTES)
    {
      const char *end = g_utf8_find_prev_char (name, name + FW_CSV_MAX_NAME_BYTES + 1);
      g_autofree char *cut = g_strndup (name, end - name);

      g_free (name);
      name = g_strconcat (cut, "…", NULL);
    }
  add_builder (im, g_steal_pointer (&name));
}

void
fw_csv_importer_on_field (void  *data,
                          size_t len,
                          void  *user_data)
{
  FwCsvImporter *im = user_data;
  const char *text = data != NULL ? data : "";

  if (im->error != NULL)
    return;
  if (!im->in_record)
    {
      im->in_record = TRUE;
      if (!im->header_pending && im->n_rows >= im->capacity && !grow (im, im->n_rows + 1))
        return;
    }
  if (len > im->options.max_field_bytes)
    {
      g_autofree char *limit = g_format_size (im->options.max_field_bytes);

      fw_csv_importer_fail (im, FW_CSV_ERROR_FIELD_TOO_LONG,
                            _("Line %zu has a value longer than %s (field %u)."), im->line,
                            limit, im->field + 1);
      return;
    }

  if (im->header_pending)
    {
      add_header_name (im, text, len);
      im->field++;
      return;
    }
  if (!im->width_known && add_builder (im, g_strdup_printf ("column_%u", im->field + 1)) == NULL)
    return;
  if (im->field >= im->builders->len)
    {
      /* A trailing delimiter is common and harmless; a value past the last column is not. */
      for (gsize i = 0; i < len && !im->extra_values; i++)
        im->extra_values = !g_ascii_isspace (text[i]);
      im->field++;
      return;
    }
  store_cell (im, &g_array_index (im->builders, FwColumnBuilder, im->field), text, len);
  im->field++;
}

static void
dedupe_names (FwCsvImporter *im)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint j = 0; j < im->builders->len; j++)
    {
      FwColumnBuilder *b = &g_array_index (im->builders, FwColumnBuilder, j);

      g_autofree char *original = g_strdup (b->name);

      for (guint k = 2; g_hash_table_contains (seen, b->name); k++)
        {
          g_free (b->name);
          b->name = g_strdup_printf ("%s_%u", original, k);
        }
      if (strcmp (b->name, original) != 0 && im->n_renamed++ == 0)
        {
          im->renamed_from = g_strdup (original);
          im->renamed_to = g_strdup (b->name);
        }
      g_hash_table_add (seen, b->name);
    }
}

void
fw_csv_importer_on_record (int   c,
                           void *user_data)
{
  FwCsvImporter *im = user_data;
  guint width = im->builders->len;

  if (im->error != NULL || !im->in_record)
    return;
  im->in_record = FALSE;
  im->record_bytes = 0;

  if (im->header_pending)
    {
      dedupe_names (im);
      im->header_pending = FALSE;
      im->width_known = TRUE;
      im->field = 0;
      return;
    }
  im->width_known = TRUE;
  if (im->field < width || im->extra_values)
    {
      fw_csv_importer_fail (im, FW_CSV_ERROR_RAGGED,
                            _("Line %zu has %u fields but the first line has %u. "
                              "Check that line for a missing or extra delimiter or quote."),
                            im->record_line, im->field, width);
      return;
    }
  if (im->field > width && im->n_padded_rows++ == 0)
    {
      im->padded_line = im->record_line;
      im->padded_fields = im->field;
    }
  im->n_rows++;
  im->field = 0;
}

