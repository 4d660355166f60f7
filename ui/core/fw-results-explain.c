/* fw-results-explain.c — the Results step's figures in plain words: metrics and groups
 *
 * Every sentence is written for someone who has never trained a model: the figure as a
 * count out of 100 where that is possible, and what a good or a guessing model scores.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include "fw-metrics.h"
#include "fw-results-explain.h"

/* The four-fifths rule of thumb (US EEOC Uniform Guidelines, 29 CFR 1607.4 D). */
#define FOUR_FIFTHS 0.8
/* A gap in the main harm's error rate worth a sentence: ten points, as the report's. */
#define FW_RESULTS_HARM_GAP 0.10

const char *const fw_results_classification_keys[] = {
  "accuracy", "balanced_accuracy", "precision", "recall", "f1", "roc_auc", "log_loss", NULL,
};
const char *const fw_results_regression_keys[] = { "mae", "rmse", "r2", NULL };

static gboolean
is_rate (const char *key)
{
  return !g_str_equal (key, "log_loss") && !g_str_equal (key, "mae") &&
         !g_str_equal (key, "rmse") && !g_str_equal (key, "r2");
}

const char *
fw_results_metric_title (const char *key)
{
  static const struct { const char *key, *title; } titles[] = {
    { "accuracy", N_("Accuracy") }, { "balanced_accuracy", N_("Balanced accuracy") },
    { "precision", N_("Precision") }, { "recall", N_("Recall") }, { "f1", N_("F1 score") },
    { "roc_auc", N_("ROC AUC") }, { "log_loss", N_("Log loss") },
    { "mae", N_("Mean absolute error") }, { "rmse", N_("Root mean squared error") },
    { "r2", N_("R²") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (titles[i].key, key))
      return _(titles[i].title);
  return key;
}

char *
fw_results_metric_value (const char *key,
                         double      value)
{
  if (!isfinite (value))
    return g_strdup ("—");
  if (is_rate (key))
    /* Translators: a percentage with one decimal. */
    return g_strdup_printf (_("%.1f %%"), 100 * value);
  if (g_str_equal (key, "log_loss") || g_str_equal (key, "r2"))
    return g_strdup_printf ("%.3f", value);
  return g_strdup_printf ("%.4g", value);
}

char *
fw_results_metric_sentence (const char *key,
                            double      value,
                            const char *positive,
                            const char *target)
{
  int in_100 = isfinite (value) ? (int) round (100 * value) : 0;

  if (!isfinite (value))
    return g_strdup (_("Not defined for these test rows."));
  if (g_str_equal (key, "accuracy"))
    return g_strdup_printf (_("Of 100 test rows the model has never seen, it gets %d right."),
                            in_100);
  if (g_str_equal (key, "balanced_accuracy"))
    return g_strdup (_("How often it is right for each outcome, averaged, so a rare outcome "
                       "counts as much as a common one. Guessing scores 50 %."));
  if (g_str_equal (key, "precision"))
    return positive != NULL
      ? g_strdup_printf (_("Of 100 rows the model predicts as “%s”, %d really are."), positive,
                         in_100)
      : g_strdup_printf (_("Of 100 rows the model puts in a class, %d really belong there "
                           "(averaged over the classes)."), in_100);
  if (g_str_equal (key, "recall"))
    return positive != NULL
      ? g_strdup_printf (_("Of 100 rows that really are “%s”, the model finds %d."), positive,
                         in_100)
      : g_strdup_printf (_("Of 100 rows of a class, the model finds %d (averaged over the "
                           "classes)."), in_100);
  if (g_str_equal (key, "f1"))
    return g_strdup (_("Precision and recall in one figure; it is high only when both are."));
  if (g_str_equal (key, "roc_auc"))
    return positive != NULL
      ? g_strdup_printf (_("Take one row that is “%s” and one that is not: %d times in 100 the "
                           "model ranks the first higher. Guessing scores 50."), positive, in_100)
      : g_strdup_printf (_("How well the model ranks each class above the others: %d in 100. "
                           "Guessing scores 50."), in_100);
  if (g_str_equal (key, "log_loss"))
    return g_strdup (_("How costly its confident mistakes are; lower is better. A model that "
                       "always says 50–50 scores 0.693."));
  if (g_str_equal (key, "mae"))
    return g_strdup_printf (_("On average a prediction of “%s” is off by %.4g."), target, value);
  if (g_str_equal (key, "rmse"))
    return g_strdup_printf (_("The typical error, counting big misses more: %.4g in “%s”’s "
                              "units."), value, target);
  if (g_str_equal (key, "r2"))
    return g_strdup_printf (_("The model explains %d %% of how “%s” varies; 0 %% is no better "
                              "than always predicting the average."), in_100, target);
  return g_strdup ("");
}

char *
fw_results_baseline_sentence (const char *key,
                              double      baseline,
                              gboolean    regression)
{
  /* A constant answer's precision, recall and F1 only say which answer it is (recall 100 %
   * for always "yes"), and balanced accuracy's sentence already says guessing scores 50 %. */
  static const char *const unsaid[] = { "precision", "recall", "f1", "balanced_accuracy" };
  g_autofree char *value = NULL;

  if (!isfinite (baseline))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (unsaid); i++)
    if (g_strcmp0 (key, unsaid[i]) == 0)
      return NULL;
  value = fw_results_metric_value (key, baseline);
  return g_strdup_printf (regression ? _("Always predicting the average scores %s.")
                                     : _("Always giving the most common answer scores %s."),
                          value);
}

