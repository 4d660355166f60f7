/* fw-data-page.c — wizard step 1: open a table and look at it
 *
 * Four states in a stack: empty (what to do), loading (progress and Cancel), error (the
 * message in plain words, and a way out) and preview (a summary and the rows).  The import
 * runs on a worker thread (FwImport); its result comes back through a weak reference and
 * is kept only if it belongs to the import this page still waits for, so opening another
 * file, cancelling or closing the window simply drops it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include "fw-data-page-private.h"
#include "fw-display-name.h"
#include "fw-number.h"
#include "fw-page-shortcut.h"
#include "fw-import.h"
#include "fw-recent.h"
#include "fw-sample.h"
#include "fw-table-view.h"
#include "fw-toast.h"

enum {
  PROP_0,
  PROP_FILE,
  PROP_HAS_TABLE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FwDataPage, fw_data_page, GTK_TYPE_WIDGET)

static char *
build_summary (const FwTable     *table,
               const FwCsvReport *report,
               guint              n_shown_columns)
{
  gsize n_rows = fw_table_n_rows (table);
  guint n_columns = fw_table_n_columns (table);
  g_autofree char *rows = fw_count_to_display (n_rows);
  g_autofree char *columns = fw_count_to_display (n_columns);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row", "%s rows",
                                                        n_rows), rows));
  g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s column",
                                                        "%s columns", n_columns), columns));
  switch (report->delimiter)
    {
    case ',':  g_ptr_array_add (parts, g_strdup (_("comma-separated"))); break;
    case ';':  g_ptr_array_add (parts, g_strdup (_("semicolon-separated"))); break;
    case '\t': g_ptr_array_add (parts, g_strdup (_("tab-separated"))); break;
    case '|':  g_ptr_array_add (parts, g_strdup (_("pipe-separated"))); break;
    default:   break;
    }
  if (report->encoding != NULL && g_str_has_prefix (report->encoding, "UTF-16"))
    /* Translators: the file's text encoding, when it is not the usual UTF-8. */
    g_ptr_array_add (parts, g_strdup (_("UTF-16 text")));
  else if (report->encoding != NULL && g_strcmp0 (report->encoding, "UTF-8") != 0)
    {
      g_autofree char *encoding = fw_csv_encoding_describe (report->encoding);

      /* Translators: %s is a text encoding, "Windows-1252 (Western European)". */
      g_ptr_array_add (parts, g_strdup_printf (_("read as %s"), encoding));
    }
  if (report->decimal_comma)
    g_ptr_array_add (parts, g_strdup (_("decimal commas")));
  if (!report->has_header)
    g_ptr_array_add (parts, g_strdup (_("no header row")));
  if (report->n_bytes > 0)
    g_ptr_array_add (parts, g_format_size (report->n_bytes));
  if (n_shown_columns < n_columns)
    g_ptr_array_add (parts, g_strdup_printf (_("the preview shows the first %u columns"),
                                             n_shown_columns));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
fill_legend (FwDataPage    *self,
             const FwTable *table)
{
  gboolean present[FW_N_KINDS] = { FALSE, };
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->legend_box))) != NULL)
    gtk_box_remove (self->legend_box, child);

  for (guint i = 0; i < fw_table_n_columns (table); i++)
    present[fw_table_column (table, i)->kind] = TRUE;

  for (guint kind = 0; kind < FW_N_KINDS; kind++)
    {
      GtkWidget *item;

      if (!present[kind])
        continue;
      item = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      gtk_box_append (GTK_BOX (item), gtk_image_new_from_icon_name (fw_kind_icon_name (kind)));
      gtk_box_append (GTK_BOX (item), gtk_label_new (fw_kind_to_label (kind)));
      gtk_widget_add_css_class (item, "fw-kind-chip");
      gtk_box_append (self->legend_box, item);
    }
}

static void
set_model (FwDataPage   *self,
           FwTableModel *model,
           GFile        *file)
{
  gboolean had_table = self->model != NULL;

  if (model == NULL)
    g_clear_pointer (&self->profile, fw_table_profile_free);
  g_set_object (&self->model, model);
  fw_table_view_set_model (self->table_view, model);
  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  if (had_table != (model != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_TABLE]);
}

