/* fw-recipe-json.c — recipes as JSON: writing and strict reading
 *
 * Reading checks every member's type and refuses unknown ones, naming the field by its path
 * ("model.epochs", "steps[2].kind"); ranges are then checked by fw_recipe_validate, so a
 * recipe from a file and one built in code meet the same rules.  Members left out take
 * their defaults; only "schema_version" is required.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>
#include "fw-error.h"
#include "fw-recipe.h"
#include "fw-recipe-private.h"

static void
set_string_or_null (JsonObject *object,
                    const char *name,
                    const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

static JsonNode *
model_to_json (const FwModelSpec *model)
{
  JsonObject *object = json_object_new ();
  JsonArray *hidden = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "kind", fw_recipe_model_names[model->kind]);
  for (guint i = 0; i < MIN (model->n_hidden, FW_RECIPE_MAX_HIDDEN); i++)
    json_array_add_int_element (hidden, model->hidden[i]);
  json_object_set_array_member (object, "hidden", hidden);
  json_object_set_int_member (object, "epochs", model->epochs);
  json_object_set_int_member (object, "batch_size", model->batch_size);
  json_object_set_double_member (object, "learning_rate", model->learning_rate);
  json_object_set_double_member (object, "l2", model->l2);
  json_object_set_double_member (object, "dropout", model->dropout);
  json_object_set_string_member (object, "optimizer", fw_recipe_optimizer_names[model->optimizer]);
  json_object_set_double_member (object, "momentum", model->momentum);
  json_object_set_int_member (object, "patience", model->patience);
  set_string_or_null (object, "device", model->device);
  json_object_set_string_member (object, "solver", fw_recipe_solver_names[model->solver]);
  json_node_take_object (node, object);
  return node;
}

JsonNode *
fw_recipe_to_json (const FwRecipe *recipe)
{
  JsonObject *object, *split;
  JsonArray *steps, *sensitive;
  JsonNode *node;

  g_return_val_if_fail (recipe != NULL, NULL);
  g_return_val_if_fail ((guint) recipe->task <= FW_TASK_REGRESSION, NULL);
  g_return_val_if_fail ((guint) recipe->model.kind <= FW_MODEL_MLP, NULL);
  g_return_val_if_fail ((guint) recipe->model.optimizer <= FW_OPTIMIZER_SGD, NULL);

  object = json_object_new ();
  json_object_set_int_member (object, "schema_version", FW_RECIPE_SCHEMA_VERSION);
  set_string_or_null (object, "target", recipe->target);
  set_string_or_null (object, "positive", recipe->positive);
  json_object_set_string_member (object, "task", fw_recipe_task_names[recipe->task]);
  set_string_or_null (object, "favourable", recipe->favourable);
  json_object_set_int_member (object, "min_group_rows", recipe->min_group_rows);

  sensitive = json_array_new ();
  for (guint i = 0; i < recipe->sensitive->len; i++)
    json_array_add_string_element (sensitive, g_ptr_array_index (recipe->sensitive, i));
  json_object_set_array_member (object, "sensitive", sensitive);
  json_object_set_boolean_member (object, "sensitive_as_features", recipe->sensitive_as_features);
  json_object_set_boolean_member (object, "intersect_sensitive", recipe->intersect_sensitive);
  /* Written only when the user has vouched for a column, as older recipes lack it. */
  if (recipe->known_in_advance->len > 0)
    {
      JsonArray *known = json_array_new ();

      for (guint i = 0; i < recipe->known_in_advance->len; i++)
        json_array_add_string_element (known, g_ptr_array_index (recipe->known_in_advance, i));
      json_object_set_array_member (object, "known_in_advance", known);
    }

  steps = json_array_new ();
  for (guint i = 0; i < recipe->steps->len; i++)
    {
      const FwStep *step = g_ptr_array_index (recipe->steps, i);
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "kind", fw_step_kind_to_string (step->kind));
      json_object_set_string_member (item, "column", step->column);
      if (step->constant != NULL)
        json_object_set_string_member (item, "constant", step->constant);
      if (step->to != NULL)
        json_object_set_string_member (item, "to", step->to);
      if (step->name != NULL)
        json_object_set_string_member (item, "name", step->name);
      if (step->min_count > 0)
        json_object_set_int_member (item, "min_count", step->min_count);
      json_array_add_object_element (steps, item);
    }
  json_object_set_array_member (object, "steps", steps);

  split = json_object_new ();
  json_object_set_double_member (split, "train", recipe->split.train);
  json_object_set_double_member (split, "validation", recipe->split.validation);
  json_object_set_double_member (split, "test", recipe->split.test);
  json_object_set_boolean_member (split, "stratify", recipe->split.stratify);
  json_object_set_object_member (object, "split", split);

  json_object_set_member (object, "model", model_to_json (&recipe->model));
  /* JSON readers keep integers to 2⁶³ − 1; larger seeds travel as text. */
  if (recipe->seed <= G_MAXINT64)
    json_object_set_int_member (object, "seed", (gint64) recipe->seed);
  else
    {
      char buf[32];

      g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, recipe->seed);
      json_object_set_string_member (object, "seed", buf);
    }
  set_string_or_null (object, "mitigation", recipe->mitigation);
  set_string_or_null (object, "threshold_policy",
                      fw_threshold_policy_to_string (recipe->threshold_policy));
  if (recipe->threshold_attribute != NULL)
    json_object_set_string_member (object, "threshold_attribute", recipe->threshold_attribute);
  json_object_set_double_member (object, "threshold", recipe->threshold);
  if (recipe->group_thresholds_names != NULL)
    {
      JsonObject *groups = json_object_new ();

      for (guint g = 0; recipe->group_thresholds_names[g] != NULL; g++)
        json_object_set_double_member (groups, recipe->group_thresholds_names[g],
                                       recipe->group_thresholds_values[g]);
      json_object_set_object_member (object, "group_thresholds", groups);
    }
  set_string_or_null (object, "data", recipe->data);
  set_string_or_null (object, "data_sha256", recipe->data_sha256);
  /* Only when set: a UTF-8 source keeps the recipe as it always was. */
  if (recipe->data_encoding != NULL)
    json_object_set_string_member (object, "data_encoding", recipe->data_encoding);
  set_string_or_null (object, "fairway_version", recipe->fairway_version);
  set_string_or_null (object, "backend", recipe->backend);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/* Reading: each helper names @field in its error. */

