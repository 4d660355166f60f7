/* fw-column-builder.h — one column growing cell by cell from text (engine-internal)
 *
 * A column starts as float32 and changes storage at most twice: to float64 when a value
 * needs more precision than float32 keeps, to dictionary codes when a value is not a
 * number (the numbers before it are then written back as their shortest text, so "007"
 * becomes "7", as it would in pandas).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-table.h"

G_BEGIN_DECLS

typedef struct
{
  char         *name;
  FwStorage     storage;
  gsize         n_missing;
  gpointer      values;         /* capacity cells of the storage's type */
  FwDictionary *dict;
} FwColumnBuilder;

typedef enum {
  FW_CELL_STORED,
  FW_CELL_NO_MEMORY,
  FW_CELL_INVALID_UTF8,
} FwCellResult;

/* Takes @name. */
void         fw_column_builder_init      (FwColumnBuilder *builder,
                                          char            *name);
void         fw_column_builder_clear     (FwColumnBuilder *builder);
gsize        fw_column_builder_cell_size (const FwColumnBuilder *builder);
/* Room for @capacity cells; FALSE, leaving the builder as it was, when memory is short. */
gboolean     fw_column_builder_reserve   (FwColumnBuilder *builder,
                                          gsize            capacity);
/* Stores cell @row (every row before it is stored; @row < @capacity, the reserved room). */
FwCellResult fw_column_builder_store     (FwColumnBuilder *builder,
                                          gsize            row,
                                          gsize            capacity,
                                          const char      *text,
                                          gsize            len,
                                          gboolean         decimal_comma);
/* The finished column of @n_rows cells, its kind inferred; the builder is left empty. */
FwColumn    *fw_column_builder_finish    (FwColumnBuilder *builder,
                                          gsize            n_rows);

G_END_DECLS
