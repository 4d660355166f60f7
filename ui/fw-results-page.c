/* fw-results-page.c — wizard step 6: how well, and how fairly, the model predicts
 *
 * When a model lands in the session the page predicts the dataset's validation (tuning)
 * and test parts once (FwResultsTradeoff).  The threshold slider, or one slider per group
 * of the model's threshold column, re-decides the stored tuning probabilities and shows
 * their figures live, on the main thread, one pass over the tuning rows.  The test part is
 * decided once, by the model's own rule, and its figures (metrics, plots, fairness) move
 * only when "Use for the Model" makes the slider's threshold the model's
 * (fw_session_set_threshold): a threshold chosen on the test rows would make them tuning
 * rows too.  Regression has no threshold: its metrics are the trained model's.
 *
 * A model with per-group thresholds (equal selection rates, equal TPR) opens at them, exactly;
 * per-group sliders explore on the tuning rows, and only a single threshold is written into
 * the model from here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include "fw-plot-curves.h"
#include "fw-plot-heatmap.h"
#include "fw-plot-importance.h"
#include "fw-results-explain.h"
#include "fw-results-group-table.h"
#include "fw-results-page-private.h"

G_DEFINE_FINAL_TYPE (FwResultsPage, fw_results_page, GTK_TYPE_WIDGET)


static void
clear_model (FwResultsPage *self)
{
  g_clear_pointer (&self->tradeoff, fw_results_tradeoff_free);
  g_clear_pointer (&self->tuning, fw_results_tradeoff_free);
  g_clear_pointer (&self->model_thresholds, g_free);
  g_clear_pointer (&self->group_rows, g_free);
  g_clear_pointer (&self->metrics, fw_classification_metrics_free);
  g_clear_pointer (&self->importance_names, g_strfreev);
  g_clear_pointer (&self->importance_mean, g_free);
  g_clear_pointer (&self->importance_sd, g_free);
  self->importance.n = 0;
  self->heatmap.n = 0;
  self->roc.n_curves = self->pr.n_curves = 0;
  self->calibration.n_bins = 0;
}

static const char *
positive_name (FwResultsPage *self)
{
  FwTrainedModel *trained = fw_session_get_trained (self->session);

  return trained->task == FW_TASK_BINARY ? trained->class_names[trained->positive] : NULL;
}

static void
set_metric (FwResultsPage *self,
            const char    *key,
            double         value)
{
  FwTrainedModel *trained = fw_session_get_trained (self->session);
  GtkLabel *label = g_hash_table_lookup (self->values, key);
  g_autofree char *text = fw_results_metric_value (key, value);
  g_autofree char *sentence = fw_results_metric_sentence (key, value, positive_name (self),
                                                          trained->recipe->target);
  g_autofree char *baseline = NULL;

  if (label == NULL)
    {
      GtkWidget *row = adw_action_row_new ();
      /* Its text comes from the data: plain, never Pango markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), fw_results_metric_title (key));
      label = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_add_css_class (GTK_WIDGET (label), "fw-metric-value");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (label));
      adw_preferences_group_add (self->metrics_group, row);
      g_ptr_array_add (self->rows, row);
      g_hash_table_insert (self->values, (gpointer) key, label);
      g_object_set_data (G_OBJECT (label), "row", row);
    }
  gtk_label_set_text (label, text);
  /* What a model that learned nothing scores, beside every figure. */
  {
    JsonNode *node = trained->baseline != NULL ? json_object_get_member (trained->baseline, key)
                                               : NULL;

    if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
      baseline = fw_results_baseline_sentence (key, json_node_get_double (node),
                                               trained->task == FW_TASK_REGRESSION);
  }
  if (baseline != NULL)
    {
      char *both = g_strdup_printf ("%s %s", sentence, baseline);

      g_free (sentence);
      sentence = both;
    }
  adw_action_row_set_subtitle (g_object_get_data (G_OBJECT (label), "row"), sentence);
}

static void
clear_rows (FwResultsPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->metrics_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->values);
}

