/* fw-data-page-private.h — what the Data step shows, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-data-page.h"
#include "fw-import.h"

G_BEGIN_DECLS

/* "empty", "loading", "error" or "preview". */
const char    *fw_data_page_get_state           (FwDataPage *self);
GtkColumnView *fw_data_page_get_column_view     (FwDataPage *self);
const char    *fw_data_page_get_summary         (FwDataPage *self);
/* The message shown on the error page, or NULL. */
const char    *fw_data_page_get_error_message   (FwDataPage *self);
/* The import running now, or NULL. */
FwImport      *fw_data_page_get_import          (FwDataPage *self);
gboolean       fw_data_page_get_restore_offered (FwDataPage *self);
/* The recently opened files; a row activates win.open-recent with the file's URI. */
GtkListBox    *fw_data_page_get_recent_list     (FwDataPage *self);

G_END_DECLS
