/* fw-column-card.h — one column of the table, as the Clean step shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "fw-session.h"

G_BEGIN_DECLS

#define FW_TYPE_COLUMN_CARD (fw_column_card_get_type ())

G_DECLARE_FINAL_TYPE (FwColumnCard, fw_column_card, FW, COLUMN_CARD, GtkWidget)

GtkWidget  *fw_column_card_new         (void);
/* Shows column @index of @session's table, with the fixes @suggested (a recipe's steps:
 * the ones for this column are offered first; may be NULL).  Cards are recycled as the
 * list scrolls, so everything shown comes from here; @session and @suggested must outlive
 * the binding (until fw_column_card_unbind or the next bind). */
/* @suggested: the steps Apply All would add; @date_features: FwDateFeature of the table
 * (fw-date-features.h), or NULL; both borrowed until the next bind or unbind. */
void        fw_column_card_bind        (FwColumnCard    *self,
                                        FwSession       *session,
                                        guint            index,
                                        const GPtrArray *suggested,
                                        const GPtrArray *date_features);
void        fw_column_card_unbind      (FwColumnCard    *self);
/* The session's steps changed: shows the ones for this column and offers the rest. */
void        fw_column_card_refresh     (FwColumnCard    *self);

/* The column shown; G_MAXUINT when unbound. */
guint       fw_column_card_get_index   (FwColumnCard    *self);

G_END_DECLS
