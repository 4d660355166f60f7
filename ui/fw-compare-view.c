/* fw-compare-view.c — "Compare models": run the candidates, then rank them
 *
 * A preferences group on the Model page.  Compare starts an FwModelCompare on the session's
 * data and recipe (k-fold cross-validation on a worker); while it runs, a row shows the
 * progress and Cancel, and Escape cancels wherever the focus is.  Then one row per
 * candidate, best first by the mean of the metric the user ranks by, each figure as mean ±
 * sd over the folds, the one the 1-SE rule picks marked "Recommended" with why, and a
 * button that makes the row's own result the recipe's model.  The rows scroll into view
 * when they arrive.  Results are dropped when the data or the target changes, since they
 * no longer describe them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include "fw-compare-text.h"
#include "fw-compare-view-private.h"
#include "fw-page-shortcut.h"
#include "fw-toast.h"

struct _FwCompareView
{
  AdwPreferencesGroup  parent_instance;

  AdwComboRow         *rank_row;
  AdwActionRow        *progress_row;
  GtkProgressBar      *progress_bar;
  AdwActionRow        *message_row;
  GPtrArray           *result_rows;

  FwSession           *session;
  FwModelCompare      *runner;
  char                *compared_key;  /* target and sensitive columns the results are for */
  guint                reveal_ticks;  /* frames waited for the rows to be laid out */
  const FwCompareMetric *metrics;     /* offered in rank_row */
  guint                n_metrics;
};

G_DEFINE_FINAL_TYPE (FwCompareView, fw_compare_view, ADW_TYPE_PREFERENCES_GROUP)

static FwCompareMetric
rank_metric (FwCompareView *self)
{
  guint selected = adw_combo_row_get_selected (self->rank_row);

  return selected < self->n_metrics ? self->metrics[selected] : self->metrics[0];
}

static void
set_metrics (FwCompareView *self,
             FwTask         task)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  self->metrics = fw_compare_metrics_for_task (task, &self->n_metrics);
  for (guint i = 0; i < self->n_metrics; i++)
    gtk_string_list_append (labels, fw_compare_metric_label (self->metrics[i]));
  adw_combo_row_set_model (self->rank_row, G_LIST_MODEL (labels));
}

static void
clear_results (FwCompareView *self)
{
  for (guint i = 0; i < self->result_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self),
                                  g_ptr_array_index (self->result_rows, i));
  g_ptr_array_set_size (self->result_rows, 0);
}

static void
use_clicked (GtkButton     *button,
             FwCompareView *self)
{
  const FwCompareResult *result = g_object_get_data (G_OBJECT (button), "fw-result");
  FwRecipe *recipe;
  g_autofree char *message = NULL;

  recipe = fw_session_begin_edit (self->session);
  recipe->model.kind = result->spec.kind;
  recipe->model.n_hidden = result->spec.n_hidden;
  memcpy (recipe->model.hidden, result->spec.hidden, sizeof recipe->model.hidden);
  recipe->model.learning_rate = result->spec.learning_rate;
  fw_session_end_edit (self->session);

  /* Translators: %s is a model such as "Logistic regression". */
  message = g_strdup_printf (_("“%s” will be trained"), result->name);
  fw_toast_show (GTK_WIDGET (self), message);
}

