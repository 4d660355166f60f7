/* fw-target-page.c — wizard step 3: choose what to predict and which columns are sensitive
 *
 * The page mirrors the session's recipe: every control writes through
 * fw_session_begin_edit/end_edit, and every "changed" from the session re-reads the
 * recipe into the controls (with @syncing set, so that re-reading does not write back).
 * The column lists are rebuilt only when the table changes.  The first time a target is
 * chosen for a table, the columns whose names say who a person is become sensitive; after
 * that the user's choice stands.  The data audit (fw-audit.h) is computed again whenever
 * the target, its positive answer or the sensitive columns change.
 *
 * This file builds the lists and reads the recipe into them; what the controls write is
 * fw-target-page-edits.c, the audit fw-target-page-audit.c, the target's warnings
 * fw-target-page-issues.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include "fw-sensitive.h"
#include "fw-sensitive-traits.h"
#include "fw-target-choice.h"
#include "fw-target-page-private.h"

/* Past this many, the unsuitable columns are summed up rather than listed. */
#define MAX_LISTED_UNSUITABLE 50

G_DEFINE_FINAL_TYPE (FwTargetPage, fw_target_page, GTK_TYPE_WIDGET)

/* Building the lists, once per table. */

static GtkWidget *
sensitive_row (FwTargetPage          *self,
               const FwColumn        *column,
               const FwColumnProfile *profile,
               FwTraitEvidence        by)
{
  GtkWidget *row = fw_target_page_plain_row (column->name, NULL);
  GtkWidget *sw = gtk_switch_new ();
  g_autofree char *subtitle = NULL;
  g_autofree char *groups = NULL;

  if (profile != NULL && profile->distinct <= FW_SENSITIVE_MAX_VALUES)
    groups = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%zu group", "%zu groups",
                                           profile->distinct),
                              profile->distinct);
  else
    groups = g_strdup (_("many values, measured in four ranges"));
  if (by == FW_TRAIT_BY_NAME)
    /* Translators: %s is "2 groups" or similar. */
    subtitle = g_strdup_printf (_("Suggested by its name · %s"), groups);
  else if (by == FW_TRAIT_BY_VALUES)
    /* Translators: %s is "2 groups" or similar; the column's values (such as "male" and
     * "female") say who a person is. */
    subtitle = g_strdup_printf (_("Suggested by its values · %s"), groups);
  else
    subtitle = g_steal_pointer (&groups);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  column->name, -1);
  g_object_set_data_full (G_OBJECT (sw), "fw-column", g_strdup (column->name), g_free);
  fw_target_page_edits_watch_switch (self, GTK_SWITCH (sw));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  g_hash_table_insert (self->switches, column->name, sw);
  return row;
}

