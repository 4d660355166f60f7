/* test-fairness.c — per-group figures and summaries against values worked out by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include "fw-fairness.h"
#include "fw-random.h"
#include "fw-sensitive.h"

#define EPS 1e-12

typedef struct
{
  guint32 group, label;
  float   p;                    /* P(class 1) */
} Row;

/* Three groups with rows and D with none; threshold 0.5, positive class 1. */
static const char *const names[] = { "A", "B", "C", "D", NULL };
static const Row rows[] = {
  { 0, 1, 0.9f },               /* TP */
  { 0, 1, 0.6f },               /* TP */
  { 0, 1, 0.3f },               /* FN */
  { 0, 0, 0.7f },               /* FP */
  { 0, 0, 0.2f },               /* TN */
  { 0, 0, 0.5f },               /* FP: 0.5 ≥ 0.5 selects */
  { 1, 1, 0.8f },               /* TP */
  { 1, 0, 0.1f },               /* TN */
  { 1, 0, 0.4f },               /* TN */
  { 1, 0, 0.49f },              /* TN */
  { 1, 1, 0.2f },               /* FN */
  { 2, 0, 0.9f },               /* FP; C has no actual positives */
  { 2, 0, 0.1f },               /* TN */
  { 2, 0, 0.2f },               /* TN */
  { 2, 0, 0.3f },               /* TN */
};

/* Most cases here measure without intervals. */
static const FwFairnessOptions no_bootstrap = { .threshold = 0.5, .n_resamples = 0 };

/* The same rows counted by hand: TP, FN, FP, TN per group A, B, C. */
static const double confusion[3][4] = { { 2, 1, 2, 1 }, { 1, 1, 0, 3 }, { 0, 0, 1, 3 } };

static FwFairness *
fairness_from_rows (const Row         *r,
                    gsize              n,
                    const char *const *group_names,
                    const float       *weights,
                    guint              positive,
                    double             threshold,
                    guint              n_resamples,
                    guint64            seed)
{
  g_autofree guint32 *groups = g_new (guint32, n);
  g_autofree guint32 *labels = g_new (guint32, n);
  g_autofree float *probs = g_new (float, 2 * n);
  g_autoptr(GError) error = NULL;
  FwFairness *f;

  for (gsize i = 0; i < n; i++)
    {
      groups[i] = r[i].group;
      labels[i] = r[i].label;
      probs[2 * i] = 1 - r[i].p;
      probs[2 * i + 1] = r[i].p;
    }
  f = fw_fairness_compute (&(FwFairnessInput) { .groups = groups, .group_names = group_names,
                                                .weights = weights, .n = n, .labels = labels,
                                                .probabilities = probs, .n_classes = 2,
                                                .positive = positive },
                           &(FwFairnessOptions) { .threshold = threshold,
                                                  .n_resamples = n_resamples, .seed = seed },
                           &error);
  g_assert_no_error (error);
  g_assert_nonnull (f);
  return f;
}

static void
assert_rate (double actual,
             double expected)
{
  if (isnan (expected))
    g_assert_true (isnan (actual));
  else
    g_assert_cmpfloat_with_epsilon (actual, expected, EPS);
}

