/* fw-train-text.c — the Train step's live figures in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-backend-cuda.h"
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
  /* kWh × g CO₂e per kWh. */
  double co2e = joules / 3.6e6 * intensity;

  if (estimated)
    /* Translators: energy so far in watt-hours and grams of CO2 equivalent. */
    return g_strdup_printf (_("%.2f Wh · %.2f g CO₂e (estimated)"), joules / 3600, co2e);
  return g_strdup_printf (_("%.2f Wh · %.2f g CO₂e"), joules / 3600, co2e);
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
