/* fw-cli-sample.c — fairway-cli sample [--rows N] [--seed S] -o FILE.csv
 *
 * The file is written in a worker thread while the main loop watches for Ctrl+C, so an
 * interrupted run cancels the write and leaves neither the file nor a temporary behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <signal.h>
#include <stdio.h>
#include "fw-cli.h"
#include "fw-sample.h"

typedef struct
{
  GFile        *file;
  guint64       rows;
  guint64       seed;
  GMainLoop    *loop;
  GCancellable *cancellable;
  gboolean      interrupted;
  gboolean      ok;
  GError       *error;
} Job;

static void
write_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;

  if (fw_sample_write (job->file, job->rows, job->seed, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
write_done (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Job *job = data;

  job->ok = g_task_propagate_boolean (G_TASK (result), &job->error);
  g_main_loop_quit (job->loop);
}

static gboolean
on_signal (gpointer data)
{
  Job *job = data;

  job->interrupted = TRUE;
  g_cancellable_cancel (job->cancellable);
  return G_SOURCE_CONTINUE;
}

static gboolean
parse_count (const char  *option,
             const char  *text,
             guint64      min,
             guint64      max,
             guint64     *out,
             int         *status)
{
  g_autoptr(GError) error = NULL;

  if (g_ascii_string_to_unsigned (text, 10, min, max, out, &error))
    return TRUE;
  *status = fw_cli_usage_error ("sample", "%s: %s", option, error->message);
  return FALSE;
}

int
fw_cli_sample (int    argc,
               char **argv)
{
  g_autofree char *rows_text = NULL, *seed_text = NULL, *output = NULL;
  /* Translators: the largest number of rows, then the default. */
  g_autofree char *rows_help = g_strdup_printf (_("Number of rows, 1 to %d (default %d)"),
                                                FW_SAMPLE_MAX_ROWS, FW_SAMPLE_DEFAULT_ROWS);
  g_autofree char *seed_help = g_strdup_printf (_("Seed: the same seed gives the same file "
                                                  "(default %d)"), FW_SAMPLE_DEFAULT_SEED);
  const GOptionEntry entries[] = {
    { "rows", 'n', 0, G_OPTION_ARG_STRING, &rows_text, rows_help, N_("N") },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed_text, seed_help, N_("S") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Where to write the CSV file (required)"), N_("FILE.csv") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *display = NULL, *count = NULL;
  Job job = { 0 };
  guint sigint, sigterm;
  int status = FW_CLI_EXIT_OK;

  context = fw_cli_option_context_new ("sample", "-o FILE.csv",
                                       _("Writes the bundled demo data: synthetic loan "
                                         "applications with a target “approved” and a "
                                         "deliberate bias against women, for trying out "
                                         "Fairway's fairness checks."),
                                       entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fw_cli_usage_error ("sample", "%s", error->message);
  if (argc > 1)
    return fw_cli_usage_error ("sample", _("unexpected argument '%s'"), argv[1]);
  if (output == NULL || output[0] == '\0')
    return fw_cli_usage_error ("sample", _("missing -o FILE.csv: where to write the sample"));

  job.rows = FW_SAMPLE_DEFAULT_ROWS;
  job.seed = FW_SAMPLE_DEFAULT_SEED;
  if ((rows_text != NULL &&
       !parse_count ("--rows", rows_text, 1, FW_SAMPLE_MAX_ROWS, &job.rows, &status)) ||
      (seed_text != NULL &&
       !parse_count ("--seed", seed_text, 0, G_MAXUINT64, &job.seed, &status)))
    return status;

  job.file = g_file_new_for_commandline_arg (output);
  job.loop = loop = g_main_loop_new (NULL, FALSE);
  job.cancellable = cancellable = g_cancellable_new ();
  sigint = g_unix_signal_add (SIGINT, on_signal, &job);
  sigterm = g_unix_signal_add (SIGTERM, on_signal, &job);

  task = g_task_new (NULL, cancellable, write_done, &job);
  /* A write that finished is a file in place, even if Ctrl+C came a moment later. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, &job, NULL);
  g_task_run_in_thread (task, write_in_thread);
  g_main_loop_run (loop);

  g_source_remove (sigint);
  g_source_remove (sigterm);
  display = g_file_get_parse_name (job.file);
  g_object_unref (job.file);

  if (!job.ok)
    {
      status = fw_cli_fail (job.error);
      if (job.interrupted)
        status = FW_CLI_EXIT_INTERRUPTED;
      g_error_free (job.error);
      return status;
    }
  count = g_strdup_printf ("%" G_GUINT64_FORMAT, job.rows);
  printf (g_dngettext (GETTEXT_PACKAGE, "Wrote %s row to %s\n", "Wrote %s rows to %s\n",
                       (gulong) job.rows),
          count, display);
  return FW_CLI_EXIT_OK;
}
