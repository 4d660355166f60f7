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
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include "fw-audit-view.h"
#include "fw-sensitive.h"
#include "fw-target-choice.h"
#include "fw-target-page-private.h"
#include "fw-toast.h"

/* Past this many, the unsuitable columns are summed up rather than listed. */
#define MAX_LISTED_UNSUITABLE 50

struct _FwTargetPage
{
  GtkWidget            parent_instance;

  GtkStack            *stack;
  AdwPreferencesPage  *preferences_page;
  AdwComboRow         *target_row;
  AdwActionRow        *task_row;
  AdwComboRow         *positive_row;
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
  char                *flagged_target;  /* the target the profile's flags are for */
  gboolean             syncing;
  gboolean             suggested;     /* sensitive columns were suggested for this table */
};

G_DEFINE_FINAL_TYPE (FwTargetPage, fw_target_page, GTK_TYPE_WIDGET)

static void sync_from_recipe (FwTargetPage *self);

static void
clear_rows (GPtrArray *rows,
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

static GtkWidget *
plain_row (const char *title,
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

/* Edits of the recipe made by the controls. */

/* Cleaning steps applied before a target was chosen may change it (one-hot encoding a
 * yes/no column, say); the column to predict is used as it is, so those steps go, as one
 * undoable edit the user is told about.  Dropping rows where it is missing stays. */
static void
drop_steps_on_target (FwTargetPage *self,
                      const char   *target)
{
  const FwRecipe *recipe = fw_session_get_recipe (self->session);
  g_autoptr(FwRecipe) kept = fw_recipe_new ();
  g_autofree char *title = NULL;
  guint removed = 0;

  for (guint i = 0; i < recipe->steps->len; i++)
    {
      const FwStep *step = g_ptr_array_index (recipe->steps, i);

      if (g_strcmp0 (step->column, target) == 0 && step->kind != FW_STEP_DROP_MISSING_ROWS)
        removed++;
      else
        fw_recipe_add_step (kept, step->kind, g_strdup (step->column), g_strdup (step->constant));
    }
  if (removed == 0)
    return;
  fw_session_set_steps (self->session, kept->steps);
  /* Translators: %u is a number of cleaning steps, %s the column to predict. */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Removed %u cleaning step on “%s”: "
                                        "the column to predict is used as it is",
                                        "Removed %u cleaning steps on “%s”: "
                                        "the column to predict is used as it is",
                                        removed), removed, target);
  fw_toast_show (GTK_WIDGET (self), title);
}

static void
set_target (FwTargetPage *self,
            const char   *name)
{
  const FwTable *table = fw_session_get_table (self->session);
  FwRecipe *recipe = fw_session_begin_edit (self->session);
  guint index;

  g_free (recipe->target);
  recipe->target = g_strdup (name);
  g_clear_pointer (&recipe->positive, g_free);
  recipe->task = FW_TASK_AUTO;
  if (name != NULL && g_ptr_array_find_with_equal_func (recipe->sensitive, name, g_str_equal,
                                                        &index))
    g_ptr_array_remove_index (recipe->sensitive, index);

  /* Suggested once per table; after that the user's choice stands. */
  if (name != NULL && !self->suggested && table != NULL)
    {
      fw_target_choice_suggest_sensitive (table, name, recipe->sensitive);
      self->suggested = TRUE;
    }
  fw_session_end_edit (self->session);
  if (name != NULL)
    drop_steps_on_target (self, name);
}

static void
target_selected (FwTargetPage *self)
{
  guint selected = adw_combo_row_get_selected (self->target_row);

  if (self->syncing || self->session == NULL)
    return;
  set_target (self, selected == 0 || selected == GTK_INVALID_LIST_POSITION
                    ? NULL : gtk_string_list_get_string (self->targets, selected));
}

