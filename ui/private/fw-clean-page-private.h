/* fw-clean-page-private.h — what the Clean step shows, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-clean-page.h"
#include "fw-column-card.h"
#include "fw-table-model.h"

G_BEGIN_DECLS

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
