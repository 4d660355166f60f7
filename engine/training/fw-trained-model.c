/* fw-trained-model.c — a trained pipeline and its .fwmodel file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include "fw-metrics.h"
#include "fw-backend.h"
#include "fw-model-file.h"
#include "fw-preprocessor.h"
#include "fw-sensitive.h"
#include "fw-trained-model.h"

static const char *const task_names[] = {
  [FW_TASK_AUTO] = "auto",
  [FW_TASK_BINARY] = "binary",
  [FW_TASK_MULTICLASS] = "multiclass",
  [FW_TASK_REGRESSION] = "regression",
};

const char *
fw_task_to_string (FwTask task)
{
  g_return_val_if_fail (task <= FW_TASK_REGRESSION, NULL);
  return task_names[task];
}

static gboolean
task_from_string (const char *name,
                  FwTask     *task)
{
  for (guint t = FW_TASK_BINARY; t <= FW_TASK_REGRESSION; t++)
    if (g_strcmp0 (name, task_names[t]) == 0)
      {
        *task = t;
        return TRUE;
      }
  return FALSE;
}

void
fw_trained_model_free (FwTrainedModel *t)
{
  if (t == NULL)
    return;
  fw_recipe_free (t->recipe);
  fw_preprocessor_free (t->preprocessor);
  fw_model_free (t->model);
  g_strfreev (t->class_names);
  g_strfreev (t->feature_names);
  g_clear_pointer (&t->test_metrics, json_object_unref);
  g_clear_pointer (&t->fairness, json_array_unref);
  g_clear_pointer (&t->energy, json_object_unref);
  g_clear_pointer (&t->explanations, json_object_unref);
  g_clear_pointer (&t->history, json_array_unref);
  g_clear_pointer (&t->confusion, json_array_unref);
  g_clear_pointer (&t->findings, json_array_unref);
  g_clear_pointer (&t->baseline, json_object_unref);
  g_clear_pointer (&t->thresholds, fw_thresholds_free);
  g_free (t->threshold_attribute);
  g_free (t->data_name);
  g_free (t->data_sha256);
  g_free (t->fairway_version);
  g_free (t->backend);
  g_free (t);
}

FwTrainedModel *
fw_trained_model_new (const FwRecipe  *recipe,
                      const FwDataset *dataset,
                      const FwModel   *model,
                      JsonObject      *test_metrics,
                      GError         **error)
{
  g_autoptr(FwTrainedModel) t = g_new0 (FwTrainedModel, 1);
  g_autoptr(JsonNode) pre = NULL;

  g_return_val_if_fail (recipe != NULL && dataset != NULL && model != NULL, NULL);

  /* Through JSON: the copy is then exactly what a reloaded model will have. */
  pre = fw_preprocessor_to_json (dataset->preprocessor);
  t->preprocessor = fw_preprocessor_new_from_json (pre, error);
  if (t->preprocessor == NULL)
    return NULL;
  t->recipe = fw_recipe_copy (recipe);
  t->model = fw_model_dup (model);
  t->task = dataset->task;
  t->n_classes = dataset->n_classes;
  t->class_names = g_strdupv (dataset->class_names);
  t->positive = dataset->positive;
  t->threshold = recipe->threshold;
  t->feature_names = g_strdupv (dataset->feature_names);
  t->test_metrics = test_metrics != NULL ? json_object_ref (test_metrics) : json_object_new ();
  t->fairness = json_array_new ();
  t->energy = json_object_new ();
  t->explanations = json_object_new ();
  t->history = json_array_new ();
  t->confusion = json_array_new ();
  t->findings = json_array_new ();
  t->baseline = json_object_new ();
  for (guint p = 0; p < FW_N_PARTS; p++)
    t->part_rows[p] = dataset->parts[p].n;
  t->fairway_version = g_strdup (PACKAGE_VERSION);
  t->backend = fw_model_describe_backend (model);
  t->created = g_get_real_time () / G_USEC_PER_SEC;
  return g_steal_pointer (&t);
}

static const char *const part_names[FW_N_PARTS] = { "train", "validation", "test" };

static JsonArray *
strv_to_array (char **strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  return array;
}

