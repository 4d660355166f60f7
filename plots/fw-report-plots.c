/* fw-report-plots.c — the model card's plots, made from the model's JSON
 *
 * Each plot block owns a small holder: the plot kind's own struct first (so the holder is
 * the draw function's data) and the arrays that struct points into.  The drawing is the
 * plots/ functions the app uses on screen; nothing here draws.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include "fw-plot-bars.h"
#include "fw-plot-heatmap.h"
#include "fw-plot-importance.h"
#include "fw-plot-line.h"
#include "fw-report-content.h"

/* Plot sizes in points: the text column of an A4 page is about 480 wide. */
#define PLOT_WIDTH         480.0
#define PLOT_HEIGHT        210.0
#define IMPORTANCE_TOP     12
#define IMPORTANCE_ROW     17.0
#define FOUR_FIFTHS        0.8

typedef struct
{
  FwPlotBars  bars;             /* first: the draw function's data */
  char      **groups;
  const char *series[3];
  double     *values;
} Bars;

static void
bars_free (gpointer data)
{
  Bars *b = data;

  g_strfreev (b->groups);
  g_free (b->values);
  g_free (b);
}

void
fw_report_add_fairness_plot (FwReport   *report,
                             JsonObject *entry)
{
  static const char *const rates[] = { "selection_rate", "tpr", "fpr" };
  JsonNode *node = json_object_get_member (entry, "groups");
  JsonArray *groups = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node)
                                                                   : NULL;
  gboolean regression = json_object_has_member (entry, "mae_difference");
  guint n = groups != NULL ? json_array_get_length (groups) : 0;
  double top = NAN;
  Bars *b;

  if (n == 0)
    return;
  b = g_new0 (Bars, 1);
  b->groups = g_new0 (char *, n + 1);
  b->bars.n_series = regression ? 1 : G_N_ELEMENTS (rates);
  b->values = g_new (double, n * b->bars.n_series);
  for (guint g = 0; g < n; g++)
    {
      JsonObject *group = json_array_get_object_element (groups, g);

      b->groups[g] = g_strdup (json_object_get_string_member_with_default (group, "value", "?"));
      for (guint s = 0; s < b->bars.n_series; s++)
        b->values[g * b->bars.n_series + s] =
          fw_report_json_number (group, regression ? "mae" : rates[s]);
      /* The rule's floor comes from the groups large enough to judge. */
      if (!regression && isfinite (b->values[g * b->bars.n_series]) &&
          !json_object_get_boolean_member_with_default (group, "too_small", FALSE) &&
          (isnan (top) || b->values[g * b->bars.n_series] > top))
        top = b->values[g * b->bars.n_series];
    }
  b->series[0] = regression ? _("Mean absolute error") : _("Selected");
  b->series[1] = _("True positive rate");
  b->series[2] = _("False positive rate");
  b->bars.groups = (const char *const *) b->groups;
  b->bars.n_groups = n;
  b->bars.series = b->series;
  b->bars.values = b->values;
  b->bars.y_label = regression ? _("Mean absolute error") : _("Share of the group");
  b->bars.y_format = regression ? FW_TICK_FORMAT_PLAIN : FW_TICK_FORMAT_PERCENT;
  /* Rates are at most 100%: the axis stops there and the legend moves above the bars. */
  b->bars.y_limit = regression ? 0 : 1;
  /* The y range is left to the plot, which raises it to keep the bars clear of the legend. */
  /* Where the four-fifths rule puts the floor for the other groups' selection rates; not
   * drawn when being selected harms, as the rule is about a favourable outcome. */
  if (isfinite (top) && top > 0 &&
      json_object_get_boolean_member_with_default (entry, "positive_is_favourable", TRUE))
    {
      b->bars.has_reference = TRUE;
      b->bars.reference = FOUR_FIFTHS * top;
      b->bars.reference_label = _("4/5 of the highest selection rate");
    }
  fw_report_add_plot (report, fw_plot_bars_draw, b, bars_free, PLOT_WIDTH, PLOT_HEIGHT,
                      g_strdup_printf (regression
                                       ? _("Mean absolute error of each group of “%s”.")
                                       : _("Selection, true positive and false positive rates "
                                           "of each group of “%s”."),
                                       json_object_get_string_member_with_default (entry,
                                                                                   "attribute",
                                                                                   "?")));
}

