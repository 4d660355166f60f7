/* fw-report-sections.c — a trained model, told as the sections of a model card
 *
 * The sections follow Mitchell et al. (2019), "Model Cards for Model Reporting": model
 * details, intended use, factors, metrics, evaluation and training data, quantitative
 * analyses, training (our addition: time and energy), ethical considerations and caveats.
 * Everything comes from the FwTrainedModel, so a card can be made from a .fwmodel alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include "fw-metrics.h"
#include "fw-report-content.h"

static GPtrArray *
cells_new (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

static void
add_fact (GPtrArray  *cells,
          const char *label,
          char       *value)
{
  g_ptr_array_add (cells, g_strdup (label));
  g_ptr_array_add (cells, value);
}

static char *
model_type (const FwModelSpec *spec)
{
  g_autoptr(GString) widths = g_string_new (NULL);

  switch (spec->kind)
    {
    case FW_MODEL_LOGISTIC:
      return g_strdup (_("Logistic regression"));
    case FW_MODEL_LINEAR:
      return g_strdup (_("Linear regression"));
    case FW_MODEL_MLP:
    default:
      for (guint i = 0; i < spec->n_hidden; i++)
        g_string_append_printf (widths, i > 0 ? ", %u" : "%u", spec->hidden[i]);
      return g_strdup_printf (_("Neural network (multilayer perceptron; hidden layers of %s "
                                "units)"), widths->str);
    }
}

static char *
task_text (const FwTrainedModel *t)
{
  switch (t->task)
    {
    case FW_TASK_BINARY:
      return g_strdup_printf (_("Yes/no classification of “%s” (positive class “%s”)"),
                              t->recipe->target, t->class_names[t->positive]);
    case FW_TASK_MULTICLASS:
      return g_strdup_printf (_("Classification of “%s” into %u classes"), t->recipe->target,
                              t->n_classes);
    case FW_TASK_REGRESSION:
    case FW_TASK_AUTO:
    default:
      return g_strdup_printf (_("Regression: predicts the number in “%s”"), t->recipe->target);
    }
}

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_time);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%d %H:%M UTC") : g_strdup ("—");
}

static void
add_model_details (FwReport             *report,
                   const FwTrainedModel *t,
                   gint64                now)
{
  const FwModelSpec *spec = &t->recipe->model;
  GPtrArray *cells = cells_new ();
  g_autofree char *rate = NULL;

  fw_report_add_heading (report, 1, g_strdup (_("Model details")));
  add_fact (cells, _("Model type"), model_type (spec));
  add_fact (cells, _("Task"), task_text (t));
  add_fact (cells, _("Inputs"),
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u feature after cleaning",
                                          "%u features after cleaning",
                                          g_strv_length (t->feature_names)),
                             g_strv_length (t->feature_names)));
  rate = g_strdup_printf ("%g", spec->learning_rate);
  add_fact (cells, _("Settings"),
            g_strdup_printf (_("up to %u epochs, batches of %u rows, learning rate %s (%s), "
                               "L2 %g, dropout %g, early stopping after %u epochs without "
                               "improvement (0: off), seed %llu"),
                             spec->epochs, spec->batch_size, rate,
                             spec->optimizer == FW_OPTIMIZER_SGD ? "SGD" : "Adam", spec->l2,
                             spec->dropout, spec->patience,
                             (unsigned long long) t->recipe->seed));
  add_fact (cells, _("Trained"), format_time (t->created));
  add_fact (cells, _("Fairway version"), g_strdup (t->fairway_version != NULL
                                                   ? t->fairway_version : "—"));
  add_fact (cells, _("Backend"), g_strdup (t->backend != NULL ? t->backend : "—"));
  add_fact (cells, _("Device asked for"), g_strdup (spec->device != NULL ? spec->device : "auto"));
  add_fact (cells, _("Card written"), format_time (now));
  fw_report_add_table (report, FALSE, 0, 2, cells);
}

static void
add_intended_use (FwReport   *report,
                  const char *text)
{
  g_auto(GStrv) paragraphs = NULL;
  guint added = 0;

  fw_report_add_heading (report, 1, g_strdup (_("Intended use")));
  if (text != NULL)
    {
      paragraphs = g_strsplit (text, "\n", -1);
      for (guint i = 0; paragraphs[i] != NULL; i++)
        if (*g_strstrip (paragraphs[i]) != '\0')
          {
            fw_report_add_paragraph (report, g_strdup (paragraphs[i]));
            added++;
          }
    }
  if (added == 0)
    fw_report_add_paragraph (report, g_strdup (_("The intended use was not given. Before this "
                                                 "model informs any decision, write down what "
                                                 "it is for, who will use it and which uses are "
                                                 "out of scope.")));
}

static void
add_factors (FwReport             *report,
             const FwTrainedModel *t)
{
  guint n = json_array_get_length (t->fairness);
  GPtrArray *cells;

  fw_report_add_heading (report, 1, g_strdup (_("Factors")));
  if (t->recipe->sensitive->len == 0)
    {
      fw_report_add_paragraph (report, g_strdup (_("No sensitive attributes were named, so how "
                                                   "the model treats different groups of people "
                                                   "was not measured.")));
      return;
    }
  fw_report_add_paragraph (report, g_strdup (t->recipe->sensitive_as_features
    ? _("The model was measured group by group for the sensitive attributes below. They were "
        "also given to the model as inputs.")
    : _("The model was measured group by group for the sensitive attributes below. They were "
        "not given to the model as inputs, though other columns may stand in for them.")));
  cells = cells_new ();
  g_ptr_array_add (cells, g_strdup (_("Attribute")));
  g_ptr_array_add (cells, g_strdup (_("Groups (test rows)")));
  for (guint a = 0; a < n; a++)
    {
      JsonObject *entry = json_array_get_object_element (t->fairness, a);
      JsonArray *groups = json_object_get_array_member (entry, "groups");
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint g = 0; groups != NULL && g < json_array_get_length (groups); g++)
        {
          JsonObject *group = json_array_get_object_element (groups, g);

          g_string_append_printf (text, g > 0 ? ", %s (%.0f)" : "%s (%.0f)",
                                  json_object_get_string_member_with_default (group, "value", "?"),
                                  fw_report_json_number (group, "n"));
        }
      add_fact (cells, json_object_get_string_member_with_default (entry, "attribute", "?"),
                g_string_free (g_steal_pointer (&text), FALSE));
    }
  fw_report_add_table (report, TRUE, 0, 2, cells);
}

static const struct
{
  const char *key, *name, *meaning;
} metric_texts[] = {
  { "accuracy", N_("Accuracy"), N_("The share of test rows the model got right.") },
  { "balanced_accuracy", N_("Balanced accuracy"),
    N_("The share right within each actual class, averaged, so a rare class counts as much "
       "as a common one.") },
  { "precision", N_("Precision"),
    N_("Of the rows the model called positive, the share that really were.") },
  { "recall", N_("Recall"), N_("Of the rows that really were positive, the share it found.") },
  { "f1", N_("F1 score"), N_("Precision and recall combined; high only when both are.") },
  { "roc_auc", N_("ROC AUC"),
    N_("The chance that a random positive row scores above a random negative one: 0.5 is "
       "guessing, 1 is perfect.") },
  { "log_loss", N_("Log loss"),
    N_("How far the predicted probabilities were from what happened; lower is better.") },
  { "mae", N_("Mean absolute error"), N_("The average size of an error, in the target's units.") },
  { "rmse", N_("Root mean squared error"),
    N_("Like the average error, but large errors count more; in the target's units.") },
  { "r2", N_("R²"), N_("The share of the target's variation the model explains: 1 is perfect, "
                       "0 no better than always guessing the mean.") },
};

/* The test confusion matrix the model file keeps, as n_classes² numbers; NULL when absent. */
static double *
confusion_of (const FwTrainedModel *t)
{
  guint n = json_array_get_length (t->confusion);
  double *counts;

  if (n < 2 || n != t->n_classes)
    return NULL;
  counts = g_new0 (double, n * n);
  for (guint a = 0; a < n; a++)
    {
      JsonArray *row = json_array_get_array_element (t->confusion, a);

      for (guint p = 0; row != NULL && p < n && p < json_array_get_length (row); p++)
        counts[a * n + p] = json_array_get_double_element (row, p);
    }
  return counts;
}

