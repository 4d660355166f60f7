/* fuzz-model.c — .fwmodel loading on arbitrary bytes
 *
 * The input is a model file without its last 32 bytes: the target appends the right
 * SHA-256, so the fuzzer explores what lies behind the checksum (lengths, header JSON,
 * recipe, preprocessor, weights) instead of stopping at it every time.  The checksum
 * itself is tested by tests/engine/test-model-corrupt.c.  A model that loads must save
 * and load again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>
#include "fw-fuzz.h"
#include "fw-trained-model.h"

/* fw_trained_model_load reads a GFile: one scratch folder per process. */
static char *scratch;

static void
remove_scratch (void)
{
  g_autofree char *in = g_build_filename (scratch, "in.fwmodel", NULL);
  g_autofree char *out = g_build_filename (scratch, "out.fwmodel", NULL);

  (void) g_unlink (in);
  (void) g_unlink (out);
  (void) g_rmdir (scratch);
  g_clear_pointer (&scratch, g_free);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  fw_fuzz_make_warnings_fatal ();
  scratch = g_dir_make_tmp ("fw-fuzz-model-XXXXXX", &error);
  if (scratch == NULL)
    fw_fuzz_fail ("no scratch folder: %s", error->message);
  atexit (remove_scratch);
  return 0;
}

/* stdio, not g_file_set_contents_full: GLib 2.74 does not truncate without flags. */
static void
write_with_checksum (const char    *path,
                     const uint8_t *data,
                     size_t         size)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  FILE *out;

  g_checksum_update (checksum, data, size);
  g_checksum_get_digest (checksum, digest, &digest_len);
  /* A new file each time: ext4 flushes a truncated-and-rewritten one on close. */
  (void) g_unlink (path);
  out = g_fopen (path, "wb");
  if (out == NULL || fwrite (data, 1, size, out) != size ||
      fwrite (digest, 1, sizeof digest, out) != sizeof digest || fclose (out) != 0)
    fw_fuzz_fail ("cannot write %s", path);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *in_path = NULL, *out_path = NULL;
  g_autoptr(GFile) in = NULL, out = NULL;
  g_autoptr(FwTrainedModel) model = NULL, again = NULL;
  g_autoptr(GError) error = NULL;

  if (scratch == NULL)
    LLVMFuzzerInitialize (NULL, NULL);
  in_path = g_build_filename (scratch, "in.fwmodel", NULL);
  out_path = g_build_filename (scratch, "out.fwmodel", NULL);
  write_with_checksum (in_path, data, size);
  in = g_file_new_for_path (in_path);
  model = fw_trained_model_load (in, &error);
  if (model == NULL)
    {
      fw_fuzz_check_error (error);
      return 0;
    }

  out = g_file_new_for_path (out_path);
  if (!fw_trained_model_save (model, out, &error))
    fw_fuzz_fail ("a loaded model does not save: %s", error->message);
  again = fw_trained_model_load (out, &error);
  if (again == NULL)
    fw_fuzz_fail ("a loaded model does not load again once saved: %s", error->message);
  return 0;
}
