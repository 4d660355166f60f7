/* fuzz-recipe.c — recipe JSON loading on arbitrary bytes
 *
 * As fw_recipe_load does it: fw_json_parse (json-glib behind depth and range checks),
 * then fw_recipe_new_from_json.  A recipe that loads must also save as text and load
 * again unchanged, since that is what a saved run is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include "fw-fuzz.h"
#include "fw-json.h"
#include "fw-recipe.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fw_fuzz_make_warnings_fatal ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(JsonParser) reparser = json_parser_new_immutable ();
  g_autoptr(FwRecipe) recipe = NULL, again = NULL;
  g_autoptr(JsonNode) saved = NULL, resaved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *second = NULL;

  if (size == 0 || !fw_json_parse (parser, (const char *) data, size, NULL) ||
      json_parser_get_root (parser) == NULL)
    return 0;
  recipe = fw_recipe_new_from_json (json_parser_get_root (parser), &error);
  if (recipe == NULL)
    {
      fw_fuzz_check_error (error);
      return 0;
    }
  if (!fw_recipe_validate (recipe, &error))
    fw_fuzz_fail ("a loaded recipe does not validate: %s", error->message);

  /* Through text, as fw_recipe_save and fw_recipe_load do it. */
  saved = fw_recipe_to_json (recipe);
  first = fw_json_to_data (saved, FALSE, NULL);
  if (!fw_json_parse (reparser, first, strlen (first), &error))
    fw_fuzz_fail ("a saved recipe is not JSON we read: %s\n%s", error->message, first);
  again = fw_recipe_new_from_json (json_parser_get_root (reparser), &error);
  if (again == NULL)
    fw_fuzz_fail ("a loaded recipe does not load again once saved: %s", error->message);
  resaved = fw_recipe_to_json (again);
  second = fw_json_to_data (resaved, FALSE, NULL);
  if (g_strcmp0 (first, second) != 0)
    fw_fuzz_fail ("a recipe changes when saved twice:\n%s\n%s", first, second);
  return 0;
}
