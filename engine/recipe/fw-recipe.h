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
#include "fw-threshold-policy.h"

G_BEGIN_DECLS

#define FW_RECIPE_ERROR (fw_recipe_error_quark ())

typedef enum {
  FW_RECIPE_ERROR_INVALID,      /* bad JSON, unknown or ill-typed field, value out of range */
  FW_RECIPE_ERROR_NEWER,        /* a schema version this Fairway does not know */
  FW_RECIPE_ERROR_COLUMN,       /* names a column the table does not have */
  FW_RECIPE_ERROR_TARGET,       /* no target, or one that cannot be predicted */
} FwRecipeError;

#define FW_RECIPE_SCHEMA_VERSION 1
/* Groups smaller than this in the part measured are too few to judge (fw-fairness.h). */
#define FW_RECIPE_DEFAULT_MIN_GROUP_ROWS 30

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
  FW_STEP_TREAT_AS_MISSING,     /* constant: a number (a sentinel) read as a missing cell */
  FW_STEP_MISSING_INDICATOR,    /* numbers: one more feature, "column_was_missing", 1 or 0 */
  FW_STEP_DATE_PARTS,           /* dates: "column_year", "column_month", "column_weekday" */
  FW_STEP_DAYS_BETWEEN,         /* two dates: one feature, the days from column to "to" */
} FwStepKind;

#define FW_STEP_N_KINDS (FW_STEP_DAYS_BETWEEN + 1)

/* The value a category fill puts in when "not recorded" should stay a value of its own. */
#define FW_RECIPE_FILL_CATEGORY "unknown"
/* The name of a "was missing" indicator's feature: the column's, then this. */
#define FW_RECIPE_INDICATOR_SUFFIX "_was_missing"
/* A column missing in more than this share of its rows gets a "was missing" indicator (numbers)
 * or a fill with FW_RECIPE_FILL_CATEGORY (categories) among the suggestions: that a value is
 * missing often carries meaning of its own. */
#define FW_RECIPE_INDICATOR_FRACTION 0.30
/* A category with more distinct values than this share of its filled cells is nearly one
 * value per row (a name, a code): the suggestions drop it rather than one-hot encode it. */
#define FW_RECIPE_MAX_DISTINCT_FRACTION FW_PROFILE_UNIQUE_FRACTION
/* … when it has more than this many: a short table's few categories are left alone. */
#define FW_RECIPE_MIN_DISTINCT_UNIQUE   FW_PROFILE_UNIQUE_MIN_DISTINCT

/* The suggestions one-hot encode a category of more than FW_PROFILE_TOP_CATEGORIES values
 * with every value seen in fewer than max(FW_RECIPE_RARE_MIN_COUNT, FW_RECIPE_RARE_FRACTION
 * of the table's rows) training rows grouped as "other" (a one_hot step's min_count): too
 * few rows to learn a value from, and each would be one more feature. */
#define FW_RECIPE_RARE_MIN_COUNT 10
#define FW_RECIPE_RARE_FRACTION  0.005

