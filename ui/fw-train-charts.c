/* fw-train-charts.c — the Train step's live charts: loss, validation metric, fairness
 *
 * Four cards in a grid, each an FwPlotWidget drawing a chart from plots/.  The page drains
 * the trainer's events once per frame and hands each epoch here; the points are appended
 * at once but drawn only on fw_train_charts_redraw(), so many epochs in one frame cost one
 * redraw per chart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include "fw-plot-bars.h"
#include "fw-plot-line.h"
#include "fw-plot-widget.h"
#include "fw-train-charts-private.h"

#define MAX_ATTRIBUTES 4

struct _FwTrainCharts
{
  GtkWidget      parent_instance;

  FwPlotWidget  *plots[FW_TRAIN_N_CHARTS];
  gboolean       dirty[FW_TRAIN_N_CHARTS];
  guint          n_redraws;

  FwLineSeries  *loss[2];                       /* training, validation */
  FwLineSeries  *metric;
  FwLineSeries  *gaps[2 * MAX_ATTRIBUTES];      /* parity, odds per attribute */
  guint          n_gaps;
  FwLineChart    loss_chart, metric_chart, fairness_chart;
  char          *metric_title, *metric_series;
  gboolean       regression;
  char         **attributes;

  /* Bars: every group of every measured column, one bar each. */
  FwPlotBars     bars;
  GPtrArray     *group_labels;                  /* char* */
  double        *rates;
  double         overall;
};

G_DEFINE_FINAL_TYPE (FwTrainCharts, fw_train_charts, GTK_TYPE_WIDGET)

static void
clear_series (FwTrainCharts *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->loss); i++)
    g_clear_pointer (&self->loss[i], fw_line_series_free);
  g_clear_pointer (&self->metric, fw_line_series_free);
  for (guint i = 0; i < self->n_gaps; i++)
    g_clear_pointer (&self->gaps[i], fw_line_series_free);
  self->n_gaps = 0;
  g_ptr_array_set_size (self->group_labels, 0);
  g_clear_pointer (&self->rates, g_free);
  g_clear_pointer (&self->attributes, g_strfreev);
}

static void
fw_train_charts_dispose (GObject *object)
{
  FwTrainCharts *self = FW_TRAIN_CHARTS (object);
  GtkWidget *child;

  /* The plots point into this object: they go first. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (fw_train_charts_parent_class)->dispose (object);
}

static void
fw_train_charts_finalize (GObject *object)
{
  FwTrainCharts *self = FW_TRAIN_CHARTS (object);

  clear_series (self);
  g_ptr_array_unref (self->group_labels);
  g_free (self->metric_title);
  g_free (self->metric_series);
  G_OBJECT_CLASS (fw_train_charts_parent_class)->finalize (object);
}

static void
fw_train_charts_class_init (FwTrainChartsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fw_train_charts_dispose;
  object_class->finalize = fw_train_charts_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_GRID_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fw-train-charts");
}

static void
add_card (FwTrainCharts *self,
          FwTrainChart   which,
          const char    *label,
          int            column,
          int            row)
{
  GtkWidget *plot = fw_plot_widget_new ();
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkLayoutChild *child;

  fw_plot_widget_set_label (FW_PLOT_WIDGET (plot), label);
  gtk_widget_set_size_request (plot, 320, 220);
  gtk_widget_set_hexpand (plot, TRUE);
  gtk_widget_set_vexpand (plot, TRUE);
  gtk_widget_add_css_class (plot, "card");
  gtk_widget_add_css_class (plot, "fw-chart-card");
  gtk_widget_set_parent (plot, GTK_WIDGET (self));
  child = gtk_layout_manager_get_layout_child (layout, plot);
  gtk_grid_layout_child_set_column (GTK_GRID_LAYOUT_CHILD (child), column);
  gtk_grid_layout_child_set_row (GTK_GRID_LAYOUT_CHILD (child), row);
  self->plots[which] = FW_PLOT_WIDGET (plot);
}

static void
fw_train_charts_init (FwTrainCharts *self)
{
  GtkGridLayout *layout = GTK_GRID_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));

  gtk_grid_layout_set_row_spacing (layout, 12);
  gtk_grid_layout_set_column_spacing (layout, 12);
  gtk_grid_layout_set_column_homogeneous (layout, TRUE);
  gtk_grid_layout_set_row_homogeneous (layout, TRUE);
  self->group_labels = g_ptr_array_new_with_free_func (g_free);

  add_card (self, FW_TRAIN_CHART_LOSS, _("Loss per epoch"), 0, 0);
  add_card (self, FW_TRAIN_CHART_METRIC, _("Validation score per epoch"), 1, 0);
  add_card (self, FW_TRAIN_CHART_FAIRNESS, _("Fairness gaps per epoch"), 0, 1);
  add_card (self, FW_TRAIN_CHART_GROUPS, _("Selection rate per group"), 1, 1);

  fw_plot_widget_set_draw_func (self->plots[FW_TRAIN_CHART_LOSS], fw_plot_line_draw,
                                &self->loss_chart, NULL);
  fw_plot_widget_set_draw_func (self->plots[FW_TRAIN_CHART_METRIC], fw_plot_line_draw,
                                &self->metric_chart, NULL);
  fw_plot_widget_set_draw_func (self->plots[FW_TRAIN_CHART_FAIRNESS], fw_plot_line_draw,
                                &self->fairness_chart, NULL);
  fw_plot_widget_set_draw_func (self->plots[FW_TRAIN_CHART_GROUPS], fw_plot_bars_draw,
                                &self->bars, NULL);
  fw_train_charts_reset (self, 1, NULL, "accuracy");
}

GtkWidget *
fw_train_charts_new (void)
{
  return g_object_new (FW_TYPE_TRAIN_CHARTS, NULL);
}

static void
reset_line_chart (FwLineChart          *chart,
                  const char           *title,
                  const char           *y_label,
                  FwLineSeries *const  *series,
                  guint                 n_series,
                  guint                 epochs,
                  FwTickFormat          y_format)
{
  *chart = (FwLineChart) {
    .title = title, .x_label = _("Epoch"), .y_label = y_label,
    .series = series, .n_series = n_series,
    .x_format = FW_TICK_FORMAT_PLAIN, .y_format = y_format,
    /* The x axis spans every planned epoch from the start, so the line grows across it. */
    .x_min = 1, .x_max = MAX (epochs, 2),
    .legend_bottom = FALSE,
  };
}

