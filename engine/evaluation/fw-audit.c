/* fw-audit.c — per-group rows, base rates and missingness, and proxies of sensitive columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include "fw-audit-private.h"
#include "fw-profile-private.h"
#include "fw-sensitive.h"
#include "fw-stats.h"
#include "fw-target.h"

G_DEFINE_QUARK (fw-audit-error-quark, fw_audit_error)

#define MAX_BINS (FW_AUDIT_TOP_CATEGORIES + 2)

/* A column cut into categories; the last bin holds the missing cells. */
typedef struct
{
  guint8 *bins;                 /* per row */
  guint   n_bins;
} Bins;

/* The most frequent values each get a bin; the rest share "other". */
static void
cut_codes (const FwColumn *column,
           Bins           *b)
{
  guint n_codes, n_top;
  g_autofree gsize *counts = fw_profile_count_codes (column, &n_codes);
  g_autofree guint8 *bin_of = g_new (guint8, (gsize) n_codes + 1);
  guint32 top[FW_AUDIT_TOP_CATEGORIES];

  n_top = fw_profile_top_codes (counts, n_codes, FW_AUDIT_TOP_CATEGORIES, top);
  memset (bin_of, n_top, n_codes);
  bin_of[n_codes] = n_top + 1;
  for (guint i = 0; i < n_top; i++)
    bin_of[top[i]] = i;
  b->n_bins = n_top + 2;
  for (gsize r = 0; r < column->n_rows; r++)
    b->bins[r] = bin_of[MIN (column->data.codes[r], n_codes)];
}

/* Cut points: every distinct value when there are at most FW_AUDIT_BINS of them, else
 * quantiles; a number's bin is how many cuts are ≤ it. */
static void
cut_numbers (const FwColumn *column,
             Bins           *b)
{
  g_autofree double *sorted = g_new (double, MAX (column->n_rows, 1));
  double cuts[FW_AUDIT_BINS];
  gsize m = 0, distinct = 0, start = 0;
  guint n_cuts = 0;

  for (gsize r = 0; r < column->n_rows; r++)
    if (!isnan (sorted[m] = fw_column_get_number (column, r)))
      m++;
  fw_stats_sort (sorted, m);
  for (gsize i = 0; i < m; i++)
    distinct += i == 0 || sorted[i] != sorted[i - 1];

  if (distinct <= FW_AUDIT_BINS)
    {
      for (gsize i = 1; i < m; i++)
        if (sorted[i] != sorted[i - 1])
          cuts[n_cuts++] = sorted[i];
    }
  else
    /* Equal shares of the rows not yet binned: a value that fills more than a share (a
     * column of mostly zeros) gets a bin of its own and the rest is still cut finely. */
    for (guint left = FW_AUDIT_BINS; left > 1 && start < m; left--)
      {
        gsize i = start + (m - start) / left;

        while (i < m && sorted[i] == sorted[start])
          i++;
        if (i == m)
          break;
        for (start = i; sorted[start - 1] == sorted[i]; start--)
          ;
        cuts[n_cuts++] = sorted[i];
      }
  b->n_bins = n_cuts + 2;

  for (gsize r = 0; r < column->n_rows; r++)
    {
      double x = fw_column_get_number (column, r);
      guint lo = 0, hi = n_cuts;

      if (isnan (x))
        {
          b->bins[r] = n_cuts + 1;
          continue;
        }
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (cuts[mid] <= x)
            lo = mid + 1;
          else
            hi = mid;
        }
      b->bins[r] = lo;
    }
}

static void
cut (const FwColumn *column,
     Bins           *b)
{
  b->bins = g_new (guint8, MAX (column->n_rows, 1));
  if (column->storage == FW_STORAGE_CODES)
    cut_codes (column, b);
  else
    cut_numbers (column, b);
}

