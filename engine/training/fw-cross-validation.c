/* fw-cross-validation.c — k-fold cross-validation of candidate models, and the 1-SE choice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include "fw-cross-validation.h"
#include "fw-mitigation.h"
#include "fw-random.h"
#include "fw-trainer.h"

/* The folds' shuffle draws from its own stream, apart from the split's and the models'. */
#define FOLD_STREAM 0x6b666f6c64ULL

/* How long a fold worker waits for its trainer before looking at the cancellable. */
#define WAIT_US (G_USEC_PER_SEC / 10)

static const char *const metric_keys[FW_CV_N_METRICS] = {
  "accuracy", "balanced_accuracy", "f1", "roc_auc", "rmse", "r2",
};

const char *
fw_cv_metric_key (FwCvMetric metric)
{
  g_return_val_if_fail (metric < FW_CV_N_METRICS, NULL);
  return metric_keys[metric];
}

gboolean
fw_cv_metric_from_key (const char *key,
                       FwCvMetric *metric)
{
  for (guint m = 0; key != NULL && m < FW_CV_N_METRICS; m++)
    if (g_str_equal (key, metric_keys[m]))
      {
        *metric = (FwCvMetric) m;
        return TRUE;
      }
  return FALSE;
}

gboolean
fw_cv_metric_higher_is_better (FwCvMetric metric)
{
  return metric != FW_CV_RMSE;
}

gboolean
fw_cv_metric_fits_task (FwCvMetric metric,
                        FwTask     task)
{
  gboolean numbers = metric == FW_CV_RMSE || metric == FW_CV_R2;

  return metric < FW_CV_N_METRICS && numbers == (task == FW_TASK_REGRESSION);
}

FwCvMetric
fw_cv_default_metric (FwTask task)
{
  return task == FW_TASK_REGRESSION ? FW_CV_RMSE : FW_CV_BALANCED_ACCURACY;
}

guint *
fw_cv_assign_folds (const guint32 *strata,
                    guint          n_strata,
                    gsize          n,
                    guint          k,
                    guint64        seed)
{
  guint *fold_of = g_new (guint, MAX (n, 1));
  g_autofree gsize *members = g_new (gsize, MAX (n, 1));
  guint n_classes = strata != NULL ? MAX (n_strata, 1) : 1;
  guint64 next = 0;
  FwRng rng;

  g_return_val_if_fail (k >= 1, fold_of);

  fw_rng_init_stream (&rng, seed, FOLD_STREAM);
  for (guint c = 0; c < n_classes; c++)
    {
      gsize m = 0;

      for (gsize i = 0; i < n; i++)
        if (strata == NULL || strata[i] == c)
          members[m++] = i;
      /* Fisher–Yates, then deal in turn from where the last class stopped. */
      for (gsize i = m; i > 1; i--)
        {
          gsize j = (gsize) fw_rng_below (&rng, i);
          gsize t = members[i - 1];

          members[i - 1] = members[j];
          members[j] = t;
        }
      for (gsize i = 0; i < m; i++)
        fold_of[members[i]] = (guint) (next++ % k);
    }
  return fold_of;
}

void
fw_cv_mean_sd (const double *values,
               guint         n,
               double       *mean,
               double       *sd)
{
  double sum = 0, squares = 0;
  guint count = 0;

  for (guint i = 0; i < n; i++)
    if (isfinite (values[i]))
      {
        sum += values[i];
        count++;
      }
  *mean = count > 0 ? sum / count : NAN;
  for (guint i = 0; i < n; i++)
    if (isfinite (values[i]))
      squares += (values[i] - *mean) * (values[i] - *mean);
  *sd = count > 1 ? sqrt (squares / (count - 1)) : NAN;
}

guint
fw_cv_model_complexity (const FwModelSpec *spec)
{
  guint units = 0;

  if (spec->kind != FW_MODEL_MLP || spec->n_hidden == 0)
    return 0;
  for (guint i = 0; i < spec->n_hidden; i++)
    units += spec->hidden[i];
  /* Layers first: no width reaches FW_RECIPE_MAX_HIDDEN_WIDTH × FW_RECIPE_MAX_HIDDEN. */
  return spec->n_hidden * 1000000u + units;
}

