/* fw-plot-bars.c — grouped bar chart with confidence intervals and a reference band
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include "fw-plot-bars.h"

#define CLUSTER_SHARE 0.72      /* of a group's slot taken by its bars */
#define MAX_BAR_EMS   6.0       /* widest bar, in font sizes: wider ones look like slabs */
#define NOTE_SCALE    0.9       /* of the font size, for the band's and the line's labels */

static double
value_at (const double     *array,
          const FwPlotBars *bars,
          guint             g,
          guint             s)
{
  return array != NULL ? array[g * bars->n_series + s] : NAN;
}

static void
widen (double *lo,
       double *hi,
       double  v)
{
  if (isfinite (v))
    {
      *lo = MIN (*lo, v);
      *hi = MAX (*hi, v);
    }
}

static void
fill_spec (const FwPlotBars *bars,
           FwAxesSpec       *spec)
{
  double lo = 0, hi = 0;

  *spec = (FwAxesSpec) {
    .title = bars->title,
    .y_label = bars->y_label,
    .y_format = bars->y_format,
    .x_categories = bars->groups,
    .n_x_categories = bars->groups != NULL ? bars->n_groups : 0,
    .x_min = 0,
    .x_max = 1,
  };

  if (bars->y_max > bars->y_min && isfinite (bars->y_min) && isfinite (bars->y_max))
    {
      spec->y_min = bars->y_min;
      spec->y_max = bars->y_max;
      return;
    }
  for (guint g = 0; g < spec->n_x_categories && bars->values != NULL; g++)
    for (guint s = 0; s < bars->n_series; s++)
      {
        widen (&lo, &hi, value_at (bars->values, bars, g, s));
        widen (&lo, &hi, value_at (bars->lower, bars, g, s));
        widen (&lo, &hi, value_at (bars->upper, bars, g, s));
      }
  if (bars->band_hi > bars->band_lo)
    {
      widen (&lo, &hi, bars->band_lo);
      widen (&lo, &hi, bars->band_hi);
    }
  if (bars->has_reference)
    widen (&lo, &hi, bars->reference);
  if (bars->y_limit > 0)
    hi = MIN (hi, bars->y_limit);
  if (hi <= lo)
    hi = lo + 1;
  spec->y_min = lo;
  spec->y_max = hi;
}

/* A legend entry per named series; returns how many. */
static guint
legend_entries (const FwPlotStyle *style,
                const FwPlotBars  *bars,
                FwLegendEntry     *entries)
{
  guint n = 0;

  for (guint s = 0; bars->series != NULL && s < bars->n_series; s++)
    if (bars->series[s] != NULL && n < FW_PLOT_N_SERIES_COLORS)
      entries[n++] = (FwLegendEntry) {
        .label = bars->series[s],
        .color = &style->series[s % FW_PLOT_N_SERIES_COLORS],
        .filled = TRUE,
      };
  return n;
}

/* The legend sits in the plot area's top-right corner; when the fitted range would put the
 * bars under it there, raise y_max until they clear it.  Returns the height to keep free
 * above the plot area for the legend instead, when y_limit forbids the raise; else 0. */
static double
make_room_for_legend (cairo_t           *cr,
                      double             width,
                      double             height,
                      const FwPlotStyle *style,
                      const FwPlotBars  *bars,
                      FwAxesSpec        *spec)
{
  FwLegendEntry entries[FW_PLOT_N_SERIES_COLORS];
  FwPlotFrame frame;
  double box_x, box_y, box_w, box_h, clear, raised, peak = -INFINITY;
  guint n = legend_entries (style, bars, entries);

  if (n == 0 || bars->y_max > bars->y_min || spec->n_x_categories == 0)
    return 0;
  fw_plot_frame_layout (width, height, style, spec, &frame);
  fw_plot_legend_get_box (cr, &frame, style, entries, n, FALSE, &box_x, &box_y, &box_w, &box_h);
  /* Half an em of air under the box. */
  clear = box_y + box_h - frame.top + style->font_size * 0.66;
  if (frame.height <= clear * 1.5)
    return 0;
  for (guint g = 0; g < spec->n_x_categories; g++)
    for (guint s = 0; s < bars->n_series; s++)
      {
        double v = value_at (bars->values, bars, g, s), u = value_at (bars->upper, bars, g, s);
        double l, r;

        fw_plot_bars_bar_extent (&frame, style, bars, g, s, &l, &r);
        if (r < box_x)
          continue;
        if (isfinite (v))
          peak = MAX (peak, v);
        if (isfinite (u))
          peak = MAX (peak, u);
      }
  if (!isfinite (peak) || fw_plot_frame_y (&frame, peak) > frame.top + clear)
    return 0;
  raised = frame.y_min + (peak - frame.y_min) * frame.height / (frame.height - clear);
  if (bars->y_limit > 0 && raised > bars->y_limit)
    return box_y + box_h - frame.top + style->font_size * 0.66;
  spec->y_max = raised;
  return 0;
}

