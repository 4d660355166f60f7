/* fw-onnx.c — a trained pipeline as one ONNX graph (layout in fw-onnx.h)
 *
 * Each part mirrors the C it stands for: number_ops is fw-preprocessor.c's apply_ops,
 * the one-hot blocks its transform_input (date inputs: days since 1970-01-01, a Sub for
 * the days between, fw-onnx-dates.c for a date's parts), model_block fw_model_forward
 * plus the backend's output function, decide fw_trained_model_decide.  Preprocessing runs
 * in double, as the C does, and the model in float.  The metadata lives in
 * fw-onnx-metadata.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include "fw-atomic-file.h"
#include "fw-error.h"
#include "fw-number.h"
#include "fw-onnx.h"
#include "fw-onnx-private.h"
#include "fw-preprocessor-private.h"

/* Parameters beyond this would make a protobuf message past its 2 GiB limit once encoded
 * (and copied a few times on the way); a model this size is not one people export. */
#define MAX_PARAMETERS (64 * 1024 * 1024)

static const gint64 column_dims[] = { FW_ONNX_ROWS, 1 };

typedef struct
{
  const FwTrainedModel *trained;
  const FwPreprocessor *pre;
  FwOnnxGraph          *graph;
  GHashTable           *input_types;    /* column → GUINT_TO_POINTER (FwOnnxType) */
  GPtrArray            *input_names;    /* in declaration order, borrowed */
} Builder;

static const char *
op1 (Builder    *b,
     const char *op_type,
     const char *x)
{
  return fw_onnx_node_output (fw_onnx_graph_node (b->graph, NULL, op_type, NULL, x, NULL));
}

static const char *
op2 (Builder    *b,
     const char *op_type,
     const char *x,
     const char *y)
{
  return fw_onnx_node_output (fw_onnx_graph_node (b->graph, NULL, op_type, NULL, x, y, NULL));
}

static const char *
op3 (Builder    *b,
     const char *op_type,
     const char *x,
     const char *y,
     const char *z)
{
  return fw_onnx_node_output (fw_onnx_graph_node (b->graph, NULL, op_type, NULL, x, y, z,
                                                  NULL));
}

static const char *
cast (Builder    *b,
      const char *x,
      FwOnnxType  to)
{
  FwOnnxNode *node = fw_onnx_graph_node (b->graph, NULL, "Cast", NULL, x, NULL);

  fw_onnx_node_set_int (node, "to", to);
  return fw_onnx_node_output (node);
}

/* A date column is fed as its days since 1970-01-01, in double: a float would lose whole
 * days past 2^24 of them, and the graph reads no dates from text. */
static FwOnnxType
input_type (const FwInput *input)
{
  if (input->date_part != FW_DATE_NONE || input->days_to != NULL)
    return FW_ONNX_DOUBLE;
  return input->one_hot && !input->from_numbers ? FW_ONNX_STRING : FW_ONNX_FLOAT;
}

static gboolean
declare_input (Builder    *b,
               const char *column,
               FwOnnxType  type,
               GError    **error)
{
  gpointer known = g_hash_table_lookup (b->input_types, column);

  if (known != NULL)
    return GPOINTER_TO_UINT (known) == type ||
           fw_set_error (error, FW_ONNX_ERROR, FW_ONNX_ERROR_UNSUPPORTED,
                         _("The column “%s” is read both as numbers and as text, which one "
                           "ONNX input cannot be."), column);
  if (!fw_onnx_graph_add_input (b->graph, column, type, 2, column_dims))
    return fw_set_error (error, FW_ONNX_ERROR, FW_ONNX_ERROR_UNSUPPORTED,
                         _("The column “%s” has the name of an output of the ONNX model; "
                           "rename the column and train again to export."), column);
  g_hash_table_insert (b->input_types, (gpointer) column, GUINT_TO_POINTER (type));
  g_ptr_array_add (b->input_names, (gpointer) column);
  return TRUE;
}

/* fw-preprocessor.c's apply_ops on @x, the double value fw_preprocessor_cell (or the days
 * between dates, or a date's part) gives (an infinite one is missing): the input's ops in
 * double, non-finite results to 0, then the float the model sees. */
