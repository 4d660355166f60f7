/* test-trainer.c — the training thread: events, pause, stop, early stopping, determinism
 *
 * No test here asserts how fast anything is: only what happens and in which order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include "fw-trainer.h"

/* Two features; the class is whether x0 + x1 > 0, flipped for a @noise share of rows. */
static void
fill_part (FwDataPart *part,
           gsize       n,
           double      noise,
           GRand      *rand)
{
  part->n = n;
  part->x = g_new (float, 2 * n);
  part->labels = g_new (guint32, n);
  part->source_rows = g_new0 (gsize, n);
  for (gsize i = 0; i < n; i++)
    {
      float a = g_rand_double_range (rand, -1, 1), b = g_rand_double_range (rand, -1, 1);

      part->x[2 * i] = a;
      part->x[2 * i + 1] = b;
      part->labels[i] = (a + b > 0) ^ (g_rand_double (rand) < noise);
    }
}

static FwDataset *
make_dataset (gsize n_train, double noise, guint32 seed)
{
  FwDataset *d = g_new0 (FwDataset, 1);
  GRand *rand = g_rand_new_with_seed (seed);
  static char *classes[] = { "no", "yes", NULL };
  static char *features[] = { "a", "b", NULL };

  d->task = FW_TASK_BINARY;
  d->n_classes = 2;
  d->class_names = classes;
  d->positive = 1;
  d->n_features = 2;
  d->feature_names = features;
  fill_part (&d->parts[FW_PART_TRAIN], n_train, noise, rand);
  fill_part (&d->parts[FW_PART_VALIDATION], MAX (n_train / 4, 8), noise, rand);
  fill_part (&d->parts[FW_PART_TEST], MAX (n_train / 4, 8), noise, rand);
  g_rand_free (rand);
  return d;
}

/* The test builds datasets by hand, so it frees them by hand too. */
static void
free_dataset (FwDataset *d)
{
  for (int p = 0; p < FW_N_PARTS; p++)
    {
      g_free (d->parts[p].x);
      g_free (d->parts[p].labels);
      g_free (d->parts[p].source_rows);
    }
  g_free (d);
}

static FwModelSpec
logistic_spec (guint epochs)
{
  FwModelSpec spec = { 0 };

  spec.kind = FW_MODEL_LOGISTIC;
  spec.epochs = epochs;
  spec.batch_size = 32;
  spec.learning_rate = 0.05;
  spec.optimizer = FW_OPTIMIZER_ADAM;
  spec.device = "cpu";
  return spec;
}

/* Drains events until DONE; returns it and counts the rest. */
static FwTrainerEvent *
run_to_done (FwTrainer *trainer,
             GArray    *epoch_losses,
             guint     *n_progress)
{
  double last_fraction = 0;
  guint last_epoch = 0;

  for (;;)
    {
      FwTrainerEvent *event = fw_trainer_wait_event (trainer, 60 * G_USEC_PER_SEC);

      g_assert_nonnull (event);
      switch (event->kind)
        {
        case FW_TRAINER_EVENT_EPOCH:
          g_assert_cmpuint (event->epoch, ==, last_epoch + 1);
          last_epoch = event->epoch;
          g_assert_true (isfinite (event->train_loss) && isfinite (event->validation_loss));
          g_assert_cmpstr (event->metric_name, ==, "accuracy");
          g_assert_cmpfloat (event->rows_per_second, >, 0);
          g_assert_cmpfloat (event->eta, >=, 0);
          if (epoch_losses != NULL)
            g_array_append_val (epoch_losses, event->train_loss);
          break;
        case FW_TRAINER_EVENT_PROGRESS:
          g_assert_cmpfloat (event->fraction, >=, last_fraction);
          g_assert_cmpfloat (event->fraction, <=, 1.0);
          last_fraction = event->fraction;
          if (n_progress != NULL)
            (*n_progress)++;
          break;
        case FW_TRAINER_EVENT_LOG:
          g_assert_nonnull (event->message);
          break;
        case FW_TRAINER_EVENT_DONE:
          fw_trainer_join (trainer);
          return event;
        }
      fw_trainer_event_free (event);
    }
}

