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

/* Groups of @sizes rows of which @selected are picked, as the fairness code measures them. */
static FwFairness *
fairness_of (const char *const *names,
             const guint       *sizes,
             const guint       *selected,
             guint              n_groups)
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
  fairness = fw_fairness_compute_predicted (&input, &options, &error);
  g_assert_no_error (error);
  return fairness;
}

/* The lowest selection rate over the highest, below 0.8, comes first; then each group
 * with too few rows, in order. */
static void
test_group_warnings (void)
{
  static const char *const names[] = { "A", "B", "C", NULL };
  static const guint sizes[] = { 100, 100, 10 };
  static const guint unfair[] = { 50, 30, 5 };
  static const guint fair[] = { 50, 45, 5 };
  g_autoptr(FwFairness) f = fairness_of (names, sizes, unfair, 3);
  g_auto(GStrv) warnings = fw_results_group_warnings (f, "sex");
  g_autoptr(FwFairness) g = NULL;
  g_auto(GStrv) fewer = NULL;
  g_autofree char *four_fifths = NULL;
  double ratio = (30.0 / 100) / (50.0 / 100);

  g_assert_cmpfloat (ratio, <, 0.8);
  four_fifths = g_strdup_printf ("“B” is selected at %.2f times the rate of “A”: below the "
                                 "four-fifths rule of thumb (0.80), a common sign of unfair "
                                 "treatment by “sex”.", ratio);
  g_assert_cmpuint (g_strv_length (warnings), ==, 2);
  g_assert_cmpstr (warnings[0], ==, four_fifths);
  g_assert_cmpstr (warnings[1], ==, "Only 10 test rows are in “C”, too few for its figures to "
                                    "be trusted.");

  /* 0.45 / 0.5 = 0.9: within the rule; the small group is still too small. */
  g = fairness_of (names, sizes, fair, 3);
  fewer = fw_results_group_warnings (g, "sex");
  g_assert_cmpuint (g_strv_length (fewer), ==, 1);
  g_assert_true (g_str_has_prefix (fewer[0], "Only 10 test rows"));
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
  g_assert_cmpuint (g_strv_length (warnings), ==, 2);
  g_assert_cmpstr (warnings[0], ==, "Only 3 test rows are in “north”, too few for its figures "
                                    "to be trusted.");
}

int
main (int   argc,
      char *argv[])
{
  fw_core_test_init (&argc, &argv);

  g_test_add_func ("/core/results-explain/metric-words", test_metric_words);
  g_test_add_func ("/core/results-explain/metric-sentences", test_metric_sentences);
  g_test_add_func ("/core/results-explain/group-warnings", test_group_warnings);
  g_test_add_func ("/core/results-explain/regression-warnings", test_regression_warnings);

  return g_test_run ();
}