static void
test_groups (void)
{
  g_autoptr(FwFairness) f = fairness_from_rows (rows, G_N_ELEMENTS (rows), names, NULL, 1, 0.5,
                                                0, 0);
  /* selection, TPR, FPR, FNR, precision, accuracy; by hand from the comments above.
   * A: 4 of 6 selected, 2 of 3 positives found, 2 of 3 negatives selected, 2 of 4 selected
   * right, 3 of 6 right.  B: 1/5, 1/2, 0/3, 1/2, 1/1, 4/5.  C: 1/4, none, 1/4, none, 0/1,
   * 3/4.  D: nothing. */
  const double expected[4][6] = {
    { 2.0 / 3, 2.0 / 3, 2.0 / 3, 1.0 / 3, 0.5, 0.5 },
    { 0.2, 0.5, 0.0, 0.5, 1.0, 0.8 },
    { 0.25, NAN, 0.25, NAN, 0.0, 0.75 },
    { NAN, NAN, NAN, NAN, NAN, NAN },
  };
  const guint64 n[4] = { 6, 5, 4, 0 };

  g_assert_false (f->regression);
  g_assert_cmpuint (f->n_groups, ==, 4);
  g_assert_cmpstr (f->group_names[3], ==, "D");
  for (guint g = 0; g < 4; g++)
    {
      const FwFairnessGroup *group = &f->groups[g];

      g_assert_cmpuint (group->n, ==, n[g]);
      g_assert_cmpfloat (group->weight, ==, n[g]);
      assert_rate (group->selection_rate, expected[g][0]);
      assert_rate (group->tpr, expected[g][1]);
      assert_rate (group->fpr, expected[g][2]);
      assert_rate (group->fnr, expected[g][3]);
      assert_rate (group->precision, expected[g][4]);
      assert_rate (group->accuracy, expected[g][5]);
      g_assert_true (isnan (group->mae));
    }

  /* Selection 2/3, 1/5, 1/4: difference 7/15, ratio (1/5)/(2/3) = 3/10.  TPR 2/3 and 1/2
   * (C has no positives and D no rows: both left out): 1/6.  FPR 2/3, 0, 1/4: 2/3.
   * Equalised odds: max (1/6, 2/3).  Fairlearn's 0 for C's TPR would have made it 2/3. */
  assert_rate (f->summaries[FW_FAIRNESS_DEMOGRAPHIC_PARITY_DIFFERENCE], 7.0 / 15);
  assert_rate (f->summaries[FW_FAIRNESS_DEMOGRAPHIC_PARITY_RATIO], 0.3);
  assert_rate (f->summaries[FW_FAIRNESS_EQUAL_OPPORTUNITY_DIFFERENCE], 1.0 / 6);
  assert_rate (f->summaries[FW_FAIRNESS_EQUALIZED_ODDS_DIFFERENCE], 2.0 / 3);
  g_assert_true (isnan (f->summaries[FW_FAIRNESS_MAE_DIFFERENCE]));
  g_assert_cmpuint (f->n_resamples, ==, 0);
  g_assert_true (isnan (f->intervals[FW_FAIRNESS_DEMOGRAPHIC_PARITY_DIFFERENCE].low));

  /* A, B, C under 30 rows; D empty; C without positives. */
  g_assert_cmpuint (g_strv_length (f->warnings), ==, 5);
  g_assert_cmpstr (f->warnings[0], ==, "Only 6 rows for “A”: its figures are uncertain.");
  g_assert_nonnull (strstr (f->warnings[3], "positives for “C”"));
  g_assert_nonnull (strstr (f->warnings[4], "No rows for “D”"));
}

/* The largest gap over every pair of groups whose rate is defined: another road to
 * Fairlearn's max − min. */
static double
largest_pairwise_gap (const double *rate,
                      guint         n)
{
  double gap = NAN;

  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      if (!isnan (rate[i]) && !isnan (rate[j]) && (isnan (gap) || rate[i] - rate[j] > gap))
        gap = rate[i] - rate[j];
  return gap;
}

static void
test_summaries_from_confusion (void)
{
  g_autoptr(FwFairness) f = fairness_from_rows (rows, G_N_ELEMENTS (rows), names, NULL, 1, 0.5,
                                                0, 0);
  double selection[3], tpr[3], fpr[3], lowest = INFINITY, highest = -INFINITY;

  for (guint g = 0; g < 3; g++)
    {
      const double *c = confusion[g];
      double all = c[0] + c[1] + c[2] + c[3];

      selection[g] = (c[0] + c[2]) / all;
      tpr[g] = c[0] + c[1] > 0 ? c[0] / (c[0] + c[1]) : NAN;
      fpr[g] = c[2] + c[3] > 0 ? c[2] / (c[2] + c[3]) : NAN;
      lowest = MIN (lowest, selection[g]);
      highest = MAX (highest, selection[g]);
      g_assert_cmpfloat (f->groups[g].weight, ==, all);
    }
  assert_rate (f->summaries[FW_FAIRNESS_DEMOGRAPHIC_PARITY_DIFFERENCE],
               largest_pairwise_gap (selection, 3));
  assert_rate (f->summaries[FW_FAIRNESS_DEMOGRAPHIC_PARITY_RATIO], lowest / highest);
  assert_rate (f->summaries[FW_FAIRNESS_EQUAL_OPPORTUNITY_DIFFERENCE],
               largest_pairwise_gap (tpr, 3));
  assert_rate (f->summaries[FW_FAIRNESS_EQUALIZED_ODDS_DIFFERENCE],
               MAX (largest_pairwise_gap (tpr, 3), largest_pairwise_gap (fpr, 3)));
}

