/* fw-ui-train.h — a trained model in the session, for the UI tests of later steps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-core-test.h"
#include "fw-ui-test.h"

G_BEGIN_DECLS

/* Writes the sample (@n_rows) into the fixture's folder as NAME, opens it in @window,
 * applies the suggested cleaning with "approved" as the target and "sex" as sensitive,
 * trains a logistic model for a few epochs and hands it to the session.  Returns the
 * data file. */
GFile *fw_ui_test_train (FwUiFixture *fixture,
                         FwWindow    *window,
                         const char  *name,
                         guint        n_rows);

/* Closes the message dialogs a test left open, so the window can go. */
void   fw_ui_test_close_dialogs (void);

G_END_DECLS
