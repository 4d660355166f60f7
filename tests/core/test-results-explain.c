/* test-results-explain.c — the Results step's figures in words: each metric as shown, its
 * sentence, and the warnings about groups worked out here from the counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include "fw-core-test.h"
#include "fw-results-explain.h"

static void
test_metric_words (void)
{
  static const struct
  {
    const char *key;
    double      value;
    const char *shown;
  } values[] = {
    { "accuracy", 0.8314, "83.1 %" }, { "balanced_accuracy", 0.5, "50.0 %" },
    { "roc_auc", 1.0, "100.0 %" }, { "log_loss", 0.41234, "0.412" }, { "r2", 0.5, "0.500" },
    { "mae", 12.3456, "12.35" }, { "rmse", 1234567.0, "1.235e+06" }, { "f1", NAN, "—" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *shown = fw_results_metric_value (values[i].key, values[i].value);

      g_assert_cmpstr (shown, ==, values[i].shown);
    }

  /* Every key the page lists has a title of its own. */
  for (guint i = 0; fw_results_classification_keys[i] != NULL; i++)
    g_assert_cmpstr (fw_results_metric_title (fw_results_classification_keys[i]), !=,
                     fw_results_classification_keys[i]);
  for (guint i = 0; fw_results_regression_keys[i] != NULL; i++)
    g_assert_cmpstr (fw_results_metric_title (fw_results_regression_keys[i]), !=,
                     fw_results_regression_keys[i]);
  g_assert_cmpstr (fw_results_metric_title ("precision"), ==, "Precision");
  g_assert_cmpstr (fw_results_metric_title ("unknown_key"), ==, "unknown_key");
}

static void
test_metric_sentences (void)
{
  static const struct
  {
    const char *key;
    double      value;
    const char *positive;
    const char *sentence;
  } sentences[] = {
    { "accuracy", 0.834, NULL, "Of 100 test rows the model has never seen, it gets 83 right." },
    { "precision", 0.5, "yes", "Of 100 rows the model predicts as “yes”, 50 really are." },
    { "recall", 0.716, "yes", "Of 100 rows that really are “yes”, the model finds 72." },
    { "recall", 0.716, NULL, "Of 100 rows of a class, the model finds 72 (averaged over the "
                             "classes)." },
    { "mae", 12.5, NULL, "On average a prediction of “income” is off by 12.5." },
    { "r2", 0.404, NULL, "The model explains 40 % of how “income” varies; 0 % is no better than "
                         "always predicting the average." },
    { "roc_auc", NAN, "yes", "Not defined for these test rows." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
    {
      g_autofree char *sentence = fw_results_metric_sentence (sentences[i].key, sentences[i].value,
                                                              sentences[i].positive, "income");

      g_assert_cmpstr (sentence, ==, sentences[i].sentence);
    }
}

/* How the outcome is framed: the positive class's name, the favourable one's, and whether
 * being predicted positive harms. */
typedef struct
{
  const char *positive, *favourable;
  gboolean    harmful;
} Framing;

/* Groups of @sizes rows of which the first @selected are picked; actual classes alternate
 * 0, 1, 0, 1 …, so of k picked rows ⌈k/2⌉ are actual negatives. */
static FwFairness *
fairness_framed (const char *const *names,
                 const guint       *sizes,
                 const guint       *selected,
                 guint              n_groups,
                 const Framing     *framing)
{
  g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) decided = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GError) error = NULL;
  FwFairnessInput input;
  FwFairnessOptions options;
  FwFairness *fairness;

  for (guint32 g = 0; g < n_groups; g++)
    for (guint i = 0; i < sizes[g]; i++)
      {
        guint32 yes = i < selected[g], label = i % 2;

        g_array_append_val (groups, g);
        g_array_append_val (labels, label);
        g_array_append_val (decided, yes);
      }
  input = (FwFairnessInput) {
    .groups = (const guint32 *) groups->data,
    .group_names = names,
    .n = groups->len,
    .labels = (const guint32 *) labels->data,
    .predicted_classes = (const guint32 *) decided->data,
    .n_classes = 2,
    .positive = 1,
  };
  fw_fairness_options_init (&options);
  options.n_resamples = 0;
  if (framing != NULL)
    {
      options.positive_name = framing->positive;
      options.favourable = framing->favourable;
      options.positive_is_harmful = framing->harmful;
    }
  fairness = fw_fairness_compute_predicted (&input, &options, &error);
  g_assert_no_error (error);
  return fairness;
}

