/* fw-onnx-metadata.c — what an exported ONNX model says about itself (metadata_props)
 *
 * Plain keys for single values, JSON for lists, all under "fairway.": enough for someone
 * holding only the .onnx file to map its outputs to class names, its features back to
 * source columns and categories, and the model to the data and Fairway that made it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-json.h"
#include "fw-onnx-private.h"
#include "fw-preprocessor-private.h"

static char *
builder_to_string (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  return fw_json_to_data (root, FALSE, NULL);
}

static char *
classes_json (const FwTrainedModel *t)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint c = 0; c < t->n_classes; c++)
    json_builder_add_string_value (b, t->class_names[c]);
  json_builder_end_array (b);
  return builder_to_string (b);
}

/* @key, @value: one more member when @key is not NULL. */
static void
add_feature (JsonBuilder *b,
             const char  *name,
             const char  *column,
             const char  *encoding,
             const char  *key,
             const char  *value)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, name);
  json_builder_set_member_name (b, "column");
  json_builder_add_string_value (b, column);
  json_builder_set_member_name (b, "encoding");
  json_builder_add_string_value (b, encoding);
  if (key != NULL)
    {
      json_builder_set_member_name (b, key);
      json_builder_add_string_value (b, value);
    }
  json_builder_end_object (b);
}

/* One entry per feature, in the model's order: its name, source column, and for one-hot
 * features the category (the "other" slot has encoding "one_hot_other"); a number read
 * from dates names the later date's column ("days_to") or the part ("date_part"). */
static char *
features_json (const FwPreprocessor *pre)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < pre->inputs->len; i++)
    {
      const FwInput *input = g_ptr_array_index (pre->inputs, i);

      if (!input->one_hot)
        {
          const char *key = NULL, *value = NULL;

          if (input->days_to != NULL)
            {
              key = "days_to";
              value = input->days_to;
            }
          else if (input->date_part != FW_DATE_NONE)
            {
              key = "date_part";
              value = fw_date_part_names[input->date_part];
            }
          add_feature (b, pre->feature_names[input->first], input->column, "number", key,
                       value);
          if (input->indicator)
            add_feature (b, pre->feature_names[input->first + 1], input->column, "was_missing",
                         key, value);
          continue;
        }
      for (guint k = 0; k < input->categories->len; k++)
        add_feature (b, pre->feature_names[input->first + k], input->column, "one_hot",
                     "category", g_ptr_array_index (input->categories, k));
      add_feature (b, pre->feature_names[input->first + input->categories->len], input->column,
                   "one_hot_other", NULL, NULL);
    }
  json_builder_end_array (b);
  return builder_to_string (b);
}

static char *
inputs_json (const char *const *inputs,
             GHashTable        *types,
             guint              n)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      guint type = GPOINTER_TO_UINT (g_hash_table_lookup (types, inputs[i]));

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, inputs[i]);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, type == FW_ONNX_STRING   ? "string"
                                        : type == FW_ONNX_DOUBLE ? "double"
                                                                 : "float");
      /* Only dates are double inputs: their days, counted as fw_date_to_days does. */
      if (type == FW_ONNX_DOUBLE)
        {
          json_builder_set_member_name (b, "date");
          json_builder_add_string_value (b, "days_since_1970-01-01");
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return builder_to_string (b);
}

static char *
thresholds_json (const FwTrainedModel *t)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "attribute");
  json_builder_add_string_value (b, t->threshold_attribute);
  json_builder_set_member_name (b, "policy");
  json_builder_add_string_value (b, fw_threshold_policy_to_string (t->thresholds->policy));
  json_builder_set_member_name (b, "default");
  json_builder_add_double_value (b, fw_trained_model_unseen_threshold (t));
  json_builder_set_member_name (b, "groups");
  json_builder_begin_array (b);
  for (guint g = 0; g < t->thresholds->n_groups; g++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, t->thresholds->groups[g].name);
      json_builder_set_member_name (b, "threshold");
      json_builder_add_double_value (b, t->thresholds->groups[g].threshold);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return builder_to_string (b);
}

static void
add (GPtrArray  *pairs,
     const char *key,
     char       *value)
{
  g_ptr_array_add (pairs, g_strdup (key));
  g_ptr_array_add (pairs, value);
}

char **
fw_onnx_metadata (const FwTrainedModel *t,
                  const char *const    *inputs,
                  GHashTable           *types,
                  guint                 n_inputs)
{
  GPtrArray *pairs = g_ptr_array_new ();

  g_return_val_if_fail (t != NULL, NULL);

  add (pairs, "fairway.version", g_strdup (t->fairway_version != NULL ? t->fairway_version : ""));
  add (pairs, "fairway.exporter_version", g_strdup (PACKAGE_VERSION));
  add (pairs, "fairway.task", g_strdup (fw_task_to_string (t->task)));
  add (pairs, "fairway.target", g_strdup (t->recipe->target));
  if (t->task != FW_TASK_REGRESSION)
    {
      add (pairs, "fairway.classes", classes_json (t));
      add (pairs, "fairway.label_type", g_strdup ("string"));
    }
  if (t->task == FW_TASK_BINARY)
    add (pairs, "fairway.positive_class", g_strdup (t->class_names[t->positive]));
  /* The one threshold the graph decides with when there are no per-group ones. */
  if (t->task == FW_TASK_BINARY && t->thresholds == NULL)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      add (pairs, "fairway.threshold", g_strdup (g_ascii_dtostr (buf, sizeof buf, t->threshold)));
    }
  add (pairs, "fairway.features", features_json (t->preprocessor));
  add (pairs, "fairway.inputs", inputs_json (inputs, types, n_inputs));
  /* What was done for fairness: reweighing shaped the weights, thresholds the decisions. */
  add (pairs, "fairway.mitigation", g_strdup (t->recipe->mitigation != NULL ? t->recipe->mitigation
                                                                           : "none"));
  if (t->thresholds != NULL)
    add (pairs, "fairway.thresholds", thresholds_json (t));
  if (t->data_name != NULL)
    add (pairs, "fairway.data_name", g_strdup (t->data_name));
  if (t->data_sha256 != NULL)
    add (pairs, "fairway.data_sha256", g_strdup (t->data_sha256));
  g_ptr_array_add (pairs, NULL);
  return (char **) g_ptr_array_free (pairs, FALSE);
}
