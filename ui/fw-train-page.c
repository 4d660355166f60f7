/* fw-train-page.c — wizard step 5: watch the model learn
 *
 * Four states in a stack: ready (what will be trained, and the button), preparing (the
 * dataset is built on a worker thread), training (live charts and figures, Pause, Resume,
 * Stop; it stays on this state when the run ends, with the outcome in words) and error.
 *
 * The trainer's thread talks to the page only through its event queue, which the page
 * drains once per frame from a tick callback and folds into one redraw per chart.  Leaving
 * the step does not stop training (the page keeps draining from a slow timer while it is not
 * on screen), so the model lands in the session wherever the user is.  Changing the data or
 * the recipe does stop it: a model of the old recipe would not describe what the other steps
 * show.  Results of a worker thread that arrive after that are dropped: each carries the
 * generation it was started for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include "fw-settings.h"
#include "fw-toast.h"
#include "fw-train-charts.h"
#include "fw-train-figures.h"
#include "fw-train-job.h"
#include "fw-train-page-private.h"

/* How often a page that is not on screen drains the queue. */
#define OFFSCREEN_DRAIN_MS 250


struct _FwTrainPage
{
  GtkWidget        parent_instance;

  GtkStack        *stack;
  AdwStatusPage   *ready_page;
  AdwStatusPage   *error_page;
  GtkSpinner      *spinner;
  GtkLabel        *status_title;
  GtkLabel        *status_detail;
  GtkWidget       *pause_button, *resume_button, *stop_button, *again_button, *results_button;
  GtkProgressBar  *progress_bar;
  FwTrainFigures  *figures;
  FwTrainCharts   *charts;

  FwSession       *session;
  guint            generation;  /* bumped whenever what the page waits for is dropped */
  GCancellable    *cancellable; /* of the job or run in progress */
  FwTableModel    *table_model; /* keeps the run's table alive */
  FwTrainingRun   *run;         /* while training; lent to the finish job after DONE */
  gboolean         preparing, finishing, paused, stopping, setting_trained;
  guint            tick_id, timeout_id;
  gint64           last_redraw;     /* monotonic µs of the last chart and figures update */
  FwTrainerEvent  *unshown_epoch;   /* the latest epoch, until the figures show it */
  double           unshown_fraction;
  double           rows_per_second_sum;
  guint            n_epochs_seen;
};

G_DEFINE_FINAL_TYPE (FwTrainPage, fw_train_page, GTK_TYPE_WIDGET)

/* What a worker thread's callback needs to find the page, if it still wants the result. */
typedef struct
{
  GWeakRef       page;
  guint          generation;
  FwTrainingRun *run;           /* finish: the run lent to the job */
} Pending;

static Pending *
pending_new (FwTrainPage *self)
{
  Pending *pending = g_new0 (Pending, 1);

  g_weak_ref_init (&pending->page, self);
  pending->generation = self->generation;
  return pending;
}

/* The page, if it is still there and still waits for what @pending was started for. */
static FwTrainPage *
pending_free (Pending *pending)
{
  FwTrainPage *self = g_weak_ref_get (&pending->page);

  g_weak_ref_clear (&pending->page);
  if (self != NULL && self->generation != pending->generation)
    g_clear_object (&self);
  g_free (pending);
  return self;
}

static gboolean busy (FwTrainPage *self);
static void     update_pump (FwTrainPage *self);

static gboolean
busy (FwTrainPage *self)
{
  return self->preparing || self->run != NULL || self->finishing;
}

static void
update_actions (FwTrainPage *self)
{
  gboolean training = self->run != NULL && !self->finishing;
  g_autofree char *reason = NULL;
  gboolean can_train = self->session != NULL && fw_session_has_target (self->session, &reason);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "train-page.train", can_train && !busy (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "train-page.pause",
                                 training && !self->paused && !self->stopping);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "train-page.resume",
                                 training && self->paused && !self->stopping);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "train-page.stop",
                                 (self->preparing || training) && !self->stopping);
  gtk_widget_set_visible (self->pause_button, training && !self->paused);
  gtk_widget_set_visible (self->resume_button, training && self->paused);
  gtk_widget_set_visible (self->stop_button, training);
  gtk_widget_set_visible (self->again_button, !busy (self));
  gtk_widget_set_visible (self->results_button, !busy (self) && self->session != NULL &&
                                                fw_session_get_trained (self->session) != NULL);
}

