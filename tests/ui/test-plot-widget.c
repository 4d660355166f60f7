/* test-plot-widget.c — the plot widget under Xvfb: drawing, light and dark, data, a11y
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include "fw-plot-sparkline.h"
#include "fw-plot-widget.h"
#include "fw-ui-test.h"

/* Eight bins: the third is the tallest (full height), the fourth the shortest (1/9). */
static const guint counts[] = { 3, 6, 9, 1, 5, 2, 8, 4 };
#define TALLEST  2
#define SHORTEST 3

/* Channel tolerance for "this pixel is that colour", in 8-bit steps: renderers may round. */
#define TOLERANCE 3

typedef struct
{
  guint        n_draws;
  int          width;           /* what the last frame was drawn at and with */
  int          height;
  FwPlotStyle  style;
  guint       *n_freed;         /* bumped when the widget lets go of this */
} Recording;

typedef struct
{
  GtkWidget    *window;         /* references of our own, to check they are finalized */
  FwPlotWidget *plot;
  Recording    *recording;      /* owned by the plot */
  guint         n_given;        /* recordings handed to the plot so far */
  guint         n_freed;
} PlotFixture;

static void
recording_free (gpointer data)
{
  Recording *recording = data;

  (*recording->n_freed)++;
  g_free (recording);
}

static void
draw_recorded_sparkline (cairo_t           *cr,
                         double             width,
                         double             height,
                         const FwPlotStyle *style,
                         gconstpointer      data)
{
  /* The test's data is the test's to write: it records what each frame was drawn with. */
  Recording *recording = (Recording *) data;

  recording->n_draws++;
  recording->width = width;
  recording->height = height;
  recording->style = *style;
  fw_plot_sparkline_draw (cr, width, height, style, counts, G_N_ELEMENTS (counts));
}

static Recording *
give_recording (PlotFixture *fixture)
{
  Recording *recording = g_new0 (Recording, 1);

  recording->n_freed = &fixture->n_freed;
  fixture->n_given++;
  fw_plot_widget_set_draw_func (fixture->plot, draw_recorded_sparkline, recording,
                                recording_free);
  return recording;
}

static void
plot_fixture_setup (PlotFixture   *fixture,
                    gconstpointer  data)
{
  GtkWidget *plot;

  if (!fw_ui_test_have_display ())
    return;

  /* Whatever the desktop prefers, every test starts light. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);

  fixture->window = g_object_ref (adw_window_new ());
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 320, 200);
  plot = fw_plot_widget_new ();
  fixture->plot = g_object_ref (FW_PLOT_WIDGET (plot));
  adw_window_set_content (ADW_WINDOW (fixture->window), plot);
  fixture->recording = give_recording (fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));
  fw_ui_test_flush ();
}

static void
plot_fixture_teardown (PlotFixture   *fixture,
                       gconstpointer  data)
{
  if (fixture->window == NULL)
    return;

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fw_ui_test_flush ();
  /* The window first: until it goes, it holds the plot. */
  g_assert_finalize_object (fixture->window);
  g_assert_finalize_object (fixture->plot);
  /* Every draw func's data was freed, each exactly once. */
  g_assert_cmpuint (fixture->n_freed, ==, fixture->n_given);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
}

typedef struct
{
  guchar          *pixels;      /* B, G, R, A premultiplied; the window is opaque */
  gsize            stride;
  graphene_rect_t  plot;        /* the plot's area, in pixels of the picture */
} Picture;

static void
picture_clear (Picture *picture)
{
  g_clear_pointer (&picture->pixels, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Picture, picture_clear)

/* Draws the window the way the compositor would get it. */
static void
render (PlotFixture *fixture,
        Picture     *picture)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkWidget *window = fixture->window;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  const char *shot;

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (fixture->plot), window,
                                            &picture->plot));
  g_assert_cmpfloat (picture->plot.size.width, >, 0);
  g_assert_cmpfloat (picture->plot.size.height, >, 0);

  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);

  picture->stride = (gsize) width * 4;
  picture->pixels = g_malloc (picture->stride * height);
  gdk_texture_download (texture, picture->pixels, picture->stride);

  /* FAIRWAY_TEST_SHOT=prefix keeps the pictures, for looking at. */
  shot = g_getenv ("FAIRWAY_TEST_SHOT");
  if (shot != NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s%s.png", shot,
                                               g_test_get_path () + sizeof "/ui/plot-widget");

      g_assert_true (gdk_texture_save_to_png (texture, name));
    }
}

