/* test-profile.c — column profiles against hand-computed numbers and naive references
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "fw-profile.h"

#define N_LARGE 100000

/* Builders: tables are made directly, independent of the CSV importer. */
static FwColumn *
column_f32 (const char  *name,
            FwKind       kind,
            const float *values,
            gsize        n)
{
  FwColumn *column = fw_column_new_float32 (name, g_memdup2 (values, n * sizeof (float)), n);

  column->kind = kind;
  return column;
}

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

/* Takes a NULL-terminated list of columns. */
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
  g_autoptr (GError) error = NULL;
  FwTableProfile *profile = fw_table_profile_new (table, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (profile);
  g_assert_cmpuint (profile->n_columns, ==, fw_table_n_columns (table));
  return profile;
}

static guint64 lcg_state;

static guint64
lcg_next (void)
{
  lcg_state = lcg_state * G_GUINT64_CONSTANT (6364136223846793005) +
              G_GUINT64_CONSTANT (1442695040888963407);
  return lcg_state >> 11;
}

/* Uniform in [0, 1). */
static double
lcg_uniform (void)
{
  return (double) lcg_next () / 9007199254740992.0;
}

static void
test_numeric_basic (void)
{
  /* 1, 2, 3, 4, 100 and two missing.  mean = 110/5 = 22; deviations −21 −20 −19 −18 78,
   * squares sum to 7610, so std = √(7610/4) = √1902.5.  numpy quantiles, index q·(n−1):
   * 5% → 0.2 → 1.2; 25% → 2; 50% → 3; 75% → 4; 95% → 3.8 → 4 + 0.8·96 = 80.8.
   * IQR = 2, far-out fences 2 − 3·2 = −4 and 4 + 3·2 = 10: one outlier (100).  Bins are 4.95 wide from 1: 1…4 in bin 0,
   * 100 in the last. */
  const float values[] = { 1, NAN, 2, 3, NAN, 4, 100 };
  const double expected_q[] = { 1.2, 2, 3, 4, 80.8 };
  g_autoptr (FwTable) table = table_of (column_f32 ("x", FW_KIND_NUMERIC, values, 7), NULL);
  g_autoptr (FwTableProfile) profile = profile_of (table);
  const FwColumnProfile *p = &profile->columns[0];

  g_assert_cmpuint (profile->n_rows, ==, 7);
  g_assert_true (p->has_numbers);
  g_assert_cmpuint (p->count, ==, 5);
  g_assert_cmpuint (p->missing, ==, 2);
  g_assert_cmpuint (p->distinct, ==, 5);
  g_assert_cmpfloat (p->min, ==, 1);
  g_assert_cmpfloat (p->max, ==, 100);
  g_assert_cmpfloat_with_epsilon (p->mean, 22, 1e-12);
  g_assert_cmpfloat_with_epsilon (p->std, sqrt (1902.5), 1e-12);
  for (guint q = 0; q < FW_PROFILE_N_QUANTILES; q++)
    g_assert_cmpfloat_with_epsilon (p->quantiles[q], expected_q[q], 1e-12);
  g_assert_cmpfloat_with_epsilon (p->outlier_low, -4, 1e-12);
  g_assert_cmpfloat_with_epsilon (p->outlier_high, 10, 1e-12);
  g_assert_cmpuint (p->n_outliers, ==, 1);
  g_assert_cmpuint (p->histogram[0], ==, 4);
  g_assert_cmpuint (p->histogram[FW_PROFILE_HISTOGRAM_BINS - 1], ==, 1);
  for (guint b = 1; b < FW_PROFILE_HISTOGRAM_BINS - 1; b++)
    g_assert_cmpuint (p->histogram[b], ==, 0);
  g_assert_cmpuint (p->n_top, ==, 0);
  g_assert_true (fw_column_profile_has_issue (p, FW_ISSUE_OUTLIERS));
  g_assert_false (fw_column_profile_has_issue (p, FW_ISSUE_MOSTLY_MISSING));
  g_assert_false (fw_column_profile_has_issue (p, FW_ISSUE_CONSTANT));
  g_assert_cmpfloat (fw_profile_quantile_levels[2], ==, 0.5);
}

static void
test_histogram (void)
{
  /* 0, 1, …, 10 over [0, 10]: bins 0.5 wide, k < 10 in bin 2k; 10 in the last (closed) bin. */
  double values[11];
  const double same[] = { 5, 5, NAN, 5 };
  g_autoptr (FwTable) table = NULL;
  g_autoptr (FwTable) table2 = table_of (column_f64 ("same", FW_KIND_NUMERIC, same, 4), NULL);
  g_autoptr (FwTableProfile) profile = NULL;
  g_autoptr (FwTableProfile) profile2 = profile_of (table2);

  for (guint i = 0; i < 11; i++)
    values[i] = 10 - (double) i;
  table = table_of (column_f64 ("steps", FW_KIND_NUMERIC, values, 11), NULL);
  profile = profile_of (table);
  for (guint b = 0; b < FW_PROFILE_HISTOGRAM_BINS; b++)
    {
      guint expected = b % 2 == 0 || b == 19 ? 1 : 0;

      g_assert_cmpuint (profile->columns[0].histogram[b], ==, expected);
    }
  /* One value: numpy widens the range to [4.5, 5.5], so all land in the middle bin. */
  for (guint b = 0; b < FW_PROFILE_HISTOGRAM_BINS; b++)
    g_assert_cmpuint (profile2->columns[0].histogram[b], ==, b == 10 ? 3 : 0);
  g_assert_cmpfloat (profile2->columns[0].std, ==, 0);
  g_assert_cmpuint (profile2->columns[0].n_outliers, ==, 0);
}

