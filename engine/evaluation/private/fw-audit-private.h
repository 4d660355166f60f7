/* fw-audit-private.h — what fw-audit.c and fw-audit-findings.c share (engine-internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-audit.h"

G_BEGIN_DECLS

/* Adds to audit->findings what attribute @a's measured groups, gaps and associations show:
 * small groups, a base-rate gap, missing gaps, proxies. */
void fw_audit_find          (FwAudit *audit,
                             guint    a);
/* The free function of audit->findings. */
void fw_audit_finding_free  (gpointer data);

G_END_DECLS