void
fw_train_charts_reset (FwTrainCharts *self,
                       guint          epochs,
                       char *const   *attributes,
                       const char    *metric_name)
{
  guint n_attributes = attributes != NULL ? MIN (g_strv_length ((char **) attributes),
                                                 MAX_ATTRIBUTES) : 0;

  g_return_if_fail (FW_IS_TRAIN_CHARTS (self));

  clear_series (self);
  self->attributes = g_strdupv ((char **) attributes);
  self->regression = g_strcmp0 (metric_name, "rmse") == 0;
  self->loss[0] = fw_line_series_new (_("Training"), 0, FALSE);
  self->loss[1] = fw_line_series_new (_("Validation"), 1, FALSE);
  reset_line_chart (&self->loss_chart, _("Loss (lower is better)"), NULL, self->loss, 2, epochs,
                    FW_TICK_FORMAT_PLAIN);

  g_free (self->metric_title);
  g_free (self->metric_series);
  self->metric_title = g_strdup (self->regression
                                 ? _("Typical error on held-out rows (lower is better)")
                                 : _("Accuracy on held-out rows"));
  self->metric_series = g_strdup (self->regression ? _("RMSE") : _("Accuracy"));
  self->metric = fw_line_series_new (self->metric_series, 1, FALSE);
  reset_line_chart (&self->metric_chart, self->metric_title, NULL, &self->metric, 1, epochs,
                    self->regression ? FW_TICK_FORMAT_PLAIN : FW_TICK_FORMAT_PERCENT);
  self->metric_chart.no_legend = TRUE;

  for (guint a = 0; a < n_attributes; a++)
    {
      g_autofree char *parity = NULL, *odds = NULL;

      /* Translators: a chart legend; %s is a sensitive column such as "sex". */
      parity = g_strdup_printf (self->regression ? _("%s: error gap") : _("%s: selection gap"),
                                attributes[a]);
      /* Translators: a chart legend; the gap in true and false positive rates. */
      odds = g_strdup_printf (_("%s: error-rate gap"), attributes[a]);
      self->gaps[self->n_gaps++] = fw_line_series_new (parity, a, FALSE);
      if (!self->regression)
        self->gaps[self->n_gaps++] = fw_line_series_new (odds, a, TRUE);
    }
  reset_line_chart (&self->fairness_chart, _("Gaps between groups (0 = treated alike)"), NULL,
                    self->gaps, self->n_gaps, epochs,
                    self->regression ? FW_TICK_FORMAT_PLAIN : FW_TICK_FORMAT_PERCENT);
  self->fairness_chart.y_min = 0;
  self->fairness_chart.y_max = self->regression ? 0 : 0.1;

  self->bars = (FwPlotBars) {
    .title = self->regression ? _("Typical error per group, latest epoch")
                              : _("Selection rate per group, latest epoch"),
    .y_format = self->regression ? FW_TICK_FORMAT_PLAIN : FW_TICK_FORMAT_PERCENT,
    .y_min = 0, .y_max = self->regression ? 0 : 1,
    .reference_label = self->regression ? _("All rows") : _("Everyone"),
  };

  for (guint i = 0; i < FW_TRAIN_N_CHARTS; i++)
    self->dirty[i] = TRUE;
  fw_train_charts_redraw (self);
}

/* The bars' categories come with the first epoch that has fairness. */
static void
set_groups (FwTrainCharts        *self,
            const FwTrainerEvent *e)
{
  for (guint a = 0; a < MIN (e->n_fairness, MAX_ATTRIBUTES); a++)
    {
      const FwFairness *f = e->fairness[a];

      for (guint g = 0; f != NULL && g < f->n_groups; g++)
        g_ptr_array_add (self->group_labels, e->n_fairness > 1
                         ? g_strdup_printf ("%s: %s", self->attributes[a], f->group_names[g])
                         : g_strdup (f->group_names[g]));
    }
  self->rates = g_new0 (double, MAX (self->group_labels->len, 1));
  self->bars.groups = (const char *const *) self->group_labels->pdata;
  self->bars.n_groups = self->group_labels->len;
  self->bars.values = self->rates;
  self->bars.n_series = 1;
}

