/* test-heatmap.c — the confusion matrix, checked pixel by pixel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include "fw-plot-heatmap.h"
#include "fw-plot-test.h"

#define WIDTH  420
#define HEIGHT 340
#define MARGIN 8

static const char *const classes[] = { "low", "medium", "high" };
/* Row shares, by hand: row 0 → 80%, 15%, 5%; row 1 → 10%, 60%, 30%; row 2 → 0, 25%, 75%. */
static const double counts[] = {
  160, 30, 10,
  12, 72, 36,
  0, 20, 60,
};
static const double shares[] = {
  0.80, 0.15, 0.05,
  0.10, 0.60, 0.30,
  0.00, 0.25, 0.75,
};

static const FwPlotHeatmap matrix = {
  .title = "Confusion matrix",
  .classes = classes,
  .n = 3,
  .counts = counts,
};

typedef struct
{
  const char *name;
  void      (*init) (FwPlotStyle *style);
} StyleCase;

static const StyleCase styles[] = {
  { "light", fw_plot_style_init_light },
  { "dark", fw_plot_style_init_dark },
};

static FwColor
pixel_color (cairo_surface_t *s,
             int              x,
             int              y)
{
  guint32 p = fw_plot_test_pixel (s, x, y);

  return (FwColor) { (p >> 16 & 0xff) / 255.0, (p >> 8 & 0xff) / 255.0, (p & 0xff) / 255.0, 1 };
}

