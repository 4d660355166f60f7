/* fw-plot-line.c — the streaming line chart
 *
 * Drawing decimates to the plot's columns (a device pixel wide on screen and in PNGs, half
 * a point in vector files) and never loses a column's extremes:
 *
 *  - a sparse series (no more points than columns) is stroked through, for each column,
 *    the first, lowest, highest and last point of the run falling in it, in their original
 *    order, so it reaches every extreme and joins its neighbours where the full line would;
 *  - a dense one is filled as a band covering, in each column, everything from the highest
 *    to the lowest place the full polyline reaches there.  For a series with x increasing
 *    and no gaps each column's points are one index range whose extent the store's min/max
 *    pyramid answers in a few dozen reads, so a million points draw about as fast as a
 *    thousand; otherwise one pass over the points does it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include "fw-plot-line-private.h"

typedef struct
{
  cairo_t  *cr;
  double    x_min;
  /* user = origin + scale × (x, or y or log10 y) */
  double    x_origin, x_scale, y_origin, y_scale;
  gboolean  log;
  double    left, column_width;  /* columns start at the plot area's left edge */
  double    columns_per_unit;    /* data x to column: (x − x_min) × this, truncated */
  guint     n_columns;
  GArray   *dots;                /* lone points, as (x, y) user pairs */
} Mapping;

static inline gboolean
drawable (const Mapping *m,
          double         x,
          double         y)
{
  return isfinite (x) && isfinite (y) && (!m->log || y > 0.0);
}

static inline double
map_y (const Mapping *m,
       double         y)
{
  return m->y_origin + m->y_scale * (m->log ? log10 (y) : y);
}

static inline long
column_of (const Mapping *m,
           double         x)
{
  return CLAMP ((long) ((x - m->x_min) * m->columns_per_unit), 0, (long) m->n_columns - 1);
}

static void
add_dot (Mapping *m,
         double   x,
         double   y)
{
  double ux = m->x_origin + m->x_scale * x, uy = map_y (m, y);

  g_array_append_val (m->dots, ux);
  g_array_append_val (m->dots, uy);
}

/* Sparse series are stroked through their decimated vertices, with round joins. */

typedef struct
{
  Mapping  *m;
  gboolean  pen_down;
  guint     run;                 /* vertices since the pen went down */
  double    run_x, run_y;
} Pen;

static void
pen_emit (Pen          *pen,
          const double *point)
{
  double ux = pen->m->x_origin + pen->m->x_scale * point[0], uy = map_y (pen->m, point[1]);

  if (!pen->pen_down)
    {
      cairo_move_to (pen->m->cr, ux, uy);
      pen->pen_down = TRUE;
      pen->run = 1;
      pen->run_x = point[0];
      pen->run_y = point[1];
    }
  else
    {
      cairo_line_to (pen->m->cr, ux, uy);
      pen->run++;
    }
}

static void
pen_up (Pen *pen)
{
  /* A run of one vertex strokes to nothing: it becomes a dot instead. */
  if (pen->pen_down && pen->run == 1)
    add_dot (pen->m, pen->run_x, pen->run_y);
  pen->pen_down = FALSE;
}

/* One column's first, lowest, highest and last points, in their original order. */
static void
flush_column (Pen          *pen,
              const double *xy,
              gsize         first,
              gsize         lowest,
              gsize         highest,
              gsize         last)
{
  gsize a = MIN (lowest, highest), b = MAX (lowest, highest);

  pen_emit (pen, xy + 2 * first);
  if (a != first)
    pen_emit (pen, xy + 2 * a);
  if (b != a)
    pen_emit (pen, xy + 2 * b);
  if (last != b)
    pen_emit (pen, xy + 2 * last);
}