static FwFairness *
fairness_of (const char *const *names,
             const guint       *sizes,
             const guint       *selected,
             guint              n_groups)
{
  return fairness_framed (names, sizes, selected, n_groups, NULL);
}

/* The lowest favourable rate over the highest, below 0.8, comes first; then the main harm
 * (a gap of ten points or more); then each group with too few rows, in order.  Nothing
 * names the outcome here, so the sentences speak of "the good outcome". */
static void
test_group_warnings (void)
{
  static const char *const names[] = { "A", "B", "C", NULL };
  static const guint sizes[] = { 100, 100, 10 };
  static const guint unfair[] = { 50, 30, 5 };
  static const guint fair[] = { 50, 48, 5 };
  g_autoptr(FwFairness) f = fairness_of (names, sizes, unfair, 3);
  g_auto(GStrv) warnings = fw_results_group_warnings (f, "sex");
  g_autoptr(FwFairness) g = NULL;
  g_auto(GStrv) fewer = NULL;

  /* 0.30 / 0.50 = 0.60.  Missed positives: A picks 25 of its 50, B 15 of 50: FNR 0.5, 0.7.
   * C's 10 rows are below the 30 the summaries need.  Both groups are half positive, so
   * the 20-point gap in predictions is the model's own. */
  g_assert_cmpuint (g_strv_length (warnings), ==, 4);
  g_assert_cmpstr (warnings[0], ==, "“B” gets the good outcome at 0.60 times the rate of “A”: "
                                    "below the four-fifths rule of thumb (0.80), a common sign "
                                    "of unfair treatment by “sex”.");
  g_assert_cmpstr (warnings[1], ==, "The main harm here is being wrongly refused the good "
                                    "outcome: it happens to 70 % of “B” who should get it, "
                                    "against 50 % of “A” (the false negative rate).");
  g_assert_cmpstr (warnings[2], ==, "Only 10 test rows are in “C”: too few rows to judge, so "
                                    "they are left out of the comparisons.");
  g_assert_cmpstr (warnings[3], ==, "Of “A”, 50 % are predicted “positive” and 50 % really "
                                    "are; of “B”, 30 % and 50 %. The model widens the gap that "
                                    "is in the data.");

  /* 0.48 / 0.5 = 0.96: within the rule; FNR 26/50 against 25/50 is 2 points, predictions
   * 2 points apart; the small group is still too small. */
  g = fairness_of (names, sizes, fair, 3);
  fewer = fw_results_group_warnings (g, "sex");
  g_assert_cmpuint (g_strv_length (fewer), ==, 1);
  g_assert_true (g_str_has_prefix (fewer[0], "Only 10 test rows"));
}

/* The same decisions framed as a favourable and as a harmful prediction: the rule turns to
 * the other group, and the harm from missed approvals to wrong flags. */
