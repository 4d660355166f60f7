/* fw-results-page-private.h — what fw-results-page.c and fw-results-threshold.c share,
 * and what the Results step shows, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "fw-plot-curves.h"
#include "fw-plot-heatmap.h"
#include "fw-plot-importance.h"
#include "fw-plot-widget.h"
#include "fw-results-page.h"
#include "fw-results-tradeoff.h"
#include "fw-session.h"

G_BEGIN_DECLS

enum { PLOT_CONFUSION, PLOT_ROC, PLOT_PR, PLOT_CALIBRATION, PLOT_IMPORTANCE };

struct _FwResultsPage
{
  GtkWidget            parent_instance;

  GtkStack            *stack;
  GtkLabel            *headline;
  GtkWidget           *too_good_box;
  GtkLabel            *too_good_label;
  AdwPreferencesGroup *threshold_group;
  GtkRange            *threshold_scale;
  AdwComboRow         *column_row;
  AdwExpanderRow      *per_group_row;
  GtkLabel            *tuning_label;
  GtkWidget           *use_row;
  GtkWidget           *use_button;
  AdwPreferencesGroup *metrics_group;
  GtkGrid             *plots_grid;
  GtkBox              *fairness_box;
  AdwPreferencesGroup *coefficients_group;
  GPtrArray           *coefficient_rows;  /* AdwActionRow*, owned by the group */

  FwSession           *session;
  FwResultsTradeoff   *tradeoff;        /* the test part, decided by the model's rule */
  FwResultsTradeoff   *tuning;          /* the validation part, decided at the sliders */
  GPtrArray           *group_scales;    /* GtkRange*, one per group of the threshold column */
  double              *model_thresholds;  /* the model's own, one per group; NULL: none */
  gboolean             at_model;        /* no slider moved since the model arrived */
  gboolean             groups_moved;    /* a group's slider moved since they were drawn */
  gsize               *group_rows;      /* tuning rows of each group of the sliders */
  gboolean             syncing;
  GPtrArray           *rows;            /* AdwActionRow* of the metrics group */
  GHashTable          *values;          /* metric key → GtkLabel */

  /* What the plots draw; they point into these. */
  FwClassificationMetrics *metrics;
  FwPlotHeatmap        heatmap;
  FwPlotCurve          roc_curve, pr_curve;
  FwPlotCurves         roc, pr;
  FwPlotCalibration    calibration;
  FwPlotImportance     importance;
  char               **importance_names;
  double              *importance_mean, *importance_sd;
  FwPlotWidget        *plots[5];
};

/* fw-results-threshold.c: the slider(s) and the tuning rows' figures. */
/* Connects the sliders and "Use for the Model", once. */
void        fw_results_page_connect_thresholds  (FwResultsPage        *self);
/* Sets the sliders to the model's threshold(s), one slider per group of its threshold
 * column, before any figure is drawn. */
void        fw_results_page_open_thresholds     (FwResultsPage        *self,
                                                 const FwTrainedModel *trained,
                                                 const FwDataset      *dataset);
/* Re-decides the tuning rows at the slider(s), and measures them again. */
void        fw_results_page_update_tuning       (FwResultsPage        *self);


/* fw-results-coefficients.c: an exact fit's coefficient table; hidden for other models. */
void        fw_results_page_show_coefficients   (FwResultsPage        *self,
                                                 const FwTrainedModel *trained);
/* The figures shown for coefficient @term as titled ("age", "sex: female vs male"; several
 * classes: "b · age"), or NULL. */
const char *fw_results_page_get_coefficient_text (FwResultsPage *self,
                                                  const char    *term);

/* The value shown for metric @key ("accuracy", …), or NULL. */
const char *fw_results_page_get_metric_text     (FwResultsPage *self,
                                                 const char    *key);
/* The "too good to be true" warning shown above the figures, or NULL when none is. */
const char *fw_results_page_get_too_good        (FwResultsPage *self);
/* The global threshold slider (binary tasks). */
GtkRange   *fw_results_page_get_threshold_scale (FwResultsPage *self);
/* The live figures of the tuning (validation) rows at the slider(s). */
const char *fw_results_page_get_tuning_text     (FwResultsPage *self);
/* The words over the slider (@tuning) or over the test metrics. */
const char *fw_results_page_get_caption         (FwResultsPage *self,
                                                 gboolean       tuning);
/* Which sensitive column the per-group sliders are for (shown with two or more). */
AdwComboRow *fw_results_page_get_column_row     (FwResultsPage *self);
/* The title and the subtitle (its share selected on the tuning rows) of group @g's slider
 * row, or NULL past the last group. */
const char *fw_results_page_get_group_slider    (FwResultsPage *self,
                                                 guint          g,
                                                 gboolean       subtitle);
/* Group @g's threshold slider, or NULL past the last group. */
GtkRange   *fw_results_page_get_group_scale     (FwResultsPage *self,
                                                 guint          g);
/* "Use for the Model": the slider's threshold, or the per-group sliders' thresholds, become
 * the model's; or, for another "Groups Of" column, its policy's thresholds are refitted. */
GtkWidget  *fw_results_page_get_use_button      (FwResultsPage *self);
/* A cell of the per-group table ("n", "selection_rate", "tpr", "fpr", "accuracy";
 * regression "mae", "mean_prediction"), or NULL. */
const char *fw_results_page_get_group_text      (FwResultsPage *self,
                                                 const char    *attribute,
                                                 const char    *group,
                                                 const char    *column);

G_END_DECLS