/* The spec, and how far down the plot area starts to leave the legend room above it. */
static double
plan (cairo_t           *cr,
      double             width,
      double             height,
      const FwPlotStyle *style,
      const FwPlotBars  *bars,
      FwAxesSpec        *spec)
{
  double above;

  fill_spec (bars, spec);
  above = make_room_for_legend (cr, width, height, style, bars, spec);
  return above < height / 3 ? above : 0;
}

gboolean
fw_plot_bars_layout (double             width,
                     double             height,
                     const FwPlotStyle *style,
                     const FwPlotBars  *bars,
                     FwPlotFrame       *frame)
{
  cairo_t *cr;
  FwAxesSpec spec;
  double above;

  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (bars != NULL, FALSE);
  g_return_val_if_fail (frame != NULL, FALSE);

  if (!(width > 0 && height > 0))
    return FALSE;
  cr = fw_plot_scratch_new ();
  above = plan (cr, width, height, style, bars, &spec);
  cairo_destroy (cr);
  fw_plot_frame_layout (width, height - above, style, &spec, frame);
  frame->top += above;
  return TRUE;
}

void
fw_plot_bars_bar_extent (const FwPlotFrame *frame,
                         const FwPlotStyle *style,
                         const FwPlotBars  *bars,
                         guint              group,
                         guint              series,
                         double            *left,
                         double            *right)
{
  double slot, cluster, gap, bar, start;

  g_return_if_fail (frame != NULL && style != NULL && bars != NULL);
  g_return_if_fail (left != NULL && right != NULL);
  g_return_if_fail (group < bars->n_groups && series < bars->n_series);

  slot = frame->width / bars->n_groups;
  cluster = slot * CLUSTER_SHARE;
  /* A gap between a group's bars tells them apart where colours are close. */
  gap = bars->n_series > 1 ? MIN (3.0, cluster * 0.04) : 0.0;
  bar = (cluster - gap * (bars->n_series - 1)) / bars->n_series;
  bar = MIN (bar, MAX_BAR_EMS * style->font_size);
  cluster = bar * bars->n_series + gap * (bars->n_series - 1);
  start = frame->left + (group + 0.5) * slot - cluster / 2;
  *left = start + series * (bar + gap);
  *right = *left + bar;
}

static void
draw_band (cairo_t           *cr,
           const FwPlotStyle *style,
           const FwPlotBars  *bars,
           const FwPlotFrame *frame)
{
  double top = fw_plot_frame_y (frame, bars->band_hi);
  double bottom = fw_plot_frame_y (frame, bars->band_lo);
  double hair = fw_plot_hairline (cr), left = frame->left, right = frame->left + frame->width;

  top = fw_plot_snap_y (cr, CLAMP (top, frame->top, frame->top + frame->height), FALSE);
  bottom = fw_plot_snap_y (cr, CLAMP (bottom, frame->top, frame->top + frame->height), FALSE);
  if (bottom - top <= 0)
    return;
  /* A neutral tint: the band is context, not data, and must not read as a series. */
  fw_color_set_source (cr, &style->band);
  cairo_rectangle (cr, left, top, right - left, bottom - top);
  cairo_fill (cr);
  fw_color_set_source (cr, &style->grid);
  cairo_rectangle (cr, left, top, right - left, hair);
  cairo_rectangle (cr, left, bottom - hair, right - left, hair);
  cairo_fill (cr);
}

