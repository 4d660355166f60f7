/* test-fairness-framing.c — small groups out of the summaries, and the favourable outcome
 *
 * Three groups measured from decisions counted by hand (positive class 1):
 *   A, 40 rows: 20 actual positives (TP 16, FN 4), 20 negatives (FP 4, TN 16):
 *      selection 20/40 = 0.5, TPR 0.8, FPR 0.2
 *   B, 35 rows: 10 positives (TP 5, FN 5), 25 negatives (FP 2, TN 23):
 *      selection 7/35 = 0.2, TPR 0.5, FPR 0.08
 *   C,  5 rows:  5 positives (TP 0, FN 5): selection 0, TPR 0, FPR undefined
 * With 30 rows required, A and B are compared: parity difference 0.3, ratio 0.4, equal
 * opportunity 0.3, equalised odds max(0.3, 0.12) = 0.3.  With no minimum C joins: 0.5, 0,
 * 0.8, 0.8.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include "fw-fairness.h"

#define EPS 1e-12

static const char *const names[] = { "A", "B", "C", NULL };

typedef struct
{
  guint32 *groups, *labels, *decided;
  gsize    n;
} Rows;

static void
add (Rows   *r,
     guint32 group,
     guint32 label,
     guint32 decided,
     guint   count)
{
  for (guint i = 0; i < count; i++)
    {
      r->groups[r->n] = group;
      r->labels[r->n] = label;
      r->decided[r->n] = decided;
      r->n++;
    }
}

static FwFairness *
measure (guint       min_group_rows,
         gboolean    harmful,
         const char *favourable,
         guint       resamples)
{
  static guint32 groups[80], labels[80], decided[80];
  Rows r = { groups, labels, decided, 0 };
  FwFairnessOptions options;
  g_autoptr(GError) error = NULL;
  FwFairness *f;

  add (&r, 0, 1, 1, 16); add (&r, 0, 1, 0, 4); add (&r, 0, 0, 1, 4); add (&r, 0, 0, 0, 16);
  add (&r, 1, 1, 1, 5);  add (&r, 1, 1, 0, 5); add (&r, 1, 0, 1, 2); add (&r, 1, 0, 0, 23);
  add (&r, 2, 1, 0, 5);
  g_assert_cmpuint (r.n, ==, 80);
  fw_fairness_options_init (&options);
  g_assert_cmpuint (options.min_group_rows, ==, 30);
  options.min_group_rows = min_group_rows;
  options.positive_is_harmful = harmful;
  options.favourable = favourable;
  options.positive_name = "1";
  options.n_resamples = resamples;
  options.seed = 7;
  f = fw_fairness_compute_predicted (&(FwFairnessInput) { .groups = groups, .group_names = names,
                                                          .n = r.n, .labels = labels,
                                                          .predicted_classes = decided,
                                                          .n_classes = 2, .positive = 1 },
                                     &options, &error);
  g_assert_no_error (error);
  return f;
}

static JsonObject *
to_json (const FwFairness *f,
         JsonNode        **root)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  fw_fairness_to_json (f, "race", builder);
  *root = json_builder_get_root (builder);
  return json_node_get_object (*root);
}

static void
assert_names (JsonObject  *o,
              const char  *key,
              const char  *joined)
{
  JsonArray *a = json_object_get_array_member (o, key);
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (a); i++)
    g_string_append_printf (s, "%s%s", i > 0 ? "," : "", json_array_get_string_element (a, i));
  g_assert_cmpstr (s->str, ==, joined);
}

static void
test_small_groups (void)
{
  g_autoptr(FwFairness) judged = measure (30, FALSE, "1", 0);
  g_autoptr(FwFairness) all = measure (0, FALSE, "1", 0);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *c;

  g_assert_false (judged->groups[0].too_small);
  g_assert_false (judged->groups[1].too_small);
  g_assert_true (judged->groups[2].too_small);
  g_assert_cmpuint (judged->n_used, ==, 2);
  g_assert_cmpfloat_with_epsilon (judged->summaries[FW_FAIRNESS_DEMOGRAPHIC_PARITY_DIFFERENCE],
                                  0.3, EPS);
  g_assert_cmpfloat_with_epsilon (judged->summaries[FW_FAIRNESS_DEMOGRAPHIC_PARITY_RATIO], 0.4,
                                  EPS);
  g_assert_cmpfloat_with_epsilon (judged->summaries[FW_FAIRNESS_EQUAL_OPPORTUNITY_DIFFERENCE],
                                  0.3, EPS);
  g_assert_cmpfloat_with_epsilon (judged->summaries[FW_FAIRNESS_EQUALIZED_ODDS_DIFFERENCE], 0.3,
                                  EPS);
  g_assert_cmpfloat_with_epsilon (judged->summaries[FW_FAIRNESS_FAVOURABLE_RATE_RATIO], 0.4,
                                  EPS);
  /* C stays listed, with its own figures; the actual rates are 20/40, 10/35 and 5/5. */
  g_assert_cmpfloat (judged->groups[2].selection_rate, ==, 0.0);
  g_assert_cmpfloat_with_epsilon (judged->groups[0].base_rate, 0.5, EPS);
  g_assert_cmpfloat_with_epsilon (judged->groups[1].base_rate, 10.0 / 35, EPS);
  g_assert_cmpfloat (judged->groups[2].base_rate, ==, 1.0);
  g_assert_cmpstr (judged->warnings[0], ==, "Only 5 rows for “C”: too few rows to judge, so "
                                            "they are left out of the summaries.");

  g_assert_cmpfloat_with_epsilon (all->summaries[FW_FAIRNESS_DEMOGRAPHIC_PARITY_DIFFERENCE],
                                  0.5, EPS);
  g_assert_cmpfloat (all->summaries[FW_FAIRNESS_DEMOGRAPHIC_PARITY_RATIO], ==, 0.0);
  g_assert_cmpfloat_with_epsilon (all->summaries[FW_FAIRNESS_EQUAL_OPPORTUNITY_DIFFERENCE],
                                  0.8, EPS);

  o = to_json (judged, &root);
  assert_names (o, "groups_used", "A,B");
  assert_names (o, "groups_too_small", "C");
  g_assert_cmpint (json_object_get_int_member (o, "min_group_rows"), ==, 30);
  c = json_array_get_object_element (json_object_get_array_member (o, "groups"), 2);
  g_assert_true (json_object_get_boolean_member (c, "too_small"));
  g_assert_cmpfloat (json_object_get_double_member (c, "base_rate"), ==, 1.0);
  c = json_array_get_object_element (json_object_get_array_member (o, "groups"), 0);
  g_assert_false (json_object_get_boolean_member (c, "too_small"));
}

