/* fw-project.c — the session as a project: saving and opening (autosave for crash restore
 * and the training's checkpoints: fw-project-autosave.c; what either writes:
 * fw-project-snapshot.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-mitigation.h"
#include "fw-model-file.h"
#include "fw-project.h"
#include "fw-project-private.h"

enum {
  PROP_0,
  PROP_FILE,
  PROP_MODIFIED,
  N_PROPS
};

enum {
  RESTORED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (FwProject, fw_project, G_TYPE_OBJECT)

static void
set_file (FwProject *self,
          GFile     *file)
{
  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

static void
set_modified (FwProject *self,
              gboolean   modified)
{
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
hash_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  char *sha = fw_file_sha256 (data, cancellable, &error);

  if (sha != NULL)
    g_task_return_pointer (task, sha, g_free);
  else
    g_task_return_error (task, error);
}

static void
hash_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  FwProject *self = FW_PROJECT (source);
  g_autofree char *sha = g_task_propagate_pointer (G_TASK (result), NULL);

  /* A worker for data the session no longer holds: its answer is not this data's. */
  if (g_task_get_cancellable (G_TASK (result)) != self->hashing)
    return;
  g_clear_object (&self->hashing);
  /* On failure the snapshot tries again and reports why. */
  if (self->data_sha256 == NULL)
    self->data_sha256 = g_steal_pointer (&sha);
  if (self->autosave_waits)
    {
      self->autosave_waits = FALSE;
      fw_project_autosave_when_hashed (self);
    }
}

static void
stop_hashing (FwProject *self)
{
  self->autosave_waits = FALSE;
  if (self->hashing == NULL)
    return;
  g_cancellable_cancel (self->hashing);
  g_clear_object (&self->hashing);
}

/* The data's SHA-256, which every save records, computed by a worker once per file. */
static void
start_hashing (FwProject *self,
               GFile     *data)
{
  g_autoptr(GTask) task = NULL;

  stop_hashing (self);
  self->hashing = g_cancellable_new ();
  task = g_task_new (self, self->hashing, hash_done, NULL);
  g_task_set_task_data (task, g_object_ref (data), g_object_unref);
  g_task_run_in_thread (task, hash_thread);
}

static void
clear_pending (FwProject *self)
{
  g_clear_pointer (&self->pending, fw_project_file_free);
  g_clear_object (&self->pending_file);
  g_clear_object (&self->pending_data);
  g_clear_pointer (&self->pending_note, g_free);
}

static void
add_note (GString    *notes,
          const char *note)
{
  if (notes->len > 0)
    g_string_append_c (notes, ' ');
  g_string_append (notes, note);
}

