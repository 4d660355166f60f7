/* test-step-offer.c — which fixes the Clean step offers, and the words it uses for them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include "fw-core-test.h"
#include "fw-step-offer.h"
#include "fw-step-text.h"

/* num: measured, one gap; full: measured, none; cat: a category with a gap; flag: yes/no;
 * label: a category with a gap, the target in some cases; days: −1 standing for "never";
 * seen: dates. */
static const char table_csv[] =
  "num,full,cat,flag,label,days,seen\n"
  "1.5,1,red,yes,a,-1,2024-01-05\n"
  ",2,blue,no,b,5,2024-02-11\n"
  "3,3,,yes,,-1,2024-03-17\n"
  "4,4,red,no,b,6,2024-04-23\n";

/* What is offered for @column, as the kinds' names joined by spaces, in the enum's order. */
static char *
offered (FwSession  *session,
         const char *column)
{
  const FwTable *table = fw_session_get_table (session);
  const FwTableProfile *profile = fw_session_get_profile (session);
  g_autoptr(GString) text = g_string_new (NULL);
  guint index = 0;

  while (g_strcmp0 (fw_table_column (table, index)->name, column) != 0)
    index++;
  for (FwStepKind kind = 0; kind < FW_STEP_N_KINDS; kind++)
    if (fw_step_is_offered (kind, fw_table_column (table, index), &profile->columns[index],
                            fw_session_get_recipe (session)))
      g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "",
                              fw_step_kind_to_string (kind));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

#define assert_offered(session, column, expected)          \
  G_STMT_START {                                           \
    g_autofree char *_o = offered (session, column);       \
    g_assert_cmpstr (_o, ==, expected);                    \
  } G_STMT_END