typedef struct
{
  FwPlotHeatmap heatmap;        /* first: the draw function's data */
  double       *counts;
} Heatmap;

static void
heatmap_free (gpointer data)
{
  Heatmap *h = data;

  g_free (h->counts);
  g_free (h);
}

void
fw_report_add_confusion_plot (FwReport             *report,
                              const FwTrainedModel *t)
{
  guint n = t->class_names != NULL ? g_strv_length (t->class_names) : 0;
  Heatmap *h;

  if (n < 2 || json_array_get_length (t->confusion) != n)
    return;
  h = g_new0 (Heatmap, 1);
  h->counts = g_new0 (double, n * n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (t->confusion, i);
      JsonArray *row = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

      if (row == NULL || json_array_get_length (row) != n)
        {
          heatmap_free (h);
          return;
        }
      for (guint j = 0; j < n; j++)
        {
          JsonNode *cell = json_array_get_element (row, j);

          h->counts[i * n + j] = JSON_NODE_HOLDS_VALUE (cell) ? json_node_get_double (cell) : NAN;
        }
    }
  h->heatmap.classes = (const char *const *) t->class_names;
  h->heatmap.n = n;
  h->heatmap.counts = h->counts;
  fw_report_add_heading (report, 2, g_strdup (_("Confusion matrix (test rows)")));
  fw_report_add_plot (report, fw_plot_heatmap_draw, h, heatmap_free, PLOT_WIDTH,
                      MIN (PLOT_WIDTH, 150.0 + 40.0 * n),
                      g_strdup (_("Rows are the actual classes, columns what the model "
                                  "decided; each cell shows its count and its share of the "
                                  "row.")));
}

typedef struct
{
  FwPlotImportance importance;  /* first: the draw function's data */
  char           **features;
  double          *mean, *sd;
  char            *x_label;
} Importance;

static void
importance_free (gpointer data)
{
  Importance *p = data;

  g_strfreev (p->features);
  g_free (p->mean);
  g_free (p->sd);
  g_free (p->x_label);
  g_free (p);
}

void
fw_report_add_importance_plot (FwReport             *report,
                               const FwTrainedModel *t)
{
  JsonNode *node = json_object_get_member (t->explanations, "importance");
  JsonObject *importance = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                           ? json_node_get_object (node) : NULL;
  JsonArray *columns;
  Importance *p;
  guint n;

  node = importance != NULL ? json_object_get_member (importance, "columns") : NULL;
  columns = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  n = columns != NULL ? MIN (json_array_get_length (columns), IMPORTANCE_TOP) : 0;
  if (n == 0)
    return;
  p = g_new0 (Importance, 1);
  p->features = g_new0 (char *, n + 1);
  p->mean = g_new (double, n);
  p->sd = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *column = json_array_get_object_element (columns, i);

      p->features[i] = g_strdup (json_object_get_string_member_with_default (column, "column",
                                                                            "?"));
      p->mean[i] = fw_report_json_number (column, "mean");
      p->sd[i] = fw_report_json_number (column, "sd");
    }
  p->x_label = g_strdup_printf (_("Drop in %s when the column is shuffled"),
                                json_object_get_string_member_with_default (importance, "metric",
                                                                            "quality"));
  p->importance.features = (const char *const *) p->features;
  p->importance.mean = p->mean;
  p->importance.sd = p->sd;
  p->importance.n = n;
  p->importance.x_label = p->x_label;
  fw_report_add_heading (report, 2, g_strdup (_("What the model relies on")));
  fw_report_add_plot (report, fw_plot_importance_draw, p, importance_free, PLOT_WIDTH,
                      60.0 + IMPORTANCE_ROW * n,
                      g_strdup_printf (_("The %u columns whose shuffling hurts the test rows' "
                                         "%s most (mean and spread over repeats)."), n,
                                       json_object_get_string_member_with_default (importance,
                                                                                   "metric",
                                                                                   "quality")));
}

