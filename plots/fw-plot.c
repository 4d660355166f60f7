/* fw-plot.c — one draw call, three file formats
 *
 * Export wraps the plot's own draw function around an image, SVG or PDF surface (the
 * GOffice renderer's approach) and streams the bytes through an FwAtomicFile, so a file
 * appears complete or not at all: a failed draw, a full disk or a missing folder leave
 * nothing behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include "fw-atomic-file.h"
#include "fw-plot.h"

/* Cairo's image surfaces stop at 32767 pixels a side; vector pages get the same bound. */
#define MAX_SIDE 32767.0

G_DEFINE_QUARK (fw-plot-error-quark, fw_plot_error)

gboolean
fw_plot_format_from_name (const char   *name,
                          FwPlotFormat *format)
{
  static const struct { const char *ext; FwPlotFormat format; } known[] = {
    { ".png", FW_PLOT_FORMAT_PNG },
    { ".svg", FW_PLOT_FORMAT_SVG },
    { ".pdf", FW_PLOT_FORMAT_PDF },
  };
  const char *dot;

  g_return_val_if_fail (name != NULL, FALSE);

  dot = strrchr (name, '.');
  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_ascii_strcasecmp (dot, known[i].ext) == 0)
      {
        if (format != NULL)
          *format = known[i].format;
        return TRUE;
      }
  return FALSE;
}

/* Recording surfaces (GTK's cairo nodes) are replayed onto pixels, so they count as raster;
 * only the page-description formats get physical widths. */
static gboolean
is_vector (cairo_t *cr)
{
  cairo_surface_type_t type = cairo_surface_get_type (cairo_get_target (cr));

  return type == CAIRO_SURFACE_TYPE_PDF || type == CAIRO_SURFACE_TYPE_SVG ||
         type == CAIRO_SURFACE_TYPE_PS || type == CAIRO_SURFACE_TYPE_SCRIPT;
}

double
fw_plot_hairline (cairo_t *cr)
{
  double dx, dy = 0.0;

  g_return_val_if_fail (cr != NULL, 1.0);

  dx = is_vector (cr) ? 0.5 : 1.0;
  cairo_device_to_user_distance (cr, &dx, &dy);
  return hypot (dx, dy);
}

void
fw_plot_snap (cairo_t  *cr,
              double   *x,
              double   *y,
              gboolean  centre)
{
  double dx = x != NULL ? *x : 0.0, dy = y != NULL ? *y : 0.0;
  double offset = centre ? 0.5 : 0.0;

  g_return_if_fail (cr != NULL);

  if (is_vector (cr))
    return;
  cairo_user_to_device (cr, &dx, &dy);
  dx = floor (dx - offset + 0.5) + offset;
  dy = floor (dy - offset + 0.5) + offset;
  cairo_device_to_user (cr, &dx, &dy);
  if (x != NULL)
    *x = dx;
  if (y != NULL)
    *y = dy;
}

double
fw_plot_snap_x (cairo_t  *cr,
                double    x,
                gboolean  centre)
{
  fw_plot_snap (cr, &x, NULL, centre);
  return x;
}

double
fw_plot_snap_y (cairo_t  *cr,
                double    y,
                gboolean  centre)
{
  fw_plot_snap (cr, NULL, &y, centre);
  return y;
}

cairo_t *
fw_plot_scratch_new (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  /* The context holds its own reference to the surface. */
  cairo_surface_destroy (surface);
  return cr;
}

void
fw_plot_set_dashed (cairo_t           *cr,
                    const FwPlotStyle *style)
{
  double dashes[2];

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);

  /* Long enough to read as a line at a glance, short enough to tell from a solid one. */
  dashes[0] = 3.0 * style->line_width;
  dashes[1] = 2.5 * style->line_width;
  cairo_set_dash (cr, dashes, 2, 0.0);
}

typedef struct
{
  FwAtomicFile *file;
  GError       *error;    /* the first write error, kept for the caller */
} Sink;

