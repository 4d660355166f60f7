/* test-leak.c — the single-column leak check: figures worked out by hand, the training
 * part only, the shared missingness sentence, and the recipe's drops and keeps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include "fw-dataset.h"
#include "fw-leak-check.h"
#include "fw-profile.h"
#include "fw-table.h"

static FwColumn *
column_f64 (const char   *name,
            FwKind        kind,
            const double *values,
            gsize         n)
{
  FwColumn *column = fw_column_new_float64 (name, g_memdup2 (values, n * sizeof (double)), n);

  column->kind = kind;
  return column;
}

/* NULL entries are missing cells. */
static FwColumn *
column_strings (const char        *name,
                FwKind             kind,
                const char *const *values,
                gsize              n)
{
  FwDictionary *dict = fw_dictionary_new ();
  guint32 *codes = g_new (guint32, MAX (n, 1));
  FwColumn *column;

  for (gsize i = 0; i < n; i++)
    codes[i] = values[i] != NULL ? fw_dictionary_intern (dict, values[i], strlen (values[i]))
                                 : FW_CODE_MISSING;
  column = fw_column_new_codes (name, codes, n, dict);
  column->kind = kind;
  return column;
}

static FwTable *
table_of (FwColumn *first,
          ...)
{
  FwTable *table = fw_table_new ();
  va_list args;

  va_start (args, first);
  for (FwColumn *column = first; column != NULL; column = va_arg (args, FwColumn *))
    fw_table_take_column (table, column);
  va_end (args);
  return table;
}

static FwTableProfile *
profile_of (FwTable *table)
{
  g_autoptr(GError) error = NULL;
  FwTableProfile *profile = fw_table_profile_new (table, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return profile;
}

static const char *
leak_message (const FwColumnProfile *p)
{
  for (guint i = 0; i < p->issues->len; i++)
    if (((FwIssue *) p->issues->pdata[i])->kind == FW_ISSUE_TARGET_LEAKAGE)
      return ((FwIssue *) p->issues->pdata[i])->message;
  return NULL;
}

/* Ten rows, four "yes".  "m" is empty on rows 0, 1, 2 (yes) and 4 (no).  Emptiness alone:
 * empty rows score P(no) = (1 + 0.6) / (4 + 1) = 0.32, filled ones (5 + 0.6) / (6 + 1) =
 * 0.8.  Of the 6 × 4 (no, yes) pairs, 5 × 3 are ordered right, 5 × 1 and 1 × 3 are tied:
 * AUC = (15 + 2.5 + 1.5) / 24 = 19/24.  The likelier class is right for 3 + 5 of 10 rows. */
static void
test_missingness_by_hand (void)
{
  const char *target[10] = { "yes", "yes", "yes", "yes", "no", "no", "no", "no", "no", "no" };
  const double m[10] = { NAN, NAN, NAN, 5, NAN, 5, 5, 5, 5, 5 };
  g_autoptr(FwTable) table = table_of (column_strings ("t", FW_KIND_BOOLEAN, target, 10),
                                       column_f64 ("m", FW_KIND_NUMERIC, m, 10), NULL);
  g_autoptr(FwTableProfile) profile = profile_of (table);
  const FwLeakScore *leak = &profile->columns[1].leak;

  fw_table_profile_set_target (profile, table, 0);
  g_assert_true (leak->checked);
  g_assert_cmpfloat_with_epsilon (leak->missingness, 19.0 / 24.0, 1e-12);
  g_assert_false (leak->suspected);
  g_assert_false (profile->columns[0].leak.checked);
  if (leak->by == FW_LEAK_BY_MISSINGNESS)
    g_assert_cmpfloat_with_epsilon (leak->accuracy, 0.8, 1e-12);
}

/* 100 rows, 50 "yes"; the copy has @flips of each class swapped, the same number in each of
 * the five folds (a row's fold is its position modulo 5), so every fold sees the same rates
 * and a value's rows tie.  AUC = (1 + TPR − FPR) / 2 = 1 − flips / 50. */
static void
check_noisy_copy (guint  flips,
                  double auc)
{
  const char *target[100], *copy[100];
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwTableProfile) profile = NULL;
  const FwLeakScore *leak;

  for (guint i = 0; i < 100; i++)
    {
      target[i] = i < 50 ? "yes" : "no";
      copy[i] = target[i];
    }
  for (guint i = 0; i < flips; i++)
    {
      copy[i] = "no";
      copy[50 + i] = "yes";
    }
  table = table_of (column_strings ("t", FW_KIND_BOOLEAN, target, 100),
                    column_strings ("copy", FW_KIND_BOOLEAN, copy, 100), NULL);
  profile = profile_of (table);
  fw_table_profile_set_target (profile, table, 0);
  leak = &profile->columns[1].leak;
  g_assert_cmpfloat_with_epsilon (leak->values, auc, 1e-12);
  g_assert_true (isnan (leak->missingness));
  g_assert_cmpint (leak->by, ==, FW_LEAK_BY_VALUES);
  g_assert_cmpfloat_with_epsilon (leak->accuracy, 1.0 - flips / 50.0, 1e-12);
  g_assert_cmpint (leak->suspected, ==, auc >= FW_PROFILE_LEAK_SCORE);
  g_assert_cmpint (fw_column_profile_has_issue (&profile->columns[1], FW_ISSUE_TARGET_LEAKAGE),
                   ==, auc >= FW_PROFILE_LEAK_SCORE);
}