gboolean
fw_trained_model_save (const FwTrainedModel *t,
                       GFile                *file,
                       GError              **error)
{
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(GPtrArray) arrays = NULL;
  g_autofree FwModelArray *flat = NULL;
  JsonObject *data = json_object_new ();

  g_return_val_if_fail (t != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  json_object_set_string_member (header, "format", "fairway-model");
  json_object_set_string_member (header, "fairway_version", t->fairway_version);
  json_object_set_int_member (header, "created", t->created);
  json_object_set_string_member (header, "backend", t->backend);
  json_object_set_double_member (header, "seconds", t->seconds);
  json_object_set_string_member (header, "task", fw_task_to_string (t->task));
  json_object_set_array_member (header, "classes", strv_to_array (t->class_names));
  json_object_set_int_member (header, "positive", t->positive);
  json_object_set_double_member (header, "threshold", t->threshold);
  json_object_set_array_member (header, "features", strv_to_array (t->feature_names));
  json_object_set_member (header, "recipe", fw_recipe_to_json (t->recipe));
  json_object_set_member (header, "preprocessor", fw_preprocessor_to_json (t->preprocessor));
  json_object_set_object_member (header, "test_metrics", json_object_ref (t->test_metrics));
  json_object_set_array_member (header, "fairness", json_array_ref (t->fairness));
  json_object_set_object_member (header, "energy", json_object_ref (t->energy));
  json_object_set_object_member (header, "explanations", json_object_ref (t->explanations));
  json_object_set_array_member (header, "history", json_array_ref (t->history));
  json_object_set_array_member (header, "confusion", json_array_ref (t->confusion));
  json_object_set_array_member (header, "findings", json_array_ref (t->findings));
  json_object_set_object_member (header, "baseline", json_object_ref (t->baseline));
  if (t->checkpoint_epoch > 0)
    {
      JsonObject *checkpoint = json_object_new ();

      json_object_set_int_member (checkpoint, "epoch", t->checkpoint_epoch);
      json_object_set_int_member (checkpoint, "epochs", t->checkpoint_epochs);
      json_object_set_boolean_member (checkpoint, "finished", t->checkpoint_finished);
      json_object_set_object_member (header, "checkpoint", checkpoint);
    }
  if (t->thresholds != NULL)
    {
      json_object_set_member (header, "thresholds", fw_thresholds_to_json (t->thresholds));
      json_object_set_string_member (header, "threshold_attribute", t->threshold_attribute);
    }
  if (t->data_name != NULL)
    json_object_set_string_member (data, "name", t->data_name);
  if (t->data_sha256 != NULL)
    json_object_set_string_member (data, "sha256", t->data_sha256);
  if (t->part_rows[FW_PART_TRAIN] > 0)
    {
      JsonObject *rows = json_object_new ();

      for (guint p = 0; p < FW_N_PARTS; p++)
        json_object_set_int_member (rows, part_names[p], t->part_rows[p]);
      json_object_set_object_member (data, "rows", rows);
    }
  json_object_set_object_member (header, "data", data);

  arrays = fw_model_get_arrays (t->model);
  flat = g_new (FwModelArray, MAX (arrays->len, 1));
  for (guint i = 0; i < arrays->len; i++)
    flat[i] = *(FwModelArray *) g_ptr_array_index (arrays, i);
  return fw_model_file_save (file, header, flat, arrays->len, NULL, error);
}

/* Always NULL, so a check can end in "return corrupt (…)". */
static gpointer
corrupt (GError    **error,
         const char *what)
{
  g_set_error (error, FW_MODEL_FILE_ERROR, FW_MODEL_FILE_ERROR_CORRUPT,
               _("This model file is damaged (its “%s” is missing or invalid). "
                 "Export the model again."), what);
  return NULL;
}

static char **
array_to_strv (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;
  GPtrArray *strv;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  strv = g_ptr_array_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (json_node_get_value_type (element) != G_TYPE_STRING)
        {
          g_ptr_array_set_free_func (strv, g_free);
          g_ptr_array_unref (strv);
          return NULL;
        }
      g_ptr_array_add (strv, g_strdup (json_node_get_string (element)));
    }
  g_ptr_array_add (strv, NULL);
  return (char **) g_ptr_array_free (strv, FALSE);
}

static const char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

/* A member that is an array, else a new empty one: members added later are optional. */
static JsonArray *
array_member (JsonObject *object,
              const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_array_ref (json_node_get_array (node))
                                                      : json_array_new ();
}