char *
fw_results_headline (const char                    *target,
                     const FwClassificationMetrics *m,
                     char *const                   *class_names)
{
  guint majority = 0;
  double share = NAN;

  if (!fw_baseline_unbalanced (m->confusion, m->n_classes, &majority, &share) ||
      class_names == NULL || !isfinite (m->balanced_accuracy))
    /* Translators: the Results headline; %d is a count out of 100. */
    return g_strdup_printf (_("The model predicts “%s” correctly for %d of every 100 people "
                              "it has never seen."), target, (int) round (100 * m->accuracy));
  /* Translators: the Results headline when one answer is far more common than the others. */
  return g_strdup_printf (_("The model predicts “%s” correctly %d times in 100 when every "
                            "answer counts alike (balanced accuracy). Its plain accuracy, %d in "
                            "100, says less: always answering “%s” would score %d."),
                          target, (int) round (100 * m->balanced_accuracy),
                          (int) round (100 * m->accuracy), class_names[majority],
                          (int) round (100 * share));
}

static char *
small_group_sentence (const FwFairness *f,
                      guint             g)
{
  guint n = (guint) f->groups[g].n;

  if (f->groups[g].too_small)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Only %u test row is in “%s”: too few rows to judge, "
                                         "so it is left out of the comparisons.",
                                         "Only %u test rows are in “%s”: too few rows to judge, "
                                         "so they are left out of the comparisons.",
                                         n), n, f->group_names[g]);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Only %u test row is in “%s”, too few for its figures to "
                                       "be trusted.",
                                       "Only %u test rows are in “%s”, too few for its figures "
                                       "to be trusted.",
                                       n), n, f->group_names[g]);
}

