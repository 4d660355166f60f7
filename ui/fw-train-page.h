/* fw-train-page.h — wizard step 5: watch the model learn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "fw-session.h"

G_BEGIN_DECLS

#define FW_TYPE_TRAIN_PAGE (fw_train_page_get_type ())

G_DECLARE_FINAL_TYPE (FwTrainPage, fw_train_page, FW, TRAIN_PAGE, GtkWidget)

GtkWidget     *fw_train_page_new                 (void);
/* The session the page trains from and hands the model to; the page keeps a reference. */
void           fw_train_page_set_session         (FwTrainPage *self,
                                                  FwSession   *session);

G_END_DECLS
