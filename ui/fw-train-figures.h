/* fw-train-figures.h — the Train step's figures: progress, time left, speed, device, energy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "fw-trainer.h"

G_BEGIN_DECLS

#define FW_TYPE_TRAIN_FIGURES (fw_train_figures_get_type ())

G_DECLARE_FINAL_TYPE (FwTrainFigures, fw_train_figures, FW, TRAIN_FIGURES, GtkWidget)

/* A run of @epochs epochs begins on @backend (fw_trainer_get_backend); its energy turns into
 * grams of CO₂e at @intensity g/kWh, marked "estimated" when @estimated. */
void fw_train_figures_start  (FwTrainFigures       *self,
                              guint                 epochs,
                              const char           *backend,
                              double                intensity,
                              gboolean              estimated);
void fw_train_figures_epoch  (FwTrainFigures       *self,
                              const FwTrainerEvent *epoch);
/* The run is over; @energy, when not NULL, is the final reading in words. */
void fw_train_figures_finish (FwTrainFigures       *self,
                              const char           *energy);

G_END_DECLS
