/* fw-csv-sniff.c — guessing delimiter and header from the first lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <csv.h>
#include <string.h>
#include "fw-csv-sniff.h"
#include "fw-number.h"

/* In order of preference when several split the lines equally well: a semicolon file with
 * decimal commas splits consistently on ',' too, and tabs or pipes are rarely data. */
static const char candidates[] = { '\t', ';', '|', ',' };

/* Counts @delimiter outside quotes on each record of the sample (quoted newlines continue a
 * record); the score is the share of records agreeing on the most common non-zero count. */
static double
score_delimiter (const char *sample,
                 gsize       len,
                 char        delimiter,
                 guint      *mode_out)
{
  guint counts[FW_CSV_SNIFF_LINES];
  guint n_records = 0, count = 0, best_mode = 0, best_votes = 0;
  gboolean quoted = FALSE;

  gboolean content = FALSE;

  for (gsize i = 0; i < len && n_records < FW_CSV_SNIFF_LINES; i++)
    {
      char c = sample[i];

      if (c == '"')
        quoted = !quoted;
      if (quoted)
        continue;
      if (c == '\n')
        {
          /* Blank lines are no evidence either way. */
          if (content)
            counts[n_records++] = count;
          count = 0;
          content = FALSE;
          continue;
        }
      content = content || c != '\r';
      count += c == delimiter;
    }
  /* A last line without a newline counts only when the sample is the whole file. */
  if (content && n_records < FW_CSV_SNIFF_LINES && len < FW_CSV_SNIFF_BYTES)
    counts[n_records++] = count;

  for (guint i = 0; i < n_records; i++)
    {
      guint votes = 0;

      if (counts[i] == 0)
        continue;
      for (guint j = 0; j < n_records; j++)
        votes += counts[j] == counts[i];
      if (votes > best_votes || (votes == best_votes && counts[i] > best_mode))
        {
          best_votes = votes;
          best_mode = counts[i];
        }
    }
  *mode_out = best_mode;
  return n_records == 0 ? 0.0 : (double) best_votes / n_records;
}

char
fw_csv_sniff_delimiter (const char *sample,
                        gsize       len)
{
  char best = ',';
  double best_score = 0.0;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      guint mode;
      double score = score_delimiter (sample, len, candidates[i], &mode);

      /* Within a few records of the best, the earlier candidate wins. */
      if (mode > 0 && score > best_score + 0.1)
        {
          best = candidates[i];
          best_score = score;
        }
    }
  return best;
}

typedef struct
{
  GPtrArray *records;           /* GPtrArray* of char* */
  GPtrArray *current;
} SniffRecords;

static void
on_field (void  *data,
          size_t len,
          void  *user_data)
{
  SniffRecords *s = user_data;

  if (s->current == NULL)
    s->current = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (s->current, g_strndup (data ? data : "", len));
}

static void
on_record (int   c,
           void *user_data)
{
  SniffRecords *s = user_data;

  if (s->current != NULL)
    g_ptr_array_add (s->records, g_steal_pointer (&s->current));
}

typedef enum { CELL_MISSING, CELL_NUMBER, CELL_TEXT } CellType;

static CellType
cell_type (const char *cell,
           gboolean    decimal_comma)
{
  double value;

  if (fw_is_missing_marker (cell, strlen (cell)))
    return CELL_MISSING;
  return fw_number_parse (cell, strlen (cell), decimal_comma, &value, NULL) ? CELL_NUMBER
                                                                            : CELL_TEXT;
}

static gboolean
decide_header (GPtrArray *records,
               gboolean   decimal_comma)
{
  GPtrArray *first = g_ptr_array_index (records, 0);
  gboolean all_numbers = TRUE, text_over_numbers = FALSE, repeats_below = FALSE;

  for (guint j = 0; j < first->len; j++)
    {
      const char *name = g_ptr_array_index (first, j);
      CellType head = cell_type (name, decimal_comma);
      guint numbers = 0, texts = 0;

      if (head != CELL_TEXT)
        {
          all_numbers = all_numbers && head == CELL_NUMBER;
          continue;
        }
      all_numbers = FALSE;
      for (guint i = 1; i < records->len; i++)
        {
          GPtrArray *row = g_ptr_array_index (records, i);
          const char *cell;

          if (j >= row->len)
            continue;
          cell = g_ptr_array_index (row, j);
          switch (cell_type (cell, decimal_comma))
            {
            case CELL_NUMBER: numbers++; break;
            case CELL_TEXT: texts++; break;
            case CELL_MISSING: break;
            }
          repeats_below = repeats_below || strcmp (cell, name) == 0;
        }
      text_over_numbers = text_over_numbers || (numbers > 0 && texts == 0);
    }

  if (text_over_numbers)
    return TRUE;
  if (all_numbers)
    return FALSE;
  /* Text everywhere: names rarely reappear as values in their own column. */
  return !repeats_below;
}

