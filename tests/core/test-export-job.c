/* test-export-job.c — the Export step's files written by the job: each reopens with its own
 * reader (or the test's), a failure leaves nothing, and the job keeps its own snapshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include "fw-core-test.h"
#include "fw-export-job.h"
#include "fw-model-file.h"

#define SAMPLE_ROWS 600
#define INTENDED_USE "Screening loan applications for a second look by a person."

typedef struct
{
  FwSession   *session;
  GFile       *csv;
  GFile       *folder;
  FwExportJob *finished;
  gboolean     done;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->session = fw_session_new ();
  fixture->csv = fw_core_test_write_sample ("loans.csv", SAMPLE_ROWS);
  fixture->folder = fw_core_test_file ("out");
  g_assert_true (g_file_make_directory (fixture->folder, NULL, &error));
  g_assert_no_error (error);
  fw_core_test_open (fixture->session, fixture->csv);
  fw_core_test_train (fixture->session, "approved");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_pointer (&fixture->finished, fw_export_job_free);
  g_object_unref (fixture->folder);
  g_object_unref (fixture->csv);
  g_assert_finalize_object (fixture->session);
}

static void
run_done (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  Fixture *fixture = data;

  fixture->finished = fw_export_job_run_finish (result);
  fixture->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((Fixture *) data)->done;
}

/* Runs @job on a worker and returns it, with each file's outcome. */
static FwExportJob *
run (Fixture      *fixture,
     FwExportJob  *job,
     GCancellable *cancellable)
{
  g_clear_pointer (&fixture->finished, fw_export_job_free);
  fixture->done = FALSE;
  fw_export_job_run_async (job, cancellable, run_done, fixture);
  fw_core_test_wait (is_done, fixture, "the files to be written");
  return fixture->finished;
}

static GFile *
out_file (Fixture    *fixture,
          const char *name)
{
  return g_file_get_child (fixture->folder, name);
}