/* The four-fifths rule, on the rates of the outcome that is good for the person. */
static char *
four_fifths_sentence (const FwFairness *f,
                      guint             lowest,
                      guint             highest,
                      const char       *attribute)
{
  double ratio = f->groups[lowest].favourable_rate / f->groups[highest].favourable_rate;
  const char *low = f->group_names[lowest], *high = f->group_names[highest];

  if (f->positive_is_harmful && f->positive_name != NULL)
    return g_strdup_printf (_("“%s” is spared being predicted “%s” at %.2f times the rate of "
                              "“%s”: below the four-fifths rule of thumb (%.2f) for the good "
                              "outcome, a common sign of unfair treatment by “%s”."),
                            low, f->positive_name, ratio, high, FOUR_FIFTHS, attribute);
  if (!f->positive_is_harmful && f->favourable != NULL)
    return g_strdup_printf (_("“%s” is predicted “%s”, the good outcome, at %.2f times the rate "
                              "of “%s”: below the four-fifths rule of thumb (%.2f), a common "
                              "sign of unfair treatment by “%s”."),
                            low, f->favourable, ratio, high, FOUR_FIFTHS, attribute);
  return g_strdup_printf (_("“%s” gets the good outcome at %.2f times the rate of “%s”: below "
                            "the four-fifths rule of thumb (%.2f), a common sign of unfair "
                            "treatment by “%s”."),
                          low, ratio, high, FOUR_FIFTHS, attribute);
}

/* The error that hurts most: being wrongly flagged by a harmful prediction, being wrongly
 * refused a favourable one; named when it differs across the compared groups by
 * FW_RESULTS_HARM_GAP or more. */
static char *
main_harm_sentence (const FwFairness *f)
{
  int low = -1, high = -1;

  for (guint g = 0; g < f->n_groups; g++)
    {
      double r = f->positive_is_harmful ? f->groups[g].fpr : f->groups[g].fnr;

      if (f->groups[g].n == 0 || f->groups[g].too_small || isnan (r))
        continue;
      if (low < 0 || r < (f->positive_is_harmful ? f->groups[low].fpr : f->groups[low].fnr))
        low = g;
      if (high < 0 || r > (f->positive_is_harmful ? f->groups[high].fpr : f->groups[high].fnr))
        high = g;
    }
  if (low < 0 || low == high)
    return NULL;
  if (f->positive_is_harmful)
    {
      if (f->groups[high].fpr - f->groups[low].fpr < FW_RESULTS_HARM_GAP)
        return NULL;
      if (f->positive_name == NULL)
        return g_strdup_printf (_("The main harm here is being wrongly flagged: it happens to "
                                  "%.0f %% of “%s” who should not be, against %.0f %% of “%s” "
                                  "(the false positive rate)."),
                                100 * f->groups[high].fpr, f->group_names[high],
                                100 * f->groups[low].fpr, f->group_names[low]);
      return g_strdup_printf (_("The main harm here is being wrongly predicted “%s”: it happens "
                                "to %.0f %% of “%s” who are not, against %.0f %% of “%s” (the "
                                "false positive rate)."),
                              f->positive_name, 100 * f->groups[high].fpr, f->group_names[high],
                              100 * f->groups[low].fpr, f->group_names[low]);
    }
  if (f->groups[high].fnr - f->groups[low].fnr < FW_RESULTS_HARM_GAP)
    return NULL;
  if (f->favourable == NULL)
    return g_strdup_printf (_("The main harm here is being wrongly refused the good outcome: it "
                              "happens to %.0f %% of “%s” who should get it, against %.0f %% of "
                              "“%s” (the false negative rate)."),
                            100 * f->groups[high].fnr, f->group_names[high],
                            100 * f->groups[low].fnr, f->group_names[low]);
  return g_strdup_printf (_("The main harm here is being wrongly refused “%s”: it happens to "
                            "%.0f %% of “%s” who should get it, against %.0f %% of “%s” (the "
                            "false negative rate)."),
                          f->favourable, 100 * f->groups[high].fnr, f->group_names[high],
                          100 * f->groups[low].fnr, f->group_names[low]);
}

/* What the data does against what the model does, for the two compared groups the model
 * selects most and least often (fw_fairness_gap_verdict's rule). */
