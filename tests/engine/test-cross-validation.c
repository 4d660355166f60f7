/* test-cross-validation.c — k-fold folds, their summaries and the one-standard-error rule
 *
 * The folds are checked against the prepared dataset's own parts (disjoint, covering the
 * learning and tuning rows, never a test row, each class within one row of its share); a
 * fold's accuracy against a model trained here on the rows outside it; mean, sd and the
 * 1-SE choice against numbers worked out by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fw-dataset-test.h"
#include "fw-cross-validation.h"
#include "fw-trainer.h"

/* 403 rows, three unbalanced classes (about 60/30/10 %) that follow x, and a group column. */
static FwTable *
classes_table (void)
{
  g_autoptr(GString) csv = g_string_new ("x,y,group,label\n");
  GRand *rand = g_rand_new_with_seed (11);

  for (guint i = 0; i < 403; i++)
    {
      double u = g_rand_double (rand);
      const char *label = u < 0.6 ? "a" : u < 0.9 ? "b" : "c";
      double x = (u < 0.6 ? 0.0 : u < 0.9 ? 1.0 : 2.0) + g_rand_double_range (rand, -0.8, 0.8);

      g_string_append_printf (csv, "%.4f,%.4f,%s,%s\n", x, g_rand_double_range (rand, -1, 1),
                              g_rand_boolean (rand) ? "f" : "m", label);
    }
  g_rand_free (rand);
  return import (csv->str);
}

static FwRecipe *
classes_recipe (void)
{
  FwRecipe *recipe = recipe_for ("label");

  g_ptr_array_add (recipe->sensitive, g_strdup ("group"));
  recipe->seed = 5;
  recipe->model.epochs = 3;
  recipe->model.batch_size = 32;
  g_free (recipe->model.device);
  recipe->model.device = g_strdup ("cpu");
  return recipe;
}

