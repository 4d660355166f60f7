/* fw-importance.c — permutation importance by source column, and model coefficients
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include "fw-metrics.h"
#include "fw-json.h"
#include "fw-importance.h"
#include "fw-preprocessor-private.h"
#include "fw-random.h"

G_DEFINE_QUARK (fw-importance-error-quark, fw_importance_error)

/* Where each feature came from. */
typedef struct
{
  char *column;
  char *category;               /* NULL for a number feature */
} Source;

static void
sources_free (Source *sources,
              guint   n)
{
  for (guint f = 0; f < n; f++)
    {
      g_free (sources[f].column);
      g_free (sources[f].category);
    }
  g_free (sources);
}

/* The fitted preprocessor knows each feature's column exactly, even when a column's name
 * holds '='; without one (a dataset built by hand) the name before the first '=' is the
 * column, as the preprocessor writes "column=category". */
static Source *
feature_sources (const FwDataset *dataset)
{
  Source *sources = g_new0 (Source, MAX (dataset->n_features, 1));
  const FwPreprocessor *pre = dataset->preprocessor;

  if (pre != NULL && pre->n_features == dataset->n_features)
    {
      for (guint i = 0; i < pre->inputs->len; i++)
        {
          const FwInput *input = g_ptr_array_index (pre->inputs, i);

          for (guint k = 0; k < input->width; k++)
            {
              Source *s = &sources[input->first + k];

              s->column = g_strdup (input->column);
              if (input->one_hot)
                s->category = g_strdup (k < input->categories->len
                                        ? g_ptr_array_index (input->categories, k)
                                        : FW_ONE_HOT_OTHER);
            }
        }
      return sources;
    }
  for (guint f = 0; f < dataset->n_features; f++)
    {
      const char *name = dataset->feature_names[f];
      const char *equals = strchr (name, '=');

      sources[f].column = equals != NULL ? g_strndup (name, equals - name) : g_strdup (name);
      sources[f].category = equals != NULL ? g_strdup (equals + 1) : NULL;
    }
  return sources;
}

/* Permutation importance ------------------------------------------------------------------ */

typedef struct
{
  const FwDataPart *part;
  FwTask            task;
  guint             positive;
  guint             n_predictions;
  double            total_weight;
} Scorer;

/* Accuracy, or RMSE for regression, of @predictions against the part's targets. */
static double
score (const Scorer *s,
       const float  *predictions)
{
  const FwDataPart *part = s->part;
  guint np = s->n_predictions;
  double sum = 0.0;

  for (gsize r = 0; r < part->n; r++)
    {
      const float *p = predictions + r * np;
      double w = part->weights != NULL ? part->weights[r] : 1.0;

      if (s->task == FW_TASK_REGRESSION)
        {
          double e = (double) p[0] - part->values[r];

          sum += w * e * e;
        }
      else
        {
          sum += fw_metrics_decide (p, np, s->positive, 0.5) == part->labels[r] ? w : 0.0;
        }
    }
  return s->task == FW_TASK_REGRESSION ? sqrt (sum / s->total_weight) : sum / s->total_weight;
}

typedef struct
{
  guint   first_feature;        /* where the column starts: its seed stream and its order */
  GArray *features;             /* guint */
  double  mean;
} Group;

static GArray *
group_features (const Source *sources,
                guint         n_features)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  GArray *groups = g_array_new (FALSE, FALSE, sizeof (Group));

  for (guint f = 0; f < n_features; f++)
    {
      gpointer found;
      Group *g;

      if (!g_hash_table_lookup_extended (index, sources[f].column, NULL, &found))
        {
          Group fresh = { f, g_array_new (FALSE, FALSE, sizeof (guint)), 0.0 };

          found = GUINT_TO_POINTER (groups->len);
          g_array_append_val (groups, fresh);
          g_hash_table_insert (index, sources[f].column, found);
        }
      g = &g_array_index (groups, Group, GPOINTER_TO_UINT (found));
      g_array_append_val (g->features, f);
    }
  return groups;
}

/* Most important first; equal means keep feature order, so the result is deterministic. */
static int
compare_ranks (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  GArray *groups = user_data;
  const Group *x = &g_array_index (groups, Group, *(const guint *) a);
  const Group *y = &g_array_index (groups, Group, *(const guint *) b);

  if (x->mean != y->mean)
    return x->mean > y->mean ? -1 : 1;
  return x->first_feature < y->first_feature ? -1 : x->first_feature > y->first_feature;
}

