/* fw-plot-importance.c — feature importance as a ranked list of horizontal bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include "fw-plot-importance.h"
#include "fw-plot-ranked-private.h"

typedef struct
{
  guint       *order;           /* row → feature */
  const char **labels;          /* row → name, as the frame wants them */
  FwAxesSpec   spec;
} Layout;

static double
mean_of (const FwPlotImportance *importance,
         guint                   i)
{
  return importance->mean[i];
}

static double
sd_of (const FwPlotImportance *importance,
       guint                   i)
{
  double sd = importance->sd != NULL ? importance->sd[i] : NAN;

  return isfinite (sd) ? fabs (sd) : NAN;
}

/* Largest mean first, NaN last, ties in the caller's order. */
static gint
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const double *mean = user_data;
  guint i = *(const guint *) a, j = *(const guint *) b;
  gboolean fi = isfinite (mean[i]), fj = isfinite (mean[j]);

  if (fi != fj)
    return fi ? -1 : 1;
  if (fi && mean[i] != mean[j])
    return mean[i] > mean[j] ? -1 : 1;
  return (i > j) - (i < j);
}

/* The ends a feature's marks reach: its bar from 0 and its whisker. */
static void
reach (const FwPlotImportance *importance,
       guint                   i,
       double                 *lo,
       double                 *hi)
{
  double m = mean_of (importance, i), sd = sd_of (importance, i);

  *lo = MIN (0.0, m);
  *hi = MAX (0.0, m);
  if (isfinite (sd))
    {
      *lo = MIN (*lo, m - sd);
      *hi = MAX (*hi, m + sd);
    }
}

static char *
value_text (const FwPlotImportance *importance,
            const FwPlotFrame      *frame,
            double                  value)
{
  char buf[64];
  double step = frame->x_ticks.step > 0 ? frame->x_ticks.step / 10 : fabs (value) / 100;

  /* A tenth of a tick step: one digit more than the axis, enough to rank by. */
  return g_strdup (fw_tick_format (value, step, importance->x_format, buf, sizeof buf));
}

/* Widens the x range until every value label fits beside its bar and whisker. */
static void
make_room_for_values (cairo_t                *cr,
                      double                  width,
                      double                  height,
                      const FwPlotStyle      *style,
                      const FwPlotImportance *importance,
                      FwAxesSpec             *spec)
{
  FwPlotFrame frame;
  double lo, hi;

  fw_plot_frame_layout (width, height, style, spec, &frame);
  if (frame.width <= 0 || frame.x_max <= frame.x_min)
    return;
  lo = frame.x_min;
  hi = frame.x_max;
  for (guint i = 0; i < importance->n; i++)
    {
      double m = mean_of (importance, i), from, to;
      g_autofree char *text = NULL;

      if (!isfinite (m))
        continue;
      text = value_text (importance, &frame, m);
      reach (importance, i, &from, &to);
      fw_plot_ranked_make_room (cr, style, &frame, text, m >= 0 ? to : from, &lo, &hi);
    }
  spec->x_min = lo;
  spec->x_max = hi;
}

static void
layout_init (Layout                 *lay,
             cairo_t                *cr,
             double                  width,
             double                  height,
             const FwPlotStyle      *style,
             const FwPlotImportance *importance)
{
  guint n = importance->mean != NULL && importance->features != NULL ? importance->n : 0;
  double lo = 0, hi = 0;

  lay->order = g_new (guint, MAX (n, 1));
  lay->labels = g_new (const char *, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      double a, b;

      lay->order[i] = i;
      if (!isfinite (mean_of (importance, i)))
        continue;
      reach (importance, i, &a, &b);
      lo = MIN (lo, a);
      hi = MAX (hi, b);
    }
  g_qsort_with_data (lay->order, n, sizeof (guint), compare_rows, (gpointer) importance->mean);
  for (guint r = 0; r < n; r++)
    lay->labels[r] = importance->features[lay->order[r]] != NULL
                     ? importance->features[lay->order[r]] : "";
  if (hi <= lo)
    hi = lo + 1;

  lay->spec = (FwAxesSpec) {
    .title = importance->title,
    .x_label = importance->x_label,
    .x_format = importance->x_format,
    .x_min = lo,
    .x_max = hi,
    .y_categories = lay->labels,
    .n_y_categories = n,
  };
  if (n > 0)
    make_room_for_values (cr, width, height, style, importance, &lay->spec);
}

static void
layout_clear (Layout *lay)
{
  g_free (lay->order);
  g_free (lay->labels);
}