static FwCvResult *
validate_ok (const FwDataset   *dataset,
             const FwModelSpec *specs,
             guint              n_specs,
             guint              k,
             guint              n_workers)
{
  g_autoptr(GError) error = NULL;
  FwCvOptions options = { .specs = specs, .n_specs = n_specs, .k = k, .seed = 5,
                          .n_workers = n_workers };
  FwCvResult *result = fw_cross_validate (dataset, &options, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static int
compare_sizes (gconstpointer a,
               gconstpointer b)
{
  gsize x = *(const gsize *) a, y = *(const gsize *) b;

  return (x > y) - (x < y);
}

static void
test_folds (void)
{
  g_autoptr(FwTable) table = classes_table ();
  g_autoptr(FwRecipe) recipe = classes_recipe ();
  g_autoptr(FwDataset) dataset = prepare_ok (table, recipe);
  g_autoptr(FwCvResult) result = validate_ok (dataset, &recipe->model, 1, 5, 1);
  const FwDataPart *learn = &dataset->parts[FW_PART_TRAIN];
  const FwDataPart *tune = &dataset->parts[FW_PART_VALIDATION];
  const FwDataPart *test = &dataset->parts[FW_PART_TEST];
  g_autofree gsize *expected = g_new (gsize, learn->n + tune->n);
  g_autofree gsize *got = g_memdup2 (result->source_rows, result->n_rows * sizeof (gsize));
  gsize per_class[5][3] = { { 0 } }, class_total[3] = { 0 }, per_fold[5] = { 0 };

  g_assert_cmpuint (result->k, ==, 5);
  g_assert_cmpuint (test->n, >, 0);
  /* The learning and tuning rows, each exactly once. */
  g_assert_cmpuint (result->n_rows, ==, learn->n + tune->n);
  memcpy (expected, learn->source_rows, learn->n * sizeof (gsize));
  memcpy (expected + learn->n, tune->source_rows, tune->n * sizeof (gsize));
  qsort (expected, result->n_rows, sizeof (gsize), compare_sizes);
  qsort (got, result->n_rows, sizeof (gsize), compare_sizes);
  for (gsize i = 0; i < result->n_rows; i++)
    {
      g_assert_cmpuint (got[i], ==, expected[i]);
      if (i > 0)
        g_assert_cmpuint (got[i], >, got[i - 1]);
    }
  /* No test row in any fold. */
  for (gsize t = 0; t < test->n; t++)
    g_assert_null (bsearch (&test->source_rows[t], got, result->n_rows, sizeof (gsize),
                            compare_sizes));
  /* Each class within one row of its share in every fold; folds within one row of each
   * other. */
  for (gsize i = 0; i < result->n_rows; i++)
    {
      guint32 label = i < learn->n ? learn->labels[i] : tune->labels[i - learn->n];

      g_assert_cmpuint (result->fold_of[i], <, 5);
      per_class[result->fold_of[i]][label]++;
      class_total[label]++;
      per_fold[result->fold_of[i]]++;
    }
  for (guint f = 0; f < 5; f++)
    {
      for (guint c = 0; c < 3; c++)
        {
          g_assert_cmpuint (per_class[f][c], >=, class_total[c] / 5);
          g_assert_cmpuint (per_class[f][c], <=, (class_total[c] + 4) / 5);
        }
      g_assert_cmpuint (per_fold[f], >=, result->n_rows / 5);
      g_assert_cmpuint (per_fold[f], <=, (result->n_rows + 4) / 5);
    }
}

/* The trainer's accuracy on a dataset made here from the rows outside and inside @fold. */
static double
accuracy_by_hand (const FwDataset   *d,
                  const FwCvResult  *result,
                  const FwModelSpec *spec,
                  guint              fold)
{
  FwDataset f = *d;
  g_autoptr(FwTrainer) trainer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTrainerEvent) event = NULL;
  const FwDataPart *learn = &d->parts[FW_PART_TRAIN], *tune = &d->parts[FW_PART_VALIDATION];
  double accuracy;

  memset (f.parts, 0, sizeof f.parts);
  for (guint p = 0; p < FW_N_PARTS; p++)
    {
      f.parts[p].x = g_new (float, result->n_rows * d->n_features);
      f.parts[p].labels = g_new (guint32, result->n_rows);
      f.parts[p].source_rows = g_new (gsize, result->n_rows);
      f.parts[p].sensitive = g_new (guint32 *, 1);
      f.parts[p].sensitive[0] = g_new (guint32, result->n_rows);
    }
  for (gsize i = 0; i < result->n_rows; i++)
    {
      gboolean in_learn = i < learn->n;
      const FwDataPart *from = in_learn ? learn : tune;
      gsize r = in_learn ? i : i - learn->n;
      FwDataPart *to = &f.parts[result->fold_of[i] == fold ? FW_PART_TEST
                                : in_learn ? FW_PART_TRAIN : FW_PART_VALIDATION];

      memcpy (to->x + to->n * d->n_features, from->x + r * d->n_features,
              d->n_features * sizeof (float));
      to->labels[to->n] = from->labels[r];
      to->source_rows[to->n] = from->source_rows[r];
      to->sensitive[0][to->n] = from->sensitive[0][r];
      to->n++;
    }
  trainer = fw_trainer_new (&f, spec, 5, &error);
  g_assert_no_error (error);
  fw_trainer_start (trainer);
  while ((event = fw_trainer_wait_event (trainer, G_MAXUINT64))->kind != FW_TRAINER_EVENT_DONE)
    g_clear_pointer (&event, fw_trainer_event_free);
  fw_trainer_join (trainer);
  accuracy = fw_trainer_get_classification (trainer)->accuracy;
  g_clear_pointer (&trainer, fw_trainer_free);
  for (guint p = 0; p < FW_N_PARTS; p++)
    {
      g_free (f.parts[p].x);
      g_free (f.parts[p].labels);
      g_free (f.parts[p].source_rows);
      g_free (f.parts[p].sensitive[0]);
      g_free (f.parts[p].sensitive);
    }
  return accuracy;
}

static void
test_training (void)
{
  g_autoptr(FwTable) table = classes_table ();
  g_autoptr(FwRecipe) recipe = classes_recipe ();
  g_autoptr(FwDataset) dataset = prepare_ok (table, recipe);
  FwModelSpec specs[2];
  g_autoptr(FwCvResult) one = NULL;
  g_autoptr(FwCvResult) two = NULL;

  specs[0] = recipe->model;
  specs[1] = recipe->model;
  specs[1].kind = FW_MODEL_MLP;
  specs[1].n_hidden = 1;
  specs[1].hidden[0] = 8;
  one = validate_ok (dataset, specs, 2, 4, 1);
  two = validate_ok (dataset, specs, 2, 4, 2);

  for (guint c = 0; c < 2; c++)
    {
      const FwCvCandidate *a = &one->candidates[c], *b = &two->candidates[c];
      double mean, squares = 0;

      g_assert_null (a->error);
      /* Two workers or one: the same numbers, fold by fold. */
      for (guint f = 0; f < 4; f++)
        {
          for (guint m = 0; m < FW_CV_N_METRICS; m++)
            g_assert_true (memcmp (&a->metrics[m][f], &b->metrics[m][f], sizeof (double)) == 0);
          g_assert_cmpfloat (a->fairness_gap[f], ==, b->fairness_gap[f]);
          g_assert_cmpfloat (a->metrics[FW_CV_ACCURACY][f], >, 0.5);
          g_assert_cmpfloat (a->fairness_gap[f], >=, 0.0);
          g_assert_cmpfloat (a->watt_hours[f], >=, 0.0);
          g_assert_true (isnan (a->metrics[FW_CV_RMSE][f]));
        }
      /* Unused folds stay unmeasured. */
      g_assert_true (isnan (a->metrics[FW_CV_ACCURACY][4]));
      /* Mean and sample sd of the four folds, worked out here. */
      mean = (a->metrics[FW_CV_BALANCED_ACCURACY][0] + a->metrics[FW_CV_BALANCED_ACCURACY][1] +
              a->metrics[FW_CV_BALANCED_ACCURACY][2] + a->metrics[FW_CV_BALANCED_ACCURACY][3]) / 4;
      for (guint f = 0; f < 4; f++)
        squares += pow (a->metrics[FW_CV_BALANCED_ACCURACY][f] - mean, 2);
      g_assert_cmpfloat_with_epsilon (a->mean[FW_CV_BALANCED_ACCURACY], mean, 1e-12);
      g_assert_cmpfloat_with_epsilon (a->sd[FW_CV_BALANCED_ACCURACY], sqrt (squares / 3), 1e-12);
    }
  /* Fold 2's accuracy is that of a model trained here on the rows outside fold 2. */
  g_assert_cmpfloat (one->candidates[0].metrics[FW_CV_ACCURACY][2], ==,
                     accuracy_by_hand (dataset, one, &specs[0], 2));
  g_assert_cmpfloat (one->candidates[1].metrics[FW_CV_ACCURACY][1], ==,
                     accuracy_by_hand (dataset, one, &specs[1], 1));
}

static void
cancel_at_once (double   fraction,
                gpointer data)
{
  g_cancellable_cancel (data);
}

/* Plain k-fold (numbers): sizes within one row, the same deal for a seed, another for
 * another seed. */
static void
test_plain_folds (void)
{
  g_autofree guint *a = fw_cv_assign_folds (NULL, 0, 17, 5, 3);
  g_autofree guint *b = fw_cv_assign_folds (NULL, 0, 17, 5, 3);
  g_autofree guint *c = fw_cv_assign_folds (NULL, 0, 17, 5, 4);
  guint sizes[5] = { 0 };

  for (guint i = 0; i < 17; i++)
    {
      g_assert_cmpuint (a[i], <, 5);
      sizes[a[i]]++;
    }
  /* 17 = 4 + 4 + 3 + 3 + 3, dealt in turn. */
  g_assert_cmpuint (sizes[0], ==, 4);
  g_assert_cmpuint (sizes[1], ==, 4);
  for (guint f = 2; f < 5; f++)
    g_assert_cmpuint (sizes[f], ==, 3);
  g_assert_true (memcmp (a, b, 17 * sizeof (guint)) == 0);
  g_assert_false (memcmp (a, c, 17 * sizeof (guint)) == 0);
}

/* Reweighing fits weights on each fold's learning rows: it trains other models. */
static void
test_reweigh (void)
{
  g_autoptr(FwTable) table = classes_table ();
  g_autoptr(FwRecipe) recipe = classes_recipe ();
  g_autoptr(FwDataset) dataset = prepare_ok (table, recipe);
  g_autoptr(GError) error = NULL;
  FwCvOptions options = { .specs = &recipe->model, .n_specs = 1, .k = 3, .seed = 5 };
  g_autoptr(FwCvResult) plain = fw_cross_validate (dataset, &options, NULL, &error);
  g_autoptr(FwCvResult) weighed = NULL;
  gboolean differ = FALSE;

  g_assert_no_error (error);
  options.reweigh = TRUE;
  weighed = fw_cross_validate (dataset, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (weighed->candidates[0].error);
  for (guint f = 0; f < 3; f++)
    differ |= plain->candidates[0].metrics[FW_CV_ROC_AUC][f] !=
              weighed->candidates[0].metrics[FW_CV_ROC_AUC][f];
  g_assert_true (differ);
  /* The dataset lent to the folds is left as it was. */
  g_assert_null (dataset->parts[FW_PART_TRAIN].weights);
}

static void
test_cancel (void)
{
  g_autoptr(FwTable) table = classes_table ();
  g_autoptr(FwRecipe) recipe = classes_recipe ();
  g_autoptr(FwDataset) dataset = prepare_ok (table, recipe);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  FwCvOptions options = { .specs = &recipe->model, .n_specs = 1, .seed = 5,
                          .progress = cancel_at_once, .progress_data = cancellable };
  FwCvResult *result;

  recipe->model.epochs = 1000;
  recipe->model.patience = 0;
  result = fw_cross_validate (dataset, &options, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);

  /* Out of range fold counts are refused. */
  g_clear_error (&error);
  options.k = 1;
  g_assert_null (fw_cross_validate (dataset, &options, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_mean_sd (void)
{
  const double values[] = { 1, 2, 3, 4, NAN };
  double mean, sd;

  fw_cv_mean_sd (values, 5, &mean, &sd);
  g_assert_cmpfloat (mean, ==, 2.5);
  /* ((1.5² + 0.5²) × 2) / 3 */
  g_assert_cmpfloat_with_epsilon (sd, sqrt (5.0 / 3.0), 1e-15);
  fw_cv_mean_sd (values, 1, &mean, &sd);
  g_assert_cmpfloat (mean, ==, 1);
  g_assert_true (isnan (sd));
  fw_cv_mean_sd (values + 4, 1, &mean, &sd);
  g_assert_true (isnan (mean));
}

/* Five fold values per model, summarised as the engine does, into a choice. */
static FwCvChoice
choice (const double values[5],
        guint        complexity)
{
  FwCvChoice c = { .complexity = complexity };

  fw_cv_mean_sd (values, 5, &c.mean, &c.sd);
  return c;
}

static void
test_one_se (void)
{
  const double logistic[5] = { 0.80, 0.82, 0.78, 0.81, 0.79 };  /* mean 0.80 */
  const double small[5] = { 0.81, 0.83, 0.80, 0.82, 0.79 };     /* mean 0.81 */
  const double big_steady[5] = { 0.83, 0.85, 0.82, 0.84, 0.81 };        /* 0.83, sd 0.0158 */
  const double big_shaky[5] = { 0.90, 0.76, 0.88, 0.78, 0.83 };         /* 0.83, sd 0.0608 */
  FwModelSpec lr = { .kind = FW_MODEL_LOGISTIC }, mlp64 = { .kind = FW_MODEL_MLP, .n_hidden = 1 };
  FwModelSpec mlp512 = mlp64, mlp8x8 = { .kind = FW_MODEL_MLP, .n_hidden = 2 };
  FwCvChoice choices[3];

  /* The order of simplicity: logistic, one layer (narrower first), two layers. */
  mlp64.hidden[0] = 64;
  mlp512.hidden[0] = 512;
  mlp8x8.hidden[0] = mlp8x8.hidden[1] = 8;
  g_assert_cmpuint (fw_cv_model_complexity (&lr), ==, 0);
  g_assert_cmpuint (fw_cv_model_complexity (&lr), <, fw_cv_model_complexity (&mlp64));
  g_assert_cmpuint (fw_cv_model_complexity (&mlp64), <, fw_cv_model_complexity (&mlp512));
  g_assert_cmpuint (fw_cv_model_complexity (&mlp512), <, fw_cv_model_complexity (&mlp8x8));

  /* A steady best: SE = 0.0158 / √5 = 0.0071, so 0.81 is not within; the best wins. */
  choices[0] = choice (logistic, 0);
  choices[1] = choice (small, 1);
  choices[2] = choice (big_steady, 2);
  g_assert_cmpfloat_with_epsilon (choices[2].sd, sqrt (0.001 / 4), 1e-12);
  g_assert_cmpint (fw_cv_recommend (choices, 3, 5, TRUE), ==, 2);
  /* A shaky best: SE = 0.0608 / √5 = 0.0272, so 0.81 (≥ 0.8028) is within and simpler;
   * 0.80 is not. */
  choices[2] = choice (big_shaky, 2);
  g_assert_cmpfloat_with_epsilon (choices[2].sd, sqrt (0.0148 / 4), 1e-12);
  g_assert_cmpint (fw_cv_recommend (choices, 3, 5, TRUE), ==, 1);
  /* With ten folds the SE shrinks to 0.0192: 0.81 is still within (≥ 0.8108 fails). */
  g_assert_cmpint (fw_cv_recommend (choices, 3, 10, TRUE), ==, 2);
  /* Lower is better (an error): the same numbers read as errors make logistic the best. */
  g_assert_cmpint (fw_cv_recommend (choices, 3, 5, FALSE), ==, 0);
  /* A failed candidate is never chosen, nor counted as the best. */
  choices[0].mean = NAN;
  g_assert_cmpint (fw_cv_recommend (choices, 3, 5, FALSE), ==, 1);
  /* Equal simplicity: the better mean. */
  choices[1].complexity = 2;
  g_assert_cmpint (fw_cv_recommend (choices, 3, 5, TRUE), ==, 2);
  choices[1].mean = choices[2].mean = NAN;
  g_assert_cmpint (fw_cv_recommend (choices, 3, 5, TRUE), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/cross-validation/folds", test_folds);
  g_test_add_func ("/engine/cross-validation/training", test_training);
  g_test_add_func ("/engine/cross-validation/plain-folds", test_plain_folds);
  g_test_add_func ("/engine/cross-validation/reweigh", test_reweigh);
  g_test_add_func ("/engine/cross-validation/cancel", test_cancel);
  g_test_add_func ("/engine/cross-validation/mean-sd", test_mean_sd);
  g_test_add_func ("/engine/cross-validation/one-se", test_one_se);

  return g_test_run ();
}
