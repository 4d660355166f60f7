/* fw-cli-train-output.c — what fairway-cli train prints: JSON events or a summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include "fw-cli.h"
#include "fw-json.h"
#include "fw-cli-train-output.h"

/* For --json (stable) and for people (translated), in FwTrainerOutcome order. */
static const char *const outcomes[] = { "completed", "early_stopped", "stopped", "failed" };
static const char *const outcome_labels[] = {
  N_("all epochs"), N_("stopped early"), N_("stopped by you"), N_("failed"),
};

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  text = fw_json_to_data (root, FALSE, NULL);
  printf ("%s\n", text);
  fflush (stdout);
}

void
fw_cli_train_print_epoch (const FwTrainerEvent *e,
             char *const          *attributes,
             gboolean              json,
             GString              *status)
{
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "event"), json_builder_add_string_value (b, "epoch");
      json_builder_set_member_name (b, "epoch"), json_builder_add_int_value (b, e->epoch);
      json_builder_set_member_name (b, "epochs"), json_builder_add_int_value (b, e->epochs);
      /* Not a number (no validation rows, say) is null: NaN is not JSON. */
      fw_json_add_number (b, "train_loss", e->train_loss);
      fw_json_add_number (b, "validation_loss", e->validation_loss);
      fw_json_add_number (b, "validation_metric", e->validation_metric);
      json_builder_set_member_name (b, "metric"), json_builder_add_string_value (b, e->metric_name);
      fw_json_add_number (b, "rows_per_second", e->rows_per_second);
      fw_json_add_number (b, "elapsed", e->elapsed);
      fw_json_add_number (b, "eta", e->eta);
      fw_json_add_number (b, "joules", e->joules);
      fw_cli_add_fairness (b, e->fairness, attributes, e->n_fairness);
      json_builder_end_object (b);
      print_json (b);
    }
  else
    g_string_printf (status, _("Training · epoch %u/%u · loss %.4f · validation %s %.3f · "
                               "%.0f rows/s · about %.0f s left ·"),
                     e->epoch, e->epochs, e->train_loss, e->metric_name, e->validation_metric,
                     e->rows_per_second, e->eta);
}

/* Cells for a coefficient's term: wide enough for "sex: female vs male" and most
 * category pairs, narrow enough for the figures to fit an 120-cell terminal. */
#define TERM_WIDTH 40

/* The five columns the model leans on most, as the drop in quality when each is shuffled. */
static void
print_importance (JsonObject *explanations)
{
  JsonObject *importance = json_object_has_member (explanations, "importance")
                           ? json_object_get_object_member (explanations, "importance") : NULL;
  JsonArray *columns;

  if (importance == NULL || !json_object_has_member (importance, "columns"))
    return;
  columns = json_object_get_array_member (importance, "columns");
  printf (_("\nWhat the model relies on (drop in quality when a column is shuffled):\n"));
  for (guint i = 0; i < MIN (json_array_get_length (columns), 5); i++)
    {
      JsonObject *column = json_array_get_object_element (columns, i);

      printf ("  %-24s %.4f ± %.4f\n", json_object_get_string_member (column, "column"),
              json_object_get_double_member (column, "mean"),
              json_object_get_double_member (column, "sd"));
    }
}

/* The exact fit's "inference" object, or NULL. */
static JsonObject *
inference_of (JsonObject *explanations)
{
  return explanations != NULL && json_object_has_member (explanations, "inference")
         ? json_object_get_object_member (explanations, "inference") : NULL;
}

static double
member_number (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_double (node) : NAN;
}

/* The coefficient table: estimate, 95 % interval, p-value (and odds ratio). */
static void
print_coefficients (JsonObject *explanations)
{
  JsonObject *inference = inference_of (explanations);
  JsonArray *rows;
  gboolean odds;

  if (inference == NULL)
    return;
  rows = json_object_get_array_member (inference, "coefficients");
  odds = !json_object_get_null_member (inference, "positive") ||
         !json_object_get_null_member (inference, "reference_class");
  printf (_("\nHow each column moves the answer (per 1 unit of a number; a category against "
            "its reference):\n"));
  {
    g_autoptr(GString) head = g_string_new ("  ");

    fw_cli_append_padded (head, _("term"), TERM_WIDTH, FALSE);
    printf ("%s %12s %12s %25s %10s", head->str, _("estimate"), _("std. error"),
            _("interval (95%)"), _("p-value"));
  }
  printf ("%s%s\n", odds ? "   " : "", odds ? _("odds ratio") : "");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autofree char *interval = g_strdup_printf ("%.4g … %.4g", member_number (row, "ci_low"),
                                                   member_number (row, "ci_high"));
      const char *klass = json_object_get_string_member_with_default (row, "class", NULL);
      g_autofree char *term = klass != NULL
        ? g_strdup_printf ("%s · %s", klass, json_object_get_string_member (row, "term"))
        : g_strdup (json_object_get_string_member (row, "term"));
      g_autofree char *shown = fw_cli_fit (term, TERM_WIDTH);
      g_autoptr(GString) name = g_string_new ("  ");
      g_autoptr(GString) range = g_string_new (NULL);
      double p = member_number (row, "p_value");
      char p_text[32];

      /* Long category names are cut with "…" (the JSON keeps them whole), so the figures
       * stay in their columns; p-values as the Results step and the report print them. */
      fw_cli_append_padded (name, shown, TERM_WIDTH, FALSE);
      fw_cli_append_padded (range, interval, 25, TRUE);
      if (p < 0.0001)
        g_strlcpy (p_text, "< 0.0001", sizeof p_text);
      else
        g_snprintf (p_text, sizeof p_text, "%.4f", p);
      printf ("%s %12.4g %12.4g %s %10s", name->str, member_number (row, "estimate"),
              member_number (row, "std_error"), range->str, p_text);
      if (odds)
        printf ("   %10.4g", member_number (row, "odds_ratio"));
      printf ("\n");
    }
  if (!json_object_get_null_member (inference, "note"))
    printf ("  ! %s\n", json_object_get_string_member (inference, "note"));
}