static GtkWidget *
result_row (FwCompareView         *self,
            guint                  rank,
            const FwCompareResult *result,
            FwCompareMetric        metric,
            FwTask                 task,
            const char            *reason)
{
  GtkWidget *row = adw_action_row_new ();
  /* Its text comes from the data: plain, never Pango markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  GtkWidget *button;
  const FwModelSpec *spec = &fw_session_get_recipe (self->session)->model;
  gboolean in_use = spec->kind == result->spec.kind &&
                    (spec->kind != FW_MODEL_MLP ||
                     (spec->n_hidden == result->spec.n_hidden &&
                      memcmp (spec->hidden, result->spec.hidden,
                              spec->n_hidden * sizeof (guint)) == 0));
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  /* Translators: a place in the ranking and a model, e.g. "1. Logistic regression". */
  title = g_strdup_printf (_("%u. %s"), rank, result->name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  /* The row carries its result: the test and "Use This Model" read this one. */
  g_object_set_data (G_OBJECT (row), "fw-result", (gpointer) result);
  if (result->error != NULL)
    {
      /* Translators: %s says why a model could not be trained. */
      subtitle = g_strdup_printf (_("Could not be trained: %s"), result->error);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      return row;
    }
  {
    g_autofree char *value = fw_compare_format_mean_sd (metric, result->metrics[metric],
                                                        result->sd[metric]);
    g_autofree char *folds = fw_compare_format_folds (metric, result);
    g_autofree char *gap = NULL;
    g_autofree char *energy = result->watt_hours >= 0.01
                              /* Translators: the energy of one fold's training, mean ± sd. */
                              ? g_strdup_printf (_("%.2g ± %.1g Wh of energy per fold"),
                                                 result->watt_hours, result->watt_hours_sd)
                              : g_strdup (_("under 0.01 Wh of energy per fold"));

    if (isnan (result->fairness_gap))
      gap = g_strdup (_("no sensitive column to compare groups"));
    else if (task == FW_TASK_REGRESSION)
      /* Translators: how much the typical error differs between groups, mean ± sd. */
      gap = g_strdup_printf (_("errors differ by %.3g ± %.2g between groups"),
                             result->fairness_gap, result->fairness_gap_sd);
    else
      /* Translators: the demographic parity difference in percentage points, mean ± sd. */
      gap = g_strdup_printf (_("selection rates differ by %.1f ± %.1f points between groups"),
                             100.0 * result->fairness_gap, 100.0 * result->fairness_gap_sd);
    subtitle = reason != NULL
               ? g_strdup_printf ("%s %s · %s · %s\n%s", fw_compare_metric_label (metric), value,
                                  gap, energy, reason)
               : g_strdup_printf ("%s %s · %s · %s", fw_compare_metric_label (metric), value,
                                  gap, energy);
    gtk_widget_set_tooltip_text (row, folds);
  }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (reason != NULL)
    {
      GtkWidget *badge = gtk_label_new (_("Recommended"));

      gtk_widget_add_css_class (badge, "accent");
      gtk_widget_add_css_class (badge, "caption-heading");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
    }

  if (in_use)
    {
      GtkWidget *label = gtk_label_new (_("In use"));

      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      return row;
    }
  button = gtk_button_new_with_mnemonic (_("_Use This Model"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* The result lives as long as the runner, which outlives the rows. */
  g_object_set_data (G_OBJECT (button), "fw-result", (gpointer) result);
  g_signal_connect (button, "clicked", G_CALLBACK (use_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
show_results (FwCompareView *self)
{
  GPtrArray *results;
  g_autofree guint *order = NULL;
  FwCompareMetric metric = rank_metric (self);
  FwTask task;
  int recommended;

  clear_results (self);
  if (self->runner == NULL || fw_model_compare_is_running (self->runner))
    return;
  results = fw_model_compare_get_results (self->runner);
  task = fw_model_compare_get_task (self->runner);
  order = fw_model_compare_rank (self->runner, metric);
  recommended = fw_model_compare_recommend (self->runner, metric);
  for (guint i = 0; i < results->len; i++)
    {
      const FwCompareResult *result = g_ptr_array_index (results, order[i]);
      g_autofree char *reason = NULL;
      GtkWidget *row;

      if ((int) order[i] == recommended)
        reason = fw_compare_recommendation_reason (self->runner, metric);
      row = result_row (self, i + 1, result, metric, task, reason);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->result_rows, row);
    }
}

/* Once the rows are laid out: scrolls the page so that they show, the first one first. */
static gboolean
reveal_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  FwCompareView *self = FW_COMPARE_VIEW (widget);
  GtkWidget *scrolled, *content, *first, *last;
  GtkAdjustment *adjustment;
  graphene_point_t top, bottom;
  double value, page;

  if (self->result_rows->len == 0)
    return G_SOURCE_REMOVE;
  first = g_ptr_array_index (self->result_rows, 0);
  last = g_ptr_array_index (self->result_rows, self->result_rows->len - 1);
  if (gtk_widget_get_height (last) == 0 && self->reveal_ticks++ < 10)
    return G_SOURCE_CONTINUE;
  scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled == NULL)
    return G_SOURCE_REMOVE;
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  if (content == NULL ||
      !gtk_widget_compute_point (first, content, &GRAPHENE_POINT_INIT (0, 0), &top) ||
      !gtk_widget_compute_point (last, content,
                                 &GRAPHENE_POINT_INIT (0, gtk_widget_get_height (last)), &bottom))
    return G_SOURCE_REMOVE;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (bottom.y > value + page)
    value = bottom.y - page;
  if (top.y < value)
    value = top.y;
  gtk_adjustment_set_value (adjustment, value);
  return G_SOURCE_REMOVE;
}

static void
show_message (FwCompareView *self,
              const char    *title,
              const char    *message)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->message_row), title);
  adw_action_row_set_subtitle (self->message_row, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_row), title != NULL);
}

