/* fw-train-test.h — what the Train and Results page tests share: a trained session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-train-page-private.h"
#include "fw-ui-test.h"

G_BEGIN_DECLS

/* Opens @rows of the sample, predicting approved with sex as the sensitive column, a
 * logistic model of @epochs epochs (@patience 0: no early stopping), and goes to the Train
 * step; returns its page. */
FwTrainPage *fw_train_test_prepare       (FwUiFixture *fixture,
                                          guint64      rows,
                                          guint        epochs,
                                          guint        patience);
/* Clicks Start Training the way a user does and waits until the model is in the session. */
void         fw_train_test_train         (FwUiFixture *fixture,
                                          FwTrainPage *page);
/* fw_ui_test_save_screenshot() in light and in dark mode: NAME-light.png, NAME-dark.png. */
void         fw_train_test_screenshots   (GtkWidget   *widget,
                                          const char  *name);
/* Waits until @page is no longer busy. */
void         fw_train_test_wait_idle     (FwTrainPage *page);
/* `$FAIRWAY_CLI train --recipe` on the session's data and recipe: the mean of its epochs'
 * rows per second (the same figure as fw_train_page_get_rows_per_second). */
double       fw_train_test_cli_rows_per_second (FwUiFixture *fixture);
/* The CPU time the calling thread has used, in µs. */
gint64       fw_train_test_thread_cpu_us       (void);

G_END_DECLS
