/* fw-trainer.c — training on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include "fw-model-file.h"
#include "fw-trainer.h"

struct _FwTrainer
{
  const FwDataset *dataset;
  FwModelSpec      spec;
  char            *device;      /* spec.device points here */
  guint64          seed;
  FwModel         *model;
  char            *backend;     /* fw_model_describe_backend (model), fixed at creation */
  FwModel         *best;        /* parameters of the best epoch so far */
  GThread         *thread;
  GAsyncQueue     *events;

  GMutex           lock;        /* with resumed: pausing */
  GCond            resumed;
  gint             paused;      /* atomic */
  gint             stop;        /* atomic */
  gint             running;     /* atomic */
  gint             abandoned;   /* atomic: being freed, no more checkpoints */

  /* Worker thread only, until joined. */
  gint64           start_time;
  gint64           last_progress;
  gint64           paused_us;
  guint            epoch;
  float           *predictions; /* validation or test rows × predictions per row */
  FwEnergyMeter   *energy_meter;
  guint            start_epoch;       /* fw_trainer_set_start: the epoch it carries on from */
  gint64           last_checkpoint;
  guint            checkpointed_epoch;

  /* Checkpoints: set before start; the queue carries Snapshots to checkpoint_thread. */
  double                   checkpoint_interval;
  FwTrainerCheckpointFunc  checkpoint_func;
  gpointer                 checkpoint_data;
  GDestroyNotify           checkpoint_destroy;
  GThread                 *checkpoint_thread;
  GAsyncQueue             *checkpoints;

  /* Set by the worker before DONE; read after join. */
  FwClassificationMetrics *classification;
  FwRegressionMetrics     *regression;
  FwFairness             **fairness;    /* test part, per sensitive attribute */
  FwEnergyReading         *energy;
  double                   seconds;
};

static double
seconds_since (FwTrainer *self)
{
  return (g_get_monotonic_time () - self->start_time) / (double) G_USEC_PER_SEC;
}

static FwTrainerEvent *
event_new (FwTrainer          *self,
           FwTrainerEventKind  kind)
{
  FwTrainerEvent *event = g_new0 (FwTrainerEvent, 1);

  event->kind = kind;
  event->elapsed = seconds_since (self);
  return event;
}

static void
free_fairness (FwFairness **fairness,
               guint        n)
{
  for (guint a = 0; fairness != NULL && a < n; a++)
    fw_fairness_free (fairness[a]);
  g_free (fairness);
}

void
fw_trainer_event_free (FwTrainerEvent *event)
{
  if (event == NULL)
    return;
  free_fairness (event->fairness, event->n_fairness);
  g_free (event->message);
  g_clear_error (&event->error);
  g_free (event);
}

static void
push_log (FwTrainer  *self,
          const char *format,
          ...) G_GNUC_PRINTF (2, 3);

static void
push_log (FwTrainer  *self,
          const char *format,
          ...)
{
  FwTrainerEvent *event = event_new (self, FW_TRAINER_EVENT_LOG);
  va_list args;

  va_start (args, format);
  event->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_async_queue_push (self->events, event);
}

/* The best parameters at one epoch; a NULL model ends the checkpoint thread. */
typedef struct
{
  FwModel *model;
  guint    epoch, epochs;
  gboolean finished;
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  fw_model_free (snapshot->model);
  g_free (snapshot);
}

static void
push_snapshot (FwTrainer *self,
               FwModel   *model,
               guint      epoch,
               guint      epochs,
               gboolean   finished)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->finished = finished;

  snapshot->model = model;
  snapshot->epoch = epoch;
  snapshot->epochs = epochs;
  g_async_queue_push (self->checkpoints, snapshot);
}

