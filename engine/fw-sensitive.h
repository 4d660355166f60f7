/* fw-sensitive.h — the groups of a sensitive column, as fairness metrics need them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-table.h"

G_BEGIN_DECLS

/* A number column with more distinct values than this is cut into quartile ranges. */
#define FW_SENSITIVE_MAX_VALUES 20

/* One group code per row of @column (missing cells get a "(missing)" group of their own,
 * last), and the group names, NULL-terminated: the column's categories in order of first
 * appearance, its values when a number column has few, else its quartile ranges. */
void fw_sensitive_groups (const FwColumn *column,
                          guint32       **codes,
                          char         ***names);

G_END_DECLS
