/* test-project.c — projects headless: save and open again, autosave, what a restore says
 *
 * Every file the project writes is read back here with json-glib and GLib's own checksum
 * and base64, not with the project-file code that wrote it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include "fw-core-test.h"
#include "fw-project.h"
#include "fw-recovery.h"

#define SAMPLE_ROWS 500

typedef struct
{
  FwSession *session;
  FwProject *project;
  GFile     *csv;
  gboolean   restored;
  char      *note;              /* of the last "restored" */
} Fixture;

static void
restored_cb (FwProject  *project,
             const char *note,
             gpointer    data)
{
  Fixture *fixture = data;

  fixture->restored = TRUE;
  g_free (fixture->note);
  fixture->note = g_strdup (note);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->session = fw_session_new ();
  fixture->project = fw_project_new (fixture->session);
  g_signal_connect (fixture->project, "restored", G_CALLBACK (restored_cb), fixture);
  fixture->csv = fw_core_test_write_sample ("loans.csv", SAMPLE_ROWS);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  /* The worker hashing the data holds the project until it reports back. */
  fw_core_test_assert_finalized (fixture->project);
  g_assert_finalize_object (fixture->session);
  g_object_unref (fixture->csv);
  g_free (fixture->note);
}

/* The file's root object, parsed by json-glib alone. */
static JsonObject *
read_json (GFile *file)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
sha256_of (GFile *file)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_load_contents (file, NULL, &contents, &length, NULL, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_query_exists (data, NULL);
}

/* Saved with a trained model; the file says so in its own words; opened again in a second
 * session, everything comes back, the model to the last bit of its predictions. */
