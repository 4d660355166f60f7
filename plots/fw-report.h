/* fw-report.h — the model card: a trained model's report as PDF or HTML
 *
 * A model card (Mitchell et al. 2019, "Model Cards for Model Reporting") made from a
 * .fwmodel alone: model details, intended use, factors, metrics, data, quantitative
 * analyses with plots, training cost and caveats.  Both formats come from one content
 * model (fw-report-content.h) and draw their plots with the plots/ functions.  Every write
 * is atomic: the document is rendered in memory first, then written through
 * engine/common/fw-atomic-file.h, so a failure leaves no file behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "fw-trained-model.h"

G_BEGIN_DECLS

#define FW_REPORT_ERROR (fw_report_error_quark ())

typedef enum {
  FW_REPORT_ERROR_FORMAT,       /* the file name ends in neither .pdf nor .html */
  FW_REPORT_ERROR_RENDER,       /* cairo refused (the message says why) */
} FwReportError;

typedef struct
{
  const char *intended_use;     /* the user's words; NULL or empty: a placeholder says so */
  gint64      now;              /* Unix time the report is dated; 0: the time now */
} FwReportOptions;

GQuark   fw_report_error_quark (void);

/* Writes the card to @file as PDF or HTML, from its extension (.pdf, .html or .htm, any
 * case); another one is FW_REPORT_ERROR_FORMAT and nothing is written.  @options may be
 * NULL. */
gboolean fw_report_write       (const FwTrainedModel  *trained,
                                const FwReportOptions *options,
                                GFile                 *file,
                                GError               **error);
/* A4 pages, vector plots, "Page N of M" footers, title and creator metadata. */
gboolean fw_report_write_pdf   (const FwTrainedModel  *trained,
                                const FwReportOptions *options,
                                GFile                 *file,
                                GError               **error);
/* One self-contained file: inline CSS and SVG, light and dark, all text escaped. */
gboolean fw_report_write_html  (const FwTrainedModel  *trained,
                                const FwReportOptions *options,
                                GFile                 *file,
                                GError               **error);

G_END_DECLS
