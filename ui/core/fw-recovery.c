/* fw-recovery.c — one recovery file per session, and those that crashes left behind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fw-project-file.h"
#include "fw-recovery.h"

#define SUFFIX ".fairway"
#define LOCK_SUFFIX ".lock"
/* A UUID as g_uuid_string_random writes it. */
#define ID_LENGTH 36

struct _FwRecovery
{
  char  *folder;
  char  *id;
  char  *lock_path;
  GFile *file;
  int    lock_fd;
};

static char *
member_path (const char *folder,
             const char *id,
             const char *suffix)
{
  g_autofree char *name = g_strconcat (id, suffix, NULL);

  return g_build_filename (folder, name, NULL);
}

static gboolean
io_error (GError    **error,
          int         saved_errno,
          const char *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s", path,
               g_strerror (saved_errno));
  return FALSE;
}

/* Opens and locks @path, made if need be: the descriptor, or -1 with @error (BUSY when
 * another open file holds the lock, in this process or another). */
static int
lock_path (const char  *path,
           GError     **error)
{
  /* Whoever removes a lock file does it holding the lock; one that was removed between
   * our open and our flock is not the file at @path any more, so try again. */
  for (int attempt = 0; attempt < 16; attempt++)
    {
      struct stat held, named;
      int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

      if (fd < 0)
        return io_error (error, errno, path), -1;
      if (flock (fd, LOCK_EX | LOCK_NB) != 0)
        {
          int saved_errno = errno;

          close (fd);
          if (saved_errno == EWOULDBLOCK)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY, "%s: %s", path,
                         "held by a running session");
          else
            io_error (error, saved_errno, path);
          return -1;
        }
      if (fstat (fd, &held) == 0 && g_stat (path, &named) == 0 &&
          held.st_dev == named.st_dev && held.st_ino == named.st_ino)
        return fd;
      close (fd);
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY, "%s: %s", path, "changing too often");
  return -1;
}

static gboolean
valid_id (const char *id)
{
  if (id == NULL || strlen (id) != ID_LENGTH)
    return FALSE;
  for (const char *c = id; *c != '\0'; c++)
    if (!g_ascii_isxdigit (*c) && *c != '-')
      return FALSE;
  return TRUE;
}

char *
fw_recovery_default_folder (void)
{
  return g_build_filename (g_get_user_state_dir (), "fairway", "recovery", NULL);
}

static FwRecovery *
recovery_open (const char  *folder,
               const char  *id,
               GError     **error)
{
  g_autofree char *lock = NULL;
  g_autofree char *path = NULL;
  FwRecovery *self;
  int fd;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    return io_error (error, errno, folder), NULL;
  lock = member_path (folder, id, LOCK_SUFFIX);
  fd = lock_path (lock, error);
  if (fd < 0)
    return NULL;
  path = member_path (folder, id, SUFFIX);
  self = g_new0 (FwRecovery, 1);
  self->folder = g_strdup (folder);
  self->id = g_strdup (id);
  self->lock_path = g_steal_pointer (&lock);
  self->file = g_file_new_for_path (path);
  self->lock_fd = fd;
  return self;
}

FwRecovery *
fw_recovery_new (const char  *folder,
                 GError     **error)
{
  g_autofree char *id = g_uuid_string_random ();

  g_return_val_if_fail (folder != NULL, NULL);
  return recovery_open (folder, id, error);
}

FwRecovery *
fw_recovery_claim (const char  *folder,
                   const char  *id,
                   GError     **error)
{
  g_return_val_if_fail (folder != NULL, NULL);

  if (!valid_id (id))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "“%s” is no session id",
                   id != NULL ? id : "(null)");
      return NULL;
    }
  return recovery_open (folder, id, error);
}

const char *
fw_recovery_get_id (FwRecovery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->id;
}

GFile *
fw_recovery_get_file (FwRecovery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->file;
}

void
fw_recovery_free (FwRecovery *self)
{
  if (self == NULL)
    return;
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_free (self->folder);
  g_free (self->id);
  g_free (self->lock_path);
  g_clear_object (&self->file);
  g_free (self);
}

