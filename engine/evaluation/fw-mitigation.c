/* fw-mitigation.c — per-group decision thresholds, fitted after training
 *
 * Reweighing, before training, is in fw-mitigation-reweigh.c; reading and writing the
 * thresholds in fw-mitigation-json.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include "fw-error.h"
#include "fw-mitigation-private.h"

G_DEFINE_QUARK (fw-mitigation-error-quark, fw_mitigation_error)


gboolean
fw_mitigation_check_weight (const float  *weights,
                            gsize         i,
                            GError      **error)
{
  if (weights == NULL || (isfinite (weights[i]) && weights[i] >= 0))
    return TRUE;
  return fw_set_error (error, FW_MITIGATION_ERROR, FW_MITIGATION_ERROR_INVALID,
                       _("Row %zu has a weight that is negative or not a number"), i + 1);
}

void
fw_thresholds_options_init (FwThresholdsOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (FwThresholdsOptions) { .policy = FW_THRESHOLD_POLICY_PARITY };
}

typedef struct
{
  float   score;
  gsize   index;                /* breaks ties in the sort, so every libc gives one order */
  double  weight;
  gboolean positive;
} Row;

/* Decisions "positive when score ≥ threshold" for one group: rate is the policy's rate,
 * correct the weight decided right (true positives + true negatives). */
typedef struct
{
  double rate, threshold, correct;
} Cut;

typedef struct
{
  Cut     *cuts;                /* rates strictly increasing */
  gsize    n_cuts;
  gsize    rows;
  double   weight, positives, negatives;
  double   chosen_default;      /* selected (PARITY) or true-positive (TPR) weight at 0.5 */
  double   rate_default, correct_default;
  gboolean fitted;
} Group;

static int
compare_rows (const void *a,
              const void *b)
{
  const Row *x = a, *y = b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static void
add_cut (Group  *group,
         double  rate,
         double  threshold,
         double  correct)
{
  /* Walking down from the highest threshold, the first cut with a rate is the one with
   * fewest false positives; a later cut with the same rate only adds negatives. */
  if (group->n_cuts > 0 && rate <= group->cuts[group->n_cuts - 1].rate)
    return;
  group->cuts[group->n_cuts++] = (Cut) { rate, threshold, correct };
}

/* Sorts @rows (one group's) by score, highest first, and lists the group's cuts. */
static void
group_init (Group             *group,
            Row               *rows,
            gsize              m,
            FwThresholdPolicy  policy)
{
  double taken = 0, tp = 0, fp = 0, denominator;

  qsort (rows, m, sizeof (Row), compare_rows);
  group->rows = m;
  /* Totals summed in the walk's order, so that the last cut's rate is exactly 1. */
  for (gsize i = 0; i < m; i++)
    {
      if (rows[i].positive)
        group->positives += rows[i].weight;
      else
        group->negatives += rows[i].weight;
      group->weight += rows[i].weight;
      if (rows[i].score >= FW_THRESHOLDS_DEFAULT)
        {
          group->chosen_default += policy == FW_THRESHOLD_POLICY_TPR && !rows[i].positive
                                   ? 0 : rows[i].weight;
          tp += rows[i].positive ? rows[i].weight : 0;
          fp += rows[i].positive ? 0 : rows[i].weight;
        }
    }
  denominator = policy == FW_THRESHOLD_POLICY_TPR ? group->positives : group->weight;
  group->rate_default = denominator > 0 ? group->chosen_default / denominator : NAN;
  group->correct_default = tp + group->negatives - fp;
  if (!(denominator > 0))
    return;

  group->cuts = g_new (Cut, m + 1);
  /* "No row" needs a threshold in [0, 1] above every score. */
  if (m > 0 && rows[0].score < 1.0f)
    add_cut (group, 0, (rows[0].score + 1.0) / 2, group->negatives);
  tp = fp = 0;
  for (gsize i = 0; i < m; i++)
    {
      double below;

      taken += rows[i].weight;
      tp += rows[i].positive ? rows[i].weight : 0;
      fp += rows[i].positive ? 0 : rows[i].weight;
      if (i + 1 < m && rows[i + 1].score == rows[i].score)
        continue;
      /* Halfway to the next lower score: the same decisions on these rows, the widest
       * margin for new ones. */
      below = i + 1 < m ? rows[i + 1].score : 0.0;
      add_cut (group, (policy == FW_THRESHOLD_POLICY_TPR ? tp : taken) / denominator,
               (rows[i].score + below) / 2, tp + group->negatives - fp);
    }
}

/* The cut whose rate is nearest @target; ties go to the more accurate one. */
static const Cut *
nearest_cut (const Group *group,
             double       target)
{
  gsize lo = 0, hi = group->n_cuts;
  const Cut *above, *below;

  g_assert (group->n_cuts > 0);
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (group->cuts[mid].rate < target)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == 0)
    return &group->cuts[0];
  below = &group->cuts[lo - 1];
  if (lo == group->n_cuts)
    return below;
  above = &group->cuts[lo];
  if (above->rate - target != target - below->rate)
    return above->rate - target < target - below->rate ? above : below;
  return above->correct > below->correct ? above : below;
}

