/* fw-mitigation-private.h — what the mitigation files share (engine-internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-mitigation.h"

G_BEGIN_DECLS

/* TRUE when row @i has no weight (@weights NULL) or a finite one ≥ 0; else FALSE with
 * @error naming the row. */
gboolean fw_mitigation_check_weight (const float  *weights,
                                     gsize         i,
                                     GError      **error);

G_END_DECLS