static void
test_distinct (void)
{
  /* 3.5, 1, 0 (−0 is the same number), 2: four distinct among seven filled cells. */
  const double d[] = { 3.5, 1, 3.5, -0.0, 0.0, NAN, 1, 2 };
  const float f[] = { 3.5f, 1, 3.5f, -0.0f, 0.0f, NAN, 1, 2 };
  /* 0.1 and 0.1 + 2⁻⁵⁵ differ only as doubles. */
  const double close[] = { 0.1, 0.1 + 0x1p-55, 0.1 };
  g_autoptr (FwTable) table = table_of (column_f64 ("d", FW_KIND_NUMERIC, d, 8),
                                        column_f32 ("f", FW_KIND_NUMERIC, f, 8),
                                        NULL);
  g_autoptr (FwTable) table2 = table_of (column_f64 ("close", FW_KIND_NUMERIC, close, 3), NULL);
  g_autoptr (FwTableProfile) profile = profile_of (table);
  g_autoptr (FwTableProfile) profile2 = profile_of (table2);

  for (guint c = 0; c < 2; c++)
    {
      const FwColumnProfile *p = &profile->columns[c];

      g_assert_cmpuint (p->distinct, ==, 4);
      g_assert_cmpuint (p->count, ==, 7);
      g_assert_cmpuint (p->missing, ==, 1);
      g_assert_cmpfloat (p->min, ==, 0);
      g_assert_cmpfloat (p->max, ==, 3.5);
      /* (3.5 + 1 + 3.5 + 0 + 0 + 1 + 2) / 7 = 11/7 */
      g_assert_cmpfloat_with_epsilon (p->mean, 11.0 / 7.0, 1e-12);
      /* sorted 0 0 1 1 2 3.5 3.5: median index 3 */
      g_assert_cmpfloat (p->quantiles[2], ==, 1);
    }
  g_assert_cmpuint (profile2->columns[0].distinct, ==, 2);
}

static void
test_categorical_top (void)
{
  /* b 3, a 2, c 3, d 1; b and c tie and b appeared first. */
  const char *const values[] = { "b", "b", "a", "c", NULL, "c", "c", "a", "b", "d" };
  const char *const expected[] = { "b", "c", "a", "d" };
  const gsize expected_counts[] = { 3, 3, 2, 1 };
  const char *many[30];
  char names[15][8];
  g_autoptr (FwTable) table = NULL;
  g_autoptr (FwTable) table2 = NULL;
  g_autoptr (FwTableProfile) profile = NULL;
  g_autoptr (FwTableProfile) profile2 = NULL;
  const FwColumnProfile *p;

  /* Fifteen categories, the k-th (from 0) seen 2 + (k mod 2) times: the top ten are the
   * odd ones (1, 3, …, 13: 7 of them) then the three first even ones (0, 2, 4). */
  for (guint k = 0; k < 15; k++)
    g_snprintf (names[k], sizeof names[k], "k%u", k);
  for (guint i = 0, k = 0; k < 15; k++)
    {
      many[i++] = names[k];
      if (k % 2 == 1 && i < 30)
        many[i++] = names[k];
    }
  for (guint i = 22; i < 30; i++)
    many[i] = NULL;
  table = table_of (column_strings ("letter", FW_KIND_CATEGORICAL, values, 10), NULL);
  table2 = table_of (column_strings ("many", FW_KIND_CATEGORICAL, many, 30), NULL);
  profile = profile_of (table);
  profile2 = profile_of (table2);
  p = &profile->columns[0];

  g_assert_false (p->has_numbers);
  g_assert_cmpuint (p->count, ==, 9);
  g_assert_cmpuint (p->missing, ==, 1);
  g_assert_cmpuint (p->distinct, ==, 4);
  g_assert_cmpuint (p->n_top, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpstr (p->top[i].value, ==, expected[i]);
      g_assert_cmpuint (p->top[i].count, ==, expected_counts[i]);
    }
  g_assert_cmpuint (p->issues->len, ==, 0);

  p = &profile2->columns[0];
  g_assert_cmpuint (p->distinct, ==, 15);
  g_assert_cmpuint (p->missing, ==, 8);
  g_assert_cmpuint (p->n_top, ==, FW_PROFILE_TOP_CATEGORIES);
  for (guint i = 0; i < 7; i++)
    {
      g_assert_cmpstr (p->top[i].value, ==, names[2 * i + 1]);
      g_assert_cmpuint (p->top[i].count, ==, 2);
    }
  for (guint i = 7; i < 10; i++)
    {
      g_assert_cmpstr (p->top[i].value, ==, names[2 * (i - 7)]);
      g_assert_cmpuint (p->top[i].count, ==, 1);
    }
}

