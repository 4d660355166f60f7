/* fw-clean-page.c — wizard step 2: review each column and fix what needs fixing
 *
 * Left, one card per column (FwColumnCard) in a grid that makes cards only for the rows on
 * screen, so a table of thousands of columns opens at once; or, on the Preview tab, the
 * first rows of the table as the steps leave it.  Right, the steps in the order they run,
 * each removable, with Undo and Redo (Ctrl+Z, Shift+Ctrl+Z) and "Apply All Suggestions".
 * Everything is read from the session and changed through it: the page redraws from the
 * session's "changed" signal, never from its own clicks.  The source file is never written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-clean-page-private.h"
#include "fw-clean-preview.h"
#include "fw-step-text.h"
#include "fw-table-view.h"
#include "fw-toast.h"

G_DEFINE_FINAL_TYPE (FwCleanPage, fw_clean_page, GTK_TYPE_WIDGET)

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
fw_clean_page_update_summary (FwCleanPage *self)
{
  const FwTableProfile *profile = fw_session_get_profile (self->session);
  guint n_flagged = 0;
  g_autofree char *columns = NULL;
  g_autofree char *text = NULL;

  if (profile == NULL)
    return;
  for (guint i = 0; i < profile->n_columns; i++)
    n_flagged += profile->columns[i].issues != NULL && profile->columns[i].issues->len > 0;
  columns = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u column", "%u columns",
                                          profile->n_columns), profile->n_columns);
  if (n_flagged == 0)
    /* Translators: %s is "12 columns". */
    text = g_strdup_printf (_("%s, none with a problem"), columns);
  else
    /* Translators: %s is "12 columns", %u how many of them have a problem. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u with something to look at",
                                         "%s, %u with something to look at", n_flagged),
                            columns, n_flagged);
  gtk_label_set_text (self->summary_label, text);
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

/* The cleaned table's first rows; made when the Preview tab is shown, not on every click. */
static void
update_preview (FwCleanPage *self)
{
  const FwTable *table = fw_session_get_table (self->session);
  const FwRecipe *recipe = fw_session_get_recipe (self->session);
  g_autoptr(GError) error = NULL;
  FwCleanPreviewSummary summary;
  FwTable *cleaned;
  g_autofree char *text = NULL;
  g_autoptr(GString) note = NULL;

  if (!self->preview_stale || table == NULL ||
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "preview") != 0)
    return;
  self->preview_stale = FALSE;

  cleaned = fw_clean_preview_new (table, recipe->steps, FW_CLEAN_PAGE_PREVIEW_ROWS,
                                  FW_TABLE_VIEW_MAX_COLUMNS, &summary, &error);
  g_clear_object (&self->preview);
  if (cleaned == NULL)
    {
      fw_table_view_set_model (self->preview_view, NULL);
      gtk_label_set_text (self->preview_label, error->message);
      return;
    }
  self->preview = fw_table_model_new (cleaned);
  fw_table_view_set_model (self->preview_view, self->preview);

  note = g_string_new (NULL);
  g_string_append_printf (note, g_dngettext (GETTEXT_PACKAGE,
                                             "The first row after cleaning",
                                             "The first %u rows after cleaning",
                                             fw_table_n_rows (cleaned)),
                          (guint) fw_table_n_rows (cleaned));
  if (summary.n_columns_dropped > 0)
    g_string_append_printf (note, g_dngettext (GETTEXT_PACKAGE, " · %u column dropped",
                                               " · %u columns dropped",
                                               summary.n_columns_dropped),
                            summary.n_columns_dropped);
  if (summary.n_rows_dropped > 0)
    g_string_append_printf (note, g_dngettext (GETTEXT_PACKAGE,
                                               " · %zu row dropped in all",
                                               " · %zu rows dropped in all",
                                               summary.n_rows_dropped),
                            summary.n_rows_dropped);
  if (summary.n_one_hot > 0)
    g_string_append_printf (note, g_dngettext (GETTEXT_PACKAGE, " · %u yes/no column added",
                                               " · %u yes/no columns added", summary.n_one_hot),
                            summary.n_one_hot);
  g_string_append (note, _(". Averages and ranges come from the whole column."));
  gtk_label_set_text (self->preview_label, note->str);
}