int
fw_cv_recommend (const FwCvChoice *choices,
                 guint             n,
                 guint             k,
                 gboolean          higher_is_better)
{
  double sign = higher_is_better ? 1.0 : -1.0;
  double se;
  int best = -1, chosen = -1;

  for (guint i = 0; i < n; i++)
    if (isfinite (choices[i].mean) &&
        (best < 0 || sign * choices[i].mean > sign * choices[best].mean))
      best = (int) i;
  if (best < 0)
    return -1;
  se = isfinite (choices[best].sd) && k > 0 ? choices[best].sd / sqrt (k) : 0.0;
  for (guint i = 0; i < n; i++)
    {
      const FwCvChoice *c = &choices[i];

      /* A hair of slack so that a candidate exactly one SE away counts as within. */
      if (!isfinite (c->mean) || sign * (choices[best].mean - c->mean) > se * (1 + 1e-12))
        continue;
      if (chosen < 0 || c->complexity < choices[chosen].complexity ||
          (c->complexity == choices[chosen].complexity &&
           sign * c->mean > sign * choices[chosen].mean))
        chosen = (int) i;
    }
  return chosen;
}

/* One candidate on one fold. */
typedef struct
{
  guint candidate, fold;
} Job;

typedef struct
{
  const FwDataset   *dataset;
  const FwCvOptions *options;
  GCancellable      *cancellable;
  FwCvResult        *result;
  Job               *jobs;
  guint              n_jobs;
  gint               next_job;  /* atomic */

  GMutex             lock;      /* the progress below, and the callback's calls */
  double            *partial;   /* per job: its share done */
  guint              done;
} Run;

/* Into @to, the rows of @from (n_from parts, numbered on from @first in @fold_of, one part
 * after the other) that lie inside @fold, or outside it. */
static void
select_rows (const FwDataset   *d,
             const FwDataPart **from,
             guint              n_from,
             const guint       *fold_of,
             guint              fold,
             gboolean           inside,
             FwDataPart        *to)
{
  gsize n = 0, first = 0;

  for (guint p = 0; p < n_from; first += from[p]->n, p++)
    for (gsize i = 0; i < from[p]->n; i++)
      n += (fold_of[first + i] == fold) == inside;
  to->n = n;
  to->x = g_new (float, MAX (n * d->n_features, 1));
  to->source_rows = g_new (gsize, MAX (n, 1));
  if (d->task == FW_TASK_REGRESSION)
    to->values = g_new (float, MAX (n, 1));
  else
    to->labels = g_new (guint32, MAX (n, 1));
  to->sensitive = d->n_sensitive > 0 ? g_new0 (guint32 *, d->n_sensitive) : NULL;
  for (guint a = 0; a < d->n_sensitive; a++)
    to->sensitive[a] = g_new (guint32, MAX (n, 1));

  n = first = 0;
  for (guint p = 0; p < n_from; first += from[p]->n, p++)
    for (gsize i = 0; i < from[p]->n; i++)
      {
        if ((fold_of[first + i] == fold) != inside)
          continue;
        memcpy (to->x + n * d->n_features, from[p]->x + i * d->n_features,
                d->n_features * sizeof (float));
        to->source_rows[n] = from[p]->source_rows[i];
        if (to->values != NULL)
          to->values[n] = from[p]->values[i];
        else
          to->labels[n] = from[p]->labels[i];
        for (guint a = 0; a < d->n_sensitive; a++)
          to->sensitive[a][n] = from[p]->sensitive[a][i];
        n++;
      }
}

static void
clear_part (FwDataPart *part,
            guint       n_sensitive)
{
  g_free (part->x);
  g_free (part->labels);
  g_free (part->values);
  g_free (part->weights);
  g_free (part->source_rows);
  for (guint a = 0; part->sensitive != NULL && a < n_sensitive; a++)
    g_free (part->sensitive[a]);
  g_free (part->sensitive);
  memset (part, 0, sizeof *part);
}

