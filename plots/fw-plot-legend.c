/* fw-plot-legend.c — legend boxes in a corner of the plot area
 *
 * The box, its swatches and its rows sit on the device pixel grid on raster surfaces, like
 * the frame's lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-plot.h"
#include "fw-plot-axis.h"

typedef struct
{
  double em, sample, pad_x, pad_y, row_h;
  double x, y, width, height;
} LegendBox;

static void
legend_box (cairo_t             *cr,
            const FwPlotFrame   *frame,
            const FwPlotStyle   *style,
            const FwLegendEntry *entries,
            guint                n_entries,
            gboolean             bottom,
            LegendBox           *box)
{
  double inset, text_w = 0.0;

  box->em = style->font_size * 96.0 / 72.0;
  box->sample = 1.75 * box->em;
  box->pad_x = 0.6 * box->em;
  box->pad_y = 0.35 * box->em;
  inset = 0.5 * box->em;
  fw_plot_text_size (cr, style, "0", 1.0, FALSE, NULL, &box->row_h);
  for (guint i = 0; i < n_entries; i++)
    if (entries[i].label != NULL)
      {
        double w;

        fw_plot_text_size (cr, style, entries[i].label, 1.0, FALSE, &w, NULL);
        text_w = MAX (text_w, w);
      }
  box->width = box->pad_x + box->sample + 0.5 * box->em + text_w + box->pad_x;
  box->height = 2 * box->pad_y + n_entries * box->row_h;
  box->x = frame->left + frame->width - inset - box->width;
  box->y = bottom ? frame->top + frame->height - inset - box->height : frame->top + inset;
  fw_plot_snap (cr, &box->x, &box->y, TRUE);
}

void
fw_plot_legend_get_box (cairo_t             *cr,
                        const FwPlotFrame   *frame,
                        const FwPlotStyle   *style,
                        const FwLegendEntry *entries,
                        guint                n_entries,
                        gboolean             bottom,
                        double              *x,
                        double              *y,
                        double              *width,
                        double              *height)
{
  LegendBox box = { 0, };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (frame != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (entries != NULL || n_entries == 0);

  if (n_entries > 0)
    legend_box (cr, frame, style, entries, n_entries, bottom, &box);
  if (x != NULL)
    *x = box.x;
  if (y != NULL)
    *y = box.y;
  if (width != NULL)
    *width = box.width;
  if (height != NULL)
    *height = box.height;
}

void
fw_plot_legend_draw (cairo_t             *cr,
                     const FwPlotFrame   *frame,
                     const FwPlotStyle   *style,
                     const FwLegendEntry *entries,
                     guint                n_entries,
                     gboolean             bottom)
{
  LegendBox box;
  double r;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (frame != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (entries != NULL || n_entries == 0);

  if (n_entries == 0)
    return;
  legend_box (cr, frame, style, entries, n_entries, bottom, &box);
  r = 0.35 * box.em;

  fw_plot_frame_clip (cr, frame);
  /* A rounded panel that lets the data behind it show a little. */
  cairo_new_sub_path (cr);
  cairo_arc (cr, box.x + box.width - r, box.y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, box.x + box.width - r, box.y + box.height - r, r, 0, G_PI / 2);
  cairo_arc (cr, box.x + r, box.y + box.height - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, box.x + r, box.y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  fw_color_set_source (cr, &style->panel);
  cairo_fill_preserve (cr);
  fw_color_set_source (cr, &style->grid);
  cairo_set_line_width (cr, fw_plot_hairline (cr));
  cairo_stroke (cr);

  for (guint i = 0; i < n_entries; i++)
    {
      const FwColor *color = entries[i].color != NULL ? entries[i].color : &style->foreground;
      double cy = box.y + box.pad_y + (i + 0.5) * box.row_h, sx = box.x + box.pad_x;

      fw_plot_snap (cr, &sx, &cy, TRUE);

      fw_color_set_source (cr, color);
      if (entries[i].filled)
        {
          double side = 0.75 * box.em;
          double x0 = sx + (box.sample - side) / 2, y0 = cy - side / 2;
          double x1 = x0 + side, y1 = y0 + side;

          fw_plot_snap (cr, &x0, &y0, FALSE);
          fw_plot_snap (cr, &x1, &y1, FALSE);
          cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
          cairo_fill (cr);
        }
      else
        {
          cairo_set_line_width (cr, style->line_width);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
          if (entries[i].dashed)
            fw_plot_set_dashed (cr, style);
          cairo_move_to (cr, sx, cy);
          cairo_line_to (cr, sx + box.sample, cy);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0.0);
        }
      if (entries[i].label != NULL)
        fw_plot_text (cr, style, entries[i].label, sx + box.sample + 0.5 * box.em, cy,
                      FW_TEXT_ANCHOR_START, 1.0, FALSE, &style->foreground);
    }
  cairo_restore (cr);
}