static void
test_weights (void)
{
  float weights[G_N_ELEMENTS (rows)];
  Row repeated[3 * G_N_ELEMENTS (rows)];
  gsize n_repeated = 0;
  g_autoptr(FwFairness) weighted = NULL, expanded = NULL;

  /* Weights 1, 2, 3, 1, 2, 3, …; the same rows repeated that many times must agree. */
  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      weights[i] = (float) (i % 3 + 1);
      for (guint k = 0; k < i % 3 + 1; k++)
        repeated[n_repeated++] = rows[i];
    }
  weighted = fairness_from_rows (rows, G_N_ELEMENTS (rows), names, weights, 1, 0.5, 0, 0);
  expanded = fairness_from_rows (repeated, n_repeated, names, NULL, 1, 0.5, 0, 0);

  for (guint g = 0; g < 4; g++)
    {
      const FwFairnessGroup *w = &weighted->groups[g], *e = &expanded->groups[g];

      g_assert_cmpuint (w->n, ==, g == 3 ? 0 : g == 0 ? 6 : g == 1 ? 5 : 4);
      g_assert_cmpfloat (w->weight, ==, (double) e->n);
      assert_rate (w->selection_rate, e->selection_rate);
      assert_rate (w->tpr, e->tpr);
      assert_rate (w->fpr, e->fpr);
      assert_rate (w->fnr, e->fnr);
      assert_rate (w->precision, e->precision);
      assert_rate (w->accuracy, e->accuracy);
    }
  for (guint s = 0; s < FW_FAIRNESS_N_SUMMARIES; s++)
    assert_rate (weighted->summaries[s], expanded->summaries[s]);

  /* By hand for A: weights 1 2 3 1 2 3 on TP TP FN FP TN FP → TP 3, FN 3, FP 4, TN 2:
   * selection 7/12, TPR 1/2, FPR 4/6. */
  assert_rate (weighted->groups[0].selection_rate, 7.0 / 12);
  assert_rate (weighted->groups[0].tpr, 0.5);
  assert_rate (weighted->groups[0].fpr, 2.0 / 3);

  /* A group whose rows all weigh 0 keeps its row count but has no figures. */
  {
    float zero_b[G_N_ELEMENTS (rows)];
    g_autoptr(FwFairness) f = NULL;

    for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
      zero_b[i] = rows[i].group == 1 ? 0.0f : 1.0f;
    f = fairness_from_rows (rows, G_N_ELEMENTS (rows), names, zero_b, 1, 0.5, 0, 0);
    g_assert_cmpuint (f->groups[1].n, ==, 5);
    g_assert_cmpfloat (f->groups[1].weight, ==, 0);
    g_assert_true (isnan (f->groups[1].selection_rate));
    /* Selection 2/3 and 1/4 without B: 5/12. */
    assert_rate (f->summaries[FW_FAIRNESS_DEMOGRAPHIC_PARITY_DIFFERENCE], 5.0 / 12);
  }
}

static void
test_threshold_and_positive (void)
{
  g_autoptr(FwFairness) low = fairness_from_rows (rows, G_N_ELEMENTS (rows), names, NULL, 1,
                                                  0.25, 0, 0);
  g_autoptr(FwFairness) flipped = fairness_from_rows (rows, G_N_ELEMENTS (rows), names, NULL,
                                                      0, 0.5, 0, 0);

  /* At 0.25, B selects 0.8, 0.4 and 0.49: 3/5; its negatives 0.1, 0.4, 0.49: FPR 2/3. */
  assert_rate (low->groups[1].selection_rate, 0.6);
  assert_rate (low->groups[1].fpr, 2.0 / 3);
  /* Positive 0: A selects P(0) = 0.7, 0.8, 0.5 (rows 3, 5, 6): 1/2; its class-0 rows 4, 5, 6
   * find 5 and 6: TPR 2/3; class-1 rows 1–3 select row 3: FPR 1/3.  C: every row is
   * positive now, P(0) = 0.1, 0.9, 0.8, 0.7 selects 3: TPR 3/4, FPR undefined. */
  assert_rate (flipped->groups[0].selection_rate, 0.5);
  assert_rate (flipped->groups[0].tpr, 2.0 / 3);
  assert_rate (flipped->groups[0].fpr, 1.0 / 3);
  assert_rate (flipped->groups[2].tpr, 0.75);
  g_assert_true (isnan (flipped->groups[2].fpr));
}

static void
test_multiclass (void)
{
  const char *const mc_names[] = { "X", "Y", NULL };
  const guint32 groups[] = { 0, 0, 0, 0, 1, 1, 1 };
  const guint32 labels[] = { 2, 0, 1, 2, 0, 1, 2 };
  const float probs[] = {
    0.1f, 0.2f, 0.7f,           /* → 2, actual 2: TP */
    0.6f, 0.3f, 0.1f,           /* → 0, actual 0: TN, right */
    0.5f, 0.3f, 0.2f,           /* → 0, actual 1: TN for class 2, but wrong */
    0.4f, 0.5f, 0.1f,           /* → 1, actual 2: FN */
    0.2f, 0.2f, 0.6f,           /* → 2, actual 0: FP */
    0.1f, 0.8f, 0.1f,           /* → 1, actual 1: TN, right */
    0.3f, 0.3f, 0.4f,           /* → 2, actual 2: TP */
  };
  g_autoptr(GError) error = NULL;
  /* The threshold only matters with two classes. */
  FwFairnessInput input = { .groups = groups, .group_names = mc_names, .n = 7, .labels = labels,
                            .probabilities = probs, .n_classes = 3, .positive = 2 };
  g_autoptr(FwFairness) f = fw_fairness_compute (&input,
                                                  &(FwFairnessOptions) { .threshold = 0.99 },
                                                  &error);

  g_assert_no_error (error);
  /* X: selected 1/4, TPR 1/2, FPR 0/2, accuracy 2/4, precision 1/1.
   * Y: selected 2/3, TPR 1/1, FPR 1/2, accuracy 2/3, precision 1/2. */
  assert_rate (f->groups[0].selection_rate, 0.25);
  assert_rate (f->groups[0].tpr, 0.5);
  assert_rate (f->groups[0].fpr, 0.0);
  assert_rate (f->groups[0].accuracy, 0.5);
  assert_rate (f->groups[0].precision, 1.0);
  assert_rate (f->groups[1].selection_rate, 2.0 / 3);
  assert_rate (f->groups[1].tpr, 1.0);
  assert_rate (f->groups[1].fpr, 0.5);
  assert_rate (f->groups[1].accuracy, 2.0 / 3);
  assert_rate (f->groups[1].precision, 0.5);
  /* 2/3 − 1/4 = 5/12; (1/4) / (2/3) = 3/8; TPR and FPR gaps both 1/2. */
  assert_rate (f->summaries[FW_FAIRNESS_DEMOGRAPHIC_PARITY_DIFFERENCE], 5.0 / 12);
  assert_rate (f->summaries[FW_FAIRNESS_DEMOGRAPHIC_PARITY_RATIO], 3.0 / 8);
  assert_rate (f->summaries[FW_FAIRNESS_EQUAL_OPPORTUNITY_DIFFERENCE], 0.5);
  assert_rate (f->summaries[FW_FAIRNESS_EQUALIZED_ODDS_DIFFERENCE], 0.5);
}