static cairo_status_t
sink_write (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  Sink *sink = closure;

  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!fw_atomic_file_write (sink->file, data, length, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_cairo (Sink            *sink,
             cairo_status_t   status,
             GError         **error)
{
  /* A write error says more (which file, why) than cairo's "error while writing". */
  if (sink->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&sink->error));
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, FW_PLOT_ERROR, FW_PLOT_ERROR_CAIRO,
                   _("Could not draw the plot: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static void
draw_page (cairo_t           *cr,
           double             width,
           double             height,
           const FwPlotStyle *style,
           FwPlotDrawFunc     draw,
           gconstpointer      data)
{
  /* Plots that draw no background of their own (a sparkline) still get the style's. */
  fw_color_set_source (cr, &style->background);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_save (cr);
  draw (cr, width, height, style, data);
  cairo_restore (cr);
}

static gboolean
render_png (Sink              *sink,
            double             width,
            double             height,
            double             scale,
            const FwPlotStyle *style,
            FwPlotDrawFunc     draw,
            gconstpointer      data,
            GError           **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                        (int) ceil (height * scale));
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  draw_page (cr, width, height, style, draw, data);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, sink_write, sink);
  cairo_surface_destroy (surface);
  return check_cairo (sink, status, error);
}

static gboolean
render_vector (Sink              *sink,
               FwPlotFormat       format,
               double             width,
               double             height,
               const FwPlotStyle *style,
               FwPlotDrawFunc     draw,
               gconstpointer      data,
               GError           **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (format == FW_PLOT_FORMAT_SVG)
    {
      surface = cairo_svg_surface_create_for_stream (sink_write, sink, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
    }
  else
    {
      surface = cairo_pdf_surface_create_for_stream (sink_write, sink, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Fairway");
    }
  cr = cairo_create (surface);
  draw_page (cr, width, height, style, draw, data);
  status = cairo_status (cr);
  cairo_destroy (cr);
  /* Finishing writes the document out; its status covers the stream. */
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return check_cairo (sink, status, error);
}

gboolean
fw_plot_export (GFile             *file,
                FwPlotFormat       format,
                double             width,
                double             height,
                double             scale,
                const FwPlotStyle *style,
                FwPlotDrawFunc     draw,
                gconstpointer      data,
                GError           **error)
{
  g_autoptr(FwAtomicFile) atomic = NULL;
  Sink sink = { NULL, NULL };
  double pixels = format == FW_PLOT_FORMAT_PNG ? scale : 1.0;
  gboolean ok;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (draw != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (format != FW_PLOT_FORMAT_PNG && format != FW_PLOT_FORMAT_SVG &&
      format != FW_PLOT_FORMAT_PDF)
    {
      g_set_error (error, FW_PLOT_ERROR, FW_PLOT_ERROR_FORMAT,
                   _("Plots can be saved as PNG, SVG or PDF only"));
      return FALSE;
    }
  /* The negated form also refuses NaN. */
  if (!(width >= 1.0 && height >= 1.0 && scale > 0.0 && width * pixels <= MAX_SIDE &&
        height * pixels <= MAX_SIDE && ceil (width * pixels) >= 1.0 &&
        ceil (height * pixels) >= 1.0))
    {
      g_set_error (error, FW_PLOT_ERROR, FW_PLOT_ERROR_SIZE,
                   _("A plot of %g × %g at scale %g is too small or too large to save"),
                   width, height, scale);
      return FALSE;
    }

  atomic = fw_atomic_file_new (file, NULL, error);
  if (atomic == NULL)
    return FALSE;
  sink.file = atomic;

  if (format == FW_PLOT_FORMAT_PNG)
    ok = render_png (&sink, width, height, scale, style, draw, data, error);
  else
    ok = render_vector (&sink, format, width, height, style, draw, data, error);
  g_clear_error (&sink.error);

  /* On failure the autoptr removes the temporary file; nothing appears at @file. */
  return ok && fw_atomic_file_commit (atomic, error);
}

gboolean
fw_plot_save (GFile             *file,
              double             width,
              double             height,
              double             scale,
              const FwPlotStyle *style,
              FwPlotDrawFunc     draw,
              gconstpointer      data,
              GError           **error)
{
  g_autofree char *name = NULL;
  FwPlotFormat format;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_file_get_basename (file);
  if (name == NULL || !fw_plot_format_from_name (name, &format))
    {
      g_set_error (error, FW_PLOT_ERROR, FW_PLOT_ERROR_FORMAT,
                   _("Plots can be saved as PNG, SVG or PDF only"));
      return FALSE;
    }
  return fw_plot_export (file, format, width, height, scale, style, draw, data, error);
}
