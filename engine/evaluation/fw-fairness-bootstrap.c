/* fw-fairness-bootstrap.c — resamples and percentile intervals for the fairness summaries
 *
 * A resample keeps each row's cell, so it is n draws adding a weight to a cell: no
 * allocation, nothing sorted per draw.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include "fw-fairness-private.h"
#include "fw-stats.h"

/* Uniform in [0, @bound): Lemire's multiply-and-shift ("Fast random integer generation in
 * an interval", 2019), unbiased by rejection, a division only on the rare retry. */
static inline gsize
draw_row (FwRng *rng,
          gsize  bound)
{
  guint64 m;
  guint32 low;

  if (bound > G_MAXUINT32)
    return fw_rng_below (rng, bound);
  m = (fw_rng_next (rng) >> 32) * (guint64) bound;
  low = (guint32) m;
  if (low < bound)
    {
      guint32 threshold = (guint32) (0 - (guint32) bound) % (guint32) bound;

      while (low < threshold)
        {
          m = (fw_rng_next (rng) >> 32) * (guint64) bound;
          low = (guint32) m;
        }
    }
  return (gsize) (m >> 32);
}

void
fw_fairness_resample (const FwFairnessRows *rows,
                      FwRng                *rng,
                      double               *sums)
{
  memset (sums, 0, sizeof (double) * rows->n_groups * rows->stride);
  for (gsize j = 0; j < rows->n; j++)
    {
      gsize i = draw_row (rng, rows->n);
      double w = rows->weights != NULL ? rows->weights[i] : 1.0;

      if (rows->regression)
        fw_fairness_add_regression (sums + rows->cells[i] * FW_FAIRNESS_N_SUMS, w,
                                    rows->actual[i], rows->predicted[i]);
      else
        sums[rows->cells[i]] += w;
    }
}

gboolean
fw_fairness_interval (double             *samples,
                      guint               n,
                      double              level,
                      FwFairnessInterval *interval)
{
  guint m = 0;

  for (guint r = 0; r < n; r++)
    if (!isnan (samples[r]))
      samples[m++] = samples[r];
  if (m == 0 || 2 * m < n)
    return FALSE;
  fw_stats_sort (samples, m);
  interval->low = fw_stats_quantile_sorted (samples, m, (1 - level) / 2);
  interval->high = fw_stats_quantile_sorted (samples, m, (1 + level) / 2);
  return TRUE;
}
