/* fw-clean-page-steps.c — the Clean step's list of steps, in the order they run, and
 * what changes it: clean.add-step, clean.remove-step, Undo and Redo (Ctrl+Z,
 * Shift+Ctrl+Z), and "Apply All Suggestions" (the suggestions the person's own steps do
 * not already cover, as one edit)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-clean-page-private.h"
#include "fw-clean-preview.h"
#include "fw-step-text.h"
#include "fw-toast.h"

static gboolean
same_step (const FwStep *a,
           const FwStep *b)
{
  return a->kind == b->kind && g_strcmp0 (a->column, b->column) == 0 &&
         g_strcmp0 (a->to, b->to) == 0;
}

/* Whether the person's own steps already cover @step: the same step, a drop of its column,
 * or another fill of it. */
static gboolean
covered (const GPtrArray *steps,
         const FwStep    *step)
{
  for (guint i = 0; i < steps->len; i++)
    {
      const FwStep *own = g_ptr_array_index (steps, i);

      if (g_strcmp0 (own->column, step->column) != 0)
        continue;
      /* Dates put to use are not dropped after all. */
      /* Days between dates stand apart from either date's own steps. */
      if (same_step (own, step) ||
          (own->kind == FW_STEP_DROP_COLUMN && step->kind != FW_STEP_DAYS_BETWEEN) ||
          (own->kind == FW_STEP_DATE_PARTS && step->kind == FW_STEP_DROP_COLUMN) ||
          (fw_clean_step_is_fill (own->kind) && fw_clean_step_is_fill (step->kind)))
        return TRUE;
    }
  return FALSE;
}

/* The steps there are now plus every suggestion they do not cover, in that order. */
static GPtrArray *
merged_suggestions (FwCleanPage *self,
                    guint       *n_added)
{
  const FwRecipe *recipe = fw_session_get_recipe (self->session);
  GPtrArray *merged = g_ptr_array_new ();

  *n_added = 0;
  g_ptr_array_extend (merged, recipe->steps, NULL, NULL);
  for (guint i = 0; self->suggested != NULL && i < self->suggested->steps->len; i++)
    {
      FwStep *step = g_ptr_array_index (self->suggested->steps, i);

      if (covered (recipe->steps, step))
        continue;
      g_ptr_array_add (merged, step);
      (*n_added)++;
    }
  return merged;
}

void
fw_clean_page_update_steps (FwCleanPage *self)
{
  const FwRecipe *recipe = fw_session_get_recipe (self->session);
  g_autoptr(GPtrArray) sentences = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) merged = NULL;
  guint n_added;

  for (guint i = 0; i < recipe->steps->len; i++)
    g_ptr_array_add (sentences, fw_step_describe (g_ptr_array_index (recipe->steps, i)));
  g_ptr_array_add (sentences, NULL);
  gtk_string_list_splice (self->steps, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->steps)),
                          (const char *const *) sentences->pdata);
  gtk_stack_set_visible_child_name (self->steps_stack, recipe->steps->len > 0 ? "list" : "none");

  fw_clean_page_select_update (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clean.undo",
                                 fw_session_can_undo (self->session));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clean.redo",
                                 fw_session_can_redo (self->session));
  merged = merged_suggestions (self, &n_added);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clean.apply-suggestions", n_added > 0);

  for (guint i = 0; i < self->cards->len; i++)
    fw_column_card_refresh (g_ptr_array_index (self->cards, i));
}

