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
  FW_ISSUE_TARGET_LEAKAGE,      /* predicts the target alone (FW_PROFILE_LEAK_SCORE): "leak" */
  FW_ISSUE_SENTINEL,            /* one stand-in number (−1, 999 …) at the edge: see below */
  FW_ISSUE_DUPLICATE,           /* the same values as an earlier column, or a relabelling */
  FW_ISSUE_FREE_TEXT,           /* prose (FW_KIND_TEXT): left out, as a model cannot read it */
  FW_ISSUE_DATE,                /* dates (FW_KIND_DATETIME): left out as they are */
} FwIssueKind;

#define FW_N_ISSUE_KINDS (FW_ISSUE_DATE + 1)

/* Thresholds, documented here because the messages quote them. */
#define FW_PROFILE_MOSTLY_MISSING_FRACTION   0.40
#define FW_PROFILE_HIGH_CARDINALITY          100
/* A category with more distinct values than this share of its filled cells, and more than
 * FW_PROFILE_UNIQUE_MIN_DISTINCT of them, is nearly one value per row (a name, a code):
 * flagged FW_ISSUE_HIGH_CARDINALITY whatever its count, and dropped by the suggestions. */
#define FW_PROFILE_UNIQUE_FRACTION           0.50
#define FW_PROFILE_UNIQUE_MIN_DISTINCT       20
#define FW_PROFILE_IMBALANCE_FRACTION        0.10
/* A column that alone, fitted out of fold on the rows given, reaches this ROC AUC (macro
 * one-vs-rest for several classes; R² of its per-bin means for a regression) — by its
 * values or by whether it is empty — is a suspected leak.  The strongest honest columns of
 * the shared public tables stay well below: adult.csv's "relationship" 0.78, german_credit's
 * "checking-account" 0.69, credit_card_clients' "PAY_0" 0.71; a copy of the target with 3%
 * noise reaches 0.97.  student_mat.csv's earlier grades G1 (0.91) and G2 (0.96) are flagged:
 * only the user can say they are known before the final grade (they are). */
#define FW_PROFILE_LEAK_SCORE                0.90
/* Tukey's far-out fences, Q1 − 3·IQR and Q3 + 3·IQR: the inner 1.5·IQR fences mark about
 * 0.7% of any normal sample, which would flag nearly every column.  A column whose IQR is
 * 0 (mostly one value) is not flagged: its fences say nothing. */
#define FW_PROFILE_OUTLIER_IQR_FACTOR        3.0
/* More than this share beyond the fences (and more than one value) is a long tail —
 * incomes, loan terms — not a few stray values: not flagged either. */
#define FW_PROFILE_OUTLIER_MAX_FRACTION      0.05
/* A sentinel is a stand-in number such as −1 or 999 meaning "not recorded".  A numeric
 * column with at least three distinct values has one when its smallest or largest value v
 *   - is one of −9999, −999, −99, −9, −1, 0, 9, 99, 999, 9999, 99999, 999999,
 *   - holds at least FW_PROFILE_SENTINEL_MIN_FRACTION of the filled cells, and
 *   - stands apart from the other values: v is negative and every other value is ≥ 0, or
 *     the gap from v to the nearest other value is wider than the other values'
 *     interquartile range.
 * A count whose zeros run on into 1, 2, 3 … is not flagged, nor 0 in a long-tailed amount
 * such as a capital gain: the gap to the next value is small beside the spread. */
#define FW_PROFILE_SENTINEL_MIN_FRACTION     0.05

#define FW_PROFILE_N_QUANTILES      5     /* 5%, 25%, 50%, 75%, 95% */
#define FW_PROFILE_HISTOGRAM_BINS   20
#define FW_PROFILE_TOP_CATEGORIES   10

typedef struct {
  FwIssueKind kind;
  char       *message;          /* translated, plain words */
} FwIssue;

