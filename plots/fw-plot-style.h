/* fw-plot-style.h — colours, fonts and widths every plot draws with
 *
 * The UI resolves a style from libadwaita's light/dark state and hands it down; drawing
 * code never asks GTK for a colour.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double red, green, blue, alpha;
} FwColor;

#define FW_PLOT_N_SERIES_COLORS 8

typedef struct
{
  FwColor background;
  FwColor foreground;           /* text, axes */
  FwColor grid;
  FwColor muted;                /* secondary text, missing-value marks */
  FwColor series[FW_PLOT_N_SERIES_COLORS];
  double  font_size;            /* points; 1 pt = 96/72 user units on every surface */
  double  line_width;           /* user units, like everything but hairlines: px on screen and
                                 * in PNGs (so a @2x PNG has the same look), pt in PDF/SVG */
  /* Added with the plot core: */
  FwColor panel;                /* legend and label boxes over the data; stays opaque
                                 * enough to read when @background is transparent */
  FwColor band;                 /* translucent fill for reference bands (four-fifths rule) */
  const char *font_family;      /* a Pango family list; static storage */
} FwPlotStyle;

/* Okabe–Ito series colours, safe for the common colour-vision deficiencies. */
void fw_plot_style_init_light (FwPlotStyle *style);
void fw_plot_style_init_dark  (FwPlotStyle *style);

void fw_color_set_source      (cairo_t       *cr,
                               const FwColor *color);

G_END_DECLS