static gpointer
checkpoint_thread (gpointer data)
{
  FwTrainer *self = data;
  gboolean end = FALSE, failed = FALSE;

  while (!end)
    {
      Snapshot *snapshot = g_async_queue_pop (self->checkpoints), *next;
      g_autoptr(GError) error = NULL;

      /* A slow disk: only the newest best matters, but the end marker still ends. */
      while (snapshot->model != NULL && (next = g_async_queue_try_pop (self->checkpoints)) != NULL)
        {
          if (next->model == NULL)
            {
              end = TRUE;
              snapshot_free (next);
              break;
            }
          snapshot_free (snapshot);
          snapshot = next;
        }
      if (snapshot->model == NULL)
        end = TRUE;
      else if (g_atomic_int_get (&self->abandoned))
        ;
      else if (!self->checkpoint_func (snapshot->model, snapshot->epoch, snapshot->epochs,
                                       snapshot->finished, self->checkpoint_data, &error) && !failed)
        {
          failed = TRUE;
          push_log (self, _("Could not write a checkpoint: %s"),
                    error != NULL ? error->message : _("unknown error"));
        }
      snapshot_free (snapshot);
    }
  return NULL;
}

/* At the end of an epoch: a best epoch not yet written, and the interval has passed since
 * the last checkpoint (or the start), or the training ends. */
static void
maybe_checkpoint (FwTrainer *self,
                  guint      best_epoch,
                  guint      epochs,
                  gboolean   end)
{
  gint64 now;

  if (self->checkpoint_func == NULL || best_epoch == 0 ||
      (best_epoch == self->checkpointed_epoch && !end))
    return;
  now = g_get_monotonic_time ();
  /* Counted from the start: a training shorter than the interval writes only at the end. */
  if (!end && now - MAX (self->last_checkpoint, self->start_time) <
              self->checkpoint_interval * G_USEC_PER_SEC)
    return;
  /* The only work on this thread: a copy of the parameters. */
  push_snapshot (self, fw_model_dup (self->best), best_epoch, epochs, end);
  self->last_checkpoint = now;
  self->checkpointed_epoch = best_epoch;
}

static FwModelData
part_data (const FwDataset *dataset,
           FwPart           which)
{
  const FwDataPart *part = &dataset->parts[which];

  return (FwModelData) { part->x, part->labels, part->values, part->weights, part->n };
}

/* After every mini-batch: publish coalesced progress, wait while paused, honour stop. */
static gboolean
on_batch (gsize    rows_done,
          gsize    rows_total,
          gpointer user_data)
{
  FwTrainer *self = user_data;
  gint64 now = g_get_monotonic_time ();

  if (now - self->last_progress >= G_USEC_PER_SEC / FW_TRAINER_PROGRESS_PER_SECOND)
    {
      FwTrainerEvent *event = event_new (self, FW_TRAINER_EVENT_PROGRESS);
      double epochs = fw_model_is_exact (self->model) ? FW_GLM_MAX_ITERATIONS
                      : fw_model_is_iterative (self->model) ? self->spec.epochs : 1;

      event->fraction = ((self->epoch - 1) + (double) rows_done / MAX (rows_total, 1)) / epochs;
      g_async_queue_push (self->events, event);
      self->last_progress = now;
    }

  if (g_atomic_int_get (&self->paused))
    {
      g_mutex_lock (&self->lock);
      while (g_atomic_int_get (&self->paused) && !g_atomic_int_get (&self->stop))
        g_cond_wait (&self->resumed, &self->lock);
      g_mutex_unlock (&self->lock);
      self->paused_us += g_get_monotonic_time () - now;
    }
  return !g_atomic_int_get (&self->stop);
}

/* Accuracy for classes, RMSE for numbers, on @which; NaN when the part is empty. */
static double
part_metric (FwTrainer *self,
             FwPart     which)
{
  const FwDataPart *part = &self->dataset->parts[which];
  double metric = NAN;

  if (part->n == 0)
    return NAN;
  fw_model_predict (self->model, part->x, part->n, self->predictions);
  if (self->dataset->task == FW_TASK_REGRESSION)
    {
      g_autoptr(FwRegressionMetrics) m = fw_regression_metrics_new (part->values, self->predictions,
                                                                    part->weights, part->n, NULL);
      metric = m != NULL ? m->rmse : NAN;
    }
  else
    {
      /* Only the accuracy, every epoch: the full metrics sort for ROC-AUC and draw curves,
       * which the test part alone needs.  Same decision rule as fw-metrics. */
      guint C = self->dataset->n_classes, positive = self->dataset->positive;
      double correct = 0, total = 0;

      for (gsize i = 0; i < part->n; i++)
        {
          const float *p = self->predictions + i * C;
          double w = part->weights != NULL ? part->weights[i] : 1.0;

          correct += fw_metrics_decide (p, C, positive, 0.5) == part->labels[i] ? w : 0;
          total += w;
        }
      metric = total > 0 ? correct / total : NAN;
    }
  return metric;
}

