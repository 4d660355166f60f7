/* test-histogram.c — the full-size histogram and category counts, checked pixel by pixel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include "fw-plot-histogram.h"
#include "fw-plot-test.h"

#define WIDTH  480
#define HEIGHT 300
#define MARGIN 8

/* Ages 20–70 in bins of 5 years. */
static const guint ages[] = { 40, 95, 130, 150, 128, 110, 84, 60, 35, 12 };
static const FwPlotMarker age_marks[] = {
  { "Mean", 41.8 },
  { "Median", 40.5 },
  { "Upper fence", 67.5 },
  { "Off the axis", 250 },
};
static const FwPlotHistogram age = {
  .title = "age",
  .x_label = "Years",
  .counts = ages,
  .n_bins = G_N_ELEMENTS (ages),
  .lo = 20,
  .hi = 70,
  .markers = age_marks,
  .n_markers = G_N_ELEMENTS (age_marks),
};

static const FwCategoryCount jobs[] = {
  { "Professional and technical services", 4210 },
  { "Retail", 3120 },
  { "Manufacturing", 2400 },
  { "Health care", 1870 },
  { "Education", 960 },
};
static const FwPlotCategoryCounts job_counts = {
  .title = "occupation",
  .top = jobs,
  .n_top = G_N_ELEMENTS (jobs),
  .other = 1330,
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

static int
first_row (cairo_surface_t   *s,
           const FwPlotFrame *frame,
           int                x,
           const FwColor     *color)
{
  for (int y = MARGIN + (int) frame->top; y < MARGIN + (int) (frame->top + frame->height); y++)
    if (fw_plot_test_distance (s, x, y, color) <= 2)
      return y;
  return -1;
}

static void
test_numeric (gconstpointer user_data)
{
  const StyleCase *sc = user_data;
  g_autofree char *name = g_strconcat ("histogram-", sc->name, NULL);
  FwPlotStyle style;
  FwPlotFrame frame;
  cairo_surface_t *s;
  guint peak_bin = 3;
  int x, top, fence_x, dashes = 0;

  sc->init (&style);
  s = fw_plot_test_render (name, WIDTH, HEIGHT, MARGIN, &style, fw_plot_histogram_draw, &age);
  fw_plot_test_assert_margin (s, MARGIN, &style);
  g_assert_true (fw_plot_histogram_layout (WIDTH, HEIGHT, &style, &age, &frame));
  g_assert_cmpfloat (frame.x_min, <=, 20);
  g_assert_cmpfloat (frame.x_max, >=, 70);

  /* Every bin's top where its count maps, a quarter into the bin (clear of the markers). */
  for (guint i = 0; i < G_N_ELEMENTS (ages); i++)
    {
      x = MARGIN + (int) fw_plot_frame_x (&frame, 20 + 5 * i + 1.25);
      top = first_row (s, &frame, x, &style.series[0]);
      g_assert_cmpint (top, >=, 0);
      g_assert_cmpint (abs (top - (int) round (MARGIN + fw_plot_frame_y (&frame, ages[i]))), <=, 1);
    }
  /* The labels sit above the tallest bar, which stays below them. */
  top = (int) round (MARGIN + fw_plot_frame_y (&frame, ages[peak_bin]));
  g_assert_cmpint (top, >, MARGIN + (int) frame.top + 20);

  /* The fence's dashed line: ink on and off down the column above the short last bins. */
  fence_x = MARGIN + (int) floor (fw_plot_frame_x (&frame, 67.5));
  for (int y = (int) (MARGIN + fw_plot_frame_y (&frame, 60));
       y < MARGIN + (int) fw_plot_frame_y (&frame, 20); y++)
    dashes += fw_plot_test_count_ink (s, fence_x, y, fence_x + 1, y + 1, &style, 40);
  g_assert_cmpint (dashes, >, 10);
  cairo_surface_destroy (s);
}

static void
test_categories (gconstpointer user_data)
{
  const StyleCase *sc = user_data;
  g_autofree char *name = g_strconcat ("categories-", sc->name, NULL);
  FwPlotStyle style;
  FwPlotFrame frame;
  cairo_surface_t *s;
  double slot;

  sc->init (&style);
  s = fw_plot_test_render (name, WIDTH, HEIGHT, MARGIN, &style, fw_plot_category_counts_draw,
                           &job_counts);
  fw_plot_test_assert_margin (s, MARGIN, &style);
  g_assert_true (fw_plot_category_counts_layout (WIDTH, HEIGHT, &style, &job_counts, &frame));
  slot = frame.height / 6;

  /* Most frequent on top; each bar ends where its count maps. */
  for (guint r = 0; r < 6; r++)
    {
      int y = MARGIN + (int) (frame.top + (r + 0.5) * slot);
      gsize count = r < 5 ? jobs[r].count : 1330;
      const FwColor *fill = r < 5 ? &style.series[0] : &style.muted;
      int end = MARGIN + (int) round (fw_plot_frame_x (&frame, (double) count));
      int x0 = MARGIN + (int) frame.left;

      if (r < 5)
        {
          g_assert_cmpuint (fw_plot_test_distance (s, end - 2, y, fill), <=, 2);
          g_assert_cmpuint (fw_plot_test_distance (s, x0 + 2, y, fill), <=, 2);
        }
      else
        /* "Other" is muted: not the series colour. */
        g_assert_cmpuint (fw_plot_test_distance (s, end - 2, y, &style.series[0]), >, 40);
      g_assert_cmpuint (fw_plot_test_distance (s, end + 1, y, &style.series[0]), >, 40);
    }
  cairo_surface_destroy (s);
}

static void
test_degenerate (void)
{
  static const guint one[] = { 17 };
  static const guint zeros[] = { 0, 0, 0 };
  static const FwPlotMarker crowd[] = {
    { "A", 1 }, { "B", 1.01 }, { "C", 1.02 }, { "D", 1.03 }, { "E", 1.04 }, { NULL, 1.5 },
    { "A marker label far too long to fit anywhere in a plot this size at all", 2 },
    { "Not a number", NAN },
  };
  static const FwCategoryCount nameless[] = { { NULL, 3 }, { "", 0 } };
  const FwPlotHistogram histograms[] = {
    { .title = "one bin", .counts = one, .n_bins = 1, .lo = 0, .hi = 10 },
    { .title = "constant", .counts = one, .n_bins = 1, .lo = 5, .hi = 5, .markers = crowd,
      .n_markers = G_N_ELEMENTS (crowd) },
    { .title = "all zero", .counts = zeros, .n_bins = 3, .lo = 0, .hi = 3, .markers = crowd,
      .n_markers = G_N_ELEMENTS (crowd) },
    { .title = "NaN range", .counts = ages, .n_bins = 10, .lo = NAN, .hi = 1 },
    { .title = "backwards", .counts = ages, .n_bins = 10, .lo = 9, .hi = 1 },
    { .title = "no bins", .counts = NULL, .n_bins = 4, .lo = 0, .hi = 1 },
    { .title = "crowded", .counts = ages, .n_bins = 10, .lo = 0, .hi = 3, .markers = crowd,
      .n_markers = G_N_ELEMENTS (crowd), .x_format = FW_TICK_FORMAT_SI },
    age,
  };
  const FwPlotCategoryCounts categories[] = {
    { .title = "none" },
    { .title = "other only", .other = 12 },
    { .title = "nameless", .top = nameless, .n_top = 2 },
    job_counts,
  };
  const int sizes[][2] = { { WIDTH, HEIGHT }, { 60, 40 }, { 12, 9 }, { 0, HEIGHT },
                           { WIDTH, 0 } };

  for (guint k = 0; k < G_N_ELEMENTS (styles); k++)
    for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
      {
        FwPlotStyle style;

        styles[k].init (&style);
        for (guint i = 0; i < G_N_ELEMENTS (histograms); i++)
          {
            cairo_surface_t *s;

            g_test_message ("histogram %s, %s, %d×%d", histograms[i].title, styles[k].name,
                            sizes[z][0], sizes[z][1]);
            s = fw_plot_test_render (NULL, sizes[z][0], sizes[z][1], MARGIN, &style,
                                     fw_plot_histogram_draw, &histograms[i]);
            fw_plot_test_assert_margin (s, MARGIN, &style);
            cairo_surface_destroy (s);
          }
        for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
          {
            cairo_surface_t *s;

            g_test_message ("categories %s, %s, %d×%d", categories[i].title, styles[k].name,
                            sizes[z][0], sizes[z][1]);
            s = fw_plot_test_render (NULL, sizes[z][0], sizes[z][1], MARGIN, &style,
                                     fw_plot_category_counts_draw, &categories[i]);
            fw_plot_test_assert_margin (s, MARGIN, &style);
            cairo_surface_destroy (s);
          }
      }
}

/* A constant column draws one bar on its value. */
static void
test_constant (void)
{
  static const guint one[] = { 17 };
  const FwPlotHistogram constant = { .counts = one, .n_bins = 1, .lo = 5, .hi = 5 };
  FwPlotStyle style;
  FwPlotFrame frame;
  cairo_surface_t *s;
  int x;

  fw_plot_style_init_light (&style);
  s = fw_plot_test_render ("histogram-constant", WIDTH, HEIGHT, MARGIN, &style,
                           fw_plot_histogram_draw, &constant);
  g_assert_true (fw_plot_histogram_layout (WIDTH, HEIGHT, &style, &constant, &frame));
  x = MARGIN + (int) fw_plot_frame_x (&frame, 5);
  g_assert_cmpint (abs (first_row (s, &frame, x, &style.series[0]) -
                        (int) round (MARGIN + fw_plot_frame_y (&frame, 17))), <=, 1);
  cairo_surface_destroy (s);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      g_autofree char *numeric = g_strdup_printf ("/plots/histogram/numeric/%s", styles[i].name);
      g_autofree char *cats = g_strdup_printf ("/plots/histogram/categories/%s", styles[i].name);

      g_test_add_data_func (numeric, &styles[i], test_numeric);
      g_test_add_data_func (cats, &styles[i], test_categories);
    }
  g_test_add_func ("/plots/histogram/constant", test_constant);
  g_test_add_func ("/plots/histogram/degenerate", test_degenerate);

  return g_test_run ();
}