static void
set_status (FwTrainPage *self,
            const char  *title,
            const char  *detail)
{
  gtk_label_set_text (self->status_title, title);
  gtk_label_set_text (self->status_detail, detail);
}

static const char *
model_name (FwModelKind kind)
{
  switch (kind)
    {
    case FW_MODEL_LINEAR:   return _("a linear regression");
    case FW_MODEL_MLP:      return _("a neural network");
    case FW_MODEL_LOGISTIC:
    default:                return _("a logistic regression");
    }
}

/* "Ready to Train" in words: what will learn what, and what is measured. */
static void
describe_recipe (FwTrainPage *self)
{
  const FwRecipe *recipe = fw_session_get_recipe (self->session);
  g_autofree char *reason = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (!fw_session_has_target (self->session, &reason))
    {
      g_autofree char *escaped = g_markup_escape_text (reason, -1);

      adw_status_page_set_description (self->ready_page, escaped);
      return;
    }
  /* Translators: "Fairway will teach a logistic regression to predict “approved”…". */
  g_string_printf (text, _("Fairway will teach %s to predict “%s” from the other columns, "
                           "in up to %u epochs (passes over the data)."),
                   model_name (recipe->model.kind), recipe->target, recipe->model.epochs);
  if (recipe->sensitive->len > 0)
    {
      g_autofree char *names = NULL;

      g_ptr_array_add (recipe->sensitive, NULL);
      names = g_strjoinv (_("”, “"), (char **) recipe->sensitive->pdata);
      g_ptr_array_remove_index (recipe->sensitive, recipe->sensitive->len - 1);
      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("After each epoch it checks how the model treats each "
                                      "group of “%s”."), names);
    }
  {
    /* A status page's description is Pango markup; column names are not. */
    g_autofree char *escaped = g_markup_escape_text (text->str, -1);

    adw_status_page_set_description (self->ready_page, escaped);
  }
}

static void
show_ready (FwTrainPage *self)
{
  describe_recipe (self);
  gtk_stack_set_visible_child_name (self->stack, "ready");
  update_actions (self);
}

static void
show_error (FwTrainPage  *self,
            const char   *title,
            const GError *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "error");
  update_actions (self);
}

/* Drops whatever is in progress: threads are told to stop, their results will be ignored. */
static void
abandon (FwTrainPage *self)
{
  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* Stops and joins: one batch at most. */
  g_clear_pointer (&self->run, fw_training_run_free);
  g_clear_pointer (&self->unshown_epoch, fw_trainer_event_free);
  self->unshown_fraction = -1;
  g_clear_object (&self->table_model);
  self->preparing = self->finishing = self->paused = self->stopping = FALSE;
  if (self->spinner != NULL)
    gtk_spinner_stop (self->spinner);
  update_pump (self);
}

static void finish_done (GObject *source, GAsyncResult *result, gpointer data);

/* DONE arrived: the trained model is assembled on a worker thread. */
static void
start_finishing (FwTrainPage *self)
{
  Pending *pending = pending_new (self);

  self->finishing = TRUE;
  pending->run = g_steal_pointer (&self->run);
  if (fw_training_run_get_outcome (pending->run) != FW_TRAINER_FAILED)
    set_status (self, _("Measuring the Model…"),
                _("Checking it on test rows it has never seen, and working out which columns "
                  "it relies on."));
  gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
  update_pump (self);
  update_actions (self);
  fw_train_job_finish_async (pending->run, self->cancellable, finish_done, pending);
}

#define REDRAW_INTERVAL_US (G_USEC_PER_SEC / 4)

/* Everything waiting in the queue is taken every frame; what it changes (charts, figures,
 * progress bar) is shown at most four times a second, and at the end. */