static void
test_save_open (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GFile) file = fw_core_test_file ("loans.fairway");
  g_autoptr(GFile) model_file = fw_core_test_file ("embedded.fwmodel");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(FwTrainedModel) embedded = NULL;
  g_autoptr(FwProject) second = NULL;
  g_autoptr(FwSession) second_session = NULL;
  g_autofree char *csv_path = g_file_get_path (fixture->csv);
  g_autofree char *sha = sha256_of (fixture->csv);
  g_autofree guchar *model_bytes = NULL;
  const FwRecipe *a, *b;
  JsonObject *object;
  gsize model_length;
  Fixture restored = { 0, };

  fw_core_test_open (fixture->session, fixture->csv);
  fw_core_test_train (fixture->session, "approved");
  fw_project_set_intended_use (fixture->project, "Second looks at loan applications.");
  fw_project_set_step (fixture->project, "results");
  g_assert_true (fw_project_get_modified (fixture->project));
  g_assert_true (fw_project_has_unsaved_work (fixture->project));
  g_assert_null (fw_project_get_file (fixture->project));

  g_assert_true (fw_project_save (fixture->project, file, &error));
  g_assert_no_error (error);
  g_assert_false (fw_project_get_modified (fixture->project));
  g_assert_false (fw_project_has_unsaved_work (fixture->project));
  g_assert_true (g_file_equal (fw_project_get_file (fixture->project), file));

  root = read_json (file);
  g_assert_cmpint (json_object_get_int_member (root, "fairway_project"), ==, 1);
  object = json_object_get_object_member (root, "data");
  g_assert_cmpstr (json_object_get_string_member (object, "path"), ==, csv_path);
  g_assert_cmpstr (json_object_get_string_member (object, "relative"), ==, "loans.csv");
  g_assert_cmpstr (json_object_get_string_member (object, "sha256"), ==, sha);
  object = json_object_get_object_member (root, "recipe");
  g_assert_cmpstr (json_object_get_string_member (object, "target"), ==, "approved");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "steps")), ==,
                    fw_session_get_recipe (fixture->session)->steps->len);
  g_assert_cmpstr (json_array_get_string_element (
    json_object_get_array_member (object, "sensitive"), 0), ==, "sex");
  g_assert_cmpstr (json_object_get_string_member (root, "intended_use"), ==,
                   "Second looks at loan applications.");
  g_assert_cmpstr (json_object_get_string_member (root, "step"), ==, "results");
  /* The model, as base64 of a .fwmodel that the model loader takes as it is. */
  object = json_object_get_object_member (root, "model");
  g_assert_cmpstr (json_object_get_string_member (object, "encoding"), ==, "base64");
  model_bytes = g_base64_decode (json_object_get_string_member (object, "fwmodel"),
                                 &model_length);
  g_assert_true (g_file_replace_contents (model_file, (const char *) model_bytes, model_length,
                                          NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error));
  embedded = fw_trained_model_load (model_file, &error);
  g_assert_no_error (error);
  fw_core_test_assert_same_predictions (fw_session_get_trained (fixture->session), embedded,
                                        fw_session_get_table (fixture->session));

  /* Opening: the project waits for its data, then puts everything back. */
  second_session = fw_session_new ();
  second = fw_project_new (second_session);
  g_signal_connect (second, "restored", G_CALLBACK (restored_cb), &restored);
  {
    g_autoptr(FwProjectFile) contents = fw_project_file_load (file, &error);

    g_assert_no_error (error);
    fw_project_expect_data (second, g_steal_pointer (&contents), file, fixture->csv, NULL);
  }
  g_assert_true (fw_project_is_expecting_data (second));
  fw_core_test_open (second_session, fixture->csv);
  g_assert_true (restored.restored);
  g_assert_null (restored.note);
  g_assert_false (fw_project_is_expecting_data (second));

  a = fw_session_get_recipe (fixture->session);
  b = fw_session_get_recipe (second_session);
  g_assert_cmpstr (b->target, ==, a->target);
  g_assert_cmpuint (b->steps->len, ==, a->steps->len);
  g_assert_cmpuint (b->sensitive->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (b->sensitive, 0), ==, "sex");
  g_assert_cmpint (b->model.epochs, ==, 3);
  g_assert_cmpstr (fw_project_get_intended_use (second), ==,
                   "Second looks at loan applications.");
  g_assert_cmpstr (fw_project_get_step (second), ==, "results");
  g_assert_nonnull (fw_session_get_dataset (second_session));
  fw_core_test_assert_same_predictions (fw_session_get_trained (fixture->session),
                                        fw_session_get_trained (second_session),
                                        fw_session_get_table (second_session));
  /* Just opened: nothing to save, and the file is the project's. */
  g_assert_false (fw_project_get_modified (second));
  g_assert_true (g_file_equal (fw_project_get_file (second), file));
  g_free (restored.note);
}

/* The data changed after the save: the model comes back, with a word about it. */
static void
test_changed_data (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GFile) file = fw_core_test_file ("loans.fairway");
  g_autoptr(FwProjectFile) contents = NULL;
  g_autoptr(FwSession) second_session = fw_session_new ();
  g_autoptr(FwProject) second = fw_project_new (second_session);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  static const char row[] = "A9999999,40,36-45,female,single,master,employed,5,50000,,10000,36,"
                            "700,0.2,0,rent,car,North,2023-01-01,EUR,no\n";
  Fixture restored = { 0, };

  fw_core_test_open (fixture->session, fixture->csv);
  fw_core_test_train (fixture->session, "approved");
  g_assert_true (fw_project_save (fixture->project, file, &error));
  g_assert_no_error (error);

  /* One more row: the same columns, another fingerprint. */
  out = g_file_append_to (fixture->csv, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (G_OUTPUT_STREAM (out), row, strlen (row), NULL,
                                            NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error));

  g_signal_connect (second, "restored", G_CALLBACK (restored_cb), &restored);
  contents = fw_project_file_load (file, &error);
  g_assert_no_error (error);
  fw_project_expect_data (second, g_steal_pointer (&contents), file, fixture->csv, NULL);
  fw_core_test_open (second_session, fixture->csv);
  g_assert_cmpuint (fw_table_n_rows (fw_session_get_table (second_session)), ==,
                    SAMPLE_ROWS + 1);
  g_assert_true (restored.restored);
  g_assert_nonnull (restored.note);
  g_assert_nonnull (strstr (restored.note, "“loans.csv” has changed since the project was saved"));
  g_assert_nonnull (fw_session_get_trained (second_session));
  g_free (restored.note);
}

