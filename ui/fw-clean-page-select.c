/* fw-clean-page-select.c — the Clean step's search over column names, and several cards
 * dropped or kept at once
 *
 * A table of fifty columns or more is fixed faster by name and in groups: the search
 * leaves the cards whose column name holds the text (any case); Ctrl+click or
 * Shift+click (Ctrl+A in the grid for all shown) selects cards, and Drop Selected / Keep
 * Selected change every one of them in one undoable edit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-clean-page-private.h"
#include "fw-step-offer.h"
#include "fw-toast.h"

guint
fw_clean_page_column_at (FwCleanPage *self,
                         guint        position)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (G_LIST_MODEL (self->shown),
                                                           position);
  const FwTable *table = fw_session_get_table (self->session);
  int index;

  g_return_val_if_fail (item != NULL && table != NULL, 0);
  index = fw_table_column_index (table, gtk_string_object_get_string (item));
  g_return_val_if_fail (index >= 0, 0);
  return (guint) index;
}

/* The names of the selected cards' columns (borrowed from the model). */
static GPtrArray *
selected_names (FwCleanPage *self)
{
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (
    GTK_SELECTION_MODEL (self->selection));
  GPtrArray *names = g_ptr_array_new ();
  GtkBitsetIter iter;
  guint position;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, set, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (G_LIST_MODEL (self->shown),
                                                               position);

      if (item != NULL)
        g_ptr_array_add (names, (gpointer) gtk_string_object_get_string (item));
    }
  return names;
}

void
fw_clean_page_select_update (FwCleanPage *self)
{
  g_autoptr(GPtrArray) names = NULL;
  const FwRecipe *recipe;
  guint n_dropped = 0;

  if (self->session == NULL || self->selection == NULL)
    return;
  names = selected_names (self);
  recipe = fw_session_get_recipe (self->session);
  for (guint i = 0; i < names->len; i++)
    n_dropped += fw_step_is_dropped (recipe, g_ptr_array_index (names, i));

  if (names->len > 0)
    {
      /* Translators: how many column cards are selected on the Clean step. */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected",
                                                            "%u selected", names->len),
                                               names->len);

      gtk_label_set_text (self->selection_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->selection_label), names->len > 0);
  gtk_widget_set_visible (self->drop_selected_button, names->len > 0);
  gtk_widget_set_visible (self->keep_selected_button, names->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clean.drop-selected",
                                 n_dropped < names->len);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clean.keep-selected", n_dropped > 0);
}

/* The session's steps, with a drop added for each selected column not dropped yet
 * (@drop), or every drop of a selected column taken out (!@drop), as one undoable edit. */
static void
change_selected (FwCleanPage *self,
                 gboolean     drop)
{
  g_autoptr(GPtrArray) names = selected_names (self);
  g_autoptr(FwRecipe) edited = fw_recipe_new ();
  const FwRecipe *recipe = fw_session_get_recipe (self->session);
  g_autofree char *title = NULL;
  guint changed = 0;

  for (guint i = 0; i < recipe->steps->len; i++)
    {
      const FwStep *step = g_ptr_array_index (recipe->steps, i);

      if (!drop && step->kind == FW_STEP_DROP_COLUMN &&
          g_ptr_array_find_with_equal_func (names, step->column, g_str_equal, NULL))
        {
          changed++;
          continue;
        }
      fw_recipe_append_step (edited, step);
    }
  for (guint i = 0; drop && i < names->len; i++)
    if (!fw_step_is_dropped (recipe, g_ptr_array_index (names, i)))
      {
        fw_recipe_add_step (edited, FW_STEP_DROP_COLUMN,
                            g_strdup (g_ptr_array_index (names, i)), NULL);
        changed++;
      }
  if (changed == 0)
    return;
  fw_session_set_steps (self->session, edited->steps);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  title = drop ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u column dropped",
                                               "%u columns dropped", changed), changed)
               : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u column kept",
                                               "%u columns kept", changed), changed);
  fw_toast_show (GTK_WIDGET (self), title);
}

static void
drop_selected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  change_selected (FW_CLEAN_PAGE (widget), TRUE);
}

static void
keep_selected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  change_selected (FW_CLEAN_PAGE (widget), FALSE);
}

static void
search_changed (FwCleanPage    *self,
                GtkSearchEntry *entry)
{
  GtkFilter *filter = gtk_filter_list_model_get_filter (self->shown);

  gtk_string_filter_set_search (GTK_STRING_FILTER (filter),
                                gtk_editable_get_text (GTK_EDITABLE (entry)));
}

void
fw_clean_page_select_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "clean.drop-selected", NULL,
                                   drop_selected_action);
  gtk_widget_class_install_action (widget_class, "clean.keep-selected", NULL,
                                   keep_selected_action);
}

void
fw_clean_page_select_init (FwCleanPage *self)
{
  GtkStringFilter *filter = gtk_string_filter_new (
    gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));

  gtk_string_filter_set_match_mode (filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (filter, TRUE);
  self->shown = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->columns)),
                                           GTK_FILTER (filter));
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->shown)));
  gtk_grid_view_set_model (self->card_grid, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (fw_clean_page_select_update), self);
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (search_changed), self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->card_grid));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clean.drop-selected", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clean.keep-selected", FALSE);
}
