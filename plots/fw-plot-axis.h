/* fw-plot-axis.h — ticks, the plot frame (title, axes, labels, grid) and legends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include "fw-plot-style.h"

G_BEGIN_DECLS

#define FW_PLOT_MAX_TICKS 24

typedef enum {
  FW_TICK_FORMAT_PLAIN,         /* 0.25, 1500, -3 */
  FW_TICK_FORMAT_SI,            /* 1.5k, 2M, 3µ */
  FW_TICK_FORMAT_PERCENT,       /* 0.25 → 25% */
} FwTickFormat;

typedef struct
{
  double values[FW_PLOT_MAX_TICKS];
  guint  n;
  double step;                  /* 1, 2 or 5 × 10^k; for log ticks, the decade factor */
  double lo, hi;                /* the nice range the ticks span, covering the data */
} FwTicks;

/* 1-2-5 ticks covering [@lo, @hi] with about @target of them (at most FW_PLOT_MAX_TICKS);
 * @lo == @hi gets a small range around the value; non-finite input gives n = 0. */
void   fw_ticks_compute     (FwTicks *ticks,
                             double   lo,
                             double   hi,
                             guint    target);
/* Powers of ten covering [@lo, @hi], both > 0 (n = 0 otherwise), with 2× and 5× ticks
 * between them when that is at most two decades.  Label a log tick with the value itself
 * as fw_tick_format()'s @step. */
void   fw_ticks_compute_log (FwTicks *ticks,
                             double   lo,
                             double   hi);
/* The shortest text that tells a tick from its neighbours @step apart, in the C locale's
 * digits with a true minus sign ("−").  PLAIN turns to "1.5×10⁻⁶" when @step is below
 * 10⁻⁵ or from 10⁶ up; SI runs from p to T.  Always valid UTF-8, cut to fit @size. */
char  *fw_tick_format       (double        value,
                             double        step,
                             FwTickFormat  format,
                             char         *buf,
                             gsize         size);

typedef struct
{
  const char         *title;              /* may be NULL */
  const char         *x_label, *y_label;  /* may be NULL */
  double              x_min, x_max;       /* data range; widened to nice ticks */
  double              y_min, y_max;
  gboolean            y_log;
  FwTickFormat        x_format, y_format;
  /* Categorical axes instead of numbers: one slot per category, label at its centre.
   * Category i spans [i, i + 1] in data units (its centre is i + 0.5); on the y axis
   * category 0 is the top row (the frame's y_min is n and y_max 0).  A label too long for
   * its slot (x) or for about a third of the width (y) is cut with an ellipsis. */
  const char *const  *x_categories;
  guint               n_x_categories;
  const char *const  *y_categories;
  guint               n_y_categories;
  gboolean            no_grid;
} FwAxesSpec;

typedef struct
{
  /* The plot area, in user units, on whole device pixels on raster surfaces. */
  double   left, top, width, height;
  FwTicks  x_ticks, y_ticks;
  double   x_min, x_max, y_min, y_max;    /* what the plot area's edges stand for */
  gboolean y_log;
} FwPlotFrame;

/* Measures the title, tick labels and axis labels with Pango, lays the plot area out inside
 * [0, width] × [0, height], and draws the background, grid, axes, ticks and labels.  Fills
 * @frame for the data-to-user mapping below.  Numeric ranges widen to the ticks around
 * them; a non-finite range becomes 0 … 1, a non-positive one on a log axis a decade. */
void   fw_plot_frame_draw   (cairo_t           *cr,
                             double             width,
                             double             height,
                             const FwPlotStyle *style,
                             const FwAxesSpec  *spec,
                             FwPlotFrame       *frame);
/* The @frame fw_plot_frame_draw() would fill, measured on a scratch surface at scale 1 and
 * drawn nowhere: for a plot that sizes its data to the plot area before it draws. */
void   fw_plot_frame_layout (double             width,
                             double             height,
                             const FwPlotStyle *style,
                             const FwAxesSpec  *spec,
                             FwPlotFrame       *frame);
/* Where in [0, width] × [0, height] to draw the frame, translated to @area's corner at
 * @area's size, so that its plot area comes out square and centred (to within half a unit;
 * the corner on whole units).  The whole plot where the frame has no plot area. */
void   fw_plot_frame_square (double             width,
                             double             height,
                             const FwPlotStyle *style,
                             const FwAxesSpec  *spec,
                             cairo_rectangle_t *area);
double fw_plot_frame_x      (const FwPlotFrame *frame,
                             double             x);
/* NaN for y ≤ 0 on a log axis. */
double fw_plot_frame_y      (const FwPlotFrame *frame,
                             double             y);
/* Clips @cr to the plot area (cairo_save first; the caller restores). */
void   fw_plot_frame_clip   (cairo_t           *cr,
                             const FwPlotFrame *frame);

typedef struct
{
  const char    *label;
  const FwColor *color;
  gboolean       dashed;
  gboolean       filled;        /* a square swatch (bars) instead of a line sample */
} FwLegendEntry;

/* A legend box in the plot area's top-right corner (bottom-right with @bottom). */
void   fw_plot_legend_draw  (cairo_t             *cr,
                             const FwPlotFrame   *frame,
                             const FwPlotStyle   *style,
                             const FwLegendEntry *entries,
                             guint                n_entries,
                             gboolean             bottom);
/* Added with the plot core: where fw_plot_legend_draw() puts its box, so a plot can keep
 * its own labels clear of it.  Any output may be NULL. */
void   fw_plot_legend_get_box (cairo_t             *cr,
                               const FwPlotFrame   *frame,
                               const FwPlotStyle   *style,
                               const FwLegendEntry *entries,
                               guint                n_entries,
                               gboolean             bottom,
                               double              *x,
                               double              *y,
                               double              *width,
                               double              *height);

typedef enum {
  FW_TEXT_ANCHOR_START,
  FW_TEXT_ANCHOR_MIDDLE,
  FW_TEXT_ANCHOR_END,
} FwTextAnchor;

/* One line of text with its baseline-independent box: (@x, @y) is the anchor point
 * horizontally and the vertical centre.  @scale multiplies style->font_size.  Returns the
 * width drawn. */
double fw_plot_text         (cairo_t           *cr,
                             const FwPlotStyle *style,
                             const char        *text,
                             double             x,
                             double             y,
                             FwTextAnchor       anchor,
                             double             scale,
                             gboolean           bold,
                             const FwColor     *color);
void   fw_plot_text_size    (cairo_t           *cr,
                             const FwPlotStyle *style,
                             const char        *text,
                             double             scale,
                             gboolean           bold,
                             double            *width,
                             double            *height);
/* @text, or where it is wider than @max_width at @scale (regular weight) its longest
 * prefix that fits with an ellipsis, down to "…" alone; a new string. */
char  *fw_plot_text_fit     (cairo_t           *cr,
                             const FwPlotStyle *style,
                             const char        *text,
                             double             scale,
                             double             max_width);

G_END_DECLS