static gboolean
overlaps_a_bar (const FwPlotStyle *style,
                const FwPlotBars  *bars,
                const FwPlotFrame *frame,
                double             x0,
                double             y0,
                double             x1,
                double             y1)
{
  double zero = fw_plot_frame_y (frame, 0.0);

  for (guint g = 0; g < bars->n_groups; g++)
    for (guint s = 0; s < bars->n_series; s++)
      {
        double v = value_at (bars->values, bars, g, s), l, r, y;

        if (!isfinite (v))
          continue;
        fw_plot_bars_bar_extent (frame, style, bars, g, s, &l, &r);
        y = fw_plot_frame_y (frame, v);
        if (l < x1 && r > x0 && MIN (y, zero) < y1 && MAX (y, zero) > y0)
          return TRUE;
      }
  return FALSE;
}

/* The box a note of @text takes at (@x, @y) with @anchor, padded 3 units each side. */
static void
note_box (cairo_t           *cr,
          const FwPlotStyle *style,
          const FwPlotFrame *frame,
          const char        *text,
          double             x,
          double             y,
          FwTextAnchor       anchor,
          cairo_rectangle_t *box)
{
  g_autofree char *label = fw_plot_text_fit (cr, style, text, NOTE_SCALE, frame->width * 0.45);
  double w, h;

  fw_plot_text_size (cr, style, label, NOTE_SCALE, FALSE, &w, &h);
  *box = (cairo_rectangle_t) { (anchor == FW_TEXT_ANCHOR_END ? x - w : x) - 3, y - h / 2,
                               w + 6, h };
}

/* Where the reference line's label goes: above the line at its right end, else below it,
 * else the same at the left end, the first place that covers no bar; else the first. */
static void
place_reference_note (cairo_t           *cr,
                      const FwPlotStyle *style,
                      const FwPlotBars  *bars,
                      const FwPlotFrame *frame,
                      double            *x,
                      double            *y,
                      FwTextAnchor      *anchor)
{
  double pad = style->font_size * 0.5, bottom = frame->top + frame->height, h;
  double line = fw_plot_frame_y (frame, bars->reference);

  fw_plot_text_size (cr, style, "0", NOTE_SCALE, FALSE, NULL, &h);
  for (guint k = 0; k < 4; k++)
    {
      cairo_rectangle_t box;

      *anchor = k < 2 ? FW_TEXT_ANCHOR_END : FW_TEXT_ANCHOR_START;
      *x = k < 2 ? frame->left + frame->width - pad : frame->left + pad;
      *y = k % 2 == 0 ? MAX (line - h / 2 - 2, frame->top + h / 2)
                      : MIN (line + h / 2 + 2, bottom - h / 2);
      note_box (cr, style, frame, bars->reference_label, *x, *y, *anchor, &box);
      if (!overlaps_a_bar (style, bars, frame, box.x, box.y, box.x + box.width,
                           box.y + box.height))
        return;
    }
  *anchor = FW_TEXT_ANCHOR_END;
  *x = frame->left + frame->width - pad;
  *y = MAX (line - h / 2 - 2, frame->top + h / 2);
}

/* A muted note; on a panel where it overlaps a bar, so the bar cannot swallow it. */
static void
draw_note (cairo_t           *cr,
           const FwPlotStyle *style,
           const FwPlotBars  *bars,
           const FwPlotFrame *frame,
           const char        *text,
           double             x,
           double             y,
           FwTextAnchor       anchor)
{
  g_autofree char *label = fw_plot_text_fit (cr, style, text, NOTE_SCALE, frame->width * 0.45);
  double w, h, x0;

  fw_plot_text_size (cr, style, label, NOTE_SCALE, FALSE, &w, &h);
  x0 = (anchor == FW_TEXT_ANCHOR_END ? x - w : x) - 3;
  if (overlaps_a_bar (style, bars, frame, x0, y - h / 2, x0 + w + 6, y + h / 2))
    {
      fw_color_set_source (cr, &style->panel);
      cairo_rectangle (cr, x0, y - h / 2, w + 6, h);
      cairo_fill (cr);
    }
  fw_plot_text (cr, style, label, x, y, anchor, NOTE_SCALE, FALSE, &style->muted);
}

