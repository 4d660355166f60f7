/* fw-project-private.h — what fw-project.c, fw-project-autosave.c and fw-project-snapshot.c
 * share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-project.h"
#include "fw-project-checkpoint.h"

G_BEGIN_DECLS

struct _FwProject
{
  GObject         parent_instance;

  FwSession      *session;
  GFile          *file;
  gboolean        modified;
  char           *intended_use;
  char           *step;

  /* Saving again and again (autosave) recomputes neither of these. */
  char           *data_sha256;  /* of the session's data file */
  GBytes         *model_bytes;  /* the session's trained model, packed */
  GCancellable   *hashing;      /* while a worker computes data_sha256 */
  gboolean        autosave_waits; /* for that worker */

  GFile          *autosave_file;
  guint           autosave_id;
  gboolean        restoring;
  /* While a training writes checkpoints to the autosave file, autosaves wait for its end. */
  FwProjectCheckpoints *checkpointing;  /* borrowed: checkpoints_done clears it */
  gboolean        autosave_deferred;
  double          checkpoint_interval;

  /* A project being opened, waiting for its data to be imported. */
  FwProjectFile  *pending;
  GFile          *pending_file;
  GFile          *pending_data;
  char           *pending_note;
};

void           fw_project_cancel_autosave      (FwProject     *self);
/* Debounced: every change pushes the write back, so a burst is one write. */
void           fw_project_schedule_autosave    (FwProject     *self);
/* Autosaves now, or once the data's SHA-256 is known. */
void           fw_project_autosave_when_hashed (FwProject     *self);
/* FwSession::training: the run's checkpoints go to the autosave file. */
void           fw_project_session_training     (FwProject     *self,
                                                FwTrainingRun *run);
/* What a checkpoint saves besides the model; newly allocated. */
FwProjectFile *fw_project_checkpoint_base      (FwProject     *self);

G_END_DECLS
