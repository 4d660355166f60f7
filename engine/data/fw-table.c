/* fw-table.c — the column store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include "fw-number.h"
#include "fw-table.h"

struct _FwTable
{
  GPtrArray *columns;           /* FwColumn*, owned */
  gsize      n_rows;
};

static FwColumn *
column_new (const char *name,
            FwStorage   storage,
            gpointer    values,
            gsize       n_rows)
{
  FwColumn *column = g_new0 (FwColumn, 1);

  column->name = g_strdup (name);
  column->storage = storage;
  column->kind = storage == FW_STORAGE_CODES ? FW_KIND_CATEGORICAL : FW_KIND_NUMERIC;
  column->n_rows = n_rows;
  column->data.raw = values;
  return column;
}

FwColumn *
fw_column_new_float32 (const char *name,
                       float      *values,
                       gsize       n_rows)
{
  FwColumn *column;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (values != NULL || n_rows == 0, NULL);

  column = column_new (name, FW_STORAGE_FLOAT32, values, n_rows);
  for (gsize i = 0; i < n_rows; i++)
    column->n_missing += isnan (values[i]) ? 1 : 0;
  return column;
}

FwColumn *
fw_column_new_float64 (const char *name,
                       double     *values,
                       gsize       n_rows)
{
  FwColumn *column;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (values != NULL || n_rows == 0, NULL);

  column = column_new (name, FW_STORAGE_FLOAT64, values, n_rows);
  for (gsize i = 0; i < n_rows; i++)
    column->n_missing += isnan (values[i]) ? 1 : 0;
  return column;
}

FwColumn *
fw_column_new_codes (const char   *name,
                     guint32      *codes,
                     gsize         n_rows,
                     FwDictionary *dict)
{
  FwColumn *column;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (codes != NULL || n_rows == 0, NULL);
  g_return_val_if_fail (dict != NULL, NULL);

  column = column_new (name, FW_STORAGE_CODES, codes, n_rows);
  column->dict = dict;
  for (gsize i = 0; i < n_rows; i++)
    column->n_missing += codes[i] == FW_CODE_MISSING ? 1 : 0;
  return column;
}

void
fw_column_free (FwColumn *column)
{
  if (column == NULL)
    return;
  g_free (column->name);
  g_free (column->data.raw);
  fw_dictionary_free (column->dict);
  g_free (column);
}

gboolean
fw_column_is_numeric (const FwColumn *column)
{
  g_return_val_if_fail (column != NULL, FALSE);
  return column->storage != FW_STORAGE_CODES;
}

gboolean
fw_column_is_missing (const FwColumn *column,
                      gsize           row)
{
  g_return_val_if_fail (column != NULL, TRUE);
  g_return_val_if_fail (row < column->n_rows, TRUE);

  switch (column->storage)
    {
    case FW_STORAGE_FLOAT32:
      return isnan (column->data.f32[row]);
    case FW_STORAGE_FLOAT64:
      return isnan (column->data.f64[row]);
    case FW_STORAGE_CODES:
    default:
      return column->data.codes[row] == FW_CODE_MISSING;
    }
}

double
fw_column_get_number (const FwColumn *column,
                      gsize           row)
{
  g_return_val_if_fail (column != NULL, NAN);
  g_return_val_if_fail (row < column->n_rows, NAN);

  switch (column->storage)
    {
    case FW_STORAGE_FLOAT32:
      return column->data.f32[row];
    case FW_STORAGE_FLOAT64:
      return column->data.f64[row];
    case FW_STORAGE_CODES:
    default:
      return NAN;
    }
}

const char *
fw_column_get_string (const FwColumn *column,
                      gsize           row)
{
  guint32 code;

  g_return_val_if_fail (column != NULL, NULL);
  g_return_val_if_fail (row < column->n_rows, NULL);

  if (column->storage != FW_STORAGE_CODES)
    return NULL;
  code = column->data.codes[row];
  return code == FW_CODE_MISSING ? NULL : fw_dictionary_get (column->dict, code);
}

char *
fw_column_format_cell (const FwColumn *column,
                       gsize           row,
                       char           *buf,
                       gsize           size)
{
  g_return_val_if_fail (column != NULL, NULL);
  g_return_val_if_fail (buf != NULL && size > 0, NULL);

  buf[0] = '\0';
  if (fw_column_is_missing (column, row))
    return buf;

  if (column->storage == FW_STORAGE_CODES)
    {
      const char *str = fw_column_get_string (column, row);
      gsize len = strlen (str);

      if (len >= size)
        {
          const char *end = str + size - 1;

          /* Step back to the start of the character that would be cut. */
          while (end > str && (*end & 0xC0) == 0x80)
            end--;
          len = end - str;
        }
      memcpy (buf, str, len);
      buf[len] = '\0';
    }
  else
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      fw_number_format (fw_column_get_number (column, row),
                        column->storage == FW_STORAGE_FLOAT32, number, sizeof number);
      g_strlcpy (buf, number, size);
    }
  return buf;
}

gsize
fw_column_memory_size (const FwColumn *column)
{
  gsize cell;

  g_return_val_if_fail (column != NULL, 0);

  cell = column->storage == FW_STORAGE_FLOAT64 ? sizeof (double)
         : column->storage == FW_STORAGE_FLOAT32 ? sizeof (float) : sizeof (guint32);
  return column->n_rows * cell + (column->dict ? fw_dictionary_memory_size (column->dict) : 0);
}

FwTable *
fw_table_new (void)
{
  FwTable *table = g_new0 (FwTable, 1);

  table->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_column_free);
  return table;
}

void
fw_table_free (FwTable *table)
{
  if (table == NULL)
    return;
  g_ptr_array_unref (table->columns);
  g_free (table);
}

void
fw_table_take_column (FwTable  *table,
                      FwColumn *column)
{
  g_return_if_fail (table != NULL);
  g_return_if_fail (column != NULL);
  g_return_if_fail (table->columns->len == 0 || column->n_rows == table->n_rows);

  if (table->columns->len == 0)
    table->n_rows = column->n_rows;
  g_ptr_array_add (table->columns, column);
}

gsize
fw_table_n_rows (const FwTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->n_rows;
}

guint
fw_table_n_columns (const FwTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->columns->len;
}

FwColumn *
fw_table_column (const FwTable *table,
                 guint          index)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (index < table->columns->len, NULL);
  return g_ptr_array_index (table->columns, index);
}

int
fw_table_column_index (const FwTable *table,
                       const char    *name)
{
  g_return_val_if_fail (table != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < table->columns->len; i++)
    {
      const FwColumn *column = g_ptr_array_index (table->columns, i);

      if (strcmp (column->name, name) == 0)
        return (int) i;
    }
  return -1;
}

FwColumn *
fw_table_column_by_name (const FwTable *table,
                         const char    *name)
{
  int index = fw_table_column_index (table, name);

  return index < 0 ? NULL : g_ptr_array_index (table->columns, index);
}

gsize
fw_table_memory_size (const FwTable *table)
{
  gsize bytes = 0;

  g_return_val_if_fail (table != NULL, 0);

  for (guint i = 0; i < table->columns->len; i++)
    bytes += fw_column_memory_size (g_ptr_array_index (table->columns, i));
  return bytes;
}