static gboolean
check_members (JsonObject        *object,
               const char        *prefix,
               const char *const *known,
               GError           **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!fw_recipe_name_in (l->data, known))
      {
        g_autofree char *field = prefix != NULL ? g_strconcat (prefix, ".", l->data, NULL)
                                                : g_strdup (l->data);

        return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                             _("Unknown recipe field “%s”"), field);
      }
  return TRUE;
}

static gboolean
read_string (JsonNode   *node,
             const char *field,
             gboolean    nullable,
             char      **out,
             GError    **error)
{
  if (nullable && JSON_NODE_HOLDS_NULL (node))
    {
      g_clear_pointer (out, g_free);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                         nullable ? _("Recipe field “%s” must be text or null")
                         : _("Recipe field “%s” must be text"), field);
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_number (JsonNode   *node,
             const char *field,
             double     *out,
             GError    **error)
{
  GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (type == G_TYPE_DOUBLE)
    *out = json_node_get_double (node);
  else if (type == G_TYPE_INT64)
    *out = (double) json_node_get_int (node);
  else
    return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                         _("Recipe field “%s” must be a number"), field);
  return TRUE;
}

/* A whole number in [0, @max]; 20.0 counts as whole, 20.5 does not. */
static gboolean
read_whole (JsonNode   *node,
            const char *field,
            guint64     max,
            guint64    *out,
            GError    **error)
{
  GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  char limit[32];

  if (type == G_TYPE_INT64 && json_node_get_int (node) >= 0 &&
      (guint64) json_node_get_int (node) <= max)
    {
      *out = (guint64) json_node_get_int (node);
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      double x = json_node_get_double (node);

      if (x >= 0.0 && x == floor (x) && x <= (double) max && x < 0x1p63)
        {
          *out = (guint64) x;
          return TRUE;
        }
    }
  g_snprintf (limit, sizeof limit, "%" G_GUINT64_FORMAT, max);
  g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
               _("Recipe field “%s” must be a whole number from 0 to %s"), field, limit);
  return FALSE;
}

