/* fw-plot-curves.h — ROC and precision–recall curves, and the reliability diagram
 *
 * All three draw on a square plot area over [0, 1] × [0, 1], so a curve's distance from
 * the chance or the perfectly-calibrated diagonal reads the same in any window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-plot.h"
#include "fw-plot-axis.h"
#include "fw-metrics.h"

G_BEGIN_DECLS

typedef struct
{
  const char    *label;         /* the model's name in the legend; NULL: "Model" */
  /* ROC: (false positive rate, true positive rate) as FwClassificationMetrics.roc;
   * PR: (recall, precision) as FwClassificationMetrics.pr.  Non-finite points are skipped. */
  const FwPoint *points;
  guint          n_points;
  double         score;         /* ROC AUC or average precision for the legend; NaN: none */
} FwPlotCurve;

/* Every array is the caller's and must outlive the draw call. */
typedef struct
{
  const char        *title;     /* may be NULL */
  const FwPlotCurve *curves;    /* drawn in series colours 0, 1, … */
  guint              n_curves;
  /* PR only: the share of positives, where a model that guesses sits.  A chance line is
   * drawn there when it is in (0, 1]. */
  double             positive_rate;
} FwPlotCurves;

typedef struct
{
  const char             *title;        /* may be NULL */
  const char             *label;        /* the model's name in the legend; NULL: "Model" */
  /* @n_bins equal-width bins over [0, 1], as FwClassificationMetrics.calibration; a bin
   * with no weight or a NaN mean is skipped. */
  const FwCalibrationBin *bins;
  guint                   n_bins;
  gboolean                show_counts;  /* each bin's weight as a strip of bars at the bottom */
} FwPlotCalibration;

typedef enum {
  FW_PLOT_CURVES_ROC,
  FW_PLOT_CURVES_PR,
  FW_PLOT_CURVES_CALIBRATION,
} FwPlotCurvesKind;

/* FwPlotDrawFunc for a FwPlotCurves: false positive rate against true positive rate, the
 * dashed diagonal where a model that guesses lies, "Label (AUC 0.87)" in the legend. */
void     fw_plot_roc_draw         (cairo_t           *cr,
                                   double             width,
                                   double             height,
                                   const FwPlotStyle *style,
                                   gconstpointer      data);
/* FwPlotDrawFunc for a FwPlotCurves: recall against precision, the chance line at the
 * positive rate, "Label (AP 0.74)" in the legend. */
void     fw_plot_pr_draw          (cairo_t           *cr,
                                   double             width,
                                   double             height,
                                   const FwPlotStyle *style,
                                   gconstpointer      data);
/* FwPlotDrawFunc for a FwPlotCalibration: mean predicted probability against the observed
 * frequency of positives per bin, with the perfectly calibrated diagonal. */
void     fw_plot_calibration_draw (cairo_t           *cr,
                                   double             width,
                                   double             height,
                                   const FwPlotStyle *style,
                                   gconstpointer      data);

/* The square frame the draw function of @kind lays out at @width × @height on an image
 * surface with @title.  FALSE for an empty size. */
gboolean fw_plot_curves_layout    (FwPlotCurvesKind   kind,
                                   double             width,
                                   double             height,
                                   const FwPlotStyle *style,
                                   const char        *title,
                                   FwPlotFrame       *frame);

G_END_DECLS