static void
update_progress (FwCompareView *self)
{
  gboolean running = self->runner != NULL && fw_model_compare_is_running (self->runner);

  gtk_widget_set_visible (GTK_WIDGET (self->progress_row), running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.start",
                                 !running && self->session != NULL
                                 && fw_session_has_target (self->session, NULL));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.cancel", running);
  if (!running)
    return;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->progress_row),
                                 fw_model_compare_get_status (self->runner));
  gtk_progress_bar_set_fraction (self->progress_bar, fw_model_compare_get_fraction (self->runner));
}

static void
runner_finished (FwCompareView *self)
{
  update_progress (self);
  if (fw_model_compare_was_cancelled (self->runner))
    {
      show_message (self, _("Comparison cancelled"), _("No model was ranked."));
      g_clear_object (&self->runner);
      return;
    }
  if (fw_model_compare_get_error (self->runner) != NULL)
    {
      show_message (self, _("Could not compare models"),
                    fw_model_compare_get_error (self->runner)->message);
      g_clear_object (&self->runner);
      return;
    }
  show_message (self, NULL, NULL);
  set_metrics (self, fw_model_compare_get_task (self->runner));
  show_results (self);
  self->reveal_ticks = 0;
  gtk_widget_add_tick_callback (GTK_WIDGET (self), reveal_tick, NULL, NULL);
}

