/* fw-results-coefficients.c — the Results step's "How each column moves the answer": an
 * exact fit's coefficient table, one row per term
 *
 * Each row reads the model's explanations.inference (fw-inference.h): the term as its title,
 * the estimate with its 95 % interval and p-value as its subtitle, and for two classes the
 * odds ratio at its end.  Models fitted by mini-batches have no table: the group hides.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include "fw-results-page-private.h"

static double
number (JsonObject *row,
        const char *member)
{
  JsonNode *node = json_object_get_member (row, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_double (node) : NAN;
}

static char *
p_value_text (double p)
{
  if (!isfinite (p))
    return g_strdup ("—");
  return p < 0.0001 ? g_strdup ("p < 0.0001") : g_strdup_printf ("p = %.4f", p);
}

/* "0.04175 (0.03365 to 0.04985) · p < 0.0001" */
static char *
row_text (JsonObject *row)
{
  g_autofree char *p = p_value_text (number (row, "p_value"));
  double low = number (row, "ci_low"), high = number (row, "ci_high");

  if (!isfinite (low) || !isfinite (high))
    return g_strdup_printf ("%.4g", number (row, "estimate"));
  /* Translators: an estimate, its 95 % interval, and its p-value. */
  return g_strdup_printf (_("%.4g (%.4g to %.4g) · %s"), number (row, "estimate"), low, high, p);
}

void
fw_results_page_show_coefficients (FwResultsPage        *self,
                                   const FwTrainedModel *trained)
{
  JsonObject *inference = NULL;
  JsonArray *rows;
  gboolean odds;
  const char *note, *reference;

  for (guint i = 0; self->coefficient_rows != NULL && i < self->coefficient_rows->len; i++)
    adw_preferences_group_remove (self->coefficients_group,
                                  g_ptr_array_index (self->coefficient_rows, i));
  g_clear_pointer (&self->coefficient_rows, g_ptr_array_unref);
  if (trained != NULL && trained->explanations != NULL &&
      json_object_has_member (trained->explanations, "inference"))
    inference = json_object_get_object_member (trained->explanations, "inference");
  gtk_widget_set_visible (GTK_WIDGET (self->coefficients_group), inference != NULL);
  if (inference == NULL)
    return;

  reference = json_object_get_string_member_with_default (inference, "reference_class", NULL);
  odds = reference != NULL || !json_object_get_null_member (inference, "positive");
  note = json_object_get_null_member (inference, "note")
         ? NULL : json_object_get_string_member (inference, "note");
  {
    /* Group descriptions are Pango markup: names from the file are escaped. */
    g_autofree char *class_name = g_markup_escape_text (
      reference != NULL ? reference
                        : json_object_get_string_member_with_default (inference, "positive", ""),
      -1);
    g_autofree char *escaped_note = note != NULL ? g_markup_escape_text (note, -1) : NULL;
    g_autofree char *about = reference != NULL
      ? g_strdup_printf (_("Fitted exactly. Each figure is the change in the log-odds of its class "
                           "against “%s” per 1 unit of a number column, or for a category "
                           "against the column's most common one, with its 95%% interval; "
                           "“× odds” is how many times those odds multiply."), class_name)
      : odds
      ? g_strdup_printf (_("Fitted exactly. Each figure is the change in the log-odds of “%s” "
                           "per 1 unit of a number column, or for a category against the "
                           "column's most common one, with its 95%% interval; “× odds” is how "
                           "many times the odds multiply."), class_name)
      : g_strdup (_("Fitted exactly. Each figure is the change in the answer per 1 unit of a "
                    "number column, or for a category against the column's most common one, "
                    "with its interval at 95%."));
    g_autofree char *description = escaped_note != NULL
                                   ? g_strconcat (about, "\n", escaped_note, NULL)
                                   : g_strdup (about);

    adw_preferences_group_set_description (self->coefficients_group, description);
  }

  self->coefficient_rows = g_ptr_array_new ();
  rows = json_object_get_array_member (inference, "coefficients");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autofree char *subtitle = row_text (row);
      const char *klass = json_object_get_string_member_with_default (row, "class", NULL);
      g_autofree char *title = klass != NULL
        ? g_strdup_printf ("%s · %s", klass, json_object_get_string_member (row, "term"))
        : g_strdup (json_object_get_string_member (row, "term"));
      GtkWidget *widget = adw_action_row_new ();

      /* Before the text: names from the file are plain, never markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (widget), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), subtitle);
      if (odds && isfinite (number (row, "odds_ratio")))
        {
          /* Translators: an odds ratio, "the odds multiply by 1.043". */
          g_autofree char *ratio = g_strdup_printf (_("× %.4g odds"), number (row, "odds_ratio"));
          GtkWidget *label = gtk_label_new (ratio);

          gtk_widget_add_css_class (label, "numeric");
          adw_action_row_add_suffix (ADW_ACTION_ROW (widget), label);
        }
      adw_preferences_group_add (self->coefficients_group, widget);
      g_ptr_array_add (self->coefficient_rows, widget);
    }
}

const char *
fw_results_page_get_coefficient_text (FwResultsPage *self,
                                      const char    *term)
{
  for (guint i = 0; self->coefficient_rows != NULL && i < self->coefficient_rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (self->coefficient_rows, i);

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), term) == 0)
        return adw_action_row_get_subtitle (row);
    }
  return NULL;
}
