/* fw-fairness-json.c — a fairness measurement as its JSON entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-fairness-private.h"
#include "fw-json.h"

static const char *const summary_keys[FW_FAIRNESS_N_SUMMARIES] = {
  "demographic_parity_difference",
  "demographic_parity_ratio",
  "equalized_odds_difference",
  "equal_opportunity_difference",
  "favourable_rate_ratio",
  "mae_difference",
};

const char *
fw_fairness_summary_key (FwFairnessSummary summary)
{
  g_return_val_if_fail (summary < FW_FAIRNESS_N_SUMMARIES, NULL);

  return summary_keys[summary];
}

static void
group_to_json (const FwFairness *f,
               guint             g,
               JsonBuilder      *builder)
{
  const FwFairnessGroup *group = &f->groups[g];

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "value");
  json_builder_add_string_value (builder, f->group_names[g]);
  json_builder_set_member_name (builder, "n");
  json_builder_add_int_value (builder, (gint64) group->n);
  fw_json_add_number (builder, "weight", group->weight);
  /* The contract's four in both tasks (null for regression), then the task's own. */
  fw_json_add_number (builder, "selection_rate", group->selection_rate);
  fw_json_add_number (builder, "tpr", group->tpr);
  fw_json_add_number (builder, "fpr", group->fpr);
  fw_json_add_number (builder, "accuracy", group->accuracy);
  fw_json_add_number (builder, f->regression ? "mae" : "fnr", f->regression ? group->mae : group->fnr);
  fw_json_add_number (builder, f->regression ? "mean_prediction" : "precision",
              f->regression ? group->mean_prediction : group->precision);
  fw_json_add_number (builder, "base_rate", group->base_rate);
  fw_json_add_number (builder, "favourable_rate", group->favourable_rate);
  json_builder_set_member_name (builder, "too_small");
  json_builder_add_boolean_value (builder, group->too_small);
  json_builder_end_object (builder);
}

static void
add_group_names (const FwFairness *f,
                 const char       *key,
                 gboolean          too_small,
                 JsonBuilder      *builder)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  for (guint g = 0; g < f->n_groups; g++)
    if (f->groups[g].n > 0 && f->groups[g].too_small == too_small)
      json_builder_add_string_value (builder, f->group_names[g]);
  json_builder_end_array (builder);
}

/* Who the prediction helps or harms, and which groups the summaries rest on. */
static void
add_framing (const FwFairness *f,
             JsonBuilder      *builder)
{
  json_builder_set_member_name (builder, "favourable");
  if (f->favourable != NULL)
    json_builder_add_string_value (builder, f->favourable);
  else
    json_builder_add_null_value (builder);
  if (!f->regression)
    {
      json_builder_set_member_name (builder, "positive_is_favourable");
      json_builder_add_boolean_value (builder, !f->positive_is_harmful);
      json_builder_set_member_name (builder, "main_harm");
      json_builder_add_string_value (builder, f->positive_is_harmful ? "false_positive_rate"
                                                                     : "false_negative_rate");
    }
  json_builder_set_member_name (builder, "min_group_rows");
  json_builder_add_int_value (builder, f->min_group_rows);
  add_group_names (f, "groups_used", FALSE, builder);
  add_group_names (f, "groups_too_small", TRUE, builder);
}

void
fw_fairness_to_json (const FwFairness *f,
                     const char       *attribute,
                     JsonBuilder      *builder)
{
  guint n_summaries = f != NULL && f->regression ? FW_FAIRNESS_N_SUMMARIES
                                                 : FW_FAIRNESS_MAE_DIFFERENCE;

  g_return_if_fail (f != NULL);
  g_return_if_fail (attribute != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "attribute");
  json_builder_add_string_value (builder, attribute);
  json_builder_set_member_name (builder, "groups");
  json_builder_begin_array (builder);
  for (guint g = 0; g < f->n_groups; g++)
    group_to_json (f, g, builder);
  json_builder_end_array (builder);

  for (guint s = 0; s < n_summaries; s++)
    fw_json_add_number (builder, summary_keys[s], f->summaries[s]);
  add_framing (f, builder);

  if (f->n_resamples > 0)
    {
      json_builder_set_member_name (builder, "confidence_intervals");
      json_builder_begin_object (builder);
      fw_json_add_number (builder, "level", FW_FAIRNESS_CONFIDENCE_LEVEL);
      json_builder_set_member_name (builder, "resamples");
      json_builder_add_int_value (builder, f->n_resamples);
      for (guint s = 0; s < n_summaries; s++)
        {
          json_builder_set_member_name (builder, summary_keys[s]);
          json_builder_begin_array (builder);
          fw_json_add_number (builder, NULL, f->intervals[s].low);
          fw_json_add_number (builder, NULL, f->intervals[s].high);
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }

  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint w = 0; f->warnings != NULL && f->warnings[w] != NULL; w++)
    json_builder_add_string_value (builder, f->warnings[w]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}