static void
test_complete_run (void)
{
  FwDataset *d = make_dataset (2000, 0.0, 1);
  FwModelSpec spec = logistic_spec (15);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTrainer) trainer = fw_trainer_new (d, &spec, 7, &error);
  g_autoptr(GArray) losses = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(FwTrainerEvent) done = NULL;
  guint n_progress = 0;
  const FwClassificationMetrics *m;

  g_assert_no_error (error);
  fw_trainer_start (trainer);
  done = run_to_done (trainer, losses, &n_progress);
  g_assert_cmpint (done->outcome, ==, FW_TRAINER_COMPLETED);
  g_assert_no_error (done->error);
  g_assert_cmpuint (losses->len, ==, 15);
  g_assert_cmpuint (done->best_epoch, >=, 1);
  /* Coalesced: never more than 20 a second, plus the one at the start. */
  g_assert_cmpfloat (n_progress, <=, FW_TRAINER_PROGRESS_PER_SECOND * done->elapsed + 1);
  /* The classes are split by a line through the origin: logistic regression finds it. */
  m = fw_trainer_get_classification (trainer);
  g_assert_nonnull (m);
  g_assert_cmpfloat (m->accuracy, >, 0.95);
  g_assert_cmpfloat (g_array_index (losses, double, 14), <, g_array_index (losses, double, 0));
  g_assert_null (fw_trainer_get_regression (trainer));
  g_clear_pointer (&trainer, fw_trainer_free);
  free_dataset (d);
}

static void
test_deterministic (void)
{
  FwDataset *d = make_dataset (500, 0.1, 2);
  FwModelSpec spec = logistic_spec (5);
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) second = g_array_new (FALSE, FALSE, sizeof (double));

  for (int run = 0; run < 2; run++)
    {
      g_autoptr(FwTrainer) trainer = fw_trainer_new (d, &spec, 99, NULL);
      g_autoptr(FwTrainerEvent) done = NULL;

      fw_trainer_start (trainer);
      done = run_to_done (trainer, run == 0 ? first : second, NULL);
    }
  g_assert_cmpuint (first->len, ==, second->len);
  g_assert_cmpmem (first->data, first->len * sizeof (double), second->data, second->len * sizeof (double));
  free_dataset (d);
}

/* Stop during the second epoch: the DONE says so and the first epoch's model is kept. */
static void
test_stop_keeps_best (void)
{
  FwDataset *d = make_dataset (200000, 0.0, 3);
  FwModelSpec spec = logistic_spec (1000);
  g_autoptr(FwTrainer) trainer = fw_trainer_new (d, &spec, 5, NULL);
  g_autoptr(FwTrainerEvent) done = NULL;
  FwTrainerEvent *event;
  g_autofree float *probs = g_new (float, 2 * d->parts[FW_PART_TEST].n);

  fw_trainer_start (trainer);
  while ((event = fw_trainer_wait_event (trainer, 60 * G_USEC_PER_SEC))->kind != FW_TRAINER_EVENT_EPOCH)
    fw_trainer_event_free (event);
  fw_trainer_event_free (event);
  fw_trainer_stop (trainer);
  done = run_to_done (trainer, NULL, NULL);
  g_assert_cmpint (done->outcome, ==, FW_TRAINER_STOPPED);
  g_assert_cmpuint (done->best_epoch, >=, 1);
  g_assert_cmpuint (done->best_epoch, <, 1000);
  /* Usable: finite probabilities that sum to one and a sound test accuracy. */
  fw_model_predict (fw_trainer_get_model (trainer), d->parts[FW_PART_TEST].x,
                    d->parts[FW_PART_TEST].n, probs);
  for (gsize i = 0; i < d->parts[FW_PART_TEST].n; i++)
    {
      g_assert_true (isfinite (probs[2 * i]));
      g_assert_cmpfloat_with_epsilon (probs[2 * i] + probs[2 * i + 1], 1.0, 1e-5);
    }
  g_assert_cmpfloat (fw_trainer_get_classification (trainer)->accuracy, >, 0.9);
  g_clear_pointer (&trainer, fw_trainer_free);
  free_dataset (d);
}

/* While paused the worker sends nothing; resumed, it finishes. */
static void
test_pause_resume (void)
{
  FwDataset *d = make_dataset (100000, 0.0, 4);
  FwModelSpec spec = logistic_spec (3);
  g_autoptr(FwTrainer) trainer = fw_trainer_new (d, &spec, 5, NULL);
  g_autoptr(FwTrainerEvent) done = NULL;
  FwTrainerEvent *event;

  fw_trainer_start (trainer);
  fw_trainer_pause (trainer);
  /* Whatever was in flight arrives first; then the worker waits at its next batch. */
  while ((event = fw_trainer_wait_event (trainer, G_USEC_PER_SEC / 2)) != NULL)
    {
      g_assert_cmpint (event->kind, !=, FW_TRAINER_EVENT_DONE);
      fw_trainer_event_free (event);
    }
  g_assert_true (fw_trainer_is_running (trainer));
  g_assert_null (fw_trainer_wait_event (trainer, G_USEC_PER_SEC / 2));
  fw_trainer_resume (trainer);
  done = run_to_done (trainer, NULL, NULL);
  g_assert_cmpint (done->outcome, ==, FW_TRAINER_COMPLETED);
  g_clear_pointer (&trainer, fw_trainer_free);
  free_dataset (d);
}