/* Per sensitive attribute on @which, from self->predictions (already filled for it).
 * Intervals only when @resamples > 0: the bootstrap is for the final figures. */
static FwFairness **
part_fairness (FwTrainer *self,
               FwPart     which,
               guint      resamples)
{
  const FwDataset *d = self->dataset;
  const FwDataPart *part = &d->parts[which];
  FwFairnessInput input = {
    .weights = part->weights, .n = part->n,
    .labels = part->labels, .n_classes = d->n_classes, .positive = d->positive,
    .actual = part->values,
  };
  FwFairnessOptions options;
  FwFairness **fairness;

  if (d->n_sensitive == 0 || part->n == 0)
    return NULL;
  fw_fairness_options_init (&options);
  fw_fairness_options_from_dataset (&options, d);
  options.n_resamples = resamples;
  options.seed = self->seed;
  /* The model's outputs: probabilities for classes, values for regression. */
  input.probabilities = input.predicted = self->predictions;
  fairness = g_new0 (FwFairness *, d->n_sensitive);
  for (guint a = 0; a < d->n_sensitive; a++)
    {
      input.groups = part->sensitive[a];
      input.group_names = (const char *const *) d->sensitive_groups[a];
      fairness[a] = d->task == FW_TASK_REGRESSION
                    ? fw_fairness_compute_regression (&input, &options, NULL)
                    : fw_fairness_compute (&input, &options, NULL);
    }
  return fairness;
}

static void
measure_test (FwTrainer *self)
{
  const FwDataPart *test = &self->dataset->parts[FW_PART_TEST];

  if (test->n == 0)
    return;
  fw_model_predict (self->model, test->x, test->n, self->predictions);
  self->fairness = part_fairness (self, FW_PART_TEST, FW_FAIRNESS_DEFAULT_RESAMPLES);
  if (self->dataset->task == FW_TASK_REGRESSION)
    self->regression = fw_regression_metrics_new (test->values, self->predictions, test->weights,
                                                  test->n, NULL);
  else
    self->classification =
      fw_classification_metrics_new (test->labels, self->predictions, test->weights, test->n,
                                     self->dataset->n_classes, self->dataset->positive, 0.5, NULL);
}

