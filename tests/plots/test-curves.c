/* test-curves.c — ROC, precision–recall and reliability diagrams, checked pixel by pixel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include "fw-plot-curves.h"
#include "fw-plot-test.h"

#define WIDTH  440
#define HEIGHT 360
#define MARGIN 8

static const FwPoint roc_model[] = {
  { 0, 0 }, { 0.05, 0.42 }, { 0.1, 0.6 }, { 0.2, 0.78 }, { 0.4, 0.9 }, { 0.7, 0.97 }, { 1, 1 },
};
static const FwPoint roc_baseline[] = {
  { 0, 0 }, { 0.1, 0.3 }, { 0.3, 0.6 }, { 0.6, 0.85 }, { 1, 1 },
};
static const FwPlotCurve roc_curves[] = {
  { "Neural network", roc_model, G_N_ELEMENTS (roc_model), 0.874 },
  { "Logistic regression", roc_baseline, G_N_ELEMENTS (roc_baseline), 0.705 },
};
static const FwPlotCurves roc = {
  .title = "ROC curve",
  .curves = roc_curves,
  .n_curves = 1,
};
static const FwPlotCurves roc_two = {
  .title = "ROC curves",
  .curves = roc_curves,
  .n_curves = 2,
};

static const FwPoint pr_points[] = {
  { 0, 1 }, { 0.1, 0.95 }, { 0.3, 0.9 }, { 0.5, 0.82 }, { 0.7, 0.7 }, { 0.85, 0.55 },
  { 1, 0.3 },
};
static const FwPlotCurve pr_curve[] = {
  { "Model", pr_points, G_N_ELEMENTS (pr_points), 0.78 },
};
static const FwPlotCurves pr = {
  .title = "Precision and recall",
  .curves = pr_curve,
  .n_curves = 1,
  .positive_rate = 0.3,
};

static const FwCalibrationBin bins[] = {
  { 0.04, 0.02, 410 }, { 0.15, 0.11, 220 }, { 0.25, 0.2, 160 }, { 0.35, 0.31, 120 },
  { 0.45, 0.48, 90 }, { 0.55, 0.61, 80 }, { 0.65, 0.72, 70 }, { 0.75, 0.8, 60 },
  { NAN, NAN, 0 }, { 0.95, 0.97, 140 },
};
static const FwPlotCalibration calibration = {
  .title = "Calibration",
  .label = "Neural network",
  .bins = bins,
  .n_bins = G_N_ELEMENTS (bins),
  .show_counts = TRUE,
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

/* The closest any pixel within @r of (@x, @y) comes to @color. */
static guint
nearest (cairo_surface_t *s,
         double           x,
         double           y,
         int              r,
         const FwColor   *color)
{
  guint best = 255;

  for (int dy = -r; dy <= r; dy++)
    for (int dx = -r; dx <= r; dx++)
      best = MIN (best, fw_plot_test_distance (s, MARGIN + (int) floor (x) + dx,
                                               MARGIN + (int) floor (y) + dy, color));
  return best;
}

static cairo_surface_t *
render_checked (const char        *kind,
                const StyleCase   *sc,
                FwPlotStyle       *style,
                FwPlotDrawFunc     draw,
                gconstpointer      data,
                FwPlotCurvesKind   curves_kind,
                const char        *title,
                FwPlotFrame       *frame)
{
  g_autofree char *name = g_strdup_printf ("%s-%s", kind, sc->name);
  cairo_surface_t *s;

  sc->init (style);
  s = fw_plot_test_render (name, WIDTH, HEIGHT, MARGIN, style, draw, data);
  fw_plot_test_assert_margin (s, MARGIN, style);
  g_assert_true (fw_plot_curves_layout (curves_kind, WIDTH, HEIGHT, style, title, frame));
  /* A square plot area over [0, 1]². */
  g_assert_cmpfloat (fabs (frame->width - frame->height), <=, 1.0);
  g_assert_cmpfloat (frame->x_min, ==, 0.0);
  g_assert_cmpfloat (frame->x_max, ==, 1.0);
  g_assert_cmpfloat (frame->y_min, ==, 0.0);
  g_assert_cmpfloat (frame->y_max, ==, 1.0);
  g_assert_cmpuint (fw_plot_test_count_ink (s, MARGIN + (int) frame->left,
                                            MARGIN + (int) frame->top,
                                            MARGIN + (int) (frame->left + frame->width),
                                            MARGIN + (int) (frame->top + frame->height), style, 8),
                    >, frame->width * frame->height / 50);
  return s;
}

/* Dashes along the diagonal through the centre: ink on a good share of the pixels there. */
static guint
diagonal_ink (cairo_surface_t   *s,
              const FwPlotFrame *frame,
              const FwColor     *background,
              int                reach)
{
  double cx = frame->left + frame->width / 2, cy = frame->top + frame->height / 2;
  guint ink = 0;

  for (int k = -reach; k <= reach; k++)
    {
      int x = MARGIN + (int) floor (cx + k), y = MARGIN + (int) floor (cy - k);

      ink += fw_plot_test_distance (s, x, y, background) > 30;
    }
  return ink;
}

