/* test-recovery.c — one recovery file per session, across real processes
 *
 * Two more instances of this program run as writers: each opens the sample in a session,
 * takes its own recovery slot and autosaves its project (FwProject, as a window does) as
 * fast as it can, stamping the intended use with its id and a count, while this process
 * writes its own too.  No file may ever hold another session's stamp; a listing made by a
 * third process offers nothing while all three live, and after one writer is killed with
 * SIGKILL offers exactly its file — while the survivor goes on writing untouched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include "fw-core-test.h"
#include "fw-project.h"
#include "fw-recovery.h"

/* Writer mode: autosave the session to a fresh slot in FOLDER until killed. */
static int
writer_main (const char *folder,
             const char *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwRecovery) recovery = fw_recovery_new (folder, &error);
  g_autoptr(FwSession) session = fw_session_new ();
  g_autoptr(FwProject) project = fw_project_new (session);
  g_autoptr(GFile) csv = g_file_new_for_path (data);

  if (recovery == NULL)
    {
      g_printerr ("writer: %s\n", error->message);
      return 1;
    }
  fw_core_test_open (session, csv);
  fw_project_set_autosave_file (project, fw_recovery_get_file (recovery));
  printf ("%s\n", fw_recovery_get_id (recovery));
  fflush (stdout);
  for (guint64 n = 0;; n++)
    {
      g_autofree char *stamp = g_strdup_printf ("%s %" G_GUINT64_FORMAT,
                                                fw_recovery_get_id (recovery), n);

      fw_project_set_intended_use (project, stamp);
      if (!fw_project_autosave_now (project, &error))
        {
          g_printerr ("writer: %s\n", error->message);
          return 1;
        }
      while (g_main_context_iteration (NULL, FALSE))
        ;
      /* Often enough to overlap the others' writes, not a storm of fsyncs. */
      g_usleep (2000);
    }
}

/* Lister mode: the ids a start-up would offer, one a line. */
static int
list_main (const char *folder)
{
  g_autoptr(GPtrArray) entries = fw_recovery_list (folder);

  for (guint i = 0; i < entries->len; i++)
    printf ("%s\n", ((FwRecoveryEntry *) g_ptr_array_index (entries, i))->id);
  return 0;
}

typedef struct
{
  GPid  pid;
  char *id;
} Writer;

/* A writer outlives no failed test. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static char *
self_path (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_file_read_link ("/proc/self/exe", &error);

  g_assert_no_error (error);
  return path;
}

static Writer
spawn_writer (const char *folder,
              const char *data)
{
  g_autofree char *self = self_path ();
  const char *argv[] = { self, "--writer", folder, data, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  Writer writer = { 0 };
  int out = -1;
  char c;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                            die_with_parent, NULL, &writer.pid, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  /* Its id, once its slot is taken and its data read. */
  while (read (out, &c, 1) == 1 && c != '\n')
    g_string_append_c (line, c);
  close (out);
  g_assert_cmpuint (line->len, ==, 36);
  writer.id = g_string_free (g_steal_pointer (&line), FALSE);
  return writer;
}

/* What a third process lists, sorted. */
static char *
list_in_other_process (const char *folder)
{
  g_autofree char *self = self_path ();
  const char *argv[] = { self, "--list", folder, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  return g_strjoinv (",", lines);
}

/* The stamp in a recovery file: the id of the session that wrote it, and its count. */
static guint64
stamp_of (GFile      *file,
          const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwProjectFile) project = fw_project_file_load (file, &error);
  g_auto(GStrv) words = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (project->intended_use);
  words = g_strsplit (project->intended_use, " ", 2);
  /* Written by its own session, never another's. */
  g_assert_cmpstr (words[0], ==, id);
  return g_ascii_strtoull (words[1], NULL, 10);
}

static GFile *
file_of (const char *folder,
         const char *id)
{
  g_autofree char *name = g_strconcat (id, ".fairway", NULL);

  return g_file_new_build_filename (folder, name, NULL);
}

