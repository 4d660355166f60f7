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
/* Whether @step shows a tick: complete, visited, and not the current one.  A step that
 * merely may be skipped (Clean, Model) is not done until the user has seen it. */
gboolean     fw_step_indicator_is_step_done        (FwStepIndicator *self,
                                                    FwWizardStep     step);
/* Forgets which steps were visited, except the first through @up_to and the current one:
 * new data starts over; a restored project has seen the steps up to its own. */
void         fw_step_indicator_reset_visits        (FwStepIndicator *self,
                                                    FwWizardStep     up_to);

G_END_DECLS
