/* fw-training-run.h — one training from a table and a recipe to a trained model
 *
 * What `fairway-cli train` and the GUI's Train step share, so both train the same way:
 * prepare the dataset and refuse what cannot work (a model that does not fit the task,
 * reweighing without a sensitive column, thresholds without validation rows) before any
 * training; audit the data; run the trainer; and after its DONE event assemble the
 * FwTrainedModel (test metrics, fairness, energy, explanations, per-group thresholds, time
 * and the data's fingerprint).
 *
 * Threads: fw_training_run_new() and fw_training_run_finish() do heavy work (preparing a
 * million rows, permutation importance) and may run on a worker thread; everything else
 * belongs to the thread that drains the events.  Neither touches GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include "fw-audit.h"
#include "fw-trained-model.h"
#include "fw-too-good.h"
#include "fw-trainer.h"

G_BEGIN_DECLS

typedef struct
{
  /* Grid carbon intensity in g CO2e per kWh; negative: FW_ENERGY_DEFAULT_INTENSITY. */
  double            carbon_intensity;
  /* Word the refusals for the command line ("Use --model logistic") rather than for the
   * wizard ("Choose … in the Model step"). */
  gboolean          cli_hints;
} FwTrainingOptions;

typedef struct _FwTrainingRun FwTrainingRun;

/* The default intensity.  Per-group thresholds are the recipe's threshold_policy. */
void            fw_training_options_init      (FwTrainingOptions *options);

/* Prepares the dataset of @recipe (copied) on @table and checks that it can be trained; the
 * trainer is made but not started.  @table must outlive the run.  @data_file names the
 * data for the model's provenance (may be NULL: no name, no fingerprint).  @options may be
 * NULL.  Errors are sentences for people (FW_RECIPE_ERROR, fw_dataset_prepare's, or
 * G_IO_ERROR_CANCELLED). */
FwTrainingRun  *fw_training_run_new           (const FwTable           *table,
                                               GFile                   *data_file,
                                               const FwRecipe          *recipe,
                                               const FwTrainingOptions *options,
                                               GCancellable            *cancellable,
                                               GError                 **error);
/* Stops and joins the trainer if it still runs. */
void            fw_training_run_free          (FwTrainingRun *run);

/* For start, pause, resume and stop; drain its events through the run, below. */
FwTrainer      *fw_training_run_get_trainer   (FwTrainingRun *run);
const FwRecipe *fw_training_run_get_recipe    (FwTrainingRun *run);
const FwDataset *fw_training_run_get_dataset  (FwTrainingRun *run);
/* After finish: the "too good to be true" warning (fw-too-good.h), or NULL when the
 * model's tuning score is believable.  Owned by the run. */
const FwTooGood *fw_training_run_get_too_good (FwTrainingRun *run);
/* The data audit (group sizes, base rates, proxies); NULL without sensitive columns. */
const FwAudit  *fw_training_run_get_audit     (FwTrainingRun *run);
/* Whether the energy figures will be an estimate on this machine (no readable meter). */
gboolean        fw_training_run_energy_is_estimated (FwTrainingRun *run);
double          fw_training_run_get_intensity (FwTrainingRun *run);

/* The trainer's next event as fw_trainer_pop_event / _wait_event give it, after the run
 * has recorded it: epochs into the history, DONE as the outcome.  Free with
 * fw_trainer_event_free(). */
FwTrainerEvent *fw_training_run_pop_event     (FwTrainingRun *run);
FwTrainerEvent *fw_training_run_wait_event    (FwTrainingRun *run,
                                               guint64        timeout_us);
/* Whether the DONE event has been drained. */
gboolean        fw_training_run_is_done       (FwTrainingRun *run);
FwTrainerOutcome fw_training_run_get_outcome  (FwTrainingRun *run);
guint           fw_training_run_get_best_epoch (FwTrainingRun *run);

/* One object per epoch drained so far: {"epoch", "train_loss", "validation_loss",
 * "validation_metric", "metric_name"}.  Owned by the run. */
JsonArray      *fw_training_run_get_history   (FwTrainingRun *run);

/* After DONE: joins the trainer and assembles the trained model.  A failed training
 * returns its error.  May run on a worker thread (permutation importance on the test
 * part is the slow part; @cancellable stops it).  Call once. */
FwTrainedModel *fw_training_run_finish        (FwTrainingRun *run,
                                               GCancellable  *cancellable,
                                               GError       **error);
/* After finish: the test fairness the model reports (re-measured under per-group
 * thresholds when they were fitted), one per sensitive column; NULL entries possible. */
FwFairness *const *fw_training_run_get_fairness (FwTrainingRun *run,
                                                 guint         *n);
/* After finish: the dataset, for whoever keeps the model (the GUI's session); the run
 * must not be used afterwards except to be freed. */
FwDataset      *fw_training_run_steal_dataset (FwTrainingRun *run);

/* Checkpoints (the rule is fw_trainer_set_checkpoint's): @func gets, on the trainer's
 * checkpoint thread, the best model so far as a trained model — recipe, preprocessing and
 * parameters, so predict and evaluate can use it, but no test metrics — with
 * checkpoint_epoch and checkpoint_epochs set; it may keep @trained (it owns it).  Before
 * the trainer starts. */
typedef gboolean (*FwTrainingCheckpointFunc) (FwTrainedModel  *trained,
                                              gpointer         user_data,
                                              GError         **error);

void            fw_training_run_set_checkpoint (FwTrainingRun            *run,
                                                double                    interval,
                                                FwTrainingCheckpointFunc  func,
                                                gpointer                  user_data,
                                                GDestroyNotify            destroy);
/* Before the trainer starts: carry on from @checkpoint (a checkpoint of this recipe on
 * this data) after its epoch.  An error when it is no checkpoint or does not fit. */
gboolean        fw_training_run_resume_from   (FwTrainingRun         *run,
                                               const FwTrainedModel  *checkpoint,
                                               GError               **error);
/* Writes @trained as a .fwmodel to @data (a GFile); an FwTrainingCheckpointFunc. */
gboolean        fw_training_checkpoint_to_file (FwTrainedModel  *trained,
                                                gpointer         file,
                                                GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwTrainingRun, fw_training_run_free)

G_END_DECLS
