/* test-atomic-file.c — files that appear whole or not at all
 *
 * Every case runs in a fresh folder and ends by counting what is in it: a leftover
 * temporary file is as much a failure as a wrong byte.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fw-atomic-file.h"

typedef struct
{
  char  *dir;
  char  *path;
  GFile *file;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("fw-atomic-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "result.csv", NULL);
  fx->file = g_file_new_for_path (fx->path);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  (void) g_unlink (fx->path);
  g_assert_cmpint (g_rmdir (fx->dir), ==, 0);
  g_object_unref (fx->file);
  g_free (fx->path);
  g_free (fx->dir);
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static char *
read_all (const char *path,
          gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

static void
write_string (const char *path,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

/* Writes pieces of awkward sizes around the buffer size and checks every byte comes back. */
static void
test_write_commit (Fixture       *fx,
                   gconstpointer  data)
{
  static const gsize pieces[] = { 0, 1, 7, 4096, 256 * 1024 - 1, 256 * 1024, 3, 1000 * 1000, 2 };
  g_autoptr(FwAtomicFile) out = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  guint next = 0;

  out = fw_atomic_file_new (fx->file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (out);
  for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
    {
      g_autofree char *piece = g_malloc (pieces[i] + 1);

      for (gsize j = 0; j < pieces[i]; j++)
        piece[j] = (char) ('a' + next++ % 26);
      g_string_append_len (expected, piece, pieces[i]);
      g_assert_true (fw_atomic_file_write (out, piece, pieces[i], &error));
      g_assert_no_error (error);
    }
  g_assert_true (fw_atomic_file_printf (out, &error, "%s=%d\n", "answer", 42));
  g_string_append (expected, "answer=42\n");

  /* Nothing at the target until commit. */
  g_assert_false (g_file_test (fx->path, G_FILE_TEST_EXISTS));
  g_assert_true (fw_atomic_file_commit (out, &error));
  g_assert_no_error (error);

  contents = read_all (fx->path, &length);
  g_assert_cmpmem (contents, length, expected->str, expected->len);
  g_assert_cmpuint (count_entries (fx->dir), ==, 1);
}

static void
test_free_without_commit (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FwAtomicFile *out = fw_atomic_file_new (fx->file, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (fw_atomic_file_write (out, "partial", 7, &error));
  /* The temporary file exists while writing, beside the target. */
  g_assert_cmpuint (count_entries (fx->dir), ==, 1);
  fw_atomic_file_free (out);

  g_assert_false (g_file_test (fx->path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (fx->dir), ==, 0);
}

static void
test_replace_existing (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  FwAtomicFile *out;
  GStatBuf st;
  gsize length;

  write_string (fx->path, "old contents\n");
  g_assert_cmpint (g_chmod (fx->path, 0640), ==, 0);

  out = fw_atomic_file_new (fx->file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (fw_atomic_file_printf (out, &error, "new contents, %d lines\n", 1));
  before = read_all (fx->path, &length);
  g_assert_cmpstr (before, ==, "old contents\n");
  g_assert_true (fw_atomic_file_commit (out, &error));
  g_assert_no_error (error);
  fw_atomic_file_free (out);

  after = read_all (fx->path, &length);
  g_assert_cmpstr (after, ==, "new contents, 1 lines\n");
  g_assert_cmpuint (count_entries (fx->dir), ==, 1);
  /* A replaced file keeps its permissions. */
  g_assert_cmpint (g_stat (fx->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
}

static void
test_abort_keeps_existing (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  FwAtomicFile *out;
  gsize length;

  write_string (fx->path, "keep me\n");
  out = fw_atomic_file_new (fx->file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (fw_atomic_file_write (out, "replacement", 11, &error));
  fw_atomic_file_free (out);

  contents = read_all (fx->path, &length);
  g_assert_cmpstr (contents, ==, "keep me\n");
  g_assert_cmpuint (count_entries (fx->dir), ==, 1);
}

static void
test_missing_folder (Fixture       *fx,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->dir, "absent", "result.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  FwAtomicFile *out = fw_atomic_file_new (file, NULL, &error);

  g_assert_null (out);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpuint (count_entries (fx->dir), ==, 0);
}

static void
test_read_only_folder (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FwAtomicFile *out;

  /* Root writes through any mode bits, so the case cannot be staged as root. */
  if (geteuid () == 0)
    {
      g_test_skip ("running as root, where a read-only folder does not stop writes");
      return;
    }
  g_assert_cmpint (g_chmod (fx->dir, 0555), ==, 0);
  out = fw_atomic_file_new (fx->file, NULL, &error);
  g_assert_cmpint (g_chmod (fx->dir, 0755), ==, 0);

  g_assert_null (out);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "result.csv"));
  g_assert_cmpuint (count_entries (fx->dir), ==, 0);
}

/* The target is a folder: refused at once, before anything is written. */
static void
test_target_is_folder (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (fx->path, 0755), ==, 0);
  g_assert_null (fw_atomic_file_new (fx->file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_nonnull (strstr (error->message, "result.csv"));
  g_assert_cmpuint (count_entries (fx->dir), ==, 1);
  g_assert_cmpint (g_rmdir (fx->path), ==, 0);
}

/* The target becomes a folder while writing: the rename fails, and nothing is left. */
static void
test_rename_fails (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FwAtomicFile *out;

  out = fw_atomic_file_new (fx->file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (fx->path, 0755), ==, 0);
  g_assert_true (fw_atomic_file_write (out, "x", 1, &error));
  g_assert_false (fw_atomic_file_commit (out, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "result.csv"));
  fw_atomic_file_free (out);

  g_assert_true (g_file_test (fx->path, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_entries (fx->dir), ==, 1);
  g_assert_cmpint (g_rmdir (fx->path), ==, 0);
}

/* A file-size limit fails writes with EFBIG the way a full disk fails them with ENOSPC,
 * and works as root; it runs in a subprocess so the limit stays there. */
static void
test_no_space (Fixture       *fx,
               gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      struct rlimit limit = { 64 * 1024, 64 * 1024 };
      g_autoptr(GError) error = NULL;
      g_autofree char *block = g_malloc0 (100 * 1000);
      FwAtomicFile *out;
      gboolean ok = TRUE;

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      out = fw_atomic_file_new (fx->file, NULL, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < 10 && ok; i++)
        ok = fw_atomic_file_write (out, block, 100 * 1000, &error);
      if (ok)
        ok = fw_atomic_file_commit (out, &error);
      g_assert_false (ok);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "result.csv"));
      g_printerr ("message: %s\n", error->message);
      /* Once failed, the file refuses everything but free. */
      g_clear_error (&error);
      g_assert_false (fw_atomic_file_write (out, "x", 1, &error));
      g_clear_error (&error);
      fw_atomic_file_free (out);
      g_assert_cmpuint (count_entries (fx->dir), ==, 0);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*message: *result.csv*");
  g_assert_cmpuint (count_entries (fx->dir), ==, 0);
}

static void
test_cancelled (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *block = g_malloc0 (512 * 1024);
  FwAtomicFile *out;

  /* Cancelled while writing: the next write that reaches the disk fails. */
  out = fw_atomic_file_new (fx->file, cancellable, &error);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  g_assert_false (fw_atomic_file_write (out, block, 512 * 1024, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (fw_atomic_file_commit (out, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  fw_atomic_file_free (out);
  g_assert_cmpuint (count_entries (fx->dir), ==, 0);

  /* Cancelled before opening: nothing is created. */
  g_assert_null (fw_atomic_file_new (fx->file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_entries (fx->dir), ==, 0);
}

/* A location with no local path goes through GIO; one that cannot be written fails cleanly. */
static void
test_not_local (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_uri ("resource:///io/github/FairwayML/none.csv");
  g_autoptr(GError) error = NULL;

  g_assert_null (fw_atomic_file_new (file, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "none.csv"));
}

int
main (int    argc,
      char **argv)
{
  static const struct
  {
    const char *path;
    void      (*func) (Fixture *, gconstpointer);
  } cases[] = {
    { "/engine/atomic-file/write-commit", test_write_commit },
    { "/engine/atomic-file/free-without-commit", test_free_without_commit },
    { "/engine/atomic-file/replace-existing", test_replace_existing },
    { "/engine/atomic-file/abort-keeps-existing", test_abort_keeps_existing },
    { "/engine/atomic-file/missing-folder", test_missing_folder },
    { "/engine/atomic-file/read-only-folder", test_read_only_folder },
    { "/engine/atomic-file/target-is-folder", test_target_is_folder },
    { "/engine/atomic-file/rename-fails", test_rename_fails },
    { "/engine/atomic-file/no-space", test_no_space },
    { "/engine/atomic-file/cancelled", test_cancelled },
    { "/engine/atomic-file/not-local", test_not_local },
  };

  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add (cases[i].path, Fixture, NULL, fixture_set_up, cases[i].func, fixture_tear_down);
  return g_test_run ();
}