static void
drop_runner (FwCompareView *self)
{
  if (self->runner == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->runner, self);
  fw_model_compare_cancel (self->runner);
  g_clear_object (&self->runner);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  FwCompareView *self = FW_COMPARE_VIEW (widget);
  const FwRecipe *recipe = fw_session_get_recipe (self->session);
  g_autoptr(GError) error = NULL;

  drop_runner (self);
  clear_results (self);
  show_message (self, NULL, NULL);
  self->runner = fw_model_compare_new (fw_session_get_table_model (self->session), recipe);
  g_signal_connect_swapped (self->runner, "notify::fraction", G_CALLBACK (update_progress), self);
  g_signal_connect_swapped (self->runner, "finished", G_CALLBACK (runner_finished), self);
  g_free (self->compared_key);
  self->compared_key = g_strdup (recipe->target);
  if (!fw_model_compare_start (self->runner, &error))
    {
      show_message (self, _("Could not compare models"), error->message);
      g_clear_object (&self->runner);
    }
  update_progress (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FwCompareView *self = FW_COMPARE_VIEW (widget);

  if (self->runner != NULL)
    fw_model_compare_cancel (self->runner);
}

static void
session_changed (FwCompareView *self,
                 guint          parts)
{
  const FwRecipe *recipe = fw_session_get_recipe (self->session);

  /* Results for other data, or another target, would mislead. */
  if ((parts & FW_SESSION_DATA) || g_strcmp0 (self->compared_key, recipe->target) != 0)
    {
      drop_runner (self);
      clear_results (self);
      show_message (self, NULL, NULL);
      g_clear_pointer (&self->compared_key, g_free);
    }
  else if (parts & FW_SESSION_RECIPE)
    show_results (self);   /* which one is in use */
  update_progress (self);
}

static void
fw_compare_view_dispose (GObject *object)
{
  FwCompareView *self = FW_COMPARE_VIEW (object);

  drop_runner (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (fw_compare_view_parent_class)->dispose (object);
}

static void
fw_compare_view_finalize (GObject *object)
{
  FwCompareView *self = FW_COMPARE_VIEW (object);

  g_ptr_array_unref (self->result_rows);
  g_free (self->compared_key);

  G_OBJECT_CLASS (fw_compare_view_parent_class)->finalize (object);
}

static void
fw_compare_view_class_init (FwCompareViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fw_compare_view_dispose;
  object_class->finalize = fw_compare_view_finalize;

  gtk_widget_class_install_action (widget_class, "compare.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "compare.cancel", NULL, cancel_action);
}

static gboolean
comparing (GtkWidget *widget)
{
  FwCompareView *self = FW_COMPARE_VIEW (widget);

  return self->runner != NULL && fw_model_compare_is_running (self->runner);
}

static void
fw_compare_view_init (FwCompareView *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (self);
  GtkWidget *button, *cancel;

  self->result_rows = g_ptr_array_new ();
  adw_preferences_group_set_title (group, _("Compare Models"));
  adw_preferences_group_set_description (group,
                                         _("Not sure which to pick? Fairway can train each "
                                           "suitable model five times, each time leaving out a "
                                           "different fifth of the learning rows to score it "
                                           "on (the test rows are never used), and rank them "
                                           "by their average."));
  button = gtk_button_new_with_mnemonic (_("Co_mpare Models"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "compare.start");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  adw_preferences_group_set_header_suffix (group, button);

  self->rank_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rank_row), _("_Rank by"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->rank_row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->rank_row),
                               _("The measure that matters most for your decision"));
  set_metrics (self, FW_TASK_BINARY);
  g_signal_connect_swapped (self->rank_row, "notify::selected", G_CALLBACK (show_results), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->rank_row));

  self->progress_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->progress_row), FALSE);
  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->progress_bar), 160, -1);
  gtk_widget_set_valign (GTK_WIDGET (self->progress_bar), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->progress_row, GTK_WIDGET (self->progress_bar));
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "compare.cancel");
  gtk_widget_set_valign (cancel, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->progress_row, cancel);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_row), FALSE);
  adw_preferences_group_add (group, GTK_WIDGET (self->progress_row));

  self->message_row = ADW_ACTION_ROW (adw_action_row_new ());
  /* Its text comes from the data: plain, never Pango markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->message_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->message_row), FALSE);
  adw_action_row_set_subtitle_lines (self->message_row, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->message_row), FALSE);
  adw_preferences_group_add (group, GTK_WIDGET (self->message_row));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.start", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.cancel", FALSE);
  /* Escape cancels a comparison wherever the focus is, not only inside the group. */
  fw_page_shortcut_add (GTK_WIDGET (self), "Escape", "compare.cancel", comparing);
}

GtkWidget *
fw_compare_view_new (void)
{
  return g_object_new (FW_TYPE_COMPARE_VIEW, NULL);
}

void
fw_compare_view_set_session (FwCompareView *self,
                             FwSession     *session)
{
  g_return_if_fail (FW_IS_COMPARE_VIEW (self));
  g_return_if_fail (FW_IS_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  g_signal_connect_swapped (session, "changed", G_CALLBACK (session_changed), self);
  session_changed (self, FW_SESSION_DATA);
}

FwModelCompare *
fw_compare_view_get_runner (FwCompareView *self)
{
  g_return_val_if_fail (FW_IS_COMPARE_VIEW (self), NULL);
  return self->runner;
}

AdwComboRow *
fw_compare_view_get_rank_row (FwCompareView *self)
{
  g_return_val_if_fail (FW_IS_COMPARE_VIEW (self), NULL);
  return self->rank_row;
}

AdwActionRow *
fw_compare_view_get_result_row (FwCompareView *self,
                                guint          rank)
{
  g_return_val_if_fail (FW_IS_COMPARE_VIEW (self), NULL);
  return rank < self->result_rows->len ? g_ptr_array_index (self->result_rows, rank) : NULL;
}

const FwCompareResult *
fw_compare_view_get_row_result (FwCompareView *self,
                                guint          rank)
{
  AdwActionRow *row = fw_compare_view_get_result_row (self, rank);

  return row != NULL ? g_object_get_data (G_OBJECT (row), "fw-result") : NULL;
}
