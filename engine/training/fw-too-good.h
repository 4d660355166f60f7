/* fw-too-good.h — a model that scores too well to be true
 *
 * A model whose tuning-part (validation) score is near perfect, or far above what the
 * strongest single column achieves alone, has most likely been shown the answer: a column
 * recorded after the outcome.  The check names the columns the model leans on most
 * (permutation importance), so the user knows where to look.  The CLI prints it, the
 * model card lists it under caveats (as a finding of kind "too_good"), and the GUI can show
 * it from fw_training_run_get_too_good.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include "fw-dataset.h"
#include "fw-model.h"
#include "fw-table.h"

G_BEGIN_DECLS

/* At or above this tuning-part ROC AUC (R² for a regression) a model is near perfect: real
 * outcomes about people are rarely that predictable (on the shared public tables the
 * default models reach test ROC AUCs of 0.70–0.90). */
#define FW_TOO_GOOD_SCORE         0.99
/* Or at least FW_TOO_GOOD_FLOOR and this far above the strongest single column: on the
 * shared tables a model beats its best column by 0.01 (german_credit, credit_card_clients)
 * to 0.12 (adult: 0.90 against "relationship"'s 0.78). */
#define FW_TOO_GOOD_FLOOR         0.90
#define FW_TOO_GOOD_MARGIN        0.20
/* How many of the columns the model leans on most are named. */
#define FW_TOO_GOOD_N_COLUMNS     3

typedef struct
{
  const char *metric;           /* "roc_auc" or "r2" */
  double      score;            /* the model's, on the validation part */
  char       *best_column;      /* the strongest single feature column, or NULL */
  double      best_column_score;  /* its leak score (same scale); NaN without one */
  char      **columns;          /* NULL-terminated: what the model leans on most */
  char       *message;          /* translated, plain words */
} FwTooGood;

/* The strongest single column among those @recipe keeps as features, scored as the leak
 * check scores (fw_recipe_check_leaks) on the training part: its name (newly allocated) in
 * @column, NULL and NaN when none could be scored. */
void       fw_too_good_strongest_column (const FwTable  *table,
                                         const FwRecipe *recipe,
                                         char          **column,
                                         double         *score);
/* NULL when @model's validation score is believable.  @explanations: the trained model's
 * ({"importance": {"columns": […]}}); @best_column may be NULL. */
FwTooGood *fw_too_good_check            (FwModel         *model,
                                         const FwDataset *dataset,
                                         JsonObject      *explanations,
                                         const char      *best_column,
                                         double           best_column_score);
/* {"metric", "score", "best_column", "best_column_score", "columns", "message"} */
void       fw_too_good_to_json          (const FwTooGood *too_good,
                                         JsonBuilder     *builder);
/* Appends {"kind": "too_good", "attribute": null, "message"} to a trained model's findings,
 * which the model card lists under caveats. */
void       fw_too_good_add_finding      (const FwTooGood *too_good,
                                         JsonArray       *findings);
void       fw_too_good_free             (FwTooGood *too_good);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwTooGood, fw_too_good_free)

G_END_DECLS