typedef struct
{
  double target, difference, accuracy;
} Candidate;

static Candidate
evaluate_target (const Group *groups,
                 guint        n_groups,
                 double       target,
                 double       correct_unfitted,
                 double       total)
{
  double lowest = INFINITY, highest = -INFINITY, correct = correct_unfitted;

  for (guint g = 0; g < n_groups; g++)
    if (groups[g].fitted)
      {
        const Cut *cut = nearest_cut (&groups[g], target);

        lowest = MIN (lowest, cut->rate);
        highest = MAX (highest, cut->rate);
        correct += cut->correct;
      }
  return (Candidate) { target, highest - lowest, correct / total };
}

static gboolean
candidate_better (const Candidate *a,
                  const Candidate *b)
{
  /* A hair of slack so that a difference computed as exactly the tolerance counts. */
  gboolean a_ok = a->difference <= FW_THRESHOLDS_TOLERANCE + 1e-12;
  gboolean b_ok = b->difference <= FW_THRESHOLDS_TOLERANCE + 1e-12;

  if (a_ok != b_ok)
    return a_ok;
  if (!a_ok)
    return a->difference < b->difference;
  if (a->accuracy != b->accuracy)
    return a->accuracy > b->accuracy;
  if (a->difference != b->difference)
    return a->difference < b->difference;
  return a->target < b->target;
}

static gboolean
check_fit_input (const FwMitigationInput  *input,
                 GError                  **error)
{
  const guint32 *groups = input->groups, *labels = input->labels;
  const float *p_positive = input->p_positive;
  guint n_groups = input->n_groups, positive = input->positive;

  if (positive > 1)
    return fw_set_error (error, FW_MITIGATION_ERROR, FW_MITIGATION_ERROR_INVALID,
                         _("Per-group thresholds need two classes; the positive class is %u"),
                         positive);
  for (gsize i = 0; i < input->n; i++)
    {
      if (groups[i] >= n_groups)
        return fw_set_error (error, FW_MITIGATION_ERROR, FW_MITIGATION_ERROR_INVALID,
                             _("Row %zu has group %u; there are only %u"),
                             i + 1, groups[i], n_groups);
      if (labels[i] > 1)
        return fw_set_error (error, FW_MITIGATION_ERROR, FW_MITIGATION_ERROR_INVALID,
                             _("Row %zu has class %u; per-group thresholds "
                               "need two classes"), i + 1, labels[i]);
      if (!(p_positive[i] >= 0 && p_positive[i] <= 1))
        return fw_set_error (error, FW_MITIGATION_ERROR, FW_MITIGATION_ERROR_INVALID,
                             _("Row %zu has a probability outside [0, 1]"),
                             i + 1);
      if (!fw_mitigation_check_weight (input->weights, i, error))
        return FALSE;
    }
  return TRUE;
}

static FwThresholds *
thresholds_new (FwThresholdPolicy   policy,
                guint               n_groups,
                const char *const  *group_names,
                GError            **error)
{
  g_autoptr(FwThresholds) thresholds = g_new0 (FwThresholds, 1);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  thresholds->policy = policy;
  thresholds->n_groups = n_groups;
  thresholds->groups = g_new0 (FwGroupThreshold, n_groups);
  thresholds->target = thresholds->difference_before = thresholds->difference_after = NAN;
  thresholds->accuracy_before = thresholds->accuracy_after = NAN;
  for (guint g = 0; g < n_groups; g++)
    {
      FwGroupThreshold *group = &thresholds->groups[g];

      group->name = group_names != NULL ? g_strdup (group_names[g]) : g_strdup_printf ("%u", g);
      if ((group->name == NULL || group->name[0] == '\0')
          && !fw_set_error (error, FW_MITIGATION_ERROR, FW_MITIGATION_ERROR_INVALID,
                            _("Group %u has no name"), g + 1))
        return NULL;
      if (!g_hash_table_add (seen, group->name)
          && !fw_set_error (error, FW_MITIGATION_ERROR, FW_MITIGATION_ERROR_INVALID,
                            _("Two groups are called “%s”"), group->name))
        return NULL;
      group->threshold = FW_THRESHOLDS_DEFAULT;
      group->fitted = TRUE;
      group->weight = group->rate_before = group->rate_after = NAN;
    }
  return g_steal_pointer (&thresholds);
}