static void
show_fairness (FwResultsPage *self,
               const guint32 *decided)
{
  const FwDataset *dataset = fw_session_get_dataset (self->session);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fairness_box))) != NULL)
    gtk_box_remove (self->fairness_box, child);
  for (guint a = 0; dataset != NULL && a < dataset->n_sensitive; a++)
    {
      const char *attribute = dataset->sensitive_names[a];
      g_autoptr(FwFairness) fairness = fw_results_tradeoff_fairness (self->tradeoff, a, decided,
                                                                     NULL);
      GtkWidget *group = adw_preferences_group_new ();
      g_autofree char *escaped = NULL;
      g_autofree char *title = NULL;
      g_auto(GStrv) warnings = NULL;
      GtkWidget *table;

      if (fairness == NULL)
        continue;
      /* A group title is Pango markup: the column's name is escaped. */
      escaped = g_markup_escape_text (attribute, -1);
      /* Translators: %s is a sensitive column such as "sex". */
      title = g_strdup_printf (_("Fairness by “%s”"), escaped);
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), fairness->regression
        ? _("How large the errors are for each group of test rows.")
        : _("How the model treats each group of test rows at the threshold you chose."));
      table = fw_results_group_table (fairness, attribute);
      gtk_widget_add_css_class (table, "card");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), table);
      warnings = fw_results_group_warnings (fairness, attribute);
      for (guint w = 0; warnings[w] != NULL; w++)
        {
          GtkWidget *row = adw_action_row_new ();
          /* Its text comes from the data: plain, never Pango markup. */
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

          gtk_widget_add_css_class (icon, "warning");
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), warnings[w]);
          adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
          gtk_widget_set_margin_top (row, w == 0 ? 12 : 0);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }
      gtk_box_append (self->fairness_box, group);
    }
}

/* The test rows, decided once by the model's own rule: what the exported model does. */
static void
show_test (FwResultsPage *self)
{
  FwTrainedModel *trained = fw_session_get_trained (self->session);
  const FwDataset *dataset = fw_session_get_dataset (self->session);
  g_autofree guint32 *decided = NULL;
  g_autofree char *headline = NULL;

  if (trained == NULL || self->tradeoff == NULL)
    return;
  if (trained->task == FW_TASK_REGRESSION)
    {
      for (guint k = 0; fw_results_regression_keys[k] != NULL; k++)
        {
          const char *key = fw_results_regression_keys[k];

          if (json_object_has_member (trained->test_metrics, key))
            set_metric (self, key, json_object_get_double_member (trained->test_metrics, key));
        }
      headline = g_strdup_printf (_("Predictions of “%s” are off by %.4g on average."),
                                  trained->recipe->target,
                                  json_object_get_double_member (trained->test_metrics, "mae"));
      gtk_label_set_text (self->headline, headline);
      show_fairness (self, NULL);
      return;
    }

  decided = trained->task == FW_TASK_BINARY
            ? fw_trained_model_decide_part (trained, dataset, FW_PART_TEST,
                                            self->tradeoff->predictions)
            : fw_results_tradeoff_decide (self->tradeoff, FW_THRESHOLDS_DEFAULT, NULL);
  g_clear_pointer (&self->metrics, fw_classification_metrics_free);
  self->metrics = fw_results_tradeoff_metrics (self->tradeoff, decided, NULL);
  if (self->metrics == NULL)
    return;
  {
    const FwClassificationMetrics *m = self->metrics;
    const double values[] = { m->accuracy, m->balanced_accuracy, m->precision, m->recall, m->f1,
                              m->roc_auc, m->log_loss };

    for (guint k = 0; fw_results_classification_keys[k] != NULL; k++)
      set_metric (self, fw_results_classification_keys[k], values[k]);
  }
  headline = fw_results_headline (trained->recipe->target, self->metrics, trained->class_names);
  gtk_label_set_text (self->headline, headline);

  self->heatmap.counts = self->metrics->confusion;
  self->roc_curve = (FwPlotCurve) { _("This model"), self->metrics->roc, self->metrics->n_roc,
                                    self->metrics->roc_auc };
  self->pr_curve = (FwPlotCurve) { _("This model"), self->metrics->pr, self->metrics->n_pr,
                                   self->metrics->average_precision };
  self->roc.n_curves = self->pr.n_curves = self->metrics->n_roc > 0 ? 1 : 0;
  self->calibration.bins = self->metrics->calibration;
  self->calibration.n_bins = self->metrics->n_roc > 0 ? FW_METRICS_CALIBRATION_BINS : 0;
  for (guint p = 0; p < G_N_ELEMENTS (self->plots); p++)
    fw_plot_widget_queue_redraw (self->plots[p]);
  show_fairness (self, decided);
}

