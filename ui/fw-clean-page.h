/* fw-clean-page.h — wizard step 2: review each column and fix what needs fixing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "fw-column-card.h"
#include "fw-session.h"
#include "fw-table-model.h"

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

/* For tests: what the page shows. */
/* One item per column of the table; the cards are made for the visible ones only. */
GListModel   *fw_clean_page_get_columns       (FwCleanPage *self);
/* The card showing column @index, or NULL when it is not on screen. */
FwColumnCard *fw_clean_page_get_card          (FwCleanPage *self,
                                               guint        index);
/* The step list's sentences (GtkStringObjects), in order. */
GListModel   *fw_clean_page_get_steps         (FwCleanPage *self);
/* "cards" or "preview". */
AdwViewStack *fw_clean_page_get_view_stack    (FwCleanPage *self);
/* The cleaned table the preview shows; NULL until the preview has been looked at. */
FwTableModel *fw_clean_page_get_preview_model (FwCleanPage *self);
const char   *fw_clean_page_get_summary       (FwCleanPage *self);

G_END_DECLS
