/* fw-results-threshold.c — the Results step's threshold slider(s), on the tuning rows
 *
 * The sliders re-decide the validation (tuning) part's stored probabilities and show its
 * figures live; the test part is left to fw-results-page.c, decided by the model's own
 * rule.  "Use for the Model" makes the slider's single threshold the model's
 * (fw_session_set_threshold), or the per-group sliders' thresholds (policy manual,
 * fw_session_set_group_thresholds), which scores the test part once and redraws the page.
 * With several sensitive columns, "Groups of" picks the one the per-group sliders are for;
 * for a model fitted for equal rates, "Use for the Model" on another column with its
 * sliders untouched fits that policy's thresholds for it (fw_session_refit_thresholds).
 * A group with fewer tuning rows than the recipe's min_group_rows keeps the common
 * threshold: its slider is greyed and says so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include "fw-results-explain.h"
#include "fw-results-page-private.h"
#include "fw-toast.h"

static void
slider_moved (FwResultsPage *self)
{
  if (!self->syncing)
    self->at_model = FALSE;
  fw_results_page_update_tuning (self);
}

static void
group_slider_moved (FwResultsPage *self)
{
  if (!self->syncing)
    self->groups_moved = TRUE;
  slider_moved (self);
}

/* Too few tuning rows in group @g to give it a threshold of its own. */
static gboolean
group_too_small (FwResultsPage        *self,
                 const FwTrainedModel *trained,
                 guint                 g)
{
  return self->group_rows != NULL && self->group_rows[g] < trained->recipe->min_group_rows;
}

/* The sensitive column the per-group sliders are for. */
static const char *
slider_column (FwResultsPage *self)
{
  const FwDataset *dataset = fw_session_get_dataset (self->session);

  if (dataset == NULL || self->tuning == NULL ||
      self->tuning->group_attribute >= dataset->n_sensitive)
    return NULL;
  return dataset->sensitive_names[self->tuning->group_attribute];
}

/* The policy a model fitted for equal rates refits for another column; NONE otherwise. */
static FwThresholdPolicy
refit_policy (const FwTrainedModel *trained)
{
  FwThresholdPolicy policy = trained->thresholds != NULL ? trained->thresholds->policy
                                                         : FW_THRESHOLD_POLICY_NONE;

  return policy == FW_THRESHOLD_POLICY_PARITY || policy == FW_THRESHOLD_POLICY_TPR
         ? policy : FW_THRESHOLD_POLICY_NONE;
}

/* The sliders' column is one of the data's (not the intersection of two): the model can
 * decide by it. */
static gboolean
slider_column_usable (FwResultsPage        *self,
                      const FwTrainedModel *trained)
{
  const char *column = slider_column (self);

  return column != NULL &&
         g_ptr_array_find_with_equal_func (trained->recipe->sensitive, column, g_str_equal, NULL);
}

/* "Use for the Model" on the sliders' column would refit the model's policy for it. */
static gboolean
would_refit (FwResultsPage        *self,
             const FwTrainedModel *trained)
{
  return !self->groups_moved && refit_policy (trained) != FW_THRESHOLD_POLICY_NONE &&
         g_strcmp0 (slider_column (self), trained->threshold_attribute) != 0;
}

