/* fw-plot-importance.h — feature importance as a ranked list of horizontal bars
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
  const char         *x_label;          /* e.g. "Drop in accuracy when shuffled"; may be NULL */
  const char *const  *features;         /* n feature names */
  const double       *mean;             /* n mean importances; NaN: listed last, no bar */
  const double       *sd;               /* n standard deviations, may be NULL; NaN: no whisker */
  guint               n;
  FwTickFormat        x_format;         /* PLAIN or PERCENT */
} FwPlotImportance;

/* FwPlotDrawFunc for a FwPlotImportance: features sorted by mean, the largest on top, a bar
 * from 0 to the mean with a whisker over mean ± sd and the mean written at the bar's end.
 * The x axis starts at 0 unless a mean (or mean − sd) is negative. */
void     fw_plot_importance_draw   (cairo_t                *cr,
                                    double                  width,
                                    double                  height,
                                    const FwPlotStyle      *style,
                                    gconstpointer           data);

/* The frame fw_plot_importance_draw() lays out at @width × @height on an image surface, and
 * the order the features are drawn in: @order (n entries, may be NULL) receives the index
 * of the feature on row 0 (top), row 1, …; row i is [top + i·h, top + (i+1)·h) with
 * h = height / n.  FALSE for an empty size. */
gboolean fw_plot_importance_layout (double                  width,
                                    double                  height,
                                    const FwPlotStyle      *style,
                                    const FwPlotImportance *importance,
                                    FwPlotFrame            *frame,
                                    guint                  *order);

G_END_DECLS
