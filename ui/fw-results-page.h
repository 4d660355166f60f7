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

/* For tests: the value shown for metric @key ("accuracy", …), or NULL. */
const char *fw_results_page_get_metric_text     (FwResultsPage *self,
                                                 const char    *key);
/* For tests: the global threshold slider (binary tasks). */
GtkRange   *fw_results_page_get_threshold_scale (FwResultsPage *self);
/* For tests: a cell of the per-group table ("n", "selection_rate", "tpr", "fpr",
 * "accuracy"; regression "mae", "mean_prediction"), or NULL. */
const char *fw_results_page_get_group_text      (FwResultsPage *self,
                                                 const char    *attribute,
                                                 const char    *group,
                                                 const char    *column);

G_END_DECLS
