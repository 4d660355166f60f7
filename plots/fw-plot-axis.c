/* fw-plot-axis.c — the plot frame (title, axes, labels, grid)
 *
 * Margins come from Pango's measure of the text they hold: the y tick labels set the left
 * margin, the title the top one, the x tick labels and axis label the bottom one, and half
 * of the last x tick label the right one.  Grid and axis lines are hairlines snapped to
 * device pixels on raster surfaces.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include "fw-plot.h"
#include "fw-plot-axis.h"

typedef struct
{
  cairo_t           *cr;
  const FwPlotStyle *style;
  double             em;          /* the font size in user units */
  double             pad;         /* between the plot's edge and anything drawn */
  double             gap;         /* between tick labels and the plot area */
  double             label_h;     /* one tick label's height */
  double             title_h;     /* 0 without a title */
} Layout;

static double
text_width (const Layout *lay,
            const char   *text)
{
  double w;

  fw_plot_text_size (lay->cr, lay->style, text, 1.0, FALSE, &w, NULL);
  return w;
}

static void
tick_label (const FwTicks *ticks,
            guint          i,
            gboolean       log,
            FwTickFormat   format,
            char          *buf,
            gsize          size)
{
  /* Every log tick is its own magnitude: it is told apart at its own precision. */
  fw_tick_format (ticks->values[i], log ? ticks->values[i] : ticks->step, format, buf, size);
}

static double
widest_tick_label (const Layout  *lay,
                   const FwTicks *ticks,
                   gboolean       log,
                   FwTickFormat   format)
{
  double widest = 0.0;
  char buf[64];

  for (guint i = 0; i < ticks->n; i++)
    {
      tick_label (ticks, i, log, format, buf, sizeof buf);
      widest = MAX (widest, text_width (lay, buf));
    }
  return widest;
}

/* Non-finite or empty ranges become something drawable. */
static void
sane_range (double *lo,
            double *hi)
{
  if (!isfinite (*lo) && !isfinite (*hi))
    {
      *lo = 0.0;
      *hi = 1.0;
    }
  else if (!isfinite (*lo))
    *lo = *hi;
  else if (!isfinite (*hi))
    *hi = *lo;
  if (*lo > *hi)
    {
      double t = *lo;

      *lo = *hi;
      *hi = t;
    }
}

static void
y_axis_ticks (const Layout     *lay,
              const FwAxesSpec *spec,
              double            plot_h,
              FwPlotFrame      *frame)
{
  double lo = spec->y_min, hi = spec->y_max;

  sane_range (&lo, &hi);
  if (spec->y_log)
    {
      /* No data above zero: a decade below whatever top there is. */
      if (hi <= 0.0)
        hi = 1.0;
      if (lo <= 0.0)
        lo = hi / 10.0;
      fw_ticks_compute_log (&frame->y_ticks, lo, hi);
    }
  else
    {
      /* 1-2-5 rounding can overshoot the target: fewer until they are 3 em apart. */
      for (guint target = (guint) CLAMP (plot_h / (3.5 * lay->em), 1, 10) + 1;; target--)
        {
          fw_ticks_compute (&frame->y_ticks, lo, hi, target);
          if (target <= 2 || frame->y_ticks.n < 2 ||
              plot_h / (frame->y_ticks.n - 1) >= 3.0 * lay->em)
            break;
        }
    }
  frame->y_min = frame->y_ticks.lo;
  frame->y_max = frame->y_ticks.hi;
}

static void
x_axis_ticks (const Layout     *lay,
              const FwAxesSpec *spec,
              double            plot_w,
              FwPlotFrame      *frame)
{
  double lo = spec->x_min, hi = spec->x_max;
  guint target = (guint) CLAMP (plot_w / (3.5 * lay->em), 1, 11) + 1;

  sane_range (&lo, &hi);
  /* Fewer ticks until they are 4.5 em apart and their labels 2 em. */
  for (;; target--)
    {
      guint n;
      double spacing;

      fw_ticks_compute (&frame->x_ticks, lo, hi, target);
      n = frame->x_ticks.n;
      spacing = n > 1 ? plot_w / (n - 1) : plot_w;
      if (target <= 2 || n < 2 ||
          (spacing >= 4.5 * lay->em &&
           spacing >= widest_tick_label (lay, &frame->x_ticks, FALSE, spec->x_format) + 2 * lay->em))
        break;
    }
  frame->x_min = frame->x_ticks.lo;
  frame->x_max = frame->x_ticks.hi;
}