static void
test_predicted (void)
{
  guint32 groups[G_N_ELEMENTS (rows)], labels[G_N_ELEMENTS (rows)], predicted[G_N_ELEMENTS (rows)];
  g_autoptr(FwFairness) from_probs = fairness_from_rows (rows, G_N_ELEMENTS (rows), names, NULL,
                                                         1, 0.5, 0, 0);
  g_autoptr(FwFairness) f = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      groups[i] = rows[i].group;
      labels[i] = rows[i].label;
      predicted[i] = rows[i].p >= 0.5f;
    }
  f = fw_fairness_compute_predicted (&(FwFairnessInput) { .groups = groups, .group_names = names,
                                                          .n = G_N_ELEMENTS (rows),
                                                          .labels = labels,
                                                          .predicted_classes = predicted,
                                                          .n_classes = 2, .positive = 1 },
                                     &no_bootstrap, NULL);
  for (guint g = 0; g < 4; g++)
    {
      assert_rate (f->groups[g].selection_rate, from_probs->groups[g].selection_rate);
      assert_rate (f->groups[g].tpr, from_probs->groups[g].tpr);
      assert_rate (f->groups[g].accuracy, from_probs->groups[g].accuracy);
    }
  for (guint s = 0; s < FW_FAIRNESS_N_SUMMARIES; s++)
    assert_rate (f->summaries[s], from_probs->summaries[s]);
}

static void
test_ratio_edges (void)
{
  const char *const two[] = { "P", "Q", NULL }, *const one[] = { "only", NULL };
  const Row none_selected[] = { { 0, 1, 0.1f }, { 0, 0, 0.2f }, { 1, 1, 0.3f }, { 1, 0, 0.4f } };
  const Row one_selected[] = { { 0, 1, 0.9f }, { 0, 0, 0.2f }, { 1, 1, 0.3f }, { 1, 0, 0.4f } };
  g_autoptr(FwFairness) zero = fairness_from_rows (none_selected, 4, two, NULL, 1, 0.5, 0, 0);
  g_autoptr(FwFairness) some = fairness_from_rows (one_selected, 4, two, NULL, 1, 0.5, 0, 0);
  g_autoptr(FwFairness) single = fairness_from_rows (one_selected, 2, one, NULL, 1, 0.5, 0, 0);

  /* Nothing selected anywhere: rates 0 and 0, difference 0, ratio 0/0 undefined. */
  assert_rate (zero->summaries[FW_FAIRNESS_DEMOGRAPHIC_PARITY_DIFFERENCE], 0.0);
  g_assert_true (isnan (zero->summaries[FW_FAIRNESS_DEMOGRAPHIC_PARITY_RATIO]));
  /* 1/2 and 0: ratio 0. */
  assert_rate (some->summaries[FW_FAIRNESS_DEMOGRAPHIC_PARITY_RATIO], 0.0);
  assert_rate (some->summaries[FW_FAIRNESS_DEMOGRAPHIC_PARITY_DIFFERENCE], 0.5);
  /* One group: no gap, ratio 1. */
  assert_rate (single->summaries[FW_FAIRNESS_DEMOGRAPHIC_PARITY_DIFFERENCE], 0.0);
  assert_rate (single->summaries[FW_FAIRNESS_DEMOGRAPHIC_PARITY_RATIO], 1.0);
  assert_rate (single->summaries[FW_FAIRNESS_EQUALIZED_ODDS_DIFFERENCE], 0.0);
}

