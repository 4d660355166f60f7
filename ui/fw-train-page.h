/* fw-train-page.h — wizard step 5: watch the model learn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "fw-session.h"
#include "fw-train-charts.h"

G_BEGIN_DECLS

#define FW_TYPE_TRAIN_PAGE (fw_train_page_get_type ())

G_DECLARE_FINAL_TYPE (FwTrainPage, fw_train_page, FW, TRAIN_PAGE, GtkWidget)

GtkWidget     *fw_train_page_new                 (void);
/* The session the page trains from and hands the model to; the page keeps a reference. */
void           fw_train_page_set_session         (FwTrainPage *self,
                                                  FwSession   *session);

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