static void
drain (FwTrainPage *self)
{
  double fraction = -1;
  gboolean done = FALSE;
  FwTrainerEvent *event;

  while (!done && (event = fw_training_run_pop_event (self->run)) != NULL)
    {
      switch (event->kind)
        {
        case FW_TRAINER_EVENT_EPOCH:
          fw_train_charts_add_epoch (self->charts, event);
          self->rows_per_second_sum += event->rows_per_second;
          self->n_epochs_seen++;
          fraction = (double) event->epoch / event->epochs;
          g_clear_pointer (&self->unshown_epoch, fw_trainer_event_free);
          self->unshown_epoch = g_steal_pointer (&event);
          break;
        case FW_TRAINER_EVENT_PROGRESS:
          fraction = event->fraction;
          break;
        case FW_TRAINER_EVENT_DONE:
          done = TRUE;
          break;
        case FW_TRAINER_EVENT_LOG:
        default:
          break;
        }
      g_clear_pointer (&event, fw_trainer_event_free);
    }
  if (fraction >= 0)
    self->unshown_fraction = fraction;
  if (done)
    fw_train_charts_set_best (self->charts, fw_training_run_get_best_epoch (self->run));
  /* Epochs of a small table take milliseconds: redrawing four charts and relaying out the
   * figures every frame took a core from the trainer on a two-core machine (the charts
   * alone cost ~55 ms of CPU under Xvfb).  Four times a second is live enough, and
   * figures that change every frame could not be read anyway. */
  if (done || g_get_monotonic_time () - self->last_redraw >= REDRAW_INTERVAL_US)
    {
      if (self->unshown_epoch != NULL)
        fw_train_figures_epoch (self->figures, self->unshown_epoch);
      if (self->unshown_fraction >= 0)
        gtk_progress_bar_set_fraction (self->progress_bar, self->unshown_fraction);
      self->unshown_fraction = -1;
      g_clear_pointer (&self->unshown_epoch, fw_trainer_event_free);
      fw_train_charts_redraw (self->charts);
      self->last_redraw = g_get_monotonic_time ();
    }
  if (done)
    start_finishing (self);
}

static gboolean
tick (GtkWidget     *widget,
      GdkFrameClock *clock,
      gpointer       data)
{
  drain (FW_TRAIN_PAGE (widget));
  return G_SOURCE_CONTINUE;
}

static gboolean
offscreen_drain (gpointer data)
{
  drain (data);
  return G_SOURCE_CONTINUE;
}

/* On screen: once per frame.  Off screen: a slow timer, so the run still ends and lands. */
static void
update_pump (FwTrainPage *self)
{
  gboolean want = self->run != NULL && !self->finishing;
  gboolean mapped = gtk_widget_get_mapped (GTK_WIDGET (self));

  if (self->tick_id != 0 && (!want || !mapped))
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  if (self->timeout_id != 0 && (!want || mapped))
    g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (want && mapped && self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick, NULL, NULL);
  if (want && !mapped && self->timeout_id == 0)
    self->timeout_id = g_timeout_add (OFFSCREEN_DRAIN_MS, offscreen_drain, self);
}

static void
start_training (FwTrainPage   *self,
                FwTrainingRun *run)
{
  const FwDataset *dataset = fw_training_run_get_dataset (run);
  const FwRecipe *recipe = fw_training_run_get_recipe (run);
  g_autofree char *detail = NULL;

  self->run = run;
  self->preparing = FALSE;
  self->rows_per_second_sum = 0;
  self->unshown_fraction = -1;
  self->n_epochs_seen = 0;
  gtk_spinner_stop (self->spinner);
  fw_train_charts_reset (self->charts, recipe->model.epochs, dataset->sensitive_names,
                         dataset->task == FW_TASK_REGRESSION ? "rmse" : "accuracy");
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  fw_train_figures_start (self->figures, recipe->model.epochs,
                          fw_trainer_get_backend (fw_training_run_get_trainer (run)),
                          fw_training_run_get_intensity (run),
                          fw_training_run_energy_is_estimated (run));
  detail = g_strdup_printf (_("Fitting %s to predict “%s”. You can look at other steps "
                              "meanwhile: training goes on."),
                            model_name (recipe->model.kind), recipe->target);
  set_status (self, _("Training…"), detail);
  gtk_stack_set_visible_child_name (self->stack, "training");
  fw_trainer_start (fw_training_run_get_trainer (run));
  update_pump (self);
  update_actions (self);
}

