/* fw-export-page-private.h — what fw-export-page.c and fw-export-page-job.c share, and
 * what the Export step shows, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "fw-export-page.h"

G_BEGIN_DECLS

struct _FwExportPage
{
  GtkWidget      parent_instance;

  GtkStack      *stack;
  GtkSpinner    *spinner;
  AdwActionRow  *predictions_row;
  GtkTextView   *intended_use_view;

  FwSession     *session;
  FwProject     *project;
  GSettings     *settings;
  GCancellable  *cancellable;   /* of the job running, or NULL */
  gboolean       cancelled;     /* the user cancelled the job running */
  gboolean       loading_text;  /* the buffer is being filled from the project */
  char          *last_message;
  gboolean       last_failed;
};

/* "empty" or "ready". */
const char    *fw_export_page_get_state               (FwExportPage *self);
gboolean       fw_export_page_get_busy                (FwExportPage *self);
/* The last notice shown (a toast's title, or an error's explanation), or NULL. */
const char    *fw_export_page_get_last_message        (FwExportPage *self);
gboolean       fw_export_page_get_last_failed         (FwExportPage *self);
GtkTextBuffer *fw_export_page_get_intended_use_buffer (FwExportPage *self);

G_END_DECLS
