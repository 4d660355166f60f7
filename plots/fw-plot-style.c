/* fw-plot-style.c — the light and dark plot styles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-plot-style.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1.0 }

/* Okabe & Ito (2008), "Color Universal Design": orange, sky blue, bluish green, yellow,
 * blue, vermillion, reddish purple, grey — in an order where neighbours differ most. */
static const FwColor okabe_ito[FW_PLOT_N_SERIES_COLORS] = {
  RGB (0x0072B2), RGB (0xE69F00), RGB (0x009E73), RGB (0xCC79A7),
  RGB (0x56B4E9), RGB (0xD55E00), RGB (0xF0E442), RGB (0x999999),
};

static void
init_common (FwPlotStyle *style)
{
  for (guint i = 0; i < FW_PLOT_N_SERIES_COLORS; i++)
    style->series[i] = okabe_ito[i];
  style->font_size = 9.0;
  style->line_width = 1.5;
  /* GNOME's interface font first, then what most systems have. */
  style->font_family = "Cantarell, Inter, sans-serif";
}

void
fw_plot_style_init_light (FwPlotStyle *style)
{
  /* The libadwaita 1.2 light window colours. */
  static const FwColor background = RGB (0xFAFAFA), foreground = RGB (0x241F31);
  static const FwColor grid = { 0.0, 0.0, 0.0, 0.10 }, muted = { 0.0, 0.0, 0.0, 0.45 };
  static const FwColor panel = { 1.0, 1.0, 1.0, 0.88 }, band = { 0.0, 0.0, 0.0, 0.06 };

  g_return_if_fail (style != NULL);
  init_common (style);
  style->background = background;
  style->foreground = foreground;
  style->grid = grid;
  style->muted = muted;
  style->panel = panel;
  style->band = band;
}

void
fw_plot_style_init_dark (FwPlotStyle *style)
{
  static const FwColor background = RGB (0x242424), foreground = RGB (0xFFFFFF);
  static const FwColor grid = { 1.0, 1.0, 1.0, 0.12 }, muted = { 1.0, 1.0, 1.0, 0.50 };
  static const FwColor panel = { 0.19, 0.19, 0.19, 0.88 }, band = { 1.0, 1.0, 1.0, 0.07 };

  g_return_if_fail (style != NULL);
  init_common (style);
  style->background = background;
  style->foreground = foreground;
  style->grid = grid;
  style->muted = muted;
  style->panel = panel;
  style->band = band;
  /* The default blue is too dark on a dark background: lead with sky blue instead. */
  style->series[0] = okabe_ito[4];
  style->series[4] = okabe_ito[0];
}

void
fw_color_set_source (cairo_t       *cr,
                     const FwColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}
