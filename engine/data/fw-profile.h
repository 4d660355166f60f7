/* fw-profile.h — what a person needs to know about each column before cleaning it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "fw-table.h"

G_BEGIN_DECLS

typedef enum {
  FW_ISSUE_MOSTLY_MISSING,      /* more than 40% of the cells are missing */
  FW_ISSUE_CONSTANT,            /* one distinct value (or none) */
  FW_ISSUE_IDENTIFIER,          /* one distinct value per row: an ID, not a feature */
  FW_ISSUE_HIGH_CARDINALITY,    /* a category with very many values */
  FW_ISSUE_OUTLIERS,            /* values beyond the far-out fences (below) */
  FW_ISSUE_CLASS_IMBALANCE,     /* the target's rarest class is rare */
  FW_ISSUE_TARGET_LEAKAGE,      /* near-perfect association with the target */
} FwIssueKind;

#define FW_N_ISSUE_KINDS (FW_ISSUE_TARGET_LEAKAGE + 1)

/* Thresholds, documented here because the messages quote them. */
#define FW_PROFILE_MOSTLY_MISSING_FRACTION   0.40
#define FW_PROFILE_HIGH_CARDINALITY          100
#define FW_PROFILE_IMBALANCE_FRACTION        0.10
#define FW_PROFILE_LEAKAGE_ASSOCIATION       0.95
/* Tukey's far-out fences, Q1 − 3·IQR and Q3 + 3·IQR: the inner 1.5·IQR fences mark about
 * 0.7% of any normal sample, which would flag nearly every column.  A column whose IQR is
 * 0 (mostly one value) is not flagged: its fences say nothing. */
#define FW_PROFILE_OUTLIER_IQR_FACTOR        3.0
/* More than this share beyond the fences (and more than one value) is a long tail —
 * incomes, loan terms — not a few stray values: not flagged either. */
#define FW_PROFILE_OUTLIER_MAX_FRACTION      0.05

#define FW_PROFILE_N_QUANTILES      5     /* 5%, 25%, 50%, 75%, 95% */
#define FW_PROFILE_HISTOGRAM_BINS   20
#define FW_PROFILE_TOP_CATEGORIES   10

typedef struct {
  FwIssueKind kind;
  char       *message;          /* translated, plain words */
} FwIssue;

typedef struct {
  const char *value;            /* owned by the column's dictionary */
  gsize       count;
} FwCategoryCount;

typedef struct {
  guint           column;       /* index in the table */
  FwKind          kind;
  gsize           count;        /* cells that are not missing */
  gsize           missing;
  gsize           distinct;     /* exact: sorted copy for numbers, dictionary for the rest */

  /* Columns stored as numbers only (has_numbers); NaN when every cell is missing. */
  gboolean        has_numbers;
  double          min, max, mean, std;          /* std with n − 1, as pandas */
  double          quantiles[FW_PROFILE_N_QUANTILES];  /* linear interpolation, as numpy */
  guint           histogram[FW_PROFILE_HISTOGRAM_BINS]; /* equal width over [min, max] */
  gsize           n_outliers;
  double          outlier_low, outlier_high;    /* the far-out fences */

  /* Columns stored as codes only: the most frequent values, most frequent first. */
  FwCategoryCount top[FW_PROFILE_TOP_CATEGORIES];
  guint           n_top;

  GPtrArray      *issues;       /* FwIssue*, owned */
} FwColumnProfile;

typedef struct {
  gsize            n_rows;
  guint            n_columns;
  FwColumnProfile *columns;
} FwTableProfile;

extern const double fw_profile_quantile_levels[FW_PROFILE_N_QUANTILES];

const char     *fw_issue_kind_to_string    (FwIssueKind kind);

/* Profiles every column; cancellable between columns (returns NULL and G_IO_ERROR_CANCELLED). */
FwTableProfile *fw_table_profile_new       (const FwTable  *table,
                                            FwProgressFunc  progress,
                                            gpointer        progress_data,
                                            GCancellable   *cancellable,
                                            GError        **error);
void            fw_table_profile_free      (FwTableProfile *profile);

/* Once a target is chosen: flags class imbalance on it and suspected leakage on the
 * columns that predict it almost perfectly.  Calling it again with another target first
 * removes the flags of the previous one. */
void            fw_table_profile_set_target (FwTableProfile *profile,
                                             const FwTable  *table,
                                             guint           target);

gboolean        fw_column_profile_has_issue (const FwColumnProfile *profile,
                                             FwIssueKind            kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwTableProfile, fw_table_profile_free)

G_END_DECLS