gboolean
fw_plot_importance_layout (double                  width,
                           double                  height,
                           const FwPlotStyle      *style,
                           const FwPlotImportance *importance,
                           FwPlotFrame            *frame,
                           guint                  *order)
{
  cairo_t *cr;
  Layout lay;

  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (importance != NULL, FALSE);
  g_return_val_if_fail (frame != NULL, FALSE);

  if (!(width > 0 && height > 0))
    return FALSE;
  cr = fw_plot_scratch_new ();
  layout_init (&lay, cr, width, height, style, importance);
  cairo_destroy (cr);
  fw_plot_frame_layout (width, height, style, &lay.spec, frame);
  if (order != NULL)
    for (guint r = 0; r < lay.spec.n_y_categories; r++)
      order[r] = lay.order[r];
  layout_clear (&lay);
  return TRUE;
}

static void
draw_row (cairo_t                *cr,
          const FwPlotStyle      *style,
          const FwPlotImportance *importance,
          const FwPlotFrame      *frame,
          guint                   row,
          guint                   i)
{
  double m = mean_of (importance, i), sd = sd_of (importance, i), hair = fw_plot_hairline (cr);
  double x0, x1, y0, y1, end;
  double cy = fw_plot_ranked_row (cr, style, frame, row, importance->n, &y0, &y1);
  g_autofree char *text = NULL;
  FwColor whisker = style->foreground;

  if (!isfinite (m))
    {
      fw_plot_text (cr, style, "—", fw_plot_frame_x (frame, 0) + style->font_size * 0.5, cy,
                    FW_TEXT_ANCHOR_START, FW_PLOT_RANKED_LABEL_SCALE, FALSE, &style->muted);
      return;
    }
  x0 = fw_plot_snap_x (cr, fw_plot_frame_x (frame, MIN (0.0, m)), FALSE);
  x1 = fw_plot_snap_x (cr, fw_plot_frame_x (frame, MAX (0.0, m)), FALSE);
  if (x1 > x0)
    {
      fw_color_set_source (cr, &style->series[0]);
      cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
      cairo_fill (cr);
    }

  end = fw_plot_frame_x (frame, m);
  if (isfinite (sd) && sd > 0)
    {
      double a = fw_plot_snap_x (cr, fw_plot_frame_x (frame, m - sd), TRUE);
      double b = fw_plot_snap_x (cr, fw_plot_frame_x (frame, m + sd), TRUE);
      double c = fw_plot_snap_y (cr, (y0 + y1) / 2, TRUE), cap = (y1 - y0) * 0.5;

      whisker.alpha = 0.85;
      fw_color_set_source (cr, &whisker);
      cairo_set_line_width (cr, hair);
      cairo_move_to (cr, a, c);
      cairo_line_to (cr, b, c);
      cairo_move_to (cr, a, c - cap / 2);
      cairo_line_to (cr, a, c + cap / 2);
      cairo_move_to (cr, b, c - cap / 2);
      cairo_line_to (cr, b, c + cap / 2);
      cairo_stroke (cr);
      end = m >= 0 ? b : a;
    }

  text = value_text (importance, frame, m);
  fw_plot_ranked_label (cr, style, frame, text, end, cy, m < 0);
}

void
fw_plot_importance_draw (cairo_t           *cr,
                         double             width,
                         double             height,
                         const FwPlotStyle *style,
                         gconstpointer      data)
{
  const FwPlotImportance *importance = data;
  FwPlotFrame frame;
  Layout lay;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (importance != NULL);

  if (!(width > 0 && height > 0))
    return;
  layout_init (&lay, cr, width, height, style, importance);
  cairo_save (cr);
  fw_plot_frame_draw (cr, width, height, style, &lay.spec, &frame);
  if (lay.spec.n_y_categories > 0 && frame.width > 0 && frame.height > 0)
    {
      fw_plot_frame_clip (cr, &frame);
      /* Negative means need the zero they are measured from. */
      if (frame.x_min < 0)
        {
          double hair = fw_plot_hairline (cr);
          double x = fw_plot_snap_x (cr, fw_plot_frame_x (&frame, 0), TRUE);

          fw_color_set_source (cr, &style->muted);
          cairo_set_line_width (cr, hair);
          cairo_move_to (cr, x, frame.top);
          cairo_line_to (cr, x, frame.top + frame.height);
          cairo_stroke (cr);
        }
      for (guint r = 0; r < lay.spec.n_y_categories; r++)
        draw_row (cr, style, importance, &frame, r, lay.order[r]);
      cairo_restore (cr);
    }
  cairo_restore (cr);
  layout_clear (&lay);
}
