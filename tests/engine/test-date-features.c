/* test-date-features.c — what dates are good for, leak-checked; rare categories grouped
 *
 * The table is generated here, so every answer is known: a date of birth and a screening
 * date (an age), a jail entry and a "re-arrest or end of the window" date whose days
 * between end at the event (a leak), a decision time stamped early for "yes" and late for
 * "no" (a leak only as a number of days: every stamp is different), a release date missing
 * on 40 % of the rows, a 20-value category with 3 rare values, a name per person and a
 * household shared by three people.  Days are counted here with the civil-from-days
 * arithmetic (Hinnant), not with GDate as the engine does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include "fw-clean-preview.h"
#include "fw-dataset-test.h"
#include "fw-date.h"
#include "fw-date-features.h"
#include "fw-leak-check.h"
#include "fw-preprocessor-private.h"

#define N_ROWS 3000

static guint64 state = 424242;

static guint32
next (void)
{
  state = state * 6364136223846793005u + 1442695040888963407u;
  return (guint32) (state >> 33);
}

/* Days from 1970-01-01 to y-m-d, and back. */
static gint64
days_from_civil (gint64 y,
                 guint  m,
                 guint  d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  z,
                 GString *out)
{
  gint64 era, doe, yoe, y, doy, mp, d, m;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  g_string_append_printf (out, "%04d-%02d-%02d", (int) (y + (m <= 2)), (int) m, (int) d);
}

static FwTable *table;
static double age_days[N_ROWS];          /* screening_date − dob */
static gboolean release_missing[N_ROWS];
static const char *const rare[] = { "g17", "g18", "g19" };

static char *
dated_csv (void)
{
  GString *csv = g_string_new ("person,dob,jail_in,screening_date,rearrest_date,decided_at,"
                               "release_date,grade,household,priors,reoffended\n");
  gint64 start = days_from_civil (2013, 1, 1);

  for (guint i = 0; i < N_ROWS; i++)
    {
      gint64 screening = start + next () % 700, jail = screening - next () % 5;
      gint64 dob = screening - (18 + next () % 50) * 365 - next () % 365;
      guint priors = next () % 10;
      gboolean yes = next () % 100 < 20 + 5 * priors;
      gint64 end = jail + (yes ? 1 + next () % 729 : 730);
      gint64 decided = days_from_civil (yes ? 2016 : 2017, 1, 1) + next () % 300;
      guint grade = i < 3 ? 17 + i : next () % 17;

      age_days[i] = (double) (screening - dob);
      release_missing[i] = next () % 100 < 40;
      g_string_append_printf (csv, "Person %u,", i);
      civil_from_days (dob, csv);
      g_string_append_c (csv, ',');
      civil_from_days (jail, csv);
      g_string_append_c (csv, ',');
      civil_from_days (screening, csv);
      g_string_append_c (csv, ',');
      civil_from_days (end, csv);
      g_string_append_c (csv, ',');
      /* Every stamp different: as categories they would say nothing. */
      civil_from_days (decided, csv);
      g_string_append_printf (csv, "T%02u:%02u:%02u,", i / 3600 % 24, i / 60 % 60, i % 60);
      if (!release_missing[i])
        civil_from_days (jail + 10 + next () % 100, csv);
      g_string_append_printf (csv, ",g%02u,H%u,%u,%s\n", grade, i / 3,
                              priors, yes ? "yes" : "no");
    }
  return g_string_free (csv, FALSE);
}

static FwRecipe *
settings_for_target (void)
{
  FwRecipe *settings = recipe_for ("reoffended");

  settings->split = (FwSplitSpec) { 1.0, 0.0, 0.0, TRUE };
  return settings;
}

static const FwDateFeature *
find (const GPtrArray *features,
      FwStepKind       kind,
      const char      *column,
      const char      *to)
{
  for (guint i = 0; i < features->len; i++)
    {
      const FwDateFeature *feature = g_ptr_array_index (features, i);

      if (feature->step.kind == kind && g_str_equal (feature->step.column, column) &&
          g_strcmp0 (feature->step.to, to) == 0)
        return feature;
    }
  return NULL;
}

