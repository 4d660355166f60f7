/* fw-cli-export.c — fairway-cli export --model M.fwmodel --onnx OUT.onnx
 *
 * The whole pipeline (preprocessing, model, decision) as one ONNX graph; the layout is in
 * engine/formats/fw-onnx.h.  The file is written atomically: all of it, or nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-cli.h"
#include "fw-onnx.h"
#include "fw-trained-model.h"

int
fw_cli_export (int    argc,
               char **argv)
{
  g_autofree char *model = NULL, *onnx = NULL;
  const GOptionEntry entries[] = {
    { "model", 0, 0, G_OPTION_ARG_FILENAME, &model, N_("The trained model"), "M.fwmodel" },
    { "onnx", 0, 0, G_OPTION_ARG_FILENAME, &onnx, N_("Where to write the ONNX model"),
      "OUT.onnx" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    fw_cli_option_context_new ("export", NULL,
                               _("Export a trained model, preprocessing included, to ONNX."),
                               entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) model_file = NULL, onnx_file = NULL;
  g_autoptr(FwTrainedModel) trained = NULL;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fw_cli_usage_error ("export", "%s", error->message);
  if (argc > 1)
    return fw_cli_usage_error ("export", _("unexpected argument '%s'"), argv[1]);
  if (model == NULL || onnx == NULL)
    return fw_cli_usage_error ("export", "%s", _("--model and --onnx are required"));

  model_file = g_file_new_for_commandline_arg (model);
  onnx_file = g_file_new_for_commandline_arg (onnx);
  trained = fw_trained_model_load (model_file, &error);
  if (trained == NULL || !fw_onnx_export (trained, onnx_file, &error))
    return fw_cli_fail (error);
  return FW_CLI_EXIT_OK;
}