void
fw_recovery_discard (FwRecovery *self)
{
  if (self == NULL)
    return;
  g_file_delete (self->file, NULL, NULL);
  /* Still holding the lock: nobody can claim the id between the two removals. */
  g_unlink (self->lock_path);
  fw_recovery_free (self);
}

void
fw_recovery_entry_free (FwRecoveryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->id);
  g_clear_object (&entry->file);
  g_free (entry->data_name);
  g_free (entry->step);
  g_free (entry);
}

/* What the offer shows of a recovery file. */
static FwRecoveryEntry *
read_entry (const char *folder,
            const char *id)
{
  g_autofree char *path = member_path (folder, id, SUFFIX);
  FwRecoveryEntry *entry = g_new0 (FwRecoveryEntry, 1);
  g_autoptr(FwProjectFile) project = NULL;
  GStatBuf st;

  entry->id = g_strdup (id);
  entry->file = g_file_new_for_path (path);
  if (g_stat (path, &st) == 0)
    entry->saved = st.st_mtime;
  project = fw_project_file_load (entry->file, NULL);
  if (project == NULL)
    return entry;
  if (project->saved > 0)
    entry->saved = project->saved;
  entry->data_name = project->data_path != NULL ? g_path_get_basename (project->data_path) : NULL;
  entry->step = g_strdup (project->step);
  if (project->model != NULL)
    {
      g_autoptr(FwTrainedModel) trained = fw_project_file_unpack_model (project->model, NULL);

      if (trained != NULL && !trained->checkpoint_finished)
        {
          entry->checkpoint_epoch = trained->checkpoint_epoch;
          entry->checkpoint_epochs = trained->checkpoint_epochs;
        }
    }
  return entry;
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const FwRecoveryEntry *x = *(FwRecoveryEntry **) a, *y = *(FwRecoveryEntry **) b;

  return (y->saved > x->saved) - (y->saved < x->saved);
}

GPtrArray *
fw_recovery_list (const char *folder)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_recovery_entry_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (folder != NULL, entries);

  dir = g_dir_open (folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *id = NULL;
      g_autofree char *lock = NULL;
      int fd;

      /* Only "<uuid>.fairway": the atomic writer's temporary files start with a dot. */
      if (!g_str_has_suffix (name, SUFFIX) || strlen (name) != ID_LENGTH + strlen (SUFFIX))
        continue;
      id = g_strndup (name, ID_LENGTH);
      if (!valid_id (id))
        continue;
      lock = member_path (folder, id, LOCK_SUFFIX);
      /* Held: a live session's file, still being written.  Not read, not listed. */
      fd = lock_path (lock, NULL);
      if (fd < 0)
        continue;
      g_ptr_array_add (entries, read_entry (folder, id));
      close (fd);
    }
  g_ptr_array_sort (entries, newest_first);
  return entries;
}

gboolean
fw_recovery_delete (const char  *folder,
                    const char  *id,
                    GError     **error)
{
  FwRecovery *claimed = fw_recovery_claim (folder, id, error);

  if (claimed == NULL)
    return FALSE;
  fw_recovery_discard (claimed);
  return TRUE;
}

gboolean
fw_recovery_adopt_legacy (const char  *folder,
                          GError     **error)
{
  g_autoptr(GFile) legacy = g_file_new_build_filename (g_get_user_state_dir (), "fairway",
                                                       "autosave.fairway", NULL);
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *path = NULL;
  g_autoptr(GFile) target = NULL;

  g_return_val_if_fail (folder != NULL, FALSE);

  if (!g_file_query_exists (legacy, NULL))
    return TRUE;
  if (g_mkdir_with_parents (folder, 0700) != 0)
    return io_error (error, errno, folder);
  path = member_path (folder, id, SUFFIX);
  target = g_file_new_for_path (path);
  /* A rename in the same state folder: the file is in one place or the other. */
  return g_file_move (legacy, target, G_FILE_COPY_NONE, NULL, NULL, NULL, error);
}
