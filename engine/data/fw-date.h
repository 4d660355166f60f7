/* fw-date.h — calendar dates in cells: parts, and days as a number
 *
 * A date is written as the column kinds accept it ("2024-01-31", "2024/01/31", with or
 * without a time after it); the time of day is ignored.  Days are counted from
 * 1970-01-01, so that two dates' difference is the days between them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-table.h"

G_BEGIN_DECLS

/* Reads the date at the start of @text; FALSE when it is none (or not a real day). */
gboolean  fw_date_parse        (const char *text,
                                guint      *year,
                                guint      *month,
                                guint      *day);
/* Days from 1970-01-01 to the date in @text (negative before it); NaN when no date. */
double    fw_date_to_days      (const char *text);
/* The days of every entry of a codes column's dictionary, indexed by code, with one more
 * slot (NaN) for FW_CODE_MISSING's clamp; newly allocated.  NULL for a numeric column. */
double   *fw_column_date_days  (const FwColumn *column);

G_END_DECLS