static void
trace_line (Mapping            *m,
            const FwLineSeries *series)
{
  const double *xy = series->xy;
  gsize first = 0, lowest = 0, highest = 0, last = 0;
  double low = 0.0, high = 0.0;
  long column = 0;
  gboolean open = FALSE;
  Pen pen = { m, FALSE, 0, 0.0, 0.0 };

  for (gsize i = 0; i < series->n; i++)
    {
      double x = xy[2 * i], y = xy[2 * i + 1];
      long c;

      if (!drawable (m, x, y))
        {
          if (open)
            flush_column (&pen, xy, first, lowest, highest, last);
          open = FALSE;
          pen_up (&pen);
          continue;
        }
      c = column_of (m, x);
      if (open && c == column)
        {
          if (y < low)
            {
              low = y;
              lowest = i;
            }
          else if (y > high)
            {
              high = y;
              highest = i;
            }
          last = i;
          continue;
        }
      if (open)
        flush_column (&pen, xy, first, lowest, highest, last);
      open = TRUE;
      column = c;
      first = lowest = highest = last = i;
      low = high = y;
    }
  if (open)
    flush_column (&pen, xy, first, lowest, highest, last);
  pen_up (&pen);
}

/* Dense series are filled as a band: each column from the highest to the lowest place the
 * polyline reaches inside it, widened by half the line width.  Cairo strokes a zigzag of
 * thousands of vertices slowly (tens of ms); it fills this x-monotone outline in about
 * one. */

typedef struct
{
  double   lo, hi;               /* data y of the points in the column; lo > hi: none */
  double   top, bottom;          /* user y of segments crossing it; top > bottom: none */
  gboolean starts_run;           /* a run begins here: not joined to the column before */
} Column;

/* Widens the columns a segment crosses by its extent inside each of them. */
static void
cover_segment (const Mapping *m,
               Column        *columns,
               double         x0,
               double         y0,
               double         x1,
               double         y1)
{
  double ux0 = m->x_origin + m->x_scale * x0, uy0 = map_y (m, y0);
  double ux1 = m->x_origin + m->x_scale * x1, uy1 = map_y (m, y1);
  long k0, k1;

  if (ux0 > ux1)
    {
      double t = ux0;

      ux0 = ux1;
      ux1 = t;
      t = uy0;
      uy0 = uy1;
      uy1 = t;
    }
  k0 = CLAMP ((long) floor ((ux0 - m->left) / m->column_width), 0, (long) m->n_columns - 1);
  k1 = CLAMP ((long) floor ((ux1 - m->left) / m->column_width), 0, (long) m->n_columns - 1);
  for (long k = k0; k <= k1; k++)
    {
      double a = MAX (ux0, m->left + k * m->column_width);
      double b = MIN (ux1, m->left + (k + 1) * m->column_width);
      double ya = uy0, yb = uy1;

      if (ux1 > ux0)
        {
          ya = uy0 + (uy1 - uy0) * (a - ux0) / (ux1 - ux0);
          yb = uy0 + (uy1 - uy0) * (b - ux0) / (ux1 - ux0);
        }
      columns[k].top = MIN (columns[k].top, MIN (ya, yb));
      columns[k].bottom = MAX (columns[k].bottom, MAX (ya, yb));
    }
}

static void
scan_band (Mapping            *m,
           const FwLineSeries *series,
           Column             *columns)
{
  const double *xy = series->xy;
  double px = 0.0, py = 0.0;
  long previous = 0;
  gsize run = 0;
  gboolean open = FALSE;

  for (gsize i = 0; i < series->n; i++)
    {
      double x = xy[2 * i], y = xy[2 * i + 1];
      long c;

      if (!drawable (m, x, y))
        {
          if (open && run == 1)
            add_dot (m, px, py);
          open = FALSE;
          continue;
        }
      c = column_of (m, x);
      if (!open)
        {
          columns[c].starts_run = TRUE;
          open = TRUE;
          run = 0;
        }
      else if (c != previous)
        cover_segment (m, columns, px, py, x, y);
      columns[c].lo = MIN (columns[c].lo, y);
      columns[c].hi = MAX (columns[c].hi, y);
      previous = c;
      px = x;
      py = y;
      run++;
    }
  if (open && run == 1)
    add_dot (m, px, py);
}

/* scan_band() for a monotone series: per column, the index range by bisection and its
 * extent from the pyramid. */
