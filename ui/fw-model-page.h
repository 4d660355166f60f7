/* fw-model-page.h — wizard step 4: choose how the model learns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "fw-compare-view.h"
#include "fw-session.h"

G_BEGIN_DECLS

#define FW_TYPE_MODEL_PAGE (fw_model_page_get_type ())

G_DECLARE_FINAL_TYPE (FwModelPage, fw_model_page, FW, MODEL_PAGE, GtkWidget)

GtkWidget       *fw_model_page_new              (void);
/* The session the page shows and edits; the page keeps a reference. */
void             fw_model_page_set_session      (FwModelPage *self,
                                                 FwSession   *session);

/* For tests: the controls. */
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
