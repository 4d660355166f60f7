/* fw-project.h — the session as a project: saving, opening, autosave for crash restore
 *
 * A project ties the window's session to a .fairway file (engine/formats/fw-project-file.h): the
 * data's path and fingerprint, the recipe, the trained model, the intended use typed on
 * the Export step and the wizard step.  It watches the session: any change marks it
 * modified and, a moment later, writes the autosave file, so a crash or a kill loses at
 * most the last second or two of work; during a training, checkpoints write the best model
 * so far there too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "fw-project-file.h"
#include "fw-session.h"

G_BEGIN_DECLS

/* Long enough that a burst of clicks is one write, short enough that a crash loses
 * almost nothing. */
#define FW_PROJECT_AUTOSAVE_DELAY_MS 1500

#define FW_TYPE_PROJECT (fw_project_get_type ())

G_DECLARE_FINAL_TYPE (FwProject, fw_project, FW, PROJECT, GObject)

FwProject     *fw_project_new                   (FwSession      *session);
FwSession     *fw_project_get_session           (FwProject      *self);

/* The .fairway file last saved to or opened; NULL for an untitled project. */
GFile         *fw_project_get_file              (FwProject      *self);
/* Changed since it was last saved or opened ("modified" property). */
gboolean       fw_project_get_modified          (FwProject      *self);
/* Modified, and worth asking about on close: more than a data file that was opened. */
gboolean       fw_project_has_unsaved_work      (FwProject      *self);

/* What the model is for, in the user's words (the report's "Intended use"); may be NULL. */
const char    *fw_project_get_intended_use      (FwProject      *self);
void           fw_project_set_intended_use      (FwProject      *self,
                                                 const char     *text);
/* The wizard step's name ("data" … "export"), kept with the project. */
const char    *fw_project_get_step              (FwProject      *self);
void           fw_project_set_step              (FwProject      *self,
                                                 const char     *step);

/* What would be saved now. */
FwProjectFile *fw_project_snapshot              (FwProject      *self,
                                                 GError        **error);
/* Saves to @file, which becomes the project's file; the autosave is then redundant and
 * removed. */
gboolean       fw_project_save                  (FwProject      *self,
                                                 GFile          *file,
                                                 GError        **error);

/* Opening: @contents (taken) is applied once the session's data becomes @data_file (the
 * window imports it through the Data page).  "restored" is then emitted with a message
 * for the user, or NULL when all went well.  @file is the project file, NULL when
 * restoring an autosave (the project stays untitled and modified). */
void           fw_project_expect_data           (FwProject      *self,
                                                 FwProjectFile  *contents,
                                                 GFile          *file,
                                                 GFile          *data_file,
                                                 const char     *note);
/* Whether a project is waiting for its data; fw_project_cancel_expected drops it. */
gboolean       fw_project_is_expecting_data     (FwProject      *self);
void           fw_project_cancel_expected       (FwProject      *self);

/* Autosave: where (NULL: never; a window's recovery slot, fw-recovery.h), now, and
 * removing it (a clean close). */
void           fw_project_set_autosave_file     (FwProject      *self,
                                                 GFile          *file);
GFile         *fw_project_get_autosave_file     (FwProject      *self);
gboolean       fw_project_autosave_now          (FwProject      *self,
                                                 GError        **error);
void           fw_project_discard_autosave      (FwProject      *self);

/* Checkpoints: when the session announces a training (fw_session_training_starts), the
 * best model so far goes into the autosave file from the trainer's checkpoint thread, by
 * fw_trainer_set_checkpoint's rule with this interval (default
 * FW_TRAINER_CHECKPOINT_SECONDS); autosaves wait until the run is freed.  A restore of
 * such a file says which epoch the model came from. */
void           fw_project_set_checkpoint_interval (FwProject    *self,
                                                   double        seconds);

G_END_DECLS