static gboolean
read_uint (JsonNode   *node,
           const char *field,
           guint      *out,
           GError    **error)
{
  guint64 value;

  if (!read_whole (node, field, G_MAXUINT, &value, error))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

static gboolean
read_bool (JsonNode   *node,
           const char *field,
           gboolean   *out,
           GError    **error)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                         _("Recipe field “%s” must be true or false"), field);
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* One of @names (NULL-terminated, indexed by the enum). */
static gboolean
read_name (JsonNode          *node,
           const char        *field,
           const char *const *names,
           guint             *out,
           GError           **error)
{
  g_autofree char *value = NULL;
  g_autofree char *list = NULL;

  if (!read_string (node, field, FALSE, &value, error))
    return FALSE;
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (value, names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  list = g_strjoinv (", ", (char **) names);
  g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
               _("Recipe field “%s” must be one of: %s"), field, list);
  return FALSE;
}

static JsonObject *
read_object (JsonNode   *node,
             const char *field,
             GError    **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                    _("Recipe field “%s” must be an object"), field);
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
read_array (JsonNode   *node,
            const char *field,
            GError    **error)
{
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                    _("Recipe field “%s” must be a list"), field);
      return NULL;
    }
  return json_node_get_array (node);
}

/* The threshold policy's name, as fw_threshold_policy_to_string writes it. */
static gboolean
read_policy (JsonNode          *node,
             FwThresholdPolicy *out,
             GError           **error)
{
  g_autofree char *name = NULL;

  if (!read_string (node, "threshold_policy", FALSE, &name, error))
    return FALSE;
  if (fw_threshold_policy_from_string (name, out))
    return TRUE;
  return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                       _("Recipe field “%s” must be one of: %s"), "threshold_policy",
                       "none, parity, tpr, manual");
}

/* { "group name": threshold, … }, in the order written. */
static gboolean
read_group_thresholds (JsonNode  *node,
                       FwRecipe  *recipe,
                       GError   **error)
{
  JsonObject *object = read_object (node, "group_thresholds", error);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (object == NULL)
    return FALSE;
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      double value;

      if (!read_number (member, "group_thresholds", &value, error))
        return FALSE;
      g_strv_builder_add (names, name);
      g_array_append_val (values, value);
    }
  g_strfreev (recipe->group_thresholds_names);
  g_free (recipe->group_thresholds_values);
  recipe->group_thresholds_names = g_strv_builder_end (names);
  recipe->group_thresholds_values = (double *) g_array_free (g_steal_pointer (&values), FALSE);
  return TRUE;
}

static gboolean
read_seed (JsonNode   *node,
           guint64    *out,
           GError    **error)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      char *end = NULL;

      if (g_ascii_isdigit (text[0]) && (errno = 0, *out = g_ascii_strtoull (text, &end, 10),
                                        errno == 0 && *end == '\0'))
        return TRUE;
    }
  else if (read_whole (node, "seed", G_MAXINT64, out, NULL))
    return TRUE;
  return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                       _("Recipe field “%s” must be a whole number of at least 0"), "seed");
}

