/* fw-plot-line-private.h — the series store's insides, for the drawing code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-plot-line.h"

G_BEGIN_DECLS

/* Points per summary block at the two levels of the min/max pyramid. */
#define FW_LINE_BLOCK  32
#define FW_LINE_SUPER  1024

typedef struct
{
  double lo, hi;
} FwLineExtent;

struct _FwLineSeries
{
  char         *name;
  guint         color;
  gboolean      dashed;

  double       *xy;               /* x0, y0, x1, y1, … */
  gsize         n, capacity;

  /* Over the finite points; min > max while there are none. */
  double        x_min, x_max, y_min, y_max;
  double        y_min_positive;   /* +inf while there is none */

  /* What lets drawing skip the per-point pass: x never decreasing, no gaps. */
  gboolean      x_sorted;
  gsize         n_gaps;           /* points with a non-finite x or y */
  gsize         n_non_positive;   /* finite points with y ≤ 0: gaps on a log axis */
  /* y extents of points [k·BLOCK, (k+1)·BLOCK) and [k·SUPER, (k+1)·SUPER). */
  FwLineExtent *blocks, *supers;
};

/* TRUE when every point is drawable (on a log axis with @log) and x never decreases, so a
 * column's points are one index range and fw_line_series_extent() answers for it. */
gboolean fw_line_series_is_monotone (const FwLineSeries *self,
                                     gboolean            log);
/* Lowest and highest y of points [@i0, @i1) of a monotone series, in O(log) blocks. */
void     fw_line_series_extent      (const FwLineSeries *self,
                                     gsize               i0,
                                     gsize               i1,
                                     double             *lo,
                                     double             *hi);

G_END_DECLS