static void
scan_band_monotone (Mapping            *m,
                    const FwLineSeries *series,
                    Column             *columns)
{
  const double *xy = series->xy;
  gsize i0 = 0, n = series->n;

  columns[column_of (m, xy[0])].starts_run = TRUE;
  for (long c = column_of (m, xy[0]); c < (long) m->n_columns && i0 < n; c++)
    {
      gsize lo = i0, hi = n;

      /* The first point past column c: the same column_of as the point scan, so both
       * paths put every point in the same column. */
      while (lo < hi)
        {
          gsize mid = lo + (hi - lo) / 2;

          if (column_of (m, xy[2 * mid]) > c)
            hi = mid;
          else
            lo = mid + 1;
        }
      if (lo == i0)
        continue;
      fw_line_series_extent (series, i0, lo, &columns[c].lo, &columns[c].hi);
      /* The segment arriving from the previous column (and across any empty ones). */
      if (i0 > 0)
        cover_segment (m, columns, xy[2 * (i0 - 1)], xy[2 * i0 - 1], xy[2 * i0], xy[2 * i0 + 1]);
      i0 = lo;
    }
}

static void
trace_band (Mapping            *m,
            const FwLineSeries *series,
            const FwPlotStyle  *style)
{
  g_autofree Column *columns = g_new (Column, m->n_columns);
  double hw = style->line_width / 2, on = 0.0, period = 0.0;

  for (guint c = 0; c < m->n_columns; c++)
    columns[c] = (Column) { INFINITY, -INFINITY, INFINITY, -INFINITY, FALSE };
  if (fw_line_series_is_monotone (series, m->log))
    scan_band_monotone (m, series, columns);
  else
    scan_band (m, series, columns);

  /* Points and crossing segments together: the user-space extent, widened. */
  for (guint c = 0; c < m->n_columns; c++)
    {
      Column *col = &columns[c];

      if (col->lo <= col->hi)
        {
          col->top = MIN (col->top, map_y (m, col->hi));
          col->bottom = MAX (col->bottom, map_y (m, col->lo));
        }
      col->top -= hw;
      col->bottom += hw;
    }
  /* Dashes along x, as long as fw_plot_set_dashed's. */
  if (series->dashed)
    {
      on = 3.0 * style->line_width;
      period = on + 2.5 * style->line_width;
    }

  for (guint c = 0; c < m->n_columns;)
    {
      guint c0, c1;

#define SHOWN(k) (columns[k].top <= columns[k].bottom && \
                  (period == 0.0 || fmod (((k) + 0.5) * m->column_width, period) < on))
      if (!SHOWN (c))
        {
          c++;
          continue;
        }
      c0 = c++;
      while (c < m->n_columns && SHOWN (c) && !columns[c].starts_run)
        c++;
      c1 = c - 1;
#undef SHOWN

      /* Upper edge left to right, lower edge back: flat across each column, so every
       * column's extremes are covered across its whole width. */
      cairo_move_to (m->cr, m->left + c0 * m->column_width, columns[c0].top);
      for (guint k = c0; k <= c1; k++)
        {
          cairo_line_to (m->cr, m->left + k * m->column_width, columns[k].top);
          cairo_line_to (m->cr, m->left + (k + 1) * m->column_width, columns[k].top);
        }
      for (guint k = c1 + 1; k-- > c0;)
        {
          cairo_line_to (m->cr, m->left + (k + 1) * m->column_width, columns[k].bottom);
          cairo_line_to (m->cr, m->left + k * m->column_width, columns[k].bottom);
        }
      cairo_close_path (m->cr);
    }
}

static void
draw_series (cairo_t            *cr,
             const FwPlotStyle  *style,
             const FwPlotFrame  *frame,
             const FwLineSeries *series)
{
  const FwColor *color = &style->series[series->color % FW_PLOT_N_SERIES_COLORS];
  double y_lo = frame->y_log ? log10 (frame->y_min) : frame->y_min;
  double y_hi = frame->y_log ? log10 (frame->y_max) : frame->y_max;
  Mapping m = { cr, 0, };

  if (series->n == 0 || frame->x_max <= frame->x_min || y_hi <= y_lo)
    return;
  m.x_min = frame->x_min;
  m.x_scale = frame->width / (frame->x_max - frame->x_min);
  m.x_origin = frame->left - m.x_scale * frame->x_min;
  m.y_scale = -frame->height / (y_hi - y_lo);
  m.y_origin = frame->top - m.y_scale * y_hi;
  m.log = frame->y_log;
  m.left = frame->left;
  m.column_width = fw_plot_hairline (cr);
  m.columns_per_unit = m.x_scale / m.column_width;
  m.n_columns = (guint) MAX (1.0, ceil (frame->width / m.column_width));
  m.dots = g_array_new (FALSE, FALSE, sizeof (double));

  cairo_new_path (cr);
  fw_color_set_source (cr, color);
  /* More points than columns: the band; fewer: every vertex kept, stroked. */
  if (series->n > m.n_columns)
    {
      trace_band (&m, series, style);
      cairo_fill (cr);
    }
  else
    {
      trace_line (&m, series);
      cairo_set_line_width (cr, style->line_width);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      if (series->dashed)
        fw_plot_set_dashed (cr, style);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0.0);
    }

  for (guint i = 0; i < m.dots->len; i += 2)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, g_array_index (m.dots, double, i), g_array_index (m.dots, double, i + 1),
                 1.5 * style->line_width, 0, 2 * G_PI);
    }
  cairo_fill (cr);
  g_array_unref (m.dots);
}

