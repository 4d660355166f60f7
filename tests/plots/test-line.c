/* test-line.c — the streaming line chart: points where they belong, decimation that keeps
 * every column's extremes, gaps, log-y, the best-epoch marker and the legend
 *
 * Where a point must land is worked out independently of the chart: the test lays out a
 * frame with the same axes spec by itself and maps the point through it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include "fw-plot-line.h"
#include "fw-plot-test.h"

#define WIDTH  640
#define HEIGHT 360
#define MARGIN 10

/* The frame fw_plot_line_draw lays out for data spanning these ranges. */
static FwPlotFrame
expected_frame (const FwLineChart *chart,
                double             x_min,
                double             x_max,
                double             y_min,
                double             y_max,
                int                width,
                int                height)
{
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width + 2 * MARGIN,
                                                         height + 2 * MARGIN);
  cairo_t *cr = cairo_create (scratch);
  FwAxesSpec spec = { 0, };
  FwPlotStyle style;
  FwPlotFrame frame;

  fw_plot_style_init_light (&style);
  spec.title = chart->title;
  spec.x_label = chart->x_label;
  spec.y_label = chart->y_label;
  spec.x_format = chart->x_format;
  spec.y_format = chart->y_format;
  spec.y_log = chart->y_log;
  spec.x_min = x_min;
  spec.x_max = x_max;
  spec.y_min = y_min;
  spec.y_max = y_max;
  cairo_translate (cr, MARGIN, MARGIN);
  fw_plot_frame_draw (cr, width, height, &style, &spec, &frame);
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
  return frame;
}

/* The closest distance to @color among the 3 × 3 pixels around a user point. */
static guint
distance_near (cairo_surface_t *s,
               double           x,
               double           y,
               const FwColor   *color)
{
  int px = MARGIN + (int) floor (x), py = MARGIN + (int) floor (y);
  guint best = 255;

  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++)
      best = MIN (best, fw_plot_test_distance (s, px + dx, py + dy, color));
  return best;
}

static void
test_known_point (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  g_autoptr(FwLineSeries) train = fw_line_series_new ("Training", 0, FALSE);
  g_autoptr(FwLineSeries) valid = fw_line_series_new ("Validation", 1, TRUE);
  FwLineSeries *series[] = { train, valid };
  FwLineChart chart = { 0, };
  FwPlotStyle style;
  FwPlotFrame f;
  cairo_surface_t *s;

  dark ? fw_plot_style_init_dark (&style) : fw_plot_style_init_light (&style);
  /* Loss-like curves over 1 … 60 epochs: training 0.1 + 0.8 e^(−x/12), validation above. */
  for (int e = 1; e <= 60; e++)
    {
      fw_line_series_append (train, e, 0.1 + 0.8 * exp (-e / 12.0));
      fw_line_series_append (valid, e, 0.18 + 0.8 * exp (-e / 10.0) + 0.0004 * e);
    }
  chart.title = "Loss";
  chart.x_label = "Epoch";
  chart.y_label = "Cross-entropy";
  chart.series = series;
  chart.n_series = 2;
  s = fw_plot_test_render (dark ? "line-loss-dark" : "line-loss-light", WIDTH, HEIGHT, MARGIN,
                           &style, fw_plot_line_draw, &chart);

  f = expected_frame (&chart, 1, 60, 0.1 + 0.8 * exp (-60 / 12.0), 0.18 + 0.8 * exp (-0.1) + 0.0004,
                      WIDTH, HEIGHT);
  /* Epoch 30 of the training curve: a solid line, so its colour is right there. */
  g_assert_cmpuint (distance_near (s, fw_plot_frame_x (&f, 30),
                                   fw_plot_frame_y (&f, 0.1 + 0.8 * exp (-30 / 12.0)),
                                   &style.series[0]), <=, 40);
  /* Halfway between two epochs the line passes the chord's midpoint (the curve is convex,
   * but at this size the chord and the curve are within a pixel). */
  g_assert_cmpuint (distance_near (s, fw_plot_frame_x (&f, 40.5),
                                   fw_plot_frame_y (&f, 0.1 + 0.4 * (exp (-40 / 12.0) +
                                                                     exp (-41 / 12.0))),
                                   &style.series[0]), <=, 40);
  /* And not where there is no data: the empty top-left corner of the plot. */
  g_assert_cmpuint (fw_plot_test_count_color (s, MARGIN + (int) f.left + 2, MARGIN + (int) f.top + 2,
                                              MARGIN + (int) (f.left + f.width / 4),
                                              MARGIN + (int) (f.top + f.height / 8),
                                              &style.series[0], 40), ==, 0);
  fw_plot_test_assert_margin (s, MARGIN, &style);
  cairo_surface_destroy (s);
}

