/* fw-onnx-error.h — the ONNX export's error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FW_ONNX_ERROR (fw_onnx_error_quark ())

typedef enum {
  FW_ONNX_ERROR_UNSUPPORTED,    /* something in the model the graph cannot express */
} FwOnnxError;

GQuark   fw_onnx_error_quark (void);

G_END_DECLS
