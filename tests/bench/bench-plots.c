/* bench-plots.c — how long the live line chart takes to draw
 *
 * Draws a loss-like chart (two series, title, labels, legend, best-epoch marker) into a
 * 1000 × 400 ARGB image, as the Train step does every frame, with 1,000 and with 1,000,000
 * points per series, then times the live case: append one point, redraw.  Medians of
 * several runs, in milliseconds.  The target is one frame at 60 Hz, 16 ms, for 1M points.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "fw-plot-line.h"

#define WIDTH      1000
#define HEIGHT     400
#define RUNS       21
#define FRAME_MS   16.0

typedef struct
{
  FwLineSeries *train, *valid;
  FwLineSeries *series[2];
  FwLineChart   chart;
  gsize         n;
} Live;

static double
loss_at (gsize i,
         gsize n,
         double floor_,
         guint32 *state)
{
  /* A decaying curve with noise from a 32-bit LCG (Numerical Recipes constants). */
  *state = *state * 1664525u + 1013904223u;
  return floor_ + 0.8 * exp (-5.0 * i / n) + 0.05 * (*state / 4294967296.0);
}

static void
live_init (Live     *live,
           gsize     n,
           guint     n_series,
           gboolean  gap)
{
  guint32 state = 12345;

  live->train = fw_line_series_new ("Training", 0, FALSE);
  live->valid = fw_line_series_new ("Validation", 1, FALSE);
  fw_line_series_reserve (live->train, n + RUNS + 1);
  fw_line_series_reserve (live->valid, n + RUNS + 1);
  for (gsize i = 0; i < n; i++)
    {
      fw_line_series_append (live->train, i, loss_at (i, n, 0.1, &state));
      fw_line_series_append (live->valid, i, loss_at (i, n, 0.2, &state));
    }
  /* One missing value takes drawing off the min/max pyramid and through every point. */
  if (gap)
    {
      fw_line_series_append (live->train, n / 2, NAN);
      fw_line_series_append (live->valid, n / 2, NAN);
    }
  live->series[0] = live->train;
  live->series[1] = live->valid;
  live->chart = (FwLineChart) { 0, };
  live->chart.title = "Loss";
  live->chart.x_label = "Step";
  live->chart.y_label = "Cross-entropy";
  live->chart.x_format = FW_TICK_FORMAT_SI;
  live->chart.series = live->series;
  live->chart.n_series = n_series;
  live->chart.show_best = TRUE;
  live->chart.best_x = n * 0.8;
  live->chart.best_y = 0.25;
  live->chart.best_series = n_series - 1;
  live->chart.best_label = "Best so far";
  live->n = n;
}

static void
live_clear (Live *live)
{
  fw_line_series_free (live->train);
  fw_line_series_free (live->valid);
}

static double
draw_ms (cairo_surface_t   *surface,
         const FwPlotStyle *style,
         const Live        *live)
{
  cairo_t *cr = cairo_create (surface);
  gint64 start = g_get_monotonic_time ();

  fw_plot_line_draw (cr, WIDTH, HEIGHT, style, &live->chart);
  cairo_surface_flush (surface);
  cairo_destroy (cr);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *v,
        guint   n)
{
  qsort (v, n, sizeof *v, compare_doubles);
  return v[n / 2];
}

/* Median time of a full redraw; with @append, each run first appends one point per series. */
static double
time_redraw (gsize    n,
             guint    n_series,
             gboolean append,
             gboolean gap)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  FwPlotStyle style;
  double times[RUNS];
  guint32 state = 777;
  Live live;

  fw_plot_style_init_light (&style);
  live_init (&live, n, n_series, gap);
  draw_ms (surface, &style, &live);            /* warm the font caches */
  for (guint r = 0; r < RUNS; r++)
    {
      gint64 start = g_get_monotonic_time ();

      if (append)
        {
          fw_line_series_append (live.train, live.n, loss_at (live.n, n, 0.1, &state));
          fw_line_series_append (live.valid, live.n, loss_at (live.n, n, 0.2, &state));
          live.n++;
        }
      draw_ms (surface, &style, &live);
      times[r] = (g_get_monotonic_time () - start) / 1000.0;
    }
  live_clear (&live);
  cairo_surface_destroy (surface);
  return median (times, RUNS);
}

static double
time_append (gsize n)
{
  FwLineSeries *series = fw_line_series_new (NULL, 0, FALSE);
  gint64 start = g_get_monotonic_time ();

  /* No reserve: the doubling growth is part of the price. */
  for (gsize i = 0; i < n; i++)
    fw_line_series_append (series, i, i * 0.5);
  start = g_get_monotonic_time () - start;
  fw_line_series_free (series);
  return start * 1000.0 / n;       /* ns per point */
}

int
main (int argc, char **argv)
{
  double small = time_redraw (1000, 1, FALSE, FALSE);
  double large = time_redraw (1000000, 1, FALSE, FALSE);
  double pair = time_redraw (1000000, 2, FALSE, FALSE);
  double live = time_redraw (1000000, 2, TRUE, FALSE);
  double scan = time_redraw (1000000, 2, TRUE, TRUE);
  double append_ns = time_append (1000000);

  printf ("Line chart (frame, labels, legend, best-epoch marker) into a %d × %d ARGB image,\n"
          "median of %d runs:\n", WIDTH, HEIGHT, RUNS);
  printf ("  draw, 1 series of 1,000 points:                   %8.2f ms\n", small);
  printf ("  draw, 1 series of 1,000,000 points:               %8.2f ms\n", large);
  printf ("  draw, 2 series of 1,000,000 points:               %8.2f ms\n", pair);
  printf ("  append 1 point to each + redraw, 2 × 1,000,000:   %8.2f ms\n", live);
  printf ("  the same with a gap in each (every point read):   %8.2f ms\n", scan);
  printf ("  append alone (amortised, with growth):            %8.2f ns per point\n", append_ns);
  printf ("  target: a 1,000,000-point redraw within one frame (%.0f ms): %s\n", FRAME_MS,
          live < FRAME_MS ? "met" : "MISSED");
  return 0;
}