void
fw_results_page_update_tuning (FwResultsPage *self)
{
  FwTrainedModel *trained = fw_session_get_trained (self->session);
  g_autofree guint32 *decided = NULL;
  g_autofree double *group_thresholds = NULL;
  g_autoptr(FwClassificationMetrics) metrics = NULL;
  g_autoptr(FwFairness) fairness = NULL;
  g_autofree char *accuracy = NULL, *selected = NULL, *text = NULL;
  gboolean per_group;
  double threshold;

  if (self->syncing || trained == NULL || self->tuning == NULL ||
      trained->task != FW_TASK_BINARY)
    return;
  per_group = adw_expander_row_get_enable_expansion (self->per_group_row) &&
              self->group_scales->len > 0;
  /* The sliders show two digits; the model's thresholds are used as they are. */
  if (self->at_model && self->model_thresholds != NULL)
    group_thresholds = g_memdup2 (self->model_thresholds,
                                  self->group_scales->len * sizeof (double));
  threshold = self->at_model && self->model_thresholds == NULL
              ? trained->threshold : gtk_range_get_value (self->threshold_scale);
  if (group_thresholds == NULL && per_group)
    {
      group_thresholds = g_new (double, self->group_scales->len);
      for (guint g = 0; g < self->group_scales->len; g++)
        group_thresholds[g] = group_too_small (self, trained, g)
          ? threshold : gtk_range_get_value (g_ptr_array_index (self->group_scales, g));
    }
  decided = fw_results_tradeoff_decide (self->tuning, threshold, group_thresholds);
  metrics = fw_results_tradeoff_metrics (self->tuning, decided, NULL);
  if (metrics == NULL)
    return;
  accuracy = fw_results_metric_value ("accuracy", metrics->accuracy);
  selected = fw_results_metric_value ("accuracy",
                                      fw_results_tradeoff_selection_rate (self->tuning, decided));
  /* Translators: both are shares such as "84.1%"; the second is of rows decided "yes". */
  text = g_strdup_printf (_("Right for %s, selected %s"), accuracy, selected);
  gtk_label_set_text (self->tuning_label, text);

  /* Each group's own share selected, beside its slider. */
  if (self->group_scales->len > 0)
    fairness = fw_results_tradeoff_fairness (self->tuning, self->tuning->group_attribute,
                                             decided, NULL);
  for (guint g = 0; fairness != NULL && g < self->group_scales->len && g < fairness->n_groups;
       g++)
    {
      GtkWidget *row = gtk_widget_get_ancestor (g_ptr_array_index (self->group_scales, g),
                                                ADW_TYPE_ACTION_ROW);
      g_autofree char *rate = fw_results_metric_value ("accuracy",
                                                       fairness->groups[g].selection_rate);
      g_autofree char *subtitle = NULL;

      if (fairness->groups[g].n > 0 && group_too_small (self, trained, g))
        /* Translators: %zu is a number of rows, %s a share such as "42.0%". */
        subtitle = g_strdup_printf (_("Only %zu tuning rows, too few for a threshold of its "
                                      "own: keeps the common one. Selected: %s"),
                                    self->group_rows[g], rate);
      else if (fairness->groups[g].n > 0)
        /* Translators: %s is a share such as "42.0%". */
        subtitle = g_strdup_printf (_("Selected on the tuning rows: %s"), rate);
      else
        subtitle = g_strdup (_("No tuning rows in this group"));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }

  /* Per group: anything but the model's own thresholds; one threshold: another value, or
   * one in place of per-group thresholds. */
  gtk_widget_set_sensitive (self->use_button,
                            per_group ? !self->at_model && slider_column_usable (self, trained)
                            : trained->thresholds != NULL ||
                              fabs (gtk_range_get_value (self->threshold_scale) -
                                    trained->threshold) > 1e-9);
}

static void
use_clicked (FwResultsPage *self)
{
  FwTrainedModel *trained = fw_session_get_trained (self->session);
  const FwDataset *dataset = fw_session_get_dataset (self->session);
  g_autoptr(GError) error = NULL;
  double threshold = gtk_range_get_value (self->threshold_scale);
  gboolean ok;

  if (trained == NULL || dataset == NULL)
    return;
  if (adw_expander_row_get_enable_expansion (self->per_group_row) &&
      self->group_scales->len > 0 && would_refit (self, trained))
    ok = fw_session_refit_thresholds (self->session, slider_column (self), &error);
  else if (adw_expander_row_get_enable_expansion (self->per_group_row) &&
           self->group_scales->len > 0)
    {
      guint a = self->tuning->group_attribute;
      g_autofree double *values = g_new (double, self->group_scales->len);
      FwGroupThresholdSet set = {
        .attribute = dataset->sensitive_names[a],
        .names = (const char *const *) dataset->sensitive_groups[a],
        .values = values, .common = threshold,
      };

      for (guint g = 0; g < self->group_scales->len; g++)
        values[g] = gtk_range_get_value (g_ptr_array_index (self->group_scales, g));
      ok = fw_session_set_group_thresholds (self->session, &set, &error);
    }
  else
    ok = fw_session_set_threshold (self->session, threshold, &error);
  if (!ok)
    fw_toast_show (GTK_WIDGET (self), error->message);
}