gboolean
fw_csv_sniff_header (const char *sample,
                     gsize       len,
                     char        delimiter,
                     gboolean    decimal_comma)
{
  struct csv_parser parser;
  SniffRecords s = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref), NULL };
  gboolean header = TRUE;

  if (csv_init (&parser, CSV_APPEND_NULL) != 0)
    return TRUE;
  csv_set_delim (&parser, (unsigned char) delimiter);
  csv_parse (&parser, sample, len, on_field, on_record, &s);
  /* The sample may end inside a record; only a whole file's last record is complete. */
  if (len < FW_CSV_SNIFF_BYTES)
    csv_fini (&parser, on_field, on_record, &s);
  csv_free (&parser);

  if (s.records->len > 0)
    header = decide_header (s.records, decimal_comma);
  g_clear_pointer (&s.current, g_ptr_array_unref);
  g_ptr_array_unref (s.records);
  return header;
}

const char *
fw_csv_sniff_utf16 (const char *sample,
                    gsize       len,
                    gsize      *bom_len)
{
  const guchar *s = (const guchar *) sample;
  gsize pairs = MIN (len, FW_CSV_SNIFF_BYTES) / 2, zero_even = 0, zero_odd = 0;

  *bom_len = 0;
  if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE)
    {
      *bom_len = 2;
      return "UTF-16LE";
    }
  if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF)
    {
      *bom_len = 2;
      return "UTF-16BE";
    }
  for (gsize i = 0; i < pairs; i++)
    {
      zero_even += s[2 * i] == 0;
      zero_odd += s[2 * i + 1] == 0;
    }
  /* Latin text in UTF-16 has a zero in nearly every pair, always on the same side; a binary
   * file has zeros on both sides. */
  if (pairs >= 2 && zero_odd * 10 >= pairs * 9 && zero_even * 10 < pairs)
    return "UTF-16LE";
  if (pairs >= 2 && zero_even * 10 >= pairs * 9 && zero_odd * 10 < pairs)
    return "UTF-16BE";
  return NULL;
}

/* The length of the well-formed UTF-8 sequence at @s (at most @len bytes), or 0. */
static gsize
utf8_sequence (const guchar *s,
               gsize         len)
{
  gsize need;

  if (s[0] >= 0xC2 && s[0] <= 0xDF)
    need = 2;
  else if (s[0] >= 0xE0 && s[0] <= 0xEF)
    need = 3;
  else if (s[0] >= 0xF0 && s[0] <= 0xF4)
    need = 4;
  else
    return 0;
  if (len < need)
    return 0;
  return g_utf8_validate ((const char *) s, need, NULL) ? need : 0;
}

const char *
fw_csv_sniff_single_byte (const char *sample,
                          gsize       len)
{
  const guchar *s = (const guchar *) sample;
  gsize well_formed = 0, stray = 0, c1 = 0, c1_unassigned = 0;

  for (gsize i = 0; i < len; i++)
    {
      gsize n;

      if (s[i] < 0x80)
        continue;
      if ((n = utf8_sequence (s + i, len - i)) > 0)
        {
          well_formed++;
          i += n - 1;
          continue;
        }
      stray++;
      if (s[i] <= 0x9F)
        {
          c1++;
          /* The five bytes Windows-1252 leaves unassigned. */
          c1_unassigned += s[i] == 0x81 || s[i] == 0x8D || s[i] == 0x8F || s[i] == 0x90 ||
                           s[i] == 0x9D;
        }
    }
  if (stray == 0 || well_formed > stray)
    return NULL;
  return c1 > 0 && c1_unassigned == 0 ? "WINDOWS-1252" : "ISO-8859-1";
}
