/* fw-cli-inspect-json.c — the JSON object fairway-cli inspect --json prints
 *
 * One object per column with its kind, counts, summary, flags, fixes and leak score, as
 * docs/cli.md specifies; fw-cli-inspect.c parses the command and prints the table for
 * people.  Numbers go through json-glib, which writes them the C way (g_ascii_dtostr).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include "fw-json.h"
#include "fw-cli-inspect.h"
#include "fw-date-features.h"
#include "fw-leak-check.h"

static void
add_flag (GPtrArray  *flags,
          const char *code)
{
  if (!g_ptr_array_find_with_equal_func (flags, code, g_str_equal, NULL))
    g_ptr_array_add (flags, (gpointer) code);
}

/* The stable codes of docs/cli.md: the column's kind where it says what to do with it, then
 * the profile's issues by fw_issue_kind_to_string. */
static GPtrArray *
column_flags (const FwColumnProfile *p)
{
  GPtrArray *flags = g_ptr_array_new ();

  if (p->count == 0)
    add_flag (flags, "empty");
  if (p->kind == FW_KIND_IDENTIFIER)
    add_flag (flags, "identifier");
  else if (p->kind == FW_KIND_TEXT)
    add_flag (flags, "free_text");
  else if (p->kind == FW_KIND_DATETIME)
    add_flag (flags, "date");
  for (guint i = 0; i < p->issues->len; i++)
    {
      FwIssueKind kind = ((FwIssue *) p->issues->pdata[i])->kind;

      /* An empty column's "constant" issue is its emptiness, said above. */
      if (kind == FW_ISSUE_CONSTANT && p->count == 0)
        continue;
      add_flag (flags, fw_issue_kind_to_string (kind));
    }
  return flags;
}

