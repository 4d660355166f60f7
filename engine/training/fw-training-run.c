/* fw-training-run.c — one training from a table and a recipe to a trained model
 *
 * Moved out of fairway-cli train so that the GUI trains exactly as the CLI does; the CLI
 * keeps only its options and its output.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-importance.h"
#include "fw-inference.h"
#include "fw-mitigation.h"
#include "fw-model-file.h"
#include "fw-too-good.h"
#include "fw-json.h"
#include "fw-training-run.h"

struct _FwTrainingRun
{
  FwRecipe         *recipe;
  FwDataset        *dataset;
  FwTrainer        *trainer;
  FwAudit          *audit;
  GFile            *data_file;
  FwThresholdPolicy threshold_policy;
  double            intensity;
  gboolean          energy_estimated;
  JsonArray        *history;

  gboolean          done;
  FwTrainerOutcome  outcome;
  guint             best_epoch;
  GError           *error;              /* of a FAILED outcome */

  char             *best_column;        /* the strongest single feature column */
  double            best_column_score;
  FwTooGood        *too_good;

  FwFairness      **thresholded;        /* test fairness under the model's threshold(s), or
                                           NULL at 0.5 */
  guint             n_fairness;
  gboolean          finished;
};

void
fw_training_options_init (FwTrainingOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (FwTrainingOptions) {
    .carbon_intensity = -1,
  };
}

/* What only a model that suits the task, and mitigation that has what it needs, passes. */
static gboolean
check_dataset (FwTrainingRun            *run,
               const FwTable            *table,
               const FwTrainingOptions  *options,
               GError                  **error)
{
  FwDataset *dataset = run->dataset;
  const FwRecipe *recipe = run->recipe;

  if (recipe->model.kind == FW_MODEL_LINEAR && dataset->task != FW_TASK_REGRESSION)
    {
      g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_TARGET, options->cli_hints
                   ? _("Linear regression predicts numbers, but “%s” holds classes. "
                       "Use --model logistic or --model mlp.")
                   : _("Linear regression predicts numbers, but “%s” holds classes. "
                       "Choose logistic regression or a neural network in the Model step."),
                   recipe->target);
      return FALSE;
    }
  if (recipe->model.kind == FW_MODEL_LOGISTIC && dataset->task == FW_TASK_REGRESSION)
    {
      g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_TARGET, options->cli_hints
                   ? _("Logistic regression predicts classes, but “%s” holds numbers. "
                       "Use --model linear or --model mlp.")
                   : _("Logistic regression predicts classes, but “%s” holds numbers. "
                       "Choose linear regression or a neural network in the Model step."),
                   recipe->target);
      return FALSE;
    }
  /* Kamiran–Calders weights on the training rows, by the first sensitive column. */
  if (g_strcmp0 (recipe->mitigation, "reweigh") == 0)
    {
      FwDataPart *train = &dataset->parts[FW_PART_TRAIN];

      if (dataset->n_sensitive == 0 || dataset->task == FW_TASK_REGRESSION)
        {
          g_set_error_literal (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID, options->cli_hints
                               ? _("Reweighing needs a sensitive column (--sensitive COL) and "
                                   "classes to predict.")
                               : _("Reweighing needs a sensitive column and classes to "
                                   "predict."));
          return FALSE;
        }
      FwMitigationInput rows = {
        .groups = train->sensitive[0], .n_groups = g_strv_length (dataset->sensitive_groups[0]),
        .labels = train->labels, .n_classes = dataset->n_classes, .n = train->n,
      };

      train->weights = fw_reweigh_weights (&rows, error);
      if (train->weights == NULL)
        return FALSE;
    }
  /* The data audit: group sizes, base rates, missingness and proxies, before any model. */
  if (recipe->sensitive->len > 0)
    {
      /* Borrowed names: g_ptr_array_copy would carry over the recipe's free function. */
      g_autoptr(GPtrArray) names = g_ptr_array_new ();

      for (guint i = 0; i < recipe->sensitive->len; i++)
        g_ptr_array_add (names, g_ptr_array_index (recipe->sensitive, i));
      g_ptr_array_add (names, NULL);
      run->audit = fw_audit_new (table, (const char *const *) names->pdata, recipe->target,
                                 dataset->task,
                                 dataset->task == FW_TASK_BINARY
                                   ? dataset->class_names[dataset->positive] : NULL,
                                 NULL, NULL);
    }
  /* Refused before training, not after it. */
  if (run->threshold_policy != FW_THRESHOLD_POLICY_NONE &&
      (dataset->task != FW_TASK_BINARY || dataset->n_sensitive == 0 ||
       dataset->parts[FW_PART_VALIDATION].n == 0))
    {
      g_set_error_literal (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID, options->cli_hints
                           ? _("Per-group thresholds need a yes/no target, a sensitive column "
                               "(--sensitive COL) and validation rows.")
                           : _("Per-group thresholds need a yes/no target, a sensitive column "
                               "and validation rows."));
      return FALSE;
    }
  if (recipe->threshold != FW_THRESHOLDS_DEFAULT && dataset->task != FW_TASK_BINARY)
    {
      g_set_error_literal (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                           _("A decision threshold other than 0.5 needs a yes/no target."));
      return FALSE;
    }
  return TRUE;
}

