/* test-model-compare.c — the compare job: candidates cross-validated on a worker, ranked
 * best first by the metric asked for, the simplest within one standard error recommended;
 * cancel keeps nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include "fw-core-test.h"
#include "fw-compare-text.h"
#include "fw-model-compare.h"

#define SAMPLE_ROWS 800

typedef struct
{
  FwSession      *session;
  FwModelCompare *compare;
  guint           n_finished;
  GArray         *fractions;    /* double */
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GFile) csv = fw_core_test_write_sample ("loans.csv", SAMPLE_ROWS);

  fixture->session = fw_session_new ();
  fixture->fractions = g_array_new (FALSE, FALSE, sizeof (double));
  fw_core_test_open (fixture->session, csv);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->compare != NULL)
    g_assert_finalize_object (fixture->compare);
  g_array_unref (fixture->fractions);
  g_assert_finalize_object (fixture->session);
}

/* The suggested recipe predicting @target, with "sex" measured, @epochs long. */
static void
set_recipe (Fixture    *fixture,
            const char *target,
            guint       epochs)
{
  g_autoptr(FwRecipe) recipe = NULL;
  g_autoptr(GError) error = NULL;

  recipe = fw_recipe_new_suggested (fw_session_get_table (fixture->session),
                                    fw_session_get_profile (fixture->session), target, &error);
  g_assert_no_error (error);
  g_ptr_array_add (recipe->sensitive, g_strdup ("sex"));
  recipe->model.epochs = epochs;
  fw_session_set_recipe (fixture->session, recipe);
}

static void
finished_cb (FwModelCompare *compare,
             gpointer        data)
{
  Fixture *fixture = data;

  g_assert_false (fw_model_compare_is_running (compare));
  fixture->n_finished++;
}

static void
fraction_cb (FwModelCompare *compare,
             GParamSpec     *pspec,
             gpointer        data)
{
  Fixture *fixture = data;
  double fraction = fw_model_compare_get_fraction (compare);

  g_array_append_val (fixture->fractions, fraction);
}

static gboolean
is_finished (gpointer data)
{
  return ((Fixture *) data)->n_finished > 0;
}

static void
start (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->compare = fw_model_compare_new (fw_session_get_table_model (fixture->session),
                                           fw_session_get_recipe (fixture->session));
  g_signal_connect (fixture->compare, "finished", G_CALLBACK (finished_cb), fixture);
  g_signal_connect (fixture->compare, "notify::fraction", G_CALLBACK (fraction_cb), fixture);
  g_assert_cmpint (fw_model_compare_get_task (fixture->compare), ==, FW_TASK_AUTO);
  g_assert_true (fw_model_compare_start (fixture->compare, &error));
  g_assert_no_error (error);
  g_assert_true (fw_model_compare_is_running (fixture->compare));
}

/* @order is a permutation of the results, best first by @metric as this test sees it:
 * higher first, or lower first for an error; unmeasured ones last. */
static void
assert_ranked (FwModelCompare  *compare,
               FwCompareMetric  metric)
{
  GPtrArray *results = fw_model_compare_get_results (compare);
  g_autofree guint *order = fw_model_compare_rank (compare, metric);
  g_autofree gboolean *seen = g_new0 (gboolean, results->len);
  gboolean lower_better = metric == FW_COMPARE_RMSE;

  for (guint i = 0; i < results->len; i++)
    {
      g_assert_cmpuint (order[i], <, results->len);
      g_assert_false (seen[order[i]]);
      seen[order[i]] = TRUE;
    }
  for (guint i = 1; i < results->len; i++)
    {
      const FwCompareResult *a = g_ptr_array_index (results, order[i - 1]);
      const FwCompareResult *b = g_ptr_array_index (results, order[i]);
      double x = a->metrics[metric], y = b->metrics[metric];

      if (isnan (x))
        g_assert_true (isnan (y));
      else if (!isnan (y))
        {
          g_assert_true (lower_better ? x <= y : x >= y);
          /* Ties keep the training order. */
          if (x == y)
            g_assert_cmpuint (order[i - 1], <, order[i]);
        }
    }
}

