/* fw-trainer.h — training on a worker thread that streams what it is doing
 *
 * The trainer owns one GThread.  The UI or the CLI starts it and drains typed events from
 * a thread-safe queue without ever blocking the worker; control goes the other way as
 * atomic flags (pause, resume, stop).  The worker never touches GTK.  Stop keeps the best
 * model so far; early stopping restores the best epoch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-dataset.h"
#include "fw-energy.h"
#include "fw-fairness.h"
#include "fw-metrics.h"
#include "fw-model.h"

G_BEGIN_DECLS

/* Progress events are coalesced to at most this many per second. */
#define FW_TRAINER_PROGRESS_PER_SECOND 20

typedef enum {
  FW_TRAINER_EVENT_EPOCH,
  FW_TRAINER_EVENT_PROGRESS,
  FW_TRAINER_EVENT_LOG,
  FW_TRAINER_EVENT_DONE,
} FwTrainerEventKind;

typedef enum {
  FW_TRAINER_COMPLETED,         /* every epoch ran */
  FW_TRAINER_EARLY_STOPPED,     /* validation loss stopped improving */
  FW_TRAINER_STOPPED,           /* the user stopped it; the best model so far is kept */
  FW_TRAINER_FAILED,            /* error says why */
} FwTrainerOutcome;

typedef struct
{
  FwTrainerEventKind kind;
  double             elapsed;           /* seconds since start */

  /* EPOCH */
  guint              epoch, epochs;     /* from 1 */
  double             train_loss;
  double             validation_loss;
  double             validation_metric; /* accuracy, or RMSE for regression */
  const char        *metric_name;       /* "accuracy" or "rmse" (static) */
  double             rows_per_second;
  double             eta;               /* seconds left, estimated */
  gboolean           best;              /* the best validation loss so far */
  FwFairness       **fairness;          /* per sensitive attribute, on the validation part
                                           (no confidence intervals); owned */
  guint              n_fairness;
  double             joules;            /* energy so far */

  /* PROGRESS: the share of all epochs' rows done */
  double             fraction;

  /* LOG */
  char              *message;

  /* DONE */
  FwTrainerOutcome   outcome;
  guint              best_epoch;        /* 0 when no epoch completed */
  GError            *error;
} FwTrainerEvent;

typedef struct _FwTrainer FwTrainer;

/* @dataset must outlive the trainer and stay untouched while it runs. */
FwTrainer      *fw_trainer_new          (const FwDataset   *dataset,
                                         const FwModelSpec *spec,
                                         guint64            seed,
                                         GError           **error);
void            fw_trainer_free         (FwTrainer *trainer);   /* stops and joins first */

void            fw_trainer_start        (FwTrainer *trainer);
void            fw_trainer_pause        (FwTrainer *trainer);
void            fw_trainer_resume       (FwTrainer *trainer);
void            fw_trainer_stop         (FwTrainer *trainer);
gboolean        fw_trainer_is_running   (FwTrainer *trainer);

/* The next event, or NULL when none is waiting (never blocks). */
FwTrainerEvent *fw_trainer_pop_event    (FwTrainer *trainer);
/* The next event, waiting at most @timeout_us (G_MAXUINT64: for ever); NULL on time-out. */
FwTrainerEvent *fw_trainer_wait_event   (FwTrainer *trainer,
                                         guint64    timeout_us);
void            fw_trainer_event_free   (FwTrainerEvent *event);

/* Where it trains, as fw_model_describe_backend says it: known from creation, so it may be
 * asked while the run goes on. */
const char     *fw_trainer_get_backend  (FwTrainer *trainer);

/* After the DONE event (or fw_trainer_join): the model (best epoch restored), the test
 * metrics of the task (the other is NULL), and the seconds the run took. */
void            fw_trainer_join         (FwTrainer *trainer);
FwModel        *fw_trainer_get_model    (FwTrainer *trainer);
const FwClassificationMetrics *fw_trainer_get_classification (FwTrainer *trainer);
const FwRegressionMetrics     *fw_trainer_get_regression     (FwTrainer *trainer);
/* Per sensitive attribute, on the test part, with bootstrap 95% intervals; NULL when the
 * dataset has no sensitive columns or no test rows. */
FwFairness * const            *fw_trainer_get_fairness       (FwTrainer *trainer,
                                                              guint     *n);
const FwEnergyReading         *fw_trainer_get_energy         (FwTrainer *trainer);
/* Before start: where energy is read and the grid intensity (defaults otherwise). */
void            fw_trainer_set_energy_options (FwTrainer             *trainer,
                                               const FwEnergyOptions *options);
double          fw_trainer_get_seconds  (FwTrainer *trainer);

/* Checkpoints: the best parameters so far, handed to @func on the trainer's own checkpoint
 * thread, so neither the training nor the thread that drains events waits for a write.  The
 * rule: at the end of an epoch, when a best epoch has not been checkpointed yet and
 * @interval seconds have passed since the last checkpoint (or since the start), and at the
 * end of the training (its best epoch, marked finished).  The trainer
 * thread only copies the parameters (fw_model_dup); DONE is pushed after the last write
 * finished, so whoever sees DONE may write the same file; fw_trainer_free while it runs
 * skips the writes still to come.  @finished: the training has
 * ended (the last checkpoint; not after a failure).  @best is borrowed for the call;
 * a FALSE return is reported once as a LOG event.  Before start. */
#define FW_TRAINER_CHECKPOINT_SECONDS 5.0

typedef gboolean (*FwTrainerCheckpointFunc) (const FwModel  *best,
                                             guint           epoch,
                                             guint           epochs,
                                             gboolean        finished,
                                             gpointer        user_data,
                                             GError        **error);

void            fw_trainer_set_checkpoint (FwTrainer               *trainer,
                                           double                   interval,
                                           FwTrainerCheckpointFunc  func,
                                           gpointer                 user_data,
                                           GDestroyNotify           destroy);
/* Before start: carry on from @params (copied; the same model kind and shape) as the
 * result of epoch @epoch, which counts as the best so far.  The optimiser's state (momentum,
 * Adam's moments and step count) starts afresh.  An error when the shapes differ. */
gboolean        fw_trainer_set_start      (FwTrainer      *trainer,
                                           const FwModel  *params,
                                           guint           epoch,
                                           GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwTrainer, fw_trainer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwTrainerEvent, fw_trainer_event_free)

G_END_DECLS
