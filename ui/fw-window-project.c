/* fw-window-project.c — the window's files: open data and projects, save, autosave, close
 *
 * Opening a project re-imports its data through the Data page, like any file the user
 * opens, and the FwProject applies the recipe, model and step once that data is in the
 * session.  Each window autosaves to its own recovery slot (fw-recovery.h); the slots that
 * crashed sessions left are offered on the Data page's empty state (fw-window-recovery.c),
 * and a clean close removes the window's own.  Going to a step goes through win.go-to-step, as a click on the
 * step indicator does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include "fw-display-name.h"
#include "fw-recent.h"
#include "fw-settings.h"
#include "fw-toast.h"
#include "fw-window-private.h"

static void
go_to_step (FwWindow     *self,
            FwWizardStep  step)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.go-to-step", "u", step);
}

void
fw_window_project_message (FwWindow   *self,
                           const char *heading,
                           const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_actions (FwWindow *self)
{
  gboolean has_data = fw_session_has_data (self->session);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-project", has_data);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-project-as", has_data);
}

static gboolean
save_to (FwWindow *self,
         GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = fw_display_name (file);
  g_autofree char *title = NULL;

  if (!fw_project_save (self->project, file, &error))
    {
      /* Translators: %s is a file name. */
      title = g_strdup_printf (_("Could Not Save “%s”"), name);
      fw_window_project_message (self, title, error->message);
      return FALSE;
    }
  fw_recent_add (file);
  title = g_strdup_printf (_("Saved “%s”"), name);
  fw_toast_show (GTK_WIDGET (self->toast_overlay), title);
  return TRUE;
}

static void
save_as_response (GtkNativeDialog *chooser,
                  int              response,
                  FwWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL && save_to (self, file) && self->close_after_save)
        {
          self->close_confirmed = TRUE;
          gtk_window_close (GTK_WINDOW (self));
        }
    }
  self->close_after_save = FALSE;
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static GtkFileFilter *
project_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Fairway Projects"));
  gtk_file_filter_add_suffix (filter, "fairway");
  return filter;
}