/* @n_missing of @n cells missing, in a number column and in a category column. */
static void
check_mostly_missing (gsize    n,
                      gsize    n_missing,
                      gboolean expected)
{
  g_autofree float *numbers = g_new (float, n);
  g_autofree const char **strings = g_new (const char *, n);
  g_autoptr (FwTable) table = NULL;
  g_autoptr (FwTableProfile) profile = NULL;

  for (gsize i = 0; i < n; i++)
    {
      numbers[i] = i < n_missing ? NAN : (float) (i % 7);
      strings[i] = i < n_missing ? NULL : (i % 2 ? "p" : "q");
    }
  table = table_of (column_f32 ("x", FW_KIND_NUMERIC, numbers, n),
                    column_strings ("s", FW_KIND_CATEGORICAL, strings, n), NULL);
  profile = profile_of (table);
  for (guint c = 0; c < 2; c++)
    {
      g_assert_cmpuint (profile->columns[c].missing, ==, n_missing);
      g_assert_cmpint (fw_column_profile_has_issue (&profile->columns[c],
                                                    FW_ISSUE_MOSTLY_MISSING), ==, expected);
    }
}

static void
test_mostly_missing (void)
{
  check_mostly_missing (10, 4, FALSE);
  check_mostly_missing (100, 40, FALSE);
  check_mostly_missing (100, 41, TRUE);
  check_mostly_missing (1000, 401, TRUE);
  check_mostly_missing (1000, 400, FALSE);
}

static void
test_constant (void)
{
  const float seven[] = { 7, NAN, 7, 7 };
  const float two[] = { 7, NAN, 7, 8 };
  const char *const same[] = { "x", "x", NULL, "x" };
  const char *const pair[] = { "x", "y", NULL, "x" };
  g_autoptr (FwTable) table = table_of (column_f32 ("seven", FW_KIND_NUMERIC, seven, 4),
                                        column_f32 ("two", FW_KIND_NUMERIC, two, 4),
                                        column_strings ("same", FW_KIND_CATEGORICAL, same, 4),
                                        column_strings ("pair", FW_KIND_CATEGORICAL, pair, 4),
                                        NULL);
  g_autoptr (FwTableProfile) profile = profile_of (table);
  const FwIssue *issue;

  g_assert_true (fw_column_profile_has_issue (&profile->columns[0], FW_ISSUE_CONSTANT));
  g_assert_false (fw_column_profile_has_issue (&profile->columns[1], FW_ISSUE_CONSTANT));
  g_assert_true (fw_column_profile_has_issue (&profile->columns[2], FW_ISSUE_CONSTANT));
  g_assert_false (fw_column_profile_has_issue (&profile->columns[3], FW_ISSUE_CONSTANT));
  g_assert_cmpuint (profile->columns[0].issues->len, ==, 1);
  issue = g_ptr_array_index (profile->columns[0].issues, 0);
  g_assert_cmpint (issue->kind, ==, FW_ISSUE_CONSTANT);
  g_assert_nonnull (strstr (issue->message, "7"));
  issue = g_ptr_array_index (profile->columns[2].issues, 0);
  g_assert_nonnull (strstr (issue->message, "“x”"));
}

static void
test_identifier (void)
{
  const char *const ids[] = { "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10" };
  g_autoptr (FwTable) table = table_of (column_strings ("id", FW_KIND_IDENTIFIER, ids, 10),
                                        column_strings ("code", FW_KIND_CATEGORICAL, ids, 10),
                                        NULL);
  g_autoptr (FwTableProfile) profile = profile_of (table);
  const FwIssue *issue;

  g_assert_true (fw_column_profile_has_issue (&profile->columns[0], FW_ISSUE_IDENTIFIER));
  g_assert_false (fw_column_profile_has_issue (&profile->columns[1], FW_ISSUE_IDENTIFIER));
  g_assert_cmpuint (profile->columns[0].issues->len, ==, 1);
  issue = g_ptr_array_index (profile->columns[0].issues, 0);
  g_assert_cmpstr (issue->message, ==,
                   "Looks like an ID: every row has its own value, so it cannot help predict");
}

static FwColumn *
column_counted (const char *name,
                FwKind      kind,
                guint       n_values)
{
  g_autoptr (GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);

  /* Each value twice, so the column is not an ID; padded with missing cells to 300 rows. */
  for (guint i = 0; i < 300; i++)
    g_ptr_array_add (strings, i < 2 * n_values ? g_strdup_printf ("v%u", i / 2) : NULL);
  return column_strings (name, kind, (const char *const *) strings->pdata, strings->len);
}

