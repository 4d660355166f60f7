/* fw-step-indicator.h — the seven wizard steps, with where the user is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "fw-wizard-step.h"

G_BEGIN_DECLS

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
