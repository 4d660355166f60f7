/* fw-plot.h — what every plot kind shares: the draw call and its export
 *
 * Every plot kind is one function of this shape; the GTK widget (ui/fw-plot-widget.c), the
 * PNG, SVG and PDF exports and the report pages all call the same one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <cairo.h>
#include "fw-plot-style.h"

G_BEGIN_DECLS

#define FW_PLOT_ERROR (fw_plot_error_quark ())

typedef enum {
  FW_PLOT_ERROR_FORMAT,         /* not .png, .svg or .pdf */
  FW_PLOT_ERROR_SIZE,           /* width or height out of range */
  FW_PLOT_ERROR_CAIRO,          /* cairo refused (the message says why) */
} FwPlotError;

typedef enum {
  FW_PLOT_FORMAT_PNG,
  FW_PLOT_FORMAT_SVG,
  FW_PLOT_FORMAT_PDF,
} FwPlotFormat;

/* Draws into [0, width] × [0, height] of @cr, in user units (points for PDF/SVG, pixels
 * for PNG and the screen).  Must not draw outside that rectangle. */
typedef void (*FwPlotDrawFunc) (cairo_t           *cr,
                                double             width,
                                double             height,
                                const FwPlotStyle *style,
                                gconstpointer      data);

GQuark       fw_plot_error_quark       (void);
/* From the file name's extension; FALSE when it is none of .png .svg .pdf. */
gboolean     fw_plot_format_from_name  (const char   *name,
                                        FwPlotFormat *format);

/* Writes one plot of @width × @height (pixels for PNG, at @scale device pixels per unit;
 * points for SVG and PDF) to @file, atomically (engine/common/fw-atomic-file.h). */
gboolean     fw_plot_export            (GFile             *file,
                                        FwPlotFormat       format,
                                        double             width,
                                        double             height,
                                        double             scale,
                                        const FwPlotStyle *style,
                                        FwPlotDrawFunc     draw,
                                        gconstpointer      data,
                                        GError           **error);

/* A hairline for the surface @cr draws to: one device pixel on raster surfaces, 0.5 pt on
 * vector ones. */
double       fw_plot_hairline          (cairo_t *cr);

/* Added with the plot core. */

/* fw_plot_export() in the format the file's name says; FW_PLOT_ERROR_FORMAT when it
 * names none of them.  @scale applies to PNG only. */
gboolean     fw_plot_save              (GFile             *file,
                                        double             width,
                                        double             height,
                                        double             scale,
                                        const FwPlotStyle *style,
                                        FwPlotDrawFunc     draw,
                                        gconstpointer      data,
                                        GError           **error);

/* The dash pattern every dashed line in the plots uses (legend samples included), scaled
 * to style->line_width.  Undo with cairo_set_dash (cr, NULL, 0, 0). */
void         fw_plot_set_dashed        (cairo_t           *cr,
                                        const FwPlotStyle *style);
/* Moves a user-space point onto the device pixel grid on raster surfaces, so a hairline
 * there is one crisp pixel: to pixel centres with @centre (for lines), to pixel edges
 * without (for fills).  Leaves the point alone on vector surfaces.  Either may be NULL. */
void         fw_plot_snap              (cairo_t           *cr,
                                        double            *x,
                                        double            *y,
                                        gboolean           centre);
/* fw_plot_snap() for one coordinate: @x onto a pixel column's edge or centre, @y onto a
 * pixel row's. */
double       fw_plot_snap_x            (cairo_t           *cr,
                                        double             x,
                                        gboolean           centre);
double       fw_plot_snap_y            (cairo_t           *cr,
                                        double             y,
                                        gboolean           centre);

/* A context on a 1 × 1 image surface, at scale 1, for measuring text and laying a plot out
 * without drawing it.  cairo_destroy() frees the surface with it. */
cairo_t     *fw_plot_scratch_new       (void);

G_END_DECLS