static gboolean
read_steps (JsonArray *array,
            FwRecipe  *recipe,
            GError   **error)
{
  static const char *const known[] = { "kind", "column", "constant", "to", "name",
                                       "min_count", NULL };

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *prefix = g_strdup_printf ("steps[%u]", i);
      g_autofree char *kind_field = g_strconcat (prefix, ".kind", NULL);
      g_autofree char *column_field = g_strconcat (prefix, ".column", NULL);
      g_autofree char *constant_field = g_strconcat (prefix, ".constant", NULL);
      g_autofree char *to_field = g_strconcat (prefix, ".to", NULL);
      g_autofree char *name_field = g_strconcat (prefix, ".name", NULL);
      g_autofree char *min_count_field = g_strconcat (prefix, ".min_count", NULL);
      g_autofree char *kind_name = NULL, *column = NULL, *constant = NULL;
      g_autofree char *to = NULL, *name = NULL;
      guint min_count = 0;
      JsonObject *object = read_object (item, prefix, error);
      FwStepKind kind;
      FwStep *step;

      if (object == NULL || !check_members (object, prefix, known, error))
        return FALSE;
      if (!json_object_has_member (object, "kind"))
        return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                             _("Recipe field “%s” is missing"), kind_field);
      if (!json_object_has_member (object, "column"))
        return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                             _("Recipe field “%s” is missing"), column_field);
      if (!read_string (json_object_get_member (object, "kind"), kind_field, FALSE, &kind_name,
                        error) ||
          !read_string (json_object_get_member (object, "column"), column_field, FALSE, &column,
                        error))
        return FALSE;
      if (json_object_has_member (object, "constant") &&
          !read_string (json_object_get_member (object, "constant"), constant_field, FALSE,
                        &constant, error))
        return FALSE;
      if ((json_object_has_member (object, "to") &&
           !read_string (json_object_get_member (object, "to"), to_field, FALSE, &to, error)) ||
          (json_object_has_member (object, "name") &&
           !read_string (json_object_get_member (object, "name"), name_field, FALSE, &name,
                         error)) ||
          (json_object_has_member (object, "min_count") &&
           !read_uint (json_object_get_member (object, "min_count"), min_count_field,
                       &min_count, error)))
        return FALSE;
      if (!fw_step_kind_from_string (kind_name, &kind))
        {
          g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                       _("Recipe field “%s” names no known cleaning step: “%s”"), kind_field,
                       kind_name);
          return FALSE;
        }
      step = fw_recipe_add_step (recipe, kind, g_steal_pointer (&column),
                                 g_steal_pointer (&constant));
      step->to = g_steal_pointer (&to);
      step->name = g_steal_pointer (&name);
      step->min_count = min_count;
    }
  return TRUE;
}

static gboolean
read_split (JsonObject  *object,
            FwSplitSpec *split,
            GError     **error)
{
  static const char *const known[] = { "train", "validation", "test", "stratify", NULL };
  JsonNode *node;

  if (!check_members (object, "split", known, error))
    return FALSE;
  if ((node = json_object_get_member (object, "train")) != NULL &&
      !read_number (node, "split.train", &split->train, error))
    return FALSE;
  if ((node = json_object_get_member (object, "validation")) != NULL &&
      !read_number (node, "split.validation", &split->validation, error))
    return FALSE;
  if ((node = json_object_get_member (object, "test")) != NULL &&
      !read_number (node, "split.test", &split->test, error))
    return FALSE;
  if ((node = json_object_get_member (object, "stratify")) != NULL &&
      !read_bool (node, "split.stratify", &split->stratify, error))
    return FALSE;
  return TRUE;
}

static gboolean
read_hidden (JsonArray   *array,
             FwModelSpec *model,
             GError     **error)
{
  guint n = json_array_get_length (array);

  if (n > FW_RECIPE_MAX_HIDDEN)
    return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                         _("Recipe field “%s” may list at most %d layers"), "model.hidden",
                         FW_RECIPE_MAX_HIDDEN);
  for (guint i = 0; i < n; i++)
    if (!read_uint (json_array_get_element (array, i), "model.hidden", &model->hidden[i], error))
      return FALSE;
  model->n_hidden = n;
  return TRUE;
}

