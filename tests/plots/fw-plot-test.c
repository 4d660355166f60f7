/* fw-plot-test.c — rendering plots to pixels and asking questions about them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include "fw-plot-test.h"

cairo_surface_t *
fw_plot_test_render (const char        *name,
                     int                width,
                     int                height,
                     int                margin,
                     const FwPlotStyle *style,
                     FwPlotDrawFunc     draw,
                     gconstpointer      data)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width + 2 * margin,
                                                         height + 2 * margin);
  cairo_t *cr = cairo_create (surface);
  const char *dir = g_getenv ("FAIRWAY_PLOT_SHOTS");

  fw_color_set_source (cr, &style->background);
  cairo_paint (cr);
  cairo_translate (cr, margin, margin);
  draw (cr, width, height, style, data);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (dir != NULL && name != NULL)
    {
      g_autofree char *file = g_strconcat (name, ".png", NULL);
      g_autofree char *path = g_build_filename (dir, file, NULL);

      g_mkdir_with_parents (dir, 0755);
      cairo_surface_write_to_png (surface, path);
    }
  return surface;
}

guint32
fw_plot_test_pixel (cairo_surface_t *surface,
                    int              x,
                    int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  return *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);
}

guint32
fw_plot_test_rgb (const FwColor *c)
{
  return 0xff000000u | (guint32) (c->red * 255 + 0.5) << 16 |
         (guint32) (c->green * 255 + 0.5) << 8 | (guint32) (c->blue * 255 + 0.5);
}

guint
fw_plot_test_distance (cairo_surface_t *surface,
                       int              x,
                       int              y,
                       const FwColor   *color)
{
  guint32 p = fw_plot_test_pixel (surface, x, y), c = fw_plot_test_rgb (color);
  guint worst = 0;

  for (int shift = 0; shift <= 16; shift += 8)
    worst = MAX (worst, (guint) abs ((int) (p >> shift & 0xff) - (int) (c >> shift & 0xff)));
  return worst;
}

guint
fw_plot_test_count_color (cairo_surface_t *surface,
                          int x0, int y0, int x1, int y1,
                          const FwColor   *color,
                          guint            tolerance)
{
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      n += fw_plot_test_distance (surface, x, y, color) <= tolerance;
  return n;
}

guint
fw_plot_test_count_ink (cairo_surface_t   *surface,
                        int x0, int y0, int x1, int y1,
                        const FwPlotStyle *style,
                        guint              tolerance)
{
  guint area = (guint) ((x1 - x0) * (y1 - y0));

  return area - fw_plot_test_count_color (surface, x0, y0, x1, y1, &style->background, tolerance);
}

void
fw_plot_test_assert_margin (cairo_surface_t   *surface,
                            int                margin,
                            const FwPlotStyle *style)
{
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        gboolean inside = x >= margin && x < w - margin && y >= margin && y < h - margin;

        if (!inside && fw_plot_test_distance (surface, x, y, &style->background) > 0)
          g_error ("pixel (%d, %d) outside the frame is drawn on: %08x", x, y,
                   fw_plot_test_pixel (surface, x, y));
      }
}