/* The pending project onto a session that now holds its data. */
static void
restore (FwProject *self)
{
  g_autoptr(FwProjectFile) contents = g_steal_pointer (&self->pending);
  g_autoptr(GFile) file = g_steal_pointer (&self->pending_file);
  g_autoptr(GString) notes = g_string_new (self->pending_note);
  g_autoptr(GError) error = NULL;
  const FwTable *table = fw_session_get_table (self->session);
  GFile *data = fw_session_get_file (self->session);
  gboolean checkpoint = FALSE;

  clear_pending (self);
  self->restoring = TRUE;
  /* Older projects kept the threshold policy beside the recipe, not in it. */
  if (contents->threshold_policy != FW_THRESHOLD_POLICY_NONE &&
      contents->recipe->threshold_policy == FW_THRESHOLD_POLICY_NONE)
    {
      contents->recipe->threshold_policy = contents->threshold_policy;
    }
  fw_session_set_recipe (self->session, contents->recipe);
  if (contents->model != NULL)
    {
      g_autoptr(FwTrainedModel) trained = fw_project_file_unpack_model (contents->model, &error);

      checkpoint = trained != NULL && trained->checkpoint_epoch > 0 &&
                   !trained->checkpoint_finished;
      if (checkpoint)
        {
          g_autofree char *note = NULL;

          note = g_strdup_printf (_("Restored the model from epoch %u of %u; training did not "
                                    "finish."), trained->checkpoint_epoch,
                                  trained->checkpoint_epochs);
          add_note (notes, note);
        }
      if (trained != NULL)
        {
          /* The pages after training read the prepared rows too; preparing is
           * deterministic for the recipe's seed, so these are the rows it was trained on. */
          FwDataset *dataset = fw_dataset_prepare (table, fw_session_get_recipe (self->session),
                                                   NULL, NULL);

          fw_session_set_trained (self->session, g_steal_pointer (&trained), dataset);
        }
      else
        {
          g_autofree char *note = NULL;

          /* Translators: %s is the reason, already a sentence. */
          note = g_strdup_printf (_("The trained model could not be restored: %s Train it "
                                    "again on the Train step."), error->message);
          add_note (notes, note);
        }
    }
  if (contents->data_sha256 != NULL && data != NULL)
    {
      g_autofree char *sha = fw_file_sha256 (data, NULL, NULL);

      self->data_sha256 = g_strdup (sha);
      if (sha != NULL && g_strcmp0 (sha, contents->data_sha256) != 0)
        {
          g_autofree char *name = g_file_get_basename (data);
          g_autofree char *display = g_filename_display_name (name);
          g_autofree char *note = NULL;

          /* Translators: %s is a file name. */
          note = g_strdup_printf (_("“%s” has changed since the project was saved, so the "
                                    "results may no longer match it. Train again to bring "
                                    "them up to date."), display);
          add_note (notes, note);
        }
    }
  g_free (self->intended_use);
  self->intended_use = g_strdup (contents->intended_use);
  g_free (self->step);
  /* A checkpoint's model opens where it can be read: the Train step would only offer to
   * train again, as if nothing had been kept. */
  self->step = g_strdup (checkpoint && fw_session_get_trained (self->session) != NULL &&
                         g_strcmp0 (contents->step, "train") == 0 ? "results" : contents->step);
  self->restoring = FALSE;

  set_file (self, file);
  /* An autosave restored is still unsaved work. */
  set_modified (self, file == NULL);
  fw_project_cancel_autosave (self);
  if (file == NULL)
    fw_project_schedule_autosave (self);
  g_signal_emit (self, signals[RESTORED], 0, notes->len > 0 ? notes->str : NULL);
}

static void
session_changed (FwProject *self,
                 guint      parts)
{
  FwTrainedModel *trained = fw_session_get_trained (self->session);

  if (self->restoring)
    return;
  if (parts & FW_SESSION_DATA)
    {
      GFile *data = fw_session_get_file (self->session);

      g_clear_pointer (&self->data_sha256, g_free);
      stop_hashing (self);
      if (self->pending != NULL && data != NULL && g_file_equal (data, self->pending_data))
        {
          restore (self);
          return;
        }
      /* Other data: a new, untitled project. */
      clear_pending (self);
      set_file (self, NULL);
      if (data != NULL)
        start_hashing (self, data);
    }
  if (parts & FW_SESSION_MODEL)
    g_clear_pointer (&self->model_bytes, g_bytes_unref);
  set_modified (self, TRUE);
  /* A model that just finished training is the most expensive thing to lose. */
  if ((parts & FW_SESSION_MODEL) && trained != NULL && self->autosave_file != NULL)
    fw_project_autosave_when_hashed (self);
  else
    fw_project_schedule_autosave (self);
}

static void
fw_project_finalize (GObject *object)
{
  FwProject *self = FW_PROJECT (object);

  fw_project_cancel_autosave (self);
  stop_hashing (self);
  clear_pending (self);
  self->checkpointing = NULL;   /* the run owns it; its weak reference sees us gone */
  g_clear_object (&self->session);
  g_clear_object (&self->file);
  g_clear_object (&self->autosave_file);
  g_free (self->intended_use);
  g_free (self->step);
  g_free (self->data_sha256);
  g_clear_pointer (&self->model_bytes, g_bytes_unref);

  G_OBJECT_CLASS (fw_project_parent_class)->finalize (object);
}

