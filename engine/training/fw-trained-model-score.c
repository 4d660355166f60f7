/* fw-trained-model-score.c — a trained model's decision rule on a dataset's part, and the
 * test part scored again under it
 *
 * The threshold a user settles on is chosen on the validation part; the test part is then
 * scored once for it, here, so that the figures kept in the model (and shown in the report)
 * are what the exported model decides.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-metrics.h"
#include "fw-trained-model.h"

/* The sensitive column the per-group thresholds are for, or n_sensitive when none. */
static guint
threshold_column (const FwTrainedModel *t,
                  const FwDataset      *dataset)
{
  guint a = 0;

  if (t->thresholds == NULL)
    return dataset->n_sensitive;
  while (a < dataset->n_sensitive &&
         g_strcmp0 (dataset->sensitive_names[a], t->threshold_attribute) != 0)
    a++;
  return a;
}

guint32 *
fw_trained_model_decide_part (const FwTrainedModel *t,
                              const FwDataset      *dataset,
                              FwPart                part,
                              const float          *predictions)
{
  const FwDataPart *rows;
  g_autofree double *by_code = NULL;
  const guint32 *codes = NULL;
  guint32 *decided;
  guint a;

  g_return_val_if_fail (t != NULL && dataset != NULL && part < FW_N_PARTS, NULL);
  g_return_val_if_fail (t->task == FW_TASK_BINARY, NULL);

  rows = &dataset->parts[part];
  a = threshold_column (t, dataset);
  if (a < dataset->n_sensitive)
    {
      guint n_groups = g_strv_length (dataset->sensitive_groups[a]);

      /* Matched by name, as on new data. */
      by_code = g_new (double, MAX (n_groups, 1));
      for (guint g = 0; g < n_groups; g++)
        by_code[g] = fw_trained_model_group_threshold (t, dataset->sensitive_groups[a][g]);
      codes = rows->sensitive[a];
    }
  decided = g_new (guint32, MAX (rows->n, 1));
  for (gsize i = 0; i < rows->n; i++)
    {
      double threshold = by_code != NULL ? by_code[codes[i]]
                       : t->thresholds != NULL ? fw_trained_model_unseen_threshold (t)
                       : t->threshold;

      decided[i] = fw_metrics_decide (predictions + 2 * i, 2, t->positive, threshold);
    }
  return decided;
}

/* @counts (2 × 2, row = actual) as arrays, for the model card. */
static JsonArray *
confusion_to_json (const double *counts)
{
  JsonArray *rows = json_array_new ();

  for (guint i = 0; i < 2; i++)
    {
      JsonArray *row = json_array_new ();

      for (guint j = 0; j < 2; j++)
        json_array_add_double_element (row, counts[i * 2 + j]);
      json_array_add_array_element (rows, row);
    }
  return rows;
}

void
fw_training_add_fairness (JsonBuilder       *builder,
                          FwFairness *const *fairness,
                          char *const       *attributes,
                          guint              n)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_set_member_name (builder, "fairness");
  json_builder_begin_array (builder);
  for (guint a = 0; a < n; a++)
    if (fairness != NULL && fairness[a] != NULL)
      fw_fairness_to_json (fairness[a], attributes[a], builder);
  json_builder_end_array (builder);
}

void
fw_training_decision_metrics (JsonObject    *metrics,
                              const guint32 *labels,
                              const guint32 *decided,
                              const float   *weights,
                              gsize          n,
                              guint          n_classes,
                              guint          positive)
{
  static const char *const keys[] = { "accuracy", "balanced_accuracy", "precision", "recall", "f1" };
  g_autofree float *one_hot = g_new0 (float, MAX (n, 1) * n_classes);
  g_autoptr(FwClassificationMetrics) m = NULL;

  g_return_if_fail (metrics != NULL);

  /* Decisions as certain probabilities: the metrics' own 0.5 rule then reproduces them. */
  for (gsize i = 0; i < n; i++)
    one_hot[i * n_classes + decided[i]] = 1.0f;
  m = fw_classification_metrics_new (labels, one_hot, weights, n, n_classes, positive, 0.5, NULL);
  if (m == NULL)
    return;
  {
    const double values[] = { m->accuracy, m->balanced_accuracy, m->precision, m->recall, m->f1 };

    for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
      json_object_set_double_member (metrics, keys[k], values[k]);
  }
}

