/* fw-compare-text.c — the words and numbers the Compare rows show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include "fw-compare-text.h"

char *
fw_compare_format_metric (FwCompareMetric metric,
                          double          value)
{
  if (isnan (value))
    return g_strdup (_("not measured"));
  switch (metric)
    {
    case FW_COMPARE_ACCURACY:
    case FW_COMPARE_BALANCED_ACCURACY:
    case FW_COMPARE_F1:
      /* Translators: a percentage, e.g. "81.2 %". */
      return g_strdup_printf (_("%.1f %%"), 100.0 * value);
    case FW_COMPARE_ROC_AUC:
    case FW_COMPARE_R2:
      return g_strdup_printf ("%.3f", value);
    case FW_COMPARE_RMSE:
    case FW_COMPARE_N_METRICS:
    default:
      return g_strdup_printf ("%.4g", value);
    }
}

/* "81.2 % ± 1.1", "0.812 ± 0.011": a mean and its sd over the folds, in the metric's units. */
char *
fw_compare_format_mean_sd (FwCompareMetric metric,
                           double          mean,
                           double          sd)
{
  if (isnan (mean))
    return g_strdup (_("not measured"));
  if (isnan (sd))
    return fw_compare_format_metric (metric, mean);
  switch (metric)
    {
    case FW_COMPARE_ACCURACY:
    case FW_COMPARE_BALANCED_ACCURACY:
    case FW_COMPARE_F1:
      /* Translators: a percentage and its standard deviation in points, "81.2 % ± 1.1". */
      return g_strdup_printf (_("%.1f %% ± %.1f"), 100.0 * mean, 100.0 * sd);
    case FW_COMPARE_ROC_AUC:
    case FW_COMPARE_R2:
      return g_strdup_printf ("%.3f ± %.3f", mean, sd);
    case FW_COMPARE_RMSE:
    case FW_COMPARE_N_METRICS:
    default:
      return g_strdup_printf ("%.4g ± %.2g", mean, sd);
    }
}

/* Every fold's value, for the row's tooltip. */
char *
fw_compare_format_folds (FwCompareMetric        metric,
                         const FwCompareResult *result)
{
  g_autoptr(GString) values = g_string_new (NULL);

  for (guint f = 0; f < result->n_folds; f++)
    {
      g_autofree char *value = fw_compare_format_metric (metric, result->folds[metric][f]);

      if (f > 0)
        g_string_append (values, ", ");
      g_string_append (values, value);
    }
  /* Translators: "Balanced accuracy on each of the 5 folds: 80.1 %, 82.0 %, …". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s on each of the %u fold: %s",
                                       "%s on each of the %u folds: %s", result->n_folds),
                          fw_compare_metric_label (metric), result->n_folds, values->str);
}

/* One line on why the 1-SE rule picked @chosen over @best (they may be the same). */
static char *
reason_for (FwCompareMetric        metric,
                       const FwCompareResult *chosen,
                       const FwCompareResult *best,
                       gboolean               simplest,
                       guint                  k)
{
  g_autofree char *best_mean = fw_compare_format_metric (metric, best->metrics[metric]);
  g_autofree char *se = NULL;

  if (chosen == best && simplest)
    /* Translators: %s is a mean such as "81.2 %". */
    return g_strdup_printf (_("Recommended: the best average (%s), and the simplest model"),
                            best_mean);
  if (chosen == best)
    /* Translators: %s is a mean such as "81.2 %". */
    return g_strdup_printf (_("Recommended: the best average (%s), and no simpler model comes "
                              "within one standard error of it"), best_mean);
  se = metric == FW_COMPARE_RMSE || metric == FW_COMPARE_ROC_AUC || metric == FW_COMPARE_R2
       ? g_strdup_printf ("%.3g", best->sd[metric] / sqrt (k))
       /* Translators: percentage points, e.g. "1.2 points". */
       : g_strdup_printf (_("%.1f points"), 100.0 * best->sd[metric] / sqrt (k));
  /* Translators: the first %s is a standard error ("1.2 points"), the second the best
   * model's average ("81.2 %"). */
  return g_strdup_printf (_("Recommended: simpler, and within one standard error (%s) of the "
                            "best average (%s)"), se, best_mean);
}

char *
fw_compare_recommendation_reason (FwModelCompare  *compare,
                                  FwCompareMetric  metric)
{
  GPtrArray *results = fw_model_compare_get_results (compare);
  int recommended = fw_model_compare_recommend (compare, metric);
  g_autofree guint *order = NULL;
  const FwCompareResult *chosen;
  gboolean simplest = TRUE;

  if (recommended < 0)
    return NULL;
  chosen = g_ptr_array_index (results, recommended);
  for (guint j = 0; j < results->len; j++)
    {
      const FwCompareResult *other = g_ptr_array_index (results, j);

      if (fw_cv_model_complexity (&other->spec) < fw_cv_model_complexity (&chosen->spec))
        simplest = FALSE;
    }
  order = fw_model_compare_rank (compare, metric);
  return reason_for (metric, chosen, g_ptr_array_index (results, order[0]), simplest,
                     fw_model_compare_get_folds (compare));
}
