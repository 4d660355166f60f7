/* fw-window.h — the main window: the wizard's steps, navigation and notices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "fw-wizard-step.h"

G_BEGIN_DECLS

#define FW_TYPE_WINDOW (fw_window_get_type ())

G_DECLARE_FINAL_TYPE (FwWindow, fw_window, FW, WINDOW, AdwApplicationWindow)

FwWindow     *fw_window_new          (GtkApplication *application);
/* Imports @file on the Data step (fw-window-project.c, as are the two below). */
void          fw_window_open_file    (FwWindow       *self,
                                      GFile          *file);
void          fw_window_open_sample  (FwWindow       *self);
/* Opens a .fairway project: its data through the Data page, then its recipe, model and
 * step. */
void          fw_window_open_project (FwWindow       *self,
                                      GFile          *file);
FwWizardStep  fw_window_get_step     (FwWindow       *self);

G_END_DECLS