/* Another file opened while a project waits for its data: the project is dropped. */
static void
test_other_data (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GFile) file = fw_core_test_file ("loans.fairway");
  g_autoptr(GFile) other = fw_core_test_write_sample ("other.csv", 50);
  g_autoptr(GError) error = NULL;

  fw_core_test_open (fixture->session, fixture->csv);
  g_assert_true (fw_project_save (fixture->project, file, &error));
  g_assert_no_error (error);
  fw_project_expect_data (fixture->project, fw_project_file_load (file, &error), file,
                          fixture->csv, "a note");
  g_assert_no_error (error);
  fw_core_test_open (fixture->session, other);
  g_assert_false (fixture->restored);
  g_assert_false (fw_project_is_expecting_data (fixture->project));
  /* A new, untitled project on the other data. */
  g_assert_null (fw_project_get_file (fixture->project));
  g_assert_true (fw_project_get_modified (fixture->project));
}

/* Data alone is not work to ask about on close; a choice or a typed sentence is. */
static void
test_unsaved_work (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_false (fw_project_get_modified (fixture->project));
  g_assert_false (fw_project_has_unsaved_work (fixture->project));
  fw_core_test_open (fixture->session, fixture->csv);
  g_assert_true (fw_project_get_modified (fixture->project));
  g_assert_false (fw_project_has_unsaved_work (fixture->project));
  fw_project_set_intended_use (fixture->project, "");
  g_assert_false (fw_project_has_unsaved_work (fixture->project));
  fw_project_set_intended_use (fixture->project, "Screening");
  g_assert_true (fw_project_has_unsaved_work (fixture->project));
  fw_project_set_intended_use (fixture->project, NULL);
  g_assert_false (fw_project_has_unsaved_work (fixture->project));
  fw_session_add_step (fixture->session, FW_STEP_DROP_COLUMN, "applicant_id", NULL);
  g_assert_true (fw_project_has_unsaved_work (fixture->project));
}

typedef struct
{
  GFile *file;
  guint  n_steps;
} AutosaveWait;

/* The autosave is there and records @n_steps cleaning steps. */
static gboolean
autosave_has_steps (gpointer data)
{
  AutosaveWait *wait = data;
  g_autoptr(JsonObject) root = NULL;

  if (!g_file_query_exists (wait->file, NULL))
    return FALSE;
  root = read_json (wait->file);
  return json_array_get_length (json_object_get_array_member (
    json_object_get_object_member (root, "recipe"), "steps")) == wait->n_steps;
}

