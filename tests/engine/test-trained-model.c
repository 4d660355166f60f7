/* test-trained-model.c — a trained pipeline survives its .fwmodel file unchanged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include "fw-csv-import.h"
#include "fw-model-file.h"
#include "fw-sample.h"
#include "fw-trained-model.h"
#include "fw-trainer.h"

typedef struct
{
  FwTable        *table;
  FwRecipe       *recipe;
  FwDataset      *dataset;
  FwTrainedModel *trained;
} Fixture;

static void
train (Fixture    *fx,
       const char *target,
       FwModelKind kind)
{
  g_autoptr(GBytes) bytes = fw_sample_generate (2000, 5);
  g_autoptr(FwTableProfile) profile = NULL;
  g_autoptr(FwTrainer) trainer = NULL;
  g_autoptr(GError) error = NULL;
  FwTrainerEvent *event;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  fx->table = fw_csv_import_data (data, size, NULL, NULL, &error);
  g_assert_no_error (error);
  profile = fw_table_profile_new (fx->table, NULL, NULL, NULL, &error);
  fx->recipe = fw_recipe_new_suggested (fx->table, profile, target, &error);
  g_assert_no_error (error);
  fx->recipe->model.kind = kind;
  fx->recipe->model.epochs = 5;
  if (kind == FW_MODEL_MLP)
    {
      fx->recipe->model.hidden[0] = 8;
      fx->recipe->model.n_hidden = 1;
      fx->recipe->model.dropout = 0.1;
    }
  g_ptr_array_add (fx->recipe->sensitive, g_strdup ("sex"));
  g_ptr_array_add (fx->recipe->sensitive, g_strdup ("age_band"));
  fx->dataset = fw_dataset_prepare (fx->table, fx->recipe, NULL, &error);
  g_assert_no_error (error);
  trainer = fw_trainer_new (fx->dataset, &fx->recipe->model, fx->recipe->seed, &error);
  g_assert_no_error (error);
  fw_trainer_start (trainer);
  while ((event = fw_trainer_wait_event (trainer, 60 * G_USEC_PER_SEC))->kind != FW_TRAINER_EVENT_DONE)
    fw_trainer_event_free (event);
  g_assert_cmpint (event->outcome, !=, FW_TRAINER_FAILED);
  fw_trainer_event_free (event);
  fw_trainer_join (trainer);
  fx->trained = fw_trained_model_new (fx->recipe, fx->dataset, fw_trainer_get_model (trainer),
                                      NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_clear (Fixture *fx)
{
  fw_trained_model_free (fx->trained);
  fw_dataset_free (fx->dataset);
  fw_recipe_free (fx->recipe);
  fw_table_free (fx->table);
}

static void
assert_round_trip (Fixture *fx)
{
  g_autofree char *dir = g_dir_make_tmp ("fw-trained-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "m.fwmodel", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTrainedModel) loaded = NULL;
  g_autofree float *before = NULL, *after = NULL;
  gsize n = fw_table_n_rows (fx->table) * fw_model_n_predictions (fx->trained->model);

  fx->trained->data_sha256 = g_strdup ("0123abcd");
  g_assert_true (fw_trained_model_save (fx->trained, file, &error));
  g_assert_no_error (error);
  loaded = fw_trained_model_load (file, &error);
  g_assert_no_error (error);

  g_assert_cmpint (loaded->task, ==, fx->trained->task);
  g_assert_cmpuint (loaded->positive, ==, fx->trained->positive);
  g_assert_cmpstrv (loaded->class_names, fx->trained->class_names);
  g_assert_cmpstrv (loaded->feature_names, fx->trained->feature_names);
  g_assert_cmpstr (loaded->data_sha256, ==, "0123abcd");
  g_assert_cmpstr (loaded->recipe->target, ==, fx->recipe->target);

  /* Bit for bit: the same preprocessing and parameters give the same numbers. */
  before = fw_trained_model_predict (fx->trained, fx->table, &error);
  g_assert_no_error (error);
  after = fw_trained_model_predict (loaded, fx->table, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (before, n * sizeof (float), after, n * sizeof (float));
  for (gsize i = 0; i < n; i++)
    g_assert_true (isfinite (before[i]));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_logistic_round_trip (void)
{
  Fixture fx = { 0 };

  train (&fx, "approved", FW_MODEL_LOGISTIC);
  g_assert_cmpint (fx.trained->task, ==, FW_TASK_BINARY);
  g_assert_cmpstr (fx.trained->class_names[fx.trained->positive], ==, "yes");
  /* sex is measured, not learned from. */
  for (guint i = 0; fx.trained->feature_names[i] != NULL; i++)
    g_assert_false (g_str_has_prefix (fx.trained->feature_names[i], "sex"));
  assert_round_trip (&fx);
  fixture_clear (&fx);
}

static void
test_mlp_and_regression_round_trip (void)
{
  Fixture mlp = { 0 }, linear = { 0 };

  train (&mlp, "approved", FW_MODEL_MLP);
  assert_round_trip (&mlp);
  fixture_clear (&mlp);
  train (&linear, "loan_amount", FW_MODEL_LINEAR);
  g_assert_cmpint (linear.trained->task, ==, FW_TASK_REGRESSION);
  assert_round_trip (&linear);
  fixture_clear (&linear);
}

static void
test_targets (void)
{
  Fixture fx = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree gsize *rows = NULL;
  g_autofree guint32 *labels = NULL;
  gsize n = 0;
  const FwColumn *target;
  g_autoptr(FwTable) odd = NULL;

  train (&fx, "approved", FW_MODEL_LOGISTIC);
  g_assert_true (fw_trained_model_targets (fx.trained, fx.table, &rows, &labels, NULL, &n, &error));
  g_assert_no_error (error);
  target = fw_table_column_by_name (fx.table, "approved");
  g_assert_cmpuint (n, ==, fw_table_n_rows (fx.table) - target->n_missing);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpstr (fx.trained->class_names[labels[i]], ==, fw_column_get_string (target, rows[i]));

  /* A class the model never saw is named in the error. */
  odd = fw_csv_import_data ("approved,age\nperhaps,40\n", -1, NULL, NULL, NULL);
  g_clear_pointer (&rows, g_free);
  g_clear_pointer (&labels, g_free);
  g_assert_false (fw_trained_model_targets (fx.trained, odd, &rows, &labels, NULL, &n, &error));
  g_assert_nonnull (strstr (error->message, "perhaps"));
  fixture_clear (&fx);
}

/* The chosen threshold is the model's: it survives the file, a file without it reads 0.5,
 * and predictions at 0.9 differ from those at 0.5 by exactly the rows scored in [0.5, 0.9). */
static void
test_threshold_round_trip (void)
{
  Fixture fx = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("fw-trained-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "m.fwmodel", NULL);
  g_autofree char *old_path = g_build_filename (dir, "old.fwmodel", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) old_file = g_file_new_for_path (old_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTrainedModel) loaded = NULL, old = NULL;
  g_autoptr(FwModelFile) contents = NULL;
  g_autofree FwModelArray *flat = NULL;
  g_autofree float *p = NULL;
  g_autofree guint32 *at_half = NULL, *at_high = NULL;
  gsize n, between = 0, differ = 0, changed_by_half;

  train (&fx, "approved", FW_MODEL_LOGISTIC);
  g_assert_cmpfloat (fx.trained->threshold, ==, 0.5);
  p = fw_trained_model_predict (fx.trained, fx.table, &error);
  g_assert_no_error (error);
  at_half = fw_trained_model_decide (fx.trained, fx.table, p);
  n = fw_table_n_rows (fx.table);

  fx.trained->threshold = 0.9;
  g_assert_true (fw_trained_model_save (fx.trained, file, &error));
  g_assert_no_error (error);
  loaded = fw_trained_model_load (file, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (loaded->threshold, ==, 0.9);
  at_high = fw_trained_model_decide (loaded, fx.table, p);
  for (gsize r = 0; r < n; r++)
    {
      double yes = p[2 * r + fx.trained->positive];

      between += yes >= 0.5 && yes < 0.9;
      differ += at_half[r] != at_high[r];
      /* Never the other way: a higher threshold only takes "yes" away. */
      if (at_half[r] != at_high[r])
        g_assert_cmpuint (at_half[r], ==, fx.trained->positive);
    }
  g_test_message ("%zu of %zu rows change from yes to no at 0.9", differ, n);
  g_assert_cmpuint (between, >, 0);
  g_assert_cmpuint (differ, ==, between);

  /* A file from before the field: the threshold reads 0.5. */
  contents = fw_model_file_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (contents->header, "threshold"));
  json_object_remove_member (contents->header, "threshold");
  flat = g_new (FwModelArray, contents->arrays->len);
  for (guint i = 0; i < contents->arrays->len; i++)
    flat[i] = *(FwModelArray *) g_ptr_array_index (contents->arrays, i);
  g_assert_true (fw_model_file_save (old_file, contents->header, flat, contents->arrays->len,
                                     NULL, &error));
  g_assert_no_error (error);
  old = fw_trained_model_load (old_file, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (old->threshold, ==, 0.5);
  changed_by_half = 0;
  {
    g_autofree guint32 *again = fw_trained_model_decide (old, fx.table, p);

    for (gsize r = 0; r < n; r++)
      changed_by_half += again[r] != at_half[r];
  }
  g_assert_cmpuint (changed_by_half, ==, 0);

  g_unlink (path);
  g_unlink (old_path);
  g_rmdir (dir);
  fixture_clear (&fx);
}

/* Setting the threshold scores the test part once for it: accuracy and the confusion
 * matrix match the test's own count over the test rows. */
static void
test_set_threshold_scores_test (void)
{
  Fixture fx = { 0 };
  g_autoptr(GError) error = NULL;
  const FwDataPart *test;
  g_autofree float *p = NULL;
  double counts[4] = { 0 }, right = 0;
  const double threshold = 0.3;

  train (&fx, "approved", FW_MODEL_LOGISTIC);
  test = &fx.dataset->parts[FW_PART_TEST];
  p = g_new (float, test->n * 2);
  fw_model_predict (fx.trained->model, test->x, test->n, p);
  for (gsize i = 0; i < test->n; i++)
    {
      guint decided = p[2 * i + fx.trained->positive] >= threshold ? fx.trained->positive
                                                                  : 1 - fx.trained->positive;

      counts[test->labels[i] * 2 + decided] += 1;
      right += decided == test->labels[i];
    }
  g_assert_false (fw_trained_model_set_threshold (fx.trained, fx.dataset, 1.0, &error));
  g_clear_error (&error);
  g_assert_true (fw_trained_model_set_threshold (fx.trained, fx.dataset, threshold, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (fx.trained->threshold, ==, threshold);
  g_assert_cmpfloat (fx.trained->recipe->threshold, ==, threshold);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (fx.trained->test_metrics,
                                                                 "accuracy"),
                                  right / test->n, 1e-12);
  for (guint a = 0; a < 2; a++)
    for (guint b = 0; b < 2; b++)
      g_assert_cmpfloat (json_array_get_double_element (
                           json_array_get_array_element (fx.trained->confusion, a), b),
                         ==, counts[a * 2 + b]);
  /* One fairness entry per sensitive column, measured at the new threshold. */
  g_assert_cmpuint (json_array_get_length (fx.trained->fairness), ==, fx.dataset->n_sensitive);
  fixture_clear (&fx);
}

/* Per-group thresholds for a sensitive column that is not the first. */
static void
test_thresholds_any_column (void)
{
  Fixture fx = { 0 };
  g_autoptr(GError) error = NULL;

  train (&fx, "approved", FW_MODEL_LOGISTIC);
  g_assert_cmpuint (fx.dataset->n_sensitive, >=, 2);
  g_free (fx.trained->recipe->threshold_attribute);
  fx.trained->recipe->threshold_attribute = g_strdup (fx.dataset->sensitive_names[1]);
  g_assert_true (fw_trained_model_fit_thresholds (fx.trained, fx.dataset,
                                                  FW_THRESHOLD_POLICY_PARITY, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fx.trained->threshold_attribute, ==, fx.dataset->sensitive_names[1]);
  g_assert_cmpuint (fx.trained->thresholds->n_groups, ==,
                    g_strv_length (fx.dataset->sensitive_groups[1]));
  for (guint g = 0; g < fx.trained->thresholds->n_groups; g++)
    g_assert_cmpstr (fx.trained->thresholds->groups[g].name, ==,
                     fx.dataset->sensitive_groups[1][g]);

  /* A column that is not sensitive is refused, by name. */
  g_free (fx.trained->recipe->threshold_attribute);
  fx.trained->recipe->threshold_attribute = g_strdup ("income");
  g_assert_false (fw_trained_model_fit_thresholds (fx.trained, fx.dataset,
                                                   FW_THRESHOLD_POLICY_PARITY, &error));
  g_assert_nonnull (strstr (error->message, "income"));
  fixture_clear (&fx);
}

/* Test-part decisions under per-group thresholds @by_group (per group of sensitive column
 * @a), counted here: accuracy and the confusion matrix must match the model's. */
static void
assert_test_scored (Fixture      *fx,
                    guint         a,
                    const double *by_group)
{
  const FwDataPart *test = &fx->dataset->parts[FW_PART_TEST];
  g_autofree float *p = g_new (float, test->n * 2);
  double counts[4] = { 0 }, right = 0;
  guint positive = fx->trained->positive;

  fw_model_predict (fx->trained->model, test->x, test->n, p);
  for (gsize i = 0; i < test->n; i++)
    {
      double t = by_group[test->sensitive[a][i]];
      guint decided = p[2 * i + positive] >= t ? positive : 1 - positive;

      counts[test->labels[i] * 2 + decided] += 1;
      right += decided == test->labels[i];
    }
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (fx->trained->test_metrics,
                                                                 "accuracy"),
                                  right / test->n, 1e-12);
  for (guint y = 0; y < 2; y++)
    for (guint d = 0; d < 2; d++)
      g_assert_cmpfloat (json_array_get_double_element (
                           json_array_get_array_element (fx->trained->confusion, y), d),
                         ==, counts[y * 2 + d]);
}

/* Thresholds set by hand per group become the model's: the test part is scored for them,
 * a group with too few tuning rows keeps the common threshold, and both the model file and
 * the recipe carry them so that fitting again from the recipe gives the same ones. */
static void
test_manual_thresholds (void)
{
  Fixture fx = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fw-trained-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "m.fwmodel", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(FwTrainedModel) loaded = NULL;
  g_autoptr(FwRecipe) replayed = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree gsize *rows = NULL;
  g_autofree double *values = NULL, *expected = NULL;
  g_autofree float *p = NULL;
  g_autofree guint32 *decided = NULL, *decided_loaded = NULL;
  const FwDataPart *tuning;
  const guint a = 1;            /* age_band: not the first sensitive column */
  char **groups;
  guint n_groups, n_small = 0;
  gsize most = 0;
  const double common = 0.45;
  FwGroupThresholdSet set = { 0 };

  train (&fx, "approved", FW_MODEL_LOGISTIC);
  groups = fx.dataset->sensitive_groups[a];
  n_groups = g_strv_length (groups);
  g_assert_cmpuint (n_groups, >=, 2);
  tuning = &fx.dataset->parts[FW_PART_VALIDATION];
  rows = g_new0 (gsize, n_groups);
  for (gsize i = 0; i < tuning->n; i++)
    rows[tuning->sensitive[a][i]]++;
  for (guint g = 0; g < n_groups; g++)
    most = MAX (most, rows[g]);
  /* Only the groups with the most tuning rows are large enough. */
  fx.trained->recipe->min_group_rows = most;
  values = g_new (double, n_groups);
  expected = g_new (double, n_groups);
  for (guint g = 0; g < n_groups; g++)
    {
      values[g] = 0.2 + 0.6 * g / (n_groups - 1);
      expected[g] = rows[g] >= most ? values[g] : common;
      n_small += rows[g] < most;
    }
  g_assert_cmpuint (n_small, >, 0);

  set = (FwGroupThresholdSet) {
    .attribute = fx.dataset->sensitive_names[a], .names = (const char *const *) groups,
    .values = values, .common = common,
  };
  g_assert_true (fw_trained_model_set_thresholds (fx.trained, fx.dataset, &set, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fx.trained->thresholds->policy, ==, FW_THRESHOLD_POLICY_MANUAL);
  g_assert_cmpstr (fx.trained->threshold_attribute, ==, fx.dataset->sensitive_names[a]);
  for (guint g = 0; g < n_groups; g++)
    {
      const FwGroupThreshold *group = &fx.trained->thresholds->groups[g];

      g_assert_cmpstr (group->name, ==, groups[g]);
      g_assert_cmpfloat (group->threshold, ==, expected[g]);
      g_assert_cmpint (group->fitted, ==, rows[g] >= most);
      g_assert_true ((group->warning != NULL) == (rows[g] < most));
    }
  assert_test_scored (&fx, a, expected);

  /* The recipe records the choice; read back, it fits the same thresholds. */
  g_assert_cmpint (fx.trained->recipe->threshold_policy, ==, FW_THRESHOLD_POLICY_MANUAL);
  g_assert_cmpfloat (fx.trained->recipe->threshold, ==, common);
  node = fw_recipe_to_json (fx.trained->recipe);
  replayed = fw_recipe_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpint (replayed->threshold_policy, ==, FW_THRESHOLD_POLICY_MANUAL);
  g_assert_cmpstr (replayed->threshold_attribute, ==, fx.dataset->sensitive_names[a]);
  g_assert_cmpstrv (replayed->group_thresholds_names, groups);
  for (guint g = 0; g < n_groups; g++)
    g_assert_cmpfloat (replayed->group_thresholds_values[g], ==, values[g]);
  {
    FwRecipe *own = fx.trained->recipe;
    FwThresholds *before = g_steal_pointer (&fx.trained->thresholds);

    fx.trained->recipe = replayed;
    g_assert_true (fw_trained_model_fit_thresholds (fx.trained, fx.dataset,
                                                    replayed->threshold_policy, &error));
    g_assert_no_error (error);
    for (guint g = 0; g < n_groups; g++)
      g_assert_cmpfloat (fx.trained->thresholds->groups[g].threshold, ==,
                         before->groups[g].threshold);
    fx.trained->recipe = own;
    fw_thresholds_free (before);
  }

  /* The model file: the same thresholds, the same decisions. */
  g_assert_true (fw_trained_model_save (fx.trained, file, &error));
  g_assert_no_error (error);
  loaded = fw_trained_model_load (file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->thresholds->policy, ==, FW_THRESHOLD_POLICY_MANUAL);
  g_assert_cmpint (loaded->recipe->threshold_policy, ==, FW_THRESHOLD_POLICY_MANUAL);
  g_assert_cmpstrv (loaded->recipe->group_thresholds_names, groups);
  for (guint g = 0; g < n_groups; g++)
    g_assert_cmpfloat (fw_thresholds_lookup (loaded->thresholds, groups[g]), ==, expected[g]);
  p = fw_trained_model_predict (fx.trained, fx.table, &error);
  g_assert_no_error (error);
  decided = fw_trained_model_decide (fx.trained, fx.table, p);
  decided_loaded = fw_trained_model_decide (loaded, fx.table, p);
  g_assert_cmpmem (decided, fw_table_n_rows (fx.table) * sizeof (guint32),
                   decided_loaded, fw_table_n_rows (fx.table) * sizeof (guint32));

  g_unlink (path);
  g_rmdir (dir);
  fixture_clear (&fx);
}

/* Fitted thresholds refitted for another sensitive column without retraining; a refused
 * choice leaves the model as it was; one common threshold replaces per-group ones. */
static void
test_refit_thresholds (void)
{
  Fixture fx = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree double *by_group = NULL;
  const char *const names[] = { "no such group", NULL };
  const double values[] = { 0.3 };
  FwGroupThresholdSet set = { .attribute = "income", .names = names, .values = values,
                              .common = 0.5 };
  guint n_groups;

  train (&fx, "approved", FW_MODEL_LOGISTIC);
  g_assert_true (fw_trained_model_fit_thresholds (fx.trained, fx.dataset,
                                                  FW_THRESHOLD_POLICY_PARITY, &error));
  g_assert_cmpstr (fx.trained->threshold_attribute, ==, fx.dataset->sensitive_names[0]);

  g_assert_true (fw_trained_model_refit_thresholds (fx.trained, fx.dataset,
                                                    fx.dataset->sensitive_names[1],
                                                    FW_THRESHOLD_POLICY_TPR, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fx.trained->threshold_attribute, ==, fx.dataset->sensitive_names[1]);
  g_assert_cmpstr (fx.trained->recipe->threshold_attribute, ==, fx.dataset->sensitive_names[1]);
  g_assert_cmpint (fx.trained->recipe->threshold_policy, ==, FW_THRESHOLD_POLICY_TPR);
  g_assert_cmpint (fx.trained->thresholds->policy, ==, FW_THRESHOLD_POLICY_TPR);
  n_groups = g_strv_length (fx.dataset->sensitive_groups[1]);
  g_assert_cmpuint (fx.trained->thresholds->n_groups, ==, n_groups);
  by_group = g_new (double, n_groups);
  for (guint g = 0; g < n_groups; g++)
    by_group[g] = fx.trained->thresholds->groups[g].threshold;
  assert_test_scored (&fx, 1, by_group);

  /* Not a sensitive column: refused, and nothing changed. */
  g_assert_false (fw_trained_model_set_thresholds (fx.trained, fx.dataset, &set, &error));
  g_assert_nonnull (strstr (error->message, "income"));
  g_clear_error (&error);
  g_assert_false (fw_trained_model_refit_thresholds (fx.trained, fx.dataset, "income",
                                                     FW_THRESHOLD_POLICY_PARITY, &error));
  g_clear_error (&error);
  g_assert_cmpint (fx.trained->recipe->threshold_policy, ==, FW_THRESHOLD_POLICY_TPR);
  g_assert_cmpstr (fx.trained->threshold_attribute, ==, fx.dataset->sensitive_names[1]);
  for (guint g = 0; g < n_groups; g++)
    g_assert_cmpfloat (fx.trained->thresholds->groups[g].threshold, ==, by_group[g]);

  /* The intersection of two columns is measured, but new data has no such column. */
  {
    g_autoptr(FwDataset) crossed = NULL;

    fx.trained->recipe->intersect_sensitive = TRUE;
    crossed = fw_dataset_prepare (fx.table, fx.trained->recipe, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (crossed->n_sensitive, ==, 3);
    g_assert_false (fw_trained_model_refit_thresholds (fx.trained, crossed,
                                                       crossed->sensitive_names[2],
                                                       FW_THRESHOLD_POLICY_PARITY, &error));
    g_clear_error (&error);
    g_assert_cmpstr (fx.trained->threshold_attribute, ==, fx.dataset->sensitive_names[1]);
    fx.trained->recipe->intersect_sensitive = FALSE;
  }

  g_assert_true (fw_trained_model_set_threshold (fx.trained, fx.dataset, 0.4, &error));
  g_assert_null (fx.trained->thresholds);
  g_assert_cmpint (fx.trained->recipe->threshold_policy, ==, FW_THRESHOLD_POLICY_NONE);
  for (guint g = 0; g < n_groups; g++)
    by_group[g] = 0.4;
  assert_test_scored (&fx, 1, by_group);
  fixture_clear (&fx);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/trained-model/logistic-round-trip", test_logistic_round_trip);
  g_test_add_func ("/engine/trained-model/mlp-and-regression-round-trip",
                   test_mlp_and_regression_round_trip);
  g_test_add_func ("/engine/trained-model/targets", test_targets);
  g_test_add_func ("/engine/trained-model/threshold-round-trip", test_threshold_round_trip);
  g_test_add_func ("/engine/trained-model/set-threshold", test_set_threshold_scores_test);
  g_test_add_func ("/engine/trained-model/thresholds-any-column", test_thresholds_any_column);
  g_test_add_func ("/engine/trained-model/manual-thresholds", test_manual_thresholds);
  g_test_add_func ("/engine/trained-model/refit-thresholds", test_refit_thresholds);

  return g_test_run ();
}
