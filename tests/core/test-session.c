/* test-session.c — the session model: what "changed" says, and undo/redo of cleaning steps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-core-test.h"

/* Enough for any cleaning session a person does by hand (the session's own bound). */
#define MAX_UNDO 200

static const char people_csv[] =
  "name,age,city,score\n"
  "Alice,34,Paris,0.5\n"
  "Bob,,Berlin,1.25\n"
  "Chloé,27,Paris,\n"
  "Dmitri,45,Rome,3\n";

/* Every "changed" a session emits, in order. */
typedef struct
{
  FwSession *session;
  GArray    *parts;             /* guint */
} Fixture;

static void
record_changed (FwSession *session,
                guint      parts,
                gpointer   data)
{
  Fixture *fixture = data;

  g_array_append_val (fixture->parts, parts);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->session = fw_session_new ();
  fixture->parts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (fixture->session, "changed", G_CALLBACK (record_changed), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->session);
  g_array_unref (fixture->parts);
}

/* The parts of the one "changed" since the last call; fails unless exactly one came. */
static guint
take_changed (Fixture *fixture)
{
  guint parts;

  g_assert_cmpuint (fixture->parts->len, ==, 1);
  parts = g_array_index (fixture->parts, guint, 0);
  g_array_set_size (fixture->parts, 0);
  return parts;
}

