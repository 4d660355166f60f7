/* fw-page-shortcut.h — a key that works wherever the focus is, while a page is on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Whether @page has something for its key to do now. */
typedef gboolean (*FwPageShortcutWanted) (GtkWidget *page);

/* Adds to @page a shortcut for @trigger ("Escape") that activates @page's action
 * @action_name ("data-page.cancel") wherever the keyboard focus is in the window — the
 * whole window, not only inside @page — but only while @page is mapped and @wanted (when
 * not NULL) says so; otherwise the key goes on to whoever else wants it.  @action_name
 * must be a static string. */
void fw_page_shortcut_add (GtkWidget            *page,
                           const char           *trigger,
                           const char           *action_name,
                           FwPageShortcutWanted  wanted);

G_END_DECLS
