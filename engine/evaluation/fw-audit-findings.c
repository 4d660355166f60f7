/* fw-audit-findings.c — what the audit's figures say, in plain words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include "fw-audit-private.h"

/* "“sex” is “female”", for the middle of a sentence. */
static char *
group_phrase (const FwAuditAttribute *attr,
              const FwAuditGroup     *g)
{
  if (g->missing_value)
    return g_strdup_printf (_("“%s” is missing"), attr->name);
  return g_strdup_printf (_("“%s” is “%s”"), attr->name, g->value);
}

static char *
format_percent (double share)
{
  double percent = 100.0 * share;
  /* Whole percents unless that would hide a small share or a fraction. */
  int digits = (percent > 0.0 && percent < 1.0) || fabs (percent - round (percent)) >= 0.05;

  return g_strdup_printf ("%.*f%%", digits, percent);
}

static void
add_finding (FwAudit            *audit,
             FwAuditFindingKind  kind,
             guint               attribute,
             int                 column,
             char               *message)
{
  FwAuditFinding *f = g_new (FwAuditFinding, 1);

  *f = (FwAuditFinding) { kind, attribute, column, message };
  g_ptr_array_add (audit->findings, f);
}

void
fw_audit_finding_free (gpointer data)
{
  FwAuditFinding *f = data;

  g_free (f->message);
  g_free (f);
}

void
fw_audit_find (FwAudit *audit,
               guint    a)
{
  const FwAuditAttribute *attr = &audit->attributes[a];
  int high = -1, low = -1;
  char *message;

  for (guint g = 0; g < attr->n_groups; g++)
    {
      const FwAuditGroup *group = &attr->groups[g];

      if (group->rows > 0 && group->rows < FW_AUDIT_SMALL_GROUP)
        {
          g_autofree char *where = group_phrase (attr, group);

          message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  /* Translators: the second %s is a phrase
                                                   * such as “sex” is “female”. */
                                                  "Only %zu row where %s: figures for this "
                                                  "group are unreliable",
                                                  "Only %zu rows where %s: figures for this "
                                                  "group are unreliable", group->rows),
                                     group->rows, where);
          add_finding (audit, FW_AUDIT_FINDING_SMALL_GROUP, a, -1, message);
        }
      if (isnan (group->base_rate))
        continue;
      if (high < 0 || group->base_rate > attr->groups[high].base_rate)
        high = g;
      if (low < 0 || group->base_rate < attr->groups[low].base_rate)
        low = g;
    }

  if (audit->task == FW_TASK_BINARY && high >= 0 &&
      attr->groups[high].base_rate - attr->groups[low].base_rate > FW_AUDIT_BASE_RATE_GAP)
    {
      g_autofree char *hi_where = group_phrase (attr, &attr->groups[high]);
      g_autofree char *lo_where = group_phrase (attr, &attr->groups[low]);
      g_autofree char *hi = format_percent (attr->groups[high].base_rate);
      g_autofree char *lo = format_percent (attr->groups[low].base_rate);

      /* Translators: “income” is “>50K” for 31% of the rows where “sex” is “male”, but for
       * 11% where “sex” is “female”. */
      message = g_strdup_printf (_("“%s” is “%s” for %s of the rows where %s, but for %s "
                                   "where %s"), audit->target,
                                 audit->class_names[audit->positive], hi, hi_where, lo, lo_where);
      add_finding (audit, FW_AUDIT_FINDING_BASE_RATE_GAP, a, audit->target_column, message);
    }

  for (guint i = 0; i < attr->n_gaps; i++)
    {
      const FwAuditGap *gap = &attr->gaps[i];
      g_autofree char *hi_where = group_phrase (attr, &attr->groups[gap->most]);
      g_autofree char *lo_where = group_phrase (attr, &attr->groups[gap->least]);
      g_autofree char *hi = format_percent (attr->groups[gap->most].missing[gap->column]);
      g_autofree char *lo = format_percent (attr->groups[gap->least].missing[gap->column]);

      /* Translators: “income” is missing in 40% of the rows where “sex” is “female”, but in
       * 5% where “sex” is “male”. */
      message = g_strdup_printf (_("“%s” is missing in %s of the rows where %s, but in %s "
                                   "where %s"), audit->column_names[gap->column], hi,
                                 hi_where, lo, lo_where);
      add_finding (audit, FW_AUDIT_FINDING_MISSING_GAP, a, gap->column, message);
    }

  for (guint i = 0; i < attr->n_associations; i++)
    {
      const FwAuditAssociation *p = &attr->associations[i];

      if (p->association < FW_AUDIT_PROXY_ASSOCIATION)
        break;
      /* Translators: “postcode” predicts “ethnicity” (association 0.62). */
      message = g_strdup_printf (_("“%s” predicts “%s” (association %.2f)"),
                                 audit->column_names[p->column], attr->name, p->association);
      add_finding (audit, FW_AUDIT_FINDING_PROXY, a, p->column, message);
    }
}
