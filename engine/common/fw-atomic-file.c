/* fw-atomic-file.c — files that appear whole or not at all
 *
 * A local target is written through a temporary file created beside it (same folder, so
 * the final rename(2) never crosses a file system), then flushed, fsync'd and renamed over
 * the target; the folder is fsync'd afterwards so the rename itself survives a crash.  Any
 * failure, and a free without commit, unlinks the temporary file: the target is either the
 * old file or the complete new one, never a mix.
 *
 * A target with no local path (a GVfs location) goes through g_file_replace(), which gives
 * the same guarantee where the backend can, and is cancelled on abort so it keeps nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fw-atomic-file.h"

/* Large enough that a million-row CSV costs a few hundred write calls, small enough to
 * not matter next to the data being written. */
#define BUFFER_SIZE (256 * 1024)

/* Keeps the temporary name within NAME_MAX whatever the target's name. */
#define MAX_BASENAME_BYTES 200

struct _FwAtomicFile
{
  GFile             *file;
  char              *display_name;    /* for messages */
  GCancellable      *cancellable;

  /* Local targets. */
  char              *path;
  char              *temp_path;
  int                fd;

  /* Other targets. */
  GFileOutputStream *stream;

  char              *buffer;
  gsize              used;
  gboolean           failed;          /* a write failed: only free is left */
  gboolean           done;            /* committed, or aborted after a failed commit */
};

typedef enum
{
  STEP_CREATE,
  STEP_WRITE,
  STEP_SAVE,
} Step;

/* "Could not … “FILE”": what a person sees before the system's reason. */
static char *
describe (Step        step,
          const char *display_name)
{
  switch (step)
    {
    case STEP_CREATE:
      return g_strdup_printf (_("Could not create “%s”"), display_name);
    case STEP_WRITE:
      return g_strdup_printf (_("Could not write “%s”"), display_name);
    case STEP_SAVE:
    default:
      return g_strdup_printf (_("Could not save “%s”"), display_name);
    }
}

static void
set_errno_error (GError     **error,
                 int          saved_errno,
                 Step         step,
                 const char  *display_name)
{
  g_autofree char *prefix = describe (step, display_name);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               "%s: %s", prefix, g_strerror (saved_errno));
}

static void
prefix_error (GError     **error,
              Step         step,
              const char  *display_name)
{
  if (error != NULL && *error != NULL &&
      !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *prefix = describe (step, display_name);

      g_prefix_error (error, "%s: ", prefix);
    }
}

static char *
make_temp_template (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  const char *end;

  if (strlen (base) > MAX_BASENAME_BYTES)
    {
      g_utf8_validate (base, MAX_BASENAME_BYTES, &end);
      base[end - base] = '\0';
    }
  return g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
}

