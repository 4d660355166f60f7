/* test-bars.c — the grouped bar chart, checked pixel by pixel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include "fw-plot-bars.h"
#include "fw-plot-test.h"

#define WIDTH  480
#define HEIGHT 320
#define MARGIN 8

static const char *const groups[] = { "female", "male" };
static const char *const series[] = { "Selection rate", "TPR", "FPR" };
/* group-major: values[g * 3 + s] */
static const double values[] = { 0.42, 0.71, 0.12, 0.55, 0.83, 0.18 };
static const double lower[] = { 0.36, 0.62, 0.08, 0.50, 0.77, 0.14 };
static const double upper[] = { 0.48, 0.80, 0.16, 0.60, 0.89, 0.22 };

static const FwPlotBars rates = {
  .title = "Outcomes by sex",
  .y_label = "Rate",
  .groups = groups,
  .n_groups = 2,
  .series = series,
  .n_series = 3,
  .values = values,
  .lower = lower,
  .upper = upper,
  .y_format = FW_TICK_FORMAT_PERCENT,
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

/* The first row, scanning down column @x of the frame from its top, within @tolerance of
 * @color; -1 when none. */
static int
first_row (cairo_surface_t   *s,
           const FwPlotFrame *frame,
           int                x,
           const FwColor     *color,
           guint              tolerance)
{
  for (int y = MARGIN + (int) frame->top; y < MARGIN + (int) (frame->top + frame->height); y++)
    if (fw_plot_test_distance (s, x, y, color) <= tolerance)
      return y;
  return -1;
}

static gboolean
near_grid_row (const FwPlotFrame *frame,
               int                y)
{
  for (guint i = 0; i < frame->y_ticks.n; i++)
    if (fabs (MARGIN + fw_plot_frame_y (frame, frame->y_ticks.values[i]) - (y + 0.5)) < 2)
      return TRUE;
  return FALSE;
}

static void
test_rates (gconstpointer user_data)
{
  const StyleCase *sc = user_data;
  g_autofree char *name = g_strconcat ("bars-", sc->name, NULL);
  FwPlotStyle style;
  FwPlotFrame frame;
  cairo_surface_t *s;
  int area_x0, area_y0, area_x1, area_y1;

  sc->init (&style);
  s = fw_plot_test_render (name, WIDTH, HEIGHT, MARGIN, &style, fw_plot_bars_draw, &rates);
  fw_plot_test_assert_margin (s, MARGIN, &style);
  g_assert_true (fw_plot_bars_layout (WIDTH, HEIGHT, &style, &rates, &frame));
  area_x0 = MARGIN + (int) frame.left;
  area_y0 = MARGIN + (int) frame.top;
  area_x1 = MARGIN + (int) (frame.left + frame.width);
  area_y1 = MARGIN + (int) (frame.top + frame.height);
  g_assert_cmpuint (fw_plot_test_count_ink (s, area_x0, area_y0, area_x1, area_y1, &style, 8),
                    >, frame.width * frame.height / 20);

  for (guint g = 0; g < 2; g++)
    for (guint sr = 0; sr < 3; sr++)
      {
        double v = values[g * 3 + sr], l, r;
        int x, top, want;

        fw_plot_bars_bar_extent (&frame, &style, &rates, g, sr, &l, &r);
        g_assert_cmpfloat (r - l, >=, 4);
        /* Off the bar's centre line, where the whisker runs. */
        x = MARGIN + (int) (l + 2);
        want = (int) round (MARGIN + fw_plot_frame_y (&frame, v));
        top = first_row (s, &frame, x, &style.series[sr], 2);
        g_assert_cmpint (top, >=, 0);
        g_assert_cmpint (ABS (top - want), <=, 1);
        /* Solid down to the baseline. */
        g_assert_cmpuint (fw_plot_test_distance (s, x, (top + area_y1) / 2, &style.series[sr]),
                          <=, 2);
        g_assert_cmpuint (fw_plot_test_distance (s, x, area_y1 - 3, &style.series[sr]), <=, 2);
      }
  cairo_surface_destroy (s);
}

/* The caps of the confidence interval: ink across the cap's width at the upper bound above
 * the bar, and a mark that is not the bar's colour at the lower bound inside it. */
static void
test_error_bars (gconstpointer user_data)
{
  const StyleCase *sc = user_data;
  FwPlotStyle style;
  FwPlotFrame frame;
  cairo_surface_t *s;

  sc->init (&style);
  s = fw_plot_test_render (NULL, WIDTH, HEIGHT, MARGIN, &style, fw_plot_bars_draw, &rates);
  g_assert_true (fw_plot_bars_layout (WIDTH, HEIGHT, &style, &rates, &frame));

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      double l, r;
      int centre, up, down, bar_top, half;

      fw_plot_bars_bar_extent (&frame, &style, &rates, i / 3, i % 3, &l, &r);
      centre = MARGIN + (int) floor ((l + r) / 2);
      up = MARGIN + (int) floor (fw_plot_frame_y (&frame, upper[i]));
      down = MARGIN + (int) floor (fw_plot_frame_y (&frame, lower[i]));
      bar_top = MARGIN + (int) round (fw_plot_frame_y (&frame, values[i]));
      /* Caps are at most half the bar's width: a few pixels either side of the stem. */
      half = 3;
      g_assert_cmpfloat ((r - l) / 4, >, half + 2);

      for (int dx = -half; dx <= half; dx++)
        {
          /* The cap row, allowing its pixel centre to round either way. */
          guint ink_up = fw_plot_test_count_ink (s, centre + dx, up - 1, centre + dx + 1, up + 2,
                                                 &style, 40);
          guint off_bar = 3 - fw_plot_test_count_color (s, centre + dx, down - 1, centre + dx + 1,
                                                        down + 2, &style.series[i % 3], 30);

          g_assert_cmpuint (ink_up, >=, 1);
          g_assert_cmpuint (off_bar, >=, 1);
        }
      /* Beside the cap, above the bar: nothing. */
      g_assert_cmpuint (fw_plot_test_count_ink (s, MARGIN + (int) l, up - 1,
                                                MARGIN + (int) (l + (r - l) / 4) - 1, up + 2,
                                                &style, 40), ==, 0);
      /* The stem joins the cap to the bar. */
      g_assert_cmpuint (fw_plot_test_count_ink (s, centre, up + 1, centre + 2, bar_top - 1, &style,
                                                40), >=, (guint) (bar_top - up - 2));
    }
  cairo_surface_destroy (s);
}