/* 36 rows required: only A is large enough, so nothing is compared. */
static void
test_too_few_groups (void)
{
  g_autoptr(FwFairness) f = measure (36, FALSE, "1", 200);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o = to_json (f, &root), *ci;
  guint n = g_strv_length (f->warnings);

  for (guint s = 0; s < FW_FAIRNESS_N_SUMMARIES; s++)
    {
      g_assert_true (isnan (f->summaries[s]));
      g_assert_true (isnan (f->intervals[s].low));
    }
  g_assert_true (json_object_get_null_member (o, "demographic_parity_ratio"));
  g_assert_true (json_object_get_null_member (o, "favourable_rate_ratio"));
  ci = json_object_get_object_member (o, "confidence_intervals");
  g_assert_true (json_node_is_null (json_array_get_element (
    json_object_get_array_member (ci, "demographic_parity_difference"), 0)));
  assert_names (o, "groups_used", "A");
  assert_names (o, "groups_too_small", "B,C");
  g_assert_cmpstr (f->warnings[n - 1], ==, "Fewer than two groups have at least 36 rows, so the "
                                           "groups are not compared: no summary is given.");
}

/* The intervals rest on the same groups: with C (never selected) in, nearly every resample
 * has a ratio of 0; without it the ratio stays near 0.2 / 0.5. */
static void
test_intervals (void)
{
  g_autoptr(FwFairness) judged = measure (30, FALSE, "1", 200);
  g_autoptr(FwFairness) all = measure (0, FALSE, "1", 200);
  const FwFairnessInterval *j = &judged->intervals[FW_FAIRNESS_DEMOGRAPHIC_PARITY_RATIO];
  const FwFairnessInterval *a = &all->intervals[FW_FAIRNESS_DEMOGRAPHIC_PARITY_RATIO];

  g_assert_cmpfloat (a->low, ==, 0.0);
  g_assert_cmpfloat (j->low, >, 0.1);
  g_assert_cmpfloat (j->low, <, 0.4);
  g_assert_cmpfloat (j->high, >, 0.4);
  g_assert_cmpfloat (j->high, <, 1.0);
}

