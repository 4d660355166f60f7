/* fw-onnx-graph.c — an ONNX graph being built, encoded with fw-protobuf
 *
 * Field numbers are those of onnx.proto (ONNX 1.12, IR version 8, a superset of 7).
 * Repeated scalars that onnx.proto does not mark packed (dims, attribute ints and floats)
 * are written one field each; those it marks packed (tensor data) as one run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include "fw-onnx-graph.h"
#include "fw-protobuf.h"

/* onnx.proto field numbers. */
enum {
  MODEL_IR_VERSION = 1, MODEL_PRODUCER_NAME = 2, MODEL_PRODUCER_VERSION = 3,
  MODEL_DOC_STRING = 6, MODEL_GRAPH = 7, MODEL_OPSET_IMPORT = 8, MODEL_METADATA_PROPS = 14,
  OPSET_DOMAIN = 1, OPSET_VERSION = 2,
  ENTRY_KEY = 1, ENTRY_VALUE = 2,
  GRAPH_NODE = 1, GRAPH_NAME = 2, GRAPH_INITIALIZER = 5, GRAPH_INPUT = 11, GRAPH_OUTPUT = 12,
  NODE_INPUT = 1, NODE_OUTPUT = 2, NODE_NAME = 3, NODE_OP_TYPE = 4, NODE_ATTRIBUTE = 5,
  NODE_DOMAIN = 7,
  ATTR_NAME = 1, ATTR_F = 2, ATTR_I = 3, ATTR_FLOATS = 7, ATTR_INTS = 8, ATTR_STRINGS = 9,
  ATTR_TYPE = 20,
  TENSOR_DIMS = 1, TENSOR_DATA_TYPE = 2, TENSOR_FLOAT_DATA = 4, TENSOR_STRING_DATA = 6,
  TENSOR_INT64_DATA = 7, TENSOR_NAME = 8, TENSOR_DOUBLE_DATA = 10,
  VALUE_INFO_NAME = 1, VALUE_INFO_TYPE = 2,
  TYPE_TENSOR_TYPE = 1,
  TENSOR_TYPE_ELEM_TYPE = 1, TENSOR_TYPE_SHAPE = 2,
  SHAPE_DIM = 1,
  DIM_VALUE = 1, DIM_PARAM = 2,
};

/* AttributeProto.AttributeType */
enum {
  ATTR_TYPE_FLOAT = 1, ATTR_TYPE_INT = 2, ATTR_TYPE_FLOATS = 6, ATTR_TYPE_INTS = 7,
  ATTR_TYPE_STRINGS = 8,
};

struct _FwOnnxNode
{
  char       *op_type;
  char       *domain;
  GPtrArray  *inputs;           /* char* */
  const char *output;           /* owned by the graph's names */
  FwProtobuf *attributes;       /* encoded NodeProto.attribute fields */
};

struct _FwOnnxGraph
{
  GHashTable *names;            /* every value name in use (owns them) */
  GPtrArray  *nodes;
  FwProtobuf *initializers;     /* encoded GraphProto.initializer fields */
  FwProtobuf *inputs;           /* … input fields */
  FwProtobuf *outputs;          /* … output fields */
  guint       counter;
};

static void
node_free (gpointer data)
{
  FwOnnxNode *node = data;

  g_free (node->op_type);
  g_free (node->domain);
  g_ptr_array_unref (node->inputs);
  fw_protobuf_free (node->attributes);
  g_free (node);
}

FwOnnxGraph *
fw_onnx_graph_new (void)
{
  FwOnnxGraph *graph = g_new0 (FwOnnxGraph, 1);

  graph->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  graph->nodes = g_ptr_array_new_with_free_func (node_free);
  graph->initializers = fw_protobuf_new ();
  graph->inputs = fw_protobuf_new ();
  graph->outputs = fw_protobuf_new ();
  return graph;
}

void
fw_onnx_graph_free (FwOnnxGraph *graph)
{
  if (graph == NULL)
    return;
  g_hash_table_unref (graph->names);
  g_ptr_array_unref (graph->nodes);
  fw_protobuf_free (graph->initializers);
  fw_protobuf_free (graph->inputs);
  fw_protobuf_free (graph->outputs);
  g_free (graph);
}

/* The graph's copy of @name, or NULL when it is taken. */
static const char *
claim (FwOnnxGraph *graph,
       const char  *name)
{
  char *copy;

  if (g_hash_table_contains (graph->names, name))
    return NULL;
  copy = g_strdup (name);
  g_hash_table_add (graph->names, copy);
  return copy;
}

