/* fw-window.h — the main window: the wizard's steps, navigation and notices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "fw-application.h"
#include "fw-clean-page.h"
#include "fw-data-page.h"
#include "fw-export-page.h"
#include "fw-model-page.h"
#include "fw-project.h"
#include "fw-results-page.h"
#include "fw-session.h"
#include "fw-target-page.h"
#include "fw-train-page.h"
#include "fw-step-indicator.h"

G_BEGIN_DECLS

#define FW_TYPE_WINDOW (fw_window_get_type ())

G_DECLARE_FINAL_TYPE (FwWindow, fw_window, FW, WINDOW, AdwApplicationWindow)

FwWindow        *fw_window_new                (FwApplication *application);
void             fw_window_open_file          (FwWindow      *self,
                                               GFile         *file);
void             fw_window_open_sample        (FwWindow      *self);
/* Opens a .fairway project: its data through the Data page, then its recipe, model and
 * step (fw-window-project.c). */
void             fw_window_open_project       (FwWindow      *self,
                                               GFile         *file);
/* Takes ownership of @toast. */
void             fw_window_add_toast          (FwWindow      *self,
                                               AdwToast      *toast);
FwWizardStep     fw_window_get_step           (FwWindow      *self);

/* For tests. */
FwDataPage      *fw_window_get_data_page      (FwWindow      *self);
FwSession       *fw_window_get_session        (FwWindow      *self);
FwProject       *fw_window_get_project        (FwWindow      *self);
FwStepIndicator *fw_window_get_step_indicator (FwWindow      *self);
GtkWidget       *fw_window_get_next_button    (FwWindow      *self);

G_END_DECLS