/* A dataset that borrows everything of @d but its parts: the learning and tuning rows
 * outside @fold teach and tune, the fold (learning rows first) is scored.  Free with
 * fold_dataset_free. */
static FwDataset *
fold_dataset_new (const FwDataset *d,
                  const guint     *fold_of,
                  guint            fold,
                  gboolean         reweigh,
                  GError         **error)
{
  FwDataset *f = g_new (FwDataset, 1);
  const FwDataPart *both[2] = { &d->parts[FW_PART_TRAIN], &d->parts[FW_PART_VALIDATION] };

  *f = *d;
  memset (f->parts, 0, sizeof f->parts);
  select_rows (d, both, 1, fold_of, fold, FALSE, &f->parts[FW_PART_TRAIN]);
  select_rows (d, both + 1, 1, fold_of + both[0]->n, fold, FALSE,
               &f->parts[FW_PART_VALIDATION]);
  select_rows (d, both, 2, fold_of, fold, TRUE, &f->parts[FW_PART_TEST]);

  if (reweigh && d->n_sensitive > 0 && d->task != FW_TASK_REGRESSION)
    {
      FwDataPart *train = &f->parts[FW_PART_TRAIN];
      FwMitigationInput rows = {
        .groups = train->sensitive[0],
        .n_groups = g_strv_length (d->sensitive_groups[0]),
        .labels = train->labels, .n_classes = d->n_classes, .n = train->n,
      };

      train->weights = fw_reweigh_weights (&rows, error);
      if (train->weights == NULL)
        {
          for (guint p = 0; p < FW_N_PARTS; p++)
            clear_part (&f->parts[p], d->n_sensitive);
          g_free (f);
          return NULL;
        }
    }
  return f;
}

static void
fold_dataset_free (FwDataset *f)
{
  if (f == NULL)
    return;
  for (guint p = 0; p < FW_N_PARTS; p++)
    clear_part (&f->parts[p], f->n_sensitive);
  g_free (f);
}

static void
report_progress (Run    *run,
                 guint   job,
                 double  fraction,
                 gboolean finished)
{
  double total = 0;

  g_mutex_lock (&run->lock);
  run->partial[job] = fraction;
  if (finished)
    run->done++;
  for (guint j = 0; j < run->n_jobs; j++)
    total += run->partial[j];
  if (run->options->progress != NULL)
    run->options->progress (total / MAX (run->n_jobs, 1), run->options->progress_data);
  g_mutex_unlock (&run->lock);
}

/* What the trainer measured on the held-out fold, into the candidate's column @fold. */
static void
collect (FwTrainer     *trainer,
         FwCvCandidate *c,
         guint          fold)
{
  const FwClassificationMetrics *m = fw_trainer_get_classification (trainer);
  const FwRegressionMetrics *r = fw_trainer_get_regression (trainer);
  const FwEnergyReading *energy = fw_trainer_get_energy (trainer);
  FwFairness *const *fairness;
  guint n_fairness = 0;

  if (m != NULL)
    {
      c->metrics[FW_CV_ACCURACY][fold] = m->accuracy;
      c->metrics[FW_CV_BALANCED_ACCURACY][fold] = m->balanced_accuracy;
      c->metrics[FW_CV_F1][fold] = m->f1;
      c->metrics[FW_CV_ROC_AUC][fold] = m->roc_auc;
    }
  if (r != NULL)
    {
      c->metrics[FW_CV_RMSE][fold] = r->rmse;
      c->metrics[FW_CV_R2][fold] = r->r2;
    }
  fairness = fw_trainer_get_fairness (trainer, &n_fairness);
  if (fairness != NULL && n_fairness > 0 && fairness[0] != NULL)
    c->fairness_gap[fold] =
      fairness[0]->summaries[fairness[0]->regression ? FW_FAIRNESS_MAE_DIFFERENCE
                                                     : FW_FAIRNESS_DEMOGRAPHIC_PARITY_DIFFERENCE];
  if (energy != NULL)
    c->watt_hours[fold] = energy->joules / 3600.0;
}

