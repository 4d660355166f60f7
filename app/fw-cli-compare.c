/* fw-cli-compare.c — fairway-cli compare (--recipe R.json | --data F.csv --target COL) …
 *
 * k-fold cross-validation of candidate models on the learning and tuning rows (the test
 * part untouched), through the engine's fw_cross_validate: per candidate the mean ± sd of
 * the ranking metric, the fairness gap and the energy, with every fold's value, and the
 * model the one-standard-error rule recommends.  Ctrl+C stops every fold and exits 130.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include "fw-cli.h"
#include "fw-backend-cuda.h"
#include "fw-cross-validation.h"
#include "fw-csv-import.h"
#include "fw-leak-check.h"

typedef struct
{
  FwCliRecipeOptions  r;
  char               *data, *recipe, *target, *models, *metric, *encoding;
  int                 folds;
  gboolean            json;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->data);
  g_free (o->recipe);
  g_free (o->target);
  g_free (o->models);
  g_free (o->metric);
  g_free (o->encoding);
  fw_cli_recipe_options_clear (&o->r);
}

/* "logistic", "linear", "mlp" (one layer of 64) or "mlp:W1xW2…" into @spec (the recipe's
 * other settings kept). */
static gboolean
parse_model (const char  *name,
             FwModelSpec *spec)
{
  if (g_str_equal (name, "logistic") || g_str_equal (name, "linear"))
    {
      spec->kind = g_str_equal (name, "logistic") ? FW_MODEL_LOGISTIC : FW_MODEL_LINEAR;
      spec->n_hidden = 0;
    }
  else if (g_str_equal (name, "mlp") || g_str_has_prefix (name, "mlp:"))
    {
      g_auto(GStrv) widths = g_strsplit (name[3] == ':' ? name + 4 : "64", "x", -1);

      spec->kind = FW_MODEL_MLP;
      spec->n_hidden = g_strv_length (widths);
      if (spec->n_hidden < 1 || spec->n_hidden > FW_RECIPE_MAX_HIDDEN)
        return FALSE;
      for (guint i = 0; i < spec->n_hidden; i++)
        {
          guint64 width;

          if (!g_ascii_string_to_unsigned (widths[i], 10, 1, FW_RECIPE_MAX_HIDDEN_WIDTH, &width,
                                           NULL))
            return FALSE;
          spec->hidden[i] = width;
        }
    }
  else
    return FALSE;
  spec->learning_rate = fw_model_kind_default_learning_rate (spec->kind);
  return TRUE;
}

/* The name --models takes for @spec: "logistic", "mlp:64x64". */
static char *
model_name (const FwModelSpec *spec)
{
  GString *name;

  if (spec->kind != FW_MODEL_MLP)
    return g_strdup (spec->kind == FW_MODEL_LINEAR ? "linear" : "logistic");
  name = g_string_new ("mlp:");
  for (guint i = 0; i < spec->n_hidden; i++)
    g_string_append_printf (name, i > 0 ? "x%u" : "%u", spec->hidden[i]);
  return g_string_free (name, FALSE);
}

/* The flags that change the recipe; a usage problem returns a message. */

