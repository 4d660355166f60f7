/* fw-step-indicator.h — the seven wizard steps, with where the user is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  FW_STEP_DATA,
  FW_STEP_CLEAN,
  FW_STEP_TARGET,
  FW_STEP_MODEL,
  FW_STEP_TRAIN,
  FW_STEP_RESULTS,
  FW_STEP_EXPORT,
} FwStep;

#define FW_N_STEPS (FW_STEP_EXPORT + 1)
/* Steps this version implements; the later ones are shown but cannot be entered. */
#define FW_N_AVAILABLE_STEPS 1

/* Short name ("Data") and heading ("Choose Your Data"), translated. */
const char *fw_step_get_name  (FwStep step);
const char *fw_step_get_title (FwStep step);

#define FW_TYPE_STEP_INDICATOR (fw_step_indicator_get_type ())

G_DECLARE_FINAL_TYPE (FwStepIndicator, fw_step_indicator, FW, STEP_INDICATOR, GtkWidget)

GtkWidget *fw_step_indicator_new                 (void);
FwStep     fw_step_indicator_get_current         (FwStepIndicator *self);
void       fw_step_indicator_set_current         (FwStepIndicator *self,
                                                  FwStep           step);
/* Steps before this one are complete and may be revisited. */
guint      fw_step_indicator_get_n_completed     (FwStepIndicator *self);
void       fw_step_indicator_set_n_completed     (FwStepIndicator *self,
                                                  guint            n_completed);
/* Whether the user can go to @step now. */
gboolean   fw_step_indicator_is_step_reachable   (FwStepIndicator *self,
                                                  FwStep           step);

G_END_DECLS
