/* fw-fairness.c — per-group metrics and Fairlearn summaries
 *
 * One pass sorts every row into a cell, group × outcome kind, and sums the weights per
 * cell; every figure follows from those sums, for the estimate and for each bootstrap
 * resample (fw-fairness-bootstrap.c) alike.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include "fw-favourable.h"
#include "fw-fairness-private.h"

G_DEFINE_QUARK (fw-fairness-error-quark, fw_fairness_error)

/* Outcome kinds of a classified row.  WRONG_NEGATIVE: neither actual nor predicted class is
 * the positive one, yet they differ (several classes only); it counts against accuracy. */
enum { KIND_TP, KIND_FN, KIND_FP, KIND_TN, KIND_WRONG_NEGATIVE, N_KINDS };
/* Indexed by (actual is positive, decision is positive, decision is right); the entries
 * for impossible combinations are never read. */
static const guint8 kind_of[8] = {
  KIND_WRONG_NEGATIVE, KIND_TN, KIND_FP, KIND_FP, KIND_FN, KIND_FN, KIND_TP, KIND_TP,
};

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
                      gboolean         positive_is_harmful,
                      FwFairnessGroup *group)
{
  double total = k[KIND_TP] + k[KIND_FN] + k[KIND_FP] + k[KIND_TN] + k[KIND_WRONG_NEGATIVE];
  double positives = k[KIND_TP] + k[KIND_FN];

  group->weight = total;
  group->selection_rate = quotient (k[KIND_TP] + k[KIND_FP], total);
  group->base_rate = quotient (positives, total);
  group->tpr = quotient (k[KIND_TP], positives);
  group->fnr = quotient (k[KIND_FN], positives);
  group->fpr = quotient (k[KIND_FP], total - positives);
  group->precision = quotient (k[KIND_TP], k[KIND_TP] + k[KIND_FP]);
  group->accuracy = quotient (k[KIND_TP] + k[KIND_TN], total);
  group->favourable_rate = positive_is_harmful ? 1 - group->selection_rate
                                               : group->selection_rate;
  group->mae = group->mean_prediction = NAN;
}

static void
regression_rates (const double    *s,
                  FwFairnessGroup *group)
{
  group->weight = s[FW_FAIRNESS_SUM_WEIGHT];
  group->mae = quotient (s[FW_FAIRNESS_SUM_ABS_ERROR], s[FW_FAIRNESS_SUM_WEIGHT]);
  group->mean_prediction = quotient (s[FW_FAIRNESS_SUM_PREDICTION], s[FW_FAIRNESS_SUM_WEIGHT]);
  group->selection_rate = group->tpr = group->fnr = group->fpr = NAN;
  group->precision = group->accuracy = group->favourable_rate = group->base_rate = NAN;
}