static gboolean
colors_close (const FwColor *a,
              const FwColor *b)
{
  return fabs (a->red - b->red) * 255 <= TOLERANCE
         && fabs (a->green - b->green) * 255 <= TOLERANCE
         && fabs (a->blue - b->blue) * 255 <= TOLERANCE;
}

static gboolean
pixel_is (const Picture *picture,
          int            x,
          int            y,
          const FwColor *color)
{
  const guchar *p = picture->pixels + (gsize) y * picture->stride + (gsize) x * 4;

  g_assert_cmpfloat (color->alpha, ==, 1.0);
  return colors_close (&(FwColor) { p[2] / 255.0, p[1] / 255.0, p[0] / 255.0, 1.0 }, color);
}

/* Relative luminance, near enough to tell a light background from a dark one. */
static double
pixel_luminance (const Picture *picture,
                 int            x,
                 int            y)
{
  const guchar *p = picture->pixels + (gsize) y * picture->stride + (gsize) x * 4;

  return (0.2126 * p[2] + 0.7152 * p[1] + 0.0722 * p[0]) / 255;
}

static double
color_luminance (const FwColor *color)
{
  return 0.2126 * color->red + 0.7152 * color->green + 0.0722 * color->blue;
}

/* The share of the plot's area in @color. */
static double
coverage (const Picture *picture,
          const FwColor *color)
{
  const graphene_rect_t *r = &picture->plot;
  int x0 = ceil (r->origin.x), y0 = ceil (r->origin.y);
  int x1 = floor (r->origin.x + r->size.width), y1 = floor (r->origin.y + r->size.height);
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      n += pixel_is (picture, x, y, color);
  return (double) n / ((x1 - x0) * (y1 - y0));
}

/* A point of the picture, from a position in the plot: bin @bin's middle, @fraction of the
 * plot's height down from its top. */
static void
plot_point (const Picture *picture,
            guint          bin,
            double         fraction,
            int           *x,
            int           *y)
{
  const graphene_rect_t *r = &picture->plot;

  *x = r->origin.x + r->size.width * (bin + 0.5) / G_N_ELEMENTS (counts);
  *y = r->origin.y + r->size.height * fraction;
}

/* What any sparkline must look like at this size: bars over about half the area (the
 * counts sum to 38 of 8 × 9), the tallest reaching the top, background over the shortest. */
static void
assert_sparkline (const Picture *picture,
                  const FwColor *series,
                  gboolean       dark)
{
  int x, y;

  g_assert_cmpfloat (coverage (picture, series), >, 0.35);
  g_assert_cmpfloat (coverage (picture, series), <, 0.6);
  plot_point (picture, TALLEST, 0.05, &x, &y);
  g_assert_true (pixel_is (picture, x, y, series));
  plot_point (picture, SHORTEST, 0.5, &x, &y);
  g_assert_false (pixel_is (picture, x, y, series));
  if (dark)
    g_assert_cmpfloat (pixel_luminance (picture, x, y), <, 0.25);
  else
    g_assert_cmpfloat (pixel_luminance (picture, x, y), >, 0.85);
}

static void
test_render_light (PlotFixture   *fixture,
                   gconstpointer  data)
{
  g_auto(Picture) picture = { 0 };
  FwPlotStyle light, style;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  fw_plot_style_init_light (&light);
  fw_plot_widget_get_style (fixture->plot, &style);
  g_assert_cmpmem (style.series, sizeof style.series, light.series, sizeof light.series);
  g_assert_cmpmem (&style.grid, sizeof style.grid, &light.grid, sizeof light.grid);
  /* Text in the theme's colour: dark on light, and visible. */
  g_assert_cmpfloat (style.foreground.alpha, >, 0.5);
  g_assert_cmpfloat (color_luminance (&style.foreground), <, 0.3);
  g_assert_cmpfloat (style.background.alpha, ==, 0.0);

  /* The frame was drawn at the widget's size, with that style. */
  g_assert_cmpuint (fixture->recording->n_draws, >, 0);
  g_assert_cmpint (fixture->recording->width, ==,
                   gtk_widget_get_width (GTK_WIDGET (fixture->plot)));
  g_assert_cmpint (fixture->recording->height, ==,
                   gtk_widget_get_height (GTK_WIDGET (fixture->plot)));
  g_assert_cmpmem (&fixture->recording->style, sizeof style, &style, sizeof style);

  render (fixture, &picture);
  assert_sparkline (&picture, &light.series[0], FALSE);
}