/* WCAG 2 contrast ratio, computed here rather than taken from the code under test. */
static double
luminance (const FwColor *c)
{
  double v[3] = { c->red, c->green, c->blue };

  for (guint k = 0; k < 3; k++)
    v[k] = v[k] <= 0.04045 ? v[k] / 12.92 : pow ((v[k] + 0.055) / 1.055, 2.4);
  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

static double
contrast (const FwColor *a,
          const FwColor *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static guint
distance (const FwColor *a,
          const FwColor *b)
{
  double d = MAX (fabs (a->red - b->red), MAX (fabs (a->green - b->green),
                                               fabs (a->blue - b->blue)));

  return (guint) round (d * 255);
}

static void
test_cells (gconstpointer user_data)
{
  const StyleCase *sc = user_data;
  g_autofree char *name = g_strconcat ("heatmap-", sc->name, NULL);
  FwPlotStyle style;
  FwPlotFrame frame;
  cairo_surface_t *s;
  guint by_share[9];
  double cw, ch;

  sc->init (&style);
  s = fw_plot_test_render (name, WIDTH, HEIGHT, MARGIN, &style, fw_plot_heatmap_draw, &matrix);
  fw_plot_test_assert_margin (s, MARGIN, &style);
  g_assert_true (fw_plot_heatmap_layout (WIDTH, HEIGHT, &style, &matrix, &frame));
  /* Square cells. */
  g_assert_cmpfloat (fabs (frame.width - frame.height), <=, 1.0);
  cw = frame.width / 3;
  ch = frame.height / 3;

  for (guint i = 0; i < 9; i++)
    {
      /* Near the cell's top-left corner, clear of the gap and of the centred text. */
      int x = MARGIN + (int) (frame.left + (i % 3) * cw + 5);
      int y = MARGIN + (int) (frame.top + (i / 3) * ch + 5);
      FwColor fill = pixel_color (s, x, y), best = fill;
      double best_d = 0;

      /* 0% is (nearly) the background, 100% would be series colour 0. */
      if (shares[i] == 0)
        g_assert_cmpuint (fw_plot_test_distance (s, x, y, &style.background), <=, 20);
      by_share[i] = fw_plot_test_distance (s, x, y, &style.background);
      g_assert_cmpuint (distance (&fill, &style.series[0]), <=,
                        (guint) ceil ((1 - shares[i]) * 255) + 2);

      /* The text's most distinct pixel against the fill: readable. */
      for (int ty = (int) (MARGIN + frame.top + (i / 3) * ch + ch / 4);
           ty < (int) (MARGIN + frame.top + (i / 3) * ch + ch * 3 / 4); ty++)
        for (int tx = (int) (MARGIN + frame.left + (i % 3) * cw + cw / 4);
             tx < (int) (MARGIN + frame.left + (i % 3) * cw + cw * 3 / 4); tx++)
          {
            FwColor c = pixel_color (s, tx, ty);
            double d = fabs (luminance (&c) - luminance (&fill));

            if (d > best_d)
              {
                best_d = d;
                best = c;
              }
          }
      g_test_message ("cell %u: share %.2f, contrast %.2f", i, shares[i], contrast (&best, &fill));
      g_assert_cmpfloat (contrast (&best, &fill), >=, 4.5);
    }

  /* Intensity rises with the row share: sort the cells by share and compare neighbours. */
  for (guint a = 0; a < 9; a++)
    for (guint b = 0; b < 9; b++)
      if (shares[a] + 0.04 < shares[b])
        g_assert_cmpuint (by_share[a], <, by_share[b]);
  cairo_surface_destroy (s);
}

static cairo_surface_t *
render_on_window (const FwColor     *window,
                  const FwPlotStyle *style)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (s);

  fw_color_set_source (cr, window);
  cairo_paint (cr);
  fw_plot_heatmap_draw (cr, WIDTH, HEIGHT, style, &matrix);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

/* The widget draws on a transparent background over its window: every cell must look as it
 * does drawn on that window's colour (not mixed with transparent black), and its text must
 * stay readable, in light and dark. */
static void
test_transparent_background (gconstpointer user_data)
{
  const StyleCase *sc = user_data;
  FwPlotStyle opaque, widget;
  FwPlotFrame frame;
  cairo_surface_t *reference, *drawn;
  double cw, ch;

  sc->init (&opaque);
  widget = opaque;
  widget.background = (FwColor) { 0, 0, 0, 0 };
  reference = render_on_window (&opaque.background, &opaque);
  drawn = render_on_window (&opaque.background, &widget);
  g_assert_true (fw_plot_heatmap_layout (WIDTH, HEIGHT, &widget, &matrix, &frame));
  cw = frame.width / 3;
  ch = frame.height / 3;
  for (guint i = 0; i < 9; i++)
    {
      int x = (int) (frame.left + (i % 3) * cw + 5), y = (int) (frame.top + (i / 3) * ch + 5);
      FwColor want = pixel_color (reference, x, y), got = pixel_color (drawn, x, y), best = got;
      double best_d = 0;

      g_test_message ("cell %u (share %.2f): %06x on the window, %06x drawn opaque", i,
                      shares[i], fw_plot_test_pixel (drawn, x, y) & 0xffffff,
                      fw_plot_test_pixel (reference, x, y) & 0xffffff);
      g_assert_cmpuint (distance (&got, &want), <=, 2);
      for (int ty = (int) (frame.top + (i / 3) * ch + ch / 4);
           ty < (int) (frame.top + (i / 3) * ch + ch * 3 / 4); ty++)
        for (int tx = (int) (frame.left + (i % 3) * cw + cw / 4);
             tx < (int) (frame.left + (i % 3) * cw + cw * 3 / 4); tx++)
          {
            FwColor c = pixel_color (drawn, tx, ty);
            double d = fabs (luminance (&c) - luminance (&got));

            if (d > best_d)
              {
                best_d = d;
                best = c;
              }
          }
      g_assert_cmpfloat (contrast (&best, &got), >=, 4.5);
    }
  cairo_surface_destroy (reference);
  cairo_surface_destroy (drawn);
}

/* The published ramp: from the background to series colour 0, more share more colour. */
static void
test_ramp (void)
{
  FwPlotStyle style;
  FwColor lo, mid, hi;

  fw_plot_style_init_dark (&style);
  fw_plot_heatmap_cell_color (&style, 0.0, &lo);
  fw_plot_heatmap_cell_color (&style, 0.5, &mid);
  fw_plot_heatmap_cell_color (&style, 1.0, &hi);
  g_assert_cmpuint (distance (&hi, &style.series[0]), ==, 0);
  g_assert_cmpuint (distance (&lo, &style.background), <=, 20);
  g_assert_cmpuint (distance (&mid, &style.background), >, distance (&lo, &style.background));
  g_assert_cmpuint (distance (&mid, &style.series[0]), <, distance (&lo, &style.series[0]));
}

static void
test_many_classes (void)
{
  static const char *const names[] = {
    "Administrative and support", "Agriculture", "Construction", "Education",
    "Finance and insurance", "Health care", "Manufacturing", "Retail trade",
  };
  double big[64];
  FwPlotHeatmap many = { .title = "Industry", .classes = names, .n = 8, .counts = big };
  FwPlotStyle style;
  cairo_surface_t *s;

  for (guint i = 0; i < 64; i++)
    big[i] = i / 8 == i % 8 ? 12000 + 997 * i : (i * 37) % 900;
  fw_plot_style_init_light (&style);
  s = fw_plot_test_render ("heatmap-many", 480, 400, MARGIN, &style, fw_plot_heatmap_draw, &many);
  fw_plot_test_assert_margin (s, MARGIN, &style);
  cairo_surface_destroy (s);
}

typedef struct
{
  const char   *name;
  FwPlotHeatmap heatmap;
  int           width, height;
} Degenerate;

static void
test_degenerate (void)
{
  static const double zeros[4] = { 0 };
  static const double odd[4] = { NAN, -5, INFINITY, 1e15 };
  static const double one[1] = { 42 };
  static const char *const two[] = { "no", "yes" };
  const Degenerate cases[] = {
    { "no classes", { .title = "Empty", .classes = classes, .counts = counts }, WIDTH, HEIGHT },
    { "no counts", { .classes = classes, .n = 3 }, WIDTH, HEIGHT },
    { "all zero", { .classes = two, .n = 2, .counts = zeros }, WIDTH, HEIGHT },
    { "odd numbers", { .classes = two, .n = 2, .counts = odd }, WIDTH, HEIGHT },
    { "one class", { .classes = two, .n = 1, .counts = one }, WIDTH, HEIGHT },
    { "tiny", matrix, 30, 20 },
    { "wide", matrix, 900, 120 },
    { "zero width", matrix, 0, HEIGHT },
    { "zero height", matrix, WIDTH, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint k = 0; k < G_N_ELEMENTS (styles); k++)
      {
        FwPlotStyle style;
        cairo_surface_t *s;

        g_test_message ("%s, %s", cases[i].name, styles[k].name);
        styles[k].init (&style);
        s = fw_plot_test_render (NULL, cases[i].width, cases[i].height, MARGIN, &style,
                                 fw_plot_heatmap_draw, &cases[i].heatmap);
        fw_plot_test_assert_margin (s, MARGIN, &style);
        cairo_surface_destroy (s);
      }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      g_autofree char *path = g_strdup_printf ("/plots/heatmap/cells/%s", styles[i].name);
      g_autofree char *transparent = g_strdup_printf ("/plots/heatmap/transparent/%s",
                                                      styles[i].name);

      g_test_add_data_func (path, &styles[i], test_cells);
      g_test_add_data_func (transparent, &styles[i], test_transparent_background);
    }
  g_test_add_func ("/plots/heatmap/ramp", test_ramp);
  g_test_add_func ("/plots/heatmap/many-classes", test_many_classes);
  g_test_add_func ("/plots/heatmap/degenerate", test_degenerate);

  return g_test_run ();
}
