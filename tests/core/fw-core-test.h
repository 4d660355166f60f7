/* fw-core-test.h — what the core tests share: isolated folders, waiting on the main loop,
 * real data in a session and a model trained on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-session.h"

G_BEGIN_DECLS

/* g_test_init with throw-away user folders (the autosave goes there), removed at exit, and
 * the build tree's settings schema in memory. */
void       fw_core_test_init      (int          *argc,
                                   char       ***argv);

/* A file named @name in the running test's own folder (created if needed, and removed with
 * the user folders at exit). */
GFile     *fw_core_test_file      (const char   *name);
/* Writes @n_rows of the bundled sample (the default seed) to fw_core_test_file (@name). */
GFile     *fw_core_test_write_sample (const char *name,
                                      guint64     n_rows);

/* Iterates the main context until @condition holds, a bounded number of times; fails the
 * test if it never does.  No wall-clock limit: a slow machine only takes longer. */
void       fw_core_test_wait      (gboolean    (*condition) (gpointer data),
                                   gpointer      data,
                                   const char   *what);

/* Drops the caller's reference to @object and iterates the main context until it is
 * finalized: a worker's task may hold it a moment longer.  Fails the test if it never is. */
void       fw_core_test_assert_finalized (gpointer object);

/* Reads @file with the engine (not through FwImport) and gives it to @session. */
void       fw_core_test_open      (FwSession    *session,
                                   GFile        *file);

/* On the sample in @session: the suggested cleaning, @target ("approved" or a number such
 * as "credit_score") and "sex" as the sensitive column, the suggested model for three
 * epochs trained here with the engine's trainer, as `fairway-cli train` does, then handed
 * to the session with its data's name and fingerprint. */
void       fw_core_test_train     (FwSession    *session,
                                   const char   *target);

/* Whether two models predict the same numbers, to the bit, for @table. */
void       fw_core_test_assert_same_predictions (const FwTrainedModel *a,
                                                 const FwTrainedModel *b,
                                                 const FwTable        *table);

G_END_DECLS
