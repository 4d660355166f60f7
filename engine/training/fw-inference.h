/* fw-inference.h — an exact fit's coefficient table in the units of the source columns
 *
 * The model learns on preprocessed features (standardised numbers, one slot per category);
 * people read coefficients per 1 unit of a column and per category against a reference.
 * Every feature is an affine map of its column's value (fw_preprocessor_feature_term), so
 * the estimates and their covariance map back exactly: slope = β·scale, intercept = c +
 * Σ β·offset, and the covariance through the same linear map.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include "fw-dataset.h"
#include "fw-model.h"

G_BEGIN_DECLS

/* The "inference" object of the model file and the done event (docs/file-formats.md):
 * {"solver":"exact","statistic":"z"|"t","df":…|null,"iterations":…,"converged":…,
 *  "penalty":…,"note":…|null,"positive":…|null,"coefficients":[{"term","column","level",
 *  "reference","estimate","std_error","ci_low","ci_high","p_value","odds_ratio",
 *  "or_ci_low","or_ci_high"}]}, the intercept first.  Binary coefficients are toward the
 * positive class.  NULL when @model is no exact fit. */
JsonNode *fw_inference_to_json (const FwModel   *model,
                                const FwDataset *dataset);

G_END_DECLS
