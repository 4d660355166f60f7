/* fw-results-explain.h — the Results step's figures in plain words: metrics and groups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "fw-fairness.h"
#include "fw-metrics.h"
#include "fw-trained-model.h"

G_BEGIN_DECLS

/* The metric keys of docs/cli.md, in the order the page lists them. */
extern const char *const fw_results_classification_keys[];
extern const char *const fw_results_regression_keys[];

/* "Precision", translated. */
const char *fw_results_metric_title    (const char *key);
/* The figure as shown: "83.1 %" for rates, "0.412" for log-loss and R², the error as is. */
char       *fw_results_metric_value    (const char *key,
                                        double      value);
/* One sentence a non-programmer reads: "Of 100 rows the model predicts as “yes”, 83
 * really are."  @positive: the positive class (binary), else NULL; @target the column. */
char       *fw_results_metric_sentence (const char *key,
                                        double      value,
                                        const char *positive,
                                        const char *target);

/* The trained model's "too good to be true" warning (a finding of kind "too_good": the
 * tuning score near perfect, or far above the strongest single column), newly allocated;
 * NULL when it has none. */
char       *fw_results_too_good_message  (const FwTrainedModel *trained);

/* What the baseline scores on @key ("Always giving the most common answer scores 77.9 %."),
 * to follow the metric's sentence; NULL when @baseline is not a number, and for precision,
 * recall, F1 and balanced accuracy, where a constant answer's figure says nothing. */
char       *fw_results_baseline_sentence (const char *key,
                                          double      baseline,
                                          gboolean    regression);

/* The Results headline: accuracy out of 100, or — when the classes are unbalanced
 * (FW_BASELINE_UNBALANCED_MARGIN) — balanced accuracy first, with what always giving the
 * most common answer scores, so a model that merely learned the majority is not praised. */
char       *fw_results_headline        (const char                    *target,
                                        const FwClassificationMetrics *metrics,
                                        char *const                   *class_names);

/* Warnings in words: the four-fifths rule (a ratio of the favourable outcome's rates
 * below 0.8, over the groups large enough to judge), the main harm (a gap of ten points or
 * more in the false positive rate for a harmful prediction, the false negative rate for a
 * favourable one), groups too small to judge or to trust, and last whether the gap in
 * predictions between the most and least selected groups widens, narrows or mirrors the
 * gap in their actual rates.  NULL-terminated; g_strfreev. */
char      **fw_results_group_warnings  (const FwFairness *fairness,
                                        const char       *attribute);

G_END_DECLS
