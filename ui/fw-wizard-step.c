/* fw-wizard-step.c — the seven steps of the wizard: ids, names and headings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-wizard-step.h"

static const struct
{
  const char *id;
  const char *name;
  const char *title;
} steps[FW_N_STEPS] = {
  [FW_WIZARD_DATA]    = { "data",    N_("Data"),    N_("Choose Your Data") },
  [FW_WIZARD_CLEAN]   = { "clean",   N_("Clean"),   N_("Clean the Columns") },
  [FW_WIZARD_TARGET]  = { "target",  N_("Target"),  N_("Pick What to Predict") },
  [FW_WIZARD_MODEL]   = { "model",   N_("Model"),   N_("Choose a Model") },
  [FW_WIZARD_TRAIN]   = { "train",   N_("Train"),   N_("Train the Model") },
  [FW_WIZARD_RESULTS] = { "results", N_("Results"), N_("Read the Results") },
  [FW_WIZARD_EXPORT]  = { "export",  N_("Export"),  N_("Export Model and Report") },
};

const char *
fw_wizard_step_get_id (FwWizardStep step)
{
  g_return_val_if_fail (step < FW_N_STEPS, NULL);
  return steps[step].id;
}

gboolean
fw_wizard_step_from_id (const char   *id,
                        FwWizardStep *step)
{
  g_return_val_if_fail (step != NULL, FALSE);

  for (guint i = 0; id != NULL && i < FW_N_STEPS; i++)
    if (g_str_equal (id, steps[i].id))
      {
        *step = i;
        return TRUE;
      }
  return FALSE;
}

const char *
fw_wizard_step_get_name (FwWizardStep step)
{
  g_return_val_if_fail (step < FW_N_STEPS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, steps[step].name);
}

const char *
fw_wizard_step_get_title (FwWizardStep step)
{
  g_return_val_if_fail (step < FW_N_STEPS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, steps[step].title);
}
