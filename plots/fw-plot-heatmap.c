/* fw-plot-heatmap.c — confusion matrix as a heatmap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>
#include "fw-plot-heatmap.h"

#define EMPTY_TINT 0.05         /* of the foreground in an empty cell, so the grid still reads */

static double
count_at (const FwPlotHeatmap *heatmap,
          guint                i,
          guint                j)
{
  double c = heatmap->counts[i * heatmap->n + j];

  return isfinite (c) && c > 0 ? c : 0.0;
}

/* @top with opacity @t over @below (Porter–Duff "over", unpremultiplied in and out): on an
 * opaque @below the plain mix, on the widget's transparent background a translucent fill
 * that the window's own colour shows through, never a mix with transparent black. */
static void
over (const FwColor *top,
      double         t,
      const FwColor *below,
      FwColor       *out)
{
  double a = t + below->alpha * (1 - t);
  double w = a > 0 ? below->alpha * (1 - t) / a : 0;

  out->red = a > 0 ? top->red * t / a + below->red * w : 0;
  out->green = a > 0 ? top->green * t / a + below->green * w : 0;
  out->blue = a > 0 ? top->blue * t / a + below->blue * w : 0;
  out->alpha = a;
}

void
fw_plot_heatmap_cell_color (const FwPlotStyle *style,
                            double             share,
                            FwColor           *color)
{
  FwColor empty;

  g_return_if_fail (style != NULL);
  g_return_if_fail (color != NULL);

  over (&style->foreground, EMPTY_TINT * style->foreground.alpha, &style->background, &empty);
  over (&style->series[0], isfinite (share) ? CLAMP (share, 0.0, 1.0) : 0.0, &empty, color);
}

/* What a cell's @fill looks like once drawn: over the background where that is opaque;
 * over a transparent one, over the window it shows, guessed from the text colour (dark
 * text sits on a light window). */
static void
seen_fill (const FwPlotStyle *style,
           const FwColor     *fill,
           FwColor           *seen)
{
  static const FwColor light = { 0.98, 0.98, 0.98, 1 }, dark = { 0.14, 0.14, 0.14, 1 };
  const FwColor *window = &style->background;
  FwColor below;

  if (style->background.alpha < 1)
    {
      double text = 0.299 * style->foreground.red + 0.587 * style->foreground.green +
                    0.114 * style->foreground.blue;

      over (&style->background, style->background.alpha, text < 0.5 ? &light : &dark, &below);
      window = &below;
    }
  over (fill, fill->alpha, window, seen);
}

