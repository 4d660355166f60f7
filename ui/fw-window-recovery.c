/* fw-window-recovery.c — the window's crash recovery: its own recovery slot, and the
 * sessions that did not close cleanly, offered on the Data step to restore or discard
 *
 * Opening and saving projects is in fw-window-project.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-window-private.h"

static FwRecoveryEntry *
find_offered (FwWindow   *self,
              const char *id,
              guint      *index)
{
  for (guint i = 0; self->offered != NULL && i < self->offered->len; i++)
    {
      FwRecoveryEntry *entry = g_ptr_array_index (self->offered, i);

      if (id == NULL || g_str_equal (entry->id, id))
        {
          *index = i;
          return entry;
        }
    }
  return NULL;
}

static void
withdraw_offer (FwWindow *self,
                guint     index)
{
  g_ptr_array_remove_index (self->offered, index);
  fw_data_page_offer_restore (self->data_page, self->offered);
}

/* Takes over the slot of session @id (NULL: the first offered) and opens its work; the
 * restored work goes on being autosaved in that same file. */
static void
restore_session (FwWindow   *self,
                 const char *id)
{
  g_autofree char *folder = fw_recovery_default_folder ();
  g_autoptr(FwRecovery) claimed = NULL;
  g_autoptr(GError) error = NULL;
  FwProjectFile *contents;
  guint index;
  FwRecoveryEntry *entry = find_offered (self, id, &index);

  if (entry == NULL)
    return;
  claimed = fw_recovery_claim (folder, entry->id, &error);
  if (claimed == NULL)
    {
      withdraw_offer (self, index);
      fw_window_project_message (self, _("Could Not Restore the Project"),
                                 g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY)
                                 ? _("Another Fairway window has restored it already.")
                                 : error->message);
      return;
    }
  withdraw_offer (self, index);
  contents = fw_project_file_load (fw_recovery_get_file (claimed), &error);
  if (contents == NULL ||
      !fw_window_project_open_contents (self, contents, NULL, fw_recovery_get_file (claimed),
                                        &error))
    {
      fw_window_project_message (self, _("Could Not Restore the Project"), error->message);
      return;
    }
  /* This window's own slot held nothing yet: the Data step offers restoring when empty. */
  fw_project_discard_autosave (self->project);
  g_clear_pointer (&self->recovery, fw_recovery_discard);
  self->recovery = g_steal_pointer (&claimed);
  fw_project_set_autosave_file (self->project, fw_recovery_get_file (self->recovery));
}

static void
discard_session (FwWindow   *self,
                 const char *id)
{
  g_autofree char *folder = fw_recovery_default_folder ();
  g_autoptr(GError) error = NULL;
  guint index;
  FwRecoveryEntry *entry = find_offered (self, id, &index);

  if (entry == NULL)
    return;
  /* Busy: another window restored it meanwhile, and it is that window's now. */
  if (!fw_recovery_delete (folder, entry->id, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY))
    g_message ("Could not discard the recovery file: %s", error->message);
  withdraw_offer (self, index);
}

static void
restore_autosave_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  restore_session (FW_WINDOW (widget), NULL);
}

static void
discard_autosave_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  discard_session (FW_WINDOW (widget), NULL);
}

static void
restore_session_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  restore_session (FW_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
discard_session_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  discard_session (FW_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

void
fw_window_recovery_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.restore-autosave", NULL,
                                   restore_autosave_action);
  gtk_widget_class_install_action (widget_class, "win.discard-autosave", NULL,
                                   discard_autosave_action);
  gtk_widget_class_install_action (widget_class, "win.restore-session", "s",
                                   restore_session_action);
  gtk_widget_class_install_action (widget_class, "win.discard-session", "s",
                                   discard_session_action);
}

void
fw_window_recovery_init (FwWindow *self)
{
  FwProject *project = self->project;
  g_autofree char *folder = NULL;
  g_autoptr(GError) error = NULL;

  /* Left behind only by sessions that did not close cleanly; live ones are not listed. */
  folder = fw_recovery_default_folder ();
  if (!fw_recovery_adopt_legacy (folder, &error))
    g_message ("Could not move the old autosave: %s", error->message);
  g_clear_error (&error);
  self->offered = fw_recovery_list (folder);
  self->recovery = fw_recovery_new (folder, &error);
  if (self->recovery != NULL)
    fw_project_set_autosave_file (project, fw_recovery_get_file (self->recovery));
  else
    /* Not a warning: the work is intact, only the safety net is missing. */
    g_message ("No recovery file for this window: %s", error->message);
  fw_data_page_offer_restore (self->data_page, self->offered);
}
