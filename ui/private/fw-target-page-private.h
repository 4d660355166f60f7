/* fw-target-page-private.h — what the Target step's files share, and its tests see
 *
 * fw-target-page.c builds the lists and reads the recipe into them; it calls
 * fw-target-page-edits.c (what the controls write), fw-target-page-audit.c and
 * fw-target-page-issues.c (the target's warnings), none of which calls back: the row
 * helpers they share are inline here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "fw-audit.h"
#include "fw-target-page.h"

G_BEGIN_DECLS

struct _FwTargetPage
{
  GtkWidget            parent_instance;

  GtkStack            *stack;
  AdwPreferencesPage  *preferences_page;
  AdwComboRow         *target_row;
  AdwActionRow        *task_row;
  AdwComboRow         *positive_row;
  AdwActionRow        *favourable_row;    /* "Is being predicted “yes” good for the person?" */
  GtkSwitch           *favourable_switch;
  AdwExpanderRow      *unsuitable_row;
  AdwPreferencesGroup *target_issues_group;
  AdwPreferencesGroup *sensitive_group;
  GtkSwitch           *as_features_switch;
  AdwActionRow        *intersect_row;
  GtkSwitch           *intersect_switch;
  AdwPreferencesGroup *audit_intro_group;

  FwSession           *session;
  GtkStringList       *targets;       /* "None chosen", then the suitable columns */
  GtkStringList       *classes;
  GPtrArray           *unsuitable_rows;
  GPtrArray           *issue_rows;
  GPtrArray           *sensitive_rows;    /* rows of sensitive_group, suggested first */
  AdwExpanderRow      *other_sensitive_row;
  GHashTable          *switches;      /* column name → GtkSwitch, borrowed */
  GPtrArray           *audit_groups;  /* groups added to preferences_page */
  FwAudit             *audit;
  char                *audit_key;     /* what @audit was computed for */
  char                *flagged_target;  /* the target, class and split the flags are for */
  GCancellable        *checking;      /* the leak check on a worker (fw-suggest-job.h) */
  char                *checking_key;  /* what it checks, as flagged_target says it */
  gboolean             syncing;
  gboolean             suggested;     /* sensitive columns were suggested for this table */
};

/* Empties @container (an expander row or a preferences group) of @rows. */
static inline void
fw_target_page_clear_rows (GPtrArray *rows,
                           GtkWidget *container)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      if (ADW_IS_EXPANDER_ROW (container))
        adw_expander_row_remove (ADW_EXPANDER_ROW (container), row);
      else
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (container), row);
    }
  g_ptr_array_set_size (rows, 0);
}

/* A row of a title and a subtitle (may be NULL), both plain text. */
static inline GtkWidget *
fw_target_page_plain_row (const char *title,
                          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

/* fw-target-page-issues.c: the target's imbalance and leak rows for @recipe, checking
 * first (on a worker, while the page is mapped) when they are not for this target yet. */
void           fw_target_page_show_issues          (FwTargetPage   *self,
                                                    const FwRecipe *recipe);
void           fw_target_page_stop_checking        (FwTargetPage   *self);
/* fw-target-page-edits.c: connects the controls that edit the recipe; @sw is a sensitive
 * column's switch, its column name in the "fw-column" data. */
void           fw_target_page_edits_init           (FwTargetPage   *self);
/* The suspected leaks' actions: leave the column out, or vouch it is known in advance. */
void           fw_target_page_edits_class_init     (GtkWidgetClass *widget_class);
void           fw_target_page_edits_watch_switch   (FwTargetPage   *self,
                                                    GtkSwitch      *sw);
/* fw-target-page-audit.c: shows the audit of @recipe's sensitive columns, computed again
 * only when they, the target or its positive class changed. */
void           fw_target_page_show_audit           (FwTargetPage   *self,
                                                    const FwRecipe *recipe);

/* For tests. */
AdwComboRow   *fw_target_page_get_target_row       (FwTargetPage *self);
/* Whether the leak check for the chosen target is still running on its worker. */
gboolean       fw_target_page_is_checking          (FwTargetPage *self);
/* NULL while the target has no classes to choose from. */
AdwComboRow   *fw_target_page_get_positive_row     (FwTargetPage *self);
const char    *fw_target_page_get_task_sentence    (FwTargetPage *self);
/* NULL while the target is not a yes/no question. */
GtkSwitch     *fw_target_page_get_favourable_switch (FwTargetPage *self);
/* The switch that marks @column sensitive; NULL for a column that cannot be. */
GtkSwitch     *fw_target_page_get_sensitive_switch (FwTargetPage *self,
                                                    const char   *column);
/* The audit's group of rows for the sensitive column @attribute, or NULL. */
GtkWidget     *fw_target_page_get_audit_group      (FwTargetPage *self,
                                                    const char   *attribute);
const FwAudit *fw_target_page_get_audit            (FwTargetPage *self);

G_END_DECLS
