/* test-import.c — the import job: a real CSV and the bundled sample read on a worker thread,
 * progress on the main thread only, cancel and failure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include "fw-core-test.h"
#include "fw-import.h"
#include "fw-sample.h"

typedef struct
{
  FwImport       *import;
  GThread        *main_thread;
  GArray         *fractions;    /* double: each "notify::fraction", in order */
  gboolean        done;
  FwTable        *table;
  FwTableProfile *profile;
  FwCsvReport     report;
  GError         *error;
} Run;

static void
fraction_notified (FwImport   *import,
                   GParamSpec *pspec,
                   gpointer    data)
{
  Run *run = data;
  double fraction = fw_import_get_fraction (import);

  /* The worker never notifies: the window may only be touched from here. */
  g_assert_true (g_thread_self () == run->main_thread);
  g_array_append_val (run->fractions, fraction);
}

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Run *run = data;

  run->table = fw_import_run_finish (FW_IMPORT (source), result, &run->report, &run->profile,
                                     &run->error);
  run->done = TRUE;
}

static gboolean
run_done (gpointer data)
{
  return ((Run *) data)->done;
}

/* Runs @import to its end on the main loop, with @cancellable. */
static void
run_import (Run          *run,
            FwImport     *import,
            GCancellable *cancellable)
{
  run->import = import;
  run->main_thread = g_thread_self ();
  run->fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect (import, "notify::fraction", G_CALLBACK (fraction_notified), run);
  fw_import_run_async (import, cancellable, import_done, run);
  fw_core_test_wait (run_done, run, "the import to finish");
}

static void
run_clear (Run *run)
{
  /* The last progress idle and the worker's task hold the import a moment longer. */
  fw_core_test_assert_finalized (run->import);
  g_array_unref (run->fractions);
  g_clear_pointer (&run->table, fw_table_free);
  g_clear_pointer (&run->profile, fw_table_profile_free);
  g_clear_error (&run->error);
}

static gboolean
all_read (gpointer data)
{
  return fw_import_get_fraction (data) == 1.0;
}

/* The bar went forward only and ends full (its last step may come after the result: it
 * is shown at a lower priority). */
static void
assert_progress (Run *run)
{
  double last = 0;

  fw_core_test_wait (all_read, run->import, "the progress to reach the end");
  g_assert_cmpuint (run->fractions->len, >, 0);
  for (guint i = 0; i < run->fractions->len; i++)
    {
      double fraction = g_array_index (run->fractions, double, i);

      g_assert_cmpfloat (fraction, >, last);
      g_assert_cmpfloat (fraction, <=, 1.0);
      last = fraction;
    }
}

/* tests/ui/people.csv: a quoted comma, an accent, gaps, as its four lines say. */
static void
test_csv (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "ui",
                                                                    "people.csv", NULL));
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);
  Run run = { 0, };
  const FwColumn *name, *age, *city, *score;
  char buf[64];

  run_import (&run, fw_import_new (file), NULL);
  g_assert_no_error (run.error);
  g_assert_nonnull (run.table);
  g_assert_true (g_file_equal (fw_import_get_file (run.import), file));
  g_assert_false (fw_import_is_sample (run.import));
  assert_progress (&run);

  g_assert_cmpint (run.report.delimiter, ==, ',');
  g_assert_true (run.report.has_header);
  g_assert_cmpuint (run.report.n_bytes, ==, g_file_info_get_size (info));
  g_assert_cmpuint (fw_table_n_rows (run.table), ==, 4);
  g_assert_cmpuint (fw_table_n_columns (run.table), ==, 4);
  name = fw_table_column_by_name (run.table, "name");
  age = fw_table_column_by_name (run.table, "age");
  city = fw_table_column_by_name (run.table, "city");
  score = fw_table_column_by_name (run.table, "score");
  g_assert_nonnull (name);
  g_assert_true (fw_column_is_numeric (age));
  g_assert_true (fw_column_is_missing (age, 1));
  g_assert_true (fw_column_is_missing (score, 2));
  g_assert_cmpuint (city->n_missing, ==, 0);
  {
    g_autoptr(FwTableModel) model = fw_table_model_new (g_steal_pointer (&run.table));
    const FwTable *table = fw_table_model_get_table (model);
    guint city_index = 0;

    for (guint c = 0; c < fw_table_n_columns (table); c++)
      if (fw_table_column (table, c) == city)
        city_index = c;
    g_assert_cmpstr (fw_table_model_format_cell (model, 2, 0, buf, sizeof buf), ==, "Chloé");
    g_assert_cmpstr (fw_table_model_format_cell (model, 2, city_index, buf, sizeof buf), ==,
                     "New York, NY");
  }

  /* Profiled on the worker too: one profile per column, the gap in age counted. */
  g_assert_nonnull (run.profile);
  g_assert_cmpuint (run.profile->n_columns, ==, 4);
  g_assert_cmpuint (run.profile->columns[1].missing, ==, 1);
  g_assert_cmpuint (run.profile->columns[1].count, ==, 3);
  run_clear (&run);
}

