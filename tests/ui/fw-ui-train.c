/* fw-ui-train.c — a trained model in the session, for the UI tests of later steps
 *
 * Trains in code (the core tests' helper, as fairway-cli train does), so the tests of the
 * Export step and of projects need not drive the Train page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include "fw-sample.h"
#include "fw-ui-train.h"

GFile *
fw_ui_test_train (FwUiFixture *fixture,
                  FwWindow    *window,
                  const char  *name,
                  guint        n_rows)
{
  g_autoptr(GBytes) csv = fw_sample_generate (n_rows, FW_SAMPLE_DEFAULT_SEED);
  gsize length;
  const char *data = g_bytes_get_data (csv, &length);
  GFile *file = fw_ui_fixture_write_file (fixture, name, data, length);

  fw_window_open_file (window, file);
  g_assert_cmpstr (fw_ui_test_wait_import (fw_window_get_data_page (window)), ==, "preview");
  fw_core_test_train (fw_window_get_session (window), "approved");
  return file;
}

void
fw_ui_test_close_dialogs (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (ADW_IS_MESSAGE_DIALOG (window))
        gtk_window_destroy (window);
    }
  fw_ui_test_flush ();
}