/* What a date column offers: its parts, and the days from it to each later date. */
static void
add_derived_json (JsonBuilder     *builder,
                  const FwColumn  *column,
                  const GPtrArray *features)
{
  json_builder_set_member_name (builder, "derived");
  json_builder_begin_array (builder);
  for (guint i = 0; features != NULL && i < features->len; i++)
    {
      const FwDateFeature *feature = g_ptr_array_index (features, i);

      if (!g_str_equal (feature->step.column, column->name))
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "step");
      json_builder_add_string_value (builder, fw_step_kind_to_string (feature->step.kind));
      if (feature->step.kind == FW_STEP_DAYS_BETWEEN)
        {
          g_autofree char *name = fw_step_days_between_name (&feature->step);

          json_builder_set_member_name (builder, "to");
          json_builder_add_string_value (builder, feature->step.to);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, name);
        }
      json_builder_set_member_name (builder, "flags");
      json_builder_begin_array (builder);
      if (feature->leak.suspected)
        json_builder_add_string_value (builder, "leak");
      json_builder_end_array (builder);
      if (feature->leak.checked)
        {
          json_builder_set_member_name (builder, "leak");
          json_builder_begin_object (builder);
          fw_json_add_number (builder, "score", feature->leak.score);
          json_builder_set_member_name (builder, "by");
          json_builder_add_string_value (builder, feature->leak.by == FW_LEAK_BY_MISSINGNESS
                                                  ? "missingness" : "values");
          json_builder_end_object (builder);
        }
      if (feature->message != NULL)
        {
          json_builder_set_member_name (builder, "issue");
          json_builder_add_string_value (builder, feature->message);
        }
      json_builder_set_member_name (builder, "suggested");
      json_builder_add_boolean_value (builder, feature->suggested);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_column_json (JsonBuilder           *builder,
                 const FwColumn        *column,
                 const FwColumnProfile *p,
                 const FwRecipe        *suggested,
                 const GPtrArray       *features)
{
  g_autoptr(GPtrArray) flags = column_flags (p);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, column->name);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, fw_kind_to_string (p->kind));
  json_builder_set_member_name (builder, "missing");
  json_builder_add_int_value (builder, (gint64) p->missing);
  json_builder_set_member_name (builder, "distinct");
  json_builder_add_int_value (builder, (gint64) p->distinct);

  if (p->has_numbers)
    {
      fw_json_add_number (builder, "min", p->min);
      fw_json_add_number (builder, "max", p->max);
      fw_json_add_number (builder, "mean", p->mean);
      fw_json_add_number (builder, "std", p->std);
      /* Extra keys beyond the contract: "p05" … "p95", and the IQR outlier count. */
      json_builder_set_member_name (builder, "quantiles");
      json_builder_begin_object (builder);
      for (guint q = 0; q < FW_PROFILE_N_QUANTILES; q++)
        {
          char key[8];

          g_snprintf (key, sizeof key, "p%02d",
                      (int) floor (fw_profile_quantile_levels[q] * 100.0 + 0.5));
          fw_json_add_number (builder, key, p->quantiles[q]);
        }
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "outliers");
      json_builder_add_int_value (builder, (gint64) p->n_outliers);
    }
  else
    {
      json_builder_set_member_name (builder, "top");
      json_builder_begin_array (builder);
      for (guint t = 0; t < p->n_top; t++)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "value");
          json_builder_add_string_value (builder, p->top[t].value);
          json_builder_set_member_name (builder, "count");
          json_builder_add_int_value (builder, (gint64) p->top[t].count);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  json_builder_set_member_name (builder, "issues");
  json_builder_begin_array (builder);
  for (guint i = 0; i < p->issues->len; i++)
    json_builder_add_string_value (builder, ((FwIssue *) p->issues->pdata[i])->message);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "flags");
  json_builder_begin_array (builder);
  for (guint i = 0; i < flags->len; i++)
    json_builder_add_string_value (builder, flags->pdata[i]);
  json_builder_end_array (builder);
  if (fw_column_profile_has_issue (p, FW_ISSUE_TARGET_LEAKAGE))
    {
      json_builder_set_member_name (builder, "leak");
      json_builder_begin_object (builder);
      fw_json_add_number (builder, "score", p->leak.score);
      json_builder_set_member_name (builder, "by");
      json_builder_add_string_value (builder, p->leak.by == FW_LEAK_BY_MISSINGNESS
                                              ? "missingness" : "values");
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "suggested");
  json_builder_begin_array (builder);
  for (guint i = 0; i < suggested->steps->len; i++)
    {
      const FwStep *step = g_ptr_array_index (suggested->steps, i);

      if (g_str_equal (step->column, column->name))
        json_builder_add_string_value (builder, fw_step_kind_to_string (step->kind));
    }
  json_builder_end_array (builder);
  for (guint i = 0; i < suggested->steps->len; i++)
    {
      const FwStep *step = g_ptr_array_index (suggested->steps, i);

      if (step->kind == FW_STEP_ONE_HOT && step->min_count > 0 &&
          g_str_equal (step->column, column->name))
        {
          json_builder_set_member_name (builder, "min_count");
          json_builder_add_int_value (builder, step->min_count);
        }
    }
  if (p->kind == FW_KIND_DATETIME)
    add_derived_json (builder, column, features);
  json_builder_end_object (builder);
}

void
fw_cli_inspect_print_json (const FwTable        *table,
                           const FwTableProfile *profile,
                           const FwRecipe       *suggested,
                           const FwCsvReport    *report,
                           const GPtrArray      *notes,
                           const GPtrArray      *features,
                           double                seconds)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rows");
  json_builder_add_int_value (builder, (gint64) profile->n_rows);
  if (suggested->target != NULL)
    {
      json_builder_set_member_name (builder, "target");
      json_builder_add_string_value (builder, suggested->target);
    }
  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint c = 0; c < profile->n_columns; c++)
    add_column_json (builder, fw_table_column (table, c), &profile->columns[c], suggested,
                     features);
  json_builder_end_array (builder);
  fw_json_add_number (builder, "seconds", seconds);
  json_builder_set_member_name (builder, "encoding");
  json_builder_add_string_value (builder, report->encoding != NULL ? report->encoding : "UTF-8");
  json_builder_set_member_name (builder, "notes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < notes->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (notes, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = fw_json_to_data (root, FALSE, NULL);
  printf ("%s\n", text);
}
