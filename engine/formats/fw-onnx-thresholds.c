/* fw-onnx-thresholds.c — per-group decision thresholds inside the ONNX graph
 *
 * fw_trained_model_decide finds a row's group by name with fw_sensitive_groups: a text
 * column's groups are its cells, a number column's its values written out (or, past
 * FW_SENSITIVE_MAX_VALUES distinct values, quartile ranges of the rows being predicted,
 * which no fixed graph can reproduce), a missing cell's "(missing)".  Here a LabelEncoder
 * maps the cell to its group's threshold (text cells as written, numbers compared as
 * floats), and an unseen group keeps fw_trained_model_unseen_threshold, as in the C.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-error.h"
#include "fw-number.h"
#include "fw-onnx-error.h"
#include "fw-onnx-private.h"

typedef enum {
  NAME_NUMBER,
  NAME_RANGE,                   /* "< 3", "3 – 7", "≥ 7": fw-sensitive.c's quartile groups */
  NAME_TEXT,
} NameKind;

static NameKind
name_kind (const char *name,
           double     *value)
{
  if (fw_number_parse (name, strlen (name), FALSE, value, NULL) && isfinite (*value))
    return NAME_NUMBER;
  if (g_str_has_prefix (name, "< ") || g_str_has_prefix (name, "≥ ") ||
      strstr (name, " – ") != NULL)
    return NAME_RANGE;
  return NAME_TEXT;
}

FwOnnxType
fw_onnx_threshold_input_type (const FwTrainedModel *t)
{
  const char *missing = _("(missing)");

  g_return_val_if_fail (t != NULL && t->thresholds != NULL, FW_ONNX_STRING);

  for (guint g = 0; g < t->thresholds->n_groups; g++)
    {
      const char *name = t->thresholds->groups[g].name;
      double value;

      if (strcmp (name, missing) != 0 && name_kind (name, &value) == NAME_TEXT)
        return FW_ONNX_STRING;
    }
  return FW_ONNX_FLOAT;
}

static const char *
threshold_encoder (FwOnnxGraph *graph,
                   const char  *column,
                   const char  *keys_attribute,
                   gconstpointer keys,
                   GArray      *values,
                   float        unseen)
{
  FwOnnxNode *node = fw_onnx_graph_node (graph, FW_ONNX_ML_DOMAIN, "LabelEncoder", NULL,
                                         column, NULL);

  if (strcmp (keys_attribute, "keys_strings") == 0)
    fw_onnx_node_set_strings (node, keys_attribute, keys, values->len);
  else
    fw_onnx_node_set_floats (node, keys_attribute, keys, values->len);
  fw_onnx_node_set_floats (node, "values_floats", (const float *) (gpointer) values->data,
                           values->len);
  fw_onnx_node_set_float (node, "default_float", unseen);
  return fw_onnx_node_output (node);
}

/* Text groups: each name, and every missing marker for "(missing)". */
static const char *
text_thresholds (FwOnnxGraph          *graph,
                 const FwTrainedModel *t,
                 float                 missing_threshold)
{
  g_autoptr(GPtrArray) markers = fw_onnx_missing_markers ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (float));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint g = 0; g < t->thresholds->n_groups; g++)
    {
      const FwGroupThreshold *group = &t->thresholds->groups[g];
      float threshold = fw_onnx_float_at_least (group->threshold);

      /* A name listed twice: the lookup finds the first. */
      if (!g_hash_table_add (seen, group->name))
        continue;
      g_ptr_array_add (keys, group->name);
      g_array_append_val (values, threshold);
    }
  for (guint m = 0; m < markers->len; m++)
    if (g_hash_table_add (seen, g_ptr_array_index (markers, m)))
      {
        g_ptr_array_add (keys, g_ptr_array_index (markers, m));
        g_array_append_val (values, missing_threshold);
      }
  return threshold_encoder (graph, t->threshold_attribute, "keys_strings", keys->pdata, values,
                            fw_onnx_float_at_least (fw_trained_model_unseen_threshold (t)));
}

/* Number groups: each value as a float; a missing cell (NaN) gets "(missing)"'s. */
static const char *
number_thresholds (FwOnnxGraph          *graph,
                   const FwTrainedModel *t,
                   float                 missing_threshold,
                   GError              **error)
{
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (float));
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (float));
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  const char *missing = _("(missing)"), *threshold, *nan, *fallback;
  float unseen = fw_onnx_float_at_least (fw_trained_model_unseen_threshold (t));

  for (guint g = 0; g < t->thresholds->n_groups; g++)
    {
      const FwGroupThreshold *group = &t->thresholds->groups[g];
      float value = fw_onnx_float_at_least (group->threshold), key;
      double number;

      if (strcmp (group->name, missing) == 0)
        continue;
      if (name_kind (group->name, &number) != NAME_NUMBER)
        {
          fw_set_error (error, FW_ONNX_ERROR, FW_ONNX_ERROR_UNSUPPORTED,
                        _("The decision thresholds are per range of the number column “%s” "
                          "(such as “%s”), and those ranges depend on the rows predicted, "
                          "which an ONNX model cannot follow."),
                        t->threshold_attribute, group->name);
          return NULL;
        }
      key = (float) number;
      if (!g_hash_table_add (seen, fw_onnx_float_key (key)))
        {
          fw_set_error (error, FW_ONNX_ERROR, FW_ONNX_ERROR_UNSUPPORTED,
                        _("Two groups of column “%s” are the same number in single "
                          "precision, which the ONNX model cannot tell apart."),
                        t->threshold_attribute);
          return NULL;
        }
      g_array_append_val (keys, key);
      g_array_append_val (values, value);
    }
  threshold = keys->len > 0
              ? threshold_encoder (graph, t->threshold_attribute, "keys_floats", keys->data,
                                   values, unseen)
              : fw_onnx_graph_float (graph, unseen);
  nan = fw_onnx_node_output (fw_onnx_graph_node (graph, NULL, "IsNaN", NULL,
                                                 t->threshold_attribute, NULL));
  fallback = fw_onnx_graph_float (graph, missing_threshold);
  return fw_onnx_node_output (fw_onnx_graph_node (graph, NULL, "Where", NULL, nan, fallback,
                                                  threshold, NULL));
}

const char *
fw_onnx_threshold_block (FwOnnxGraph          *graph,
                         const FwTrainedModel *t,
                         FwOnnxType            type,
                         GError              **error)
{
  float missing_threshold;

  g_return_val_if_fail (graph != NULL && t != NULL && t->thresholds != NULL, NULL);

  missing_threshold = fw_onnx_float_at_least (fw_trained_model_group_threshold (t,
                                                                                _("(missing)")));
  return type == FW_ONNX_STRING ? text_thresholds (graph, t, missing_threshold)
                                : number_thresholds (graph, t, missing_threshold, error);
}