/* A meter probed and stopped at once: whether this machine lets us measure at all. */
static gboolean
probe_estimated (const FwEnergyOptions *energy)
{
  g_autoptr(FwEnergyMeter) meter = fw_energy_meter_new (energy);
  g_autoptr(FwEnergyReading) reading = NULL;

  fw_energy_meter_start (meter);
  reading = fw_energy_meter_stop (meter);
  return reading == NULL || reading->estimated;
}

FwTrainingRun *
fw_training_run_new (const FwTable           *table,
                     GFile                   *data_file,
                     const FwRecipe          *recipe,
                     const FwTrainingOptions *options,
                     GCancellable            *cancellable,
                     GError                 **error)
{
  g_autoptr(FwTrainingRun) run = g_new0 (FwTrainingRun, 1);
  FwTrainingOptions defaults;
  FwEnergyOptions energy;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (recipe != NULL, NULL);
  g_return_val_if_fail (data_file == NULL || G_IS_FILE (data_file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      fw_training_options_init (&defaults);
      options = &defaults;
    }
  run->recipe = fw_recipe_copy (recipe);
  run->data_file = data_file != NULL ? g_object_ref (data_file) : NULL;
  /* fw_dataset_prepare validates the recipe, so an unknown name stops there. */
  run->threshold_policy = recipe->threshold_policy;
  run->history = json_array_new ();

  run->dataset = fw_dataset_prepare (table, run->recipe, cancellable, error);
  if (run->dataset == NULL || !check_dataset (run, table, options, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  run->trainer = fw_trainer_new (run->dataset, &run->recipe->model, run->recipe->seed, error);
  if (run->trainer == NULL)
    return NULL;
  /* What the best column alone achieves, for a model that does far better. */
  fw_too_good_strongest_column (table, run->recipe, &run->best_column, &run->best_column_score);

  fw_energy_options_init (&energy);
  if (options->carbon_intensity >= 0)
    {
      energy.intensity = options->carbon_intensity;
      fw_trainer_set_energy_options (run->trainer, &energy);
    }
  run->intensity = energy.intensity;
  run->energy_estimated = probe_estimated (&energy);
  return g_steal_pointer (&run);
}

void
fw_training_run_free (FwTrainingRun *run)
{
  if (run == NULL)
    return;
  /* The trainer reads the dataset until it is joined. */
  g_clear_pointer (&run->trainer, fw_trainer_free);
  g_clear_pointer (&run->dataset, fw_dataset_free);
  g_clear_pointer (&run->recipe, fw_recipe_free);
  g_clear_pointer (&run->audit, fw_audit_free);
  g_clear_object (&run->data_file);
  g_clear_pointer (&run->history, json_array_unref);
  g_clear_pointer (&run->best_column, g_free);
  g_clear_pointer (&run->too_good, fw_too_good_free);
  g_clear_error (&run->error);
  for (guint a = 0; run->thresholded != NULL && a < run->n_fairness; a++)
    fw_fairness_free (run->thresholded[a]);
  g_free (run->thresholded);
  g_free (run);
}

const FwTooGood *
fw_training_run_get_too_good (FwTrainingRun *run)
{
  g_return_val_if_fail (run != NULL, NULL);
  return run->too_good;
}

FwTrainer *
fw_training_run_get_trainer (FwTrainingRun *run)
{
  g_return_val_if_fail (run != NULL, NULL);
  return run->trainer;
}

const FwRecipe *
fw_training_run_get_recipe (FwTrainingRun *run)
{
  g_return_val_if_fail (run != NULL, NULL);
  return run->recipe;
}

const FwDataset *
fw_training_run_get_dataset (FwTrainingRun *run)
{
  g_return_val_if_fail (run != NULL, NULL);
  return run->dataset;
}

const FwAudit *
fw_training_run_get_audit (FwTrainingRun *run)
{
  g_return_val_if_fail (run != NULL, NULL);
  return run->audit;
}

gboolean
fw_training_run_energy_is_estimated (FwTrainingRun *run)
{
  g_return_val_if_fail (run != NULL, TRUE);
  return run->energy_estimated;
}

double
fw_training_run_get_intensity (FwTrainingRun *run)
{
  g_return_val_if_fail (run != NULL, FW_ENERGY_DEFAULT_INTENSITY);
  return run->intensity;
}

static FwTrainerEvent *
record (FwTrainingRun  *run,
        FwTrainerEvent *event)
{
  if (event == NULL)
    return NULL;
  if (event->kind == FW_TRAINER_EVENT_EPOCH)
    {
      JsonObject *epoch = json_object_new ();

      json_object_set_int_member (epoch, "epoch", event->epoch);
      /* No validation rows: null, never a NaN the model file could not be read back with. */
      fw_json_object_set_number (epoch, "train_loss", event->train_loss);
      fw_json_object_set_number (epoch, "validation_loss", event->validation_loss);
      fw_json_object_set_number (epoch, "validation_metric", event->validation_metric);
      json_object_set_string_member (epoch, "metric_name", event->metric_name);
      json_array_add_object_element (run->history, epoch);
    }
  else if (event->kind == FW_TRAINER_EVENT_DONE)
    {
      run->done = TRUE;
      run->outcome = event->outcome;
      run->best_epoch = event->best_epoch;
      g_clear_error (&run->error);
      if (event->error != NULL)
        run->error = g_error_copy (event->error);
    }
  return event;
}

FwTrainerEvent *
fw_training_run_pop_event (FwTrainingRun *run)
{
  g_return_val_if_fail (run != NULL, NULL);
  return record (run, fw_trainer_pop_event (run->trainer));
}

FwTrainerEvent *
fw_training_run_wait_event (FwTrainingRun *run,
                            guint64        timeout_us)
{
  g_return_val_if_fail (run != NULL, NULL);
  return record (run, fw_trainer_wait_event (run->trainer, timeout_us));
}

gboolean
fw_training_run_is_done (FwTrainingRun *run)
{
  g_return_val_if_fail (run != NULL, FALSE);
  return run->done;
}

FwTrainerOutcome
fw_training_run_get_outcome (FwTrainingRun *run)
{
  g_return_val_if_fail (run != NULL, FW_TRAINER_FAILED);
  return run->outcome;
}

guint
fw_training_run_get_best_epoch (FwTrainingRun *run)
{
  g_return_val_if_fail (run != NULL, 0);
  return run->best_epoch;
}

JsonArray *
fw_training_run_get_history (FwTrainingRun *run)
{
  g_return_val_if_fail (run != NULL, NULL);
  return run->history;
}

FwFairness *const *
fw_training_run_get_fairness (FwTrainingRun *run,
                              guint         *n)
{
  g_return_val_if_fail (run != NULL, NULL);
  g_return_val_if_fail (n != NULL, NULL);

  if (run->thresholded != NULL)
    {
      *n = run->n_fairness;
      return run->thresholded;
    }
  *n = 0;
  return run->trainer != NULL ? fw_trainer_get_fairness (run->trainer, n) : NULL;
}

FwDataset *
fw_training_run_steal_dataset (FwTrainingRun *run)
{
  g_return_val_if_fail (run != NULL, NULL);
  g_return_val_if_fail (run->finished, NULL);

  /* Joined in finish, so the trainer no longer reads it. */
  return g_steal_pointer (&run->dataset);
}

static JsonObject *
test_metrics (FwTrainer *trainer)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const FwClassificationMetrics *c = fw_trainer_get_classification (trainer);
  const FwRegressionMetrics *r = fw_trainer_get_regression (trainer);

  json_builder_begin_object (b);
  if (c != NULL)
    fw_classification_metrics_to_json (c, b);
  if (r != NULL)
    fw_regression_metrics_to_json (r, b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_object_ref (json_node_get_object (root));
}

/* @counts (n × n, row = actual) as n arrays of n numbers, for the model card. */
static JsonArray *
confusion_to_json (const double *counts,
                   guint         n)
{
  JsonArray *rows = json_array_new ();

  for (guint i = 0; counts != NULL && i < n; i++)
    {
      JsonArray *row = json_array_new ();

      for (guint j = 0; j < n; j++)
        json_array_add_double_element (row, counts[i * n + j]);
      json_array_add_array_element (rows, row);
    }
  return rows;
}

/* Which columns the model leans on: shuffled one at a time on the test rows; and the
 * weights of a model without hidden layers. */
static JsonObject *
explanations (FwTrainingRun  *run,
              FwModel        *model,
              GCancellable   *cancellable)
{
  g_autoptr(FwImportance) importance =
    fw_importance_permutation (model, run->dataset, FW_PART_TEST, FW_IMPORTANCE_DEFAULT_REPEATS,
                               run->recipe->seed, cancellable, NULL);
  g_autoptr(FwCoefficients) coefficients = fw_importance_coefficients (model, run->dataset);
  /* The trainer's own model: it holds the exact fit's covariance, which copies do not. */
  g_autoptr(JsonNode) inference = fw_inference_to_json (fw_trainer_get_model (run->trainer),
                                                        run->dataset);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (b);
  if (inference != NULL)
    {
      json_builder_set_member_name (b, "inference");
      json_builder_add_value (b, g_steal_pointer (&inference));
    }
  if (importance != NULL)
    {
      json_builder_set_member_name (b, "importance");
      fw_importance_to_json (importance, b);
    }
  if (coefficients != NULL)
    {
      json_builder_set_member_name (b, "coefficients");
      fw_coefficients_to_json (coefficients, b);
    }
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  return json_object_ref (json_node_get_object (node));
}

FwTrainedModel *
fw_training_run_finish (FwTrainingRun  *run,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_autoptr(FwTrainedModel) trained = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  FwFairness *const *fairness;
  const FwEnergyReading *energy;
  JsonObject *root;

  g_return_val_if_fail (run != NULL, NULL);
  g_return_val_if_fail (run->done, NULL);
  g_return_val_if_fail (!run->finished, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  run->finished = TRUE;
  fw_trainer_join (run->trainer);
  if (run->outcome == FW_TRAINER_FAILED)
    {
      if (run->error != NULL)
        g_propagate_error (error, g_steal_pointer (&run->error));
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Training failed."));
      return NULL;
    }

  {
    g_autoptr(JsonObject) metrics = test_metrics (run->trainer);

    trained = fw_trained_model_new (run->recipe, run->dataset, fw_trainer_get_model (run->trainer),
                                    metrics, error);
  }
  if (trained == NULL)
    return NULL;
  {
    const FwClassificationMetrics *c = fw_trainer_get_classification (run->trainer);

    g_clear_pointer (&trained->history, json_array_unref);
    trained->history = json_array_ref (run->history);
    g_clear_pointer (&trained->confusion, json_array_unref);
    trained->confusion = confusion_to_json (c != NULL ? c->confusion : NULL,
                                            c != NULL ? c->n_classes : 0);
  }
  {
    JsonObject *baseline = fw_baseline_of_dataset (run->dataset);

    if (baseline != NULL)
      {
        g_clear_pointer (&trained->baseline, json_object_unref);
        trained->baseline = baseline;
      }
  }
  fairness = fw_trainer_get_fairness (run->trainer, &run->n_fairness);
  if (run->threshold_policy != FW_THRESHOLD_POLICY_NONE &&
      !fw_trained_model_fit_thresholds (trained, run->dataset, run->threshold_policy, error))
    return NULL;
  /* The test part scored for the rule the saved model applies. */
  if (trained->task == FW_TASK_BINARY &&
      (trained->thresholds != NULL || trained->threshold != FW_THRESHOLDS_DEFAULT))
    {
      run->n_fairness = run->dataset->n_sensitive;
      fairness = run->thresholded = fw_trained_model_score_test (trained, run->dataset,
                                                                 run->recipe->seed);
    }

  /* The model keeps what it was measured at, for reports. */
  json_builder_begin_object (b);
  fw_training_add_fairness (b, fairness, run->dataset->sensitive_names, run->n_fairness);
  json_builder_set_member_name (b, "energy");
  json_builder_begin_object (b);
  energy = fw_trainer_get_energy (run->trainer);
  if (energy != NULL)
    fw_energy_reading_to_json (energy, b);
  json_builder_end_object (b);
  if (run->audit != NULL)
    {
      json_builder_set_member_name (b, "audit");
      fw_audit_to_json (run->audit, b);
    }
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  root = json_node_get_object (node);

  g_clear_pointer (&trained->explanations, json_object_unref);
  trained->explanations = explanations (run, trained->model, cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  run->too_good = fw_too_good_check (trained->model, run->dataset, trained->explanations,
                                     run->best_column, run->best_column_score);
  g_clear_pointer (&trained->fairness, json_array_unref);
  trained->fairness = json_array_ref (json_object_get_array_member (root, "fairness"));
  g_clear_pointer (&trained->energy, json_object_unref);
  trained->energy = json_object_ref (json_object_get_object_member (root, "energy"));
  if (run->audit != NULL)
    {
      JsonObject *audit = json_object_get_object_member (root, "audit");

      /* The card's caveats name the proxies the audit found. */
      g_clear_pointer (&trained->findings, json_array_unref);
      trained->findings = json_array_ref (json_object_get_array_member (audit, "findings"));
    }
  /* The card lists it under caveats with the audit's findings. */
  if (run->too_good != NULL)
    fw_too_good_add_finding (run->too_good, trained->findings);
  trained->seconds = fw_trainer_get_seconds (run->trainer);
  if (run->data_file != NULL)
    {
      trained->data_name = g_file_get_basename (run->data_file);
      trained->data_sha256 = fw_file_sha256 (run->data_file, cancellable, error);
      if (trained->data_sha256 == NULL)
        return NULL;
    }
  return g_steal_pointer (&trained);
}

typedef struct
{
  FwTrainingRun            *run;      /* outlives the trainer, which joins this thread */
  FwTrainingCheckpointFunc  func;
  gpointer                  user_data;
  GDestroyNotify            destroy;
} Checkpoint;

static void
checkpoint_free (gpointer data)
{
  Checkpoint *checkpoint = data;

  if (checkpoint->destroy != NULL)
    checkpoint->destroy (checkpoint->user_data);
  g_free (checkpoint);
}

/* On the checkpoint thread: the recipe and the dataset are read-only while training runs. */
static gboolean
checkpoint_model (const FwModel  *best,
                  guint           epoch,
                  guint           epochs,
                  gboolean        finished,
                  gpointer        data,
                  GError        **error)
{
  Checkpoint *checkpoint = data;
  FwTrainingRun *run = checkpoint->run;
  FwTrainedModel *trained;

  trained = fw_trained_model_new (run->recipe, run->dataset, best, NULL, error);
  if (trained == NULL)
    return FALSE;
  /* What the finished model would carry about its decisions, so a restored checkpoint
   * says the same things: the baseline beside its figures, the thresholds it decides by. */
  {
    JsonObject *baseline = fw_baseline_of_dataset (run->dataset);

    if (baseline != NULL)
      {
        g_clear_pointer (&trained->baseline, json_object_unref);
        trained->baseline = baseline;
      }
  }
  if (run->threshold_policy != FW_THRESHOLD_POLICY_NONE &&
      !fw_trained_model_fit_thresholds (trained, run->dataset, run->threshold_policy, error))
    {
      fw_trained_model_free (trained);
      return FALSE;
    }
  trained->checkpoint_epoch = epoch;
  trained->checkpoint_epochs = epochs;
  trained->checkpoint_finished = finished;
  if (run->data_file != NULL)
    trained->data_name = g_file_get_basename (run->data_file);
  return checkpoint->func (trained, checkpoint->user_data, error);
}

void
fw_training_run_set_checkpoint (FwTrainingRun            *run,
                                double                    interval,
                                FwTrainingCheckpointFunc  func,
                                gpointer                  user_data,
                                GDestroyNotify            destroy)
{
  Checkpoint *checkpoint;

  g_return_if_fail (run != NULL);
  g_return_if_fail (func != NULL);

  checkpoint = g_new0 (Checkpoint, 1);
  checkpoint->run = run;
  checkpoint->func = func;
  checkpoint->user_data = user_data;
  checkpoint->destroy = destroy;
  fw_trainer_set_checkpoint (run->trainer, interval, checkpoint_model, checkpoint,
                             checkpoint_free);
}

gboolean
fw_training_run_resume_from (FwTrainingRun         *run,
                             const FwTrainedModel  *checkpoint,
                             GError               **error)
{
  g_return_val_if_fail (run != NULL, FALSE);
  g_return_val_if_fail (checkpoint != NULL, FALSE);

  if (checkpoint->checkpoint_epoch == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("This model is not a checkpoint: its training finished."));
      return FALSE;
    }
  return fw_trainer_set_start (run->trainer, checkpoint->model, checkpoint->checkpoint_epoch,
                               error);
}

gboolean
fw_training_checkpoint_to_file (FwTrainedModel  *trained,
                                gpointer         file,
                                GError         **error)
{
  gboolean ok = fw_trained_model_save (trained, file, error);

  fw_trained_model_free (trained);
  return ok;
}
