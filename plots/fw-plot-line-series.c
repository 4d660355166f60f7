/* fw-plot-line-series.c — the streaming store behind the line chart
 *
 * Points live in one growing array of interleaved (x, y) doubles: O(1) amortised appends,
 * and a drawing pass walks memory in order.  Beside it, a two-level min/max pyramid (the y
 * extent of every 32 and every 1024 points) is kept up to date in O(1) per append, so that
 * for the common series (x increasing, no gaps) the extent of any index range costs a few
 * dozen reads instead of one per point.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include "fw-plot-line-private.h"

static void
reset (FwLineSeries *self)
{
  self->n = 0;
  self->x_min = self->y_min = self->y_min_positive = INFINITY;
  self->x_max = self->y_max = -INFINITY;
  self->x_sorted = TRUE;
  self->n_gaps = 0;
  self->n_non_positive = 0;
}

FwLineSeries *
fw_line_series_new (const char *name,
                    guint       color,
                    gboolean    dashed)
{
  FwLineSeries *self = g_new0 (FwLineSeries, 1);

  self->name = g_strdup (name);
  self->color = color;
  self->dashed = dashed;
  reset (self);
  return self;
}

void
fw_line_series_free (FwLineSeries *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->xy);
  g_free (self->blocks);
  g_free (self->supers);
  g_free (self);
}

void
fw_line_series_reserve (FwLineSeries *self,
                        gsize         n)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (n <= G_MAXSIZE / (2 * sizeof (double)));

  if (n <= self->capacity)
    return;
  self->xy = g_renew (double, self->xy, 2 * n);
  self->blocks = g_renew (FwLineExtent, self->blocks, n / FW_LINE_BLOCK + 1);
  self->supers = g_renew (FwLineExtent, self->supers, n / FW_LINE_SUPER + 1);
  self->capacity = n;
}

static inline void
widen (FwLineExtent *extent,
       gboolean      first,
       double        y)
{
  if (first)
    {
      extent->lo = extent->hi = y;
      return;
    }
  extent->lo = MIN (extent->lo, y);
  extent->hi = MAX (extent->hi, y);
}

void
fw_line_series_append (FwLineSeries *self,
                       double        x,
                       double        y)
{
  gsize i;

  g_return_if_fail (self != NULL);

  /* Doubling keeps appends O(1) amortised. */
  if (self->n == self->capacity)
    fw_line_series_reserve (self, MAX (256, 2 * self->capacity));
  i = self->n++;
  self->xy[2 * i] = x;
  self->xy[2 * i + 1] = y;
  /* Only read when the series has no gaps, so NaNs landing here do no harm. */
  widen (&self->blocks[i / FW_LINE_BLOCK], i % FW_LINE_BLOCK == 0, y);
  widen (&self->supers[i / FW_LINE_SUPER], i % FW_LINE_SUPER == 0, y);

  if (!isfinite (x) || !isfinite (y))
    {
      self->n_gaps++;
      return;
    }
  if (i > 0 && !(x >= self->xy[2 * (i - 1)]))
    self->x_sorted = FALSE;
  self->x_min = MIN (self->x_min, x);
  self->x_max = MAX (self->x_max, x);
  self->y_min = MIN (self->y_min, y);
  self->y_max = MAX (self->y_max, y);
  if (y > 0.0)
    self->y_min_positive = MIN (self->y_min_positive, y);
  else
    self->n_non_positive++;
}

void
fw_line_series_clear (FwLineSeries *self)
{
  g_return_if_fail (self != NULL);

  reset (self);
}

gsize
fw_line_series_get_length (const FwLineSeries *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n;
}

gboolean
fw_line_series_get_point (const FwLineSeries *self,
                          gsize               i,
                          double             *x,
                          double             *y)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (i >= self->n)
    return FALSE;
  if (x != NULL)
    *x = self->xy[2 * i];
  if (y != NULL)
    *y = self->xy[2 * i + 1];
  return TRUE;
}

const char *
fw_line_series_get_name (const FwLineSeries *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}

gboolean
fw_line_series_get_range (const FwLineSeries *self,
                          double             *x_min,
                          double             *x_max,
                          double             *y_min,
                          double             *y_max,
                          double             *y_min_positive)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (x_min != NULL)
    *x_min = self->x_min;
  if (x_max != NULL)
    *x_max = self->x_max;
  if (y_min != NULL)
    *y_min = self->y_min;
  if (y_max != NULL)
    *y_max = self->y_max;
  if (y_min_positive != NULL)
    *y_min_positive = self->y_min_positive;
  return self->x_min <= self->x_max;
}

gboolean
fw_line_series_is_monotone (const FwLineSeries *self,
                            gboolean            log)
{
  return self->x_sorted && self->n_gaps == 0 && (!log || self->n_non_positive == 0);
}

void
fw_line_series_extent (const FwLineSeries *self,
                       gsize               i0,
                       gsize               i1,
                       double             *lo,
                       double             *hi)
{
  double a = INFINITY, b = -INFINITY;
  gsize i = i0;

  g_assert (i1 <= self->n);

  /* Single points up to a block boundary, then the largest whole blocks that fit. */
  while (i < i1)
    {
      const FwLineExtent *e = NULL;

      if (i % FW_LINE_SUPER == 0 && i + FW_LINE_SUPER <= i1)
        {
          e = &self->supers[i / FW_LINE_SUPER];
          i += FW_LINE_SUPER;
        }
      else if (i % FW_LINE_BLOCK == 0 && i + FW_LINE_BLOCK <= i1)
        {
          e = &self->blocks[i / FW_LINE_BLOCK];
          i += FW_LINE_BLOCK;
        }
      if (e != NULL)
        {
          a = MIN (a, e->lo);
          b = MAX (b, e->hi);
        }
      else
        {
          double y = self->xy[2 * i++ + 1];

          a = MIN (a, y);
          b = MAX (b, y);
        }
    }
  *lo = a;
  *hi = b;
}