static void
positive_selected (FwTargetPage *self)
{
  guint selected = adw_combo_row_get_selected (self->positive_row);
  FwRecipe *recipe;

  if (self->syncing || self->session == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  recipe = fw_session_begin_edit (self->session);
  g_free (recipe->positive);
  recipe->positive = g_strdup (gtk_string_list_get_string (self->classes, selected));
  fw_session_end_edit (self->session);
}

static void
sensitive_toggled (GtkSwitch    *sw,
                   GParamSpec   *pspec,
                   FwTargetPage *self)
{
  const char *name = g_object_get_data (G_OBJECT (sw), "fw-column");
  FwRecipe *recipe;
  guint index;
  gboolean listed;

  if (self->syncing || self->session == NULL)
    return;
  recipe = fw_session_begin_edit (self->session);
  listed = g_ptr_array_find_with_equal_func (recipe->sensitive, name, g_str_equal, &index);
  if (gtk_switch_get_active (sw) && !listed)
    g_ptr_array_add (recipe->sensitive, g_strdup (name));
  else if (!gtk_switch_get_active (sw) && listed)
    g_ptr_array_remove_index (recipe->sensitive, index);
  fw_session_end_edit (self->session);
}

static void
option_toggled (FwTargetPage *self)
{
  FwRecipe *recipe;

  if (self->syncing || self->session == NULL)
    return;
  recipe = fw_session_begin_edit (self->session);
  recipe->sensitive_as_features = gtk_switch_get_active (self->as_features_switch);
  recipe->intersect_sensitive = gtk_switch_get_active (self->intersect_switch);
  fw_session_end_edit (self->session);
}

/* Building the lists, once per table. */

static GtkWidget *
sensitive_row (FwTargetPage         *self,
               const FwColumn       *column,
               const FwColumnProfile *profile,
               gboolean              suggested)
{
  GtkWidget *row = plain_row (column->name, NULL);
  GtkWidget *sw = gtk_switch_new ();
  g_autofree char *subtitle = NULL;
  g_autofree char *groups = NULL;

  if (profile != NULL && profile->distinct <= FW_SENSITIVE_MAX_VALUES)
    groups = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%zu group", "%zu groups",
                                           profile->distinct),
                              profile->distinct);
  else
    groups = g_strdup (_("many values, measured in four ranges"));
  subtitle = suggested
             /* Translators: %s is "2 groups" or similar. */
             ? g_strdup_printf (_("Suggested by its name · %s"), groups)
             : g_steal_pointer (&groups);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  column->name, -1);
  g_object_set_data_full (G_OBJECT (sw), "fw-column", g_strdup (column->name), g_free);
  g_signal_connect (sw, "notify::active", G_CALLBACK (sensitive_toggled), self);
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

  clear_rows (self->unsuitable_rows, GTK_WIDGET (self->unsuitable_row));
  clear_rows (self->sensitive_rows, GTK_WIDGET (self->sensitive_group));
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
          GtkWidget *row = plain_row (column->name, reason);

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
  for (int rank = 0; rank <= 16; rank++)
    for (guint c = 0; table != NULL && c < fw_table_n_columns (table); c++)
      {
        const FwColumn *column = fw_table_column (table, c);
        int column_rank = fw_target_choice_sensitive_rank (column->name);
        gboolean suggested = column_rank >= 0;
        GtkWidget *row;

        if (!fw_target_choice_can_be_sensitive (column) ||
            (suggested ? column_rank != rank : rank != 16))
          continue;
        row = sensitive_row (self, column, profile != NULL ? &profile->columns[c] : NULL,
                             suggested);
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
show_target_issues (FwTargetPage   *self,
                    const FwRecipe *recipe)
{
  const FwTable *table = fw_session_get_table (self->session);
  FwTableProfile *profile = (FwTableProfile *) fw_session_get_profile (self->session);
  int target = recipe->target != NULL ? fw_table_column_index (table, recipe->target) : -1;

  clear_rows (self->issue_rows, GTK_WIDGET (self->target_issues_group));
  if (profile == NULL || target < 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->target_issues_group), FALSE);
      return;
    }
  /* The profile's imbalance and leakage flags depend on the target: set them once each. */
  if (g_strcmp0 (self->flagged_target, recipe->target) != 0)
    {
      fw_table_profile_set_target (profile, table, target);
      g_free (self->flagged_target);
      self->flagged_target = g_strdup (recipe->target);
    }
  for (guint c = 0; c < profile->n_columns; c++)
    for (guint i = 0; i < profile->columns[c].issues->len; i++)
      {
        const FwIssue *issue = g_ptr_array_index (profile->columns[c].issues, i);
        GtkWidget *row, *icon;

        if (issue->kind != FW_ISSUE_CLASS_IMBALANCE && issue->kind != FW_ISSUE_TARGET_LEAKAGE)
          continue;
        row = plain_row (fw_table_column (table, c)->name, issue->message);
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

static char *
audit_key (const FwRecipe *recipe)
{
  GString *key = g_string_new (NULL);

  g_string_append_printf (key, "%s\x1f%s\x1f%d", recipe->target ? recipe->target : "",
                          recipe->positive ? recipe->positive : "", recipe->task);
  for (guint i = 0; i < recipe->sensitive->len; i++)
    g_string_append_printf (key, "\x1f%s", (char *) g_ptr_array_index (recipe->sensitive, i));
  return g_string_free (key, FALSE);
}

static void
show_audit (FwTargetPage   *self,
            const FwRecipe *recipe)
{
  g_autofree char *key = audit_key (recipe);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *findings;

  if (g_strcmp0 (key, self->audit_key) == 0)
    return;
  g_free (self->audit_key);
  self->audit_key = g_steal_pointer (&key);
  for (guint i = 0; i < self->audit_groups->len; i++)
    adw_preferences_page_remove (self->preferences_page,
                                 g_ptr_array_index (self->audit_groups, i));
  g_ptr_array_set_size (self->audit_groups, 0);
  g_clear_pointer (&self->audit, fw_audit_free);

  gtk_widget_set_visible (GTK_WIDGET (self->audit_intro_group), TRUE);
  if (recipe->sensitive->len == 0)
    {
      adw_preferences_group_set_description (self->audit_intro_group,
                                             _("Mark a sensitive column to see its groups here."));
      return;
    }
  for (guint i = 0; i < recipe->sensitive->len; i++)
    g_ptr_array_add (names, g_ptr_array_index (recipe->sensitive, i));
  g_ptr_array_add (names, NULL);
  /* On this thread: for the tables people click through, a fraction of a second. */
  self->audit = fw_audit_new (fw_session_get_table (self->session),
                              (const char *const *) names->pdata, recipe->target, recipe->task,
                              recipe->positive, NULL, &error);
  if (self->audit == NULL)
    {
      adw_preferences_group_set_description (self->audit_intro_group, error->message);
      return;
    }
  /* The findings and the tables have headings of their own. */
  gtk_widget_set_visible (GTK_WIDGET (self->audit_intro_group), FALSE);
  findings = fw_audit_view_new_findings (self->audit);
  if (findings != NULL)
    g_ptr_array_add (self->audit_groups, findings);
  for (guint a = 0; a < self->audit->n_attributes; a++)
    g_ptr_array_add (self->audit_groups, fw_audit_view_new_attribute (self->audit, a));
  for (guint i = 0; i < self->audit_groups->len; i++)
    adw_preferences_page_add (self->preferences_page, g_ptr_array_index (self->audit_groups, i));
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
      return;
    }
  choice = fw_target_choice_new (fw_session_get_table (self->session), recipe, &error);
  adw_action_row_set_subtitle (self->task_row, choice != NULL ? choice->sentence : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->positive_row),
                          choice != NULL && choice->task != FW_TASK_REGRESSION);
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

  show_target_issues (self, recipe);
  show_audit (self, recipe);
}