/* The summaries from per-group sums: used alike for the estimate and for each resample. */
static void
summaries_from_sums (const FwFairnessRows *rows,
                     const double *sums,
                     double        out[FW_FAIRNESS_N_SUMMARIES])
{
  Range selection = { 0 }, favourable = { 0 }, tpr = { 0 }, fpr = { 0 }, mae = { 0 };
  guint n_used = 0;

  for (guint g = 0; g < rows->n_groups; g++)
    {
      FwFairnessGroup group;

      if (!rows->used[g])
        continue;
      n_used++;
      if (rows->regression)
        {
          regression_rates (sums + g * FW_FAIRNESS_N_SUMS, &group);
          range_add (&mae, group.mae);
          continue;
        }
      classification_rates (sums + g * N_KINDS, rows->positive_is_harmful, &group);
      range_add (&selection, group.selection_rate);
      range_add (&favourable, group.favourable_rate);
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
  out[FW_FAIRNESS_FAVOURABLE_RATE_RATIO] =
    favourable.n > 0 ? quotient (favourable.min, favourable.max) : NAN;
  out[FW_FAIRNESS_MAE_DIFFERENCE] = range_difference (&mae);
  if (rows->need_two && n_used < 2)
    for (guint s = 0; s < FW_FAIRNESS_N_SUMMARIES; s++)
      out[s] = NAN;
}

static void
bootstrap (FwFairness           *f,
           const FwFairnessRows *rows,
           guint                 n_resamples,
           guint64               seed)
{
  g_autofree double *sums = g_new (double, rows->n_groups * rows->stride);
  g_autofree double *samples = g_new (double, (gsize) FW_FAIRNESS_N_SUMMARIES * n_resamples);
  FwRng rng;

  fw_rng_init (&rng, seed);
  for (guint r = 0; r < n_resamples; r++)
    {
      double out[FW_FAIRNESS_N_SUMMARIES];

      fw_fairness_resample (rows, &rng, sums);
      summaries_from_sums (rows, sums, out);
      for (guint s = 0; s < FW_FAIRNESS_N_SUMMARIES; s++)
        samples[(gsize) s * n_resamples + r] = out[s];
    }

  f->n_resamples = n_resamples;
  for (guint s = 0; s < FW_FAIRNESS_N_SUMMARIES; s++)
    fw_fairness_interval (samples + (gsize) s * n_resamples, n_resamples,
                          FW_FAIRNESS_CONFIDENCE_LEVEL, &f->intervals[s]);
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
      if (group->too_small)
        add_warning (warnings, g_dngettext (GETTEXT_PACKAGE,
                                            "Only %lu row for “%s”: too few rows to judge, so it "
                                            "is left out of the summaries.",
                                            "Only %lu rows for “%s”: too few rows to judge, so "
                                            "they are left out of the summaries.",
                                            group->n), (gulong) group->n, name);
      else if (group->n < FW_FAIRNESS_MIN_ROWS)
        add_warning (warnings, g_dngettext (GETTEXT_PACKAGE,
                                            "Only %lu row for “%s”: its figures are uncertain.",
                                            "Only %lu rows for “%s”: its figures are uncertain.",
                                            group->n), (gulong) group->n, name);
      /* A group too small to judge is out of the summaries whatever its rates. */
      if (f->regression || !(group->weight > 0) || group->too_small)
        continue;
      if (isnan (group->tpr))
        add_warning (warnings, _("No actual positives for “%s”: its true positive rate is "
                                 "undefined and left out of the summaries."), name);
      if (isnan (group->fpr))
        add_warning (warnings, _("No actual negatives for “%s”: its false positive rate is "
                                 "undefined and left out of the summaries."), name);
    }
  if (f->min_group_rows > 0 && f->n_used < 2)
    add_warning (warnings, g_dngettext (GETTEXT_PACKAGE,
                                        "Fewer than two groups have at least %u row, so the "
                                        "groups are not compared: no summary is given.",
                                        "Fewer than two groups have at least %u rows, so the "
                                        "groups are not compared: no summary is given.",
                                        f->min_group_rows), f->min_group_rows);
  g_ptr_array_add (warnings, NULL);
  f->warnings = (char **) g_ptr_array_free (warnings, FALSE);
}

