/* test-model-corrupt.c — a damaged .fwmodel is refused with a message, never a crash
 *
 * A tiny logistic model is trained and saved once; then every truncation, every byte
 * flipped (xor 0xff) and a single-bit flip at every offset must make fw_trained_model_load
 * return NULL with a message.  The checksum catches all of these, so the same flips are
 * also tried "resealed" (checksum recomputed), which is what reaches the length, JSON and
 * weight checks behind it; those may load (a flipped weight is still a model) but must not
 * crash.  Memory errors on the way are the ASan and valgrind runs' to catch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include "fw-csv-import.h"
#include "fw-model-file.h"
#include "fw-trained-model.h"
#include "fw-trainer.h"

#define CHECKSUM_BYTES 32
/* "FWMODEL\0", u32 version, u32 header length: what precedes the header JSON. */
#define PREFIX_BYTES   16

typedef struct
{
  char   *dir;
  char   *path;
  GFile  *file;
  guint8 *model;                /* the intact file */
  gsize   length;
} Fixture;

/* Two numbers and a group decide a yes/no label, with noise: small enough for thousands
 * of loads, rich enough for a header with steps, classes and a preprocessor. */
static char *
tiny_csv (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  GString *csv = g_string_new ("x1,x2,group,label\n");

  for (guint i = 0; i < 80; i++)
    {
      double x1 = g_rand_double_range (rand, -2, 2), x2 = g_rand_double_range (rand, -2, 2);
      gboolean yes = x1 + 0.5 * x2 + g_rand_double_range (rand, -0.5, 0.5) > 0;

      g_string_append_printf (csv, "%.3f,%.3f,%s,%s\n", x1, x2, i % 3 == 0 ? "a" : "b",
                              yes ? "yes" : "no");
    }
  return g_string_free (csv, FALSE);
}

