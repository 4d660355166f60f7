/* fw-cli-train.c — fairway-cli train (--recipe R.json | --data F.csv --target COL) …
 *
 * Imports, applies the recipe (or the suggested cleaning), trains on the trainer thread
 * while this thread drains its events: one JSON object per line with --json, a live
 * one-line display on a terminal otherwise.  Ctrl+C stops training and keeps the best
 * model so far.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <unistd.h>
#include "fw-cli.h"
#include "fw-cli-train-output.h"
#include "fw-cli-train-checkpoint.h"
#include "fw-backend-cuda.h"
#include "fw-csv-import.h"
#include "fw-leak-check.h"
#include "fw-training-run.h"

typedef struct
{
  FwCliRecipeOptions  r;
  char     *data, *recipe, *target, *model, *hidden, *out;
  char     *encoding;
  char     *checkpoint, *resume;
  char     *solver;
  double    checkpoint_seconds;
  char     *threshold_policy, *save_recipe;
  char     *threshold_column;
  double    threshold;
  double    lr, carbon_intensity;
  gboolean  json;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->data);
  g_free (o->recipe);
  g_free (o->target);
  g_free (o->model);
  g_free (o->hidden);
  g_free (o->threshold_policy);
  g_free (o->threshold_column);
  g_free (o->save_recipe);
  g_free (o->encoding);
  g_free (o->checkpoint);
  g_free (o->resume);
  g_free (o->solver);
  g_free (o->out);
  fw_cli_recipe_options_clear (&o->r);
}

/* Takes @text; always FALSE, so a check can end in "return refuse (…)". */
static gboolean
refuse (char **message,
        char  *text)
{
  *message = text;
  return FALSE;
}

/* Command-line flags override the recipe and fill in @training; a usage problem returns
 * FALSE with @message. */
