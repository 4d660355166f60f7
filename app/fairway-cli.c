/* fairway-cli.c — the headless entry point: dispatches to one file per command
 *
 * The command line is a contract (docs/cli.md): exit status 0 on success,
 * 1 for bad input with exactly one "fairway-cli: error: …" line on stderr, 2 for usage
 * errors.  Messages follow the user's language; numbers are always written the C way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "fw-cli.h"
#include "fw-metrics.h"
#include "fw-training-run.h"

typedef int (*FwCliCommand) (int argc, char **argv);

static const struct
{
  const char   *name;
  FwCliCommand  run;
  const char   *summary;
} commands[] = {
  { "sample",   fw_cli_sample,  N_("Write the bundled demo data (loan applications) as CSV") },
  { "inspect",  fw_cli_inspect, N_("Profile every column of a CSV file") },
  { "train",    fw_cli_train,   N_("Train a model on a CSV file or from a recipe") },
  { "compare",  fw_cli_compare, N_("Compare candidate models by k-fold cross-validation") },
  { "predict",  fw_cli_predict, N_("Predict with a trained model") },
  { "evaluate", fw_cli_evaluate, N_("Measure a model's metrics and fairness on labelled data") },
  { "export",   fw_cli_export,  N_("Export a model to ONNX") },
  { "report",   fw_cli_report,  N_("Write a model card as PDF or HTML") },
  { "devices",  fw_cli_devices, N_("List the devices training can use") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n  fairway-cli %s\n\n%s\n", _("Usage:"), _("COMMAND [OPTION…]"),
           _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n  -h, --help     %s\n  --version      %s\n\n%s\n", _("Options:"),
           _("Show this help"), _("Show the version"),
           _("Run “fairway-cli COMMAND --help” for the options of a command."));
}

/* One line, whatever the message holds: the contract promises exactly one. */
static void
print_error_line (const char *message)
{
  g_autofree char *line = g_strdup (message);

  g_strdelimit (line, "\r\n", ' ');
  g_printerr ("fairway-cli: error: %s\n", line);
}

int
fw_cli_fail (const GError *error)
{
  g_return_val_if_fail (error != NULL, FW_CLI_EXIT_INPUT);

  fw_cli_progress_clear ();
  print_error_line (error->message);
  return FW_CLI_EXIT_INPUT;
}

int
fw_cli_usage_error (const char *command,
                    const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  print_error_line (message);
  if (command != NULL)
    g_printerr (_("Try “fairway-cli %s --help” for more information.\n"), command);
  else
    g_printerr (_("Try “fairway-cli --help” for more information.\n"));
  return FW_CLI_EXIT_USAGE;
}

GOptionContext *
fw_cli_option_context_new (const char         *command,
                           const char         *parameters,
                           const char         *summary,
                           const GOptionEntry *entries)
{
  g_autofree char *prgname = g_strdup_printf ("fairway-cli %s", command);
  GOptionContext *context;

  /* GOption's help reads "Usage: PRGNAME [OPTION…] PARAMETERS". */
  g_set_prgname (prgname);
  context = g_option_context_new (parameters);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

void
fw_cli_print_metrics (JsonObject *metrics,
                      JsonObject *baseline)
{
  g_autoptr(GList) names = json_object_get_members (metrics);

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (metrics, l->data);
      JsonNode *base = baseline != NULL ? json_object_get_member (baseline, l->data) : NULL;

      if (!JSON_NODE_HOLDS_VALUE (value))
        continue;
      printf ("  %-18s %.4f", (const char *) l->data, json_node_get_double (value));
      if (base != NULL && JSON_NODE_HOLDS_VALUE (base))
        /* Translators: after a metric, what always giving one answer scores. */
        printf (_("   (always the most common answer: %.4f)"), json_node_get_double (base));
      printf ("\n");
    }
}

/* The engine's, which the GUI's training shares. */
void
fw_cli_add_fairness (JsonBuilder       *builder,
                     FwFairness *const *fairness,
                     char *const       *attributes,
                     guint              n)
{
  fw_training_add_fairness (builder, fairness, attributes, n);
}

void
fw_cli_decision_metrics (JsonObject    *metrics,
                         const guint32 *labels,
                         const guint32 *decided,
                         const float   *weights,
                         gsize          n,
                         guint          n_classes,
                         guint          positive)
{
  fw_training_decision_metrics (metrics, labels, decided, weights, n, n_classes, positive);
}

static void
print_rate (double value)
{
  if (isnan (value))
    printf ("  %8s", "—");
  else
    printf ("  %8.3f", value);
}

