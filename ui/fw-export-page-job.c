/* fw-export-page-job.c — the Export step's jobs: running one on a worker, and what its
 * outcome tells the user
 *
 * One file ends in a toast or a dialog; Save All in one toast for what was written and a
 * dialog for the first real failure.  The page's layout, choosers and actions are in
 * fw-export-page.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include "fw-display-name.h"
#include "fw-export-page-private.h"
#include "fw-toast.h"

/* What went wrong, in words a person acts on rather than the system's. */
static char *
explain_error (const GError *error,
               GFile        *file)
{
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *where = folder != NULL ? fw_display_name (folder) : g_strdup ("/");

  if (error->domain != G_IO_ERROR)
    return g_strdup (error->message);
  switch (error->code)
    {
    case G_IO_ERROR_NOT_FOUND:
      /* Translators: %s is a folder name. */
      return g_strdup_printf (_("The folder “%s” does not exist any more. Choose another "
                                "place."), where);
    case G_IO_ERROR_NOT_DIRECTORY:
      return g_strdup_printf (_("“%s” is a file, not a folder. Choose another place."), where);
    case G_IO_ERROR_PERMISSION_DENIED:
      return g_strdup_printf (_("You are not allowed to save in “%s”. Choose a folder of "
                                "your own, such as Documents."), where);
    case G_IO_ERROR_READ_ONLY:
      return g_strdup_printf (_("“%s” cannot be changed: it is read-only."), where);
    case G_IO_ERROR_NO_SPACE:
      return g_strdup (_("The disk is full. Free some space, or save somewhere else."));
    case G_IO_ERROR_IS_DIRECTORY:
      return g_strdup (_("A folder already has that name. Choose another name."));
    default:
      return g_strdup (error->message);
    }
}

static void
set_last_message (FwExportPage *self,
                  const char   *message,
                  gboolean      failed)
{
  g_free (self->last_message);
  self->last_message = g_strdup (message);
  self->last_failed = failed;
}

static void
show_saved_toast (FwExportPage *self,
                  const char   *title,
                  GFile        *folder)
{
  AdwToast *toast = adw_toast_new (title);

  set_last_message (self, title, FALSE);
  if (folder != NULL)
    {
      g_autofree char *uri = g_file_get_uri (folder);

      adw_toast_set_button_label (toast, _("Open Folder"));
      adw_toast_set_action_name (toast, "export.open-folder");
      adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
    }
  fw_toast_add (GTK_WIDGET (self), toast);
}

static void
show_error (FwExportPage *self,
            GFile        *file,
            const char   *explanation)
{
  g_autofree char *name = fw_display_name (file);
  g_autofree char *heading = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  set_last_message (self, explanation, TRUE);
  /* Translators: %s is a file name. */
  heading = g_strdup_printf (_("Could Not Save “%s”"), name);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   heading, explanation);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_busy (FwExportPage *self,
          gboolean      busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.save", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.save-all", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.cancel", busy);
  if (!busy)
    g_clear_object (&self->cancellable);
}

/* Files written before the cancel are whole (each is written atomically). */
static void
report_cancelled (FwExportPage *self,
                  guint         n_saved)
{
  g_autofree char *title = NULL;

  if (n_saved == 0)
    title = g_strdup (_("Export cancelled"));
  else
    /* Translators: %u is a number of files. */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Export cancelled after saving %u file",
                                          "Export cancelled after saving %u files", n_saved),
                             n_saved);
  set_last_message (self, title, FALSE);
  fw_toast_add (GTK_WIDGET (self), adw_toast_new (title));
}

/* One file: a toast or a dialog.  Several (Save All): one toast for what was written,
 * and a dialog for the first real failure. */