static void
test_favourable_and_harmful (void)
{
  static const char *const names[] = { "A", "B", "C", NULL };
  static const guint sizes[] = { 100, 100, 10 };
  static const guint picked[] = { 50, 30, 10 };
  const Framing approval = { "approved", "approved", FALSE };
  const Framing arrest = { "re-arrested", "not re-arrested", TRUE };
  g_autoptr(FwFairness) good = fairness_framed (names, sizes, picked, 3, &approval);
  g_autoptr(FwFairness) bad = fairness_framed (names, sizes, picked, 3, &arrest);
  g_auto(GStrv) good_warnings = fw_results_group_warnings (good, "sex");
  g_auto(GStrv) bad_warnings = fw_results_group_warnings (bad, "race");

  g_assert_cmpuint (g_strv_length (good_warnings), ==, 4);
  g_assert_cmpstr (good_warnings[0], ==, "“B” is predicted “approved”, the good outcome, at "
                                         "0.60 times the rate of “A”: below the four-fifths "
                                         "rule of thumb (0.80), a common sign of unfair "
                                         "treatment by “sex”.");
  g_assert_cmpstr (good_warnings[1], ==, "The main harm here is being wrongly refused "
                                         "“approved”: it happens to 70 % of “B” who should get "
                                         "it, against 50 % of “A” (the false negative rate).");

  /* Not being flagged: A 50/100, B 70/100, ratio 5/7 = 0.71.  Wrongly flagged: A 25 of its
   * 50 actual negatives, B 15 of 50: FPR 0.5 and 0.3.  C (picked entirely) is too small
   * to count, although its favourable rate of 0 would otherwise lead the rule. */
  g_assert_cmpuint (g_strv_length (bad_warnings), ==, 4);
  g_assert_cmpstr (bad_warnings[0], ==, "“A” is spared being predicted “re-arrested” at 0.71 "
                                        "times the rate of “B”: below the four-fifths rule of "
                                        "thumb (0.80) for the good outcome, a common sign of "
                                        "unfair treatment by “race”.");
  g_assert_cmpstr (bad_warnings[1], ==, "The main harm here is being wrongly predicted "
                                        "“re-arrested”: it happens to 50 % of “A” who are not, "
                                        "against 30 % of “B” (the false positive rate).");
  g_assert_true (g_str_has_prefix (bad_warnings[2], "Only 10 test rows are in “C”"));
  g_assert_cmpstr (bad_warnings[3], ==, "Of “A”, 50 % are predicted “re-arrested” and 50 % "
                                        "really are; of “B”, 30 % and 50 %. The model widens "
                                        "the gap that is in the data.");
}

/* Two groups set by hand: predicted and actual shares, nothing else that would speak. */
static char *
gap_verdict (double sel_a,
             double base_a,
             double sel_b,
             double base_b)
{
  char *names[] = { "A", "B", NULL };
  FwFairnessGroup groups[2] = {
    { .n = 100, .weight = 100, .selection_rate = sel_a, .base_rate = base_a,
      .favourable_rate = 1, .tpr = NAN, .fpr = NAN, .fnr = NAN },
    { .n = 100, .weight = 100, .selection_rate = sel_b, .base_rate = base_b,
      .favourable_rate = 1, .tpr = NAN, .fpr = NAN, .fnr = NAN },
  };
  FwFairness f = { .n_groups = 2, .group_names = names, .groups = groups, .n_used = 2,
                   .min_group_rows = 30, .positive_name = (char *) "yes" };
  g_auto(GStrv) warnings = fw_results_group_warnings (&f, "sex");

  g_assert_cmpuint (g_strv_length (warnings), ==, 1);
  return g_strdup (warnings[0]);
}

/* Predictions 40 points apart against 40 in the data: mirrored; against 10: widened;
 * 10 points apart against 40: narrowed; 1 against 30 the other way: narrowed; 30 against
 * 30 the other way: reversed. */
static void
test_data_gap (void)
{
  g_autofree char *mirror = gap_verdict (0.6, 0.6, 0.2, 0.2);
  g_autofree char *wider = gap_verdict (0.6, 0.3, 0.2, 0.2);
  g_autofree char *narrower = gap_verdict (0.4, 0.6, 0.3, 0.2);
  g_autofree char *flat = gap_verdict (0.31, 0.1, 0.3, 0.4);
  g_autofree char *reversed = gap_verdict (0.5, 0.2, 0.2, 0.5);

  g_assert_cmpstr (mirror, ==, "Of “A”, 60 % are predicted “yes” and 60 % really are; of “B”, "
                               "20 % and 20 %. The gap in predictions mirrors the one already "
                               "in the data.");
  g_assert_true (g_str_has_suffix (wider, "The model widens the gap that is in the data."));
  g_assert_true (g_str_has_suffix (narrower, "The model narrows the gap that is in the data."));
  g_assert_true (g_str_has_prefix (flat, "Of “A”, 31 % are predicted “yes” and 10 % really are"));
  g_assert_true (g_str_has_suffix (flat, "The model narrows the gap that is in the data."));
  g_assert_true (g_str_has_suffix (reversed, "The model reverses the gap that is in the data."));
}

