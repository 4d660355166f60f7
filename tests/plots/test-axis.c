/* test-axis.c — the plot frame's layout and ink, and legends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include "fw-plot-axis.h"
#include "fw-plot-test.h"

#define WIDTH  480
#define HEIGHT 320
#define MARGIN 12

typedef struct
{
  FwAxesSpec           spec;
  FwPlotFrame          frame;       /* filled by the draw */
  const FwLegendEntry *legend;
  guint                n_legend;
} Scene;

static void
draw_scene (cairo_t           *cr,
            double             width,
            double             height,
            const FwPlotStyle *style,
            gconstpointer      data)
{
  Scene *scene = (Scene *) data;

  fw_plot_frame_draw (cr, width, height, style, &scene->spec, &scene->frame);
  fw_plot_legend_draw (cr, &scene->frame, style, scene->legend, scene->n_legend, FALSE);
}

static void
scene_init (Scene *scene)
{
  *scene = (Scene) { 0, };
  scene->spec.title = "Validation loss";
  scene->spec.x_label = "Epoch";
  scene->spec.y_label = "Loss";
  scene->spec.x_min = 0;
  scene->spec.x_max = 40;
  scene->spec.y_min = 0;
  scene->spec.y_max = 1;
}

static void
assert_frame_inside (const FwPlotFrame *f,
                     double             width,
                     double             height)
{
  g_assert_cmpfloat (f->left, >, 0);
  g_assert_cmpfloat (f->top, >, 0);
  g_assert_cmpfloat (f->left + f->width, <, width);
  g_assert_cmpfloat (f->top + f->height, <, height);
}

static void
test_layout (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  FwPlotStyle style;
  Scene scene;
  cairo_surface_t *s;
  const FwPlotFrame *f = &scene.frame;
  int left, top, bottom, y_mid;

  dark ? fw_plot_style_init_dark (&style) : fw_plot_style_init_light (&style);
  scene_init (&scene);
  s = fw_plot_test_render (dark ? "axis-dark" : "axis-light", WIDTH, HEIGHT, MARGIN, &style,
                           draw_scene, &scene);

  assert_frame_inside (f, WIDTH, HEIGHT);
  /* Most of the space goes to the data, yet there is room for the labels. */
  g_assert_cmpfloat (f->width, >, WIDTH * 0.7);
  g_assert_cmpfloat (f->height, >, HEIGHT * 0.6);
  g_assert_cmpfloat (f->left, >, 20);
  g_assert_cmpfloat (f->top + f->height, <, HEIGHT - 20);

  /* Ticks span the data range exactly here: 0 … 40 and 0 … 1. */
  g_assert_cmpfloat (f->x_min, ==, 0);
  g_assert_cmpfloat (f->x_max, ==, 40);
  g_assert_cmpfloat (f->y_min, ==, 0);
  g_assert_cmpfloat (f->y_max, ==, 1);
  g_assert_cmpfloat (fw_plot_frame_x (f, 0), ==, f->left);
  g_assert_cmpfloat (fw_plot_frame_x (f, 40), ==, f->left + f->width);
  g_assert_cmpfloat (fw_plot_frame_y (f, 1), ==, f->top);
  g_assert_cmpfloat (fw_plot_frame_y (f, 0), ==, f->top + f->height);

  fw_plot_test_assert_margin (s, MARGIN, &style);

  left = MARGIN + (int) f->left;
  top = MARGIN + (int) f->top;
  bottom = MARGIN + (int) (f->top + f->height);
  /* The "0.4" tick label: ink left of the plot area, around its row. */
  y_mid = MARGIN + (int) fw_plot_frame_y (f, 0.4);
  g_assert_cmpuint (fw_plot_test_count_ink (s, MARGIN, y_mid - 6, left - 1, y_mid + 6, &style, 60),
                    >, 10);
  /* The title: ink in the band above the plot area. */
  g_assert_cmpuint (fw_plot_test_count_ink (s, MARGIN, MARGIN, WIDTH / 2, top - 4, &style, 60),
                    >, 30);
  /* Tick labels below it. */
  g_assert_cmpuint (fw_plot_test_count_ink (s, left, bottom + 2, MARGIN + WIDTH, MARGIN + HEIGHT,
                                            &style, 60), >, 30);
  /* Grid lines are drawn, but faintly: the 0.4 grid line differs from the background by
   * a little, not a lot. */
  {
    int x = left + (int) (f->width / 3);
    guint d = 0;

    for (int dy = -1; dy <= 1; dy++)
      d = MAX (d, fw_plot_test_distance (s, x, y_mid + dy, &style.background));
    g_assert_cmpuint (d, >, 5);
    g_assert_cmpuint (d, <, 60);
  }
  cairo_surface_destroy (s);
}