/* The positive class harmful (flagged for re-arrest): the favourable rate is 1 − selection,
 * A 0.5, B 0.8, ratio 0.625; the selection figures themselves do not change. */
static void
test_harmful (void)
{
  g_autoptr(FwFairness) good = measure (30, FALSE, "1", 0);
  g_autoptr(FwFairness) bad = measure (30, TRUE, "0", 0);
  g_autoptr(JsonNode) good_root = NULL, bad_root = NULL;
  JsonObject *g = to_json (good, &good_root), *b = to_json (bad, &bad_root), *group;

  g_assert_cmpfloat_with_epsilon (bad->groups[0].favourable_rate, 0.5, EPS);
  g_assert_cmpfloat_with_epsilon (bad->groups[1].favourable_rate, 0.8, EPS);
  g_assert_cmpfloat_with_epsilon (bad->summaries[FW_FAIRNESS_FAVOURABLE_RATE_RATIO], 0.625, EPS);
  g_assert_cmpfloat_with_epsilon (bad->summaries[FW_FAIRNESS_DEMOGRAPHIC_PARITY_RATIO], 0.4, EPS);

  g_assert_cmpstr (json_object_get_string_member (g, "favourable"), ==, "1");
  g_assert_true (json_object_get_boolean_member (g, "positive_is_favourable"));
  g_assert_cmpstr (json_object_get_string_member (g, "main_harm"), ==, "false_negative_rate");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (g, "favourable_rate_ratio"),
                                  0.4, EPS);

  g_assert_cmpstr (json_object_get_string_member (b, "favourable"), ==, "0");
  g_assert_false (json_object_get_boolean_member (b, "positive_is_favourable"));
  g_assert_cmpstr (json_object_get_string_member (b, "main_harm"), ==, "false_positive_rate");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (b, "favourable_rate_ratio"),
                                  0.625, EPS);
  /* The existing keys keep their meaning: the rate of the positive prediction. */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (b, "demographic_parity_ratio"),
                                  0.4, EPS);
  group = json_array_get_object_element (json_object_get_array_member (b, "groups"), 1);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (group, "selection_rate"), 0.2,
                                  EPS);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (group, "favourable_rate"), 0.8,
                                  EPS);
}

/* The rule, at and around its five-point margin. */
static void
test_gap_verdict (void)
{
  g_assert_cmpint (fw_fairness_gap_verdict (0.02, 0.03), ==, FW_GAP_NONE);
  g_assert_cmpint (fw_fairness_gap_verdict (0.02, -0.03), ==, FW_GAP_NONE);
  g_assert_cmpint (fw_fairness_gap_verdict (0.40, 0.40), ==, FW_GAP_MIRRORS);
  g_assert_cmpint (fw_fairness_gap_verdict (0.44, 0.40), ==, FW_GAP_MIRRORS);
  g_assert_cmpint (fw_fairness_gap_verdict (0.46, 0.40), ==, FW_GAP_WIDENS);
  g_assert_cmpint (fw_fairness_gap_verdict (0.20, 0.00), ==, FW_GAP_WIDENS);
  g_assert_cmpint (fw_fairness_gap_verdict (0.34, 0.40), ==, FW_GAP_NARROWS);
  g_assert_cmpint (fw_fairness_gap_verdict (0.01, 0.30), ==, FW_GAP_NARROWS);
  /* Data one way, predictions the other. */
  g_assert_cmpint (fw_fairness_gap_verdict (0.30, -0.30), ==, FW_GAP_REVERSES);
  /* Data the other way but predictions flat: the model removed the gap. */
  g_assert_cmpint (fw_fairness_gap_verdict (0.01, -0.30), ==, FW_GAP_NARROWS);
  g_assert_cmpint (fw_fairness_gap_verdict (NAN, 0.3), ==, FW_GAP_NONE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/fairness-framing/small-groups", test_small_groups);
  g_test_add_func ("/engine/fairness-framing/too-few-groups", test_too_few_groups);
  g_test_add_func ("/engine/fairness-framing/intervals", test_intervals);
  g_test_add_func ("/engine/fairness-framing/harmful", test_harmful);
  g_test_add_func ("/engine/fairness-framing/gap-verdict", test_gap_verdict);

  return g_test_run ();
}