static void
test_noisy_copy_by_hand (void)
{
  check_noisy_copy (0, 1.0);
  check_noisy_copy (5, 0.9);            /* at the threshold: suspected */
  check_noisy_copy (10, 0.8);
}

static void
test_message (void)
{
  const char *target[100], *copy[100];
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwTableProfile) profile = NULL;

  for (guint i = 0; i < 100; i++)
    target[i] = copy[i] = i < 50 ? "yes" : "no";
  for (guint i = 0; i < 5; i++)
    {
      copy[i] = "no";
      copy[50 + i] = "yes";
    }
  table = table_of (column_strings ("t", FW_KIND_BOOLEAN, target, 100),
                    column_strings ("was_rearrested", FW_KIND_BOOLEAN, copy, 100), NULL);
  profile = profile_of (table);
  fw_table_profile_set_target (profile, table, 0);
  g_assert_cmpstr (leak_message (&profile->columns[1]), ==,
                   "“was_rearrested” alone gets the answer right for 90 of 100 rows (ROC AUC "
                   "0.90). Is it known before the outcome happens? If not, it must not be used.");
}

/* Three classes: a relabelled copy separates each from the rest (macro AUC 1); a column
 * cycling through three values regardless of the class cannot (every fold sees each value
 * with every class alike: all rates tie, AUC ½). */
static void
test_several_classes (void)
{
  const char *names[3] = { "low", "mid", "high" }, *codes[3] = { "L", "M", "H" };
  const char *target[90], *copy[90], *cycle[90];
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwTableProfile) profile = NULL;

  for (guint i = 0; i < 90; i++)
    {
      target[i] = names[(i / 15) % 3];
      copy[i] = codes[(i / 15) % 3];
      cycle[i] = codes[(i / 5) % 3];
    }
  table = table_of (column_strings ("t", FW_KIND_CATEGORICAL, target, 90),
                    column_strings ("copy", FW_KIND_CATEGORICAL, copy, 90),
                    column_strings ("cycle", FW_KIND_CATEGORICAL, cycle, 90), NULL);
  profile = profile_of (table);
  fw_table_profile_set_target (profile, table, 0);
  g_assert_cmpfloat_with_epsilon (profile->columns[1].leak.score, 1.0, 1e-12);
  g_assert_true (profile->columns[1].leak.suspected);
  g_assert_cmpfloat_with_epsilon (profile->columns[2].leak.score, 0.5, 1e-12);
  g_assert_false (profile->columns[2].leak.suspected);
}

/* Past 2¹⁸ rows evenly spaced ones are scored: a copy with every 20th row flipped still
 * scores (1 + TPR − FPR) / 2 = (1 + 0.95 − 0.05) / 2 = 0.95, up to the sampling of rows. */
static void
test_many_rows (void)
{
  const gsize n = 300000;
  g_autofree float *target = g_new (float, n);
  g_autofree float *copy = g_new (float, n);
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwTableProfile) profile = NULL;

  for (gsize i = 0; i < n; i++)
    {
      target[i] = (float) ((i / 7) % 2);
      copy[i] = i % 20 == 3 ? 1.0f - target[i] : target[i];
    }
  table = fw_table_new ();
  fw_table_take_column (table, fw_column_new_float32 ("t", g_memdup2 (target, n * 4), n));
  fw_table_take_column (table, fw_column_new_float32 ("copy", g_memdup2 (copy, n * 4), n));
  profile = profile_of (table);
  fw_table_profile_set_target (profile, table, 0);
  g_assert_cmpfloat_with_epsilon (profile->columns[1].leak.score, 0.95, 0.005);
  g_assert_true (profile->columns[1].leak.suspected);
}

