/* fw-target-page-private.h — the Target step's controls and what they show, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-audit.h"
#include "fw-target-page.h"

G_BEGIN_DECLS

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