/* Lays the plot area out; everything measured, nothing drawn yet. */
static void
frame_layout (const Layout     *lay,
              const FwAxesSpec *spec,
              double            width,
              double            height,
              FwPlotFrame      *frame)
{
  double x_label_h = 0.0, y_label_h = 0.0, left, right, top, bottom, ylw, x0, x1, y0, y1;
  char buf[64];

  if (spec->x_label != NULL)
    fw_plot_text_size (lay->cr, lay->style, spec->x_label, 1.0, FALSE, NULL, &x_label_h);
  if (spec->y_label != NULL)
    fw_plot_text_size (lay->cr, lay->style, spec->y_label, 1.0, FALSE, NULL, &y_label_h);

  top = lay->pad + (lay->title_h > 0 ? lay->title_h + lay->em : lay->label_h / 2);
  bottom = lay->pad + lay->label_h + lay->gap + (x_label_h > 0 ? x_label_h + 0.25 * lay->em : 0);

  if (spec->n_y_categories > 0)
    {
      /* Category 0 on top: the frame's y runs from n (bottom) to 0 (top). */
      frame->y_min = spec->n_y_categories;
      frame->y_max = 0.0;
      ylw = 0.0;
      for (guint i = 0; i < spec->n_y_categories; i++)
        ylw = MAX (ylw, text_width (lay, spec->y_categories[i]));
      ylw = MIN (ylw, 0.35 * width);
    }
  else
    {
      y_axis_ticks (lay, spec, height - top - bottom, frame);
      ylw = widest_tick_label (lay, &frame->y_ticks, spec->y_log, spec->y_format);
    }
  left = lay->pad + (y_label_h > 0 ? y_label_h + lay->gap : 0) + ylw + lay->gap;
  right = lay->pad;

  if (spec->n_x_categories > 0)
    {
      frame->x_min = 0.0;
      frame->x_max = spec->n_x_categories;
    }
  else
    {
      x_axis_ticks (lay, spec, width - left - right, frame);
      if (frame->x_ticks.n > 0)
        {
          /* The end labels are centred on the plot's edges: leave room for their halves. */
          fw_tick_format (frame->x_ticks.values[frame->x_ticks.n - 1], frame->x_ticks.step,
                          spec->x_format, buf, sizeof buf);
          right = MAX (right, lay->pad + text_width (lay, buf) / 2);
          fw_tick_format (frame->x_ticks.values[0], frame->x_ticks.step, spec->x_format, buf,
                          sizeof buf);
          left = MAX (left, lay->pad + text_width (lay, buf) / 2);
        }
    }

  x0 = left;
  x1 = width - right;
  y0 = top;
  y1 = height - bottom;
  /* A plot too small for its labels still gets a (tiny) area inside its bounds. */
  if (x1 < x0 + 1.0)
    {
      x0 = CLAMP (x0, 0.0, MAX (0.0, width - 1.0));
      x1 = MIN (width, x0 + 1.0);
    }
  if (y1 < y0 + 1.0)
    {
      y0 = CLAMP (y0, 0.0, MAX (0.0, height - 1.0));
      y1 = MIN (height, y0 + 1.0);
    }
  fw_plot_snap (lay->cr, &x0, &y0, FALSE);
  fw_plot_snap (lay->cr, &x1, &y1, FALSE);
  frame->left = x0;
  frame->top = y0;
  frame->width = MAX (x1 - x0, 0.0);
  frame->height = MAX (y1 - y0, 0.0);
  frame->y_log = spec->y_log && spec->n_y_categories == 0;
}

static void
hline (cairo_t *cr,
       double   x0,
       double   x1,
       double   y)
{
  fw_plot_snap (cr, NULL, &y, TRUE);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
}

static void
vline (cairo_t *cr,
       double   x,
       double   y0,
       double   y1)
{
  fw_plot_snap (cr, &x, NULL, TRUE);
  cairo_move_to (cr, x, y0);
  cairo_line_to (cr, x, y1);
}