/* Random labels: the validation loss soon rises, training stops early and the model
 * returned is the best epoch's, whose validation loss the test recomputes. */
static void
test_early_stopping (void)
{
  FwDataset *d = make_dataset (64, 0.5, 6);
  FwModelSpec spec = logistic_spec (500);
  g_autoptr(FwTrainer) trainer = NULL;
  g_autoptr(FwTrainerEvent) done = NULL;
  FwModelData validation;
  double best_loss = INFINITY;
  FwTrainerEvent *event;

  spec.kind = FW_MODEL_MLP;
  spec.hidden[0] = 64;
  spec.n_hidden = 1;
  spec.learning_rate = 0.02;
  spec.patience = 3;
  trainer = fw_trainer_new (d, &spec, 8, NULL);
  fw_trainer_start (trainer);
  while ((event = fw_trainer_wait_event (trainer, 60 * G_USEC_PER_SEC))->kind != FW_TRAINER_EVENT_DONE)
    {
      if (event->kind == FW_TRAINER_EVENT_EPOCH)
        best_loss = MIN (best_loss, event->validation_loss);
      fw_trainer_event_free (event);
    }
  done = event;
  fw_trainer_join (trainer);
  g_assert_cmpint (done->outcome, ==, FW_TRAINER_EARLY_STOPPED);
  validation = (FwModelData) { d->parts[1].x, d->parts[1].labels, NULL, NULL, d->parts[1].n };
  g_assert_cmpfloat_with_epsilon (fw_model_loss (fw_trainer_get_model (trainer), &validation),
                                  best_loss, 1e-9);
  g_clear_pointer (&trainer, fw_trainer_free);
  free_dataset (d);
}

/* Freeing a running trainer stops and joins it. */
static void
test_free_while_running (void)
{
  FwDataset *d = make_dataset (100000, 0.0, 9);
  FwModelSpec spec = logistic_spec (1000);
  FwTrainer *trainer = fw_trainer_new (d, &spec, 5, NULL);

  fw_trainer_start (trainer);
  fw_trainer_free (trainer);
  free_dataset (d);
}

/* What the checkpoint thread was handed, in order. */
typedef struct
{
  GMutex   lock;
  GArray  *epochs;      /* guint: the epoch of each checkpoint */
  GArray  *finished;    /* gboolean */
  GThread *caller;      /* the test's thread, which must never write */
  gboolean other_thread;
  FwModel *kept;        /* a copy of the first checkpoint's parameters */
} Checkpoints;

static gboolean
record_checkpoint (const FwModel  *best,
                   guint           epoch,
                   guint           epochs,
                   gboolean        finished,
                   gpointer        data,
                   GError        **error)
{
  Checkpoints *c = data;

  g_mutex_lock (&c->lock);
  g_array_append_val (c->epochs, epoch);
  g_array_append_val (c->finished, finished);
  c->other_thread = g_thread_self () != c->caller;
  if (c->kept == NULL)
    c->kept = fw_model_dup (best);
  g_mutex_unlock (&c->lock);
  return TRUE;
}

static void
checkpoints_init (Checkpoints *c)
{
  g_mutex_init (&c->lock);
  c->epochs = g_array_new (FALSE, FALSE, sizeof (guint));
  c->finished = g_array_new (FALSE, FALSE, sizeof (gboolean));
  c->caller = g_thread_self ();
  c->kept = NULL;
}

static void
checkpoints_clear (Checkpoints *c)
{
  g_array_unref (c->epochs);
  g_array_unref (c->finished);
  g_clear_pointer (&c->kept, fw_model_free);
  g_mutex_clear (&c->lock);
}

/* Interval 0: new best epochs as they come, then the best again at the end, marked
 * finished; an interval longer than the run: only the end.  All of it before DONE. */