/* "hint_7": the counter makes it unique unless an input already took that very name. */
static const char *
fresh_name (FwOnnxGraph *graph,
            const char  *hint)
{
  for (;;)
    {
      g_autofree char *name = g_strdup_printf ("%s_%u", hint, graph->counter++);
      const char *claimed = claim (graph, name);

      if (claimed != NULL)
        return claimed;
    }
}

gboolean
fw_onnx_graph_reserve (FwOnnxGraph *graph,
                       const char  *name)
{
  g_return_val_if_fail (graph != NULL && name != NULL, FALSE);
  return claim (graph, name) != NULL;
}

static void
add_value_info (FwProtobuf   *fields,
                guint         field,
                const char   *name,
                FwOnnxType    type,
                guint         rank,
                const gint64 *dims)
{
  g_autoptr(FwProtobuf) info = fw_protobuf_new ();
  g_autoptr(FwProtobuf) type_proto = fw_protobuf_new ();
  g_autoptr(FwProtobuf) tensor = fw_protobuf_new ();
  g_autoptr(FwProtobuf) shape = fw_protobuf_new ();

  for (guint d = 0; d < rank; d++)
    {
      g_autoptr(FwProtobuf) dim = fw_protobuf_new ();

      if (dims[d] == FW_ONNX_ROWS)
        fw_protobuf_add_string (dim, DIM_PARAM, "N");
      else
        fw_protobuf_add_int64 (dim, DIM_VALUE, dims[d]);
      fw_protobuf_add_message (shape, SHAPE_DIM, dim);
    }
  fw_protobuf_add_varint (tensor, TENSOR_TYPE_ELEM_TYPE, type);
  fw_protobuf_add_message (tensor, TENSOR_TYPE_SHAPE, shape);
  fw_protobuf_add_message (type_proto, TYPE_TENSOR_TYPE, tensor);
  fw_protobuf_add_string (info, VALUE_INFO_NAME, name);
  fw_protobuf_add_message (info, VALUE_INFO_TYPE, type_proto);
  fw_protobuf_add_message (fields, field, info);
}

gboolean
fw_onnx_graph_add_input (FwOnnxGraph  *graph,
                         const char   *name,
                         FwOnnxType    type,
                         guint         rank,
                         const gint64 *dims)
{
  g_return_val_if_fail (graph != NULL && name != NULL, FALSE);

  if (claim (graph, name) == NULL)
    return FALSE;
  add_value_info (graph->inputs, GRAPH_INPUT, name, type, rank, dims);
  return TRUE;
}

void
fw_onnx_graph_add_output (FwOnnxGraph  *graph,
                          const char   *name,
                          FwOnnxType    type,
                          guint         rank,
                          const gint64 *dims)
{
  g_return_if_fail (graph != NULL && g_hash_table_contains (graph->names, name));
  add_value_info (graph->outputs, GRAPH_OUTPUT, name, type, rank, dims);
}

/* A TensorProto with its name, type and dims; the caller adds the data.  Returns the
 * element count. */
static gsize
tensor_header (FwProtobuf   *tensor,
               const char   *name,
               FwOnnxType    type,
               guint         rank,
               const gint64 *dims)
{
  gsize n = 1;

  for (guint d = 0; d < rank; d++)
    {
      g_assert (dims[d] >= 0);
      fw_protobuf_add_int64 (tensor, TENSOR_DIMS, dims[d]);
      n *= (gsize) dims[d];
    }
  fw_protobuf_add_varint (tensor, TENSOR_DATA_TYPE, type);
  fw_protobuf_add_string (tensor, TENSOR_NAME, name);
  return n;
}

static const char *
add_constant (FwOnnxGraph  *graph,
              const char   *hint,
              FwOnnxType    type,
              gconstpointer values,
              guint         rank,
              const gint64 *dims)
{
  const char *name = fresh_name (graph, hint);
  g_autoptr(FwProtobuf) tensor = fw_protobuf_new ();
  gsize n = tensor_header (tensor, name, type, rank, dims);

  switch (type)
    {
    case FW_ONNX_FLOAT:
      fw_protobuf_add_packed_float (tensor, TENSOR_FLOAT_DATA, values, n);
      break;
    case FW_ONNX_DOUBLE:
      fw_protobuf_add_packed_double (tensor, TENSOR_DOUBLE_DATA, values, n);
      break;
    case FW_ONNX_INT64:
      fw_protobuf_add_packed_int64 (tensor, TENSOR_INT64_DATA, values, n);
      break;
    case FW_ONNX_STRING:
      for (gsize i = 0; i < n; i++)
        fw_protobuf_add_string (tensor, TENSOR_STRING_DATA, ((const char *const *) values)[i]);
      break;
    case FW_ONNX_BOOL:
    default:
      g_assert_not_reached ();
    }
  fw_protobuf_add_message (graph->initializers, GRAPH_INITIALIZER, tensor);
  return name;
}

