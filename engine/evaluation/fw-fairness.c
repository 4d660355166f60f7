/* fw-fairness.c — per-group metrics, Fairlearn summaries, bootstrap intervals
 *
 * One pass sorts every row into a cell, group × outcome kind, and sums the weights per
 * cell; every figure follows from those sums.  The bootstrap keeps each row's cell, so a
 * resample is n draws adding a weight to a cell: no allocation, nothing sorted per draw.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include "fw-fairness.h"
#include "fw-json.h"
#include "fw-random.h"
#include "fw-stats.h"

G_DEFINE_QUARK (fw-fairness-error-quark, fw_fairness_error)

/* Outcome kinds of a classified row.  WRONG_NEGATIVE: neither actual nor predicted class is
 * the positive one, yet they differ (several classes only); it counts against accuracy. */
enum { KIND_TP, KIND_FN, KIND_FP, KIND_TN, KIND_WRONG_NEGATIVE, N_KINDS };
/* Regression sums per group. */
enum { SUM_WEIGHT, SUM_ABS_ERROR, SUM_PREDICTION, N_SUMS };

#define CONFIDENCE_LEVEL 0.95

/* Indexed by (actual is positive, decision is positive, decision is right); the entries
 * for impossible combinations are never read. */
static const guint8 kind_of[8] = {
  KIND_WRONG_NEGATIVE, KIND_TN, KIND_FP, KIND_FP, KIND_FN, KIND_FN, KIND_TP, KIND_TP,
};

static const char *const summary_keys[FW_FAIRNESS_N_SUMMARIES] = {
  "demographic_parity_difference",
  "demographic_parity_ratio",
  "equalized_odds_difference",
  "equal_opportunity_difference",
  "mae_difference",
};

typedef struct
{
  guint          n_groups;
  gboolean       regression;
  guint          stride;        /* sums per group: N_KINDS or N_SUMS */
  gsize          n;
  const guint32 *cells;         /* classification: group × N_KINDS + kind, else the group */
  const float   *weights;
  const float   *actual, *predicted;
} Rows;

/* Smallest and largest of the defined values: NaN is skipped, as pandas' min/max do. */
typedef struct
{
  double min, max;
  guint  n;
} Range;

static inline void
range_add (Range  *r,
           double  value)
{
  if (isnan (value))
    return;
  if (r->n++ == 0)
    r->min = r->max = value;
  r->min = MIN (r->min, value);
  r->max = MAX (r->max, value);
}

static inline double
range_difference (const Range *r)
{
  return r->n > 0 ? r->max - r->min : NAN;
}

static inline double
quotient (double numerator,
          double denominator)
{
  return denominator > 0 ? numerator / denominator : NAN;
}

static void
classification_rates (const double    *k,
                      FwFairnessGroup *group)
{
  double total = k[KIND_TP] + k[KIND_FN] + k[KIND_FP] + k[KIND_TN] + k[KIND_WRONG_NEGATIVE];
  double positives = k[KIND_TP] + k[KIND_FN];

  group->weight = total;
  group->selection_rate = quotient (k[KIND_TP] + k[KIND_FP], total);
  group->tpr = quotient (k[KIND_TP], positives);
  group->fnr = quotient (k[KIND_FN], positives);
  group->fpr = quotient (k[KIND_FP], total - positives);
  group->precision = quotient (k[KIND_TP], k[KIND_TP] + k[KIND_FP]);
  group->accuracy = quotient (k[KIND_TP] + k[KIND_TN], total);
  group->mae = group->mean_prediction = NAN;
}

static void
regression_rates (const double    *s,
                  FwFairnessGroup *group)
{
  group->weight = s[SUM_WEIGHT];
  group->mae = quotient (s[SUM_ABS_ERROR], s[SUM_WEIGHT]);
  group->mean_prediction = quotient (s[SUM_PREDICTION], s[SUM_WEIGHT]);
  group->selection_rate = group->tpr = group->fnr = group->fpr = NAN;
  group->precision = group->accuracy = NAN;
}

