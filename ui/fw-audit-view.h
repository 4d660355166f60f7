/* fw-audit-view.h — the data audit (fw-audit.h) as preference groups a person can read
 *
 * One group per sensitive column: a row per group of people with its size, its share of
 * the table and its base rate as a bar; and one group of findings, each a plain sentence
 * with a warning sign.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "fw-audit.h"

G_BEGIN_DECLS

/* An AdwPreferencesGroup for @audit's attribute @attribute; each group's row is an
 * AdwActionRow titled with the group's name whose subtitle starts with its row count. */
GtkWidget *fw_audit_view_new_attribute (const FwAudit *audit,
                                        guint          attribute);
/* An AdwPreferencesGroup of @audit's findings, or NULL when there are none. */
GtkWidget *fw_audit_view_new_findings  (const FwAudit *audit);

G_END_DECLS
