/* fw-mitigation.h — making a classifier treat groups more alike, before and after training
 *
 * Before training, reweighing (Kamiran & Calders, "Data preprocessing techniques for
 * classification without discrimination", KAIS 33, 2012) gives every row the weight
 * w(g, y) = P(g)·P(y) / P(g, y), so that in the weighted data the group and the label are
 * independent while each group and each class keeps its total weight.
 *
 * After training, per-group decision thresholds for a binary classifier move each group's
 * cut-off so that its selection rate (PARITY) or true-positive rate (TPR) comes as close as
 * a deterministic threshold allows to one common rate, chosen to keep accuracy high.  They
 * are fitted on held-out rows (the validation part: training scores are over-confident),
 * saved with the model as JSON and applied by predict.
 *
 * Plain arrays in and out, so the trainer, the CLI and the GUI can all call these.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include "fw-threshold-policy.h"

G_BEGIN_DECLS

#define FW_MITIGATION_ERROR (fw_mitigation_error_quark ())

typedef enum {
  FW_MITIGATION_ERROR_EMPTY,    /* no rows, or every weight zero */
  FW_MITIGATION_ERROR_INVALID,  /* a group or label out of range, a bad number, bad JSON */
} FwMitigationError;

GQuark  fw_mitigation_error_quark (void);

/* The rows to mitigate over; every array has @n entries. */
typedef struct
{
  const guint32      *groups;       /* per row, < @n_groups */
  guint               n_groups;
  const char *const  *group_names;  /* thresholds: @n_groups distinct names, or NULL for
                                     * "0", "1", … */
  const guint32      *labels;       /* actual class per row, < @n_classes (thresholds: 0 or 1) */
  guint               n_classes;    /* reweighing; thresholds take two classes */
  const float        *weights;      /* per row, finite and ≥ 0; NULL: all ones */
  gsize               n;
  const float        *p_positive;   /* thresholds: P(@positive) per row, in [0, 1] */
  guint               positive;     /* thresholds: the positive class, 0 or 1 */
} FwMitigationInput;

/* Reweighing @input's rows (its groups, labels, classes and base weights).  Returns n
 * weights w_i = base_i · P(g_i)·P(y_i) / P(g_i, y_i), the probabilities estimated on these
 * rows weighted by the base weights.
 *
 * The total is preserved, Σw = Σbase, and the weighted P(y | g) equals P(y) in every group,
 * whenever every group that has rows has rows of every class present.  A group lacking a
 * class cannot be made independent of the label: its rows still get the formula's weights,
 * but the total then falls short by Σ P(g)·P(y)·Σbase over the empty (g, y) cells. */
float  *fw_reweigh_weights        (const FwMitigationInput *input,
                                   GError                 **error);

/* The threshold every group starts from, and the one a group it cannot adjust keeps. */
#define FW_THRESHOLDS_DEFAULT   0.5
/* Fewer rows than this and a group's rate is too noisy to aim at. */
#define FW_THRESHOLDS_MIN_ROWS  30
/* Candidate common rates: k / FW_THRESHOLDS_GRID for k = 0 … FW_THRESHOLDS_GRID. */
#define FW_THRESHOLDS_GRID      1000
/* Rate differences up to this count as equal when choosing among candidates. */
#define FW_THRESHOLDS_TOLERANCE 0.01
/* A group index that fw_thresholds_apply maps to FW_THRESHOLDS_DEFAULT. */
#define FW_THRESHOLDS_UNSEEN    G_MAXUINT32

typedef struct
{
  char     *name;
  double    threshold;          /* in [0, 1]: positive when P(positive) ≥ threshold */
  gboolean  fitted;             /* FALSE: kept FW_THRESHOLDS_DEFAULT, @warning says why */
  char     *warning;            /* translated; NULL when fitted or read from JSON */

  /* On the rows fitted on; NaN in thresholds read from JSON. */
  double    weight;             /* rows, or summed weights */
  double    rate_before;        /* selection rate or TPR at FW_THRESHOLDS_DEFAULT */
  double    rate_after;         /* the same at @threshold */
} FwGroupThreshold;

typedef struct
{
  FwThresholdPolicy  policy;
  guint              n_groups;
  FwGroupThreshold  *groups;

  /* On the rows fitted on; NaN in thresholds read from JSON.  Differences are max − min of
   * the policy's rate over the fitted groups; accuracies are over all rows. */
  double             target;    /* the common rate aimed at; NaN when nothing was fitted */
  double             difference_before, difference_after;
  double             accuracy_before, accuracy_after;
} FwThresholds;