FwTrainedModel *
fw_trained_model_load (GFile   *file,
                       GError **error)
{
  g_autoptr(FwModelFile) contents = NULL;
  g_autoptr(FwTrainedModel) t = NULL;
  JsonObject *h, *data;
  JsonNode *node;
  guint n_outputs;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  contents = fw_model_file_load (file, NULL, error);
  if (contents == NULL)
    return NULL;
  h = contents->header;
  t = g_new0 (FwTrainedModel, 1);

  if (g_strcmp0 (string_member (h, "format"), "fairway-model") != 0)
    return corrupt (error, "format");
  if (!task_from_string (string_member (h, "task"), &t->task))
    return corrupt (error, "task");
  if ((node = json_object_get_member (h, "recipe")) == NULL)
    return corrupt (error, "recipe");
  if ((t->recipe = fw_recipe_new_from_json (node, error)) == NULL)
    return NULL;
  if ((node = json_object_get_member (h, "preprocessor")) == NULL)
    return corrupt (error, "preprocessor");
  if ((t->preprocessor = fw_preprocessor_new_from_json (node, error)) == NULL)
    return NULL;
  t->feature_names = array_to_strv (h, "features");
  if (t->feature_names == NULL ||
      g_strv_length (t->feature_names) != fw_preprocessor_n_features (t->preprocessor))
    return corrupt (error, "features");
  if (t->task != FW_TASK_REGRESSION)
    {
      t->class_names = array_to_strv (h, "classes");
      t->n_classes = t->class_names != NULL ? g_strv_length (t->class_names) : 0;
      if (t->n_classes < 2)
        return corrupt (error, "classes");
      node = json_object_get_member (h, "positive");
      if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64 ||
          json_node_get_int (node) < 0 || json_node_get_int (node) >= t->n_classes)
        return corrupt (error, "positive");
      t->positive = json_node_get_int (node);
    }
  t->threshold = json_object_get_double_member_with_default (h, "threshold",
                                                             FW_THRESHOLDS_DEFAULT);
  if (!(t->threshold > 0.0 && t->threshold < 1.0))
    return corrupt (error, "threshold");

  n_outputs = t->task == FW_TASK_MULTICLASS ? t->n_classes : 1;
  t->model = fw_model_new (&t->recipe->model, t->task, g_strv_length (t->feature_names),
                           n_outputs, t->recipe->seed, error);
  if (t->model == NULL || !fw_model_set_arrays (t->model, contents, error))
    return NULL;

  node = json_object_get_member (h, "test_metrics");
  t->test_metrics = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                    ? json_object_ref (json_node_get_object (node)) : json_object_new ();
  node = json_object_get_member (h, "fairness");
  t->fairness = node != NULL && JSON_NODE_HOLDS_ARRAY (node)
                ? json_array_ref (json_node_get_array (node)) : json_array_new ();
  node = json_object_get_member (h, "energy");
  t->energy = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
              ? json_object_ref (json_node_get_object (node)) : json_object_new ();
  node = json_object_get_member (h, "explanations");
  t->explanations = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                    ? json_object_ref (json_node_get_object (node)) : json_object_new ();
  t->history = array_member (h, "history");
  t->confusion = array_member (h, "confusion");
  t->findings = array_member (h, "findings");
  node = json_object_get_member (h, "baseline");
  t->baseline = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                ? json_object_ref (json_node_get_object (node)) : json_object_new ();
  node = json_object_get_member (h, "thresholds");
  if (node != NULL)
    {
      t->threshold_attribute = g_strdup (string_member (h, "threshold_attribute"));
      if (t->threshold_attribute == NULL || t->task != FW_TASK_BINARY)
        return corrupt (error, "thresholds");
      t->thresholds = fw_thresholds_new_from_json (node, error);
      if (t->thresholds == NULL)
        return NULL;
    }
  t->fairway_version = g_strdup (string_member (h, "fairway_version"));
  t->backend = g_strdup (string_member (h, "backend"));
  t->created = json_object_get_int_member_with_default (h, "created", 0);
  t->seconds = json_object_get_double_member_with_default (h, "seconds", 0);
  node = json_object_get_member (h, "checkpoint");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *checkpoint = json_node_get_object (node);
      gint64 epoch = json_object_get_int_member_with_default (checkpoint, "epoch", 0);
      gint64 epochs = json_object_get_int_member_with_default (checkpoint, "epochs", 0);

      if (epoch < 1 || epochs < epoch || epochs > G_MAXUINT)
        return corrupt (error, "checkpoint");
      t->checkpoint_epoch = epoch;
      t->checkpoint_epochs = epochs;
      t->checkpoint_finished = json_object_get_boolean_member_with_default (checkpoint,
                                                                            "finished", FALSE);
    }
  node = json_object_get_member (h, "data");
  data = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (data != NULL)
    {
      t->data_name = g_strdup (string_member (data, "name"));
      t->data_sha256 = g_strdup (string_member (data, "sha256"));
      node = json_object_get_member (data, "rows");
      for (guint p = 0; node != NULL && JSON_NODE_HOLDS_OBJECT (node) && p < FW_N_PARTS; p++)
        t->part_rows[p] = MAX (json_object_get_int_member_with_default (json_node_get_object (node),
                                                                         part_names[p], 0), 0);
    }
  return g_steal_pointer (&t);
}

