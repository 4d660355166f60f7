/* fw-compare-view-private.h — the comparison as it runs and ranks, for the Model step's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-compare-view.h"
#include "fw-model-compare.h"

G_BEGIN_DECLS

/* The run (NULL before the first and after a cancel), the metric chooser, and the row
 * ranked @rank (from 0), whose subtitle starts with the metric's label and value. */
FwModelCompare *fw_compare_view_get_runner     (FwCompareView *self);
AdwComboRow    *fw_compare_view_get_rank_row   (FwCompareView *self);
AdwActionRow   *fw_compare_view_get_result_row (FwCompareView *self,
                                                guint          rank);
/* The result the row ranked @rank shows, and its "Use This Model" applies. */
const FwCompareResult *fw_compare_view_get_row_result (FwCompareView *self,
                                                       guint          rank);

G_END_DECLS
