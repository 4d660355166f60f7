/* fw-plot-text.c — one line of text, measured and drawn the same on every surface
 *
 * Layouts are made per call from the cairo_t at hand; nothing is cached between calls (a
 * cache keyed on a cairo_t would outlive it, and the font map does the caching that pays).
 * Metrics are unhinted and the resolution fixed at 96 per inch, so a plot lays out
 * identically on screen, in a PNG and in a PDF: style->font_size points are
 * font_size × 96/72 user units everywhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <pango/pangocairo.h>
#include "fw-plot-axis.h"

#define FALLBACK_FAMILY "sans-serif"

static PangoLayout *
create_layout (cairo_t           *cr,
               const FwPlotStyle *style,
               const char        *text,
               double             scale,
               gboolean           bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoContext *context = pango_layout_get_context (layout);
  cairo_font_options_t *options = cairo_font_options_create ();
  PangoFontDescription *font = pango_font_description_new ();
  PangoAttrList *attrs = pango_attr_list_new ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 96.0);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);

  pango_font_description_set_family (font, style->font_family != NULL ? style->font_family
                                                                       : FALLBACK_FAMILY);
  pango_font_description_set_size (font, (int) (style->font_size * scale * PANGO_SCALE + 0.5));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  /* Tabular figures keep a column of tick labels aligned where the font has them. */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
logical_size (PangoLayout *layout,
              double      *width,
              double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

void
fw_plot_text_size (cairo_t           *cr,
                   const FwPlotStyle *style,
                   const char        *text,
                   double             scale,
                   gboolean           bold,
                   double            *width,
                   double            *height)
{
  PangoLayout *layout;
  double w, h;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (text != NULL);

  layout = create_layout (cr, style, text, scale, bold);
  logical_size (layout, &w, &h);
  g_object_unref (layout);
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

double
fw_plot_text (cairo_t           *cr,
              const FwPlotStyle *style,
              const char        *text,
              double             x,
              double             y,
              FwTextAnchor       anchor,
              double             scale,
              gboolean           bold,
              const FwColor     *color)
{
  PangoLayout *layout;
  double w, h;

  g_return_val_if_fail (cr != NULL, 0.0);
  g_return_val_if_fail (style != NULL, 0.0);
  g_return_val_if_fail (text != NULL, 0.0);

  if (*text == '\0')
    return 0.0;

  layout = create_layout (cr, style, text, scale, bold);
  logical_size (layout, &w, &h);
  if (anchor == FW_TEXT_ANCHOR_MIDDLE)
    x -= w / 2;
  else if (anchor == FW_TEXT_ANCHOR_END)
    x -= w;

  cairo_save (cr);
  fw_color_set_source (cr, color != NULL ? color : &style->foreground);
  cairo_move_to (cr, x, y - h / 2);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  g_object_unref (layout);
  return w;
}

char *
fw_plot_text_fit (cairo_t           *cr,
                  const FwPlotStyle *style,
                  const char        *text,
                  double             scale,
                  double             max_width)
{
  glong lo = 0, hi;
  g_autofree char *best = NULL;
  double w;

  g_return_val_if_fail (cr != NULL, NULL);
  g_return_val_if_fail (style != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  fw_plot_text_size (cr, style, text, scale, FALSE, &w, NULL);
  if (w <= max_width)
    return g_strdup (text);
  best = g_strdup ("…");
  /* Bisect on the number of characters kept: the longest prefix that fits with its "…". */
  hi = g_utf8_strlen (text, -1);
  while (lo < hi)
    {
      glong mid = (lo + hi + 1) / 2;
      g_autofree char *head = g_utf8_substring (text, 0, mid);
      g_autofree char *candidate = g_strconcat (g_strchomp (head), "…", NULL);

      fw_plot_text_size (cr, style, candidate, scale, FALSE, &w, NULL);
      if (w <= max_width)
        {
          lo = mid;
          g_free (best);
          best = g_steal_pointer (&candidate);
        }
      else
        hi = mid - 1;
    }
  return g_steal_pointer (&best);
}