float *
fw_trained_model_predict (const FwTrainedModel *t,
                          const FwTable        *table,
                          GError              **error)
{
  g_autofree float *x = NULL;
  float *out;
  gsize n;

  g_return_val_if_fail (t != NULL && table != NULL, NULL);

  x = fw_preprocessor_transform (t->preprocessor, table, error);
  if (x == NULL)
    return NULL;
  n = fw_table_n_rows (table);
  out = g_new (float, MAX (n, 1) * fw_model_n_predictions (t->model));
  fw_model_predict (t->model, x, n, out);
  return out;
}

gboolean
fw_trained_model_targets (const FwTrainedModel *t,
                          const FwTable        *table,
                          gsize               **rows_out,
                          guint32             **labels_out,
                          float               **values_out,
                          gsize                *n_out,
                          GError              **error)
{
  const FwColumn *column = fw_table_column_by_name (table, t->recipe->target);
  g_autofree gsize *rows = NULL;
  g_autofree guint32 *labels = NULL;
  g_autofree float *values = NULL;
  gsize n = 0, total;

  if (column == NULL)
    {
      g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_COLUMN,
                   _("The file has no column “%s”, which the model predicts."), t->recipe->target);
      return FALSE;
    }
  total = fw_table_n_rows (table);
  rows = g_new (gsize, MAX (total, 1));
  if (t->task == FW_TASK_REGRESSION)
    values = g_new (float, MAX (total, 1));
  else
    labels = g_new (guint32, MAX (total, 1));

  for (gsize r = 0; r < total; r++)
    {
      char buf[256];

      if (fw_column_is_missing (column, r))
        continue;
      if (t->task == FW_TASK_REGRESSION)
        {
          if (!fw_column_is_numeric (column))
            {
              g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_TARGET,
                           _("The column “%s” holds words, but the model predicts numbers."),
                           t->recipe->target);
              return FALSE;
            }
          values[n] = fw_column_get_number (column, r);
        }
      else
        {
          const char *name = fw_column_format_cell (column, r, buf, sizeof buf);
          guint c = 0;

          while (t->class_names[c] != NULL && strcmp (t->class_names[c], name) != 0)
            c++;
          if (t->class_names[c] == NULL)
            {
              g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_TARGET,
                           _("Row %zu has the class “%s”, which the model never saw."),
                           r + 1, name);
              return FALSE;
            }
          labels[n] = c;
        }
      rows[n++] = r;
    }
  *n_out = n;
  *rows_out = g_steal_pointer (&rows);
  if (labels_out != NULL)
    *labels_out = g_steal_pointer (&labels);
  if (values_out != NULL)
    *values_out = g_steal_pointer (&values);
  return TRUE;
}

