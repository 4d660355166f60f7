/* fw-train-text.h — the Train step's live figures in words: progress, time left, speed,
 * energy and the device
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "Epoch 3 of 20". */
char *fw_train_text_epoch     (guint       epoch,
                               guint       epochs);
/* "About 40 s", "About 12 min", "About 2.5 h": seconds up to a minute and a half, minutes
 * up to an hour and a half, then hours. */
char *fw_train_text_time_left (double      seconds);
/* "850 rows a second", "42 thousand rows a second", "1.2 million rows a second". */
char *fw_train_text_speed     (double      rows_per_second);
/* "0.42 Wh · 0.2 g CO2e", with "(estimated)" when @estimated: @joules so far turned into
 * grams at @intensity g CO2e per kWh, worded as fw_energy_reading_to_string words it. */
char *fw_train_text_energy    (double      joules,
                               double      intensity,
                               gboolean    estimated);
/* "Processor (CPU)", or the GPU's name for a CUDA @backend (fw_trainer_get_backend). */
char *fw_train_text_device    (const char *backend);

G_END_DECLS
