/* fw-target-page-edits.c — what the Target step's controls write into the recipe
 *
 * Each edit goes through fw_session_begin_edit/end_edit; the session's "changed" brings it
 * back into the controls (fw-target-page.c), with @syncing set so that nothing is written
 * twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-target-choice.h"
#include "fw-target-page-private.h"
#include "fw-toast.h"

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

      if ((g_strcmp0 (step->column, target) == 0 && step->kind != FW_STEP_DROP_MISSING_ROWS) ||
          g_strcmp0 (step->to, target) == 0)
        removed++;
      else
        fw_recipe_append_step (kept, step);
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
  g_clear_pointer (&recipe->favourable, g_free);
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

/* The answer to "Is being predicted “yes” good for the person?", by the rule the Target
 * step's question was asked with. */
static void
favourable_toggled (FwTargetPage *self)
{
  g_autoptr(FwTargetChoice) choice = NULL;
  FwRecipe *recipe;

  if (self->syncing || self->session == NULL)
    return;
  choice = fw_target_choice_new (fw_session_get_table (self->session),
                                 fw_session_get_recipe (self->session), NULL);
  if (choice == NULL || choice->favourable_question == NULL)
    return;
  recipe = fw_session_begin_edit (self->session);
  fw_target_choice_set_favourable (choice, recipe, gtk_switch_get_active (self->favourable_switch));
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

/* A suspected leak: the person leaves it out (one undoable drop step)… */
static void
leave_out_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FwTargetPage *self = FW_TARGET_PAGE (widget);
  const char *column = g_variant_get_string (parameter, NULL);
  g_autofree char *title = NULL;

  if (self->session == NULL)
    return;
  fw_session_add_step (self->session, FW_STEP_DROP_COLUMN, column, NULL);
  /* Translators: %s is a column name. */
  title = g_strdup_printf (_("“%s” left out of what the model learns from"), column);
  fw_toast_show (widget, title);
}

/* … or says it is known before the outcome, which the recipe records. */
static void
known_in_advance_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  FwTargetPage *self = FW_TARGET_PAGE (widget);
  const char *column = g_variant_get_string (parameter, NULL);
  FwRecipe *recipe;

  if (self->session == NULL)
    return;
  recipe = fw_session_begin_edit (self->session);
  if (!g_ptr_array_find_with_equal_func (recipe->known_in_advance, column, g_str_equal, NULL))
    g_ptr_array_add (recipe->known_in_advance, g_strdup (column));
  fw_session_end_edit (self->session);
}

void
fw_target_page_edits_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "target-page.leave-out", "s",
                                   leave_out_action);
  gtk_widget_class_install_action (widget_class, "target-page.known-in-advance", "s",
                                   known_in_advance_action);
}

void
fw_target_page_edits_init (FwTargetPage *self)
{
  g_signal_connect_swapped (self->target_row, "notify::selected",
                            G_CALLBACK (target_selected), self);
  g_signal_connect_swapped (self->positive_row, "notify::selected",
                            G_CALLBACK (positive_selected), self);
  g_signal_connect_swapped (self->favourable_switch, "notify::active",
                            G_CALLBACK (favourable_toggled), self);
  g_signal_connect_swapped (self->as_features_switch, "notify::active",
                            G_CALLBACK (option_toggled), self);
  g_signal_connect_swapped (self->intersect_switch, "notify::active",
                            G_CALLBACK (option_toggled), self);
}

void
fw_target_page_edits_watch_switch (FwTargetPage *self,
                                   GtkSwitch    *sw)
{
  g_signal_connect (sw, "notify::active", G_CALLBACK (sensitive_toggled), self);
}