/* The summaries from per-group sums: used alike for the estimate and for each resample. */
static void
summaries_from_sums (const Rows   *rows,
                     const double *sums,
                     double        out[FW_FAIRNESS_N_SUMMARIES])
{
  Range selection = { 0 }, tpr = { 0 }, fpr = { 0 }, mae = { 0 };

  for (guint g = 0; g < rows->n_groups; g++)
    {
      FwFairnessGroup group;

      if (rows->regression)
        {
          regression_rates (sums + g * N_SUMS, &group);
          range_add (&mae, group.mae);
          continue;
        }
      classification_rates (sums + g * N_KINDS, &group);
      range_add (&selection, group.selection_rate);
      range_add (&tpr, group.tpr);
      range_add (&fpr, group.fpr);
    }
  out[FW_FAIRNESS_DEMOGRAPHIC_PARITY_DIFFERENCE] = range_difference (&selection);
  /* min / max; 0/0 when every rate is 0, which pandas makes NaN. */
  out[FW_FAIRNESS_DEMOGRAPHIC_PARITY_RATIO] =
    selection.n > 0 ? quotient (selection.min, selection.max) : NAN;
  /* fmax returns the other operand when one is NaN: the larger defined difference. */
  out[FW_FAIRNESS_EQUALIZED_ODDS_DIFFERENCE] = fmax (range_difference (&tpr),
                                                     range_difference (&fpr));
  out[FW_FAIRNESS_EQUAL_OPPORTUNITY_DIFFERENCE] = range_difference (&tpr);
  out[FW_FAIRNESS_MAE_DIFFERENCE] = range_difference (&mae);
}

/* Uniform in [0, @bound): Lemire's multiply-and-shift ("Fast random integer generation in
 * an interval", 2019), unbiased by rejection, a division only on the rare retry. */
static inline gsize
draw_row (FwRng *rng,
          gsize  bound)
{
  guint64 m;
  guint32 low;

  if (bound > G_MAXUINT32)
    return fw_rng_below (rng, bound);
  m = (fw_rng_next (rng) >> 32) * (guint64) bound;
  low = (guint32) m;
  if (low < bound)
    {
      guint32 threshold = (guint32) (0 - (guint32) bound) % (guint32) bound;

      while (low < threshold)
        {
          m = (fw_rng_next (rng) >> 32) * (guint64) bound;
          low = (guint32) m;
        }
    }
  return (gsize) (m >> 32);
}

static void
resample_sums (const Rows *rows,
               FwRng      *rng,
               double     *sums)
{
  memset (sums, 0, sizeof (double) * rows->n_groups * rows->stride);
  for (gsize j = 0; j < rows->n; j++)
    {
      gsize i = draw_row (rng, rows->n);
      double w = rows->weights != NULL ? rows->weights[i] : 1.0;

      if (rows->regression)
        {
          double *s = sums + rows->cells[i] * N_SUMS;

          s[SUM_WEIGHT] += w;
          s[SUM_ABS_ERROR] += w * fabs ((double) rows->actual[i] - rows->predicted[i]);
          s[SUM_PREDICTION] += w * rows->predicted[i];
        }
      else
        sums[rows->cells[i]] += w;
    }
}

static void
bootstrap (FwFairness *f,
           const Rows *rows,
           guint       n_resamples,
           guint64     seed)
{
  g_autofree double *sums = g_new (double, rows->n_groups * rows->stride);
  g_autofree double *samples = g_new (double, (gsize) FW_FAIRNESS_N_SUMMARIES * n_resamples);
  FwRng rng;

  fw_rng_init (&rng, seed);
  for (guint r = 0; r < n_resamples; r++)
    {
      double out[FW_FAIRNESS_N_SUMMARIES];

      resample_sums (rows, &rng, sums);
      summaries_from_sums (rows, sums, out);
      for (guint s = 0; s < FW_FAIRNESS_N_SUMMARIES; s++)
        samples[(gsize) s * n_resamples + r] = out[s];
    }

  f->n_resamples = n_resamples;
  for (guint s = 0; s < FW_FAIRNESS_N_SUMMARIES; s++)
    {
      double *v = samples + (gsize) s * n_resamples;
      guint m = 0;

      for (guint r = 0; r < n_resamples; r++)
        if (!isnan (v[r]))
          v[m++] = v[r];
      if (m == 0 || 2 * m < n_resamples)
        continue;
      fw_stats_sort (v, m);
      f->intervals[s].low = fw_stats_quantile_sorted (v, m, (1 - CONFIDENCE_LEVEL) / 2);
      f->intervals[s].high = fw_stats_quantile_sorted (v, m, (1 + CONFIDENCE_LEVEL) / 2);
    }
}