static void
update_progress (FwDataPage *self)
{
  double fraction = fw_import_get_fraction (self->import);
  g_autofree char *text = NULL;

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  /* Translators: progress of an import; %.0f is a percentage, %% the percent sign. */
  text = g_strdup_printf (_("%.0f %%"), 100.0 * fraction);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

/* Forgets the import this page waited for; its result, if it ever comes, is dropped. */
static void
forget_import (FwDataPage *self)
{
  if (self->import == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->import, self);
  g_clear_object (&self->import);
  g_clear_object (&self->cancellable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "data-page.cancel", FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_table (FwDataPage        *self,
            GFile             *file,
            const char        *encoding,
            FwTable           *table,
            FwTableProfile    *profile,
            const FwCsvReport *report)
{
  g_autoptr(FwTableModel) model = fw_table_model_new (table);
  g_autofree char *name = fw_display_name (file);
  g_autofree char *summary = NULL;
  g_autofree char *renamed = fw_csv_report_describe_renamed (report);
  g_autofree char *padded = fw_csv_report_describe_padded (report);

  /* Before set_model notifies, so whoever listens can take the profile and the encoding
   * with the table. */
  g_clear_pointer (&self->profile, fw_table_profile_free);
  self->profile = profile;
  g_free (self->encoding);
  self->encoding = g_strdup (encoding);
  set_model (self, model, file);
  summary = build_summary (table, report,
                           fw_table_view_get_n_shown_columns (self->table_view));
  gtk_label_set_text (self->file_label, name);
  gtk_label_set_text (self->summary_label, summary);
  fill_legend (self, table);
  g_clear_pointer (&self->error_message, g_free);
  gtk_stack_set_visible_child_name (self->stack, "preview");
  if (renamed != NULL)
    {
      /* Until dismissed: the names shown differ from the file's. */
      AdwToast *toast = adw_toast_new (renamed);

      adw_toast_set_timeout (toast, 0);
      fw_toast_add (GTK_WIDGET (self), toast);
    }
  if (padded != NULL)
    fw_toast_add (GTK_WIDGET (self), adw_toast_new (padded));
}

static void
show_error (FwDataPage *self,
            GFile      *file,
            const char *message)
{
  g_autofree char *name = fw_display_name (file);
  g_autofree char *title = NULL;
  g_autofree char *markup = g_markup_escape_text (message, -1);

  set_model (self, NULL, NULL);
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  /* Translators: %s is a file name. */
  title = g_strdup_printf (_("Could Not Open “%s”"), name);
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, markup);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GWeakRef *page_ref = user_data;
  g_autoptr(FwDataPage) self = g_weak_ref_get (page_ref);
  FwImport *import = FW_IMPORT (source);
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwTableProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  FwCsvReport report = { 0, };

  g_weak_ref_clear (page_ref);
  g_free (page_ref);

  table = fw_import_run_finish (import, result, &report, &profile, &error);
  /* Stale: the page is gone, or it was cancelled or moved on to another file. */
  if (self == NULL || import != self->import)
    return;

  forget_import (self);
  if (table != NULL && !fw_import_is_sample (import))
    fw_recent_add (fw_import_get_file (import));
  if (table != NULL)
    show_table (self, fw_import_get_file (import), fw_import_get_encoding (import),
                g_steal_pointer (&table), g_steal_pointer (&profile), &report);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gtk_stack_set_visible_child_name (self->stack, self->model != NULL ? "preview" : "empty");
  else
    {
      show_error (self, fw_import_get_file (import), error->message);
      /* Not UTF-8, but it reads as a single-byte encoding: offer to read it so. */
      if (g_error_matches (error, FW_CSV_ERROR, FW_CSV_ERROR_NOT_UTF8) &&
          report.guessed_encoding != NULL)
        fw_data_page_ask_encoding (self, fw_import_get_file (import), &report,
                                   fw_data_page_open_file_with_encoding);
    }
}

static void
start_import (FwDataPage *self,
              FwImport   *import)
{
  g_autofree char *name = fw_display_name (fw_import_get_file (import));
  g_autofree char *title = NULL;
  GWeakRef *page_ref;

  if (self->import != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      forget_import (self);
    }

  self->import = g_object_ref (import);
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (import, "notify::fraction", G_CALLBACK (update_progress), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "data-page.cancel", TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  if (fw_import_is_sample (import))
    {
      adw_status_page_set_title (self->loading_page, _("Preparing the Sample"));
      adw_status_page_set_description (self->loading_page,
                                       _("Generating loan applications and reading them in…"));
    }
  else
    {
      /* Translators: %s is a file name. */
      title = g_strdup_printf (_("Reading “%s”"), name);
      adw_status_page_set_title (self->loading_page, title);
      adw_status_page_set_description (self->loading_page,
                                       _("Working out the kind of every column…"));
    }
  update_progress (self);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  page_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (page_ref, self);
  fw_import_run_async (import, self->cancellable, import_done, page_ref);
}

void
fw_data_page_open_file (FwDataPage *self,
                        GFile      *file)
{
  fw_data_page_open_file_with_encoding (self, file, NULL);
}

void
fw_data_page_open_file_with_encoding (FwDataPage *self,
                                      GFile      *file,
                                      const char *encoding)
{
  g_autoptr(FwImport) import = NULL;

  g_return_if_fail (FW_IS_DATA_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  import = fw_import_new (file);
  fw_import_set_encoding (import, encoding);
  start_import (self, import);
}

void
fw_data_page_open_sample (FwDataPage *self)
{
  g_autoptr(FwImport) import = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_if_fail (FW_IS_DATA_PAGE (self));

  file = g_file_new_build_filename (g_get_user_cache_dir (), "fairway", "sample.csv", NULL);
  import = fw_import_new_sample (file, FW_SAMPLE_DEFAULT_ROWS, FW_SAMPLE_DEFAULT_SEED);
  start_import (self, import);
}

void
fw_data_page_cancel (FwDataPage *self)
{
  g_return_if_fail (FW_IS_DATA_PAGE (self));

  if (self->import == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  forget_import (self);
  gtk_stack_set_visible_child_name (self->stack, self->model != NULL ? "preview" : "empty");
  fw_toast_show (GTK_WIDGET (self), _("Import cancelled"));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  fw_data_page_cancel (FW_DATA_PAGE (widget));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         FwDataPage    *self)
{
  GFile *file = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GdkFileList *list = g_value_get_boxed (value);
      g_autoptr(GSList) files = list != NULL ? gdk_file_list_get_files (list) : NULL;

      /* One table at a time: the first file dropped is the one opened. */
      if (files != NULL)
        file = files->data;
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    file = g_value_get_object (value);

  if (file == NULL)
    return FALSE;
  fw_data_page_open_file (self, file);
  return TRUE;
}

static void
fw_data_page_dispose (GObject *object)
{
  FwDataPage *self = FW_DATA_PAGE (object);

  if (self->import != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      forget_import (self);
    }
  if (self->encoding_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->encoding_dialog),
                                    (gpointer *) &self->encoding_dialog);
      gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->encoding_dialog)));
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_DATA_PAGE);
  g_clear_object (&self->model);
  g_clear_object (&self->file);
  g_clear_pointer (&self->profile, fw_table_profile_free);

  G_OBJECT_CLASS (fw_data_page_parent_class)->dispose (object);
}

