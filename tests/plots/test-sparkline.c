/* test-sparkline.c — the histogram sparkline, checked pixel by pixel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include "fw-plot-sparkline.h"

#define WIDTH  200
#define HEIGHT 40

static guint32
pixel (cairo_surface_t *surface, int x, int y)
{
  const guchar *data = cairo_image_surface_get_data (surface);

  return *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);
}

static guint32
opaque (const FwColor *c)
{
  return 0xff000000u | (guint32) (c->red * 255 + 0.5) << 16 | (guint32) (c->green * 255 + 0.5) << 8
         | (guint32) (c->blue * 255 + 0.5);
}

static cairo_surface_t *
render (const FwPlotStyle *style, const guint *counts, guint n, int margin)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH + 2 * margin,
                                                         HEIGHT + 2 * margin);
  cairo_t *cr = cairo_create (surface);

  fw_color_set_source (cr, &style->background);
  cairo_paint (cr);
  cairo_translate (cr, margin, margin);
  fw_plot_sparkline_draw (cr, WIDTH, HEIGHT, style, counts, n);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
test_bars (void)
{
  /* Four bins of 50 px: heights 10, 40, 20, 0 px. */
  const guint counts[] = { 1, 4, 2, 0 };
  FwPlotStyle style;
  cairo_surface_t *s;
  guint32 bar, background;

  fw_plot_style_init_light (&style);
  s = render (&style, counts, G_N_ELEMENTS (counts), 0);
  bar = opaque (&style.series[0]);
  background = opaque (&style.background);

  g_assert_cmphex (pixel (s, 75, 1), ==, bar);          /* the tallest reaches the top */
  g_assert_cmphex (pixel (s, 25, 35), ==, bar);         /* inside the short first bar */
  g_assert_cmphex (pixel (s, 25, 25), ==, background);  /* above it */
  g_assert_cmphex (pixel (s, 125, 25), ==, bar);
  g_assert_cmphex (pixel (s, 125, 15), ==, background);
  g_assert_cmphex (pixel (s, 175, 20), ==, background); /* the empty bin */
  g_assert_cmphex (pixel (s, 175, HEIGHT - 1), !=, background); /* but the baseline shows */
  cairo_surface_destroy (s);
}

static void
test_stays_in_frame (void)
{
  const guint counts[] = { 9, 9, 9 };
  FwPlotStyle style;
  cairo_surface_t *s;
  guint32 background;

  fw_plot_style_init_dark (&style);
  s = render (&style, counts, G_N_ELEMENTS (counts), 10);
  background = opaque (&style.background);
  for (int x = 0; x < WIDTH + 20; x++)
    {
      g_assert_cmphex (pixel (s, x, 9), ==, background);
      g_assert_cmphex (pixel (s, x, HEIGHT + 10), ==, background);
    }
  for (int y = 0; y < HEIGHT + 20; y++)
    {
      g_assert_cmphex (pixel (s, 9, y), ==, background);
      g_assert_cmphex (pixel (s, WIDTH + 10, y), ==, background);
    }
  g_assert_cmphex (pixel (s, 10 + WIDTH / 2, 10 + HEIGHT / 2), ==, opaque (&style.series[0]));
  cairo_surface_destroy (s);
}

static void
test_png_round_trip (void)
{
  const guint counts[] = { 3, 0, 5, 1, 2 };
  FwPlotStyle style;
  cairo_surface_t *s, *back;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "fairway-sparkline-test.png", NULL);

  fw_plot_style_init_light (&style);
  s = render (&style, counts, G_N_ELEMENTS (counts), 0);
  g_assert_cmpint (cairo_surface_write_to_png (s, path), ==, CAIRO_STATUS_SUCCESS);
  back = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (back), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (back), ==, WIDTH);
  g_assert_cmphex (pixel (back, 100, 5) & 0xffffff, ==, opaque (&style.series[0]) & 0xffffff);
  cairo_surface_destroy (back);
  cairo_surface_destroy (s);
  g_unlink (path);
}

static void
test_all_zero (void)
{
  const guint counts[] = { 0, 0 };
  FwPlotStyle style;
  cairo_surface_t *s;

  fw_plot_style_init_light (&style);
  s = render (&style, counts, 2, 0);
  g_assert_cmphex (pixel (s, 50, 10), ==, opaque (&style.background));
  cairo_surface_destroy (s);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plots/sparkline/bars", test_bars);
  g_test_add_func ("/plots/sparkline/stays-in-frame", test_stays_in_frame);
  g_test_add_func ("/plots/sparkline/png-round-trip", test_png_round_trip);
  g_test_add_func ("/plots/sparkline/all-zero", test_all_zero);

  return g_test_run ();
}