static FwTrainedModel *
train_tiny (void)
{
  g_autofree char *csv = tiny_csv ();
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwTableProfile) profile = NULL;
  g_autoptr(FwRecipe) recipe = NULL;
  g_autoptr(FwDataset) dataset = NULL;
  g_autoptr(FwTrainer) trainer = NULL;
  g_autoptr(GError) error = NULL;
  FwTrainerEvent *event;
  FwTrainedModel *trained;

  table = fw_csv_import_data (csv, -1, NULL, NULL, &error);
  g_assert_no_error (error);
  profile = fw_table_profile_new (table, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  recipe = fw_recipe_new_suggested (table, profile, "label", &error);
  g_assert_no_error (error);
  g_ptr_array_add (recipe->sensitive, g_strdup ("group"));
  recipe->model.epochs = 2;
  dataset = fw_dataset_prepare (table, recipe, NULL, &error);
  g_assert_no_error (error);
  trainer = fw_trainer_new (dataset, &recipe->model, recipe->seed, &error);
  g_assert_no_error (error);
  fw_trainer_start (trainer);
  while ((event = fw_trainer_wait_event (trainer, G_MAXUINT64))->kind != FW_TRAINER_EVENT_DONE)
    fw_trainer_event_free (event);
  g_assert_cmpint (event->outcome, ==, FW_TRAINER_COMPLETED);
  fw_trainer_event_free (event);
  fw_trainer_join (trainer);
  trained = fw_trained_model_new (recipe, dataset, fw_trainer_get_model (trainer), NULL, &error);
  g_assert_no_error (error);
  return trained;
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(FwTrainedModel) trained = train_tiny ();
  g_autoptr(GError) error = NULL;
  char *contents;

  fx->dir = g_dir_make_tmp ("fw-corrupt-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "m.fwmodel", NULL);
  fx->file = g_file_new_for_path (fx->path);
  g_assert_true (fw_trained_model_save (trained, fx->file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (fx->path, &contents, &fx->length, &error));
  fx->model = (guint8 *) contents;
  g_assert_cmpuint (fx->length, >, PREFIX_BYTES + CHECKSUM_BYTES);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_assert_cmpint (g_unlink (fx->path), ==, 0);
  g_assert_cmpint (g_rmdir (fx->dir), ==, 0);
  g_object_unref (fx->file);
  g_free (fx->model);
  g_free (fx->path);
  g_free (fx->dir);
}

/* Writes @bytes over the model path (stdio, no fsync per try: GLib 2.74's
 * g_file_set_contents_full without flags does not truncate) and loads it. */
static FwTrainedModel *
load_bytes (Fixture       *fx,
            const guint8  *bytes,
            gsize          length,
            GError       **error)
{
  FILE *out;

  /* A new file each time: ext4 flushes a truncated-and-rewritten one on close. */
  (void) g_unlink (fx->path);
  out = g_fopen (fx->path, "wb");
  g_assert_nonnull (out);
  g_assert_cmpuint (fwrite (bytes, 1, length, out), ==, length);
  g_assert_cmpint (fclose (out), ==, 0);
  return fw_trained_model_load (fx->file, error);
}

static void
assert_refused (Fixture      *fx,
                const guint8 *bytes,
                gsize         length,
                const char   *what,
                gsize         offset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTrainedModel) model = load_bytes (fx, bytes, length, &error);

  if (model != NULL)
    g_error ("%s at offset %" G_GSIZE_FORMAT " loaded", what, offset);
  g_assert_nonnull (error);
  g_assert_true (error->domain == FW_MODEL_FILE_ERROR);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_intact (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTrainedModel) model = load_bytes (fx, fx->model, fx->length, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  g_assert_cmpint (model->task, ==, FW_TASK_BINARY);
  g_assert_cmpstr (model->recipe->target, ==, "label");
}

static void
test_truncated (Fixture       *fx,
                gconstpointer  data)
{
  for (gsize length = 0; length < fx->length; length++)
    assert_refused (fx, fx->model, length, "truncated", length);
}

static void
test_appended (Fixture       *fx,
               gconstpointer  data)
{
  g_autofree guint8 *longer = g_malloc (fx->length + 64);

  memcpy (longer, fx->model, fx->length);
  for (gsize extra = 1; extra <= 64; extra *= 2)
    {
      memset (longer + fx->length, (int) extra, extra);
      assert_refused (fx, longer, fx->length + extra, "appended bytes", extra);
    }
}

static void
flip_each (Fixture *fx,
           guint8 (*mask) (gsize offset))
{
  g_autofree guint8 *copy = g_memdup2 (fx->model, fx->length);

  for (gsize offset = 0; offset < fx->length; offset++)
    {
      copy[offset] ^= mask (offset);
      assert_refused (fx, copy, fx->length, "a flip", offset);
      copy[offset] = fx->model[offset];
    }
}

static guint8
whole_byte (gsize offset)
{
  return 0xff;
}

static guint8
one_bit (gsize offset)
{
  return (guint8) (1u << (offset % 8));
}

/* The one bit that turns format 1 into 0 is damage, not a file from a newer Fairway. */
static void
test_version_zero (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree guint8 *copy = g_memdup2 (fx->model, fx->length);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTrainedModel) model = NULL;

  g_assert_cmpuint (copy[8], ==, 1);
  copy[8] = 0;
  model = load_bytes (fx, copy, fx->length, &error);
  g_assert_null (model);
  g_assert_error (error, FW_MODEL_FILE_ERROR, FW_MODEL_FILE_ERROR_CORRUPT);
  g_assert_null (strstr (error->message, "newer"));
}

static void
test_byte_flipped (Fixture       *fx,
                   gconstpointer  data)
{
  flip_each (fx, whole_byte);
}

static void
test_bit_flipped (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree guint8 *copy = g_memdup2 (fx->model, fx->length);

  flip_each (fx, one_bit);
  /* Every bit of the fixed-size prefix and of the checksum, where one bit decides. */
  for (gsize offset = 0; offset < fx->length; offset++)
    {
      if (offset == PREFIX_BYTES)
        offset = fx->length - CHECKSUM_BYTES;
      for (guint bit = 0; bit < 8; bit++)
        {
          copy[offset] ^= (guint8) (1u << bit);
          assert_refused (fx, copy, fx->length, "a bit flip", offset);
          copy[offset] = fx->model[offset];
        }
    }
}

/* Recomputes the trailing SHA-256 so the loader looks past the checksum. */
static void
reseal (guint8 *bytes,
        gsize   length)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize digest_len = CHECKSUM_BYTES;

  g_checksum_update (checksum, bytes, length - CHECKSUM_BYTES);
  g_checksum_get_digest (checksum, bytes + length - CHECKSUM_BYTES, &digest_len);
}

static void
test_resealed (Fixture       *fx,
               gconstpointer  data)
{
  g_autofree guint8 *copy = g_memdup2 (fx->model, fx->length);
  gsize body = fx->length - CHECKSUM_BYTES;
  guint refused = 0, loaded = 0;

  for (gsize offset = 0; offset < body; offset++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FwTrainedModel) model = NULL;

      copy[offset] ^= 0xff;
      reseal (copy, fx->length);
      model = load_bytes (fx, copy, fx->length, &error);
      if (model == NULL)
        {
          g_assert_nonnull (error);
          g_assert_cmpstr (error->message, !=, "");
          refused++;
        }
      else
        {
          /* Only the magic, version and header length can never survive a flip. */
          g_assert_cmpuint (offset, >=, PREFIX_BYTES);
          g_assert_no_error (error);
          loaded++;
        }
      copy[offset] = fx->model[offset];
    }
  /* The JSON's structure and the array lengths are checked: most flips are refused. */
  g_assert_cmpuint (refused, >, loaded);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/engine/model-corrupt/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("intact", test_intact);
  ADD ("truncated", test_truncated);
  ADD ("appended", test_appended);
  ADD ("version-zero", test_version_zero);
  ADD ("byte-flipped", test_byte_flipped);
  ADD ("bit-flipped", test_bit_flipped);
  ADD ("resealed", test_resealed);
#undef ADD

  return g_test_run ();
}