static void
test_band (gconstpointer user_data)
{
  const StyleCase *sc = user_data;
  static const char *const one[] = { "Selection rate ratio" };
  static const double ratios[] = { 1.0, 0.72, 1.1 };
  static const char *const sexes[] = { "female", "male", "non-binary" };
  const FwPlotBars bars = {
    .title = "Four-fifths rule",
    .groups = sexes,
    .n_groups = 3,
    .series = one,
    .n_series = 1,
    .values = ratios,
    .band_lo = 0.8,
    .band_hi = 1.25,
    .band_label = "Acceptable: 0.8 to 1.25",
    .has_reference = TRUE,
    .reference = 1.0,
    .reference_label = "Parity",
  };
  g_autofree char *name = g_strconcat ("bars-band-", sc->name, NULL);
  FwPlotStyle style;
  FwPlotFrame frame;
  cairo_surface_t *s;
  int x, y_hi, y_lo, y_ref, inside = 0, shaded = 0, outside = 0, clean = 0;

  sc->init (&style);
  s = fw_plot_test_render (name, WIDTH, HEIGHT, MARGIN, &style, fw_plot_bars_draw, &bars);
  fw_plot_test_assert_margin (s, MARGIN, &style);
  g_assert_true (fw_plot_bars_layout (WIDTH, HEIGHT, &style, &bars, &frame));

  /* Between the first two groups' bars: right of the band's label, left of the legend. */
  x = MARGIN + (int) (frame.left + frame.width / 3);
  y_hi = MARGIN + (int) ceil (fw_plot_frame_y (&frame, 1.25));
  y_lo = MARGIN + (int) floor (fw_plot_frame_y (&frame, 0.8));
  y_ref = MARGIN + (int) floor (fw_plot_frame_y (&frame, 1.0));
  g_assert_cmpint (y_lo - y_hi, >, 20);
  for (int y = MARGIN + (int) frame.top + 1; y < MARGIN + (int) (frame.top + frame.height) - 1; y++)
    {
      gboolean ink = fw_plot_test_distance (s, x, y, &style.background) > 3;

      if (near_grid_row (&frame, y) || abs (y - y_ref) <= 1 || abs (y - y_hi) <= 1 ||
          abs (y - y_lo) <= 1)
        continue;
      if (y > y_hi && y < y_lo)
        {
          inside++;
          shaded += ink;
        }
      else
        {
          outside++;
          clean += !ink;
        }
    }
  g_assert_cmpint (inside, >, 20);
  g_assert_cmpint (shaded, ==, inside);
  g_assert_cmpint (outside, >, 20);
  g_assert_cmpint (clean, ==, outside);

  /* The reference line crosses the gap between bars. */
  g_assert_cmpuint (fw_plot_test_count_ink (s, x - 20, y_ref - 1, x + 20, y_ref + 2, &style, 20),
                    >=, 15);
  cairo_surface_destroy (s);
}

