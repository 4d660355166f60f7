/* test-target-choice.c — the Target step's rules: what can be predicted, what looks
 * sensitive, and the question a target asks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include "fw-core-test.h"
#include "fw-target-choice.h"

/* A column of @n floats, all missing when @empty, with its kind set by hand. */
static FwColumn *
column_of_kind (FwKind   kind,
                gsize    n,
                gboolean empty)
{
  float *values = g_new (float, n);
  FwColumn *column;

  for (gsize i = 0; i < n; i++)
    values[i] = empty ? NAN : (float) (i % 3);
  column = fw_column_new_float32 ("c", values, n);
  column->kind = kind;
  return column;
}

/* Each rule, on a column made for it: the reason names the problem; what passes has none. */
static void
test_suitable (void)
{
  static const struct
  {
    FwKind      kind;
    gboolean    empty;
    gsize       distinct;       /* 0: no profile */
    gboolean    numeric_codes;
    const char *reason;         /* NULL: suitable */
  } cases[] = {
    { FW_KIND_IDENTIFIER, FALSE, 0, TRUE, "An identifier: every row has its own value, so "
                                          "there is no pattern to learn" },
    { FW_KIND_TEXT, FALSE, 0, TRUE, "Free text: sentences cannot be predicted" },
    { FW_KIND_DATETIME, FALSE, 0, TRUE, "Dates cannot be predicted" },
    { FW_KIND_NUMERIC, TRUE, 0, TRUE, "Every cell is empty" },
    { FW_KIND_NUMERIC, FALSE, 1, TRUE, "It holds only one value: there is nothing to learn" },
    { FW_KIND_NUMERIC, FALSE, 2, TRUE, NULL },
    /* A number may take any number of values; a category may not. */
    { FW_KIND_NUMERIC, FALSE, 5000, TRUE, NULL },
    { FW_KIND_CATEGORICAL, FALSE, 1000, FALSE, NULL },
    { FW_KIND_CATEGORICAL, FALSE, 1001, FALSE, "It has more than 1000 different values: too "
                                               "many to choose between" },
    { FW_KIND_BOOLEAN, FALSE, 0, FALSE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FwColumn) column = NULL;
      FwColumnProfile profile = { 0, };
      g_autofree char *reason = NULL;

      if (cases[i].numeric_codes)
        column = column_of_kind (cases[i].kind, 12, cases[i].empty);
      else
        {
          FwDictionary *dict = fw_dictionary_new ();
          guint32 *codes = g_new (guint32, 12);

          for (guint r = 0; r < 12; r++)
            codes[r] = fw_dictionary_intern (dict, r % 2 ? "a" : "b", 1);
          column = fw_column_new_codes ("c", codes, 12, dict);
          column->kind = cases[i].kind;
        }
      profile.distinct = cases[i].distinct;
      g_assert_cmpint (fw_target_choice_is_suitable (column,
                                                     cases[i].distinct > 0 ? &profile : NULL,
                                                     &reason), ==, cases[i].reason == NULL);
      g_assert_cmpstr (reason, ==, cases[i].reason);
      /* The reason is optional. */
      g_assert_cmpint (fw_target_choice_is_suitable (column,
                                                     cases[i].distinct > 0 ? &profile : NULL,
                                                     NULL), ==, cases[i].reason == NULL);
    }
}

static void
test_can_be_sensitive (void)
{
  static const struct { FwKind kind; gboolean expected; } cases[] = {
    { FW_KIND_NUMERIC, TRUE }, { FW_KIND_BOOLEAN, TRUE }, { FW_KIND_CATEGORICAL, TRUE },
    { FW_KIND_TEXT, FALSE }, { FW_KIND_IDENTIFIER, FALSE }, { FW_KIND_DATETIME, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FwColumn) column = column_of_kind (cases[i].kind, 4, FALSE);

      g_assert_cmpint (fw_target_choice_can_be_sensitive (column), ==, cases[i].expected);
    }
}

static char *
joined (GPtrArray *names)
{
  g_ptr_array_add (names, NULL);
  g_ptr_array_set_size (names, names->len - 1);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* On the sample: sex, then one column for age, the category before the number, then
 * marital status. */
static void
test_suggest_sensitive (void)
{
  static const struct
  {
    const char *target;
    const char *already;
    const char *expected;
  } cases[] = {
    { "approved", NULL, "sex age_band marital_status" },
    { "sex", NULL, "age_band marital_status" },
    /* Without the band, the number it was made from. */
    { "age_band", NULL, "sex age marital_status" },
    /* The user's own choices stay first and are not repeated. */
    { "approved", "region", "region sex age_band marital_status" },
    { "approved", "sex", "sex age_band marital_status" },
  };
  g_autoptr(GFile) csv = fw_core_test_write_sample ("loans.csv", 300);
  g_autoptr(FwSession) session = fw_session_new ();

  fw_core_test_open (session, csv);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) sensitive = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *text = NULL;

      if (cases[i].already != NULL)
        g_ptr_array_add (sensitive, g_strdup (cases[i].already));
      fw_target_choice_suggest_sensitive (fw_session_get_table (session), cases[i].target,
                                          sensitive);
      text = joined (sensitive);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

/* The sample's own columns, as the Target step lists them. */
static void
test_sample_columns (void)
{
  static const struct { const char *name; gboolean suitable; } cases[] = {
    { "applicant_id", FALSE }, { "application_date", FALSE }, { "approved", TRUE },
    { "credit_score", TRUE }, { "education", TRUE }, { "sex", TRUE },
  };
  g_autoptr(GFile) csv = fw_core_test_write_sample ("loans.csv", 300);
  g_autoptr(FwSession) session = fw_session_new ();
  const FwTableProfile *profile;
  const FwTable *table;

  fw_core_test_open (session, csv);
  table = fw_session_get_table (session);
  profile = fw_session_get_profile (session);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *reason = NULL;
      guint index = 0;

      while (g_strcmp0 (fw_table_column (table, index)->name, cases[i].name) != 0)
        index++;
      g_assert_cmpint (fw_target_choice_is_suitable (fw_table_column (table, index),
                                                     &profile->columns[index], &reason), ==,
                       cases[i].suitable);
      g_assert_true ((reason == NULL) == cases[i].suitable);
    }
}