/* Shuffles the rows of @group's columns of @copy (a copy of @x) with one permutation. */
static void
permute_group (float       *copy,
               const float *x,
               gsize        n,
               guint        n_features,
               const Group *group,
               gsize       *order,
               FwRng       *rng)
{
  for (gsize r = 0; r < n; r++)
    order[r] = r;
  for (gsize r = n; r > 1; r--)
    {
      gsize k = fw_rng_below (rng, r), t = order[r - 1];

      order[r - 1] = order[k];
      order[k] = t;
    }
  for (guint j = 0; j < group->features->len; j++)
    {
      guint f = g_array_index (group->features, guint, j);

      for (gsize r = 0; r < n; r++)
        copy[r * n_features + f] = x[order[r] * n_features + f];
    }
}

static void
restore_group (float       *copy,
               const float *x,
               gsize        n,
               guint        n_features,
               const Group *group)
{
  for (guint j = 0; j < group->features->len; j++)
    {
      guint f = g_array_index (group->features, guint, j);

      for (gsize r = 0; r < n; r++)
        copy[r * n_features + f] = x[r * n_features + f];
    }
}

static void
groups_free (GArray *groups)
{
  for (guint g = 0; g < groups->len; g++)
    g_array_unref (g_array_index (groups, Group, g).features);
  g_array_unref (groups);
}

/* The results in order, most important first, with each column's spread over repeats. */
static void
importance_fill (FwImportance    *imp,
                 GArray          *groups,
                 const Source    *sources,
                 const FwDataset *dataset,
                 const double    *drops)
{
  guint G = groups->len, R = imp->n_repeats;
  g_autofree guint *rank = g_new (guint, MAX (G, 1));

  for (guint g = 0; g < G; g++)
    rank[g] = g;
  g_qsort_with_data (rank, G, sizeof (guint), compare_ranks, groups);

  imp->n_columns = G;
  imp->columns = g_new0 (char *, G + 1);
  imp->mean = g_new (double, MAX (G, 1));
  imp->sd = g_new (double, MAX (G, 1));
  imp->drops = g_new (double, MAX (G, 1) * R);
  imp->features = g_new0 (char **, MAX (G, 1));
  for (guint i = 0; i < G; i++)
    {
      const Group *group = &g_array_index (groups, Group, rank[i]);
      double ss = 0.0;

      imp->columns[i] = g_strdup (sources[group->first_feature].column);
      imp->mean[i] = group->mean;
      imp->features[i] = g_new0 (char *, group->features->len + 1);
      for (guint j = 0; j < group->features->len; j++)
        imp->features[i][j] =
          g_strdup (dataset->feature_names[g_array_index (group->features, guint, j)]);
      for (guint k = 0; k < R; k++)
        {
          double d = drops[rank[i] * R + k];

          imp->drops[i * R + k] = d;
          ss += (d - group->mean) * (d - group->mean);
        }
      imp->sd[i] = sqrt (ss / R);
    }
}

