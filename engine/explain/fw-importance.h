/* fw-importance.h — which source columns a trained model relies on
 *
 * Permutation importance (Breiman 2001; scikit-learn's permutation_importance): shuffle one
 * source column across the rows of a data part, predict again and measure how much worse
 * the model does.  The features a column became (all of "sex=female", "sex=male",
 * "sex=other" for a one-hot "sex") move together, under one permutation, so a row always
 * keeps a valid one-hot pattern and a column is judged as a whole.
 *
 * The drop in quality is always "baseline score − shuffled score" for a score where higher
 * is better: accuracy for classification (so a drop of 0.12 is 12 points of accuracy) and
 * −RMSE for regression (so the drop is RMSE_shuffled − RMSE, in the target's units).  It is
 * positive when the column matters, about 0 when the model ignores it, and can be slightly
 * negative by chance.
 *
 * Coefficients are the weights of a linear or logistic model, one per feature, mapped back
 * to the source column and category they came from.  They apply to the features as the
 * model saw them, after scaling, so standardised columns compare directly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include "fw-dataset.h"
#include "fw-model.h"

G_BEGIN_DECLS

#define FW_IMPORTANCE_ERROR (fw_importance_error_quark ())

typedef enum {
  FW_IMPORTANCE_ERROR_EMPTY,    /* the part has no rows, or every weight is zero */
} FwImportanceError;

#define FW_IMPORTANCE_DEFAULT_REPEATS 5

typedef struct
{
  FwTask   task;
  double   baseline;            /* accuracy, or RMSE for regression, on the unshuffled rows */
  guint    n_repeats;
  guint64  seed;
  guint    n_columns;
  char   **columns;             /* n_columns + NULL: source column names, most important first */
  double  *mean;                /* n_columns: mean drop in quality over the repeats */
  double  *sd;                  /* n_columns: its standard deviation (ddof 0, as scikit-learn) */
  double  *drops;               /* n_columns × n_repeats, row-major */
  char  ***features;            /* n_columns: each column's features, NULL-terminated */
} FwImportance;

typedef struct
{
  char    *feature;             /* as the dataset names it: "age", "sex=female" */
  char    *column;              /* its source column: "age", "sex" */
  char    *category;            /* the one-hot category: "female"; NULL for a number */
  double  *weights;             /* n_outputs */
} FwCoefficient;

typedef struct
{
  FwTask         task;
  guint          n_outputs;     /* 1 for regression and binary, n_classes for several */
  char         **outputs;       /* n_outputs + NULL: binary, the positive class (weights push
                                   toward it); several classes, the class of each output;
                                   NULL for regression */
  double        *intercepts;    /* n_outputs */
  guint          n_coefficients;
  FwCoefficient *coefficients;  /* one per feature, in feature order */
} FwCoefficients;

GQuark          fw_importance_error_quark   (void);

/* Permutation importance of every source column of @dataset on @part for @model, which
 * must take the dataset's features.  Repeat r of the column at feature position j uses a
 * permutation drawn from (@seed, j), so a column's result does not depend on the others.
 * Per-row weights of the part, when set, weight the score.  Works on one copy of the part's
 * matrix; @cancellable is checked between predictions. */
FwImportance   *fw_importance_permutation   (FwModel          *model,
                                             const FwDataset  *dataset,
                                             FwPart            part,
                                             guint             n_repeats,
                                             guint64           seed,
                                             GCancellable     *cancellable,
                                             GError          **error);
void            fw_importance_free          (FwImportance *importance);
/* Adds one object to @builder (after json_builder_set_member_name, or in an array):
 * {"metric":"accuracy"|"rmse","baseline":…,"repeats":…,"seed":…,
 *  "columns":[{"column":…,"features":[…],"mean":…,"sd":…,"drops":[…]}]}. */
void            fw_importance_to_json       (const FwImportance *importance,
                                             JsonBuilder        *builder);

/* The weights of a model with no hidden layer (linear, logistic); NULL for an MLP with
 * hidden layers.  @dataset gives the feature names and classes the model was trained on. */
FwCoefficients *fw_importance_coefficients  (const FwModel   *model,
                                             const FwDataset *dataset);
void            fw_coefficients_free        (FwCoefficients *coefficients);
/* Adds one object: {"outputs":[…]|null,"intercepts":[…],
 *  "coefficients":[{"feature":…,"column":…,"category":…|null,"weights":[…]}]}. */
void            fw_coefficients_to_json     (const FwCoefficients *coefficients,
                                             JsonBuilder          *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwImportance, fw_importance_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwCoefficients, fw_coefficients_free)

G_END_DECLS
