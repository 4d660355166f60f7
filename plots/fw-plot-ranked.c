/* fw-plot-ranked.c — horizontal bars, one per category row, with their values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-plot-ranked-private.h"

/* Between a bar's end and its label, in font sizes. */
#define LABEL_GAP 0.5

double
fw_plot_ranked_row (cairo_t           *cr,
                    const FwPlotStyle *style,
                    const FwPlotFrame *frame,
                    guint              row,
                    guint              n_rows,
                    double            *y0,
                    double            *y1)
{
  double hair = fw_plot_hairline (cr), cy = fw_plot_frame_y (frame, row + 0.5), thick;

  g_assert (n_rows > 0);

  /* Bars thicker than two font sizes read as blocks, not as lengths to compare. */
  thick = MIN (frame->height / n_rows * 0.62, 2.0 * style->font_size);
  *y0 = fw_plot_snap_y (cr, cy - thick / 2, FALSE);
  *y1 = MAX (fw_plot_snap_y (cr, cy + thick / 2, FALSE), *y0 + hair);
  return cy;
}

void
fw_plot_ranked_make_room (cairo_t           *cr,
                          const FwPlotStyle *style,
                          const FwPlotFrame *frame,
                          const char        *text,
                          double             end,
                          double            *lo,
                          double            *hi)
{
  double w, room;

  fw_plot_text_size (cr, style, text, FW_PLOT_RANKED_LABEL_SCALE, FALSE, &w, NULL);
  room = frame->width - style->font_size * LABEL_GAP - w;
  if (!(room > frame->width / 3))
    return;
  /* Solve left + W·(end − lo)/(hi − lo) + gap + w ≤ left + W for hi (or lo). */
  if (end >= 0)
    *hi = MAX (*hi, frame->x_min + frame->width * (end - frame->x_min) / room);
  else
    *lo = MIN (*lo, frame->x_max - frame->width * (frame->x_max - end) / room);
}

void
fw_plot_ranked_label (cairo_t           *cr,
                      const FwPlotStyle *style,
                      const FwPlotFrame *frame,
                      const char        *text,
                      double             end,
                      double             cy,
                      gboolean           before)
{
  double gap = style->font_size * LABEL_GAP, w;

  fw_plot_text_size (cr, style, text, FW_PLOT_RANKED_LABEL_SCALE, FALSE, &w, NULL);
  if (before)
    fw_plot_text (cr, style, text, MAX (end - gap, frame->left + w + 2), cy, FW_TEXT_ANCHOR_END,
                  FW_PLOT_RANKED_LABEL_SCALE, FALSE, &style->foreground);
  else
    fw_plot_text (cr, style, text, MIN (end + gap, frame->left + frame->width - w - 2), cy,
                  FW_TEXT_ANCHOR_START, FW_PLOT_RANKED_LABEL_SCALE, FALSE, &style->foreground);
}