/* With nothing fixed, the range stretches so the legend never covers a bar. */
static void
test_legend_clear (void)
{
  static const double high[] = { 0.95, 0.97, 0.99, 0.96, 0.98, 1.0 };
  FwPlotBars bars = rates;
  FwPlotStyle style;
  FwPlotFrame frame;
  cairo_surface_t *s;

  bars.values = high;
  bars.lower = bars.upper = NULL;
  fw_plot_style_init_light (&style);
  s = fw_plot_test_render ("bars-legend", WIDTH, HEIGHT, MARGIN, &style, fw_plot_bars_draw, &bars);
  g_assert_true (fw_plot_bars_layout (WIDTH, HEIGHT, &style, &bars, &frame));
  /* Each bar of the last group still shows its full top edge in its own colour. */
  for (guint sr = 0; sr < 3; sr++)
    {
      double l, r;
      int top;

      fw_plot_bars_bar_extent (&frame, &style, &bars, 1, sr, &l, &r);
      top = (int) round (MARGIN + fw_plot_frame_y (&frame, high[3 + sr]));
      g_assert_cmpuint (fw_plot_test_count_color (s, MARGIN + (int) l + 1, top,
                                                  MARGIN + (int) r - 1, top + 1,
                                                  &style.series[sr], 2),
                        ==, (guint) ((int) r - (int) l - 2));
    }
  cairo_surface_destroy (s);
}

/* Rates stop at 100%: with y_limit 1 the axis ends there however high the bars, the legend
 * moves above the plot area, and every bar still shows its full top edge. */
static void
test_rate_limit (void)
{
  static const double high[] = { 0.95, 0.97, 0.99, 0.96, 0.98, 1.0 };
  FwPlotBars bars = rates;
  FwPlotStyle style;
  FwPlotFrame frame;
  cairo_surface_t *s;

  bars.values = high;
  bars.lower = bars.upper = NULL;
  bars.y_limit = 1;
  fw_plot_style_init_light (&style);
  s = fw_plot_test_render ("bars-limit", WIDTH, HEIGHT, MARGIN, &style, fw_plot_bars_draw, &bars);
  g_assert_true (fw_plot_bars_layout (WIDTH, HEIGHT, &style, &bars, &frame));
  g_test_message ("y axis %g … %g", frame.y_min, frame.y_max);
  g_assert_cmpfloat (frame.y_max, <=, 1.0);
  g_assert_cmpfloat (frame.y_max, >=, 1.0);
  for (guint g = 0; g < 2; g++)
    for (guint sr = 0; sr < 3; sr++)
      {
        double l, r;
        int top;

        fw_plot_bars_bar_extent (&frame, &style, &bars, g, sr, &l, &r);
        top = (int) round (MARGIN + fw_plot_frame_y (&frame, high[g * 3 + sr])) + 1;
        g_assert_cmpuint (fw_plot_test_count_color (s, MARGIN + (int) l + 1, top,
                                                    MARGIN + (int) r - 1, top + 1,
                                                    &style.series[sr], 2),
                          ==, (guint) ((int) r - (int) l - 2));
      }
  cairo_surface_destroy (s);
}

/* The four-fifths line's label covers no bar: at 80% of the highest rate, with the right
 * group's bars reaching past the line, it must move (below the line, or to the left). */