static void
rebuild_columns (FwTargetPage *self)
{
  const FwTable *table = fw_session_get_table (self->session);
  const FwTableProfile *profile = fw_session_get_profile (self->session);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint n_unsuitable = 0;

  fw_target_page_clear_rows (self->unsuitable_rows, GTK_WIDGET (self->unsuitable_row));
  fw_target_page_clear_rows (self->sensitive_rows, GTK_WIDGET (self->sensitive_group));
  self->other_sensitive_row = NULL;
  g_hash_table_remove_all (self->switches);
  self->suggested = FALSE;

  g_ptr_array_add (names, (gpointer) _("None chosen"));
  for (guint c = 0; table != NULL && c < fw_table_n_columns (table); c++)
    {
      const FwColumn *column = fw_table_column (table, c);
      g_autofree char *reason = NULL;

      if (fw_target_choice_is_suitable (column, profile != NULL ? &profile->columns[c] : NULL,
                                        &reason))
        g_ptr_array_add (names, column->name);
      else if (n_unsuitable++ < MAX_LISTED_UNSUITABLE)
        {
          GtkWidget *row = fw_target_page_plain_row (column->name, reason);

          adw_expander_row_add_row (self->unsuitable_row, row);
          g_ptr_array_add (self->unsuitable_rows, row);
        }
    }
  g_ptr_array_add (names, NULL);
  g_set_object (&self->targets, gtk_string_list_new ((const char *const *) names->pdata));
  self->syncing = TRUE;
  adw_combo_row_set_model (self->target_row, G_LIST_MODEL (self->targets));
  self->syncing = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->unsuitable_row), n_unsuitable > 0);
  if (n_unsuitable > 0)
    {
      g_autofree char *subtitle =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u column is not offered, and why",
                                      "%u columns are not offered, and why", n_unsuitable),
                         n_unsuitable);

      adw_expander_row_set_subtitle (self->unsuitable_row, subtitle);
    }

  /* Suggested columns in their own rows, the rest folded away. */
  self->other_sensitive_row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->other_sensitive_row),
                                 _("_Other columns"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->other_sensitive_row), TRUE);
  adw_expander_row_set_subtitle (self->other_sensitive_row,
                                 _("Mark any other column that describes a person"));
  /* Suggested ones by rank (sex before age), then every other column in table order. */
  for (int rank = 0; rank <= FW_N_TRAITS; rank++)
    for (guint c = 0; table != NULL && c < fw_table_n_columns (table); c++)
      {
        const FwColumn *column = fw_table_column (table, c);
        FwTraitEvidence by;
        int trait = fw_trait_of_column (column, &by);
        gboolean suggested = trait >= 0;
        GtkWidget *row;

        if (!fw_target_choice_can_be_sensitive (column) ||
            (suggested ? trait != rank : rank != FW_N_TRAITS))
          continue;
        row = sensitive_row (self, column, profile != NULL ? &profile->columns[c] : NULL, by);
        if (suggested)
          {
            adw_preferences_group_add (self->sensitive_group, row);
            g_ptr_array_add (self->sensitive_rows, row);
          }
        else
          adw_expander_row_add_row (self->other_sensitive_row, row);
      }
  adw_preferences_group_add (self->sensitive_group, GTK_WIDGET (self->other_sensitive_row));
  g_ptr_array_add (self->sensitive_rows, self->other_sensitive_row);
}

/* Reading the recipe into the controls. */

static void
fw_target_page_map (GtkWidget *widget)
{
  FwTargetPage *self = FW_TARGET_PAGE (widget);

  GTK_WIDGET_CLASS (fw_target_page_parent_class)->map (widget);
  if (self->session != NULL && fw_session_has_data (self->session))
    fw_target_page_show_issues (self, fw_session_get_recipe (self->session));
}

/* Leaving the page stops the check; it runs again when the page is shown. */
static void
fw_target_page_unmap (GtkWidget *widget)
{
  fw_target_page_stop_checking (FW_TARGET_PAGE (widget));
  GTK_WIDGET_CLASS (fw_target_page_parent_class)->unmap (widget);
}

static void
show_task (FwTargetPage   *self,
           const FwRecipe *recipe)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTargetChoice) choice = NULL;

  if (recipe->target == NULL)
    {
      adw_action_row_set_subtitle (self->task_row, _("Choose a column first"));
      gtk_widget_set_visible (GTK_WIDGET (self->positive_row), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->favourable_row), FALSE);
      return;
    }
  choice = fw_target_choice_new (fw_session_get_table (self->session), recipe, &error);
  adw_action_row_set_subtitle (self->task_row, choice != NULL ? choice->sentence : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->positive_row),
                          choice != NULL && choice->task != FW_TASK_REGRESSION);
  gtk_widget_set_visible (GTK_WIDGET (self->favourable_row),
                          choice != NULL && choice->favourable_question != NULL);
  if (choice != NULL && choice->favourable_question != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->favourable_row),
                                     choice->favourable_question);
      adw_action_row_set_subtitle (self->favourable_row, choice->favourable_guessed
        ? _("Guessed from the words; switch it if that is wrong. Fairness is judged by who "
            "gets the good outcome, and for a harmful one by who is wrongly flagged.")
        : _("As you said. Fairness is judged by who gets the good outcome, and for a harmful "
            "one by who is wrongly flagged."));
      gtk_switch_set_active (self->favourable_switch, choice->positive_is_good);
    }
  if (choice == NULL || choice->task == FW_TASK_REGRESSION)
    return;
  g_set_object (&self->classes,
                gtk_string_list_new ((const char *const *) choice->class_names));
  adw_combo_row_set_model (self->positive_row, G_LIST_MODEL (self->classes));
  adw_combo_row_set_selected (self->positive_row,
                              choice->positive >= 0 ? (guint) choice->positive : 0);
}

