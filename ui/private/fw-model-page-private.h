/* fw-model-page-private.h — the Model step's controls, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-compare-view.h"
#include "fw-model-page.h"

G_BEGIN_DECLS

GtkToggleButton *fw_model_page_get_card         (FwModelPage *self,
                                                 FwModelKind  kind);
gboolean         fw_model_page_is_recommended   (FwModelPage *self,
                                                 FwModelKind  kind);
/* A setting's spin button, by the keys of fw_model_settings_get_spin(). */
GtkSpinButton   *fw_model_page_get_setting      (FwModelPage *self,
                                                 const char  *key);
AdwComboRow     *fw_model_page_get_device_row   (FwModelPage *self);
/* "none", "reweigh", "parity" or "tpr". */
GtkCheckButton  *fw_model_page_get_mitigation   (FwModelPage *self,
                                                 const char  *name);
FwCompareView   *fw_model_page_get_compare_view (FwModelPage *self);

G_END_DECLS
