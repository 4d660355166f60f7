/* fw-column-builder.c — one column growing cell by cell from text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>
#include "fw-column-builder.h"
#include "fw-kind.h"
#include "fw-number.h"

void
fw_column_builder_init (FwColumnBuilder *b,
                        char            *name)
{
  memset (b, 0, sizeof *b);
  b->name = name;
  b->storage = FW_STORAGE_FLOAT32;
}

void
fw_column_builder_clear (FwColumnBuilder *b)
{
  g_clear_pointer (&b->name, g_free);
  g_clear_pointer (&b->values, g_free);
  g_clear_pointer (&b->dict, fw_dictionary_free);
}

gsize
fw_column_builder_cell_size (const FwColumnBuilder *b)
{
  return b->storage == FW_STORAGE_FLOAT64 ? sizeof (double)
         : b->storage == FW_STORAGE_FLOAT32 ? sizeof (float) : sizeof (guint32);
}

gboolean
fw_column_builder_reserve (FwColumnBuilder *b,
                           gsize            capacity)
{
  gpointer values = g_try_realloc_n (b->values, capacity, fw_column_builder_cell_size (b));

  if (values == NULL && capacity > 0)
    return FALSE;
  b->values = values;
  return TRUE;
}

static gboolean
to_float64 (FwColumnBuilder *b,
            gsize            n_rows,
            gsize            capacity)
{
  double *values = g_try_new (double, capacity);

  if (values == NULL)
    return FALSE;
  for (gsize i = 0; i < n_rows; i++)
    values[i] = ((float *) b->values)[i];
  g_free (b->values);
  b->values = values;
  b->storage = FW_STORAGE_FLOAT64;
  return TRUE;
}

static gboolean
to_codes (FwColumnBuilder *b,
          gsize            n_rows,
          gsize            capacity)
{
  guint32 *codes = g_try_new (guint32, capacity);
  FwDictionary *dict;

  if (codes == NULL)
    return FALSE;
  dict = fw_dictionary_new ();
  for (gsize i = 0; i < n_rows; i++)
    {
      double x = b->storage == FW_STORAGE_FLOAT32 ? ((float *) b->values)[i]
                                                   : ((double *) b->values)[i];
      char text[G_ASCII_DTOSTR_BUF_SIZE];

      if (isnan (x))
        codes[i] = FW_CODE_MISSING;
      else
        {
          fw_number_format (x, b->storage == FW_STORAGE_FLOAT32, text, sizeof text);
          codes[i] = fw_dictionary_intern (dict, text, strlen (text));
        }
    }
  g_free (b->values);
  b->values = codes;
  b->dict = dict;
  b->storage = FW_STORAGE_CODES;
  return TRUE;
}

/* float32 keeps every value written with 7 significant digits or fewer, and any value it
 * holds exactly; anything else would lose what the file says. */
static inline gboolean
fits_float32 (double value,
              guint  digits)
{
  float single = (float) value;

  if ((double) single == value)
    return TRUE;
  return digits <= 7 && isfinite (single) && fabs (value) >= FLT_MIN;
}

static void
set_missing (FwColumnBuilder *b,
             gsize            row)
{
  switch (b->storage)
    {
    case FW_STORAGE_FLOAT32: ((float *) b->values)[row] = NAN; break;
    case FW_STORAGE_FLOAT64: ((double *) b->values)[row] = NAN; break;
    case FW_STORAGE_CODES: ((guint32 *) b->values)[row] = FW_CODE_MISSING; break;
    }
}

FwCellResult
fw_column_builder_store (FwColumnBuilder *b,
                         gsize            row,
                         gsize            capacity,
                         const char      *text,
                         gsize            len,
                         gboolean         decimal_comma)
{
  guint32 code, size;

  g_assert (row < capacity);

  /* Numbers first: they are most cells, and no missing marker parses as one. */
  if (b->storage != FW_STORAGE_CODES)
    {
      double value;
      guint digits;

      if (len > 0 && fw_number_parse (text, len, decimal_comma, &value, &digits))
        {
          if (b->storage == FW_STORAGE_FLOAT32 && !fits_float32 (value, digits) &&
              !to_float64 (b, row, capacity))
            return FW_CELL_NO_MEMORY;
          if (b->storage == FW_STORAGE_FLOAT32)
            ((float *) b->values)[row] = (float) value;
          else
            ((double *) b->values)[row] = value;
          return FW_CELL_STORED;
        }
    }
  if (fw_is_missing_marker (text, len))
    {
      set_missing (b, row);
      b->n_missing++;
      return FW_CELL_STORED;
    }
  if (b->storage != FW_STORAGE_CODES && !to_codes (b, row, capacity))
    return FW_CELL_NO_MEMORY;

  size = fw_dictionary_size (b->dict);
  code = fw_dictionary_intern (b->dict, text, len);
  /* Only a string seen for the first time needs checking: the rest equal one that passed. */
  if (code == size && !g_utf8_validate_len (text, len, NULL))
    return FW_CELL_INVALID_UTF8;
  ((guint32 *) b->values)[row] = code;
  return FW_CELL_STORED;
}

FwColumn *
fw_column_builder_finish (FwColumnBuilder *b,
                          gsize            n_rows)
{
  gpointer values = n_rows > 0 ? g_realloc_n (b->values, n_rows, fw_column_builder_cell_size (b))
                               : (g_free (b->values), NULL);
  FwColumn *column;

  b->values = NULL;
  if (b->storage == FW_STORAGE_FLOAT32)
    column = fw_column_new_float32 (b->name, values, n_rows);
  else if (b->storage == FW_STORAGE_FLOAT64)
    column = fw_column_new_float64 (b->name, values, n_rows);
  else
    column = fw_column_new_codes (b->name, values, n_rows, g_steal_pointer (&b->dict));
  fw_kind_infer (column);
  fw_column_builder_clear (b);
  return column;
}
