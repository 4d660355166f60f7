/* fw-model-file.c — the .fwmodel container
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include "fw-atomic-file.h"
#include "fw-json.h"
#include "fw-model-file.h"

#define MAGIC          "FWMODEL"        /* with its NUL: 8 bytes */
#define MAGIC_BYTES    8
#define CHECKSUM_BYTES 32

G_DEFINE_QUARK (fw-model-file-error-quark, fw_model_file_error)

static void
array_free (gpointer data)
{
  FwModelArray *array = data;

  g_free (array->name);
  g_free (array->data);
  g_free (array);
}

void
fw_model_file_free (FwModelFile *model)
{
  if (model == NULL)
    return;
  g_clear_pointer (&model->header, json_object_unref);
  g_clear_pointer (&model->arrays, g_ptr_array_unref);
  g_free (model);
}

const FwModelArray *
fw_model_file_get_array (const FwModelFile *model,
                         const char        *name)
{
  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < model->arrays->len; i++)
    {
      const FwModelArray *array = g_ptr_array_index (model->arrays, i);

      if (strcmp (array->name, name) == 0)
        return array;
    }
  return NULL;
}

/* Bytes go out through the atomic file and into the running checksum alike. */
typedef struct
{
  FwAtomicFile *out;
  GChecksum    *checksum;
} Writer;

static gboolean
put (Writer     *w,
     const void *data,
     gsize       length,
     GError    **error)
{
  g_checksum_update (w->checksum, data, length);
  return fw_atomic_file_write (w->out, data, length, error);
}

static gboolean
put_u32 (Writer  *w,
         guint32  value,
         GError **error)
{
  guint32 le = GUINT32_TO_LE (value);

  return put (w, &le, sizeof le, error);
}

static gboolean
put_floats (Writer       *w,
            const float  *data,
            gsize         n,
            GError      **error)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  return put (w, data, n * sizeof (float), error);
#else
  for (gsize i = 0; i < n; i++)
    {
      guint32 bits;

      memcpy (&bits, data + i, sizeof bits);
      if (!put_u32 (w, bits, error))
        return FALSE;
    }
  return TRUE;
#endif
}

gboolean
fw_model_file_save (GFile              *file,
                    JsonObject         *header,
                    const FwModelArray *arrays,
                    guint               n_arrays,
                    GCancellable       *cancellable,
                    GError            **error)
{
  g_autoptr(FwAtomicFile) out = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  guint8 digest[CHECKSUM_BYTES];
  gsize digest_len = sizeof digest, text_len;
  guint64 n_le;
  Writer w;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (header != NULL, FALSE);
  g_return_val_if_fail (arrays != NULL || n_arrays == 0, FALSE);
  g_return_val_if_fail (n_arrays <= FW_MODEL_FILE_MAX_ARRAYS, FALSE);

  json_node_set_object (root, header);
  text = fw_json_to_data (root, FALSE, &text_len);
  g_return_val_if_fail (text_len <= FW_MODEL_FILE_MAX_HEADER_BYTES, FALSE);

  out = fw_atomic_file_new (file, cancellable, error);
  if (out == NULL)
    return FALSE;
  w = (Writer) { out, checksum };
  if (!put (&w, MAGIC, MAGIC_BYTES, error) ||
      !put_u32 (&w, FW_MODEL_FILE_VERSION, error) ||
      !put_u32 (&w, (guint32) text_len, error) ||
      !put (&w, text, text_len, error) ||
      !put_u32 (&w, n_arrays, error))
    return FALSE;
  for (guint i = 0; i < n_arrays; i++)
    {
      gsize name_len = strlen (arrays[i].name);

      g_return_val_if_fail (name_len > 0 && name_len <= FW_MODEL_FILE_MAX_NAME_BYTES, FALSE);
      n_le = GUINT64_TO_LE ((guint64) arrays[i].n);
      if (!put_u32 (&w, (guint32) name_len, error) ||
          !put (&w, arrays[i].name, name_len, error) ||
          !put (&w, &n_le, sizeof n_le, error) ||
          !put_floats (&w, arrays[i].data, arrays[i].n, error))
        return FALSE;
    }
  g_checksum_get_digest (checksum, digest, &digest_len);
  return fw_atomic_file_write (out, digest, sizeof digest, error) &&
         fw_atomic_file_commit (out, error);
}

/* A cursor that never reads past the end it was given. */
typedef struct
{
  const guint8 *p, *end;
} Reader;

static gboolean
take (Reader        *r,
      gsize          length,
      const guint8 **out)
{
  if ((gsize) (r->end - r->p) < length)
    return FALSE;
  *out = r->p;
  r->p += length;
  return TRUE;
}

static gboolean
take_u32 (Reader  *r,
          guint32 *value)
{
  const guint8 *at;

  if (!take (r, sizeof *value, &at))
    return FALSE;
  memcpy (value, at, sizeof *value);
  *value = GUINT32_FROM_LE (*value);
  return TRUE;
}

static gboolean
take_u64 (Reader  *r,
          guint64 *value)
{
  const guint8 *at;

  if (!take (r, sizeof *value, &at))
    return FALSE;
  memcpy (value, at, sizeof *value);
  *value = GUINT64_FROM_LE (*value);
  return TRUE;
}

static gboolean
corrupt (GError    **error,
         const char *why)
{
  g_set_error (error, FW_MODEL_FILE_ERROR, FW_MODEL_FILE_ERROR_CORRUPT,
               _("This model file is damaged (%s). Export the model again."), why);
  return FALSE;
}

