/* fw-target-page.h — wizard step 3: choose what to predict and which columns are sensitive
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "fw-session.h"

G_BEGIN_DECLS

#define FW_TYPE_TARGET_PAGE (fw_target_page_get_type ())

G_DECLARE_FINAL_TYPE (FwTargetPage, fw_target_page, FW, TARGET_PAGE, GtkWidget)

GtkWidget     *fw_target_page_new                  (void);
/* The session the page shows and edits; the page keeps a reference. */
void           fw_target_page_set_session          (FwTargetPage *self,
                                                    FwSession    *session);

G_END_DECLS