static const FwStep *
find_step (const FwRecipe *recipe,
           FwStepKind      kind,
           const char     *column)
{
  for (guint i = 0; i < recipe->steps->len; i++)
    {
      const FwStep *step = g_ptr_array_index (recipe->steps, i);

      if (step->kind == kind && g_str_equal (step->column, column))
        return step;
    }
  return NULL;
}

static void
test_days (void)
{
  g_assert_cmpfloat (fw_date_to_days ("1970-01-01"), ==, 0.0);
  g_assert_cmpfloat (fw_date_to_days ("1969-12-31"), ==, -1.0);
  g_assert_cmpfloat (fw_date_to_days ("2000-03-01"), ==, 11017.0);
  g_assert_cmpfloat (fw_date_to_days ("2000/03/01T23:59:59"), ==, 11017.0);
  g_assert_cmpfloat (fw_date_to_days ("2024-02-29"), ==, (double) days_from_civil (2024, 2, 29));
  g_assert_true (isnan (fw_date_to_days ("2023-02-29")));
  g_assert_true (isnan (fw_date_to_days ("31/01/2024")));
}

/* A date is scored by its days: the decision stamps leak by their values; the honest dates
 * do not. */
static void
test_date_columns_scored (void)
{
  g_autoptr(FwRecipe) settings = settings_for_target ();
  g_autoptr(FwTableProfile) profile = fw_table_profile_new (table, NULL, NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  const FwColumnProfile *decided = &profile->columns[fw_table_column_index (table, "decided_at")];

  g_assert_true (fw_recipe_check_leaks (settings, table, profile, &error));
  g_assert_no_error (error);
  g_assert_cmpint (decided->kind, ==, FW_KIND_DATETIME);
  g_assert_true (fw_column_profile_has_issue (decided, FW_ISSUE_TARGET_LEAKAGE));
  g_assert_cmpint (decided->leak.by, ==, FW_LEAK_BY_VALUES);
  g_assert_cmpfloat (decided->leak.score, >, 0.99);
  for (guint i = 0; i < 3; i++)
    {
      const char *honest = (const char *[]) { "dob", "screening_date", "jail_in" }[i];
      const FwColumnProfile *p = &profile->columns[fw_table_column_index (table, honest)];

      g_assert_true (p->leak.checked);
      g_assert_false (fw_column_profile_has_issue (p, FW_ISSUE_TARGET_LEAKAGE));
    }
}

/* Days to the end of the window are flagged and not suggested; an age is suggested. */
static void
test_features_checked (void)
{
  g_autoptr(FwRecipe) settings = settings_for_target ();
  g_autoptr(FwTableProfile) profile = fw_table_profile_new (table, NULL, NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) features = NULL;
  g_autoptr(FwRecipe) recipe = NULL;
  const FwDateFeature *event, *age, *parts;

  recipe = fw_recipe_new_suggested_checked (table, profile, settings, NULL, &features, &error);
  g_assert_no_error (error);
  event = find (features, FW_STEP_DAYS_BETWEEN, "jail_in", "rearrest_date");
  g_assert_nonnull (event);
  g_assert_true (event->leak.suspected);
  g_assert_false (event->suggested);
  g_assert_true (g_str_has_prefix (event->message, "Days from “jail_in” to “rearrest_date” alone "
                                                   "gets the answer right for "));
  age = find (features, FW_STEP_DAYS_BETWEEN, "dob", "screening_date");
  g_assert_nonnull (age);
  g_assert_true (age->leak.checked);
  g_assert_false (age->leak.suspected);
  g_assert_true (age->suggested);
  parts = find (features, FW_STEP_DATE_PARTS, "decided_at", NULL);
  g_assert_true (parts->leak.suspected);
  g_assert_false (parts->suggested);

  g_assert_nonnull (find_step (recipe, FW_STEP_DAYS_BETWEEN, "dob"));
  for (guint i = 0; i < recipe->steps->len; i++)
    {
      const FwStep *step = g_ptr_array_index (recipe->steps, i);

      if (step->kind != FW_STEP_DAYS_BETWEEN)
        continue;
      g_assert_cmpstr (step->to, !=, "rearrest_date");
      g_assert_cmpstr (step->to, !=, "decided_at");
      g_assert_cmpstr (step->column, !=, "decided_at");
      g_assert_cmpstr (step->column, !=, "release_date");
    }
  /* The date columns themselves stay out. */
  g_assert_nonnull (find_step (recipe, FW_STEP_DROP_COLUMN, "dob"));
}

/* The suggested age is the days from birth to screening, counted here independently. */
static void
test_age_equals (void)
{
  g_autoptr(FwRecipe) settings = settings_for_target ();
  g_autoptr(FwTableProfile) profile = fw_table_profile_new (table, NULL, NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwRecipe) recipe = fw_recipe_new_suggested_safe (table, profile, settings, NULL,
                                                              &error);
  g_autoptr(FwDataset) dataset = NULL;
  g_autoptr(FwTable) preview = NULL;
  const FwDataPart *train;
  double mean = 0.0, squares = 0.0;
  int feature = -1, column;

  g_assert_no_error (error);
  dataset = prepare_ok (table, recipe);
  for (guint f = 0; f < dataset->n_features; f++)
    if (g_str_equal (dataset->feature_names[f], "dob_to_screening_date_days"))
      feature = (int) f;
  g_assert_cmpint (feature, >=, 0);
  train = &dataset->parts[FW_PART_TRAIN];
  g_assert_cmpuint (train->n, ==, N_ROWS);
  for (guint i = 0; i < N_ROWS; i++)
    mean += age_days[i] / N_ROWS;
  for (guint i = 0; i < N_ROWS; i++)
    squares += (age_days[i] - mean) * (age_days[i] - mean);
  for (gsize r = 0; r < train->n; r++)
    g_assert_cmpfloat_with_epsilon (train->x[r * dataset->n_features + feature],
                                    (age_days[train->source_rows[r]] - mean) /
                                    sqrt (squares / N_ROWS), 1e-5);

  preview = fw_clean_preview_new (table, recipe->steps, 50, 0, NULL, &error);
  g_assert_no_error (error);
  column = fw_table_column_index (preview, "dob_to_screening_date_days");
  g_assert_cmpint (column, >=, 0);
  for (gsize i = 0; i < 50; i++)
    g_assert_cmpfloat (fw_column_get_number (fw_table_column (preview, column), i), ==,
                       age_days[i]);
}

/* Either date missing: missing, filled with the median, and past 30 % a "was missing"
 * column; the step and the fitted input survive JSON. */
static void
test_missing_and_json (void)
{
  g_autoptr(FwRecipe) recipe = settings_for_target ();
  g_autoptr(FwRecipe) again = NULL;
  g_autoptr(JsonNode) node = NULL, pre_node = NULL;
  g_autoptr(FwDataset) dataset = NULL;
  g_autoptr(FwPreprocessor) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree float *a = NULL, *b = NULL;
  const FwStep *step;
  const FwDataPart *train;
  guint n;

  fw_recipe_add_days_between (recipe, "jail_in", "release_date", "stay");
  add (recipe, FW_STEP_DROP_COLUMN, "person");
  node = fw_recipe_to_json (recipe);
  again = fw_recipe_new_from_json (node, &error);
  g_assert_no_error (error);
  step = find_step (again, FW_STEP_DAYS_BETWEEN, "jail_in");
  g_assert_cmpstr (step->to, ==, "release_date");
  g_assert_cmpstr (step->name, ==, "stay");

  dataset = prepare_ok (table, again);
  n = dataset->n_features;
  g_assert_cmpstr (dataset->feature_names[n - 2], ==, "stay");
  g_assert_cmpstr (dataset->feature_names[n - 1], ==, "stay_was_missing");
  train = &dataset->parts[FW_PART_TRAIN];
  for (gsize r = 0; r < train->n; r++)
    g_assert_cmpfloat (train->x[r * n + n - 1], ==,
                       release_missing[train->source_rows[r]] ? 1.0 : 0.0);

  pre_node = fw_preprocessor_to_json (dataset->preprocessor);
  loaded = fw_preprocessor_new_from_json (pre_node, &error);
  g_assert_no_error (error);
  a = fw_preprocessor_transform (dataset->preprocessor, table, &error);
  b = fw_preprocessor_transform (loaded, table, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (a, N_ROWS * n * sizeof (float), b, N_ROWS * n * sizeof (float));

  /* A step naming its own column twice, or another step's field, is refused. */
  g_ptr_array_set_size (again->steps, 0);
  fw_recipe_add_days_between (again, "dob", "dob", NULL);
  g_assert_false (fw_recipe_validate (again, &error));
  g_assert_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID);
  g_clear_error (&error);
  g_ptr_array_set_size (again->steps, 0);
  fw_recipe_add_step (again, FW_STEP_STANDARDIZE, g_strdup ("priors"), NULL)->min_count = 3;
  g_assert_false (fw_recipe_validate (again, &error));
  g_assert_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID);
}