/* A change writes the autosave a moment later; a save makes it redundant and removes it. */
static void
test_autosave (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *folder = fw_recovery_default_folder ();
  g_autoptr(FwRecovery) recovery = fw_recovery_new (folder, NULL);
  g_autoptr(GFile) autosave = g_object_ref (fw_recovery_get_file (recovery));
  g_autoptr(GFile) file = fw_core_test_file ("loans.fairway");
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = g_file_get_path (fixture->csv);
  g_autofree char *sha = sha256_of (fixture->csv);
  g_autofree char *state_recovery = g_build_filename (g_get_user_state_dir (), "fairway",
                                                      "recovery", NULL);
  g_autoptr(GFile) parent = g_file_get_parent (autosave);
  AutosaveWait wait = { autosave, 0 };
  gint64 opened;

  /* In the user's state folder (here a throw-away one), one file per session. */
  g_assert_cmpstr (g_file_peek_path (parent), ==, state_recovery);
  g_assert_false (g_file_query_exists (autosave, NULL));
  fw_project_set_autosave_file (fixture->project, autosave);
  g_assert_true (fw_project_get_autosave_file (fixture->project) == autosave);

  opened = g_get_monotonic_time ();
  fw_core_test_open (fixture->session, fixture->csv);
  fw_core_test_wait (file_exists, autosave, "the autosave to be written");
  /* Not at once: a burst of changes is one write. */
  g_assert_cmpint (g_get_monotonic_time () - opened, >=,
                   FW_PROJECT_AUTOSAVE_DELAY_MS * G_TIME_SPAN_MILLISECOND);
  root = read_json (autosave);
  g_assert_cmpstr (json_object_get_string_member (
    json_object_get_object_member (root, "data"), "path"), ==, csv_path);
  /* The data's fingerprint, which a worker computes, is the file's. */
  g_assert_cmpstr (json_object_get_string_member (
    json_object_get_object_member (root, "data"), "sha256"), ==, sha);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (root, "model")));

  /* Two quick edits, then the autosave catches up with both. */
  fw_session_add_step (fixture->session, FW_STEP_DROP_COLUMN, "applicant_id", NULL);
  fw_session_add_step (fixture->session, FW_STEP_DROP_COLUMN, "application_date", NULL);
  wait.n_steps = 2;
  fw_core_test_wait (autosave_has_steps, &wait, "the autosave to record both steps");

  /* Saving makes the autosave redundant. */
  g_assert_true (fw_project_save (fixture->project, file, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_query_exists (autosave, NULL));
  g_assert_true (file_exists (file));

  /* A clean close removes it too. */
  fw_session_undo (fixture->session);
  g_assert_true (fw_project_autosave_now (fixture->project, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_query_exists (autosave, NULL));
  fw_project_discard_autosave (fixture->project);
  g_assert_false (g_file_query_exists (autosave, NULL));
}

static gboolean
autosave_has_model (gpointer data)
{
  g_autoptr(JsonObject) root = NULL;

  if (!g_file_query_exists (data, NULL))
    return FALSE;
  root = read_json (data);
  return JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "model"));
}

/* A model that just finished training is the most expensive thing to lose: written
 * without the usual delay, and restored (as unsaved work) from the autosave. */
static void
test_autosave_restore (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GFile) autosave = fw_core_test_file ("autosave.fairway");
  g_autoptr(FwSession) second_session = fw_session_new ();
  g_autoptr(FwProject) second = fw_project_new (second_session);
  g_autoptr(FwProjectFile) contents = NULL;
  g_autoptr(GError) error = NULL;
  Fixture restored = { 0, };

  fw_project_set_autosave_file (fixture->project, autosave);
  fw_core_test_open (fixture->session, fixture->csv);
  fw_core_test_train (fixture->session, "approved");
  /* Only the data's fingerprint, computed by a worker, is waited for. */
  fw_core_test_wait (autosave_has_model, autosave, "the trained model to be autosaved");

  fw_project_set_autosave_file (second, autosave);
  g_signal_connect (second, "restored", G_CALLBACK (restored_cb), &restored);
  contents = fw_project_file_load (autosave, &error);
  g_assert_no_error (error);
  fw_project_expect_data (second, g_steal_pointer (&contents), NULL, fixture->csv, NULL);
  fw_core_test_open (second_session, fixture->csv);
  g_assert_true (restored.restored);
  fw_core_test_assert_same_predictions (fw_session_get_trained (fixture->session),
                                        fw_session_get_trained (second_session),
                                        fw_session_get_table (second_session));
  /* Restored work is unsaved work, in an untitled project. */
  g_assert_null (fw_project_get_file (second));
  g_assert_true (fw_project_get_modified (second));
  g_assert_true (fw_project_has_unsaved_work (second));
  fw_project_discard_autosave (second);
  fw_project_discard_autosave (fixture->project);
  g_assert_false (g_file_query_exists (autosave, NULL));
  g_free (restored.note);
}

/* Thresholds chosen by hand on the Results step, after the model was trained, are saved
 * with the project: opened again, the recipe and the model hold them, and the model decides
 * as the saved one did. */
