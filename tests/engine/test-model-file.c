/* test-model-file.c — the .fwmodel container: round trips and every way a file can be bad
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include "fw-model-file.h"

typedef struct
{
  char  *dir;
  GFile *file;
} Fixture;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  fx->dir = g_dir_make_tmp ("fw-model-XXXXXX", NULL);
  g_assert_nonnull (fx->dir);
  fx->file = g_file_new_build_filename (fx->dir, "m.fwmodel", NULL);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_autofree char *path = g_file_get_path (fx->file);

  g_unlink (path);
  g_assert_cmpint (g_rmdir (fx->dir), ==, 0);
  g_object_unref (fx->file);
  g_free (fx->dir);
}

static const float weights[] = { 1.5f, -0.0f, INFINITY, 1e-40f, -3.25f };

static void
save_sample (GFile *file)
{
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(GError) error = NULL;
  FwModelArray arrays[] = {
    { "layer0.weights", (float *) weights, G_N_ELEMENTS (weights) },
    { "empty", (float *) weights, 0 },
  };

  json_object_set_string_member (header, "model", "logistic");
  json_object_set_int_member (header, "features", 5);
  g_assert_true (fw_model_file_save (file, header, arrays, G_N_ELEMENTS (arrays), NULL, &error));
  g_assert_no_error (error);
}

static void
test_round_trip (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwModelFile) model = NULL;
  const FwModelArray *w;

  save_sample (fx->file);
  model = fw_model_file_load (fx->file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (model->header, "model"), ==, "logistic");
  g_assert_cmpint (json_object_get_int_member (model->header, "features"), ==, 5);
  g_assert_cmpuint (model->arrays->len, ==, 2);
  w = fw_model_file_get_array (model, "layer0.weights");
  g_assert_nonnull (w);
  g_assert_cmpuint (w->n, ==, G_N_ELEMENTS (weights));
  /* Bit for bit: the sign of zero, infinity and a subnormal survive. */
  g_assert_cmpmem (w->data, sizeof weights, weights, sizeof weights);
  g_assert_cmpuint (fw_model_file_get_array (model, "empty")->n, ==, 0);
  g_assert_null (fw_model_file_get_array (model, "missing"));
}

static GBytes *
file_bytes (GFile *file)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_file_load_bytes (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

/* Every prefix of a good file is refused with a model-file error. */
static void
test_truncated (Fixture *fx, gconstpointer data)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const guint8 *contents;

  save_sample (fx->file);
  bytes = file_bytes (fx->file);
  contents = g_bytes_get_data (bytes, &length);
  for (gsize cut = 0; cut < length; cut++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (fw_model_file_parse (contents, cut, &error));
      g_assert_true (error != NULL && error->domain == FW_MODEL_FILE_ERROR);
    }
}

/* Every single flipped bit is caught, wherever it falls. */
static void
test_flipped_bits (Fixture *fx, gconstpointer data)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree guint8 *copy = NULL;
  const guint8 *contents;
  gsize length;

  save_sample (fx->file);
  bytes = file_bytes (fx->file);
  contents = g_bytes_get_data (bytes, &length);
  copy = g_memdup2 (contents, length);
  for (gsize i = 0; i < length; i++)
    for (int bit = 0; bit < 8; bit += 3)
      {
        g_autoptr(GError) error = NULL;

        copy[i] ^= 1u << bit;
        g_assert_null (fw_model_file_parse (copy, length, &error));
        g_assert_true (error != NULL && error->domain == FW_MODEL_FILE_ERROR);
        copy[i] ^= 1u << bit;
      }
}

/* A file with a valid checksum but a huge array length must be refused before allocating. */
static void
test_hostile_lengths (void)
{
  static const char header[] = "{}";
  g_autoptr(GByteArray) b = g_byte_array_new ();
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GError) error = NULL;
  guint32 u32;
  guint64 u64;
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  g_byte_array_append (b, (const guint8 *) "FWMODEL", 8);
  u32 = GUINT32_TO_LE (1), g_byte_array_append (b, (guint8 *) &u32, 4);
  u32 = GUINT32_TO_LE (2), g_byte_array_append (b, (guint8 *) &u32, 4);
  g_byte_array_append (b, (const guint8 *) header, 2);
  u32 = GUINT32_TO_LE (1), g_byte_array_append (b, (guint8 *) &u32, 4);
  u32 = GUINT32_TO_LE (1), g_byte_array_append (b, (guint8 *) &u32, 4);
  g_byte_array_append (b, (const guint8 *) "w", 1);
  u64 = GUINT64_TO_LE (G_GUINT64_CONSTANT (1) << 60), g_byte_array_append (b, (guint8 *) &u64, 8);
  g_checksum_update (checksum, b->data, b->len);
  g_checksum_get_digest (checksum, digest, &digest_len);
  g_byte_array_append (b, digest, sizeof digest);

  g_assert_null (fw_model_file_parse (b->data, b->len, &error));
  g_assert_error (error, FW_MODEL_FILE_ERROR, FW_MODEL_FILE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "length"));
}

static void
test_wrong_kind (void)
{
  g_autoptr(GError) error = NULL;
  guint8 newer[8 + 4 + 4 + 4 + 32] = "FWMODEL";

  g_assert_null (fw_model_file_parse ((const guint8 *) "PK\3\4 not a model at all, really", 32, &error));
  g_assert_error (error, FW_MODEL_FILE_ERROR, FW_MODEL_FILE_ERROR_NOT_A_MODEL);
  g_clear_error (&error);
  newer[8] = 9;
  g_assert_null (fw_model_file_parse (newer, sizeof newer, &error));
  g_assert_error (error, FW_MODEL_FILE_ERROR, FW_MODEL_FILE_ERROR_NEWER_VERSION);
}

static void
test_save_fails_cleanly (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent-fairway-dir/m.fwmodel");
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (fw_model_file_save (file, header, NULL, 0, NULL, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_query_exists (file, NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/engine/model-file/round-trip", Fixture, NULL, fixture_set_up, test_round_trip,
              fixture_tear_down);
  g_test_add ("/engine/model-file/truncated", Fixture, NULL, fixture_set_up, test_truncated,
              fixture_tear_down);
  g_test_add ("/engine/model-file/flipped-bits", Fixture, NULL, fixture_set_up, test_flipped_bits,
              fixture_tear_down);
  g_test_add_func ("/engine/model-file/hostile-lengths", test_hostile_lengths);
  g_test_add_func ("/engine/model-file/wrong-kind", test_wrong_kind);
  g_test_add_func ("/engine/model-file/save-fails-cleanly", test_save_fails_cleanly);

  return g_test_run ();
}
