/* test-export.c — PNG, SVG and PDF files that reopen, and failures that leave nothing
 *
 * The vector files are read back by other programs (poppler's pdftoppm, librsvg's
 * rsvg-convert); where one is missing the test says so and skips.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include "fw-plot-line.h"
#include "fw-plot-test.h"

#define WIDTH  300
#define HEIGHT 200

typedef struct
{
  char         *dir;
  FwPlotStyle   style;
  FwLineSeries *series;
  FwLineChart   chart;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  GError *error = NULL;

  fx->dir = g_dir_make_tmp ("fairway-export-XXXXXX", &error);
  g_assert_no_error (error);
  fw_plot_style_init_light (&fx->style);
  fx->series = fw_line_series_new ("Accuracy", 0, FALSE);
  for (int e = 1; e <= 30; e++)
    fw_line_series_append (fx->series, e, 0.9 - 0.4 * exp (-e / 6.0));
  fx->chart = (FwLineChart) { 0, };
  fx->chart.title = "Validation accuracy";
  fx->chart.x_label = "Epoch";
  fx->chart.series = &fx->series;
  fx->chart.n_series = 1;
  fx->chart.y_format = FW_TICK_FORMAT_PERCENT;
  fx->chart.legend_bottom = TRUE;
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fx->dir);
  g_free (fx->dir);
  fw_line_series_free (fx->series);
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static gboolean
export (Fixture     *fx,
        const char  *name,
        double       scale,
        GError     **error)
{
  g_autofree char *path = g_build_filename (fx->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  FwPlotFormat format;

  g_assert_true (fw_plot_format_from_name (name, &format));
  return fw_plot_export (file, format, WIDTH, HEIGHT, scale, &fx->style, fw_plot_line_draw,
                         &fx->chart, error);
}

/* Pixels of a PNG not within a small tolerance of @style's background. */
static guint
png_ink (const char        *path,
         const FwPlotStyle *style,
         int                width,
         int                height)
{
  cairo_surface_t *png = cairo_image_surface_create_from_png (path);
  guint ink;

  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, height);
  ink = fw_plot_test_count_ink (png, 0, 0, width, height, style, 30);
  cairo_surface_destroy (png);
  return ink;
}

static void
test_png (Fixture       *fx,
          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->dir, "chart@2x.png", NULL);
  GError *error = NULL;
  cairo_surface_t *png;

  g_assert_true (export (fx, "chart@2x.png", 2.0, &error));
  g_assert_no_error (error);
  /* 300 × 200 at scale 2, and a real picture: text, grid and a line. */
  g_assert_cmpuint (png_ink (path, &fx->style, 2 * WIDTH, 2 * HEIGHT), >, 2000);
  png = cairo_image_surface_create_from_png (path);
  /* A corner is the style's background, painted (not transparent). */
  g_assert_cmpuint (fw_plot_test_distance (png, 1, 1, &fx->style.background), ==, 0);
  cairo_surface_destroy (png);
  /* Only the file itself: no temporary left beside it. */
  g_assert_cmpuint (count_files (fx->dir), ==, 1);
}

/* Runs @argv and returns whether it ran; skips (visibly) when the program is missing. */
static gboolean
run_tool (const char *const *argv)
{
  g_autofree char *program = g_find_program_in_path (argv[0]);
  g_autofree char *err = NULL;
  GError *error = NULL;
  int status;

  if (program == NULL)
    {
      g_autofree char *why = g_strdup_printf ("%s is not installed", argv[0]);

      g_test_skip (why);
      return FALSE;
    }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, err);
  return TRUE;
}

static void
test_pdf (Fixture       *fx,
          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->dir, "chart.pdf", NULL);
  g_autofree char *prefix = g_build_filename (fx->dir, "page", NULL);
  g_autofree char *png = g_build_filename (fx->dir, "page.png", NULL);
  g_autofree char *contents = NULL;
  const char *argv[] = { "pdftoppm", "-png", "-r", "72", "-singlefile", path, prefix, NULL };
  GError *error = NULL;
  gsize length;

  g_assert_true (export (fx, "chart.pdf", 1.0, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  if (!run_tool (argv))
    return;
  /* At 72 dpi a point is a pixel: the page is the plot's size, and not blank. */
  g_assert_cmpuint (png_ink (png, &fx->style, WIDTH, HEIGHT), >, 1000);
}

static void
test_svg (Fixture       *fx,
          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->dir, "chart.svg", NULL);
  g_autofree char *png = g_build_filename (fx->dir, "chart-svg.png", NULL);
  g_autofree char *contents = NULL;
  const char *argv[] = { "rsvg-convert", "--dpi-x", "72", "--dpi-y", "72", "-o", png, path, NULL };
  GError *error = NULL;
  gsize length;

  g_assert_true (export (fx, "chart.svg", 1.0, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "<?xml") || g_str_has_prefix (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "</svg>"));
  if (!run_tool (argv))
    return;
  /* Sized in points: 72 dpi gives back the plot's size. */
  g_assert_cmpuint (png_ink (png, &fx->style, WIDTH, HEIGHT), >, 1000);
}

