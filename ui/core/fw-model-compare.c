/* fw-model-compare.c — k-fold cross-validation of candidate models, ranked, off the main loop
 *
 * The run lives in a Job that the worker and the idles share, apart from the
 * FwModelCompare: a cancelled comparison forgets its job at once (and can be finalised)
 * while the worker winds down and drops it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include "fw-dataset.h"
#include "fw-model-compare.h"

typedef struct
{
  gatomicrefcount  ref;
  GWeakRef         owner;       /* the FwModelCompare, while it still wants this job */
  FwTableModel    *table_model;
  FwRecipe        *recipe;
  GCancellable    *cancellable;
  guint            k;

  GMutex           lock;        /* the progress below */
  double           fraction;
  gboolean         progress_queued;
  gboolean         prepared;

  /* Set by the worker before it returns; read in the callback. */
  FwTask           task;
  char           **names;       /* per candidate, translated */
  FwCvResult      *result;
  GError          *error;
} Job;

struct _FwModelCompare
{
  GObject       parent_instance;

  FwTableModel *table_model;
  FwRecipe     *recipe;
  FwTask        task;           /* resolved once the data is prepared */
  GPtrArray    *results;        /* FwCompareResult* */
  guint         k;
  Job          *job;            /* the run now; NULL when none */
  GError       *error;
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

/* The default first, accuracy last: it flatters always answering the common class. */
static const FwCompareMetric classification_metrics[] = {
  FW_COMPARE_BALANCED_ACCURACY, FW_COMPARE_ROC_AUC, FW_COMPARE_F1, FW_COMPARE_ACCURACY,
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
  return fw_cv_metric_higher_is_better ((FwCvMetric) metric);
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

static Job *
job_ref (Job *job)
{
  g_atomic_ref_count_inc (&job->ref);
  return job;
}

static void
job_unref (gpointer data)
{
  Job *job = data;

  if (!g_atomic_ref_count_dec (&job->ref))
    return;
  g_weak_ref_clear (&job->owner);
  g_clear_object (&job->table_model);
  fw_recipe_free (job->recipe);
  g_clear_object (&job->cancellable);
  g_mutex_clear (&job->lock);
  g_strfreev (job->names);
  fw_cv_result_free (job->result);
  g_clear_error (&job->error);
  g_free (job);
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
  g_clear_pointer (&self->job, job_unref);
  self->running = FALSE;
  g_clear_pointer (&self->status, g_free);
  g_signal_emit (self, signals[FINISHED], 0);
}

/* On the main loop: the worker's latest fraction, once prepared the status too. */
static gboolean
progress_idle (gpointer data)
{
  Job *job = data;
  g_autoptr(FwModelCompare) self = g_weak_ref_get (&job->owner);
  double fraction;
  gboolean prepared;

  g_mutex_lock (&job->lock);
  job->progress_queued = FALSE;
  fraction = job->fraction;
  prepared = job->prepared;
  g_mutex_unlock (&job->lock);
  if (self == NULL || self->job != job)
    return G_SOURCE_REMOVE;
  if (prepared && job->names != NULL)
    {
      g_free (self->status);
      /* Translators: "Comparing 3 models on 5 folds each". */
      self->status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "Comparing %u models on %u fold each",
                                                   "Comparing %u models on %u folds each",
                                                   job->k),
                                      g_strv_length (job->names), job->k);
    }
  set_fraction (self, fraction);
  return G_SOURCE_REMOVE;
}

/* On a worker: coalesced into at most one pending idle. */
static void
job_progress (double   fraction,
              gpointer data)
{
  Job *job = data;

  g_mutex_lock (&job->lock);
  job->fraction = fraction;
  job->prepared = TRUE;
  if (!job->progress_queued)
    {
      job->progress_queued = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT, progress_idle, job_ref (job), job_unref);
    }
  g_mutex_unlock (&job->lock);
}