static char *
data_gap_sentence (const FwFairness *f)
{
  const char *positive = f->positive_name != NULL ? f->positive_name : _("positive");
  const char *verdict;
  int high = -1, low = -1;

  for (guint g = 0; g < f->n_groups; g++)
    {
      const FwFairnessGroup *group = &f->groups[g];

      if (group->n == 0 || group->too_small || isnan (group->selection_rate) ||
          isnan (group->base_rate))
        continue;
      if (high < 0 || group->selection_rate > f->groups[high].selection_rate)
        high = g;
      if (low < 0 || group->selection_rate < f->groups[low].selection_rate)
        low = g;
    }
  if (high < 0 || high == low)
    return NULL;
  verdict = fw_fairness_gap_sentence (
    fw_fairness_gap_verdict (f->groups[high].selection_rate - f->groups[low].selection_rate,
                             f->groups[high].base_rate - f->groups[low].base_rate));
  if (verdict == NULL)
    return NULL;
  /* Translators: predicted and actual shares of two groups, then a verdict sentence. */
  return g_strdup_printf (_("Of “%s”, %.0f %% are predicted “%s” and %.0f %% really are; of "
                            "“%s”, %.0f %% and %.0f %%. %s"),
                          f->group_names[high], 100 * f->groups[high].selection_rate, positive,
                          100 * f->groups[high].base_rate, f->group_names[low],
                          100 * f->groups[low].selection_rate, 100 * f->groups[low].base_rate,
                          verdict);
}

char **
fw_results_group_warnings (const FwFairness *f,
                           const char       *attribute)
{
  GPtrArray *warnings = g_ptr_array_new ();
  int lowest = -1, highest = -1;
  char *harm, *gap;

  for (guint g = 0; g < f->n_groups; g++)
    {
      double r = f->groups[g].favourable_rate;

      if (f->groups[g].n > 0 && (f->groups[g].too_small || f->groups[g].n < FW_FAIRNESS_MIN_ROWS))
        g_ptr_array_add (warnings, small_group_sentence (f, g));
      /* Small groups never reach the rule: a rate of 2 rows says nothing. */
      if (f->regression || !isfinite (r) || f->groups[g].n == 0 || f->groups[g].too_small)
        continue;
      if (lowest < 0 || r < f->groups[lowest].favourable_rate)
        lowest = g;
      if (highest < 0 || r > f->groups[highest].favourable_rate)
        highest = g;
    }
  if (f->min_group_rows > 0 && f->n_used < 2 && f->n_groups > 1)
    g_ptr_array_insert (warnings, 0, g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   "Fewer than two groups of “%s” have %u test row or more, so the groups are "
                   "not compared.",
                   "Fewer than two groups of “%s” have %u test rows or more, so the groups are "
                   "not compared.",
                   f->min_group_rows), attribute, f->min_group_rows));
  else if (!f->regression && (harm = main_harm_sentence (f)) != NULL)
    g_ptr_array_insert (warnings, 0, harm);
  if (!f->regression && (f->min_group_rows == 0 || f->n_used >= 2) &&
      (gap = data_gap_sentence (f)) != NULL)
    g_ptr_array_add (warnings, gap);
  if (lowest >= 0 && highest >= 0 && f->groups[highest].favourable_rate > 0 &&
      f->groups[lowest].favourable_rate / f->groups[highest].favourable_rate < FOUR_FIFTHS)
    g_ptr_array_insert (warnings, 0, four_fifths_sentence (f, lowest, highest, attribute));
  g_ptr_array_add (warnings, NULL);
  return (char **) g_ptr_array_free (warnings, FALSE);
}

char *
fw_results_too_good_message (const FwTrainedModel *trained)
{
  g_return_val_if_fail (trained != NULL, NULL);

  for (guint i = 0; trained->findings != NULL && i < json_array_get_length (trained->findings);
       i++)
    {
      JsonObject *finding = json_array_get_object_element (trained->findings, i);

      if (finding != NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (finding, "kind", NULL),
                     "too_good") == 0)
        return g_strdup (json_object_get_string_member_with_default (finding, "message", ""));
    }
  return NULL;
}