static void
test_high_cardinality (void)
{
  g_autoptr (FwTable) table = NULL;
  g_autoptr (FwTableProfile) profile = NULL;
  const FwIssue *issue;

  table = fw_table_new ();
  fw_table_take_column (table, column_counted ("c100", FW_KIND_CATEGORICAL, 100));
  fw_table_take_column (table, column_counted ("c101", FW_KIND_CATEGORICAL, 101));
  fw_table_take_column (table, column_counted ("t101", FW_KIND_TEXT, 101));
  fw_table_take_column (table, column_counted ("d101", FW_KIND_DATETIME, 101));
  profile = profile_of (table);
  g_assert_cmpuint (profile->columns[0].distinct, ==, 100);
  g_assert_false (fw_column_profile_has_issue (&profile->columns[0], FW_ISSUE_HIGH_CARDINALITY));
  g_assert_true (fw_column_profile_has_issue (&profile->columns[1], FW_ISSUE_HIGH_CARDINALITY));
  g_assert_true (fw_column_profile_has_issue (&profile->columns[2], FW_ISSUE_HIGH_CARDINALITY));
  g_assert_false (fw_column_profile_has_issue (&profile->columns[3], FW_ISSUE_HIGH_CARDINALITY));
  issue = g_ptr_array_index (profile->columns[1].issues, 0);
  g_assert_nonnull (strstr (issue->message, "101"));
}

static void
test_outliers (void)
{
  /* n = 5: Q1 = 2, Q3 = 4, far-out fences −4 and 10.  10 sits on the fence, 10.5 is past. */
  const float on_fence[] = { 1, 2, 3, 4, 10 };
  const float past[] = { 1, 2, 3, 4, 10.5f };
  const float below[] = { -4.5f, 2, 3, 4, 5 };
  const float flags[] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
  g_autoptr (FwTable) table = table_of (column_f32 ("on", FW_KIND_NUMERIC, on_fence, 5),
                                        column_f32 ("past", FW_KIND_NUMERIC, past, 5),
                                        column_f32 ("below", FW_KIND_NUMERIC, below, 5),
                                        NULL);
  g_autoptr (FwTable) table2 = table_of (column_f32 ("flag", FW_KIND_BOOLEAN, flags, 10),
                                         column_f32 ("gain", FW_KIND_NUMERIC, flags, 10), NULL);
  g_autoptr (FwTableProfile) profile = profile_of (table);
  g_autoptr (FwTableProfile) profile2 = profile_of (table2);
  const FwIssue *issue;

  g_assert_cmpuint (profile->columns[0].n_outliers, ==, 0);
  g_assert_false (fw_column_profile_has_issue (&profile->columns[0], FW_ISSUE_OUTLIERS));
  g_assert_cmpuint (profile->columns[1].n_outliers, ==, 1);
  g_assert_true (fw_column_profile_has_issue (&profile->columns[1], FW_ISSUE_OUTLIERS));
  issue = g_ptr_array_index (profile->columns[1].issues, 0);
  g_assert_cmpstr (issue->message, ==, "Outliers: 1 value is far above the rest (above 10)");
  /* −4.5 2 3 4 5: Q1 = 2, Q3 = 4, so −4.5 is past the lower fence, −4. */
  g_assert_cmpuint (profile->columns[2].n_outliers, ==, 1);
  issue = g_ptr_array_index (profile->columns[2].issues, 0);
  g_assert_cmpstr (issue->message, ==, "Outliers: 1 value is far below the rest (below -4)");
  /* 38 values i % 4 (ten 0s, ten 1s, nine 2s, nine 3s) with −20 and 30: numpy's Q1 at
   * index 9.75 is 0, Q3 at 29.25 is 2 + 0.25 = 2.25, fences −6.75 and 9.  Two of 40 is 5%. */
  {
    float both[40];
    g_autoptr (FwTable) t4 = NULL;
    g_autoptr (FwTableProfile) p4 = NULL;

    for (int i = 0; i < 38; i++)
      both[i] = (float) (i % 4);
    both[38] = -20;
    both[39] = 30;
    t4 = table_of (column_f32 ("both", FW_KIND_NUMERIC, both, 40), NULL);
    p4 = profile_of (t4);
    g_assert_cmpuint (p4->columns[0].n_outliers, ==, 2);
    issue = g_ptr_array_index (p4->columns[0].issues, 0);
    g_assert_cmpstr (issue->message, ==,
                     "Outliers: 2 values are far from the rest (below -6.75 or above 9)");
  }
  /* A long tail: 3 of 20 past the fence (15% > 5%) is the shape, not stray values. */
  {
    float tail[20];
    g_autoptr (FwTable) t3 = NULL;
    g_autoptr (FwTableProfile) p3 = NULL;

    for (int i = 0; i < 20; i++)
      tail[i] = i < 17 ? (float) (i % 4) : 1000.0f;
    t3 = table_of (column_f32 ("term", FW_KIND_NUMERIC, tail, 20), NULL);
    p3 = profile_of (t3);
    g_assert_cmpuint (p3->columns[0].n_outliers, ==, 3);
    g_assert_false (fw_column_profile_has_issue (&p3->columns[0], FW_ISSUE_OUTLIERS));
  }
  /* Mostly zeros (IQR 0): the lone 1 is past the fences, but the flag would say nothing. */
  g_assert_cmpuint (profile2->columns[1].n_outliers, ==, 1);
  g_assert_false (fw_column_profile_has_issue (&profile2->columns[1], FW_ISSUE_OUTLIERS));
  /* A yes/no column: the lone 1 is past the fences (IQR 0) but is no outlier. */
  g_assert_cmpuint (profile2->columns[0].n_outliers, ==, 1);
  g_assert_false (fw_column_profile_has_issue (&profile2->columns[0], FW_ISSUE_OUTLIERS));
}

