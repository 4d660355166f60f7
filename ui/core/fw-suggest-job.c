/* fw-suggest-job.c — the suggested cleaning, leak check included, on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-date-features.h"
#include "fw-leak-check.h"
#include "fw-suggest-job.h"

typedef struct
{
  FwTableModel   *model;        /* keeps the table alive */
  FwTableProfile *profile;      /* a copy; the worker's */
  FwRecipe       *settings;     /* a copy */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->model);
  fw_table_profile_free (job->profile);
  fw_recipe_free (job->settings);
  g_free (job);
}

void
fw_suggestions_free (FwSuggestions *suggestions)
{
  if (suggestions == NULL)
    return;
  fw_recipe_free (suggestions->suggested);
  g_clear_pointer (&suggestions->date_features, g_ptr_array_unref);
  fw_table_profile_free (suggestions->profile);
  g_free (suggestions);
}

FwSuggestions *
fw_suggestions_compute (const FwTable   *table,
                        FwTableProfile  *profile,
                        const FwRecipe  *settings,
                        GError         **error)
{
  g_autoptr(FwTableProfile) own = profile;
  g_autoptr(GPtrArray) features = NULL;
  FwRecipe *suggested;
  FwSuggestions *suggestions;

  g_return_val_if_fail (table != NULL && profile != NULL && settings != NULL, NULL);

  suggested = fw_recipe_new_suggested_checked (table, own, settings, NULL, &features, error);
  if (suggested == NULL)
    return NULL;
  suggestions = g_new0 (FwSuggestions, 1);
  suggestions->suggested = suggested;
  suggestions->date_features = g_steal_pointer (&features);
  suggestions->profile = g_steal_pointer (&own);
  return suggestions;
}

static void
run (GTask        *task,
     gpointer      source_object,
     gpointer      task_data,
     GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  FwSuggestions *suggestions;

  if (g_task_return_error_if_cancelled (task))
    return;
  suggestions = fw_suggestions_compute (fw_table_model_get_table (job->model),
                                        g_steal_pointer (&job->profile), job->settings, &error);
  if (suggestions == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, suggestions, (GDestroyNotify) fw_suggestions_free);
}

void
fw_suggest_job_run_async (gpointer             source_object,
                          FwSession           *session,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (FW_IS_SESSION (session));
  g_return_if_fail (fw_session_has_data (session));

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, fw_suggest_job_run_async);
  job = g_new0 (Job, 1);
  job->model = g_object_ref (fw_session_get_table_model (session));
  job->profile = fw_table_profile_copy (fw_session_get_profile (session));
  job->settings = fw_recipe_copy (fw_session_get_recipe (session));
  g_task_set_task_data (task, job, job_free);
  /* A cancelled check answers at once; its thread finishes on its own. */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, run);
}

gpointer
fw_suggest_job_weak_ref (gpointer object)
{
  GWeakRef *ref = g_new (GWeakRef, 1);

  g_weak_ref_init (ref, object);
  return ref;
}

gpointer
fw_suggest_job_weak_get (gpointer weak_ref)
{
  GWeakRef *ref = weak_ref;
  gpointer object = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return object;
}

FwSuggestions *
fw_suggest_job_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
