/* fw-predictions.h — a trained model's predictions for a table, written as CSV
 *
 * The file `fairway-cli predict` writes and the Export step saves (docs/file-formats.md): a header
 * `row,prediction` plus one `p_<class>` column per class for classification, then one
 * line per row of the table, numbered from 1.  Written atomically.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "fw-table.h"
#include "fw-trained-model.h"

G_BEGIN_DECLS

/* Predicts every row of @table with @trained (its own decision rule, per-group thresholds
 * included) and writes the CSV to @file; on any failure nothing appears at @file. */
gboolean fw_predictions_write (const FwTrainedModel *trained,
                               const FwTable        *table,
                               GFile                *file,
                               GCancellable         *cancellable,
                               GError              **error);

G_END_DECLS