static void
test_all_missing (void)
{
  const float f[] = { NAN, NAN, NAN };
  const char *const s[] = { NULL, NULL, NULL };
  g_autoptr (FwTable) table = table_of (column_f32 ("f", FW_KIND_NUMERIC, f, 3),
                                        column_strings ("s", FW_KIND_CATEGORICAL, s, 3), NULL);
  g_autoptr (FwTableProfile) profile = profile_of (table);
  const FwColumnProfile *p = &profile->columns[0];

  g_assert_cmpuint (p->count, ==, 0);
  g_assert_cmpuint (p->missing, ==, 3);
  g_assert_cmpuint (p->distinct, ==, 0);
  g_assert_true (p->has_numbers);
  g_assert_true (isnan (p->min) && isnan (p->max) && isnan (p->mean) && isnan (p->std));
  g_assert_true (isnan (p->outlier_low) && isnan (p->outlier_high));
  for (guint q = 0; q < FW_PROFILE_N_QUANTILES; q++)
    g_assert_true (isnan (p->quantiles[q]));
  for (guint b = 0; b < FW_PROFILE_HISTOGRAM_BINS; b++)
    g_assert_cmpuint (p->histogram[b], ==, 0);
  for (guint c = 0; c < 2; c++)
    {
      g_assert_true (fw_column_profile_has_issue (&profile->columns[c], FW_ISSUE_MOSTLY_MISSING));
      g_assert_true (fw_column_profile_has_issue (&profile->columns[c], FW_ISSUE_CONSTANT));
    }
  g_assert_cmpuint (profile->columns[1].n_top, ==, 0);
  fw_table_profile_set_target (profile, table, 1);
  fw_table_profile_set_target (profile, table, 0);
}

static void
test_empty (void)
{
  g_autoptr (FwTable) table = table_of (fw_column_new_float32 ("f", NULL, 0),
                                        fw_column_new_float64 ("d", NULL, 0),
                                        fw_column_new_codes ("s", NULL, 0, fw_dictionary_new ()),
                                        NULL);
  g_autoptr (FwTable) no_columns = fw_table_new ();
  g_autoptr (FwTableProfile) profile = profile_of (table);
  g_autoptr (FwTableProfile) profile2 = profile_of (no_columns);

  g_assert_cmpuint (profile->n_rows, ==, 0);
  for (guint c = 0; c < 3; c++)
    {
      g_assert_cmpuint (profile->columns[c].column, ==, c);
      g_assert_cmpuint (profile->columns[c].count, ==, 0);
      g_assert_cmpuint (profile->columns[c].missing, ==, 0);
      g_assert_cmpuint (profile->columns[c].issues->len, ==, 0);
    }
  g_assert_true (isnan (profile->columns[0].mean));
  fw_table_profile_set_target (profile, table, 2);
  g_assert_cmpuint (profile2->n_columns, ==, 0);
}

/* @n rows of yes/no with @n_yes yes, spread out. */
static void
check_imbalance (gsize    n,
                 gsize    n_yes,
                 gboolean expected)
{
  g_autofree const char **labels = g_new (const char *, n);
  g_autofree float *numbers = g_new (float, n);
  g_autoptr (FwTable) table = NULL;
  g_autoptr (FwTableProfile) profile = NULL;

  for (gsize i = 0; i < n; i++)
    {
      gboolean yes = i * n_yes / n != (i + 1) * n_yes / n;

      labels[i] = yes ? "yes" : "no";
      numbers[i] = yes ? 1 : 0;
    }
  table = table_of (column_strings ("approved", FW_KIND_BOOLEAN, labels, n),
                    column_f32 ("approved01", FW_KIND_BOOLEAN, numbers, n), NULL);
  profile = profile_of (table);
  g_assert_cmpuint (profile->columns[0].top[1].count, ==, n_yes);
  for (guint c = 0; c < 2; c++)
    {
      fw_table_profile_set_target (profile, table, c);
      g_assert_cmpint (fw_column_profile_has_issue (&profile->columns[c],
                                                    FW_ISSUE_CLASS_IMBALANCE), ==, expected);
      g_assert_false (fw_column_profile_has_issue (&profile->columns[1 - c],
                                                   FW_ISSUE_CLASS_IMBALANCE));
    }
  if (expected)
    {
      const FwIssue *issue;

      fw_table_profile_set_target (profile, table, 0);
      issue = g_ptr_array_index (profile->columns[0].issues, 0);
      g_assert_nonnull (strstr (issue->message, "“yes”"));
    }
}