typedef struct
{
  FwStepKind  kind;
  char       *column;
  char       *constant;         /* FW_STEP_IMPUTE_CONSTANT, FW_STEP_TREAT_AS_MISSING: the
                                   value, as text */
  char       *to;               /* FW_STEP_DAYS_BETWEEN: the later date's column */
  char       *name;             /* FW_STEP_DAYS_BETWEEN: the feature's name; NULL:
                                   fw_step_days_between_name */
  guint       min_count;        /* FW_STEP_ONE_HOT: values in fewer training rows share
                                   "other"; 0: the 50 most common are kept */
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
  char        *favourable;      /* the class that is good for the person; NULL: guessed
                                   (fw-favourable.h) */
  guint        min_group_rows;  /* smaller groups stay out of the fairness summaries */
  FwTask       task;
  GPtrArray   *sensitive;       /* char* column names */
  gboolean     sensitive_as_features;
  gboolean     intersect_sensitive;   /* also measure the first two sensitive columns'
                                         intersection ("sex × age_band") */
  GPtrArray   *known_in_advance;  /* char* column names the user vouches are known before the
                                   outcome: kept even when suspected of leaking */
  FwSplitSpec  split;
  FwModelSpec  model;
  guint64      seed;
  char        *mitigation;      /* "none" or "reweigh" */
  FwThresholdPolicy threshold_policy;  /* per-group decision thresholds fitted on the
                                        validation part (fw-mitigation.h), or none */
  char        *threshold_attribute;  /* the sensitive column those are per group of; NULL:
                                        the first */
  char       **group_thresholds_names;  /* policy "manual": the groups given a threshold by
                                           hand (NULL-terminated), else NULL */
  double      *group_thresholds_values; /* their thresholds, in [0, 1] */
  double       threshold;       /* binary tasks: the positive class from this probability,
                                   chosen on the validation (tuning) part; default 0.5 */
  char        *data;            /* the CSV it was made for: absolute, or relative to the
                                   recipe file's folder; NULL when not recorded */
  char        *data_encoding;   /* the text encoding it is read in ("WINDOWS-1252"); NULL:
                                   UTF-8, or UTF-16 recognised by its bytes */
  /* Provenance, recorded when a run is saved; informative, never required. */
  char        *data_sha256;
  char        *fairway_version;
  char        *backend;         /* "cpu (OpenBLAS 0.3.21)" … */
} FwRecipe;

GQuark    fw_recipe_error_quark   (void);
const char *fw_step_kind_to_string (FwStepKind kind);   /* "impute_mean", … as in JSON */

/* Defaults: no steps, 70/15/15 stratified, logistic, 20 epochs, batch 256, lr 0.01 (Adam),
 * l2 1e-4, patience 5, device "auto", seed 42, mitigation and threshold policy "none",
 * threshold 0.5, favourable guessed, groups of at least 30 rows in the fairness summaries. */
FwRecipe *fw_recipe_new           (void);
void      fw_recipe_free          (FwRecipe *recipe);
FwRecipe *fw_recipe_copy          (const FwRecipe *recipe);
/* Takes @column and @constant; returns the step added (borrowed), for its other fields. */
FwStep   *fw_recipe_add_step      (FwRecipe   *recipe,
                                   FwStepKind  kind,
                                   char       *column,
                                   char       *constant);
/* Adds a copy of @step, every field. */
FwStep   *fw_recipe_append_step   (FwRecipe     *recipe,
                                   const FwStep *step);
/* The days from @from to @to as one feature named @name (NULL: the default name). */
FwStep   *fw_recipe_add_days_between (FwRecipe   *recipe,
                                      const char *from,
                                      const char *to,
                                      const char *name);
/* A days_between step's feature name: its own, else "FROM_to_TO_days"; newly allocated. */
char     *fw_step_days_between_name (const FwStep *step);

/* Checks every field as loading does (ranges, names, fractions adding up to 1), naming the
 * first bad one in FW_RECIPE_ERROR_INVALID: for recipes built in code, as the CLI does. */
gboolean  fw_recipe_validate      (const FwRecipe *recipe,
                                   GError        **error);

/* The min_count the suggestions give a one_hot step on a table of @n_rows rows. */
guint     fw_recipe_rare_min_count (gsize n_rows);

/* Whether a category column is nearly one value per row (a name, a code), which the
 * suggestions drop: more than FW_RECIPE_MIN_DISTINCT_UNIQUE distinct values, and more than
 * FW_RECIPE_MAX_DISTINCT_FRACTION of its filled cells. */
gboolean  fw_recipe_nearly_unique (const FwColumnProfile *profile);

/* The cleaning the Clean step suggests by default (docs/cli.md): drop identifier-like, text,
 * datetime, constant and duplicate columns, and categories with nearly one value per row;
 * read a sentinel as missing; give numbers missing in more than
 * FW_RECIPE_INDICATOR_FRACTION of the rows, or with a sentinel, a "was missing" column;
 * impute numbers with the median, categories with the mode (or with
 * FW_RECIPE_FILL_CATEGORY when mostly missing); one-hot encode categories and yes/no words
 * (the 50 most common values, the rest as "other"; past FW_PROFILE_TOP_CATEGORIES values,
 * rare ones as "other" too: fw_recipe_rare_min_count); standardise numbers.  The target is
 * never touched; sensitive columns are kept for measuring. */
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