static void G_GNUC_PRINTF (2, 3)
add_warning (GPtrArray  *warnings,
             const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

static void
collect_warnings (FwFairness *f)
{
  GPtrArray *warnings = g_ptr_array_new ();

  for (guint g = 0; g < f->n_groups; g++)
    {
      const FwFairnessGroup *group = &f->groups[g];
      const char *name = f->group_names[g];

      if (group->n == 0)
        {
          add_warning (warnings, _("No rows for “%s”: it is left out of the summaries."), name);
          continue;
        }
      if (group->n < FW_FAIRNESS_MIN_ROWS)
        add_warning (warnings, g_dngettext (GETTEXT_PACKAGE,
                                            "Only %lu row for “%s”: its figures are uncertain.",
                                            "Only %lu rows for “%s”: its figures are uncertain.",
                                            group->n), (gulong) group->n, name);
      if (f->regression || !(group->weight > 0))
        continue;
      if (isnan (group->tpr))
        add_warning (warnings, _("No actual positives for “%s”: its true positive rate is "
                                 "undefined and left out of the summaries."), name);
      if (isnan (group->fpr))
        add_warning (warnings, _("No actual negatives for “%s”: its false positive rate is "
                                 "undefined and left out of the summaries."), name);
    }
  g_ptr_array_add (warnings, NULL);
  f->warnings = (char **) g_ptr_array_free (warnings, FALSE);
}

static FwFairness *
fairness_new (const char *const *group_names,
              gboolean           regression)
{
  FwFairness *f = g_new0 (FwFairness, 1);

  f->regression = regression;
  f->group_names = g_strdupv ((char **) group_names);
  f->n_groups = g_strv_length (f->group_names);
  f->groups = g_new0 (FwFairnessGroup, f->n_groups);
  for (guint s = 0; s < FW_FAIRNESS_N_SUMMARIES; s++)
    f->intervals[s].low = f->intervals[s].high = NAN;
  return f;
}

/* Rates, summaries, warnings and intervals once the sums are in; NULL when every weight
 * was zero. */
static FwFairness *
finish (FwFairness    *f,
        const Rows    *rows,
        const double  *sums,
        guint          n_resamples,
        guint64        seed,
        GError       **error)
{
  g_autoptr(FwFairness) owned = f;
  double total = 0;

  for (guint g = 0; g < f->n_groups; g++)
    {
      if (rows->regression)
        regression_rates (sums + g * N_SUMS, &f->groups[g]);
      else
        classification_rates (sums + g * N_KINDS, &f->groups[g]);
      total += f->groups[g].weight;
    }
  if (!(total > 0))
    {
      g_set_error (error, FW_FAIRNESS_ERROR, FW_FAIRNESS_ERROR_EMPTY,
                   _("There are no rows to measure fairness on."));
      return NULL;
    }
  summaries_from_sums (rows, sums, f->summaries);
  collect_warnings (f);
  if (n_resamples > 0)
    bootstrap (f, rows, n_resamples, seed);
  return g_steal_pointer (&owned);
}

static void
invalid_row (gsize    i,
             GError **error)
{
  g_set_error (error, FW_FAIRNESS_ERROR, FW_FAIRNESS_ERROR_INVALID,
               _("Row %zu has an invalid group, class, prediction or weight."), i + 1);
}

/* The decided class, or G_MAXUINT32 when a probability is not a number. */
static inline guint32
decide (const float *p,
        guint        n_classes,
        guint        positive,
        double       threshold)
{
  guint32 best = 0;

  if (n_classes == 2)
    {
      if (!isfinite (p[0]) || !isfinite (p[1]))
        return G_MAXUINT32;
      /* The other class is positive ^ 1; arithmetic, as a branch here mispredicts often. */
      return positive ^ (guint32) !(p[positive] >= threshold);
    }
  for (guint c = 0; c < n_classes; c++)
    {
      if (!isfinite (p[c]))
        return G_MAXUINT32;
      if (p[c] > p[best])
        best = c;
    }
  return best;
}

static FwFairness *
classification_new (const guint32      *groups,
                    const char *const  *group_names,
                    const guint32      *labels,
                    const float        *probabilities,
                    const guint32      *predicted,
                    guint               n_classes,
                    const float        *weights,
                    gsize               n,
                    guint               positive,
                    double              threshold,
                    guint               n_resamples,
                    guint64             seed,
                    GError            **error)
{
  g_autoptr(FwFairness) f = fairness_new (group_names, FALSE);
  guint n_groups = f->n_groups;
  FwFairnessGroup *out = f->groups;
  g_autofree double *sums = g_new0 (double, (gsize) n_groups * N_KINDS);
  g_autofree guint32 *cells = n_resamples > 0 ? g_new (guint32, n) : NULL;
  Rows rows = { n_groups, FALSE, N_KINDS, n, NULL, weights, NULL, NULL };

  for (gsize i = 0; i < n; i++)
    {
      guint32 g = groups[i], actual = labels[i], kind;
      guint32 decided = predicted != NULL ? predicted[i]
                                          : decide (probabilities + i * n_classes, n_classes,
                                                    positive, threshold);
      double w = weights != NULL ? weights[i] : 1.0;

      if (G_UNLIKELY (g >= n_groups || actual >= n_classes || decided >= n_classes
                      || !isfinite (w) || w < 0))
        {
          invalid_row (i, error);
          return NULL;
        }
      /* A table, not branches: outcomes are as unpredictable as the data. */
      kind = g * N_KINDS + kind_of[(actual == positive) * 4 + (decided == positive) * 2
                                   + (decided == actual)];
      sums[kind] += w;
      out[g].n++;
      if (cells != NULL)
        cells[i] = kind;
    }
  rows.cells = cells;
  return finish (g_steal_pointer (&f), &rows, sums, n_resamples, seed, error);
}

FwFairness *
fw_fairness_compute (const guint32      *groups,
                     const char *const  *group_names,
                     const guint32      *labels,
                     const float        *probabilities,
                     guint               n_classes,
                     const float        *weights,
                     gsize               n,
                     guint               positive,
                     double              threshold,
                     guint               n_resamples,
                     guint64             seed,
                     GError            **error)
{
  g_return_val_if_fail (groups != NULL || n == 0, NULL);
  g_return_val_if_fail (group_names != NULL && group_names[0] != NULL, NULL);
  g_return_val_if_fail (labels != NULL || n == 0, NULL);
  g_return_val_if_fail (probabilities != NULL || n == 0, NULL);
  g_return_val_if_fail (n_classes >= 2 && positive < n_classes, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return classification_new (groups, group_names, labels, probabilities, NULL, n_classes,
                             weights, n, positive, threshold, n_resamples, seed, error);
}

FwFairness *
fw_fairness_compute_predicted (const guint32      *groups,
                               const char *const  *group_names,
                               const guint32      *labels,
                               const guint32      *predicted,
                               guint               n_classes,
                               const float        *weights,
                               gsize               n,
                               guint               positive,
                               guint               n_resamples,
                               guint64             seed,
                               GError            **error)
{
  g_return_val_if_fail (groups != NULL || n == 0, NULL);
  g_return_val_if_fail (group_names != NULL && group_names[0] != NULL, NULL);
  g_return_val_if_fail (labels != NULL || n == 0, NULL);
  g_return_val_if_fail (predicted != NULL || n == 0, NULL);
  g_return_val_if_fail (n_classes >= 2 && positive < n_classes, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return classification_new (groups, group_names, labels, NULL, predicted, n_classes,
                             weights, n, positive, 0, n_resamples, seed, error);
}

FwFairness *
fw_fairness_compute_regression (const guint32      *groups,
                                const char *const  *group_names,
                                const float        *actual,
                                const float        *predicted,
                                const float        *weights,
                                gsize               n,
                                guint               n_resamples,
                                guint64             seed,
                                GError            **error)
{
  g_autoptr(FwFairness) f = NULL;
  g_autofree double *sums = NULL;
  Rows rows = { 0, TRUE, N_SUMS, n, groups, weights, actual, predicted };

  g_return_val_if_fail (groups != NULL || n == 0, NULL);
  g_return_val_if_fail (group_names != NULL && group_names[0] != NULL, NULL);
  g_return_val_if_fail (actual != NULL || n == 0, NULL);
  g_return_val_if_fail (predicted != NULL || n == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  f = fairness_new (group_names, TRUE);
  rows.n_groups = f->n_groups;
  sums = g_new0 (double, (gsize) f->n_groups * N_SUMS);
  for (gsize i = 0; i < n; i++)
    {
      double w = weights != NULL ? weights[i] : 1.0;
      double *s;

      if (groups[i] >= f->n_groups || !isfinite (actual[i]) || !isfinite (predicted[i])
          || !isfinite (w) || w < 0)
        {
          invalid_row (i, error);
          return NULL;
        }
      s = sums + groups[i] * N_SUMS;
      s[SUM_WEIGHT] += w;
      s[SUM_ABS_ERROR] += w * fabs ((double) actual[i] - predicted[i]);
      s[SUM_PREDICTION] += w * predicted[i];
      f->groups[groups[i]].n++;
    }
  return finish (g_steal_pointer (&f), &rows, sums, n_resamples, seed, error);
}

void
fw_fairness_free (FwFairness *f)
{
  if (f == NULL)
    return;
  g_strfreev (f->group_names);
  g_strfreev (f->warnings);
  g_free (f->groups);
  g_free (f);
}

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
  json_builder_end_object (builder);
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

  if (f->n_resamples > 0)
    {
      json_builder_set_member_name (builder, "confidence_intervals");
      json_builder_begin_object (builder);
      fw_json_add_number (builder, "level", CONFIDENCE_LEVEL);
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
