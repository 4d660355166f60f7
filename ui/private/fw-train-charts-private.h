/* fw-train-charts-private.h — the Train step's four charts, for fw-train-charts.c and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-train-charts.h"

G_BEGIN_DECLS

typedef enum {
  FW_TRAIN_CHART_LOSS,          /* training and validation loss per epoch */
  FW_TRAIN_CHART_METRIC,        /* the validation metric per epoch */
  FW_TRAIN_CHART_FAIRNESS,      /* per sensitive column: parity and odds gaps per epoch */
  FW_TRAIN_CHART_GROUPS,        /* the latest epoch's selection rate (MAE) per group */
  FW_TRAIN_N_CHARTS
} FwTrainChart;

/* The points in the first series of @chart (groups: the bars). */
gsize fw_train_charts_get_n_points  (FwTrainCharts *self,
                                     FwTrainChart   chart);
/* How many redraws the charts have queued. */
guint fw_train_charts_get_n_redraws (FwTrainCharts *self);

G_END_DECLS