static void
keep_default (FwGroupThreshold *group,
              char             *warning)
{
  group->fitted = FALSE;
  group->threshold = FW_THRESHOLDS_DEFAULT;
  group->rate_after = group->rate_before;
  g_free (group->warning);
  group->warning = warning;
}

/* Which groups can be fitted, with the reason for each that cannot. */
static void
choose_fitted (FwThresholds *thresholds,
               Group        *work)
{
  guint n_fitted = 0;

  for (guint g = 0; g < thresholds->n_groups; g++)
    {
      FwGroupThreshold *group = &thresholds->groups[g];

      group->weight = work[g].weight;
      group->rate_before = group->rate_after = work[g].rate_default;
      work[g].fitted = FALSE;
      if (work[g].rows < FW_THRESHOLDS_MIN_ROWS)
        keep_default (group, g_strdup_printf (_("Group “%s” has too few rows (%zu, at least "
                                                "%d needed) to adjust its threshold; it "
                                                "keeps %.1f"),
                                              group->name, work[g].rows,
                                              FW_THRESHOLDS_MIN_ROWS, FW_THRESHOLDS_DEFAULT));
      else if (!(work[g].positives > 0) && thresholds->policy == FW_THRESHOLD_POLICY_TPR)
        keep_default (group, g_strdup_printf (_("Group “%s” has no positive rows, so its "
                                                "true-positive rate is undefined; it keeps "
                                                "the threshold %.1f"),
                                              group->name, FW_THRESHOLDS_DEFAULT));
      else
        {
          work[g].fitted = TRUE;
          n_fitted++;
        }
    }
  if (n_fitted == 1)
    for (guint g = 0; g < thresholds->n_groups; g++)
      if (work[g].fitted)
        {
          work[g].fitted = FALSE;
          keep_default (&thresholds->groups[g],
                        g_strdup_printf (_("Group “%s” is the only group with enough rows; "
                                           "with nothing to equalise it keeps the "
                                           "threshold %.1f"),
                                         thresholds->groups[g].name, FW_THRESHOLDS_DEFAULT));
        }
}

/* Searches the candidate common rates and applies the best to @thresholds. */
static void
choose_target (FwThresholds *thresholds,
               const Group  *work)
{
  double total = 0, correct_default = 0, correct_unfitted = 0, chosen = 0, denominator = 0;
  double lowest = INFINITY, highest = -INFINITY;
  Candidate best;

  for (guint g = 0; g < thresholds->n_groups; g++)
    {
      total += work[g].weight;
      correct_default += work[g].correct_default;
      if (!work[g].fitted)
        {
          correct_unfitted += work[g].correct_default;
          continue;
        }
      chosen += work[g].chosen_default;
      denominator += thresholds->policy == FW_THRESHOLD_POLICY_TPR ? work[g].positives
                                                                   : work[g].weight;
      lowest = MIN (lowest, work[g].rate_default);
      highest = MAX (highest, work[g].rate_default);
    }
  thresholds->accuracy_before = thresholds->accuracy_after = correct_default / total;
  if (isinf (lowest))
    return;
  thresholds->difference_before = thresholds->difference_after = highest - lowest;

  /* The fitted groups' joint rate at the default is a candidate beside the grid: where the
   * model already treats them alike, it keeps things as they are. */
  best = evaluate_target (work, thresholds->n_groups, chosen / denominator, correct_unfitted,
                          total);
  for (guint k = 0; k <= FW_THRESHOLDS_GRID; k++)
    {
      Candidate c = evaluate_target (work, thresholds->n_groups,
                                     (double) k / FW_THRESHOLDS_GRID, correct_unfitted, total);

      if (candidate_better (&c, &best))
        best = c;
    }

  thresholds->target = best.target;
  thresholds->difference_after = best.difference;
  thresholds->accuracy_after = best.accuracy;
  for (guint g = 0; g < thresholds->n_groups; g++)
    if (work[g].fitted)
      {
        const Cut *cut = nearest_cut (&work[g], best.target);

        thresholds->groups[g].threshold = cut->threshold;
        thresholds->groups[g].rate_after = cut->rate;
      }
}