static void
draw_grid (const Layout      *lay,
           const FwAxesSpec  *spec,
           const FwPlotFrame *frame)
{
  cairo_t *cr = lay->cr;
  double right = frame->left + frame->width, bottom = frame->top + frame->height;
  double hair = fw_plot_hairline (cr);

  cairo_set_line_width (cr, hair);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  if (!spec->no_grid)
    {
      fw_color_set_source (cr, &lay->style->grid);
      /* The bottom edge is the axis line's; a grid line there would double it. */
      for (guint i = 0; i < frame->y_ticks.n; i++)
        {
          double y = fw_plot_frame_y (frame, frame->y_ticks.values[i]);

          if (y < bottom - hair)
            hline (cr, frame->left, right, y);
        }
      for (guint i = 0; i < frame->x_ticks.n; i++)
        vline (cr, fw_plot_frame_x (frame, frame->x_ticks.values[i]), frame->top, bottom);
      cairo_stroke (cr);
    }

  fw_color_set_source (cr, &lay->style->muted);
  hline (cr, frame->left, right, bottom - hair / 2);
  cairo_stroke (cr);
}

static void
draw_labels (const Layout      *lay,
             const FwAxesSpec  *spec,
             const FwPlotFrame *frame,
             double             width,
             double             height)
{
  cairo_t *cr = lay->cr;
  const FwColor *muted = &lay->style->muted;
  double bottom = frame->top + frame->height;
  double x_labels_y = bottom + lay->gap + lay->label_h / 2;
  double y_labels_x = frame->left - lay->gap;
  char buf[64];

  for (guint i = 0; i < frame->y_ticks.n; i++)
    {
      tick_label (&frame->y_ticks, i, frame->y_log, spec->y_format, buf, sizeof buf);
      fw_plot_text (cr, lay->style, buf, y_labels_x, fw_plot_frame_y (frame, frame->y_ticks.values[i]),
                    FW_TEXT_ANCHOR_END, 1.0, FALSE, muted);
    }
  for (guint i = 0; i < frame->x_ticks.n; i++)
    {
      tick_label (&frame->x_ticks, i, FALSE, spec->x_format, buf, sizeof buf);
      fw_plot_text (cr, lay->style, buf, fw_plot_frame_x (frame, frame->x_ticks.values[i]),
                    x_labels_y, FW_TEXT_ANCHOR_MIDDLE, 1.0, FALSE, muted);
    }
  for (guint i = 0; i < spec->n_y_categories; i++)
    {
      g_autofree char *text = fw_plot_text_fit (cr, lay->style, spec->y_categories[i], 1.0,
                                                0.35 * width);

      fw_plot_text (cr, lay->style, text, y_labels_x, fw_plot_frame_y (frame, i + 0.5),
                    FW_TEXT_ANCHOR_END, 1.0, FALSE, &lay->style->foreground);
    }
  for (guint i = 0; i < spec->n_x_categories; i++)
    {
      double slot = frame->width / spec->n_x_categories;
      g_autofree char *text = fw_plot_text_fit (cr, lay->style, spec->x_categories[i], 1.0,
                                                slot - 0.5 * lay->em);

      fw_plot_text (cr, lay->style, text, fw_plot_frame_x (frame, i + 0.5), x_labels_y,
                    FW_TEXT_ANCHOR_MIDDLE, 1.0, FALSE, &lay->style->foreground);
    }

  if (spec->x_label != NULL)
    {
      double h;

      fw_plot_text_size (cr, lay->style, spec->x_label, 1.0, FALSE, NULL, &h);
      fw_plot_text (cr, lay->style, spec->x_label, frame->left + frame->width / 2,
                    height - lay->pad - h / 2, FW_TEXT_ANCHOR_MIDDLE, 1.0, FALSE, muted);
    }
  if (spec->y_label != NULL)
    {
      double h;

      fw_plot_text_size (cr, lay->style, spec->y_label, 1.0, FALSE, NULL, &h);
      cairo_save (cr);
      cairo_translate (cr, lay->pad + h / 2, frame->top + frame->height / 2);
      cairo_rotate (cr, -G_PI / 2);
      fw_plot_text (cr, lay->style, spec->y_label, 0, 0, FW_TEXT_ANCHOR_MIDDLE, 1.0, FALSE, muted);
      cairo_restore (cr);
    }
}

#define TITLE_SCALE 1.15

/* Everything fw_plot_frame_draw() works out before it draws; fw_plot_frame_layout() and
 * fw_plot_frame_square() come through here too, so they cannot disagree with the drawing.
 * FALSE (and an empty frame) for an empty plot. */