/* Trains one candidate on one fold on this thread's trainer; FALSE when cancelled. */
static gboolean
run_job (Run  *run,
         guint j)
{
  const Job *job = &run->jobs[j];
  FwCvCandidate *c = &run->result->candidates[job->candidate];
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTrainer) trainer = NULL;
  FwEnergyOptions energy;
  FwDataset *fold;
  gboolean cancelled = FALSE;

  fold = fold_dataset_new (run->dataset, run->result->fold_of, job->fold, run->options->reweigh,
                           &error);
  if (fold != NULL)
    trainer = fw_trainer_new (fold, &c->spec, run->options->seed, &error);
  if (trainer == NULL)
    {
      g_mutex_lock (&run->lock);
      if (c->error == NULL)
        c->error = g_strdup (error->message);
      g_mutex_unlock (&run->lock);
      fold_dataset_free (fold);
      report_progress (run, j, 1.0, TRUE);
      return TRUE;
    }
  fw_energy_options_init (&energy);
  energy.this_thread_only = TRUE;
  fw_trainer_set_energy_options (trainer, &energy);
  fw_trainer_start (trainer);
  for (;;)
    {
      g_autoptr(FwTrainerEvent) event = fw_trainer_wait_event (trainer, WAIT_US);

      if (!cancelled && g_cancellable_is_cancelled (run->cancellable))
        {
          cancelled = TRUE;
          fw_trainer_stop (trainer);
        }
      if (event == NULL)
        continue;
      if (event->kind == FW_TRAINER_EVENT_PROGRESS && !cancelled)
        report_progress (run, j, CLAMP (event->fraction, 0.0, 0.99), FALSE);
      if (event->kind != FW_TRAINER_EVENT_DONE)
        continue;
      fw_trainer_join (trainer);
      if (cancelled)
        break;
      if (event->outcome == FW_TRAINER_FAILED)
        {
          g_mutex_lock (&run->lock);
          if (c->error == NULL)
            c->error = g_strdup (event->error != NULL ? event->error->message
                                                      : _("Training failed"));
          g_mutex_unlock (&run->lock);
        }
      else
        collect (trainer, c, job->fold);
      break;
    }
  g_clear_pointer (&trainer, fw_trainer_free);
  fold_dataset_free (fold);
  if (!cancelled)
    report_progress (run, j, 1.0, TRUE);
  return !cancelled;
}

static gpointer
worker (gpointer data)
{
  Run *run = data;

  for (;;)
    {
      guint j = (guint) g_atomic_int_add (&run->next_job, 1);

      if (j >= run->n_jobs || g_cancellable_is_cancelled (run->cancellable))
        break;
      if (!run_job (run, j))
        break;
    }
  return NULL;
}

static void
summarise (FwCvCandidate *c,
           guint          k)
{
  for (guint m = 0; m < FW_CV_N_METRICS; m++)
    fw_cv_mean_sd (c->metrics[m], k, &c->mean[m], &c->sd[m]);
  fw_cv_mean_sd (c->fairness_gap, k, &c->gap_mean, &c->gap_sd);
  fw_cv_mean_sd (c->watt_hours, k, &c->watt_hours_mean, &c->watt_hours_sd);
  if (c->error != NULL)
    for (guint m = 0; m < FW_CV_N_METRICS; m++)
      c->mean[m] = c->sd[m] = NAN;
}