static void
test_invalid (void)
{
  const char *const two[] = { "P", "Q", NULL };
  const guint32 groups[] = { 0, 2 }, good_groups[] = { 0, 1 }, labels[] = { 0, 1 };
  const guint32 bad_labels[] = { 0, 5 };
  const float probs[] = { 0.5f, 0.5f, 0.2f, 0.8f }, nan_probs[] = { 0.5f, 0.5f, NAN, NAN };
  const float negative[] = { 1.0f, -1.0f }, zero[] = { 0.0f, 0.0f };
  FwFairnessInput input = { .groups = groups, .group_names = two, .n = 2, .labels = labels,
                            .probabilities = probs, .n_classes = 2, .positive = 1 };
  GError *error = NULL;

  g_assert_null (fw_fairness_compute (&input, &no_bootstrap, &error));
  g_assert_error (error, FW_FAIRNESS_ERROR, FW_FAIRNESS_ERROR_INVALID);
  g_clear_error (&error);
  input.groups = good_groups;
  input.labels = bad_labels;
  g_assert_null (fw_fairness_compute (&input, &no_bootstrap, &error));
  g_assert_error (error, FW_FAIRNESS_ERROR, FW_FAIRNESS_ERROR_INVALID);
  g_clear_error (&error);
  input.labels = labels;
  input.probabilities = nan_probs;
  g_assert_null (fw_fairness_compute (&input, &no_bootstrap, &error));
  g_assert_error (error, FW_FAIRNESS_ERROR, FW_FAIRNESS_ERROR_INVALID);
  g_clear_error (&error);
  input.probabilities = probs;
  input.weights = negative;
  g_assert_null (fw_fairness_compute (&input, &no_bootstrap, &error));
  g_assert_error (error, FW_FAIRNESS_ERROR, FW_FAIRNESS_ERROR_INVALID);
  g_clear_error (&error);
  input.weights = zero;
  g_assert_null (fw_fairness_compute (&input, &no_bootstrap, &error));
  g_assert_error (error, FW_FAIRNESS_ERROR, FW_FAIRNESS_ERROR_EMPTY);
  g_clear_error (&error);
  input.weights = NULL;
  input.n = 0;
  g_assert_null (fw_fairness_compute (&input, &no_bootstrap, &error));
  g_assert_error (error, FW_FAIRNESS_ERROR, FW_FAIRNESS_ERROR_EMPTY);
  g_clear_error (&error);
}

/* Two equal halves; the model selects P(selected | group, actual): group 0: 0.8 of
 * positives, 0.3 of negatives; group 1: 0.6 and 0.2; positives are half of each group. */
static FwFairness *
synthetic (gsize    n,
           guint    n_resamples,
           guint64  seed)
{
  static const char *const halves[] = { "first", "second", NULL };
  static const double select_p[2][2] = { { 0.3, 0.8 }, { 0.2, 0.6 } };
  g_autofree guint32 *groups = g_new (guint32, n), *labels = g_new (guint32, n);
  g_autofree float *probs = g_new (float, 2 * n);
  FwRng rng;

  fw_rng_init (&rng, 7);
  for (gsize i = 0; i < n; i++)
    {
      gboolean selected;

      groups[i] = i % 2;
      labels[i] = fw_rng_uniform (&rng) < 0.5;
      selected = fw_rng_uniform (&rng) < select_p[groups[i]][labels[i]];
      probs[2 * i + 1] = selected ? 0.9f : 0.1f;
      probs[2 * i] = 1 - probs[2 * i + 1];
    }
  return fw_fairness_compute (&(FwFairnessInput) { .groups = groups, .group_names = halves,
                                                   .n = n, .labels = labels,
                                                   .probabilities = probs, .n_classes = 2,
                                                   .positive = 1 },
                              &(FwFairnessOptions) { .threshold = 0.5,
                                                     .n_resamples = n_resamples, .seed = seed },
                              NULL);
}