static void
session_changed (FwTargetPage *self,
                 guint         parts)
{
  if (parts & FW_SESSION_DATA)
    {
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
  gtk_widget_class_bind_template_child (widget_class, FwTargetPage, unsuitable_row);
  gtk_widget_class_bind_template_child (widget_class, FwTargetPage, target_issues_group);
  gtk_widget_class_bind_template_child (widget_class, FwTargetPage, sensitive_group);
  gtk_widget_class_bind_template_child (widget_class, FwTargetPage, as_features_switch);
  gtk_widget_class_bind_template_child (widget_class, FwTargetPage, intersect_row);
  gtk_widget_class_bind_template_child (widget_class, FwTargetPage, intersect_switch);
  gtk_widget_class_bind_template_child (widget_class, FwTargetPage, audit_intro_group);
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

  g_signal_connect_swapped (self->target_row, "notify::selected",
                            G_CALLBACK (target_selected), self);
  g_signal_connect_swapped (self->positive_row, "notify::selected",
                            G_CALLBACK (positive_selected), self);
  g_signal_connect_swapped (self->as_features_switch, "notify::active",
                            G_CALLBACK (option_toggled), self);
  g_signal_connect_swapped (self->intersect_switch, "notify::active",
                            G_CALLBACK (option_toggled), self);
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