FwCvResult *
fw_cross_validate (const FwDataset   *dataset,
                   const FwCvOptions *options,
                   GCancellable      *cancellable,
                   GError           **error)
{
  g_autoptr(FwCvResult) result = NULL;
  g_autofree guint32 *strata = NULL;
  const FwDataPart *learn, *tune;
  guint k, n_workers;
  GThread *threads[2] = { NULL, NULL };
  Run run = { 0 };

  g_return_val_if_fail (dataset != NULL && options != NULL, NULL);
  g_return_val_if_fail (options->n_specs > 0, NULL);

  k = options->k != 0 ? options->k : FW_CV_DEFAULT_FOLDS;
  learn = &dataset->parts[FW_PART_TRAIN];
  tune = &dataset->parts[FW_PART_VALIDATION];
  if (k < 2 || k > FW_CV_MAX_FOLDS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The number of folds must be from 2 to %d, not %u"), FW_CV_MAX_FOLDS, k);
      return NULL;
    }
  if (learn->n + tune->n < 2 * (gsize) k)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Too few rows to learn from for %u folds: %zu"), k,
                   (size_t) (learn->n + tune->n));
      return NULL;
    }

  result = g_new0 (FwCvResult, 1);
  result->task = dataset->task;
  result->k = k;
  result->n_rows = learn->n + tune->n;
  result->source_rows = g_new (gsize, MAX (result->n_rows, 1));
  memcpy (result->source_rows, learn->source_rows, learn->n * sizeof (gsize));
  memcpy (result->source_rows + learn->n, tune->source_rows, tune->n * sizeof (gsize));
  if (dataset->task != FW_TASK_REGRESSION)
    {
      strata = g_new (guint32, MAX (result->n_rows, 1));
      memcpy (strata, learn->labels, learn->n * sizeof (guint32));
      memcpy (strata + learn->n, tune->labels, tune->n * sizeof (guint32));
    }
  result->fold_of = fw_cv_assign_folds (strata, dataset->n_classes, result->n_rows, k,
                                        options->seed);
  result->n_candidates = options->n_specs;
  result->candidates = g_new0 (FwCvCandidate, options->n_specs);
  for (guint c = 0; c < options->n_specs; c++)
    {
      FwCvCandidate *cand = &result->candidates[c];

      cand->spec = options->specs[c];
      cand->spec.device = g_strdup (options->specs[c].device);
      for (guint f = 0; f < FW_CV_MAX_FOLDS; f++)
        {
          for (guint m = 0; m < FW_CV_N_METRICS; m++)
            cand->metrics[m][f] = NAN;
          cand->fairness_gap[f] = cand->watt_hours[f] = NAN;
        }
    }

  run.dataset = dataset;
  run.options = options;
  run.cancellable = cancellable;
  run.result = result;
  run.n_jobs = options->n_specs * k;
  run.jobs = g_new (Job, run.n_jobs);
  run.partial = g_new0 (double, run.n_jobs);
  for (guint c = 0, j = 0; c < options->n_specs; c++)
    for (guint f = 0; f < k; f++, j++)
      run.jobs[j] = (Job) { c, f };
  g_mutex_init (&run.lock);

  n_workers = options->n_workers != 0 ? options->n_workers
                                      : MIN (2, (guint) MAX (g_get_num_processors (), 1));
  n_workers = CLAMP (n_workers, 1, G_N_ELEMENTS (threads));
  for (guint w = 1; w < n_workers; w++)
    threads[w] = g_thread_new ("fairway-fold", worker, &run);
  worker (&run);
  for (guint w = 1; w < n_workers; w++)
    g_thread_join (threads[w]);

  g_mutex_clear (&run.lock);
  g_free (run.jobs);
  g_free (run.partial);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  for (guint c = 0; c < result->n_candidates; c++)
    summarise (&result->candidates[c], k);
  return g_steal_pointer (&result);
}

int
fw_cv_result_recommend (const FwCvResult *result,
                        FwCvMetric        metric)
{
  g_autofree FwCvChoice *choices = NULL;

  g_return_val_if_fail (result != NULL && metric < FW_CV_N_METRICS, -1);

  choices = g_new (FwCvChoice, MAX (result->n_candidates, 1));
  for (guint c = 0; c < result->n_candidates; c++)
    choices[c] = (FwCvChoice) {
      .mean = result->candidates[c].mean[metric],
      .sd = result->candidates[c].sd[metric],
      .complexity = fw_cv_model_complexity (&result->candidates[c].spec),
    };
  return fw_cv_recommend (choices, result->n_candidates, result->k,
                          fw_cv_metric_higher_is_better (metric));
}

void
fw_cv_result_free (FwCvResult *result)
{
  if (result == NULL)
    return;
  for (guint c = 0; c < result->n_candidates; c++)
    {
      g_free (result->candidates[c].spec.device);
      g_free (result->candidates[c].error);
    }
  g_free (result->candidates);
  g_free (result->fold_of);
  g_free (result->source_rows);
  g_free (result);
}