/* Five folds each, whose mean and sample sd are the figures shown. */
static void
assert_summaries (FwModelCompare *compare)
{
  GPtrArray *results = fw_model_compare_get_results (compare);

  g_assert_cmpuint (fw_model_compare_get_folds (compare), ==, 5);
  for (guint i = 0; i < results->len; i++)
    {
      const FwCompareResult *result = g_ptr_array_index (results, i);

      g_assert_cmpuint (result->n_folds, ==, 5);
      for (guint m = 0; m < FW_COMPARE_N_METRICS; m++)
        {
          double sum = 0, squares = 0, mean;

          if (isnan (result->folds[m][0]))
            {
              g_assert_true (isnan (result->metrics[m]));
              continue;
            }
          for (guint f = 0; f < 5; f++)
            sum += result->folds[m][f];
          mean = sum / 5;
          for (guint f = 0; f < 5; f++)
            squares += (result->folds[m][f] - mean) * (result->folds[m][f] - mean);
          g_assert_cmpfloat_with_epsilon (result->metrics[m], mean, 1e-12);
          g_assert_cmpfloat_with_epsilon (result->sd[m], sqrt (squares / 4), 1e-12);
        }
      g_assert_cmpfloat (result->fairness_gap_sd, >=, 0.0);
      g_assert_cmpfloat (result->watt_hours, >=, 0.0);
      g_assert_cmpfloat (result->watt_hours_sd, >=, 0.0);
    }
}

/* The one-standard-error rule, written out again: the candidates are in order of
 * simplicity (logistic or linear, one layer, two layers), so the first within one SE of
 * the best mean. */
static void
assert_recommended (FwModelCompare  *compare,
                    FwCompareMetric  metric)
{
  GPtrArray *results = fw_model_compare_get_results (compare);
  double sign = fw_compare_metric_higher_is_better (metric) ? 1 : -1;
  const FwCompareResult *best = NULL;
  int expected = -1;

  for (guint i = 0; i < results->len; i++)
    {
      const FwCompareResult *r = g_ptr_array_index (results, i);

      if (best == NULL || sign * r->metrics[metric] > sign * best->metrics[metric])
        best = r;
    }
  for (guint i = 0; i < results->len && expected < 0; i++)
    {
      const FwCompareResult *r = g_ptr_array_index (results, i);

      if (sign * (best->metrics[metric] - r->metrics[metric]) <= best->sd[metric] / sqrt (5))
        expected = (int) i;
    }
  g_assert_cmpint (expected, >=, 0);
  g_assert_cmpint (fw_model_compare_recommend (compare, metric), ==, expected);
}

