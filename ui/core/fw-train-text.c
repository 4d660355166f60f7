/* fw-train-text.c — the Train step's live figures in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-backend-cuda.h"
#include "fw-energy.h"
#include "fw-train-text.h"

char *
fw_train_text_epoch (guint epoch,
                     guint epochs)
{
  /* Translators: progress through training, e.g. "Epoch 3 of 20". */
  return g_strdup_printf (_("Epoch %u of %u"), epoch, epochs);
}

char *
fw_train_text_time_left (double seconds)
{
  if (seconds < 90)
    /* Translators: time left in training. */
    return g_strdup_printf (_("About %.0f s"), MAX (seconds, 1));
  if (seconds < 5400)
    return g_strdup_printf (_("About %.0f min"), seconds / 60);
  return g_strdup_printf (_("About %.1f h"), seconds / 3600);
}

char *
fw_train_text_speed (double rows_per_second)
{
  if (rows_per_second >= 1e6)
    /* Translators: training speed. */
    return g_strdup_printf (_("%.1f million rows a second"), rows_per_second / 1e6);
  if (rows_per_second >= 1e4)
    return g_strdup_printf (_("%.0f thousand rows a second"), rows_per_second / 1e3);
  return g_strdup_printf (_("%.0f rows a second"), rows_per_second);
}

char *
fw_train_text_energy (double   joules,
                      double   intensity,
                      gboolean estimated)
{
  /* The engine's wording, as the finished figure, the CLI and the report have it: two
   * significant figures, never a "0.00 g" for a short run. */
  g_autoptr(FwEnergyReading) reading =
    fw_energy_reading_new (joules, intensity, estimated ? FW_ENERGY_METHOD_ESTIMATE
                                                        : FW_ENERGY_METHOD_RAPL,
                           estimated, NULL);

  return fw_energy_reading_to_string (reading);
}

char *
fw_train_text_device (const char *backend)
{
  g_return_val_if_fail (backend != NULL, NULL);

  if (g_str_has_prefix (backend, "cuda"))
    /* Translators: the device training runs on, e.g. "NVIDIA H200 (GPU)". */
    return g_strdup_printf (_("%s (GPU)"), fw_backend_cuda_probe ()->name);
  return g_strdup (_("Processor (CPU)"));
}