static void
fw_data_page_finalize (GObject *object)
{
  FwDataPage *self = FW_DATA_PAGE (object);

  g_free (self->error_message);
  g_free (self->encoding);

  G_OBJECT_CLASS (fw_data_page_parent_class)->finalize (object);
}

static void
fw_data_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FwDataPage *self = FW_DATA_PAGE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_HAS_TABLE:
      g_value_set_boolean (value, self->model != NULL);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->import != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_data_page_class_init (FwDataPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fw_data_page_dispose;
  object_class->finalize = fw_data_page_finalize;
  object_class->get_property = fw_data_page_get_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_TABLE] =
    g_param_spec_boolean ("has-table", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FW_TYPE_TABLE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/FairwayML/Fairway/ui/fw-data-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FwDataPage, stack);
  gtk_widget_class_bind_template_child (widget_class, FwDataPage, loading_page);
  gtk_widget_class_bind_template_child (widget_class, FwDataPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, FwDataPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, FwDataPage, file_label);
  gtk_widget_class_bind_template_child (widget_class, FwDataPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, FwDataPage, legend_box);
  gtk_widget_class_bind_template_child (widget_class, FwDataPage, table_view);
  gtk_widget_class_bind_template_child (widget_class, FwDataPage, restore_revealer);
  gtk_widget_class_bind_template_child (widget_class, FwDataPage, restore_label);
  gtk_widget_class_bind_template_child (widget_class, FwDataPage, restore_button);
  gtk_widget_class_bind_template_child (widget_class, FwDataPage, restore_discard_button);
  gtk_widget_class_bind_template_child (widget_class, FwDataPage, restore_list);
  gtk_widget_class_bind_template_child (widget_class, FwDataPage, recent_group);
  gtk_widget_class_bind_template_child (widget_class, FwDataPage, recent_list);

  gtk_widget_class_install_action (widget_class, "data-page.cancel", NULL, cancel_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fw-data-page");
}

