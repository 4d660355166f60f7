/* fw-fairness-private.h — what the fairness files share (engine-internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>
#include "fw-fairness.h"
#include "fw-random.h"

G_BEGIN_DECLS

/* A regression's sums per group. */
enum {
  FW_FAIRNESS_SUM_WEIGHT,
  FW_FAIRNESS_SUM_ABS_ERROR,
  FW_FAIRNESS_SUM_PREDICTION,
  FW_FAIRNESS_N_SUMS
};

/* The rows once sorted into cells: all a resample needs. */
typedef struct
{
  guint          n_groups;
  gboolean       regression;
  guint          stride;        /* sums per group: outcome kinds, or FW_FAIRNESS_N_SUMS */
  gsize          n;
  const guint32 *cells;         /* classification: group × stride + kind, else the group */
  const float   *weights;
  const float   *actual, *predicted;
  const gboolean *used;         /* per group: in the summaries */
  gboolean       positive_is_harmful;
  gboolean       need_two;      /* fewer than two used groups: every summary NaN */
} FwFairnessRows;

/* Adds one regression row of weight @w to its group's @sums. */
static inline void
fw_fairness_add_regression (double *sums,
                            double  w,
                            float   actual,
                            float   predicted)
{
  sums[FW_FAIRNESS_SUM_WEIGHT] += w;
  sums[FW_FAIRNESS_SUM_ABS_ERROR] += w * fabs ((double) actual - predicted);
  sums[FW_FAIRNESS_SUM_PREDICTION] += w * predicted;
}

/* One bootstrap resample: n rows drawn with replacement from @rng, their weights summed
 * into @sums (n_groups × stride) as the estimate sums them. */
void      fw_fairness_resample (const FwFairnessRows *rows,
                                FwRng                *rng,
                                double               *sums);
/* The percentile interval at @level (0.95: from 2.5% to 97.5%, numpy's linear quantile) of
 * the @n samples in @samples, which it reorders, leaving out NaN.  FALSE, and @interval
 * untouched, when fewer than half the samples are defined. */
gboolean  fw_fairness_interval (double               *samples,
                                guint                 n,
                                double                level,
                                FwFairnessInterval   *interval);

G_END_DECLS
