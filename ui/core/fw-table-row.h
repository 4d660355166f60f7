/* fw-table-row.h — one row of a table preview, made on demand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _FwTableModel FwTableModel;

#define FW_TYPE_TABLE_ROW (fw_table_row_get_type ())

G_DECLARE_FINAL_TYPE (FwTableRow, fw_table_row, FW, TABLE_ROW, GObject)

FwTableRow   *fw_table_row_new       (FwTableModel *model,
                                      guint         index);
FwTableModel *fw_table_row_get_model (FwTableRow   *self);
guint         fw_table_row_get_index (FwTableRow   *self);

G_END_DECLS
