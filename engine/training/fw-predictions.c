/* fw-predictions.c — a trained model's predictions for a table, written as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include "fw-atomic-file.h"
#include "fw-number.h"
#include "fw-predictions.h"

/* Flushed to the file in pieces of about this size, so a million rows never sit in memory
 * as text. */
#define CHUNK_BYTES (64 * 1024)

/* A CSV field, quoted when it holds a delimiter, a quote or a line break. */
static void
append_field (GString    *line,
              const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (line, text);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static void
append_number (GString *line,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (line, fw_number_format (value, TRUE, buf, sizeof buf));
}

gboolean
fw_predictions_write (const FwTrainedModel *trained,
                      const FwTable        *table,
                      GFile                *file,
                      GCancellable         *cancellable,
                      GError              **error)
{
  g_autofree float *out = NULL;
  g_autofree guint32 *decided = NULL;
  g_autoptr(FwAtomicFile) csv = NULL;
  g_autoptr(GString) line = g_string_new ("row,prediction");
  gsize n;
  guint width;

  g_return_val_if_fail (trained != NULL, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  out = fw_trained_model_predict (trained, table, error);
  if (out == NULL)
    return FALSE;
  csv = fw_atomic_file_new (file, cancellable, error);
  if (csv == NULL)
    return FALSE;
  n = fw_table_n_rows (table);
  width = fw_model_n_predictions (trained->model);
  decided = fw_trained_model_decide (trained, table, out);

  for (guint c = 0; trained->task != FW_TASK_REGRESSION && c < trained->n_classes; c++)
    {
      g_autofree char *name = g_strconcat ("p_", trained->class_names[c], NULL);

      g_string_append_c (line, ',');
      append_field (line, name);
    }
  g_string_append_c (line, '\n');
  for (gsize r = 0; r < n; r++)
    {
      const float *p = out + r * width;

      g_string_append_printf (line, "%zu,", r + 1);
      if (trained->task == FW_TASK_REGRESSION)
        append_number (line, p[0]);
      else
        {
          /* The model's own rule, per-group thresholds included. */
          append_field (line, trained->class_names[decided[r]]);
          for (guint c = 0; c < trained->n_classes; c++)
            {
              g_string_append_c (line, ',');
              append_number (line, p[c]);
            }
        }
      g_string_append_c (line, '\n');
      if (line->len >= CHUNK_BYTES)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
              !fw_atomic_file_write (csv, line->str, line->len, error))
            return FALSE;
          g_string_truncate (line, 0);
        }
    }
  return fw_atomic_file_write (csv, line->str, line->len, error) &&
         fw_atomic_file_commit (csv, error);
}