static void
sync_from_recipe (FwTargetPage *self)
{
  const FwRecipe *recipe = fw_session_get_recipe (self->session);
  GHashTableIter iter;
  gpointer name, sw;
  guint selected = 0;

  self->syncing = TRUE;
  for (guint i = 1; recipe->target != NULL &&
                    i < g_list_model_get_n_items (G_LIST_MODEL (self->targets)); i++)
    if (g_str_equal (gtk_string_list_get_string (self->targets, i), recipe->target))
      selected = i;
  adw_combo_row_set_selected (self->target_row, selected);
  show_task (self, recipe);

  g_hash_table_iter_init (&iter, self->switches);
  while (g_hash_table_iter_next (&iter, &name, &sw))
    {
      gboolean is_target = g_strcmp0 (name, recipe->target) == 0;

      gtk_switch_set_active (sw, !is_target && g_ptr_array_find_with_equal_func (recipe->sensitive,
                                                                                 name, g_str_equal,
                                                                                 NULL));
      gtk_widget_set_sensitive (gtk_widget_get_ancestor (sw, ADW_TYPE_ACTION_ROW), !is_target);
    }
  gtk_switch_set_active (self->as_features_switch, recipe->sensitive_as_features);
  gtk_switch_set_active (self->intersect_switch, recipe->intersect_sensitive);
  gtk_widget_set_sensitive (GTK_WIDGET (self->intersect_row), recipe->sensitive->len >= 2);
  if (recipe->sensitive->len >= 2)
    {
      g_autofree char *subtitle =
        /* Translators: the first two sensitive columns, e.g. “sex” and “age_band”. */
        g_strdup_printf (_("Also look at “%s” and “%s” together, such as women aged 18-25"),
                         (char *) g_ptr_array_index (recipe->sensitive, 0),
                         (char *) g_ptr_array_index (recipe->sensitive, 1));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->intersect_row), subtitle);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->intersect_row),
                                 _("Needs two sensitive columns"));
  self->syncing = FALSE;

  fw_target_page_show_issues (self, recipe);
  fw_target_page_show_audit (self, recipe);
}

static void
session_changed (FwTargetPage *self,
                 guint         parts)
{
  if (parts & FW_SESSION_DATA)
    {
      fw_target_page_stop_checking (self);
      g_clear_pointer (&self->flagged_target, g_free);
      g_clear_pointer (&self->audit_key, g_free);
      gtk_stack_set_visible_child_name (self->stack, fw_session_has_data (self->session)
                                                     ? "choose" : "empty");
      if (fw_session_has_data (self->session))
        rebuild_columns (self);
    }
  if ((parts & (FW_SESSION_DATA | FW_SESSION_STEPS | FW_SESSION_RECIPE))
      && fw_session_has_data (self->session))
    sync_from_recipe (self);
}