typedef struct
{
  FwLineChart   chart;          /* first: the draw function's data */
  FwLineSeries *series[2];
} Lines;

static void
lines_free (gpointer data)
{
  Lines *l = data;

  for (guint i = 0; i < G_N_ELEMENTS (l->series); i++)
    g_clear_pointer (&l->series[i], fw_line_series_free);
  g_free (l);
}

static Lines *
lines_new (const FwTrainedModel *t,
           const char           *first_key,
           const char           *first_name,
           const char           *second_key,
           const char           *second_name)
{
  guint n = json_array_get_length (t->history);
  Lines *l = g_new0 (Lines, 1);

  l->series[0] = fw_line_series_new (first_name, 0, FALSE);
  if (second_key != NULL)
    l->series[1] = fw_line_series_new (second_name, 1, TRUE);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *epoch = json_array_get_object_element (t->history, i);
      double x = fw_report_json_number (epoch, "epoch");

      fw_line_series_append (l->series[0], x, fw_report_json_number (epoch, first_key));
      if (second_key != NULL)
        fw_line_series_append (l->series[1], x, fw_report_json_number (epoch, second_key));
    }
  l->chart.series = l->series;
  l->chart.n_series = second_key != NULL ? 2 : 1;
  l->chart.x_label = _("Epoch");
  l->chart.x_min = 1;
  l->chart.x_max = MAX (n, 2);
  return l;
}

void
fw_report_add_history_plots (FwReport             *report,
                             const FwTrainedModel *t)
{
  guint n = json_array_get_length (t->history);
  JsonObject *first;
  const char *metric;
  Lines *loss, *quality;
  double best = INFINITY;

  if (n == 0)
    return;
  first = json_array_get_object_element (t->history, 0);
  metric = json_object_get_string_member_with_default (first, "metric_name", "accuracy");

  fw_report_add_heading (report, 2, g_strdup (_("Learning curves")));
  loss = lines_new (t, "train_loss", _("Training rows"), "validation_loss",
                    _("Validation rows"));
  loss->chart.y_label = _("Loss");
  /* The epoch the saved model comes from, when early stopping kept the best one. */
  for (guint i = 0; i < n; i++)
    {
      JsonObject *epoch = json_array_get_object_element (t->history, i);
      double v = fw_report_json_number (epoch, "validation_loss");

      if (v < best)
        {
          best = v;
          loss->chart.best_x = fw_report_json_number (epoch, "epoch");
        }
    }
  if (isfinite (best))
    {
      loss->chart.show_best = TRUE;
      loss->chart.best_y = best;
      loss->chart.best_series = 1;
      loss->chart.best_label = _("lowest validation loss");
    }
  fw_report_add_plot (report, fw_plot_line_draw, loss, lines_free, PLOT_WIDTH, PLOT_HEIGHT,
                      g_strdup (_("Loss per epoch: how far the predictions were from the truth "
                                  "on the rows learned from and on the validation rows.")));

  quality = lines_new (t, "validation_metric", metric, NULL, NULL);
  quality->chart.y_label = g_strcmp0 (metric, "accuracy") == 0 ? _("Accuracy")
                           : g_strcmp0 (metric, "rmse") == 0 ? _("Root mean squared error")
                           : metric;
  quality->chart.no_legend = TRUE;
  if (g_strcmp0 (metric, "accuracy") == 0)
    quality->chart.y_format = FW_TICK_FORMAT_PERCENT;
  fw_report_add_plot (report, fw_plot_line_draw, quality, lines_free, PLOT_WIDTH,
                      PLOT_HEIGHT * 0.8,
                      g_strdup_printf (_("Validation %s per epoch."), metric));
}
