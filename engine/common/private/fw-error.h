/* fw-error.h — setting a GError in one line (engine-internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets @error from @format and returns FALSE, so a check can end in
 * "return fw_set_error (…)". */
gboolean fw_set_error (GError    **error,
                       GQuark      domain,
                       int         code,
                       const char *format,
                       ...) G_GNUC_PRINTF (4, 5);

G_END_DECLS