double
fw_audit_cramers_v (const gsize *table,
                    guint        n_a,
                    guint        n_b)
{
  g_autofree double *row_sum = g_new0 (double, MAX (n_a, 1));
  g_autofree double *col_sum = g_new0 (double, MAX (n_b, 1));
  double n = 0.0, sum = 0.0, phi2, r_corr, k_corr, denominator;
  guint r = 0, k = 0;

  g_return_val_if_fail (table != NULL || n_a * n_b == 0, 0.0);

  for (guint a = 0; a < n_a; a++)
    for (guint b = 0; b < n_b; b++)
      {
        row_sum[a] += table[a * n_b + b];
        col_sum[b] += table[a * n_b + b];
        n += table[a * n_b + b];
      }
  for (guint a = 0; a < n_a; a++)
    r += row_sum[a] > 0;
  for (guint b = 0; b < n_b; b++)
    k += col_sum[b] > 0;
  if (n < 2 || r < 2 || k < 2)
    return 0.0;

  /* χ²/n = Σ o² / (row · column) − 1; Bergsma (2013) takes out its expected value under
   * independence, (r − 1)(k − 1)/(n − 1), and shrinks r and k to match. */
  for (guint a = 0; a < n_a; a++)
    for (guint b = 0; b < n_b; b++)
      if (table[a * n_b + b] > 0)
        sum += (double) table[a * n_b + b] * table[a * n_b + b] / (row_sum[a] * col_sum[b]);
  phi2 = MAX (0.0, sum - 1.0 - (r - 1.0) * (k - 1.0) / (n - 1.0));
  r_corr = r - (r - 1.0) * (r - 1.0) / (n - 1.0);
  k_corr = k - (k - 1.0) * (k - 1.0) / (n - 1.0);
  denominator = MIN (r_corr - 1.0, k_corr - 1.0);
  return denominator > 0.0 ? CLAMP (sqrt (phi2 / denominator), 0.0, 1.0) : 0.0;
}

/* The target -------------------------------------------------------------------------- */

/* fw-target.h's rules over the rows with a value.  An audit looks at whatever the column
 * holds, so one value, or a yes/no task asked of more classes, is no error here; only a
 * yes/no task has a positive class. */
static gboolean
resolve_target (FwTarget       *t,
                const FwColumn *column,
                FwTask          task,
                const char     *positive,
                GError        **error)
{
  g_autofree gsize *rows = NULL;
  GError *local = NULL;
  gsize n = 0;

  if (column == NULL)
    return TRUE;
  rows = g_new (gsize, MAX (column->n_rows, 1));
  for (gsize r = 0; r < column->n_rows; r++)
    if (!fw_column_is_missing (column, r))
      rows[n++] = r;
  if (fw_target_init (t, column, task, rows, n, &local))
    {
      if (t->task == FW_TASK_BINARY && t->n_classes != 2)
        t->task = FW_TASK_MULTICLASS;
      if (t->task != FW_TASK_BINARY || fw_target_find_positive (t, column, positive, &local))
        return TRUE;
    }
  /* fw-target.h reports in the recipe's domain; every target problem here is the audit's. */
  local->domain = FW_AUDIT_ERROR;
  local->code = FW_AUDIT_ERROR_TARGET;
  g_propagate_error (error, local);
  return FALSE;
}

/* Groups ------------------------------------------------------------------------------ */

/* The groups are fw-sensitive.h's, so the audit and the fairness table list the same. */
typedef struct
{
  const FwColumn *column;
  guint32        *codes;        /* group per row */
  gsize          *contingency;  /* MAX_BINS × n_groups, reused for every column */
} Sensitive;

