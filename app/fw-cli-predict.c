/* fw-cli-predict.c — fairway-cli predict --model M.fwmodel --data F.csv -o PRED.csv
 *           and     fairway-cli evaluate --model M.fwmodel --data F.csv [--json]
 *
 * Both load a model, import a file and run every row through the saved preprocessing and
 * model; predict writes the predictions (fw-predictions.h), evaluate measures them against the
 * file's own target column.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include "fw-cli.h"
#include "fw-csv-import.h"
#include "fw-json.h"
#include "fw-metrics.h"
#include "fw-predictions.h"
#include "fw-sensitive.h"
#include "fw-trained-model.h"

/* Loads the model and the data; NULL (and an error) when either fails. */
static FwTrainedModel *
load_both (const char  *model_path,
           const char  *data_path,
           const char  *encoding,
           FwTable    **table,
           GError     **error)
{
  g_autoptr(GFile) model_file = g_file_new_for_commandline_arg (model_path);
  g_autoptr(GFile) data_file = g_file_new_for_commandline_arg (data_path);
  g_autoptr(FwTrainedModel) trained = fw_trained_model_load (model_file, error);

  if (trained == NULL)
    return NULL;
  if (trained->checkpoint_epoch > 0 && !trained->checkpoint_finished)
    g_printerr (_("Note: this model is a checkpoint from epoch %u of %u; training did not "
                  "finish.\n"), trained->checkpoint_epoch, trained->checkpoint_epochs);
  *table = fw_cli_import_csv (data_file, encoding, NULL, NULL, error);
  return *table != NULL ? g_steal_pointer (&trained) : NULL;
}

int
fw_cli_predict (int    argc,
                char **argv)
{
  g_autofree char *model = NULL, *data = NULL, *output = NULL, *encoding = NULL;
  const GOptionEntry entries[] = {
    { "model", 0, 0, G_OPTION_ARG_FILENAME, &model, N_("The trained model"), "M.fwmodel" },
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data, N_("The rows to predict"), "F.csv" },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding,
      N_("Read the data in this text encoding (default: UTF-8)"), "NAME" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Where to write the predictions"),
      "PRED.csv" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    fw_cli_option_context_new ("predict", NULL, _("Predict with a trained model."), entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwTrainedModel) trained = NULL;
  g_autoptr(GFile) out_file = NULL;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fw_cli_usage_error ("predict", "%s", error->message);
  if (argc > 1 || model == NULL || data == NULL || output == NULL)
    return fw_cli_usage_error ("predict", "%s", _("--model, --data and -o are required"));

  trained = load_both (model, data, encoding, &table, &error);
  out_file = g_file_new_for_commandline_arg (output);
  if (trained == NULL || !fw_predictions_write (trained, table, out_file, NULL, &error))
    return fw_cli_fail (error);
  return FW_CLI_EXIT_OK;
}

/* One attribute's fairness on the labelled rows (@rows), whose labels, values and
 * decisions @labelled holds, from whole-table @codes. */
static FwFairness *
attribute_fairness (const FwTrainedModel  *trained,
                    const FwFairnessInput *labelled,
                    const gsize           *rows,
                    const guint32         *codes,
                    char *const           *groups)
{
  g_autofree guint32 *kept_codes = g_new (guint32, MAX (labelled->n, 1));
  FwFairnessInput input = *labelled;
  FwFairnessOptions options;

  for (gsize r = 0; r < labelled->n; r++)
    kept_codes[r] = codes[rows[r]];
  input.groups = kept_codes;
  input.group_names = (const char *const *) groups;
  fw_fairness_options_init (&options);
  fw_fairness_options_from_recipe (&options, trained->recipe, trained->class_names,
                                   trained->positive);
  options.seed = trained->recipe->seed;
  return trained->task == FW_TASK_REGRESSION
    ? fw_fairness_compute_regression (&input, &options, NULL)
    : fw_fairness_compute_predicted (&input, &options, NULL);
}