const char *
fw_onnx_graph_floats (FwOnnxGraph  *graph,
                      const char   *hint,
                      const float  *values,
                      guint         rank,
                      const gint64 *dims)
{
  return add_constant (graph, hint, FW_ONNX_FLOAT, values, rank, dims);
}

const char *
fw_onnx_graph_doubles (FwOnnxGraph  *graph,
                       const char   *hint,
                       const double *values,
                       guint         rank,
                       const gint64 *dims)
{
  return add_constant (graph, hint, FW_ONNX_DOUBLE, values, rank, dims);
}

const char *
fw_onnx_graph_int64s (FwOnnxGraph  *graph,
                      const char   *hint,
                      const gint64 *values,
                      guint         rank,
                      const gint64 *dims)
{
  return add_constant (graph, hint, FW_ONNX_INT64, values, rank, dims);
}

const char *
fw_onnx_graph_strings (FwOnnxGraph       *graph,
                       const char        *hint,
                       const char *const *values,
                       guint              rank,
                       const gint64      *dims)
{
  return add_constant (graph, hint, FW_ONNX_STRING, values, rank, dims);
}

const char *
fw_onnx_graph_double (FwOnnxGraph *graph,
                      double       value)
{
  return fw_onnx_graph_doubles (graph, "c", &value, 0, NULL);
}

const char *
fw_onnx_graph_float (FwOnnxGraph *graph,
                     float        value)
{
  return fw_onnx_graph_floats (graph, "c", &value, 0, NULL);
}

const char *
fw_onnx_graph_int64 (FwOnnxGraph *graph,
                     gint64       value)
{
  return fw_onnx_graph_int64s (graph, "c", &value, 0, NULL);
}

FwOnnxNode *
fw_onnx_graph_node_array (FwOnnxGraph       *graph,
                          const char        *domain,
                          const char        *op_type,
                          const char        *output,
                          const char *const *inputs,
                          guint              n)
{
  FwOnnxNode *node;

  g_return_val_if_fail (graph != NULL && op_type != NULL, NULL);
  g_return_val_if_fail (output == NULL || g_hash_table_contains (graph->names, output), NULL);

  node = g_new0 (FwOnnxNode, 1);
  node->op_type = g_strdup (op_type);
  node->domain = g_strdup (domain);
  node->inputs = g_ptr_array_new_full (n, g_free);
  node->attributes = fw_protobuf_new ();
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (node->inputs, g_strdup (inputs[i]));
  if (output != NULL)
    {
      gpointer key;

      g_hash_table_lookup_extended (graph->names, output, &key, NULL);
      node->output = key;
    }
  else
    node->output = fresh_name (graph, op_type);
  g_ptr_array_add (graph->nodes, node);
  return node;
}

FwOnnxNode *
fw_onnx_graph_node (FwOnnxGraph *graph,
                    const char  *domain,
                    const char  *op_type,
                    const char  *output,
                    ...)
{
  const char *inputs[8];
  guint n = 0;
  va_list args;

  va_start (args, output);
  for (const char *input = va_arg (args, const char *); input != NULL;
       input = va_arg (args, const char *))
    {
      g_assert (n < G_N_ELEMENTS (inputs));
      inputs[n++] = input;
    }
  va_end (args);
  return fw_onnx_graph_node_array (graph, domain, op_type, output, inputs, n);
}

const char *
fw_onnx_node_output (const FwOnnxNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  return node->output;
}

/* An AttributeProto begun with its name and type; attribute_done adds it to the node. */
static FwProtobuf *
attribute_new (const char *name,
               guint       type)
{
  FwProtobuf *attribute = fw_protobuf_new ();

  fw_protobuf_add_string (attribute, ATTR_NAME, name);
  fw_protobuf_add_varint (attribute, ATTR_TYPE, type);
  return attribute;
}

static void
attribute_done (FwOnnxNode *node,
                FwProtobuf *attribute)
{
  fw_protobuf_add_message (node->attributes, NODE_ATTRIBUTE, attribute);
  fw_protobuf_free (attribute);
}

void
fw_onnx_node_set_int (FwOnnxNode *node,
                      const char *name,
                      gint64      value)
{
  FwProtobuf *attribute = attribute_new (name, ATTR_TYPE_INT);

  fw_protobuf_add_int64 (attribute, ATTR_I, value);
  attribute_done (node, attribute);
}

void
fw_onnx_node_set_float (FwOnnxNode *node,
                        const char *name,
                        float       value)
{
  FwProtobuf *attribute = attribute_new (name, ATTR_TYPE_FLOAT);

  fw_protobuf_add_float (attribute, ATTR_F, value);
  attribute_done (node, attribute);
}