static void
attribute_init (FwAuditAttribute *attr,
                Sensitive        *s,
                guint             n_columns,
                const FwTarget   *t,
                const FwColumn   *target)
{
  g_auto(GStrv) names = NULL;
  g_autofree double *sums = NULL;
  guint C = MAX (t->n_classes, 1);

  fw_sensitive_groups (s->column, &s->codes, &names);
  attr->name = g_strdup (s->column->name);
  attr->n_groups = g_strv_length (names);
  attr->groups = g_new0 (FwAuditGroup, MAX (attr->n_groups, 1));
  s->contingency = g_new (gsize, (gsize) MAX_BINS * MAX (attr->n_groups, 1));
  for (guint g = 0; g < attr->n_groups; g++)
    {
      FwAuditGroup *group = &attr->groups[g];

      group->value = g_steal_pointer (&names[g]);
      /* fw_sensitive_groups puts the rows with no value last, when there are any. */
      group->missing_value = s->column->n_missing > 0 && g == attr->n_groups - 1;
      group->missing = g_new0 (double, MAX (n_columns, 1));
      group->base_rate = NAN;
      if (t->labels != NULL)
        group->class_shares = g_new0 (double, C);
    }

  /* Class counts (classification) or sums (regression) per group, then shares. */
  sums = g_new0 (double, (gsize) MAX (attr->n_groups, 1) * C);
  for (gsize r = 0; r < s->column->n_rows; r++)
    {
      guint32 g = s->codes[r];

      attr->groups[g].rows++;
      if (t->labels != NULL && t->labels[r] != FW_TARGET_NO_LABEL)
        sums[g * C + t->labels[r]] += 1.0;
      else if (target != NULL && t->labels == NULL && !isnan (fw_column_get_number (target, r)))
        sums[g * C] += fw_column_get_number (target, r);
      else
        continue;
      attr->groups[g].labelled++;
    }
  for (guint g = 0; g < attr->n_groups; g++)
    {
      FwAuditGroup *group = &attr->groups[g];

      if (group->labelled == 0)
        continue;
      for (guint c = 0; group->class_shares != NULL && c < C; c++)
        group->class_shares[c] = sums[g * C + c] / group->labelled;
      if (t->task == FW_TASK_BINARY)
        group->base_rate = group->class_shares[t->positive];
      else if (t->task == FW_TASK_REGRESSION)
        group->base_rate = sums[g * C] / group->labelled;
    }
}

/* Missing shares per group of column @c, and its association with the attribute. */
static void
attribute_add_column (FwAuditAttribute *attr,
                      const Sensitive  *s,
                      const FwColumn   *column,
                      guint             c,
                      const Bins       *cb,
                      GArray           *associations)
{
  guint G = attr->n_groups;

  for (guint g = 0; g < G; g++)
    attr->groups[g].missing[c] = 0.0;
  if (cb != NULL)
    memset (s->contingency, 0, sizeof (gsize) * cb->n_bins * G);
  for (gsize r = 0; r < column->n_rows; r++)
    {
      attr->groups[s->codes[r]].missing[c] += fw_column_is_missing (column, r);
      if (cb != NULL)
        s->contingency[cb->bins[r] * G + s->codes[r]]++;
    }
  for (guint g = 0; g < G; g++)
    attr->groups[g].missing[c] = attr->groups[g].rows > 0
                                 ? attr->groups[g].missing[c] / attr->groups[g].rows : NAN;
  if (cb != NULL)
    {
      FwAuditAssociation a = { c, fw_audit_cramers_v (s->contingency, cb->n_bins, G) };

      g_array_append_val (associations, a);
    }
}

static int
compare_associations (const void *a,
                      const void *b)
{
  const FwAuditAssociation *x = a, *y = b;

  if (x->association != y->association)
    return x->association > y->association ? -1 : 1;
  return x->column < y->column ? -1 : x->column > y->column;
}

static int
compare_gaps (const void *a,
              const void *b)
{
  const FwAuditGap *x = a, *y = b;

  if (x->spread != y->spread)
    return x->spread > y->spread ? -1 : 1;
  return x->column < y->column ? -1 : x->column > y->column;
}