static gboolean
read_arrays (Reader     *r,
             GPtrArray  *arrays,
             GError    **error)
{
  guint32 n_arrays;

  if (!take_u32 (r, &n_arrays) || n_arrays > FW_MODEL_FILE_MAX_ARRAYS)
    return corrupt (error, _("bad number of arrays"));
  for (guint32 i = 0; i < n_arrays; i++)
    {
      const guint8 *name, *data;
      guint32 name_len;
      guint64 n;
      FwModelArray *array;

      if (!take_u32 (r, &name_len) || name_len == 0 || name_len > FW_MODEL_FILE_MAX_NAME_BYTES ||
          !take (r, name_len, &name) || !g_utf8_validate_len ((const char *) name, name_len, NULL))
        return corrupt (error, _("bad array name"));
      /* The count is checked against the bytes left before anything is allocated. */
      if (!take_u64 (r, &n) || n > (guint64) (r->end - r->p) / sizeof (float) ||
          !take (r, (gsize) n * sizeof (float), &data))
        return corrupt (error, _("bad array length"));

      array = g_new0 (FwModelArray, 1);
      array->name = g_strndup ((const char *) name, name_len);
      array->n = (gsize) n;
      array->data = g_new (float, MAX (array->n, 1));
      memcpy (array->data, data, array->n * sizeof (float));
#if G_BYTE_ORDER != G_LITTLE_ENDIAN
      for (gsize k = 0; k < array->n; k++)
        {
          guint32 bits;

          memcpy (&bits, array->data + k, sizeof bits);
          bits = GUINT32_FROM_LE (bits);
          memcpy (array->data + k, &bits, sizeof bits);
        }
#endif
      g_ptr_array_add (arrays, array);
    }
  return TRUE;
}

FwModelFile *
fw_model_file_parse (const guint8 *data,
                     gsize         length,
                     GError      **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(FwModelFile) model = NULL;
  guint8 digest[CHECKSUM_BYTES];
  gsize digest_len = sizeof digest;
  Reader r;
  const guint8 *magic, *text;
  guint32 version, header_len;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length < MAGIC_BYTES || memcmp (data, MAGIC, MAGIC_BYTES) != 0)
    {
      g_set_error (error, FW_MODEL_FILE_ERROR, FW_MODEL_FILE_ERROR_NOT_A_MODEL,
                   _("This is not a Fairway model file."));
      return NULL;
    }
  if (length < MAGIC_BYTES + 8 + 4 + CHECKSUM_BYTES)
    {
      g_set_error (error, FW_MODEL_FILE_ERROR, FW_MODEL_FILE_ERROR_TRUNCATED,
                   _("This model file is incomplete: it ends too early."));
      return NULL;
    }
  r = (Reader) { data, data + length - CHECKSUM_BYTES };
  take (&r, MAGIC_BYTES, &magic);
  take_u32 (&r, &version);
  /* No Fairway ever wrote format 0: that is damage, and "update Fairway" would mislead. */
  if (version == 0)
    {
      corrupt (error, _("bad format version"));
      return NULL;
    }
  if (version > FW_MODEL_FILE_VERSION)
    {
      g_set_error (error, FW_MODEL_FILE_ERROR, FW_MODEL_FILE_ERROR_NEWER_VERSION,
                   _("This model was saved by a newer version of Fairway (format %u); "
                     "update Fairway to open it."), version);
      return NULL;
    }

  /* Everything else is trusted only once the checksum holds. */
  g_checksum_update (checksum, data, length - CHECKSUM_BYTES);
  g_checksum_get_digest (checksum, digest, &digest_len);
  if (memcmp (digest, data + length - CHECKSUM_BYTES, CHECKSUM_BYTES) != 0)
    {
      g_set_error (error, FW_MODEL_FILE_ERROR, FW_MODEL_FILE_ERROR_CORRUPT,
                   _("This model file is damaged or incomplete (its checksum does not match). "
                     "Export the model again."));
      return NULL;
    }

  if (!take_u32 (&r, &header_len) || header_len > FW_MODEL_FILE_MAX_HEADER_BYTES ||
      !take (&r, header_len, &text))
    {
      corrupt (error, _("bad header length"));
      return NULL;
    }
  if (!fw_json_parse (parser, (const char *) text, header_len, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      corrupt (error, _("unreadable header"));
      return NULL;
    }

  model = g_new0 (FwModelFile, 1);
  model->header = json_object_ref (json_node_get_object (root));
  model->arrays = g_ptr_array_new_with_free_func (array_free);
  if (!read_arrays (&r, model->arrays, error))
    return NULL;
  if (r.p != r.end)
    {
      corrupt (error, _("unexpected bytes at the end"));
      return NULL;
    }
  return g_steal_pointer (&model);
}

FwModelFile *
fw_model_file_load (GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_size (info) > FW_MODEL_FILE_MAX_BYTES)
    {
      g_set_error (error, FW_MODEL_FILE_ERROR, FW_MODEL_FILE_ERROR_TOO_LARGE,
                   _("This file is too large to be a Fairway model."));
      return NULL;
    }
  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return NULL;
  return fw_model_file_parse ((const guint8 *) contents, length, error);
}

char *
fw_file_sha256 (GFile         *file,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = g_malloc (1 << 20);
  gssize got;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  while ((got = g_input_stream_read (G_INPUT_STREAM (stream), buffer, 1 << 20, cancellable, error)) > 0)
    g_checksum_update (checksum, buffer, got);
  if (got < 0)
    return NULL;
  return g_strdup (g_checksum_get_string (checksum));
}