/* With one group of 30 rows or more nothing is compared, however far apart the rates. */
static void
test_too_few_groups (void)
{
  static const char *const names[] = { "A", "B", "C", NULL };
  static const guint sizes[] = { 100, 20, 10 };
  static const guint picked[] = { 90, 0, 10 };
  g_autoptr(FwFairness) f = fairness_of (names, sizes, picked, 3);
  g_auto(GStrv) warnings = fw_results_group_warnings (f, "sex");

  g_assert_true (isnan (f->summaries[FW_FAIRNESS_DEMOGRAPHIC_PARITY_RATIO]));
  g_assert_cmpuint (g_strv_length (warnings), ==, 3);
  g_assert_cmpstr (warnings[0], ==, "Fewer than two groups of “sex” have 30 test rows or more, "
                                    "so the groups are not compared.");
  g_assert_true (g_str_has_prefix (warnings[1], "Only 20 test rows are in “B”: too few"));
  g_assert_true (g_str_has_prefix (warnings[2], "Only 10 test rows are in “C”: too few"));
}

/* 88 "no" and 12 "yes" rows: the model finds 4 of the 12 and flags 2 of the 88 wrongly.
 * Accuracy (86 + 4) / 100 = 90; balanced (86/88 + 4/12) / 2 = 0.655 → 66; always "no" 88.
 * 60 against 40 is past the 10-point margin too; 55 against 45 is not. */
static FwClassificationMetrics *
metrics_of (guint n_no,
            guint n_yes,
            guint found,
            guint false_alarms)
{
  g_autofree guint32 *labels = g_new (guint32, n_no + n_yes);
  g_autofree float *probs = g_new (float, 2 * (n_no + n_yes));

  for (guint i = 0; i < n_no + n_yes; i++)
    {
      gboolean yes = i >= n_no;
      gboolean flagged = yes ? i - n_no < found : i < false_alarms;

      labels[i] = yes;
      probs[2 * i + 1] = flagged ? 0.9f : 0.1f;
      probs[2 * i] = 1 - probs[2 * i + 1];
    }
  return fw_classification_metrics_new (labels, probs, NULL, n_no + n_yes, 2, 1, 0.5, NULL);
}

static void
test_headline (void)
{
  char *const classes[] = { "no", "yes", NULL };
  g_autoptr(FwClassificationMetrics) rare = metrics_of (88, 12, 4, 2);
  g_autoptr(FwClassificationMetrics) sixty = metrics_of (60, 40, 30, 10);
  g_autoptr(FwClassificationMetrics) even = metrics_of (55, 45, 30, 10);
  g_autofree char *a = fw_results_headline ("default", rare, classes);
  g_autofree char *b = fw_results_headline ("default", sixty, classes);
  g_autofree char *c = fw_results_headline ("default", even, classes);

  g_assert_cmpstr (a, ==, "The model predicts “default” correctly 66 times in 100 when every "
                          "answer counts alike (balanced accuracy). Its plain accuracy, 90 in "
                          "100, says less: always answering “no” would score 88.");
  /* (50/60 + 30/40) / 2 = 0.79; accuracy 80. */
  g_assert_cmpstr (b, ==, "The model predicts “default” correctly 79 times in 100 when every "
                          "answer counts alike (balanced accuracy). Its plain accuracy, 80 in "
                          "100, says less: always answering “no” would score 60.");
  /* (45 + 30) / 100 = 75. */
  g_assert_cmpstr (c, ==, "The model predicts “default” correctly for 75 of every 100 people it "
                          "has never seen.");
}

