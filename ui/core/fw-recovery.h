/* fw-recovery.h — one recovery file per session, and those that crashes left behind
 *
 * Each window's session autosaves to its own file, $XDG_STATE_HOME/fairway/recovery/
 * <id>.fairway, <id> a random UUID made when the window opens, so two windows or two
 * Fairway processes never write the same file.  Beside it, <id>.lock is held with flock()
 * by the process that owns the session for as long as the session lives.  The kernel drops
 * the lock when the process ends, however it ends (kill -9 included), so a recovery file
 * whose lock can be taken belongs to nobody: it is offered for restoring.  One whose lock
 * is held is another live window's work and is neither listed nor touched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _FwRecovery FwRecovery;

/* An unrecovered session, as the start-up offer lists it. */
typedef struct
{
  char   *id;
  GFile  *file;                 /* its .fairway */
  char   *data_name;            /* the data file's base name, or NULL */
  char   *step;                 /* the wizard step's id, or NULL */
  gint64  saved;                /* Unix time it was written */
  guint   checkpoint_epoch;     /* its model is a training's checkpoint: the epoch, and */
  guint   checkpoint_epochs;    /* the epochs planned; 0 otherwise */
} FwRecoveryEntry;

/* $XDG_STATE_HOME/fairway/recovery; newly allocated. */
char        *fw_recovery_default_folder (void);

/* A new session's slot in @folder (made, mode 0700): a fresh id, its lock held. */
FwRecovery  *fw_recovery_new            (const char  *folder,
                                         GError     **error);
/* Takes over the slot @id left by a session that ended (to restore it): fails with
 * G_IO_ERROR_BUSY while a live process holds it. */
FwRecovery  *fw_recovery_claim          (const char  *folder,
                                         const char  *id,
                                         GError     **error);
const char  *fw_recovery_get_id         (FwRecovery  *self);
/* The .fairway to autosave to; borrowed. */
GFile       *fw_recovery_get_file       (FwRecovery  *self);
/* Releases the lock and frees, leaving the recovery file for the next start (what a crash
 * does too). */
void         fw_recovery_free           (FwRecovery  *self);
/* A clean end: removes the recovery file and the lock, then frees. */
void         fw_recovery_discard        (FwRecovery  *self);

/* Every session in @folder that no live process holds and that left a recovery file,
 * newest first: FwRecoveryEntry*, newly allocated.  A file that cannot be read is listed
 * with what its name and date say. */
GPtrArray   *fw_recovery_list           (const char  *folder);
/* Removes what session @id left (the user discarded it); G_IO_ERROR_BUSY while it lives. */
gboolean     fw_recovery_delete         (const char  *folder,
                                         const char  *id,
                                         GError     **error);

/* Earlier versions kept one autosave for every window, $XDG_STATE_HOME/fairway/
 * autosave.fairway: moves it (if there) into @folder as a session of its own, so the
 * start-up offer lists it like the others. */
gboolean     fw_recovery_adopt_legacy   (const char  *folder,
                                         GError     **error);

void         fw_recovery_entry_free     (FwRecoveryEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwRecovery, fw_recovery_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwRecoveryEntry, fw_recovery_entry_free)

G_END_DECLS
