/* fw-model-compare.c — trains candidate models one after another and ranks them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include "fw-mitigation.h"
#include "fw-model-compare.h"
#include "fw-trainer.h"

/* How often the trainer's queue is drained: often enough for a smooth progress bar. */
#define POLL_MS 50

struct _FwModelCompare
{
  GObject       parent_instance;

  FwTableModel *table_model;
  FwRecipe     *recipe;
  FwDataset    *dataset;
  FwTask        task;           /* resolved once the data is prepared */
  GPtrArray    *results;        /* FwCompareResult* */
  guint         current;        /* the candidate training now */
  FwTrainer    *trainer;
  guint         poll_id;
  double        fraction;
  char         *status;
  gboolean      running;
  gboolean      cancelled;
};

enum {
  PROP_0,
  PROP_FRACTION,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (FwModelCompare, fw_model_compare, G_TYPE_OBJECT)

static const FwCompareMetric classification_metrics[] = {
  FW_COMPARE_ACCURACY, FW_COMPARE_BALANCED_ACCURACY, FW_COMPARE_F1, FW_COMPARE_ROC_AUC,
};
static const FwCompareMetric regression_metrics[] = { FW_COMPARE_RMSE, FW_COMPARE_R2 };

const FwCompareMetric *
fw_compare_metrics_for_task (FwTask  task,
                             guint  *n)
{
  if (task == FW_TASK_REGRESSION)
    {
      *n = G_N_ELEMENTS (regression_metrics);
      return regression_metrics;
    }
  *n = G_N_ELEMENTS (classification_metrics);
  return classification_metrics;
}

const char *
fw_compare_metric_label (FwCompareMetric metric)
{
  switch (metric)
    {
    case FW_COMPARE_ACCURACY:          return _("Accuracy");
    case FW_COMPARE_BALANCED_ACCURACY: return _("Balanced accuracy");
    case FW_COMPARE_F1:                return _("F1 score");
    case FW_COMPARE_ROC_AUC:           return _("ROC AUC");
    case FW_COMPARE_RMSE:              return _("Typical error (RMSE)");
    case FW_COMPARE_R2:                return _("Variation explained (R²)");
    case FW_COMPARE_N_METRICS:
    default:                           g_return_val_if_reached (NULL);
    }
}

gboolean
fw_compare_metric_higher_is_better (FwCompareMetric metric)
{
  return metric != FW_COMPARE_RMSE;
}

static void
result_free (gpointer data)
{
  FwCompareResult *result = data;

  g_free (result->name);
  g_free (result->spec.device);
  g_free (result->error);
  g_free (result);
}

static void
add_candidate (FwModelCompare *self,
               char           *name,
               FwModelKind     kind,
               guint           n_hidden)
{
  FwCompareResult *result = g_new0 (FwCompareResult, 1);

  result->name = name;
  result->spec = self->recipe->model;
  result->spec.device = g_strdup (self->recipe->model.device);
  result->spec.kind = kind;
  result->spec.n_hidden = n_hidden;
  for (guint i = 0; i < n_hidden; i++)
    result->spec.hidden[i] = 64;
  result->spec.learning_rate = fw_model_kind_default_learning_rate (kind);
  for (guint m = 0; m < FW_COMPARE_N_METRICS; m++)
    result->metrics[m] = NAN;
  result->fairness_gap = NAN;
  result->watt_hours = NAN;
  g_ptr_array_add (self->results, result);
}

static void
set_fraction (FwModelCompare *self,
              double          fraction)
{
  self->fraction = CLAMP (fraction, 0.0, 1.0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

static void
finish (FwModelCompare *self)
{
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_pointer (&self->trainer, fw_trainer_free);
  g_clear_pointer (&self->dataset, fw_dataset_free);
  self->running = FALSE;
  g_clear_pointer (&self->status, g_free);
  g_signal_emit (self, signals[FINISHED], 0);
}

/* What the trainer measured, into the candidate's result. */
static void
collect (FwModelCompare  *self,
         FwCompareResult *result)
{
  const FwClassificationMetrics *c = fw_trainer_get_classification (self->trainer);
  const FwRegressionMetrics *r = fw_trainer_get_regression (self->trainer);
  const FwEnergyReading *energy = fw_trainer_get_energy (self->trainer);
  FwFairness *const *fairness;
  guint n_fairness = 0;

  if (c != NULL)
    {
      result->metrics[FW_COMPARE_ACCURACY] = c->accuracy;
      result->metrics[FW_COMPARE_BALANCED_ACCURACY] = c->balanced_accuracy;
      result->metrics[FW_COMPARE_F1] = c->f1;
      result->metrics[FW_COMPARE_ROC_AUC] = c->roc_auc;
    }
  if (r != NULL)
    {
      result->metrics[FW_COMPARE_RMSE] = r->rmse;
      result->metrics[FW_COMPARE_R2] = r->r2;
    }
  fairness = fw_trainer_get_fairness (self->trainer, &n_fairness);
  if (fairness != NULL && n_fairness > 0)
    result->fairness_gap =
      fairness[0]->summaries[fairness[0]->regression ? FW_FAIRNESS_MAE_DIFFERENCE
                                                     : FW_FAIRNESS_DEMOGRAPHIC_PARITY_DIFFERENCE];
  if (energy != NULL)
    result->watt_hours = energy->joules / 3600.0;
}

static void start_candidate (FwModelCompare *self);

static gboolean
poll_trainer (gpointer data)
{
  FwModelCompare *self = data;
  FwCompareResult *result = g_ptr_array_index (self->results, self->current);
  guint n = self->results->len;
  FwTrainerEvent *event;

  while ((event = fw_trainer_pop_event (self->trainer)) != NULL)
    {
      gboolean done = event->kind == FW_TRAINER_EVENT_DONE;

      if (event->kind == FW_TRAINER_EVENT_PROGRESS)
        set_fraction (self, (self->current + event->fraction) / n);
      if (done)
        {
          fw_trainer_join (self->trainer);
          if (event->outcome == FW_TRAINER_FAILED)
            result->error = g_strdup (event->error != NULL ? event->error->message
                                                           : _("Training failed"));
          else
            collect (self, result);
          result->done = TRUE;
        }
      fw_trainer_event_free (event);
      if (done)
        {
          g_clear_pointer (&self->trainer, fw_trainer_free);
          self->current++;
          set_fraction (self, (double) self->current / n);
          if (self->current < n)
            start_candidate (self);
          else
            {
              self->poll_id = 0;
              finish (self);
              return G_SOURCE_REMOVE;
            }
        }
    }
  return G_SOURCE_CONTINUE;
}

/* Starts the current candidate; one that cannot even start is recorded as failed. */
static void
start_candidate (FwModelCompare *self)
{
  while (self->current < self->results->len)
    {
      FwCompareResult *result = g_ptr_array_index (self->results, self->current);
      g_autoptr(GError) error = NULL;

      g_free (self->status);
      /* Translators: "Training 2 of 3: Neural network (64)". */
      self->status = g_strdup_printf (_("Training %u of %u: %s"), self->current + 1,
                                      self->results->len, result->name);
      self->trainer = fw_trainer_new (self->dataset, &result->spec, self->recipe->seed, &error);
      if (self->trainer != NULL)
        {
          fw_trainer_start (self->trainer);
          return;
        }
      result->error = g_strdup (error->message);
      result->done = TRUE;
      self->current++;
    }
}

static void
fw_model_compare_dispose (GObject *object)
{
  FwModelCompare *self = FW_MODEL_COMPARE (object);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_pointer (&self->trainer, fw_trainer_free);
  g_clear_pointer (&self->dataset, fw_dataset_free);
  g_clear_object (&self->table_model);

  G_OBJECT_CLASS (fw_model_compare_parent_class)->dispose (object);
}

static void
fw_model_compare_finalize (GObject *object)
{
  FwModelCompare *self = FW_MODEL_COMPARE (object);

  fw_recipe_free (self->recipe);
  g_ptr_array_unref (self->results);
  g_free (self->status);

  G_OBJECT_CLASS (fw_model_compare_parent_class)->finalize (object);
}

static void
fw_model_compare_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FwModelCompare *self = FW_MODEL_COMPARE (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_model_compare_class_init (FwModelCompareClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fw_model_compare_dispose;
  object_class->finalize = fw_model_compare_finalize;
  object_class->get_property = fw_model_compare_get_property;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FwModelCompare::finished:
   *
   * Every candidate is done, or the run was cancelled.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
fw_model_compare_init (FwModelCompare *self)
{
  self->results = g_ptr_array_new_with_free_func (result_free);
}

FwModelCompare *
fw_model_compare_new (FwTableModel   *table_model,
                      const FwRecipe *recipe)
{
  FwModelCompare *self;

  g_return_val_if_fail (FW_IS_TABLE_MODEL (table_model), NULL);
  g_return_val_if_fail (recipe != NULL, NULL);

  self = g_object_new (FW_TYPE_MODEL_COMPARE, NULL);
  self->table_model = g_object_ref (table_model);
  self->recipe = fw_recipe_copy (recipe);
  return self;
}

gboolean
fw_model_compare_start (FwModelCompare  *self,
                        GError         **error)
{
  FwDataPart *train;

  g_return_val_if_fail (FW_IS_MODEL_COMPARE (self), FALSE);
  g_return_val_if_fail (!self->running && self->results->len == 0, FALSE);

  /* On this thread: only the importer and the trainers leave it. */
  self->dataset = fw_dataset_prepare (fw_table_model_get_table (self->table_model), self->recipe,
                                      NULL, error);
  if (self->dataset == NULL)
    return FALSE;
  self->task = self->dataset->task;
  /* Kamiran–Calders weights by the first sensitive column, the same for every candidate. */
  train = &self->dataset->parts[FW_PART_TRAIN];
  if (g_strcmp0 (self->recipe->mitigation, "reweigh") == 0 && self->dataset->n_sensitive > 0 &&
      self->dataset->task != FW_TASK_REGRESSION)
    {
      FwMitigationInput rows = {
        .groups = train->sensitive[0],
        .n_groups = g_strv_length (self->dataset->sensitive_groups[0]),
        .labels = train->labels, .n_classes = self->dataset->n_classes, .n = train->n,
      };

      train->weights = fw_reweigh_weights (&rows, error);
      if (train->weights == NULL)
        {
          g_clear_pointer (&self->dataset, fw_dataset_free);
          return FALSE;
        }
    }

  if (self->dataset->task == FW_TASK_REGRESSION)
    add_candidate (self, g_strdup (_("Linear regression")), FW_MODEL_LINEAR, 0);
  else
    add_candidate (self, g_strdup (_("Logistic regression")), FW_MODEL_LOGISTIC, 0);
  add_candidate (self, g_strdup (_("Neural network, one layer of 64")), FW_MODEL_MLP, 1);
  add_candidate (self, g_strdup (_("Neural network, two layers of 64")), FW_MODEL_MLP, 2);

  self->running = TRUE;
  self->current = 0;
  set_fraction (self, 0.0);
  start_candidate (self);
  if (self->trainer == NULL)
    {
      finish (self);
      return TRUE;
    }
  self->poll_id = g_timeout_add (POLL_MS, poll_trainer, self);
  return TRUE;
}

void
fw_model_compare_cancel (FwModelCompare *self)
{
  g_return_if_fail (FW_IS_MODEL_COMPARE (self));

  if (!self->running)
    return;
  self->cancelled = TRUE;
  if (self->trainer != NULL)
    fw_trainer_stop (self->trainer);
  /* Nothing half-measured is kept. */
  g_ptr_array_set_size (self->results, 0);
  finish (self);
}

gboolean
fw_model_compare_is_running (FwModelCompare *self)
{
  g_return_val_if_fail (FW_IS_MODEL_COMPARE (self), FALSE);
  return self->running;
}

gboolean
fw_model_compare_was_cancelled (FwModelCompare *self)
{
  g_return_val_if_fail (FW_IS_MODEL_COMPARE (self), FALSE);
  return self->cancelled;
}

FwTask
fw_model_compare_get_task (FwModelCompare *self)
{
  g_return_val_if_fail (FW_IS_MODEL_COMPARE (self), FW_TASK_AUTO);
  return self->task;
}

double
fw_model_compare_get_fraction (FwModelCompare *self)
{
  g_return_val_if_fail (FW_IS_MODEL_COMPARE (self), 0.0);
  return self->fraction;
}

const char *
fw_model_compare_get_status (FwModelCompare *self)
{
  g_return_val_if_fail (FW_IS_MODEL_COMPARE (self), NULL);
  return self->status;
}

GPtrArray *
fw_model_compare_get_results (FwModelCompare *self)
{
  g_return_val_if_fail (FW_IS_MODEL_COMPARE (self), NULL);
  return self->results;
}

static int
compare_ranked (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  const double *values = data;
  double x = values[*(const guint *) a], y = values[*(const guint *) b];

  /* Unmeasured last; otherwise larger first (values are negated where lower is better). */
  if (isnan (x) || isnan (y))
    return isnan (x) - isnan (y);
  return (x < y) - (x > y);
}

guint *
fw_model_compare_rank (FwModelCompare  *self,
                       FwCompareMetric  metric)
{
  guint n;
  g_autofree double *values = NULL;
  guint *order;

  g_return_val_if_fail (FW_IS_MODEL_COMPARE (self), NULL);
  g_return_val_if_fail (metric < FW_COMPARE_N_METRICS, NULL);

  n = self->results->len;
  values = g_new (double, MAX (n, 1));
  order = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const FwCompareResult *result = g_ptr_array_index (self->results, i);
      double v = result->error == NULL ? result->metrics[metric] : NAN;

      values[i] = fw_compare_metric_higher_is_better (metric) ? v : -v;
      order[i] = i;
    }
  /* g_qsort_with_data is a stable merge sort: ties keep the training order. */
  g_qsort_with_data (order, n, sizeof (guint), compare_ranked, values);
  return order;
}
