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
 * appearance, its values when a number column has few, else its quartile ranges, each
 * from one cut up to but not including the next: "< 32", "32 – 44", "45 – 56", "≥ 57" for
 * whole numbers, "< 12.5", "[12.5, 25.5)", "[25.5, 37.5)", "≥ 37.5" otherwise. */
void fw_sensitive_groups (const FwColumn *column,
                          guint32       **codes,
                          char         ***names);

#define FW_SENSITIVE_ERROR (fw_sensitive_error_quark ())

typedef enum {
  FW_SENSITIVE_ERROR_INVALID,   /* a row's code names no group */
} FwSensitiveError;

GQuark fw_sensitive_error_quark (void);

/* Groups of two attributes crossed, named "female × 18-25": every pair of a value seen in
 * @codes_a and one seen in @codes_b, in code order (a first), so pairs with no rows show up
 * as empty groups, as in Fairlearn's MetricFrame over two features.  Fills @codes_out
 * (n codes, g_free) and @names_out (g_strfreev). */
gboolean fw_sensitive_intersect_groups (const guint32      *codes_a,
                                        const char *const  *names_a,
                                        const guint32      *codes_b,
                                        const char *const  *names_b,
                                        gsize               n,
                                        guint32           **codes_out,
                                        char             ***names_out,
                                        GError            **error);

G_END_DECLS