static void
test_save_open_group_thresholds (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GFile) file = fw_core_test_file ("manual.fairway");
  g_autoptr(GError) error = NULL;
  g_autoptr(FwProject) second = NULL;
  g_autoptr(FwSession) second_session = NULL;
  const FwDataset *dataset;
  const FwRecipe *recipe;
  FwTrainedModel *trained;
  g_autofree double *values = NULL;
  FwGroupThresholdSet set;
  Fixture restored = { 0, };
  guint n_groups;

  fw_core_test_open (fixture->session, fixture->csv);
  fw_core_test_train (fixture->session, "approved");
  /* Saved once before the thresholds change, so a stale copy of the model would show. */
  g_assert_true (fw_project_save (fixture->project, file, &error));
  g_assert_no_error (error);
  dataset = fw_session_get_dataset (fixture->session);
  n_groups = g_strv_length (dataset->sensitive_groups[0]);
  values = g_new (double, n_groups);
  for (guint g = 0; g < n_groups; g++)
    values[g] = 0.35 + 0.3 * g / MAX (n_groups - 1, 1);
  set = (FwGroupThresholdSet) {
    .attribute = dataset->sensitive_names[0],
    .names = (const char *const *) dataset->sensitive_groups[0],
    .values = values, .common = 0.45, };
  g_assert_true (fw_session_set_group_thresholds (fixture->session, &set, &error));
  g_assert_no_error (error);
  g_assert_true (fw_project_save (fixture->project, file, &error));
  g_assert_no_error (error);

  second_session = fw_session_new ();
  second = fw_project_new (second_session);
  g_signal_connect (second, "restored", G_CALLBACK (restored_cb), &restored);
  {
    g_autoptr(FwProjectFile) contents = fw_project_file_load (file, &error);

    g_assert_no_error (error);
    fw_project_expect_data (second, g_steal_pointer (&contents), file, fixture->csv, NULL);
  }
  fw_core_test_open (second_session, fixture->csv);
  g_assert_true (restored.restored);
  recipe = fw_session_get_recipe (second_session);
  g_assert_cmpint (recipe->threshold_policy, ==, FW_THRESHOLD_POLICY_MANUAL);
  g_assert_cmpstr (recipe->threshold_attribute, ==, dataset->sensitive_names[0]);
  g_assert_cmpfloat (recipe->threshold, ==, 0.45);
  g_assert_cmpstrv (recipe->group_thresholds_names, dataset->sensitive_groups[0]);
  trained = fw_session_get_trained (second_session);
  g_assert_nonnull (trained);
  g_assert_cmpint (trained->thresholds->policy, ==, FW_THRESHOLD_POLICY_MANUAL);
  for (guint g = 0; g < n_groups; g++)
    {
      g_assert_cmpfloat (recipe->group_thresholds_values[g], ==, values[g]);
      g_assert_cmpfloat (fw_thresholds_lookup (trained->thresholds,
                                               dataset->sensitive_groups[0][g]), ==, values[g]);
    }
  {
    const FwTable *table = fw_session_get_table (second_session);
    g_autofree float *p = fw_trained_model_predict (trained, table, &error);
    g_autofree guint32 *before = NULL, *after = NULL;

    g_assert_no_error (error);
    before = fw_trained_model_decide (fw_session_get_trained (fixture->session), table, p);
    after = fw_trained_model_decide (trained, table, p);
    g_assert_cmpmem (before, fw_table_n_rows (table) * sizeof (guint32),
                     after, fw_table_n_rows (table) * sizeof (guint32));
  }
  g_free (restored.note);
}

int
main (int   argc,
      char *argv[])
{
  fw_core_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/project/save-open", test_save_open);
  ADD ("/core/project/changed-data", test_changed_data);
  ADD ("/core/project/other-data", test_other_data);
  ADD ("/core/project/unsaved-work", test_unsaved_work);
  ADD ("/core/project/autosave", test_autosave);
  ADD ("/core/project/autosave-restore", test_autosave_restore);
  ADD ("/core/project/save-open-group-thresholds", test_save_open_group_thresholds);
#undef ADD

  return g_test_run ();
}