void
fw_onnx_node_set_ints (FwOnnxNode   *node,
                       const char   *name,
                       const gint64 *values,
                       gsize         n)
{
  FwProtobuf *attribute = attribute_new (name, ATTR_TYPE_INTS);

  for (gsize i = 0; i < n; i++)
    fw_protobuf_add_int64 (attribute, ATTR_INTS, values[i]);
  attribute_done (node, attribute);
}

void
fw_onnx_node_set_floats (FwOnnxNode  *node,
                         const char  *name,
                         const float *values,
                         gsize        n)
{
  FwProtobuf *attribute = attribute_new (name, ATTR_TYPE_FLOATS);

  for (gsize i = 0; i < n; i++)
    fw_protobuf_add_float (attribute, ATTR_FLOATS, values[i]);
  attribute_done (node, attribute);
}

void
fw_onnx_node_set_strings (FwOnnxNode        *node,
                          const char        *name,
                          const char *const *values,
                          gsize              n)
{
  FwProtobuf *attribute = attribute_new (name, ATTR_TYPE_STRINGS);

  for (gsize i = 0; i < n; i++)
    fw_protobuf_add_string (attribute, ATTR_STRINGS, values[i]);
  attribute_done (node, attribute);
}

static void
encode_node (FwProtobuf       *graph_proto,
             const FwOnnxNode *node,
             guint             index)
{
  g_autoptr(FwProtobuf) proto = fw_protobuf_new ();
  char name[32];

  for (guint i = 0; i < node->inputs->len; i++)
    fw_protobuf_add_string (proto, NODE_INPUT, g_ptr_array_index (node->inputs, i));
  fw_protobuf_add_string (proto, NODE_OUTPUT, node->output);
  snprintf (name, sizeof name, "node_%u", index);
  fw_protobuf_add_string (proto, NODE_NAME, name);
  fw_protobuf_add_string (proto, NODE_OP_TYPE, node->op_type);
  if (node->domain != NULL)
    fw_protobuf_add_string (proto, NODE_DOMAIN, node->domain);
  fw_protobuf_add_raw (proto, node->attributes);
  fw_protobuf_add_message (graph_proto, GRAPH_NODE, proto);
}

static void
add_opset (FwProtobuf *model,
           const char *domain,
           gint64      version)
{
  g_autoptr(FwProtobuf) opset = fw_protobuf_new ();

  fw_protobuf_add_string (opset, OPSET_DOMAIN, domain);
  fw_protobuf_add_int64 (opset, OPSET_VERSION, version);
  fw_protobuf_add_message (model, MODEL_OPSET_IMPORT, opset);
}

GBytes *
fw_onnx_graph_encode (const FwOnnxGraph *graph,
                      const char        *name,
                      const char        *producer_version,
                      const char        *doc,
                      const char *const *metadata)
{
  g_autoptr(FwProtobuf) model = fw_protobuf_new ();
  g_autoptr(FwProtobuf) proto = fw_protobuf_new ();

  g_return_val_if_fail (graph != NULL && name != NULL, NULL);

  for (guint i = 0; i < graph->nodes->len; i++)
    encode_node (proto, g_ptr_array_index (graph->nodes, i), i);
  fw_protobuf_add_string (proto, GRAPH_NAME, name);
  fw_protobuf_add_raw (proto, graph->initializers);
  fw_protobuf_add_raw (proto, graph->inputs);
  fw_protobuf_add_raw (proto, graph->outputs);

  fw_protobuf_add_int64 (model, MODEL_IR_VERSION, FW_ONNX_IR_VERSION);
  add_opset (model, "", FW_ONNX_OPSET);
  add_opset (model, FW_ONNX_ML_DOMAIN, FW_ONNX_ML_OPSET);
  fw_protobuf_add_string (model, MODEL_PRODUCER_NAME, "Fairway");
  if (producer_version != NULL)
    fw_protobuf_add_string (model, MODEL_PRODUCER_VERSION, producer_version);
  if (doc != NULL)
    fw_protobuf_add_string (model, MODEL_DOC_STRING, doc);
  fw_protobuf_add_message (model, MODEL_GRAPH, proto);
  for (guint i = 0; metadata != NULL && metadata[i] != NULL && metadata[i + 1] != NULL; i += 2)
    {
      g_autoptr(FwProtobuf) entry = fw_protobuf_new ();

      fw_protobuf_add_string (entry, ENTRY_KEY, metadata[i]);
      fw_protobuf_add_string (entry, ENTRY_VALUE, metadata[i + 1]);
      fw_protobuf_add_message (model, MODEL_METADATA_PROPS, entry);
    }
  return g_bytes_new (fw_protobuf_data (model), fw_protobuf_length (model));
}
