/* fw-threshold-policy.c — which per-group decision thresholds a model is fitted with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-threshold-policy.h"

static const char *const policy_names[] = { "none", "parity", "tpr", "manual", NULL };

const char *
fw_threshold_policy_to_string (FwThresholdPolicy policy)
{
  g_return_val_if_fail ((guint) policy <= FW_THRESHOLD_POLICY_MANUAL, NULL);

  return policy_names[policy];
}

gboolean
fw_threshold_policy_from_string (const char        *name,
                                 FwThresholdPolicy *policy)
{
  g_return_val_if_fail (policy != NULL, FALSE);

  for (guint i = 0; name != NULL && policy_names[i] != NULL; i++)
    if (g_str_equal (name, policy_names[i]))
      {
        *policy = i;
        return TRUE;
      }
  return FALSE;
}