/* When one answer is far more common than the others, accuracy flatters: say what always
 * giving it scores, and point to balanced accuracy (FW_BASELINE_UNBALANCED_MARGIN). */
static void
add_unbalanced_note (FwReport             *report,
                     const FwTrainedModel *t)
{
  g_autofree double *counts = confusion_of (t);
  guint majority = 0;
  double share = NAN;

  if (t->class_names == NULL ||
      !fw_baseline_unbalanced (counts, t->n_classes, &majority, &share) ||
      !json_object_has_member (t->test_metrics, "balanced_accuracy"))
    return;
  fw_report_add_paragraph (report, g_strdup_printf (
    _("One answer is far more common than the others: always answering “%s” would be right "
      "for %.0f of every 100 test rows, against the model's %.0f. Balanced accuracy, %.0f in "
      "100, counts every answer alike and is the fairer headline."),
    t->class_names[majority], 100 * share,
    100 * fw_report_json_number (t->test_metrics, "accuracy"),
    100 * fw_report_json_number (t->test_metrics, "balanced_accuracy")));
}

static void
add_metrics (FwReport             *report,
             const FwTrainedModel *t)
{
  GPtrArray *cells = cells_new ();
  gboolean baseline = t->baseline != NULL && json_object_get_size (t->baseline) > 0;
  guint columns = baseline ? 4 : 3;

  fw_report_add_heading (report, 1, g_strdup (_("Metrics")));
  fw_report_add_paragraph (report, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
    "Measured on %llu test row, which the model never saw while it learned.",
    "Measured on %llu test rows, which the model never saw while it learned.",
    t->part_rows[FW_PART_TEST]), (unsigned long long) t->part_rows[FW_PART_TEST]));
  g_ptr_array_add (cells, g_strdup (_("Metric")));
  g_ptr_array_add (cells, g_strdup (_("Value")));
  if (baseline)
    g_ptr_array_add (cells, g_strdup (t->task == FW_TASK_REGRESSION
                                      ? _("Always the mean")
                                      : _("Always the most common answer")));
  g_ptr_array_add (cells, g_strdup (_("What it means")));
  for (guint i = 0; i < G_N_ELEMENTS (metric_texts); i++)
    {
      if (!json_object_has_member (t->test_metrics, metric_texts[i].key))
        continue;
      g_ptr_array_add (cells, g_strdup (_(metric_texts[i].name)));
      g_ptr_array_add (cells, fw_report_format_number (fw_report_json_number (t->test_metrics,
                                                                    metric_texts[i].key), 4));
      if (baseline)
        g_ptr_array_add (cells, fw_report_format_number (fw_report_json_number (t->baseline,
                                                                      metric_texts[i].key), 4));
      g_ptr_array_add (cells, g_strdup (_(metric_texts[i].meaning)));
    }
  if (cells->len == columns)
    {
      g_ptr_array_unref (cells);
      fw_report_add_paragraph (report, g_strdup (_("No test metrics were recorded.")));
      return;
    }
  fw_report_add_table (report, TRUE, baseline ? (1u << 1) | (1u << 2) : 1u << 1, columns, cells);
  if (baseline)
    fw_report_add_note (report, g_strdup (t->task == FW_TASK_REGRESSION
      ? _("The baseline always predicts the training rows' mean: a model must beat it to be "
          "worth anything.")
      : _("The baseline always gives the training rows' most common answer: a model must beat "
          "it to be worth anything.")));
  add_unbalanced_note (report, t);
  if (t->thresholds != NULL)
    fw_report_add_note (report, g_strdup_printf (_("Decisions use a separate threshold for each "
                                                   "group of “%s”; the figures above include "
                                                   "them."), t->threshold_attribute));
  else if (t->task == FW_TASK_BINARY && t->threshold != FW_THRESHOLDS_DEFAULT)
    {
      g_autofree char *value = fw_report_format_number (t->threshold, 3);

      fw_report_add_note (report, g_strdup_printf (_("Decisions use the threshold %s, chosen on "
                                                     "the validation rows; the test rows were "
                                                     "scored once for it."), value));
    }
}