static void
read_importance (FwResultsPage  *self,
                 FwTrainedModel *trained)
{
  JsonObject *importance;
  JsonArray *columns;
  guint n;

  if (trained->explanations == NULL || !json_object_has_member (trained->explanations, "importance"))
    return;
  importance = json_object_get_object_member (trained->explanations, "importance");
  columns = json_object_get_array_member (importance, "columns");
  n = json_array_get_length (columns);
  self->importance_names = g_new0 (char *, n + 1);
  self->importance_mean = g_new (double, MAX (n, 1));
  self->importance_sd = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      JsonObject *column = json_array_get_object_element (columns, i);

      self->importance_names[i] = g_strdup (json_object_get_string_member (column, "column"));
      self->importance_mean[i] = json_object_get_double_member (column, "mean");
      self->importance_sd[i] = json_object_get_double_member (column, "sd");
    }
  self->importance = (FwPlotImportance) {
    .title = _("What the model relies on"),
    .x_label = trained->task == FW_TASK_REGRESSION ? _("Rise in error when the column is shuffled")
                                                   : _("Drop in accuracy when the column is shuffled"),
    .features = (const char *const *) self->importance_names,
    .mean = self->importance_mean, .sd = self->importance_sd, .n = MIN (n, 12),
    .x_format = trained->task == FW_TASK_REGRESSION ? FW_TICK_FORMAT_PLAIN : FW_TICK_FORMAT_PERCENT,
  };
}