static gboolean
has_reference_note (const FwPlotBars  *bars,
                    const FwPlotFrame *frame)
{
  double y = fw_plot_frame_y (frame, bars->reference);

  return bars->has_reference && bars->reference_label != NULL &&
         *bars->reference_label != '\0' && isfinite (y) && y >= frame->top - 0.5 &&
         y <= frame->top + frame->height + 0.5;
}

/* The band's label inside its top edge when it is tall enough, else just above it; the
 * reference line's label beside the line where it covers no bar (place_reference_note). */
static void
draw_notes (cairo_t           *cr,
            const FwPlotStyle *style,
            const FwPlotBars  *bars,
            const FwPlotFrame *frame)
{
  double pad = style->font_size * 0.5, bottom = frame->top + frame->height, h;

  fw_plot_text_size (cr, style, "0", NOTE_SCALE, FALSE, NULL, &h);
  if (bars->band_hi > bars->band_lo && bars->band_label != NULL && *bars->band_label != '\0')
    {
      double top = CLAMP (fw_plot_frame_y (frame, bars->band_hi), frame->top, bottom);
      double low = CLAMP (fw_plot_frame_y (frame, bars->band_lo), frame->top, bottom);
      double y = low - top >= h + pad ? top + pad / 2 + h / 2 : top - h / 2 - pad / 4;

      if (low > top)
        draw_note (cr, style, bars, frame, bars->band_label, frame->left + pad,
                   CLAMP (y, frame->top + h / 2, bottom - h / 2), FW_TEXT_ANCHOR_START);
    }
  if (has_reference_note (bars, frame))
    {
      FwTextAnchor anchor;
      double x, y;

      place_reference_note (cr, style, bars, frame, &x, &y, &anchor);
      draw_note (cr, style, bars, frame, bars->reference_label, x, y, anchor);
    }
}

