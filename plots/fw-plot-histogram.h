/* fw-plot-histogram.h — a column's distribution, full size, for the Clean step
 *
 * Numbers get a histogram over their range with optional marked values (mean, median,
 * outlier fences); categories get their most frequent values as a ranked list of bars.
 * The column card's tiny version is fw-plot-sparkline.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-plot.h"
#include "fw-plot-axis.h"
#include "fw-profile.h"

G_BEGIN_DECLS

typedef struct
{
  const char *label;            /* "Mean", "Median", "Upper fence"; may be NULL */
  double      value;            /* in the column's units; drawn when inside the x range */
} FwPlotMarker;

/* Every array is the caller's and must outlive the draw call. */
typedef struct
{
  const char         *title;            /* may be NULL */
  const char         *x_label;          /* the column's name; may be NULL */
  /* n_bins equal-width bins over [lo, hi], as FwColumnProfile.histogram over [min, max];
   * lo == hi (a constant column) draws one bar at that value. */
  const guint        *counts;
  guint               n_bins;
  double              lo, hi;
  FwTickFormat        x_format;         /* PLAIN or SI */
  const FwPlotMarker *markers;          /* dashed vertical lines with their labels on top */
  guint               n_markers;
} FwPlotHistogram;

typedef struct
{
  const char            *title;         /* may be NULL */
  const char            *x_label;       /* NULL: "Rows" */
  /* The most frequent values, most frequent first, as FwColumnProfile.top. */
  const FwCategoryCount *top;
  guint                  n_top;
  gsize                  other;         /* rows holding any other value: a muted last bar */
} FwPlotCategoryCounts;

/* FwPlotDrawFunc for a FwPlotHistogram.  Non-finite lo or hi, or no bins, draw an empty
 * frame. */
void     fw_plot_histogram_draw       (cairo_t                    *cr,
                                       double                      width,
                                       double                      height,
                                       const FwPlotStyle          *style,
                                       gconstpointer               data);
/* FwPlotDrawFunc for a FwPlotCategoryCounts: horizontal bars, the most frequent value on
 * top, each with its count at the bar's end. */
void     fw_plot_category_counts_draw (cairo_t                    *cr,
                                       double                      width,
                                       double                      height,
                                       const FwPlotStyle          *style,
                                       gconstpointer               data);

/* The frames the draw functions lay out at @width × @height on an image surface.  For the
 * category counts, row i (0 on top; "Other" last) is [top + i·h, top + (i+1)·h) with
 * h = height / rows.  FALSE for an empty size. */
gboolean fw_plot_histogram_layout       (double                      width,
                                         double                      height,
                                         const FwPlotStyle          *style,
                                         const FwPlotHistogram      *histogram,
                                         FwPlotFrame                *frame);
gboolean fw_plot_category_counts_layout (double                      width,
                                         double                      height,
                                         const FwPlotStyle          *style,
                                         const FwPlotCategoryCounts *counts,
                                         FwPlotFrame                *frame);

G_END_DECLS
