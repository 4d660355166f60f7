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

G_END_DECLS
