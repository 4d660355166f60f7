/* fw-results-page.h — wizard step 6: read how well and how fairly the model does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "fw-session.h"

G_BEGIN_DECLS

#define FW_TYPE_RESULTS_PAGE (fw_results_page_get_type ())

G_DECLARE_FINAL_TYPE (FwResultsPage, fw_results_page, FW, RESULTS_PAGE, GtkWidget)

GtkWidget  *fw_results_page_new                 (void);
/* The session whose trained model the page shows; the page keeps a reference. */
void        fw_results_page_set_session         (FwResultsPage *self,
                                                 FwSession     *session);

G_END_DECLS
