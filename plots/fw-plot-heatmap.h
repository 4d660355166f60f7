/* fw-plot-heatmap.h — confusion matrix as a heatmap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-plot.h"
#include "fw-plot-axis.h"

G_BEGIN_DECLS

/* Every array is the caller's and must outlive the draw call. */
typedef struct
{
  const char         *title;            /* may be NULL */
  const char *const  *classes;          /* n class names, on both axes */
  guint               n;
  /* n × n, row = actual class, column = predicted class: counts[actual * n + predicted],
   * as in FwClassificationMetrics.confusion (weighted counts are fine).  NaN or negative
   * counts as 0. */
  const double       *counts;
  const char         *x_label;          /* NULL: "Predicted" */
  const char         *y_label;          /* NULL: "Actual" */
} FwPlotHeatmap;

/* FwPlotDrawFunc for a FwPlotHeatmap: square cells, actual classes top to bottom, predicted
 * classes left to right, each cell tinted from the background towards series colour 0 by
 * its share of its row and labelled with its count and that share. */
void     fw_plot_heatmap_draw       (cairo_t             *cr,
                                     double               width,
                                     double               height,
                                     const FwPlotStyle   *style,
                                     gconstpointer        data);

/* The frame fw_plot_heatmap_draw() lays out at @width × @height on an image surface: cell
 * (row i, column j) is [left + j·w, left + (j+1)·w) × [top + i·h, top + (i+1)·h) with
 * w = width/n, h = height/n.  FALSE for an empty size or matrix. */
gboolean fw_plot_heatmap_layout     (double               width,
                                     double               height,
                                     const FwPlotStyle   *style,
                                     const FwPlotHeatmap *heatmap,
                                     FwPlotFrame         *frame);

/* The fill of a cell holding @share (0–1) of its row: series colour 0 at opacity @share
 * over a faint tint of the foreground over the background.  Opaque on an opaque
 * background; on a transparent one (the widget's), translucent, so the window shows
 * through in light and dark alike. */
void     fw_plot_heatmap_cell_color (const FwPlotStyle   *style,
                                     double               share,
                                     FwColor             *color);

G_END_DECLS
