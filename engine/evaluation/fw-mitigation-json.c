/* fw-mitigation-json.c — per-group thresholds as JSON, kept with the model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include "fw-error.h"
#include "fw-mitigation.h"

JsonNode *
fw_thresholds_to_json (const FwThresholds *thresholds)
{
  JsonObject *object;
  JsonArray *groups;
  JsonNode *node;

  g_return_val_if_fail (thresholds != NULL, NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "policy",
                                 fw_threshold_policy_to_string (thresholds->policy));
  groups = json_array_new ();
  for (guint g = 0; g < thresholds->n_groups; g++)
    {
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "name", thresholds->groups[g].name);
      json_object_set_double_member (item, "threshold", thresholds->groups[g].threshold);
      json_object_set_boolean_member (item, "fitted", thresholds->groups[g].fitted);
      json_array_add_object_element (groups, item);
    }
  json_object_set_array_member (object, "groups", groups);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/* Refuses members not in @known, naming them by their path: "groups[2].colour". */
static gboolean
only_members (JsonObject        *object,
              const char        *prefix,
              const char *const *known,
              GError           **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *field = prefix != NULL ? g_strconcat (prefix, ".", l->data, NULL)
                                                : g_strdup (l->data);

        return fw_set_error (error, FW_MITIGATION_ERROR, FW_MITIGATION_ERROR_INVALID,
                             _("Unknown thresholds field “%s”"), field);
      }
  return TRUE;
}

static GType
value_type (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node)
                                                      : G_TYPE_INVALID;
}

static gboolean
read_group (JsonNode          *node,
            guint              index,
            FwGroupThreshold  *group,
            GHashTable        *seen,
            GError           **error)
{
  static const char *const known[] = { "name", "threshold", "fitted", NULL };
  g_autofree char *where = g_strdup_printf ("groups[%u]", index);
  JsonObject *object;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fw_set_error (error, FW_MITIGATION_ERROR, FW_MITIGATION_ERROR_INVALID,
                         _("Thresholds field “%s” must be an object"), where);
  object = json_node_get_object (node);
  if (!only_members (object, where, known, error))
    return FALSE;

  member = json_object_get_member (object, "name");
  if (value_type (member) != G_TYPE_STRING || json_node_get_string (member)[0] == '\0')
    return fw_set_error (error, FW_MITIGATION_ERROR, FW_MITIGATION_ERROR_INVALID,
                         _("Thresholds field “%s.name” must be non-empty text"), where);
  group->name = g_strdup (json_node_get_string (member));
  if (!g_hash_table_add (seen, group->name))
    return fw_set_error (error, FW_MITIGATION_ERROR, FW_MITIGATION_ERROR_INVALID,
                         _("Two groups are called “%s”"), group->name);

  member = json_object_get_member (object, "threshold");
  if (value_type (member) == G_TYPE_DOUBLE)
    group->threshold = json_node_get_double (member);
  else if (value_type (member) == G_TYPE_INT64)
    group->threshold = json_node_get_int (member);
  else
    return fw_set_error (error, FW_MITIGATION_ERROR, FW_MITIGATION_ERROR_INVALID,
                         _("Thresholds field “%s.threshold” must be a number"), where);
  if (!(group->threshold >= 0 && group->threshold <= 1))
    return fw_set_error (error, FW_MITIGATION_ERROR, FW_MITIGATION_ERROR_INVALID,
                         _("Thresholds field “%s.threshold” must be between 0 and 1"),
                         where);

  member = json_object_get_member (object, "fitted");
  if (member != NULL && value_type (member) != G_TYPE_BOOLEAN)
    return fw_set_error (error, FW_MITIGATION_ERROR, FW_MITIGATION_ERROR_INVALID,
                         _("Thresholds field “%s.fitted” must be true or false"), where);
  group->fitted = member == NULL || json_node_get_boolean (member);
  return TRUE;
}

FwThresholds *
fw_thresholds_new_from_json (JsonNode  *node,
                             GError   **error)
{
  static const char *const known[] = { "policy", "groups", NULL };
  g_autoptr(FwThresholds) thresholds = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *object;
  JsonNode *member;
  JsonArray *groups;
  FwThresholdPolicy policy;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      fw_set_error (error, FW_MITIGATION_ERROR, FW_MITIGATION_ERROR_INVALID,
                    _("Thresholds must be a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);
  if (!only_members (object, NULL, known, error))
    return NULL;
  member = json_object_get_member (object, "policy");
  if (value_type (member) != G_TYPE_STRING
      || !fw_threshold_policy_from_string (json_node_get_string (member), &policy)
      || policy == FW_THRESHOLD_POLICY_NONE)
    {
      fw_set_error (error, FW_MITIGATION_ERROR, FW_MITIGATION_ERROR_INVALID,
                    _("Thresholds field “policy” must be “parity”, “tpr” or “manual”"));
      return NULL;
    }
  member = json_object_get_member (object, "groups");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    {
      fw_set_error (error, FW_MITIGATION_ERROR, FW_MITIGATION_ERROR_INVALID,
                    _("Thresholds field “groups” must be an array"));
      return NULL;
    }
  groups = json_node_get_array (member);

  thresholds = g_new0 (FwThresholds, 1);
  thresholds->policy = policy;
  thresholds->n_groups = json_array_get_length (groups);
  thresholds->groups = g_new0 (FwGroupThreshold, thresholds->n_groups);
  thresholds->target = thresholds->difference_before = thresholds->difference_after = NAN;
  thresholds->accuracy_before = thresholds->accuracy_after = NAN;
  for (guint g = 0; g < thresholds->n_groups; g++)
    {
      FwGroupThreshold *group = &thresholds->groups[g];

      group->weight = group->rate_before = group->rate_after = NAN;
      if (!read_group (json_array_get_element (groups, g), g, group, seen, error))
        return NULL;
    }
  return g_steal_pointer (&thresholds);
}