typedef enum {
  FW_LEAK_BY_VALUES,            /* its values (binned) predict the target */
  FW_LEAK_BY_MISSINGNESS,       /* whether it is empty predicts the target */
} FwLeakBy;

/* How well one column predicts the target on its own (fw_table_profile_set_target). */
typedef struct {
  gboolean    checked;          /* scored against a target */
  gboolean    suspected;        /* score ≥ FW_PROFILE_LEAK_SCORE */
  double      values;           /* ROC AUC (R² for a regression) of its binned values, out of
                                   fold; NaN when not scored */
  double      missingness;      /* the same of "is empty" alone; NaN when never empty */
  double      score;            /* the one @by names: missingness when that alone reaches the
                                   threshold, else the larger */
  FwLeakBy    by;
  double      accuracy;         /* classification: share of rows the same rule gets right */
  guint       pattern;          /* columns empty on exactly the same rows share the index of
                                   the first of them; G_MAXUINT when never empty */
} FwLeakScore;

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

  /* FW_ISSUE_SENTINEL: the stand-in value (NaN when none). */
  double          sentinel;
  /* FW_ISSUE_DUPLICATE: the earlier column this one copies or relabels (−1 when none). */
  gint            duplicate_of;
  FwLeakScore     leak;         /* unchecked until a target is set */

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
/* A deep copy (its issues too), for a worker thread to check while the original is read. */
FwTableProfile *fw_table_profile_copy      (const FwTableProfile *profile);
void            fw_table_profile_free      (FwTableProfile *profile);

/* The rows a target is checked on, and its classes. */
typedef struct {
  const gsize        *rows;     /* ascending; the target is present in each */
  gsize               n_rows;
  const guint32      *labels;   /* per table row, the class; NULL: a regression on the
                                   target's numbers */
  guint               n_classes;
  const char *const  *class_names;  /* n_classes names, for messages; may be NULL */
} FwLeakRows;

/* Once a target is chosen: flags class imbalance on it, and scores every other column's
 * leak (FwColumnProfile.leak), flagging FW_ISSUE_TARGET_LEAKAGE at FW_PROFILE_LEAK_SCORE.
 * This one looks at every row with a target, its classes read from the column; training
 * checks only its training rows (fw_recipe_check_leaks).  Calling it again first removes
 * the flags of the previous target. */
void            fw_table_profile_set_target (FwTableProfile *profile,
                                             const FwTable  *table,
                                             guint           target);
/* The same on @rows only (borrowed). */
void            fw_table_profile_set_target_rows (FwTableProfile   *profile,
                                                  const FwTable    *table,
                                                  guint             target,
                                                  const FwLeakRows *rows);
/* The leak scores alone, without a profile: one per column of @table, the target's left
 * unchecked; newly allocated. */
FwLeakScore    *fw_table_leak_scores        (const FwTable    *table,
                                             guint             target,
                                             const FwLeakRows *rows);
/* The same for @n_columns columns outside the table (features made from it, such as the
 * days between two dates), each @rows long as @target is; newly allocated, one per column. */
FwLeakScore    *fw_columns_leak_scores      (const FwColumn *const *columns,
                                             guint                  n_columns,
                                             const FwColumn        *target,
                                             const FwLeakRows      *rows);
/* A suspected leak in plain words, about @what (already quoted as it should read: "Days
 * from “a” to “b”"), predicting the column @target; newly allocated. */
char           *fw_leak_score_describe      (const FwLeakScore *leak,
                                             const char        *what,
                                             const char        *target,
                                             gboolean           regression);

gboolean        fw_column_profile_has_issue (const FwColumnProfile *profile,
                                             FwIssueKind            kind);
/* The sentinel as a recipe writes it ("-1", "999"); NULL when the column has none. */
char           *fw_column_profile_sentinel_text (const FwColumnProfile *profile);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwTableProfile, fw_table_profile_free)

G_END_DECLS
