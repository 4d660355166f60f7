/* fw-dataset.h — a recipe applied to a table: numbers a model can learn from
 *
 * fw_dataset_prepare splits the rows, fits every statistic (means, medians, modes, category
 * lists, scales, clip fences) on the training rows only, and turns all three parts into
 * dense row-major float32 matrices.  The fitted FwPreprocessor is what a saved model keeps
 * to turn new rows into the same features; a category it never saw maps to the column's
 * "other" slot, never to a crash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-recipe.h"

G_BEGIN_DECLS

typedef struct _FwPreprocessor FwPreprocessor;

typedef enum {
  FW_PART_TRAIN,
  FW_PART_VALIDATION,
  FW_PART_TEST,
} FwPart;

#define FW_N_PARTS 3

typedef struct
{
  gsize    n;
  float   *x;                   /* n × n_features, row-major */
  guint32 *labels;              /* classification: class index per row */
  float   *values;              /* regression: target per row */
  float   *weights;             /* NULL until mitigation sets per-row weights */
  gsize   *source_rows;         /* the table row each came from */
  guint32 **sensitive;          /* per sensitive attribute: its group code per row */
} FwDataPart;

typedef struct
{
  FwTask           task;        /* resolved: never FW_TASK_AUTO */
  guint            n_classes;   /* 0 for regression */
  char           **class_names; /* n_classes, NULL-terminated, sorted as scikit-learn
                                   sorts classes_ (numerically when they are numbers) */
  guint            positive;    /* binary: index of the positive class */
  guint            n_features;
  char           **feature_names;   /* NULL-terminated, e.g. "age", "sex=female" */
  guint            n_sensitive;
  char           **sensitive_names;   /* NULL-terminated: the recipe's sensitive columns */
  char          ***sensitive_groups;  /* per attribute: NULL-terminated group names
                                         (fw-sensitive.h) */
  FwDataPart       parts[FW_N_PARTS];
  FwPreprocessor  *preprocessor;
} FwDataset;

FwDataset      *fw_dataset_prepare          (const FwTable  *table,
                                             const FwRecipe *recipe,
                                             GCancellable   *cancellable,
                                             GError        **error);
void            fw_dataset_free             (FwDataset *dataset);

/* Features for new rows of @table (matched by column name) as the training data got them;
 * rows with a missing value the recipe would have dropped are imputed instead, so every
 * row gets a prediction.  Returns a g_malloc'd n_rows × n_features matrix. */
float          *fw_preprocessor_transform   (const FwPreprocessor *pre,
                                             const FwTable        *table,
                                             GError              **error);
guint           fw_preprocessor_n_features  (const FwPreprocessor *pre);
/* Fitted statistics as JSON for the model file, and back. */
JsonNode       *fw_preprocessor_to_json     (const FwPreprocessor *pre);
FwPreprocessor *fw_preprocessor_new_from_json (JsonNode  *node,
                                               GError   **error);
void            fw_preprocessor_free        (FwPreprocessor *pre);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwDataset, fw_dataset_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwPreprocessor, fw_preprocessor_free)

G_END_DECLS