static gboolean
read_model (JsonObject  *object,
            FwModelSpec *model,
            GError     **error)
{
  static const char *const known[] = {
    "kind", "hidden", "epochs", "batch_size", "learning_rate", "l2", "dropout", "optimizer",
    "momentum", "patience", "device", "solver", NULL
  };
  JsonNode *node;
  JsonArray *hidden;
  guint value;

  if (!check_members (object, "model", known, error))
    return FALSE;
  if ((node = json_object_get_member (object, "kind")) != NULL)
    {
      if (!read_name (node, "model.kind", fw_recipe_model_names, &value, error))
        return FALSE;
      model->kind = (FwModelKind) value;
    }
  if ((node = json_object_get_member (object, "hidden")) != NULL &&
      ((hidden = read_array (node, "model.hidden", error)) == NULL ||
       !read_hidden (hidden, model, error)))
    return FALSE;
  if (((node = json_object_get_member (object, "epochs")) != NULL &&
       !read_uint (node, "model.epochs", &model->epochs, error)) ||
      ((node = json_object_get_member (object, "batch_size")) != NULL &&
       !read_uint (node, "model.batch_size", &model->batch_size, error)) ||
      ((node = json_object_get_member (object, "learning_rate")) != NULL &&
       !read_number (node, "model.learning_rate", &model->learning_rate, error)) ||
      ((node = json_object_get_member (object, "l2")) != NULL &&
       !read_number (node, "model.l2", &model->l2, error)) ||
      ((node = json_object_get_member (object, "dropout")) != NULL &&
       !read_number (node, "model.dropout", &model->dropout, error)) ||
      ((node = json_object_get_member (object, "momentum")) != NULL &&
       !read_number (node, "model.momentum", &model->momentum, error)) ||
      ((node = json_object_get_member (object, "patience")) != NULL &&
       !read_uint (node, "model.patience", &model->patience, error)) ||
      ((node = json_object_get_member (object, "device")) != NULL &&
       !read_string (node, "model.device", FALSE, &model->device, error)))
    return FALSE;
  if ((node = json_object_get_member (object, "optimizer")) != NULL)
    {
      if (!read_name (node, "model.optimizer", fw_recipe_optimizer_names, &value, error))
        return FALSE;
      model->optimizer = (FwOptimizerKind) value;
    }
  if ((node = json_object_get_member (object, "solver")) != NULL)
    {
      if (!read_name (node, "model.solver", fw_recipe_solver_names, &value, error))
        return FALSE;
      model->solver = (FwSolver) value;
    }
  return TRUE;
}

static gboolean
read_names (JsonArray  *array,
            const char *field,
            GPtrArray  *names,
            GError    **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      char *name = NULL;

      if (!read_string (json_array_get_element (array, i), field, FALSE, &name, error))
        return FALSE;
      g_ptr_array_add (names, name);
    }
  return TRUE;
}

static gboolean
read_version (JsonObject *object,
              GError    **error)
{
  JsonNode *node = json_object_get_member (object, "schema_version");
  guint64 version;

  if (node == NULL)
    return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                         _("Recipe field “%s” is missing"), "schema_version");
  if (!read_whole (node, "schema_version", G_MAXUINT, &version, error))
    return FALSE;
  if (version > FW_RECIPE_SCHEMA_VERSION)
    {
      g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_NEWER,
                   _("This recipe was written by a newer Fairway (recipe version %u; this one "
                     "reads up to %u)"), (guint) version, FW_RECIPE_SCHEMA_VERSION);
      return FALSE;
    }
  if (version < 1)
    return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                         _("Recipe field “%s” must be at least 1"), "schema_version");
  return TRUE;
}

