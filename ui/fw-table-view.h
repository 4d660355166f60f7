/* fw-table-view.h — a virtualised grid showing the rows of a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "fw-table-model.h"

G_BEGIN_DECLS

/* Past this many columns the grid shows the first ones only; GtkColumnView lays out every
 * column of a visible row, so thousands of them would make scrolling crawl. */
#define FW_TABLE_VIEW_MAX_COLUMNS 256

#define FW_TYPE_TABLE_VIEW (fw_table_view_get_type ())

G_DECLARE_FINAL_TYPE (FwTableView, fw_table_view, FW, TABLE_VIEW, GtkWidget)

GtkWidget     *fw_table_view_new               (void);
FwTableModel  *fw_table_view_get_model         (FwTableView  *self);
void           fw_table_view_set_model         (FwTableView  *self,
                                                FwTableModel *model);
GtkColumnView *fw_table_view_get_column_view   (FwTableView  *self);
guint          fw_table_view_get_n_shown_columns (FwTableView *self);

G_END_DECLS
