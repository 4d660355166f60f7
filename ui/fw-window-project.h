/* fw-window-project.h — the window's project actions: open, save, autosave restore, close
 *
 * Private to the window: fw-window.c calls these from its class_init, init and
 * close_request, so the window's own file stays about navigation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-window.h"

G_BEGIN_DECLS

void     fw_window_project_class_init    (GtkWidgetClass *widget_class);
void     fw_window_project_init          (FwWindow       *self);
/* TRUE when the close must wait (the user is asked about unsaved work). */
gboolean fw_window_project_close_request (FwWindow       *self);

G_END_DECLS
