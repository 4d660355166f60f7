/* fw-report-content.c — the blocks a model card is made of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include "fw-report-content.h"

static void
block_free (gpointer data)
{
  FwReportBlock *block = data;

  g_free (block->text);
  g_clear_pointer (&block->cells, g_ptr_array_unref);
  if (block->plot_free != NULL)
    block->plot_free (block->plot);
  g_free (block);
}

void
fw_report_free (FwReport *report)
{
  if (report == NULL)
    return;
  g_free (report->title);
  g_free (report->subtitle);
  g_ptr_array_unref (report->blocks);
  g_free (report);
}

FwReport *
fw_report_alloc (void)
{
  FwReport *report = g_new0 (FwReport, 1);

  report->blocks = g_ptr_array_new_with_free_func (block_free);
  return report;
}

static FwReportBlock *
add_block (FwReport          *report,
           FwReportBlockKind  kind,
           char              *text)
{
  FwReportBlock *block = g_new0 (FwReportBlock, 1);

  block->kind = kind;
  block->text = text;
  g_ptr_array_add (report->blocks, block);
  return block;
}

void
fw_report_add_heading (FwReport *report,
                       guint     level,
                       char     *text)
{
  g_return_if_fail (report != NULL && text != NULL);

  add_block (report, FW_REPORT_BLOCK_HEADING, text)->level = CLAMP (level, 1, 2);
}

void
fw_report_add_paragraph (FwReport *report,
                         char     *text)
{
  g_return_if_fail (report != NULL && text != NULL);

  add_block (report, FW_REPORT_BLOCK_PARAGRAPH, text);
}

void
fw_report_add_note (FwReport *report,
                    char     *text)
{
  g_return_if_fail (report != NULL && text != NULL);

  add_block (report, FW_REPORT_BLOCK_NOTE, text);
}

void
fw_report_add_list (FwReport  *report,
                    GPtrArray *items)
{
  g_return_if_fail (report != NULL && items != NULL);

  g_ptr_array_set_free_func (items, g_free);
  if (items->len == 0)
    {
      g_ptr_array_unref (items);
      return;
    }
  add_block (report, FW_REPORT_BLOCK_LIST, NULL)->cells = items;
}

void
fw_report_add_table (FwReport  *report,
                     gboolean   header,
                     guint      right,
                     guint      n_columns,
                     GPtrArray *cells)
{
  FwReportBlock *block;

  g_return_if_fail (report != NULL && cells != NULL && n_columns > 0);
  g_return_if_fail (cells->len % n_columns == 0);

  g_ptr_array_set_free_func (cells, g_free);
  block = add_block (report, FW_REPORT_BLOCK_TABLE, NULL);
  block->cells = cells;
  block->n_columns = n_columns;
  block->header = header;
  block->right = right;
}

void
fw_report_add_plot (FwReport       *report,
                    FwPlotDrawFunc  draw,
                    gpointer        plot,
                    GDestroyNotify  plot_free,
                    double          width,
                    double          height,
                    char           *caption)
{
  FwReportBlock *block;

  g_return_if_fail (report != NULL && draw != NULL && width > 0 && height > 0);

  block = add_block (report, FW_REPORT_BLOCK_PLOT, caption);
  block->draw = draw;
  block->plot = plot;
  block->plot_free = plot_free;
  block->width = width;
  block->height = height;
}

void
fw_report_plot_style (FwPlotStyle *style)
{
  static const FwColor white = { 1.0, 1.0, 1.0, 1.0 };

  fw_plot_style_init_light (style);
  style->background = white;
  style->font_size = FW_REPORT_PLOT_FONT_SIZE;
  style->line_width = 1.2;
}

double
fw_report_json_number (JsonObject *object,
                       const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NAN;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return NAN;
  return json_node_get_double (node);
}

char *
fw_report_format_number (double value,
                         int    decimals)
{
  return isfinite (value) ? g_strdup_printf ("%.*f", decimals, value) : g_strdup ("—");
}