typedef struct
{
  FwThresholdPolicy  policy;    /* PARITY or TPR */
} FwThresholdsOptions;

/* The PARITY policy. */
void          fw_thresholds_options_init      (FwThresholdsOptions *options);

/* Fits one threshold per group for a binary classifier on @input's groups, names, scores,
 * labels and weights.  @options: NULL for the defaults.
 *
 * Each group's rows are sorted by score once; every cut between two distinct scores gives a
 * weighted rate (selection rate, or TPR), and the cut's threshold is the midpoint of the two
 * scores (half the lowest score for "all rows", halfway from the highest score to 1 for "no
 * row"); for TPR, of cuts with the same rate only the highest is kept, since lowering it
 * only adds false positives.  For every candidate common rate r — k / FW_THRESHOLDS_GRID,
 * and the fitted groups' joint rate at FW_THRESHOLDS_DEFAULT — each fitted group takes the
 * cut whose rate is nearest r (ties: the more accurate cut); the candidate's difference is
 * max − min of those rates and its accuracy that of all rows, unfitted groups at the
 * default.  Of the candidates whose difference is at most FW_THRESHOLDS_TOLERANCE the most
 * accurate wins (ties: the smaller difference, then the smaller r).  A tolerance, rather
 * than the smallest difference, because "select everyone" (r = 1) always reaches zero and
 * would otherwise win; exact equality takes randomised decisions, which a model that must
 * give the same answer twice cannot use.
 *
 * A group with fewer than FW_THRESHOLDS_MIN_ROWS rows of positive weight, or (TPR) no
 * positive row, keeps FW_THRESHOLDS_DEFAULT with a warning; so does every group when fewer
 * than two can be fitted. */
FwThresholds *fw_thresholds_fit               (const FwMitigationInput   *input,
                                               const FwThresholdsOptions *options,
                                               GError                   **error);
void          fw_thresholds_free              (FwThresholds *thresholds);

/* Thresholds chosen by hand for some groups (fw-mitigation-manual.c). */
typedef struct
{
  const char *const *names;     /* NULL-terminated */
  const double      *values;    /* one per name, in [0, 1] */
  double             common;    /* what every other group keeps */
  guint              min_rows;  /* fewer rows of a group in @input: it keeps @common */
} FwManualThresholds;

/* Policy MANUAL thresholds for @input's groups (its groups, names, weights, p_positive):
 * a group named in @manual with at least min_rows rows takes its value; every other group
 * keeps @manual's common threshold, unfitted, with a warning.  Named groups absent from
 * @input are kept after them (for new data).  weight is the group's rows; rate_before and
 * rate_after its selection rate at the common and at its own threshold. */
FwThresholds *fw_thresholds_new_manual        (const FwMitigationInput  *input,
                                               const FwManualThresholds *manual,
                                               GError                  **error);

/* Decisions (1 = positive) for @input's n rows: P(positive) ≥ the row's group threshold.
 * Only its groups, p_positive and n are read; a group index ≥ n_groups
 * (FW_THRESHOLDS_UNSEEN) gets the default. */
void          fw_thresholds_apply             (const FwThresholds      *thresholds,
                                               const FwMitigationInput *input,
                                               guint8                  *decisions);
/* The index of the group called @name, or FW_THRESHOLDS_UNSEEN: how new data's group codes
 * are mapped onto the fitted ones. */
guint32       fw_thresholds_find_group        (const FwThresholds *thresholds,
                                               const char         *name);
/* The threshold for @name; FW_THRESHOLDS_DEFAULT for a group unseen at fit time. */
double        fw_thresholds_lookup            (const FwThresholds *thresholds,
                                               const char         *name);

/* { "policy": "parity", "groups": [ { "name": "f", "threshold": 0.42, "fitted": true } ] }
 * Reading refuses unknown members, thresholds outside [0, 1], empty or repeated names. */
JsonNode     *fw_thresholds_to_json           (const FwThresholds *thresholds);
FwThresholds *fw_thresholds_new_from_json     (JsonNode  *node,
                                               GError   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwThresholds, fw_thresholds_free)

G_END_DECLS