static char *
step_text (const FwStep *step)
{
  switch (step->kind)
    {
    case FW_STEP_IMPUTE_MEAN:
      return g_strdup_printf (_("Filled the gaps in “%s” with its average."), step->column);
    case FW_STEP_IMPUTE_MEDIAN:
      return g_strdup_printf (_("Filled the gaps in “%s” with its middle value (median)."),
                              step->column);
    case FW_STEP_IMPUTE_MODE:
      return g_strdup_printf (_("Filled the gaps in “%s” with its most common value."),
                              step->column);
    case FW_STEP_IMPUTE_CONSTANT:
      return g_strdup_printf (_("Filled the gaps in “%s” with “%s”."), step->column,
                              step->constant != NULL ? step->constant : "");
    case FW_STEP_DROP_COLUMN:
      return g_strdup_printf (_("Left out the column “%s”."), step->column);
    case FW_STEP_DROP_MISSING_ROWS:
      return g_strdup_printf (_("Dropped the rows with no value in “%s”."), step->column);
    case FW_STEP_CLIP_OUTLIERS:
      return g_strdup_printf (_("Pulled extreme values of “%s” in to the outlier fences."),
                              step->column);
    case FW_STEP_ONE_HOT:
      return g_strdup_printf (_("Turned each category of “%s” into a yes/no column."),
                              step->column);
    case FW_STEP_STANDARDIZE:
      return g_strdup_printf (_("Rescaled “%s” to average 0 and spread 1."), step->column);
    case FW_STEP_TREAT_AS_MISSING:
      /* Translators: the first %s is a value, the second a column name. */
      return g_strdup_printf (_("Read “%s” in “%s” as a missing value."),
                              step->constant != NULL ? step->constant : "", step->column);
    case FW_STEP_MISSING_INDICATOR:
      return g_strdup_printf (_("Added a yes/no column saying where “%s” was missing."),
                              step->column);
    case FW_STEP_DATE_PARTS:
      return g_strdup_printf (_("Used the year, month and day of the week of “%s”."),
                              step->column);
    case FW_STEP_DAYS_BETWEEN:
      /* Translators: both %s are column names. */
      return g_strdup_printf (_("Counted the days from “%s” to “%s”."), step->column,
                              step->to != NULL ? step->to : "");
    case FW_STEP_MIN_MAX:
    default:
      return g_strdup_printf (_("Rescaled “%s” to run from 0 to 1."), step->column);
    }
}