static gpointer
train_thread (gpointer data)
{
  FwTrainer *self = data;
  FwModelData train = part_data (self->dataset, FW_PART_TRAIN);
  FwModelData validation = part_data (self->dataset, FW_PART_VALIDATION);
  gboolean iterative = fw_model_is_iterative (self->model);
  /* An exact fit's every Newton step improves on the last: it runs until it converges. */
  gboolean exact = fw_model_is_exact (self->model);
  guint epochs = exact ? FW_GLM_MAX_ITERATIONS : iterative ? self->spec.epochs : 1;
  guint best_epoch = 0, since_best = 0;
  double best_loss = INFINITY;
  FwTrainerOutcome outcome = FW_TRAINER_COMPLETED;
  GError *error = NULL;
  FwTrainerEvent *done;

  fw_energy_meter_start (self->energy_meter);
  if (!exact && self->spec.solver == FW_SOLVER_EXACT && self->spec.kind != FW_MODEL_MLP)
    push_log (self, _("Exact fitting takes at most %d features (counted once per class after "
                      "the first); this model is trained with the “minibatch” solver instead."),
              FW_GLM_MAX_FEATURES);
  if (self->start_epoch > 0)
    {
      /* Carrying on: what it starts from is the best so far, and already written. */
      best_epoch = self->checkpointed_epoch = self->start_epoch;
      best_loss = validation.n > 0 ? fw_model_loss (self->model, &validation)
                                   : fw_model_loss (self->model, &train);
      fw_model_copy_params (self->best, self->model);
    }
  for (self->epoch = self->start_epoch + 1; self->epoch <= epochs; self->epoch++)
    {
      gint64 epoch_start = g_get_monotonic_time (), paused_before = self->paused_us;
      double train_loss, validation_loss, epoch_seconds;
      FwTrainerEvent *event;

      train_loss = fw_model_train_epoch (self->model, &train, on_batch, self, &error);
      if (error != NULL)
        {
          outcome = FW_TRAINER_FAILED;
          break;
        }
      if (g_atomic_int_get (&self->stop))
        {
          outcome = FW_TRAINER_STOPPED;
          /* A half epoch is no candidate; with no whole epoch behind, keep what there is. */
          break;
        }

      validation_loss = validation.n > 0 ? fw_model_loss (self->model, &validation) : train_loss;
      epoch_seconds = (g_get_monotonic_time () - epoch_start - (self->paused_us - paused_before)) /
                      (double) G_USEC_PER_SEC;

      event = event_new (self, FW_TRAINER_EVENT_EPOCH);
      event->epoch = self->epoch;
      event->epochs = epochs;
      event->train_loss = train_loss;
      event->validation_loss = validation_loss;
      event->validation_metric = part_metric (self, FW_PART_VALIDATION);
      event->fairness = part_fairness (self, FW_PART_VALIDATION, 0);
      event->n_fairness = event->fairness != NULL ? self->dataset->n_sensitive : 0;
      event->joules = fw_energy_meter_sample (self->energy_meter);
      event->metric_name = self->dataset->task == FW_TASK_REGRESSION ? "rmse" : "accuracy";
      event->rows_per_second = train.n / MAX (epoch_seconds, 1e-9);
      event->eta = (event->elapsed - self->paused_us / (double) G_USEC_PER_SEC) /
                   (self->epoch - self->start_epoch) * (epochs - self->epoch);
      if (exact || validation_loss < best_loss)
        {
          best_loss = validation_loss;
          best_epoch = self->epoch;
          since_best = 0;
          fw_model_copy_params (self->best, self->model);
          event->best = TRUE;
        }
      else
        since_best++;
      g_async_queue_push (self->events, event);
      maybe_checkpoint (self, best_epoch, epochs, FALSE);
      if (exact && fw_model_has_converged (self->model))
        break;

      if (!exact && self->spec.patience > 0 && since_best >= self->spec.patience &&
          self->epoch < epochs)
        {
          outcome = FW_TRAINER_EARLY_STOPPED;
          push_log (self, _("Stopped early at epoch %u: the validation loss has not improved for "
                            "%u epochs. Keeping epoch %u."), self->epoch, since_best, best_epoch);
          break;
        }
    }

  if (best_epoch > 0)
    fw_model_copy_params (self->model, self->best);
  if (outcome != FW_TRAINER_FAILED)
    measure_test (self);
  self->seconds = seconds_since (self);
  self->energy = fw_energy_meter_stop (self->energy_meter);
  if (self->checkpoint_thread != NULL)
    {
      /* Freed while running: whoever frees it waits, and wants none. */
      if (outcome != FW_TRAINER_FAILED && !g_atomic_int_get (&self->abandoned))
        maybe_checkpoint (self, best_epoch, epochs, TRUE);
      push_snapshot (self, NULL, 0, 0, FALSE);
      g_clear_pointer (&self->checkpoint_thread, g_thread_join);
    }

  done = event_new (self, FW_TRAINER_EVENT_DONE);
  done->outcome = outcome;
  done->best_epoch = best_epoch;
  done->error = error;
  g_atomic_int_set (&self->running, FALSE);
  g_async_queue_push (self->events, done);
  return NULL;
}

/* A meter that also counts the GPU the model trains on, if it does. */
static FwEnergyMeter *
energy_meter_new (FwTrainer             *self,
                  const FwEnergyOptions *options)
{
  FwEnergyOptions o;

  if (options != NULL)
    o = *options;
  else
    fw_energy_options_init (&o);
  o.gpu_pci_bus_id = fw_model_gpu_pci_bus_id (self->model);
  o.use_gpu = o.use_gpu || o.gpu_pci_bus_id != NULL;
  return fw_energy_meter_new (&o);
}

