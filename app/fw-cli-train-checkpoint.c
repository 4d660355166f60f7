/* fw-cli-train-checkpoint.c — train --checkpoint and --resume
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include "fw-cli-train-checkpoint.h"

/* The same columns in the same order: the preprocessing a checkpoint was trained behind. */
static gboolean
same_features (const FwTrainedModel *trained,
               const FwDataset      *dataset)
{
  return trained->task == dataset->task &&
         g_strv_equal ((const char *const *) trained->feature_names,
                       (const char *const *) dataset->feature_names);
}

gboolean
fw_cli_train_checkpoint (FwTrainingRun  *run,
                         const char     *checkpoint,
                         double          seconds,
                         const char     *resume,
                         gboolean        json,
                         GError        **error)
{
  if (!(seconds >= 0 && seconds <= 24 * 3600))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--checkpoint-seconds takes 0 to 86400 seconds"));
      return FALSE;
    }
  if (resume != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (resume);
      g_autoptr(FwTrainedModel) trained = fw_trained_model_load (file, error);

      if (trained == NULL)
        return FALSE;
      if (!same_features (trained, fw_training_run_get_dataset (run)))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The checkpoint does not fit this training: it was made "
                                 "from other columns or another target. Give the same "
                                 "data and options as the run that wrote it."));
          return FALSE;
        }
      if (!fw_training_run_resume_from (run, trained, error))
        return FALSE;
      if (!json)
        g_printerr (_("Resuming from epoch %u of %u.\n"), trained->checkpoint_epoch,
                    trained->checkpoint_epochs);
    }
  if (checkpoint != NULL)
    fw_training_run_set_checkpoint (run, seconds,
                                    fw_training_checkpoint_to_file,
                                    g_file_new_for_commandline_arg (checkpoint),
                                    g_object_unref);
  return TRUE;
}