static void
fill_group_thresholds (FwResultsPage   *self,
                       const FwDataset *dataset,
                       guint            a)
{
  FwTrainedModel *trained = fw_session_get_trained (self->session);
  g_autofree char *title = NULL;

  for (guint g = 0; g < self->group_scales->len; g++)
    adw_expander_row_remove (self->per_group_row,
                             gtk_widget_get_ancestor (g_ptr_array_index (self->group_scales, g),
                                                      ADW_TYPE_ACTION_ROW));
  g_ptr_array_set_size (self->group_scales, 0);
  g_clear_pointer (&self->group_rows, g_free);
  self->groups_moved = FALSE;
  adw_expander_row_set_enable_expansion (self->per_group_row, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->per_group_row), dataset->n_sensitive > 0);
  if (dataset->n_sensitive == 0)
    return;
  /* Translators: %s is a sensitive column such as "sex". */
  title = g_strdup_printf (_("A Threshold per Group of “%s”"), dataset->sensitive_names[a]);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->per_group_row), title);
  adw_expander_row_set_subtitle (self->per_group_row,
                                 _("Different thresholds can even out how often each group is "
                                   "selected, at some cost in accuracy."));
  if (self->tuning != NULL)
    {
      self->group_rows = g_new0 (gsize, g_strv_length (dataset->sensitive_groups[a]) + 1);
      for (gsize i = 0; i < self->tuning->part->n; i++)
        self->group_rows[self->tuning->part->sensitive[a][i]]++;
    }
  for (guint g = 0; dataset->sensitive_groups[a][g] != NULL; g++)
    {
      GtkWidget *row = adw_action_row_new ();
      /* Its text comes from the data: plain, never Pango markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      GtkWidget *scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0.01, 0.99, 0.01);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), dataset->sensitive_groups[a][g]);
      gtk_range_set_value (GTK_RANGE (scale), 0.5);
      gtk_scale_set_digits (GTK_SCALE (scale), 2);
      gtk_scale_set_draw_value (GTK_SCALE (scale), TRUE);
      gtk_scale_set_value_pos (GTK_SCALE (scale), GTK_POS_RIGHT);
      gtk_widget_set_size_request (scale, 260, -1);
      gtk_widget_set_valign (scale, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      dataset->sensitive_groups[a][g], -1);
      g_signal_connect_swapped (scale, "value-changed", G_CALLBACK (group_slider_moved), self);
      /* Greyed, and its row says why (fw_results_page_update_tuning). */
      gtk_widget_set_sensitive (scale, trained == NULL || !group_too_small (self, trained, g));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), scale);
      adw_expander_row_add_row (self->per_group_row, row);
      g_ptr_array_add (self->group_scales, scale);
    }
}

/* A model fitted with per-group thresholds opens at them. */
static void
use_model_thresholds (FwResultsPage        *self,
                      const FwTrainedModel *trained,
                      const FwDataset      *dataset,
                      guint                 a)
{
  const char *policy;
  g_autofree char *subtitle = NULL;

  self->at_model = FALSE;
  if (dataset->n_sensitive > 0 &&
      !g_ptr_array_find_with_equal_func (trained->recipe->sensitive,
                                         dataset->sensitive_names[a], g_str_equal, NULL))
    {
      adw_expander_row_set_subtitle (self->per_group_row,
                                     _("These only explore the tuning rows: a model decides by "
                                       "one column of the data, not by the intersection of "
                                       "two."));
      return;
    }
  if (dataset->n_sensitive > 0 && refit_policy (trained) != FW_THRESHOLD_POLICY_NONE &&
      g_strcmp0 (trained->threshold_attribute, dataset->sensitive_names[a]) != 0)
    {
      policy = refit_policy (trained) == FW_THRESHOLD_POLICY_TPR
               ? _("equal true-positive rates") : _("equal selection rates");
      /* Translators: the first %s is "equal selection rates" or "equal true-positive
       * rates", the others sensitive columns such as "sex". */
      subtitle = g_strdup_printf (_("The model’s thresholds are for “%s”. “Use for the "
                                    "Model” fits thresholds for %s for the groups of “%s” "
                                    "on the tuning rows instead, without training again; "
                                    "moving a slider sets them by hand."),
                                  trained->threshold_attribute, policy,
                                  dataset->sensitive_names[a]);
      adw_expander_row_set_subtitle (self->per_group_row, subtitle);
      adw_expander_row_set_enable_expansion (self->per_group_row, TRUE);
    }
  if (trained->thresholds == NULL || dataset->n_sensitive == 0 ||
      g_strcmp0 (trained->threshold_attribute, dataset->sensitive_names[a]) != 0)
    return;
  self->model_thresholds = g_new (double, self->group_scales->len);
  for (guint g = 0; g < self->group_scales->len; g++)
    {
      self->model_thresholds[g] = fw_thresholds_lookup (trained->thresholds,
                                                        dataset->sensitive_groups[a][g]);
      gtk_range_set_value (g_ptr_array_index (self->group_scales, g), self->model_thresholds[g]);
    }
  adw_expander_row_set_enable_expansion (self->per_group_row, TRUE);
  adw_expander_row_set_expanded (self->per_group_row, TRUE);
  policy = trained->thresholds->policy == FW_THRESHOLD_POLICY_TPR
           ? _("equal true-positive rates") : _("equal selection rates");
  if (trained->thresholds->policy == FW_THRESHOLD_POLICY_MANUAL)
    subtitle = g_strdup (_("The model decides with these thresholds, chosen by hand on the "
                           "tuning rows; the test figures below are its decisions. Moving a "
                           "slider explores other thresholds on the tuning rows until you "
                           "use them for the model."));
  else
    /* Translators: %s is "equal selection rates" or "equal true-positive rates". */
    subtitle = g_strdup_printf (_("The model decides with these thresholds, fitted for %s on "
                                  "the tuning rows; the test figures below are its decisions. "
                                  "Moving a slider explores other thresholds on the tuning rows "
                                  "until you use them for the model."), policy);
  adw_expander_row_set_subtitle (self->per_group_row, subtitle);
  self->at_model = TRUE;
}

