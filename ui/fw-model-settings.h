/* fw-model-settings.h — the Model step's advanced settings and split, bound to the recipe
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "fw-session.h"

G_BEGIN_DECLS

typedef struct _FwModelSettings FwModelSettings;

/* Adds the advanced rows (layers, optimiser, epochs, batch, learning rate, L2, dropout,
 * momentum, early stopping, seed) to @advanced and the split rows to @split_group; each
 * edits @session's recipe.  @session and the rows must outlive the returned object. */
FwModelSettings *fw_model_settings_new            (FwSession           *session,
                                                   AdwExpanderRow      *advanced,
                                                   AdwPreferencesGroup *split_group);
void             fw_model_settings_free           (FwModelSettings     *self);
/* Shows the recipe's values; @task decides what applies (stratifying needs classes). */
void             fw_model_settings_sync           (FwModelSettings     *self,
                                                   FwTask               task);
/* The spin button of a setting: "epochs", "batch-size", "learning-rate", "l2", "dropout",
 * "momentum", "patience", "seed", "train", "validation". */
GtkSpinButton   *fw_model_settings_get_spin       (FwModelSettings     *self,
                                                   const char          *key);
AdwComboRow     *fw_model_settings_get_layers_row (FwModelSettings     *self);

G_END_DECLS
