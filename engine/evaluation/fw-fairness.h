/* fw-fairness.h — how a model treats each group of one sensitive attribute
 *
 * Per group: rows and summed weight, selection rate, TPR, FPR, FNR, precision, accuracy
 * (regression: MAE and mean prediction).  Summaries follow Fairlearn's `between_groups`
 * method: demographic parity difference (max − min selection rate) and ratio (min / max),
 * equalised odds difference (the larger of the TPR and FPR differences) and equal
 * opportunity difference (the TPR difference).
 *
 * Undefined figures are NaN and JSON null: every rate of a group with no rows (or zero
 * weight), TPR and FNR of a group with no actual positives, FPR of one with no actual
 * negatives, precision of one with nothing selected.  A summary leaves out the groups whose
 * rate is NaN, as pandas' min/max do inside Fairlearn's MetricFrame; one defined group gives
 * a difference of 0, none gives NaN.  Unlike Fairlearn, whose TPR/FPR come from
 * scikit-learn's normalised confusion matrix and read 0 for a group with no positives
 * (negatives), we call that rate undefined, so no disparity is claimed that nobody measured.
 * The ratio is NaN when the largest selection rate is 0 (0/0, as in pandas).  The
 * equalised odds difference is the larger of the TPR and FPR differences that are defined.
 *
 * Decisions: with two classes a row is selected when P(@positive) ≥ threshold (the rule of
 * fw-metrics); with more classes the predicted class is the most probable one (ties to the
 * lower index), a row is selected when that is @positive, actual positives are the rows of
 * class @positive, and accuracy counts predicted == actual over all classes.
 *
 * Small groups: only groups with at least min_group_rows rows in the part measured enter
 * the summaries (and the intervals, which keep the estimate's groups); smaller ones stay
 * in the per-group list, marked too_small.  Fewer than two such groups make every summary
 * NaN, with a warning saying why.
 *
 * Favourable outcome: a prediction of the positive class is either good for the person
 * (approved, hired) or bad (re-arrested, defaulted).  Each group's favourable rate is its
 * selection rate, or 1 − selection rate when the positive class is harmful, and the
 * four-fifths figure (favourable-rate ratio, lowest over highest) is taken on it, never on
 * a harmful rate.  For a harmful prediction the false positive rate (being wrongly flagged)
 * is the main harm; for a favourable one the false negative rate (being wrongly refused).
 *
 * Confidence intervals: rows resampled with replacement over the whole set (as Fairlearn's
 * MetricFrame bootstrap does), every group recomputed, 95% percentile interval (linear
 * interpolation between order statistics, as numpy.quantile) over the resamples in which
 * the summary is defined; NaN when fewer than half of them are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include "fw-dataset.h"

G_BEGIN_DECLS

#define FW_FAIRNESS_ERROR (fw_fairness_error_quark ())

typedef enum {
  FW_FAIRNESS_ERROR_EMPTY,      /* no rows, or every weight zero */
  FW_FAIRNESS_ERROR_INVALID,    /* a group or label out of range, a non-finite number */
} FwFairnessError;

/* Groups with fewer rows than this get a warning; the default minimum for the summaries. */
#define FW_FAIRNESS_MIN_ROWS 30
/* Enough resamples for the 2.5% and 97.5% percentiles to rest on 5 rows each. */
#define FW_FAIRNESS_DEFAULT_RESAMPLES 200
/* The coverage of the bootstrap intervals: from the 2.5% to the 97.5% percentile. */
#define FW_FAIRNESS_CONFIDENCE_LEVEL  0.95

typedef enum {
  FW_FAIRNESS_DEMOGRAPHIC_PARITY_DIFFERENCE,
  FW_FAIRNESS_DEMOGRAPHIC_PARITY_RATIO,
  FW_FAIRNESS_EQUALIZED_ODDS_DIFFERENCE,
  FW_FAIRNESS_EQUAL_OPPORTUNITY_DIFFERENCE,
  FW_FAIRNESS_FAVOURABLE_RATE_RATIO,    /* lowest over highest favourable rate: the
                                         * four-fifths rule's figure */
  FW_FAIRNESS_MAE_DIFFERENCE,           /* regression: max − min MAE */
  FW_FAIRNESS_N_SUMMARIES
} FwFairnessSummary;

typedef struct
{
  guint64 n;                    /* rows */
  double  weight;               /* summed weight (= n without weights) */
  /* Classification; NaN when undefined. */
  double  selection_rate, tpr, fpr, fnr, precision, accuracy;
  double  base_rate;            /* share actually of the positive class: the data's own
                                 * rate, to set the selection rate beside */
  double  favourable_rate;      /* selection rate, or 1 − it when the positive is harmful */
  gboolean too_small;           /* fewer rows than the minimum: out of the summaries */
  /* Regression; NaN when the group is empty. */
  double  mae, mean_prediction;
} FwFairnessGroup;

typedef struct
{
  double low, high;             /* NaN when not computed */
} FwFairnessInterval;

typedef struct
{
  gboolean            regression;
  guint               n_groups;
  char              **group_names;      /* n_groups, NULL-terminated */
  FwFairnessGroup    *groups;
  /* NaN where undefined, or not meaningful for the task (MAE difference for classification,
   * the four parity figures for regression). */
  double              summaries[FW_FAIRNESS_N_SUMMARIES];
  FwFairnessInterval  intervals[FW_FAIRNESS_N_SUMMARIES];
  guint               n_resamples;      /* 0: no intervals */
  guint               min_group_rows;   /* as asked */
  guint               n_used;           /* groups in the summaries */
  gboolean            positive_is_harmful;
  char               *favourable;       /* the favourable class, or NULL when not named */
  char               *positive_name;    /* the positive class, or NULL when not named */
  char              **warnings;         /* translated sentences, NULL-terminated */
} FwFairness;

