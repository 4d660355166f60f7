/* fw-window.c — the main window: the wizard's steps, navigation and notices
 *
 * The window owns the step navigation: the indicator under the header bar, Back and Next
 * at the bottom, and the step title.  Each step page says what it has (the Data page: a
 * table) and the window works out where the user may go, and why not when they can't.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-recent.h"
#include "fw-settings.h"
#include "fw-window.h"
#include "fw-window-project.h"

struct _FwWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  FwStepIndicator *step_indicator;
  GtkStack        *step_stack;
  FwDataPage      *data_page;
  FwCleanPage     *clean_page;
  FwTargetPage    *target_page;
  FwModelPage     *model_page;
  FwTrainPage     *train_page;
  FwResultsPage   *results_page;
  FwExportPage    *export_page;
  GtkWidget       *back_button;
  GtkWidget       *next_button;

  FwSession       *session;
  FwProject       *project;     /* saving, opening, autosave: fw-window-project.c */
  GSettings       *settings;    /* NULL where the schema is not installed */
};

G_DEFINE_FINAL_TYPE (FwWindow, fw_window, ADW_TYPE_APPLICATION_WINDOW)

static const char *const step_pages[FW_N_STEPS] = {
  "data", "clean", "target", "model", "train", "results", "export",
};

/* How many steps, from the first, are done; and what the first undone one still needs. */
static guint
count_completed (FwWindow  *self,
                 char     **missing)
{
  if (!fw_session_has_data (self->session))
    {
      *missing = g_strdup (_("Open a data file first"));
      return FW_WIZARD_DATA;
    }
  if (!fw_session_has_target (self->session, missing))
    return FW_WIZARD_TARGET;
  if (fw_session_get_trained (self->session) == NULL)
    {
      *missing = g_strdup (_("Train a model first"));
      return FW_WIZARD_TRAIN;
    }
  *missing = NULL;
  return FW_N_STEPS;
}

static void
update_navigation (FwWindow *self)
{
  FwWizardStep step = fw_step_indicator_get_current (self->step_indicator);
  GFile *file = fw_session_get_file (self->session);
  g_autofree char *position = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *next_tooltip = NULL;
  g_autofree char *missing = NULL;
  guint completed;
  gboolean can_next;

  completed = count_completed (self, &missing);
  fw_step_indicator_set_n_completed (self->step_indicator, completed);

  can_next = step + 1 < FW_N_STEPS
             && fw_step_indicator_is_step_reachable (self->step_indicator, step + 1);
  if (step + 1 < FW_N_STEPS && !can_next)
    next_tooltip = g_steal_pointer (&missing);
  else if (step + 1 < FW_N_STEPS)
    /* Translators: %s is a wizard step such as "Clean". */
    next_tooltip = g_strdup_printf (_("Go on to %s"), fw_wizard_step_get_name (step + 1));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next", can_next);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", step > 0);
  gtk_widget_set_tooltip_text (self->next_button, next_tooltip);
  gtk_widget_set_visible (self->next_button, step + 1 < FW_N_STEPS);

  /* Translators: the position in the wizard, e.g. "Step 1 of 7". */
  position = g_strdup_printf (_("Step %u of %u"), step + 1, FW_N_STEPS);
  if (file != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *display = g_filename_display_name (name);

      subtitle = g_strdup_printf ("%s · %s", position, display);
    }
  adw_window_title_set_title (self->window_title, fw_wizard_step_get_title (step));
  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : position);
}

/* The Data page's table becomes the session's: every later step starts from it. */
static void
data_page_changed (FwWindow *self)
{
  FwTableModel *model = fw_data_page_get_table_model (self->data_page);

  if (model != fw_session_get_table_model (self->session))
    fw_session_set_data (self->session, fw_data_page_get_file (self->data_page), model,
                         fw_data_page_steal_profile (self->data_page));
  update_navigation (self);
}

static void
session_changed (FwWindow *self,
                 guint     parts)
{
  update_navigation (self);
}

static void
page_changed (FwWindow *self)
{
  data_page_changed (self);
}

static void
go_to_step (FwWindow *self,
            FwWizardStep  step)
{
  if (!fw_step_indicator_is_step_reachable (self->step_indicator, step))
    return;
  fw_step_indicator_set_current (self->step_indicator, step);
  fw_project_set_step (self->project, step_pages[step]);
  gtk_stack_set_visible_child_name (self->step_stack, step_pages[step]);
  update_navigation (self);
}

static void
go_to_step_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  go_to_step (FW_WINDOW (widget), g_variant_get_uint32 (parameter));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FwWindow *self = FW_WINDOW (widget);
  FwWizardStep step = fw_step_indicator_get_current (self->step_indicator);

  if (step > 0)
    go_to_step (self, step - 1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FwWindow *self = FW_WINDOW (widget);

  go_to_step (self, fw_step_indicator_get_current (self->step_indicator) + 1);
}

