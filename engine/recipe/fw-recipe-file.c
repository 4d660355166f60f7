/* fw-recipe-file.c — recipes as files: saved atomically, read with a size limit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-atomic-file.h"
#include "fw-json.h"
#include "fw-recipe.h"

/* A recipe is a few kilobytes; refuse to read a huge file into memory for one. */
#define MAX_FILE_BYTES (16 * 1024 * 1024)

gboolean
fw_recipe_save (const FwRecipe *recipe,
                GFile          *file,
                GError        **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(FwAtomicFile) out = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (recipe != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Never write a recipe that could not be read back. */
  if (!fw_recipe_validate (recipe, error))
    return FALSE;
  node = fw_recipe_to_json (recipe);
  text = fw_json_to_data (node, TRUE, &length);

  out = fw_atomic_file_new (file, NULL, error);
  return out != NULL &&
         fw_atomic_file_write (out, text, length, error) &&
         fw_atomic_file_write (out, "\n", 1, error) &&
         fw_atomic_file_commit (out, error);
}

static GBytes *
read_bounded (GFile   *file,
              GError **error)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 chunk[16384];
  gssize got;

  if (stream == NULL)
    return NULL;
  while ((got = g_input_stream_read (G_INPUT_STREAM (stream), chunk, sizeof chunk, NULL,
                                     error)) > 0)
    {
      if (bytes->len + (gsize) got > MAX_FILE_BYTES)
        {
          g_set_error_literal (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                               _("The file is far too large to be a recipe"));
          return NULL;
        }
      g_byte_array_append (bytes, chunk, (guint) got);
    }
  if (got < 0)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

FwRecipe *
fw_recipe_load (GFile   *file,
                GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = read_bounded (file, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  parser = json_parser_new_immutable ();
  if (length == 0 || !fw_json_parse (parser, data, length, &parse_error))
    {
      g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                   _("The recipe is not valid JSON: %s"),
                   parse_error != NULL ? parse_error->message : _("the file is empty"));
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                           _("A recipe must be a JSON object"));
      return NULL;
    }
  return fw_recipe_new_from_json (json_parser_get_root (parser), error);
}
