/* fw-data-page.h — wizard step 1: open a table and look at it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "fw-profile.h"
#include "fw-table-model.h"

G_BEGIN_DECLS

#define FW_TYPE_DATA_PAGE (fw_data_page_get_type ())

G_DECLARE_FINAL_TYPE (FwDataPage, fw_data_page, FW, DATA_PAGE, GtkWidget)

GtkWidget    *fw_data_page_new               (void);
/* Starts importing @file; an import already running is cancelled and its result dropped. */
void          fw_data_page_open_file         (FwDataPage *self,
                                              GFile      *file);
/* The same, reading the file in @encoding (an iconv name; NULL: UTF-8). */
void          fw_data_page_open_file_with_encoding (FwDataPage *self,
                                                    GFile      *file,
                                                    const char *encoding);
/* Generates the bundled sample into the user cache folder, then imports it. */
void          fw_data_page_open_sample       (FwDataPage *self);
/* Offers, in the empty state, to restore the sessions that did not close cleanly
 * (FwRecoveryEntry*; NULL or empty: hides the offer).  One: a sentence with its data, step
 * and time, and buttons that activate win.restore-autosave and win.discard-autosave.
 * Several: one row each, whose buttons activate win.restore-session and
 * win.discard-session with the session's id. */
void          fw_data_page_offer_restore     (FwDataPage *self,
                                              GPtrArray  *entries);
/* Stops the running import, if any (the data-page.cancel action). */
void          fw_data_page_cancel            (FwDataPage *self);

/* The file of the table shown, or NULL. */
GFile        *fw_data_page_get_file          (FwDataPage *self);
/* The encoding the table shown was read in, when the user chose one; NULL: UTF-8 (or
 * UTF-16, recognised), or no table. */
const char   *fw_data_page_get_encoding      (FwDataPage *self);
/* The table shown, or NULL. */
FwTableModel *fw_data_page_get_table_model   (FwDataPage *self);
gboolean      fw_data_page_get_has_table     (FwDataPage *self);
gboolean      fw_data_page_get_busy          (FwDataPage *self);
/* The profile of the table shown, made while importing; the caller owns it and the page
 * forgets it.  NULL once taken, or when there is no table. */
FwTableProfile *fw_data_page_steal_profile   (FwDataPage *self);

G_END_DECLS
