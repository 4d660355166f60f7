/* fw-compare-text.h — the words and numbers the Compare rows show
 *
 * GTK-free, so the core tests read the same sentences the Model step shows.  Every string
 * is newly allocated and translated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-model-compare.h"

G_BEGIN_DECLS

/* "81.2 %", "0.812", "3.21"; "not measured" for NaN. */
char *fw_compare_format_metric         (FwCompareMetric        metric,
                                        double                 value);
/* "81.2 % ± 1.1": a mean and its sd over the folds, in the metric's units. */
char *fw_compare_format_mean_sd        (FwCompareMetric        metric,
                                        double                 mean,
                                        double                 sd);
/* "Balanced accuracy on each of the 5 folds: 80.1 %, 82.0 %, …". */
char *fw_compare_format_folds          (FwCompareMetric        metric,
                                        const FwCompareResult *result);
/* One line on why the one-standard-error rule recommends its pick for @metric
 * ("Recommended: simpler, and within one standard error (1.2 points) of the best average
 * (81.2 %)"); NULL when nothing was measured. */
char *fw_compare_recommendation_reason (FwModelCompare        *compare,
                                        FwCompareMetric        metric);

G_END_DECLS