/* The question each kind of target asks, resolved as training resolves it. */
static void
test_choice (void)
{
  g_autoptr(GFile) csv = fw_core_test_write_sample ("loans.csv", 300);
  g_autoptr(FwSession) session = fw_session_new ();
  g_autoptr(FwRecipe) recipe = fw_recipe_new ();
  g_autoptr(GError) error = NULL;
  const FwTable *table;

  fw_core_test_open (session, csv);
  table = fw_session_get_table (session);

  /* No target yet. */
  g_assert_null (fw_target_choice_new (table, recipe, &error));
  g_assert_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_TARGET);
  g_clear_error (&error);

  recipe->target = g_strdup ("approved");
  {
    g_autoptr(FwTargetChoice) choice = fw_target_choice_new (table, recipe, &error);

    g_assert_no_error (error);
    g_assert_cmpint (choice->task, ==, FW_TASK_BINARY);
    g_assert_cmpuint (choice->n_classes, ==, 2);
    g_assert_cmpuint (g_strv_length (choice->class_names), ==, 2);
    g_assert_cmpstr (choice->class_names[choice->positive], ==, "yes");
    g_assert_cmpstr (choice->sentence, ==, "A yes-or-no question: will it be “yes” or “no”?");
  }
  /* The user's positive class. */
  recipe->positive = g_strdup ("no");
  {
    g_autoptr(FwTargetChoice) choice = fw_target_choice_new (table, recipe, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (choice->class_names[choice->positive], ==, "no");
    g_assert_cmpstr (choice->sentence, ==, "A yes-or-no question: will it be “no” or “yes”?");
    /* "approved" = "no" reads as bad for the person, a guess shown as such. */
    g_assert_cmpstr (choice->favourable_question, ==,
                     "Is being predicted “no” good for the person?");
    g_assert_false (choice->positive_is_good);
    g_assert_true (choice->favourable_guessed);
    /* The user says otherwise: the answer is kept as the favourable class. */
    fw_target_choice_set_favourable (choice, recipe, TRUE);
    g_assert_cmpstr (recipe->favourable, ==, "no");
  }
  {
    g_autoptr(FwTargetChoice) choice = fw_target_choice_new (table, recipe, &error);

    g_assert_true (choice->positive_is_good);
    g_assert_false (choice->favourable_guessed);
  }
  g_clear_pointer (&recipe->positive, g_free);
  /* Back to "yes": the user's "no" still names the good class, so "yes" is now bad. */
  {
    g_autoptr(FwTargetChoice) choice = fw_target_choice_new (table, recipe, &error);

    g_assert_cmpstr (choice->favourable_question, ==,
                     "Is being predicted “yes” good for the person?");
    g_assert_false (choice->positive_is_good);
    g_assert_false (choice->favourable_guessed);
    fw_target_choice_set_favourable (choice, recipe, TRUE);
    g_assert_cmpstr (recipe->favourable, ==, "yes");
  }
  g_clear_pointer (&recipe->favourable, g_free);

  g_free (recipe->target);
  recipe->target = g_strdup ("credit_score");
  {
    g_autoptr(FwTargetChoice) choice = fw_target_choice_new (table, recipe, &error);

    g_assert_no_error (error);
    g_assert_cmpint (choice->task, ==, FW_TASK_REGRESSION);
    g_assert_cmpuint (choice->n_classes, ==, 0);
    g_assert_null (choice->class_names);
    g_assert_cmpint (choice->positive, ==, -1);
    g_assert_cmpstr (choice->sentence, ==, "A number: the model will estimate how much");
    g_assert_null (choice->favourable_question);
  }

  /* The sample's six levels of education. */
  g_free (recipe->target);
  recipe->target = g_strdup ("education");
  {
    g_autoptr(FwTargetChoice) choice = fw_target_choice_new (table, recipe, &error);

    g_assert_no_error (error);
    g_assert_cmpint (choice->task, ==, FW_TASK_MULTICLASS);
    g_assert_cmpuint (choice->n_classes, ==, 6);
    g_assert_cmpstr (choice->sentence, ==, "A choice between kinds: which one of 6 will it be?");
  }
}

int
main (int   argc,
      char *argv[])
{
  fw_core_test_init (&argc, &argv);

  g_test_add_func ("/core/target-choice/suitable", test_suitable);
  g_test_add_func ("/core/target-choice/can-be-sensitive", test_can_be_sensitive);
  g_test_add_func ("/core/target-choice/suggest-sensitive", test_suggest_sensitive);
  g_test_add_func ("/core/target-choice/sample-columns", test_sample_columns);
  g_test_add_func ("/core/target-choice/choice", test_choice);

  return g_test_run ();
}