static void
test_checkpoint_rule (void)
{
  FwDataset *d = make_dataset (1000, 0.2, 5);
  FwModelSpec spec = logistic_spec (12);

  for (int round = 0; round < 2; round++)
    {
      g_autoptr(FwTrainer) trainer = fw_trainer_new (d, &spec, 3, NULL);
      g_autoptr(GArray) best = g_array_new (FALSE, FALSE, sizeof (guint));
      Checkpoints c;
      FwTrainerEvent *event;
      guint best_epoch = 0;

      checkpoints_init (&c);
      fw_trainer_set_checkpoint (trainer, round == 0 ? 0 : 1e6, record_checkpoint, &c, NULL);
      fw_trainer_start (trainer);
      while ((event = fw_trainer_wait_event (trainer, 60 * G_USEC_PER_SEC)) != NULL)
        {
          gboolean done = event->kind == FW_TRAINER_EVENT_DONE;

          if (event->kind == FW_TRAINER_EVENT_EPOCH && event->best)
            g_array_append_val (best, event->epoch);
          if (done)
            {
              best_epoch = event->best_epoch;
              /* Every write had finished when DONE was pushed. */
              g_mutex_lock (&c.lock);
              g_assert_cmpuint (c.epochs->len, >=, 1);
              g_assert_cmpuint (c.epochs->len, <=, (round == 0 ? best->len + 1 : 1));
              g_mutex_unlock (&c.lock);
            }
          fw_trainer_event_free (event);
          if (done)
            break;
        }
      fw_trainer_join (trainer);
      g_assert_cmpuint (best_epoch, >=, 1);
      g_assert_true (c.other_thread);
      /* A writer that falls behind skips to the newest best: a subsequence of the best
       * epochs, in order. */
      for (guint i = 0, j = 0; i + 1 < c.epochs->len; i++, j++)
        {
          while (j < best->len && g_array_index (best, guint, j) != g_array_index (c.epochs, guint, i))
            j++;
          g_assert_cmpuint (j, <, best->len);
          g_assert_false (g_array_index (c.finished, gboolean, i));
        }
      g_assert_cmpuint (g_array_index (c.epochs, guint, c.epochs->len - 1), ==, best_epoch);
      g_assert_true (g_array_index (c.finished, gboolean, c.finished->len - 1));
      checkpoints_clear (&c);
    }
  free_dataset (d);
}

/* Carrying on from a checkpoint: the epochs after it, its loss as the best so far. */
static void
test_resume (void)
{
  FwDataset *d = make_dataset (1000, 0.05, 6);
  FwModelSpec spec = logistic_spec (8);
  g_autoptr(FwTrainer) first = fw_trainer_new (d, &spec, 3, NULL);
  g_autoptr(FwTrainer) second = fw_trainer_new (d, &spec, 3, NULL);
  g_autoptr(FwTrainerEvent) done = NULL;
  g_autoptr(GError) error = NULL;
  Checkpoints c;
  guint kept_epoch, next;
  FwTrainerEvent *event;

  checkpoints_init (&c);
  fw_trainer_set_checkpoint (first, 0, record_checkpoint, &c, NULL);
  fw_trainer_start (first);
  done = run_to_done (first, NULL, NULL);
  kept_epoch = g_array_index (c.epochs, guint, 0);
  next = kept_epoch + 1;
  g_clear_pointer (&done, fw_trainer_event_free);

  /* The first checkpoint's parameters, as its file holds them. */
  g_assert_true (fw_trainer_set_start (second, c.kept, kept_epoch, &error));
  g_assert_no_error (error);
  fw_trainer_start (second);
  while ((event = fw_trainer_wait_event (second, 60 * G_USEC_PER_SEC)) != NULL &&
         event->kind != FW_TRAINER_EVENT_DONE)
    {
      if (event->kind == FW_TRAINER_EVENT_EPOCH)
        g_assert_cmpuint (event->epoch, ==, next++);
      fw_trainer_event_free (event);
    }
  g_assert_nonnull (event);
  g_assert_cmpuint (next, ==, 9);
  g_assert_cmpuint (kept_epoch, <=, 8);
  g_assert_cmpint (event->outcome, ==, FW_TRAINER_COMPLETED);
  g_assert_cmpuint (event->best_epoch, >=, kept_epoch);
  fw_trainer_event_free (event);
  fw_trainer_join (second);
  g_assert_cmpfloat (fw_trainer_get_classification (second)->accuracy, >, 0.9);
  g_clear_pointer (&second, fw_trainer_free);

  /* A network's trainer cannot carry on from a logistic regression. */
  spec.kind = FW_MODEL_MLP;
  spec.n_hidden = 1;
  spec.hidden[0] = 4;
  second = fw_trainer_new (d, &spec, 3, &error);
  g_assert_no_error (error);
  g_assert_false (fw_trainer_set_start (second, c.kept, kept_epoch, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_pointer (&second, fw_trainer_free);
  g_clear_pointer (&first, fw_trainer_free);
  checkpoints_clear (&c);
  free_dataset (d);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/trainer/complete-run", test_complete_run);
  g_test_add_func ("/engine/trainer/deterministic", test_deterministic);
  g_test_add_func ("/engine/trainer/stop-keeps-best", test_stop_keeps_best);
  g_test_add_func ("/engine/trainer/pause-resume", test_pause_resume);
  g_test_add_func ("/engine/trainer/early-stopping", test_early_stopping);
  g_test_add_func ("/engine/trainer/free-while-running", test_free_while_running);
  g_test_add_func ("/engine/trainer/checkpoint-rule", test_checkpoint_rule);
  g_test_add_func ("/engine/trainer/resume", test_resume);

  return g_test_run ();
}