static void
test_render_dark (PlotFixture   *fixture,
                  gconstpointer  data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_auto(Picture) picture = { 0 };
  FwPlotStyle light, dark, style;
  guint n_draws;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  fw_plot_style_init_light (&light);
  fw_plot_style_init_dark (&dark);
  /* Otherwise the test could not tell the two apart. */
  g_assert_false (colors_close (&light.series[0], &dark.series[0]));

  n_draws = fixture->recording->n_draws;
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (manager));
  fw_ui_test_flush ();

  fw_plot_widget_get_style (fixture->plot, &style);
  g_assert_cmpmem (style.series, sizeof style.series, dark.series, sizeof dark.series);
  g_assert_cmpmem (&style.muted, sizeof style.muted, &dark.muted, sizeof dark.muted);
  g_assert_cmpfloat (color_luminance (&style.foreground), >, 0.7);
  g_assert_cmpfloat (style.background.alpha, ==, 0.0);

  /* Redrawn, with the dark style. */
  g_assert_cmpuint (fixture->recording->n_draws, >, n_draws);
  g_assert_cmpmem (&fixture->recording->style, sizeof style, &style, sizeof style);

  render (fixture, &picture);
  assert_sparkline (&picture, &dark.series[0], TRUE);
  g_assert_cmpfloat (coverage (&picture, &light.series[0]), ==, 0.0);

  /* And back. */
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  fw_ui_test_flush ();
  g_assert_cmpmem (fixture->recording->style.series, sizeof style.series,
                   light.series, sizeof light.series);
}

