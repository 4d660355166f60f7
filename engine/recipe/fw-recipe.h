/* fw-recipe.h — everything that reproduces a run: cleaning, target, split, model, seed
 *
 * The GUI edits a recipe, the CLI replays one (train --recipe), and a trained model keeps
 * the one it came from.  Saved as JSON with a schema version; loading refuses unknown or
 * invalid fields with a message naming them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include "fw-model-spec.h"
#include "fw-profile.h"
#include "fw-table.h"

G_BEGIN_DECLS

#define FW_RECIPE_ERROR (fw_recipe_error_quark ())

typedef enum {
  FW_RECIPE_ERROR_INVALID,      /* bad JSON, unknown or ill-typed field, value out of range */
  FW_RECIPE_ERROR_NEWER,        /* a schema version this Fairway does not know */
  FW_RECIPE_ERROR_COLUMN,       /* names a column the table does not have */
  FW_RECIPE_ERROR_TARGET,       /* no target, or one that cannot be predicted */
} FwRecipeError;

#define FW_RECIPE_SCHEMA_VERSION 1

typedef enum {
  FW_STEP_IMPUTE_MEAN,
  FW_STEP_IMPUTE_MEDIAN,
  FW_STEP_IMPUTE_MODE,
  FW_STEP_IMPUTE_CONSTANT,
  FW_STEP_DROP_COLUMN,
  FW_STEP_DROP_MISSING_ROWS,
  FW_STEP_CLIP_OUTLIERS,        /* to the profile's far-out fences, fitted on training rows */
  FW_STEP_ONE_HOT,
  FW_STEP_STANDARDIZE,
  FW_STEP_MIN_MAX,
} FwStepKind;

typedef struct
{
  FwStepKind  kind;
  char       *column;
  char       *constant;         /* FW_STEP_IMPUTE_CONSTANT: the value, as text */
} FwStep;

typedef struct
{
  double   train, validation, test;  /* fractions summing to 1 */
  gboolean stratify;                 /* classification only */
} FwSplitSpec;

typedef struct
{
  guint        schema_version;
  GPtrArray   *steps;           /* FwStep*, in order */
  char        *target;
  char        *positive;        /* NULL: inferred (fw_target_find_positive) */
  FwTask       task;
  GPtrArray   *sensitive;       /* char* column names */
  gboolean     sensitive_as_features;
  gboolean     intersect_sensitive;   /* also measure the first two sensitive columns'
                                         intersection ("sex × age_band") */
  FwSplitSpec  split;
  FwModelSpec  model;
  guint64      seed;
  char        *mitigation;      /* "none" or "reweigh" */
  char        *threshold_policy;  /* "none", "parity" or "tpr": per-group decision thresholds
                                     fitted on the validation part (fw-mitigation.h) */
  char        *data;            /* the CSV it was made for: absolute, or relative to the
                                   recipe file's folder; NULL when not recorded */
  /* Provenance, recorded when a run is saved; informative, never required. */
  char        *data_sha256;
  char        *fairway_version;
  char        *backend;         /* "cpu (OpenBLAS 0.3.21)" … */
} FwRecipe;

GQuark    fw_recipe_error_quark   (void);
const char *fw_step_kind_to_string (FwStepKind kind);   /* "impute_mean", … as in JSON */

/* Defaults: no steps, 70/15/15 stratified, logistic, 20 epochs, batch 256, lr 0.01 (Adam),
 * l2 1e-4, patience 5, device "auto", seed 42, mitigation and threshold policy "none". */
FwRecipe *fw_recipe_new           (void);
void      fw_recipe_free          (FwRecipe *recipe);
FwRecipe *fw_recipe_copy          (const FwRecipe *recipe);
/* Takes @column and @constant. */
void      fw_recipe_add_step      (FwRecipe   *recipe,
                                   FwStepKind  kind,
                                   char       *column,
                                   char       *constant);

/* Checks every field as loading does (ranges, names, fractions adding up to 1), naming the
 * first bad one in FW_RECIPE_ERROR_INVALID: for recipes built in code, as the CLI does. */
gboolean  fw_recipe_validate      (const FwRecipe *recipe,
                                   GError        **error);

/* The cleaning the Clean step suggests by default (docs/cli.md): drop identifier-like, text,
 * datetime and constant columns; impute numbers with the median and categories with the
 * mode; one-hot encode categories and yes/no words; standardise numbers.  The target is
 * left alone; sensitive columns are kept for measuring. */
FwRecipe *fw_recipe_new_suggested (const FwTable        *table,
                                   const FwTableProfile *profile,
                                   const char           *target,
                                   GError              **error);

JsonNode *fw_recipe_to_json       (const FwRecipe *recipe);
FwRecipe *fw_recipe_new_from_json (JsonNode       *node,
                                   GError        **error);
gboolean  fw_recipe_save          (const FwRecipe *recipe,
                                   GFile          *file,
                                   GError        **error);
FwRecipe *fw_recipe_load          (GFile          *file,
                                   GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwRecipe, fw_recipe_free)

G_END_DECLS