FwRecipe *
fw_recipe_new_from_json (JsonNode *node,
                         GError  **error)
{
  static const char *const known[] = {
    "schema_version", "target", "positive", "task", "sensitive", "sensitive_as_features",
    "intersect_sensitive", "known_in_advance",
    "steps", "split", "model", "seed", "mitigation", "threshold_policy", "data", "data_sha256",
    "fairway_version", "backend", "favourable", "min_group_rows",
    "threshold", "threshold_attribute", "data_encoding", "group_thresholds", NULL
  };
  g_autoptr(FwRecipe) recipe = NULL;
  JsonObject *object, *inner;
  JsonArray *array;
  JsonNode *member;
  guint value;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                           _("A recipe must be a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);
  /* The version first: a newer recipe may well have fields this one does not know. */
  if (!read_version (object, error) || !check_members (object, NULL, known, error))
    return NULL;

  recipe = fw_recipe_new ();
  if (((member = json_object_get_member (object, "target")) != NULL &&
       !read_string (member, "target", TRUE, &recipe->target, error)) ||
      ((member = json_object_get_member (object, "positive")) != NULL &&
       !read_string (member, "positive", TRUE, &recipe->positive, error)) ||
      ((member = json_object_get_member (object, "favourable")) != NULL &&
       !read_string (member, "favourable", TRUE, &recipe->favourable, error)) ||
      ((member = json_object_get_member (object, "min_group_rows")) != NULL &&
       !read_uint (member, "min_group_rows", &recipe->min_group_rows, error)) ||
      ((member = json_object_get_member (object, "sensitive_as_features")) != NULL &&
       !read_bool (member, "sensitive_as_features", &recipe->sensitive_as_features, error)) ||
      ((member = json_object_get_member (object, "intersect_sensitive")) != NULL &&
       !read_bool (member, "intersect_sensitive", &recipe->intersect_sensitive, error)) ||
      ((member = json_object_get_member (object, "seed")) != NULL &&
       !read_seed (member, &recipe->seed, error)) ||
      ((member = json_object_get_member (object, "mitigation")) != NULL &&
       !read_string (member, "mitigation", FALSE, &recipe->mitigation, error)) ||
      ((member = json_object_get_member (object, "threshold_policy")) != NULL &&
       !read_policy (member, &recipe->threshold_policy, error)) ||
      ((member = json_object_get_member (object, "data")) != NULL &&
       !read_string (member, "data", TRUE, &recipe->data, error)) ||
      ((member = json_object_get_member (object, "data_sha256")) != NULL &&
       !read_string (member, "data_sha256", TRUE, &recipe->data_sha256, error)) ||
      ((member = json_object_get_member (object, "data_encoding")) != NULL &&
       !read_string (member, "data_encoding", TRUE, &recipe->data_encoding, error)) ||
      ((member = json_object_get_member (object, "fairway_version")) != NULL &&
       !read_string (member, "fairway_version", TRUE, &recipe->fairway_version, error)) ||
      ((member = json_object_get_member (object, "backend")) != NULL &&
       !read_string (member, "backend", TRUE, &recipe->backend, error)))
    return NULL;
  if (((member = json_object_get_member (object, "threshold")) != NULL &&
       !read_number (member, "threshold", &recipe->threshold, error)) ||
      ((member = json_object_get_member (object, "threshold_attribute")) != NULL &&
       !read_string (member, "threshold_attribute", TRUE, &recipe->threshold_attribute, error)) ||
      ((member = json_object_get_member (object, "group_thresholds")) != NULL &&
       !read_group_thresholds (member, recipe, error)))
    return NULL;
  if ((member = json_object_get_member (object, "task")) != NULL)
    {
      if (!read_name (member, "task", fw_recipe_task_names, &value, error))
        return NULL;
      recipe->task = (FwTask) value;
    }
  if ((member = json_object_get_member (object, "sensitive")) != NULL &&
      ((array = read_array (member, "sensitive", error)) == NULL ||
       !read_names (array, "sensitive", recipe->sensitive, error)))
    return NULL;
  if ((member = json_object_get_member (object, "known_in_advance")) != NULL &&
      ((array = read_array (member, "known_in_advance", error)) == NULL ||
       !read_names (array, "known_in_advance", recipe->known_in_advance, error)))
    return NULL;
  if ((member = json_object_get_member (object, "steps")) != NULL &&
      ((array = read_array (member, "steps", error)) == NULL ||
       !read_steps (array, recipe, error)))
    return NULL;
  if ((member = json_object_get_member (object, "split")) != NULL &&
      ((inner = read_object (member, "split", error)) == NULL ||
       !read_split (inner, &recipe->split, error)))
    return NULL;
  /* Recipes written before the solver was recorded replay as they were trained. */
  recipe->model.solver = FW_SOLVER_MINIBATCH;
  if ((member = json_object_get_member (object, "model")) != NULL &&
      ((inner = read_object (member, "model", error)) == NULL ||
       !read_model (inner, &recipe->model, error)))
    return NULL;

  if (!fw_recipe_validate (recipe, error))
    return NULL;
  return g_steal_pointer (&recipe);
}
