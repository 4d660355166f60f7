/* fw-json.c — small json-glib helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include "fw-error.h"
#include "fw-json.h"

void
fw_json_add_number (JsonBuilder *builder,
                    const char  *key,
                    double       value)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));

  if (key != NULL)
    json_builder_set_member_name (builder, key);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
fw_json_object_set_number (JsonObject *object,
                           const char *key,
                           double      value)
{
  g_return_if_fail (object != NULL && key != NULL);

  if (isfinite (value))
    json_object_set_double_member (object, key, value);
  else
    json_object_set_null_member (object, key);
}

/* Brackets outside strings, without parsing: before json-glib recurses into them. */
static gboolean
depth_ok (const char *data,
          gsize       length)
{
  gboolean in_string = FALSE, escaped = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > FW_JSON_MAX_DEPTH)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

typedef enum {
  VALUES_OK,
  VALUES_NOT_FINITE,
  VALUES_NOT_UTF8,              /* json-glib turns an escape such as "\777" into a raw byte */
} ValuesCheck;

/* Recursion as deep as the nesting, which depth_ok has bounded. */
static ValuesCheck
check_values (JsonNode *node)
{
  ValuesCheck check;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            if (!g_utf8_validate (name, -1, NULL))
              return VALUES_NOT_UTF8;
            if ((check = check_values (member)) != VALUES_OK)
              return check;
          }
        return VALUES_OK;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          if ((check = check_values (json_array_get_element (array, i))) != VALUES_OK)
            return check;
        return VALUES_OK;
      }
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
        return isfinite (json_node_get_double (node)) ? VALUES_OK : VALUES_NOT_FINITE;
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return g_utf8_validate (json_node_get_string (node), -1, NULL) ? VALUES_OK
                                                                       : VALUES_NOT_UTF8;
      return VALUES_OK;
    case JSON_NODE_NULL:
    default:
      return VALUES_OK;
    }
}

gboolean
fw_json_parse (JsonParser  *parser,
               const char  *data,
               gsize        length,
               GError     **error)
{
  JsonNode *root;

  g_return_val_if_fail (JSON_IS_PARSER (parser), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (length > G_MAXSSIZE)
    return fw_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                         _("The JSON text is too large"));
  if (!depth_ok (data, length))
    return fw_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                         _("The JSON text nests more than %d levels deep"), FW_JSON_MAX_DEPTH);
  if (!json_parser_load_from_data (parser, data, (gssize) length, error))
    return FALSE;
  root = json_parser_get_root (parser);
  switch (root != NULL ? check_values (root) : VALUES_OK)
    {
    case VALUES_NOT_FINITE:
      return fw_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _("The JSON text holds a number too large to be stored"));
    case VALUES_NOT_UTF8:
      return fw_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _("The JSON text holds text that is not valid UTF-8"));
    case VALUES_OK:
    default:
      return TRUE;
    }
}

/* Drops the ".0" json-glib 1.6 puts after a number written with an exponent and no point
 * ("1e+20.0"): outside strings such a number can only come from that. */
static gsize
repair_exponents (char  *text,
                  gsize  n)
{
  gsize r = 0, w = 0;
  gboolean in_string = FALSE;

  while (r < n)
    {
      char c = text[r];

      if (in_string)
        {
          text[w++] = text[r++];
          if (c == '\\' && r < n)
            text[w++] = text[r++];
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '-' || g_ascii_isdigit (c))
        {
          gsize end = r, len;
          gboolean exponent = FALSE;

          while (end < n && (g_ascii_isdigit (text[end]) || text[end] == '-' ||
                             text[end] == '+' || text[end] == '.' || text[end] == 'e' ||
                             text[end] == 'E'))
            exponent = exponent || text[end] == 'e' || text[end] == 'E', end++;
          len = end - r;
          if (exponent && len > 2 && text[end - 2] == '.' && text[end - 1] == '0' &&
              memchr (text + r, '.', len - 2) == NULL)
            len -= 2;
          memmove (text + w, text + r, len);
          w += len;
          r = end;
        }
      else
        {
          in_string = c == '"';
          text[w++] = text[r++];
        }
    }
  text[w] = '\0';
  return w;
}

char *
fw_json_to_data (JsonNode *root,
                 gboolean  pretty,
                 gsize    *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  char *text;
  gsize n;

  g_return_val_if_fail (root != NULL, NULL);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, &n);
  n = repair_exponents (text, n);
  if (length != NULL)
    *length = n;
  return text;
}
