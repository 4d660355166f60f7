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
#include "fw-display-name.h"
#include "fw-settings.h"
#include "fw-window-private.h"

G_DEFINE_FINAL_TYPE (FwWindow, fw_window, ADW_TYPE_APPLICATION_WINDOW)

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
      g_autofree char *name = fw_display_name (file);

      subtitle = g_strdup_printf ("%s · %s", position, name);
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
    {
      fw_session_set_data (self->session, fw_data_page_get_file (self->data_page), model,
                           fw_data_page_steal_profile (self->data_page));
      fw_session_set_data_encoding (self->session, fw_data_page_get_encoding (self->data_page));
    }
  update_navigation (self);
}

static void
session_changed (FwWindow *self,
                 guint     parts)
{
  if (parts & FW_SESSION_DATA)
    fw_step_indicator_reset_visits (self->step_indicator,
                                    fw_step_indicator_get_current (self->step_indicator));
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
  fw_project_set_step (self->project, fw_wizard_step_get_id (step));
  gtk_stack_set_visible_child_name (self->step_stack, fw_wizard_step_get_id (step));
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

/* Ctrl+Enter: Train on the Train step until there is a model, else Next (on a finished
 * Train step that is See Results, whose tooltip names the shortcut: a keystroke never
 * throws a trained model away). */
static void
primary_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FwWindow *self = FW_WINDOW (widget);

  if (fw_step_indicator_get_current (self->step_indicator) == FW_WIZARD_TRAIN &&
      fw_session_get_trained (self->session) == NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->train_page), "train-page.train", NULL);
  else
    gtk_widget_activate_action (widget, "win.next", NULL);
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
  /* Without a clean close the recovery file stays, for the next start to offer. */
  g_clear_pointer (&self->recovery, fw_recovery_free);
  g_clear_pointer (&self->offered, g_ptr_array_unref);
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

  gtk_widget_class_install_action (widget_class, "win.go-to-step", "u", go_to_step_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "win.primary", NULL, primary_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "win.primary", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "win.primary", NULL);
  fw_window_project_class_init (widget_class);
  fw_window_recovery_class_init (widget_class);
}

static void
fw_window_init (FwWindow *self)
{
  GtkWidget *pages[FW_N_STEPS];

  gtk_widget_init_template (GTK_WIDGET (self));
  pages[FW_WIZARD_DATA] = GTK_WIDGET (self->data_page);
  pages[FW_WIZARD_CLEAN] = GTK_WIDGET (self->clean_page);
  pages[FW_WIZARD_TARGET] = GTK_WIDGET (self->target_page);
  pages[FW_WIZARD_MODEL] = GTK_WIDGET (self->model_page);
  pages[FW_WIZARD_TRAIN] = GTK_WIDGET (self->train_page);
  pages[FW_WIZARD_RESULTS] = GTK_WIDGET (self->results_page);
  pages[FW_WIZARD_EXPORT] = GTK_WIDGET (self->export_page);
  for (guint i = 0; i < FW_N_STEPS; i++)
    gtk_stack_page_set_name (gtk_stack_get_page (self->step_stack, pages[i]),
                             fw_wizard_step_get_id (i));

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
  fw_window_recovery_init (self);

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
fw_window_new (GtkApplication *application)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  return g_object_new (FW_TYPE_WINDOW, "application", application, NULL);
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