/* WCAG 2 relative luminance and contrast ratio. */
static double
luminance (const FwColor *c)
{
  double rgb[3] = { c->red, c->green, c->blue };

  for (guint k = 0; k < 3; k++)
    rgb[k] = rgb[k] <= 0.04045 ? rgb[k] / 12.92 : pow ((rgb[k] + 0.055) / 1.055, 2.4);
  return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

static double
contrast (const FwColor *a,
          const FwColor *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* The style's text or (opaque) background colour, whichever stands out more on @fill as
 * drawn; where neither reaches WCAG AA's 4.5:1 (mid-tone cells), black or white, one of
 * which always does. */
static const FwColor *
text_color (const FwPlotStyle *style,
            const FwColor     *fill)
{
  static const FwColor black = { 0, 0, 0, 1 }, white = { 1, 1, 1, 1 };
  FwColor seen;
  double on_fg, on_bg;

  seen_fill (style, fill, &seen);
  on_fg = contrast (&style->foreground, &seen);
  on_bg = style->background.alpha >= 1 ? contrast (&style->background, &seen) : 0;
  if (MAX (on_fg, on_bg) >= 4.5)
    return on_fg >= on_bg ? &style->foreground : &style->background;
  return contrast (&black, &seen) >= contrast (&white, &seen) ? &black : &white;
}

static void
fill_spec (const FwPlotHeatmap *heatmap,
           FwAxesSpec          *spec)
{
  *spec = (FwAxesSpec) {
    .title = heatmap->title,
    .x_label = heatmap->x_label != NULL ? heatmap->x_label : _("Predicted"),
    .y_label = heatmap->y_label != NULL ? heatmap->y_label : _("Actual"),
    .x_min = 0,
    .x_max = 1,
    .y_min = 0,
    .y_max = 1,
    .x_categories = heatmap->classes,
    .n_x_categories = heatmap->n,
    .y_categories = heatmap->classes,
    .n_y_categories = heatmap->n,
    .no_grid = TRUE,
  };
}

typedef enum {
  TEXT_NONE,
  TEXT_COUNT,
  TEXT_BOTH,                    /* count and row share */
} TextMode;

#define COUNT_SCALE 1.15
#define SHARE_SCALE 0.85
#define TEXT_PAD    6.0

static char *
format_count (double   count,
              gboolean shortened)
{
  char buf[64];

  if (fabs (count - round (count)) >= 1e-9)
    return g_strdup_printf ("%.1f", count);
  if (!shortened || count < 10000)
    return g_strdup_printf ("%.0f", count);
  /* Three significant digits: 12.3k, 456k, 1.2M. */
  return g_strdup (fw_tick_format (count, pow (10, floor (log10 (count)) - 2),
                                   FW_TICK_FORMAT_SI, buf, sizeof buf));
}

static char *
format_share (double share)
{
  if (share > 0 && share < 0.005)
    return g_strdup ("<1%");
  return g_strdup_printf ("%.0f%%", share * 100);
}

static double
widest_count (cairo_t             *cr,
              const FwPlotStyle   *style,
              const FwPlotHeatmap *heatmap,
              gboolean             shortened,
              double              *height)
{
  double widest = 0;

  for (guint i = 0; i < heatmap->n * heatmap->n; i++)
    {
      g_autofree char *text = format_count (count_at (heatmap, i / heatmap->n, i % heatmap->n),
                                            shortened);
      double w;

      fw_plot_text_size (cr, style, text, COUNT_SCALE, TRUE, &w, height);
      widest = MAX (widest, w);
    }
  return widest;
}

/* One choice for every cell, so the matrix never mixes labelled and bare cells. */
static TextMode
choose_text (cairo_t             *cr,
             const FwPlotStyle   *style,
             const FwPlotHeatmap *heatmap,
             double               cell_w,
             double               cell_h,
             gboolean            *shortened)
{
  double count_w, count_h, share_w, share_h;

  *shortened = FALSE;
  count_w = widest_count (cr, style, heatmap, FALSE, &count_h);
  if (count_w + TEXT_PAD > cell_w)
    {
      *shortened = TRUE;
      count_w = widest_count (cr, style, heatmap, TRUE, &count_h);
    }
  if (count_w + TEXT_PAD > cell_w || count_h + TEXT_PAD > cell_h)
    return TEXT_NONE;
  fw_plot_text_size (cr, style, "100%", SHARE_SCALE, FALSE, &share_w, &share_h);
  if (share_w + TEXT_PAD > cell_w || count_h + share_h + TEXT_PAD > cell_h)
    return TEXT_COUNT;
  return TEXT_BOTH;
}

static void
draw_cell_text (cairo_t           *cr,
                const FwPlotStyle *style,
                TextMode           mode,
                gboolean           shortened,
                double             count,
                double             share,
                const FwColor     *fill,
                double             cx,
                double             cy)
{
  g_autofree char *count_text = format_count (count, shortened);
  g_autofree char *share_text = NULL;
  const FwColor *ink = text_color (style, fill);
  double count_h, share_h;

  /* An empty row has no shares: its cells say only their (zero) counts. */
  if (mode == TEXT_COUNT || !isfinite (share))
    {
      fw_plot_text (cr, style, count_text, cx, cy, FW_TEXT_ANCHOR_MIDDLE, COUNT_SCALE, TRUE, ink);
      return;
    }
  share_text = format_share (share);
  fw_plot_text_size (cr, style, count_text, COUNT_SCALE, TRUE, NULL, &count_h);
  fw_plot_text_size (cr, style, share_text, SHARE_SCALE, FALSE, NULL, &share_h);
  fw_plot_text (cr, style, count_text, cx, cy - share_h / 2, FW_TEXT_ANCHOR_MIDDLE, COUNT_SCALE,
                TRUE, ink);
  fw_plot_text (cr, style, share_text, cx, cy + count_h / 2, FW_TEXT_ANCHOR_MIDDLE, SHARE_SCALE,
                FALSE, ink);
}

static void
draw_cells (cairo_t             *cr,
            const FwPlotStyle   *style,
            const FwPlotHeatmap *heatmap,
            const FwPlotFrame   *frame)
{
  guint n = heatmap->n;
  double cw = frame->width / n, ch = frame->height / n;
  /* A gap of background between cells reads as a grid without drawing one. */
  double gap = MIN (cw, ch) >= 24 ? 2.0 : MIN (cw, ch) >= 8 ? 1.0 : 0.0;
  gboolean shortened;
  TextMode mode = choose_text (cr, style, heatmap, cw - gap, ch - gap, &shortened);

  for (guint i = 0; i < n; i++)
    {
      double total = 0;

      for (guint j = 0; j < n; j++)
        total += count_at (heatmap, i, j);
      for (guint j = 0; j < n; j++)
        {
          double count = count_at (heatmap, i, j), share = total > 0 ? count / total : NAN;
          double x0 = fw_plot_snap_x (cr, frame->left + j * cw + gap / 2, FALSE);
          double x1 = fw_plot_snap_x (cr, frame->left + (j + 1) * cw - gap / 2, FALSE);
          double y0 = fw_plot_snap_y (cr, frame->top + i * ch + gap / 2, FALSE);
          double y1 = fw_plot_snap_y (cr, frame->top + (i + 1) * ch - gap / 2, FALSE);
          FwColor fill;

          if (x1 <= x0 || y1 <= y0)
            continue;
          fw_plot_heatmap_cell_color (style, total > 0 ? share : 0.0, &fill);
          fw_color_set_source (cr, &fill);
          cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
          cairo_fill (cr);
          if (mode != TEXT_NONE)
            draw_cell_text (cr, style, mode, shortened, count, share, &fill, (x0 + x1) / 2,
                            (y0 + y1) / 2);
        }
    }
}

/* The frame's spec, and where to draw it so its plot area comes out square. */
static gboolean
lay_out (double               width,
         double               height,
         const FwPlotStyle   *style,
         const FwPlotHeatmap *heatmap,
         FwAxesSpec          *spec,
         cairo_rectangle_t   *area)
{
  if (!(width > 0 && height > 0))
    return FALSE;
  fill_spec (heatmap, spec);
  if (heatmap->n == 0 || heatmap->classes == NULL || heatmap->counts == NULL)
    {
      /* Nothing to square up: an empty frame at full size. */
      spec->n_x_categories = spec->n_y_categories = 0;
      *area = (cairo_rectangle_t) { 0, 0, width, height };
      return TRUE;
    }
  fw_plot_frame_square (width, height, style, spec, area);
  return TRUE;
}

gboolean
fw_plot_heatmap_layout (double               width,
                        double               height,
                        const FwPlotStyle   *style,
                        const FwPlotHeatmap *heatmap,
                        FwPlotFrame         *frame)
{
  FwAxesSpec spec;
  cairo_rectangle_t area;

  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (heatmap != NULL, FALSE);
  g_return_val_if_fail (frame != NULL, FALSE);

  if (heatmap->n == 0 || heatmap->counts == NULL || !(width > 0 && height > 0))
    return FALSE;
  lay_out (width, height, style, heatmap, &spec, &area);
  fw_plot_frame_layout (area.width, area.height, style, &spec, frame);
  frame->left += area.x;
  frame->top += area.y;
  return TRUE;
}

void
fw_plot_heatmap_draw (cairo_t           *cr,
                      double             width,
                      double             height,
                      const FwPlotStyle *style,
                      gconstpointer      data)
{
  const FwPlotHeatmap *heatmap = data;
  FwAxesSpec spec;
  FwPlotFrame frame;
  cairo_rectangle_t area;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (heatmap != NULL);

  if (!lay_out (width, height, style, heatmap, &spec, &area))
    return;
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  fw_color_set_source (cr, &style->background);
  cairo_paint (cr);
  cairo_translate (cr, area.x, area.y);
  fw_plot_frame_draw (cr, area.width, area.height, style, &spec, &frame);
  if (spec.n_x_categories > 0 && frame.width > 0 && frame.height > 0)
    draw_cells (cr, style, heatmap, &frame);
  cairo_restore (cr);
}
