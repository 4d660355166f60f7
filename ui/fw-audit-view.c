/* fw-audit-view.c — the data audit (fw-audit.h) as preference groups a person can read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include "fw-audit-view.h"
#include "fw-number.h"

/* A bar for a share in [0, 1]: plain, no low/high colours, since a base rate is neither
 * good nor bad. */
static GtkWidget *
share_bar (double share)
{
  GtkWidget *bar = gtk_level_bar_new_for_interval (0.0, 1.0);

  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (share, 0.0, 1.0));
  gtk_widget_set_size_request (bar, 120, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (bar, "fw-base-rate-bar");
  return bar;
}

static char *
base_rate_text (const FwAudit      *audit,
                const FwAuditGroup *group)
{
  if (isnan (group->base_rate))
    return NULL;
  if (audit->task == FW_TASK_REGRESSION)
    /* Translators: the mean of the column to predict in one group of people. */
    return g_strdup_printf (_("average %.3g"), group->base_rate);
  /* Translators: the share of a group with the outcome, e.g. "50 % “yes”". */
  return g_strdup_printf (_("%.0f %% “%s”"), 100.0 * group->base_rate,
                          audit->class_names[audit->positive]);
}

static GtkWidget *
group_row (const FwAudit      *audit,
           const FwAuditGroup *group)
{
  GtkWidget *row = adw_action_row_new ();
  /* Its text comes from the data: plain, never Pango markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_autofree char *count = fw_count_to_display (group->rows);
  g_autofree char *subtitle = NULL;
  g_autofree char *rate = base_rate_text (audit, group);
  double share = audit->n_rows > 0 ? (double) group->rows / audit->n_rows : 0.0;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), group->value);
  /* Translators: "2,468 rows · 49 % of the table". */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row · %.0f %% of the table",
                                           "%s rows · %.0f %% of the table", group->rows),
                              count, 100.0 * share);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (rate != NULL)
    {
      GtkWidget *label = gtk_label_new (rate);

      gtk_widget_add_css_class (label, "numeric");
      gtk_label_set_width_chars (GTK_LABEL (label), 9);
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      if (audit->task != FW_TASK_REGRESSION)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), share_bar (group->base_rate));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  return row;
}

GtkWidget *
fw_audit_view_new_attribute (const FwAudit *audit,
                             guint          attribute)
{
  const FwAuditAttribute *a;
  GtkWidget *group;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  g_return_val_if_fail (audit != NULL, NULL);
  g_return_val_if_fail (attribute < audit->n_attributes, NULL);

  a = &audit->attributes[attribute];
  group = adw_preferences_group_new ();
  /* Group titles and descriptions are Pango markup: names from the file are escaped. */
  name = g_markup_escape_text (a->name, -1);
  /* Translators: a heading; %s is a column such as “sex”. */
  title = g_strdup_printf (_("Groups by “%s”"), name);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (audit->task == FW_TASK_BINARY && audit->positive >= 0)
    /* Translators: %s is the column to predict, %s its positive answer. */
    {
      g_autofree char *target = g_markup_escape_text (audit->target, -1);
      g_autofree char *positive = g_markup_escape_text (audit->class_names[audit->positive], -1);

      description = g_strdup_printf (_("How many rows each group has, and how often “%s” is "
                                       "“%s” in it. A model learns differences like these."),
                                     target, positive);
    }
  else
    description = g_strdup (_("How many rows each group has."));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  for (guint g = 0; g < a->n_groups; g++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), group_row (audit, &a->groups[g]));
  gtk_widget_set_name (group, a->name);
  return group;
}

GtkWidget *
fw_audit_view_new_findings (const FwAudit *audit)
{
  GtkWidget *group;

  g_return_val_if_fail (audit != NULL, NULL);

  if (audit->findings->len == 0)
    return NULL;
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("What to Look Out For"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Found in the data before any model is trained: "
                                           "gaps between groups, and columns that give "
                                           "a group away."));
  for (guint i = 0; i < audit->findings->len; i++)
    {
      const FwAuditFinding *finding = g_ptr_array_index (audit->findings, i);
      GtkWidget *row = adw_action_row_new ();
      /* Its text comes from the data: plain, never Pango markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Warning"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), finding->message);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (row, "fw-finding");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}