/* What the exported model does: reweighing, per-group thresholds (each group's), both or
 * none.  Thresholds come from the model itself, so the line says what predict applies. */
static char *
mitigation_text (const FwTrainedModel *t)
{
  GString *text = g_string_new (NULL);

  if (g_strcmp0 (t->recipe->mitigation, "reweigh") == 0)
    g_string_append (text, _("reweighing (Kamiran and Calders) of the training rows"));
  if (t->thresholds != NULL)
    {
      if (text->len > 0)
        g_string_append (text, _("; "));
      /* Translators: %s is a sensitive column; thresholds follow, "female 0.412, male 0.538". */
      g_string_append_printf (text, t->thresholds->policy == FW_THRESHOLD_POLICY_TPR
                              ? _("a decision threshold per group of “%s”, fitted on the "
                                  "validation rows for equal true-positive rates: ")
                              : t->thresholds->policy == FW_THRESHOLD_POLICY_MANUAL
                              ? _("a decision threshold per group of “%s”, chosen by hand "
                                  "on the validation rows: ")
                              : _("a decision threshold per group of “%s”, fitted on the "
                                  "validation rows for equal selection rates: "),
                              t->threshold_attribute != NULL ? t->threshold_attribute : "?");
      for (guint g = 0; g < t->thresholds->n_groups; g++)
        {
          g_autofree char *value = fw_report_format_number (t->thresholds->groups[g].threshold, 3);

          g_string_append_printf (text, "%s%s %s", g > 0 ? ", " : "",
                                  t->thresholds->groups[g].name, value);
        }
    }
  if (text->len == 0)
    g_string_append (text, _("none"));
  return g_string_free (text, FALSE);
}

