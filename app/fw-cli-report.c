/* fw-cli-report.c — fairway-cli report --model M.fwmodel -o OUT.pdf|OUT.html
 *
 * The model card of a trained model (plots/fw-report.h), from the .fwmodel alone; the
 * format follows the output's extension.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include "fw-cli.h"
#include "fw-report.h"
#include "fw-trained-model.h"

int
fw_cli_report (int    argc,
               char **argv)
{
  g_autofree char *model = NULL, *output = NULL, *intended_use = NULL;
  const GOptionEntry entries[] = {
    { "model", 0, 0, G_OPTION_ARG_FILENAME, &model, N_("The trained model"), "M.fwmodel" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Where to write the report: a .pdf or .html file"), "OUT.pdf" },
    { "intended-use", 0, 0, G_OPTION_ARG_STRING, &intended_use,
      N_("What the model is for and who will use it, in your words"), "TEXT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    fw_cli_option_context_new ("report", NULL, _("Write a model card as PDF or HTML."), entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) model_file = NULL, out_file = NULL;
  g_autoptr(FwTrainedModel) trained = NULL;
  FwReportOptions options = { 0 };

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fw_cli_usage_error ("report", "%s", error->message);
  if (argc > 1 || model == NULL || output == NULL)
    return fw_cli_usage_error ("report", "%s", _("--model and -o are required"));

  model_file = g_file_new_for_commandline_arg (model);
  out_file = g_file_new_for_commandline_arg (output);
  options.intended_use = intended_use;
  trained = fw_trained_model_load (model_file, &error);
  if (trained == NULL || !fw_report_write (trained, &options, out_file, &error))
    return fw_cli_fail (error);
  printf (_("Wrote the model card to %s\n"), output);
  return FW_CLI_EXIT_OK;
}