/* "Try the Sample": written (folders and all) and then imported, exactly the engine's rows. */
static void
test_sample (void)
{
  g_autoptr(GFile) file = fw_core_test_file ("new-folder/deeper/sample.csv");
  g_autoptr(GBytes) expected = fw_sample_generate (1000, 7);
  g_autoptr(GBytes) written = NULL;
  Run run = { 0, };

  run_import (&run, fw_import_new_sample (file, 1000, 7), NULL);
  g_assert_no_error (run.error);
  g_assert_true (fw_import_is_sample (run.import));
  assert_progress (&run);
  g_assert_cmpuint (fw_table_n_rows (run.table), ==, 1000);
  g_assert_cmpuint (fw_table_n_columns (run.table), ==, 21);
  g_assert_cmpstr (fw_table_column (run.table, 0)->name, ==, "applicant_id");
  g_assert_cmpstr (fw_table_column (run.table, 20)->name, ==, "approved");
  written = g_file_load_bytes (file, NULL, NULL, NULL);
  g_assert_nonnull (written);
  g_assert_true (g_bytes_equal (written, expected));
  run_clear (&run);
}

/* Cancelled at once: no table, the cancellation as the error, and no sample file left. */
static void
test_cancel (void)
{
  g_autoptr(GFile) file = fw_core_test_file ("big.csv");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Run run = { 0, };

  g_cancellable_cancel (cancellable);
  run_import (&run, fw_import_new_sample (file, 2000000, 1), cancellable);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (run.table);
  g_assert_null (run.profile);
  g_assert_false (g_file_query_exists (file, NULL));
  run_clear (&run);
}

/* Cancelled while it reads a file too big to finish first. */
static void
test_cancel_reading (void)
{
  g_autoptr(GFile) file = fw_core_test_write_sample ("big.csv", 300000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Run run = { 0, };

  run.fractions = NULL;
  run.import = fw_import_new (file);
  run.main_thread = g_thread_self ();
  run.fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect (run.import, "notify::fraction", G_CALLBACK (fraction_notified), &run);
  fw_import_run_async (run.import, cancellable, import_done, &run);
  /* Once it has read something, stop it. */
  while (run.fractions->len == 0 && !run.done)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  fw_core_test_wait (run_done, &run, "the cancelled import to finish");
  if (run.table != NULL)
    g_test_incomplete ("the import finished before it could be cancelled");
  else
    g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  run_clear (&run);
}

static void
test_failures (void)
{
  g_autoptr(GFile) missing = fw_core_test_file ("not-there.csv");
  g_autoptr(GFile) ragged = fw_core_test_file ("ragged.csv");
  g_autoptr(GError) error = NULL;
  Run run = { 0, };

  run_import (&run, fw_import_new (missing), NULL);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (run.table);
  run_clear (&run);

  g_assert_true (g_file_replace_contents (ragged, "a,b\n1,2\n3\n", 10, NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  memset (&run, 0, sizeof run);
  run_import (&run, fw_import_new (ragged), NULL);
  g_assert_error (run.error, FW_CSV_ERROR, FW_CSV_ERROR_RAGGED);
  g_assert_null (run.table);
  run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  fw_core_test_init (&argc, &argv);

  g_test_add_func ("/core/import/csv", test_csv);
  g_test_add_func ("/core/import/sample", test_sample);
  g_test_add_func ("/core/import/cancel", test_cancel);
  g_test_add_func ("/core/import/cancel-reading", test_cancel_reading);
  g_test_add_func ("/core/import/failures", test_failures);

  return g_test_run ();
}