static void
test_format_names (void)
{
  static const struct { const char *name; gboolean ok; FwPlotFormat format; } cases[] = {
    { "chart.png", TRUE, FW_PLOT_FORMAT_PNG },
    { "/tmp/Report.PDF", TRUE, FW_PLOT_FORMAT_PDF },
    { "curves.Svg", TRUE, FW_PLOT_FORMAT_SVG },
    { "chart.bmp", FALSE, 0 },
    { "chart", FALSE, 0 },
    { "folder.png/chart", FALSE, 0 },
    { "chart.png.txt", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      FwPlotFormat format = 99;

      g_assert_cmpint (fw_plot_format_from_name (cases[i].name, &format), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_cmpint (format, ==, cases[i].format);
    }
}

static void
test_bad_format (Fixture       *fx,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->dir, "chart.bmp", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GError *error = NULL;

  g_assert_false (fw_plot_save (file, WIDTH, HEIGHT, 1.0, &fx->style, fw_plot_line_draw,
                                &fx->chart, &error));
  g_assert_error (error, FW_PLOT_ERROR, FW_PLOT_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_false (fw_plot_export (file, (FwPlotFormat) 7, WIDTH, HEIGHT, 1.0, &fx->style,
                                  fw_plot_line_draw, &fx->chart, &error));
  g_assert_error (error, FW_PLOT_ERROR, FW_PLOT_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (fx->dir), ==, 0);
}

static void
test_bad_size (Fixture       *fx,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->dir, "chart.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const double sizes[][3] = { { 0, 100, 1 }, { 100, NAN, 1 }, { 100, 100, 0 }, { 40000, 10, 1 },
                              { 20000, 10, 2 } };
  GError *error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_assert_false (fw_plot_export (file, FW_PLOT_FORMAT_PNG, sizes[i][0], sizes[i][1],
                                      sizes[i][2], &fx->style, fw_plot_line_draw, &fx->chart,
                                      &error));
      g_assert_error (error, FW_PLOT_ERROR, FW_PLOT_ERROR_SIZE);
      g_clear_error (&error);
    }
  g_assert_cmpuint (count_files (fx->dir), ==, 0);
}

static void
test_missing_folder (Fixture       *fx,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->dir, "no", "such", "chart.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GError *error = NULL;

  g_assert_false (fw_plot_export (file, FW_PLOT_FORMAT_PDF, WIDTH, HEIGHT, 1.0, &fx->style,
                                  fw_plot_line_draw, &fx->chart, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (fx->dir), ==, 0);
}

static void
draw_broken (cairo_t           *cr,
             double             width,
             double             height,
             const FwPlotStyle *style,
             gconstpointer      data)
{
  cairo_move_to (cr, 0, 0);
  cairo_line_to (cr, width, height);
  cairo_stroke (cr);
  /* One restore too many puts the context in an error state. */
  cairo_restore (cr);
  cairo_restore (cr);
}

static void
test_failed_draw_keeps_old_file (Fixture       *fx,
                                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->dir, "chart.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  GError *error = NULL;

  g_assert_true (g_file_set_contents (path, "old", -1, &error));
  g_assert_no_error (error);
  for (FwPlotFormat format = FW_PLOT_FORMAT_PNG; format <= FW_PLOT_FORMAT_PDF; format++)
    {
      g_assert_false (fw_plot_export (file, format, WIDTH, HEIGHT, 1.0, &fx->style, draw_broken,
                                      NULL, &error));
      g_assert_error (error, FW_PLOT_ERROR, FW_PLOT_ERROR_CAIRO);
      g_test_message ("%s", error->message);
      g_clear_error (&error);
    }
  /* The old file, untouched, and no temporary beside it. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, "old");
  g_assert_cmpuint (count_files (fx->dir), ==, 1);
}

static void
test_hairline (void)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_surface_t *pdf = cairo_pdf_surface_create (NULL, 100, 100);
  cairo_surface_t *svg = cairo_svg_surface_create (NULL, 100, 100);
  cairo_t *cr;

  /* One device pixel on an image, whatever the scale … */
  cr = cairo_create (image);
  g_assert_cmpfloat (fw_plot_hairline (cr), ==, 1.0);
  cairo_scale (cr, 2, 2);
  g_assert_cmpfloat (fw_plot_hairline (cr), ==, 0.5);
  cairo_destroy (cr);
  /* … half a point on paper. */
  cr = cairo_create (pdf);
  g_assert_cmpfloat (fw_plot_hairline (cr), ==, 0.5);
  cairo_scale (cr, 0.5, 0.5);
  g_assert_cmpfloat (fw_plot_hairline (cr), ==, 1.0);
  cairo_destroy (cr);
  cr = cairo_create (svg);
  g_assert_cmpfloat (fw_plot_hairline (cr), ==, 0.5);
  cairo_destroy (cr);
  cairo_surface_destroy (image);
  cairo_surface_destroy (pdf);
  cairo_surface_destroy (svg);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/plots/export/png", Fixture, NULL, fixture_set_up, test_png, fixture_tear_down);
  g_test_add ("/plots/export/pdf", Fixture, NULL, fixture_set_up, test_pdf, fixture_tear_down);
  g_test_add ("/plots/export/svg", Fixture, NULL, fixture_set_up, test_svg, fixture_tear_down);
  g_test_add_func ("/plots/export/format-names", test_format_names);
  g_test_add ("/plots/export/bad-format", Fixture, NULL, fixture_set_up, test_bad_format,
              fixture_tear_down);
  g_test_add ("/plots/export/bad-size", Fixture, NULL, fixture_set_up, test_bad_size,
              fixture_tear_down);
  g_test_add ("/plots/export/missing-folder", Fixture, NULL, fixture_set_up, test_missing_folder,
              fixture_tear_down);
  g_test_add ("/plots/export/failed-draw-keeps-old-file", Fixture, NULL, fixture_set_up,
              test_failed_draw_keeps_old_file, fixture_tear_down);
  g_test_add_func ("/plots/export/hairline", test_hairline);

  return g_test_run ();
}
