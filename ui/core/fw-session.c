/* fw-session.c — what the wizard is working on: the data, the recipe, the trained model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-session.h"

/* Enough for any cleaning session a person does by hand; the oldest edits go first. */
#define MAX_UNDO 200

struct _FwSession
{
  GObject         parent_instance;

  GFile          *file;
  FwTableModel   *table_model;
  FwTableProfile *profile;
  FwRecipe       *recipe;
  GPtrArray      *undo;         /* FwRecipe* snapshots: only their steps are used */
  GPtrArray      *redo;
  guint           editing;
  FwTrainedModel *trained;
  FwDataset      *dataset;
};

G_DEFINE_FINAL_TYPE (FwSession, fw_session, G_TYPE_OBJECT)

enum {
  CHANGED,
  TRAINING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (FwSession      *self,
              FwSessionParts  parts)
{
  g_signal_emit (self, signals[CHANGED], 0, (guint) parts);
}

/* A model trained on another recipe no longer describes what the pages show. */
static void
drop_trained (FwSession *self)
{
  g_clear_pointer (&self->trained, fw_trained_model_free);
  g_clear_pointer (&self->dataset, fw_dataset_free);
}

static void
swap_steps (FwRecipe *a,
            FwRecipe *b)
{
  GPtrArray *steps = a->steps;

  a->steps = b->steps;
  b->steps = steps;
}

/* Records the steps as they are now, before an edit changes them. */
static void
push_undo (FwSession *self)
{
  if (self->undo->len == MAX_UNDO)
    g_ptr_array_remove_index (self->undo, 0);
  g_ptr_array_add (self->undo, fw_recipe_copy (self->recipe));
  g_ptr_array_set_size (self->redo, 0);
}

static void
steps_changed (FwSession *self)
{
  FwSessionParts parts = FW_SESSION_STEPS;

  if (self->trained != NULL)
    parts |= FW_SESSION_MODEL;
  drop_trained (self);
  emit_changed (self, parts);
}

static void
fw_session_finalize (GObject *object)
{
  FwSession *self = FW_SESSION (object);

  g_clear_object (&self->file);
  g_clear_object (&self->table_model);
  g_clear_pointer (&self->profile, fw_table_profile_free);
  g_clear_pointer (&self->recipe, fw_recipe_free);
  g_ptr_array_unref (self->undo);
  g_ptr_array_unref (self->redo);
  drop_trained (self);

  G_OBJECT_CLASS (fw_session_parent_class)->finalize (object);
}

static void
fw_session_class_init (FwSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fw_session_finalize;

  /**
   * FwSession::changed:
   * @parts: the #FwSessionParts that changed
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * FwSession::training:
   * @run: the FwTrainingRun about to start
   */
  signals[TRAINING] = g_signal_new ("training", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
fw_session_init (FwSession *self)
{
  self->recipe = fw_recipe_new ();
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_recipe_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_recipe_free);
}

FwSession *
fw_session_new (void)
{
  return g_object_new (FW_TYPE_SESSION, NULL);
}

void
fw_session_set_data (FwSession      *self,
                     GFile          *file,
                     FwTableModel   *table_model,
                     FwTableProfile *profile)
{
  g_return_if_fail (FW_IS_SESSION (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));
  g_return_if_fail (table_model == NULL || FW_IS_TABLE_MODEL (table_model));

  g_set_object (&self->file, file);
  g_set_object (&self->table_model, table_model);
  g_clear_pointer (&self->profile, fw_table_profile_free);
  self->profile = profile;
  g_clear_pointer (&self->recipe, fw_recipe_free);
  self->recipe = fw_recipe_new ();
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  drop_trained (self);
  emit_changed (self, FW_SESSION_DATA | FW_SESSION_STEPS | FW_SESSION_RECIPE | FW_SESSION_MODEL);
}

void
fw_session_set_data_encoding (FwSession  *self,
                              const char *encoding)
{
  g_return_if_fail (FW_IS_SESSION (self));

  if (g_strcmp0 (self->recipe->data_encoding, encoding) == 0)
    return;
  g_free (self->recipe->data_encoding);
  self->recipe->data_encoding = g_strdup (encoding);
  emit_changed (self, FW_SESSION_RECIPE);
}

GFile *
fw_session_get_file (FwSession *self)
{
  g_return_val_if_fail (FW_IS_SESSION (self), NULL);
  return self->file;
}

FwTableModel *
fw_session_get_table_model (FwSession *self)
{
  g_return_val_if_fail (FW_IS_SESSION (self), NULL);
  return self->table_model;
}

const FwTable *
fw_session_get_table (FwSession *self)
{
  g_return_val_if_fail (FW_IS_SESSION (self), NULL);
  return self->table_model != NULL ? fw_table_model_get_table (self->table_model) : NULL;
}

const FwTableProfile *
fw_session_get_profile (FwSession *self)
{
  g_return_val_if_fail (FW_IS_SESSION (self), NULL);

  if (self->profile == NULL && self->table_model != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* Not cancellable and on the main thread: importers hand the profile in instead. */
      self->profile = fw_table_profile_new (fw_session_get_table (self), NULL, NULL, NULL,
                                            &error);
      if (self->profile == NULL)
        g_warning ("Could not profile the table: %s", error->message);
    }
  return self->profile;
}

void
fw_session_replace_profile (FwSession      *self,
                            FwTableProfile *profile)
{
  g_return_if_fail (FW_IS_SESSION (self));
  g_return_if_fail (profile != NULL);
  g_return_if_fail (fw_session_has_data (self) &&
                    profile->n_columns == fw_table_n_columns (fw_session_get_table (self)));

  fw_table_profile_free (self->profile);
  self->profile = profile;
}

gboolean
fw_session_has_data (FwSession *self)
{
  g_return_val_if_fail (FW_IS_SESSION (self), FALSE);
  return self->table_model != NULL;
}

const FwRecipe *
fw_session_get_recipe (FwSession *self)
{
  g_return_val_if_fail (FW_IS_SESSION (self), NULL);
  return self->recipe;
}

void
fw_session_add_step (FwSession  *self,
                     FwStepKind  kind,
                     const char *column,
                     const char *constant)
{
  g_return_if_fail (FW_IS_SESSION (self));

  push_undo (self);
  fw_recipe_add_step (self->recipe, kind, g_strdup (column), g_strdup (constant));
  steps_changed (self);
}

void
fw_session_append_step (FwSession    *self,
                        const FwStep *step)
{
  g_return_if_fail (FW_IS_SESSION (self));
  g_return_if_fail (step != NULL);

  push_undo (self);
  fw_recipe_append_step (self->recipe, step);
  steps_changed (self);
}

void
fw_session_remove_step (FwSession *self,
                        guint      index)
{
  g_return_if_fail (FW_IS_SESSION (self));
  g_return_if_fail (index < self->recipe->steps->len);

  push_undo (self);
  g_ptr_array_remove_index (self->recipe->steps, index);
  steps_changed (self);
}

void
fw_session_set_steps (FwSession *self,
                      GPtrArray *steps)
{
  g_autoptr(FwRecipe) copy = NULL;

  g_return_if_fail (FW_IS_SESSION (self));
  g_return_if_fail (steps != NULL);

  push_undo (self);
  /* Copying through a recipe keeps one place that knows how to copy a step. */
  copy = fw_recipe_new ();
  for (guint i = 0; i < steps->len; i++)
    {
      const FwStep *step = g_ptr_array_index (steps, i);

      fw_recipe_append_step (copy, step);
    }
  swap_steps (self->recipe, copy);
  steps_changed (self);
}

gboolean
fw_session_can_undo (FwSession *self)
{
  g_return_val_if_fail (FW_IS_SESSION (self), FALSE);
  return self->undo->len > 0;
}

gboolean
fw_session_can_redo (FwSession *self)
{
  g_return_val_if_fail (FW_IS_SESSION (self), FALSE);
  return self->redo->len > 0;
}

/* Moves the last snapshot of @from to the recipe, and the recipe's steps to @to. */
static void
travel (FwSession *self,
        GPtrArray *from,
        GPtrArray *to)
{
  FwRecipe *snapshot;

  if (from->len == 0)
    return;
  snapshot = g_ptr_array_steal_index (from, from->len - 1);
  swap_steps (self->recipe, snapshot);
  g_ptr_array_add (to, snapshot);
  steps_changed (self);
}

void
fw_session_undo (FwSession *self)
{
  g_return_if_fail (FW_IS_SESSION (self));
  travel (self, self->undo, self->redo);
}

void
fw_session_redo (FwSession *self)
{
  g_return_if_fail (FW_IS_SESSION (self));
  travel (self, self->redo, self->undo);
}

FwRecipe *
fw_session_begin_edit (FwSession *self)
{
  g_return_val_if_fail (FW_IS_SESSION (self), NULL);

  self->editing++;
  return self->recipe;
}

void
fw_session_end_edit (FwSession *self)
{
  FwSessionParts parts = FW_SESSION_RECIPE;

  g_return_if_fail (FW_IS_SESSION (self));
  g_return_if_fail (self->editing > 0);

  if (--self->editing > 0)
    return;
  if (self->trained != NULL)
    parts |= FW_SESSION_MODEL;
  drop_trained (self);
  emit_changed (self, parts);
}

void
fw_session_set_recipe (FwSession      *self,
                       const FwRecipe *recipe)
{
  g_return_if_fail (FW_IS_SESSION (self));
  g_return_if_fail (recipe != NULL);
  g_return_if_fail (self->editing == 0);

  fw_recipe_free (self->recipe);
  self->recipe = fw_recipe_copy (recipe);
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  drop_trained (self);
  emit_changed (self, FW_SESSION_STEPS | FW_SESSION_RECIPE | FW_SESSION_MODEL);
}

gboolean
fw_session_has_target (FwSession  *self,
                       char      **reason)
{
  const FwTable *table;
  const char *target;

  g_return_val_if_fail (FW_IS_SESSION (self), FALSE);

  table = fw_session_get_table (self);
  target = self->recipe->target;
  if (table == NULL)
    {
      if (reason != NULL)
        *reason = g_strdup (_("Open a data file first"));
      return FALSE;
    }
  if (target == NULL || fw_table_column_by_name (table, target) == NULL)
    {
      if (reason != NULL)
        *reason = g_strdup (_("Choose what to predict"));
      return FALSE;
    }
  for (guint i = 0; i < self->recipe->steps->len; i++)
    {
      const FwStep *step = g_ptr_array_index (self->recipe->steps, i);

      if (step->kind == FW_STEP_DROP_COLUMN && g_strcmp0 (step->column, target) == 0)
        {
          if (reason != NULL)
            /* Translators: %s is a column name. */
            *reason = g_strdup_printf (_("“%s” is dropped in the Clean step"), target);
          return FALSE;
        }
    }
  return TRUE;
}

FwThresholdPolicy
fw_session_get_threshold_policy (FwSession *self)
{
  g_return_val_if_fail (FW_IS_SESSION (self), FW_THRESHOLD_POLICY_NONE);
  return self->recipe->threshold_policy;
}

void
fw_session_set_threshold_policy (FwSession         *self,
                                 FwThresholdPolicy  policy)
{
  g_return_if_fail (FW_IS_SESSION (self));
  g_return_if_fail ((guint) policy <= FW_THRESHOLD_POLICY_TPR);

  if (policy == fw_session_get_threshold_policy (self))
    return;
  fw_session_begin_edit (self);
  self->recipe->threshold_policy = policy;
  /* Hand-chosen thresholds belong to the model they were chosen for. */
  g_clear_pointer (&self->recipe->group_thresholds_names, g_strfreev);
  g_clear_pointer (&self->recipe->group_thresholds_values, g_free);
  fw_session_end_edit (self);
}

void
fw_session_set_trained (FwSession      *self,
                        FwTrainedModel *trained,
                        FwDataset      *dataset)
{
  g_return_if_fail (FW_IS_SESSION (self));

  drop_trained (self);
  self->trained = trained;
  self->dataset = dataset;
  emit_changed (self, FW_SESSION_MODEL);
}

/* The trained model's decision rule copied into the session's recipe, so that a saved
 * recipe or project replays it. */
static void
take_threshold_rule (FwSession *self)
{
  const FwRecipe *from = self->trained->recipe;
  FwRecipe *to = self->recipe;

  to->threshold = from->threshold;
  to->threshold_policy = from->threshold_policy;
  g_free (to->threshold_attribute);
  to->threshold_attribute = g_strdup (from->threshold_attribute);
  g_strfreev (to->group_thresholds_names);
  to->group_thresholds_names = g_strdupv (from->group_thresholds_names);
  g_free (to->group_thresholds_values);
  to->group_thresholds_values =
    from->group_thresholds_names == NULL ? NULL
    : g_memdup2 (from->group_thresholds_values,
                 MAX (g_strv_length (from->group_thresholds_names), 1) * sizeof (double));
}

gboolean
fw_session_set_threshold (FwSession  *self,
                          double      threshold,
                          GError    **error)
{
  g_return_val_if_fail (FW_IS_SESSION (self), FALSE);
  g_return_val_if_fail (self->trained != NULL && self->dataset != NULL, FALSE);

  if (!fw_trained_model_set_threshold (self->trained, self->dataset, threshold, error))
    return FALSE;
  /* Not a recipe edit: that would drop the model this threshold belongs to. */
  take_threshold_rule (self);
  emit_changed (self, FW_SESSION_MODEL);
  return TRUE;
}

gboolean
fw_session_set_group_thresholds (FwSession                 *self,
                                 const FwGroupThresholdSet *set,
                                 GError                   **error)
{
  g_return_val_if_fail (FW_IS_SESSION (self), FALSE);
  g_return_val_if_fail (self->trained != NULL && self->dataset != NULL, FALSE);

  if (!fw_trained_model_set_thresholds (self->trained, self->dataset, set, error))
    return FALSE;
  take_threshold_rule (self);
  emit_changed (self, FW_SESSION_MODEL);
  return TRUE;
}

gboolean
fw_session_refit_thresholds (FwSession   *self,
                             const char  *attribute,
                             GError     **error)
{
  FwThresholdPolicy policy;

  g_return_val_if_fail (FW_IS_SESSION (self), FALSE);
  g_return_val_if_fail (self->trained != NULL && self->dataset != NULL, FALSE);

  policy = self->trained->thresholds != NULL ? self->trained->thresholds->policy
                                             : self->trained->recipe->threshold_policy;
  if (policy != FW_THRESHOLD_POLICY_PARITY && policy != FW_THRESHOLD_POLICY_TPR)
    policy = self->recipe->threshold_policy;
  if (policy != FW_THRESHOLD_POLICY_PARITY && policy != FW_THRESHOLD_POLICY_TPR)
    {
      g_set_error_literal (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                           _("Choose equal selection rates or equal true-positive rates in "
                             "the Model step to fit thresholds per group."));
      return FALSE;
    }
  if (!fw_trained_model_refit_thresholds (self->trained, self->dataset, attribute, policy,
                                          error))
    return FALSE;
  take_threshold_rule (self);
  emit_changed (self, FW_SESSION_MODEL);
  return TRUE;
}

FwTrainedModel *
fw_session_get_trained (FwSession *self)
{
  g_return_val_if_fail (FW_IS_SESSION (self), NULL);
  return self->trained;
}

const FwDataset *
fw_session_get_dataset (FwSession *self)
{
  g_return_val_if_fail (FW_IS_SESSION (self), NULL);
  return self->dataset;
}

void
fw_session_training_starts (FwSession     *self,
                            FwTrainingRun *run)
{
  g_return_if_fail (FW_IS_SESSION (self));
  g_return_if_fail (run != NULL);

  g_signal_emit (self, signals[TRAINING], 0, run);
}