static FwFairness *
fairness_new (const char *const       *group_names,
              gboolean                 regression,
              const FwFairnessOptions *options)
{
  FwFairness *f = g_new0 (FwFairness, 1);

  f->regression = regression;
  f->min_group_rows = options->min_group_rows;
  f->positive_is_harmful = !regression && options->positive_is_harmful;
  f->favourable = regression ? NULL : g_strdup (options->favourable);
  f->positive_name = regression ? NULL : g_strdup (options->positive_name);
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
finish (FwFairness              *f,
        FwFairnessRows          *rows,
        const double            *sums,
        const FwFairnessOptions *options,
        GError                 **error)
{
  g_autoptr(FwFairness) owned = f;
  g_autofree gboolean *used = g_new0 (gboolean, MAX (f->n_groups, 1));
  double total = 0;

  for (guint g = 0; g < f->n_groups; g++)
    {
      if (rows->regression)
        regression_rates (sums + g * FW_FAIRNESS_N_SUMS, &f->groups[g]);
      else
        classification_rates (sums + g * N_KINDS, f->positive_is_harmful, &f->groups[g]);
      total += f->groups[g].weight;
      /* Resamples keep the estimate's groups, so an interval speaks of the same groups. */
      f->groups[g].too_small = f->groups[g].n > 0 && f->groups[g].n < f->min_group_rows;
      used[g] = f->groups[g].n > 0 && !f->groups[g].too_small;
      f->n_used += used[g];
    }
  rows->used = used;
  rows->positive_is_harmful = f->positive_is_harmful;
  /* Without a minimum the summaries are Fairlearn's, where a lone group differs by 0. */
  rows->need_two = f->min_group_rows > 0;
  if (!(total > 0))
    {
      g_set_error (error, FW_FAIRNESS_ERROR, FW_FAIRNESS_ERROR_EMPTY,
                   _("There are no rows to measure fairness on."));
      return NULL;
    }
  summaries_from_sums (rows, sums, f->summaries);
  collect_warnings (f);
  if (options->n_resamples > 0)
    bootstrap (f, rows, options->n_resamples, options->seed);
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

/* From @input's probabilities, or its predicted classes when @from_classes. */
static FwFairness *
classification_new (const FwFairnessInput   *input,
                    gboolean                 from_classes,
                    const FwFairnessOptions *options,
                    GError                 **error)
{
  g_autoptr(FwFairness) f = fairness_new (input->group_names, FALSE, options);
  guint n_groups = f->n_groups, n_classes = input->n_classes, positive = input->positive;
  gsize n = input->n;
  const float *weights = input->weights;
  FwFairnessGroup *out = f->groups;
  g_autofree double *sums = g_new0 (double, (gsize) n_groups * N_KINDS);
  g_autofree guint32 *cells = options->n_resamples > 0 ? g_new (guint32, n) : NULL;
  FwFairnessRows rows = { n_groups, FALSE, N_KINDS, n, NULL, weights, NULL, NULL };

  for (gsize i = 0; i < n; i++)
    {
      guint32 g = input->groups[i], actual = input->labels[i], kind;
      guint32 decided = from_classes ? input->predicted_classes[i]
                                     : decide (input->probabilities + i * n_classes, n_classes,
                                               positive, options->threshold);
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
  return finish (g_steal_pointer (&f), &rows, sums, options, error);
}

void
fw_fairness_options_init (FwFairnessOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (FwFairnessOptions) {
    .threshold = 0.5,
    .n_resamples = FW_FAIRNESS_DEFAULT_RESAMPLES,
    .seed = 0,
    .min_group_rows = FW_FAIRNESS_MIN_ROWS,
  };
}

void
fw_fairness_options_from_dataset (FwFairnessOptions *options,
                                  const FwDataset   *dataset)
{
  g_return_if_fail (options != NULL && dataset != NULL);

  options->min_group_rows = dataset->min_group_rows;
  options->positive_is_harmful = dataset->positive_is_harmful;
  options->favourable = dataset->favourable >= 0 && dataset->class_names != NULL
                        ? dataset->class_names[dataset->favourable] : NULL;
  options->positive_name = dataset->class_names != NULL
                           ? dataset->class_names[dataset->positive] : NULL;
}

void
fw_fairness_options_from_recipe (FwFairnessOptions *options,
                                 const FwRecipe    *recipe,
                                 char *const       *class_names,
                                 guint              positive)
{
  gboolean harmful = FALSE;
  int favourable = -1;

  g_return_if_fail (options != NULL && recipe != NULL);

  options->min_group_rows = recipe->min_group_rows;
  options->positive_is_harmful = FALSE;
  options->favourable = options->positive_name = NULL;
  if (class_names == NULL || positive >= g_strv_length ((char **) class_names))
    return;
  if (!fw_favourable_resolve (recipe->target, (const char *const *) class_names, positive,
                              recipe->favourable, &harmful, &favourable, NULL))
    fw_favourable_resolve (recipe->target, (const char *const *) class_names, positive, NULL,
                           &harmful, &favourable, NULL);
  options->positive_is_harmful = harmful;
  options->favourable = favourable >= 0 ? class_names[favourable] : NULL;
  options->positive_name = class_names[positive];
}

/* What every task needs: rows sorted into named groups. */
static gboolean
has_groups (const FwFairnessInput *input)
{
  return (input->groups != NULL || input->n == 0) &&
         input->group_names != NULL && input->group_names[0] != NULL;
}

static const FwFairnessOptions *
options_or_defaults (const FwFairnessOptions *options,
                     FwFairnessOptions       *defaults)
{
  if (options != NULL)
    return options;
  fw_fairness_options_init (defaults);
  return defaults;
}

FwFairness *
fw_fairness_compute (const FwFairnessInput   *input,
                     const FwFairnessOptions *options,
                     GError                 **error)
{
  FwFairnessOptions defaults;

  g_return_val_if_fail (input != NULL && has_groups (input), NULL);
  g_return_val_if_fail (input->labels != NULL || input->n == 0, NULL);
  g_return_val_if_fail (input->probabilities != NULL || input->n == 0, NULL);
  g_return_val_if_fail (input->n_classes >= 2 && input->positive < input->n_classes, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return classification_new (input, FALSE, options_or_defaults (options, &defaults), error);
}

FwFairness *
fw_fairness_compute_predicted (const FwFairnessInput   *input,
                               const FwFairnessOptions *options,
                               GError                 **error)
{
  FwFairnessOptions defaults;

  g_return_val_if_fail (input != NULL && has_groups (input), NULL);
  g_return_val_if_fail (input->labels != NULL || input->n == 0, NULL);
  g_return_val_if_fail (input->predicted_classes != NULL || input->n == 0, NULL);
  g_return_val_if_fail (input->n_classes >= 2 && input->positive < input->n_classes, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return classification_new (input, TRUE, options_or_defaults (options, &defaults), error);
}

FwFairness *
fw_fairness_compute_regression (const FwFairnessInput   *input,
                                const FwFairnessOptions *options,
                                GError                 **error)
{
  g_autoptr(FwFairness) f = NULL;
  g_autofree double *sums = NULL;
  FwFairnessOptions defaults;
  FwFairnessRows rows;
  const guint32 *groups;
  const float *actual, *predicted, *weights;

  g_return_val_if_fail (input != NULL && has_groups (input), NULL);
  g_return_val_if_fail (input->actual != NULL || input->n == 0, NULL);
  g_return_val_if_fail (input->predicted != NULL || input->n == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  options = options_or_defaults (options, &defaults);
  groups = input->groups;
  actual = input->actual;
  predicted = input->predicted;
  weights = input->weights;
  f = fairness_new (input->group_names, TRUE, options);
  rows = (FwFairnessRows) { f->n_groups, TRUE, FW_FAIRNESS_N_SUMS, input->n, groups, weights,
                            actual, predicted };
  sums = g_new0 (double, (gsize) f->n_groups * FW_FAIRNESS_N_SUMS);
  for (gsize i = 0; i < input->n; i++)
    {
      double w = weights != NULL ? weights[i] : 1.0;

      if (groups[i] >= f->n_groups || !isfinite (actual[i]) || !isfinite (predicted[i])
          || !isfinite (w) || w < 0)
        {
          invalid_row (i, error);
          return NULL;
        }
      fw_fairness_add_regression (sums + groups[i] * FW_FAIRNESS_N_SUMS, w, actual[i],
                                  predicted[i]);
      f->groups[groups[i]].n++;
    }
  return finish (g_steal_pointer (&f), &rows, sums, options, error);
}

FwGapVerdict
fw_fairness_gap_verdict (double model_gap,
                         double data_gap)
{
  const double g = FW_FAIRNESS_GAP_MARGIN;

  if (isnan (model_gap) || isnan (data_gap) || (model_gap < g && fabs (data_gap) < g))
    return FW_GAP_NONE;
  if (data_gap <= -g && model_gap >= g)
    return FW_GAP_REVERSES;
  if (model_gap > fabs (data_gap) + g)
    return FW_GAP_WIDENS;
  if (model_gap < fabs (data_gap) - g)
    return FW_GAP_NARROWS;
  return FW_GAP_MIRRORS;
}

const char *
fw_fairness_gap_sentence (FwGapVerdict verdict)
{
  switch (verdict)
    {
    case FW_GAP_REVERSES: return _("The model reverses the gap that is in the data.");
    case FW_GAP_WIDENS:   return _("The model widens the gap that is in the data.");
    case FW_GAP_NARROWS:  return _("The model narrows the gap that is in the data.");
    case FW_GAP_MIRRORS:  return _("The gap in predictions mirrors the one already in the data.");
    case FW_GAP_NONE:
    default:              return NULL;
    }
}

void
fw_fairness_free (FwFairness *f)
{
  if (f == NULL)
    return;
  g_strfreev (f->group_names);
  g_strfreev (f->warnings);
  g_free (f->favourable);
  g_free (f->positive_name);
  g_free (f->groups);
  g_free (f);
}