static const char *
number_ops (Builder       *b,
            const FwInput *input,
            const char    *x)
{
  const FwOp *ops = (const FwOp *) (gpointer) input->ops->data;
  const char *nan, *inf, *zero, *missing = NULL;
  const char *blocks[2];
  FwOnnxNode *node;

  inf = op1 (b, "IsInf", x);
  x = op3 (b, "Where", inf, fw_onnx_graph_double (b->graph, NAN), x);
  for (guint k = 0; k < input->ops->len; k++)
    {
      const char *a = fw_onnx_graph_double (b->graph, ops[k].a);
      const char *c = ops[k].kind == FW_OP_FILL ? NULL
                                                : fw_onnx_graph_double (b->graph, ops[k].b);

      if (ops[k].kind == FW_OP_FILL && missing == NULL)
        missing = op1 (b, "IsNaN", x);
      if (ops[k].kind == FW_OP_FILL)
        x = op3 (b, "Where", op1 (b, "IsNaN", x), a, x);
      else if (ops[k].kind == FW_OP_MISSING)
        x = op3 (b, "Where", op2 (b, "Equal", x, a), fw_onnx_graph_double (b->graph, NAN), x);
      else if (ops[k].kind == FW_OP_CLIP)
        {
          /* Comparisons with NaN are false, so a missing cell passes, as in the C. */
          x = op3 (b, "Where", op2 (b, "Less", x, a), a, x);
          x = op3 (b, "Where", op2 (b, "Greater", x, c), c, x);
        }
      else
        x = op2 (b, "Mul", op2 (b, "Sub", x, a), c);
    }
  /* One value made per statement: C leaves the order of arguments open, and the file's
   * names should not depend on the compiler. */
  nan = op1 (b, "IsNaN", x);
  inf = op1 (b, "IsInf", x);
  zero = fw_onnx_graph_double (b->graph, 0.0);
  x = op3 (b, "Where", op2 (b, "Or", nan, inf), zero, x);
  if (!input->indicator)
    return cast (b, x, FW_ONNX_FLOAT);
  /* The "was missing" feature follows the value, as in fw-preprocessor.c. */
  if (missing == NULL)
    missing = nan;
  blocks[0] = cast (b, x, FW_ONNX_FLOAT);
  blocks[1] = cast (b, missing, FW_ONNX_FLOAT);
  node = fw_onnx_graph_node_array (b->graph, NULL, "Concat", NULL, blocks, 2);
  fw_onnx_node_set_int (node, "axis", 1);
  return fw_onnx_node_output (node);
}

/* @index [N,1] int64 in 0 … width − 1 → its one-hot rows [N,width] float. */
static const char *
one_hot (Builder    *b,
         const char *index,
         guint       width)
{
  g_autofree gint64 *slots = g_new (gint64, width);
  gint64 dims[] = { 1, width };

  for (guint k = 0; k < width; k++)
    slots[k] = k;
  return cast (b, op2 (b, "Equal", index,
                       fw_onnx_graph_int64s (b->graph, "slots", slots, 2, dims)),
               FW_ONNX_FLOAT);
}

/* A text one-hot: the cell's slot by a LabelEncoder; a missing cell gets the fill's. */
static const char *
text_block (Builder       *b,
            const FwInput *input)
{
  g_autoptr(GPtrArray) markers = fw_onnx_missing_markers ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_categories = input->categories->len;
  gpointer fill = input->fill != NULL ? g_hash_table_lookup (input->slots, input->fill) : NULL;
  gint64 fill_slot = fill != NULL ? GPOINTER_TO_UINT (fill) - 1 : n_categories;
  FwOnnxNode *node;

  for (guint k = 0; k < n_categories; k++)
    {
      gint64 slot = k;

      g_ptr_array_add (keys, g_ptr_array_index (input->categories, k));
      g_array_append_val (values, slot);
    }
  for (guint m = 0; m < markers->len; m++)
    if (!g_hash_table_contains (input->slots, g_ptr_array_index (markers, m)))
      {
        g_ptr_array_add (keys, g_ptr_array_index (markers, m));
        g_array_append_val (values, fill_slot);
      }
  node = fw_onnx_graph_node (b->graph, FW_ONNX_ML_DOMAIN, "LabelEncoder", NULL, input->column,
                             NULL);
  fw_onnx_node_set_strings (node, "keys_strings", (const char *const *) keys->pdata, keys->len);
  fw_onnx_node_set_ints (node, "values_int64s", (const gint64 *) (gpointer) values->data,
                         values->len);
  fw_onnx_node_set_int (node, "default_int64", n_categories);
  return one_hot (b, fw_onnx_node_output (node), input->width);
}