static void
test_reference_label_clear (void)
{
  static const double v[] = { 0.30, 0.20, 0.10, 0.90, 0.85, 0.80 };
  FwPlotBars bars = rates;
  FwPlotStyle style;
  FwPlotFrame frame;
  cairo_rectangle_t box;

  bars.values = v;
  bars.lower = bars.upper = NULL;
  bars.y_limit = 1;
  bars.has_reference = TRUE;
  bars.reference = 0.8 * 0.90;
  bars.reference_label = "4/5 of the highest selection rate";
  fw_plot_style_init_light (&style);
  g_assert_true (fw_plot_bars_layout (WIDTH, HEIGHT, &style, &bars, &frame));
  g_assert_true (fw_plot_bars_reference_note (WIDTH, HEIGHT, &style, &bars, &box));
  g_test_message ("label box %.1f, %.1f, %.1f × %.1f", box.x, box.y, box.width, box.height);
  for (guint g = 0; g < 2; g++)
    for (guint sr = 0; sr < 3; sr++)
      {
        double l, r, top = fw_plot_frame_y (&frame, v[g * 3 + sr]);
        double zero = fw_plot_frame_y (&frame, 0);

        fw_plot_bars_bar_extent (&frame, &style, &bars, g, sr, &l, &r);
        g_assert_false (l < box.x + box.width && r > box.x && top < box.y + box.height &&
                        zero > box.y);
      }
  /* Beside the line: within two label heights of it, inside the plot area. */
  g_assert_cmpfloat (fabs (box.y + box.height / 2 - fw_plot_frame_y (&frame, bars.reference)),
                     <, 2 * box.height);
  g_assert_cmpfloat (box.x, >=, frame.left - 4);
  g_assert_cmpfloat (box.x + box.width, <=, frame.left + frame.width + 4);
}

typedef struct
{
  const char *name;
  FwPlotBars  bars;
  int         width, height;
} Degenerate;

static void
test_degenerate (void)
{
  static const double nan3[] = { NAN, NAN, NAN };
  static const double nan6[] = { NAN, NAN, NAN, NAN, 0.1, NAN };
  static const double mixed[] = { NAN, 0.5, -0.25, INFINITY, 0.0, 1e300 };
  static const double huge[] = { 1e12, 3e12 };
  static const char *const long_groups[] = {
    "A group with a remarkably long name that cannot fit under its bars",
    "Another group whose name is even longer than the first one was",
  };
  const Degenerate cases[] = {
    { "no groups", { .series = series, .n_series = 3 }, WIDTH, HEIGHT },
    { "no series", { .groups = groups, .n_groups = 2, .values = values }, WIDTH, HEIGHT },
    { "all NaN", { .groups = series, .n_groups = 3, .values = nan3, .n_series = 1 }, WIDTH,
      HEIGHT },
    { "mixed", { .groups = groups, .n_groups = 2, .series = series, .n_series = 3,
                 .values = mixed, .lower = nan6, .upper = mixed }, WIDTH, HEIGHT },
    { "huge", { .groups = groups, .n_groups = 2, .n_series = 1, .values = huge }, WIDTH, HEIGHT },
    { "long names", { .groups = long_groups, .n_groups = 2, .series = series, .n_series = 1,
                      .values = values, .band_lo = 0.3, .band_hi = 0.5,
                      .band_label = "A very long band label that must be cut short somewhere" },
      240, 160 },
    { "fixed range", { .groups = groups, .n_groups = 2, .series = series, .n_series = 3,
                       .values = values, .y_min = 0.5, .y_max = 0.6, .has_reference = TRUE,
                       .reference = 7 }, WIDTH, HEIGHT },
    { "tiny", rates, 12, 9 },
    { "zero width", rates, 0, HEIGHT },
    { "zero height", rates, WIDTH, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint k = 0; k < G_N_ELEMENTS (styles); k++)
      {
        FwPlotStyle style;
        cairo_surface_t *s;

        g_test_message ("%s, %s", cases[i].name, styles[k].name);
        styles[k].init (&style);
        s = fw_plot_test_render (NULL, cases[i].width, cases[i].height, MARGIN, &style,
                                 fw_plot_bars_draw, &cases[i].bars);
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
      g_autofree char *rates_path = g_strdup_printf ("/plots/bars/rates/%s", styles[i].name);
      g_autofree char *caps_path = g_strdup_printf ("/plots/bars/error-bars/%s", styles[i].name);
      g_autofree char *band_path = g_strdup_printf ("/plots/bars/band/%s", styles[i].name);

      g_test_add_data_func (rates_path, &styles[i], test_rates);
      g_test_add_data_func (caps_path, &styles[i], test_error_bars);
      g_test_add_data_func (band_path, &styles[i], test_band);
    }
  g_test_add_func ("/plots/bars/legend-clear", test_legend_clear);
  g_test_add_func ("/plots/bars/rate-limit", test_rate_limit);
  g_test_add_func ("/plots/bars/reference-label-clear", test_reference_label_clear);
  g_test_add_func ("/plots/bars/degenerate", test_degenerate);

  return g_test_run ();
}