void
fw_cli_print_fairness (FwFairness *const *fairness,
                       char *const       *attributes,
                       guint              n)
{
  static const struct { FwFairnessSummary which; const char *label; } summaries[] = {
    { FW_FAIRNESS_DEMOGRAPHIC_PARITY_DIFFERENCE, N_("Demographic parity difference") },
    { FW_FAIRNESS_DEMOGRAPHIC_PARITY_RATIO, N_("Demographic parity ratio") },
    { FW_FAIRNESS_EQUALIZED_ODDS_DIFFERENCE, N_("Equalized odds difference") },
    { FW_FAIRNESS_EQUAL_OPPORTUNITY_DIFFERENCE, N_("Equal opportunity difference") },
    { FW_FAIRNESS_FAVOURABLE_RATE_RATIO, N_("Good-outcome rate ratio") },
  };

  for (guint a = 0; a < n && fairness != NULL; a++)
    {
      const FwFairness *f = fairness[a];

      if (f == NULL || f->regression)
        continue;
      printf (_("\nFairness by “%s” (test rows):\n"), attributes[a]);
      if (f->favourable != NULL)
        printf (f->positive_is_harmful
                ? _("  Good outcome for the person: “%s”; being selected harms, so the false "
                    "positive rate matters most.\n")
                : _("  Good outcome for the person: “%s”, the one selected.\n"), f->favourable);
      {
        g_autoptr(GString) head = g_string_new ("  ");

        fw_cli_append_padded (head, _("group"), 16, FALSE);
        printf ("%s %8s  %8s  %8s  %8s  %8s\n", head->str, _("rows"), _("selected"), "TPR",
                "FPR", _("accuracy"));
      }
      for (guint g = 0; g < f->n_groups; g++)
        {
          g_autofree char *name = fw_cli_fit (f->group_names[g], 15);
          g_autoptr(GString) cell = g_string_new ("  ");

          /* Padded by what the terminal shows: "35 – 48" is 9 bytes for 7 cells. */
          fw_cli_append_padded (cell, name, 15, FALSE);
          /* A star marks a group too small to judge, out of the summaries. */
          printf ("%s%s %8" G_GUINT64_FORMAT, cell->str, f->groups[g].too_small ? "*" : " ",
                  f->groups[g].n);
          print_rate (f->groups[g].selection_rate);
          print_rate (f->groups[g].tpr);
          print_rate (f->groups[g].fpr);
          print_rate (f->groups[g].accuracy);
          printf ("\n");
        }
      for (guint s = 0; s < G_N_ELEMENTS (summaries); s++)
        {
          const FwFairnessInterval *ci = &f->intervals[summaries[s].which];

          printf ("  %-30s %.3f", _(summaries[s].label), f->summaries[summaries[s].which]);
          if (!isnan (ci->low))
            /* Translators: the confidence level in percent, then the interval's ends. */
            printf (_("  (%.0f%% interval %.3f – %.3f)"), 100 * FW_FAIRNESS_CONFIDENCE_LEVEL,
                    ci->low, ci->high);
          printf ("\n");
        }
      for (guint w = 0; f->warnings != NULL && f->warnings[w] != NULL; w++)
        printf ("  ! %s\n", f->warnings[w]);
    }
}

static int progress_enabled = -1;
static int progress_last = -1;
static const char *progress_what;

gboolean
fw_cli_progress_enabled (void)
{
  if (progress_enabled < 0)
    progress_enabled = isatty (STDERR_FILENO) ? 1 : 0;
  return progress_enabled;
}

void
fw_cli_progress (const char *what,
                 double      fraction)
{
  int percent;

  if (!fw_cli_progress_enabled ())
    return;
  percent = (int) (CLAMP (fraction, 0.0, 1.0) * 100.0);
  if (percent == progress_last && what == progress_what)
    return;
  progress_last = percent;
  progress_what = what;
  /* \r and erase-line redraw in place; nothing of it reaches a pipe or a file. */
  fprintf (stderr, "\r\033[K%s %d%%", what, percent);
  fflush (stderr);
}

void
fw_cli_progress_clear (void)
{
  if (progress_last < 0)
    return;
  progress_last = -1;
  fputs ("\r\033[K", stderr);
  fflush (stderr);
}

int
main (int    argc,
      char **argv)
{
  /* An uninstalled build (`meson devenv`, the tests) reads the build tree's catalogues. */
  const char *localedir = g_getenv ("FAIRWAY_LOCALEDIR");
  const char *name;

  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("fairway-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return FW_CLI_EXIT_USAGE;
    }

  name = argv[1];
  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    {
      print_usage (stdout);
      return FW_CLI_EXIT_OK;
    }
  if (g_str_equal (name, "--version") || g_str_equal (name, "-V"))
    {
      printf ("fairway-cli %s\n", PACKAGE_VERSION);
      return FW_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (!g_str_equal (name, commands[i].name))
        continue;
      return commands[i].run (argc - 1, argv + 1);
    }

  if (name[0] == '-')
    return fw_cli_usage_error (NULL, _("unknown option '%s'"), name);
  return fw_cli_usage_error (NULL, _("unknown command '%s'"), name);
}