/* A number target: its copy explains nearly all of it through 32 bins, noise nothing. */
static void
test_regression (void)
{
  const gsize n = 2000;
  g_autofree double *y = g_new (double, n);
  g_autofree double *noise = g_new (double, n);
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwTableProfile) profile = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (gsize i = 0; i < n; i++)
    {
      y[i] = g_rand_double (rand) * 100.0;
      noise[i] = g_rand_double (rand);
    }
  table = table_of (column_f64 ("y", FW_KIND_NUMERIC, y, n),
                    column_f64 ("y_again", FW_KIND_NUMERIC, y, n),
                    column_f64 ("noise", FW_KIND_NUMERIC, noise, n), NULL);
  profile = profile_of (table);
  fw_table_profile_set_target (profile, table, 0);
  /* Within one of 32 equal-count bins of a uniform, 1/32² of the variance is left. */
  g_assert_cmpfloat (profile->columns[1].leak.score, >, 0.99);
  g_assert_true (profile->columns[1].leak.suspected);
  g_assert_cmpfloat (profile->columns[2].leak.score, <, 0.02);
  g_assert_cmpstr (leak_message (&profile->columns[1]), ==,
                   "“y_again” alone explains 100% of the variation in “y” (R² 1.00). Is it "
                   "known before the outcome happens? If not, it must not be used.");
}

/* Two columns empty exactly on the "no" rows share one sentence; one empty exactly on the
 * "yes" rows has its own. */
static void
test_shared_missingness (void)
{
  const gsize n = 60;
  const char *target[60], *charge[60], *date[60], *reason[60];
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwTableProfile) profile = NULL;
  const char *expected = "These 2 columns are empty exactly when “outcome” is “no”: “charge”, "
                         "“date”. Are they filled in after the outcome happens? If so, they "
                         "must not be used.";

  for (gsize i = 0; i < n; i++)
    {
      gboolean yes = (i * 7) % 3 == 0;

      target[i] = yes ? "yes" : "no";
      charge[i] = yes ? (i % 2 ? "theft" : "battery") : NULL;
      date[i] = yes ? "2020-01-01" : NULL;
      reason[i] = yes ? NULL : "none";
    }
  table = table_of (column_strings ("outcome", FW_KIND_BOOLEAN, target, n),
                    column_strings ("charge", FW_KIND_CATEGORICAL, charge, n),
                    column_strings ("date", FW_KIND_DATETIME, date, n),
                    column_strings ("reason", FW_KIND_CATEGORICAL, reason, n), NULL);
  profile = profile_of (table);
  fw_table_profile_set_target (profile, table, 0);
  for (guint c = 1; c <= 3; c++)
    {
      g_assert_true (profile->columns[c].leak.suspected);
      g_assert_cmpint (profile->columns[c].leak.by, ==, FW_LEAK_BY_MISSINGNESS);
      g_assert_cmpfloat (profile->columns[c].leak.missingness, ==, 1.0);
    }
  g_assert_cmpuint (profile->columns[1].leak.pattern, ==, 1);
  g_assert_cmpuint (profile->columns[2].leak.pattern, ==, 1);
  g_assert_cmpuint (profile->columns[3].leak.pattern, ==, 3);
  g_assert_cmpstr (leak_message (&profile->columns[1]), ==, expected);
  g_assert_cmpstr (leak_message (&profile->columns[2]), ==, expected);
  g_assert_cmpstr (leak_message (&profile->columns[3]), ==,
                   "“reason” is empty exactly when “outcome” is “yes”. Is it filled in after "
                   "the outcome happens? If so, it must not be used.");

  /* Another target first removes the flags of this one. */
  fw_table_profile_set_target (profile, table, 1);
  g_assert_false (fw_column_profile_has_issue (&profile->columns[2], FW_ISSUE_TARGET_LEAKAGE));
  g_assert_false (profile->columns[1].leak.checked);
}

/* A column that copies the target on the validation and test rows only, and is noise on the
 * training rows: the recipe's check, fitted on the training part, does not see it; a check
 * on every row would. */