FwImportance *
fw_importance_permutation (FwModel          *model,
                           const FwDataset  *dataset,
                           FwPart            part,
                           guint             n_repeats,
                           guint64           seed,
                           GCancellable     *cancellable,
                           GError          **error)
{
  const FwDataPart *p;
  g_autoptr(FwImportance) imp = NULL;
  Scorer scorer;
  Source *sources;
  GArray *groups;
  g_autofree float *copy = NULL, *predictions = NULL;
  g_autofree gsize *order = NULL;
  g_autofree double *drops = NULL;
  gboolean cancelled = FALSE;
  guint F;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (part < FW_N_PARTS, NULL);
  g_return_val_if_fail (n_repeats > 0, NULL);
  g_return_val_if_fail (fw_model_n_features (model) == dataset->n_features, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  p = &dataset->parts[part];
  F = dataset->n_features;
  g_return_val_if_fail (p->n == 0 || p->x != NULL, NULL);
  g_return_val_if_fail (p->n == 0 || (dataset->task == FW_TASK_REGRESSION ? p->values != NULL
                                                                          : p->labels != NULL),
                        NULL);

  scorer = (Scorer) { p, dataset->task, dataset->positive, fw_model_n_predictions (model), 0.0 };
  for (gsize r = 0; r < p->n; r++)
    scorer.total_weight += p->weights != NULL ? p->weights[r] : 1.0;
  if (!(scorer.total_weight > 0.0))
    {
      g_set_error_literal (error, FW_IMPORTANCE_ERROR, FW_IMPORTANCE_ERROR_EMPTY,
                           _("There are no rows to measure feature importance on."));
      return NULL;
    }

  predictions = g_new (float, p->n * scorer.n_predictions);
  copy = g_memdup2 (p->x, p->n * F * sizeof (float));
  order = g_new (gsize, p->n);
  sources = feature_sources (dataset);
  groups = group_features (sources, F);
  drops = g_new (double, MAX (groups->len, 1) * n_repeats);

  imp = g_new0 (FwImportance, 1);
  imp->task = dataset->task;
  imp->n_repeats = n_repeats;
  imp->seed = seed;
  fw_model_predict (model, p->x, p->n, predictions);
  imp->baseline = score (&scorer, predictions);

  for (guint g = 0; g < groups->len && !cancelled; g++)
    {
      Group *group = &g_array_index (groups, Group, g);
      double sum = 0.0;
      FwRng rng;

      fw_rng_init_stream (&rng, seed, group->first_feature);
      for (guint k = 0; k < n_repeats; k++)
        {
          double shuffled, *drop = &drops[g * n_repeats + k];

          if ((cancelled = g_cancellable_set_error_if_cancelled (cancellable, error)))
            break;
          permute_group (copy, p->x, p->n, F, group, order, &rng);
          fw_model_predict (model, copy, p->n, predictions);
          shuffled = score (&scorer, predictions);
          *drop = dataset->task == FW_TASK_REGRESSION ? shuffled - imp->baseline
                                                      : imp->baseline - shuffled;
          sum += *drop;
        }
      restore_group (copy, p->x, p->n, F, group);
      group->mean = sum / n_repeats;
    }
  if (!cancelled)
    importance_fill (imp, groups, sources, dataset, drops);

  groups_free (groups);
  sources_free (sources, F);
  return cancelled ? NULL : g_steal_pointer (&imp);
}

void
fw_importance_free (FwImportance *imp)
{
  if (imp == NULL)
    return;
  g_strfreev (imp->columns);
  for (guint i = 0; imp->features != NULL && i < imp->n_columns; i++)
    g_strfreev (imp->features[i]);
  g_free (imp->features);
  g_free (imp->mean);
  g_free (imp->sd);
  g_free (imp->drops);
  g_free (imp);
}

void
fw_importance_to_json (const FwImportance *imp,
                       JsonBuilder        *builder)
{
  g_return_if_fail (imp != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "metric");
  json_builder_add_string_value (builder, imp->task == FW_TASK_REGRESSION ? "rmse" : "accuracy");
  json_builder_set_member_name (builder, "baseline");
  fw_json_add_number (builder, NULL, imp->baseline);
  json_builder_set_member_name (builder, "repeats");
  json_builder_add_int_value (builder, imp->n_repeats);
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, (gint64) imp->seed);
  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint i = 0; i < imp->n_columns; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "column");
      json_builder_add_string_value (builder, imp->columns[i]);
      json_builder_set_member_name (builder, "features");
      json_builder_begin_array (builder);
      for (char **f = imp->features[i]; *f != NULL; f++)
        json_builder_add_string_value (builder, *f);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "mean");
      fw_json_add_number (builder, NULL, imp->mean[i]);
      json_builder_set_member_name (builder, "sd");
      fw_json_add_number (builder, NULL, imp->sd[i]);
      json_builder_set_member_name (builder, "drops");
      json_builder_begin_array (builder);
      for (guint k = 0; k < imp->n_repeats; k++)
        fw_json_add_number (builder, NULL, imp->drops[i * imp->n_repeats + k]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* Coefficients ---------------------------------------------------------------------------- */

FwCoefficients *
fw_importance_coefficients (const FwModel   *model,
                            const FwDataset *dataset)
{
  g_autoptr(GPtrArray) arrays = NULL;
  const FwModelArray *weight = NULL, *bias = NULL;
  FwCoefficients *c;
  Source *sources;
  guint F, n_out;
  double sign = 1.0;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (fw_model_n_features (model) == dataset->n_features, NULL);

  arrays = fw_model_get_arrays (model);
  for (guint a = 0; a < arrays->len; a++)
    {
      const FwModelArray *array = g_ptr_array_index (arrays, a);

      if (strcmp (array->name, "layer0.weight") == 0)
        weight = array;
      else if (strcmp (array->name, "layer0.bias") == 0)
        bias = array;
      else
        return NULL;            /* a hidden layer: no one weight per feature */
    }
  F = dataset->n_features;
  n_out = fw_model_n_outputs (model);
  g_return_val_if_fail (weight != NULL && bias != NULL, NULL);
  g_return_val_if_fail (weight->n == (gsize) F * n_out && bias->n == n_out, NULL);
  g_return_val_if_fail (dataset->task != FW_TASK_BINARY || (n_out == 1 && dataset->positive < 2),
                        NULL);
  g_return_val_if_fail (dataset->task != FW_TASK_MULTICLASS || n_out == dataset->n_classes, NULL);

  c = g_new0 (FwCoefficients, 1);
  c->task = dataset->task;
  c->n_outputs = n_out;
  /* A binary model's one logit is for class index 1; read it toward the positive class. */
  if (dataset->task == FW_TASK_BINARY)
    {
      sign = dataset->positive == 1 ? 1.0 : -1.0;
      c->outputs = g_new0 (char *, 2);
      c->outputs[0] = g_strdup (dataset->class_names[dataset->positive]);
    }
  else if (dataset->task == FW_TASK_MULTICLASS)
    {
      c->outputs = g_new0 (char *, n_out + 1);
      for (guint o = 0; o < n_out; o++)
        c->outputs[o] = g_strdup (dataset->class_names[o]);
    }

  c->intercepts = g_new (double, n_out);
  for (guint o = 0; o < n_out; o++)
    c->intercepts[o] = sign * bias->data[o];

  sources = feature_sources (dataset);
  c->n_coefficients = F;
  c->coefficients = g_new0 (FwCoefficient, MAX (F, 1));
  for (guint f = 0; f < F; f++)
    {
      FwCoefficient *k = &c->coefficients[f];

      k->feature = g_strdup (dataset->feature_names[f]);
      k->column = g_steal_pointer (&sources[f].column);
      k->category = g_steal_pointer (&sources[f].category);
      k->weights = g_new (double, n_out);
      for (guint o = 0; o < n_out; o++)
        k->weights[o] = sign * weight->data[(gsize) f * n_out + o];
    }
  sources_free (sources, F);
  return c;
}

void
fw_coefficients_free (FwCoefficients *c)
{
  if (c == NULL)
    return;
  g_strfreev (c->outputs);
  g_free (c->intercepts);
  for (guint f = 0; c->coefficients != NULL && f < c->n_coefficients; f++)
    {
      g_free (c->coefficients[f].feature);
      g_free (c->coefficients[f].column);
      g_free (c->coefficients[f].category);
      g_free (c->coefficients[f].weights);
    }
  g_free (c->coefficients);
  g_free (c);
}

static void
add_numbers (JsonBuilder  *builder,
             const double *values,
             guint         n)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    fw_json_add_number (builder, NULL, values[i]);
  json_builder_end_array (builder);
}

void
fw_coefficients_to_json (const FwCoefficients *c,
                         JsonBuilder          *builder)
{
  g_return_if_fail (c != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "outputs");
  if (c->outputs == NULL)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_array (builder);
      for (guint o = 0; o < c->n_outputs; o++)
        json_builder_add_string_value (builder, c->outputs[o]);
      json_builder_end_array (builder);
    }
  json_builder_set_member_name (builder, "intercepts");
  add_numbers (builder, c->intercepts, c->n_outputs);
  json_builder_set_member_name (builder, "coefficients");
  json_builder_begin_array (builder);
  for (guint f = 0; f < c->n_coefficients; f++)
    {
      const FwCoefficient *k = &c->coefficients[f];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "feature");
      json_builder_add_string_value (builder, k->feature);
      json_builder_set_member_name (builder, "column");
      json_builder_add_string_value (builder, k->column);
      json_builder_set_member_name (builder, "category");
      if (k->category != NULL)
        json_builder_add_string_value (builder, k->category);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "weights");
      add_numbers (builder, k->weights, c->n_outputs);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}