/* A one-hot over numbers: the processed value compared, as a float, with each category
 * read back as one — the category is the value's shortest float text. */
static gboolean
number_block (Builder       *b,
              const FwInput *input,
              const char   **block,
              GError       **error)
{
  const char *x = number_ops (b, input, cast (b, input->column, FW_ONNX_DOUBLE));
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (float));
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint n_categories = input->categories->len;
  FwOnnxNode *node;

  for (guint k = 0; k < n_categories; k++)
    {
      const char *text = g_ptr_array_index (input->categories, k);
      double value;
      float key;
      gint64 slot = k;

      /* Not a finite number: no processed value is written so, so it never matches. */
      if (!fw_number_parse (text, strlen (text), FALSE, &value, NULL) || !isfinite (value) ||
          !isfinite ((float) value))
        continue;
      key = (float) value;
      if (!g_hash_table_add (seen, fw_onnx_float_key (key)))
        return fw_set_error (error, FW_ONNX_ERROR, FW_ONNX_ERROR_UNSUPPORTED,
                             _("Two categories of column “%s” are the same number in single "
                               "precision, which the ONNX model cannot tell apart."),
                             input->column);
      g_array_append_val (keys, key);
      g_array_append_val (values, slot);
    }
  if (keys->len == 0)
    {
      /* Only the "other" slot: every row has it.  (x is finite, so IsNaN is all false.) */
      const char *one = fw_onnx_graph_float (b->graph, 1.0f);

      *block = op3 (b, "Where", op1 (b, "IsNaN", x), one, one);
      return TRUE;
    }
  node = fw_onnx_graph_node (b->graph, FW_ONNX_ML_DOMAIN, "LabelEncoder", NULL, x, NULL);
  fw_onnx_node_set_floats (node, "keys_floats", (const float *) (gpointer) keys->data, keys->len);
  fw_onnx_node_set_ints (node, "values_int64s", (const gint64 *) (gpointer) values->data,
                         values->len);
  fw_onnx_node_set_int (node, "default_int64", n_categories);
  *block = one_hot (b, fw_onnx_node_output (node), input->width);
  return TRUE;
}

/* Every input's block, concatenated into the [N,F] feature matrix. */
static const char *
features (Builder *b,
          GError **error)
{
  g_autofree const char **blocks = g_new (const char *, b->pre->inputs->len + 1);
  FwOnnxNode *node;

  for (guint i = 0; i < b->pre->inputs->len; i++)
    {
      const FwInput *input = g_ptr_array_index (b->pre->inputs, i);

      if (input->date_part != FW_DATE_NONE)
        {
          blocks[i] = number_ops (b, input, fw_onnx_date_part (b->graph, input->column,
                                                               input->date_part));
          continue;
        }
      if (input->days_to != NULL)
        {
          /* Both inputs are days, so the difference is the days between. */
          blocks[i] = number_ops (b, input, op2 (b, "Sub", input->days_to, input->column));
          continue;
        }
      if (input->indicator && input->one_hot)
        {
          fw_set_error (error, FW_ONNX_ERROR, FW_ONNX_ERROR_UNSUPPORTED,
                        _("Column “%s” is split into yes/no columns and has a “was missing” "
                          "column as well; ONNX export cannot express that yet. Remove one "
                          "of the two steps and train again to export."), input->column);
          return NULL;
        }
      if (!input->one_hot)
        blocks[i] = number_ops (b, input, cast (b, input->column, FW_ONNX_DOUBLE));
      else if (!input->from_numbers)
        blocks[i] = text_block (b, input);
      else if (!number_block (b, input, &blocks[i], error))
        return NULL;
    }
  node = fw_onnx_graph_node_array (b->graph, NULL, "Concat", NULL, blocks, b->pre->inputs->len);
  fw_onnx_node_set_int (node, "axis", 1);
  return fw_onnx_node_output (node);
}

