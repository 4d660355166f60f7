/* test-json.c — fw_json_parse: the checks json-glib does not make, and their callers
 *
 * json-glib recurses once per nesting level (a few hundred kilobytes of "[" overflow the
 * stack) and reads 1e999 as infinity, which it then writes back as "inf.0", not JSON.
 * Recipes and model headers are read through fw_json_parse, so both are refused with a
 * message instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>
#include "fw-json.h"
#include "fw-model-file.h"
#include "fw-recipe.h"

/* Far past the stack json-glib would need: the depth check must come first. */
#define DEEP 300000

static char *
nested (guint depth,
        char  open,
        char  close)
{
  char *text = g_malloc (2 * (gsize) depth + 1);

  memset (text, open, depth);
  memset (text + depth, close, depth);
  text[2 * (gsize) depth] = '\0';
  return text;
}

static gboolean
parse (const char  *text,
       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  return fw_json_parse (parser, text, strlen (text), error);
}

static void
test_depth (void)
{
  g_autofree char *at_limit = nested (FW_JSON_MAX_DEPTH, '[', ']');
  g_autofree char *past_limit = nested (FW_JSON_MAX_DEPTH + 1, '[', ']');
  g_autofree char *deep = nested (DEEP, '[', ']');
  g_autoptr(GError) error = NULL;

  g_assert_true (parse (at_limit, &error));
  g_assert_no_error (error);
  g_assert_false (parse (past_limit, &error));
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (parse (deep, &error));
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* Objects count as levels too; brackets inside strings, escaped quotes or not, do not. */
  {
    GString *objects = g_string_new (NULL);

    for (guint i = 0; i <= FW_JSON_MAX_DEPTH; i++)
      g_string_append (objects, "{\"a\":");
    g_string_append (objects, "1");
    for (guint i = 0; i <= FW_JSON_MAX_DEPTH; i++)
      g_string_append_c (objects, '}');
    g_assert_false (parse (objects->str, &error));
    g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
    g_clear_error (&error);
    g_string_free (objects, TRUE);
  }
  {
    g_autofree char *brackets = nested (FW_JSON_MAX_DEPTH * 2, '[', '[');
    g_autofree char *text = g_strdup_printf ("{\"a\":\"%s\\\"%s\"}", brackets, brackets);

    g_assert_true (parse (text, &error));
    g_assert_no_error (error);
  }
}

static void
test_numbers (void)
{
  static const char *const refused[] = {
    "1e999", "[-1e999]", "{\"a\":[0.5,1e400]}", "{\"a\":{\"b\":-2.5e308}}",
  };
  static const char *const accepted[] = {
    "1.7976931348623157e308", "[-1e-999, 0, 3]", "{\"a\":null,\"b\":\"1e999\"}",
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (parse (refused[i], &error));
      g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
      g_clear_error (&error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_assert_true (parse (accepted[i], &error));
      g_assert_no_error (error);
    }
}

/* A recipe file nested deep enough to overflow json-glib's stack is refused. */
static void
test_recipe_deep (void)
{
  g_autofree char *dir = g_dir_make_tmp ("fw-json-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "deep.json", NULL);
  g_autofree char *deep = nested (DEEP, '[', ']');
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwRecipe) recipe = NULL;

  g_assert_true (g_file_set_contents (path, deep, -1, NULL));
  recipe = fw_recipe_load (file, &error);
  g_assert_null (recipe);
  g_assert_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "deep"));
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A well-sealed model file (right checksum) whose header is deep or holds 1e999. */
static guint8 *
sealed_model (const char *header,
              gsize      *length)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  GByteArray *bytes = g_byte_array_new ();
  guint32 version = GUINT32_TO_LE (1), header_len = GUINT32_TO_LE ((guint32) strlen (header));
  guint32 n_arrays = 0;
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  g_byte_array_append (bytes, (const guint8 *) "FWMODEL", 8);
  g_byte_array_append (bytes, (const guint8 *) &version, 4);
  g_byte_array_append (bytes, (const guint8 *) &header_len, 4);
  g_byte_array_append (bytes, (const guint8 *) header, (guint) strlen (header));
  g_byte_array_append (bytes, (const guint8 *) &n_arrays, 4);
  g_checksum_update (checksum, bytes->data, bytes->len);
  g_checksum_get_digest (checksum, digest, &digest_len);
  g_byte_array_append (bytes, digest, sizeof digest);
  *length = bytes->len;
  return g_byte_array_free (bytes, FALSE);
}

