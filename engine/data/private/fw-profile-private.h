/* fw-profile-private.h — what the fw-profile*.c files share (engine-internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-profile.h"

G_BEGIN_DECLS

#define FW_PROFILE_SMALL_DISTINCT 20       /* a numeric target with at most this many values has classes */

/* Kept from profiling so that set_target never has to sort again. */
typedef struct
{
  guint  n_values;              /* distinct values, filled when distinct ≤ FW_PROFILE_SMALL_DISTINCT */
  double values[FW_PROFILE_SMALL_DISTINCT];
  gsize  counts[FW_PROFILE_SMALL_DISTINCT];
  gsize  n_sentinel;            /* cells holding the column's sentinel, when it has one */
} FwNumericExtra;

typedef struct
{
  FwTableProfile public;        /* first, so the public pointer is this struct's */
  FwNumericExtra  *extra;         /* one per column */
} FwProfile;

/* Sorting room for one thread: digit counts and two buffers of keys. */
typedef struct
{
  gsize    *hist;               /* the radix passes' digit counts; owns the block */
  gpointer  keys, tmp;          /* n_rows keys each, 8 bytes wide when any column is float64 */
} FwProfileScratch;

/* Room for @n_rows keys of @width bytes (8 when any column is float64, else 4; 0 when no
 * column holds numbers: nothing is allocated). */
void   fw_profile_scratch_init   (FwProfileScratch *scratch,
                                  gsize             n_rows,
                                  gsize             width);
void   fw_profile_scratch_clear  (FwProfileScratch *scratch);
/* A numeric column's count, missing, min, max, mean, std, quantiles, distinct values,
 * histogram and outliers into @p, and what the target flags need into @extra. */
void   fw_profile_numbers        (const FwColumn   *column,
                                  FwColumnProfile  *p,
                                  FwNumericExtra   *extra,
                                  FwProfileScratch *scratch);

/* Flags columns that copy or relabel an earlier one (FW_ISSUE_DUPLICATE). */
void   fw_profile_flag_duplicates (FwTableProfile *profile,
                                   const FwTable  *table);

/* fw-profile-leak.c: scores every column but @target on @rows into its FwLeakScore and
 * flags the suspected leaks (the previous flags already removed). */
void   fw_profile_check_leaks    (FwTableProfile   *profile,
                                  const FwTable    *table,
                                  guint             target,
                                  const FwLeakRows *rows);
/* fw-profile-leak-text.c: the issue's sentence for one suspected column, and for the @n
 * columns @members that are empty on the same rows; newly allocated. */
char  *fw_profile_leak_message   (const FwColumn    *column,
                                  const FwColumn    *target,
                                  const FwLeakRows  *rows,
                                  const FwLeakScore *leak,
                                  guint              missing_class);
char  *fw_profile_leak_group_message (const FwTable     *table,
                                      const FwColumn    *target,
                                      const FwLeakRows  *rows,
                                      const guint       *members,
                                      guint              n,
                                      const FwLeakScore *leak,
                                      guint              missing_class);
void   fw_profile_add_issue      (FwColumnProfile *p,
                                  FwIssueKind      kind,
                                  char            *message);
/* Frees an FwIssue: the free function of every column's issues array. */
void   fw_profile_issue_free     (gpointer data);
/* A column of category codes: its counts, distinct values and most common values. */
void   fw_profile_codes          (const FwColumn  *column,
                                  FwColumnProfile *p);
/* The issues a column shows without a target, from its profile (and @extra). */
void   fw_profile_flag_issues    (const FwColumn       *column,
                                  FwColumnProfile      *p,
                                  const FwNumericExtra *extra);
/* Counts per code, with one more slot at the end for missing (and out-of-range) codes. */
gsize *fw_profile_count_codes    (const FwColumn *column,
                                  guint          *n_codes);
/* The @k codes with the highest counts, most frequent first, ties by code. */
guint  fw_profile_top_codes      (const gsize *counts,
                                  guint        n_codes,
                                  guint        k,
                                  guint32     *top);
int    fw_profile_percent_digits (double percent);
void   fw_profile_format_number  (double  x,
                                  char   *buf,
                                  gsize   size);

G_END_DECLS