static gboolean
open_local (FwAtomicFile  *self,
            GError       **error)
{
  GStatBuf st;
  gboolean exists = g_stat (self->path, &st) == 0;

  /* Refused now rather than after writing everything, when the rename would fail. */
  if (exists && S_ISDIR (st.st_mode))
    {
      set_errno_error (error, EISDIR, STEP_CREATE, self->display_name);
      return FALSE;
    }
  self->temp_path = make_temp_template (self->path);
  /* 0666 under the umask, like any new file; an existing file's permissions are kept. */
  self->fd = g_mkstemp_full (self->temp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (self->fd < 0)
    {
      int saved_errno = errno;

      g_clear_pointer (&self->temp_path, g_free);
      set_errno_error (error, saved_errno, STEP_CREATE, self->display_name);
      return FALSE;
    }
  if (exists && S_ISREG (st.st_mode))
    (void) fchmod (self->fd, st.st_mode & 07777);
  return TRUE;
}

FwAtomicFile *
fw_atomic_file_new (GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(FwAtomicFile) self = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  self = g_new0 (FwAtomicFile, 1);
  self->file = g_object_ref (file);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->path = g_file_get_path (file);
  self->display_name = self->path != NULL ? g_filename_display_name (self->path)
                                          : g_file_get_parse_name (file);
  self->fd = -1;

  if (self->path != NULL)
    {
      if (!open_local (self, error))
        return NULL;
    }
  else
    {
      self->stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
      if (self->stream == NULL)
        {
          prefix_error (error, STEP_CREATE, self->display_name);
          return NULL;
        }
    }

  self->buffer = g_malloc (BUFFER_SIZE);
  return g_steal_pointer (&self);
}

/* Writes @length bytes past the buffer, retrying short writes and EINTR. */
static gboolean
sink_write (FwAtomicFile  *self,
            const char    *data,
            gsize          length,
            GError       **error)
{
  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return FALSE;

  if (self->stream != NULL)
    {
      if (!g_output_stream_write_all (G_OUTPUT_STREAM (self->stream), data, length, NULL,
                                      self->cancellable, error))
        {
          prefix_error (error, STEP_WRITE, self->display_name);
          return FALSE;
        }
      return TRUE;
    }

  while (length > 0)
    {
      gssize n = write (self->fd, data, MIN (length, (gsize) G_MAXSSIZE));

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          set_errno_error (error, saved_errno, STEP_WRITE, self->display_name);
          return FALSE;
        }
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

static gboolean
flush_buffer (FwAtomicFile  *self,
              GError       **error)
{
  gsize used = self->used;

  self->used = 0;
  return used == 0 || sink_write (self, self->buffer, used, error);
}

gboolean
fw_atomic_file_write (FwAtomicFile  *self,
                      const void    *data,
                      gsize          length,
                      GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (!self->done, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->failed)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write “%s”: an earlier write failed"), self->display_name);
      return FALSE;
    }

  if (self->used + length <= BUFFER_SIZE)
    {
      memcpy (self->buffer + self->used, data, length);
      self->used += length;
      return TRUE;
    }

  /* Big writes skip the buffer rather than being copied through it. */
  if (!flush_buffer (self, error) ||
      (length >= BUFFER_SIZE && !sink_write (self, data, length, error)))
    {
      self->failed = TRUE;
      return FALSE;
    }
  if (length < BUFFER_SIZE)
    {
      memcpy (self->buffer, data, length);
      self->used = length;
    }
  return TRUE;
}

gboolean
fw_atomic_file_printf (FwAtomicFile  *self,
                       GError       **error,
                       const char    *format,
                       ...)
{
  g_autofree char *text = NULL;
  va_list args;
  int length;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  va_start (args, format);
  length = g_vasprintf (&text, format, args);
  va_end (args);

  if (length < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write “%s”: the text could not be formatted"),
                   self->display_name);
      return FALSE;
    }
  return fw_atomic_file_write (self, text, (gsize) length, error);
}

static void
sync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_CLOEXEC, 0);

  /* Best effort: some file systems refuse fsync on a folder, and the data is safe anyway. */
  if (fd >= 0)
    {
      (void) g_fsync (fd);
      g_close (fd, NULL);
    }
}

static gboolean
commit_local (FwAtomicFile  *self,
              GError       **error)
{
  int fd = self->fd;

  self->fd = -1;
  if (g_fsync (fd) != 0)
    {
      int saved_errno = errno;

      close (fd);
      set_errno_error (error, saved_errno, STEP_WRITE, self->display_name);
      return FALSE;
    }
  /* close(2) is where NFS and some FUSE file systems report a full disk. */
  if (close (fd) != 0)
    {
      int saved_errno = errno;

      set_errno_error (error, saved_errno, STEP_WRITE, self->display_name);
      return FALSE;
    }
  if (g_rename (self->temp_path, self->path) != 0)
    {
      int saved_errno = errno;

      set_errno_error (error, saved_errno, STEP_SAVE, self->display_name);
      return FALSE;
    }
  g_clear_pointer (&self->temp_path, g_free);
  sync_folder (self->path);
  return TRUE;
}

gboolean
fw_atomic_file_commit (FwAtomicFile  *self,
                       GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->done, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->failed)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not save “%s”: an earlier write failed"), self->display_name);
      return FALSE;
    }

  ok = flush_buffer (self, error);
  if (ok && self->stream != NULL)
    {
      ok = g_output_stream_close (G_OUTPUT_STREAM (self->stream), self->cancellable, error);
      if (!ok)
        prefix_error (error, STEP_SAVE, self->display_name);
      else
        g_clear_object (&self->stream);
    }
  else if (ok)
    ok = commit_local (self, error);

  /* Whatever happened, the file is finished: free removes any temporary file left. */
  self->done = TRUE;
  self->failed = !ok;
  return ok;
}

void
fw_atomic_file_free (FwAtomicFile *self)
{
  if (self == NULL)
    return;

  if (self->fd >= 0)
    close (self->fd);
  if (self->temp_path != NULL)
    (void) g_unlink (self->temp_path);
  if (self->stream != NULL)
    {
      /* Closing with a cancelled cancellable makes GIO drop the temporary file. */
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();

      g_cancellable_cancel (cancelled);
      (void) g_output_stream_close (G_OUTPUT_STREAM (self->stream), cancelled, NULL);
      g_object_unref (self->stream);
    }

  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_free (self->display_name);
  g_free (self->path);
  g_free (self->temp_path);
  g_free (self->buffer);
  g_free (self);
}