static void
model_changed (FwResultsPage *self)
{
  FwTrainedModel *trained = fw_session_get_trained (self->session);
  const FwDataset *dataset = fw_session_get_dataset (self->session);
  gboolean classes, binary;

  clear_model (self);
  clear_rows (self);
  if (trained == NULL || dataset == NULL ||
      (self->tradeoff = fw_results_tradeoff_new (trained, dataset, FW_PART_TEST)) == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  classes = trained->task != FW_TASK_REGRESSION;
  {
    /* A model that has most likely been shown the answer says so before any figure. */
    g_autofree char *too_good = fw_results_too_good_message (trained);

    gtk_label_set_text (self->too_good_label, too_good != NULL ? too_good : "");
    gtk_widget_set_visible (self->too_good_box, too_good != NULL);
  }
  binary = trained->task == FW_TASK_BINARY;
  self->tuning = binary ? fw_results_tradeoff_new (trained, dataset, FW_PART_VALIDATION) : NULL;
  /* No tuning rows, no slider: a threshold chosen on the test rows would not be tested. */
  gtk_widget_set_visible (GTK_WIDGET (self->threshold_group), self->tuning != NULL);
  gtk_widget_set_visible (self->use_row, trained->thresholds == NULL);
  adw_preferences_group_set_description (self->metrics_group, binary
    ? _("Test rows, scored once for the threshold you chose: the model never saw them while "
        "it learnt.")
    : _("Measured on test rows the model never saw while it learnt."));
  fw_results_page_open_thresholds (self, trained, dataset);
  self->heatmap = (FwPlotHeatmap) { .title = _("Right and wrong, by outcome"),
                                    .classes = (const char *const *) trained->class_names,
                                    .n = classes ? trained->n_classes : 0 };
  self->roc = (FwPlotCurves) { .title = _("Finding positives vs. false alarms (ROC)"),
                               .curves = &self->roc_curve };
  self->pr = (FwPlotCurves) { .title = _("Precision vs. recall"), .curves = &self->pr_curve };
  self->calibration = (FwPlotCalibration) { .title = _("Are its probabilities honest?"),
                                            .show_counts = TRUE };
  {
    const FwDataPart *test = &dataset->parts[FW_PART_TEST];
    gsize positives = 0;

    for (gsize i = 0; classes && i < test->n; i++)
      positives += test->labels[i] == trained->positive;
    self->pr.positive_rate = test->n > 0 ? (double) positives / test->n : 0;
  }
  read_importance (self, trained);
  fw_results_page_show_coefficients (self, trained);
  for (guint p = PLOT_CONFUSION; p <= PLOT_CALIBRATION; p++)
    gtk_widget_set_visible (GTK_WIDGET (self->plots[p]),
                            p == PLOT_CONFUSION ? classes : trained->task == FW_TASK_BINARY);
  gtk_widget_set_visible (GTK_WIDGET (self->plots[PLOT_IMPORTANCE]), self->importance.n > 0);
  gtk_stack_set_visible_child_name (self->stack, "results");
  show_test (self);
  fw_results_page_update_tuning (self);
}

static void
session_changed (FwResultsPage *self,
                 guint          parts)
{
  if (parts & FW_SESSION_MODEL)
    model_changed (self);
}

static void
fw_results_page_dispose (GObject *object)
{
  FwResultsPage *self = FW_RESULTS_PAGE (object);
  GtkWidget *child;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_RESULTS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  g_clear_pointer (&self->coefficient_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (fw_results_page_parent_class)->dispose (object);
}

static void
fw_results_page_finalize (GObject *object)
{
  FwResultsPage *self = FW_RESULTS_PAGE (object);

  clear_model (self);
  g_ptr_array_unref (self->group_scales);
  g_ptr_array_unref (self->rows);
  g_hash_table_unref (self->values);
  G_OBJECT_CLASS (fw_results_page_parent_class)->finalize (object);
}

static void
fw_results_page_class_init (FwResultsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fw_results_page_dispose;
  object_class->finalize = fw_results_page_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fw-results-page");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/FairwayML/Fairway/ui/fw-results-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FwResultsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, FwResultsPage, headline);
  gtk_widget_class_bind_template_child (widget_class, FwResultsPage, too_good_box);
  gtk_widget_class_bind_template_child (widget_class, FwResultsPage, too_good_label);
  gtk_widget_class_bind_template_child (widget_class, FwResultsPage, threshold_group);
  gtk_widget_class_bind_template_child (widget_class, FwResultsPage, threshold_scale);
  gtk_widget_class_bind_template_child (widget_class, FwResultsPage, per_group_row);
  gtk_widget_class_bind_template_child (widget_class, FwResultsPage, column_row);
  gtk_widget_class_bind_template_child (widget_class, FwResultsPage, tuning_label);
  gtk_widget_class_bind_template_child (widget_class, FwResultsPage, use_row);
  gtk_widget_class_bind_template_child (widget_class, FwResultsPage, use_button);
  gtk_widget_class_bind_template_child (widget_class, FwResultsPage, metrics_group);
  gtk_widget_class_bind_template_child (widget_class, FwResultsPage, plots_grid);
  gtk_widget_class_bind_template_child (widget_class, FwResultsPage, fairness_box);
  gtk_widget_class_bind_template_child (widget_class, FwResultsPage, coefficients_group);
}

static FwPlotWidget *
add_plot (FwResultsPage  *self,
          FwPlotDrawFunc  draw,
          gconstpointer   data,
          const char     *label,
          int             column,
          int             row,
          int             width)
{
  GtkWidget *plot = fw_plot_widget_new ();

  fw_plot_widget_set_draw_func (FW_PLOT_WIDGET (plot), draw, (gpointer) data, NULL);
  fw_plot_widget_set_label (FW_PLOT_WIDGET (plot), label);
  gtk_widget_set_size_request (plot, 300, 300);
  gtk_widget_add_css_class (plot, "card");
  gtk_widget_add_css_class (plot, "fw-chart-card");
  gtk_grid_attach (self->plots_grid, plot, column, row, width, 1);
  return FW_PLOT_WIDGET (plot);
}

static void
fw_results_page_init (FwResultsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->group_scales = g_ptr_array_new ();
  self->rows = g_ptr_array_new ();
  self->values = g_hash_table_new (g_str_hash, g_str_equal);
  self->plots[PLOT_CONFUSION] = add_plot (self, fw_plot_heatmap_draw, &self->heatmap,
                                          _("Confusion matrix"), 0, 0, 1);
  self->plots[PLOT_ROC] = add_plot (self, fw_plot_roc_draw, &self->roc, _("ROC curve"), 1, 0, 1);
  self->plots[PLOT_PR] = add_plot (self, fw_plot_pr_draw, &self->pr,
                                   _("Precision-recall curve"), 0, 1, 1);
  self->plots[PLOT_CALIBRATION] = add_plot (self, fw_plot_calibration_draw, &self->calibration,
                                            _("Calibration"), 1, 1, 1);
  self->plots[PLOT_IMPORTANCE] = add_plot (self, fw_plot_importance_draw, &self->importance,
                                           _("Feature importance"), 0, 2, 2);
  fw_results_page_connect_thresholds (self);
}

GtkWidget *
fw_results_page_new (void)
{
  return g_object_new (FW_TYPE_RESULTS_PAGE, NULL);
}

void
fw_results_page_set_session (FwResultsPage *self,
                             FwSession     *session)
{
  g_return_if_fail (FW_IS_RESULTS_PAGE (self));
  g_return_if_fail (FW_IS_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  g_signal_connect_swapped (session, "changed", G_CALLBACK (session_changed), self);
  model_changed (self);
}

const char *
fw_results_page_get_metric_text (FwResultsPage *self,
                                 const char    *key)
{
  GtkLabel *label;

  g_return_val_if_fail (FW_IS_RESULTS_PAGE (self), NULL);
  label = g_hash_table_lookup (self->values, key);
  return label != NULL ? gtk_label_get_text (label) : NULL;
}

GtkRange *
fw_results_page_get_threshold_scale (FwResultsPage *self)
{
  g_return_val_if_fail (FW_IS_RESULTS_PAGE (self), NULL);
  return self->threshold_scale;
}

const char *
fw_results_page_get_tuning_text (FwResultsPage *self)
{
  g_return_val_if_fail (FW_IS_RESULTS_PAGE (self), NULL);
  return gtk_label_get_text (self->tuning_label);
}

const char *
fw_results_page_get_caption (FwResultsPage *self,
                             gboolean       tuning)
{
  g_return_val_if_fail (FW_IS_RESULTS_PAGE (self), NULL);
  return adw_preferences_group_get_description (tuning ? self->threshold_group
                                                       : self->metrics_group);
}

GtkWidget *
fw_results_page_get_use_button (FwResultsPage *self)
{
  g_return_val_if_fail (FW_IS_RESULTS_PAGE (self), NULL);
  return self->use_button;
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

const char *
fw_results_page_get_group_text (FwResultsPage *self,
                                const char    *attribute,
                                const char    *group,
                                const char    *column)
{
  g_autofree char *name = NULL;
  GtkWidget *label;

  g_return_val_if_fail (FW_IS_RESULTS_PAGE (self), NULL);
  name = g_strdup_printf ("%s/%s/%s", attribute, group, column);
  label = find_named (GTK_WIDGET (self->fairness_box), name);
  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

const char *
fw_results_page_get_too_good (FwResultsPage *self)
{
  g_return_val_if_fail (FW_IS_RESULTS_PAGE (self), NULL);
  return gtk_widget_get_visible (self->too_good_box) ? gtk_label_get_text (self->too_good_label)
                                                     : NULL;
}
