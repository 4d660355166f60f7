/* test-importance.c — feature importance bars, checked pixel by pixel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include "fw-plot-importance.h"
#include "fw-plot-test.h"

#define WIDTH  480
#define HEIGHT 300
#define MARGIN 8

/* In the caller's order; drawn sorted: hours (1), age (0), education (3), capital gain (2),
 * marital status (4) — and "zip code" (5) has a negative mean. */
static const char *const features[] = {
  "age", "hours per week", "capital gain", "education", "marital status", "zip code",
};
static const double mean[] = { 0.061, 0.094, 0.018, 0.042, 0.011, -0.006 };
static const double sd[] = { 0.008, 0.012, 0.006, 0.009, 0.004, 0.003 };
static const guint expected_order[] = { 1, 0, 3, 2, 4, 5 };

static const FwPlotImportance importance = {
  .title = "What the model relies on",
  .x_label = "Drop in accuracy when shuffled",
  .features = features,
  .mean = mean,
  .sd = sd,
  .n = G_N_ELEMENTS (features),
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

/* The last column, scanning row @y rightwards from @x0, still within 2 of @color. */
static int
last_column (cairo_surface_t *s,
             int              x0,
             int              x1,
             int              y,
             const FwColor   *color)
{
  int last = -1;

  for (int x = x0; x < x1; x++)
    if (fw_plot_test_distance (s, x, y, color) <= 2)
      last = x;
  return last;
}

static void
test_bars (gconstpointer user_data)
{
  const StyleCase *sc = user_data;
  g_autofree char *name = g_strconcat ("importance-", sc->name, NULL);
  FwPlotStyle style;
  FwPlotFrame frame;
  cairo_surface_t *s;
  guint order[G_N_ELEMENTS (features)];
  double slot;
  int zero;

  sc->init (&style);
  s = fw_plot_test_render (name, WIDTH, HEIGHT, MARGIN, &style, fw_plot_importance_draw,
                           &importance);
  fw_plot_test_assert_margin (s, MARGIN, &style);
  g_assert_true (fw_plot_importance_layout (WIDTH, HEIGHT, &style, &importance, &frame, order));
  for (guint r = 0; r < G_N_ELEMENTS (features); r++)
    g_assert_cmpuint (order[r], ==, expected_order[r]);
  /* A negative mean moves the axis below zero. */
  g_assert_cmpfloat (frame.x_min, <, 0);
  slot = frame.height / G_N_ELEMENTS (features);
  zero = MARGIN + (int) floor (fw_plot_frame_x (&frame, 0));

  for (guint r = 0; r < G_N_ELEMENTS (features); r++)
    {
      guint i = order[r];
      /* Off the bar's middle row, where the whisker runs. */
      int y = MARGIN + (int) (frame.top + (r + 0.5) * slot) - 3;
      int end = (int) round (MARGIN + fw_plot_frame_x (&frame, mean[i]));
      int lo = (int) floor (MARGIN + fw_plot_frame_x (&frame, mean[i] - sd[i]));
      int hi = (int) floor (MARGIN + fw_plot_frame_x (&frame, mean[i] + sd[i]));
      int cy = MARGIN + (int) (frame.top + (r + 0.5) * slot);

      if (mean[i] > 0)
        {
          int last = last_column (s, zero, MARGIN + (int) (frame.left + frame.width), y,
                                  &style.series[0]);

          g_assert_cmpint (abs (last + 1 - end), <=, 1);
        }
      else
        {
          g_assert_cmpuint (fw_plot_test_distance (s, end + 1, y, &style.series[0]), <=, 2);
          g_assert_cmpuint (fw_plot_test_distance (s, end - 2, y, &style.series[0]), >, 40);
        }
      /* Whisker caps at mean ± sd, a few pixels tall. */
      g_assert_cmpuint (fw_plot_test_count_ink (s, lo - 1, cy - 3, lo + 2, cy + 3, &style, 40) -
                        fw_plot_test_count_color (s, lo - 1, cy - 3, lo + 2, cy + 3,
                                                  &style.series[0], 30), >=, 3);
      g_assert_cmpuint (fw_plot_test_count_ink (s, hi - 1, cy - 3, hi + 2, cy + 3, &style, 40) -
                        fw_plot_test_count_color (s, hi - 1, cy - 3, hi + 2, cy + 3,
                                                  &style.series[0], 30), >=, 3);
    }
  /* The value labels fit inside the plot: text ink right of the top bar's whisker. */
  {
    int cy = MARGIN + (int) (frame.top + 0.5 * slot);
    int hi = (int) ceil (MARGIN + fw_plot_frame_x (&frame, mean[1] + sd[1]));

    int right = MARGIN + (int) (frame.left + frame.width);

    g_assert_cmpuint (fw_plot_test_count_ink (s, hi + 3, cy - 6, right, cy + 6, &style, 60), >, 10);
  }
  cairo_surface_destroy (s);
}

static void
test_positive_from_zero (void)
{
  FwPlotImportance positive = importance;
  FwPlotStyle style;
  FwPlotFrame frame;
  cairo_surface_t *s;

  positive.n = 5;
  positive.sd = NULL;
  positive.x_format = FW_TICK_FORMAT_PERCENT;
  fw_plot_style_init_light (&style);
  s = fw_plot_test_render ("importance-positive", WIDTH, HEIGHT, MARGIN, &style,
                           fw_plot_importance_draw, &positive);
  fw_plot_test_assert_margin (s, MARGIN, &style);
  g_assert_true (fw_plot_importance_layout (WIDTH, HEIGHT, &style, &positive, &frame, NULL));
  g_assert_cmpfloat (frame.x_min, ==, 0);
  cairo_surface_destroy (s);
}

static void
test_degenerate (void)
{
  static const double odd[] = { NAN, INFINITY, -1e300, 0, 0.5 };
  static const double odd_sd[] = { 0.1, NAN, 1e300, -0.2, INFINITY };
  static const double nans[] = { NAN, NAN };
  static const double zeros[] = { 0, 0, 0 };
  static const char *const names[] = {
    "a feature whose name is long enough that it cannot possibly fit beside the bars",
    NULL, "c", "d", "e",
  };
  const FwPlotImportance cases[] = {
    { .title = "none" },
    { .title = "no means", .features = names, .n = 3 },
    { .title = "odd", .features = names, .mean = odd, .sd = odd_sd, .n = 5 },
    { .title = "all NaN", .features = names, .mean = nans, .n = 2 },
    { .title = "all zero", .features = names, .mean = zeros, .sd = zeros, .n = 3 },
    importance,
  };
  const int sizes[][2] = { { WIDTH, HEIGHT }, { 200, 60 }, { 12, 9 }, { 0, HEIGHT },
                           { WIDTH, 0 } };

  for (guint k = 0; k < G_N_ELEMENTS (styles); k++)
    for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          FwPlotStyle style;
          cairo_surface_t *s;

          g_test_message ("%s, %s, %d×%d", cases[i].title, styles[k].name, sizes[z][0],
                          sizes[z][1]);
          styles[k].init (&style);
          s = fw_plot_test_render (NULL, sizes[z][0], sizes[z][1], MARGIN, &style,
                                   fw_plot_importance_draw, &cases[i]);
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
      g_autofree char *path = g_strdup_printf ("/plots/importance/bars/%s", styles[i].name);

      g_test_add_data_func (path, &styles[i], test_bars);
    }
  g_test_add_func ("/plots/importance/positive-from-zero", test_positive_from_zero);
  g_test_add_func ("/plots/importance/degenerate", test_degenerate);

  return g_test_run ();
}
