/* fw-column-card-private.h — a column card's fix buttons, for the Clean step's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-column-card.h"

G_BEGIN_DECLS

/* The button offering @kind as a suggested fix, or NULL. */
GtkWidget *fw_column_card_get_fix_button (FwColumnCard *self,
                                          FwStepKind    kind);
/* What bar @bar of the card's histogram stands for, as its tooltip says it; NULL past the
 * last bar. */
char      *fw_column_card_describe_bar   (FwColumnCard *self,
                                          guint         bar);

G_END_DECLS
