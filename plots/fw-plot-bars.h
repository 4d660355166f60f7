/* fw-plot-bars.h — grouped bar chart with confidence intervals and a reference band
 *
 * Used for per-group fairness figures: one group of bars per group of people ("female",
 * "male"), one bar per measure in each (selection rate, TPR, FPR), each with its confidence
 * interval, over the band a rule calls acceptable (the four-fifths rule's 0.8–1.25).
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
  const char         *y_label;          /* may be NULL */
  const char *const  *groups;           /* n_groups x-axis categories */
  guint               n_groups;
  const char *const  *series;           /* n_series legend labels; NULL: no legend */
  guint               n_series;
  /* n_groups × n_series, group-major: values[g * n_series + s].  NaN: no bar. */
  const double       *values;
  /* Same layout, either may be NULL; NaN: no whisker on that side. */
  const double       *lower, *upper;
  FwTickFormat        y_format;         /* PLAIN or PERCENT (0.25 → 25%) */
  /* The y range is fitted to the bars, whiskers, band and line, always including 0, unless
   * y_max > y_min: then it is [y_min, y_max] widened to nice ticks. */
  double              y_min, y_max;
  /* When > 0, no value can pass it (1 for rates): the fitted range stops there, and a
   * legend the bars would run into goes above the plot area instead of stretching it. */
  double              y_limit;
  /* A shaded band over [band_lo, band_hi] with its label, when band_hi > band_lo. */
  double              band_lo, band_hi;
  const char         *band_label;       /* may be NULL */
  /* A dashed horizontal line at reference, with its label, when has_reference. */
  gboolean            has_reference;
  double              reference;
  const char         *reference_label;  /* may be NULL */
} FwPlotBars;

/* FwPlotDrawFunc for a FwPlotBars.  Draws only the frame when there is no group or series. */
void     fw_plot_bars_draw       (cairo_t           *cr,
                                  double             width,
                                  double             height,
                                  const FwPlotStyle *style,
                                  gconstpointer      data);

/* The frame fw_plot_bars_draw() lays out at @width × @height on an image surface, for
 * hit-testing and tests.  FALSE (and @frame untouched) for an empty size. */
gboolean fw_plot_bars_layout     (double             width,
                                  double             height,
                                  const FwPlotStyle *style,
                                  const FwPlotBars  *bars,
                                  FwPlotFrame       *frame);

/* The left and right edges of bar (@group, @series) inside @frame, in user units, before
 * they are rounded to device pixels. */
void     fw_plot_bars_bar_extent (const FwPlotFrame *frame,
                                  const FwPlotStyle *style,
                                  const FwPlotBars  *bars,
                                  guint              group,
                                  guint              series,
                                  double            *left,
                                  double            *right);

/* Where fw_plot_bars_draw() writes the reference line's label at @width × @height: above
 * or below the line, at its right or left end, wherever it covers no bar (on a panel over
 * the bars only when every place would).  FALSE when no label is drawn. */
gboolean fw_plot_bars_reference_note (double             width,
                                      double             height,
                                      const FwPlotStyle *style,
                                      const FwPlotBars  *bars,
                                      cairo_rectangle_t *box);

G_END_DECLS
