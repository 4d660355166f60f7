/* fw-train-charts.h — the Train step's live charts: loss, validation metric, fairness
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "fw-trainer.h"

G_BEGIN_DECLS

#define FW_TYPE_TRAIN_CHARTS (fw_train_charts_get_type ())

G_DECLARE_FINAL_TYPE (FwTrainCharts, fw_train_charts, FW, TRAIN_CHARTS, GtkWidget)

GtkWidget *fw_train_charts_new          (void);
/* Empties every chart for a run of @epochs epochs measuring @attributes (NULL-terminated
 * sensitive column names, may be NULL) on a task judged by @metric_name ("accuracy" or
 * "rmse"). */
void       fw_train_charts_reset        (FwTrainCharts        *self,
                                         guint                 epochs,
                                         char *const          *attributes,
                                         const char           *metric_name);
/* Adds one epoch's points; nothing is drawn until fw_train_charts_redraw(), so a frame
 * that drains many epochs draws once. */
void       fw_train_charts_add_epoch    (FwTrainCharts        *self,
                                         const FwTrainerEvent *epoch);
/* Marks the best epoch on the loss chart (0: none). */
void       fw_train_charts_set_best     (FwTrainCharts        *self,
                                         guint                 epoch);
/* Queues a redraw of the charts that changed since the last call. */
void       fw_train_charts_redraw       (FwTrainCharts        *self);

G_END_DECLS
