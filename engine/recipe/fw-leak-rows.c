/* fw-leak-rows.c — the training rows a leak check scores on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-dataset.h"
#include "fw-leak-rows.h"

int
fw_recipe_leak_rows (const FwRecipe *settings,
                     const FwTable  *table,
                     FwTarget       *t,
                     gsize         **rows,
                     FwLeakRows     *leak_rows,
                     GError        **error)
{
  gsize n = 0;

  *rows = fw_dataset_training_rows (table, settings, t, &n, error);
  if (*rows == NULL)
    return -1;
  *leak_rows = (FwLeakRows) { .rows = *rows, .n_rows = n };
  if (t->task != FW_TASK_REGRESSION)
    {
      leak_rows->labels = t->labels;
      leak_rows->n_classes = t->n_classes;
      leak_rows->class_names = (const char *const *) t->names;
    }
  return fw_table_column_index (table, settings->target);
}
