/* fw-plot-sparkline.c — histogram sparkline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include "fw-plot-sparkline.h"

void
fw_plot_sparkline_draw (cairo_t           *cr,
                        double             width,
                        double             height,
                        const FwPlotStyle *style,
                        const guint       *counts,
                        guint              n_bins)
{
  guint peak = 0;
  double bar, gap, unit_x = 1.0, unit_y = 1.0;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (counts != NULL || n_bins == 0);

  if (width <= 0 || height <= 0 || n_bins == 0)
    return;
  for (guint i = 0; i < n_bins; i++)
    peak = MAX (peak, counts[i]);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_device_to_user_distance (cr, &unit_x, &unit_y);
  unit_y = fabs (unit_y);

  /* Bars keep a hairline gap while they are wide enough to show one. */
  bar = width / n_bins;
  gap = bar >= 4 * fabs (unit_x) ? fabs (unit_x) : 0.0;
  fw_color_set_source (cr, &style->series[0]);
  for (guint i = 0; i < n_bins && peak > 0; i++)
    {
      double h;

      if (counts[i] == 0)
        continue;
      h = MAX (unit_y, height * counts[i] / peak);
      cairo_rectangle (cr, i * bar, height - h, bar - gap, h);
    }
  cairo_fill (cr);

  fw_color_set_source (cr, &style->muted);
  cairo_rectangle (cr, 0, height - unit_y, width, unit_y);
  cairo_fill (cr);
  cairo_restore (cr);
}
