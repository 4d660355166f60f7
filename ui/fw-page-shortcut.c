/* fw-page-shortcut.c — a key that works wherever the focus is, while a page is on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-page-shortcut.h"

typedef struct
{
  const char           *action_name;
  FwPageShortcutWanted  wanted;
} Shortcut;

static gboolean
activate_if_shown (GtkWidget *page,
                   GVariant  *args,
                   gpointer   data)
{
  const Shortcut *shortcut = data;

  if (!gtk_widget_get_mapped (page) ||
      (shortcut->wanted != NULL && !shortcut->wanted (page)))
    return FALSE;
  return gtk_widget_activate_action (page, shortcut->action_name, NULL);
}

void
fw_page_shortcut_add (GtkWidget            *page,
                      const char           *trigger,
                      const char           *action_name,
                      FwPageShortcutWanted  wanted)
{
  GtkEventController *controller;
  Shortcut *shortcut;

  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (trigger != NULL && action_name != NULL);

  controller = gtk_shortcut_controller_new ();
  shortcut = g_new (Shortcut, 1);
  shortcut->action_name = action_name;
  shortcut->wanted = wanted;

  /* Global: a page's buttons need not hold the focus for its key to work. */
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller),
                                     GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string (trigger),
                      gtk_callback_action_new (activate_if_shown, shortcut, g_free)));
  gtk_widget_add_controller (page, controller);
}
