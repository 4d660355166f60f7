/* fw-kind.h — deciding what kind of values a column holds (engine-internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-table.h"

G_BEGIN_DECLS

/* Below this many values, "every value is different" says nothing about being an ID. */
#define FW_KIND_IDENTIFIER_MIN_ROWS 10
/* Mean length (in bytes) of distinct values from which a many-valued column is prose. */
#define FW_KIND_TEXT_MIN_MEAN_LENGTH 30

/* Sets column->kind from the values; called once the column is complete. */
void     fw_kind_infer          (FwColumn *column);

gboolean fw_kind_is_boolean_word (const char *str);
/* ISO 8601 dates and date-times: 2024-01-31, 2024/01/31, 2024-01-31T08:30[:00[.5]][Z|+01:00]. */
gboolean fw_kind_is_datetime     (const char *str);
/* Names such as "id", "applicant_id", "CustomerID", "record no". */
gboolean fw_kind_name_suggests_id (const char *name);

G_END_DECLS
