/* fuzz-recipe.c — recipe JSON loading on arbitrary bytes
 *
 * As fw_recipe_load does it: json-glib parses, fw_recipe_new_from_json checks.  A recipe
 * that loads must also save and load again unchanged, since that is what a saved run is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-fuzz.h"
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
  g_autoptr(FwRecipe) recipe = NULL, again = NULL;
  g_autoptr(JsonNode) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *second = NULL;

  if (size == 0 || !json_parser_load_from_data (parser, (const char *) data, (gssize) size, NULL) ||
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

  saved = fw_recipe_to_json (recipe);
  again = fw_recipe_new_from_json (saved, &error);
  if (again == NULL)
    fw_fuzz_fail ("a loaded recipe does not load again once saved: %s", error->message);
  first = json_to_string (saved, FALSE);
  {
    g_autoptr(JsonNode) resaved = fw_recipe_to_json (again);

    second = json_to_string (resaved, FALSE);
  }
  if (g_strcmp0 (first, second) != 0)
    fw_fuzz_fail ("a recipe changes when saved twice:\n%s\n%s", first, second);
  return 0;
}