static gboolean
importing (GtkWidget *page)
{
  return fw_data_page_get_busy (FW_DATA_PAGE (page));
}

static void
fw_data_page_init (FwDataPage *self)
{
  GtkDropTarget *target;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "data-page.cancel", FALSE);
  /* Escape cancels an import wherever the focus is, not only inside the page. */
  fw_page_shortcut_add (GTK_WIDGET (self), "Escape", "data-page.cancel", importing);

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  fw_data_page_empty_init (self);
}

GtkWidget *
fw_data_page_new (void)
{
  return g_object_new (FW_TYPE_DATA_PAGE, NULL);
}

GFile *
fw_data_page_get_file (FwDataPage *self)
{
  g_return_val_if_fail (FW_IS_DATA_PAGE (self), NULL);
  return self->file;
}

const char *
fw_data_page_get_encoding (FwDataPage *self)
{
  g_return_val_if_fail (FW_IS_DATA_PAGE (self), NULL);
  return self->model != NULL ? self->encoding : NULL;
}

gboolean
fw_data_page_get_has_table (FwDataPage *self)
{
  g_return_val_if_fail (FW_IS_DATA_PAGE (self), FALSE);
  return self->model != NULL;
}

gboolean
fw_data_page_get_busy (FwDataPage *self)
{
  g_return_val_if_fail (FW_IS_DATA_PAGE (self), FALSE);
  return self->import != NULL;
}

const char *
fw_data_page_get_state (FwDataPage *self)
{
  g_return_val_if_fail (FW_IS_DATA_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

FwTableModel *
fw_data_page_get_table_model (FwDataPage *self)
{
  g_return_val_if_fail (FW_IS_DATA_PAGE (self), NULL);
  return self->model;
}

FwTableProfile *
fw_data_page_steal_profile (FwDataPage *self)
{
  g_return_val_if_fail (FW_IS_DATA_PAGE (self), NULL);
  return g_steal_pointer (&self->profile);
}

GtkColumnView *
fw_data_page_get_column_view (FwDataPage *self)
{
  g_return_val_if_fail (FW_IS_DATA_PAGE (self), NULL);
  return fw_table_view_get_column_view (self->table_view);
}

const char *
fw_data_page_get_summary (FwDataPage *self)
{
  g_return_val_if_fail (FW_IS_DATA_PAGE (self), NULL);
  return gtk_label_get_text (self->summary_label);
}

const char *
fw_data_page_get_error_message (FwDataPage *self)
{
  g_return_val_if_fail (FW_IS_DATA_PAGE (self), NULL);
  return self->error_message;
}

FwImport *
fw_data_page_get_import (FwDataPage *self)
{
  g_return_val_if_fail (FW_IS_DATA_PAGE (self), NULL);
  return self->import;
}