/* Twelve classes: a fair share is 1/12, so the bar is half of it, 1/24 ≈ 4.2% (not 10%). */
static void
check_many_classes (guint    rarest,
                    gboolean expected)
{
  const gsize n = 1200;
  g_autofree float *grade = g_new (float, n);
  g_autoptr (FwTable) table = NULL;
  g_autoptr (FwTableProfile) profile = NULL;

  /* Class 11 gets @rarest rows, the others share the rest. */
  for (gsize i = 0; i < n; i++)
    grade[i] = i < rarest ? 11 : (float) (i % 11);
  table = table_of (column_f32 ("grade", FW_KIND_NUMERIC, grade, n), NULL);
  profile = profile_of (table);
  fw_table_profile_set_target (profile, table, 0);
  g_assert_cmpint (fw_column_profile_has_issue (&profile->columns[0], FW_ISSUE_CLASS_IMBALANCE),
                   ==, expected);
}

static void
test_imbalance (void)
{
  check_imbalance (100, 9, TRUE);
  check_imbalance (100, 10, FALSE);
  check_imbalance (1000, 99, TRUE);
  check_imbalance (1000, 500, FALSE);
  check_many_classes (100, FALSE);      /* 8.3% */
  check_many_classes (50, FALSE);       /* 50/1200 = 1/24 exactly: not below the bar */
  check_many_classes (49, TRUE);
}

static void
test_leakage (void)
{
  const gsize n = 2000;
  g_autofree const char **target = g_new (const char *, n);
  g_autofree const char **colour = g_new (const char *, n);
  g_autofree float *same01 = g_new (float, n);
  g_autofree float *noise = g_new (float, n);
  g_autofree double *score = g_new (double, n);
  g_autofree double *score_copy = g_new (double, n);
  const char *const colours[] = { "red", "green", "blue", "grey" };
  g_autoptr (FwTable) table = NULL;
  g_autoptr (FwTableProfile) profile = NULL;
  const FwIssue *issue;

  lcg_state = 42;
  for (gsize i = 0; i < n; i++)
    {
      target[i] = lcg_uniform () < 0.3 ? "yes" : "no";
      same01[i] = strcmp (target[i], "yes") == 0 ? 1 : 0;
      colour[i] = colours[lcg_next () % 4];
      noise[i] = (float) lcg_uniform ();
      score[i] = lcg_uniform () * 100;
      score_copy[i] = 2 * score[i] + 1;
    }
  /* Missing target rows are a category of their own, matched by the copy. */
  target[7] = NULL;
  table = table_of (column_strings ("approved", FW_KIND_BOOLEAN, target, n),
                    column_strings ("approved_copy", FW_KIND_BOOLEAN, target, n),
                    column_f32 ("approved01", FW_KIND_BOOLEAN, same01, n),
                    column_strings ("colour", FW_KIND_CATEGORICAL, colour, n),
                    column_f32 ("noise", FW_KIND_NUMERIC, noise, n),
                    column_f64 ("score", FW_KIND_NUMERIC, score, n),
                    column_f64 ("score_copy", FW_KIND_NUMERIC, score_copy, n),
                    column_strings ("approved_id", FW_KIND_IDENTIFIER, target, n),
                    NULL);
  profile = profile_of (table);

  fw_table_profile_set_target (profile, table, 0);
  g_assert_false (fw_column_profile_has_issue (&profile->columns[0], FW_ISSUE_TARGET_LEAKAGE));
  g_assert_true (fw_column_profile_has_issue (&profile->columns[1], FW_ISSUE_TARGET_LEAKAGE));
  /* The 0/1 copy differs only on row 7, where the target is missing and so not looked at;
   * an ID column holding the same words is a copy too. */
  g_assert_true (fw_column_profile_has_issue (&profile->columns[2], FW_ISSUE_TARGET_LEAKAGE));
  g_assert_true (fw_column_profile_has_issue (&profile->columns[7], FW_ISSUE_TARGET_LEAKAGE));
  for (guint c = 3; c < 7; c++)
    g_assert_false (fw_column_profile_has_issue (&profile->columns[c], FW_ISSUE_TARGET_LEAKAGE));
  g_assert_cmpfloat (profile->columns[1].leak.score, ==, 1.0);
  g_assert_cmpint (profile->columns[1].leak.by, ==, FW_LEAK_BY_VALUES);
  issue = g_ptr_array_index (profile->columns[1].issues, profile->columns[1].issues->len - 1);
  g_assert_cmpint (issue->kind, ==, FW_ISSUE_TARGET_LEAKAGE);
  g_assert_cmpstr (issue->message, ==,
                   "“approved_copy” alone gets the answer right for 100 of 100 rows (ROC AUC "
                   "1.00). Is it known before the outcome happens? If not, it must not be used.");

  /* A number target: its linear copy falls into the same bins; the old flags go. */
  fw_table_profile_set_target (profile, table, 5);
  for (guint c = 0; c < 8; c++)
    {
      g_assert_cmpint (fw_column_profile_has_issue (&profile->columns[c], FW_ISSUE_TARGET_LEAKAGE),
                       ==, c == 6);
      g_assert_false (fw_column_profile_has_issue (&profile->columns[c], FW_ISSUE_CLASS_IMBALANCE));
    }
  fw_table_profile_set_target (profile, table, 5);
  g_assert_cmpuint (profile->columns[6].issues->len, ==, 1);
}

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  g_array_append_val ((GArray *) user_data, fraction);
}

