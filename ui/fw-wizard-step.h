/* fw-wizard-step.h — the seven steps of the wizard: ids, names and headings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  FW_WIZARD_DATA,
  FW_WIZARD_CLEAN,
  FW_WIZARD_TARGET,
  FW_WIZARD_MODEL,
  FW_WIZARD_TRAIN,
  FW_WIZARD_RESULTS,
  FW_WIZARD_EXPORT,
} FwWizardStep;

#define FW_N_STEPS (FW_WIZARD_EXPORT + 1)

/* The untranslated id ("data" … "export"): the window's stack page, and the step a
 * project file keeps. */
const char *fw_wizard_step_get_id    (FwWizardStep  step);
/* The step whose id is @id; FALSE when there is none. */
gboolean    fw_wizard_step_from_id   (const char   *id,
                                      FwWizardStep *step);
/* Short name ("Data") and heading ("Choose Your Data"), translated. */
const char *fw_wizard_step_get_name  (FwWizardStep  step);
const char *fw_wizard_step_get_title (FwWizardStep  step);

G_END_DECLS