static gboolean
frame_measure (cairo_t           *cr,
               double             width,
               double             height,
               const FwPlotStyle *style,
               const FwAxesSpec  *spec,
               Layout            *lay,
               FwPlotFrame       *frame)
{
  memset (frame, 0, sizeof *frame);
  if (!(width > 0.0) || !(height > 0.0))
    return FALSE;

  lay->cr = cr;
  lay->style = style;
  lay->em = style->font_size * 96.0 / 72.0;
  lay->pad = 0.75 * lay->em;
  lay->gap = 0.5 * lay->em;
  fw_plot_text_size (cr, style, "0", 1.0, FALSE, NULL, &lay->label_h);
  lay->title_h = 0.0;
  if (spec->title != NULL)
    fw_plot_text_size (cr, style, spec->title, TITLE_SCALE, TRUE, NULL, &lay->title_h);
  frame_layout (lay, spec, width, height, frame);
  return TRUE;
}

void
fw_plot_frame_draw (cairo_t           *cr,
                    double             width,
                    double             height,
                    const FwPlotStyle *style,
                    const FwAxesSpec  *spec,
                    FwPlotFrame       *frame)
{
  Layout lay;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (spec != NULL);
  g_return_if_fail (frame != NULL);

  if (!frame_measure (cr, width, height, style, spec, &lay, frame))
    return;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  fw_color_set_source (cr, &style->background);
  cairo_paint (cr);
  draw_grid (&lay, spec, frame);
  draw_labels (&lay, spec, frame, width, height);
  if (spec->title != NULL)
    fw_plot_text (cr, style, spec->title, lay.pad, lay.pad + lay.title_h / 2,
                  FW_TEXT_ANCHOR_START, TITLE_SCALE, TRUE, &style->foreground);
  cairo_restore (cr);
}

void
fw_plot_frame_layout (double             width,
                      double             height,
                      const FwPlotStyle *style,
                      const FwAxesSpec  *spec,
                      FwPlotFrame       *frame)
{
  cairo_t *cr;
  Layout lay;

  g_return_if_fail (style != NULL);
  g_return_if_fail (spec != NULL);
  g_return_if_fail (frame != NULL);

  cr = fw_plot_scratch_new ();
  frame_measure (cr, width, height, style, spec, &lay, frame);
  cairo_destroy (cr);
}

void
fw_plot_frame_square (double             width,
                      double             height,
                      const FwPlotStyle *style,
                      const FwAxesSpec  *spec,
                      cairo_rectangle_t *area)
{
  cairo_t *cr;
  double w = width, h = height;

  g_return_if_fail (style != NULL);
  g_return_if_fail (spec != NULL);
  g_return_if_fail (area != NULL);

  cr = fw_plot_scratch_new ();
  /* Margins hardly depend on the area, but tick labels may be cut shorter: settle twice. */
  for (guint pass = 0; pass < 3; pass++)
    {
      FwPlotFrame frame;
      Layout lay;
      double side;

      frame_measure (cr, w, h, style, spec, &lay, &frame);
      if (frame.width <= 0 || frame.height <= 0 || fabs (frame.width - frame.height) < 0.5)
        break;
      side = floor (MIN (frame.width, frame.height));
      w = MAX (1.0, w - (frame.width - side));
      h = MAX (1.0, h - (frame.height - side));
    }
  cairo_destroy (cr);
  /* Whole units: the frame drawn translated by them still lands on the pixel grid. */
  area->x = floor ((width - w) / 2);
  area->y = floor ((height - h) / 2);
  area->width = w;
  area->height = h;
}

double
fw_plot_frame_x (const FwPlotFrame *frame,
                 double             x)
{
  g_return_val_if_fail (frame != NULL, 0.0);

  if (frame->x_max == frame->x_min)
    return frame->left + frame->width / 2;
  return frame->left + frame->width * (x - frame->x_min) / (frame->x_max - frame->x_min);
}

double
fw_plot_frame_y (const FwPlotFrame *frame,
                 double             y)
{
  double lo, hi;

  g_return_val_if_fail (frame != NULL, 0.0);

  lo = frame->y_min;
  hi = frame->y_max;
  if (frame->y_log)
    {
      if (!(y > 0.0))
        return NAN;
      y = log10 (y);
      lo = log10 (lo);
      hi = log10 (hi);
    }
  if (hi == lo)
    return frame->top + frame->height / 2;
  return frame->top + frame->height * (hi - y) / (hi - lo);
}

void
fw_plot_frame_clip (cairo_t           *cr,
                    const FwPlotFrame *frame)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (frame != NULL);

  cairo_save (cr);
  cairo_rectangle (cr, frame->left, frame->top, frame->width, frame->height);
  cairo_clip (cr);
}
