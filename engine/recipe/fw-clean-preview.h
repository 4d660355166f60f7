/* fw-clean-preview.h — the first rows of a table as its cleaning steps leave them
 *
 * What the Clean step shows under "Preview": a new, small table made by running the
 * recipe's steps over the first rows of the source, so a person sees dropped columns gone,
 * filled cells filled, extreme values capped, numbers rescaled and categories split into
 * yes/no columns.  The source table is never changed.
 *
 * Statistics a step needs (mean, median, most common value, outlier fences, spread) are
 * fitted over the whole column, or over FW_CLEAN_PREVIEW_FIT_ROWS rows spread evenly
 * through it when it is longer, in step order as training does; training fits them again
 * on its own training rows, so a figure here can differ from the model's in the last digits.
 * Rescaled numbers are shown to four significant digits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-recipe.h"
#include "fw-table.h"

G_BEGIN_DECLS

#define FW_CLEAN_PREVIEW_FIT_ROWS       100000
/* One-hot encoding keeps this many of a column's most common values; the rest are
 * "other", as the trained model's encoding does. */
#define FW_CLEAN_PREVIEW_MAX_CATEGORIES 50

typedef struct
{
  gsize n_rows_kept;            /* rows of the whole table that no step drops */
  gsize n_rows_dropped;         /* rows of the whole table that a step drops */
  guint n_columns_dropped;      /* source columns a step drops */
  guint n_one_hot;              /* yes/no columns built by one-hot encoding */
  gboolean truncated;           /* stopped at max_columns */
} FwCleanPreviewSummary;

/* Runs @steps (FwStep*, in order, as FwRecipe.steps) over @table and returns the first
 * @max_rows rows that survive them, with at most @max_columns columns (0: all).  One-hot
 * columns are named "column=value" and hold 1 or 0; a missing_indicator step's column,
 * "column_was_missing", follows its column and holds 1 where it was missing; a date_parts
 * step's "column_year", "column_month" and "column_weekday" stand for its column.  A step
 * naming a column the table lacks fails with FW_RECIPE_ERROR_COLUMN; a number step on a
 * column of categories with FW_RECIPE_ERROR_INVALID.  @summary may be NULL. */
FwTable *fw_clean_preview_new (const FwTable         *table,
                               const GPtrArray       *steps,
                               gsize                  max_rows,
                               guint                  max_columns,
                               FwCleanPreviewSummary *summary,
                               GError               **error);

/* Whether @kind fills missing cells (mean, median, mode or a constant). */
gboolean fw_clean_step_is_fill (FwStepKind kind);

/* Whether @kind can apply to a column holding numbers (@numeric) or codes. */
gboolean fw_clean_step_applies (FwStepKind kind,
                                gboolean   numeric);

G_END_DECLS
