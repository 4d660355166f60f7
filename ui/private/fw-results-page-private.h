/* fw-results-page-private.h — what the Results step shows, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-results-page.h"

G_BEGIN_DECLS

/* The value shown for metric @key ("accuracy", …), or NULL. */
const char *fw_results_page_get_metric_text     (FwResultsPage *self,
                                                 const char    *key);
/* The "too good to be true" warning shown above the figures, or NULL when none is. */
const char *fw_results_page_get_too_good        (FwResultsPage *self);
/* The global threshold slider (binary tasks). */
GtkRange   *fw_results_page_get_threshold_scale (FwResultsPage *self);
/* The live figures of the tuning (validation) rows at the slider(s). */
const char *fw_results_page_get_tuning_text     (FwResultsPage *self);
/* The words over the slider (@tuning) or over the test metrics. */
const char *fw_results_page_get_caption         (FwResultsPage *self,
                                                 gboolean       tuning);
/* "Use for the Model": the slider's threshold becomes the model's. */
GtkWidget  *fw_results_page_get_use_button      (FwResultsPage *self);
/* A cell of the per-group table ("n", "selection_rate", "tpr", "fpr", "accuracy";
 * regression "mae", "mean_prediction"), or NULL. */
const char *fw_results_page_get_group_text      (FwResultsPage *self,
                                                 const char    *attribute,
                                                 const char    *group,
                                                 const char    *column);

G_END_DECLS
