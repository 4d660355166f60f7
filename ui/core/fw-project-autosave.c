/* fw-project-autosave.c — a project's safety net: autosave for crash restore, and the
 * training checkpoints that hold the autosave file while a model trains
 *
 * Saving, opening and the data's hash stay in fw-project.c; what is written, in
 * fw-project-snapshot.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include "fw-project-checkpoint.h"
#include "fw-project-private.h"

void
fw_project_cancel_autosave (FwProject *self)
{
  g_clear_handle_id (&self->autosave_id, g_source_remove);
}

/* Autosaves now, or once the data's SHA-256 is known: hashing a big file here would
 * freeze the window. */
void
fw_project_autosave_when_hashed (FwProject *self)
{
  g_autoptr(GError) error = NULL;

  if (self->hashing != NULL)
    {
      fw_project_cancel_autosave (self);
      self->autosave_waits = TRUE;
      return;
    }
  if (!fw_project_autosave_now (self, &error))
    /* Not a warning: the user's work is intact, only the safety net failed. */
    g_message ("Could not autosave the project: %s", error->message);
}

static gboolean
autosave_timeout (gpointer data)
{
  FwProject *self = data;

  self->autosave_id = 0;
  fw_project_autosave_when_hashed (self);
  return G_SOURCE_REMOVE;
}

/* Debounced: every change pushes the write back, so a burst is one write. */
void
fw_project_schedule_autosave (FwProject *self)
{
  fw_project_cancel_autosave (self);
  if (self->autosave_file != NULL && fw_session_has_data (self->session))
    self->autosave_id = g_timeout_add (FW_PROJECT_AUTOSAVE_DELAY_MS, autosave_timeout, self);
}

static void
cancel_checkpoints (FwProject *self)
{
  if (self->checkpointing == NULL)
    return;
  fw_project_checkpoints_cancel (self->checkpointing);
  self->checkpointing = NULL;
  self->autosave_deferred = FALSE;
}

/* The training's run was freed: the autosaves it held back may write. */
static void
checkpoints_done (GObject              *owner,
                  FwProjectCheckpoints *checkpoints)
{
  FwProject *self = FW_PROJECT (owner);

  if (self->checkpointing != checkpoints)
    return;
  self->checkpointing = NULL;
  if (self->autosave_deferred)
    {
      self->autosave_deferred = FALSE;
      fw_project_autosave_when_hashed (self);
    }
}

void
fw_project_session_training (FwProject     *self,
                             FwTrainingRun *run)
{
  if (self->autosave_file == NULL)
    return;
  cancel_checkpoints (self);
  self->checkpointing = fw_project_checkpoints_start (run, self->autosave_file,
                                                      fw_project_checkpoint_base (self),
                                                      self->checkpoint_interval,
                                                      G_OBJECT (self), checkpoints_done);
}

void
fw_project_set_autosave_file (FwProject *self,
                              GFile     *file)
{
  g_return_if_fail (FW_IS_PROJECT (self));

  fw_project_cancel_autosave (self);
  if (self->autosave_file != file)
    cancel_checkpoints (self);
  g_set_object (&self->autosave_file, file);
}

GFile *
fw_project_get_autosave_file (FwProject *self)
{
  g_return_val_if_fail (FW_IS_PROJECT (self), NULL);
  return self->autosave_file;
}

gboolean
fw_project_autosave_now (FwProject  *self,
                         GError    **error)
{
  g_autoptr(FwProjectFile) project = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *folder_path = NULL;

  g_return_val_if_fail (FW_IS_PROJECT (self), FALSE);

  fw_project_cancel_autosave (self);
  if (self->autosave_file == NULL || !fw_session_has_data (self->session))
    return TRUE;
  /* The checkpoints own the file until the training ends; then this autosave runs. */
  if (self->checkpointing != NULL)
    {
      self->autosave_deferred = TRUE;
      return TRUE;
    }
  folder = g_file_get_parent (self->autosave_file);
  folder_path = folder != NULL ? g_file_get_path (folder) : NULL;
  if (folder_path != NULL && g_mkdir_with_parents (folder_path, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s",
                   folder_path, g_strerror (saved_errno));
      return FALSE;
    }
  project = fw_project_snapshot (self, error);
  return project != NULL && fw_project_file_save (project, self->autosave_file, error);
}

void
fw_project_discard_autosave (FwProject *self)
{
  g_return_if_fail (FW_IS_PROJECT (self));

  fw_project_cancel_autosave (self);
  /* Nor one waiting for the data's hash or a training: it would come back after a clean
   * close. */
  self->autosave_waits = FALSE;
  cancel_checkpoints (self);
  if (self->autosave_file != NULL)
    g_file_delete (self->autosave_file, NULL, NULL);
}

void
fw_project_set_checkpoint_interval (FwProject *self,
                                    double     seconds)
{
  g_return_if_fail (FW_IS_PROJECT (self));
  self->checkpoint_interval = MAX (seconds, 0);
}
