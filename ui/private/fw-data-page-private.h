/* fw-data-page-private.h — what the Data step's files share, and its tests see
 *
 * fw-data-page.c imports and shows a table; fw-data-page-empty.c is the empty state's
 * recent files and autosave offer, and calls nothing of fw-data-page.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "fw-data-page.h"
#include "fw-import.h"
#include "fw-table-view.h"

G_BEGIN_DECLS

struct _FwDataPage
{
  GtkWidget      parent_instance;

  GtkStack      *stack;
  AdwStatusPage *loading_page;
  GtkProgressBar *progress_bar;
  AdwStatusPage *error_page;
  GtkLabel      *file_label;
  GtkLabel      *summary_label;
  GtkBox        *legend_box;
  FwTableView   *table_view;
  GtkRevealer   *restore_revealer;
  GtkLabel      *restore_label;
  GtkWidget     *restore_button;
  GtkWidget     *restore_discard_button;
  GtkListBox    *restore_list;
  GtkWidget     *recent_group;
  GtkListBox    *recent_list;

  FwImport      *import;        /* the import this page waits for, or NULL */
  GCancellable  *cancellable;   /* of @import */
  GFile         *file;          /* of the table shown */
  FwTableModel  *model;
  FwTableProfile *profile;      /* of @model, until the window takes it */
  char          *error_message;
  char          *encoding;      /* the table shown was read in, NULL: UTF-8 */
  AdwMessageDialog *encoding_dialog;  /* asking to read a file in another encoding */
};

/* fw-data-page-empty.c: fills the recent files and keeps them current. */
void           fw_data_page_empty_init          (FwDataPage *self);

/* How the page reads @file as @encoding, once the user said yes. */
typedef void (*FwDataPageReadAs) (FwDataPage *self,
                                  GFile      *file,
                                  const char *encoding);

/* fw-data-page-encoding.c: asks whether to read @file as @report's guessed encoding, and
 * calls @read_as on yes. */
void           fw_data_page_ask_encoding        (FwDataPage        *self,
                                                 GFile             *file,
                                                 const FwCsvReport *report,
                                                 FwDataPageReadAs   read_as);

/* For tests. */
/* The dialog asking to read a file in another encoding while it is open, or NULL. */
AdwMessageDialog *fw_data_page_get_encoding_dialog (FwDataPage *self);
/* "empty", "loading", "error" or "preview". */
const char    *fw_data_page_get_state           (FwDataPage *self);
GtkColumnView *fw_data_page_get_column_view     (FwDataPage *self);
const char    *fw_data_page_get_summary         (FwDataPage *self);
/* The message shown on the error page, or NULL. */
const char    *fw_data_page_get_error_message   (FwDataPage *self);
/* The import running now, or NULL. */
FwImport      *fw_data_page_get_import          (FwDataPage *self);
gboolean       fw_data_page_get_restore_offered (FwDataPage *self);
/* The rows of the offer when several sessions are offered (hidden for one). */
GtkListBox    *fw_data_page_get_restore_list    (FwDataPage *self);
/* The recently opened files; a row activates win.open-recent with the file's URI. */
GtkListBox    *fw_data_page_get_recent_list     (FwDataPage *self);

G_END_DECLS