FwFairness **
fw_trained_model_score_test (FwTrainedModel  *t,
                             const FwDataset *dataset,
                             guint64          seed)
{
  const FwDataPart *test;
  g_autofree float *probs = NULL;
  g_autofree guint32 *decided = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  FwFairness **fairness;
  FwFairnessOptions options;
  double counts[4] = { 0 };

  g_return_val_if_fail (t != NULL && dataset != NULL, NULL);
  g_return_val_if_fail (t->task == FW_TASK_BINARY, NULL);

  test = &dataset->parts[FW_PART_TEST];
  probs = g_new (float, MAX (test->n, 1) * 2);
  fw_model_predict (t->model, test->x, test->n, probs);
  decided = fw_trained_model_decide_part (t, dataset, FW_PART_TEST, probs);
  fw_training_decision_metrics (t->test_metrics, test->labels, decided, test->weights,
                                test->n, 2, t->positive);
  for (gsize i = 0; i < test->n; i++)
    counts[test->labels[i] * 2 + decided[i]] += test->weights != NULL ? test->weights[i] : 1.0;
  g_clear_pointer (&t->confusion, json_array_unref);
  t->confusion = confusion_to_json (counts);

  fairness = g_new0 (FwFairness *, MAX (dataset->n_sensitive, 1));
  fw_fairness_options_init (&options);
  fw_fairness_options_from_dataset (&options, dataset);
  options.seed = seed;
  for (guint a = 0; a < dataset->n_sensitive; a++)
    {
      FwFairnessInput input = {
        .groups = test->sensitive[a],
        .group_names = (const char *const *) dataset->sensitive_groups[a],
        .weights = test->weights, .n = test->n,
        .labels = test->labels, .predicted_classes = decided, .n_classes = 2,
        .positive = t->positive,
      };

      fairness[a] = fw_fairness_compute_predicted (&input, &options, NULL);
    }
  json_builder_begin_object (b);
  fw_training_add_fairness (b, fairness, dataset->sensitive_names, dataset->n_sensitive);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  g_clear_pointer (&t->fairness, json_array_unref);
  t->fairness = json_array_ref (json_object_get_array_member (json_node_get_object (node),
                                                              "fairness"));
  return fairness;
}

/* The test part scored once under the model's rule; the fairness is kept in the model. */
static void
rescore (FwTrainedModel  *t,
         const FwDataset *dataset)
{
  FwFairness **fairness = fw_trained_model_score_test (t, dataset, t->recipe->seed);

  for (guint a = 0; a < dataset->n_sensitive; a++)
    fw_fairness_free (fairness[a]);
  g_free (fairness);
}

gboolean
fw_trained_model_set_threshold (FwTrainedModel  *t,
                                const FwDataset *dataset,
                                double           threshold,
                                GError         **error)
{
  g_return_val_if_fail (t != NULL && dataset != NULL, FALSE);

  if (t->task != FW_TASK_BINARY || !(threshold > 0.0 && threshold < 1.0))
    {
      g_set_error_literal (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                           _("A decision threshold needs a yes/no target and a value between "
                             "0 and 1."));
      return FALSE;
    }
  t->threshold = threshold;
  t->recipe->threshold = threshold;
  /* One threshold for everyone now: per-group ones would override it. */
  g_clear_pointer (&t->thresholds, fw_thresholds_free);
  t->recipe->threshold_policy = FW_THRESHOLD_POLICY_NONE;
  g_clear_pointer (&t->recipe->group_thresholds_names, g_strfreev);
  g_clear_pointer (&t->recipe->group_thresholds_values, g_free);
  rescore (t, dataset);
  return TRUE;
}

/* The rule fitting replaces (the recipe's group thresholds taken out of it), put back when
 * fitting fails. */
typedef struct
{
  FwThresholds      *thresholds;
  char              *threshold_attribute;
  FwThresholdPolicy  policy;
  char              *recipe_attribute;
  char             **names;
  double            *values;
  double             threshold;
} Saved;

static void
save_rule (FwTrainedModel *t,
           Saved          *saved)
{
  *saved = (Saved) {
    .thresholds = g_steal_pointer (&t->thresholds),
    .threshold_attribute = g_strdup (t->threshold_attribute),
    .policy = t->recipe->threshold_policy,
    .recipe_attribute = g_strdup (t->recipe->threshold_attribute),
    .names = g_steal_pointer (&t->recipe->group_thresholds_names),
    .values = g_steal_pointer (&t->recipe->group_thresholds_values),
    .threshold = t->threshold,
  };
}