static void
test_no_labels (void)
{
  FwPlotStyle style;
  Scene scene;
  cairo_surface_t *s;
  FwPlotFrame with_title;

  fw_plot_style_init_light (&style);
  scene_init (&scene);
  s = fw_plot_test_render (NULL, WIDTH, HEIGHT, MARGIN, &style, draw_scene, &scene);
  with_title = scene.frame;
  cairo_surface_destroy (s);

  scene.spec.title = scene.spec.x_label = scene.spec.y_label = NULL;
  s = fw_plot_test_render ("axis-bare", WIDTH, HEIGHT, MARGIN, &style, draw_scene, &scene);
  /* Without the labels the plot area grows on every side they took. */
  g_assert_cmpfloat (scene.frame.top, <, with_title.top);
  g_assert_cmpfloat (scene.frame.left, <, with_title.left);
  g_assert_cmpfloat (scene.frame.top + scene.frame.height, >, with_title.top + with_title.height);
  fw_plot_test_assert_margin (s, MARGIN, &style);
  cairo_surface_destroy (s);
}

static void
test_log_mapping (void)
{
  FwPlotStyle style;
  Scene scene;
  cairo_surface_t *s;
  const FwPlotFrame *f = &scene.frame;

  fw_plot_style_init_light (&style);
  scene_init (&scene);
  scene.spec.y_log = TRUE;
  scene.spec.y_min = 0.002;
  scene.spec.y_max = 5;
  s = fw_plot_test_render ("axis-log", WIDTH, HEIGHT, MARGIN, &style, draw_scene, &scene);

  g_assert_true (f->y_log);
  /* Decades 10^−3 … 10^1 cover 0.002 … 5; 0.1 is halfway up in log space. */
  g_assert_cmpfloat (f->y_min, ==, 1e-3);
  g_assert_cmpfloat (f->y_max, ==, 10);
  g_assert_cmpfloat_with_epsilon (fw_plot_frame_y (f, 0.1), f->top + f->height / 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (fw_plot_frame_y (f, 1e-3), f->top + f->height, 1e-9);
  g_assert_true (isnan (fw_plot_frame_y (f, 0.0)));
  fw_plot_test_assert_margin (s, MARGIN, &style);
  cairo_surface_destroy (s);
}

static void
test_categories (void)
{
  const char *const rows[] = { "Female", "Male", "Non-binary or another gender identity" };
  const char *const cols[] = { "Rejected", "Approved" };
  FwPlotStyle style;
  Scene scene;
  cairo_surface_t *s;
  const FwPlotFrame *f = &scene.frame;

  fw_plot_style_init_light (&style);
  scene_init (&scene);
  scene.spec.y_label = NULL;
  scene.spec.x_categories = cols;
  scene.spec.n_x_categories = G_N_ELEMENTS (cols);
  scene.spec.y_categories = rows;
  scene.spec.n_y_categories = G_N_ELEMENTS (rows);
  s = fw_plot_test_render ("axis-categories", WIDTH, HEIGHT, MARGIN, &style, draw_scene, &scene);

  assert_frame_inside (f, WIDTH, HEIGHT);
  /* Slot i spans [i, i + 1]; category 0 is the top row. */
  g_assert_cmpfloat (fw_plot_frame_x (f, 1.0), ==, f->left + f->width / 2);
  g_assert_cmpfloat_with_epsilon (fw_plot_frame_y (f, 0.0), f->top, 1e-9);
  g_assert_cmpfloat_with_epsilon (fw_plot_frame_y (f, 3.0), f->top + f->height, 1e-9);
  g_assert_cmpfloat (fw_plot_frame_y (f, 0.5), <, fw_plot_frame_y (f, 1.5));
  /* The long label is cut, so the plot keeps most of the width. */
  g_assert_cmpfloat (f->width, >, WIDTH * 0.55);
  g_assert_cmpuint (f->x_ticks.n, ==, 0);
  g_assert_cmpuint (f->y_ticks.n, ==, 0);
  fw_plot_test_assert_margin (s, MARGIN, &style);
  cairo_surface_destroy (s);
}

static void
test_legend (void)
{
  FwPlotStyle style;
  Scene scene;
  cairo_surface_t *s;
  FwLegendEntry entries[3] = { { 0, }, };
  double bx, by, bw, bh;
  cairo_t *cr;

  fw_plot_style_init_light (&style);
  entries[0] = (FwLegendEntry) { "Training", &style.series[0], FALSE, FALSE };
  entries[1] = (FwLegendEntry) { "Validation", &style.series[1], TRUE, FALSE };
  entries[2] = (FwLegendEntry) { "Group B", &style.series[2], FALSE, TRUE };
  scene_init (&scene);
  scene.legend = entries;
  scene.n_legend = G_N_ELEMENTS (entries);
  s = fw_plot_test_render ("axis-legend", WIDTH, HEIGHT, MARGIN, &style, draw_scene, &scene);

  cr = cairo_create (s);
  cairo_translate (cr, MARGIN, MARGIN);
  fw_plot_legend_get_box (cr, &scene.frame, &style, entries, 3, FALSE, &bx, &by, &bw, &bh);
  cairo_destroy (cr);
  /* In the plot area's top-right corner, three rows high. */
  g_assert_cmpfloat (bx + bw, <=, scene.frame.left + scene.frame.width);
  g_assert_cmpfloat (bx, >, scene.frame.left + scene.frame.width / 2);
  g_assert_cmpfloat (by, >=, scene.frame.top);
  g_assert_cmpfloat (by + bh, <, scene.frame.top + scene.frame.height / 2);

  /* Each entry's sample shows in its colour inside the box. */
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (fw_plot_test_count_color (s, MARGIN + (int) bx, MARGIN + (int) by,
                                                MARGIN + (int) (bx + bw), MARGIN + (int) (by + bh),
                                                &style.series[i], 8), >=, i == 2 ? 40 : 8);
  /* The dashed sample has gaps: fewer full-colour pixels than the solid one. */
  g_assert_cmpuint (fw_plot_test_count_color (s, MARGIN + (int) bx, MARGIN + (int) by,
                                              MARGIN + (int) (bx + bw), MARGIN + (int) (by + bh),
                                              &style.series[1], 8),
                    <, fw_plot_test_count_color (s, MARGIN + (int) bx, MARGIN + (int) by,
                                                 MARGIN + (int) (bx + bw),
                                                 MARGIN + (int) (by + bh), &style.series[0], 8));
  fw_plot_test_assert_margin (s, MARGIN, &style);
  cairo_surface_destroy (s);
}

static void
test_tiny (void)
{
  FwPlotStyle style;
  Scene scene;
  cairo_surface_t *s;

  /* Far too small for its labels: still nothing outside, and an area inside the bounds. */
  fw_plot_style_init_dark (&style);
  scene_init (&scene);
  s = fw_plot_test_render ("axis-tiny", 40, 24, MARGIN, &style, draw_scene, &scene);
  fw_plot_test_assert_margin (s, MARGIN, &style);
  g_assert_cmpfloat (scene.frame.left, >=, 0);
  g_assert_cmpfloat (scene.frame.top, >=, 0);
  g_assert_cmpfloat (scene.frame.left + scene.frame.width, <=, 40);
  g_assert_cmpfloat (scene.frame.top + scene.frame.height, <=, 24);
  cairo_surface_destroy (s);
}

static void
test_empty_range (void)
{
  FwPlotStyle style;
  Scene scene;
  cairo_surface_t *s;

  /* No data yet (a live chart before its first epoch): a plain 0 … 1 frame. */
  fw_plot_style_init_light (&style);
  scene_init (&scene);
  scene.spec.x_min = scene.spec.x_max = NAN;
  scene.spec.y_min = scene.spec.y_max = NAN;
  s = fw_plot_test_render ("axis-empty", WIDTH, HEIGHT, MARGIN, &style, draw_scene, &scene);
  g_assert_cmpfloat (scene.frame.x_min, ==, 0);
  g_assert_cmpfloat (scene.frame.x_max, ==, 1);
  g_assert_cmpuint (scene.frame.y_ticks.n, >=, 2);
  fw_plot_test_assert_margin (s, MARGIN, &style);
  cairo_surface_destroy (s);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/plots/axis/layout/light", GINT_TO_POINTER (FALSE), test_layout);
  g_test_add_data_func ("/plots/axis/layout/dark", GINT_TO_POINTER (TRUE), test_layout);
  g_test_add_func ("/plots/axis/no-labels", test_no_labels);
  g_test_add_func ("/plots/axis/log-mapping", test_log_mapping);
  g_test_add_func ("/plots/axis/categories", test_categories);
  g_test_add_func ("/plots/axis/legend", test_legend);
  g_test_add_func ("/plots/axis/tiny", test_tiny);
  g_test_add_func ("/plots/axis/empty-range", test_empty_range);

  return g_test_run ();
}