static void
open_people (Fixture *fixture)
{
  g_autoptr(GFile) file = fw_core_test_file ("people.csv");
  g_autoptr(GError) error = NULL;

  g_file_replace_contents (file, people_csv, sizeof people_csv - 1, NULL, FALSE,
                           G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  fw_core_test_open (fixture->session, file);
  g_assert_cmpuint (take_changed (fixture), ==,
                    FW_SESSION_DATA | FW_SESSION_STEPS | FW_SESSION_RECIPE | FW_SESSION_MODEL);
}

/* The steps as "kind:column" joined by spaces, to compare whole lists at once. */
static char *
steps_string (FwSession *session)
{
  const FwRecipe *recipe = fw_session_get_recipe (session);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < recipe->steps->len; i++)
    {
      const FwStep *step = g_ptr_array_index (recipe->steps, i);

      g_string_append_printf (text, "%s%s:%s", i > 0 ? " " : "",
                              fw_step_kind_to_string (step->kind), step->column);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

#define assert_steps(session, expected) \
  G_STMT_START {                                          \
    g_autofree char *_s = steps_string (session);         \
    g_assert_cmpstr (_s, ==, expected);                   \
  } G_STMT_END

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *reason = NULL;

  g_assert_false (fw_session_has_data (fixture->session));
  g_assert_null (fw_session_get_table (fixture->session));
  g_assert_null (fw_session_get_profile (fixture->session));
  g_assert_nonnull (fw_session_get_recipe (fixture->session));
  g_assert_cmpuint (fw_session_get_recipe (fixture->session)->steps->len, ==, 0);
  g_assert_false (fw_session_can_undo (fixture->session));
  g_assert_false (fw_session_can_redo (fixture->session));
  g_assert_false (fw_session_has_target (fixture->session, &reason));
  g_assert_cmpstr (reason, ==, "Open a data file first");
  /* Undo with nothing to undo changes nothing and says nothing. */
  fw_session_undo (fixture->session);
  g_assert_cmpuint (fixture->parts->len, ==, 0);
}

static void
test_set_data (Fixture       *fixture,
               gconstpointer  data)
{
  const FwTableProfile *profile;

  open_people (fixture);
  g_assert_true (fw_session_has_data (fixture->session));
  g_assert_cmpuint (fw_table_n_rows (fw_session_get_table (fixture->session)), ==, 4);
  g_assert_cmpuint (fw_table_n_columns (fw_session_get_table (fixture->session)), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (
    G_LIST_MODEL (fw_session_get_table_model (fixture->session))), ==, 4);
  /* Profiled when first asked: age has one missing cell of four. */
  profile = fw_session_get_profile (fixture->session);
  g_assert_nonnull (profile);
  g_assert_cmpuint (profile->n_columns, ==, 4);
  g_assert_cmpuint (profile->columns[1].missing, ==, 1);
  g_assert_true (fw_session_get_profile (fixture->session) == profile);
}

static void
test_undo_redo (Fixture       *fixture,
                gconstpointer  data)
{
  FwSession *session = fixture->session;

  open_people (fixture);
  fw_session_add_step (session, FW_STEP_IMPUTE_MEDIAN, "age", NULL);
  g_assert_cmpuint (take_changed (fixture), ==, FW_SESSION_STEPS);
  fw_session_add_step (session, FW_STEP_ONE_HOT, "city", NULL);
  g_assert_cmpuint (take_changed (fixture), ==, FW_SESSION_STEPS);
  fw_session_add_step (session, FW_STEP_DROP_COLUMN, "name", NULL);
  g_assert_cmpuint (take_changed (fixture), ==, FW_SESSION_STEPS);
  assert_steps (session, "impute_median:age one_hot:city drop_column:name");
  g_assert_true (fw_session_can_undo (session));
  g_assert_false (fw_session_can_redo (session));

  fw_session_undo (session);
  g_assert_cmpuint (take_changed (fixture), ==, FW_SESSION_STEPS);
  assert_steps (session, "impute_median:age one_hot:city");
  fw_session_undo (session);
  take_changed (fixture);
  assert_steps (session, "impute_median:age");
  g_assert_true (fw_session_can_redo (session));

  fw_session_redo (session);
  g_assert_cmpuint (take_changed (fixture), ==, FW_SESSION_STEPS);
  assert_steps (session, "impute_median:age one_hot:city");

  /* A new edit after an undo forgets what could be redone. */
  fw_session_remove_step (session, 0);
  g_assert_cmpuint (take_changed (fixture), ==, FW_SESSION_STEPS);
  assert_steps (session, "one_hot:city");
  g_assert_false (fw_session_can_redo (session));
  fw_session_undo (session);
  take_changed (fixture);
  assert_steps (session, "impute_median:age one_hot:city");

  /* Back to the start, and no further. */
  fw_session_undo (session);
  fw_session_undo (session);
  g_array_set_size (fixture->parts, 0);
  assert_steps (session, "");
  g_assert_false (fw_session_can_undo (session));
  fw_session_undo (session);
  g_assert_cmpuint (fixture->parts->len, ==, 0);
}

/* "Apply All Suggestions": many steps, one edit to undo. */
static void
test_set_steps (Fixture       *fixture,
                gconstpointer  data)
{
  FwSession *session = fixture->session;
  g_autoptr(FwRecipe) suggested = fw_recipe_new ();

  open_people (fixture);
  fw_session_add_step (session, FW_STEP_DROP_COLUMN, "name", NULL);
  take_changed (fixture);
  fw_recipe_add_step (suggested, FW_STEP_IMPUTE_MEAN, g_strdup ("age"), NULL);
  fw_recipe_add_step (suggested, FW_STEP_IMPUTE_CONSTANT, g_strdup ("score"), g_strdup ("0"));
  fw_session_set_steps (session, suggested->steps);
  g_assert_cmpuint (take_changed (fixture), ==, FW_SESSION_STEPS);
  assert_steps (session, "impute_mean:age impute_constant:score");
  /* Copied, not shared. */
  g_assert_true (g_ptr_array_index (fw_session_get_recipe (session)->steps, 1) !=
                 g_ptr_array_index (suggested->steps, 1));
  g_assert_cmpstr (((FwStep *) g_ptr_array_index (fw_session_get_recipe (session)->steps,
                                                  1))->constant, ==, "0");
  fw_session_undo (session);
  take_changed (fixture);
  assert_steps (session, "drop_column:name");
}

/* The oldest edits go first once there are more than the history keeps. */
static void
test_undo_limit (Fixture       *fixture,
                 gconstpointer  data)
{
  FwSession *session = fixture->session;
  guint n_undone = 0;

  open_people (fixture);
  for (guint i = 0; i < MAX_UNDO + 5; i++)
    fw_session_add_step (session, FW_STEP_STANDARDIZE, "score", NULL);
  while (fw_session_can_undo (session))
    {
      fw_session_undo (session);
      n_undone++;
    }
  g_assert_cmpuint (n_undone, ==, MAX_UNDO);
  g_assert_cmpuint (fw_session_get_recipe (session)->steps->len, ==, 5);
}

/* Recipe edits nest and say "changed" once, at the outermost end. */
static void
test_edit (Fixture       *fixture,
           gconstpointer  data)
{
  FwSession *session = fixture->session;
  FwRecipe *recipe;

  open_people (fixture);
  recipe = fw_session_begin_edit (session);
  g_free (recipe->target);
  recipe->target = g_strdup ("score");
  fw_session_begin_edit (session);
  g_ptr_array_add (recipe->sensitive, g_strdup ("city"));
  fw_session_end_edit (session);
  g_assert_cmpuint (fixture->parts->len, ==, 0);
  fw_session_end_edit (session);
  g_assert_cmpuint (take_changed (fixture), ==, FW_SESSION_RECIPE);
  g_assert_cmpstr (fw_session_get_recipe (session)->target, ==, "score");
  /* Not a cleaning step: nothing to undo. */
  g_assert_false (fw_session_can_undo (session));
}

/* Opening a project replaces the recipe: the history starts afresh. */
static void
test_set_recipe (Fixture       *fixture,
                 gconstpointer  data)
{
  FwSession *session = fixture->session;
  g_autoptr(FwRecipe) recipe = fw_recipe_new ();

  open_people (fixture);
  fw_session_add_step (session, FW_STEP_DROP_COLUMN, "name", NULL);
  take_changed (fixture);
  recipe->target = g_strdup ("city");
  fw_recipe_add_step (recipe, FW_STEP_IMPUTE_MODE, g_strdup ("age"), NULL);
  fw_session_set_recipe (session, recipe);
  g_assert_cmpuint (take_changed (fixture), ==,
                    FW_SESSION_STEPS | FW_SESSION_RECIPE | FW_SESSION_MODEL);
  g_assert_true (fw_session_get_recipe (session) != recipe);
  g_assert_cmpstr (fw_session_get_recipe (session)->target, ==, "city");
  assert_steps (session, "impute_mode:age");
  g_assert_false (fw_session_can_undo (session));
}

static void
test_has_target (Fixture       *fixture,
                 gconstpointer  data)
{
  FwSession *session = fixture->session;
  FwRecipe *recipe;
  char *reason = NULL;

  open_people (fixture);
  g_assert_false (fw_session_has_target (session, &reason));
  g_assert_cmpstr (reason, ==, "Choose what to predict");
  g_clear_pointer (&reason, g_free);

  recipe = fw_session_begin_edit (session);
  recipe->target = g_strdup ("no such column");
  fw_session_end_edit (session);
  g_assert_false (fw_session_has_target (session, &reason));
  g_assert_cmpstr (reason, ==, "Choose what to predict");
  g_clear_pointer (&reason, g_free);

  recipe = fw_session_begin_edit (session);
  g_free (recipe->target);
  recipe->target = g_strdup ("city");
  fw_session_end_edit (session);
  g_assert_true (fw_session_has_target (session, &reason));
  g_assert_null (reason);

  fw_session_add_step (session, FW_STEP_DROP_COLUMN, "city", NULL);
  g_assert_false (fw_session_has_target (session, &reason));
  g_assert_cmpstr (reason, ==, "“city” is dropped in the Clean step");
  g_clear_pointer (&reason, g_free);
  fw_session_undo (session);
  g_assert_true (fw_session_has_target (session, NULL));
}

/* A trained model belongs to the recipe it was trained on: any edit drops it. */
static void
test_edits_drop_model (Fixture       *fixture,
                       gconstpointer  data)
{
  FwSession *session = fixture->session;
  g_autoptr(GFile) file = fw_core_test_write_sample ("sample.csv", 400);

  fw_core_test_open (session, file);
  fw_core_test_train (session, "approved");
  g_array_set_size (fixture->parts, 0);
  g_assert_nonnull (fw_session_get_trained (session));
  g_assert_nonnull (fw_session_get_dataset (session));

  fw_session_add_step (session, FW_STEP_STANDARDIZE, "credit_score", NULL);
  g_assert_cmpuint (take_changed (fixture), ==, FW_SESSION_STEPS | FW_SESSION_MODEL);
  g_assert_null (fw_session_get_trained (session));
  g_assert_null (fw_session_get_dataset (session));
  /* Without a model to drop, an edit is only an edit. */
  fw_session_undo (session);
  g_assert_cmpuint (take_changed (fixture), ==, FW_SESSION_STEPS);

  fw_core_test_train (session, "approved");
  g_array_set_size (fixture->parts, 0);
  fw_session_begin_edit (session)->seed++;
  fw_session_end_edit (session);
  g_assert_cmpuint (take_changed (fixture), ==, FW_SESSION_RECIPE | FW_SESSION_MODEL);
  g_assert_null (fw_session_get_trained (session));
}

int
main (int   argc,
      char *argv[])
{
  fw_core_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/session/empty", test_empty);
  ADD ("/core/session/set-data", test_set_data);
  ADD ("/core/session/undo-redo", test_undo_redo);
  ADD ("/core/session/set-steps", test_set_steps);
  ADD ("/core/session/undo-limit", test_undo_limit);
  ADD ("/core/session/edit", test_edit);
  ADD ("/core/session/set-recipe", test_set_recipe);
  ADD ("/core/session/has-target", test_has_target);
  ADD ("/core/session/edits-drop-model", test_edits_drop_model);
#undef ADD

  return g_test_run ();
}