/* The recipe (loaded, or the suggested cleaning for --data and --target) and its table. */
static gboolean
load (const Options  *o,
      FwRecipe      **recipe_out,
      FwTable       **table_out,
      char          **usage,
      GError        **error)
{
  g_autoptr(FwRecipe) recipe = NULL;
  g_autoptr(GFile) data_file = NULL;
  g_autoptr(FwTable) table = NULL;

  if (o->recipe != NULL)
    {
      g_autoptr(GFile) recipe_file = g_file_new_for_commandline_arg (o->recipe);

      recipe = fw_recipe_load (recipe_file, error);
      if (recipe == NULL)
        return FALSE;
      if (o->data == NULL)
        {
          g_autoptr(GFile) folder = g_file_get_parent (recipe_file);

          if (recipe->data == NULL)
            {
              g_set_error_literal (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                                   _("The recipe does not say which data it is for; "
                                     "give it with --data FILE.csv."));
              return FALSE;
            }
          data_file = g_file_resolve_relative_path (folder, recipe->data);
        }
    }
  if (data_file == NULL)
    data_file = g_file_new_for_commandline_arg (o->data);
  /* Read as it was when the recipe was made, unless --encoding says otherwise. */
  table = fw_cli_import_csv (data_file,
                             o->encoding != NULL ? o->encoding
                                                 : recipe != NULL ? recipe->data_encoding : NULL,
                             NULL, NULL, error);
  if (table == NULL)
    return FALSE;
  if (recipe == NULL)
    {
      g_autoptr(FwTableProfile) profile = fw_table_profile_new (table, NULL, NULL, NULL, error);
      g_autoptr(FwRecipe) settings = fw_recipe_new ();
      g_auto(GStrv) left_out = NULL;

      if (profile == NULL)
        return FALSE;
      settings->target = g_strdup (o->target);
      if ((*usage = fw_cli_recipe_options_apply (&o->r, settings)) != NULL)
        return FALSE;
      recipe = fw_recipe_new_suggested_safe (table, profile, settings, &left_out, error);
      if (recipe == NULL)
        return FALSE;
    }
  else if (o->target != NULL)
    {
      g_free (recipe->target);
      recipe->target = g_strdup (o->target);
    }
  if ((*usage = fw_cli_recipe_options_apply (&o->r, recipe)) != NULL)
    return FALSE;
  *recipe_out = g_steal_pointer (&recipe);
  *table_out = g_steal_pointer (&table);
  return TRUE;
}

typedef struct
{
  const FwDataset *dataset;
  FwCvOptions      options;
  GCancellable    *cancellable;
  FwCvResult      *result;
  GError          *error;
  gint             finished;    /* atomic */
} Job;

static void
on_progress (double   fraction,
             gpointer data)
{
  fw_cli_progress (_("Comparing"), fraction);
}

static gpointer
compare_thread (gpointer data)
{
  Job *job = data;

  job->result = fw_cross_validate (job->dataset, &job->options, job->cancellable, &job->error);
  g_atomic_int_set (&job->finished, TRUE);
  g_main_context_wakeup (NULL);
  return NULL;
}

static gboolean
on_interrupt (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_CONTINUE;
}

static void
add_values (JsonBuilder  *b,
            const double *values,
            guint         k,
            double        mean,
            double        sd)
{
  json_builder_set_member_name (b, "folds");
  json_builder_begin_array (b);
  for (guint f = 0; f < k; f++)
    isfinite (values[f]) ? json_builder_add_double_value (b, values[f])
                         : json_builder_add_null_value (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "mean");
  isfinite (mean) ? json_builder_add_double_value (b, mean) : json_builder_add_null_value (b);
  json_builder_set_member_name (b, "sd");
  isfinite (sd) ? json_builder_add_double_value (b, sd) : json_builder_add_null_value (b);
}

