/* fw-project-checkpoint.h — a training's checkpoints into a project's autosave file
 *
 * Used by fw-project.c only.  The trainer's checkpoint thread writes the project as it was
 * when training started, with the best model so far, atomically; the window's thread never
 * waits on it, except fw_project_checkpoints_cancel for one write in progress.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "fw-project-file.h"
#include "fw-training-run.h"

G_BEGIN_DECLS

typedef struct _FwProjectCheckpoints FwProjectCheckpoints;

/* Main thread, when the trainer lets go of @checkpoints (the run is freed; no write runs
 * any more), if @owner still lives; @checkpoints is freed right after. */
typedef void (*FwProjectCheckpointsDone) (GObject              *owner,
                                          FwProjectCheckpoints *checkpoints);

/* Adds checkpoints to @run (before its trainer starts): each writes @base (taken) to @file
 * with the best model so far, by fw_trainer_set_checkpoint's rule with @interval.  Owned
 * by the run. */
FwProjectCheckpoints *fw_project_checkpoints_start  (FwTrainingRun            *run,
                                                     GFile                    *file,
                                                     FwProjectFile            *base,
                                                     double                    interval,
                                                     GObject                  *owner,
                                                     FwProjectCheckpointsDone  done);
/* No more writes (a clean close, another file); waits for one in progress. */
void                  fw_project_checkpoints_cancel (FwProjectCheckpoints     *checkpoints);

G_END_DECLS