/* Fairness of the labelled rows' decisions by each sensitive column the model was trained
 * with, as they appear in this file (a column the file lacks is left out), and by the
 * first two together when the recipe asks for it. */
static FwFairness **
evaluate_fairness (const FwTrainedModel   *trained,
                   const FwTable          *table,
                   const FwFairnessInput  *labelled,
                   const gsize            *rows,
                   char                 ***attributes,
                   guint                  *n_attributes)
{
  GPtrArray *sensitive = trained->recipe->sensitive;
  FwFairness **fairness = g_new0 (FwFairness *, sensitive->len + 2);
  GPtrArray *names = g_ptr_array_new ();
  g_autofree guint32 *first = NULL, *second = NULL;
  g_auto(GStrv) first_groups = NULL, second_groups = NULL;

  for (guint a = 0; a < sensitive->len; a++)
    {
      const FwColumn *column = fw_table_column_by_name (table, g_ptr_array_index (sensitive, a));
      g_autofree guint32 *codes = NULL;
      g_auto(GStrv) groups = NULL;

      if (column == NULL)
        continue;
      fw_sensitive_groups (column, &codes, &groups);
      fairness[names->len] = attribute_fairness (trained, labelled, rows, codes, groups);
      g_ptr_array_add (names, g_strdup (column->name));
      if (a == 0)
        first = g_steal_pointer (&codes), first_groups = g_steal_pointer (&groups);
      else if (a == 1)
        second = g_steal_pointer (&codes), second_groups = g_steal_pointer (&groups);
    }
  if (trained->recipe->intersect_sensitive && first != NULL && second != NULL)
    {
      g_autofree guint32 *codes = NULL;
      g_auto(GStrv) groups = NULL;

      if (fw_sensitive_intersect_groups (first, (const char *const *) first_groups, second,
                                         (const char *const *) second_groups,
                                         fw_table_n_rows (table), &codes, &groups, NULL))
        {
          fairness[names->len] = attribute_fairness (trained, labelled, rows, codes, groups);
          g_ptr_array_add (names, g_strdup_printf ("%s × %s", (char *) g_ptr_array_index (names, 0),
                                                   (char *) g_ptr_array_index (names, 1)));
        }
    }
  *n_attributes = names->len;
  g_ptr_array_add (names, NULL);
  *attributes = (char **) g_ptr_array_free (names, FALSE);
  return fairness;
}

