/* fw-suggest-job.h — the suggested cleaning, leak check included, on a worker thread
 *
 * With a target the suggestions need the leak check (every column and every date feature
 * scored on the training part): about a tenth of a second on a million rows, too long for
 * the main thread.  The job copies what it reads (the recipe, the session's profile) and
 * holds the table's model, so the session may change meanwhile; the result comes back on
 * the main thread, and a cancelled or outdated one is the caller's to drop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "fw-session.h"

G_BEGIN_DECLS

typedef struct
{
  FwRecipe       *suggested;        /* what Apply All adds; owned */
  GPtrArray      *date_features;    /* FwDateFeature; owned */
  FwTableProfile *profile;          /* the session's profile, copied, with the target's
                                       checks; owned */
} FwSuggestions;

/* The work itself, on any thread: takes @profile (a copy no other thread reads). */
FwSuggestions *fw_suggestions_compute (const FwTable   *table,
                                       FwTableProfile  *profile,
                                       const FwRecipe  *settings,
                                       GError         **error);
void           fw_suggestions_free    (FwSuggestions *suggestions);

/* Starts the job for @session's data and recipe as they are now; @callback runs on this
 * thread's main context.  @source_object (may be NULL) is kept alive until the worker is
 * done, which may end on the worker: a widget should pass NULL and find itself through a
 * weak reference (fw_suggest_job_weak_ref). */
void           fw_suggest_job_run_async (gpointer             source_object,
                                         FwSession           *session,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
/* A weak reference to @object for the job's @user_data, and, in the callback, the object
 * back (a new reference, or NULL when it is gone); the second call frees the reference. */
gpointer       fw_suggest_job_weak_ref  (gpointer object);
gpointer       fw_suggest_job_weak_get  (gpointer weak_ref);
/* Newly allocated, or NULL with @error (G_IO_ERROR_CANCELLED when cancelled). */
FwSuggestions *fw_suggest_job_finish    (GAsyncResult  *result,
                                         GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwSuggestions, fw_suggestions_free)

G_END_DECLS
