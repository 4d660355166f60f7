/* fw-table.h — the column store every other part of Fairway reads
 *
 * A table is a list of columns of equal length.  Numeric columns are float32, or float64
 * when the source text carried more precision than float32 keeps (NaN = missing);
 * categorical, boolean-word, text, identifier and datetime columns are uint32 codes into a
 * per-column dictionary (FW_CODE_MISSING = missing).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "fw-dictionary.h"

G_BEGIN_DECLS

typedef enum {
  FW_KIND_NUMERIC,
  FW_KIND_BOOLEAN,
  FW_KIND_CATEGORICAL,
  FW_KIND_TEXT,
  FW_KIND_IDENTIFIER,
  FW_KIND_DATETIME,
} FwKind;

#define FW_N_KINDS (FW_KIND_DATETIME + 1)

typedef enum {
  FW_STORAGE_FLOAT32,
  FW_STORAGE_FLOAT64,
  FW_STORAGE_CODES,
} FwStorage;

typedef struct {
  char         *name;
  FwKind        kind;
  FwStorage     storage;
  gsize         n_rows;
  gsize         n_missing;
  union {
    float      *f32;
    double     *f64;
    guint32    *codes;
    gpointer    raw;
  } data;
  FwDictionary *dict;           /* storage == FW_STORAGE_CODES only */
} FwColumn;

typedef struct _FwTable FwTable;

/* Called from the thread doing the work; @fraction is in [0, 1]. */
typedef void (*FwProgressFunc) (double   fraction,
                                gpointer user_data);

/* Stable machine names ("numeric", "categorical", …) as used in JSON. */
const char *fw_kind_to_string   (FwKind kind);
/* Translated words for people ("Number", "Category", …). */
const char *fw_kind_to_label    (FwKind kind);
/* Symbolic icon name for the kind. */
const char *fw_kind_icon_name   (FwKind kind);

/* Takes ownership of @values (g_malloc'd, @n_rows long) and @dict where given. */
FwColumn   *fw_column_new_float32 (const char *name, float *values, gsize n_rows);
FwColumn   *fw_column_new_float64 (const char *name, double *values, gsize n_rows);
FwColumn   *fw_column_new_codes   (const char   *name,
                                   guint32      *codes,
                                   gsize         n_rows,
                                   FwDictionary *dict);
void        fw_column_free        (FwColumn *column);

gboolean    fw_column_is_numeric  (const FwColumn *column);
gboolean    fw_column_is_missing  (const FwColumn *column, gsize row);
/* NaN when missing or when the column holds codes. */
double      fw_column_get_number  (const FwColumn *column, gsize row);
/* NULL when missing or when the column holds numbers. */
const char *fw_column_get_string  (const FwColumn *column, gsize row);
/* Writes the cell as a person reads it ("" when missing) into @buf, NUL-terminated and
 * truncated to @size bytes at a character boundary; returns @buf. */
char       *fw_column_format_cell (const FwColumn *column,
                                   gsize           row,
                                   char           *buf,
                                   gsize           size);
gsize       fw_column_memory_size (const FwColumn *column);

FwTable    *fw_table_new            (void);
void        fw_table_free           (FwTable *table);
/* Takes ownership of @column; its n_rows must match the table's (the first sets it). */
void        fw_table_take_column    (FwTable *table, FwColumn *column);
gsize       fw_table_n_rows         (const FwTable *table);
guint       fw_table_n_columns      (const FwTable *table);
FwColumn   *fw_table_column         (const FwTable *table, guint index);
FwColumn   *fw_table_column_by_name (const FwTable *table, const char *name);
/* -1 when no column has that name. */
int         fw_table_column_index   (const FwTable *table, const char *name);
/* Bytes held by all columns and dictionaries. */
gsize       fw_table_memory_size    (const FwTable *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwColumn, fw_column_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwTable, fw_table_free)

G_END_DECLS
