/* fw-target-page.h — wizard step 3: choose what to predict and which columns are sensitive
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "fw-audit.h"
#include "fw-session.h"

G_BEGIN_DECLS

#define FW_TYPE_TARGET_PAGE (fw_target_page_get_type ())

G_DECLARE_FINAL_TYPE (FwTargetPage, fw_target_page, FW, TARGET_PAGE, GtkWidget)

GtkWidget     *fw_target_page_new                  (void);
/* The session the page shows and edits; the page keeps a reference. */
void           fw_target_page_set_session          (FwTargetPage *self,
                                                    FwSession    *session);

/* For tests and the window: the controls and what they show. */
AdwComboRow   *fw_target_page_get_target_row       (FwTargetPage *self);
/* NULL while the target has no classes to choose from. */
AdwComboRow   *fw_target_page_get_positive_row     (FwTargetPage *self);
const char    *fw_target_page_get_task_sentence    (FwTargetPage *self);
/* The switch that marks @column sensitive; NULL for a column that cannot be. */
GtkSwitch     *fw_target_page_get_sensitive_switch (FwTargetPage *self,
                                                    const char   *column);
/* The audit's group of rows for the sensitive column @attribute, or NULL. */
GtkWidget     *fw_target_page_get_audit_group      (FwTargetPage *self,
                                                    const char   *attribute);
const FwAudit *fw_target_page_get_audit            (FwTargetPage *self);

G_END_DECLS
