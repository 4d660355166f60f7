/* fw-report-coefficients.c — the model card's coefficient table of an exact fit
 *
 * The trained model's explanations.inference (fw-inference.h), as a table: each column's
 * estimate per 1 unit (a category against its reference), its 95 % interval and p-value,
 * and the odds ratio for two classes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include "fw-report-content.h"

/* @value to 4 significant figures, or a dash. */
static char *
figure (double value)
{
  return isfinite (value) ? g_strdup_printf ("%.4g", value) : g_strdup ("—");
}

static char *
interval (double low,
          double high)
{
  return isfinite (low) && isfinite (high) ? g_strdup_printf ("%.4g – %.4g", low, high)
                                           : g_strdup ("—");
}

void
fw_report_add_coefficients (FwReport             *report,
                            const FwTrainedModel *t)
{
  JsonObject *inference;
  const char *reference;
  JsonArray *rows;
  GPtrArray *cells;
  gboolean odds;
  guint n_columns;

  if (t->explanations == NULL || !json_object_has_member (t->explanations, "inference"))
    return;
  inference = json_object_get_object_member (t->explanations, "inference");
  rows = json_object_get_array_member (inference, "coefficients");
  reference = json_object_get_string_member_with_default (inference, "reference_class", NULL);
  odds = reference != NULL || !json_object_get_null_member (inference, "positive");
  n_columns = odds ? 6 : 5;

  fw_report_add_heading (report, 2, g_strdup (_("How each column moves the answer")));
  fw_report_add_paragraph (report, reference != NULL
    ? g_strdup_printf (_("Logistic regression over several classes, fitted exactly. Each "
                         "estimate is the change in the log-odds of its class against “%s” "
                         "per 1 unit of a number column, or for a category against the "
                         "column's most common one; the odds ratio is how many times those "
                         "odds multiply."), reference)
    : odds
    ? g_strdup_printf (_("Logistic regression fitted exactly. Each estimate is the change in the "
                         "log-odds of “%s” per 1 unit of a number column, or for a category "
                         "against the column's most common one; the odds ratio is how many "
                         "times the odds multiply."),
                       json_object_get_string_member (inference, "positive"))
    : g_strdup (_("Linear regression fitted exactly. Each estimate is the change in the answer "
                  "per 1 unit of a number column, or for a category against the column's most "
                  "common one.")));
  cells = g_ptr_array_new ();
  g_ptr_array_add (cells, g_strdup (_("Term")));
  g_ptr_array_add (cells, g_strdup (_("Estimate")));
  g_ptr_array_add (cells, g_strdup (_("Std. error")));
  g_ptr_array_add (cells, g_strdup (_("Interval (95%)")));
  g_ptr_array_add (cells, g_strdup (_("p-value")));
  if (odds)
    g_ptr_array_add (cells, g_strdup (_("Odds ratio (interval, 95%)")));
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      double p = fw_report_json_number (row, "p_value");

      const char *klass = json_object_get_string_member_with_default (row, "class", NULL);

      g_ptr_array_add (cells, klass != NULL
        ? g_strdup_printf ("%s · %s", klass, json_object_get_string_member (row, "term"))
        : g_strdup (json_object_get_string_member (row, "term")));
      g_ptr_array_add (cells, figure (fw_report_json_number (row, "estimate")));
      g_ptr_array_add (cells, figure (fw_report_json_number (row, "std_error")));
      g_ptr_array_add (cells, interval (fw_report_json_number (row, "ci_low"),
                                        fw_report_json_number (row, "ci_high")));
      g_ptr_array_add (cells, !isfinite (p) ? g_strdup ("—")
                              : p < 0.0001 ? g_strdup ("< 0.0001") : g_strdup_printf ("%.4f", p));
      if (odds)
        {
          g_autofree char *ratio = figure (fw_report_json_number (row, "odds_ratio"));
          g_autofree char *range = interval (fw_report_json_number (row, "or_ci_low"),
                                             fw_report_json_number (row, "or_ci_high"));

          g_ptr_array_add (cells, g_strdup_printf ("%s (%s)", ratio, range));
        }
    }
  fw_report_add_table (report, TRUE, ~1u, n_columns, cells);
  if (!json_object_get_null_member (inference, "note"))
    fw_report_add_note (report, g_strdup (json_object_get_string_member (inference, "note")));
}
