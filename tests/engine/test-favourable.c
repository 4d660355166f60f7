/* test-favourable.c — the guess of whether the predicted answer is good for the person
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include "fw-favourable.h"
#include "fw-recipe.h"

/* Targets and positive classes as public tables name them, and what a reader would say. */
static void
test_guess (void)
{
  static const struct
  {
    const char *target, *positive;
    FwOutcome   expected;
  } cases[] = {
    /* The class's own words decide. */
    { "status", "approved", FW_OUTCOME_GOOD },
    { "decision", "Hired", FW_OUTCOME_GOOD },
    { "result", "admitted", FW_OUTCOME_GOOD },
    { "exam", "PASS", FW_OUTCOME_GOOD },
    { "class", "bad", FW_OUTCOME_BAD },
    { "class", "good", FW_OUTCOME_GOOD },
    { "loan_status", "Charged Off", FW_OUTCOME_BAD },
    { "decision", "not approved", FW_OUTCOME_BAD },
    { "outcome", "re-arrested", FW_OUTCOME_BAD },
    /* A plain yes: the target's words. */
    { "two_year_recid", "1", FW_OUTCOME_BAD },
    { "is_recid", "yes", FW_OUTCOME_BAD },
    { "default.payment.next.month", "1", FW_OUTCOME_BAD },
    { "isFraud", "1", FW_OUTCOME_BAD },             /* camel case splits */
    { "is_fraud", "1", FW_OUTCOME_BAD },
    { "Churn", "Yes", FW_OUTCOME_BAD },
    { "DEATH_EVENT", "1", FW_OUTCOME_BAD },
    { "readmitted", "YES", FW_OUTCOME_BAD },
    { "arrested", "true", FW_OUTCOME_BAD },
    { "loan", "yes", FW_OUTCOME_GOOD },
    { "Loan_Status", "Y", FW_OUTCOME_GOOD },
    { "Survived", "1", FW_OUTCOME_GOOD },
    { "hired", "1", FW_OUTCOME_GOOD },
    /* "bad credit": harm wins over the good word. */
    { "bad_credit", "1", FW_OUTCOME_BAD },
    { "credit_default", "1", FW_OUTCOME_BAD },
    /* A plain no turns the target's meaning around. */
    { "two_year_recid", "0", FW_OUTCOME_GOOD },
    { "approved", "no", FW_OUTCOME_BAD },
    /* Words that tell nothing. */
    { "income", ">50K", FW_OUTCOME_UNKNOWN },
    { "species", "setosa", FW_OUTCOME_UNKNOWN },
    { "target", "1", FW_OUTCOME_UNKNOWN },
    /* A class with words of its own says nothing about the target's. */
    { "default", "Private", FW_OUTCOME_UNKNOWN },
    { "recid", NULL, FW_OUTCOME_BAD },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      FwOutcome got = fw_favourable_guess (cases[i].target, cases[i].positive);

      if (got != cases[i].expected)
        g_error ("%s = %s: guessed %d, expected %d", cases[i].target,
                 cases[i].positive != NULL ? cases[i].positive : "(none)", got,
                 cases[i].expected);
    }
}

static void
test_resolve (void)
{
  const char *const yes_no[] = { "0", "1", NULL };
  const char *const three[] = { "approved", "denied", "pending", NULL };
  g_autoptr(GError) error = NULL;
  gboolean harmful = TRUE;
  int favourable = -5;

  /* Guessed: recidivism's "1" is harmful, so "0" is the good class. */
  g_assert_true (fw_favourable_resolve ("two_year_recid", yes_no, 1, NULL, &harmful, &favourable,
                                        &error));
  g_assert_true (harmful);
  g_assert_cmpint (favourable, ==, 0);
  /* Unknown words keep the positive class favourable. */
  g_assert_true (fw_favourable_resolve ("income", yes_no, 1, NULL, &harmful, &favourable, NULL));
  g_assert_false (harmful);
  g_assert_cmpint (favourable, ==, 1);
  /* Named: the recipe wins over the words, matched as text or as the same number. */
  g_assert_true (fw_favourable_resolve ("two_year_recid", yes_no, 1, "1", &harmful, &favourable,
                                        NULL));
  g_assert_false (harmful);
  g_assert_true (fw_favourable_resolve ("income", yes_no, 1, "0.0", &harmful, &favourable, NULL));
  g_assert_true (harmful);
  g_assert_cmpint (favourable, ==, 0);
  /* Several classes, a harmful positive: no single good class. */
  g_assert_true (fw_favourable_resolve ("decision", three, 1, NULL, &harmful,
                                        &favourable, NULL));
  g_assert_true (harmful);
  g_assert_cmpint (favourable, ==, -1);
  /* A value the target does not have. */
  g_assert_false (fw_favourable_resolve ("income", yes_no, 1, "maybe", &harmful, &favourable,
                                         &error));
  g_assert_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“maybe”"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/favourable/guess", test_guess);
  g_test_add_func ("/engine/favourable/resolve", test_resolve);

  return g_test_run ();
}
