/* fw-train-page-run.c — a run of the Train step: its actions, the worker threads, the queue
 *
 * The trainer's thread talks to the page only through its event queue, drained once per
 * frame from a tick callback (a slow timer while the page is off screen) and folded into
 * one redraw per chart.  Results of a worker thread that arrive after the page dropped what
 * they were for are ignored: each carries the generation it was started for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-settings.h"
#include "fw-train-job.h"
#include "fw-train-page-private.h"

/* How often a page that is not on screen drains the queue. */
#define OFFSCREEN_DRAIN_MS 250

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

void
fw_train_page_abandon (FwTrainPage *self)
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
  fw_train_page_update_pump (self);
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
    fw_train_page_set_status (self, _("Measuring the Model…"),
                              _("Checking it on test rows it has never seen, and working out "
                                "which columns it relies on."));
  gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
  fw_train_page_update_pump (self);
  fw_train_page_update_actions (self);
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

void
fw_train_page_update_pump (FwTrainPage *self)
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
  fw_train_page_show_training (self, recipe);
  /* The project adds checkpoints to the session's recovery file. */
  fw_session_training_starts (self->session, run);
  fw_trainer_start (fw_training_run_get_trainer (run));
  fw_train_page_update_pump (self);
  fw_train_page_update_actions (self);
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
      fw_train_page_abandon (self);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fw_train_page_show_ready (self);
      else
        fw_train_page_show_error (self, _("Training Could Not Start"), error);
      return;
    }
  start_training (self, run);
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

  if (self == NULL)
    return;
  self->finishing = FALSE;
  g_clear_object (&self->cancellable);
  g_clear_object (&self->table_model);
  if (trained == NULL)
    {
      fw_train_page_show_error (self, _("Training Failed"), error);
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
  fw_train_page_show_outcome (self, run);
  self->setting_trained = TRUE;
  fw_session_set_trained (self->session, g_steal_pointer (&trained),
                          fw_training_run_steal_dataset (run));
  self->setting_trained = FALSE;
  fw_train_page_update_actions (self);
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

  if (fw_train_page_get_busy (self) || !fw_session_has_target (self->session, &reason))
    return;
  fw_train_page_abandon (self);
  self->cancellable = g_cancellable_new ();
  self->table_model = g_object_ref (fw_session_get_table_model (self->session));
  self->preparing = TRUE;
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "preparing");
  fw_train_page_update_actions (self);
  fw_train_job_prepare_async (self->table_model, fw_session_get_file (self->session),
                              fw_session_get_recipe (self->session),
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
  fw_train_page_set_status (self, _("Paused"),
                            _("Resume to carry on, or stop to keep the best model so far."));
  fw_train_page_update_actions (self);
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
  fw_train_page_set_status (self, _("Training…"), _("Carrying on where it paused."));
  fw_train_page_update_actions (self);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FwTrainPage *self = FW_TRAIN_PAGE (widget);

  if (self->preparing)
    {
      fw_train_page_abandon (self);
      fw_train_page_show_ready (self);
      return;
    }
  if (self->run == NULL || self->finishing)
    return;
  /* The trainer ends its batch, restores the best epoch and sends DONE. */
  fw_trainer_stop (fw_training_run_get_trainer (self->run));
  if (self->paused)
    fw_trainer_resume (fw_training_run_get_trainer (self->run));
  self->stopping = TRUE;
  fw_train_page_set_status (self, _("Stopping…"), _("Keeping the best model so far."));
  fw_train_page_update_actions (self);
}

void
fw_train_page_run_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "train-page.train", NULL, train_action);
  gtk_widget_class_install_action (widget_class, "train-page.pause", NULL, pause_action);
  gtk_widget_class_install_action (widget_class, "train-page.resume", NULL, resume_action);
  gtk_widget_class_install_action (widget_class, "train-page.stop", NULL, stop_action);
}
