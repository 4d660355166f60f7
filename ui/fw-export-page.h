/* fw-export-page.h — wizard step: save the model, its predictions and its report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "fw-session.h"

G_BEGIN_DECLS

#define FW_TYPE_EXPORT_PAGE (fw_export_page_get_type ())

G_DECLARE_FINAL_TYPE (FwExportPage, fw_export_page, FW, EXPORT_PAGE, GtkWidget)

GtkWidget *fw_export_page_new         (void);
/* The session the page shows and edits; the page keeps a reference. */
void       fw_export_page_set_session (FwExportPage *self,
                                       FwSession *session);

G_END_DECLS
