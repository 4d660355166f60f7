/* fw-threshold-policy.h — which per-group decision thresholds a model is fitted with
 *
 * A choice the recipe records (so a replay fits the same thresholds) and the evaluation's
 * threshold fitting carries out; text only at the edges: the CLI flag and JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  FW_THRESHOLD_POLICY_NONE,     /* one threshold for everyone: nothing is fitted */
  FW_THRESHOLD_POLICY_PARITY,   /* equal selection rates (demographic parity) */
  FW_THRESHOLD_POLICY_TPR,      /* equal true-positive rates (equal opportunity) */
  FW_THRESHOLD_POLICY_MANUAL,   /* chosen by hand on the tuning rows; the recipe lists them */
} FwThresholdPolicy;

/* "none", "parity", "tpr", "manual": the recipe's values (the CLI's --threshold-policy takes
 * the first three; "manual" needs the recipe's group_thresholds); the thresholds JSON and the
 * project file hold the last three. */
const char *fw_threshold_policy_to_string   (FwThresholdPolicy  policy);
gboolean    fw_threshold_policy_from_string (const char        *name,
                                             FwThresholdPolicy *policy);

G_END_DECLS