static void
test_offers (void)
{
  g_autoptr(GFile) file = fw_core_test_file ("table.csv");
  g_autoptr(FwSession) session = fw_session_new ();
  g_autoptr(GError) error = NULL;
  FwRecipe *recipe;

  g_file_replace_contents (file, table_csv, sizeof table_csv - 1, NULL, FALSE,
                           G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  fw_core_test_open (session, file);
  g_assert_cmpint (fw_session_get_profile (session)->columns[3].kind, ==, FW_KIND_BOOLEAN);
  g_assert_false (fw_column_is_numeric (fw_table_column (fw_session_get_table (session), 3)));

  /* Fills only where something is missing; scaling and capping only for numbers; a "was
   * missing" column for numbers with gaps or a sentinel; "treat as missing" for a
   * sentinel only, with the sentinel as its value. */
  assert_offered (session, "num", "impute_mean impute_median impute_mode impute_constant "
                                  "drop_column drop_missing_rows clip_outliers standardize "
                                  "min_max missing_indicator");
  assert_offered (session, "days", "drop_column clip_outliers standardize min_max "
                                   "treat_as_missing missing_indicator");
  /* Dates: their parts, or dropping them. */
  assert_offered (session, "seen", "drop_column date_parts");
  {
    const FwTable *table = fw_session_get_table (session);
    const FwTableProfile *profile = fw_session_get_profile (session);
    g_autofree char *sentinel = fw_step_offered_constant (FW_STEP_TREAT_AS_MISSING,
                                                          fw_table_column (table, 5),
                                                          &profile->columns[5]);
    g_autofree char *fill = fw_step_offered_constant (FW_STEP_IMPUTE_CONSTANT,
                                                      fw_table_column (table, 2),
                                                      &profile->columns[2]);

    g_assert_cmpstr (sentinel, ==, "-1");
    g_assert_cmpstr (fill, ==, "unknown");
    g_assert_null (fw_step_offered_constant (FW_STEP_STANDARDIZE, fw_table_column (table, 5),
                                             &profile->columns[5]));
  }
  assert_offered (session, "full", "drop_column clip_outliers standardize min_max");
  assert_offered (session, "cat", "impute_mode impute_constant drop_column drop_missing_rows "
                                  "one_hot");
  assert_offered (session, "flag", "drop_column one_hot");
  assert_offered (session, "label", "impute_mode impute_constant drop_column drop_missing_rows "
                                    "one_hot");

  /* A column filled once is not filled again, nor does it lose its rows; the fix applied is
   * not offered twice. */
  fw_session_add_step (session, FW_STEP_IMPUTE_MEDIAN, "num", NULL);
  assert_offered (session, "num", "drop_column clip_outliers standardize min_max "
                                  "missing_indicator");
  fw_session_add_step (session, FW_STEP_STANDARDIZE, "num", NULL);
  assert_offered (session, "num", "drop_column clip_outliers min_max missing_indicator");
  fw_session_add_step (session, FW_STEP_MISSING_INDICATOR, "num", NULL);
  assert_offered (session, "num", "drop_column clip_outliers min_max");
  /* Only the column's own steps count. */
  assert_offered (session, "full", "drop_column clip_outliers standardize min_max");
  /* A dropped column has nothing left to fix. */
  fw_session_add_step (session, FW_STEP_DROP_COLUMN, "cat", NULL);
  assert_offered (session, "cat", "");

  /* The column to predict changes only by the rows it keeps. */
  recipe = fw_session_begin_edit (session);
  recipe->target = g_strdup ("label");
  fw_session_end_edit (session);
  assert_offered (session, "label", "drop_missing_rows");
  recipe = fw_session_begin_edit (session);
  g_free (recipe->target);
  recipe->target = g_strdup ("full");
  fw_session_end_edit (session);
  assert_offered (session, "full", "");
}

static void
test_words (void)
{
  g_autoptr(FwRecipe) recipe = fw_recipe_new ();
  const FwStep *step;
  FwStepKind parsed;

  for (FwStepKind kind = 0; kind < FW_STEP_N_KINDS; kind++)
    {
      /* Every kind: a label with a mnemonic, a sentence of help, a name that parses back. */
      g_assert_nonnull (strchr (fw_step_kind_label (kind, TRUE), '_'));
      g_assert_nonnull (strchr (fw_step_kind_label (kind, FALSE), '_'));
      g_assert_nonnull (fw_step_kind_help (kind));
      g_assert_true (fw_step_kind_parse (fw_step_kind_to_string (kind), &parsed));
      g_assert_cmpint (parsed, ==, kind);
    }
  g_assert_false (fw_step_kind_parse ("impute", &parsed));
  g_assert_false (fw_step_kind_parse (NULL, &parsed));

  g_assert_cmpstr (fw_step_fill_constant (TRUE), ==, "0");
  g_assert_cmpstr (fw_step_fill_constant (FALSE), ==, "unknown");
  g_assert_cmpstr (fw_step_kind_label (FW_STEP_IMPUTE_CONSTANT, TRUE), ==, "Fill With _0");
  g_assert_cmpstr (fw_step_kind_label (FW_STEP_IMPUTE_CONSTANT, FALSE), ==,
                   "Fill With “_unknown”");

  fw_recipe_add_step (recipe, FW_STEP_IMPUTE_CONSTANT, g_strdup ("city"), g_strdup ("unknown"));
  fw_recipe_add_step (recipe, FW_STEP_DROP_MISSING_ROWS, g_strdup ("age"), NULL);
  step = g_ptr_array_index (recipe->steps, 0);
  {
    g_autofree char *long_text = fw_step_describe (step);
    g_autofree char *short_text = fw_step_describe_short (step);

    g_assert_cmpstr (long_text, ==, "Fill missing “city” with “unknown”");
    g_assert_cmpstr (short_text, ==, "Missing cells filled with “unknown”");
  }
  step = g_ptr_array_index (recipe->steps, 1);
  {
    g_autofree char *long_text = fw_step_describe (step);
    g_autofree char *short_text = fw_step_describe_short (step);

    g_assert_cmpstr (long_text, ==, "Drop rows where “age” is missing");
    g_assert_cmpstr (short_text, ==, "Rows with a missing value dropped");
  }
}

/* Only a drop_column step on that very column counts as dropping it. */
static void
test_dropped (void)
{
  g_autoptr(FwRecipe) recipe = fw_recipe_new ();

  g_assert_false (fw_step_is_dropped (recipe, "age"));
  fw_recipe_add_step (recipe, FW_STEP_DROP_MISSING_ROWS, g_strdup ("age"), NULL);
  fw_recipe_add_step (recipe, FW_STEP_DROP_COLUMN, g_strdup ("city"), NULL);
  g_assert_false (fw_step_is_dropped (recipe, "age"));
  g_assert_true (fw_step_is_dropped (recipe, "city"));
  g_assert_false (fw_step_is_dropped (recipe, "cit"));
  fw_recipe_add_step (recipe, FW_STEP_DROP_COLUMN, g_strdup ("age"), NULL);
  g_assert_true (fw_step_is_dropped (recipe, "age"));
}

int
main (int   argc,
      char *argv[])
{
  fw_core_test_init (&argc, &argv);

  g_test_add_func ("/core/step-offer/offers", test_offers);
  g_test_add_func ("/core/step-offer/words", test_words);
  g_test_add_func ("/core/step-offer/dropped", test_dropped);

  return g_test_run ();
}
