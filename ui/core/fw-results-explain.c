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
#include "fw-results-explain.h"

/* The four-fifths rule of thumb (US EEOC Uniform Guidelines, 29 CFR 1607.4 D). */
#define FOUR_FIFTHS 0.8

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

char **
fw_results_group_warnings (const FwFairness *f,
                           const char       *attribute)
{
  GPtrArray *warnings = g_ptr_array_new ();
  int lowest = -1, highest = -1;

  for (guint g = 0; g < f->n_groups; g++)
    {
      double r = f->groups[g].selection_rate;

      if (f->groups[g].n > 0 && f->groups[g].n < FW_FAIRNESS_MIN_ROWS)
        g_ptr_array_add (warnings, g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE,
                       "Only %u test row is in “%s”, too few for its figures to be trusted.",
                       "Only %u test rows are in “%s”, too few for its figures to be trusted.",
                       (gulong) f->groups[g].n), (guint) f->groups[g].n, f->group_names[g]));
      if (f->regression || !isfinite (r) || f->groups[g].n == 0)
        continue;
      if (lowest < 0 || r < f->groups[lowest].selection_rate)
        lowest = g;
      if (highest < 0 || r > f->groups[highest].selection_rate)
        highest = g;
    }
  if (lowest >= 0 && highest >= 0 && f->groups[highest].selection_rate > 0 &&
      f->groups[lowest].selection_rate / f->groups[highest].selection_rate < FOUR_FIFTHS)
    g_ptr_array_insert (warnings, 0, g_strdup_printf (
      _("“%s” is selected at %.2f times the rate of “%s”: below the four-fifths rule of thumb "
        "(%.2f), a common sign of unfair treatment by “%s”."),
      f->group_names[lowest],
      f->groups[lowest].selection_rate / f->groups[highest].selection_rate,
      f->group_names[highest], FOUR_FIFTHS, attribute));
  g_ptr_array_add (warnings, NULL);
  return (char **) g_ptr_array_free (warnings, FALSE);
}