void
fw_cli_train_print_done (const FwTrainedModel   *trained,
            const FwTrainerEvent   *done,
            FwTrainer              *trainer,
            FwFairness *const      *fairness,
            guint                   n_fairness,
            char *const            *attributes,
            const FwAudit          *audit,
            const FwTooGood        *too_good,
            const char *const      *left_out,
            const char             *out,
            gboolean                json)
{
  const FwEnergyReading *energy = fw_trainer_get_energy (trainer);

  const char *positive = trained->task == FW_TASK_BINARY ? trained->class_names[trained->positive]
                                                          : NULL;

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "event"), json_builder_add_string_value (b, "done");
      json_builder_set_member_name (b, "task");
      json_builder_add_string_value (b, fw_task_to_string (trained->task));
      json_builder_set_member_name (b, "target");
      json_builder_add_string_value (b, trained->recipe->target);
      json_builder_set_member_name (b, "positive");
      if (positive != NULL)
        json_builder_add_string_value (b, positive);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "test");
      json_builder_add_value (b, json_node_init_object (json_node_alloc (), trained->test_metrics));
      json_builder_set_member_name (b, "baseline");
      json_builder_add_value (b, json_node_init_object (json_node_alloc (), trained->baseline));
      json_builder_set_member_name (b, "outcome");
      json_builder_add_string_value (b, outcomes[done->outcome]);
      json_builder_set_member_name (b, "best_epoch"), json_builder_add_int_value (b, done->best_epoch);
      fw_cli_add_fairness (b, fairness, attributes, n_fairness);
      if (energy != NULL)
        {
          json_builder_set_member_name (b, "energy");
          json_builder_begin_object (b);
          fw_energy_reading_to_json (energy, b);
          json_builder_end_object (b);
        }
      json_builder_set_member_name (b, "seconds"), json_builder_add_double_value (b, trained->seconds);
      if (out != NULL)
        json_builder_set_member_name (b, "model"), json_builder_add_string_value (b, out);
      json_builder_set_member_name (b, "explanations");
      json_builder_add_value (b, json_node_init_object (json_node_alloc (), trained->explanations));
      if (inference_of (trained->explanations) != NULL)
        {
          JsonObject *inference = inference_of (trained->explanations);

          json_builder_set_member_name (b, "coefficients");
          json_builder_add_value (b, json_node_copy (json_object_get_member (inference,
                                                                             "coefficients")));
          json_builder_set_member_name (b, "fit_note");
          json_builder_add_value (b, json_node_copy (json_object_get_member (inference, "note")));
        }
      if (audit != NULL)
        {
          json_builder_set_member_name (b, "audit");
          fw_audit_to_json (audit, b);
        }
      if (trained->thresholds != NULL)
        {
          json_builder_set_member_name (b, "thresholds");
          json_builder_add_value (b, fw_thresholds_to_json (trained->thresholds));
          json_builder_set_member_name (b, "threshold_attribute");
          json_builder_add_string_value (b, trained->threshold_attribute);
        }
      if (trained->task == FW_TASK_BINARY)
        {
          json_builder_set_member_name (b, "threshold");
          json_builder_add_double_value (b, trained->threshold);
        }
      json_builder_set_member_name (b, "left_out_as_leaks");
      json_builder_begin_array (b);
      for (guint i = 0; left_out != NULL && left_out[i] != NULL; i++)
        json_builder_add_string_value (b, left_out[i]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "warnings");
      json_builder_begin_array (b);
      if (too_good != NULL)
        json_builder_add_string_value (b, too_good->message);
      json_builder_end_array (b);
      if (too_good != NULL)
        {
          json_builder_set_member_name (b, "too_good");
          fw_too_good_to_json (too_good, b);
        }
      json_builder_end_object (b);
      print_json (b);
      return;
    }

  printf (_("Trained in %.2f s (%s, best epoch %u).\n"), trained->seconds,
          _(outcome_labels[done->outcome]), done->best_epoch);
  fw_cli_print_metrics (trained->test_metrics, trained->baseline);
  if (too_good != NULL)
    printf ("\n! %s\n", too_good->message);
  fw_cli_print_fairness (fairness, attributes, n_fairness);
  if (audit != NULL && audit->findings->len > 0)
    {
      printf (_("\nWhat the data itself shows:\n"));
      for (guint i = 0; i < audit->findings->len; i++)
        printf ("  ! %s\n", ((FwAuditFinding *) g_ptr_array_index (audit->findings, i))->message);
    }
  print_importance (trained->explanations);
  print_coefficients (trained->explanations);
  if (energy != NULL)
    {
      g_autofree char *text = fw_energy_reading_to_string (energy);

      printf (_("\nEnergy: %s\n"), text);
    }
  if (out != NULL)
    printf (_("Model saved to %s\n"), out);
}