static void
update_data (FwCleanPage *self)
{
  const FwTable *table = fw_session_get_table (self->session);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  FwRecipe *old = g_steal_pointer (&self->suggested);
  g_autoptr(GPtrArray) old_features = g_steal_pointer (&self->date_features);

  fw_clean_page_update_suggested (self);
  for (guint i = 0; table != NULL && i < fw_table_n_columns (table); i++)
    g_ptr_array_add (names, fw_table_column (table, i)->name);
  g_ptr_array_add (names, NULL);
  /* The cards rebind to the new table here; only then can the old suggestions go. */
  gtk_string_list_splice (self->columns, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->columns)),
                          (const char *const *) names->pdata);
  g_clear_pointer (&old, fw_recipe_free);
  gtk_stack_set_visible_child_name (self->stack, table != NULL ? "columns" : "empty");
  fw_clean_page_update_summary (self);
  if (table == NULL)
    {
      g_clear_object (&self->preview);
      fw_table_view_set_model (self->preview_view, NULL);
    }
}

static void
session_changed (FwCleanPage *self,
                 guint        parts)
{
  if (parts & FW_SESSION_DATA)
    update_data (self);
  else if (parts & FW_SESSION_RECIPE)
    {
      /* A new target changes what is suggested, and which card is the one to predict. */
      FwRecipe *old = g_steal_pointer (&self->suggested);
      g_autoptr(GPtrArray) old_features = g_steal_pointer (&self->date_features);

      fw_clean_page_update_suggested (self);
      for (guint i = 0; i < self->cards->len; i++)
        fw_column_card_bind (g_ptr_array_index (self->cards, i), self->session,
                             fw_column_card_get_index (g_ptr_array_index (self->cards, i)),
                             self->suggested != NULL ? self->suggested->steps : NULL,
                             self->date_features);
      g_clear_pointer (&old, fw_recipe_free);
    }
  if (parts & (FW_SESSION_DATA | FW_SESSION_STEPS | FW_SESSION_RECIPE))
    {
      fw_clean_page_update_steps (self);
      self->preview_stale = TRUE;
      update_preview (self);
    }
}