static void
attribute_find_gaps (FwAuditAttribute *attr,
                     guint             n_columns)
{
  GArray *gaps = g_array_new (FALSE, FALSE, sizeof (FwAuditGap));

  for (guint c = 0; c < n_columns; c++)
    {
      FwAuditGap gap = { c, 0.0, G_MAXUINT, G_MAXUINT };

      /* The attribute's own missing group is missing it by definition. */
      if (c == attr->column)
        continue;
      for (guint g = 0; g < attr->n_groups; g++)
        {
          double share = attr->groups[g].missing[c];

          if (attr->groups[g].rows == 0)
            continue;
          if (gap.most == G_MAXUINT || share > attr->groups[gap.most].missing[c])
            gap.most = g;
          if (gap.least == G_MAXUINT || share < attr->groups[gap.least].missing[c])
            gap.least = g;
        }
      if (gap.most == G_MAXUINT)
        continue;
      gap.spread = attr->groups[gap.most].missing[c] - attr->groups[gap.least].missing[c];
      if (gap.spread > FW_AUDIT_MISSING_GAP)
        g_array_append_val (gaps, gap);
    }
  g_array_sort (gaps, compare_gaps);
  attr->n_gaps = gaps->len;
  attr->gaps = (FwAuditGap *) g_array_free (gaps, FALSE);
}

/* The audit --------------------------------------------------------------------------- */

static gboolean
is_sensitive (const FwTable      *table,
              const char *const  *sensitive,
              guint               c)
{
  for (guint a = 0; sensitive[a] != NULL; a++)
    if (fw_table_column_index (table, sensitive[a]) == (int) c)
      return TRUE;
  return FALSE;
}

static gboolean
check_columns (const FwTable      *table,
               const char *const  *sensitive,
               const char         *target,
               GError            **error)
{
  if (target != NULL && fw_table_column_index (table, target) < 0)
    {
      g_set_error (error, FW_AUDIT_ERROR, FW_AUDIT_ERROR_COLUMN,
                   _("The column to predict, “%s”, is not in the table"), target);
      return FALSE;
    }
  for (guint a = 0; sensitive[a] != NULL; a++)
    {
      if (fw_table_column_index (table, sensitive[a]) < 0)
        {
          g_set_error (error, FW_AUDIT_ERROR, FW_AUDIT_ERROR_COLUMN,
                       _("The sensitive column “%s” is not in the table"), sensitive[a]);
          return FALSE;
        }
      if (target != NULL && strcmp (sensitive[a], target) == 0)
        {
          g_set_error (error, FW_AUDIT_ERROR, FW_AUDIT_ERROR_TARGET,
                       _("“%s” cannot be both the column to predict and a sensitive column"),
                       target);
          return FALSE;
        }
    }
  return TRUE;
}

/* One pass per column: its missing shares in every group and, unless it is the target, a
 * sensitive column or free text, its association with every sensitive attribute. */
static gboolean
measure_columns (FwAudit            *audit,
                 Sensitive          *sens,
                 const FwTable      *table,
                 const char *const  *sensitive,
                 GCancellable       *cancellable,
                 GError            **error)
{
  guint A = audit->n_attributes;
  g_autoptr(GPtrArray) associations = g_ptr_array_new_with_free_func (
    (GDestroyNotify) g_array_unref);

  for (guint a = 0; a < A; a++)
    g_ptr_array_add (associations, g_array_new (FALSE, FALSE, sizeof (FwAuditAssociation)));
  for (guint c = 0; c < audit->n_columns; c++)
    {
      const FwColumn *column = fw_table_column (table, c);
      gboolean tested = (int) c != audit->target_column && !is_sensitive (table, sensitive, c) &&
                        column->kind != FW_KIND_IDENTIFIER && column->kind != FW_KIND_TEXT;
      Bins cb = { 0 };

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (tested)
        cut (column, &cb);
      for (guint a = 0; a < A; a++)
        attribute_add_column (&audit->attributes[a], &sens[a], column, c,
                              tested ? &cb : NULL, g_ptr_array_index (associations, a));
      g_free (cb.bins);
    }
  for (guint a = 0; a < A; a++)
    {
      FwAuditAttribute *attr = &audit->attributes[a];
      GArray *array = g_ptr_array_index (associations, a);

      g_array_sort (array, compare_associations);
      attr->n_associations = array->len;
      attr->associations = g_memdup2 (array->data,
                                      MAX (array->len, 1) * sizeof (FwAuditAssociation));
      attribute_find_gaps (attr, audit->n_columns);
      fw_audit_find (audit, a);
    }
  return TRUE;
}

