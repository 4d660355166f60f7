/* fw-plot-ranked-private.h — horizontal bars, one per category row, with their values
 *
 * What the category counts (fw-plot-histogram.c) and the feature importance
 * (fw-plot-importance.c) share, so the two ranked charts keep one look: a frame with a
 * category y axis (row 0 on top) and a numeric x axis, a bar per row and its value's label
 * just past the bar's end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-plot.h"
#include "fw-plot-axis.h"

G_BEGIN_DECLS

#define FW_PLOT_RANKED_LABEL_SCALE 0.85   /* of the font size, for the values */

/* Row @row's bar top and bottom (@y0, @y1), on whole pixels and at least a hairline apart;
 * returns the row's centre. */
double fw_plot_ranked_row        (cairo_t           *cr,
                                  const FwPlotStyle *style,
                                  const FwPlotFrame *frame,
                                  guint              row,
                                  guint              n_rows,
                                  double            *y0,
                                  double            *y1);
/* Widens the x range [@lo, @hi] (the laid-out @frame's, to start) so that @text fits past a
 * bar reaching @end: after it for @end ≥ 0, before it otherwise.  A label that would leave
 * the bars less than a third of the width is let overlap instead. */
void   fw_plot_ranked_make_room  (cairo_t           *cr,
                                  const FwPlotStyle *style,
                                  const FwPlotFrame *frame,
                                  const char        *text,
                                  double             end,
                                  double            *lo,
                                  double            *hi);
/* @text centred on @cy, just after @end (before it with @before), kept inside the plot
 * area. */
void   fw_plot_ranked_label      (cairo_t           *cr,
                                  const FwPlotStyle *style,
                                  const FwPlotFrame *frame,
                                  const char        *text,
                                  double             end,
                                  double             cy,
                                  gboolean           before);

G_END_DECLS
