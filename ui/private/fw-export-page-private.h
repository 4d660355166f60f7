/* fw-export-page-private.h — what the Export step shows, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-export-page.h"

G_BEGIN_DECLS

/* "empty" or "ready". */
const char    *fw_export_page_get_state               (FwExportPage *self);
gboolean       fw_export_page_get_busy                (FwExportPage *self);
/* The last notice shown (a toast's title, or an error's explanation), or NULL. */
const char    *fw_export_page_get_last_message        (FwExportPage *self);
gboolean       fw_export_page_get_last_failed         (FwExportPage *self);
GtkTextBuffer *fw_export_page_get_intended_use_buffer (FwExportPage *self);

G_END_DECLS
