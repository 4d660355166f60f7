/* fw-export-page.c — wizard step 7: save the model, its predictions, report and recipe
 *
 * Two states: empty (train first) and ready (one row per file, the intended use for the
 * report, Save All).  Each Save… asks for a name in a native file chooser, then an
 * FwExportJob writes the file on a worker thread; success is a toast that opens the
 * folder, failure a dialog in plain words.  Nothing partial is ever left: every write is
 * atomic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include "fw-display-name.h"
#include "fw-export-page-private.h"
#include "fw-page-shortcut.h"
#include "fw-settings.h"

G_DEFINE_FINAL_TYPE (FwExportPage, fw_export_page, GTK_TYPE_WIDGET)

static const char *
kind_title (FwExportKind kind)
{
  switch (kind)
    {
    case FW_EXPORT_MODEL:       return _("Save the Model");
    case FW_EXPORT_ONNX:        return _("Save the Model for Other Tools");
    case FW_EXPORT_PREDICTIONS: return _("Save the Predictions");
    case FW_EXPORT_REPORT_PDF:  return _("Save the Report as PDF");
    case FW_EXPORT_REPORT_HTML: return _("Save the Report as a Web Page");
    case FW_EXPORT_RECIPE:      return _("Save the Recipe");
    case FW_N_EXPORTS:
    default:                    g_assert_not_reached ();
    }
}

typedef struct
{
  FwExportPage *page;
  FwExportKind  kind;
  gboolean      all;
} ChooserData;

static void
chooser_response (GtkNativeDialog *chooser,
                  int              response,
                  ChooserData     *data)
{
  FwExportPage *self = data->page;

  if (response == GTK_RESPONSE_ACCEPT && self->cancellable == NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        {
          fw_settings_remember_folder (self->settings, file, data->all);
          if (data->all)
            fw_export_page_save_all (self, file);
          else
            fw_export_page_save (self, data->kind, file);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
  g_free (data);
}

static void
add_filter (GtkFileChooser *chooser,
            FwExportKind    kind)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *suggested = fw_export_suggest_name (kind, NULL);
  const char *extension = strrchr (suggested, '.') + 1;

  switch (kind)
    {
    case FW_EXPORT_MODEL:       gtk_file_filter_set_name (filter, _("Fairway Models")); break;
    case FW_EXPORT_ONNX:        gtk_file_filter_set_name (filter, _("ONNX Models")); break;
    case FW_EXPORT_PREDICTIONS: gtk_file_filter_set_name (filter, _("CSV Files")); break;
    case FW_EXPORT_REPORT_PDF:  gtk_file_filter_set_name (filter, _("PDF Documents")); break;
    case FW_EXPORT_REPORT_HTML: gtk_file_filter_set_name (filter, _("Web Pages")); break;
    case FW_EXPORT_RECIPE:      gtk_file_filter_set_name (filter, _("Recipes (JSON)")); break;
    case FW_N_EXPORTS:
    default:                    g_assert_not_reached ();
    }
  gtk_file_filter_add_suffix (filter, extension);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
open_chooser (FwExportPage *self,
              FwExportKind  kind,
              gboolean      all)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  g_autoptr(GFile) folder = fw_settings_get_last_folder (self->settings);
  ChooserData *data = g_new0 (ChooserData, 1);

  if (all)
    chooser = gtk_file_chooser_native_new (_("Save All Files in a Folder"),
                                           GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                           GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                           _("_Save Here"), _("_Cancel"));
  else
    {
      g_autofree char *name = fw_export_suggest_name (kind, fw_session_get_file (self->session));

      chooser = gtk_file_chooser_native_new (kind_title (kind),
                                             GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                             GTK_FILE_CHOOSER_ACTION_SAVE,
                                             _("_Save"), _("_Cancel"));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
      add_filter (GTK_FILE_CHOOSER (chooser), kind);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);

  data->page = g_object_ref (self);
  data->kind = kind;
  data->all = all;
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FwExportKind kind;

  if (fw_export_kind_from_string (g_variant_get_string (parameter, NULL), &kind))
    open_chooser (FW_EXPORT_PAGE (widget), kind, FALSE);
}

static void
save_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  open_chooser (FW_EXPORT_PAGE (widget), 0, TRUE);
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

static void
update (FwExportPage *self)
{
  FwTrainedModel *trained = self->session != NULL ? fw_session_get_trained (self->session)
                                                  : NULL;
  const FwTable *table = self->session != NULL ? fw_session_get_table (self->session) : NULL;
  GFile *file = self->session != NULL ? fw_session_get_file (self->session) : NULL;

  gtk_stack_set_visible_child_name (self->stack, trained != NULL ? "ready" : "empty");
  if (table != NULL && file != NULL)
    {
      g_autofree char *name = fw_display_name (file);
      g_autofree char *subtitle = NULL;
      gsize n = fw_table_n_rows (table);

      /* Translators: %zu is a number of rows, %s a file name. */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "What the model predicts for the %zu row of "
                                               "“%s”, and how sure it is of each answer (.csv)",
                                               "What the model predicts for each of the %zu "
                                               "rows of “%s”, and how sure it is of each "
                                               "answer (.csv)", n), n, name);
      adw_action_row_set_subtitle (self->predictions_row, subtitle);
    }
}