static void
add_data (FwReport             *report,
          const FwTrainedModel *t)
{
  const FwRecipe *r = t->recipe;
  GPtrArray *cells = cells_new ();
  GPtrArray *steps = g_ptr_array_new ();

  fw_report_add_heading (report, 1, g_strdup (_("Evaluation and training data")));
  add_fact (cells, _("Source file"), g_strdup (t->data_name != NULL ? t->data_name : "—"));
  add_fact (cells, "SHA-256", g_strdup (t->data_sha256 != NULL ? t->data_sha256 : "—"));
  if (t->part_rows[FW_PART_TRAIN] > 0)
    add_fact (cells, _("Rows"),
              g_strdup_printf (_("%llu to learn from, %llu to validate (choose the epoch), "
                                 "%llu to test"),
                               (unsigned long long) t->part_rows[FW_PART_TRAIN],
                               (unsigned long long) t->part_rows[FW_PART_VALIDATION],
                               (unsigned long long) t->part_rows[FW_PART_TEST]));
  add_fact (cells, _("Split"),
            g_strdup_printf (r->split.stratify && t->task != FW_TASK_REGRESSION
                             ? _("%.0f%% / %.0f%% / %.0f%% at random, keeping each class's "
                                 "share, seed %llu")
                             : _("%.0f%% / %.0f%% / %.0f%% at random, seed %llu"),
                             100 * r->split.train, 100 * r->split.validation, 100 * r->split.test,
                             (unsigned long long) r->seed));
  add_fact (cells, _("Mitigation"), mitigation_text (t));
  if (t->task == FW_TASK_BINARY && t->thresholds == NULL)
    {
      g_autofree char *value = fw_report_format_number (t->threshold, 3);

      const char *positive = t->class_names[t->positive];

      add_fact (cells, _("Decision threshold"), t->threshold == FW_THRESHOLDS_DEFAULT
        /* Translators: the first %s is a probability such as 0.42, the second a class. */
        ? g_strdup_printf (_("%s: “%s” when its probability is at least that"), value, positive)
        /* Translators: the first %s is a probability such as 0.42, the second a class. */
        : g_strdup_printf (_("%s, chosen on the validation rows: “%s” when its probability is "
                             "at least that"), value, positive));
    }
  fw_report_add_table (report, FALSE, 0, 2, cells);

  fw_report_add_heading (report, 2, g_strdup (_("Cleaning steps")));
  for (guint i = 0; i < r->steps->len; i++)
    g_ptr_array_add (steps, step_text (g_ptr_array_index (r->steps, i)));
  if (steps->len == 0)
    fw_report_add_paragraph (report, g_strdup (_("None: the columns were used as they are.")));
  fw_report_add_list (report, steps);
}

FwReport *
fw_report_new (const FwTrainedModel  *trained,
               const FwReportOptions *options)
{
  FwReport *report;
  g_autofree char *type = NULL;
  gint64 now;

  g_return_val_if_fail (trained != NULL, NULL);

  now = options != NULL && options->now != 0 ? options->now
                                             : g_get_real_time () / G_USEC_PER_SEC;
  report = fw_report_alloc ();
  report->title = g_strdup_printf (_("Model card: predicting “%s”"), trained->recipe->target);
  report->subtitle = g_strdup_printf (_("%s, trained with Fairway on %s"),
                                      type = model_type (&trained->recipe->model),
                                      trained->data_name != NULL ? trained->data_name
                                                                 : _("unnamed data"));
  add_model_details (report, trained, now);
  add_intended_use (report, options != NULL ? options->intended_use : NULL);
  add_factors (report, trained);
  add_metrics (report, trained);
  add_data (report, trained);
  fw_report_add_analyses (report, trained);
  fw_report_add_training (report, trained);
  fw_report_add_caveats (report, trained);
  return report;
}