static void
setup_step (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            FwCleanPage              *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *number = gtk_label_new (NULL);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_add_css_class (number, "fw-step-number");
  gtk_widget_add_css_class (number, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (number), 1.0f);
  gtk_widget_set_valign (number, GTK_ALIGN_BASELINE);
  gtk_widget_set_valign (label, GTK_ALIGN_BASELINE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove this step"));
  /* A target first: the action takes one, and bind sets the real one. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "u", 0);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "clean.remove-step");
  gtk_box_append (GTK_BOX (row), number);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), remove);
  gtk_list_item_set_child (item, row);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_step (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           FwCleanPage              *self)
{
  GtkWidget *number = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *label = gtk_widget_get_next_sibling (number);
  GtkWidget *remove = gtk_widget_get_next_sibling (label);
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));
  guint position = gtk_list_item_get_position (item);
  g_autofree char *ordinal = g_strdup_printf ("%u", position + 1);
  /* Translators: the accessible name of a step's remove button; %s is the step. */
  g_autofree char *remove_label = g_strdup_printf (_("Remove “%s”"), text);

  gtk_label_set_text (GTK_LABEL (number), ordinal);
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "u", position);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
}

static void
add_step_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  FwCleanPage *self = FW_CLEAN_PAGE (widget);
  const char *kind_name, *column, *constant;
  FwStepKind kind;

  FwStep step = { 0 };

  g_variant_get (parameter, "(&s&s&s)", &kind_name, &column, &constant);
  if (self->session == NULL || !fw_step_kind_parse (kind_name, &kind) ||
      fw_table_column_index (fw_session_get_table (self->session), column) < 0)
    return;
  step.kind = kind;
  step.column = (char *) column;
  /* The third string is the other date for days_between, else the constant. */
  if (kind == FW_STEP_DAYS_BETWEEN)
    {
      if (fw_table_column_index (fw_session_get_table (self->session), constant) < 0)
        return;
      step.to = (char *) constant;
    }
  else if (*constant != '\0')
    step.constant = (char *) constant;
  /* A one-click split groups rare values as the suggestion does. */
  for (guint i = 0; kind == FW_STEP_ONE_HOT && self->suggested != NULL &&
                    i < self->suggested->steps->len; i++)
    {
      const FwStep *suggested = g_ptr_array_index (self->suggested->steps, i);

      if (suggested->kind == FW_STEP_ONE_HOT && g_str_equal (suggested->column, column))
        step.min_count = suggested->min_count;
    }
  fw_session_append_step (self->session, &step);
}

static void
remove_step_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  FwCleanPage *self = FW_CLEAN_PAGE (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (self->session != NULL && index < fw_session_get_recipe (self->session)->steps->len)
    fw_session_remove_step (self->session, index);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FwCleanPage *self = FW_CLEAN_PAGE (widget);

  if (self->session != NULL && fw_session_can_undo (self->session))
    fw_session_undo (self->session);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FwCleanPage *self = FW_CLEAN_PAGE (widget);

  if (self->session != NULL && fw_session_can_redo (self->session))
    fw_session_redo (self->session);
}

static void
apply_suggestions_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  FwCleanPage *self = FW_CLEAN_PAGE (widget);
  g_autoptr(GPtrArray) merged = NULL;
  g_autofree char *title = NULL;
  guint n_added;

  if (self->session == NULL)
    return;
  merged = merged_suggestions (self, &n_added);
  if (n_added == 0)
    return;
  /* One edit, so one Undo takes every suggestion back. */
  fw_session_set_steps (self->session, merged);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u step added", "%u steps added",
                                        n_added), n_added);
  fw_toast_show (GTK_WIDGET (self), title);
}

void
fw_clean_page_steps_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "clean.add-step", "(sss)", add_step_action);
  gtk_widget_class_install_action (widget_class, "clean.remove-step", "u", remove_step_action);
  gtk_widget_class_install_action (widget_class, "clean.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "clean.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "clean.apply-suggestions", NULL,
                                   apply_suggestions_action);
}

void
fw_clean_page_steps_init (FwCleanPage *self)
{
  GtkListItemFactory *factory;
  GtkEventController *shortcuts;

  self->steps = gtk_string_list_new (NULL);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_step), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_step), self);
  gtk_list_view_set_factory (self->steps_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->steps_list,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (
                             G_LIST_MODEL (g_object_ref (self->steps)))));

  /* Managed: they work wherever the focus is in the window, while this page is shown. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                     GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>z"),
                      gtk_named_action_new ("clean.undo")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control><Shift>z"),
                      gtk_named_action_new ("clean.redo")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}