static void
rounded_box (cairo_t *cr,
             double   x,
             double   y,
             double   w,
             double   h,
             double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* Whether a box comes within @margin of @avoid (x, y, width, height; width 0: nothing). */
static gboolean
meets (double        x,
       double        y,
       double        w,
       double        h,
       const double  avoid[4],
       double        margin)
{
  return avoid[2] > 0 && x < avoid[0] + avoid[2] + margin && x + w > avoid[0] - margin &&
         y < avoid[1] + avoid[3] + margin && y + h > avoid[1] - margin;
}

/* The dashed line, the dot and the label; @avoid is the legend's box (w = 0: none). */
static void
draw_best (cairo_t           *cr,
           const FwPlotStyle *style,
           const FwPlotFrame *frame,
           const FwLineChart *chart,
           const double       avoid[4])
{
  double em = style->font_size * 96.0 / 72.0;
  double x = fw_plot_frame_x (frame, chart->best_x), y;
  double right = frame->left + frame->width, bottom = frame->top + frame->height;

  if (!isfinite (x) || x < frame->left - 1 || x > right + 1)
    return;
  fw_plot_snap (cr, &x, NULL, TRUE);
  cairo_set_line_width (cr, fw_plot_hairline (cr));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  fw_plot_set_dashed (cr, style);
  fw_color_set_source (cr, &style->muted);
  cairo_move_to (cr, x, frame->top);
  cairo_line_to (cr, x, bottom);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0.0);

  y = fw_plot_frame_y (frame, chart->best_y);
  if (isfinite (chart->best_y) && isfinite (y))
    {
      const FwColor *color = chart->best_series < chart->n_series
                               ? &style->series[chart->series[chart->best_series]->color %
                                                FW_PLOT_N_SERIES_COLORS]
                               : &style->foreground;

      /* A ring in the panel colour lifts the dot off the line it sits on (the chart's clip
       * leaves room for it). */
      cairo_arc (cr, x, y, 2.5 * style->line_width + 1.5, 0, 2 * G_PI);
      fw_color_set_source (cr, &style->panel);
      cairo_fill (cr);
      cairo_arc (cr, x, y, 2.5 * style->line_width, 0, 2 * G_PI);
      fw_color_set_source (cr, color);
      cairo_fill (cr);
    }

  if (chart->best_label != NULL && *chart->best_label != '\0')
    {
      double w, h, pad = 0.35 * em, box_w, box_h, bx, by;

      fw_plot_text_size (cr, style, chart->best_label, 1.0, FALSE, &w, &h);
      box_w = w + 2 * pad;
      box_h = h + 0.3 * em;
      /* Right of the line, else left of it, else below the legend: the first place that
       * fits in the plot and keeps half an em from the legend. */
      by = frame->top + 0.5 * em;
      bx = x + 0.4 * em;
      if (bx + box_w > right - 0.25 * em || meets (bx, by, box_w, box_h, avoid, 0.5 * em))
        {
          bx = x - 0.4 * em - box_w;
          if (bx < frame->left + 0.25 * em || meets (bx, by, box_w, box_h, avoid, 0.5 * em))
            {
              bx = x + 0.4 * em;
              if (bx + box_w > right - 0.25 * em)
                bx = x - 0.4 * em - box_w;
              if (meets (bx, by, box_w, box_h, avoid, 0.5 * em))
                by = avoid[1] + avoid[3] + 0.5 * em;
            }
        }
      rounded_box (cr, bx, by, box_w, box_h, 0.35 * em);
      fw_color_set_source (cr, &style->panel);
      cairo_fill (cr);
      fw_plot_text (cr, style, chart->best_label, bx + pad, by + box_h / 2, FW_TEXT_ANCHOR_START,
                    1.0, FALSE, &style->foreground);
    }
}

