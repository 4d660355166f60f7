/* fw-model-page.h — wizard step 4: choose how the model learns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "fw-session.h"

G_BEGIN_DECLS

#define FW_TYPE_MODEL_PAGE (fw_model_page_get_type ())

G_DECLARE_FINAL_TYPE (FwModelPage, fw_model_page, FW, MODEL_PAGE, GtkWidget)

GtkWidget       *fw_model_page_new              (void);
/* The session the page shows and edits; the page keeps a reference. */
void             fw_model_page_set_session      (FwModelPage *self,
                                                 FwSession   *session);

G_END_DECLS
