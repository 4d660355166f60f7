/* fw-data-page-empty.c — the Data step before a table: recent files, the autosave offer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include "fw-data-page-private.h"
#include "fw-display-name.h"
#include "fw-recent.h"
#include "fw-recovery.h"
#include "fw-wizard-step.h"

static void
recent_row_activated (FwDataPage    *self,
                      GtkListBoxRow *row)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "fw-uri");

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-recent", "s", uri);
}

/* The files Fairway opened lately (FW_RECENT_MAX_SHOWN at most), with the folder each is in. */
static void
refresh_recent (FwDataPage *self)
{
  g_autoptr(GPtrArray) files = fw_recent_list (FW_RECENT_MAX_SHOWN);
  g_autofree char *home = g_strdup (g_get_home_dir ());
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);
  for (guint i = 0; i < files->len; i++)
    {
      GFile *file = files->pdata[i];
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *name = fw_display_name (file);
      g_autofree char *path = parent != NULL ? g_file_get_path (parent) : NULL;
      g_autofree char *folder = path != NULL ? g_filename_display_name (path) : NULL;
      GtkWidget *row = adw_action_row_new ();
      /* Its text comes from the data: plain, never Pango markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

      /* "~/Documents" reads better than "/home/ana/Documents". */
      if (folder != NULL && g_str_has_prefix (folder, home) && folder[strlen (home)] == '/')
        {
          g_autofree char *short_folder = g_strconcat ("~", folder + strlen (home), NULL);

          g_free (folder);
          folder = g_steal_pointer (&short_folder);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder != NULL ? folder : "");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name (fw_recent_is_project (file)
                                                               ? "folder-documents-symbolic"
                                                               : "x-office-spreadsheet-symbolic"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "fw-uri", g_file_get_uri (file), g_free);
      gtk_list_box_append (self->recent_list, row);
    }
  gtk_widget_set_visible (self->recent_group, files->len > 0);
}

/* "14:03" today, the date too on another day. */
static char *
format_when (gint64 saved)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (saved);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gboolean today;

  if (local == NULL)
    return g_strdup ("?");
  today = g_date_time_get_year (local) == g_date_time_get_year (now) &&
          g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now);
  return g_date_time_format (local, today ? "%X" : "%x %X");
}

/* "Train step, saved at 14:03, a model from epoch 4 of 20". */
static char *
describe_entry (const FwRecoveryEntry *entry)
{
  g_autofree char *when = format_when (entry->saved);
  GString *text = g_string_new (NULL);
  FwWizardStep step;

  if (fw_wizard_step_from_id (entry->step, &step))
    {
      /* Translators: %s is a wizard step's name, such as “Train”. */
      g_string_append_printf (text, _("%s step, "), fw_wizard_step_get_name (step));
    }
  /* Translators: %s is a time, or a date and time. */
  g_string_append_printf (text, _("saved at %s"), when);
  if (entry->checkpoint_epoch > 0)
    {
      /* Translators: follows "saved at 14:03"; the numbers are training epochs. */
      g_string_append_printf (text, _(", with the model from epoch %u of %u"),
                              entry->checkpoint_epoch, entry->checkpoint_epochs);
    }
  return g_string_free (text, FALSE);
}

static const char *
entry_name (const FwRecoveryEntry *entry)
{
  return entry->data_name != NULL ? entry->data_name : _("Untitled project");
}

static GtkWidget *
entry_button (const char *label,
              const char *action,
              const char *id,
              gboolean    suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  return button;
}

void
fw_data_page_offer_restore (FwDataPage *self,
                            GPtrArray  *entries)
{
  gboolean several = entries != NULL && entries->len > 1;
  GtkWidget *child;

  g_return_if_fail (FW_IS_DATA_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->restore_list))) != NULL)
    gtk_list_box_remove (self->restore_list, child);
  if (entries != NULL && entries->len == 1)
    {
      const FwRecoveryEntry *entry = g_ptr_array_index (entries, 0);
      g_autofree char *what = describe_entry (entry);
      g_autofree char *name = g_filename_display_name (entry_name (entry));
      g_autofree char *text = NULL;

      /* Translators: the first %s is a file name, the second what and when, such as
       * “Train step, saved at 14:03”. */
      text = g_strdup_printf (_("Fairway did not close properly last time. Restore the "
                                "unsaved project on “%s” (%s)?"), name, what);
      gtk_label_set_text (self->restore_label, text);
    }
  else if (several)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Fairway did not close properly. %u project was "
                                           "not saved:",
                                           "Fairway did not close properly. %u projects were "
                                           "not saved:", entries->len), entries->len);
      gtk_label_set_text (self->restore_label, text);
      for (guint i = 0; i < entries->len; i++)
        {
          const FwRecoveryEntry *entry = g_ptr_array_index (entries, i);
          g_autofree char *what = describe_entry (entry);
          g_autofree char *name = g_filename_display_name (entry_name (entry));
          GtkWidget *row = adw_action_row_new ();

          /* Names come from the data: plain, never Pango markup. */
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), what);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     entry_button (_("_Discard"), "win.discard-session",
                                                   entry->id, FALSE));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     entry_button (_("_Restore"), "win.restore-session",
                                                   entry->id, TRUE));
          gtk_list_box_append (self->restore_list, row);
        }
    }
  gtk_widget_set_visible (self->restore_button, !several);
  gtk_widget_set_visible (self->restore_discard_button, !several);
  gtk_widget_set_visible (GTK_WIDGET (self->restore_list), several);
  gtk_revealer_set_reveal_child (self->restore_revealer, entries != NULL && entries->len > 0);
}

gboolean
fw_data_page_get_restore_offered (FwDataPage *self)
{
  g_return_val_if_fail (FW_IS_DATA_PAGE (self), FALSE);
  return gtk_revealer_get_reveal_child (self->restore_revealer);
}

GtkListBox *
fw_data_page_get_recent_list (FwDataPage *self)
{
  g_return_val_if_fail (FW_IS_DATA_PAGE (self), NULL);
  return self->recent_list;
}

void
fw_data_page_empty_init (FwDataPage *self)
{
  g_signal_connect_object (self->recent_list, "row-activated",
                           G_CALLBACK (recent_row_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (refresh_recent), self, G_CONNECT_SWAPPED);
  refresh_recent (self);
}

GtkListBox *
fw_data_page_get_restore_list (FwDataPage *self)
{
  g_return_val_if_fail (FW_IS_DATA_PAGE (self), NULL);
  return self->restore_list;
}