static guint
features_from (const FwDataset *dataset,
               const char      *column)
{
  g_autofree char *prefix = g_strconcat (column, "=", NULL);
  guint n = 0;

  for (guint f = 0; f < dataset->n_features; f++)
    n += g_str_has_prefix (dataset->feature_names[f], prefix) ||
         g_str_equal (dataset->feature_names[f], column);
  return n;
}

/* 20 values, 3 of them in 1 row each: 17 + "other".  A name per person, or a household per
 * two or three, never make more than 100 features. */
static void
test_rare_grouped (void)
{
  g_autoptr(FwRecipe) settings = settings_for_target ();
  g_autoptr(FwTableProfile) profile = fw_table_profile_new (table, NULL, NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwRecipe) recipe = fw_recipe_new_suggested_safe (table, profile, settings, NULL,
                                                              &error);
  g_autoptr(FwDataset) dataset = NULL;
  g_autoptr(FwTable) preview = NULL;
  const FwStep *one_hot;
  guint n_grade = 0;

  g_assert_no_error (error);
  one_hot = find_step (recipe, FW_STEP_ONE_HOT, "grade");
  g_assert_nonnull (one_hot);
  /* max(10, 0.5 % of 3,000 rows) */
  g_assert_cmpuint (one_hot->min_count, ==, 15);
  dataset = prepare_ok (table, recipe);
  g_assert_cmpuint (features_from (dataset, "grade"), ==, 18);
  for (guint i = 0; i < G_N_ELEMENTS (rare); i++)
    for (guint f = 0; f < dataset->n_features; f++)
      g_assert_null (strstr (dataset->feature_names[f], rare[i]));
  g_assert_cmpuint (features_from (dataset, "person"), ==, 0);
  /* The preview groups them alike. */
  preview = fw_clean_preview_new (table, recipe->steps, 10, 0, NULL, &error);
  g_assert_no_error (error);
  for (guint c = 0; c < fw_table_n_columns (preview); c++)
    n_grade += g_str_has_prefix (fw_table_column (preview, c)->name, "grade=");
  g_assert_cmpuint (n_grade, ==, 18);
  g_assert_cmpint (fw_table_column_index (preview, "grade=other"), >=, 0);
  g_assert_cmpuint (features_from (dataset, "household"), <=, 100);
  g_assert_cmpuint (features_from (dataset, "household"), >=, 1);
}

int
main (int argc, char *argv[])
{
  g_autofree char *csv = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  csv = dated_csv ();
  table = import (csv);

  g_test_add_func ("/engine/date-features/days", test_days);
  g_test_add_func ("/engine/date-features/date-columns-scored", test_date_columns_scored);
  g_test_add_func ("/engine/date-features/checked", test_features_checked);
  g_test_add_func ("/engine/date-features/age-equals", test_age_equals);
  g_test_add_func ("/engine/date-features/missing-and-json", test_missing_and_json);
  g_test_add_func ("/engine/date-features/rare-grouped", test_rare_grouped);
  status = g_test_run ();
  fw_table_free (table);
  return status;
}
