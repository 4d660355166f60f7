/* fw-table-model.h — a GListModel of the rows of a column store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "fw-table.h"
#include "fw-table-row.h"

G_BEGIN_DECLS

#define FW_TYPE_TABLE_MODEL (fw_table_model_get_type ())

G_DECLARE_FINAL_TYPE (FwTableModel, fw_table_model, FW, TABLE_MODEL, GObject)

/* Takes ownership of @table.  Items are FwTableRow objects made when asked for. */
FwTableModel  *fw_table_model_new         (FwTable      *table);
const FwTable *fw_table_model_get_table   (FwTableModel *self);
guint          fw_table_model_get_n_rows  (FwTableModel *self);
/* Writes the text a preview cell shows into @buf and returns it, or returns NULL (leaving
 * @buf empty) when the cell is missing. */
const char    *fw_table_model_format_cell (FwTableModel *self,
                                           guint         row,
                                           guint         column,
                                           char         *buf,
                                           gsize         size);

G_END_DECLS