static gboolean
apply_options (const Options      *o,
               FwRecipe           *recipe,
               FwTrainingOptions  *training,
               char              **message)
{
  FwModelSpec *spec = &recipe->model;

  if (o->model != NULL)
    {
      if (g_str_equal (o->model, "logistic"))
        spec->kind = FW_MODEL_LOGISTIC;
      else if (g_str_equal (o->model, "linear"))
        spec->kind = FW_MODEL_LINEAR;
      else if (g_str_equal (o->model, "mlp"))
        spec->kind = FW_MODEL_MLP;
      else
        return refuse (message, g_strdup_printf (_("unknown model “%s” (logistic, linear or mlp)"),
                                            o->model));
    }
  if (o->hidden != NULL)
    {
      g_auto(GStrv) widths = g_strsplit (o->hidden, ",", -1);

      spec->n_hidden = g_strv_length (widths);
      if (spec->n_hidden < 1 || spec->n_hidden > FW_RECIPE_MAX_HIDDEN)
        return refuse (message, g_strdup_printf (_("--hidden takes 1 to %d layer widths, such as "
                                                   "64,64"), FW_RECIPE_MAX_HIDDEN));
      for (guint i = 0; i < spec->n_hidden; i++)
        {
          guint64 width;

          if (!g_ascii_string_to_unsigned (widths[i], 10, 1, FW_RECIPE_MAX_HIDDEN_WIDTH, &width,
                                           NULL))
            return refuse (message, g_strdup_printf (_("“%s” is not a layer width from 1 to %d"),
                                                     widths[i], FW_RECIPE_MAX_HIDDEN_WIDTH));
          spec->hidden[i] = width;
        }
      if (o->model == NULL)
        spec->kind = FW_MODEL_MLP;
    }
  /* A model chosen on the command line gets its own default rate unless --lr says. */
  if ((o->model != NULL || o->hidden != NULL) && o->lr == -1)
    spec->learning_rate = fw_model_kind_default_learning_rate (spec->kind);
  if (o->solver != NULL)
    {
      if (g_str_equal (o->solver, "exact"))
        spec->solver = FW_SOLVER_EXACT;
      else if (g_str_equal (o->solver, "minibatch"))
        spec->solver = FW_SOLVER_MINIBATCH;
      else
        return refuse (message, g_strdup_printf (_("unknown solver “%s” (exact or minibatch)"),
                                                 o->solver));
    }
  if (o->lr != -1)
    {
      if (!(o->lr > 0 && o->lr < 100))
        return refuse (message, g_strdup (_("--lr must be a positive number")));
      spec->learning_rate = o->lr;
    }
  if (o->threshold_policy != NULL)
    {
      FwThresholdPolicy policy;

      if (!fw_threshold_policy_from_string (o->threshold_policy, &policy))
        return refuse (message, g_strdup_printf (_("unknown threshold policy “%s” "
                                                   "(none, parity or tpr)"), o->threshold_policy));
      recipe->threshold_policy = policy;
      /* Another policy fits its own: the recipe's hand-chosen thresholds give way. */
      if (policy != FW_THRESHOLD_POLICY_MANUAL)
        {
          g_clear_pointer (&recipe->group_thresholds_names, g_strfreev);
          g_clear_pointer (&recipe->group_thresholds_values, g_free);
        }
    }
  if (o->threshold != -1)
    {
      if (!(o->threshold > 0 && o->threshold < 1))
        return refuse (message, g_strdup (_("--threshold takes a probability between 0 and 1, "
                                            "such as 0.4")));
      recipe->threshold = o->threshold;
    }
  if (o->threshold_column != NULL)
    {
      g_free (recipe->threshold_attribute);
      recipe->threshold_attribute = g_strdup (o->threshold_column);
    }
  if (o->carbon_intensity != -1 && !(o->carbon_intensity >= 0 && o->carbon_intensity < 1e5))
    return refuse (message, g_strdup (_("--carbon-intensity takes grams of CO2e per kWh, "
                                        "such as 475")));
  training->carbon_intensity = o->carbon_intensity;
  {
    char *usage = fw_cli_recipe_options_apply (&o->r, recipe);

    if (usage != NULL)
      return refuse (message, usage);
  }
  return TRUE;
}

static gboolean
on_interrupt (gpointer data)
{
  fw_trainer_stop (data);
  return G_SOURCE_CONTINUE;
}

static void
on_import_progress (double fraction, gpointer data)
{
  fw_cli_progress (_("Reading"), fraction);
}

