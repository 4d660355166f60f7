/* fw-audit.h — the data, looked at group by group before anything is trained
 *
 * For each sensitive column, split into the groups fw_sensitive_groups() makes (those the
 * fairness metrics report): per group, the rows, the base rate of the target (the share of
 * the positive class; the mean for regression) and the share of each column that is
 * missing; the columns whose missing share differs between groups by more than
 * FW_AUDIT_MISSING_GAP; and proxies, the columns that reveal the sensitive value anyway.
 *
 * A proxy is measured by Cramér's V with Bergsma's (2013) bias correction between the
 * sensitive groups and the column cut into categories: a category column keeps its
 * FW_AUDIT_TOP_CATEGORIES most frequent values and lumps the rest, a number column is cut
 * into at most FW_AUDIT_BINS quantile bins (its values themselves when it has that few; a
 * value filling more than a bin's share, like the zeros of a mostly-zero column, gets a bin
 * to itself), and a missing cell is a category of its own.  V is 0 for independent columns
 * and 1 when either side's category determines the other's.  FW_AUDIT_PROXY_ASSOCIATION,
 * 0.3, is Cohen's (1988) "medium" effect size for a 2 × 2 table: past it a model can learn
 * much of the sensitive value from the column even when the sensitive column is left out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include "fw-model-spec.h"
#include "fw-table.h"

G_BEGIN_DECLS

#define FW_AUDIT_ERROR (fw_audit_error_quark ())

typedef enum {
  FW_AUDIT_ERROR_COLUMN,        /* a named column is not in the table */
  FW_AUDIT_ERROR_TARGET,        /* the target cannot be used as asked */
} FwAuditError;

#define FW_AUDIT_PROXY_ASSOCIATION 0.3
#define FW_AUDIT_MISSING_GAP       0.10   /* missing shares further apart than this are flagged */
#define FW_AUDIT_BASE_RATE_GAP     0.10   /* base rates further apart than this are flagged */
#define FW_AUDIT_SMALL_GROUP       30     /* fewer rows than this: figures are unreliable */
#define FW_AUDIT_BINS              10
#define FW_AUDIT_TOP_CATEGORIES    50

typedef struct
{
  char            *value;       /* the group's name, as fw_sensitive_groups() gives it */
  gboolean         missing_value;  /* the rows where the sensitive value is missing */
  gsize            rows;
  gsize            labelled;    /* rows whose target is present */
  double           base_rate;   /* binary: share of the positive class; regression: mean;
                                   NaN for several classes, no target or no labelled row */
  double          *class_shares;/* classification: n_classes shares of the labelled rows */
  double          *missing;     /* per table column: share of the group's rows missing it
                                   (NaN for a group with no rows) */
} FwAuditGroup;

typedef struct
{
  guint  column;                /* table column */
  double spread;                /* largest minus smallest missing share, in [0, 1] */
  guint  most, least;           /* groups with the largest and the smallest share */
} FwAuditGap;

typedef struct
{
  guint  column;                /* table column */
  double association;           /* bias-corrected Cramér's V, in [0, 1] */
} FwAuditAssociation;

typedef struct
{
  char               *name;
  guint               column;
  guint               n_groups;
  FwAuditGroup       *groups;   /* in fw_sensitive_groups() order, missing last */
  guint               n_gaps;
  FwAuditGap         *gaps;     /* widest first */
  guint               n_associations;
  FwAuditAssociation *associations;  /* every column tested, strongest first */
} FwAuditAttribute;

typedef enum {
  FW_AUDIT_FINDING_SMALL_GROUP,
  FW_AUDIT_FINDING_BASE_RATE_GAP,
  FW_AUDIT_FINDING_MISSING_GAP,
  FW_AUDIT_FINDING_PROXY,
} FwAuditFindingKind;

typedef struct
{
  FwAuditFindingKind kind;
  guint              attribute; /* index into FwAudit.attributes */
  int                column;    /* the table column it is about; -1 for none */
  char              *message;   /* translated plain words */
} FwAuditFinding;

typedef struct
{
  gsize             n_rows;
  guint             n_columns;
  char            **column_names;   /* n_columns + NULL */
  char             *target;         /* NULL when none was given */
  int               target_column;  /* -1 when none */
  FwTask            task;           /* FW_TASK_AUTO when there is no target */
  guint             n_classes;
  char            **class_names;    /* n_classes + NULL; NULL for regression */
  int               positive;       /* binary: index into class_names; else -1 */
  guint             n_attributes;
  FwAuditAttribute *attributes;
  GPtrArray        *findings;       /* FwAuditFinding*; per attribute: small groups, base
                                       rates, missing gaps, proxies */
} FwAudit;

GQuark   fw_audit_error_quark (void);

/* Audits @table for each column named in @sensitive (NULL-terminated).  @target may be NULL
 * (no base rates); @task FW_TASK_AUTO decides as fw_dataset_prepare does (words and up to
 * 20 whole numbers are classes); @positive NULL picks "1", "yes", "true", else the rarer of
 * two classes.  Columns that are identifiers or free text are not tested as proxies, nor are
 * the target and the other sensitive columns, which are measured rather than learned from. */
FwAudit *fw_audit_new         (const FwTable      *table,
                               const char *const  *sensitive,
                               const char         *target,
                               FwTask              task,
                               const char         *positive,
                               GCancellable       *cancellable,
                               GError            **error);
void     fw_audit_free        (FwAudit *audit);
/* Adds one object to @builder: {"rows":…,"target":…,"task":…,"classes":[…],"positive":…,
 * "attributes":[{"attribute":…,"groups":[{"value":…,"missing_value":…,"rows":…,"labelled":…,
 * "base_rate":…,"class_shares":{…},"missing":{column: share}}],"missing_gaps":[{"column":…,
 * "spread":…,"most":…,"least":…}] (most, least: group indices),"associations":[{"column":…,
 * "association":…,"proxy":…}]}],
 * "findings":[{"kind":…,"attribute":…,"column":…,"message":…}]}. */
void     fw_audit_to_json     (const FwAudit *audit,
                               JsonBuilder   *builder);

/* Bias-corrected Cramér's V of an @n_rows × @n_columns contingency table of counts
 * (row-major); rows and columns that are all zero are left out.  0 when fewer than two
 * remain on either side. */
double   fw_audit_cramers_v   (const gsize *table,
                               guint        n_rows,
                               guint        n_columns);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwAudit, fw_audit_free)

G_END_DECLS