static void
test_bootstrap (void)
{
  g_autoptr(FwFairness) a = synthetic (4000, FW_FAIRNESS_DEFAULT_RESAMPLES, 42);
  g_autoptr(FwFairness) b = synthetic (4000, FW_FAIRNESS_DEFAULT_RESAMPLES, 42);
  g_autoptr(FwFairness) c = synthetic (4000, FW_FAIRNESS_DEFAULT_RESAMPLES, 43);
  g_autoptr(FwFairness) small = synthetic (400, FW_FAIRNESS_DEFAULT_RESAMPLES, 42);
  g_autoptr(FwFairness) large = synthetic (40000, FW_FAIRNESS_DEFAULT_RESAMPLES, 42);
  gboolean any_differs = FALSE;

  g_assert_cmpuint (a->n_resamples, ==, FW_FAIRNESS_DEFAULT_RESAMPLES);
  for (guint s = 0; s < FW_FAIRNESS_MAE_DIFFERENCE; s++)
    {
      const FwFairnessInterval *i = &a->intervals[s];
      double small_width = small->intervals[s].high - small->intervals[s].low;
      double large_width = large->intervals[s].high - large->intervals[s].low;

      /* Same seed, same draws; another seed, other draws. */
      g_assert_cmpfloat (i->low, ==, b->intervals[s].low);
      g_assert_cmpfloat (i->high, ==, b->intervals[s].high);
      any_differs |= i->low != c->intervals[s].low || i->high != c->intervals[s].high;
      /* Gaps of 0.1 to 0.2 on 2,000 rows a group sit well inside their own interval. */
      g_assert_cmpfloat (i->low, <, a->summaries[s]);
      g_assert_cmpfloat (a->summaries[s], <, i->high);
      /* A hundred times the rows: about a tenth of the width; ask for under a half. */
      g_assert_cmpfloat (large_width, >, 0);
      g_assert_cmpfloat (large_width, <, small_width / 2);
    }
  g_assert_true (any_differs);
  g_assert_true (isnan (a->intervals[FW_FAIRNESS_MAE_DIFFERENCE].low));
}

static void
test_intersect (void)
{
  const char *const sex[] = { "female", "male", "other", NULL };
  const char *const age[] = { "18-25", "26-40", "41+", NULL };
  const guint32 a[] = { 0, 1, 0, 1, 0 }, b[] = { 0, 1, 1, 0, 0 }, out_of_range[] = { 0, 3 };
  g_autofree guint32 *codes = NULL;
  g_auto(GStrv) crossed = NULL;
  GError *error = NULL;

  /* Seen: female, male × 18-25, 26-40 ("other" and "41+" never occur). */
  g_assert_true (fw_sensitive_intersect_groups (a, sex, b, age, 5, &codes, &crossed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (crossed), ==, 4);
  g_assert_cmpstr (crossed[0], ==, "female × 18-25");
  g_assert_cmpstr (crossed[1], ==, "female × 26-40");
  g_assert_cmpstr (crossed[2], ==, "male × 18-25");
  g_assert_cmpstr (crossed[3], ==, "male × 26-40");
  g_assert_cmpuint (codes[0], ==, 0);
  g_assert_cmpuint (codes[1], ==, 3);
  g_assert_cmpuint (codes[2], ==, 1);
  g_assert_cmpuint (codes[3], ==, 2);
  g_assert_cmpuint (codes[4], ==, 0);
  g_clear_pointer (&codes, g_free);
  g_clear_pointer (&crossed, g_strfreev);

  /* Two rows, two pairs seen, four groups: the other two pairs are empty groups. */
  g_assert_true (fw_sensitive_intersect_groups (a, sex, b, age, 2, &codes, &crossed, NULL));
  g_assert_cmpuint (g_strv_length (crossed), ==, 4);
  {
    const guint32 labels[] = { 1, 0 };
    const float probs[] = { 0.1f, 0.9f, 0.9f, 0.1f };
    FwFairnessInput input = { .groups = codes, .group_names = (const char *const *) crossed,
                              .n = 2, .labels = labels, .probabilities = probs, .n_classes = 2,
                              .positive = 1 };
    g_autoptr(FwFairness) f = fw_fairness_compute (&input, &no_bootstrap, NULL);

    g_assert_cmpuint (f->groups[0].n, ==, 1);
    g_assert_cmpuint (f->groups[1].n, ==, 0);
    g_assert_cmpuint (f->groups[2].n, ==, 0);
    g_assert_cmpuint (f->groups[3].n, ==, 1);
  }
  g_clear_pointer (&codes, g_free);
  g_clear_pointer (&crossed, g_strfreev);

  g_assert_false (fw_sensitive_intersect_groups (out_of_range, sex, b, age, 2, &codes, &crossed,
                                                 &error));
  g_assert_error (error, FW_SENSITIVE_ERROR, FW_SENSITIVE_ERROR_INVALID);
  g_clear_error (&error);
}

static void
test_regression (void)
{
  const char *const reg_names[] = { "P", "Q", "R", NULL };
  const guint32 groups[] = { 0, 0, 0, 1, 1 };
  const float actual[] = { 1, 2, 3, 10, 0 }, predicted[] = { 2, 2, 5, 7, 1 };
  const float weights[] = { 1, 1, 2, 1, 1 };
  g_autoptr(GError) error = NULL;
  FwFairnessInput input = { .groups = groups, .group_names = reg_names, .n = 5,
                            .actual = actual, .predicted = predicted };
  FwFairnessInput weighted = { .groups = groups, .group_names = reg_names, .n = 5,
                               .weights = weights, .actual = actual, .predicted = predicted };
  g_autoptr(FwFairness) f = fw_fairness_compute_regression (&input, &no_bootstrap, &error);
  g_autoptr(FwFairness) w = fw_fairness_compute_regression (&weighted, &no_bootstrap, NULL);

  g_assert_no_error (error);
  g_assert_true (f->regression);
  /* P: errors 1, 0, 2 → MAE 1, predictions 2, 2, 5 → mean 3.  Q: errors 3, 1 → 2; mean 4. */
  assert_rate (f->groups[0].mae, 1.0);
  assert_rate (f->groups[0].mean_prediction, 3.0);
  assert_rate (f->groups[1].mae, 2.0);
  assert_rate (f->groups[1].mean_prediction, 4.0);
  g_assert_cmpuint (f->groups[2].n, ==, 0);
  g_assert_true (isnan (f->groups[2].mae));
  g_assert_true (isnan (f->groups[0].selection_rate));
  assert_rate (f->summaries[FW_FAIRNESS_MAE_DIFFERENCE], 1.0);
  g_assert_true (isnan (f->summaries[FW_FAIRNESS_DEMOGRAPHIC_PARITY_DIFFERENCE]));
  /* Weighted P: (1 + 0 + 2·2) / 4 = 1.25; (2 + 2 + 2·5) / 4 = 3.5. */
  assert_rate (w->groups[0].mae, 1.25);
  assert_rate (w->groups[0].mean_prediction, 3.5);
  g_assert_cmpfloat (w->groups[0].weight, ==, 4);
  assert_rate (w->summaries[FW_FAIRNESS_MAE_DIFFERENCE], 0.75);

  /* Bootstrapped: every resample has P or Q, so the MAE gap is always defined, between 0
   * and the largest error, 3; the parity figures have no interval. */
  {
    FwFairnessOptions options = { .n_resamples = 200, .seed = 5 };
    g_autoptr(FwFairness) boot = fw_fairness_compute_regression (&input, &options, NULL);
    const FwFairnessInterval *i = &boot->intervals[FW_FAIRNESS_MAE_DIFFERENCE];

    g_assert_cmpfloat (0, <=, i->low);
    g_assert_cmpfloat (i->low, <=, i->high);
    g_assert_cmpfloat (i->high, <=, 3);
    g_assert_true (isnan (boot->intervals[FW_FAIRNESS_DEMOGRAPHIC_PARITY_DIFFERENCE].low));
  }
}

static JsonObject *
to_json (const FwFairness *f,
         JsonNode        **root)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  fw_fairness_to_json (f, "sex", builder);
  *root = json_builder_get_root (builder);
  return json_node_get_object (*root);
}

