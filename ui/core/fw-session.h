/* fw-session.h — what the wizard is working on: the data, the recipe, the trained model
 *
 * One session per window.  The pages read it and change it only through these functions,
 * which emit "changed" with the parts that changed, so every page (and the window's
 * navigation) stays in step without the pages knowing about each other.  Cleaning steps
 * keep an undo history; the source file is never written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "fw-dataset.h"
#include "fw-profile.h"
#include "fw-recipe.h"
#include "fw-table-model.h"
#include "fw-trained-model.h"
#include "fw-training-run.h"

G_BEGIN_DECLS

typedef enum {
  FW_SESSION_DATA   = 1 << 0,   /* file, table, profile */
  FW_SESSION_STEPS  = 1 << 1,   /* the recipe's cleaning steps */
  FW_SESSION_RECIPE = 1 << 2,   /* anything else in the recipe: target, sensitive, model… */
  FW_SESSION_MODEL  = 1 << 3,   /* the trained model */
} FwSessionParts;

#define FW_TYPE_SESSION (fw_session_get_type ())

G_DECLARE_FINAL_TYPE (FwSession, fw_session, FW, SESSION, GObject)

FwSession            *fw_session_new              (void);

/* A new table: the recipe starts afresh and the trained model is dropped.  @profile is
 * taken (NULL: profiled here, on first use). */
void                  fw_session_set_data         (FwSession      *self,
                                                   GFile          *file,
                                                   FwTableModel   *table_model,
                                                   FwTableProfile *profile);
/* The text encoding the table was read in (an iconv name; NULL: UTF-8), kept as the
 * recipe's data_encoding so a project or a saved recipe reads the data the same way. */
void                  fw_session_set_data_encoding (FwSession     *self,
                                                    const char    *encoding);
GFile                *fw_session_get_file         (FwSession      *self);
FwTableModel         *fw_session_get_table_model  (FwSession      *self);
const FwTable        *fw_session_get_table        (FwSession      *self);
const FwTableProfile *fw_session_get_profile      (FwSession      *self);
/* Takes @profile, a checked copy of this data's profile (fw-suggest-job.h), in place of
 * the one held; says nothing: the profile of the same data, with the target's checks. */
void                  fw_session_replace_profile  (FwSession      *self,
                                                   FwTableProfile *profile);
gboolean              fw_session_has_data         (FwSession      *self);

/* The recipe being edited; never NULL. */
const FwRecipe       *fw_session_get_recipe       (FwSession      *self);

/* Cleaning steps, each undoable. */
void                  fw_session_add_step         (FwSession      *self,
                                                   FwStepKind      kind,
                                                   const char     *column,
                                                   const char     *constant);
/* Adds a copy of @step, every field (days_between's "to", one_hot's min_count). */
void                  fw_session_append_step      (FwSession      *self,
                                                   const FwStep   *step);
void                  fw_session_remove_step      (FwSession      *self,
                                                   guint           index);
/* Replaces every step with those of @steps (a recipe's steps array) as one undoable edit. */
void                  fw_session_set_steps        (FwSession      *self,
                                                   GPtrArray      *steps);
gboolean              fw_session_can_undo         (FwSession      *self);
gboolean              fw_session_can_redo         (FwSession      *self);
void                  fw_session_undo             (FwSession      *self);
void                  fw_session_redo             (FwSession      *self);

/* Everything else (target, sensitive columns, model, split, mitigation, seed): edit the
 * recipe returned by begin, then call end, which emits "changed" once. */
FwRecipe             *fw_session_begin_edit       (FwSession      *self);
void                  fw_session_end_edit         (FwSession      *self);
/* Replaces the whole recipe with a copy of @recipe (opening a project): the undo history
 * starts afresh and the trained model is dropped. */
void                  fw_session_set_recipe       (FwSession      *self,
                                                   const FwRecipe *recipe);
/* Whether the recipe names a target the table can predict; else the reason, in words. */
gboolean              fw_session_has_target       (FwSession      *self,
                                                   char          **reason);

/* Per-group decision thresholds fitted after training: none, parity (equal selection
 * rates) or TPR (equal true-positive rates).  The recipe's threshold_policy, read and
 * written as the enum; setting it is a recipe change ("changed" with FW_SESSION_RECIPE). */
FwThresholdPolicy     fw_session_get_threshold_policy (FwSession         *self);
void                  fw_session_set_threshold_policy (FwSession         *self,
                                                       FwThresholdPolicy  policy);

/* The outcome of training: @trained and the @dataset it was trained on are taken. */
void                  fw_session_set_trained      (FwSession      *self,
                                                   FwTrainedModel *trained,
                                                   FwDataset      *dataset);
FwTrainedModel       *fw_session_get_trained      (FwSession      *self);
/* Makes @threshold the trained model's and the recipe's decision threshold (binary tasks),
 * chosen on the validation part, in place of any per-group thresholds, and scores the test
 * part once for it
 * (fw_trained_model_set_threshold): "changed" with FW_SESSION_MODEL. */
gboolean              fw_session_set_threshold    (FwSession      *self,
                                                   double          threshold,
                                                   GError        **error);
/* Makes @set (thresholds chosen by hand per group on the tuning rows) the trained model's
 * and the recipe's (policy manual) and scores the test part once for them
 * (fw_trained_model_set_thresholds): "changed" with FW_SESSION_MODEL. */
gboolean              fw_session_set_group_thresholds (FwSession                 *self,
                                                       const FwGroupThresholdSet *set,
                                                       GError                   **error);
/* Fits the model's threshold policy (parity or TPR; else the recipe's) again for sensitive
 * column @attribute on the tuning rows, without retraining, makes it the recipe's
 * threshold_attribute and scores the test part once: "changed" with FW_SESSION_MODEL. */
gboolean              fw_session_refit_thresholds (FwSession      *self,
                                                   const char     *attribute,
                                                   GError        **error);
const FwDataset      *fw_session_get_dataset      (FwSession      *self);

/* The Train step announces @run (prepared, not started) with the "training" signal, so
 * whoever keeps the session's recovery file can add checkpoints to it
 * (fw_training_run_set_checkpoint).  Main thread. */
void                  fw_session_training_starts  (FwSession      *self,
                                                   FwTrainingRun  *run);

G_END_DECLS
