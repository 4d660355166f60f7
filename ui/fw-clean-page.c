/* fw-clean-page.c — wizard step 2: review each column and fix what needs fixing
 *
 * Left, one card per column (FwColumnCard) in a grid that makes cards only for the rows on
 * screen, so a table of thousands of columns opens at once; or, on the Preview tab, the
 * first rows of the table as the steps leave it.  Right, the steps in the order they run,
 * each removable, with Undo and Redo (Ctrl+Z, Shift+Ctrl+Z) and "Apply All Suggestions".
 * Everything is read from the session and changed through it: the page redraws from the
 * session's "changed" signal, never from its own clicks.  The source file is never written.
 *
 * The step list and its actions are fw-clean-page-steps.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-clean-page-private.h"
#include "fw-clean-preview.h"
#include "fw-table-view.h"

G_DEFINE_FINAL_TYPE (FwCleanPage, fw_clean_page, GTK_TYPE_WIDGET)

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

  fw_clean_page_steps_class_init (widget_class);
  fw_clean_page_select_class_init (widget_class);
}

static void
fw_clean_page_init (FwCleanPage *self)
{
  GtkListItemFactory *factory;

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

  fw_clean_page_steps_init (self);

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