/* The dense layers: Gemm per layer, ReLU between; returns the output layer's z. */
static const char *
model_block (Builder    *b,
             const char *x,
             GError    **error)
{
  g_autoptr(GPtrArray) arrays = fw_model_get_arrays (b->trained->model);
  guint n_layers = arrays->len / 2;
  gint64 n_in = fw_model_n_features (b->trained->model);
  gsize total = 0;

  for (guint i = 0; i < arrays->len; i++)
    total += ((const FwModelArray *) g_ptr_array_index (arrays, i))->n;
  if (total > MAX_PARAMETERS)
    {
      fw_set_error (error, FW_ONNX_ERROR, FW_ONNX_ERROR_UNSUPPORTED,
                    _("The model has %zu parameters, more than one ONNX file can hold "
                      "(%d)."), total, MAX_PARAMETERS);
      return NULL;
    }
  for (guint l = 0; l < n_layers; l++)
    {
      const FwModelArray *weight = g_ptr_array_index (arrays, 2 * l);
      const FwModelArray *bias = g_ptr_array_index (arrays, 2 * l + 1);
      gint64 n_out = bias->n, weight_dims[] = { n_in, n_out }, bias_dims[] = { n_out };
      gboolean last = l + 1 == n_layers;
      const char *output = last && b->trained->task == FW_TASK_REGRESSION ? "prediction" : NULL;
      const char *w, *c;

      g_assert (weight->n == (gsize) n_in * bias->n);
      w = fw_onnx_graph_floats (b->graph, weight->name, weight->data, 2, weight_dims);
      c = fw_onnx_graph_floats (b->graph, bias->name, bias->data, 1, bias_dims);
      x = fw_onnx_node_output (fw_onnx_graph_node (b->graph, NULL, "Gemm", output, x, w, c,
                                                   NULL));
      if (!last)
        x = op1 (b, "Relu", x);
      n_in = n_out;
    }
  return x;
}

/* The label: the decided class index [N] gathered from the class names. */
static void
label (Builder    *b,
       const char *index)
{
  const FwTrainedModel *t = b->trained;
  gint64 dims[] = { t->n_classes };
  FwOnnxNode *node;

  node = fw_onnx_graph_node (b->graph, NULL, "Gather", "label",
                             fw_onnx_graph_strings (b->graph, "classes",
                                                    (const char *const *) t->class_names, 1,
                                                    dims),
                             index, NULL);
  fw_onnx_node_set_int (node, "axis", 0);
}

/* Probabilities and the decision, as fw_trained_model_decide makes it. */
static gboolean
decide (Builder    *b,
        const char *z,
        GError    **error)
{
  const FwTrainedModel *t = b->trained;
  FwOnnxNode *node;

  if (t->task == FW_TASK_BINARY)
    {
      const char *p = op1 (b, "Sigmoid", z), *q, *threshold, *yes, *no, *chosen;
      gint64 shape = -1;

      q = op2 (b, "Sub", fw_onnx_graph_float (b->graph, 1.0f), p);
      node = fw_onnx_graph_node (b->graph, NULL, "Concat", "probabilities", q, p, NULL);
      fw_onnx_node_set_int (node, "axis", 1);
      threshold = t->thresholds != NULL
                  ? fw_onnx_threshold_block (b->graph, t,
                                             GPOINTER_TO_UINT (g_hash_table_lookup (
                                               b->input_types, t->threshold_attribute)),
                                             error)
                  : fw_onnx_graph_float (b->graph, fw_onnx_float_at_least (t->threshold));
      if (threshold == NULL)
        return FALSE;
      yes = fw_onnx_graph_int64 (b->graph, t->positive);
      no = fw_onnx_graph_int64 (b->graph, 1 - (gint64) t->positive);
      chosen = op3 (b, "Where", op2 (b, "GreaterOrEqual", t->positive == 1 ? p : q, threshold),
                    yes, no);
      label (b, op2 (b, "Reshape", chosen, fw_onnx_graph_int64s (b->graph, "shape", &shape, 1,
                                                                 (gint64[]) { 1 })));
    }
  else
    {
      node = fw_onnx_graph_node (b->graph, NULL, "Softmax", "probabilities", z, NULL);
      fw_onnx_node_set_int (node, "axis", 1);
      node = fw_onnx_graph_node (b->graph, NULL, "ArgMax", NULL, "probabilities", NULL);
      fw_onnx_node_set_int (node, "axis", 1);
      fw_onnx_node_set_int (node, "keepdims", 0);
      label (b, fw_onnx_node_output (node));
    }
  return TRUE;
}