FwTrainer *
fw_trainer_new (const FwDataset   *dataset,
                const FwModelSpec *spec,
                guint64            seed,
                GError           **error)
{
  g_autoptr(FwTrainer) self = NULL;
  FwModelData train;
  guint n_outputs;
  gsize most_rows;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (dataset->task != FW_TASK_AUTO, NULL);

  self = g_new0 (FwTrainer, 1);
  self->dataset = dataset;
  self->spec = *spec;
  self->device = g_strdup (spec->device != NULL ? spec->device : "auto");
  self->spec.device = self->device;
  self->seed = seed;
  self->events = g_async_queue_new_full ((GDestroyNotify) fw_trainer_event_free);
  self->checkpoints = g_async_queue_new_full ((GDestroyNotify) snapshot_free);
  g_mutex_init (&self->lock);
  g_cond_init (&self->resumed);

  n_outputs = dataset->task == FW_TASK_MULTICLASS ? dataset->n_classes : 1;
  self->model = fw_model_new (&self->spec, dataset->task, dataset->n_features, n_outputs, seed, error);
  train = part_data (dataset, FW_PART_TRAIN);
  if (self->model == NULL || !fw_model_keep_data (self->model, &train, error))
    return NULL;
  if (fw_model_is_exact (self->model) && dataset->preprocessor != NULL)
    {
      /* Categories against their most common level, so the fit is identifiable. */
      g_autofree gboolean *reference =
        fw_preprocessor_reference_levels (dataset->preprocessor, train.x, train.n);

      fw_model_set_fixed (self->model, reference);
    }
  self->backend = fw_model_describe_backend (self->model);
  self->best = fw_model_dup (self->model);
  self->energy_meter = energy_meter_new (self, NULL);
  most_rows = MAX (dataset->parts[FW_PART_VALIDATION].n, dataset->parts[FW_PART_TEST].n);
  self->predictions = g_new (float, MAX (most_rows, 1) * fw_model_n_predictions (self->model));
  return g_steal_pointer (&self);
}

void
fw_trainer_start (FwTrainer *self)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->thread == NULL);

  self->start_time = g_get_monotonic_time ();
  g_atomic_int_set (&self->running, TRUE);
  if (self->checkpoint_func != NULL)
    self->checkpoint_thread = g_thread_new ("fairway-checkpoint", checkpoint_thread, self);
  self->thread = g_thread_new ("fairway-trainer", train_thread, self);
}

void
fw_trainer_pause (FwTrainer *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_int_set (&self->paused, TRUE);
}

void
fw_trainer_resume (FwTrainer *self)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  g_atomic_int_set (&self->paused, FALSE);
  g_cond_broadcast (&self->resumed);
  g_mutex_unlock (&self->lock);
}

void
fw_trainer_stop (FwTrainer *self)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  g_atomic_int_set (&self->stop, TRUE);
  g_cond_broadcast (&self->resumed);
  g_mutex_unlock (&self->lock);
}

gboolean
fw_trainer_is_running (FwTrainer *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return g_atomic_int_get (&self->running);
}

FwTrainerEvent *
fw_trainer_pop_event (FwTrainer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_async_queue_try_pop (self->events);
}

FwTrainerEvent *
fw_trainer_wait_event (FwTrainer *self,
                       guint64    timeout_us)
{
  g_return_val_if_fail (self != NULL, NULL);
  /* GLib adds the timeout to the monotonic clock in a gint64: a huge one such as
   * G_MAXUINT64 would wrap into the past and return at once.  Past a century, wait. */
  if (timeout_us > (guint64) 100 * 365 * 24 * 3600 * G_USEC_PER_SEC)
    return g_async_queue_pop (self->events);
  return g_async_queue_timeout_pop (self->events, timeout_us);
}

void
fw_trainer_join (FwTrainer *self)
{
  g_return_if_fail (self != NULL);

  if (self->thread != NULL)
    g_clear_pointer (&self->thread, g_thread_join);
}

