/* fw-target-page-issues.c — the Target step's warnings about the chosen target: class
 * imbalance and suspected leaks, checked on a worker (fw-suggest-job.h) whenever the target,
 * its positive class or the split changes, and each leak's choice (leave it out, or keep it
 * as known in advance)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include "fw-step-offer.h"
#include "fw-suggest-job.h"
#include "fw-target-page-private.h"

/* A suspected leak's row ends with what the person can do about it, or what they did. */
static void
add_leak_choices (GtkWidget      *row,
                  const FwRecipe *recipe,
                  const char     *column)
{
  GtkWidget *suffix;

  if (fw_step_is_dropped (recipe, column))
    suffix = gtk_label_new (_("Left out"));
  else if (g_ptr_array_find_with_equal_func (recipe->known_in_advance, column, g_str_equal,
                                             NULL))
    suffix = gtk_label_new (_("Kept: known in advance"));
  else
    {
      GtkWidget *leave = gtk_button_new_with_mnemonic (_("_Leave Out"));
      GtkWidget *keep = gtk_button_new_with_mnemonic (_("_Known in Advance"));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (leave), "target-page.leave-out");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (leave), "s", column);
      gtk_widget_set_tooltip_text (leave, _("Leave this column out of what the model learns "
                                            "from (a cleaning step you can undo)"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (keep), "target-page.known-in-advance");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (keep), "s", column);
      gtk_widget_set_tooltip_text (keep, _("Keep it: its value is known before the outcome "
                                           "happens"));
      suffix = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (suffix), leave);
      gtk_box_append (GTK_BOX (suffix), keep);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
      return;
    }
  gtk_widget_add_css_class (suffix, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
}

void
fw_target_page_stop_checking (FwTargetPage *self)
{
  if (self->checking != NULL)
    g_cancellable_cancel (self->checking);
  g_clear_object (&self->checking);
  g_clear_pointer (&self->checking_key, g_free);
}

/* The check's flags, in place of the session's profile (the same data, checked). */
static void
target_checked (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FwTargetPage) self = fw_suggest_job_weak_get (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwSuggestions) suggestions = fw_suggest_job_finish (result, &error);
  const FwRecipe *recipe;

  if (self == NULL || self->checking == NULL ||
      g_task_get_cancellable (G_TASK (result)) != self->checking)
    return;
  g_clear_object (&self->checking);
  g_free (self->flagged_target);
  self->flagged_target = g_steal_pointer (&self->checking_key);
  recipe = fw_session_get_recipe (self->session);
  if (suggestions != NULL)
    fw_session_replace_profile (self->session, g_steal_pointer (&suggestions->profile));
  else
    {
      const FwTable *table = fw_session_get_table (self->session);
      int target = fw_table_column_index (table, recipe->target);

      /* A split the check cannot make: flag on every row instead. */
      g_debug ("Leak check on all rows: %s", error->message);
      if (target >= 0)
        fw_table_profile_set_target ((FwTableProfile *) fw_session_get_profile (self->session),
                                     table, (guint) target);
    }
  fw_target_page_show_issues (self, recipe);
}

gboolean
fw_target_page_is_checking (FwTargetPage *self)
{
  g_return_val_if_fail (FW_IS_TARGET_PAGE (self), FALSE);
  return self->checking != NULL;
}

void
fw_target_page_show_issues (FwTargetPage   *self,
                            const FwRecipe *recipe)
{
  const FwTable *table = fw_session_get_table (self->session);
  FwTableProfile *profile = (FwTableProfile *) fw_session_get_profile (self->session);
  int target = recipe->target != NULL ? fw_table_column_index (table, recipe->target) : -1;
  g_autofree char *key = NULL;

  fw_target_page_clear_rows (self->issue_rows, GTK_WIDGET (self->target_issues_group));
  if (profile == NULL || target < 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->target_issues_group), FALSE);
      return;
    }
  /* The imbalance and leak flags depend on the target, its positive class and the split
   * (leaks are scored on the training part only, as training will split it). */
  key = g_strdup_printf ("%s\x1f%s\x1f%" G_GUINT64_FORMAT "\x1f%g\x1f%g", recipe->target,
                         recipe->positive != NULL ? recipe->positive : "", recipe->seed,
                         recipe->split.train, recipe->split.validation);
  if (g_strcmp0 (self->flagged_target, key) != 0)
    {
      GtkWidget *row, *spinner;

      /* On a worker: the check reads every column (fw-suggest-job.h).  A page out of sight
       * checks when it is shown again. */
      if (g_strcmp0 (self->checking_key, key) != 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
        {
          fw_target_page_stop_checking (self);
          self->checking = g_cancellable_new ();
          self->checking_key = g_steal_pointer (&key);
          fw_suggest_job_run_async (NULL, self->session, self->checking, target_checked,
                                    fw_suggest_job_weak_ref (self));
        }
      row = fw_target_page_plain_row (_("Checking columns…"), NULL);
      spinner = gtk_spinner_new ();
      gtk_spinner_start (GTK_SPINNER (spinner));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spinner);
      adw_preferences_group_add (self->target_issues_group, row);
      g_ptr_array_add (self->issue_rows, row);
      gtk_widget_set_visible (GTK_WIDGET (self->target_issues_group), TRUE);
      return;
    }
  for (guint c = 0; c < profile->n_columns; c++)
    for (guint i = 0; i < profile->columns[c].issues->len; i++)
      {
        const FwIssue *issue = g_ptr_array_index (profile->columns[c].issues, i);
        GtkWidget *row, *icon;

        if (issue->kind != FW_ISSUE_CLASS_IMBALANCE && issue->kind != FW_ISSUE_TARGET_LEAKAGE)
          continue;
        row = fw_target_page_plain_row (fw_table_column (table, c)->name, issue->message);
        if (issue->kind == FW_ISSUE_TARGET_LEAKAGE)
          add_leak_choices (row, recipe, fw_table_column (table, c)->name);
        icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
        gtk_widget_add_css_class (icon, "warning");
        gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Warning"), -1);
        adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
        adw_preferences_group_add (self->target_issues_group, row);
        g_ptr_array_add (self->issue_rows, row);
      }
  gtk_widget_set_visible (GTK_WIDGET (self->target_issues_group), self->issue_rows->len > 0);
}