int
fw_cli_train (int    argc,
              char **argv)
{
  Options o = { .r = FW_CLI_RECIPE_OPTIONS_INIT, .lr = -1, .carbon_intensity = -1,
                .threshold = -1,
                .checkpoint_seconds = FW_TRAINER_CHECKPOINT_SECONDS };
  g_autofree char *intensity_help = g_strdup_printf (_("Grid carbon intensity in g CO2e per kWh "
                                                       "(default %g, the world average)"),
                                                     FW_ENERGY_DEFAULT_INTENSITY);
  const GOptionEntry entries[] = {
    { "recipe", 0, 0, G_OPTION_ARG_FILENAME, &o.recipe, N_("Replay this recipe"), "R.json" },
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &o.data, N_("The CSV file to learn from"), "F.csv" },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &o.encoding,
      N_("Read the data in this text encoding (default: the recipe's, else UTF-8)"), "NAME" },
    { "target", 0, 0, G_OPTION_ARG_STRING, &o.target, N_("The column to predict"), "COL" },
    { "sensitive", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.r.sensitive,
      N_("A sensitive column, measured but not used as a feature (repeatable)"), "COL" },
    { "keep-column", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.r.keep,
      N_("A column known in advance, before the outcome: keep it even when it is suspected "
         "of leaking the answer (repeatable; recorded in the recipe)"), "COL" },
    { "intersect", 0, 0, G_OPTION_ARG_NONE, &o.r.intersect,
      N_("Also measure fairness for the first two sensitive columns together"), NULL },
    { "model", 0, 0, G_OPTION_ARG_STRING, &o.model, N_("logistic, linear or mlp"), "KIND" },
    { "hidden", 0, 0, G_OPTION_ARG_STRING, &o.hidden, N_("MLP layer widths"), "64,64" },
    { "epochs", 0, 0, G_OPTION_ARG_INT, &o.r.epochs, N_("Passes over the training rows"), "E" },
    { "batch", 0, 0, G_OPTION_ARG_INT, &o.r.batch, N_("Rows per mini-batch"), "B" },
    { "lr", 0, 0, G_OPTION_ARG_DOUBLE, &o.lr, N_("Learning rate"), "X" },
    { "solver", 0, 0, G_OPTION_ARG_STRING, &o.solver,
      N_("Logistic and linear: exact (Newton, with standard errors) or minibatch"), "HOW" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &o.r.seed, N_("Seed for the split and the model"), "S" },
    { "device", 0, 0, G_OPTION_ARG_STRING, &o.r.device, N_("auto, cpu or cuda"), "DEVICE" },
    { "mitigate", 0, 0, G_OPTION_ARG_STRING, &o.r.mitigate, N_("none or reweigh"), "HOW" },
    { "positive", 0, 0, G_OPTION_ARG_STRING, &o.r.positive, N_("The positive class"), "VALUE" },
    { "favourable", 0, 0, G_OPTION_ARG_STRING, &o.r.favourable,
      N_("The class that is good for the person (default: guessed from the words)"), "VALUE" },
    { "min-group-rows", 0, 0, G_OPTION_ARG_INT64, &o.r.min_group_rows,
      N_("Groups with fewer test rows stay out of the fairness summaries (default 30)"), "N" },
    { "threshold-policy", 0, 0, G_OPTION_ARG_STRING, &o.threshold_policy,
      N_("Per-group decision thresholds: none, parity (equal selection rates) or tpr"), "POLICY" },
    { "threshold", 0, 0, G_OPTION_ARG_DOUBLE, &o.threshold,
      N_("Predict the positive class from this probability (default 0.5)"), "X" },
    { "threshold-column", 0, 0, G_OPTION_ARG_STRING, &o.threshold_column,
      N_("The sensitive column whose groups get their own thresholds (default: the first)"),
      "COL" },
    { "carbon-intensity", 0, 0, G_OPTION_ARG_DOUBLE, &o.carbon_intensity, intensity_help, "G" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &o.out, N_("Save the trained model here"), "M.fwmodel" },
    { "save-recipe", 0, 0, G_OPTION_ARG_FILENAME, &o.save_recipe,
      N_("Save the recipe of this run, with the data's fingerprint, to replay it"), "R.json" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, N_("One JSON object per line"), NULL },
    { "checkpoint", 0, 0, G_OPTION_ARG_FILENAME, &o.checkpoint,
      N_("While training, keep the best model so far here (at most every 5 seconds)"),
      "C.fwmodel" },
    { "resume", 0, 0, G_OPTION_ARG_FILENAME, &o.resume,
      N_("Carry on training from this checkpoint, after its epoch"), "C.fwmodel" },
    { "checkpoint-seconds", 0, 0, G_OPTION_ARG_DOUBLE, &o.checkpoint_seconds,
      N_("Seconds between checkpoints at most (default 5)"), "S" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    fw_cli_option_context_new ("train", NULL, _("Train a model on a CSV file or from a recipe."),
                               entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) data_file = NULL;
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwRecipe) recipe = NULL;
  g_autoptr(FwTrainingRun) run = NULL;
  g_autoptr(FwTrainerEvent) done = NULL;
  g_autoptr(FwTrainedModel) trained = NULL;
  g_autofree char *message = NULL;
  g_auto(GStrv) left_out = NULL;
  g_autoptr(GString) status = g_string_new (_("Training"));
  FwTrainingOptions options;
  FwFairness *const *fairness = NULL;
  const FwDataset *dataset;
  FwTrainer *trainer;
  guint n_fairness;
  guint interrupt_id;
  int exit_status = FW_CLI_EXIT_OK;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      options_clear (&o);
      return fw_cli_usage_error ("train", "%s", error->message);
    }
  if (argc > 1 || (o.recipe == NULL && (o.data == NULL || o.target == NULL)))
    {
      exit_status = fw_cli_usage_error ("train", "%s", argc > 1 ? _("unexpected argument")
                                   : o.data == NULL ? _("--data FILE.csv is required without --recipe")
                                   : _("--target COL is required without --recipe"));
      options_clear (&o);
      return exit_status;
    }

  if (o.recipe != NULL)
    {
      g_autoptr(GFile) recipe_file = g_file_new_for_commandline_arg (o.recipe);

      recipe = fw_recipe_load (recipe_file, &error);
      /* A recipe may name its data, relative to its own folder. */
      if (recipe != NULL && o.data == NULL)
        {
          g_autoptr(GFile) folder = g_file_get_parent (recipe_file);

          if (recipe->data == NULL)
            g_set_error_literal (&error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                                 _("The recipe does not say which data it is for; "
                                   "give it with --data FILE.csv."));
          else
            data_file = g_file_resolve_relative_path (folder, recipe->data);
          /* Read as it was when the recipe was made, unless --encoding says otherwise. */
          if (recipe != NULL && o.encoding == NULL)
            o.encoding = g_strdup (recipe->data_encoding);
        }
    }
  if (data_file == NULL && o.data != NULL)
    data_file = g_file_new_for_commandline_arg (o.data);
  if (error == NULL)
    table = fw_cli_import_csv (data_file, o.encoding, NULL, on_import_progress, &error);
  fw_cli_progress_clear ();
  fw_training_options_init (&options);
  if (error == NULL && recipe == NULL)
    {
      /* The suggested cleaning, checked for leaks on the split these options make. */
      g_autoptr(FwTableProfile) profile = fw_table_profile_new (table, NULL, NULL, NULL, &error);
      g_autoptr(FwRecipe) settings = fw_recipe_new ();

      settings->target = g_strdup (o.target);
      if (!apply_options (&o, settings, &options, &message))
        {
          options_clear (&o);
          return fw_cli_usage_error ("train", "%s", message);
        }
      if (profile != NULL)
        recipe = fw_recipe_new_suggested_safe (table, profile, settings, &left_out, &error);
    }
  if (error != NULL)
    {
      options_clear (&o);
      return fw_cli_fail (error);
    }
  if (o.target != NULL && o.recipe != NULL)
    {
      g_free (recipe->target);
      recipe->target = g_strdup (o.target);
    }
  if (!apply_options (&o, recipe, &options, &message))
    {
      options_clear (&o);
      return fw_cli_usage_error ("train", "%s", message);
    }
  if (left_out != NULL && left_out[0] != NULL && !o.json)
    {
      g_autofree char *names = g_strjoinv (", ", left_out);

      /* Translators: followed by a list of column names. */
      printf (_("Left out as suspected leaks: %s (keep one with --keep-column COL if it is "
                "known before the outcome)\n"), names);
    }
  /* Before the data is prepared: a machine without a GPU should hear so at once. */
  if (g_strcmp0 (recipe->model.device, "cuda") == 0 &&
      fw_backend_cuda_probe ()->status != FW_CUDA_AVAILABLE)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("--device cuda: CUDA is not available: %s. Use --device cpu."),
                   fw_backend_cuda_probe ()->reason);
      options_clear (&o);
      return fw_cli_fail (error);
    }

  /* Preparing, the checks, reweighing and the audit: shared with the GUI. */
  options.cli_hints = TRUE;
  run = fw_training_run_new (table, data_file, recipe, &options, NULL, &error);
  if (run == NULL)
    {
      options_clear (&o);
      return fw_cli_fail (error);
    }
  trainer = fw_training_run_get_trainer (run);
  dataset = fw_training_run_get_dataset (run);
  if (!fw_cli_train_checkpoint (run, o.checkpoint, o.checkpoint_seconds, o.resume, o.json,
                                &error))
    {
      options_clear (&o);
      return fw_cli_fail (error);
    }

  interrupt_id = g_unix_signal_add (SIGINT, on_interrupt, trainer);
  fw_trainer_start (trainer);
  while (done == NULL)
    {
      FwTrainerEvent *event = fw_training_run_wait_event (run, G_USEC_PER_SEC / 20);

      /* Lets the SIGINT source run between events. */
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (event == NULL)
        continue;
      if (event->kind == FW_TRAINER_EVENT_EPOCH)
        fw_cli_train_print_epoch (event, dataset->sensitive_names, o.json, status);
      else if (event->kind == FW_TRAINER_EVENT_PROGRESS)
        fw_cli_progress (status->str, event->fraction);
      else if (event->kind == FW_TRAINER_EVENT_LOG && !o.json)
        {
          fw_cli_progress_clear ();
          g_printerr ("%s\n", event->message);
        }
      if (event->kind == FW_TRAINER_EVENT_DONE)
        done = event;
      else
        fw_trainer_event_free (event);
    }
  g_source_remove (interrupt_id);
  fw_trainer_join (trainer);
  fw_cli_progress_clear ();
  if (done->outcome == FW_TRAINER_FAILED)
    {
      options_clear (&o);
      return fw_cli_fail (done->error);
    }

  trained = fw_training_run_finish (run, NULL, &error);
  fairness = fw_training_run_get_fairness (run, &n_fairness);
  /* A recipe that names the data it was made for, by path and fingerprint, replays
   * exactly (CPU training is deterministic for a seed). */
  if (error == NULL && o.save_recipe != NULL)
    {
      g_autoptr(GFile) recipe_file = g_file_new_for_commandline_arg (o.save_recipe);
      g_autoptr(FwRecipe) saved = fw_recipe_copy (recipe);

      g_free (saved->data);
      saved->data = g_file_get_path (data_file);
      g_free (saved->data_sha256);
      saved->data_sha256 = g_strdup (trained->data_sha256);
      g_free (saved->data_encoding);
      saved->data_encoding = o.encoding != NULL && g_ascii_strcasecmp (o.encoding, "UTF-8") != 0
                               ? g_strdup (o.encoding) : NULL;
      g_free (saved->fairway_version);
      saved->fairway_version = g_strdup (PACKAGE_VERSION);
      g_free (saved->backend);
      saved->backend = g_strdup (trained->backend);
      fw_recipe_save (saved, recipe_file, &error);
    }
  if (error == NULL && o.out != NULL)
    {
      g_autoptr(GFile) out = g_file_new_for_commandline_arg (o.out);

      fw_trained_model_save (trained, out, &error);
    }
  if (error == NULL && recipe->data_sha256 != NULL && trained->data_sha256 != NULL &&
      g_strcmp0 (recipe->data_sha256, trained->data_sha256) != 0)
    {
      fw_cli_progress_clear ();
      g_printerr (_("Note: this data is not the data the recipe was made with (its SHA-256 "
                    "differs), so the results will differ from the recorded run.\n"));
    }
  if (error != NULL)
    exit_status = fw_cli_fail (error);
  else
    fw_cli_train_print_done (trained, done, trainer, fairness, n_fairness, dataset->sensitive_names,
                             fw_training_run_get_audit (run), fw_training_run_get_too_good (run),
                             (const char *const *) left_out, o.out, o.json);
  options_clear (&o);
  return exit_status;
}