/* Another sensitive column for the per-group sliders: they explore on the tuning rows; the
 * model's own thresholds stay those of its column (the recipe's threshold_attribute). */
static void
column_chosen (FwResultsPage *self)
{
  FwTrainedModel *trained = fw_session_get_trained (self->session);
  const FwDataset *dataset = fw_session_get_dataset (self->session);
  guint a = adw_combo_row_get_selected (self->column_row);

  if (self->syncing || trained == NULL || dataset == NULL || self->tuning == NULL ||
      a >= dataset->n_sensitive || a == self->tuning->group_attribute)
    return;
  self->tuning->group_attribute = a;
  self->syncing = TRUE;
  g_clear_pointer (&self->model_thresholds, g_free);
  fill_group_thresholds (self, dataset, a);
  use_model_thresholds (self, trained, dataset, a);
  self->syncing = FALSE;
  fw_results_page_update_tuning (self);
}

void
fw_results_page_open_thresholds (FwResultsPage        *self,
                                 const FwTrainedModel *trained,
                                 const FwDataset      *dataset)
{
  guint a = self->tradeoff->group_attribute;
  g_autoptr(GtkStringList) columns = gtk_string_list_new (NULL);

  self->syncing = TRUE;
  for (guint c = 0; c < dataset->n_sensitive; c++)
    gtk_string_list_append (columns, dataset->sensitive_names[c]);
  adw_combo_row_set_model (self->column_row, G_LIST_MODEL (columns));
  adw_combo_row_set_selected (self->column_row, a);
  gtk_widget_set_visible (GTK_WIDGET (self->column_row), dataset->n_sensitive > 1);
  if (self->tuning != NULL)
    self->tuning->group_attribute = a;
  fill_group_thresholds (self, dataset, a);
  gtk_range_set_value (self->threshold_scale, trained->threshold);
  use_model_thresholds (self, trained, dataset, a);
  /* At the model's own threshold until a slider moves. */
  self->at_model = TRUE;
  self->syncing = FALSE;
}

void
fw_results_page_connect_thresholds (FwResultsPage *self)
{
  g_signal_connect_swapped (self->threshold_scale, "value-changed", G_CALLBACK (slider_moved),
                            self);
  g_signal_connect_swapped (self->per_group_row, "notify::enable-expansion",
                            G_CALLBACK (slider_moved), self);
  g_signal_connect_swapped (self->use_button, "clicked", G_CALLBACK (use_clicked), self);
  g_signal_connect_swapped (self->column_row, "notify::selected", G_CALLBACK (column_chosen),
                            self);
}

GtkRange *
fw_results_page_get_group_scale (FwResultsPage *self,
                                 guint          g)
{
  g_return_val_if_fail (FW_IS_RESULTS_PAGE (self), NULL);
  return g < self->group_scales->len ? g_ptr_array_index (self->group_scales, g) : NULL;
}

AdwComboRow *
fw_results_page_get_column_row (FwResultsPage *self)
{
  g_return_val_if_fail (FW_IS_RESULTS_PAGE (self), NULL);
  return self->column_row;
}

const char *
fw_results_page_get_group_slider (FwResultsPage *self,
                                  guint          g,
                                  gboolean       subtitle)
{
  GtkWidget *row;

  g_return_val_if_fail (FW_IS_RESULTS_PAGE (self), NULL);
  if (g >= self->group_scales->len)
    return NULL;
  row = gtk_widget_get_ancestor (g_ptr_array_index (self->group_scales, g), ADW_TYPE_ACTION_ROW);
  return subtitle ? adw_action_row_get_subtitle (ADW_ACTION_ROW (row))
                  : adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}
