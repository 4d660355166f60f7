/* fw-onnx-error.c — the ONNX export's error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-onnx-error.h"

G_DEFINE_QUARK (fw-onnx-error-quark, fw_onnx_error)