static void
setup_card (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            FwCleanPage              *self)
{
  gtk_list_item_set_child (item, fw_column_card_new ());
  /* The card's own buttons take the focus, not the grid cell around them. */
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_card (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           FwCleanPage              *self)
{
  FwColumnCard *card = FW_COLUMN_CARD (gtk_list_item_get_child (item));

  fw_column_card_bind (card, self->session,
                       fw_clean_page_column_at (self, gtk_list_item_get_position (item)),
                       self->suggested != NULL ? self->suggested->steps : NULL,
                       self->date_features);
  g_ptr_array_add (self->cards, card);
}

static void
unbind_card (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             FwCleanPage              *self)
{
  FwColumnCard *card = FW_COLUMN_CARD (gtk_list_item_get_child (item));

  fw_column_card_unbind (card);
  g_ptr_array_remove_fast (self->cards, card);
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

static void
fw_clean_page_dispose (GObject *object)
{
  FwCleanPage *self = FW_CLEAN_PAGE (object);
  GtkWidget *child;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  fw_clean_page_suggest_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_CLEAN_PAGE);
  /* Template children without an id are not disposed with the template. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  g_clear_object (&self->selection);
  g_clear_object (&self->shown);
  g_clear_object (&self->columns);
  g_clear_object (&self->steps);
  g_clear_object (&self->preview);
  g_clear_pointer (&self->suggested, fw_recipe_free);
  g_clear_pointer (&self->date_features, g_ptr_array_unref);

  G_OBJECT_CLASS (fw_clean_page_parent_class)->dispose (object);
}

static void
fw_clean_page_finalize (GObject *object)
{
  FwCleanPage *self = FW_CLEAN_PAGE (object);

  g_ptr_array_unref (self->cards);

  G_OBJECT_CLASS (fw_clean_page_parent_class)->finalize (object);
}

static void
fw_clean_page_class_init (FwCleanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fw_clean_page_dispose;
  object_class->finalize = fw_clean_page_finalize;
  widget_class->map = fw_clean_page_suggest_map;
  widget_class->unmap = fw_clean_page_suggest_unmap;

  g_type_ensure (FW_TYPE_TABLE_VIEW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fw-clean-page");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/FairwayML/Fairway/ui/fw-clean-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FwCleanPage, stack);
  gtk_widget_class_bind_template_child (widget_class, FwCleanPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, FwCleanPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, FwCleanPage, card_grid);
  gtk_widget_class_bind_template_child (widget_class, FwCleanPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FwCleanPage, selection_label);
  gtk_widget_class_bind_template_child (widget_class, FwCleanPage, drop_selected_button);
  gtk_widget_class_bind_template_child (widget_class, FwCleanPage, keep_selected_button);
  gtk_widget_class_bind_template_child (widget_class, FwCleanPage, preview_label);
  gtk_widget_class_bind_template_child (widget_class, FwCleanPage, preview_view);
  gtk_widget_class_bind_template_child (widget_class, FwCleanPage, steps_stack);
  gtk_widget_class_bind_template_child (widget_class, FwCleanPage, steps_list);

  gtk_widget_class_install_action (widget_class, "clean.add-step", "(sss)", add_step_action);
  gtk_widget_class_install_action (widget_class, "clean.remove-step", "u", remove_step_action);
  gtk_widget_class_install_action (widget_class, "clean.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "clean.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "clean.apply-suggestions", NULL,
                                   apply_suggestions_action);
  fw_clean_page_select_class_init (widget_class);
}

static void
fw_clean_page_init (FwCleanPage *self)
{
  GtkListItemFactory *factory;
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cards = g_ptr_array_new ();
  fw_clean_page_suggest_init (self);

  self->columns = gtk_string_list_new (NULL);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_card), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_card), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_card), self);
  gtk_grid_view_set_factory (self->card_grid, factory);
  g_object_unref (factory);
  fw_clean_page_select_init (self);

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

  g_signal_connect_swapped (self->view_stack, "notify::visible-child-name",
                            G_CALLBACK (update_preview), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clean.undo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clean.redo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clean.apply-suggestions", FALSE);
}

GtkWidget *
fw_clean_page_new (void)
{
  return g_object_new (FW_TYPE_CLEAN_PAGE, NULL);
}

void
fw_clean_page_set_session (FwCleanPage *self,
                           FwSession   *session)
{
  g_return_if_fail (FW_IS_CLEAN_PAGE (self));
  g_return_if_fail (FW_IS_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  g_signal_connect_swapped (session, "changed", G_CALLBACK (session_changed), self);
  session_changed (self, FW_SESSION_DATA | FW_SESSION_STEPS | FW_SESSION_RECIPE);
}

GListModel *
fw_clean_page_get_columns (FwCleanPage *self)
{
  g_return_val_if_fail (FW_IS_CLEAN_PAGE (self), NULL);
  return G_LIST_MODEL (self->columns);
}

FwColumnCard *
fw_clean_page_get_card (FwCleanPage *self,
                        guint        index)
{
  g_return_val_if_fail (FW_IS_CLEAN_PAGE (self), NULL);

  for (guint i = 0; i < self->cards->len; i++)
    if (fw_column_card_get_index (g_ptr_array_index (self->cards, i)) == index)
      return g_ptr_array_index (self->cards, i);
  return NULL;
}

GListModel *
fw_clean_page_get_steps (FwCleanPage *self)
{
  g_return_val_if_fail (FW_IS_CLEAN_PAGE (self), NULL);
  return G_LIST_MODEL (self->steps);
}

AdwViewStack *
fw_clean_page_get_view_stack (FwCleanPage *self)
{
  g_return_val_if_fail (FW_IS_CLEAN_PAGE (self), NULL);
  return self->view_stack;
}

FwTableModel *
fw_clean_page_get_preview_model (FwCleanPage *self)
{
  g_return_val_if_fail (FW_IS_CLEAN_PAGE (self), NULL);
  return self->preview;
}

const char *
fw_clean_page_get_summary (FwCleanPage *self)
{
  g_return_val_if_fail (FW_IS_CLEAN_PAGE (self), NULL);
  return gtk_label_get_text (self->summary_label);
}
