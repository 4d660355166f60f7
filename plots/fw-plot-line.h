/* fw-plot-line.h — the streaming line chart: loss, validation metric, fairness curves
 *
 * A series is an append-only store of (x, y) points; a chart is a plain struct naming its
 * series, labels and options, handed to fw_plot_line_draw() (an FwPlotDrawFunc).  Drawing
 * is min/max-decimated to the plot's pixel columns, so a million points cost about what a
 * few thousand do.  A series is not thread-safe: append on the thread that draws (the UI
 * drains the trainer's event queue once per frame and appends there).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include "fw-plot.h"
#include "fw-plot-axis.h"

G_BEGIN_DECLS

typedef struct _FwLineSeries FwLineSeries;

/* @name shows in the legend (NULL: not listed); @color indexes style->series (modulo
 * FW_PLOT_N_SERIES_COLORS). */
FwLineSeries *fw_line_series_new        (const char          *name,
                                         guint                color,
                                         gboolean             dashed);
void          fw_line_series_free       (FwLineSeries        *self);
/* O(1) amortised.  A NaN x or y (or y ≤ 0 on a log axis) is a gap: the line breaks there
 * and a lone point between gaps is drawn as a dot. */
void          fw_line_series_append     (FwLineSeries        *self,
                                         double               x,
                                         double               y);
/* Room for @n points in all, so a known number of appends never reallocates. */
void          fw_line_series_reserve    (FwLineSeries        *self,
                                         gsize                n);
void          fw_line_series_clear      (FwLineSeries        *self);
gsize         fw_line_series_get_length (const FwLineSeries  *self);
/* FALSE past the end. */
gboolean      fw_line_series_get_point  (const FwLineSeries  *self,
                                         gsize                i,
                                         double              *x,
                                         double              *y);
const char   *fw_line_series_get_name   (const FwLineSeries  *self);
/* The finite points' extent, and the smallest y > 0 (for log axes); FALSE when there are
 * none.  Any output may be NULL. */
gboolean      fw_line_series_get_range  (const FwLineSeries  *self,
                                         double              *x_min,
                                         double              *x_max,
                                         double              *y_min,
                                         double              *y_max,
                                         double              *y_min_positive);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwLineSeries, fw_line_series_free)

typedef struct
{
  const char          *title;             /* may be NULL */
  const char          *x_label, *y_label; /* may be NULL */
  FwLineSeries *const *series;            /* drawn in order: the last one on top */
  guint                n_series;
  FwTickFormat         x_format, y_format;
  gboolean             y_log;
  /* The axes cover at least these ranges when max > min (say x 1 … epochs before they have
   * all run, y 0 … 1 for a rate), and stretch to any data beyond them. */
  double               x_min, x_max;
  double               y_min, y_max;
  /* The best epoch: a dashed vertical line at best_x, a dot at (best_x, best_y) in the
   * colour of series[best_series] when best_y is finite, and best_label beside the line. */
  gboolean             show_best;
  double               best_x, best_y;
  guint                best_series;
  const char          *best_label;        /* may be NULL */
  /* A legend lists the named series, top right (bottom right with legend_bottom). */
  gboolean             no_legend;
  gboolean             legend_bottom;
} FwLineChart;

/* Draws @chart (an FwLineChart) into [0, width] × [0, height]; an FwPlotDrawFunc. */
void          fw_plot_line_draw         (cairo_t             *cr,
                                         double               width,
                                         double               height,
                                         const FwPlotStyle   *style,
                                         gconstpointer        chart);

G_END_DECLS
