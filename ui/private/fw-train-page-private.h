/* fw-train-page-private.h — what the Train step shows, for its tests and the speed benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-train-charts.h"
#include "fw-train-page.h"

G_BEGIN_DECLS

/* "ready", "preparing", "training" (also once the run has ended) or "error". */
const char    *fw_train_page_get_state           (FwTrainPage *self);
/* Preparing, training or assembling the model. */
gboolean       fw_train_page_get_busy            (FwTrainPage *self);
/* The heading of the training view, e.g. "Stopped by You". */
const char    *fw_train_page_get_status          (FwTrainPage *self);
FwTrainCharts *fw_train_page_get_charts          (FwTrainPage *self);
/* The mean of the epochs' training speed in the last run, and how many epochs it drew. */
double         fw_train_page_get_rows_per_second (FwTrainPage *self);
guint          fw_train_page_get_n_epochs_seen   (FwTrainPage *self);

G_END_DECLS