FwAudit *
fw_audit_new (const FwTable      *table,
              const char *const  *sensitive,
              const char         *target,
              FwTask              task,
              const char         *positive,
              GCancellable       *cancellable,
              GError            **error)
{
  g_autoptr(FwAudit) audit = NULL;
  g_autofree Sensitive *sens = NULL;
  const FwColumn *target_column = NULL;
  FwTarget t = FW_TARGET_INIT;
  guint n_attributes = 0, n_columns;
  gboolean ok = FALSE;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (sensitive != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_columns (table, sensitive, target, error))
    goto out;
  target_column = target != NULL ? fw_table_column_by_name (table, target) : NULL;
  if (!resolve_target (&t, target_column, task, positive, error))
    goto out;

  n_attributes = g_strv_length ((char **) sensitive);
  n_columns = fw_table_n_columns (table);
  audit = g_new0 (FwAudit, 1);
  audit->n_rows = fw_table_n_rows (table);
  audit->n_columns = n_columns;
  audit->column_names = g_new0 (char *, n_columns + 1);
  for (guint c = 0; c < n_columns; c++)
    audit->column_names[c] = g_strdup (fw_table_column (table, c)->name);
  audit->target = g_strdup (target);
  audit->target_column = target != NULL ? fw_table_column_index (table, target) : -1;
  audit->task = t.task;
  audit->n_classes = t.n_classes;
  audit->class_names = g_steal_pointer (&t.names);
  audit->positive = t.positive;
  audit->n_attributes = n_attributes;
  audit->attributes = g_new0 (FwAuditAttribute, MAX (n_attributes, 1));
  audit->findings = g_ptr_array_new_with_free_func (fw_audit_finding_free);

  sens = g_new0 (Sensitive, MAX (n_attributes, 1));
  for (guint a = 0; a < n_attributes; a++)
    {
      audit->attributes[a].column = fw_table_column_index (table, sensitive[a]);
      sens[a].column = fw_table_column (table, audit->attributes[a].column);
      attribute_init (&audit->attributes[a], &sens[a], n_columns, &t, target_column);
    }

  if (!measure_columns (audit, sens, table, sensitive, cancellable, error))
    goto out;
  ok = TRUE;

out:
  for (guint a = 0; sens != NULL && a < n_attributes; a++)
    {
      g_free (sens[a].codes);
      g_free (sens[a].contingency);
    }
  fw_target_clear (&t);
  return ok ? g_steal_pointer (&audit) : NULL;
}

void
fw_audit_free (FwAudit *audit)
{
  if (audit == NULL)
    return;
  for (guint a = 0; audit->attributes != NULL && a < audit->n_attributes; a++)
    {
      FwAuditAttribute *attr = &audit->attributes[a];

      for (guint g = 0; g < attr->n_groups; g++)
        {
          g_free (attr->groups[g].value);
          g_free (attr->groups[g].class_shares);
          g_free (attr->groups[g].missing);
        }
      g_free (attr->name);
      g_free (attr->groups);
      g_free (attr->gaps);
      g_free (attr->associations);
    }
  g_free (audit->attributes);
  g_strfreev (audit->column_names);
  g_strfreev (audit->class_names);
  g_free (audit->target);
  if (audit->findings != NULL)
    g_ptr_array_unref (audit->findings);
  g_free (audit);
}
