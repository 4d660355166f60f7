/* fw-table-model.c — a GListModel of the rows of a column store
 *
 * No per-row storage: a list view asks only for the rows it shows, so a million-row table
 * costs the same to scroll as a hundred-row one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-table-model.h"

struct _FwTableModel
{
  GObject  parent_instance;

  FwTable *table;
  guint    n_rows;
};

static void fw_table_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FwTableModel, fw_table_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      fw_table_model_list_model_init))

static GType
fw_table_model_get_item_type (GListModel *model)
{
  return FW_TYPE_TABLE_ROW;
}

static guint
fw_table_model_get_n_items (GListModel *model)
{
  return FW_TABLE_MODEL (model)->n_rows;
}

static gpointer
fw_table_model_get_item (GListModel *model,
                         guint       position)
{
  FwTableModel *self = FW_TABLE_MODEL (model);

  if (position >= self->n_rows)
    return NULL;
  return fw_table_row_new (self, position);
}

static void
fw_table_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = fw_table_model_get_item_type;
  iface->get_n_items = fw_table_model_get_n_items;
  iface->get_item = fw_table_model_get_item;
}

static void
fw_table_model_finalize (GObject *object)
{
  FwTableModel *self = FW_TABLE_MODEL (object);

  g_clear_pointer (&self->table, fw_table_free);

  G_OBJECT_CLASS (fw_table_model_parent_class)->finalize (object);
}

static void
fw_table_model_class_init (FwTableModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fw_table_model_finalize;
}

static void
fw_table_model_init (FwTableModel *self)
{
}

FwTableModel *
fw_table_model_new (FwTable *table)
{
  FwTableModel *self;

  g_return_val_if_fail (table != NULL, NULL);

  self = g_object_new (FW_TYPE_TABLE_MODEL, NULL);
  self->table = table;
  /* GListModel counts in guint; larger tables are refused long before by the importer. */
  self->n_rows = (guint) MIN (fw_table_n_rows (table), (gsize) G_MAXUINT);
  return self;
}

const FwTable *
fw_table_model_get_table (FwTableModel *self)
{
  g_return_val_if_fail (FW_IS_TABLE_MODEL (self), NULL);
  return self->table;
}

guint
fw_table_model_get_n_rows (FwTableModel *self)
{
  g_return_val_if_fail (FW_IS_TABLE_MODEL (self), 0);
  return self->n_rows;
}

const char *
fw_table_model_format_cell (FwTableModel *self,
                            guint         row,
                            guint         column,
                            char         *buf,
                            gsize         size)
{
  const FwColumn *col;

  g_return_val_if_fail (FW_IS_TABLE_MODEL (self), NULL);
  g_return_val_if_fail (buf != NULL && size > 0, NULL);
  g_return_val_if_fail (row < self->n_rows, NULL);
  g_return_val_if_fail (column < fw_table_n_columns (self->table), NULL);

  buf[0] = '\0';
  col = fw_table_column (self->table, column);
  if (fw_column_is_missing (col, row))
    return NULL;
  return fw_column_format_cell (col, row, buf, size);
}
