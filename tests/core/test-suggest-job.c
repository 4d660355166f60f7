/* test-suggest-job.c — the suggestions' leak check on a worker, headless
 *
 * A table whose "copy" column is the target with one row in 33 flipped (a leak the check
 * must find) and an honest "noise" column.  The worker's answer must be the one computed
 * in one go, delivered on the main loop; a cancelled job answers G_IO_ERROR_CANCELLED; and
 * the session may drop its data while the worker still runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-core-test.h"
#include "fw-csv-import.h"
#include "fw-date-features.h"
#include "fw-suggest-job.h"

static FwSession *
session_with_target (void)
{
  g_autoptr(GString) csv = g_string_new ("copy,noise,outcome\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(FwRecipe) recipe = NULL;
  g_autoptr(FwTableModel) model = NULL;
  FwSession *session = fw_session_new ();
  FwCsvOptions options;
  FwTable *table;
  guint64 state = 7;

  for (guint i = 0; i < 4000; i++)
    {
      gboolean yes, flip;

      state = state * 6364136223846793005u + 1442695040888963407u;
      yes = (state >> 40) % 3 == 0;
      flip = (state >> 20) % 33 == 0;
      g_string_append_printf (csv, "%s,%u,%s\n", (yes != flip) ? "y" : "n",
                              (guint) ((state >> 50) % 100), yes ? "yes" : "no");
    }
  fw_csv_options_init (&options);
  options.header = FW_CSV_HEADER_YES;
  table = fw_csv_import_data (csv->str, (gssize) csv->len, &options, NULL, &error);
  g_assert_no_error (error);
  model = fw_table_model_new (table);
  fw_session_set_data (session, NULL, model, NULL);
  recipe = fw_recipe_copy (fw_session_get_recipe (session));
  recipe->target = g_strdup ("outcome");
  fw_session_set_recipe (session, recipe);
  return session;
}

typedef struct
{
  FwSuggestions *result;
  GError        *error;
  gboolean       done;
} Answer;

static void
on_ready (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  Answer *answer = data;

  answer->result = fw_suggest_job_finish (result, &answer->error);
  answer->done = TRUE;
}

static void
test_same_as_in_one_go (void)
{
  g_autoptr(FwSession) session = session_with_target ();
  g_autoptr(FwSuggestions) expected = NULL;
  g_autoptr(GError) error = NULL;
  Answer answer = { 0 };
  guint iterations = 0;
  int copy;

  fw_suggest_job_run_async (NULL, session, NULL, on_ready, &answer);
  g_assert_false (answer.done);
  while (!answer.done)
    {
      g_main_context_iteration (NULL, TRUE);
      iterations++;
    }
  g_assert_cmpuint (iterations, >, 0);
  g_assert_no_error (answer.error);

  expected = fw_suggestions_compute (fw_session_get_table (session),
                                     fw_table_profile_copy (fw_session_get_profile (session)),
                                     fw_session_get_recipe (session), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (answer.result->suggested->steps->len, ==,
                    expected->suggested->steps->len);
  for (guint i = 0; i < expected->suggested->steps->len; i++)
    {
      const FwStep *a = g_ptr_array_index (answer.result->suggested->steps, i);
      const FwStep *b = g_ptr_array_index (expected->suggested->steps, i);

      g_assert_cmpint (a->kind, ==, b->kind);
      g_assert_cmpstr (a->column, ==, b->column);
    }
  /* The leak is found in the worker's copy, and the session's own profile is untouched. */
  copy = fw_table_column_index (fw_session_get_table (session), "copy");
  g_assert_true (fw_column_profile_has_issue (&answer.result->profile->columns[copy],
                                              FW_ISSUE_TARGET_LEAKAGE));
  g_assert_cmpfloat (answer.result->profile->columns[copy].leak.score, ==,
                     expected->profile->columns[copy].leak.score);
  g_assert_false (fw_session_get_profile (session)->columns[copy].leak.checked);
  fw_suggestions_free (answer.result);
}

static void
test_cancelled (void)
{
  g_autoptr(FwSession) session = session_with_target ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Answer answer = { 0 };

  fw_suggest_job_run_async (NULL, session, cancellable, on_ready, &answer);
  g_cancellable_cancel (cancellable);
  /* The data may go while the worker runs: it holds what it reads. */
  fw_session_set_data (session, NULL, NULL, NULL);
  while (!answer.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (answer.result);
  g_assert_error (answer.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&answer.error);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/suggest-job/same-as-in-one-go", test_same_as_in_one_go);
  g_test_add_func ("/core/suggest-job/cancelled", test_cancelled);
  return g_test_run ();
}