/* The rows to measure; every array has @n entries (@probabilities n × @n_classes). */
typedef struct
{
  const guint32      *groups;             /* per row, a code below the length of
                                           * @group_names (map missing cells to a group of
                                           * their own first) */
  const char *const  *group_names;        /* NULL-terminated, at least one */
  const float        *weights;            /* NULL: every row weighs 1 */
  gsize               n;

  /* Classification */
  const guint32      *labels;             /* actual class per row, < @n_classes */
  const float        *probabilities;      /* fw_fairness_compute: row-major */
  const guint32      *predicted_classes;  /* fw_fairness_compute_predicted: decided class */
  guint               n_classes;          /* ≥ 2 */
  guint               positive;           /* < @n_classes */

  /* Regression */
  const float        *actual;
  const float        *predicted;
} FwFairnessInput;

typedef struct
{
  double              threshold;          /* two classes from probabilities: selected when
                                           * P(positive) ≥ threshold */
  guint               n_resamples;        /* bootstrap resamples; 0 skips the intervals
                                           * (cheap enough for every epoch); at least 200
                                           * are advised */
  guint64             seed;               /* of the resamples */
  guint               min_group_rows;     /* groups with fewer rows stay out of the
                                           * summaries; 0: every group with a row */
  gboolean            positive_is_harmful;  /* a prediction of the positive class is bad
                                             * for the person */
  const char         *favourable;         /* the favourable class's name, for the JSON and
                                           * the sentences; NULL: not named */
  const char         *positive_name;      /* the positive class's, for the sentences */
} FwFairnessOptions;

GQuark      fw_fairness_error_quark        (void);

/* A threshold of 0.5, FW_FAIRNESS_DEFAULT_RESAMPLES resamples, seed 0, groups of at least
 * FW_FAIRNESS_MIN_ROWS rows in the summaries, the positive class favourable. */
void        fw_fairness_options_init       (FwFairnessOptions       *options);

/* The framing a recipe asks for: its minimum group size, and whether the positive class
 * is good for the person.  From a prepared @dataset (which checked the recipe), or from
 * @recipe and the model's @class_names (NULL for regression) for a saved model; a
 * favourable value that names no class counts as unnamed.  @options keeps pointers into
 * the class names. */
void        fw_fairness_options_from_dataset (FwFairnessOptions       *options,
                                              const FwDataset         *dataset);
void        fw_fairness_options_from_recipe  (FwFairnessOptions       *options,
                                              const FwRecipe          *recipe,
                                              char *const             *class_names,
                                              guint                    positive);

/* Classification from @input's groups, labels and probabilities.  @options: NULL for the
 * defaults. */
FwFairness *fw_fairness_compute            (const FwFairnessInput   *input,
                                            const FwFairnessOptions *options,
                                            GError                 **error);
/* The same from decisions already taken (say, per-group thresholds): @input's
 * predicted_classes in place of its probabilities; the threshold is not used. */
FwFairness *fw_fairness_compute_predicted  (const FwFairnessInput   *input,
                                            const FwFairnessOptions *options,
                                            GError                 **error);
/* Regression from @input's groups, actual and predicted values: MAE and mean prediction
 * per group, and the MAE difference. */
FwFairness *fw_fairness_compute_regression (const FwFairnessInput   *input,
                                            const FwFairnessOptions *options,
                                            GError                 **error);
void        fw_fairness_free               (FwFairness *fairness);

/* What the model does to a gap between two groups that is already in the data: @model_gap
 * (≥ 0) is the difference in their selection rates, @data_gap the difference in their
 * base rates taken the same way round (negative when the data point the other way).  With
 * g = FW_FAIRNESS_GAP_MARGIN: REVERSES when the data gap is ≤ −g and the model's ≥ g,
 * WIDENS when model > |data| + g, NARROWS when model < |data| − g, else MIRRORS; NONE when
 * neither gap reaches g. */
#define FW_FAIRNESS_GAP_MARGIN 0.05

typedef enum {
  FW_GAP_NONE,
  FW_GAP_MIRRORS,
  FW_GAP_WIDENS,
  FW_GAP_NARROWS,
  FW_GAP_REVERSES,
} FwGapVerdict;

FwGapVerdict fw_fairness_gap_verdict       (double model_gap,
                                            double data_gap);
/* @verdict in one translated sentence ("The model widens the gap that is in the data."),
 * for the Results step and the model card alike; NULL for FW_GAP_NONE. */
const char  *fw_fairness_gap_sentence      (FwGapVerdict verdict);

/* The JSON key of a summary ("demographic_parity_difference", …). */
const char *fw_fairness_summary_key        (FwFairnessSummary summary);

/* Adds one object — a fairness entry of docs/cli.md — as the builder's next value (an array
 * element, or after a member name): {"attribute", "groups": [{"value", "n", "weight",
 * "selection_rate", "tpr", "fpr", "fnr", "precision", "accuracy", "base_rate", "favourable_rate",
 * "too_small"}], the four summaries, "favourable_rate_ratio", "favourable",
 * "positive_is_favourable", "main_harm" ("false_positive_rate" or "false_negative_rate"),
 * "min_group_rows", "groups_used", "groups_too_small",
 * "confidence_intervals": {"level", "resamples", <summary>: [low, high]} (only when
 * bootstrapped), "warnings": [sentences]}.  Regression keeps the same keys, null, and has
 * "mae" and "mean_prediction" in place of "fnr" and "precision", and "mae_difference".
 * NaN is written as null. */
void        fw_fairness_to_json            (const FwFairness *fairness,
                                            const char       *attribute,
                                            JsonBuilder      *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwFairness, fw_fairness_free)

G_END_DECLS
