/* fw-plot-curves.c — ROC and precision–recall curves, and the reliability diagram
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>
#include "fw-plot-curves.h"

#define MAX_CURVES     (FW_PLOT_N_SERIES_COLORS - 1)  /* the legend keeps a row for chance */
#define STRIP_SHARE    0.16     /* of the plot area's height given to the count strip */

static void
fill_spec (FwPlotCurvesKind kind,
           const char      *title,
           FwAxesSpec      *spec)
{
  *spec = (FwAxesSpec) {
    .title = title,
    .x_min = 0,
    .x_max = 1,
    .y_min = 0,
    .y_max = 1,
  };
  switch (kind)
    {
    case FW_PLOT_CURVES_ROC:
      spec->x_label = _("False positive rate");
      spec->y_label = _("True positive rate");
      break;
    case FW_PLOT_CURVES_PR:
      spec->x_label = _("Recall");
      spec->y_label = _("Precision");
      break;
    case FW_PLOT_CURVES_CALIBRATION:
      spec->x_label = _("Mean predicted probability");
      spec->y_label = _("Observed frequency");
      break;
    default:
      g_assert_not_reached ();
    }
}

gboolean
fw_plot_curves_layout (FwPlotCurvesKind   kind,
                       double             width,
                       double             height,
                       const FwPlotStyle *style,
                       const char        *title,
                       FwPlotFrame       *frame)
{
  FwAxesSpec spec;
  cairo_rectangle_t area;

  g_return_val_if_fail (kind <= FW_PLOT_CURVES_CALIBRATION, FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (frame != NULL, FALSE);

  if (!(width > 0 && height > 0))
    return FALSE;
  fill_spec (kind, title, &spec);
  fw_plot_frame_square (width, height, style, &spec, &area);
  fw_plot_frame_layout (area.width, area.height, style, &spec, frame);
  frame->left += area.x;
  frame->top += area.y;
  return TRUE;
}

/* Paints the background, lays the square frame out and draws it; leaves @cr translated to
 * the frame's origin (the caller saved it).  FALSE when there is no plot area. */
static gboolean
begin (cairo_t           *cr,
       double             width,
       double             height,
       const FwPlotStyle *style,
       FwPlotCurvesKind   kind,
       const char        *title,
       FwPlotFrame       *frame)
{
  FwAxesSpec spec;
  cairo_rectangle_t area;

  fill_spec (kind, title, &spec);
  fw_plot_frame_square (width, height, style, &spec, &area);
  /* Curves and markers may stray past the plot area's edges, never past the plot's. */
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  fw_color_set_source (cr, &style->background);
  cairo_paint (cr);
  cairo_translate (cr, area.x, area.y);
  fw_plot_frame_draw (cr, area.width, area.height, style, &spec, frame);
  return frame->width > 0 && frame->height > 0;
}

/* Curves may run along the plot area's edges (TPR = 1): let their full width show. */
static void
clip_to_area (cairo_t           *cr,
              const FwPlotFrame *frame,
              double             line_width)
{
  cairo_rectangle (cr, frame->left - line_width, frame->top - line_width,
                   frame->width + 2 * line_width, frame->height + 2 * line_width);
  cairo_clip (cr);
}

static void
draw_chance (cairo_t           *cr,
             const FwPlotStyle *style,
             const FwPlotFrame *frame,
             double             x0,
             double             y0,
             double             x1,
             double             y1)
{
  double hair = fw_plot_hairline (cr);
  double ux0 = fw_plot_frame_x (frame, x0), uy0 = fw_plot_frame_y (frame, y0);
  double ux1 = fw_plot_frame_x (frame, x1), uy1 = fw_plot_frame_y (frame, y1);

  /* A level line lies on a pixel row's centre to stay one pixel wide. */
  if (y0 == y1)
    uy0 = uy1 = fw_plot_snap_y (cr, uy0, TRUE);
  cairo_save (cr);
  fw_color_set_source (cr, &style->muted);
  cairo_set_line_width (cr, 1.5 * hair);
  fw_plot_set_dashed (cr, style);
  cairo_move_to (cr, ux0, uy0);
  cairo_line_to (cr, ux1, uy1);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The points as a path, broken where one is not finite.  Returns how many were drawn. */
static guint
trace (cairo_t           *cr,
       const FwPlotFrame *frame,
       const FwPoint     *points,
       guint              n)
{
  gboolean pen_down = FALSE;
  guint drawn = 0;

  for (guint i = 0; i < n; i++)
    {
      double x, y;

      if (!isfinite (points[i].x) || !isfinite (points[i].y))
        {
          pen_down = FALSE;
          continue;
        }
      x = fw_plot_frame_x (frame, points[i].x);
      y = fw_plot_frame_y (frame, points[i].y);
      if (pen_down)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      pen_down = TRUE;
      drawn++;
    }
  return drawn;
}

static char *
legend_text (const char *label,
             const char *score_name,
             double      score)
{
  char digits[G_ASCII_DTOSTR_BUF_SIZE];

  if (label == NULL)
    label = _("Model");
  if (!isfinite (score))
    return g_strdup (label);
  /* C-locale digits, as on the axes. */
  g_ascii_formatd (digits, sizeof digits, "%.2f", score);
  /* TRANSLATORS: a model's name and its score, e.g. "Logistic regression (AUC 0.87)" */
  return g_strdup_printf (_("%s (%s %s)"), label, score_name, digits);
}

static void
draw_curves (cairo_t            *cr,
             double              width,
             double              height,
             const FwPlotStyle  *style,
             const FwPlotCurves *curves,
             FwPlotCurvesKind    kind)
{
  FwPlotFrame frame;
  FwLegendEntry entries[MAX_CURVES + 1];
  char *labels[MAX_CURVES] = { NULL };
  guint n = MIN (curves->curves != NULL ? curves->n_curves : 0, MAX_CURVES), n_entries = 0;
  /* No positives (or an unset rate) leaves a precision–recall plot without a chance line. */
  gboolean chance = kind == FW_PLOT_CURVES_ROC ||
                    (curves->positive_rate > 0 && curves->positive_rate <= 1);
  double lw;

  cairo_save (cr);
  if (!begin (cr, width, height, style, kind, curves->title, &frame))
    {
      cairo_restore (cr);
      return;
    }
  lw = style->line_width;

  cairo_save (cr);
  clip_to_area (cr, &frame, lw);
  if (kind == FW_PLOT_CURVES_ROC)
    draw_chance (cr, style, &frame, 0, 0, 1, 1);
  else if (chance)
    draw_chance (cr, style, &frame, 0, curves->positive_rate, 1, curves->positive_rate);

  /* One ROC curve gets a faint fill: the area under it is its score. */
  if (kind == FW_PLOT_CURVES_ROC && n == 1 && curves->curves[0].points != NULL)
    {
      FwColor tint = style->series[0];
      const FwPoint *p = curves->curves[0].points;
      guint first = G_MAXUINT, last = 0;

      for (guint i = 0; i < curves->curves[0].n_points; i++)
        if (isfinite (p[i].x) && isfinite (p[i].y))
          {
            first = MIN (first, i);
            last = i;
          }
      if (first < last && trace (cr, &frame, p + first, last - first + 1) == last - first + 1)
        {
          cairo_line_to (cr, fw_plot_frame_x (&frame, p[last].x), fw_plot_frame_y (&frame, 0));
          cairo_line_to (cr, fw_plot_frame_x (&frame, p[first].x), fw_plot_frame_y (&frame, 0));
          cairo_close_path (cr);
          tint.alpha = 0.10;
          fw_color_set_source (cr, &tint);
          cairo_fill (cr);
        }
      cairo_new_path (cr);
    }

  cairo_set_line_width (cr, lw);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  /* The first curve last, so the one the caller put first is on top. */
  for (guint c = n; c-- > 0;)
    {
      const FwPlotCurve *curve = &curves->curves[c];

      if (curve->points == NULL || trace (cr, &frame, curve->points, curve->n_points) == 0)
        continue;
      fw_color_set_source (cr, &style->series[c]);
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  for (guint c = 0; c < n; c++)
    {
      labels[c] = legend_text (curves->curves[c].label,
                               kind == FW_PLOT_CURVES_ROC ? _("AUC") : _("AP"),
                               curves->curves[c].score);
      entries[n_entries++] = (FwLegendEntry) { .label = labels[c], .color = &style->series[c] };
    }
  if (chance)
    entries[n_entries++] = (FwLegendEntry) {
      .label = _("Chance"), .color = &style->muted, .dashed = TRUE
    };
  if (n_entries > 0)
    fw_plot_legend_draw (cr, &frame, style, entries, n_entries, TRUE);
  for (guint c = 0; c < n; c++)
    g_free (labels[c]);
  cairo_restore (cr);
}

void
fw_plot_roc_draw (cairo_t           *cr,
                  double             width,
                  double             height,
                  const FwPlotStyle *style,
                  gconstpointer      data)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (data != NULL);

  if (width > 0 && height > 0)
    draw_curves (cr, width, height, style, data, FW_PLOT_CURVES_ROC);
}

void
fw_plot_pr_draw (cairo_t           *cr,
                 double             width,
                 double             height,
                 const FwPlotStyle *style,
                 gconstpointer      data)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (data != NULL);

  if (width > 0 && height > 0)
    draw_curves (cr, width, height, style, data, FW_PLOT_CURVES_PR);
}

/* fw_plot_legend_draw() places its box in the right-hand corners only; a reliability
 * diagram's empty corner is the top left.  The legend goes there by handing it a frame
 * shifted left by the distance between the two places. */
static void
legend_top_left (cairo_t             *cr,
                 const FwPlotFrame   *frame,
                 const FwPlotStyle   *style,
                 const FwLegendEntry *entries,
                 guint                n_entries)
{
  FwPlotFrame shifted = *frame;
  double x, w, inset;

  fw_plot_legend_get_box (cr, frame, style, entries, n_entries, FALSE, &x, NULL, &w, NULL);
  inset = frame->left + frame->width - (x + w);
  if (w + 2 * inset >= frame->width)
    {
      fw_plot_legend_draw (cr, frame, style, entries, n_entries, TRUE);
      return;
    }
  shifted.left -= x - (frame->left + inset);
  fw_plot_legend_draw (cr, &shifted, style, entries, n_entries, FALSE);
}

static gboolean
bin_shown (const FwCalibrationBin *bin)
{
  return bin->weight > 0 && isfinite (bin->mean_predicted) && isfinite (bin->observed);
}

static void
draw_count_strip (cairo_t                 *cr,
                  const FwPlotStyle       *style,
                  const FwPlotCalibration *calibration,
                  const FwPlotFrame       *frame)
{
  double peak = 0, base = fw_plot_snap_y (cr, frame->top + frame->height, FALSE);
  double strip = frame->height * STRIP_SHARE, hair = fw_plot_hairline (cr);
  FwColor tint = style->series[0];

  for (guint i = 0; i < calibration->n_bins; i++)
    if (isfinite (calibration->bins[i].weight))
      peak = MAX (peak, calibration->bins[i].weight);
  if (peak <= 0)
    return;
  for (guint i = 0; i < calibration->n_bins; i++)
    {
      double w = calibration->bins[i].weight, x0, x1, top;

      if (!(w > 0))
        continue;
      x0 = fw_plot_frame_x (frame, (double) i / calibration->n_bins);
      x1 = fw_plot_frame_x (frame, (double) (i + 1) / calibration->n_bins);
      /* A hairline of air between neighbours, as in the histograms. */
      x0 = fw_plot_snap_x (cr, x0, FALSE) + hair;
      x1 = fw_plot_snap_x (cr, x1, FALSE);
      /* A bin with any rows is at least a pixel tall, so it never reads as empty. */
      top = fw_plot_snap_y (cr, base - MAX (hair, strip * w / peak), FALSE);
      cairo_rectangle (cr, x0, top, MAX (hair, x1 - x0), base - top);
    }
  tint.alpha = 0.28;
  fw_color_set_source (cr, &tint);
  cairo_fill (cr);
}

void
fw_plot_calibration_draw (cairo_t           *cr,
                          double             width,
                          double             height,
                          const FwPlotStyle *style,
                          gconstpointer      data)
{
  const FwPlotCalibration *calibration = data;
  FwPlotFrame frame;
  FwLegendEntry entries[2];
  guint n_bins;
  double lw, radius;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (calibration != NULL);

  if (!(width > 0 && height > 0))
    return;
  n_bins = calibration->bins != NULL ? calibration->n_bins : 0;
  cairo_save (cr);
  if (!begin (cr, width, height, style, FW_PLOT_CURVES_CALIBRATION, calibration->title, &frame))
    {
      cairo_restore (cr);
      return;
    }
  lw = style->line_width;
  radius = style->font_size * 0.38;

  cairo_save (cr);
  clip_to_area (cr, &frame, radius + lw);
  if (calibration->show_counts && n_bins > 0)
    draw_count_strip (cr, style, calibration, &frame);
  draw_chance (cr, style, &frame, 0, 0, 1, 1);

  cairo_set_line_width (cr, lw);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  fw_color_set_source (cr, &style->series[0]);
  for (guint i = 0, drawn = 0; i < n_bins; i++)
    {
      const FwCalibrationBin *bin = &calibration->bins[i];
      double x, y;

      if (!bin_shown (bin))
        continue;
      x = fw_plot_frame_x (&frame, bin->mean_predicted);
      y = fw_plot_frame_y (&frame, bin->observed);
      if (drawn++ == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);

  /* Markers with a ring of background so neighbours stay apart where bins crowd. */
  for (guint i = 0; i < n_bins; i++)
    {
      const FwCalibrationBin *bin = &calibration->bins[i];

      if (!bin_shown (bin))
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, fw_plot_frame_x (&frame, bin->mean_predicted),
                 fw_plot_frame_y (&frame, bin->observed), radius, 0, 2 * G_PI);
    }
  fw_color_set_source (cr, &style->series[0]);
  cairo_fill_preserve (cr);
  fw_color_set_source (cr, &style->background);
  cairo_set_line_width (cr, fw_plot_hairline (cr));
  cairo_stroke (cr);
  cairo_restore (cr);

  entries[0] = (FwLegendEntry) {
    .label = calibration->label != NULL ? calibration->label : _("Model"),
    .color = &style->series[0],
  };
  entries[1] = (FwLegendEntry) {
    .label = _("Perfectly calibrated"), .color = &style->muted, .dashed = TRUE
  };
  legend_top_left (cr, &frame, style, entries, 2);
  cairo_restore (cr);
}