static void
report (FwExportPage *self,
        FwExportJob  *job,
        GFile        *folder)
{
  guint n = fw_export_job_get_n_items (job), n_saved = 0, n_unavailable = 0;
  int first_failure = -1;

  for (guint i = 0; i < n; i++)
    {
      const GError *error = fw_export_job_get_error (job, i);

      if (error == NULL)
        n_saved++;
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        continue;
      else if (folder != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        n_unavailable++;
      else if (first_failure < 0)
        first_failure = i;
    }
  if (self->cancelled)
    report_cancelled (self, n_saved);
  else if (folder == NULL && n_saved == 1)
    {
      GFile *file = fw_export_job_get_file (job, 0);
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *name = fw_display_name (file);
      /* Translators: %s is a file name. */
      g_autofree char *title = g_strdup_printf (_("Saved “%s”"), name);

      show_saved_toast (self, title, parent);
    }
  else if (folder != NULL && n_saved > 0)
    {
      g_autofree char *name = fw_display_name (folder);
      g_autofree char *title = NULL;

      if (n_unavailable > 0)
        /* Translators: %u is a number of files, %s a folder name. */
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Saved %u file in “%s”; some kinds cannot be "
                                              "saved by this build yet",
                                              "Saved %u files in “%s”; some kinds cannot be "
                                              "saved by this build yet", n_saved),
                                 n_saved, name);
      else
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Saved %u file in “%s”",
                                              "Saved %u files in “%s”", n_saved),
                                 n_saved, name);
      show_saved_toast (self, title, folder);
    }
  if (first_failure >= 0)
    {
      GFile *file = fw_export_job_get_file (job, first_failure);
      g_autofree char *explanation = explain_error (fw_export_job_get_error (job, first_failure),
                                                    file);

      show_error (self, file, explanation);
    }
}

typedef struct
{
  GWeakRef  page;
  GFile    *folder;             /* Save All's, or NULL */
} RunData;

static void
job_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  RunData *data = user_data;
  g_autoptr(FwExportPage) self = g_weak_ref_get (&data->page);
  g_autoptr(FwExportJob) job = fw_export_job_run_finish (result);

  if (self != NULL)
    {
      set_busy (self, FALSE);
      if (job != NULL)
        report (self, job, data->folder);
      else if (self->cancelled)
        report_cancelled (self, 0);
    }
  g_weak_ref_clear (&data->page);
  g_clear_object (&data->folder);
  g_free (data);
}

static void
run_job (FwExportPage *self,
         FwExportJob  *job,
         GFile        *folder)
{
  RunData *data = g_new0 (RunData, 1);

  g_weak_ref_init (&data->page, self);
  data->folder = folder != NULL ? g_object_ref (folder) : NULL;
  self->cancellable = g_cancellable_new ();
  self->cancelled = FALSE;
  set_busy (self, TRUE);
  fw_export_job_run_async (job, self->cancellable, job_done, data);
}

static FwExportJob *
new_job (FwExportPage *self)
{
  g_autoptr(GError) error = NULL;
  FwExportJob *job;

  job = fw_export_job_new (self->session,
                           self->project != NULL ? fw_project_get_intended_use (self->project)
                                                 : NULL,
                           &error);
  if (job == NULL)
    set_last_message (self, error->message, TRUE);
  return job;
}

void
fw_export_page_save (FwExportPage *self,
                     FwExportKind  kind,
                     GFile        *file)
{
  FwExportJob *job;

  g_return_if_fail (FW_IS_EXPORT_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->cancellable == NULL);

  if ((job = new_job (self)) == NULL)
    return;
  fw_export_job_add (job, kind, file);
  run_job (self, job, NULL);
}

/* "people-predictions.csv", or "people-predictions (2).csv" when that exists: Save All
 * never replaces a file it did not ask about. */
static GFile *
unused_child (GFile      *folder,
              const char *name)
{
  const char *dot = strrchr (name, '.');
  g_autofree char *stem = g_strndup (name, dot != NULL ? (gsize) (dot - name) : strlen (name));
  GFile *child = g_file_get_child_for_display_name (folder, name, NULL);

  for (guint i = 2; child != NULL && g_file_query_exists (child, NULL) && i < 1000; i++)
    {
      g_autofree char *other = g_strdup_printf ("%s (%u)%s", stem, i, dot != NULL ? dot : "");

      g_object_unref (child);
      child = g_file_get_child_for_display_name (folder, other, NULL);
    }
  return child;
}

void
fw_export_page_save_all (FwExportPage *self,
                         GFile        *folder)
{
  FwExportJob *job;

  g_return_if_fail (FW_IS_EXPORT_PAGE (self));
  g_return_if_fail (G_IS_FILE (folder));
  g_return_if_fail (self->cancellable == NULL);

  if ((job = new_job (self)) == NULL)
    return;
  for (FwExportKind kind = 0; kind < FW_N_EXPORTS; kind++)
    {
      g_autofree char *name = fw_export_suggest_name (kind, fw_session_get_file (self->session));
      g_autoptr(GFile) file = unused_child (folder, name);

      if (file != NULL)
        fw_export_job_add (job, kind, file);
    }
  run_job (self, job, folder);
}