static void
test_json (void)
{
  static const char *const contract[] = { "value", "n", "selection_rate", "tpr", "fpr",
                                          "accuracy", "fnr", "precision", "weight" };
  g_autoptr(FwFairness) f = fairness_from_rows (rows, G_N_ELEMENTS (rows), names, NULL, 1, 0.5,
                                                0, 0);
  g_autoptr(FwFairness) boot = fairness_from_rows (rows, G_N_ELEMENTS (rows), names, NULL, 1,
                                                   0.5, 200, 1);
  g_autoptr(JsonNode) root = NULL, boot_root = NULL;
  JsonObject *o = to_json (f, &root), *c, *group;
  JsonArray *groups;

  g_assert_cmpstr (json_object_get_string_member (o, "attribute"), ==, "sex");
  groups = json_object_get_array_member (o, "groups");
  g_assert_cmpuint (json_array_get_length (groups), ==, 4);
  for (guint g = 0; g < 4; g++)
    for (guint k = 0; k < G_N_ELEMENTS (contract); k++)
      g_assert_true (json_object_has_member (json_array_get_object_element (groups, g),
                                             contract[k]));
  group = json_array_get_object_element (groups, 0);
  g_assert_cmpstr (json_object_get_string_member (group, "value"), ==, "A");
  g_assert_cmpint (json_object_get_int_member (group, "n"), ==, 6);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (group, "accuracy"), 0.5, EPS);
  /* C has no TPR; D no figures at all. */
  group = json_array_get_object_element (groups, 2);
  g_assert_true (json_object_get_null_member (group, "tpr"));
  group = json_array_get_object_element (groups, 3);
  g_assert_cmpint (json_object_get_int_member (group, "n"), ==, 0);
  g_assert_true (json_object_get_null_member (group, "selection_rate"));
  g_assert_true (json_object_get_null_member (group, "accuracy"));

  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "demographic_parity_ratio"),
                                  0.3, EPS);
  g_assert_true (json_object_has_member (o, "demographic_parity_difference"));
  g_assert_true (json_object_has_member (o, "equalized_odds_difference"));
  g_assert_true (json_object_has_member (o, "equal_opportunity_difference"));
  g_assert_false (json_object_has_member (o, "mae_difference"));
  g_assert_false (json_object_has_member (o, "confidence_intervals"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "warnings")), ==, 5);

  o = to_json (boot, &boot_root);
  c = json_object_get_object_member (o, "confidence_intervals");
  g_assert_cmpfloat (json_object_get_double_member (c, "level"), ==, 0.95);
  g_assert_cmpint (json_object_get_int_member (c, "resamples"), ==, 200);
  for (guint s = 0; s < FW_FAIRNESS_MAE_DIFFERENCE; s++)
    g_assert_cmpuint (json_array_get_length (
                        json_object_get_array_member (c, fw_fairness_summary_key (s))), ==, 2);

  /* Nothing selected anywhere: the ratio is null. */
  {
    const char *const two[] = { "P", "Q", NULL };
    const Row none[] = { { 0, 1, 0.1f }, { 1, 0, 0.2f } };
    g_autoptr(FwFairness) zero = fairness_from_rows (none, 2, two, NULL, 1, 0.5, 0, 0);
    g_autoptr(JsonNode) zero_root = NULL;

    o = to_json (zero, &zero_root);
    g_assert_true (json_object_get_null_member (o, "demographic_parity_ratio"));
  }
}

