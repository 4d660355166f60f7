/* fw-dataset.h — a recipe applied to a table: numbers a model can learn from
 *
 * fw_dataset_prepare splits the rows, fits every statistic (means, medians, modes, category
 * lists, scales, clip fences) on the training rows only, and turns all three parts into
 * dense row-major float32 matrices.  The fitted FwPreprocessor (fw-preprocessor.h) is what
 * a saved model keeps to turn new rows into the same features.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-preprocessor.h"
#include "fw-recipe.h"
#include "fw-target.h"

G_BEGIN_DECLS

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
  gboolean         positive_is_harmful;  /* predicting the positive class is bad for the
                                            person (fw-favourable.h) */
  int              favourable;  /* the good class; -1: none single, or regression */
  guint            min_group_rows;   /* the recipe's, for the fairness summaries */
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
/* The target @recipe names, resolved as training resolves it, into @t (clear it after,
 * whatever this returns), and the rows of the recipe's seeded split that the training part
 * gets, before any "drop rows with missing" step: newly allocated, @n_rows of them. */
gsize          *fw_dataset_training_rows    (const FwTable  *table,
                                             const FwRecipe *recipe,
                                             FwTarget       *t,
                                             gsize          *n_rows,
                                             GError        **error);
void            fw_dataset_free             (FwDataset *dataset);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwDataset, fw_dataset_free)

G_END_DECLS
