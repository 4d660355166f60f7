/* fw-core-test.c — what the core tests share: isolated folders, waiting on the main loop,
 * real data in a session and a model trained on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include "fw-csv-import.h"
#include "fw-model-file.h"
#include "fw-sample.h"
#include "fw-target-choice.h"
#include "fw-trainer.h"
#include "fw-core-test.h"

/* Iterations allowed for one wait; each blocks at most one wake-up tick. */
#define MAX_ITERATIONS 200000
#define WAKE_UP_MS     5

static char *home_root;

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL
         && g_file_enumerator_iterate (children, &info, NULL, NULL, NULL) && info != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

      remove_tree (child);
    }
  g_file_delete (file, NULL, NULL);
}

static void
remove_home_root (void)
{
  g_autoptr(GFile) root = g_file_new_for_path (home_root);

  remove_tree (root);
  g_clear_pointer (&home_root, g_free);
}

void
fw_core_test_init (int    *argc,
                   char ***argv)
{
  static const char *const user_dirs[] = {
    "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME",
  };
  g_autoptr(GError) error = NULL;

  /* Before anything reads them: the schema from the build tree, settings in memory, and
   * the user's folders (the autosave goes there) in a throw-away place.  Not
   * G_TEST_OPTION_ISOLATE_DIRS: GLib 2.74 leaks the folders it replaces between tests,
   * which the sanitizer run would report. */
  g_setenv ("GSETTINGS_SCHEMA_DIR", FW_TEST_SCHEMA_DIR, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  home_root = g_dir_make_tmp ("fairway-core-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (user_dirs); i++)
    {
      g_autofree char *dir = g_build_filename (home_root, user_dirs[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (user_dirs[i], dir, TRUE);
    }
  atexit (remove_home_root);
  g_test_init (argc, argv, NULL);
}

GFile *
fw_core_test_file (const char *name)
{
  /* A folder per test, named after its path, so no test sees another's files. */
  g_autofree char *test = g_strdelimit (g_strdup (g_test_get_path ()), "/", '_');
  g_autofree char *dir = g_build_filename (home_root, "tests", test, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_file_new_build_filename (dir, name, NULL);
}

GFile *
fw_core_test_write_sample (const char *name,
                           guint64     n_rows)
{
  g_autoptr(GError) error = NULL;
  GFile *file = fw_core_test_file (name);

  g_assert_true (fw_sample_write (file, n_rows, FW_SAMPLE_DEFAULT_SEED, NULL, &error));
  g_assert_no_error (error);
  return file;
}

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
fw_core_test_wait (gboolean   (*condition) (gpointer data),
                   gpointer     data,
                   const char  *what)
{
  guint tick = g_timeout_add (WAKE_UP_MS, wake_up, NULL);

  for (guint i = 0; i < MAX_ITERATIONS && !condition (data); i++)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  if (!condition (data))
    g_error ("gave up waiting for %s", what);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

void
fw_core_test_assert_finalized (gpointer object)
{
  g_assert_true (G_IS_OBJECT (object));
  g_object_add_weak_pointer (object, &object);
  g_object_unref (object);
  fw_core_test_wait (is_null, &object, "an object to be finalized");
}

void
fw_core_test_open (FwSession *session,
                   GFile     *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTableModel) model = NULL;
  FwTable *table = fw_csv_import_file (file, NULL, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  model = fw_table_model_new (table);
  /* No profile: the session makes it when first asked. */
  fw_session_set_data (session, file, model, NULL);
}

void
fw_core_test_train (FwSession  *session,
                    const char *target)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwRecipe) recipe = NULL;
  g_autoptr(FwTrainer) trainer = NULL;
  g_autoptr(JsonObject) metrics = json_object_new ();
  GFile *file = fw_session_get_file (session);
  FwDataset *dataset;
  FwTrainedModel *trained;
  gboolean done = FALSE;

  recipe = fw_recipe_new_suggested (fw_session_get_table (session),
                                    fw_session_get_profile (session), target, &error);
  g_assert_no_error (error);
  g_ptr_array_add (recipe->sensitive, g_strdup ("sex"));
  recipe->model.epochs = 3;
  {
    g_autoptr(FwTargetChoice) choice = fw_target_choice_new (fw_session_get_table (session),
                                                             recipe, &error);

    g_assert_no_error (error);
    if (choice->task == FW_TASK_REGRESSION)
      recipe->model.kind = FW_MODEL_LINEAR;
  }
  fw_session_set_recipe (session, recipe);

  dataset = fw_dataset_prepare (fw_session_get_table (session), fw_session_get_recipe (session),
                                NULL, &error);
  g_assert_no_error (error);
  trainer = fw_trainer_new (dataset, &recipe->model, recipe->seed, &error);
  g_assert_no_error (error);
  fw_trainer_start (trainer);
  while (!done)
    {
      FwTrainerEvent *event = fw_trainer_wait_event (trainer, G_USEC_PER_SEC / 10);

      if (event == NULL)
        continue;
      done = event->kind == FW_TRAINER_EVENT_DONE;
      if (done)
        g_assert_cmpint (event->outcome, !=, FW_TRAINER_FAILED);
      fw_trainer_event_free (event);
    }
  fw_trainer_join (trainer);
  trained = fw_trained_model_new (fw_session_get_recipe (session), dataset,
                                  fw_trainer_get_model (trainer), metrics, &error);
  g_assert_no_error (error);
  trained->data_name = g_file_get_basename (file);
  trained->data_sha256 = fw_file_sha256 (file, NULL, &error);
  g_assert_no_error (error);
  fw_session_set_trained (session, trained, dataset);
}

void
fw_core_test_assert_same_predictions (const FwTrainedModel *a,
                                      const FwTrainedModel *b,
                                      const FwTable        *table)
{
  g_autoptr(GError) error = NULL;
  g_autofree float *pa = fw_trained_model_predict (a, table, &error);
  g_autofree float *pb = NULL;
  gsize n = fw_table_n_rows (table) * fw_model_n_predictions (a->model);

  g_assert_no_error (error);
  pb = fw_trained_model_predict (b, table, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fw_model_n_predictions (a->model), ==, fw_model_n_predictions (b->model));
  /* The same bytes of weights: the same floats, not merely close ones. */
  g_assert_cmpmem (pa, n * sizeof (float), pb, n * sizeof (float));
}