static void
prepare_done (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GError) error = NULL;
  FwTrainingRun *run = fw_train_job_prepare_finish (result, &error);
  g_autoptr(FwTrainPage) self = pending_free (data);

  if (self == NULL)
    {
      g_clear_pointer (&run, fw_training_run_free);
      return;
    }
  if (run == NULL)
    {
      abandon (self);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_ready (self);
      else
        show_error (self, _("Training Could Not Start"), error);
      return;
    }
  start_training (self, run);
}

static const char *
outcome_title (FwTrainerOutcome outcome)
{
  switch (outcome)
    {
    case FW_TRAINER_EARLY_STOPPED: return _("Training Finished Early");
    case FW_TRAINER_STOPPED:       return _("Stopped by You");
    case FW_TRAINER_COMPLETED:
    case FW_TRAINER_FAILED:
    default:                       return _("Training Finished");
    }
}

static char *
outcome_detail (FwTrainingRun *run)
{
  guint best = fw_training_run_get_best_epoch (run);
  guint epochs = json_array_get_length (fw_training_run_get_history (run));

  switch (fw_training_run_get_outcome (run))
    {
    case FW_TRAINER_EARLY_STOPPED:
      return g_strdup_printf (_("The model stopped getting better on held-out rows, so training "
                                "ended after %u epochs. The best one, from epoch %u, is kept. "
                                "See how it does in Results."), epochs, best);
    case FW_TRAINER_STOPPED:
      if (best == 0)
        return g_strdup (_("You stopped before the first epoch ended, so the model has hardly "
                           "learnt anything yet. Train again to get a useful one."));
      return g_strdup_printf (_("The best model so far, from epoch %u of %u, is kept. See how it "
                                "does in Results, or train again."), best,
                              fw_training_run_get_recipe (run)->model.epochs);
    case FW_TRAINER_COMPLETED:
    case FW_TRAINER_FAILED:
    default:
      return g_strdup_printf (_("All %u epochs ran. The model from epoch %u, the best on "
                                "held-out rows, is kept. See how it does in Results."),
                              epochs, best);
    }
}

static void
finish_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTrainedModel) trained = fw_train_job_finish_finish (result, &error);
  Pending *pending = data;
  g_autoptr(FwTrainingRun) run = g_steal_pointer (&pending->run);
  g_autoptr(FwTrainPage) self = pending_free (pending);
  g_autofree char *detail = NULL;

  if (self == NULL)
    return;
  self->finishing = FALSE;
  g_clear_object (&self->cancellable);
  g_clear_object (&self->table_model);
  if (trained == NULL)
    {
      show_error (self, _("Training Failed"), error);
      return;
    }
  if (trained->energy != NULL && json_object_get_size (trained->energy) > 0)
    {
      g_autoptr(FwEnergyReading) energy = fw_energy_reading_from_json (trained->energy, NULL);
      g_autofree char *text = energy != NULL ? fw_energy_reading_to_string (energy) : NULL;

      fw_train_figures_finish (self->figures, text);
    }
  else
    fw_train_figures_finish (self->figures, NULL);
  detail = outcome_detail (run);
  set_status (self, outcome_title (fw_training_run_get_outcome (run)), detail);
  self->setting_trained = TRUE;
  fw_session_set_trained (self->session, g_steal_pointer (&trained),
                          fw_training_run_steal_dataset (run));
  self->setting_trained = FALSE;
  update_actions (self);
}

/* The grid intensity in the GSettings key carbon-intensity; negative: the default. */
static double
carbon_intensity (void)
{
  g_autoptr(GSettings) settings = fw_settings_new ();

  return settings != NULL ? g_settings_get_double (settings, "carbon-intensity") : -1;
}

static void
train_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  FwTrainPage *self = FW_TRAIN_PAGE (widget);
  g_autofree char *reason = NULL;

  if (busy (self) || !fw_session_has_target (self->session, &reason))
    return;
  abandon (self);
  self->cancellable = g_cancellable_new ();
  self->table_model = g_object_ref (fw_session_get_table_model (self->session));
  self->preparing = TRUE;
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "preparing");
  update_actions (self);
  fw_train_job_prepare_async (self->table_model, fw_session_get_file (self->session),
                              fw_session_get_recipe (self->session),
                              fw_session_get_threshold_policy (self->session),
                              carbon_intensity (), self->cancellable, prepare_done,
                              pending_new (self));
}

