/* fw-report-content.h — the model card as a list of blocks, for the PDF and HTML writers
 *
 * The trained model is turned into plain text once — headings, paragraphs, bullet lists,
 * tables and plots — so both formats say exactly the same thing and each writer only
 * decides how it looks.  Text here is plain (never markup): each writer escapes it for
 * its own format.  Private to plots/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-plot.h"
#include "fw-report.h"

G_BEGIN_DECLS

typedef enum {
  FW_REPORT_BLOCK_HEADING,      /* level 1: a section; level 2: a subsection */
  FW_REPORT_BLOCK_PARAGRAPH,
  FW_REPORT_BLOCK_NOTE,         /* a paragraph in the secondary colour (sources, methods) */
  FW_REPORT_BLOCK_LIST,         /* bullet items */
  FW_REPORT_BLOCK_TABLE,
  FW_REPORT_BLOCK_PLOT,
} FwReportBlockKind;

typedef struct
{
  FwReportBlockKind  kind;
  guint              level;     /* HEADING */
  char              *text;      /* HEADING, PARAGRAPH, NOTE; PLOT: its caption */
  GPtrArray         *cells;     /* LIST: items; TABLE: row-major cells (char *) */
  guint              n_columns; /* TABLE */
  gboolean           header;    /* TABLE: the first row names the columns; else the first
                                   column names the rows (label, value) */
  guint              right;     /* TABLE: bit c set: column c holds figures, aligned right */
  /* PLOT: drawn by @draw with @plot at width × height points (any width keeps the
   * aspect); @plot_free frees @plot. */
  FwPlotDrawFunc     draw;
  gpointer           plot;
  GDestroyNotify     plot_free;
  double             width, height;
} FwReportBlock;

typedef struct
{
  char      *title;             /* "Model card: …" */
  char      *subtitle;          /* the model type, the target and the date */
  GPtrArray *blocks;            /* FwReportBlock *, in reading order */
} FwReport;

/* The plots' font size in points before the 96/72 every plot applies (fw-plot-text.c):
 * about 9 pt on paper. */
#define FW_REPORT_PLOT_FONT_SIZE 6.8

FwReport *fw_report_new           (const FwTrainedModel  *trained,
                                   const FwReportOptions *options);
void      fw_report_free          (FwReport *report);
/* An empty report, for fw_report_new. */
FwReport *fw_report_alloc         (void);

/* For the builders (fw-report-sections.c, fw-report-plots.c): each takes its strings. */
void      fw_report_add_heading   (FwReport   *report,
                                   guint       level,
                                   char       *text);
void      fw_report_add_paragraph (FwReport   *report,
                                   char       *text);
void      fw_report_add_note      (FwReport   *report,
                                   char       *text);
/* @items: strings; takes the array and them.  Nothing is added for an empty list. */
void      fw_report_add_list      (FwReport   *report,
                                   GPtrArray  *items);
/* @cells: row-major, a multiple of @n_columns; the array and its strings are taken. */
void      fw_report_add_table     (FwReport          *report,
                                   gboolean           header,
                                   guint              right,
                                   guint              n_columns,
                                   GPtrArray         *cells);
void      fw_report_add_plot      (FwReport          *report,
                                   FwPlotDrawFunc     draw,
                                   gpointer           plot,
                                   GDestroyNotify     plot_free,
                                   double             width,
                                   double             height,
                                   char              *caption);

/* The later sections (fw-report-analysis.c): per-group analyses with their plots, the
 * training's curves, time and energy, and the caveats. */
void      fw_report_add_analyses  (FwReport             *report,
                                   const FwTrainedModel *trained);
void      fw_report_add_training  (FwReport             *report,
                                   const FwTrainedModel *trained);
void      fw_report_add_caveats   (FwReport             *report,
                                   const FwTrainedModel *trained);

/* The plot blocks, from the model's JSON (fw-report-plots.c); each adds nothing when the
 * model lacks what it needs. */
void      fw_report_add_fairness_plot   (FwReport   *report,
                                         JsonObject *entry);
void      fw_report_add_confusion_plot  (FwReport             *report,
                                         const FwTrainedModel *trained);
void      fw_report_add_importance_plot (FwReport             *report,
                                         const FwTrainedModel *trained);
void      fw_report_add_history_plots   (FwReport             *report,
                                         const FwTrainedModel *trained);
/* An exact fit's coefficient table (fw-report-coefficients.c); nothing for other models. */
void      fw_report_add_coefficients    (FwReport             *report,
                                         const FwTrainedModel *trained);

/* The light style every report plot draws with, on white paper. */
void      fw_report_plot_style          (FwPlotStyle *style);

/* @value with @decimals digits after the point, or a dash when it is not finite. */
char     *fw_report_format_number       (double      value,
                                         int         decimals);
/* A JSON member as a number: NaN when missing, null or not a number. */
double    fw_report_json_number         (JsonObject *object,
                                         const char *member);

/* The writers: the whole document in memory (fw-report.c writes it atomically). */
GBytes   *fw_report_render_pdf          (const FwReport *report,
                                         gint64          now,
                                         GError        **error);
GBytes   *fw_report_render_html         (const FwReport *report,
                                         GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwReport, fw_report_free)

G_END_DECLS