/* Waits (no wall-clock limit) until the writer's file shows a count past @after. */
static guint64
wait_for_writes (const char *folder,
                 const Writer *writer,
                 guint64     after)
{
  g_autoptr(GFile) file = file_of (folder, writer->id);

  for (;;)
    {
      guint64 n;

      if (g_file_query_exists (file, NULL) && (n = stamp_of (file, writer->id)) > after)
        return n;
      /* A writer that died would never get there. */
      g_assert_cmpint (waitpid (writer->pid, NULL, WNOHANG), ==, 0);
      g_usleep (5000);
    }
}

static void
test_two_processes (void)
{
  g_autoptr(GFile) csv = fw_core_test_write_sample ("loans.csv", 300);
  g_autoptr(GFile) folder_file = fw_core_test_file ("recovery");
  const char *folder = g_file_peek_path (folder_file);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwSession) session = fw_session_new ();
  g_autoptr(FwProject) project = fw_project_new (session);
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *listed = NULL;
  FwRecovery *mine = fw_recovery_new (folder, &error);
  Writer a, b;
  guint64 a_count, b_count;

  g_assert_no_error (error);
  fw_core_test_open (session, csv);
  fw_project_set_autosave_file (project, fw_recovery_get_file (mine));
  a = spawn_writer (folder, g_file_peek_path (csv));
  b = spawn_writer (folder, g_file_peek_path (csv));
  g_assert_cmpstr (a.id, !=, b.id);

  /* All three write at once; every file keeps its own session's stamps. */
  for (guint n = 0; n < 40; n++)
    {
      g_autofree char *stamp = g_strdup_printf ("%s %u", fw_recovery_get_id (mine), n);

      fw_project_set_intended_use (project, stamp);
      g_assert_true (fw_project_autosave_now (project, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (stamp_of (fw_recovery_get_file (mine), fw_recovery_get_id (mine)), ==, n);
    }
  a_count = wait_for_writes (folder, &a, 10);
  b_count = wait_for_writes (folder, &b, 10);

  /* Every session is alive: nothing to offer, here or in another process. */
  entries = fw_recovery_list (folder);
  g_assert_cmpuint (entries->len, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);
  listed = list_in_other_process (folder);
  g_assert_cmpstr (listed, ==, "");
  g_clear_pointer (&listed, g_free);
  g_assert_false (fw_recovery_delete (folder, b.id, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);

  /* A crash: only A's file is offered, and B goes on writing its own. */
  kill (a.pid, SIGKILL);
  waitpid (a.pid, NULL, 0);
  g_spawn_close_pid (a.pid);
  listed = list_in_other_process (folder);
  g_assert_cmpstr (listed, ==, a.id);
  entries = fw_recovery_list (folder);
  g_assert_cmpuint (entries->len, ==, 1);
  {
    FwRecoveryEntry *entry = g_ptr_array_index (entries, 0);
    g_autoptr(GFile) a_file = file_of (folder, a.id);

    g_assert_cmpstr (entry->id, ==, a.id);
    g_assert_cmpstr (entry->data_name, ==, "loans.csv");
    g_assert_true (g_file_equal (entry->file, a_file));
    g_assert_cmpint (entry->saved, >, 0);
    g_assert_cmpuint (stamp_of (a_file, a.id), >=, a_count);
  }
  g_clear_pointer (&entries, g_ptr_array_unref);
  g_assert_cmpuint (wait_for_writes (folder, &b, b_count), >, b_count);
  g_assert_cmpuint (stamp_of (fw_recovery_get_file (mine), fw_recovery_get_id (mine)), ==, 39);

  /* Discarding the dead session removes its file alone. */
  g_assert_true (fw_recovery_delete (folder, a.id, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GFile) a_file = file_of (folder, a.id);
    g_autoptr(GFile) b_file = file_of (folder, b.id);

    g_assert_false (g_file_query_exists (a_file, NULL));
    g_assert_true (g_file_query_exists (b_file, NULL));
  }
  g_clear_pointer (&listed, g_free);
  listed = list_in_other_process (folder);
  g_assert_cmpstr (listed, ==, "");

  /* A clean close removes its own file; the killed B's is left to offer. */
  fw_project_discard_autosave (project);
  fw_recovery_discard (mine);
  kill (b.pid, SIGKILL);
  waitpid (b.pid, NULL, 0);
  g_spawn_close_pid (b.pid);
  g_clear_pointer (&listed, g_free);
  listed = list_in_other_process (folder);
  g_assert_cmpstr (listed, ==, b.id);
  g_assert_true (fw_recovery_delete (folder, b.id, &error));
  g_assert_no_error (error);
  fw_core_test_assert_finalized (g_steal_pointer (&project));
  g_free (a.id);
  g_free (b.id);
}

/* A claimed slot is the claimer's: listed by nobody, claimed by nobody else, and the id
 * stays (the restored work goes on in the same file). */
static void
test_claim (void)
{
  g_autoptr(GFile) folder_file = fw_core_test_file ("recovery");
  const char *folder = g_file_peek_path (folder_file);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwRecovery) first = fw_recovery_new (folder, &error);
  g_autoptr(FwRecovery) claimed = NULL;
  g_autoptr(FwRecovery) again = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *id = g_strdup (fw_recovery_get_id (first));

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (g_file_peek_path (fw_recovery_get_file (first)),
                                      "not a project", -1, NULL));
  /* Held by this very process (another window): not offered, not claimable. */
  entries = fw_recovery_list (folder);
  g_assert_cmpuint (entries->len, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);
  g_assert_null (fw_recovery_claim (folder, id, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);

  /* Its window went away without a clean close: offered, with what its name says. */
  g_clear_pointer (&first, fw_recovery_free);
  entries = fw_recovery_list (folder);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (((FwRecoveryEntry *) g_ptr_array_index (entries, 0))->id, ==, id);
  g_assert_null (((FwRecoveryEntry *) g_ptr_array_index (entries, 0))->data_name);
  g_clear_pointer (&entries, g_ptr_array_unref);

  claimed = fw_recovery_claim (folder, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fw_recovery_get_id (claimed), ==, id);
  entries = fw_recovery_list (folder);
  g_assert_cmpuint (entries->len, ==, 0);
  again = fw_recovery_claim (folder, id, &error);
  g_assert_null (again);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_null (fw_recovery_claim (folder, "../../etc/passwd", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  fw_recovery_discard (g_steal_pointer (&claimed));
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = fw_recovery_list (folder);
  g_assert_cmpuint (entries->len, ==, 0);
}

/* The main loop's longest gap between two runs of a 1 ms timer. */
typedef struct
{
  gint64 last;
  gint64 longest;
  guint  ticks;
} Frames;

static gboolean
frame_tick (gpointer data)
{
  Frames *frames = data;
  gint64 now = g_get_monotonic_time ();

  if (frames->last != 0)
    frames->longest = MAX (frames->longest, now - frames->last);
  frames->last = now;
  frames->ticks++;
  return G_SOURCE_CONTINUE;
}

static FwTrainedModel *
model_in (GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwProjectFile) project = fw_project_file_load (file, &error);
  FwTrainedModel *trained;

  g_assert_no_error (error);
  g_assert_nonnull (project->model);
  trained = fw_project_file_unpack_model (project->model, &error);
  g_assert_no_error (error);
  return trained;
}

typedef struct
{
  gboolean restored;
  char    *note;
} Restored;

static void
on_restored (FwProject  *project,
             const char *note,
             Restored   *restored)
{
  restored->restored = TRUE;
  restored->note = g_strdup (note);
}

static gboolean
is_restored (gpointer data)
{
  return ((Restored *) data)->restored;
}

/* A training in a session whose project autosaves to its recovery slot: the best model so
 * far lands in the recovery file while the main loop keeps ticking; a copy of that file
 * taken mid-training (what kill -9 leaves) restores the model and names its epoch; the end
 * of training replaces it with the finished model. */
static void
test_training_checkpoints (void)
{
  g_autoptr(GFile) csv = fw_core_test_write_sample ("loans.csv", 20000);
  g_autoptr(GFile) folder_file = fw_core_test_file ("recovery");
  g_autoptr(GFile) crash = fw_core_test_file ("crash.fairway");
  g_autoptr(GError) error = NULL;
  g_autoptr(FwSession) session = fw_session_new ();
  g_autoptr(FwProject) project = fw_project_new (session);
  g_autoptr(FwRecovery) recovery = NULL;
  g_autoptr(FwRecipe) recipe = NULL;
  g_autoptr(FwTrainedModel) at_crash = NULL;
  g_autoptr(FwTrainedModel) final = NULL;
  FwTrainingRun *run;
  FwTrainedModel *trained;
  Frames frames = { 0 };
  gboolean done = FALSE, paused = FALSE;
  guint copies = 0, timer;
  GFile *file;

  recovery = fw_recovery_new (g_file_peek_path (folder_file), &error);
  g_assert_no_error (error);
  file = fw_recovery_get_file (recovery);
  fw_core_test_open (session, csv);
  fw_project_set_autosave_file (project, file);
  /* Every new best epoch: the rule's interval, shortened so a short training shows it. */
  fw_project_set_checkpoint_interval (project, 0);
  recipe = fw_recipe_new_suggested (fw_session_get_table (session),
                                    fw_session_get_profile (session), "approved", &error);
  g_assert_no_error (error);
  g_ptr_array_add (recipe->sensitive, g_strdup ("sex"));
  recipe->model.kind = FW_MODEL_MLP;
  recipe->model.n_hidden = 1;
  recipe->model.hidden[0] = 32;
  recipe->model.learning_rate = fw_model_kind_default_learning_rate (FW_MODEL_MLP);
  recipe->model.epochs = 30;
  recipe->model.patience = 0;
  fw_session_set_recipe (session, recipe);

  run = fw_training_run_new (fw_session_get_table (session), csv, fw_session_get_recipe (session),
                             NULL, NULL, &error);
  g_assert_no_error (error);
  fw_session_training_starts (session, run);
  timer = g_timeout_add (1, frame_tick, &frames);
  fw_trainer_start (fw_training_run_get_trainer (run));
  /* The first epoch pauses the trainer until a checkpoint is on disk: what a kill at that
   * moment would leave.  Without the pause a fast trainer may finish before the main loop
   * sees its first event, and the copy would be the finished model. */
  while (!done)
    {
      FwTrainerEvent *event;

      g_main_context_iteration (NULL, TRUE);
      while (!done && (event = fw_training_run_pop_event (run)) != NULL)
        {
          done = event->kind == FW_TRAINER_EVENT_DONE;
          if (event->kind == FW_TRAINER_EVENT_EPOCH && copies == 0 && !paused)
            {
              fw_trainer_pause (fw_training_run_get_trainer (run));
              paused = TRUE;
            }
          fw_trainer_event_free (event);
        }
      /* The file is replaced whole, so a copy is what the next start would find. */
      if (paused && g_file_query_exists (file, NULL))
        {
          g_autoptr(FwTrainedModel) copied = NULL;

          g_file_copy (file, crash, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
          g_assert_no_error (error);
          copied = model_in (crash);
          if (copied->checkpoint_epoch > 0)
            {
              copies++;
              paused = FALSE;
              fw_trainer_resume (fw_training_run_get_trainer (run));
            }
        }
    }
  g_source_remove (timer);
  g_test_message ("longest main-loop gap while training with checkpoints: %.2f ms "
                  "(%u ticks of a 1 ms timer)", frames.longest / 1000.0, frames.ticks);
  g_assert_cmpuint (copies, >, 0);

  /* The end: the last checkpoint is the best epoch, marked finished; the session's model,
   * once the run is freed, replaces it with the whole trained model. */
  trained = fw_training_run_finish (run, NULL, &error);
  g_assert_no_error (error);
  fw_session_set_trained (session, trained, fw_training_run_steal_dataset (run));
  final = model_in (file);
  g_assert_true (final->checkpoint_finished);
  g_assert_cmpuint (final->checkpoint_epoch, ==, fw_training_run_get_best_epoch (run));
  g_clear_pointer (&final, fw_trained_model_free);
  fw_training_run_free (run);
  final = model_in (file);
  g_assert_cmpuint (final->checkpoint_epoch, ==, 0);
  g_assert_cmpuint (json_object_get_size (final->test_metrics), >, 0);

  /* The copy taken mid-training restores its model and says which epoch it is. */
  at_crash = model_in (crash);
  g_assert_cmpuint (at_crash->checkpoint_epoch, >=, 1);
  g_assert_cmpuint (at_crash->checkpoint_epoch, <, 30);
  g_assert_cmpuint (at_crash->checkpoint_epochs, ==, 30);
  g_assert_false (at_crash->checkpoint_finished);
  {
    g_autoptr(FwSession) second_session = fw_session_new ();
    g_autoptr(FwProject) second = fw_project_new (second_session);
    g_autoptr(FwProjectFile) contents = fw_project_file_load (crash, &error);
    g_autofree char *expected = g_strdup_printf ("Restored the model from epoch %u of 30; "
                                                 "training did not finish.",
                                                 at_crash->checkpoint_epoch);
    Restored restored = { 0 };

    g_assert_no_error (error);
    g_assert_cmpstr (contents->step, ==, "train");
    g_signal_connect (second, "restored", G_CALLBACK (on_restored), &restored);
    fw_project_expect_data (second, g_steal_pointer (&contents), NULL, csv, NULL);
    fw_core_test_open (second_session, csv);
    fw_core_test_wait (is_restored, &restored, "the restore");
    g_assert_nonnull (restored.note);
    g_assert_nonnull (strstr (restored.note, expected));
    g_assert_cmpuint (fw_session_get_trained (second_session)->checkpoint_epoch, ==,
                      at_crash->checkpoint_epoch);
    /* Saved on the Train step, it opens on Results: the model is there to be read. */
    g_assert_cmpstr (fw_project_get_step (second), ==, "results");
    g_free (restored.note);
    fw_core_test_assert_finalized (g_steal_pointer (&second));
  }
  fw_project_discard_autosave (project);
  fw_recovery_discard (g_steal_pointer (&recovery));
  fw_core_test_assert_finalized (g_steal_pointer (&project));
}

/* The single autosave of earlier versions becomes a session of its own, offered like the
 * others. */
static void
test_legacy (void)
{
  g_autoptr(GFile) csv = fw_core_test_write_sample ("loans.csv", 50);
  g_autoptr(GFile) folder_file = fw_core_test_file ("recovery");
  const char *folder = g_file_peek_path (folder_file);
  g_autoptr(GFile) legacy = g_file_new_build_filename (g_get_user_state_dir (), "fairway",
                                                       "autosave.fairway", NULL);
  g_autoptr(GFile) legacy_folder = g_file_get_parent (legacy);
  g_autoptr(FwProjectFile) project = fw_project_file_new ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  FwRecoveryEntry *entry;

  /* Nothing there: nothing to do. */
  g_assert_true (fw_recovery_adopt_legacy (folder, &error));
  g_assert_no_error (error);
  g_mkdir_with_parents (g_file_peek_path (legacy_folder), 0700);
  project->data_path = g_file_get_path (csv);
  project->step = g_strdup ("clean");
  g_assert_true (fw_project_file_save (project, legacy, &error));
  g_assert_no_error (error);

  g_assert_true (fw_recovery_adopt_legacy (folder, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_query_exists (legacy, NULL));
  entries = fw_recovery_list (folder);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->data_name, ==, "loans.csv");
  g_assert_cmpstr (entry->step, ==, "clean");
  g_assert_true (fw_recovery_delete (folder, entry->id, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--writer"))
    return writer_main (argv[2], argv[3]);
  if (argc == 3 && g_str_equal (argv[1], "--list"))
    return list_main (argv[2]);

  fw_core_test_init (&argc, &argv);
  g_test_add_func ("/core/recovery/two-processes", test_two_processes);
  g_test_add_func ("/core/recovery/claim", test_claim);
  g_test_add_func ("/core/recovery/legacy", test_legacy);
  g_test_add_func ("/core/recovery/training-checkpoints", test_training_checkpoints);
  return g_test_run ();
}