/* Ctrl+Enter: Train on the Train step until there is a model, else Next. */
static gboolean
primary_shortcut (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   data)
{
  FwWindow *self = FW_WINDOW (widget);

  if (fw_step_indicator_get_current (self->step_indicator) == FW_WIZARD_TRAIN &&
      fw_session_get_trained (self->session) == NULL)
    return gtk_widget_activate_action (GTK_WIDGET (self->train_page), "train-page.train", NULL);
  return gtk_widget_activate_action (widget, "win.next", NULL);
}

static void
open_response (GtkNativeDialog *chooser,
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
open_action (GtkWidget  *widget,
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
  g_signal_connect (chooser, "response", G_CALLBACK (open_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  fw_window_open_sample (FW_WINDOW (widget));
}

static gboolean
fw_window_close_request (GtkWindow *window)
{
  FwWindow *self = FW_WINDOW (window);

  if (fw_window_project_close_request (self))
    return TRUE;
  if (self->settings != NULL)
    {
      gboolean maximized = gtk_window_is_maximized (window);
      int width, height;

      /* The unmaximized size, so the next start is not a maximized-size floating window. */
      if (!maximized)
        {
          gtk_window_get_default_size (window, &width, &height);
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
      g_settings_set_boolean (self->settings, "window-maximized", maximized);
    }

  return GTK_WINDOW_CLASS (fw_window_parent_class)->close_request (window);
}

static void
fw_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FW_TYPE_WINDOW);

  G_OBJECT_CLASS (fw_window_parent_class)->dispose (object);
}

static void
fw_window_finalize (GObject *object)
{
  FwWindow *self = FW_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->project);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (fw_window_parent_class)->finalize (object);
}

static void
fw_window_class_init (FwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = fw_window_dispose;
  object_class->finalize = fw_window_finalize;
  window_class->close_request = fw_window_close_request;

  g_type_ensure (FW_TYPE_STEP_INDICATOR);
  g_type_ensure (FW_TYPE_DATA_PAGE);
  g_type_ensure (FW_TYPE_CLEAN_PAGE);
  g_type_ensure (FW_TYPE_TARGET_PAGE);
  g_type_ensure (FW_TYPE_MODEL_PAGE);
  g_type_ensure (FW_TYPE_TRAIN_PAGE);
  g_type_ensure (FW_TYPE_RESULTS_PAGE);
  g_type_ensure (FW_TYPE_EXPORT_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/FairwayML/Fairway/ui/fw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, step_indicator);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, step_stack);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, data_page);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, clean_page);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, target_page);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, model_page);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, train_page);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, results_page);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, export_page);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, next_button);
  gtk_widget_class_bind_template_callback (widget_class, page_changed);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.go-to-step", "u", go_to_step_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.next", NULL, next_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, primary_shortcut,
                                NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, primary_shortcut,
                                NULL);
  fw_window_project_class_init (widget_class);
}

static void
fw_window_init (FwWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->session = fw_session_new ();
  g_signal_connect_object (self->session, "changed", G_CALLBACK (session_changed), self,
                           G_CONNECT_SWAPPED);
  fw_clean_page_set_session (self->clean_page, self->session);
  fw_target_page_set_session (self->target_page, self->session);
  fw_model_page_set_session (self->model_page, self->session);
  fw_train_page_set_session (self->train_page, self->session);
  fw_results_page_set_session (self->results_page, self->session);
  fw_export_page_set_session (self->export_page, self->session);
  self->project = fw_project_new (self->session);
  fw_export_page_set_project (self->export_page, self->project);
  fw_window_project_init (self);

  self->settings = fw_settings_new ();
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  else
    gtk_window_set_default_size (GTK_WINDOW (self), 1100, 720);

  update_navigation (self);
}

FwWindow *
fw_window_new (FwApplication *application)
{
  g_return_val_if_fail (FW_IS_APPLICATION (application), NULL);

  return g_object_new (FW_TYPE_WINDOW, "application", application, NULL);
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

void
fw_window_add_toast (FwWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (FW_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

FwWizardStep
fw_window_get_step (FwWindow *self)
{
  g_return_val_if_fail (FW_IS_WINDOW (self), FW_WIZARD_DATA);
  return fw_step_indicator_get_current (self->step_indicator);
}

FwDataPage *
fw_window_get_data_page (FwWindow *self)
{
  g_return_val_if_fail (FW_IS_WINDOW (self), NULL);
  return self->data_page;
}

FwSession *
fw_window_get_session (FwWindow *self)
{
  g_return_val_if_fail (FW_IS_WINDOW (self), NULL);
  return self->session;
}

FwProject *
fw_window_get_project (FwWindow *self)
{
  g_return_val_if_fail (FW_IS_WINDOW (self), NULL);
  return self->project;
}

FwStepIndicator *
fw_window_get_step_indicator (FwWindow *self)
{
  g_return_val_if_fail (FW_IS_WINDOW (self), NULL);
  return self->step_indicator;
}

GtkWidget *
fw_window_get_next_button (FwWindow *self)
{
  g_return_val_if_fail (FW_IS_WINDOW (self), NULL);
  return self->next_button;
}