static void
add_fairness (FwTrainCharts        *self,
              const FwTrainerEvent *e)
{
  guint slot = 0, bar = 0;
  double total = 0, weight = 0;

  if (e->n_fairness == 0)
    return;
  if (self->rates == NULL)
    set_groups (self, e);
  for (guint a = 0; a < MIN (e->n_fairness, MAX_ATTRIBUTES); a++)
    {
      const FwFairness *f = e->fairness[a];

      if (self->regression)
        fw_line_series_append (self->gaps[slot++], e->epoch,
                               f != NULL ? f->summaries[FW_FAIRNESS_MAE_DIFFERENCE] : NAN);
      else
        {
          fw_line_series_append (self->gaps[slot++], e->epoch, f != NULL
                                 ? f->summaries[FW_FAIRNESS_DEMOGRAPHIC_PARITY_DIFFERENCE] : NAN);
          fw_line_series_append (self->gaps[slot++], e->epoch, f != NULL
                                 ? f->summaries[FW_FAIRNESS_EQUALIZED_ODDS_DIFFERENCE] : NAN);
        }
      for (guint g = 0; f != NULL && g < f->n_groups && bar < self->bars.n_groups; g++, bar++)
        {
          double value = self->regression ? f->groups[g].mae : f->groups[g].selection_rate;

          self->rates[bar] = value;
          /* The overall rate, from the first column's groups (they cover every row). */
          if (a == 0 && isfinite (value))
            total += value * f->groups[g].weight, weight += f->groups[g].weight;
        }
    }
  self->bars.has_reference = weight > 0;
  self->bars.reference = weight > 0 ? total / weight : 0;
  self->dirty[FW_TRAIN_CHART_FAIRNESS] = self->dirty[FW_TRAIN_CHART_GROUPS] = TRUE;
}

void
fw_train_charts_add_epoch (FwTrainCharts        *self,
                           const FwTrainerEvent *e)
{
  g_return_if_fail (FW_IS_TRAIN_CHARTS (self));
  g_return_if_fail (e != NULL && e->kind == FW_TRAINER_EVENT_EPOCH);

  fw_line_series_append (self->loss[0], e->epoch, e->train_loss);
  fw_line_series_append (self->loss[1], e->epoch, e->validation_loss);
  fw_line_series_append (self->metric, e->epoch, e->validation_metric);
  self->dirty[FW_TRAIN_CHART_LOSS] = self->dirty[FW_TRAIN_CHART_METRIC] = TRUE;
  add_fairness (self, e);
}

void
fw_train_charts_set_best (FwTrainCharts *self,
                          guint          epoch)
{
  g_return_if_fail (FW_IS_TRAIN_CHARTS (self));

  self->loss_chart.show_best = epoch > 0;
  self->loss_chart.best_x = epoch;
  self->loss_chart.best_y = NAN;
  self->loss_chart.best_series = 1;
  self->loss_chart.best_label = _("Best");
  for (gsize i = 0; i < fw_line_series_get_length (self->loss[1]); i++)
    {
      double x, y;

      if (fw_line_series_get_point (self->loss[1], i, &x, &y) && x == epoch)
        self->loss_chart.best_y = y;
    }
  self->dirty[FW_TRAIN_CHART_LOSS] = TRUE;
}

void
fw_train_charts_redraw (FwTrainCharts *self)
{
  g_return_if_fail (FW_IS_TRAIN_CHARTS (self));

  for (guint i = 0; i < FW_TRAIN_N_CHARTS; i++)
    if (self->dirty[i])
      {
        fw_plot_widget_queue_redraw (self->plots[i]);
        self->dirty[i] = FALSE;
        self->n_redraws++;
      }
}

gsize
fw_train_charts_get_n_points (FwTrainCharts *self,
                              FwTrainChart   chart)
{
  g_return_val_if_fail (FW_IS_TRAIN_CHARTS (self), 0);

  switch (chart)
    {
    case FW_TRAIN_CHART_LOSS:     return fw_line_series_get_length (self->loss[0]);
    case FW_TRAIN_CHART_METRIC:   return fw_line_series_get_length (self->metric);
    case FW_TRAIN_CHART_FAIRNESS: return self->n_gaps > 0
                                         ? fw_line_series_get_length (self->gaps[0]) : 0;
    case FW_TRAIN_CHART_GROUPS:   return self->bars.n_groups;
    case FW_TRAIN_N_CHARTS:
    default:                      break;
    }
  g_return_val_if_reached (0);
}

guint
fw_train_charts_get_n_redraws (FwTrainCharts *self)
{
  g_return_val_if_fail (FW_IS_TRAIN_CHARTS (self), 0);
  return self->n_redraws;
}