static void
draw_reference (cairo_t           *cr,
                const FwPlotStyle *style,
                const FwPlotBars  *bars,
                const FwPlotFrame *frame)
{
  double y = fw_plot_frame_y (frame, bars->reference), hair = fw_plot_hairline (cr);

  if (!isfinite (y) || y < frame->top - 0.5 || y > frame->top + frame->height + 0.5)
    return;
  /* A one-pixel line is crisp on the centre of a pixel row. */
  y = fw_plot_snap_y (cr, y, TRUE);
  cairo_save (cr);
  fw_color_set_source (cr, &style->foreground);
  cairo_set_line_width (cr, hair);
  fw_plot_set_dashed (cr, style);
  cairo_move_to (cr, frame->left, y);
  cairo_line_to (cr, frame->left + frame->width, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_whisker (cairo_t           *cr,
              const FwPlotStyle *style,
              double             centre,
              double             from,
              double             to,
              double             cap)
{
  double hair = fw_plot_hairline (cr), x = fw_plot_snap_x (cr, centre, TRUE);

  from = fw_plot_snap_y (cr, from, TRUE);
  to = fw_plot_snap_y (cr, to, TRUE);
  cairo_move_to (cr, x, from);
  cairo_line_to (cr, x, to);
  /* Whole pixels either side of the stem, so the cap is symmetric. */
  cap = hair / 2 + round (cap / 2 / hair) * hair;
  cairo_move_to (cr, x - cap, to);
  cairo_line_to (cr, x + cap, to);
}

static void
draw_bars (cairo_t           *cr,
           const FwPlotStyle *style,
           const FwPlotBars  *bars,
           const FwPlotFrame *frame)
{
  double bottom = frame->top + frame->height;
  double zero = CLAMP (fw_plot_frame_y (frame, 0.0), frame->top, bottom);
  double hair = fw_plot_hairline (cr);
  FwColor whisker = style->foreground;

  for (guint s = 0; s < bars->n_series; s++)
    {
      fw_color_set_source (cr, &style->series[s % FW_PLOT_N_SERIES_COLORS]);
      for (guint g = 0; g < bars->n_groups; g++)
        {
          double v = value_at (bars->values, bars, g, s), l, r, y, y0;

          if (!isfinite (v))
            continue;
          fw_plot_bars_bar_extent (frame, style, bars, g, s, &l, &r);
          l = fw_plot_snap_x (cr, l, FALSE);
          r = MAX (fw_plot_snap_x (cr, r, FALSE), l + hair);
          y = fw_plot_snap_y (cr, CLAMP (fw_plot_frame_y (frame, v), frame->top, bottom), FALSE);
          y0 = fw_plot_snap_y (cr, zero, FALSE);
          cairo_rectangle (cr, l, MIN (y, y0), r - l, fabs (y0 - y));
        }
      cairo_fill (cr);
    }

  if (bars->lower == NULL && bars->upper == NULL)
    return;
  whisker.alpha = 0.85;
  fw_color_set_source (cr, &whisker);
  cairo_set_line_width (cr, hair);
  for (guint g = 0; g < bars->n_groups; g++)
    for (guint s = 0; s < bars->n_series; s++)
      {
        double v = value_at (bars->values, bars, g, s), l, r, cap;
        double lo = value_at (bars->lower, bars, g, s), hi = value_at (bars->upper, bars, g, s);

        if (!isfinite (v))
          continue;
        fw_plot_bars_bar_extent (frame, style, bars, g, s, &l, &r);
        cap = MIN ((r - l) * 0.5, style->font_size * 1.2);
        if (isfinite (hi))
          draw_whisker (cr, style, (l + r) / 2, fw_plot_frame_y (frame, v),
                        CLAMP (fw_plot_frame_y (frame, hi), frame->top, bottom), cap);
        if (isfinite (lo))
          draw_whisker (cr, style, (l + r) / 2, fw_plot_frame_y (frame, v),
                        CLAMP (fw_plot_frame_y (frame, lo), frame->top, bottom), cap);
      }
  cairo_stroke (cr);
}

void
fw_plot_bars_draw (cairo_t           *cr,
                   double             width,
                   double             height,
                   const FwPlotStyle *style,
                   gconstpointer      data)
{
  const FwPlotBars *bars = data;
  FwAxesSpec spec;
  FwPlotFrame frame;
  FwLegendEntry entries[FW_PLOT_N_SERIES_COLORS];
  guint n_entries;
  double above;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (bars != NULL);
  g_return_if_fail (bars->values != NULL || bars->n_groups == 0 || bars->n_series == 0);

  if (!(width > 0 && height > 0))
    return;
  above = plan (cr, width, height, style, bars, &spec);
  cairo_save (cr);
  /* A legend kept above the plot area draws from the top of the whole area. */
  cairo_translate (cr, 0, above);
  fw_plot_frame_draw (cr, width, height - above, style, &spec, &frame);
  if (frame.width <= 0 || frame.height <= 0 || spec.n_x_categories == 0 || bars->n_series == 0)
    {
      cairo_restore (cr);
      return;
    }

  fw_plot_frame_clip (cr, &frame);
  if (bars->band_hi > bars->band_lo)
    draw_band (cr, style, bars, &frame);
  draw_bars (cr, style, bars, &frame);
  if (bars->has_reference && isfinite (bars->reference))
    draw_reference (cr, style, bars, &frame);
  draw_notes (cr, style, bars, &frame);
  cairo_restore (cr);

  n_entries = legend_entries (style, bars, entries);
  if (n_entries > 0 && above > 0)
    {
      FwPlotFrame outside = frame;

      /* From the top of the whole area: the box ends just over the title and the plot. */
      outside.top = -above;
      fw_plot_legend_draw (cr, &outside, style, entries, n_entries, FALSE);
    }
  else if (n_entries > 0)
    fw_plot_legend_draw (cr, &frame, style, entries, n_entries, FALSE);
  cairo_restore (cr);
}

gboolean
fw_plot_bars_reference_note (double             width,
                             double             height,
                             const FwPlotStyle *style,
                             const FwPlotBars  *bars,
                             cairo_rectangle_t *box)
{
  FwPlotFrame frame;
  FwTextAnchor anchor;
  cairo_t *cr;
  double x, y;

  g_return_val_if_fail (style != NULL && bars != NULL && box != NULL, FALSE);

  if (!fw_plot_bars_layout (width, height, style, bars, &frame) || bars->n_series == 0 ||
      bars->n_groups == 0 || !has_reference_note (bars, &frame))
    return FALSE;
  cr = fw_plot_scratch_new ();
  place_reference_note (cr, style, bars, &frame, &x, &y, &anchor);
  note_box (cr, style, &frame, bars->reference_label, x, y, anchor, box);
  cairo_destroy (cr);
  return TRUE;
}