gboolean
fw_trained_model_fit_thresholds (FwTrainedModel    *t,
                                 const FwDataset   *dataset,
                                 FwThresholdPolicy  policy,
                                 GError           **error)
{
  const FwDataPart *part = &dataset->parts[FW_PART_VALIDATION];
  g_autofree float *probs = NULL, *p_positive = NULL;
  FwMitigationInput input;
  FwThresholdsOptions options;
  guint a = 0;

  g_return_val_if_fail (t != NULL && dataset != NULL, FALSE);

  while (t->recipe->threshold_attribute != NULL && a < dataset->n_sensitive &&
         g_strcmp0 (dataset->sensitive_names[a], t->recipe->threshold_attribute) != 0)
    a++;
  if (a > 0 && a == dataset->n_sensitive)
    {
      g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_COLUMN,
                   _("Per-group thresholds are for “%s”, which is not a sensitive column."),
                   t->recipe->threshold_attribute);
      return FALSE;
    }

  if (t->task != FW_TASK_BINARY || dataset->n_sensitive == 0 || part->n == 0)
    {
      g_set_error_literal (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                           _("Per-group thresholds need a yes/no target, a sensitive column and "
                             "validation rows."));
      return FALSE;
    }
  probs = g_new (float, part->n * 2);
  p_positive = g_new (float, part->n);
  fw_model_predict (t->model, part->x, part->n, probs);
  for (gsize i = 0; i < part->n; i++)
    p_positive[i] = probs[2 * i + t->positive];
  g_clear_pointer (&t->thresholds, fw_thresholds_free);
  input = (FwMitigationInput) {
    .groups = part->sensitive[a], .n_groups = g_strv_length (dataset->sensitive_groups[a]),
    .group_names = (const char *const *) dataset->sensitive_groups[a],
    .labels = part->labels, .n_classes = 2, .weights = part->weights, .n = part->n,
    .p_positive = p_positive, .positive = t->positive,
  };
  if (policy == FW_THRESHOLD_POLICY_MANUAL)
    {
      FwManualThresholds manual = {
        .names = (const char *const *) t->recipe->group_thresholds_names,
        .values = t->recipe->group_thresholds_values,
        .common = t->threshold, .min_rows = t->recipe->min_group_rows,
      };

      if (manual.names == NULL)
        {
          g_set_error_literal (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                               _("Hand-chosen thresholds need the recipe’s "
                                 "“group_thresholds”."));
          return FALSE;
        }
      t->thresholds = fw_thresholds_new_manual (&input, &manual, error);
    }
  else
    {
      fw_thresholds_options_init (&options);
      options.policy = policy;
      t->thresholds = fw_thresholds_fit (&input, &options, error);
    }
  g_free (t->threshold_attribute);
  t->threshold_attribute = g_strdup (dataset->sensitive_names[a]);
  return t->thresholds != NULL;
}

double
fw_trained_model_unseen_threshold (const FwTrainedModel *t)
{
  g_return_val_if_fail (t != NULL, FW_THRESHOLDS_DEFAULT);

  return t->thresholds != NULL && t->thresholds->policy == FW_THRESHOLD_POLICY_MANUAL
         ? t->threshold : FW_THRESHOLDS_DEFAULT;
}

double
fw_trained_model_group_threshold (const FwTrainedModel *t,
                                  const char           *name)
{
  guint32 g;

  g_return_val_if_fail (t != NULL && t->thresholds != NULL, FW_THRESHOLDS_DEFAULT);

  g = fw_thresholds_find_group (t->thresholds, name);
  return g != FW_THRESHOLDS_UNSEEN ? t->thresholds->groups[g].threshold
                                   : fw_trained_model_unseen_threshold (t);
}

guint32 *
fw_trained_model_decide (const FwTrainedModel *t,
                         const FwTable        *table,
                         const float          *predictions)
{
  gsize n = fw_table_n_rows (table);
  const FwColumn *column = NULL;
  g_autofree guint32 *codes = NULL;
  g_autofree double *by_code = NULL;
  g_auto(GStrv) names = NULL;
  guint32 *decided;

  g_return_val_if_fail (t != NULL && table != NULL, NULL);

  if (t->task == FW_TASK_REGRESSION)
    return NULL;
  if (t->thresholds != NULL)
    column = fw_table_column_by_name (table, t->threshold_attribute);
  if (column != NULL)
    {
      guint n_names;

      /* The file's own groups, matched to the fitted ones by name. */
      fw_sensitive_groups (column, &codes, &names);
      n_names = g_strv_length (names);
      by_code = g_new (double, MAX (n_names, 1));
      for (guint g = 0; g < n_names; g++)
        by_code[g] = fw_trained_model_group_threshold (t, names[g]);
    }

  decided = g_new (guint32, MAX (n, 1));
  for (gsize r = 0; r < n; r++)
    {
      double threshold = by_code != NULL ? by_code[codes[r]]
                       : t->thresholds != NULL ? fw_trained_model_unseen_threshold (t)
                       : t->threshold;

      decided[r] = fw_metrics_decide (predictions + r * t->n_classes, t->n_classes, t->positive,
                                      threshold);
    }
  return decided;
}