static void
test_model_header (void)
{
  g_autofree char *deep = nested (DEEP, '[', ']');
  g_autofree char *deep_header = g_strdup_printf ("{\"a\":%s}", deep);
  const char *const headers[] = { deep_header, "{\"seconds\":1e999}", "{\"format\":[[-1e309]]}" };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autoptr(GError) error = NULL;
      gsize length;
      g_autofree guint8 *bytes = sealed_model (headers[i], &length);
      g_autoptr(FwModelFile) model = fw_model_file_parse (bytes, length, &error);

      g_assert_null (model);
      g_assert_error (error, FW_MODEL_FILE_ERROR, FW_MODEL_FILE_ERROR_CORRUPT);
    }
  /* The same container with a plain header opens: the refusals above are the header's. */
  {
    g_autoptr(GError) error = NULL;
    gsize length;
    g_autofree guint8 *bytes = sealed_model ("{\"seconds\":1.5}", &length);
    g_autoptr(FwModelFile) model = fw_model_file_parse (bytes, length, &error);

    g_assert_no_error (error);
    g_assert_nonnull (model);
  }
}

/* json-glib 1.6 writes 1e+20 as "1e+20.0"; what Fairway writes must read back, to the bit,
 * and a string that looks like such a number is not touched.  The fuzzer found this with a
 * recipe whose momentum was 2e-12. */
static void
test_exponents_written (void)
{
  static const double values[] = { 1e20, 2e-12, -5e-324, 1e308, 0.5, 3.0, -7.0, 1.25e-5 };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonArray *array;
  gsize length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "1e+20.0");
  json_builder_add_string_value (builder, "2e-12.0 \"1e+20.0\"");
  json_builder_set_member_name (builder, "values");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    json_builder_add_double_value (builder, values[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  for (int pretty = 0; pretty <= 1; pretty++)
    {
      g_clear_pointer (&text, g_free);
      text = fw_json_to_data (root, pretty, &length);
      g_assert_cmpuint (length, ==, strlen (text));
      g_assert_true (fw_json_parse (parser, text, length, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                      "1e+20.0"), ==, "2e-12.0 \"1e+20.0\"");
      array = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                            "values");
      g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (values));
      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        g_assert_cmpfloat (json_array_get_double_element (array, i), ==, values[i]);
    }
  /* Written without the repair, the same tree does not read back: the test tests something. */
  {
    g_autofree char *raw = json_to_string (root, FALSE);

    g_assert_false (fw_json_parse (parser, raw, strlen (raw), NULL));
  }
}

/* json-glib reads the invalid escape "\777" as the byte 0xFF: text that is not UTF-8, which
 * could be stored and then written out as JSON nobody can read.  Refused, in values and in
 * member names; real UTF-8, escaped or not, is kept. */
static void
test_not_utf8 (void)
{
  static const char *const refused[] = {
    "{\"backend\": \"c\\777\"}",
    "[\"\\377\"]",
    "{\"a\\777\": 1}",
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (parse (refused[i], &error));
      g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
      g_clear_error (&error);
    }

  {
    /* JSON's \u escape, plain UTF-8, and a backslash that is itself escaped before 777. */
    const char *kept = "[\"caf\\u00e9\", \"café\", \"\\\\777\"]";
    JsonArray *array;

    g_assert_true (fw_json_parse (parser, kept, strlen (kept), &error));
    g_assert_no_error (error);
    array = json_node_get_array (json_parser_get_root (parser));
    g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "café");
    g_assert_cmpstr (json_array_get_string_element (array, 1), ==, "café");
    g_assert_cmpstr (json_array_get_string_element (array, 2), ==, "\\777");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/json/depth", test_depth);
  g_test_add_func ("/engine/json/numbers", test_numbers);
  g_test_add_func ("/engine/json/recipe-deep", test_recipe_deep);
  g_test_add_func ("/engine/json/model-header", test_model_header);
  g_test_add_func ("/engine/json/exponents-written", test_exponents_written);
  g_test_add_func ("/engine/json/not-utf8", test_not_utf8);

  return g_test_run ();
}
