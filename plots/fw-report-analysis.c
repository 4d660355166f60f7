/* fw-report-analysis.c — the model card's quantitative analyses, training and caveats
 *
 * The per-group tables, summaries and warnings come from the fairness entries the model
 * was saved with (docs/cli.md's shape, with bootstrap intervals); the caveats gather every
 * warning the card raises in one list, in plain words, so a reader who skips the tables
 * still meets them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include "fw-fairness.h"
#include "fw-report-content.h"

/* The four-fifths rule (US EEOC Uniform Guidelines, 1978): a group selected at less than
 * 80% of the rate of the most selected group is evidence of adverse impact. */
#define FOUR_FIFTHS 0.8
/* A gap in true or false positive rates past this many points gets a caveat of its own. */
#define ODDS_GAP 0.10

static const char *
attribute_of (JsonObject *entry)
{
  return json_object_get_string_member_with_default (entry, "attribute", "?");
}

static JsonArray *
groups_of (JsonObject *entry)
{
  JsonNode *node = json_object_get_member (entry, "groups");

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
is_regression (JsonObject *entry)
{
  return json_object_has_member (entry, "mae_difference");
}

/* The four-fifths rule's verdict on @entry, or NULL when it holds (or cannot be told):
 * on the favourable outcome's rates over the groups large enough to judge, as the entry
 * reports them; an older entry without them is read as its selection rates. */
static char *
four_fifths_warning (JsonObject *entry)
{
  gboolean framed = json_object_has_member (entry, "favourable_rate_ratio");
  double ratio = fw_report_json_number (entry, framed ? "favourable_rate_ratio"
                                                      : "demographic_parity_ratio");
  const char *favourable = json_object_get_string_member_with_default (entry, "favourable",
                                                                       NULL);

  if (is_regression (entry) || !(ratio < FOUR_FIFTHS))
    return NULL;
  if (framed && favourable != NULL)
    return g_strdup_printf (_("Four-fifths rule: by “%s”, the group least often given the good "
                              "outcome (“%s”) gets it at %.0f%% of the rate of the group most "
                              "often given it, below the 80%% that US hiring guidelines treat "
                              "as evidence of adverse impact."),
                            attribute_of (entry), favourable, 100 * ratio);
  return g_strdup_printf (_("Four-fifths rule: by “%s”, the least selected group is chosen at "
                            "%.0f%% of the rate of the most selected one, below the 80%% that "
                            "US hiring guidelines treat as evidence of adverse impact."),
                          attribute_of (entry), 100 * ratio);
}

static void
add_group_table (FwReport   *report,
                 JsonObject *entry)
{
  static const char *const classification[] = {
    "base_rate", "selection_rate", "tpr", "fpr", "accuracy",
  };
  static const char *const regression[] = { "mae", "mean_prediction" };
  gboolean numbers = is_regression (entry);
  JsonArray *groups = groups_of (entry);
  /* The data's own rate beside the model's; older files did not record it. */
  gboolean base = !numbers && groups != NULL && json_array_get_length (groups) > 0 &&
                  json_object_has_member (json_array_get_object_element (groups, 0),
                                          "base_rate");
  const char *const *keys = numbers ? regression : classification + !base;
  guint n_keys = numbers ? G_N_ELEMENTS (regression) : G_N_ELEMENTS (classification) - !base;
  GPtrArray *cells = g_ptr_array_new ();

  g_ptr_array_add (cells, g_strdup (_("Group")));
  g_ptr_array_add (cells, g_strdup (_("Rows")));
  if (numbers)
    {
      g_ptr_array_add (cells, g_strdup (_("Mean absolute error")));
      g_ptr_array_add (cells, g_strdup (_("Mean prediction")));
    }
  else
    {
      if (base)
        g_ptr_array_add (cells, g_strdup (_("Really positive")));
      g_ptr_array_add (cells, g_strdup (_("Selected")));
      g_ptr_array_add (cells, g_strdup (_("True positive rate")));
      g_ptr_array_add (cells, g_strdup (_("False positive rate")));
      g_ptr_array_add (cells, g_strdup (_("Accuracy")));
    }
  for (guint g = 0; groups != NULL && g < json_array_get_length (groups); g++)
    {
      JsonObject *group = json_array_get_object_element (groups, g);
      const char *value = json_object_get_string_member_with_default (group, "value", "?");

      g_ptr_array_add (cells, json_object_get_boolean_member_with_default (group, "too_small",
                                                                          FALSE)
                              /* Translators: a group in the per-group table. */
                              ? g_strdup_printf (_("%s (too few rows to judge)"), value)
                              : g_strdup (value));
      g_ptr_array_add (cells, fw_report_format_number (fw_report_json_number (group, "n"), 0));
      for (guint k = 0; k < n_keys; k++)
        g_ptr_array_add (cells, fw_report_format_number (fw_report_json_number (group, keys[k]), 3));
    }
  fw_report_add_table (report, TRUE, ~1u, 2 + n_keys, cells);
}

static const struct
{
  const char *key, *name;
} summary_texts[] = {
  { "demographic_parity_difference", N_("Demographic parity difference") },
  { "demographic_parity_ratio", N_("Demographic parity ratio") },
  { "equalized_odds_difference", N_("Equalized odds difference") },
  { "equal_opportunity_difference", N_("Equal opportunity difference") },
  { "mae_difference", N_("Mean absolute error difference") },
};

static void
add_summary_table (FwReport   *report,
                   JsonObject *entry)
{
  JsonNode *node = json_object_get_member (entry, "confidence_intervals");
  JsonObject *intervals = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                          ? json_node_get_object (node) : NULL;
  double level = fw_report_json_number (intervals, "level");
  GPtrArray *cells = g_ptr_array_new ();

  g_ptr_array_add (cells, g_strdup (_("Summary")));
  g_ptr_array_add (cells, g_strdup (_("Value")));
  /* Translators: the confidence level in percent: "95% interval". */
  g_ptr_array_add (cells, g_strdup_printf (_("%.0f%% interval"),
                                           100 * (isnan (level) ? FW_FAIRNESS_CONFIDENCE_LEVEL
                                                                : level)));
  for (guint s = 0; s < G_N_ELEMENTS (summary_texts); s++)
    {
      double value = fw_report_json_number (entry, summary_texts[s].key);
      JsonNode *range = intervals != NULL ? json_object_get_member (intervals,
                                                                    summary_texts[s].key) : NULL;
      double low = NAN, high = NAN;

      if (!json_object_has_member (entry, summary_texts[s].key) ||
          (is_regression (entry) && s != G_N_ELEMENTS (summary_texts) - 1 && isnan (value)))
        continue;
      if (range != NULL && JSON_NODE_HOLDS_ARRAY (range) &&
          json_array_get_length (json_node_get_array (range)) == 2)
        {
          JsonArray *pair = json_node_get_array (range);

          if (JSON_NODE_HOLDS_VALUE (json_array_get_element (pair, 0)) &&
              JSON_NODE_HOLDS_VALUE (json_array_get_element (pair, 1)))
            {
              low = json_array_get_double_element (pair, 0);
              high = json_array_get_double_element (pair, 1);
            }
        }
      g_ptr_array_add (cells, g_strdup (_(summary_texts[s].name)));
      g_ptr_array_add (cells, fw_report_format_number (value, 3));
      g_ptr_array_add (cells, isfinite (low) && isfinite (high)
                              ? g_strdup_printf ("%.3f – %.3f", low, high) : g_strdup ("—"));
    }
  fw_report_add_table (report, TRUE, ~1u, 3, cells);
}

/* Whether the gap in predictions between the most and least selected groups large enough
 * to judge is the data's own, or one the model widens, narrows or reverses
 * (fw_fairness_gap_verdict); NULL when there is no gap to speak of. */
static char *
data_gap_caveat (JsonObject *entry)
{
  JsonArray *groups = groups_of (entry);
  JsonObject *high = NULL, *low = NULL;
  const char *verdict;

  if (is_regression (entry))
    return NULL;
  for (guint g = 0; groups != NULL && g < json_array_get_length (groups); g++)
    {
      JsonObject *group = json_array_get_object_element (groups, g);
      double rate = fw_report_json_number (group, "selection_rate");

      if (!isfinite (rate) || !isfinite (fw_report_json_number (group, "base_rate")) ||
          json_object_get_boolean_member_with_default (group, "too_small", FALSE))
        continue;
      if (high == NULL || rate > fw_report_json_number (high, "selection_rate"))
        high = group;
      if (low == NULL || rate < fw_report_json_number (low, "selection_rate"))
        low = group;
    }
  if (high == NULL || high == low)
    return NULL;
  verdict = fw_fairness_gap_sentence (
    fw_fairness_gap_verdict (fw_report_json_number (high, "selection_rate") -
                             fw_report_json_number (low, "selection_rate"),
                             fw_report_json_number (high, "base_rate") -
                             fw_report_json_number (low, "base_rate")));
  if (verdict == NULL)
    return NULL;
  return g_strdup_printf (_("By “%s”, the model selects %.0f%% of “%s” and %.0f%% of “%s”, "
                            "whose actual rates are %.0f%% and %.0f%%. %s"),
                          attribute_of (entry),
                          100 * fw_report_json_number (high, "selection_rate"),
                          json_object_get_string_member_with_default (high, "value", "?"),
                          100 * fw_report_json_number (low, "selection_rate"),
                          json_object_get_string_member_with_default (low, "value", "?"),
                          100 * fw_report_json_number (high, "base_rate"),
                          100 * fw_report_json_number (low, "base_rate"), verdict);
}

/* The entry's own warnings and the four-fifths verdict, each prefixed with the attribute
 * when @prefix (the caveats list mixes attributes). */
static void
collect_warnings (JsonObject *entry,
                  gboolean    prefix,
                  GPtrArray  *out)
{
  JsonNode *node = json_object_get_member (entry, "warnings");
  JsonArray *warnings = node != NULL && JSON_NODE_HOLDS_ARRAY (node)
                        ? json_node_get_array (node) : NULL;
  char *rule = four_fifths_warning (entry);

  if (rule != NULL)
    g_ptr_array_add (out, rule);
  for (guint w = 0; warnings != NULL && w < json_array_get_length (warnings); w++)
    {
      const char *text = json_array_get_string_element (warnings, w);

      if (text == NULL)
        continue;
      g_ptr_array_add (out, prefix ? g_strdup_printf (_("By “%s”: %s"), attribute_of (entry), text)
                                   : g_strdup (text));
    }
}

void
fw_report_add_analyses (FwReport             *report,
                        const FwTrainedModel *t)
{
  guint n = json_array_get_length (t->fairness);

  fw_report_add_heading (report, 1, g_strdup (_("Quantitative analyses")));
  if (n == 0)
    fw_report_add_paragraph (report, g_strdup (_("There are no per-group figures: no sensitive "
                                                 "attribute was measured.")));
  for (guint a = 0; a < n; a++)
    {
      JsonObject *entry = json_array_get_object_element (t->fairness, a);
      GPtrArray *warnings = g_ptr_array_new ();

      fw_report_add_heading (report, 2, g_strdup_printf (_("By “%s” (test rows)"),
                                                         attribute_of (entry)));
      add_group_table (report, entry);
      add_summary_table (report, entry);
      fw_report_add_note (report, g_strdup (is_regression (entry)
        ? _("The difference is the largest group's mean absolute error minus the smallest's (0 "
            "is equal). Its interval comes from resampling the test rows.")
        : _("Differences are largest minus smallest across groups (0 is equal); the ratio is "
            "smallest over largest selection rate (1 is equal). Intervals come from resampling "
            "the test rows.")));
      if (json_object_has_member (entry, "min_group_rows") &&
          fw_report_json_number (entry, "min_group_rows") > 0)
        fw_report_add_note (report, g_strdup_printf (
          _("Groups with fewer than %.0f test rows are listed but left out of the summaries and "
            "the four-fifths rule: their rates are too uncertain to judge."),
          fw_report_json_number (entry, "min_group_rows")));
      fw_report_add_fairness_plot (report, entry);
      collect_warnings (entry, FALSE, warnings);
      fw_report_add_list (report, warnings);
    }
  fw_report_add_confusion_plot (report, t);
  fw_report_add_importance_plot (report, t);
  fw_report_add_coefficients (report, t);
}

void
fw_report_add_training (FwReport             *report,
                        const FwTrainedModel *t)
{
  GPtrArray *cells = g_ptr_array_new ();
  JsonObject *e = t->energy;
  double joules = fw_report_json_number (e, "joules");
  gboolean estimated = json_object_get_boolean_member_with_default (e, "estimated", FALSE);
  const char *detail = json_object_get_string_member_with_default (e, "detail", NULL);

  fw_report_add_heading (report, 1, g_strdup (_("Training")));
  if (json_array_get_length (t->history) > 0)
    {
      g_ptr_array_add (cells, g_strdup (_("Epochs run")));
      g_ptr_array_add (cells, g_strdup_printf ("%u", json_array_get_length (t->history)));
    }
  g_ptr_array_add (cells, g_strdup (_("Training time")));
  g_ptr_array_add (cells, g_strdup_printf (_("%.3g s"), t->seconds));
  g_ptr_array_add (cells, g_strdup (_("Backend")));
  g_ptr_array_add (cells, g_strdup (t->backend != NULL ? t->backend : "—"));
  if (isfinite (joules))
    {
      g_autofree char *wh = g_strdup_printf ("%.3g Wh", joules / 3600.0);

      g_ptr_array_add (cells, g_strdup (_("Energy")));
      g_ptr_array_add (cells, estimated ? g_strdup_printf (_("%s (estimated)"), wh)
                                        : g_strdup (wh));
      g_ptr_array_add (cells, g_strdup (_("Emissions")));
      g_ptr_array_add (cells, g_strdup_printf (estimated ? _("%.3g g CO2e (estimated)")
                                                         : _("%.3g g CO2e"),
                                               fw_report_json_number (e, "co2e_g")));
      g_ptr_array_add (cells, g_strdup (_("Method")));
      g_ptr_array_add (cells, g_strdup (json_object_get_string_member_with_default (e, "method",
                                                                                 "—")));
      g_ptr_array_add (cells, g_strdup (_("Grid intensity")));
      g_ptr_array_add (cells, g_strdup_printf (_("%.0f g CO2e per kWh"),
                                               fw_report_json_number (e, "intensity_g_per_kwh")));
    }
  fw_report_add_table (report, FALSE, 0, 2, cells);
  if (detail != NULL)
    fw_report_add_note (report, g_strdup (detail));
  if (json_array_get_length (t->history) == 0)
    fw_report_add_paragraph (report, g_strdup (_("This model file does not record the training "
                                                 "curves.")));
  fw_report_add_history_plots (report, t);
}

/* The largest gap in @key between the groups the summaries use. */
static double
used_gap (JsonObject *entry,
          const char *key)
{
  JsonArray *groups = groups_of (entry);
  double low = NAN, high = NAN;

  for (guint g = 0; groups != NULL && g < json_array_get_length (groups); g++)
    {
      JsonObject *group = json_array_get_object_element (groups, g);
      double r = fw_report_json_number (group, key);

      if (!isfinite (r) || fw_report_json_number (group, "n") <= 0 ||
          json_object_get_boolean_member_with_default (group, "too_small", FALSE))
        continue;
      low = isnan (low) ? r : MIN (low, r);
      high = isnan (high) ? r : MAX (high, r);
    }
  return high - low;
}

static void
add_gap_caveats (JsonObject *entry,
                 GPtrArray  *caveats)
{
  double gap = fw_report_json_number (entry, "equalized_odds_difference");
  const char *harm = json_object_get_string_member_with_default (entry, "main_harm", NULL);

  if (is_regression (entry))
    return;
  /* The error that hurts the person most, named first. */
  if (g_strcmp0 (harm, "false_positive_rate") == 0 && used_gap (entry, "fpr") > ODDS_GAP)
    g_ptr_array_add (caveats,
                     g_strdup_printf (_("By “%s”, being wrongly flagged — the main harm of a "
                                        "prediction that is bad for the person — happens up to "
                                        "%.0f percentage points more often to some groups than "
                                        "to others (false positive rate)."),
                                      attribute_of (entry), 100 * used_gap (entry, "fpr")));
  else if (g_strcmp0 (harm, "false_negative_rate") == 0 && used_gap (entry, "fnr") > ODDS_GAP)
    g_ptr_array_add (caveats,
                     g_strdup_printf (_("By “%s”, being wrongly refused the good outcome — the "
                                        "main harm here — happens up to %.0f percentage points "
                                        "more often to some groups than to others (false "
                                        "negative rate)."),
                                      attribute_of (entry), 100 * used_gap (entry, "fnr")));
  if (gap > ODDS_GAP)
    g_ptr_array_add (caveats,
                     g_strdup_printf (_("By “%s”, the groups' true or false positive rates differ "
                                        "by up to %.0f percentage points: the model errs more "
                                        "for some groups than for others."),
                                      attribute_of (entry), 100 * gap));
}

void
fw_report_add_caveats (FwReport             *report,
                       const FwTrainedModel *t)
{
  GPtrArray *caveats = g_ptr_array_new ();
  const FwRecipe *r = t->recipe;

  fw_report_add_heading (report, 1, g_strdup (_("Ethical considerations and caveats")));
  for (guint a = 0; a < json_array_get_length (t->fairness); a++)
    {
      JsonObject *entry = json_array_get_object_element (t->fairness, a);

      char *gap = data_gap_caveat (entry);

      collect_warnings (entry, TRUE, caveats);
      add_gap_caveats (entry, caveats);
      if (gap != NULL)
        g_ptr_array_add (caveats, gap);
    }
  /* The data audit's findings: small groups, base-rate and missing-value gaps, proxies. */
  for (guint i = 0; i < json_array_get_length (t->findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (t->findings, i);
      const char *message = finding != NULL
        ? json_object_get_string_member_with_default (finding, "message", NULL) : NULL;

      if (message != NULL)
        g_ptr_array_add (caveats, g_strdup (message));
    }
  if (r->sensitive->len == 0)
    g_ptr_array_add (caveats, g_strdup (_("No sensitive attribute was named, so unfair treatment "
                                          "of a group would go unnoticed here.")));
  else if (r->sensitive_as_features)
    g_ptr_array_add (caveats, g_strdup (_("The sensitive attributes were inputs to the model: its "
                                          "decisions can depend on them directly.")));
  if (g_strcmp0 (r->mitigation, "reweigh") == 0)
    g_ptr_array_add (caveats, g_strdup_printf (_("Mitigation: the training rows were reweighed "
                                                 "so each group of “%s” and class counts as "
                                                 "if they were independent."),
                                               r->sensitive->len > 0
                                               ? (char *) g_ptr_array_index (r->sensitive, 0)
                                               : "?"));
  else if (t->thresholds == NULL)
    g_ptr_array_add (caveats, g_strdup (_("No fairness mitigation was used.")));
  if (t->thresholds != NULL)
    g_ptr_array_add (caveats, g_strdup_printf (_("Mitigation: each group of “%s” has its own "
                                                 "decision threshold, so the same score can "
                                                 "lead to different decisions."),
                                               t->threshold_attribute));
  if (json_object_get_boolean_member_with_default (t->energy, "estimated", FALSE))
    g_ptr_array_add (caveats, g_strdup (_("The energy and emissions are estimated, not measured; "
                                          "see Training for how.")));
  g_ptr_array_add (caveats, g_strdup_printf (_("All figures come from one random split of one "
                                               "file (%s). They may not hold for people, places "
                                               "or times the file does not cover."),
                                             t->data_name != NULL ? t->data_name : "?"));
  fw_report_add_list (report, caveats);
}