int
fw_cli_evaluate (int    argc,
                 char **argv)
{
  g_autofree char *model = NULL, *data = NULL, *encoding = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "model", 0, 0, G_OPTION_ARG_FILENAME, &model, N_("The trained model"), "M.fwmodel" },
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data, N_("Labelled rows to measure it on"), "F.csv" },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding,
      N_("Read the data in this text encoding (default: UTF-8)"), "NAME" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    fw_cli_option_context_new ("evaluate", NULL,
                               _("Measure a model's metrics on labelled data."), entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwTrainedModel) trained = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree float *all = NULL, *kept = NULL, *values = NULL;
  g_autofree gsize *rows = NULL;
  g_autofree guint32 *labels = NULL;
  g_autofree char *text = NULL;
  g_autoptr(FwClassificationMetrics) c = NULL;
  g_autoptr(FwRegressionMetrics) r = NULL;
  gsize n = 0;
  guint width, n_attributes = 0;
  FwFairness **fairness = NULL;
  g_auto(GStrv) attributes = NULL;
  g_autofree guint32 *decided = NULL;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fw_cli_usage_error ("evaluate", "%s", error->message);
  if (argc > 1 || model == NULL || data == NULL)
    return fw_cli_usage_error ("evaluate", "%s", _("--model and --data are required"));

  trained = load_both (model, data, encoding, &table, &error);
  if (trained == NULL ||
      !fw_trained_model_targets (trained, table, &rows, &labels, &values, &n, &error) ||
      (all = fw_trained_model_predict (trained, table, &error)) == NULL)
    return fw_cli_fail (error);

  /* Only the labelled rows count. */
  width = fw_model_n_predictions (trained->model);
  kept = g_new (float, MAX (n, 1) * width);
  for (gsize i = 0; i < n; i++)
    memcpy (kept + i * width, all + rows[i] * width, width * sizeof (float));
  if (trained->task == FW_TASK_REGRESSION)
    r = fw_regression_metrics_new (values, kept, NULL, n, &error);
  else
    c = fw_classification_metrics_new (labels, kept, NULL, n, trained->n_classes,
                                       trained->positive, trained->threshold, &error);
  if (error != NULL)
    return fw_cli_fail (error);
  if (trained->task != FW_TASK_REGRESSION)
    {
      g_autofree guint32 *all_decided = fw_trained_model_decide (trained, table, all);

      decided = g_new (guint32, MAX (n, 1));
      for (gsize i = 0; i < n; i++)
        decided[i] = all_decided[rows[i]];
    }
  {
    FwFairnessInput labelled = {
      .n = n,
      .labels = labels, .predicted_classes = decided, .n_classes = trained->n_classes,
      .positive = trained->positive,
      .actual = values, .predicted = kept,
    };

    fairness = evaluate_fairness (trained, table, &labelled, rows, &attributes, &n_attributes);
  }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "task");
  json_builder_add_string_value (b, fw_task_to_string (trained->task));
  json_builder_set_member_name (b, "rows");
  json_builder_add_int_value (b, n);
  json_builder_set_member_name (b, "metrics");
  json_builder_begin_object (b);
  if (c != NULL)
    fw_classification_metrics_to_json (c, b);
  else
    fw_regression_metrics_to_json (r, b);
  json_builder_end_object (b);
  {
    /* The model file keeps no training labels: the rows evaluated are the reference. */
    JsonObject *baseline = trained->task == FW_TASK_REGRESSION
      ? fw_baseline_regression (values, n, values, NULL, n)
      : fw_baseline_classification (labels, n, labels, NULL, n, trained->n_classes,
                                    trained->positive, NULL);

    if (baseline == NULL)
      baseline = json_object_new ();
    json_builder_set_member_name (b, "baseline");
    json_builder_add_value (b, json_node_init_object (json_node_alloc (), baseline));
    json_object_unref (baseline);
  }
  fw_cli_add_fairness (b, fairness, attributes, n_attributes);
  if (trained->checkpoint_epoch > 0)
    {
      json_builder_set_member_name (b, "checkpoint");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "epoch");
      json_builder_add_int_value (b, trained->checkpoint_epoch);
      json_builder_set_member_name (b, "epochs");
      json_builder_add_int_value (b, trained->checkpoint_epochs);
      json_builder_set_member_name (b, "finished");
      json_builder_add_boolean_value (b, trained->checkpoint_finished);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  if (trained->thresholds != NULL)
    fw_cli_decision_metrics (json_object_get_object_member (json_node_get_object (root), "metrics"),
                             labels, decided, NULL, n, trained->n_classes, trained->positive);

  if (json)
    {
      text = fw_json_to_data (root, FALSE, NULL);
      printf ("%s\n", text);
    }
  else
    {
      printf (_("%zu labelled rows (%s)\n"), n, fw_task_to_string (trained->task));
      fw_cli_print_metrics (json_object_get_object_member (json_node_get_object (root), "metrics"),
                            json_object_get_object_member (json_node_get_object (root),
                                                           "baseline"));
      fw_cli_print_fairness (fairness, attributes, n_attributes);
    }
  for (guint a = 0; a < n_attributes; a++)
    fw_fairness_free (fairness[a]);
  g_free (fairness);
  return FW_CLI_EXIT_OK;
}