static void
test_roc (gconstpointer user_data)
{
  FwPlotStyle style;
  FwPlotFrame frame;
  cairo_surface_t *s = render_checked ("roc", user_data, &style, fw_plot_roc_draw, &roc,
                                       FW_PLOT_CURVES_ROC, roc.title, &frame);

  /* The chance line through the centre of the square. */
  g_assert_cmpuint (diagonal_ink (s, &frame, &style.background, 12), >=, 10);
  /* The curve's points, and the middle of a segment, in the series colour. */
  for (guint i = 1; i + 1 < G_N_ELEMENTS (roc_model); i++)
    {
      g_assert_cmpuint (nearest (s, fw_plot_frame_x (&frame, roc_model[i].x),
                                 fw_plot_frame_y (&frame, roc_model[i].y), 1, &style.series[0]),
                        <=, 40);
      double mx = (roc_model[i].x + roc_model[i + 1].x) / 2;
      double my = (roc_model[i].y + roc_model[i + 1].y) / 2;

      g_assert_cmpuint (nearest (s, fw_plot_frame_x (&frame, mx), fw_plot_frame_y (&frame, my), 1,
                                 &style.series[0]), <=, 40);
    }
  /* Well above the curve, top left, between grid lines: nothing. */
  g_assert_cmpuint (fw_plot_test_count_ink (s, MARGIN + (int) fw_plot_frame_x (&frame, 0.01),
                                            MARGIN + (int) fw_plot_frame_y (&frame, 0.97),
                                            MARGIN + (int) fw_plot_frame_x (&frame, 0.03),
                                            MARGIN + (int) fw_plot_frame_y (&frame, 0.83),
                                            &style, 8), ==, 0);
  cairo_surface_destroy (s);
}

static void
test_roc_two (gconstpointer user_data)
{
  FwPlotStyle style;
  FwPlotFrame frame;
  cairo_surface_t *s = render_checked ("roc-two", user_data, &style, fw_plot_roc_draw, &roc_two,
                                       FW_PLOT_CURVES_ROC, roc_two.title, &frame);

  g_assert_cmpuint (nearest (s, fw_plot_frame_x (&frame, 0.3), fw_plot_frame_y (&frame, 0.6), 1,
                             &style.series[1]), <=, 40);
  g_assert_cmpuint (nearest (s, fw_plot_frame_x (&frame, 0.1), fw_plot_frame_y (&frame, 0.6), 1,
                             &style.series[0]), <=, 40);
  /* No fill under either curve when there are two: below the diagonal is bare. */
  g_assert_cmpuint (fw_plot_test_distance (s, MARGIN + (int) fw_plot_frame_x (&frame, 0.45),
                                           MARGIN + (int) fw_plot_frame_y (&frame, 0.25),
                                           &style.background), ==, 0);
  cairo_surface_destroy (s);
}

static void
test_pr (gconstpointer user_data)
{
  FwPlotStyle style;
  FwPlotFrame frame;
  cairo_surface_t *s = render_checked ("pr", user_data, &style, fw_plot_pr_draw, &pr,
                                       FW_PLOT_CURVES_PR, pr.title, &frame);
  int y = MARGIN + (int) floor (fw_plot_frame_y (&frame, 0.3));
  guint ink = 0, n = 0;

  /* The chance line at the positive rate, left of the legend. */
  for (int x = MARGIN + (int) frame.left + 2; x < MARGIN + (int) (frame.left + frame.width / 2);
       x++)
    {
      ink += fw_plot_test_count_ink (s, x, y - 1, x + 1, y + 2, &style, 30) > 0;
      n++;
    }
  g_assert_cmpuint (ink, >=, n / 2);
  /* Below it, nothing but the faint grid (a tolerance above the grid's contrast). */
  g_assert_cmpuint (fw_plot_test_count_ink (s, MARGIN + (int) frame.left + 2, y + 4,
                                            MARGIN + (int) (frame.left + frame.width / 2), y + 12,
                                            &style, 40), ==, 0);
  for (guint i = 1; i + 1 < G_N_ELEMENTS (pr_points); i++)
    g_assert_cmpuint (nearest (s, fw_plot_frame_x (&frame, pr_points[i].x),
                               fw_plot_frame_y (&frame, pr_points[i].y), 1, &style.series[0]),
                      <=, 40);
  cairo_surface_destroy (s);
}

