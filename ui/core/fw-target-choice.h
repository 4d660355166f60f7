/* fw-target-choice.h — what the Target step works out from a column, in words
 *
 * Which columns can be predicted (and why the others cannot), which describe who a
 * person is (sensitive, suggested from their names or values), and what kind of
 * question a target makes ("yes or no", "one of 5 kinds", "a number").  No GTK here, so
 * the rules can be tested on their own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-profile.h"
#include "fw-recipe.h"
#include "fw-table.h"

G_BEGIN_DECLS

/* Whether @column can be predicted; when not, the reason in plain words (newly allocated).
 * @profile may be NULL. */
gboolean  fw_target_choice_is_suitable   (const FwColumn        *column,
                                          const FwColumnProfile *profile,
                                          char                 **reason);

/* Whether @column can be measured as a sensitive attribute (groups of people): not an
 * identifier, free text or a date. */
gboolean  fw_target_choice_can_be_sensitive (const FwColumn *column);

/* Adds to @sensitive (column names, g_free'd) the columns of @table that name or show a
 * protected trait (fw-sensitive-traits.h), in the traits' order, leaving out @target and
 * those already there: one column per trait, a category before a number, so "age_band"
 * is measured and not "age" as well. */
void      fw_target_choice_suggest_sensitive (const FwTable *table,
                                              const char    *target,
                                              GPtrArray     *sensitive);

/* What predicting @recipe's target asks, resolved as training will resolve it. */
typedef struct
{
  FwTask   task;                /* never FW_TASK_AUTO */
  guint    n_classes;           /* 0 for regression */
  char   **class_names;         /* n_classes + NULL; NULL for regression */
  int      positive;            /* index into class_names; -1 for none */
  char    *sentence;            /* "A yes-or-no question: will it be “yes”?" */
  /* Yes/no targets only (NULL otherwise): whether being predicted the positive class is
   * good for the person, as the recipe says or as its words suggest (fw-favourable.h). */
  char    *favourable_question; /* "Is being predicted “approved” good for the person?" */
  gboolean positive_is_good;
  gboolean favourable_guessed;  /* no recipe answer: the words decided */
} FwTargetChoice;

/* NULL with @error set when the target cannot be used (FW_RECIPE_ERROR_TARGET). */
FwTargetChoice *fw_target_choice_new  (const FwTable   *table,
                                       const FwRecipe  *recipe,
                                       GError         **error);
void            fw_target_choice_free (FwTargetChoice *choice);
/* Records the answer to @choice's favourable question in @recipe: the favourable class
 * becomes the positive one when @good, else the other one (yes/no targets only). */
void            fw_target_choice_set_favourable (const FwTargetChoice *choice,
                                                 FwRecipe             *recipe,
                                                 gboolean              good);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwTargetChoice, fw_target_choice_free)

G_END_DECLS