/* Device pixel column and row of a data point, via the independently laid-out frame. */
static void
device_point (const FwPlotFrame *f,
              double             x,
              double             y,
              double            *px,
              double            *py)
{
  *px = MARGIN + fw_plot_frame_x (f, x);
  *py = MARGIN + fw_plot_frame_y (f, y);
}

static gboolean
is_line_ink (cairo_surface_t   *s,
             int                x,
             int                y,
             const FwPlotStyle *style)
{
  /* A quarter of the line's colour over the background; grid lines stay well below. */
  return fw_plot_test_distance (s, x, y, &style->background) > 60;
}

static void
test_decimation (gconstpointer data)
{
  gboolean gappy = GPOINTER_TO_INT (data);
  const gsize n = 1000000;
  g_autoptr(FwLineSeries) noise = fw_line_series_new (NULL, 0, FALSE);
  FwLineSeries *series[] = { noise };
  FwLineChart chart = { 0, };
  FwPlotStyle style;
  FwPlotFrame f;
  cairo_surface_t *s;
  int columns = WIDTH + 2 * MARGIN;
  g_autofree double *top = g_new (double, columns);
  g_autofree double *bottom = g_new (double, columns);
  guint checked = 0;

  fw_plot_style_init_light (&style);
  /* A sawtooth in [0, 1) stirred by a multiplicative hash, with lone spikes to 2 and −1
   * that only decimation keeping every column's extremes can show. */
  fw_line_series_reserve (noise, n);
  for (gsize i = 0; i < n; i++)
    {
      double y = (double) ((i * 7919) % 1000) / 1000.0;

      if (i % 49999 == 17)
        y = 2.0;
      else if (i % 70001 == 5)
        y = -1.0;
      fw_line_series_append (noise, (double) i, y);
    }
  /* A trailing gap changes nothing in the picture, but takes drawing off the min/max
   * pyramid and through every point: both ways must keep the same extremes. */
  if (gappy)
    fw_line_series_append (noise, NAN, NAN);
  chart.series = series;
  chart.n_series = 1;
  chart.title = "A million points";
  s = fw_plot_test_render (gappy ? "line-decimation-scan" : "line-decimation", WIDTH, HEIGHT,
                           MARGIN, &style, fw_plot_line_draw, &chart);
  f = expected_frame (&chart, 0, n - 1, -1, 2, WIDTH, HEIGHT);

  /* Every point's device row, gathered by device column: the extremes the picture must
   * keep (the full line reaches them) and must not pass (by more than its half width). */
  for (int c = 0; c < columns; c++)
    {
      top[c] = INFINITY;
      bottom[c] = -INFINITY;
    }
  for (gsize i = 0; i < n; i++)
    {
      double x, y, px, py;
      int c;

      fw_line_series_get_point (noise, i, &x, &y);
      device_point (&f, x, y, &px, &py);
      c = (int) floor (px);
      top[c] = MIN (top[c], py);
      bottom[c] = MAX (bottom[c], py);
    }

  /* Every whole column inside the plot area, the two at its edges aside (round caps). */
  for (int c = MARGIN + (int) f.left + 1; c < MARGIN + (int) (f.left + f.width) - 1; c++)
    {
      int ink_top = -1, ink_bottom = -1;
      /* The plot area's last row is the axis line's; the line is clipped to the rest. */
      int row0 = MARGIN + (int) f.top, row1 = MARGIN + (int) (f.top + f.height) - 1;
      double near_top = MIN (MIN (top[c - 1], top[c]), top[c + 1]) - 0.75;
      double near_bottom = MAX (MAX (bottom[c - 1], bottom[c]), bottom[c + 1]) + 0.75;

      for (int y = row0; y < row1; y++)
        if (is_line_ink (s, c, y, &style))
          {
            if (ink_top < 0)
              ink_top = y;
            ink_bottom = y;
          }
      g_assert_cmpint (ink_top, >=, 0);
      /* Reaches this column's own extremes, within a pixel … */
      g_assert_cmpint (ink_top, <=, MAX ((int) floor (top[c]), row0) + 1);
      g_assert_cmpint (ink_bottom, >=, MIN ((int) floor (bottom[c]), row1 - 1) - 1);
      /* … and goes no further than the line through its neighbours would. */
      g_assert_cmpint (ink_top, >=, (int) floor (near_top) - 1);
      g_assert_cmpint (ink_bottom, <=, (int) floor (near_bottom) + 1);
      checked++;
    }
  g_assert_cmpuint (checked, >, WIDTH / 2);
  fw_plot_test_assert_margin (s, MARGIN, &style);
  cairo_surface_destroy (s);
}