static gboolean
build (Builder  *b,
       GError  **error)
{
  const FwTrainedModel *t = b->trained;
  gboolean regression = t->task == FW_TASK_REGRESSION;
  const char *x;

  /* Outputs first, so no column can take their names; then every input, so no fresh
   * name can take a column's. */
  if (regression)
    fw_onnx_graph_reserve (b->graph, "prediction");
  else
    {
      fw_onnx_graph_reserve (b->graph, "label");
      fw_onnx_graph_reserve (b->graph, "probabilities");
    }
  for (guint i = 0; i < b->pre->inputs->len; i++)
    {
      const FwInput *input = g_ptr_array_index (b->pre->inputs, i);

      if (!declare_input (b, input->column, input_type (input), error) ||
          (input->days_to != NULL &&
           !declare_input (b, input->days_to, FW_ONNX_DOUBLE, error)))
        return FALSE;
    }
  if (t->thresholds != NULL &&
      !g_hash_table_contains (b->input_types, t->threshold_attribute) &&
      !declare_input (b, t->threshold_attribute, fw_onnx_threshold_input_type (t), error))
    return FALSE;

  if ((x = features (b, error)) == NULL || (x = model_block (b, x, error)) == NULL)
    return FALSE;
  if (regression)
    {
      fw_onnx_graph_add_output (b->graph, "prediction", FW_ONNX_FLOAT, 2, column_dims);
      return TRUE;
    }
  if (!decide (b, x, error))
    return FALSE;
  fw_onnx_graph_add_output (b->graph, "label", FW_ONNX_STRING, 1, (gint64[]) { FW_ONNX_ROWS });
  fw_onnx_graph_add_output (b->graph, "probabilities", FW_ONNX_FLOAT, 2,
                            (gint64[]) { FW_ONNX_ROWS, t->n_classes });
  return TRUE;
}

GBytes *
fw_onnx_encode (const FwTrainedModel *trained,
                GError              **error)
{
  g_autoptr(FwOnnxGraph) graph = fw_onnx_graph_new ();
  g_autoptr(GHashTable) input_types = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) input_names = g_ptr_array_new ();
  g_auto(GStrv) metadata = NULL;
  g_autofree char *doc = NULL;
  Builder b = { trained, trained->preprocessor, graph, input_types, input_names };
  GBytes *bytes;

  g_return_val_if_fail (trained != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!build (&b, error))
    return NULL;
  metadata = fw_onnx_metadata (trained, (const char *const *) input_names->pdata,
                               input_types, input_names->len);
  doc = g_strdup_printf (_("Fairway model predicting “%s” from raw columns."),
                         trained->recipe->target);
  bytes = fw_onnx_graph_encode (graph, "fairway", PACKAGE_VERSION, doc,
                                (const char *const *) metadata);
  if (g_bytes_get_size (bytes) > G_MAXINT32)
    {
      g_bytes_unref (bytes);
      fw_set_error (error, FW_ONNX_ERROR, FW_ONNX_ERROR_UNSUPPORTED,
                    _("The model is too large for one ONNX file (over 2 GiB)."));
      return NULL;
    }
  return bytes;
}

gboolean
fw_onnx_export (const FwTrainedModel *trained,
                GFile                *file,
                GError              **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(FwAtomicFile) out = NULL;
  gconstpointer data;
  gsize size;

  g_return_val_if_fail (trained != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = fw_onnx_encode (trained, error);
  if (bytes == NULL)
    return FALSE;
  out = fw_atomic_file_new (file, NULL, error);
  if (out == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  return fw_atomic_file_write (out, data, size, error) && fw_atomic_file_commit (out, error);
}