FwThresholds *
fw_thresholds_fit (const FwMitigationInput   *input,
                   const FwThresholdsOptions *options,
                   GError                   **error)
{
  g_autoptr(FwThresholds) thresholds = NULL;
  g_autofree gsize *start = NULL;
  g_autofree Row *rows = NULL;
  FwThresholdsOptions defaults;
  const guint32 *groups, *labels;
  const float *p_positive, *weights;
  guint n_groups;
  gsize n;
  Group *work;
  double total = 0;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (input->n == 0 || (input->groups != NULL && input->p_positive != NULL &&
                                          input->labels != NULL), NULL);
  g_return_val_if_fail (options == NULL || options->policy == FW_THRESHOLD_POLICY_PARITY ||
                        options->policy == FW_THRESHOLD_POLICY_TPR, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      fw_thresholds_options_init (&defaults);
      options = &defaults;
    }
  groups = input->groups;
  n_groups = input->n_groups;
  labels = input->labels;
  p_positive = input->p_positive;
  weights = input->weights;
  n = input->n;
  if (!check_fit_input (input, error))
    return NULL;
  thresholds = thresholds_new (options->policy, n_groups, input->group_names, error);
  if (thresholds == NULL)
    return NULL;

  /* Rows bucketed by group (a counting sort), so each group's scores are sorted once.  Rows
   * of weight zero are left out: they must not even place a threshold. */
  start = g_new0 (gsize, n_groups + 1);
  for (gsize i = 0; i < n; i++)
    start[groups[i] + 1] += weights == NULL || weights[i] > 0;
  for (guint g = 0; g < n_groups; g++)
    start[g + 1] += start[g];
  rows = g_new (Row, MAX (n, 1));
  {
    g_autofree gsize *next = g_memdup2 (start, sizeof (gsize) * (n_groups + 1));

    for (gsize i = 0; i < n; i++)
      {
        double w = weights != NULL ? weights[i] : 1.0;

        if (w > 0)
          rows[next[groups[i]]++] = (Row) { p_positive[i], i, w,
                                            labels[i] == input->positive };
        total += w;
      }
  }
  if (!(total > 0))
    {
      g_set_error_literal (error, FW_MITIGATION_ERROR, FW_MITIGATION_ERROR_EMPTY,
                           n == 0 ? _("There are no rows to fit thresholds on")
                                  : _("Every row has weight zero"));
      return NULL;
    }

  work = g_new0 (Group, MAX (n_groups, 1));
  for (guint g = 0; g < n_groups; g++)
    group_init (&work[g], rows + start[g], start[g + 1] - start[g], options->policy);
  choose_fitted (thresholds, work);
  choose_target (thresholds, work);
  for (guint g = 0; g < n_groups; g++)
    g_free (work[g].cuts);
  g_free (work);
  return g_steal_pointer (&thresholds);
}

void
fw_thresholds_free (FwThresholds *thresholds)
{
  if (thresholds == NULL)
    return;
  for (guint g = 0; g < thresholds->n_groups && thresholds->groups != NULL; g++)
    {
      g_free (thresholds->groups[g].name);
      g_free (thresholds->groups[g].warning);
    }
  g_free (thresholds->groups);
  g_free (thresholds);
}

void
fw_thresholds_apply (const FwThresholds      *thresholds,
                     const FwMitigationInput *input,
                     guint8                  *decisions)
{
  g_return_if_fail (thresholds != NULL);
  g_return_if_fail (input != NULL);
  g_return_if_fail (input->n == 0 ||
                    (input->groups != NULL && input->p_positive != NULL && decisions != NULL));

  for (gsize i = 0; i < input->n; i++)
    {
      guint32 g = input->groups[i];
      double t = g < thresholds->n_groups ? thresholds->groups[g].threshold
                                          : FW_THRESHOLDS_DEFAULT;

      decisions[i] = input->p_positive[i] >= t;
    }
}

guint32
fw_thresholds_find_group (const FwThresholds *thresholds,
                          const char         *name)
{
  g_return_val_if_fail (thresholds != NULL, FW_THRESHOLDS_UNSEEN);

  for (guint g = 0; name != NULL && g < thresholds->n_groups; g++)
    if (g_str_equal (thresholds->groups[g].name, name))
      return g;
  return FW_THRESHOLDS_UNSEEN;
}

double
fw_thresholds_lookup (const FwThresholds *thresholds,
                      const char         *name)
{
  guint32 g;

  g_return_val_if_fail (thresholds != NULL, FW_THRESHOLDS_DEFAULT);

  g = fw_thresholds_find_group (thresholds, name);
  return g < thresholds->n_groups ? thresholds->groups[g].threshold : FW_THRESHOLDS_DEFAULT;
}