static void
test_classification (Fixture       *fixture,
                     gconstpointer  data)
{
  const FwCompareMetric *metrics;
  GPtrArray *results;
  double last = 0;
  guint n;

  set_recipe (fixture, "approved", 10);
  start (fixture);
  fw_core_test_wait (is_finished, fixture, "the comparison to finish");
  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_false (fw_model_compare_was_cancelled (fixture->compare));
  g_assert_cmpint (fw_model_compare_get_task (fixture->compare), ==, FW_TASK_BINARY);

  /* The progress only goes forward, and ends whole. */
  for (guint i = 0; i < fixture->fractions->len; i++)
    {
      double f = g_array_index (fixture->fractions, double, i);

      g_assert_cmpfloat (f, >=, last);
      last = f;
    }
  g_assert_cmpfloat (fw_model_compare_get_fraction (fixture->compare), ==, 1.0);

  /* The recipe's kind of model and two networks, each trained with the recipe's settings. */
  results = fw_model_compare_get_results (fixture->compare);
  g_assert_cmpuint (results->len, ==, 3);
  for (guint i = 0; i < results->len; i++)
    {
      const FwCompareResult *result = g_ptr_array_index (results, i);

      g_assert_true (result->done);
      g_assert_null (result->error);
      g_assert_cmpuint (result->spec.epochs, ==, 10);
      g_assert_cmpfloat (result->metrics[FW_COMPARE_ACCURACY], >, 0.5);
      g_assert_cmpfloat (result->metrics[FW_COMPARE_ACCURACY], <=, 1.0);
      g_assert_cmpfloat (result->metrics[FW_COMPARE_ROC_AUC], >, 0.5);
      g_assert_true (isnan (result->metrics[FW_COMPARE_RMSE]));
      /* Selection rates of women and men differ in this sample, by design. */
      g_assert_cmpfloat (result->fairness_gap, >, 0.0);
      g_assert_cmpfloat (result->fairness_gap, <=, 1.0);
    }
  g_assert_cmpint (((FwCompareResult *) g_ptr_array_index (results, 0))->spec.kind, ==,
                   FW_MODEL_LOGISTIC);
  g_assert_cmpuint (((FwCompareResult *) g_ptr_array_index (results, 2))->spec.n_hidden, ==, 2);
  assert_summaries (fixture->compare);
  assert_recommended (fixture->compare, FW_COMPARE_BALANCED_ACCURACY);
  assert_recommended (fixture->compare, FW_COMPARE_ACCURACY);

  /* Balanced accuracy by default; accuracy only when picked, last. */
  metrics = fw_compare_metrics_for_task (FW_TASK_BINARY, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpint (metrics[0], ==, FW_COMPARE_BALANCED_ACCURACY);
  g_assert_cmpint (metrics[3], ==, FW_COMPARE_ACCURACY);
  for (guint m = 0; m < n; m++)
    {
      g_assert_nonnull (fw_compare_metric_label (metrics[m]));
      g_assert_true (fw_compare_metric_higher_is_better (metrics[m]));
      assert_ranked (fixture->compare, metrics[m]);
    }

  /* Figures set by hand: a shaky best (83 % ± 6.08) leaves the one-layer network (81 %)
   * within one standard error (6.08 / √5 = 2.72 points), but not logistic regression
   * (80 %), so the simpler network is recommended, and says why. */
  {
    const double means[3] = { 0.80, 0.81, 0.83 }, sds[3] = { 0.0158, 0.0158, 0.0608 };
    g_autofree char *reason = NULL;
    g_autofree char *shown = NULL;

    for (guint i = 0; i < 3; i++)
      {
        FwCompareResult *r = g_ptr_array_index (results, i);

        r->metrics[FW_COMPARE_BALANCED_ACCURACY] = means[i];
        r->sd[FW_COMPARE_BALANCED_ACCURACY] = sds[i];
      }
    g_assert_cmpint (fw_model_compare_recommend (fixture->compare, FW_COMPARE_BALANCED_ACCURACY),
                     ==, 1);
    reason = fw_compare_recommendation_reason (fixture->compare, FW_COMPARE_BALANCED_ACCURACY);
    g_assert_cmpstr (reason, ==, "Recommended: simpler, and within one standard error "
                                 "(2.7 points) of the best average (83.0 %)");
    ((FwCompareResult *) g_ptr_array_index (results, 2))->sd[FW_COMPARE_BALANCED_ACCURACY] = 0.01;
    g_assert_cmpint (fw_model_compare_recommend (fixture->compare, FW_COMPARE_BALANCED_ACCURACY),
                     ==, 2);
    g_clear_pointer (&reason, g_free);
    reason = fw_compare_recommendation_reason (fixture->compare, FW_COMPARE_BALANCED_ACCURACY);
    g_assert_cmpstr (reason, ==, "Recommended: the best average (83.0 %), and no simpler model "
                                 "comes within one standard error of it");
    ((FwCompareResult *) g_ptr_array_index (results, 0))->metrics[FW_COMPARE_BALANCED_ACCURACY] =
      0.9;
    g_clear_pointer (&reason, g_free);
    reason = fw_compare_recommendation_reason (fixture->compare, FW_COMPARE_BALANCED_ACCURACY);
    g_assert_cmpstr (reason, ==, "Recommended: the best average (90.0 %), and the simplest model");
    shown = fw_compare_format_mean_sd (FW_COMPARE_BALANCED_ACCURACY, 0.8123, 0.0111);
    g_assert_cmpstr (shown, ==, "81.2 % ± 1.1");
  }

  /* A candidate without the figure goes last, whatever the others score. */
  {
    FwCompareResult *best = g_ptr_array_index (results, 0);
    g_autofree guint *order = NULL;

    best->metrics[FW_COMPARE_F1] = NAN;
    order = fw_model_compare_rank (fixture->compare, FW_COMPARE_F1);
    g_assert_cmpuint (order[2], ==, 0);
    assert_ranked (fixture->compare, FW_COMPARE_F1);
  }
}

/* Predicting a number: linear regression first, the error ranked lowest first. */
static void
test_regression (Fixture       *fixture,
                 gconstpointer  data)
{
  const FwCompareMetric *metrics;
  GPtrArray *results;
  guint n;

  set_recipe (fixture, "credit_score", 3);
  start (fixture);
  fw_core_test_wait (is_finished, fixture, "the comparison to finish");
  g_assert_cmpint (fw_model_compare_get_task (fixture->compare), ==, FW_TASK_REGRESSION);
  results = fw_model_compare_get_results (fixture->compare);
  g_assert_cmpuint (results->len, ==, 3);
  g_assert_cmpint (((FwCompareResult *) g_ptr_array_index (results, 0))->spec.kind, ==,
                   FW_MODEL_LINEAR);
  for (guint i = 0; i < results->len; i++)
    {
      const FwCompareResult *result = g_ptr_array_index (results, i);

      g_assert_null (result->error);
      g_assert_cmpfloat (result->metrics[FW_COMPARE_RMSE], >, 0.0);
      g_assert_true (isnan (result->metrics[FW_COMPARE_ACCURACY]));
    }
  metrics = fw_compare_metrics_for_task (FW_TASK_REGRESSION, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (metrics[0], ==, FW_COMPARE_RMSE);
  g_assert_false (fw_compare_metric_higher_is_better (FW_COMPARE_RMSE));
  for (guint m = 0; m < n; m++)
    assert_ranked (fixture->compare, metrics[m]);
  assert_summaries (fixture->compare);
  assert_recommended (fixture->compare, FW_COMPARE_RMSE);
}

/* Cancel stops the run at once and keeps nothing. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  FwRecipe *recipe;

  set_recipe (fixture, "approved", 1000);
  recipe = fw_session_begin_edit (fixture->session);
  recipe->model.patience = 0;
  recipe->model.batch_size = 1;
  fw_session_end_edit (fixture->session);
  start (fixture);
  g_assert_nonnull (fw_model_compare_get_status (fixture->compare));
  fw_model_compare_cancel (fixture->compare);
  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_false (fw_model_compare_is_running (fixture->compare));
  g_assert_true (fw_model_compare_was_cancelled (fixture->compare));
  g_assert_cmpuint (fw_model_compare_get_results (fixture->compare)->len, ==, 0);
  g_assert_null (fw_model_compare_get_status (fixture->compare));
  /* Once is enough. */
  fw_model_compare_cancel (fixture->compare);
  g_assert_cmpuint (fixture->n_finished, ==, 1);
}

/* Data that cannot be prepared (a sensitive column the table lacks) finishes with why. */
static void
test_prepare_fails (Fixture       *fixture,
                    gconstpointer  data)
{
  FwRecipe *recipe;

  set_recipe (fixture, "approved", 2);
  recipe = fw_session_begin_edit (fixture->session);
  g_ptr_array_add (recipe->sensitive, g_strdup ("no such column"));
  fw_session_end_edit (fixture->session);
  start (fixture);
  fw_core_test_wait (is_finished, fixture, "the comparison to give up");
  g_assert_nonnull (fw_model_compare_get_error (fixture->compare));
  g_assert_cmpuint (fw_model_compare_get_results (fixture->compare)->len, ==, 0);
  g_assert_false (fw_model_compare_was_cancelled (fixture->compare));
}

/* A recipe that cannot be trained does not start. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->compare = fw_model_compare_new (fw_session_get_table_model (fixture->session),
                                           fw_session_get_recipe (fixture->session));
  g_assert_false (fw_model_compare_start (fixture->compare, &error));
  g_assert_nonnull (error);
  g_assert_false (fw_model_compare_is_running (fixture->compare));
}

int
main (int   argc,
      char *argv[])
{
  fw_core_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/model-compare/classification", test_classification);
  ADD ("/core/model-compare/regression", test_regression);
  ADD ("/core/model-compare/cancel", test_cancel);
  ADD ("/core/model-compare/refused", test_refused);
  ADD ("/core/model-compare/prepare-fails", test_prepare_fails);
#undef ADD

  return g_test_run ();
}
