/* fw-onnx-graph.h — an ONNX graph being built, and its encoding as a ModelProto
 * (engine-internal)
 *
 * The vocabulary of onnx.proto that fw-onnx.c needs: typed graph inputs and outputs whose
 * first dimension is the symbolic row count "N", constant tensors (initializers), nodes
 * with one output and a few kinds of attribute, and the model around them.  Every value
 * name is unique: inputs and outputs are declared by name (a clash is refused), and every
 * other value gets a fresh name made from a hint.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What this graph is written against: IR version 7 goes with opset 13 (ONNX 1.8). */
#define FW_ONNX_IR_VERSION  7
#define FW_ONNX_OPSET       13
#define FW_ONNX_ML_DOMAIN   "ai.onnx.ml"
#define FW_ONNX_ML_OPSET    2
/* A dimension of this size is the rows: "N" in the file. */
#define FW_ONNX_ROWS        (-1)

/* TensorProto.DataType */
typedef enum {
  FW_ONNX_FLOAT = 1,
  FW_ONNX_INT64 = 7,
  FW_ONNX_STRING = 8,
  FW_ONNX_BOOL = 9,
  FW_ONNX_DOUBLE = 11,
} FwOnnxType;

typedef struct _FwOnnxGraph FwOnnxGraph;
typedef struct _FwOnnxNode  FwOnnxNode;

FwOnnxGraph *fw_onnx_graph_new          (void);
void         fw_onnx_graph_free         (FwOnnxGraph *graph);

/* Reserves @name for a value made later (an output); FALSE when it is taken. */
gboolean     fw_onnx_graph_reserve      (FwOnnxGraph   *graph,
                                         const char    *name);
/* Declares a graph input of @rank dimensions (@dims; FW_ONNX_ROWS for the rows); FALSE when
 * the name is taken. */
gboolean     fw_onnx_graph_add_input    (FwOnnxGraph   *graph,
                                         const char    *name,
                                         FwOnnxType     type,
                                         guint          rank,
                                         const gint64  *dims);
/* Declares an existing value (reserved, then made by a node) a graph output. */
void         fw_onnx_graph_add_output   (FwOnnxGraph   *graph,
                                         const char    *name,
                                         FwOnnxType     type,
                                         guint          rank,
                                         const gint64  *dims);

/* Constant tensors of @rank dimensions (@dims may be NULL for a scalar); each returns the
 * constant's name, owned by the graph. */
const char  *fw_onnx_graph_floats       (FwOnnxGraph   *graph,
                                         const char    *hint,
                                         const float   *values,
                                         guint          rank,
                                         const gint64  *dims);
const char  *fw_onnx_graph_doubles      (FwOnnxGraph   *graph,
                                         const char    *hint,
                                         const double  *values,
                                         guint          rank,
                                         const gint64  *dims);
const char  *fw_onnx_graph_int64s       (FwOnnxGraph   *graph,
                                         const char    *hint,
                                         const gint64  *values,
                                         guint          rank,
                                         const gint64  *dims);
const char  *fw_onnx_graph_strings      (FwOnnxGraph        *graph,
                                         const char         *hint,
                                         const char *const  *values,
                                         guint               rank,
                                         const gint64       *dims);
/* Scalar shorthands. */
const char  *fw_onnx_graph_double       (FwOnnxGraph   *graph,
                                         double         value);
const char  *fw_onnx_graph_float        (FwOnnxGraph   *graph,
                                         float          value);
const char  *fw_onnx_graph_int64        (FwOnnxGraph   *graph,
                                         gint64         value);

/* Appends a node of @op_type in @domain (NULL: ai.onnx) on the NULL-terminated value names
 * that follow (at most 8); its one output is @output when not NULL (a reserved name), else
 * a fresh name after @op_type.  Nodes must be added in an order where inputs come first. */
FwOnnxNode  *fw_onnx_graph_node         (FwOnnxGraph   *graph,
                                         const char    *domain,
                                         const char    *op_type,
                                         const char    *output,
                                         ...) G_GNUC_NULL_TERMINATED;
/* The same with the inputs as an array of @n names. */
FwOnnxNode  *fw_onnx_graph_node_array   (FwOnnxGraph        *graph,
                                         const char         *domain,
                                         const char         *op_type,
                                         const char         *output,
                                         const char *const  *inputs,
                                         guint               n);
const char  *fw_onnx_node_output        (const FwOnnxNode *node);

void         fw_onnx_node_set_int       (FwOnnxNode         *node,
                                         const char         *name,
                                         gint64              value);
void         fw_onnx_node_set_float     (FwOnnxNode         *node,
                                         const char         *name,
                                         float               value);
void         fw_onnx_node_set_ints      (FwOnnxNode         *node,
                                         const char         *name,
                                         const gint64       *values,
                                         gsize               n);
void         fw_onnx_node_set_floats    (FwOnnxNode         *node,
                                         const char         *name,
                                         const float        *values,
                                         gsize               n);
void         fw_onnx_node_set_strings   (FwOnnxNode         *node,
                                         const char         *name,
                                         const char *const  *values,
                                         gsize               n);

/* The whole ModelProto: IR version, opset imports (ai.onnx and ai.onnx.ml), producer,
 * @doc, the graph named @name, and @metadata (NULL-terminated key, value, key, value …). */
GBytes      *fw_onnx_graph_encode       (const FwOnnxGraph  *graph,
                                         const char         *name,
                                         const char         *producer_version,
                                         const char         *doc,
                                         const char *const  *metadata);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwOnnxGraph, fw_onnx_graph_free)

G_END_DECLS
