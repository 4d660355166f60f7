/* fw-toast.h — a short notice from any widget, in the window's toast overlay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows @toast, taking ownership, in the nearest AdwToastOverlay around @widget (itself
 * included), or in the one that is @widget's content when @widget is a window.  A widget in
 * no window yet has none: the toast is dropped. */
void fw_toast_add  (GtkWidget  *widget,
                    AdwToast   *toast);
/* A toast that says @title and nothing more. */
void fw_toast_show (GtkWidget  *widget,
                    const char *title);

G_END_DECLS