/* The union of the series' extents and the chart's own minimum ranges. */
static void
chart_range (const FwLineChart *chart,
             FwAxesSpec        *spec)
{
  double x_min = INFINITY, x_max = -INFINITY, y_min = INFINITY, y_max = -INFINITY;

  for (guint i = 0; i < chart->n_series; i++)
    {
      double a, b, c, d, p;

      if (!fw_line_series_get_range (chart->series[i], &a, &b, &c, &d, &p))
        continue;
      x_min = MIN (x_min, a);
      x_max = MAX (x_max, b);
      /* On a log axis only the positive values count. */
      if (chart->y_log && isfinite (p))
        c = p;
      if (!chart->y_log || d > 0.0)
        {
          y_min = MIN (y_min, c);
          y_max = MAX (y_max, d);
        }
    }
  if (chart->x_max > chart->x_min)
    {
      x_min = MIN (x_min, chart->x_min);
      x_max = MAX (x_max, chart->x_max);
    }
  if (chart->y_max > chart->y_min && (!chart->y_log || chart->y_min > 0.0))
    {
      y_min = MIN (y_min, chart->y_min);
      y_max = MAX (y_max, chart->y_max);
    }
  /* None at all: the frame falls back to 0 … 1. */
  spec->x_min = x_min <= x_max ? x_min : NAN;
  spec->x_max = x_min <= x_max ? x_max : NAN;
  spec->y_min = y_min <= y_max ? y_min : NAN;
  spec->y_max = y_min <= y_max ? y_max : NAN;
}

void
fw_plot_line_draw (cairo_t           *cr,
                   double             width,
                   double             height,
                   const FwPlotStyle *style,
                   gconstpointer      data)
{
  const FwLineChart *chart = data;
  FwAxesSpec spec = { 0, };
  FwPlotFrame frame;
  g_autofree FwLegendEntry *entries = NULL;
  guint n_entries = 0;
  double legend_box[4] = { 0, 0, 0, 0 };
  double reach;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (chart != NULL);
  g_return_if_fail (chart->series != NULL || chart->n_series == 0);

  spec.title = chart->title;
  spec.x_label = chart->x_label;
  spec.y_label = chart->y_label;
  spec.x_format = chart->x_format;
  spec.y_format = chart->y_format;
  spec.y_log = chart->y_log;
  chart_range (chart, &spec);
  fw_plot_frame_draw (cr, width, height, style, &spec, &frame);
  if (frame.width <= 0 || frame.height <= 0)
    return;

  entries = g_new0 (FwLegendEntry, MAX (chart->n_series, 1));
  for (guint i = 0; i < chart->n_series && !chart->no_legend; i++)
    if (chart->series[i]->name != NULL)
      {
        entries[n_entries].label = chart->series[i]->name;
        entries[n_entries].color = &style->series[chart->series[i]->color % FW_PLOT_N_SERIES_COLORS];
        entries[n_entries].dashed = chart->series[i]->dashed;
        n_entries++;
      }
  if (n_entries > 0)
    fw_plot_legend_get_box (cr, &frame, style, entries, n_entries, chart->legend_bottom,
                            &legend_box[0], &legend_box[1], &legend_box[2], &legend_box[3]);

  /* Data on the frame's edge (a flat line at the top tick, a dot on the axis) would lose
   * half its width to the plot area's clip: clip a dot's radius outside it instead. */
  reach = 2.5 * style->line_width + 1.5;
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_rectangle (cr, frame.left - reach, frame.top - reach, frame.width + 2 * reach,
                   frame.height + 2 * reach);
  cairo_clip (cr);
  for (guint i = 0; i < chart->n_series; i++)
    draw_series (cr, style, &frame, chart->series[i]);
  if (chart->show_best)
    draw_best (cr, style, &frame, chart, legend_box);
  cairo_restore (cr);

  fw_plot_legend_draw (cr, &frame, style, entries, n_entries, chart->legend_bottom);
}