FwModel *
fw_trainer_get_model (FwTrainer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (!fw_trainer_is_running (self), NULL);
  return self->model;
}

const char *
fw_trainer_get_backend (FwTrainer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->backend;
}

const FwClassificationMetrics *
fw_trainer_get_classification (FwTrainer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (!fw_trainer_is_running (self), NULL);
  return self->classification;
}

const FwRegressionMetrics *
fw_trainer_get_regression (FwTrainer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (!fw_trainer_is_running (self), NULL);
  return self->regression;
}

void
fw_trainer_set_energy_options (FwTrainer             *self,
                               const FwEnergyOptions *options)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->thread == NULL);

  fw_energy_meter_free (self->energy_meter);
  self->energy_meter = energy_meter_new (self, options);
}

FwFairness * const *
fw_trainer_get_fairness (FwTrainer *self,
                         guint     *n)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (!fw_trainer_is_running (self), NULL);

  *n = self->fairness != NULL ? self->dataset->n_sensitive : 0;
  return self->fairness;
}

const FwEnergyReading *
fw_trainer_get_energy (FwTrainer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (!fw_trainer_is_running (self), NULL);
  return self->energy;
}

double
fw_trainer_get_seconds (FwTrainer *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->seconds;
}

void
fw_trainer_free (FwTrainer *self)
{
  if (self == NULL)
    return;
  if (self->thread != NULL)
    {
      g_atomic_int_set (&self->abandoned, TRUE);
      fw_trainer_stop (self);
      fw_trainer_join (self);
    }
  g_async_queue_unref (self->events);
  g_async_queue_unref (self->checkpoints);
  if (self->checkpoint_destroy != NULL)
    self->checkpoint_destroy (self->checkpoint_data);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->resumed);
  fw_model_free (self->model);
  fw_model_free (self->best);
  fw_classification_metrics_free (self->classification);
  fw_regression_metrics_free (self->regression);
  free_fairness (self->fairness, self->fairness != NULL ? self->dataset->n_sensitive : 0);
  fw_energy_reading_free (self->energy);
  fw_energy_meter_free (self->energy_meter);
  g_free (self->predictions);
  g_free (self->device);
  g_free (self->backend);
  g_free (self);
}

void
fw_trainer_set_checkpoint (FwTrainer               *self,
                           double                   interval,
                           FwTrainerCheckpointFunc  func,
                           gpointer                 user_data,
                           GDestroyNotify           destroy)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->thread == NULL);

  if (self->checkpoint_destroy != NULL)
    self->checkpoint_destroy (self->checkpoint_data);
  self->checkpoint_interval = MAX (interval, 0);
  self->checkpoint_func = func;
  self->checkpoint_data = user_data;
  self->checkpoint_destroy = destroy;
}

/* Same kind, features, outputs and parameter arrays, so fw_model_copy_params may run. */
static gboolean
same_shape (const FwModel *a,
            const FwModel *b)
{
  g_autoptr(GPtrArray) x = NULL, y = NULL;

  if (fw_model_n_features (a) != fw_model_n_features (b) ||
      fw_model_n_outputs (a) != fw_model_n_outputs (b) ||
      fw_model_is_iterative (a) != fw_model_is_iterative (b))
    return FALSE;
  x = fw_model_get_arrays (a);
  y = fw_model_get_arrays (b);
  if (x->len != y->len)
    return FALSE;
  for (guint i = 0; i < x->len; i++)
    {
      const FwModelArray *p = g_ptr_array_index (x, i), *q = g_ptr_array_index (y, i);

      if (p->n != q->n || g_strcmp0 (p->name, q->name) != 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
fw_trainer_set_start (FwTrainer      *self,
                      const FwModel  *params,
                      guint           epoch,
                      GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);

  if (!same_shape (self->model, params))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The checkpoint does not fit this training: its model has another "
                             "kind or shape (other data, columns or layers)."));
      return FALSE;
    }
  fw_model_copy_params (self->model, params);
  self->start_epoch = epoch;
  return TRUE;
}