static void
fw_project_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  FwProject *self = FW_PROJECT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_project_class_init (FwProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fw_project_finalize;
  object_class->get_property = fw_project_get_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FwProject::restored:
   * @note: (nullable): what the user should know (the data moved or changed…), or NULL
   */
  signals[RESTORED] = g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
fw_project_init (FwProject *self)
{
  self->checkpoint_interval = FW_TRAINER_CHECKPOINT_SECONDS;
}

FwProject *
fw_project_new (FwSession *session)
{
  FwProject *self;

  g_return_val_if_fail (FW_IS_SESSION (session), NULL);

  self = g_object_new (FW_TYPE_PROJECT, NULL);
  self->session = g_object_ref (session);
  g_signal_connect_object (session, "changed", G_CALLBACK (session_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "training", G_CALLBACK (fw_project_session_training), self,
                           G_CONNECT_SWAPPED);
  return self;
}

FwSession *
fw_project_get_session (FwProject *self)
{
  g_return_val_if_fail (FW_IS_PROJECT (self), NULL);
  return self->session;
}

GFile *
fw_project_get_file (FwProject *self)
{
  g_return_val_if_fail (FW_IS_PROJECT (self), NULL);
  return self->file;
}

gboolean
fw_project_get_modified (FwProject *self)
{
  g_return_val_if_fail (FW_IS_PROJECT (self), FALSE);
  return self->modified;
}

gboolean
fw_project_has_unsaved_work (FwProject *self)
{
  const FwRecipe *recipe;

  g_return_val_if_fail (FW_IS_PROJECT (self), FALSE);

  if (!self->modified || !fw_session_has_data (self->session))
    return FALSE;
  /* Opening a file again is one click; choices and a trained model are not. */
  recipe = fw_session_get_recipe (self->session);
  return self->file != NULL || recipe->target != NULL || recipe->steps->len > 0 ||
         recipe->sensitive->len > 0 || fw_session_get_trained (self->session) != NULL ||
         (self->intended_use != NULL && *self->intended_use != '\0');
}

const char *
fw_project_get_intended_use (FwProject *self)
{
  g_return_val_if_fail (FW_IS_PROJECT (self), NULL);
  return self->intended_use;
}

void
fw_project_set_intended_use (FwProject  *self,
                             const char *text)
{
  g_return_if_fail (FW_IS_PROJECT (self));

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (text, self->intended_use) == 0)
    return;
  g_free (self->intended_use);
  self->intended_use = g_strdup (text);
  set_modified (self, TRUE);
  fw_project_schedule_autosave (self);
}

const char *
fw_project_get_step (FwProject *self)
{
  g_return_val_if_fail (FW_IS_PROJECT (self), NULL);
  return self->step;
}

void
fw_project_set_step (FwProject  *self,
                     const char *step)
{
  g_return_if_fail (FW_IS_PROJECT (self));

  if (g_strcmp0 (step, self->step) == 0)
    return;
  g_free (self->step);
  self->step = g_strdup (step);
  /* Where the user is matters to a restore, but is not a change worth a question. */
  if (self->modified)
    fw_project_schedule_autosave (self);
}

gboolean
fw_project_save (FwProject  *self,
                 GFile      *file,
                 GError    **error)
{
  g_autoptr(FwProjectFile) project = NULL;

  g_return_val_if_fail (FW_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  project = fw_project_snapshot (self, error);
  if (project == NULL || !fw_project_file_save (project, file, error))
    return FALSE;
  set_file (self, file);
  set_modified (self, FALSE);
  fw_project_discard_autosave (self);
  return TRUE;
}

void
fw_project_expect_data (FwProject     *self,
                        FwProjectFile *contents,
                        GFile         *file,
                        GFile         *data_file,
                        const char    *note)
{
  g_return_if_fail (FW_IS_PROJECT (self));
  g_return_if_fail (contents != NULL);
  g_return_if_fail (G_IS_FILE (data_file));

  clear_pending (self);
  self->pending = contents;
  self->pending_file = file != NULL ? g_object_ref (file) : NULL;
  self->pending_data = g_object_ref (data_file);
  self->pending_note = g_strdup (note);
}

gboolean
fw_project_is_expecting_data (FwProject *self)
{
  g_return_val_if_fail (FW_IS_PROJECT (self), FALSE);
  return self->pending != NULL;
}

void
fw_project_cancel_expected (FwProject *self)
{
  g_return_if_fail (FW_IS_PROJECT (self));
  clear_pending (self);
}