/* Text takes the colour CSS gives the widget, not the palette's, and a change redraws. */
static void
test_foreground_from_css (PlotFixture   *fixture,
                          gconstpointer  data)
{
  static const FwColor red = { 1.0, 0.0, 0.0, 1.0 };
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  GdkDisplay *display;
  FwPlotStyle style;
  guint n_draws;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  display = gtk_widget_get_display (GTK_WIDGET (fixture->plot));
  gtk_css_provider_load_from_data (provider, "fw-plot.test-red { color: #ff0000; }", -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  n_draws = fixture->recording->n_draws;
  gtk_widget_add_css_class (GTK_WIDGET (fixture->plot), "test-red");
  fw_ui_test_flush ();

  fw_plot_widget_get_style (fixture->plot, &style);
  g_assert_true (colors_close (&style.foreground, &red));
  g_assert_cmpfloat (style.foreground.alpha, ==, 1.0);
  g_assert_cmpuint (fixture->recording->n_draws, >, n_draws);
  g_assert_true (colors_close (&fixture->recording->style.foreground, &red));

  gtk_style_context_remove_provider_for_display (display, GTK_STYLE_PROVIDER (provider));
}

static void
test_queue_redraw (PlotFixture   *fixture,
                   gconstpointer  data)
{
  guint n_draws;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  /* Nothing changed, nothing drawn... */
  n_draws = fixture->recording->n_draws;
  fw_ui_test_flush ();
  g_assert_cmpuint (fixture->recording->n_draws, ==, n_draws);

  /* ...until the data behind the plot says it did. */
  fw_plot_widget_queue_redraw (fixture->plot);
  fw_ui_test_flush ();
  g_assert_cmpuint (fixture->recording->n_draws, >, n_draws);
}

static void
test_replace_draw_func (PlotFixture   *fixture,
                        gconstpointer  data)
{
  g_auto(Picture) picture = { 0 };
  FwPlotStyle style;
  Recording *second;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  /* The first data goes as the second arrives, and the second is what draws. */
  second = give_recording (fixture);
  g_assert_cmpuint (fixture->n_freed, ==, 1);
  fw_ui_test_flush ();
  g_assert_cmpuint (second->n_draws, >, 0);

  /* No draw func: the data goes too, and the plot is empty. */
  fw_plot_widget_set_draw_func (fixture->plot, NULL, NULL, NULL);
  g_assert_cmpuint (fixture->n_freed, ==, 2);
  fw_ui_test_flush ();
  fw_plot_widget_get_style (fixture->plot, &style);
  render (fixture, &picture);
  g_assert_cmpfloat (coverage (&picture, &style.series[0]), ==, 0.0);

  /* Data without a destroy notify is left alone. */
  fw_plot_widget_set_draw_func (fixture->plot, draw_recorded_sparkline,
                                &(Recording) { .n_freed = &fixture->n_freed }, NULL);
  fw_plot_widget_set_draw_func (fixture->plot, NULL, NULL, NULL);
  g_assert_cmpuint (fixture->n_freed, ==, 2);

  /* The last is freed with the widget: the teardown checks. */
  give_recording (fixture);
}

static void
count_notify (guint *n_notifies)
{
  (*n_notifies)++;
}

static void
test_accessible (PlotFixture   *fixture,
                 gconstpointer  data)
{
  GtkAccessible *accessible;
  guint n_notifies = 0;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  accessible = GTK_ACCESSIBLE (fixture->plot);
  gtk_test_accessible_assert_role (accessible, GTK_ACCESSIBLE_ROLE_IMG);
  g_assert_false (gtk_test_accessible_has_property (accessible,
                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));

  g_signal_connect_swapped (fixture->plot, "notify", G_CALLBACK (count_notify), &n_notifies);

  fw_plot_widget_set_label (fixture->plot, "Training loss");
  fw_plot_widget_set_description (fixture->plot, "Loss falls from 0.69 to 0.21");
  g_assert_cmpuint (n_notifies, ==, 2);
  g_assert_cmpstr (fw_plot_widget_get_label (fixture->plot), ==, "Training loss");
  g_assert_cmpstr (fw_plot_widget_get_description (fixture->plot), ==,
                   "Loss falls from 0.69 to 0.21");
  gtk_test_accessible_assert_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Training loss");
  gtk_test_accessible_assert_property (accessible, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Loss falls from 0.69 to 0.21");

  /* The same text again is no change. */
  g_object_set (fixture->plot, "description", "Loss falls from 0.69 to 0.21", NULL);
  g_assert_cmpuint (n_notifies, ==, 2);

  fw_plot_widget_set_description (fixture->plot, NULL);
  g_assert_cmpuint (n_notifies, ==, 3);
  g_assert_null (fw_plot_widget_get_description (fixture->plot));
  g_assert_false (gtk_test_accessible_has_property (accessible,
                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  g_signal_handlers_disconnect_by_func (fixture->plot, count_notify, &n_notifies);
}

static void
test_size (PlotFixture   *fixture,
           gconstpointer  data)
{
  GtkWidget *plot;
  int minimum;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  plot = GTK_WIDGET (fixture->plot);
  gtk_widget_measure (plot, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, ==, 160);
  gtk_widget_measure (plot, GTK_ORIENTATION_VERTICAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, ==, 100);

  /* A sparkline on a column card is smaller, and may be. */
  gtk_widget_set_size_request (plot, 120, 32);
  gtk_widget_measure (plot, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, ==, 120);
  gtk_widget_measure (plot, GTK_ORIENTATION_VERTICAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, ==, 32);
}

/* A widget gone leaves no handler on the style manager, which lives on. */
static void
test_lets_go_of_style_manager (void)
{
  AdwStyleManager *manager;
  GtkWidget *plot;
  guint freed = 0;
  Recording *recording;

  FW_UI_TEST_REQUIRE_DISPLAY ();

  manager = adw_style_manager_get_default ();
  plot = g_object_ref_sink (fw_plot_widget_new ());
  g_assert_cmpuint (g_signal_handler_find (manager, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                           plot), !=, 0);
  recording = g_new0 (Recording, 1);
  recording->n_freed = &freed;
  fw_plot_widget_set_draw_func (FW_PLOT_WIDGET (plot), draw_recorded_sparkline, recording,
                                recording_free);

  g_assert_finalize_object (plot);
  g_assert_cmpuint (freed, ==, 1);
  g_assert_cmpuint (g_signal_handler_find (manager, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                           plot), ==, 0);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  fw_ui_test_init (&argc, &argv);
  /* GTK's in-process accessibility backend, which the a11y assertions read; like "none"
   * it talks to no bus.  GTK reads this when the first widget is made, not at init. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  /* What AdwApplication would do: the Adwaita stylesheet and the style manager. */
  if (fw_ui_test_have_display ())
    adw_init ();

#define ADD(path, func) \
  g_test_add (path, PlotFixture, NULL, plot_fixture_setup, func, plot_fixture_teardown)
  ADD ("/ui/plot-widget/render-light", test_render_light);
  ADD ("/ui/plot-widget/render-dark", test_render_dark);
  ADD ("/ui/plot-widget/foreground-from-css", test_foreground_from_css);
  ADD ("/ui/plot-widget/queue-redraw", test_queue_redraw);
  ADD ("/ui/plot-widget/replace-draw-func", test_replace_draw_func);
  ADD ("/ui/plot-widget/accessible", test_accessible);
  ADD ("/ui/plot-widget/size", test_size);
#undef ADD
  g_test_add_func ("/ui/plot-widget/lets-go-of-style-manager", test_lets_go_of_style_manager);

  return g_test_run ();
}
