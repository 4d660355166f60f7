/* fw-mitigation-manual.c — per-group thresholds chosen by hand, made into a model's
 *
 * The Results step's per-group sliders set them on the tuning rows; a group with too few
 * of those rows keeps the common threshold, since a cut-off tuned on a handful of rows says
 * more about those rows than about the group.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include "fw-error.h"
#include "fw-mitigation.h"

/* The weighted share of @group's rows with P(positive) ≥ @threshold; NaN without rows. */
static double
selection_rate (const FwMitigationInput *input,
                guint32                  group,
                double                   threshold)
{
  double selected = 0.0, total = 0.0;

  for (gsize i = 0; i < input->n; i++)
    if (input->groups[i] == group)
      {
        double w = input->weights != NULL ? input->weights[i] : 1.0;

        total += w;
        if (input->p_positive[i] >= threshold)
          selected += w;
      }
  return total > 0.0 ? selected / total : NAN;
}

FwThresholds *
fw_thresholds_new_manual (const FwMitigationInput  *input,
                          const FwManualThresholds *manual,
                          GError                  **error)
{
  g_autoptr(FwThresholds) thresholds = NULL;
  g_autofree gsize *rows = NULL;
  guint n_extra = 0;

  g_return_val_if_fail (input != NULL && manual != NULL, NULL);
  g_return_val_if_fail (manual->names != NULL && manual->values != NULL, NULL);

  if (!(manual->common >= 0.0 && manual->common <= 1.0))
    {
      fw_set_error (error, FW_MITIGATION_ERROR, FW_MITIGATION_ERROR_INVALID,
                    _("A threshold must be between 0 and 1, not %g"), manual->common);
      return NULL;
    }
  for (guint k = 0; manual->names[k] != NULL; k++)
    if (!(manual->values[k] >= 0.0 && manual->values[k] <= 1.0))
      {
        fw_set_error (error, FW_MITIGATION_ERROR, FW_MITIGATION_ERROR_INVALID,
                      _("A threshold must be between 0 and 1, not %g"), manual->values[k]);
        return NULL;
      }
  rows = g_new0 (gsize, MAX (input->n_groups, 1));
  for (gsize i = 0; i < input->n; i++)
    {
      if (input->groups[i] >= input->n_groups)
        {
          fw_set_error (error, FW_MITIGATION_ERROR, FW_MITIGATION_ERROR_INVALID,
                        _("Row %zu has group %u; there are only %u"),
                        i + 1, input->groups[i], input->n_groups);
          return NULL;
        }
      rows[input->groups[i]]++;
    }
  /* Groups chosen for but absent from these rows still decide new data. */
  for (guint k = 0; manual->names[k] != NULL; k++)
    if (!g_strv_contains (input->group_names, manual->names[k]))
      n_extra++;

  thresholds = g_new0 (FwThresholds, 1);
  thresholds->policy = FW_THRESHOLD_POLICY_MANUAL;
  thresholds->n_groups = input->n_groups + n_extra;
  thresholds->groups = g_new0 (FwGroupThreshold, thresholds->n_groups);
  thresholds->target = thresholds->difference_before = thresholds->difference_after = NAN;
  thresholds->accuracy_before = thresholds->accuracy_after = NAN;
  for (guint g = 0; g < input->n_groups; g++)
    {
      FwGroupThreshold *group = &thresholds->groups[g];
      const char *name = input->group_names[g];
      guint k = 0;

      while (manual->names[k] != NULL && g_strcmp0 (manual->names[k], name) != 0)
        k++;
      group->name = g_strdup (name);
      group->weight = rows[g];
      group->fitted = manual->names[k] != NULL && rows[g] >= manual->min_rows;
      group->threshold = group->fitted ? manual->values[k] : manual->common;
      if (!group->fitted && manual->names[k] != NULL)
        /* Translators: %zu is a number of rows, %u the least a group needs. */
        group->warning = g_strdup_printf (_("Only %zu tuning rows (fewer than %u): keeps the "
                                            "common threshold"), rows[g], manual->min_rows);
      else if (!group->fitted)
        group->warning = g_strdup (_("No threshold chosen for it: keeps the common threshold"));
      group->rate_before = selection_rate (input, g, manual->common);
      group->rate_after = selection_rate (input, g, group->threshold);
    }
  for (guint k = 0, g = input->n_groups; manual->names[k] != NULL; k++)
    if (!g_strv_contains (input->group_names, manual->names[k]))
      {
        FwGroupThreshold *group = &thresholds->groups[g++];

        group->name = g_strdup (manual->names[k]);
        group->threshold = manual->values[k];
        group->fitted = TRUE;
        group->weight = group->rate_before = group->rate_after = NAN;
      }
  return g_steal_pointer (&thresholds);
}
