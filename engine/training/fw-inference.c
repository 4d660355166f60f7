/* fw-inference.c — the coefficient table of an exact fit, in the columns' own units
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include "fw-inference.h"
#include "fw-json.h"
#include "fw-stats.h"

typedef struct
{
  JsonBuilder *b;
  gboolean     odds;            /* classes: odds ratios too */
  double       critical, df;
  const char  *klass;           /* several classes: the class the row is for; else NULL */
} Table;

/* One row: an estimate in the column's units and its standard error (NaN: unknown). */
static void
add_row (Table      *t,
         const char *term,
         const char *column,
         const char *level,
         const char *reference,
         double      estimate,
         double      se)
{
  double low = estimate - t->critical * se, high = estimate + t->critical * se;

  json_builder_begin_object (t->b);
  json_builder_set_member_name (t->b, "term"), json_builder_add_string_value (t->b, term);
  json_builder_set_member_name (t->b, "class");
  if (t->klass != NULL)
    json_builder_add_string_value (t->b, t->klass);
  else
    json_builder_add_null_value (t->b);
  json_builder_set_member_name (t->b, "column");
  if (column != NULL)
    json_builder_add_string_value (t->b, column);
  else
    json_builder_add_null_value (t->b);
  json_builder_set_member_name (t->b, "level");
  if (level != NULL)
    json_builder_add_string_value (t->b, level);
  else
    json_builder_add_null_value (t->b);
  json_builder_set_member_name (t->b, "reference");
  if (reference != NULL)
    json_builder_add_string_value (t->b, reference);
  else
    json_builder_add_null_value (t->b);
  fw_json_add_number (t->b, "estimate", estimate);
  fw_json_add_number (t->b, "std_error", se);
  fw_json_add_number (t->b, "ci_low", low);
  fw_json_add_number (t->b, "ci_high", high);
  fw_json_add_number (t->b, "p_value", fw_stats_t_two_sided (estimate / se, t->df));
  fw_json_add_number (t->b, "odds_ratio", t->odds ? exp (estimate) : NAN);
  fw_json_add_number (t->b, "or_ci_low", t->odds ? exp (low) : NAN);
  fw_json_add_number (t->b, "or_ci_high", t->odds ? exp (high) : NAN);
  json_builder_end_object (t->b);
}

/* The reference level of @column's categories, or NULL. */
static const char *
reference_of (const FwPreprocessor *pre,
              const gboolean       *reference,
              guint                 n_features,
              const char           *column)
{
  for (guint j = 0; j < n_features; j++)
    {
      FwFeatureTerm term;

      if (reference[j] && fw_preprocessor_feature_term (pre, j, &term) &&
          g_strcmp0 (term.column, column) == 0 && term.level != NULL)
        return term.level;
    }
  return NULL;
}

/* Why a penalty was needed, naming the feature that ran off furthest. */
static char *
penalty_note (const FwGlmFit  *fit,
              const FwDataset *dataset)
{
  guint largest = 0, d = fit->n_features;

  if (fit->reason == FW_GLM_SINGULAR)
    return g_strdup_printf (_("Some columns are combinations of others, so there is no single "
                              "unpenalised answer; a small penalty (L2 %g) picks one, and the "
                              "standard errors are approximate."), fit->penalty);
  for (guint o = fit->first_output; o < fit->n_outputs; o++)
    for (guint j = 0; j < d; j++)
      if (fabs (fit->estimate[(gsize) o * (d + 1) + j]) >
          fabs (fit->estimate[(gsize) fit->first_output * (d + 1) + largest]))
        largest = j;
  return g_strdup_printf (_("The answer is perfectly separated by the columns (most of all by "
                            "“%s”), so unpenalised coefficients would grow without end; a small "
                            "penalty (L2 %g) keeps them finite, and the standard errors are "
                            "approximate."),
                          dataset->feature_names[largest], fit->penalty);
}