static void
test_cancel_progress (void)
{
  const float x[] = { 1, 2, 3 };
  g_autoptr (FwTable) table = table_of (column_f32 ("a", FW_KIND_NUMERIC, x, 3),
                                        column_f32 ("b", FW_KIND_NUMERIC, x, 3),
                                        column_f32 ("c", FW_KIND_NUMERIC, x, 3),
                                        column_f32 ("d", FW_KIND_NUMERIC, x, 3), NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GError) error = NULL;
  g_autoptr (FwTableProfile) profile = NULL;

  profile = fw_table_profile_new (table, record_progress, fractions, cancellable, &error);
  g_assert_no_error (error);
  g_assert_nonnull (profile);
  g_assert_cmpuint (fractions->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (fractions, double, i), (i + 1) / 4.0, 1e-12);

  g_cancellable_cancel (cancellable);
  g_clear_pointer (&profile, fw_table_profile_free);
  profile = fw_table_profile_new (table, NULL, NULL, cancellable, &error);
  g_assert_null (profile);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The radix-sorted statistics against a qsort of the same values and the plain formulas. */
static void
check_large (gboolean wide)
{
  g_autofree double *sorted = g_new (double, N_LARGE);
  g_autoptr (FwTable) table = fw_table_new ();
  g_autoptr (FwTableProfile) profile = NULL;
  const FwColumnProfile *p;
  gsize n = 0, distinct = 0, outliers = 0, histogram[FW_PROFILE_HISTOGRAM_BINS] = { 0 };
  long double sum = 0, squares = 0;
  double mean, q1 = 0, q3 = 0, low, high, width;
  gpointer values = g_malloc (N_LARGE * (wide ? sizeof (double) : sizeof (float)));

  lcg_state = wide ? 7 : 3;
  for (gsize i = 0; i < N_LARGE; i++)
    {
      /* Mixed signs and scales, repeats, −0, and 5% missing. */
      double u = lcg_uniform (), x;

      if (u < 0.05)
        x = NAN;
      else if (u < 0.10)
        x = (double) (lcg_next () % 50) - 25;
      else if (u < 0.11)
        x = -0.0;
      else
        x = (lcg_uniform () - 0.3) * pow (10, (double) (lcg_next () % 9) - 3);
      if (wide)
        ((double *) values)[i] = x;
      else
        ((float *) values)[i] = (float) x;
      x = wide ? ((double *) values)[i] : ((float *) values)[i];
      if (!isnan (x))
        sorted[n++] = x == 0 ? 0 : x;
    }
  fw_table_take_column (table, wide ? fw_column_new_float64 ("x", values, N_LARGE)
                                    : fw_column_new_float32 ("x", values, N_LARGE));
  profile = profile_of (table);
  p = &profile->columns[0];

  qsort (sorted, n, sizeof (double), compare_doubles);
  for (gsize i = 0; i < n; i++)
    {
      sum += sorted[i];
      distinct += i == 0 || sorted[i] != sorted[i - 1];
    }
  mean = (double) (sum / n);
  for (gsize i = 0; i < n; i++)
    squares += ((long double) sorted[i] - mean) * ((long double) sorted[i] - mean);

  g_assert_cmpuint (p->count, ==, n);
  g_assert_cmpuint (p->missing, ==, N_LARGE - n);
  g_assert_cmpuint (p->distinct, ==, distinct);
  g_assert_cmpfloat (p->min, ==, sorted[0]);
  g_assert_cmpfloat (p->max, ==, sorted[n - 1]);
  g_assert_cmpfloat_with_epsilon (p->mean, mean, 1e-12 * fabs (mean));
  g_assert_cmpfloat_with_epsilon (p->std, sqrtl (squares / (n - 1)), 1e-12 * p->std);
  for (guint q = 0; q < FW_PROFILE_N_QUANTILES; q++)
    {
      double h = fw_profile_quantile_levels[q] * (n - 1), expected;
      gsize j = (gsize) h;

      expected = sorted[j] + (h - j) * (sorted[j + 1] - sorted[j]);
      g_assert_cmpfloat_with_epsilon (p->quantiles[q], expected,
                                      1e-12 * (fabs (sorted[j]) + fabs (sorted[j + 1])) + 1e-300);
      if (q == 1)
        q1 = expected;
      if (q == 3)
        q3 = expected;
    }
  low = q1 - 3.0 * (q3 - q1);
  high = q3 + 3.0 * (q3 - q1);
  width = (sorted[n - 1] - sorted[0]) / FW_PROFILE_HISTOGRAM_BINS;
  for (gsize i = 0; i < n; i++)
    {
      gsize bin = 0;

      outliers += sorted[i] < low || sorted[i] > high;
      while (bin + 1 < FW_PROFILE_HISTOGRAM_BINS && sorted[i] >= sorted[0] + (bin + 1) * width)
        bin++;
      histogram[bin]++;
    }
  g_assert_cmpuint (p->n_outliers, ==, outliers);
  for (guint b = 0; b < FW_PROFILE_HISTOGRAM_BINS; b++)
    g_assert_cmpuint (p->histogram[b], ==, histogram[b]);
}

static void
test_large_float32 (void)
{
  check_large (FALSE);
}

static void
test_large_float64 (void)
{
  check_large (TRUE);
}

/* Big enough for a helper thread; each column must come out as it does profiled alone. */
static void
test_threads (void)
{
  const gsize n = 400000;
  const guint n_columns = 6;
  g_autoptr (FwTable) table = fw_table_new ();
  g_autoptr (FwTableProfile) profile = NULL;
  g_autoptr (GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GError) error = NULL;

  lcg_state = 11;
  for (guint c = 0; c < n_columns; c++)
    {
      float *values = g_new (float, n);

      for (gsize i = 0; i < n; i++)
        values[i] = lcg_uniform () < 0.01 * c ? NAN : (float) (lcg_uniform () * (c + 1) * 10);
      fw_table_take_column (table, fw_column_new_float32 ("x", values, n));
    }
  profile = fw_table_profile_new (table, record_progress, fractions, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (profile);
  g_assert_cmpuint (fractions->len, >=, 1);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i - 1), <,
                       g_array_index (fractions, double, i));

  for (guint c = 0; c < n_columns; c++)
    {
      const FwColumn *column = fw_table_column (table, c);
      g_autoptr (FwTable) alone = table_of (column_f32 ("x", FW_KIND_NUMERIC, column->data.f32, n),
                                            NULL);
      g_autoptr (FwTableProfile) single = profile_of (alone);
      const FwColumnProfile *a = &profile->columns[c], *b = &single->columns[0];

      g_assert_cmpuint (a->column, ==, c);
      g_assert_cmpuint (a->count, ==, b->count);
      g_assert_cmpuint (a->distinct, ==, b->distinct);
      g_assert_cmpfloat (a->mean, ==, b->mean);
      g_assert_cmpfloat (a->std, ==, b->std);
      g_assert_cmpmem (a->quantiles, sizeof a->quantiles, b->quantiles, sizeof b->quantiles);
      g_assert_cmpmem (a->histogram, sizeof a->histogram, b->histogram, sizeof b->histogram);
      g_assert_cmpuint (a->issues->len, ==, b->issues->len);
    }
}

