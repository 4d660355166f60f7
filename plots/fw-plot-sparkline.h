/* fw-plot-sparkline.h — a histogram small enough for a column card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include "fw-plot-style.h"

G_BEGIN_DECLS

/* Draws @n_bins bars in series colour 0 filling [0, width] × [0, height], tallest bin at
 * full height; a non-empty bin is at least one device pixel tall so it never disappears.
 * Draws nothing but a baseline when every count is zero. */
void fw_plot_sparkline_draw (cairo_t           *cr,
                             double             width,
                             double             height,
                             const FwPlotStyle *style,
                             const guint       *counts,
                             guint              n_bins);

G_END_DECLS
