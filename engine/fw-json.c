/* fw-json.c — small json-glib helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
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
