/* fw-plot-test.h — rendering plots to pixels and asking questions about them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-plot.h"

G_BEGIN_DECLS

/* Renders @draw into a @width × @height ARGB32 image at scale 1 inside a @margin-pixel
 * border painted with @style's background, so anything drawn outside the frame shows.
 * When FAIRWAY_PLOT_SHOTS names a folder, the image is also saved there as @name.png. */
cairo_surface_t *fw_plot_test_render        (const char        *name,
                                             int                width,
                                             int                height,
                                             int                margin,
                                             const FwPlotStyle *style,
                                             FwPlotDrawFunc     draw,
                                             gconstpointer      data);
/* 0xAARRGGBB, unpremultiplied for opaque pixels. */
guint32          fw_plot_test_pixel         (cairo_surface_t *surface,
                                             int              x,
                                             int              y);
guint32          fw_plot_test_rgb           (const FwColor *color);
/* Largest per-channel difference between the pixel and @color (0–255). */
guint            fw_plot_test_distance      (cairo_surface_t *surface,
                                             int              x,
                                             int              y,
                                             const FwColor   *color);
/* Pixels in [x0, x1) × [y0, y1) within @tolerance of @color. */
guint            fw_plot_test_count_color   (cairo_surface_t *surface,
                                             int x0, int y0, int x1, int y1,
                                             const FwColor   *color,
                                             guint            tolerance);
/* Pixels in the rectangle that differ from the background by more than @tolerance. */
guint            fw_plot_test_count_ink     (cairo_surface_t   *surface,
                                             int x0, int y0, int x1, int y1,
                                             const FwPlotStyle *style,
                                             guint              tolerance);
/* Asserts the @margin border around the frame is untouched background. */
void             fw_plot_test_assert_margin (cairo_surface_t   *surface,
                                             int                margin,
                                             const FwPlotStyle *style);

G_END_DECLS