static void
fw_target_page_dispose (GObject *object)
{
  FwTargetPage *self = FW_TARGET_PAGE (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  fw_target_page_stop_checking (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_TARGET_PAGE);
  g_clear_object (&self->session);
  g_clear_object (&self->targets);
  g_clear_object (&self->classes);
  g_clear_pointer (&self->audit, fw_audit_free);

  G_OBJECT_CLASS (fw_target_page_parent_class)->dispose (object);
}

static void
fw_target_page_finalize (GObject *object)
{
  FwTargetPage *self = FW_TARGET_PAGE (object);

  g_ptr_array_unref (self->unsuitable_rows);
  g_ptr_array_unref (self->issue_rows);
  g_ptr_array_unref (self->sensitive_rows);
  g_ptr_array_unref (self->audit_groups);
  g_hash_table_unref (self->switches);
  g_free (self->audit_key);
  g_free (self->flagged_target);

  G_OBJECT_CLASS (fw_target_page_parent_class)->finalize (object);
}

static void
fw_target_page_class_init (FwTargetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fw_target_page_dispose;
  widget_class->map = fw_target_page_map;
  widget_class->unmap = fw_target_page_unmap;
  object_class->finalize = fw_target_page_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fw-target-page");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/FairwayML/Fairway/ui/fw-target-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FwTargetPage, stack);
  gtk_widget_class_bind_template_child (widget_class, FwTargetPage, preferences_page);
  gtk_widget_class_bind_template_child (widget_class, FwTargetPage, target_row);
  gtk_widget_class_bind_template_child (widget_class, FwTargetPage, task_row);
  gtk_widget_class_bind_template_child (widget_class, FwTargetPage, positive_row);
  gtk_widget_class_bind_template_child (widget_class, FwTargetPage, favourable_row);
  gtk_widget_class_bind_template_child (widget_class, FwTargetPage, favourable_switch);
  gtk_widget_class_bind_template_child (widget_class, FwTargetPage, unsuitable_row);
  gtk_widget_class_bind_template_child (widget_class, FwTargetPage, target_issues_group);
  gtk_widget_class_bind_template_child (widget_class, FwTargetPage, sensitive_group);
  gtk_widget_class_bind_template_child (widget_class, FwTargetPage, as_features_switch);
  gtk_widget_class_bind_template_child (widget_class, FwTargetPage, intersect_row);
  gtk_widget_class_bind_template_child (widget_class, FwTargetPage, intersect_switch);
  gtk_widget_class_bind_template_child (widget_class, FwTargetPage, audit_intro_group);
  fw_target_page_edits_class_init (widget_class);
}

static void
fw_target_page_init (FwTargetPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->unsuitable_rows = g_ptr_array_new ();
  self->issue_rows = g_ptr_array_new ();
  self->sensitive_rows = g_ptr_array_new ();
  self->audit_groups = g_ptr_array_new ();
  self->switches = g_hash_table_new (g_str_hash, g_str_equal);
  self->targets = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->target_row, G_LIST_MODEL (self->targets));
  fw_target_page_edits_init (self);
}

GtkWidget *
fw_target_page_new (void)
{
  return g_object_new (FW_TYPE_TARGET_PAGE, NULL);
}

void
fw_target_page_set_session (FwTargetPage *self,
                            FwSession    *session)
{
  g_return_if_fail (FW_IS_TARGET_PAGE (self));
  g_return_if_fail (FW_IS_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  g_signal_connect_swapped (session, "changed", G_CALLBACK (session_changed), self);
  session_changed (self, FW_SESSION_DATA | FW_SESSION_RECIPE);
}

AdwComboRow *
fw_target_page_get_target_row (FwTargetPage *self)
{
  g_return_val_if_fail (FW_IS_TARGET_PAGE (self), NULL);
  return self->target_row;
}

GtkSwitch *
fw_target_page_get_favourable_switch (FwTargetPage *self)
{
  g_return_val_if_fail (FW_IS_TARGET_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->favourable_row)) ? self->favourable_switch
                                                                     : NULL;
}

AdwComboRow *
fw_target_page_get_positive_row (FwTargetPage *self)
{
  g_return_val_if_fail (FW_IS_TARGET_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->positive_row)) ? self->positive_row : NULL;
}

const char *
fw_target_page_get_task_sentence (FwTargetPage *self)
{
  g_return_val_if_fail (FW_IS_TARGET_PAGE (self), NULL);
  return adw_action_row_get_subtitle (self->task_row);
}

GtkSwitch *
fw_target_page_get_sensitive_switch (FwTargetPage *self,
                                     const char   *column)
{
  g_return_val_if_fail (FW_IS_TARGET_PAGE (self), NULL);
  return g_hash_table_lookup (self->switches, column);
}

GtkWidget *
fw_target_page_get_audit_group (FwTargetPage *self,
                                const char   *attribute)
{
  g_return_val_if_fail (FW_IS_TARGET_PAGE (self), NULL);

  for (guint i = 0; i < self->audit_groups->len; i++)
    {
      GtkWidget *group = g_ptr_array_index (self->audit_groups, i);

      if (g_strcmp0 (gtk_widget_get_name (group), attribute) == 0)
        return group;
    }
  return NULL;
}

const FwAudit *
fw_target_page_get_audit (FwTargetPage *self)
{
  g_return_val_if_fail (FW_IS_TARGET_PAGE (self), NULL);
  return self->audit;
}
