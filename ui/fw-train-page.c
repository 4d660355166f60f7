/* fw-train-page.c — wizard step 5: watch the model learn
 *
 * Four states in a stack: ready (what will be trained, and the button), preparing (the
 * dataset is built on a worker thread), training (live charts and figures, Pause, Resume,
 * Stop; it stays on this state when the run ends, with the outcome in words) and error.
 *
 * Leaving the step does not stop training (the run goes on draining its queue while the page
 * is not on screen: fw-train-page-run.c), so the model lands in the session wherever the
 * user is.  Changing the data or the recipe does stop it: a model of the old recipe would
 * not describe what the other steps show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-page-shortcut.h"
#include "fw-toast.h"
#include "fw-train-page-private.h"

G_DEFINE_FINAL_TYPE (FwTrainPage, fw_train_page, GTK_TYPE_WIDGET)

/* The data or the recipe changed under a run: its model would describe neither. */
static void
session_changed (FwTrainPage *self,
                 guint        parts)
{
  if (self->setting_trained)
    return;
  if (parts & (FW_SESSION_DATA | FW_SESSION_STEPS | FW_SESSION_RECIPE))
    {
      if (fw_train_page_get_busy (self) && fw_session_has_data (self->session))
        fw_toast_show (GTK_WIDGET (self), _("Training stopped: the recipe changed"));
      fw_train_page_abandon (self);
      fw_train_page_show_ready (self);
    }
  else if ((parts & FW_SESSION_MODEL) && fw_session_get_trained (self->session) == NULL &&
           !fw_train_page_get_busy (self))
    fw_train_page_show_ready (self);
  fw_train_page_update_actions (self);
}

static void
fw_train_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (fw_train_page_parent_class)->map (widget);
  fw_train_page_update_pump (FW_TRAIN_PAGE (widget));
}

static void
fw_train_page_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (fw_train_page_parent_class)->unmap (widget);
  fw_train_page_update_pump (FW_TRAIN_PAGE (widget));
}

static void
fw_train_page_dispose (GObject *object)
{
  FwTrainPage *self = FW_TRAIN_PAGE (object);
  GtkWidget *child;

  fw_train_page_abandon (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_TRAIN_PAGE);
  /* Template children without an id are not disposed with the template. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (fw_train_page_parent_class)->dispose (object);
}

static void
fw_train_page_class_init (FwTrainPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fw_train_page_dispose;
  widget_class->map = fw_train_page_map;
  widget_class->unmap = fw_train_page_unmap;

  g_type_ensure (FW_TYPE_TRAIN_CHARTS);
  g_type_ensure (FW_TYPE_TRAIN_FIGURES);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fw-train-page");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/FairwayML/Fairway/ui/fw-train-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FwTrainPage, stack);
  gtk_widget_class_bind_template_child (widget_class, FwTrainPage, ready_page);
  gtk_widget_class_bind_template_child (widget_class, FwTrainPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, FwTrainPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, FwTrainPage, status_title);
  gtk_widget_class_bind_template_child (widget_class, FwTrainPage, status_detail);
  gtk_widget_class_bind_template_child (widget_class, FwTrainPage, pause_button);
  gtk_widget_class_bind_template_child (widget_class, FwTrainPage, resume_button);
  gtk_widget_class_bind_template_child (widget_class, FwTrainPage, stop_button);
  gtk_widget_class_bind_template_child (widget_class, FwTrainPage, again_button);
  gtk_widget_class_bind_template_child (widget_class, FwTrainPage, results_button);
  gtk_widget_class_bind_template_child (widget_class, FwTrainPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, FwTrainPage, figures);
  gtk_widget_class_bind_template_child (widget_class, FwTrainPage, charts);

  fw_train_page_run_class_init (widget_class);
}

/* Something Stop would stop: a preparation, or a run not already stopping or done. */
static gboolean
stoppable (GtkWidget *page)
{
  FwTrainPage *self = FW_TRAIN_PAGE (page);

  return self->preparing || (self->run != NULL && !self->finishing && !self->stopping);
}

static void
fw_train_page_init (FwTrainPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->unshown_fraction = -1;
  /* Escape acts only while this step is on screen (Ctrl+Enter is the window's win.primary:
   * Train here, or on to Results once there is a model). */
  fw_page_shortcut_add (GTK_WIDGET (self), "Escape", "train-page.stop", stoppable);
  fw_train_page_update_actions (self);
}

GtkWidget *
fw_train_page_new (void)
{
  return g_object_new (FW_TYPE_TRAIN_PAGE, NULL);
}

void
fw_train_page_set_session (FwTrainPage *self,
                           FwSession   *session)
{
  g_return_if_fail (FW_IS_TRAIN_PAGE (self));
  g_return_if_fail (FW_IS_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  fw_train_page_abandon (self);
  g_set_object (&self->session, session);
  g_signal_connect_swapped (session, "changed", G_CALLBACK (session_changed), self);
  fw_train_page_show_ready (self);
}

const char *
fw_train_page_get_state (FwTrainPage *self)
{
  g_return_val_if_fail (FW_IS_TRAIN_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
fw_train_page_get_status (FwTrainPage *self)
{
  g_return_val_if_fail (FW_IS_TRAIN_PAGE (self), NULL);
  return gtk_label_get_text (self->status_title);
}

FwTrainCharts *
fw_train_page_get_charts (FwTrainPage *self)
{
  g_return_val_if_fail (FW_IS_TRAIN_PAGE (self), NULL);
  return self->charts;
}

double
fw_train_page_get_rows_per_second (FwTrainPage *self)
{
  g_return_val_if_fail (FW_IS_TRAIN_PAGE (self), 0);
  return self->n_epochs_seen > 0 ? self->rows_per_second_sum / self->n_epochs_seen : 0;
}

guint
fw_train_page_get_n_epochs_seen (FwTrainPage *self)
{
  g_return_val_if_fail (FW_IS_TRAIN_PAGE (self), 0);
  return self->n_epochs_seen;
}