static void
pause_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  FwTrainPage *self = FW_TRAIN_PAGE (widget);

  if (self->run == NULL || self->finishing)
    return;
  fw_trainer_pause (fw_training_run_get_trainer (self->run));
  self->paused = TRUE;
  set_status (self, _("Paused"), _("Resume to carry on, or stop to keep the best model so far."));
  update_actions (self);
}

static void
resume_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FwTrainPage *self = FW_TRAIN_PAGE (widget);

  if (self->run == NULL || self->finishing)
    return;
  fw_trainer_resume (fw_training_run_get_trainer (self->run));
  self->paused = FALSE;
  set_status (self, _("Training…"), _("Carrying on where it paused."));
  update_actions (self);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FwTrainPage *self = FW_TRAIN_PAGE (widget);

  if (self->preparing)
    {
      abandon (self);
      show_ready (self);
      return;
    }
  if (self->run == NULL || self->finishing)
    return;
  /* The trainer ends its batch, restores the best epoch and sends DONE. */
  fw_trainer_stop (fw_training_run_get_trainer (self->run));
  if (self->paused)
    fw_trainer_resume (fw_training_run_get_trainer (self->run));
  self->stopping = TRUE;
  set_status (self, _("Stopping…"), _("Keeping the best model so far."));
  update_actions (self);
}

/* The data or the recipe changed under a run: its model would describe neither. */
static void
session_changed (FwTrainPage *self,
                 guint        parts)
{
  if (self->setting_trained)
    return;
  if (parts & (FW_SESSION_DATA | FW_SESSION_STEPS | FW_SESSION_RECIPE))
    {
      if (busy (self) && fw_session_has_data (self->session))
        fw_toast_show (GTK_WIDGET (self), _("Training stopped: the recipe changed"));
      abandon (self);
      show_ready (self);
    }
  else if ((parts & FW_SESSION_MODEL) && fw_session_get_trained (self->session) == NULL &&
           !busy (self))
    show_ready (self);
  update_actions (self);
}

static void
fw_train_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (fw_train_page_parent_class)->map (widget);
  update_pump (FW_TRAIN_PAGE (widget));
}

static void
fw_train_page_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (fw_train_page_parent_class)->unmap (widget);
  update_pump (FW_TRAIN_PAGE (widget));
}

static void
fw_train_page_dispose (GObject *object)
{
  FwTrainPage *self = FW_TRAIN_PAGE (object);
  GtkWidget *child;

  abandon (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_TRAIN_PAGE);
  /* Template children without an id are not disposed with the template. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (fw_train_page_parent_class)->dispose (object);
}

/* Escape acts only while this step is on screen (Ctrl+Enter is the window's: Next, or
 * Train on this step). */
static gboolean
shortcut_activate (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   data)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  return gtk_widget_activate_action (widget, data, NULL);
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

  gtk_widget_class_install_action (widget_class, "train-page.train", NULL, train_action);
  gtk_widget_class_install_action (widget_class, "train-page.pause", NULL, pause_action);
  gtk_widget_class_install_action (widget_class, "train-page.resume", NULL, resume_action);
  gtk_widget_class_install_action (widget_class, "train-page.stop", NULL, stop_action);
}

static void
add_shortcut (FwTrainPage *self,
              GtkShortcutController *controller,
              const char  *trigger,
              const char  *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string (trigger),
                      gtk_callback_action_new (shortcut_activate, (gpointer) action, NULL)));
}

static void
fw_train_page_init (FwTrainPage *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->unshown_fraction = -1;
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  add_shortcut (self, GTK_SHORTCUT_CONTROLLER (shortcuts), "Escape", "train-page.stop");
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  update_actions (self);
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
  abandon (self);
  g_set_object (&self->session, session);
  g_signal_connect_swapped (session, "changed", G_CALLBACK (session_changed), self);
  show_ready (self);
}

const char *
fw_train_page_get_state (FwTrainPage *self)
{
  g_return_val_if_fail (FW_IS_TRAIN_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

gboolean
fw_train_page_get_busy (FwTrainPage *self)
{
  g_return_val_if_fail (FW_IS_TRAIN_PAGE (self), FALSE);
  return busy (self);
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