/* The pyramid and the point-by-point scan draw the very same pixels. */
static void
test_decimation_paths_agree (void)
{
  g_autoptr(FwLineSeries) smooth = fw_line_series_new (NULL, 1, FALSE);
  g_autoptr(FwLineSeries) gappy = fw_line_series_new (NULL, 1, FALSE);
  FwLineSeries *one[] = { smooth }, *other[] = { gappy };
  FwLineChart chart = { 0, };
  FwPlotStyle style;
  cairo_surface_t *a, *b;
  guint32 state = 99;

  fw_plot_style_init_dark (&style);
  for (int i = 0; i < 300000; i++)
    {
      double y;

      state = state * 1664525u + 1013904223u;
      y = 0.2 + 0.7 * exp (-i / 60000.0) + 0.05 * (state / 4294967296.0);
      fw_line_series_append (smooth, i * 0.001, y);
      fw_line_series_append (gappy, i * 0.001, y);
    }
  fw_line_series_append (gappy, 1.0, NAN);
  chart.n_series = 1;
  chart.y_log = TRUE;
  chart.series = one;
  a = fw_plot_test_render ("line-dense-log", WIDTH, HEIGHT, MARGIN, &style, fw_plot_line_draw,
                           &chart);
  chart.series = other;
  b = fw_plot_test_render (NULL, WIDTH, HEIGHT, MARGIN, &style, fw_plot_line_draw, &chart);
  for (int y = 0; y < HEIGHT + 2 * MARGIN; y++)
    for (int x = 0; x < WIDTH + 2 * MARGIN; x++)
      g_assert_cmphex (fw_plot_test_pixel (a, x, y), ==, fw_plot_test_pixel (b, x, y));
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

static void
test_gap_and_single_point (void)
{
  g_autoptr(FwLineSeries) flat = fw_line_series_new ("With a gap", 0, FALSE);
  g_autoptr(FwLineSeries) lone = fw_line_series_new ("One point", 2, FALSE);
  FwLineSeries *series[] = { flat, lone };
  FwLineChart chart = { 0, };
  FwPlotStyle style;
  FwPlotFrame f;
  cairo_surface_t *s;
  double px, py;

  fw_plot_style_init_light (&style);
  /* y = 5 for x = 0 … 100, missing from 45 to 55; a second series of the single (80, 2). */
  for (int x = 0; x <= 100; x++)
    fw_line_series_append (flat, x, x >= 45 && x <= 55 ? NAN : 5.0);
  fw_line_series_append (lone, 80, 2);
  chart.series = series;
  chart.n_series = 2;
  chart.no_legend = TRUE;
  s = fw_plot_test_render ("line-gap", WIDTH, HEIGHT, MARGIN, &style, fw_plot_line_draw, &chart);
  f = expected_frame (&chart, 0, 100, 2, 5, WIDTH, HEIGHT);

  /* On the top edge, drawn whole (not clipped in half); a 1.5 px line across a pixel
   * boundary covers no pixel by more than 3/4, hence the tolerance. */
  device_point (&f, 30, 5, &px, &py);
  g_assert_cmpuint (distance_near (s, px - MARGIN, py - MARGIN, &style.series[0]), <=, 70);
  g_assert_cmpuint (fw_plot_test_distance (s, (int) px, (int) py - 1, &style.series[0]), <=, 70);
  /* Nothing of the line's colour anywhere in the gap's span. */
  device_point (&f, 50, 5, &px, &py);
  g_assert_cmpuint (fw_plot_test_count_color (s, (int) fw_plot_frame_x (&f, 45.5) + MARGIN,
                                              (int) py - 4,
                                              (int) fw_plot_frame_x (&f, 54.5) + MARGIN,
                                              (int) py + 5, &style.series[0], 120), ==, 0);
  /* The lone point is a dot. */
  device_point (&f, 80, 2, &px, &py);
  g_assert_cmpuint (distance_near (s, px - MARGIN, py - MARGIN, &style.series[2]), <=, 20);
  fw_plot_test_assert_margin (s, MARGIN, &style);
  cairo_surface_destroy (s);
}

static void
test_log_y (void)
{
  g_autoptr(FwLineSeries) growth = fw_line_series_new ("10^(x/10)", 4, FALSE);
  FwLineSeries *series[] = { growth };
  FwLineChart chart = { 0, };
  FwPlotStyle style;
  FwPlotFrame f;
  cairo_surface_t *s;
  double px, py;

  fw_plot_style_init_light (&style);
  /* A straight line on log axes; the zero can't be drawn there and is a gap. */
  for (int x = 0; x <= 30; x++)
    fw_line_series_append (growth, x, x == 20 ? 0.0 : pow (10.0, x / 10.0));
  chart.series = series;
  chart.n_series = 1;
  chart.y_log = TRUE;
  chart.y_label = "Log scale";
  s = fw_plot_test_render ("line-log", WIDTH, HEIGHT, MARGIN, &style, fw_plot_line_draw, &chart);
  f = expected_frame (&chart, 0, 30, 1, 1000, WIDTH, HEIGHT);
  g_assert_true (f.y_log);
  g_assert_cmpfloat (f.y_min, ==, 1);
  g_assert_cmpfloat (f.y_max, ==, 1000);

  /* The point at x = 15, 10^1.5, on the log axis. */
  device_point (&f, 15, pow (10.0, 1.5), &px, &py);
  g_assert_cmpuint (distance_near (s, px - MARGIN, py - MARGIN, &style.series[4]), <=, 40);
  /* Halfway up the plot area, since 10^1.5 is the middle of 10^0 … 10^3. */
  g_assert_cmpfloat_with_epsilon (py - MARGIN, f.top + f.height / 2, 1e-9);
  fw_plot_test_assert_margin (s, MARGIN, &style);
  cairo_surface_destroy (s);
}

static void
test_best_and_legend (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  g_autoptr(FwLineSeries) train = fw_line_series_new ("Training", 0, FALSE);
  g_autoptr(FwLineSeries) valid = fw_line_series_new ("Validation", 1, FALSE);
  FwLineSeries *series[] = { train, valid };
  FwLineChart chart = { 0, };
  FwPlotStyle style;
  FwPlotFrame f;
  cairo_surface_t *s;
  double px, py, best = INFINITY, best_x = 0;
  double y_lo = INFINITY, y_hi = -INFINITY;
  FwLegendEntry entries[2];
  double bx, by, bw, bh;
  cairo_t *cr;

  dark ? fw_plot_style_init_dark (&style) : fw_plot_style_init_light (&style);
  /* Validation loss bottoms out at epoch 24 of 40: (x − 24)² / 2000 + 0.3. */
  for (int e = 1; e <= 40; e++)
    {
      double t = 0.2 + 0.7 * exp (-e / 8.0), v = (e - 24.0) * (e - 24.0) / 2000.0 + 0.3;

      fw_line_series_append (train, e, t);
      fw_line_series_append (valid, e, v);
      if (v < best)
        {
          best = v;
          best_x = e;
        }
      y_lo = MIN (y_lo, MIN (t, v));
      y_hi = MAX (y_hi, MAX (t, v));
    }
  g_assert_cmpfloat (best_x, ==, 24);
  chart.title = "Loss";
  chart.x_label = "Epoch";
  chart.series = series;
  chart.n_series = 2;
  chart.x_min = 1;
  chart.x_max = 50;            /* 50 epochs planned, 40 run so far */
  chart.show_best = TRUE;
  chart.best_x = best_x;
  chart.best_y = best;
  chart.best_series = 1;
  chart.best_label = "Best: epoch 24";
  s = fw_plot_test_render (dark ? "line-best-dark" : "line-best-light", WIDTH, HEIGHT, MARGIN,
                           &style, fw_plot_line_draw, &chart);
  f = expected_frame (&chart, 1, 50, y_lo, y_hi, WIDTH, HEIGHT);
  g_assert_cmpfloat (f.x_max, >=, 50);

  /* The dot: the validation colour at the best point, wider than the line. */
  device_point (&f, best_x, best, &px, &py);
  g_assert_cmpuint (fw_plot_test_count_color (s, (int) px - 4, (int) py - 4, (int) px + 5,
                                              (int) py + 5, &style.series[1], 16), >=, 20);
  /* The dashed line: foreground ink up the column, well above the curves. */
  g_assert_cmpuint (fw_plot_test_count_ink (s, (int) px - 1, MARGIN + (int) f.top + 30, (int) px + 2,
                                            (int) py - 40, &style, 40), >=, 10);
  /* The label, right of the line near the top. */
  g_assert_cmpuint (fw_plot_test_count_ink (s, (int) px + 4, MARGIN + (int) f.top, (int) px + 120,
                                            MARGIN + (int) f.top + 30, &style, 80), >=, 40);

  /* The legend, with a sample of each series' colour, top right. */
  entries[0] = (FwLegendEntry) { "Training", &style.series[0], FALSE, FALSE };
  entries[1] = (FwLegendEntry) { "Validation", &style.series[1], FALSE, FALSE };
  cr = cairo_create (s);
  cairo_translate (cr, MARGIN, MARGIN);
  fw_plot_legend_get_box (cr, &f, &style, entries, 2, FALSE, &bx, &by, &bw, &bh);
  cairo_destroy (cr);
  g_assert_cmpfloat (bx, >, f.left + f.width / 2);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpuint (fw_plot_test_count_color (s, MARGIN + (int) bx, MARGIN + (int) by,
                                                MARGIN + (int) (bx + bw), MARGIN + (int) (by + bh),
                                                &style.series[i], 8), >=, 10);
  /* Text in the box. */
  g_assert_cmpuint (fw_plot_test_count_ink (s, MARGIN + (int) (bx + bw / 2), MARGIN + (int) by,
                                            MARGIN + (int) (bx + bw), MARGIN + (int) (by + bh),
                                            &style, 100), >=, 20);
  fw_plot_test_assert_margin (s, MARGIN, &style);
  cairo_surface_destroy (s);
}

static void
test_empty_and_store (void)
{
  g_autoptr(FwLineSeries) a = fw_line_series_new ("Nothing yet", 0, FALSE);
  FwLineSeries *series[] = { a };
  FwLineChart chart = { 0, };
  FwPlotStyle style;
  cairo_surface_t *s;
  double x, y, x0, x1, y0, y1, yp;

  fw_plot_style_init_dark (&style);
  chart.series = series;
  chart.n_series = 1;
  chart.title = "Waiting for the first epoch";
  s = fw_plot_test_render ("line-empty", WIDTH, HEIGHT, MARGIN, &style, fw_plot_line_draw, &chart);
  fw_plot_test_assert_margin (s, MARGIN, &style);
  cairo_surface_destroy (s);
  g_assert_false (fw_line_series_get_range (a, NULL, NULL, NULL, NULL, NULL));

  /* Only gaps so far: still draws, still nothing in range. */
  fw_line_series_append (a, NAN, 1);
  fw_line_series_append (a, 1, NAN);
  s = fw_plot_test_render (NULL, 50, 30, MARGIN, &style, fw_plot_line_draw, &chart);
  fw_plot_test_assert_margin (s, MARGIN, &style);
  cairo_surface_destroy (s);
  g_assert_false (fw_line_series_get_range (a, NULL, NULL, NULL, NULL, NULL));

  for (int i = 0; i < 1000; i++)
    fw_line_series_append (a, i, i - 500);
  g_assert_cmpuint (fw_line_series_get_length (a), ==, 1002);
  g_assert_true (fw_line_series_get_point (a, 502, &x, &y));
  g_assert_cmpfloat (x, ==, 500);
  g_assert_cmpfloat (y, ==, 0);
  g_assert_false (fw_line_series_get_point (a, 1002, &x, &y));
  g_assert_true (fw_line_series_get_range (a, &x0, &x1, &y0, &y1, &yp));
  g_assert_cmpfloat (x0, ==, 0);
  g_assert_cmpfloat (x1, ==, 999);
  g_assert_cmpfloat (y0, ==, -500);
  g_assert_cmpfloat (y1, ==, 499);
  g_assert_cmpfloat (yp, ==, 1);
  g_assert_cmpstr (fw_line_series_get_name (a), ==, "Nothing yet");
  fw_line_series_clear (a);
  g_assert_cmpuint (fw_line_series_get_length (a), ==, 0);
  g_assert_false (fw_line_series_get_range (a, NULL, NULL, NULL, NULL, NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/plots/line/known-point/light", GINT_TO_POINTER (FALSE), test_known_point);
  g_test_add_data_func ("/plots/line/known-point/dark", GINT_TO_POINTER (TRUE), test_known_point);
  g_test_add_data_func ("/plots/line/decimation/pyramid", GINT_TO_POINTER (FALSE),
                        test_decimation);
  g_test_add_data_func ("/plots/line/decimation/every-point", GINT_TO_POINTER (TRUE),
                        test_decimation);
  g_test_add_func ("/plots/line/decimation/same-picture", test_decimation_paths_agree);
  g_test_add_func ("/plots/line/gap-and-single-point", test_gap_and_single_point);
  g_test_add_func ("/plots/line/log-y", test_log_y);
  g_test_add_data_func ("/plots/line/best-and-legend/light", GINT_TO_POINTER (FALSE),
                        test_best_and_legend);
  g_test_add_data_func ("/plots/line/best-and-legend/dark", GINT_TO_POINTER (TRUE),
                        test_best_and_legend);
  g_test_add_func ("/plots/line/empty-and-store", test_empty_and_store);

  return g_test_run ();
}
