/* fw-clean-page.h — wizard step 2: review each column and fix what needs fixing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "fw-session.h"

G_BEGIN_DECLS

/* The preview shows the cleaned table's first rows only: enough to see what each step
 * does, and quick to redo after every click. */
#define FW_CLEAN_PAGE_PREVIEW_ROWS 1000

#define FW_TYPE_CLEAN_PAGE (fw_clean_page_get_type ())

G_DECLARE_FINAL_TYPE (FwCleanPage, fw_clean_page, FW, CLEAN_PAGE, GtkWidget)

GtkWidget    *fw_clean_page_new               (void);
/* The session the page shows and edits; the page keeps a reference. */
void          fw_clean_page_set_session       (FwCleanPage *self,
                                               FwSession   *session);

G_END_DECLS