static void
choose_file (FwWindow             *self,
             GtkFileChooserAction  action,
             GCallback             response)
{
  g_autoptr(GSettings) settings = fw_settings_new ();
  g_autoptr(GFile) folder = fw_settings_get_last_folder (settings);
  g_autoptr(GtkFileFilter) filter = project_filter ();
  gboolean save = action == GTK_FILE_CHOOSER_ACTION_SAVE;
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (save ? _("Save Project") : _("Open Project"),
                                         GTK_WINDOW (self), action,
                                         save ? _("_Save") : _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  if (save)
    {
      GFile *data = fw_session_get_file (self->session);
      g_autofree char *base = data != NULL ? fw_display_name (data) : g_strdup (_("Untitled"));
      char *dot = strrchr (base, '.');
      g_autofree char *name = NULL;

      if (dot != NULL && dot != base)
        *dot = '\0';
      name = g_strconcat (base, ".fairway", NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  g_signal_connect (chooser, "response", response, g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save_project_as_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  choose_file (FW_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE, G_CALLBACK (save_as_response));
}

static void
save_project_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  FwWindow *self = FW_WINDOW (widget);
  GFile *file = fw_project_get_file (self->project);

  if (file != NULL)
    save_to (self, file);
  else
    save_project_as_action (widget, action_name, parameter);
}

static void
open_response (GtkNativeDialog *chooser,
               int              response,
               FwWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GSettings) settings = fw_settings_new ();

      fw_settings_remember_folder (settings, file, FALSE);
      if (file != NULL)
        fw_window_open_project (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
open_project_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  choose_file (FW_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN, G_CALLBACK (open_response));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  if (fw_recent_is_project (file))
    fw_window_open_project (FW_WINDOW (widget), file);
  else
    fw_window_open_file (FW_WINDOW (widget), file);
}

void
fw_window_open_file (FwWindow *self,
                     GFile    *file)
{
  g_return_if_fail (FW_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  go_to_step (self, FW_WIZARD_DATA);
  fw_data_page_open_file (self->data_page, file);
}

void
fw_window_open_sample (FwWindow *self)
{
  g_return_if_fail (FW_IS_WINDOW (self));

  go_to_step (self, FW_WIZARD_DATA);
  fw_data_page_open_sample (self->data_page);
}

static void
open_data_response (GtkNativeDialog *chooser,
               int              response,
               FwWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GFile) folder = file != NULL ? g_file_get_parent (file) : NULL;

      if (folder != NULL && self->settings != NULL && g_file_is_native (folder))
        {
          g_autofree char *path = g_file_get_path (folder);

          g_settings_set_string (self->settings, "last-folder", path);
        }
      if (file != NULL && fw_recent_is_project (file))
        fw_window_open_project (self, file);
      else if (file != NULL)
        fw_window_open_file (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
open_data_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FwWindow *self = FW_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) tables = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) projects = gtk_file_filter_new ();
  g_autofree char *last_folder = NULL;

  chooser = gtk_file_chooser_native_new (_("Open Data File"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (tables, _("CSV Files"));
  gtk_file_filter_add_mime_type (tables, "text/csv");
  gtk_file_filter_add_mime_type (tables, "text/tab-separated-values");
  gtk_file_filter_add_suffix (tables, "csv");
  gtk_file_filter_add_suffix (tables, "tsv");
  gtk_file_filter_add_suffix (tables, "txt");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), tables);
  gtk_file_filter_set_name (projects, _("Fairway Projects"));
  gtk_file_filter_add_suffix (projects, "fairway");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), projects);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  if (self->settings != NULL)
    last_folder = g_settings_get_string (self->settings, "last-folder");
  if (last_folder != NULL && *last_folder != '\0')
    {
      g_autoptr(GFile) folder = g_file_new_for_path (last_folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }

  /* The dialog and the window stay alive until the response. */
  g_signal_connect (chooser, "response", G_CALLBACK (open_data_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  fw_window_open_sample (FW_WINDOW (widget));
}

/* Opens @contents' data; the project applies the rest once it is in. */
gboolean
fw_window_project_open_contents (FwWindow       *self,
                                 FwProjectFile  *contents,
                                 GFile          *file,
                                 GFile          *reference,
                                 GError        **error)
{
  gboolean moved = FALSE;
  g_autoptr(GFile) data = fw_project_file_locate_data (contents, reference, &moved, error);
  g_autofree char *note = NULL;

  if (data == NULL)
    {
      fw_project_file_free (contents);
      return FALSE;
    }
  if (moved)
    {
      g_autofree char *name = fw_display_name (data);
      g_autofree char *path = g_file_get_path (data);
      g_autofree char *where = g_filename_display_name (path);

      /* Translators: the first %s is a file name, the second its full path. */
      note = g_strdup_printf (_("“%s” is no longer where the project left it; Fairway "
                                "opened the one at %s."), name, where);
    }
  fw_project_expect_data (self->project, contents, file, data, note);
  go_to_step (self, FW_WIZARD_DATA);
  /* In the encoding the user chose when the project was made. */
  fw_data_page_open_file_with_encoding (self->data_page, data,
                                        contents->recipe->data_encoding);
  return TRUE;
}

void
fw_window_open_project (FwWindow *self,
                        GFile    *file)
{
  g_autoptr(GError) error = NULL;
  FwProjectFile *contents;

  g_return_if_fail (FW_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  contents = fw_project_file_load (file, &error);
  if (contents == NULL || !fw_window_project_open_contents (self, contents, file, file, &error))
    {
      g_autofree char *name = fw_display_name (file);
      /* Translators: %s is a file name. */
      g_autofree char *title = g_strdup_printf (_("Could Not Open “%s”"), name);

      fw_window_project_message (self, title, error->message);
      return;
    }
  fw_recent_add (file);
}

static void
project_restored (FwWindow   *self,
                  const char *note)
{
  FwProject *project = self->project;
  GFile *file = fw_project_get_file (project);
  FwWizardStep step;

  if (fw_wizard_step_from_id (fw_project_get_step (project), &step))
    {
      go_to_step (self, step);
      fw_step_indicator_reset_visits (self->step_indicator,
                                      fw_step_indicator_get_current (self->step_indicator));
    }
  if (note != NULL)
    fw_window_project_message (self, file != NULL ? _("Project Opened") : _("Project Restored"),
                               note);
  else if (file != NULL)
    {
      g_autofree char *name = fw_display_name (file);
      /* Translators: %s is a file name. */
      g_autofree char *title = g_strdup_printf (_("Opened “%s”"), name);

      fw_toast_show (GTK_WIDGET (self->toast_overlay), title);
    }
  else
    fw_toast_show (GTK_WIDGET (self->toast_overlay), _("Restored the unsaved project"));
}

/* The data of a project being opened could not be read: the Data page says why. */
static gboolean
check_import_failed (gpointer data)
{
  FwWindow *self = data;
  FwProject *project = self->project;

  if (fw_project_is_expecting_data (project) &&
      !fw_data_page_get_busy (self->data_page))
    fw_project_cancel_expected (project);
  return G_SOURCE_REMOVE;
}

static void
data_page_busy_changed (FwWindow *self)
{
  if (!fw_data_page_get_busy (self->data_page))
    g_idle_add_full (G_PRIORITY_DEFAULT, check_import_failed, g_object_ref (self),
                     g_object_unref);
}

static void
close_response (AdwMessageDialog *dialog,
                const char       *response,
                FwWindow         *self)
{
  GFile *file = fw_project_get_file (self->project);

  if (g_str_equal (response, "discard"))
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_str_equal (response, "save") && file != NULL)
    {
      if (save_to (self, file))
        {
          self->close_confirmed = TRUE;
          gtk_window_close (GTK_WINDOW (self));
        }
    }
  else if (g_str_equal (response, "save"))
    {
      self->close_after_save = TRUE;
      save_project_as_action (GTK_WIDGET (self), NULL, NULL);
    }
}

gboolean
fw_window_project_close_request (FwWindow *self)
{
  FwProject *project = self->project;
  GtkWidget *dialog;

  if (!self->close_confirmed && fw_project_has_unsaved_work (project))
    {
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"),
                                       _("The project has changes that are not saved. If you "
                                         "close without saving, they are lost."));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "discard", _("_Discard"),
                                        "save", _("_Save"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (close_response), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }
  /* A clean close: nothing is left to restore — of this session; others keep theirs. */
  fw_project_discard_autosave (project);
  fw_project_set_autosave_file (project, NULL);
  g_clear_pointer (&self->recovery, fw_recovery_discard);
  return FALSE;
}

void
fw_window_project_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_data_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.save-project", NULL, save_project_action);
  gtk_widget_class_install_action (widget_class, "win.save-project-as", NULL,
                                   save_project_as_action);
  gtk_widget_class_install_action (widget_class, "win.open-project", NULL, open_project_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
}

void
fw_window_project_init (FwWindow *self)
{
  FwProject *project = self->project;

  g_signal_connect_object (project, "restored", G_CALLBACK (project_restored), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "changed", G_CALLBACK (update_actions),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->data_page, "notify::busy",
                           G_CALLBACK (data_page_busy_changed), self, G_CONNECT_SWAPPED);
  update_actions (self);
}
