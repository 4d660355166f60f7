/* fw-project-checkpoint.c — a training's checkpoints into a project's autosave file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-project-checkpoint.h"

struct _FwProjectCheckpoints
{
  GMutex                    lock;       /* held by a write; cancel waits for it */
  gboolean                  cancelled;
  GFile                    *file;
  FwProjectFile            *base;       /* the checkpoint thread's */
  GWeakRef                  owner;
  FwProjectCheckpointsDone  done;
};

/* On the checkpoint thread. */
static gboolean
write_checkpoint (FwTrainedModel  *trained,
                  gpointer         data,
                  GError         **error)
{
  g_autoptr(FwTrainedModel) owned = trained;
  FwProjectCheckpoints *self = data;
  GBytes *bytes = fw_project_file_pack_model (trained, error);
  gboolean ok = TRUE;

  if (bytes == NULL)
    return FALSE;
  g_mutex_lock (&self->lock);
  if (!self->cancelled)
    {
      g_clear_pointer (&self->base->model, g_bytes_unref);
      self->base->model = g_steal_pointer (&bytes);
      ok = fw_project_file_save (self->base, self->file, error);
    }
  g_mutex_unlock (&self->lock);
  g_clear_pointer (&bytes, g_bytes_unref);
  return ok;
}

/* The trainer is joined: no write runs.  Main thread (the run is freed there). */
static void
checkpoints_free (gpointer data)
{
  FwProjectCheckpoints *self = data;
  g_autoptr(GObject) owner = g_weak_ref_get (&self->owner);

  if (owner != NULL)
    self->done (owner, self);
  g_weak_ref_clear (&self->owner);
  g_mutex_clear (&self->lock);
  g_object_unref (self->file);
  fw_project_file_free (self->base);
  g_free (self);
}

FwProjectCheckpoints *
fw_project_checkpoints_start (FwTrainingRun            *run,
                              GFile                    *file,
                              FwProjectFile            *base,
                              double                    interval,
                              GObject                  *owner,
                              FwProjectCheckpointsDone  done)
{
  FwProjectCheckpoints *self = g_new0 (FwProjectCheckpoints, 1);

  g_mutex_init (&self->lock);
  self->file = g_object_ref (file);
  self->base = base;
  g_weak_ref_init (&self->owner, owner);
  self->done = done;
  fw_training_run_set_checkpoint (run, interval, write_checkpoint, self, checkpoints_free);
  return self;
}

void
fw_project_checkpoints_cancel (FwProjectCheckpoints *self)
{
  g_return_if_fail (self != NULL);

  /* At most one write's wait, and only when the work is being thrown away. */
  g_mutex_lock (&self->lock);
  self->cancelled = TRUE;
  g_mutex_unlock (&self->lock);
}
