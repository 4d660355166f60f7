/* fw-onnx.h — a trained pipeline as one ONNX model: raw columns in, decisions out
 *
 * The graph (ai.onnx opset 13, ai.onnx.ml opset 2, IR version 7) does what
 * fw_trained_model_predict and fw_trained_model_decide do, so a user feeds raw columns:
 *
 *   inputs   one per source column the model uses, named as the column, in the order the
 *            preprocessor reads them (then the per-group threshold column, if the model has
 *            thresholds and does not read it already):
 *              float  [N,1]  a number column (NaN = missing), also when it is one-hot
 *                            encoded by its values
 *              string [N,1]  a category column; "" and the missing markers (NA, N/A, NaN,
 *                            null, #N/A in any case, ?) are missing
 *   numbers  Cast to double → the fitted ops in order (fill: Where(IsNaN); clip:
 *            Where(Less)/Where(Greater); scale: (x − a)·b) → non-finite to 0 → Cast to float
 *   one-hot  index = LabelEncoder (strings, or for numbers the op-processed float values,
 *            compared as floats) → kept category k, else the last "column=other" slot (a
 *            missing text cell: its fill category's slot) → Equal with 0…width−1 → Cast
 *   features Concat of every input's block, in the model's feature order: [N,F] float
 *   model    Gemm (+ Relu for hidden layers) per layer, then Sigmoid (binary: columns
 *            [1 − p, p]), Softmax (several classes) or nothing (regression)
 *   outputs  classification: "label" [N] string, the class name fairway-cli predict writes;
 *                            "probabilities" [N,C] float, in class order
 *            regression:     "prediction" [N,1] float
 *   decision binary: positive when P(positive) ≥ the row's threshold (0.5, or its group's
 *            via a LabelEncoder over the threshold column, a missing cell taking the
 *            "(missing)" group's); otherwise ArgMax (ties: the lower class); then Gather
 *            from the class names.
 *
 * metadata_props carry what a consumer needs to trust it: fairway.classes (JSON array in
 * output order), fairway.positive_class, fairway.features (JSON: each feature's name, source
 * column, encoding and category), fairway.inputs, fairway.thresholds, fairway.version,
 * fairway.data_sha256 and the task and target.
 *
 * What the graph cannot express is refused with FW_ONNX_ERROR_UNSUPPORTED: a column named
 * like an output, a column read both as numbers and as text, thresholds per range of a
 * number column (those ranges come from the rows being predicted), categories that are the
 * same number as floats, a model too large for one protobuf message.
 *
 * Known differences from fairway-cli predict, on input predict would read differently: a
 * text cell with surrounding spaces or a number written another way ("5.0" for the
 * category "5") is taken as written; a number column is read as float32, so a value that
 * needs double precision can land on its neighbour's category.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "fw-onnx-error.h"
#include "fw-trained-model.h"

G_BEGIN_DECLS

/* The model as ONNX protobuf bytes. */
GBytes  *fw_onnx_encode      (const FwTrainedModel *trained,
                              GError              **error);
/* Writes fw_onnx_encode's bytes to @file atomically: all of it, or nothing. */
gboolean fw_onnx_export      (const FwTrainedModel *trained,
                              GFile                *file,
                              GError              **error);

G_END_DECLS
