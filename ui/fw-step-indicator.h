/* fw-step-indicator.h — the seven wizard steps, with where the user is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

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

/* Short name ("Data") and heading ("Choose Your Data"), translated. */
const char *fw_wizard_step_get_name  (FwWizardStep step);
const char *fw_wizard_step_get_title (FwWizardStep step);

#define FW_TYPE_STEP_INDICATOR (fw_step_indicator_get_type ())

G_DECLARE_FINAL_TYPE (FwStepIndicator, fw_step_indicator, FW, STEP_INDICATOR, GtkWidget)

GtkWidget   *fw_step_indicator_new                 (void);
FwWizardStep fw_step_indicator_get_current         (FwStepIndicator *self);
void         fw_step_indicator_set_current         (FwStepIndicator *self,
                                                    FwWizardStep     step);
/* Steps before this one are complete and may be revisited. */
guint        fw_step_indicator_get_n_completed     (FwStepIndicator *self);
void         fw_step_indicator_set_n_completed     (FwStepIndicator *self,
                                                    guint            n_completed);
/* Whether the user can go to @step now. */
gboolean     fw_step_indicator_is_step_reachable   (FwStepIndicator *self,
                                                    FwWizardStep     step);

G_END_DECLS
