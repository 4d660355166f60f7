/* fw-results-group-table.h — the Results step's per-group figures as a grid of labels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "fw-fairness.h"

G_BEGIN_DECLS

/* A grid with one row per group of @fairness (rows, selection rate, TPR, FPR, accuracy; or
 * for regression the typical error and mean prediction), each cell a GtkLabel named
 * "ATTRIBUTE/GROUP/COLUMN" (column: "n", "selection_rate", "tpr", "fpr", "accuracy",
 * "mae", "mean_prediction") so tests can read it. */
GtkWidget *fw_results_group_table (const FwFairness *fairness,
                                   const char       *attribute);

G_END_DECLS
