/* fw-compare-view.h — "Compare models": run the candidates, then rank them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "fw-session.h"

G_BEGIN_DECLS

#define FW_TYPE_COMPARE_VIEW (fw_compare_view_get_type ())

G_DECLARE_FINAL_TYPE (FwCompareView, fw_compare_view, FW, COMPARE_VIEW, AdwPreferencesGroup)

/* Actions: compare.start, compare.cancel. */
GtkWidget      *fw_compare_view_new            (void);
void            fw_compare_view_set_session    (FwCompareView *self,
                                                FwSession     *session);

G_END_DECLS