static void
load_intended_use (FwExportPage *self)
{
  const char *text = self->project != NULL ? fw_project_get_intended_use (self->project) : NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->intended_use_view);

  self->loading_text = TRUE;
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  self->loading_text = FALSE;
}

static void
intended_use_changed (FwExportPage  *self,
                      GtkTextBuffer *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->loading_text || self->project == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  fw_project_set_intended_use (self->project, text);
}

static void
fw_export_page_dispose (GObject *object)
{
  FwExportPage *self = FW_EXPORT_PAGE (object);

  /* A running job finishes on its own; its result finds no page and is dropped. */
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_EXPORT_PAGE);
  g_clear_object (&self->session);
  g_clear_object (&self->project);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (fw_export_page_parent_class)->dispose (object);
}

static void
fw_export_page_finalize (GObject *object)
{
  FwExportPage *self = FW_EXPORT_PAGE (object);

  g_free (self->last_message);

  G_OBJECT_CLASS (fw_export_page_parent_class)->finalize (object);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FwExportPage *self = FW_EXPORT_PAGE (widget);

  if (self->cancellable == NULL)
    return;
  self->cancelled = TRUE;
  g_cancellable_cancel (self->cancellable);
}

static gboolean
exporting (GtkWidget *page)
{
  return fw_export_page_get_busy (FW_EXPORT_PAGE (page));
}

static void
fw_export_page_class_init (FwExportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fw_export_page_dispose;
  object_class->finalize = fw_export_page_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/FairwayML/Fairway/ui/fw-export-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FwExportPage, stack);
  gtk_widget_class_bind_template_child (widget_class, FwExportPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, FwExportPage, predictions_row);
  gtk_widget_class_bind_template_child (widget_class, FwExportPage, intended_use_view);

  gtk_widget_class_install_action (widget_class, "export.save", "s", save_action);
  gtk_widget_class_install_action (widget_class, "export.save-all", NULL, save_all_action);
  gtk_widget_class_install_action (widget_class, "export.open-folder", "s", open_folder_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_set_css_name (widget_class, "fw-export-page");
}

static void
fw_export_page_init (FwExportPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.cancel", FALSE);
  /* Escape cancels an export wherever the focus is, not only inside the page. */
  fw_page_shortcut_add (GTK_WIDGET (self), "Escape", "export.cancel", exporting);
  self->settings = fw_settings_new ();
  g_signal_connect_object (gtk_text_view_get_buffer (self->intended_use_view), "changed",
                           G_CALLBACK (intended_use_changed), self, G_CONNECT_SWAPPED);
}

GtkWidget *
fw_export_page_new (void)
{
  return g_object_new (FW_TYPE_EXPORT_PAGE, NULL);
}

void
fw_export_page_set_session (FwExportPage *self,
                            FwSession    *session)
{
  g_return_if_fail (FW_IS_EXPORT_PAGE (self));
  g_return_if_fail (FW_IS_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  g_signal_connect_object (session, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

void
fw_export_page_set_project (FwExportPage *self,
                            FwProject    *project)
{
  g_return_if_fail (FW_IS_EXPORT_PAGE (self));
  g_return_if_fail (FW_IS_PROJECT (project));

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);
  g_signal_connect_object (project, "restored", G_CALLBACK (load_intended_use), self,
                           G_CONNECT_SWAPPED);
  load_intended_use (self);
}

const char *
fw_export_page_get_state (FwExportPage *self)
{
  g_return_val_if_fail (FW_IS_EXPORT_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

gboolean
fw_export_page_get_busy (FwExportPage *self)
{
  g_return_val_if_fail (FW_IS_EXPORT_PAGE (self), FALSE);
  return self->cancellable != NULL;
}

const char *
fw_export_page_get_last_message (FwExportPage *self)
{
  g_return_val_if_fail (FW_IS_EXPORT_PAGE (self), NULL);
  return self->last_message;
}

gboolean
fw_export_page_get_last_failed (FwExportPage *self)
{
  g_return_val_if_fail (FW_IS_EXPORT_PAGE (self), FALSE);
  return self->last_failed;
}

GtkTextBuffer *
fw_export_page_get_intended_use_buffer (FwExportPage *self)
{
  g_return_val_if_fail (FW_IS_EXPORT_PAGE (self), NULL);
  return gtk_text_view_get_buffer (self->intended_use_view);
}
