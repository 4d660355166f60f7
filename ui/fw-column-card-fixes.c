/* fw-column-card-fixes.c — a column card's fixes: the suggested ones as buttons, every
 * other one in a menu
 *
 * Each fix is the page's clean.add-step action with (kind, column, constant).  The
 * card's figures (counts, sparkline, issues) and the steps already applied to the column
 * are drawn in fw-column-card.c, which calls this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include "fw-column-card-private.h"
#include "fw-date-features.h"
#include "fw-step-offer.h"
#include "fw-step-text.h"

/* The order fixes are offered in: a sentinel and its indicator before the fill they change,
 * the others as the enum has them. */
static const FwStepKind fix_order[] = {
  FW_STEP_TREAT_AS_MISSING, FW_STEP_MISSING_INDICATOR, FW_STEP_IMPUTE_MEAN,
  FW_STEP_IMPUTE_MEDIAN, FW_STEP_IMPUTE_MODE, FW_STEP_IMPUTE_CONSTANT, FW_STEP_DROP_COLUMN,
  FW_STEP_DROP_MISSING_ROWS, FW_STEP_CLIP_OUTLIERS, FW_STEP_ONE_HOT, FW_STEP_STANDARDIZE,
  FW_STEP_MIN_MAX, FW_STEP_DATE_PARTS, FW_STEP_DAYS_BETWEEN,
};
G_STATIC_ASSERT (G_N_ELEMENTS (fix_order) == N_KINDS);

static GVariant *
fix_target (FwColumnCard *self,
            FwStepKind    kind)
{
  const FwColumn *c = fw_column_card_column (self);
  const FwTableProfile *profile = fw_session_get_profile (self->session);
  g_autofree char *constant = fw_step_offered_constant (kind, c, &profile->columns[self->index]);

  return g_variant_new ("(sss)", fw_step_kind_to_string (kind), c->name,
                        constant != NULL ? constant : "");
}

/* "Days from “dob” to “screening_date”", for each other date: in the menu, and as a button
 * where the suggestions use it; never one already applied.  Returns the buttons now. */
static guint
add_days_between (FwColumnCard   *self,
                  const FwRecipe *recipe,
                  GMenu          *menu,
                  guint           n_buttons)
{
  for (guint i = 0; self->date_features != NULL && i < self->date_features->len; i++)
    {
      const FwDateFeature *feature = g_ptr_array_index (self->date_features, i);
      g_autoptr(GMenuItem) item = NULL;
      gboolean applied = FALSE;
      GVariant *target;

      if (feature->step.kind != FW_STEP_DAYS_BETWEEN || !fw_column_card_feature_of (self, feature))
        continue;
      for (guint k = 0; k < recipe->steps->len && !applied; k++)
        {
          const FwStep *step = g_ptr_array_index (recipe->steps, k);

          applied = step->kind == FW_STEP_DAYS_BETWEEN &&
                    g_strcmp0 (step->column, feature->step.column) == 0 &&
                    g_strcmp0 (step->to, feature->step.to) == 0;
        }
      if (applied)
        continue;
      target = g_variant_new ("(sss)", fw_step_kind_to_string (FW_STEP_DAYS_BETWEEN),
                              feature->step.column, feature->step.to);
      item = g_menu_item_new (feature->label, NULL);
      g_menu_item_set_action_and_target_value (item, "clean.add-step", target);
      g_menu_append_item (menu, item);
      if (feature->suggested && n_buttons < 3)
        {
          GtkWidget *button = gtk_button_new_with_label (feature->label);

          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "clean.add-step");
          gtk_actionable_set_action_target_value (
            GTK_ACTIONABLE (button),
            g_variant_new ("(sss)", fw_step_kind_to_string (FW_STEP_DAYS_BETWEEN),
                           feature->step.column, feature->step.to));
          gtk_widget_set_tooltip_text (button, fw_step_kind_help (FW_STEP_DAYS_BETWEEN));
          gtk_box_append (GTK_BOX (self->fixes_box), button);
          if (self->fix_buttons[FW_STEP_DAYS_BETWEEN] == NULL)
            self->fix_buttons[FW_STEP_DAYS_BETWEEN] = button;
          n_buttons++;
        }
    }
  return n_buttons;
}

void
fw_column_card_update_fixes (FwColumnCard *self)
{
  const FwColumnProfile *p = fw_column_card_profile (self);
  const FwColumn *c = fw_column_card_column (self);
  const FwRecipe *recipe = fw_session_get_recipe (self->session);
  gboolean suggested[N_KINDS] = { FALSE, };
  gboolean is_target = g_strcmp0 (recipe->target, c->name) == 0;
  g_autoptr(GMenu) menu = g_menu_new ();
  guint n_buttons = 0;

  fw_column_card_clear_box (self->fixes_box);
  memset (self->fix_buttons, 0, sizeof self->fix_buttons);

  for (guint i = 0; self->suggested != NULL && i < self->suggested->len; i++)
    {
      const FwStep *step = g_ptr_array_index (self->suggested, i);

      if (g_strcmp0 (step->column, c->name) == 0)
        suggested[step->kind] = TRUE;
    }

  /* Suggested fixes first, as buttons; every fix that applies in the menu. */
  for (guint k = 0; k < N_KINDS; k++)
    {
      FwStepKind kind = fix_order[k];
      const char *label = fw_step_kind_label (kind, fw_column_is_numeric (c));
      g_autoptr(GMenuItem) item = NULL;

      if (!fw_step_is_offered (kind, c, p, recipe))
        continue;
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "clean.add-step", fix_target (self, kind));
      g_menu_append_item (menu, item);
      if (suggested[kind] && n_buttons < 3)
        {
          GtkWidget *button = gtk_button_new_with_mnemonic (label);

          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "clean.add-step");
          gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                                  fix_target (self, kind));
          gtk_widget_set_tooltip_text (button, fw_step_kind_help (kind));
          gtk_box_append (GTK_BOX (self->fixes_box), button);
          self->fix_buttons[kind] = button;
          n_buttons++;
        }
    }
  if (!is_target)
    n_buttons = add_days_between (self, recipe, menu, n_buttons);
  gtk_menu_button_set_menu_model (self->more_button, G_MENU_MODEL (menu));
  gtk_widget_set_visible (self->fixes_box, n_buttons > 0);
  /* A dropped column has nothing left to fix. */
  gtk_widget_set_visible (GTK_WIDGET (self->more_button),
                          g_menu_model_get_n_items (G_MENU_MODEL (menu)) > 0);
}
