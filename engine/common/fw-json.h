/* fw-json.h — small json-glib helpers the engine's writers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Adds @value under @key (or as the next array element when @key is NULL); NaN and the
 * infinities, which JSON cannot hold, become null. */
void fw_json_add_number (JsonBuilder *builder,
                         const char  *key,
                         double       value);

/* @root as JSON text (@pretty: indented by 2), @length bytes without the NUL, which is
 * there.  Every writer of Fairway JSON goes through here: json-glib 1.6 appends ".0" to a
 * double whose shortest form has no point, so 1e+20 came out as "1e+20.0", which no JSON
 * reader accepts; that suffix is removed from numbers (strings are left alone). */
/* The same for a member of @object. */
void     fw_json_object_set_number (JsonObject  *object,
                                    const char  *key,
                                    double       value);
char    *fw_json_to_data    (JsonNode    *root,
                             gboolean     pretty,
                             gsize       *length);

/* Deeper nesting than any file Fairway writes (a model header is about 6 levels deep). */
#define FW_JSON_MAX_DEPTH 64

/* Loads @length bytes of @data into @parser, after the checks json-glib does not make:
 * nesting at most FW_JSON_MAX_DEPTH deep (json-glib recurses once per level, and a few
 * hundred kilobytes of "[" overflow the stack), and no number beyond a double's range
 * (json-glib reads 1e999 as infinity, which no JSON writer can write back).  On failure
 * @error is in JSON_PARSER_ERROR. */
gboolean fw_json_parse      (JsonParser  *parser,
                             const char  *data,
                             gsize        length,
                             GError     **error);

G_END_DECLS