static void
print_json (const FwCvResult *result,
            const FwDataset  *dataset,
            FwCvMetric        metric,
            int               recommended)
{
  for (guint c = 0; c < result->n_candidates; c++)
    {
      const FwCvCandidate *cand = &result->candidates[c];
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *name = model_name (&cand->spec);
      g_autofree char *text = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "event"), json_builder_add_string_value (b, "candidate");
      json_builder_set_member_name (b, "model"), json_builder_add_string_value (b, name);
      json_builder_set_member_name (b, "metric");
      json_builder_add_string_value (b, fw_cv_metric_key (metric));
      json_builder_set_member_name (b, "k"), json_builder_add_int_value (b, result->k);
      add_values (b, cand->metrics[metric], result->k, cand->mean[metric],
                  cand->sd[metric]);
      json_builder_set_member_name (b, "fairness_gap");
      if (dataset->n_sensitive == 0)
        json_builder_add_null_value (b);
      else
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "attribute");
          json_builder_add_string_value (b, dataset->sensitive_names[0]);
          json_builder_set_member_name (b, "measure");
          json_builder_add_string_value (b, result->task == FW_TASK_REGRESSION
                                            ? "mae_difference" : "demographic_parity_difference");
          add_values (b, cand->fairness_gap, result->k, cand->gap_mean, cand->gap_sd);
          json_builder_end_object (b);
        }
      json_builder_set_member_name (b, "watt_hours");
      json_builder_begin_object (b);
      add_values (b, cand->watt_hours, result->k, cand->watt_hours_mean,
                  cand->watt_hours_sd);
      json_builder_set_member_name (b, "estimated"), json_builder_add_boolean_value (b, TRUE);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "recommended");
      json_builder_add_boolean_value (b, (int) c == recommended);
      if (cand->error != NULL)
        {
          json_builder_set_member_name (b, "error");
          json_builder_add_string_value (b, cand->error);
        }
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      text = json_to_string (root, FALSE);
      printf ("%s\n", text);
    }
}

/* "0.812, 0.805, …" */
static char *
fold_list (const double *values,
           guint         k)
{
  GString *text = g_string_new (NULL);

  for (guint f = 0; f < k; f++)
    {
      if (f > 0)
        g_string_append (text, ", ");
      if (isfinite (values[f]))
        g_string_append_printf (text, "%.4g", values[f]);
      else
        g_string_append (text, "–");
    }
  return g_string_free (text, FALSE);
}

static void
print_text (const FwCvResult *result,
            const FwDataset  *dataset,
            FwCvMetric        metric,
            int               recommended)
{
  /* Translators: "Compared 3 models by balanced_accuracy over 5 folds of 2550 learning and
   * tuning rows; the 450 test rows were not used." */
  printf (_("Compared %u models by %s over %u folds of %zu learning and tuning rows; the %zu "
            "test rows were not used.\n"), result->n_candidates, fw_cv_metric_key (metric),
          result->k, (size_t) result->n_rows, (size_t) dataset->parts[FW_PART_TEST].n);
  for (guint c = 0; c < result->n_candidates; c++)
    {
      const FwCvCandidate *cand = &result->candidates[c];
      g_autofree char *name = model_name (&cand->spec);
      g_autofree char *folds = fold_list (cand->metrics[metric], result->k);

      printf ("\n%s%s\n", name, (int) c == recommended ? _(" (recommended)") : "");
      if (cand->error != NULL)
        {
          printf (_("  could not be trained: %s\n"), cand->error);
          continue;
        }
      printf (_("  %s: %.4g ± %.2g (folds: %s)\n"), fw_cv_metric_key (metric), cand->mean[metric],
              cand->sd[metric], folds);
      if (dataset->n_sensitive > 0)
        {
          g_autofree char *gaps = fold_list (cand->fairness_gap, result->k);

          printf (_("  gap between %s groups: %.3g ± %.2g (folds: %s)\n"),
                  dataset->sensitive_names[0], cand->gap_mean, cand->gap_sd, gaps);
        }
      /* As the Compare view says it: a millionth of a watt-hour in e-notation helps nobody. */
      if (cand->watt_hours_mean >= 0.01)
        printf (_("  energy (estimated): %.2g ± %.1g Wh per fold\n"), cand->watt_hours_mean,
                cand->watt_hours_sd);
      else
        printf ("%s\n", _("  energy (estimated): under 0.01 Wh per fold"));
    }
  if (recommended >= 0)
    {
      g_autofree char *name = model_name (&result->candidates[recommended].spec);

      printf (_("\nRecommended: %s, the simplest model whose mean is within one standard error "
                "of the best.\n"), name);
    }
}

