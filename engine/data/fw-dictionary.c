/* fw-dictionary.c — interned strings of a categorical column
 *
 * An open-addressing hash over codes: the import looks up every categorical cell, so this
 * is on the hot path and avoids GHashTable's per-entry nodes and NUL-terminated keys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include "fw-dictionary.h"

struct _FwDictionary
{
  GStringChunk *chunk;
  GPtrArray    *strings;        /* code → string in chunk */
  GArray       *lengths;        /* code → guint32 byte length */
  GArray       *hashes;         /* code → guint32 hash */
  guint32      *slots;          /* code + 1, 0 = empty */
  guint         n_slots;        /* power of two */
  gsize         string_bytes;
};

static inline guint32
hash_bytes (const char *str,
            gsize       len)
{
  /* FNV-1a: short category strings dominate, where it is as good as anything. */
  guint32 h = 2166136261u;

  for (gsize i = 0; i < len; i++)
    h = (h ^ (guchar) str[i]) * 16777619u;
  return h;
}

FwDictionary *
fw_dictionary_new (void)
{
  FwDictionary *dict = g_new0 (FwDictionary, 1);

  dict->chunk = g_string_chunk_new (4096);
  dict->strings = g_ptr_array_new ();
  dict->lengths = g_array_new (FALSE, FALSE, sizeof (guint32));
  dict->hashes = g_array_new (FALSE, FALSE, sizeof (guint32));
  dict->n_slots = 16;
  dict->slots = g_new0 (guint32, dict->n_slots);
  return dict;
}

void
fw_dictionary_free (FwDictionary *dict)
{
  if (dict == NULL)
    return;
  g_string_chunk_free (dict->chunk);
  g_ptr_array_unref (dict->strings);
  g_array_unref (dict->lengths);
  g_array_unref (dict->hashes);
  g_free (dict->slots);
  g_free (dict);
}

static void
grow_slots (FwDictionary *dict)
{
  guint n_slots = dict->n_slots * 2;
  guint32 *slots = g_new0 (guint32, n_slots);

  for (guint code = 0; code < dict->strings->len; code++)
    {
      guint i = g_array_index (dict->hashes, guint32, code) & (n_slots - 1);

      while (slots[i] != 0)
        i = (i + 1) & (n_slots - 1);
      slots[i] = code + 1;
    }
  g_free (dict->slots);
  dict->slots = slots;
  dict->n_slots = n_slots;
}

static guint
find_slot (const FwDictionary *dict,
           const char         *str,
           gsize               len,
           guint32             hash)
{
  guint i = hash & (dict->n_slots - 1);

  for (;;)
    {
      guint32 entry = dict->slots[i];
      guint32 code;

      if (entry == 0)
        return i;
      code = entry - 1;
      if (g_array_index (dict->hashes, guint32, code) == hash &&
          g_array_index (dict->lengths, guint32, code) == len &&
          memcmp (g_ptr_array_index (dict->strings, code), str, len) == 0)
        return i;
      i = (i + 1) & (dict->n_slots - 1);
    }
}

guint32
fw_dictionary_intern (FwDictionary *dict,
                      const char   *str,
                      gsize         len)
{
  guint32 hash, code, len32;
  guint slot;

  g_return_val_if_fail (dict != NULL, FW_CODE_MISSING);
  g_return_val_if_fail (str != NULL || len == 0, FW_CODE_MISSING);
  g_return_val_if_fail (len < G_MAXUINT32, FW_CODE_MISSING);

  hash = hash_bytes (str, len);
  slot = find_slot (dict, str, len, hash);
  if (dict->slots[slot] != 0)
    return dict->slots[slot] - 1;

  code = dict->strings->len;
  len32 = (guint32) len;
  g_ptr_array_add (dict->strings, g_string_chunk_insert_len (dict->chunk, str, len));
  g_array_append_val (dict->lengths, len32);
  g_array_append_val (dict->hashes, hash);
  dict->slots[slot] = code + 1;
  dict->string_bytes += len + 1;

  /* Keep the load factor under 1/2 so probes stay short. */
  if (dict->strings->len * 2 > dict->n_slots)
    grow_slots (dict);
  return code;
}

guint32
fw_dictionary_lookup (const FwDictionary *dict,
                      const char         *str)
{
  gsize len;
  guint slot;

  g_return_val_if_fail (dict != NULL, FW_CODE_MISSING);
  g_return_val_if_fail (str != NULL, FW_CODE_MISSING);

  len = strlen (str);
  slot = find_slot (dict, str, len, hash_bytes (str, len));
  return dict->slots[slot] != 0 ? dict->slots[slot] - 1 : FW_CODE_MISSING;
}

const char *
fw_dictionary_get (const FwDictionary *dict,
                   guint32             code)
{
  g_return_val_if_fail (dict != NULL, NULL);
  g_return_val_if_fail (code < dict->strings->len, NULL);

  return g_ptr_array_index (dict->strings, code);
}

guint
fw_dictionary_size (const FwDictionary *dict)
{
  g_return_val_if_fail (dict != NULL, 0);
  return dict->strings->len;
}

gsize
fw_dictionary_memory_size (const FwDictionary *dict)
{
  g_return_val_if_fail (dict != NULL, 0);
  return dict->string_bytes
         + dict->strings->len * (sizeof (gpointer) + 2 * sizeof (guint32))
         + dict->n_slots * sizeof (guint32);
}