static void
assert_starts_with (GFile      *file,
                    const char *prefix,
                    gsize       length)
{
  g_autofree char *contents = NULL;
  gsize size = 0;

  g_assert_true (g_file_load_contents (file, NULL, &contents, &size, NULL, NULL));
  g_assert_cmpuint (size, >, length);
  g_assert_cmpmem (contents, length, prefix, length);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* The names in the job's folder, sorted and joined by spaces. */
static char *
folder_listing (Fixture *fixture)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GFileInfo *info;

  children = g_file_enumerate_children (fixture->folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NONE, NULL, NULL);
  while (g_file_enumerator_iterate (children, &info, NULL, NULL, NULL) && info != NULL)
    g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
test_kinds (void)
{
  static const char *const names[FW_N_EXPORTS] = {
    "model", "onnx", "predictions", "report-pdf", "report-html", "recipe",
  };
  static const char *const suggested[FW_N_EXPORTS] = {
    "loans.fwmodel", "loans.onnx", "loans-predictions.csv", "loans-report.pdf",
    "loans-report.html", "loans-recipe.json",
  };
  g_autoptr(GFile) data = g_file_new_for_path ("/data/loans.csv");
  g_autoptr(GFile) hidden = g_file_new_for_path ("/data/.csv");
  g_autoptr(GFile) two_dots = g_file_new_for_path ("/data/loans.2024.csv");
  FwExportKind kind;

  for (guint k = 0; k < FW_N_EXPORTS; k++)
    {
      g_autofree char *name = fw_export_suggest_name (k, data);

      g_assert_cmpstr (fw_export_kind_to_string (k), ==, names[k]);
      g_assert_true (fw_export_kind_from_string (names[k], &kind));
      g_assert_cmpint (kind, ==, k);
      g_assert_cmpstr (name, ==, suggested[k]);
    }
  g_assert_false (fw_export_kind_from_string ("pdf", &kind));
  g_assert_false (fw_export_kind_from_string (NULL, &kind));
  {
    g_autofree char *untitled = fw_export_suggest_name (FW_EXPORT_MODEL, NULL);
    g_autofree char *dot = fw_export_suggest_name (FW_EXPORT_ONNX, hidden);
    g_autofree char *last = fw_export_suggest_name (FW_EXPORT_RECIPE, two_dots);

    g_assert_cmpstr (untitled, ==, "model.fwmodel");
    g_assert_cmpstr (dot, ==, "model.onnx");
    g_assert_cmpstr (last, ==, "loans.2024-recipe.json");
  }
}

static void
test_no_model (void)
{
  g_autoptr(FwSession) session = fw_session_new ();
  g_autoptr(GError) error = NULL;

  g_assert_null (fw_export_job_new (session, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "Train a model first.");
}

/* Every kind at once; each file read back by what reads it for real. */
static void
test_files (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GFile) model = out_file (fixture, "loans.fwmodel");
  g_autoptr(GFile) onnx = out_file (fixture, "loans.onnx");
  g_autoptr(GFile) predictions = out_file (fixture, "loans-predictions.csv");
  g_autoptr(GFile) pdf = out_file (fixture, "loans-report.pdf");
  g_autoptr(GFile) html = out_file (fixture, "loans-report.html");
  g_autoptr(GFile) recipe_file = out_file (fixture, "loans-recipe.json");
  g_autoptr(FwTrainedModel) loaded = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL, *header = NULL, *csv_path = NULL, *sha = NULL, *listing = NULL;
  g_auto(GStrv) lines = NULL;
  FwTrainedModel *trained = fw_session_get_trained (fixture->session);
  FwExportJob *job;
  JsonObject *recipe;

  job = fw_export_job_new (fixture->session, INTENDED_USE, &error);
  g_assert_no_error (error);
  fw_export_job_add (job, FW_EXPORT_MODEL, model);
  fw_export_job_add (job, FW_EXPORT_ONNX, onnx);
  fw_export_job_add (job, FW_EXPORT_PREDICTIONS, predictions);
  fw_export_job_add (job, FW_EXPORT_REPORT_PDF, pdf);
  fw_export_job_add (job, FW_EXPORT_REPORT_HTML, html);
  fw_export_job_add (job, FW_EXPORT_RECIPE, recipe_file);
  job = run (fixture, job, NULL);
  g_assert_cmpuint (fw_export_job_get_n_items (job), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      g_assert_no_error ((GError *) fw_export_job_get_error (job, i));
      g_assert_cmpint (fw_export_job_get_kind (job, i), ==, i);
      g_assert_true (g_file_query_exists (fw_export_job_get_file (job, i), NULL));
    }
  /* Those six and nothing else: no temporary file left behind. */
  listing = folder_listing (fixture);
  g_assert_cmpstr (listing, ==, "loans-predictions.csv loans-recipe.json loans-report.html "
                                "loans-report.pdf loans.fwmodel loans.onnx");

  /* The model: loads and predicts exactly as the one in the session. */
  loaded = fw_trained_model_load (model, &error);
  g_assert_no_error (error);
  fw_core_test_assert_same_predictions (trained, loaded, fw_session_get_table (fixture->session));

  /* The predictions: the CLI's header, one line per row, numbered from 1. */
  g_assert_true (g_file_load_contents (predictions, NULL, &text, NULL, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  header = g_strdup_printf ("row,prediction,p_%s,p_%s", trained->class_names[0],
                            trained->class_names[1]);
  g_assert_cmpstr (lines[0], ==, header);
  g_assert_cmpuint (g_strv_length (lines), ==, SAMPLE_ROWS + 2);   /* and a final "" */
  g_assert_true (g_str_has_prefix (lines[1], "1,"));
  g_assert_true (g_str_has_prefix (lines[SAMPLE_ROWS], "600,"));
  g_assert_cmpstr (lines[SAMPLE_ROWS + 1], ==, "");

  /* The recipe: replayable, naming the data by path and by its own fingerprint. */
  g_assert_true (json_parser_load_from_file (parser, g_file_peek_path (recipe_file), &error));
  g_assert_no_error (error);
  recipe = json_node_get_object (json_parser_get_root (parser));
  csv_path = g_file_get_path (fixture->csv);
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (csv_path, &contents, &length, NULL));
    sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  }
  g_assert_cmpstr (json_object_get_string_member (recipe, "data"), ==, csv_path);
  g_assert_cmpstr (json_object_get_string_member (recipe, "data_sha256"), ==, sha);
  g_assert_cmpstr (json_object_get_string_member (recipe, "target"), ==, "approved");
  g_assert_cmpstr (json_object_get_string_member (recipe, "fairway_version"), ==,
                   PACKAGE_VERSION);
  g_assert_cmpstr (json_object_get_string_member (recipe, "backend"), ==, trained->backend);
  {
    g_autoptr(FwRecipe) replay = fw_recipe_load (recipe_file, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (replay->steps->len, ==,
                      fw_session_get_recipe (fixture->session)->steps->len);
  }

  /* The ONNX graph and the model card, with the intended use in it (the cli suite checks
   * their contents in depth). */
  assert_starts_with (onnx, "\x08", 1);           /* ModelProto field 1: ir_version */
  assert_starts_with (pdf, "%PDF-", 5);
  assert_starts_with (html, "<!DOCTYPE html>", 15);
  {
    g_autofree char *page = NULL;

    g_assert_true (g_file_load_contents (html, NULL, &page, NULL, NULL, NULL));
    g_assert_nonnull (strstr (page, INTENDED_USE));
  }
}

/* The job works from its own snapshot: the session may drop its model meanwhile. */
static void
test_snapshot (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GFile) model = out_file (fixture, "loans.fwmodel");
  g_autoptr(GFile) before = out_file (fixture, "before.fwmodel");
  g_autoptr(FwTrainedModel) loaded = NULL, kept = NULL;
  g_autoptr(GError) error = NULL;
  FwExportJob *job;

  g_assert_true (fw_trained_model_save (fw_session_get_trained (fixture->session), before,
                                        &error));
  g_assert_no_error (error);
  job = fw_export_job_new (fixture->session, NULL, &error);
  g_assert_no_error (error);
  fw_export_job_add (job, FW_EXPORT_MODEL, model);
  /* Any edit drops the trained model. */
  fw_session_add_step (fixture->session, FW_STEP_DROP_COLUMN, "region", NULL);
  g_assert_null (fw_session_get_trained (fixture->session));

  /* On the calling thread this time, as the CLI would. */
  fw_export_job_run (job, NULL);
  g_assert_no_error ((GError *) fw_export_job_get_error (job, 0));
  fw_export_job_free (job);
  loaded = fw_trained_model_load (model, &error);
  g_assert_no_error (error);
  kept = fw_trained_model_load (before, &error);
  g_assert_no_error (error);
  fw_core_test_assert_same_predictions (kept, loaded, fw_session_get_table (fixture->session));
}

/* A folder that is not there, a file where a folder should be, a cancelled job: an error
 * for each file, and no file (nor temporary file) left behind. */
static void
test_failures (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GFile) missing = g_file_new_build_filename (g_file_peek_path (fixture->folder),
                                                        "no-such-folder", "loans.fwmodel",
                                                        NULL);
  g_autoptr(GFile) blocker = out_file (fixture, "not-a-folder");
  g_autoptr(GFile) under_file = g_file_get_child (blocker, "loans-predictions.csv");
  g_autoptr(GFile) cancelled_file = out_file (fixture, "loans-report.html");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  FwExportJob *job;

  g_assert_true (g_file_replace_contents (blocker, "x", 1, NULL, FALSE, G_FILE_CREATE_NONE,
                                          NULL, NULL, &error));
  job = fw_export_job_new (fixture->session, NULL, &error);
  g_assert_no_error (error);
  fw_export_job_add (job, FW_EXPORT_MODEL, missing);
  fw_export_job_add (job, FW_EXPORT_PREDICTIONS, under_file);
  job = run (fixture, job, NULL);
  g_assert_error ((GError *) fw_export_job_get_error (job, 0), G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_error ((GError *) fw_export_job_get_error (job, 1), G_IO_ERROR,
                  G_IO_ERROR_NOT_DIRECTORY);
  g_assert_false (g_file_query_exists (missing, NULL));

  /* Cancelled: on a worker, and on the calling thread, each file says so. */
  g_cancellable_cancel (cancellable);
  job = fw_export_job_new (fixture->session, NULL, &error);
  g_assert_no_error (error);
  fw_export_job_add (job, FW_EXPORT_REPORT_HTML, cancelled_file);
  job = run (fixture, job, cancellable);
  g_assert_nonnull (job);
  g_assert_error ((GError *) fw_export_job_get_error (job, 0), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  job = fw_export_job_new (fixture->session, NULL, &error);
  g_assert_no_error (error);
  fw_export_job_add (job, FW_EXPORT_REPORT_HTML, cancelled_file);
  fw_export_job_run (job, cancellable);
  g_assert_error ((GError *) fw_export_job_get_error (job, 0), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  fw_export_job_free (job);

  /* Only what the test wrote itself is in the folder. */
  listing = folder_listing (fixture);
  g_assert_cmpstr (listing, ==, "not-a-folder");
}

int
main (int   argc,
      char *argv[])
{
  fw_core_test_init (&argc, &argv);

  g_test_add_func ("/core/export-job/kinds", test_kinds);
  g_test_add_func ("/core/export-job/no-model", test_no_model);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/export-job/files", test_files);
  ADD ("/core/export-job/snapshot", test_snapshot);
  ADD ("/core/export-job/failures", test_failures);
#undef ADD

  return g_test_run ();
}