static void
test_baseline_sentence (void)
{
  g_autofree char *rate = fw_results_baseline_sentence ("accuracy", 0.7787, FALSE);
  g_autofree char *loss = fw_results_baseline_sentence ("log_loss", 0.5286, FALSE);
  g_autofree char *error = fw_results_baseline_sentence ("mae", 1234.5, TRUE);

  g_assert_cmpstr (rate, ==, "Always giving the most common answer scores 77.9 %.");
  g_assert_cmpstr (loss, ==, "Always giving the most common answer scores 0.529.");
  g_assert_cmpstr (error, ==, "Always predicting the average scores 1234.");
  g_assert_null (fw_results_baseline_sentence ("precision", NAN, FALSE));
  g_assert_null (fw_results_baseline_sentence ("recall", 1.0, FALSE));
  g_assert_null (fw_results_baseline_sentence ("f1", 0.72, FALSE));
  g_assert_null (fw_results_baseline_sentence ("balanced_accuracy", 0.5, FALSE));
}

/* Numbers have no selection rate: only the small groups are named. */
static void
test_regression_warnings (void)
{
  static const char *const names[] = { "north", "south", NULL };
  static const guint32 groups[] = { 0, 0, 0, 1, 1, 1 };
  static const float actual[] = { 1, 2, 3, 4, 5, 6 };
  static const float predicted[] = { 1, 2, 4, 4, 5, 9 };
  const FwFairnessInput input = {
    .groups = groups, .group_names = names, .n = 6, .actual = actual, .predicted = predicted,
  };
  FwFairnessOptions options;
  g_autoptr(GError) error = NULL;
  g_autoptr(FwFairness) f = NULL;
  g_auto(GStrv) warnings = NULL;

  fw_fairness_options_init (&options);
  options.n_resamples = 0;
  f = fw_fairness_compute_regression (&input, &options, &error);
  g_assert_no_error (error);
  warnings = fw_results_group_warnings (f, "region");
  /* Both groups are below the 30 rows a comparison needs. */
  g_assert_cmpuint (g_strv_length (warnings), ==, 3);
  g_assert_cmpstr (warnings[0], ==, "Fewer than two groups of “region” have 30 test rows or "
                                    "more, so the groups are not compared.");
  g_assert_cmpstr (warnings[1], ==, "Only 3 test rows are in “north”: too few rows to judge, "
                                    "so they are left out of the comparisons.");
}

/* The Results step's banner reads the model's "too_good" finding, and only that one. */
static void
test_too_good_message (void)
{
  g_autoptr(GFile) csv = fw_core_test_write_sample ("loans.csv", 600);
  g_autoptr(FwSession) session = fw_session_new ();
  FwTrainedModel *trained;
  JsonObject *finding;
  g_autofree char *none = NULL, *said = NULL;

  fw_core_test_open (session, csv);
  fw_core_test_train (session, "approved");
  trained = fw_session_get_trained (session);
  none = fw_results_too_good_message (trained);
  g_assert_null (none);

  finding = json_object_new ();
  json_object_set_string_member (finding, "kind", "too_good");
  json_object_set_null_member (finding, "attribute");
  json_object_set_string_member (finding, "message", "Too good to be true?");
  json_array_add_object_element (trained->findings, finding);
  said = fw_results_too_good_message (trained);
  g_assert_cmpstr (said, ==, "Too good to be true?");
}

int
main (int   argc,
      char *argv[])
{
  fw_core_test_init (&argc, &argv);

  g_test_add_func ("/core/results-explain/metric-words", test_metric_words);
  g_test_add_func ("/core/results-explain/too-good-message", test_too_good_message);
  g_test_add_func ("/core/results-explain/metric-sentences", test_metric_sentences);
  g_test_add_func ("/core/results-explain/group-warnings", test_group_warnings);
  g_test_add_func ("/core/results-explain/favourable-and-harmful", test_favourable_and_harmful);
  g_test_add_func ("/core/results-explain/too-few-groups", test_too_few_groups);
  g_test_add_func ("/core/results-explain/headline", test_headline);
  g_test_add_func ("/core/results-explain/data-gap", test_data_gap);
  g_test_add_func ("/core/results-explain/baseline-sentence", test_baseline_sentence);
  g_test_add_func ("/core/results-explain/regression-warnings", test_regression_warnings);

  return g_test_run ();
}
