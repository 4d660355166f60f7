/* fw-profile-table.c — profiling a whole table: each column, then pairs of columns
 *
 * Columns go to the calling thread and, on big tables, one helper thread with its own
 * scratch buffer; duplicates are looked for once every column is done.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include "fw-profile-private.h"

/* Columns are handed out one at a time to the calling thread and, on big tables, one helper
 * thread.  Each column's numbers depend only on the column, so the result does not depend on
 * who profiled what; progress is reported from the calling thread only. */
typedef struct
{
  const FwTable *table;
  FwProfile       *profile;
  GCancellable  *cancellable;
  gsize          scratch_width;  /* bytes per key; 0 when no column holds numbers */
  gint           next;           /* atomic: the next column to take */
  gint           done;           /* atomic: columns finished */
  guint          reported;       /* columns finished at the last progress report */
} Job;

/* Profiles columns until none is left or the job is cancelled. */
static void
job_run (Job            *job,
         FwProfileScratch *scratch,
         FwProgressFunc  progress,
         gpointer        progress_data)
{
  guint n_columns = job->profile->public.n_columns;

  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&job->next, 1);
      const FwColumn *column;
      FwColumnProfile *p;

      if (i >= n_columns || g_cancellable_is_cancelled (job->cancellable))
        return;
      column = fw_table_column (job->table, i);
      p = &job->profile->public.columns[i];
      p->column = i;
      p->kind = column->kind;
      p->sentinel = NAN;
      p->duplicate_of = -1;
      if (column->storage == FW_STORAGE_CODES)
        fw_profile_codes (column, p);
      else
        fw_profile_numbers (column, p, &job->profile->extra[i], scratch);
      fw_profile_flag_issues (column, p, &job->profile->extra[i]);
      g_atomic_int_inc (&job->done);
      if (progress != NULL)
        {
          job->reported = (guint) g_atomic_int_get (&job->done);
          progress ((double) job->reported / n_columns, progress_data);
        }
    }
}

static gpointer
job_helper (gpointer data)
{
  Job *job = data;
  FwProfileScratch scratch;

  fw_profile_scratch_init (&scratch, job->profile->public.n_rows, job->scratch_width);
  job_run (job, &scratch, NULL, NULL);
  fw_profile_scratch_clear (&scratch);
  return NULL;
}

FwTableProfile *
fw_table_profile_new (const FwTable  *table,
                      FwProgressFunc  progress,
                      gpointer        progress_data,
                      GCancellable   *cancellable,
                      GError        **error)
{
  FwProfile *profile;
  Job job = { table, NULL, cancellable, 0, 0, 0, 0 };
  FwProfileScratch scratch;
  GThread *helper = NULL;
  guint n_numbers = 0;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_return_val_if_fail (fw_table_n_columns (table) < G_MAXINT, NULL);

  job.profile = profile = g_new0 (FwProfile, 1);
  profile->public.n_rows = fw_table_n_rows (table);
  profile->public.n_columns = fw_table_n_columns (table);
  profile->public.columns = g_new0 (FwColumnProfile, profile->public.n_columns);
  profile->extra = g_new0 (FwNumericExtra, profile->public.n_columns);
  for (guint i = 0; i < profile->public.n_columns; i++)
    {
      FwStorage storage = fw_table_column (table, i)->storage;

      profile->public.columns[i].issues = g_ptr_array_new_with_free_func (fw_profile_issue_free);
      if (storage == FW_STORAGE_CODES)
        continue;
      n_numbers++;
      job.scratch_width = MAX (job.scratch_width, storage == FW_STORAGE_FLOAT64 ? 8 : 4);
    }

  /* A second thread pays off once there are a few sorts' worth of numbers. */
  if (n_numbers >= 2 && profile->public.n_rows * n_numbers >= 2000000 &&
      g_get_num_processors () >= 2)
    helper = g_thread_new ("fw-profile", job_helper, &job);
  fw_profile_scratch_init (&scratch, profile->public.n_rows, job.scratch_width);
  job_run (&job, &scratch, progress, progress_data);
  fw_profile_scratch_clear (&scratch);
  if (helper != NULL)
    g_thread_join (helper);
  if (progress != NULL && job.reported < (guint) g_atomic_int_get (&job.done))
    progress ((double) g_atomic_int_get (&job.done) / profile->public.n_columns, progress_data);

  if ((guint) g_atomic_int_get (&job.done) < profile->public.n_columns)
    {
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
      fw_table_profile_free (&profile->public);
      return NULL;
    }
  fw_profile_flag_duplicates (&profile->public, table);
  return &profile->public;
}