static void
test_json_regression (void)
{
  const char *const reg_names[] = { "P", "Q", NULL };
  const guint32 groups[] = { 0, 1 };
  const float actual[] = { 1, 2 }, predicted[] = { 1.5f, 2 };
  FwFairnessInput input = { .groups = groups, .group_names = reg_names, .n = 2,
                            .actual = actual, .predicted = predicted };
  g_autoptr(FwFairness) f = fw_fairness_compute_regression (&input, &no_bootstrap, NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o = to_json (f, &root), *group;

  group = json_array_get_object_element (json_object_get_array_member (o, "groups"), 0);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (group, "mae"), 0.5, EPS);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (group, "mean_prediction"), 1.5,
                                  EPS);
  g_assert_true (json_object_get_null_member (group, "selection_rate"));
  g_assert_true (json_object_get_null_member (o, "demographic_parity_difference"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "mae_difference"), 0.5, EPS);
}

/* Every epoch pays for one attribute on the validation set.  The figure is printed, never
 * asserted (shared machines, sanitizers); tests/bench/bench-fairness.sh measures the
 * per-epoch overhead against training itself. */
static void
test_speed (void)
{
  const gsize n = 100000;
  const guint repeats = 20;
  const char *const five[] = { "a", "b", "c", "d", "e", NULL };
  g_autofree guint32 *groups = g_new (guint32, n), *labels = g_new (guint32, n);
  g_autofree float *probs = g_new (float, 2 * n);
  FwFairnessInput input = { .groups = groups, .group_names = five, .n = n, .labels = labels,
                            .probabilities = probs, .n_classes = 2, .positive = 1 };
  gint64 start, elapsed;
  double per_10k_us;
  FwRng rng;

  fw_rng_init (&rng, 3);
  for (gsize i = 0; i < n; i++)
    {
      groups[i] = fw_rng_below (&rng, 5);
      labels[i] = fw_rng_below (&rng, 2);
      probs[2 * i + 1] = (float) fw_rng_uniform (&rng);
      probs[2 * i] = 1 - probs[2 * i + 1];
    }
  start = g_get_monotonic_time ();
  for (guint r = 0; r < repeats; r++)
    {
      g_autoptr(FwFairness) f = fw_fairness_compute (&input, &no_bootstrap, NULL);
      g_assert_nonnull (f);
    }
  elapsed = g_get_monotonic_time () - start;
  per_10k_us = (double) elapsed / repeats / (n / 10000.0);
  g_test_message ("fairness, no bootstrap: %.1f us per 10,000 rows", per_10k_us);

  start = g_get_monotonic_time ();
  {
    FwFairnessOptions options;
    g_autoptr(FwFairness) f = NULL;

    fw_fairness_options_init (&options);
    options.seed = 9;
    f = fw_fairness_compute (&input, &options, NULL);
    g_assert_cmpuint (f->n_resamples, ==, FW_FAIRNESS_DEFAULT_RESAMPLES);
  }
  g_test_message ("fairness, 200 resamples on 100,000 rows: %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/fairness/groups", test_groups);
  g_test_add_func ("/engine/fairness/summaries-from-confusion", test_summaries_from_confusion);
  g_test_add_func ("/engine/fairness/weights", test_weights);
  g_test_add_func ("/engine/fairness/threshold-and-positive", test_threshold_and_positive);
  g_test_add_func ("/engine/fairness/multiclass", test_multiclass);
  g_test_add_func ("/engine/fairness/predicted", test_predicted);
  g_test_add_func ("/engine/fairness/ratio-edges", test_ratio_edges);
  g_test_add_func ("/engine/fairness/invalid", test_invalid);
  g_test_add_func ("/engine/fairness/bootstrap", test_bootstrap);
  g_test_add_func ("/engine/fairness/intersect", test_intersect);
  g_test_add_func ("/engine/fairness/regression", test_regression);
  g_test_add_func ("/engine/fairness/json", test_json);
  g_test_add_func ("/engine/fairness/json-regression", test_json_regression);
  g_test_add_func ("/engine/fairness/speed", test_speed);

  return g_test_run ();
}