static void
add_candidate (GArray         *specs,
               GPtrArray      *names,
               const FwRecipe *recipe,
               char           *name,
               FwModelKind     kind,
               guint           n_hidden)
{
  FwModelSpec spec = recipe->model;

  spec.kind = kind;
  spec.n_hidden = n_hidden;
  for (guint i = 0; i < n_hidden; i++)
    spec.hidden[i] = 64;
  spec.learning_rate = fw_model_kind_default_learning_rate (kind);
  g_array_append_val (specs, spec);
  g_ptr_array_add (names, name);
}

static void
job_thread (GTask        *task,
            gpointer      source,
            gpointer      data,
            GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(FwDataset) dataset = NULL;
  g_autoptr(GArray) specs = g_array_new (FALSE, FALSE, sizeof (FwModelSpec));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  FwCvOptions options = { 0 };

  dataset = fw_dataset_prepare (fw_table_model_get_table (job->table_model), job->recipe,
                                cancellable, &job->error);
  if (dataset == NULL)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }
  job->task = dataset->task;
  if (dataset->task == FW_TASK_REGRESSION)
    add_candidate (specs, names, job->recipe, g_strdup (_("Linear regression")), FW_MODEL_LINEAR,
                   0);
  else
    add_candidate (specs, names, job->recipe, g_strdup (_("Logistic regression")),
                   FW_MODEL_LOGISTIC, 0);
  add_candidate (specs, names, job->recipe, g_strdup (_("Neural network, one layer of 64")),
                 FW_MODEL_MLP, 1);
  add_candidate (specs, names, job->recipe, g_strdup (_("Neural network, two layers of 64")),
                 FW_MODEL_MLP, 2);
  g_ptr_array_add (names, NULL);
  job->names = (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
  job_progress (0.0, job);

  options.specs = (const FwModelSpec *) specs->data;
  options.n_specs = specs->len;
  options.k = job->k;
  options.seed = job->recipe->seed;
  options.reweigh = g_strcmp0 (job->recipe->mitigation, "reweigh") == 0;
  options.progress = job_progress;
  options.progress_data = job;
  job->result = fw_cross_validate (dataset, &options, cancellable, &job->error);
  g_task_return_boolean (task, job->result != NULL);
}

static FwCompareResult *
result_new (const FwCvCandidate *c,
            const char          *name,
            guint                k)
{
  FwCompareResult *result = g_new0 (FwCompareResult, 1);

  result->name = g_strdup (name);
  result->spec = c->spec;
  result->spec.device = g_strdup (c->spec.device);
  result->done = TRUE;
  result->error = g_strdup (c->error);
  result->n_folds = k;
  memcpy (result->metrics, c->mean, sizeof result->metrics);
  memcpy (result->sd, c->sd, sizeof result->sd);
  memcpy (result->folds, c->metrics, sizeof result->folds);
  result->fairness_gap = c->gap_mean;
  result->fairness_gap_sd = c->gap_sd;
  result->watt_hours = c->watt_hours_mean;
  result->watt_hours_sd = c->watt_hours_sd;
  return result;
}

/* On the main loop, when the worker is done: the results, unless the run was dropped. */
static void
job_done (GObject      *source,
          GAsyncResult *res,
          gpointer      data)
{
  Job *job = data;
  g_autoptr(FwModelCompare) self = g_weak_ref_get (&job->owner);

  if (self == NULL || self->job != job)
    {
      job_unref (job);
      return;
    }
  self->task = job->task;
  if (job->result != NULL)
    for (guint c = 0; c < job->result->n_candidates; c++)
      g_ptr_array_add (self->results, result_new (&job->result->candidates[c], job->names[c],
                                                  job->result->k));
  else if (job->error != NULL)
    self->error = g_error_copy (job->error);
  job_unref (job);
  set_fraction (self, 1.0);
  finish (self);
}