static void
test_training_part_only (void)
{
  const gsize n = 1000;
  g_autofree const char **target = g_new (const char *, n);
  g_autofree const char **late = g_new (const char *, n);
  g_autoptr(FwTable) probe = NULL;
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwTableProfile) profile = NULL;
  g_autoptr(FwRecipe) recipe = fw_recipe_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autofree gsize *rows = NULL;
  g_autofree gboolean *training = g_new0 (gboolean, n);
  g_autofree FwLeakScore *scores = NULL;
  FwTarget t = FW_TARGET_INIT;
  gsize n_rows = 0;

  for (gsize i = 0; i < n; i++)
    target[i] = g_rand_boolean (rand) ? "yes" : "no";
  probe = table_of (column_strings ("t", FW_KIND_BOOLEAN, target, n), NULL);
  recipe->target = g_strdup ("t");
  rows = fw_dataset_training_rows (probe, recipe, &t, &n_rows, &error);
  g_assert_no_error (error);
  fw_target_clear (&t);
  g_assert_cmpuint (n_rows, ==, 700);
  for (gsize i = 0; i < n_rows; i++)
    training[rows[i]] = TRUE;
  for (gsize i = 0; i < n; i++)
    late[i] = training[i] ? (g_rand_boolean (rand) ? "yes" : "no") : target[i];

  table = table_of (column_strings ("t", FW_KIND_BOOLEAN, target, n),
                    column_strings ("late", FW_KIND_CATEGORICAL, late, n), NULL);
  profile = profile_of (table);
  g_assert_true (fw_recipe_check_leaks (recipe, table, profile, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (profile->columns[1].leak.score, <, 0.58);
  /* Without a profile: the same figures. */
  scores = fw_recipe_leak_scores (recipe, table, &error);
  g_assert_no_error (error);
  g_assert_false (scores[0].checked);
  g_assert_cmpfloat (scores[1].score, ==, profile->columns[1].leak.score);
  g_assert_cmpfloat (scores[1].values, ==, profile->columns[1].leak.values);
  fw_table_profile_set_target (profile, table, 0);
  g_assert_cmpfloat (profile->columns[1].leak.score, >, 0.62);
}

static void
test_drop_and_keep (void)
{
  const char *target[100], *copy[100], *other[100];
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwTableProfile) profile = NULL;
  g_autoptr(FwRecipe) settings = fw_recipe_new ();
  g_autoptr(FwRecipe) suggested = NULL;
  g_autoptr(FwRecipe) kept = NULL;
  g_autoptr(FwRecipe) loaded = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) dropped = NULL;
  g_auto(GStrv) none = NULL;

  for (guint i = 0; i < 100; i++)
    {
      target[i] = copy[i] = i % 2 ? "yes" : "no";
      other[i] = (i / 2) % 2 ? "a" : "b";
    }
  table = table_of (column_strings ("t", FW_KIND_BOOLEAN, target, 100),
                    column_strings ("copy", FW_KIND_CATEGORICAL, copy, 100),
                    column_strings ("other", FW_KIND_CATEGORICAL, other, 100), NULL);
  profile = profile_of (table);
  settings->target = g_strdup ("t");
  settings->seed = 9;
  suggested = fw_recipe_new_suggested_safe (table, profile, settings, &dropped, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (dropped, ((const char *[]) { "copy", NULL }));
  g_assert_cmpuint (suggested->seed, ==, 9);
  g_assert_cmpuint (suggested->steps->len, ==, 2);
  for (guint i = 0; i < suggested->steps->len; i++)
    {
      const FwStep *step = g_ptr_array_index (suggested->steps, i);

      g_assert_cmpint (step->kind, ==, g_str_equal (step->column, "copy") ? FW_STEP_DROP_COLUMN
                                                                         : FW_STEP_ONE_HOT);
    }

  /* Vouched for: kept with its usual steps, and the choice travels in the recipe. */
  g_ptr_array_add (settings->known_in_advance, g_strdup ("copy"));
  kept = fw_recipe_new_suggested_safe (table, profile, settings, &none, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (none, ((const char *[]) { NULL }));
  g_assert_cmpuint (kept->steps->len, ==, 2);
  g_assert_cmpint (((FwStep *) kept->steps->pdata[0])->kind, ==, FW_STEP_ONE_HOT);
  node = fw_recipe_to_json (kept);
  loaded = fw_recipe_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->known_in_advance->len, ==, 1);
  g_assert_cmpstr (loaded->known_in_advance->pdata[0], ==, "copy");
  g_clear_pointer (&node, json_node_unref);
  node = fw_recipe_to_json (suggested);
  g_assert_false (json_object_has_member (json_node_get_object (node), "known_in_advance"));

  /* A sensitive column is measured, not learnt from: never dropped as a leak. */
  g_ptr_array_set_size (settings->known_in_advance, 0);
  g_ptr_array_add (settings->sensitive, g_strdup ("copy"));
  g_clear_pointer (&none, g_strfreev);
  g_clear_pointer (&kept, fw_recipe_free);
  kept = fw_recipe_new_suggested_safe (table, profile, settings, &none, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (none, ((const char *[]) { NULL }));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/leak/missingness-by-hand", test_missingness_by_hand);
  g_test_add_func ("/engine/leak/noisy-copy-by-hand", test_noisy_copy_by_hand);
  g_test_add_func ("/engine/leak/message", test_message);
  g_test_add_func ("/engine/leak/several-classes", test_several_classes);
  g_test_add_func ("/engine/leak/regression", test_regression);
  g_test_add_func ("/engine/leak/many-rows", test_many_rows);
  g_test_add_func ("/engine/leak/shared-missingness", test_shared_missingness);
  g_test_add_func ("/engine/leak/training-part-only", test_training_part_only);
  g_test_add_func ("/engine/leak/drop-and-keep", test_drop_and_keep);
  return g_test_run ();
}
