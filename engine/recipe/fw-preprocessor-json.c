/* fw-preprocessor-json.c — the fitted preprocessor as JSON, for the model file
 *
 *   { "version": 1, "features": ["age", "sex=female", "sex=other", …],
 *     "inputs": [ { "column": "age", "encoding": "number",
 *                   "ops": [ { "op": "fill", "value": 37 },
 *                            { "op": "clip", "low": -20, "high": 95 },
 *                            { "op": "scale", "offset": 38.2, "factor": 0.072 } ] },
 *                 { "column": "sex", "encoding": "one_hot", "fill": "female",
 *                   "categories": ["female", "male"] },
 *                 { "column": "pdays", "encoding": "number", "indicator": true,
 *                   "ops": [ { "op": "missing", "value": -1 }, { "op": "fill", "value": 3 } ] } ] }
 *
 * An input with "indicator": true adds the feature "column_was_missing" after its own; one
 * with "date_part": "year" (or "month", "weekday") reads that part of a date column, as
 * the number "column_year", and runs its ops on it.
 *
 * Doubles are written with 17 significant digits, so a round trip is exact.  Loading checks
 * every member, that numbers are finite, that categories are distinct, and that the
 * feature names match the inputs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include "fw-preprocessor-private.h"

#define FORMAT_VERSION 1

static const char *const op_names[] = { "fill", "clip", "scale", "missing" };

static JsonArray *
ops_to_json (const FwInput *input)
{
  JsonArray *array = json_array_new ();

  for (guint k = 0; k < input->ops->len; k++)
    {
      const FwOp *op = &g_array_index (input->ops, FwOp, k);
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "op", op_names[op->kind]);
      if (op->kind == FW_OP_FILL || op->kind == FW_OP_MISSING)
        json_object_set_double_member (item, "value", op->a);
      else if (op->kind == FW_OP_CLIP)
        {
          json_object_set_double_member (item, "low", op->a);
          json_object_set_double_member (item, "high", op->b);
        }
      else
        {
          json_object_set_double_member (item, "offset", op->a);
          json_object_set_double_member (item, "factor", op->b);
        }
      json_array_add_object_element (array, item);
    }
  return array;
}

JsonNode *
fw_preprocessor_to_json (const FwPreprocessor *pre)
{
  JsonObject *object;
  JsonArray *features, *inputs;
  JsonNode *node;

  g_return_val_if_fail (pre != NULL, NULL);

  object = json_object_new ();
  json_object_set_int_member (object, "version", FORMAT_VERSION);
  features = json_array_new ();
  for (guint f = 0; f < pre->n_features; f++)
    json_array_add_string_element (features, pre->feature_names[f]);
  json_object_set_array_member (object, "features", features);

  inputs = json_array_new ();
  for (guint i = 0; i < pre->inputs->len; i++)
    {
      const FwInput *input = g_ptr_array_index (pre->inputs, i);
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "column", input->column);
      json_object_set_string_member (item, "encoding", input->one_hot ? "one_hot" : "number");
      if (!input->one_hot || input->from_numbers)
        json_object_set_array_member (item, "ops", ops_to_json (input));
      if (input->indicator)
        json_object_set_boolean_member (item, "indicator", TRUE);
      if (input->date_part != FW_DATE_NONE)
        json_object_set_string_member (item, "date_part", fw_date_part_names[input->date_part]);
      if (input->days_to != NULL)
        {
          json_object_set_string_member (item, "days_to", input->days_to);
          json_object_set_string_member (item, "name", input->name);
        }
      if (input->one_hot)
        {
          JsonArray *categories = json_array_new ();

          if (!input->from_numbers)
            {
              if (input->fill != NULL)
                json_object_set_string_member (item, "fill", input->fill);
              else
                json_object_set_null_member (item, "fill");
            }
          for (guint k = 0; k < input->categories->len; k++)
            json_array_add_string_element (categories, g_ptr_array_index (input->categories, k));
          json_object_set_array_member (item, "categories", categories);
        }
      json_array_add_object_element (inputs, item);
    }
  json_object_set_array_member (object, "inputs", inputs);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

static gboolean
corrupt (GError    **error,
         const char *what)
{
  g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
               _("The saved preprocessing is damaged: %s"), what);
  return FALSE;
}

static gboolean
only_members (JsonObject        *object,
              const char *const *known)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      return FALSE;
  return TRUE;
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
get_finite (JsonObject *object,
            const char *name,
            double     *out)
{
  JsonNode *node = json_object_get_member (object, name);
  GType type = node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node)
                                                             : G_TYPE_INVALID;

  if (type == G_TYPE_DOUBLE)
    *out = json_node_get_double (node);
  else if (type == G_TYPE_INT64)
    *out = (double) json_node_get_int (node);
  else
    return FALSE;
  return isfinite (*out);
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
ops_from_json (JsonArray *array,
               FwInput   *input,
               GError   **error)
{
  static const char *const keys[][3] = { { "op", "value" }, { "op", "low", "high" },
                                         { "op", "offset", "factor" }, { "op", "value" } };
  static const char *const fields[][2] = { { "value", NULL }, { "low", "high" },
                                           { "offset", "factor" }, { "value", NULL } };

  for (guint k = 0; k < json_array_get_length (array); k++)
    {
      JsonNode *node = json_array_get_element (array, k);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *name = item != NULL ? get_string (item, "op") : NULL;
      const char *known[4] = { NULL };
      FwOp op = { 0 };
      guint kind;

      for (kind = 0; kind < G_N_ELEMENTS (op_names); kind++)
        if (g_strcmp0 (name, op_names[kind]) == 0)
          break;
      if (kind == G_N_ELEMENTS (op_names))
        return corrupt (error, _("an unknown operation"));
      memcpy (known, keys[kind], sizeof keys[kind]);
      op.kind = (FwOpKind) kind;
      if (!only_members (item, known) || !get_finite (item, fields[kind][0], &op.a) ||
          (fields[kind][1] != NULL && !get_finite (item, fields[kind][1], &op.b)))
        return corrupt (error, _("an operation with missing or bad numbers"));
      if (op.kind == FW_OP_CLIP && op.a > op.b)
        return corrupt (error, _("clip fences in the wrong order"));
      g_array_append_val (input->ops, op);
    }
  return TRUE;
}

static gboolean
categories_from_json (JsonArray *array,
                      FwInput   *input,
                      GError   **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint k = 0; k < json_array_get_length (array); k++)
    {
      JsonNode *node = json_array_get_element (array, k);
      const char *value;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return corrupt (error, _("a category that is not text"));
      value = json_node_get_string (node);
      if (strcmp (value, FW_ONE_HOT_OTHER) == 0 || !g_hash_table_add (seen, (gpointer) value))
        return corrupt (error, _("a category listed twice"));
      g_ptr_array_add (input->categories, g_strdup (value));
    }
  return TRUE;
}

static FwInput *
input_from_json (JsonNode *node,
                 GError  **error)
{
  static const char *const known[] = { "column", "encoding", "ops", "fill", "categories",
                                       "indicator", "date_part", "days_to", "name", NULL };
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *column, *encoding, *date_part;
  JsonArray *ops, *categories;
  JsonNode *fill, *indicator;
  FwInput *input;

  if (object == NULL || !only_members (object, known))
    {
      corrupt (error, _("an input that is not as expected"));
      return NULL;
    }
  column = get_string (object, "column");
  encoding = get_string (object, "encoding");
  ops = get_array (object, "ops");
  categories = get_array (object, "categories");
  fill = json_object_get_member (object, "fill");
  indicator = json_object_get_member (object, "indicator");
  date_part = get_string (object, "date_part");
  if (column == NULL || column[0] == '\0' ||
      (g_strcmp0 (encoding, "number") != 0 && g_strcmp0 (encoding, "one_hot") != 0))
    {
      corrupt (error, _("an input without a column or encoding"));
      return NULL;
    }

  input = fw_input_new (column);
  input->one_hot = strcmp (encoding, "one_hot") == 0;
  input->from_numbers = input->one_hot && ops != NULL;
  if ((!input->one_hot && (ops == NULL || categories != NULL || fill != NULL)) ||
      (input->one_hot && (categories == NULL || (ops != NULL) == (fill != NULL))) ||
      (fill != NULL && !JSON_NODE_HOLDS_NULL (fill) && get_string (object, "fill") == NULL) ||
      (indicator != NULL && (ops == NULL || !JSON_NODE_HOLDS_VALUE (indicator) ||
                             json_node_get_value_type (indicator) != G_TYPE_BOOLEAN)) ||
      (ops != NULL && !ops_from_json (ops, input, error)) ||
      (categories != NULL && !categories_from_json (categories, input, error)))
    {
      if (error == NULL || *error == NULL)
        corrupt (error, _("an input with members that do not fit its encoding"));
      fw_input_free (input);
      return NULL;
    }
  if (fill != NULL && !JSON_NODE_HOLDS_NULL (fill))
    input->fill = g_strdup (get_string (object, "fill"));
  input->indicator = indicator != NULL && json_node_get_boolean (indicator);
  if (json_object_has_member (object, "days_to") || json_object_has_member (object, "name"))
    {
      const char *to = get_string (object, "days_to"), *name = get_string (object, "name");

      if (to == NULL || to[0] == '\0' || name == NULL || name[0] == '\0' || input->one_hot ||
          json_object_has_member (object, "date_part"))
        {
          corrupt (error, _("an input with members that do not fit its encoding"));
          fw_input_free (input);
          return NULL;
        }
      input->days_to = g_strdup (to);
      input->name = g_strdup (name);
    }
  if (json_object_has_member (object, "date_part"))
    {
      for (FwDatePart part = FW_DATE_YEAR; part < FW_N_DATE_PARTS; part++)
        if (g_strcmp0 (date_part, fw_date_part_names[part]) == 0)
          input->date_part = part;
      if (input->date_part == FW_DATE_NONE || input->one_hot || input->indicator)
        {
          corrupt (error, _("an input with members that do not fit its encoding"));
          fw_input_free (input);
          return NULL;
        }
    }
  return input;
}

FwPreprocessor *
fw_preprocessor_new_from_json (JsonNode *node,
                               GError  **error)
{
  static const char *const known[] = { "version", "features", "inputs", NULL };
  g_autoptr(FwPreprocessor) pre = NULL;
  JsonObject *object;
  JsonArray *features, *inputs;
  JsonNode *version;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (object == NULL || !only_members (object, known))
    {
      corrupt (error, _("it is not an object of the expected members"));
      return NULL;
    }
  version = json_object_get_member (object, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64 || json_node_get_int (version) < 1)
    {
      corrupt (error, _("no version"));
      return NULL;
    }
  if (json_node_get_int (version) > FORMAT_VERSION)
    {
      g_set_error_literal (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_NEWER,
                           _("The saved preprocessing comes from a newer Fairway"));
      return NULL;
    }
  features = get_array (object, "features");
  inputs = get_array (object, "inputs");
  if (features == NULL || inputs == NULL)
    {
      corrupt (error, _("no features or inputs"));
      return NULL;
    }

  pre = g_new0 (FwPreprocessor, 1);
  pre->inputs = g_ptr_array_new_with_free_func (fw_input_free);
  for (guint i = 0; i < json_array_get_length (inputs); i++)
    {
      FwInput *input = input_from_json (json_array_get_element (inputs, i), error);

      if (input == NULL)
        return NULL;
      g_ptr_array_add (pre->inputs, input);
    }
  fw_preprocessor_finish (pre);

  /* The names are derived from the inputs; a mismatch means one side was altered. */
  if (pre->n_features == 0 || json_array_get_length (features) != pre->n_features)
    {
      corrupt (error, _("the feature count does not match the inputs"));
      return NULL;
    }
  for (guint f = 0; f < pre->n_features; f++)
    {
      JsonNode *name = json_array_get_element (features, f);

      if (!JSON_NODE_HOLDS_VALUE (name) || json_node_get_value_type (name) != G_TYPE_STRING ||
          strcmp (json_node_get_string (name), pre->feature_names[f]) != 0)
        {
          corrupt (error, _("the feature names do not match the inputs"));
          return NULL;
        }
    }
  return g_steal_pointer (&pre);
}
