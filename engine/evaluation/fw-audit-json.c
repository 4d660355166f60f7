/* fw-audit-json.c — an audit as one JSON object, in the shape fw-audit.h documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include "fw-json.h"
#include "fw-audit.h"

static void
add_string (JsonBuilder *builder,
            const char  *key,
            const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static const char *const finding_kinds[] = { "small_group", "base_rate_gap", "missing_gap",
                                             "proxy" };

static void
group_to_json (const FwAudit      *audit,
               const FwAuditGroup *g,
               JsonBuilder        *builder)
{
  json_builder_begin_object (builder);
  add_string (builder, "value", g->value);
  json_builder_set_member_name (builder, "missing_value");
  json_builder_add_boolean_value (builder, g->missing_value);
  json_builder_set_member_name (builder, "rows");
  json_builder_add_int_value (builder, g->rows);
  json_builder_set_member_name (builder, "labelled");
  json_builder_add_int_value (builder, g->labelled);
  fw_json_add_number (builder, "base_rate", g->base_rate);
  if (g->class_shares != NULL)
    {
      json_builder_set_member_name (builder, "class_shares");
      json_builder_begin_object (builder);
      for (guint c = 0; c < audit->n_classes; c++)
        fw_json_add_number (builder, audit->class_names[c], g->labelled > 0 ? g->class_shares[c] : NAN);
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "missing");
  json_builder_begin_object (builder);
  for (guint c = 0; c < audit->n_columns; c++)
    fw_json_add_number (builder, audit->column_names[c], g->missing[c]);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
attribute_to_json (const FwAudit          *audit,
                   const FwAuditAttribute *attr,
                   JsonBuilder            *builder)
{
  json_builder_begin_object (builder);
  add_string (builder, "attribute", attr->name);
  json_builder_set_member_name (builder, "groups");
  json_builder_begin_array (builder);
  for (guint g = 0; g < attr->n_groups; g++)
    group_to_json (audit, &attr->groups[g], builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "missing_gaps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < attr->n_gaps; i++)
    {
      const FwAuditGap *gap = &attr->gaps[i];

      json_builder_begin_object (builder);
      add_string (builder, "column", audit->column_names[gap->column]);
      fw_json_add_number (builder, "spread", gap->spread);
      json_builder_set_member_name (builder, "most");
      json_builder_add_int_value (builder, gap->most);
      json_builder_set_member_name (builder, "least");
      json_builder_add_int_value (builder, gap->least);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "associations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < attr->n_associations; i++)
    {
      json_builder_begin_object (builder);
      add_string (builder, "column", audit->column_names[attr->associations[i].column]);
      fw_json_add_number (builder, "association", attr->associations[i].association);
      json_builder_set_member_name (builder, "proxy");
      json_builder_add_boolean_value (builder, attr->associations[i].association >=
                                               FW_AUDIT_PROXY_ASSOCIATION);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

void
fw_audit_to_json (const FwAudit *audit,
                  JsonBuilder   *builder)
{
  g_return_if_fail (audit != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rows");
  json_builder_add_int_value (builder, audit->n_rows);
  add_string (builder, "target", audit->target);
  add_string (builder, "task", audit->task == FW_TASK_BINARY ? "binary"
                               : audit->task == FW_TASK_MULTICLASS ? "multiclass"
                               : audit->task == FW_TASK_REGRESSION ? "regression" : NULL);
  json_builder_set_member_name (builder, "classes");
  json_builder_begin_array (builder);
  for (guint c = 0; c < audit->n_classes; c++)
    json_builder_add_string_value (builder, audit->class_names[c]);
  json_builder_end_array (builder);
  add_string (builder, "positive", audit->positive >= 0 ? audit->class_names[audit->positive]
                                                        : NULL);
  json_builder_set_member_name (builder, "attributes");
  json_builder_begin_array (builder);
  for (guint a = 0; a < audit->n_attributes; a++)
    attribute_to_json (audit, &audit->attributes[a], builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < audit->findings->len; i++)
    {
      const FwAuditFinding *f = g_ptr_array_index (audit->findings, i);

      json_builder_begin_object (builder);
      add_string (builder, "kind", finding_kinds[f->kind]);
      add_string (builder, "attribute", audit->attributes[f->attribute].name);
      add_string (builder, "column", f->column >= 0 ? audit->column_names[f->column] : NULL);
      add_string (builder, "message", f->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}