static void
fw_model_compare_dispose (GObject *object)
{
  FwModelCompare *self = FW_MODEL_COMPARE (object);

  if (self->job != NULL)
    g_cancellable_cancel (self->job->cancellable);
  g_clear_pointer (&self->job, job_unref);
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
  g_clear_error (&self->error);

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
   * Every candidate is done, the run was cancelled, or the data could not be prepared
   * (fw_model_compare_get_error).
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
fw_model_compare_init (FwModelCompare *self)
{
  self->results = g_ptr_array_new_with_free_func (result_free);
  self->k = FW_CV_DEFAULT_FOLDS;
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
  const FwTable *table;
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_val_if_fail (FW_IS_MODEL_COMPARE (self), FALSE);
  g_return_val_if_fail (!self->running && self->results->len == 0, FALSE);

  /* What can be said at once; the rest (preparing the rows) waits for the worker. */
  table = fw_table_model_get_table (self->table_model);
  if (!fw_recipe_validate (self->recipe, error))
    return FALSE;
  if (self->recipe->target == NULL || fw_table_column_index (table, self->recipe->target) < 0)
    {
      g_set_error_literal (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_TARGET,
                           _("Choose the column to predict first"));
      return FALSE;
    }

  job = g_new0 (Job, 1);
  g_atomic_ref_count_init (&job->ref);
  g_weak_ref_init (&job->owner, self);
  job->table_model = g_object_ref (self->table_model);
  job->recipe = fw_recipe_copy (self->recipe);
  job->cancellable = g_cancellable_new ();
  job->k = self->k;
  g_mutex_init (&job->lock);
  self->job = job;
  self->running = TRUE;
  g_clear_error (&self->error);
  self->status = g_strdup (_("Preparing the data"));
  set_fraction (self, 0.0);

  task = g_task_new (NULL, job->cancellable, job_done, job_ref (job));
  g_task_set_source_tag (task, fw_model_compare_start);
  g_task_set_task_data (task, job_ref (job), job_unref);
  g_task_run_in_thread (task, job_thread);
  return TRUE;
}

void
fw_model_compare_cancel (FwModelCompare *self)
{
  g_return_if_fail (FW_IS_MODEL_COMPARE (self));

  if (!self->running)
    return;
  self->cancelled = TRUE;
  /* The worker stops every fold within a tenth of a second, then drops the job. */
  g_cancellable_cancel (self->job->cancellable);
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

const GError *
fw_model_compare_get_error (FwModelCompare *self)
{
  g_return_val_if_fail (FW_IS_MODEL_COMPARE (self), NULL);
  return self->error;
}

guint
fw_model_compare_get_folds (FwModelCompare *self)
{
  g_return_val_if_fail (FW_IS_MODEL_COMPARE (self), 0);
  return self->k;
}

void
fw_model_compare_set_folds (FwModelCompare *self,
                            guint           k)
{
  g_return_if_fail (FW_IS_MODEL_COMPARE (self));
  g_return_if_fail (k >= 2 && k <= FW_CV_MAX_FOLDS);
  g_return_if_fail (!self->running);
  self->k = k;
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

int
fw_model_compare_recommend (FwModelCompare  *self,
                            FwCompareMetric  metric)
{
  g_autofree FwCvChoice *choices = NULL;
  guint n;

  g_return_val_if_fail (FW_IS_MODEL_COMPARE (self), -1);
  g_return_val_if_fail (metric < FW_COMPARE_N_METRICS, -1);

  n = self->results->len;
  choices = g_new (FwCvChoice, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const FwCompareResult *result = g_ptr_array_index (self->results, i);

      choices[i] = (FwCvChoice) {
        .mean = result->error == NULL ? result->metrics[metric] : NAN,
        .sd = result->sd[metric],
        .complexity = fw_cv_model_complexity (&result->spec),
      };
    }
  return fw_cv_recommend (choices, n, self->k, fw_compare_metric_higher_is_better (metric));
}
