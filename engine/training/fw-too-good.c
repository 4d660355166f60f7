/* fw-too-good.c — a model that scores too well to be true
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include "fw-json.h"
#include "fw-leak-check.h"
#include "fw-metrics.h"
#include "fw-too-good.h"

/* Whether @name reaches the model: not the target, not dropped, not a sensitive column
 * kept out of the features. */
static gboolean
is_feature (const FwRecipe *recipe,
            const char     *name)
{
  if (g_strcmp0 (name, recipe->target) == 0)
    return FALSE;
  if (!recipe->sensitive_as_features &&
      g_ptr_array_find_with_equal_func (recipe->sensitive, name, g_str_equal, NULL))
    return FALSE;
  for (guint i = 0; i < recipe->steps->len; i++)
    {
      const FwStep *step = g_ptr_array_index (recipe->steps, i);

      if (step->kind == FW_STEP_DROP_COLUMN && g_str_equal (step->column, name))
        return FALSE;
    }
  return TRUE;
}

void
fw_too_good_strongest_column (const FwTable  *table,
                              const FwRecipe *recipe,
                              char          **column,
                              double         *score)
{
  g_autofree FwLeakScore *scores = NULL;

  g_return_if_fail (table != NULL && recipe != NULL && column != NULL && score != NULL);

  *column = NULL;
  *score = NAN;
  scores = fw_recipe_leak_scores (recipe, table, NULL);
  for (guint c = 0; scores != NULL && c < fw_table_n_columns (table); c++)
    {
      const char *name = fw_table_column (table, c)->name;

      if (!scores[c].checked || isnan (scores[c].score) || !is_feature (recipe, name))
        continue;
      if (*column == NULL || scores[c].score > *score)
        {
          g_free (*column);
          *column = g_strdup (name);
          *score = scores[c].score;
        }
    }
}

/* ROC AUC (macro one-vs-rest past two classes) or R² on the validation part. */
static double
validation_score (FwModel         *model,
                  const FwDataset *dataset)
{
  const FwDataPart *part = &dataset->parts[FW_PART_VALIDATION];
  g_autofree float *out = NULL;
  double score = NAN;

  if (part->n == 0)
    return NAN;
  out = g_new (float, part->n * fw_model_n_predictions (model));
  fw_model_predict (model, part->x, part->n, out);
  if (dataset->task == FW_TASK_REGRESSION)
    {
      g_autoptr(FwRegressionMetrics) m = fw_regression_metrics_new (part->values, out, NULL,
                                                                   part->n, NULL);

      score = m != NULL ? m->r2 : NAN;
    }
  else
    {
      g_autoptr(FwClassificationMetrics) m =
        fw_classification_metrics_new (part->labels, out, NULL, part->n, dataset->n_classes,
                                       dataset->positive, 0.5, NULL);

      score = m != NULL ? m->roc_auc : NAN;
    }
  return score;
}

/* The columns with the largest drop in quality when shuffled, most first, while positive. */
static char **
leaned_on (JsonObject *explanations)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  JsonObject *importance;
  JsonArray *columns;

  if (explanations == NULL || !json_object_has_member (explanations, "importance"))
    return g_strv_builder_end (names);
  importance = json_object_get_object_member (explanations, "importance");
  columns = importance != NULL && json_object_has_member (importance, "columns")
            ? json_object_get_array_member (importance, "columns") : NULL;
  for (guint i = 0; columns != NULL && i < json_array_get_length (columns) &&
       i < FW_TOO_GOOD_N_COLUMNS; i++)
    {
      JsonObject *column = json_array_get_object_element (columns, i);

      if (column != NULL && json_object_get_double_member_with_default (column, "mean", 0) > 0)
        g_strv_builder_add (names, json_object_get_string_member_with_default (column, "column",
                                                                               "?"));
    }
  return g_strv_builder_end (names);
}

FwTooGood *
fw_too_good_check (FwModel         *model,
                   const FwDataset *dataset,
                   JsonObject      *explanations,
                   const char      *best_column,
                   double           best_column_score)
{
  g_autoptr(FwTooGood) t = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *metric_words = NULL;
  double score;
  gboolean near_perfect, far_above;

  g_return_val_if_fail (model != NULL && dataset != NULL, NULL);

  score = validation_score (model, dataset);
  if (isnan (score))
    return NULL;
  near_perfect = score >= FW_TOO_GOOD_SCORE;
  far_above = best_column != NULL && !isnan (best_column_score) &&
              score >= FW_TOO_GOOD_FLOOR && score - best_column_score >= FW_TOO_GOOD_MARGIN;
  if (!near_perfect && !far_above)
    return NULL;

  t = g_new0 (FwTooGood, 1);
  t->metric = dataset->task == FW_TASK_REGRESSION ? "r2" : "roc_auc";
  t->score = score;
  t->best_column = g_strdup (best_column);
  t->best_column_score = best_column != NULL ? best_column_score : NAN;
  t->columns = leaned_on (explanations);
  for (guint i = 0; t->columns[i] != NULL; i++)
    g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "", t->columns[i]);
  /* Translators: "ROC AUC 0.998" or "R² 0.998". */
  metric_words = g_strdup_printf (dataset->task == FW_TASK_REGRESSION ? _("R² %.3f")
                                                                       : _("ROC AUC %.3f"),
                                  score);
  if (near_perfect && names->len > 0)
    t->message = g_strdup_printf (_("Too good to be true? The model is near perfect on the "
                                    "tuning rows (%s), which real outcomes rarely allow. It "
                                    "leans most on %s: check that each is known before the "
                                    "outcome happens."),
                                  metric_words, names->str);
  else if (near_perfect)
    t->message = g_strdup_printf (_("Too good to be true? The model is near perfect on the "
                                    "tuning rows (%s), which real outcomes rarely allow. Check "
                                    "that every column is known before the outcome happens."),
                                  metric_words);
  else
    t->message = g_strdup_printf (_("Too good to be true? The model scores %s on the tuning "
                                    "rows, far above the strongest single column, “%s” "
                                    "(%.2f). It leans most on %s: check that each is known "
                                    "before the outcome happens."),
                                  metric_words, best_column, best_column_score,
                                  names->len > 0 ? names->str : "?");
  return g_steal_pointer (&t);
}

void
fw_too_good_to_json (const FwTooGood *t,
                     JsonBuilder     *b)
{
  g_return_if_fail (t != NULL && b != NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "metric");
  json_builder_add_string_value (b, t->metric);
  fw_json_add_number (b, "score", t->score);
  json_builder_set_member_name (b, "best_column");
  if (t->best_column != NULL)
    json_builder_add_string_value (b, t->best_column);
  else
    json_builder_add_null_value (b);
  fw_json_add_number (b, "best_column_score", t->best_column_score);
  json_builder_set_member_name (b, "columns");
  json_builder_begin_array (b);
  for (guint i = 0; t->columns[i] != NULL; i++)
    json_builder_add_string_value (b, t->columns[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, t->message);
  json_builder_end_object (b);
}

void
fw_too_good_add_finding (const FwTooGood *t,
                         JsonArray       *findings)
{
  JsonObject *finding;

  g_return_if_fail (t != NULL && findings != NULL);

  finding = json_object_new ();
  json_object_set_string_member (finding, "kind", "too_good");
  json_object_set_null_member (finding, "attribute");
  json_object_set_string_member (finding, "message", t->message);
  json_array_add_object_element (findings, finding);
}

void
fw_too_good_free (FwTooGood *t)
{
  if (t == NULL)
    return;
  g_free (t->best_column);
  g_strfreev (t->columns);
  g_free (t->message);
  g_free (t);
}