static void
test_calibration (gconstpointer user_data)
{
  FwPlotStyle style;
  FwPlotFrame frame;
  cairo_surface_t *s = render_checked ("calibration", user_data, &style, fw_plot_calibration_draw,
                                       &calibration, FW_PLOT_CURVES_CALIBRATION, calibration.title,
                                       &frame);

  g_assert_cmpuint (diagonal_ink (s, &frame, &style.background, 12), >=, 10);
  /* A marker's centre is solid series colour. */
  for (guint i = 0; i < G_N_ELEMENTS (bins); i++)
    if (bins[i].weight > 0)
      g_assert_cmpuint (nearest (s, fw_plot_frame_x (&frame, bins[i].mean_predicted),
                                 fw_plot_frame_y (&frame, bins[i].observed), 0, &style.series[0]),
                        <=, 2);
  /* The count strip: the fullest bin (the first) has a tinted bar at the bottom, the empty
   * one (the ninth) none. */
  {
    int bottom = MARGIN + (int) (frame.top + frame.height) - 2;
    int full = MARGIN + (int) fw_plot_frame_x (&frame, 0.07);
    int empty = MARGIN + (int) fw_plot_frame_x (&frame, 0.85);

    g_assert_cmpuint (fw_plot_test_distance (s, full, bottom, &style.background), >, 10);
    g_assert_cmpuint (fw_plot_test_distance (s, full, bottom - (int) (frame.height * 0.1),
                                             &style.background), >, 10);
    g_assert_cmpuint (fw_plot_test_distance (s, empty, bottom, &style.background), ==, 0);
  }
  cairo_surface_destroy (s);
}

static void
test_degenerate (void)
{
  static const FwPoint odd[] = { { NAN, 0.5 }, { 0.2, INFINITY }, { 0.5, 0.5 }, { 2, -1 } };
  static const FwPoint one[] = { { 0.3, 0.7 } };
  static const FwCalibrationBin empty_bins[3] = {
    { NAN, NAN, 0 }, { NAN, NAN, 0 }, { NAN, NAN, 0 },
  };
  static const FwCalibrationBin odd_bins[] = {
    { 0.5, NAN, 10 }, { INFINITY, 0.2, 5 }, { 0.7, 0.8, -3 }, { 0.9, 0.9, NAN },
  };
  const FwPlotCurve odd_curves[] = {
    { NULL, odd, G_N_ELEMENTS (odd), NAN },
    { "One point", one, 1, 1.5 },
    { "No points", NULL, 5, 0.5 },
  };
  const FwPlotCurves curves_cases[] = {
    { .title = "Nothing" },
    { .curves = odd_curves, .n_curves = 3, .positive_rate = NAN },
    { .curves = odd_curves, .n_curves = 3, .positive_rate = 7 },
  };
  const FwPlotCalibration calibration_cases[] = {
    { .title = "Nothing" },
    { .bins = empty_bins, .n_bins = 3, .show_counts = TRUE },
    { .bins = odd_bins, .n_bins = G_N_ELEMENTS (odd_bins), .show_counts = TRUE },
    calibration,
  };
  const int sizes[][2] = { { WIDTH, HEIGHT }, { 40, 30 }, { 900, 100 }, { 0, HEIGHT },
                           { WIDTH, 0 } };

  for (guint k = 0; k < G_N_ELEMENTS (styles); k++)
    for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
      {
        FwPlotStyle style;

        styles[k].init (&style);
        for (guint i = 0; i < G_N_ELEMENTS (curves_cases); i++)
          for (guint d = 0; d < 2; d++)
            {
              cairo_surface_t *s;

              g_test_message ("curves %u, %s, %d×%d", i, styles[k].name, sizes[z][0], sizes[z][1]);
              s = fw_plot_test_render (NULL, sizes[z][0], sizes[z][1], MARGIN, &style,
                                       d == 0 ? fw_plot_roc_draw : fw_plot_pr_draw,
                                       &curves_cases[i]);
              fw_plot_test_assert_margin (s, MARGIN, &style);
              cairo_surface_destroy (s);
            }
        for (guint i = 0; i < G_N_ELEMENTS (calibration_cases); i++)
          {
            cairo_surface_t *s;

            g_test_message ("calibration %u, %s, %d×%d", i, styles[k].name, sizes[z][0],
                            sizes[z][1]);
            s = fw_plot_test_render (NULL, sizes[z][0], sizes[z][1], MARGIN, &style,
                                     fw_plot_calibration_draw, &calibration_cases[i]);
            fw_plot_test_assert_margin (s, MARGIN, &style);
            cairo_surface_destroy (s);
          }
      }
}

int
main (int argc, char **argv)
{
  static const struct { const char *name; GTestDataFunc func; } kinds[] = {
    { "roc", test_roc },
    { "roc-two", test_roc_two },
    { "pr", test_pr },
    { "calibration", test_calibration },
  };

  g_test_init (&argc, &argv, NULL);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
      {
        g_autofree char *path = g_strdup_printf ("/plots/curves/%s/%s", kinds[k].name,
                                                 styles[i].name);

        g_test_add_data_func (path, &styles[i], kinds[k].func);
      }
  g_test_add_func ("/plots/curves/degenerate", test_degenerate);

  return g_test_run ();
}