static void
test_issue_names (void)
{
  const char *const expected[FW_N_ISSUE_KINDS] = {
    "mostly_missing", "constant", "identifier", "high_cardinality", "outliers",
    "class_imbalance", "leak", "sentinel", "duplicate", "free_text", "date",
  };

  for (guint k = 0; k < FW_N_ISSUE_KINDS; k++)
    g_assert_cmpstr (fw_issue_kind_to_string (k), ==, expected[k]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/profile/numeric-basic", test_numeric_basic);
  g_test_add_func ("/engine/profile/histogram", test_histogram);
  g_test_add_func ("/engine/profile/distinct", test_distinct);
  g_test_add_func ("/engine/profile/categorical-top", test_categorical_top);
  g_test_add_func ("/engine/profile/mostly-missing", test_mostly_missing);
  g_test_add_func ("/engine/profile/constant", test_constant);
  g_test_add_func ("/engine/profile/identifier", test_identifier);
  g_test_add_func ("/engine/profile/high-cardinality", test_high_cardinality);
  g_test_add_func ("/engine/profile/outliers", test_outliers);
  g_test_add_func ("/engine/profile/all-missing", test_all_missing);
  g_test_add_func ("/engine/profile/empty", test_empty);
  g_test_add_func ("/engine/profile/imbalance", test_imbalance);
  g_test_add_func ("/engine/profile/leakage", test_leakage);
  g_test_add_func ("/engine/profile/cancel-progress", test_cancel_progress);
  g_test_add_func ("/engine/profile/large-float32", test_large_float32);
  g_test_add_func ("/engine/profile/large-float64", test_large_float64);
  g_test_add_func ("/engine/profile/threads", test_threads);
  g_test_add_func ("/engine/profile/issue-names", test_issue_names);

  return g_test_run ();
}
