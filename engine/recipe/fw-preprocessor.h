/* fw-preprocessor.h — the fitted preprocessor: new rows in, the features a model was trained on
 *
 * fw_dataset_prepare fits one on the training rows (every mean, median, mode, category
 * list, scale and clip fence); a saved model keeps it, as JSON, to turn new rows into the
 * same features.  A category it never saw maps to the column's "other" slot, never to a
 * crash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include "fw-table.h"

G_BEGIN_DECLS

typedef struct _FwPreprocessor FwPreprocessor;

/* Features for new rows of @table (matched by column name) as the training data got them;
 * rows with a missing value the recipe would have dropped are imputed instead, so every
 * row gets a prediction.  Returns a g_malloc'd n_rows × n_features matrix. */
float          *fw_preprocessor_transform     (const FwPreprocessor *pre,
                                               const FwTable        *table,
                                               GError              **error);
guint           fw_preprocessor_n_features    (const FwPreprocessor *pre);
/* What one feature is in its source column's own terms, to read a linear model's
 * coefficients in the column's units.  A number: feature = scale · value + offset, value
 * the cell after filling and clipping.  A category: 1 where the cell is @level.  A
 * missing-value indicator: 1 where the cell was missing. */
typedef struct
{
  const char *column;           /* borrowed; a date's part or a day count by its feature name */
  const char *level;            /* one-hot: the category ("other" for the rest); else NULL */
  gboolean    missing;          /* the indicator of a missing cell */
  double      scale, offset;
} FwFeatureTerm;

gboolean        fw_preprocessor_feature_term  (const FwPreprocessor *pre,
                                               guint                 feature,
                                               FwFeatureTerm        *term);
/* Per feature, TRUE at each category column's most common category on the @n rows of @x
 * (n × n_features, as transform makes them): the reference level the other categories are
 * measured against when a model is fitted exactly.  n_features flags, g_malloc'd. */
gboolean       *fw_preprocessor_reference_levels (const FwPreprocessor *pre,
                                                  const float          *x,
                                                  gsize                 n);
/* Fitted statistics as JSON for the model file, and back. */
JsonNode       *fw_preprocessor_to_json       (const FwPreprocessor *pre);
FwPreprocessor *fw_preprocessor_new_from_json (JsonNode  *node,
                                               GError   **error);
void            fw_preprocessor_free          (FwPreprocessor *pre);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwPreprocessor, fw_preprocessor_free)

G_END_DECLS
