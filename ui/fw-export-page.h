/* fw-export-page.h — wizard step 7: save the model, its predictions, report and recipe
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "fw-export-job.h"
#include "fw-project.h"
#include "fw-session.h"

G_BEGIN_DECLS

#define FW_TYPE_EXPORT_PAGE (fw_export_page_get_type ())

G_DECLARE_FINAL_TYPE (FwExportPage, fw_export_page, FW, EXPORT_PAGE, GtkWidget)

GtkWidget  *fw_export_page_new               (void);
/* The session the page shows and edits; the page keeps a reference. */
void        fw_export_page_set_session       (FwExportPage *self,
                                              FwSession    *session);
/* The project keeps the intended use typed here; the page keeps a reference. */
void        fw_export_page_set_project       (FwExportPage *self,
                                              FwProject    *project);

/* Writes one file (what a row's Save… does once a name is chosen), in the background. */
void        fw_export_page_save              (FwExportPage *self,
                                              FwExportKind  kind,
                                              GFile        *file);
/* Writes every file into @folder with names from the data file's (Save All…). */
void        fw_export_page_save_all          (FwExportPage *self,
                                              GFile        *folder);

G_END_DECLS
