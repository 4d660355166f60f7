/* fuzz-model.c — .fwmodel loading on arbitrary bytes
 *
 * The input is a model file without its last 32 bytes: the target appends the right
 * SHA-256, so the fuzzer explores what lies behind the checksum (lengths, header JSON,
 * recipe, preprocessor, weights) instead of stopping at it every time.  The checksum
 * itself is tested by tests/engine/test-model-corrupt.c.  A model that loads must
 * predict on the seeds' kinds of table (or say why not) and save and load again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>
#include "fw-csv-import.h"
#include "fw-fuzz.h"
#include "fw-sample.h"
#include "fw-trained-model.h"

/* fw_trained_model_load reads a GFile: one scratch folder per process. */
static char *scratch;
/* Tables with the columns the seed models were trained on: the loan sample and the
 * x1,x2,group,label table of tests/fuzz/corpus/csv/tiny.csv. */
static FwTable *tables[2];

static void
remove_scratch (void)
{
  g_autofree char *in = g_build_filename (scratch, "in.fwmodel", NULL);
  g_autofree char *out = g_build_filename (scratch, "out.fwmodel", NULL);

  (void) g_unlink (in);
  (void) g_unlink (out);
  (void) g_rmdir (scratch);
  g_clear_pointer (&scratch, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_clear_pointer (&tables[i], fw_table_free);
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

  {
    g_autoptr(GBytes) sample = fw_sample_generate (30, 1);
    gsize size;
    const char *data = g_bytes_get_data (sample, &size);

    tables[0] = fw_csv_import_data (data, (gssize) size, NULL, NULL, &error);
    tables[1] = fw_csv_import_data ("x1,x2,group,label\n0.5,-1.2,a,yes\n-0.3,,b,no\n"
                                    "2.0,0.1,c,maybe\n,,,\n", -1, NULL, NULL, &error);
    if (tables[0] == NULL || tables[1] == NULL)
      fw_fuzz_fail ("cannot build the prediction tables: %s", error->message);
  }
  return 0;
}

/* Predictions for every row, or an error that says why not; a decision for each. */
static void
predict_on (const FwTrainedModel *model,
            const FwTable        *table)
{
  g_autoptr(GError) error = NULL;
  g_autofree float *predictions = fw_trained_model_predict (model, table, &error);
  g_autofree guint32 *decisions = NULL;

  if (predictions == NULL)
    {
      fw_fuzz_check_error (error);
      return;
    }
  decisions = fw_trained_model_decide (model, table, predictions);
  for (gsize i = 0; decisions != NULL && i < fw_table_n_rows (table); i++)
    if (decisions[i] >= model->n_classes)
      fw_fuzz_fail ("row %" G_GSIZE_FORMAT " decided as class %u of %u", i, decisions[i],
                    model->n_classes);
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

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    predict_on (model, tables[i]);

  out = g_file_new_for_path (out_path);
  if (!fw_trained_model_save (model, out, &error))
    fw_fuzz_fail ("a loaded model does not save: %s", error->message);
  again = fw_trained_model_load (out, &error);
  if (again == NULL)
    fw_fuzz_fail ("a loaded model does not load again once saved: %s", error->message);
  return 0;
}