/* The rows of output @o: its intercept, then each free feature. */
static void
add_output (Table           *t,
            const FwGlmFit  *fit,
            const FwDataset *dataset,
            const gboolean  *reference,
            guint            o,
            double           sign)
{
  guint d = fit->n_features;
  gsize P = (gsize) (fit->n_outputs - fit->first_output) * (d + 1);
  gsize base = (gsize) (o - fit->first_output) * (d + 1);
  const double *est = fit->estimate + (gsize) o * (d + 1), *cov = fit->covariance;
  g_autofree double *u = g_new0 (double, d + 1);
  double intercept = est[d], intercept_var = 0;

  /* The intercept at every column's value 0 (a number) or reference level (a category). */
  u[d] = 1;
  for (guint j = 0; j < d; j++)
    {
      FwFeatureTerm term;

      if (fit->fixed[j] || !fw_preprocessor_feature_term (dataset->preprocessor, j, &term) ||
          term.level != NULL || term.missing)
        continue;
      intercept += est[j] * term.offset;
      u[j] = term.offset;
    }
  for (guint i = 0; cov != NULL && i <= d; i++)
    for (guint j = 0; j <= d; j++)
      intercept_var += u[i] * cov[(base + i) * P + base + j] * u[j];
  add_row (t, "(intercept)", NULL, NULL, NULL, sign * intercept,
           cov != NULL ? sqrt (intercept_var) : NAN);
  for (guint j = 0; j < d; j++)
    {
      FwFeatureTerm term;
      g_autofree char *name = NULL;
      const char *ref = NULL;
      double scale = 1, se;

      if (fit->fixed[j] || !fw_preprocessor_feature_term (dataset->preprocessor, j, &term))
        continue;
      if (term.missing)
        name = g_strdup_printf (_("%s (missing)"), term.column);
      else if (term.level != NULL)
        {
          ref = reference_of (dataset->preprocessor, reference, d, term.column);
          name = ref != NULL ? g_strdup_printf (_("%s: %s vs %s"), term.column, term.level, ref)
                             : g_strdup_printf ("%s: %s", term.column, term.level);
        }
      else
        {
          name = g_strdup (term.column);
          scale = term.scale;
        }
      se = cov != NULL ? fabs (scale) * sqrt (cov[(base + j) * P + base + j]) : NAN;
      add_row (t, name, term.column, term.level, ref, sign * scale * est[j], se);
    }
}

JsonNode *
fw_inference_to_json (const FwModel   *model,
                      const FwDataset *dataset)
{
  const FwGlmFit *fit;
  const FwDataPart *train;
  g_autoptr(JsonBuilder) b = NULL;
  g_autofree gboolean *reference = NULL;
  g_autofree char *note = NULL;
  gboolean binary = dataset->task == FW_TASK_BINARY;
  Table t;
  double sign = 1;

  g_return_val_if_fail (model != NULL && dataset != NULL, NULL);

  fit = fw_model_get_fit (model);
  if (fit == NULL || dataset->preprocessor == NULL ||
      fit->n_features != dataset->n_features)
    return NULL;
  train = &dataset->parts[FW_PART_TRAIN];
  reference = fw_preprocessor_reference_levels (dataset->preprocessor, train->x, train->n);
  b = json_builder_new ();
  t = (Table) { b, dataset->task != FW_TASK_REGRESSION, 0, fit->df_residual, NULL };
  t.critical = fw_stats_t_critical (0.05, t.df);
  /* The model's logit is for class index 1: read it toward the positive class. */
  if (binary && dataset->positive == 0)
    sign = -1;
  if (fit->reason != FW_GLM_UNPENALISED)
    note = penalty_note (fit, dataset);
  else if (!fit->converged)
    note = g_strdup_printf (_("The fit did not converge in %u steps; the coefficients have no "
                              "standard errors."), fit->iterations);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "solver"), json_builder_add_string_value (b, "exact");
  json_builder_set_member_name (b, "statistic");
  json_builder_add_string_value (b, t.df > 0 ? "t" : "z");
  fw_json_add_number (b, "df", t.df > 0 ? t.df : NAN);
  json_builder_set_member_name (b, "iterations"), json_builder_add_int_value (b, fit->iterations);
  json_builder_set_member_name (b, "converged");
  json_builder_add_boolean_value (b, fit->converged);
  fw_json_add_number (b, "penalty", fit->penalty);
  json_builder_set_member_name (b, "note");
  if (note != NULL)
    json_builder_add_string_value (b, note);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "positive");
  if (binary)
    json_builder_add_string_value (b, dataset->class_names[dataset->positive]);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "reference_class");
  if (dataset->task == FW_TASK_MULTICLASS)
    json_builder_add_string_value (b, dataset->class_names[0]);
  else
    json_builder_add_null_value (b);

  json_builder_set_member_name (b, "coefficients");
  json_builder_begin_array (b);
  for (guint o = fit->first_output; o < fit->n_outputs; o++)
    {
      t.klass = dataset->task == FW_TASK_MULTICLASS ? dataset->class_names[o] : NULL;
      add_output (&t, fit, dataset, reference, o, sign);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
