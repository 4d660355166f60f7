/* fw-table-row.c — one row of a table preview, made on demand
 *
 * A row is only an index and a reference to its model: the cells stay in the column store
 * and are formatted when a cell widget binds to the row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-table-model.h"
#include "fw-table-row.h"

struct _FwTableRow
{
  GObject       parent_instance;

  FwTableModel *model;
  guint         index;
};

G_DEFINE_FINAL_TYPE (FwTableRow, fw_table_row, G_TYPE_OBJECT)

static void
fw_table_row_finalize (GObject *object)
{
  FwTableRow *self = FW_TABLE_ROW (object);

  g_clear_object (&self->model);

  G_OBJECT_CLASS (fw_table_row_parent_class)->finalize (object);
}

static void
fw_table_row_class_init (FwTableRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fw_table_row_finalize;
}

static void
fw_table_row_init (FwTableRow *self)
{
}

FwTableRow *
fw_table_row_new (FwTableModel *model,
                  guint         index)
{
  FwTableRow *self;

  g_return_val_if_fail (FW_IS_TABLE_MODEL (model), NULL);

  self = g_object_new (FW_TYPE_TABLE_ROW, NULL);
  self->model = g_object_ref (model);
  self->index = index;
  return self;
}

FwTableModel *
fw_table_row_get_model (FwTableRow *self)
{
  g_return_val_if_fail (FW_IS_TABLE_ROW (self), NULL);
  return self->model;
}

guint
fw_table_row_get_index (FwTableRow *self)
{
  g_return_val_if_fail (FW_IS_TABLE_ROW (self), 0);
  return self->index;
}