int
fw_cli_compare (int    argc,
                char **argv)
{
  Options o = { .r = FW_CLI_RECIPE_OPTIONS_INIT, .folds = 0 };
  const GOptionEntry entries[] = {
    { "recipe", 0, 0, G_OPTION_ARG_FILENAME, &o.recipe, N_("Compare with this recipe's data and "
      "settings"), "R.json" },
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &o.data, N_("The CSV file to learn from"), "F.csv" },
    { "target", 0, 0, G_OPTION_ARG_STRING, &o.target, N_("The column to predict"), "COL" },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &o.encoding,
      N_("Read the data in this text encoding (default: the recipe's, else UTF-8)"), "NAME" },
    { "sensitive", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.r.sensitive,
      N_("A sensitive column, measured but not used as a feature (repeatable)"), "COL" },
    { "keep-column", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.r.keep,
      N_("A column known in advance: keep it even when suspected of leaking (repeatable)"),
      "COL" },
    { "intersect", 0, 0, G_OPTION_ARG_NONE, &o.r.intersect,
      N_("Also measure fairness for the first two sensitive columns together"), NULL },
    { "positive", 0, 0, G_OPTION_ARG_STRING, &o.r.positive, N_("The positive class"), "VALUE" },
    { "favourable", 0, 0, G_OPTION_ARG_STRING, &o.r.favourable,
      N_("The class that is good for the person (default: guessed from the words)"), "VALUE" },
    { "min-group-rows", 0, 0, G_OPTION_ARG_INT64, &o.r.min_group_rows,
      N_("Groups with fewer rows stay out of the fairness summaries (default 30)"), "N" },
    { "mitigate", 0, 0, G_OPTION_ARG_STRING, &o.r.mitigate, N_("none or reweigh"), "HOW" },
    { "epochs", 0, 0, G_OPTION_ARG_INT, &o.r.epochs, N_("Passes over the training rows"), "E" },
    { "batch", 0, 0, G_OPTION_ARG_INT, &o.r.batch, N_("Rows per mini-batch"), "B" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &o.r.seed, N_("Seed for the split, the folds and the "
      "models"), "S" },
    { "device", 0, 0, G_OPTION_ARG_STRING, &o.r.device, N_("auto, cpu or cuda"), "DEVICE" },
    { "folds", 0, 0, G_OPTION_ARG_INT, &o.folds, N_("Folds of cross-validation (default 5)"),
      "K" },
    { "models", 0, 0, G_OPTION_ARG_STRING, &o.models,
      N_("The candidates: logistic, linear, mlp (one layer of 64) or mlp:64x64 (default: "
         "logistic or linear, mlp:64 and mlp:64x64)"), "M,M,…" },
    { "metric", 0, 0, G_OPTION_ARG_STRING, &o.metric,
      N_("Rank by accuracy, balanced_accuracy, f1, roc_auc, rmse or r2 (default: "
         "balanced_accuracy, or rmse for numbers)"), "METRIC" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, N_("One JSON object per candidate per line"),
      NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    fw_cli_option_context_new ("compare", NULL, _("Compare candidate models by k-fold "
                                                  "cross-validation on a CSV file or a recipe."),
                               entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwRecipe) recipe = NULL;
  g_autoptr(FwDataset) dataset = NULL;
  g_autoptr(GArray) specs = g_array_new (FALSE, FALSE, sizeof (FwModelSpec));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *usage = NULL;
  g_auto(GStrv) names = NULL;
  FwCvMetric metric = FW_CV_BALANCED_ACCURACY;
  GThread *thread;
  Job job = { 0 };
  guint interrupt_id;
  int recommended, status = FW_CLI_EXIT_OK;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      options_clear (&o);
      return fw_cli_usage_error ("compare", "%s", error->message);
    }
  if (argc > 1 || (o.recipe == NULL && (o.data == NULL || o.target == NULL)))
    usage = g_strdup (argc > 1 ? _("unexpected argument")
                      : o.data == NULL ? _("--data FILE.csv is required without --recipe")
                      : _("--target COL is required without --recipe"));
  else if (o.folds != 0 && (o.folds < 2 || o.folds > FW_CV_MAX_FOLDS))
    usage = g_strdup_printf (_("--folds takes a number from 2 to %d"), FW_CV_MAX_FOLDS);
  else if (o.metric != NULL && !fw_cv_metric_from_key (o.metric, &metric))
    usage = g_strdup_printf (_("unknown metric “%s”"), o.metric);
  if (usage == NULL && !load (&o, &recipe, &table, &usage, &error) && usage == NULL)
    {
      options_clear (&o);
      return fw_cli_fail (error);
    }
  /* Before the data is prepared: a machine without a GPU should hear so at once. */
  if (usage == NULL && g_strcmp0 (recipe->model.device, "cuda") == 0 &&
      fw_backend_cuda_probe ()->status != FW_CUDA_AVAILABLE)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("--device cuda: CUDA is not available: %s. Use --device cpu."),
                   fw_backend_cuda_probe ()->reason);
      options_clear (&o);
      return fw_cli_fail (error);
    }
  if (usage == NULL)
    {
      dataset = fw_dataset_prepare (table, recipe, NULL, &error);
      if (dataset == NULL)
        {
          options_clear (&o);
          return fw_cli_fail (error);
        }
      if (o.metric == NULL)
        metric = fw_cv_default_metric (dataset->task);
      else if (!fw_cv_metric_fits_task (metric, dataset->task))
        usage = g_strdup_printf (_("--metric %s does not fit this target"), o.metric);
    }
  /* The candidates, with the recipe's other settings. */
  if (usage == NULL)
    names = g_strsplit (o.models != NULL ? o.models
                        : dataset->task == FW_TASK_REGRESSION ? "linear,mlp:64,mlp:64x64"
                        : "logistic,mlp:64,mlp:64x64", ",", -1);
  for (guint i = 0; usage == NULL && names[i] != NULL; i++)
    {
      FwModelSpec spec = recipe->model;

      if (!parse_model (g_strstrip (names[i]), &spec))
        usage = g_strdup_printf (_("unknown model “%s” (logistic, linear, mlp or mlp:64x64)"),
                                 names[i]);
      else
        g_array_append_val (specs, spec);
    }
  if (usage == NULL && specs->len == 0)
    usage = g_strdup (_("--models names no model"));
  if (usage != NULL)
    {
      options_clear (&o);
      return fw_cli_usage_error ("compare", "%s", usage);
    }

  job.dataset = dataset;
  job.options = (FwCvOptions) {
    .specs = (const FwModelSpec *) specs->data, .n_specs = specs->len, .k = (guint) o.folds,
    .seed = recipe->seed, .reweigh = g_strcmp0 (recipe->mitigation, "reweigh") == 0,
    .progress = on_progress,
  };
  job.cancellable = cancellable;
  interrupt_id = g_unix_signal_add (SIGINT, on_interrupt, cancellable);
  thread = g_thread_new ("fairway-compare", compare_thread, &job);
  while (!g_atomic_int_get (&job.finished))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
  g_source_remove (interrupt_id);
  fw_cli_progress_clear ();

  if (job.result == NULL)
    {
      status = g_error_matches (job.error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
               ? (g_printerr ("%s\n", _("Stopped.")), FW_CLI_EXIT_INTERRUPTED)
               : fw_cli_fail (job.error);
      g_clear_error (&job.error);
      options_clear (&o);
      return status;
    }
  recommended = fw_cv_result_recommend (job.result, metric);
  if (o.json)
    print_json (job.result, dataset, metric, recommended);
  else
    print_text (job.result, dataset, metric, recommended);
  fw_cv_result_free (job.result);
  options_clear (&o);
  return status;
}
