/* fw-onnx-private.h — what fw-onnx.c builds its graph with: the threshold block
 * (fw-onnx-thresholds.c), the metadata (fw-onnx-metadata.c), the missing markers
 * (fw-onnx-missing.c, which the thresholds use too), a date's parts (fw-onnx-dates.c) and
 * two float helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>
#include <string.h>
#include "fw-onnx-error.h"
#include "fw-onnx-graph.h"
#include "fw-preprocessor-private.h"
#include "fw-trained-model.h"

G_BEGIN_DECLS

/* The texts fw_is_missing_marker takes for missing that a LabelEncoder can list: "", "?",
 * and every letter case of na, n/a, nan, null and #n/a.  Owned strings. */
GPtrArray  *fw_onnx_missing_markers        (void);

/* Which kind of input the threshold column gets when the model reads it for nothing else:
 * float when its groups are numbers (or number ranges), else string. */
FwOnnxType  fw_onnx_threshold_input_type   (const FwTrainedModel *trained);
/* Each row's decision threshold, [N,1] float, from the threshold column's input of @type. */
const char *fw_onnx_threshold_block        (FwOnnxGraph          *graph,
                                            const FwTrainedModel *trained,
                                            FwOnnxType            type,
                                            GError              **error);

/* @part of the dates in @days, a double value of days since 1970-01-01 (NaN: missing),
 * as a double value (fw-onnx-dates.c). */
const char *fw_onnx_date_part              (FwOnnxGraph          *graph,
                                            const char           *days,
                                            FwDatePart            part);

/* metadata_props as key, value pairs, NULL-terminated.  @inputs: the graph inputs in
 * order, @types: their FwOnnxType by name. */
char      **fw_onnx_metadata               (const FwTrainedModel *trained,
                                            const char *const    *inputs,
                                            GHashTable           *types,
                                            guint                 n_inputs);

/* A float's bits as a hash key, its two zeros made one: the graph compares values. */
static inline gpointer
fw_onnx_float_key (float value)
{
  guint32 bits;

  value = value == 0.0f ? 0.0f : value;
  memcpy (&bits, &value, sizeof bits);
  return GUINT_TO_POINTER (bits);
}

/* The least float ≥ @value: for a float p, p ≥ value exactly when p ≥ this. */
static inline float
fw_onnx_float_at_least (double value)
{
  float f = (float) value;

  return (double) f < value ? nextafterf (f, INFINITY) : f;
}

G_END_DECLS