/* @ok: keep the new rule (and drop @saved), else put @saved back. */
static gboolean
restore_rule (FwTrainedModel *t,
              Saved          *saved,
              gboolean        ok)
{
  if (ok)
    {
      fw_thresholds_free (saved->thresholds);
      g_free (saved->threshold_attribute);
      g_free (saved->recipe_attribute);
      g_strfreev (saved->names);
      g_free (saved->values);
      return TRUE;
    }
  g_clear_pointer (&t->thresholds, fw_thresholds_free);
  t->thresholds = saved->thresholds;
  g_free (t->threshold_attribute);
  t->threshold_attribute = saved->threshold_attribute;
  t->recipe->threshold_policy = saved->policy;
  g_free (t->recipe->threshold_attribute);
  t->recipe->threshold_attribute = saved->recipe_attribute;
  g_strfreev (t->recipe->group_thresholds_names);
  t->recipe->group_thresholds_names = saved->names;
  g_free (t->recipe->group_thresholds_values);
  t->recipe->group_thresholds_values = saved->values;
  t->threshold = t->recipe->threshold = saved->threshold;
  return FALSE;
}

static gboolean
check_column (const FwTrainedModel *t,
              const FwDataset      *dataset,
              const char           *attribute,
              GError              **error)
{
  /* A column of the data, not the intersection of two, which new data does not have. */
  for (guint a = 0; a < dataset->n_sensitive; a++)
    if (g_strcmp0 (dataset->sensitive_names[a], attribute) == 0 &&
        g_ptr_array_find_with_equal_func (t->recipe->sensitive, attribute, g_str_equal, NULL))
      return TRUE;
  g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_COLUMN,
               _("Per-group thresholds are for “%s”, which is not a sensitive column."),
               attribute != NULL ? attribute : "");
  return FALSE;
}

gboolean
fw_trained_model_set_thresholds (FwTrainedModel            *t,
                                 const FwDataset           *dataset,
                                 const FwGroupThresholdSet *set,
                                 GError                   **error)
{
  Saved saved;
  guint n;

  g_return_val_if_fail (t != NULL && dataset != NULL && set != NULL, FALSE);
  g_return_val_if_fail (set->names != NULL && set->values != NULL, FALSE);

  if (t->task != FW_TASK_BINARY || !(set->common > 0.0 && set->common < 1.0))
    {
      g_set_error_literal (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                           _("A decision threshold needs a yes/no target and a value between "
                             "0 and 1."));
      return FALSE;
    }
  if (!check_column (t, dataset, set->attribute, error))
    return FALSE;
  n = g_strv_length ((char **) set->names);
  save_rule (t, &saved);
  t->threshold = t->recipe->threshold = set->common;
  t->recipe->threshold_policy = FW_THRESHOLD_POLICY_MANUAL;
  g_free (t->recipe->threshold_attribute);
  t->recipe->threshold_attribute = g_strdup (set->attribute);
  t->recipe->group_thresholds_names = g_strdupv ((char **) set->names);
  t->recipe->group_thresholds_values = g_memdup2 (set->values, MAX (n, 1) * sizeof (double));
  if (!restore_rule (t, &saved,
                     fw_trained_model_fit_thresholds (t, dataset, FW_THRESHOLD_POLICY_MANUAL,
                                                      error)))
    return FALSE;
  rescore (t, dataset);
  return TRUE;
}

gboolean
fw_trained_model_refit_thresholds (FwTrainedModel    *t,
                                   const FwDataset   *dataset,
                                   const char        *attribute,
                                   FwThresholdPolicy  policy,
                                   GError           **error)
{
  Saved saved;

  g_return_val_if_fail (t != NULL && dataset != NULL, FALSE);
  g_return_val_if_fail (policy == FW_THRESHOLD_POLICY_PARITY ||
                        policy == FW_THRESHOLD_POLICY_TPR, FALSE);

  if (!check_column (t, dataset, attribute, error))
    return FALSE;
  save_rule (t, &saved);
  t->recipe->threshold_policy = policy;
  g_free (t->recipe->threshold_attribute);
  t->recipe->threshold_attribute = g_strdup (attribute);
  if (!restore_rule (t, &saved, fw_trained_model_fit_thresholds (t, dataset, policy, error)))
    return FALSE;
  rescore (t, dataset);
  return TRUE;
}
