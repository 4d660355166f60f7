/* fw-results-group-table.c — the Results step's per-group figures as a grid of labels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include "fw-results-group-table.h"

static GtkWidget *
add_cell (GtkGrid    *grid,
          const char *attribute,
          const char *group,
          const char *column,
          const char *text,
          int         x,
          int         y)
{
  GtkWidget *label = gtk_label_new (text);
  g_autofree char *name = g_strdup_printf ("%s/%s/%s", attribute, group, column);

  gtk_widget_set_name (label, name);
  gtk_label_set_xalign (GTK_LABEL (label), x == 0 ? 0 : 1);
  gtk_grid_attach (grid, label, x, y, 1, 1);
  return label;
}

/* A group too small to judge stays listed, greyed: out of every comparison.  Its cells
 * are the last ones attached, from @first on. */
static void
dim_row (GtkWidget *first)
{
  for (GtkWidget *cell = first; cell != NULL; cell = gtk_widget_get_next_sibling (cell))
    gtk_widget_add_css_class (cell, "dim-label");
}

static char *
rate (double value)
{
  return isfinite (value) ? g_strdup_printf (_("%.1f %%"), 100 * value) : g_strdup ("—");
}

GtkWidget *
fw_results_group_table (const FwFairness *f,
                        const char       *attribute)
{
  static const char *const class_columns[] = {
    N_("Group"), N_("People"), N_("Really positive"), N_("Selected"), N_("Found (TPR)"),
    N_("False alarms (FPR)"), N_("Accuracy"),
  };
  static const char *const class_tips[] = {
    NULL, N_("Test rows in the group"),
    N_("Share of the group that really has the positive outcome: the gap the data already "
       "has"),
    N_("Share the model picks as the positive outcome"),
    N_("Of the group's real positives, the share the model finds"),
    N_("Of the group's real negatives, the share the model wrongly picks"),
    N_("Share of the group the model gets right"),
  };
  static const char *const regression_columns[] = {
    N_("Group"), N_("People"), N_("Typical error (MAE)"), N_("Mean prediction"),
  };
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  const char *const *columns = f->regression ? regression_columns : class_columns;
  guint n_columns = f->regression ? G_N_ELEMENTS (regression_columns)
                                  : G_N_ELEMENTS (class_columns);

  gtk_widget_add_css_class (GTK_WIDGET (grid), "fw-group-table");
  gtk_grid_set_column_spacing (grid, 12);
  for (guint c = 0; c < n_columns; c++)
    {
      GtkWidget *header = gtk_label_new (_(columns[c]));

      gtk_label_set_xalign (GTK_LABEL (header), c == 0 ? 0 : 1);
      gtk_widget_add_css_class (header, "fw-group-header");
      if (!f->regression && class_tips[c] != NULL)
        gtk_widget_set_tooltip_text (header, _(class_tips[c]));
      gtk_grid_attach (grid, header, c, 0, 1, 1);
    }
  for (guint g = 0; g < f->n_groups; g++)
    {
      const FwFairnessGroup *group = &f->groups[g];
      const char *name = f->group_names[g];
      g_autofree char *n = g_strdup_printf ("%" G_GUINT64_FORMAT, group->n);

      g_autofree char *shown = group->too_small
        /* Translators: a group in the Results table, greyed out. */
        ? g_strdup_printf (_("%s (too few rows to judge)"), name) : g_strdup (name);
      GtkWidget *first = add_cell (grid, attribute, name, "name", shown, 0, g + 1);

      add_cell (grid, attribute, name, "n", n, 1, g + 1);
      if (f->regression)
        {
          g_autofree char *mae = g_strdup_printf ("%.4g", group->mae);
          g_autofree char *mean = g_strdup_printf ("%.4g", group->mean_prediction);

          add_cell (grid, attribute, name, "mae", mae, 2, g + 1);
          add_cell (grid, attribute, name, "mean_prediction", mean, 3, g + 1);
          if (group->too_small)
            dim_row (first);
          continue;
        }
      {
        g_autofree char *base = rate (group->base_rate);
        g_autofree char *selected = rate (group->selection_rate);
        g_autofree char *tpr = rate (group->tpr);
        g_autofree char *fpr = rate (group->fpr);
        g_autofree char *accuracy = rate (group->accuracy);

        add_cell (grid, attribute, name, "base_rate", base, 2, g + 1);
        add_cell (grid, attribute, name, "selection_rate", selected, 3, g + 1);
        add_cell (grid, attribute, name, "tpr", tpr, 4, g + 1);
        add_cell (grid, attribute, name, "fpr", fpr, 5, g + 1);
        add_cell (grid, attribute, name, "accuracy", accuracy, 6, g + 1);
      }
      if (group->too_small)
        dim_row (first);
    }
  return GTK_WIDGET (grid);
}
