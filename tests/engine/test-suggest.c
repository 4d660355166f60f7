/* test-suggest.c — the suggested cleaning on a table with planted problems
 *
 * The table is generated here, so every answer is known: a stand-in −1 and 999, a copied and
 * a relabelled column, a column of names, free text, a half-empty number and category, and
 * two columns whose zeros are real (a count, a long-tailed amount).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "fw-clean-preview.h"
#include "fw-dataset-test.h"
#include "fw-model.h"
#include "fw-onnx.h"
#include "fw-preprocessor-private.h"

#define N_ROWS  8000
#define N_NAMES 7000

enum { ID, NAME, AGE, AGE_COPY, GRADE, GRADE_NUM, PDAYS, CODE, HALF, CHARGE, NOTE, KIDS, GAIN,
       OUTCOME, SEEN, N_COLUMNS };

static guint64 state = 12345;

static guint32
next (void)
{
  state = state * 6364136223846793005u + 1442695040888963407u;
  return (guint32) (state >> 33);
}

static double
uniform (void)
{
  return next () / 2147483648.0;
}

static const char *const words[] = {
  "the", "applicant", "asked", "about", "a", "longer", "term", "and", "lower", "payment",
  "visited", "branch", "twice", "after", "letter", "with", "documents", "from", "bank",
  "employer", "moved", "city", "last", "year", "works", "nights", "at", "hospital",
};

/* The planted table as CSV; @pdays (N_ROWS) gets the pdays column, NaN for the −1s. */
static char *
planted_csv (double *pdays)
{
  GString *csv = g_string_new ("id,name,age,age_copy,grade,grade_num,pdays,code,half,charge,"
                               "note,kids,gain,outcome,seen\n");

  for (guint i = 0; i < N_ROWS; i++)
    {
      guint age = 18 + next () % 70, grade = next () % 4;
      gboolean sentinel = uniform () < 0.6;
      guint days = 1 + next () % 400;

      pdays[i] = sentinel ? NAN : days;
      g_string_append_printf (csv, "%u,Person%04u,%u,%u,%c,%u,", i + 1,
                              i < N_NAMES ? i : i - N_NAMES, age, age, 'A' + grade, grade + 1);
      if (sentinel)
        g_string_append (csv, "-1,");
      else
        g_string_append_printf (csv, "%u,", days);
      g_string_append_printf (csv, "%u,", uniform () < 0.2 ? 999 : next () % 31);
      if (uniform () < 0.5)
        g_string_append (csv, ",");
      else
        g_string_append_printf (csv, "%u.%02u,", next () % 100, next () % 100);
      if (uniform () < 0.5)
        g_string_append (csv, ",");
      else
        g_string_append (csv, next () % 3 == 0 ? "felony," : "misdemeanour,");
      for (guint w = 0; w < 8; w++)
        g_string_append_printf (csv, "%s%s", w > 0 ? " " : "",
                                words[next () % G_N_ELEMENTS (words)]);
      g_string_append_printf (csv, ",%u,%u,%s,2024-%02u-%02u\n",
                              uniform () < 0.4 ? 0 : 1 + next () % 5,
                              uniform () < 0.9 ? 0 : 100 + next () % 50000,
                              age + 10 * grade > 60 ? "yes" : "no", 1 + next () % 12,
                              1 + next () % 28);
    }
  return g_string_free (csv, FALSE);
}

static FwTable *planted;
static double planted_pdays[N_ROWS];

static void
test_profile (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTableProfile) profile = fw_table_profile_new (planted, NULL, NULL, NULL, &error);
  g_autofree char *minus_one = NULL, *nines = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (fw_table_column (planted, NAME)->kind, ==, FW_KIND_CATEGORICAL);
  g_assert_cmpint (fw_table_column (planted, NOTE)->kind, ==, FW_KIND_TEXT);
  g_assert_cmpuint (profile->columns[NAME].distinct, ==, N_NAMES);
  g_assert_true (fw_column_profile_has_issue (&profile->columns[NAME], FW_ISSUE_HIGH_CARDINALITY));
  /* Left out, but said. */
  g_assert_true (fw_column_profile_has_issue (&profile->columns[NOTE], FW_ISSUE_FREE_TEXT));
  g_assert_cmpint (fw_table_column (planted, SEEN)->kind, ==, FW_KIND_DATETIME);
  g_assert_true (fw_column_profile_has_issue (&profile->columns[SEEN], FW_ISSUE_DATE));
  g_assert_false (fw_column_profile_has_issue (&profile->columns[NAME], FW_ISSUE_FREE_TEXT));

  g_assert_true (fw_column_profile_has_issue (&profile->columns[PDAYS], FW_ISSUE_SENTINEL));
  g_assert_cmpfloat (profile->columns[PDAYS].sentinel, ==, -1.0);
  minus_one = fw_column_profile_sentinel_text (&profile->columns[PDAYS]);
  g_assert_cmpstr (minus_one, ==, "-1");
  g_assert_true (fw_column_profile_has_issue (&profile->columns[CODE], FW_ISSUE_SENTINEL));
  nines = fw_column_profile_sentinel_text (&profile->columns[CODE]);
  g_assert_cmpstr (nines, ==, "999");
  /* Real zeros: a count running on into 1, 2 …, an amount whose next value is far off but
   * whose spread is wider still; and plain numbers. */
  for (guint c = 0; c < N_COLUMNS; c++)
    if (c != PDAYS && c != CODE)
      {
        g_assert_false (fw_column_profile_has_issue (&profile->columns[c], FW_ISSUE_SENTINEL));
        g_assert_null (fw_column_profile_sentinel_text (&profile->columns[c]));
      }

  g_assert_true (fw_column_profile_has_issue (&profile->columns[AGE_COPY], FW_ISSUE_DUPLICATE));
  g_assert_cmpint (profile->columns[AGE_COPY].duplicate_of, ==, AGE);
  g_assert_true (fw_column_profile_has_issue (&profile->columns[GRADE_NUM], FW_ISSUE_DUPLICATE));
  g_assert_cmpint (profile->columns[GRADE_NUM].duplicate_of, ==, GRADE);
  for (guint c = 0; c < N_COLUMNS; c++)
    if (c != AGE_COPY && c != GRADE_NUM)
      {
        g_assert_false (fw_column_profile_has_issue (&profile->columns[c], FW_ISSUE_DUPLICATE));
        g_assert_cmpint (profile->columns[c].duplicate_of, ==, -1);
      }
}

typedef struct
{
  FwStepKind  kind;
  const char *column;
  const char *constant;
} Expected;

static void
test_steps (void)
{
  static const Expected expected[] = {
    { FW_STEP_DROP_COLUMN, "id", NULL },        /* an ID */
    { FW_STEP_DROP_COLUMN, "name", NULL },      /* 7,000 names in 8,000 rows */
    { FW_STEP_STANDARDIZE, "age", NULL },
    { FW_STEP_DROP_COLUMN, "age_copy", NULL },  /* the same values as age */
    { FW_STEP_ONE_HOT, "grade", NULL },
    { FW_STEP_DROP_COLUMN, "grade_num", NULL }, /* grade relabelled 1 … 4 */
    { FW_STEP_TREAT_AS_MISSING, "pdays", "-1" },
    { FW_STEP_MISSING_INDICATOR, "pdays", NULL },
    { FW_STEP_IMPUTE_MEDIAN, "pdays", NULL },
    { FW_STEP_STANDARDIZE, "pdays", NULL },
    { FW_STEP_TREAT_AS_MISSING, "code", "999" },
    { FW_STEP_MISSING_INDICATOR, "code", NULL },
    { FW_STEP_IMPUTE_MEDIAN, "code", NULL },
    { FW_STEP_STANDARDIZE, "code", NULL },
    { FW_STEP_MISSING_INDICATOR, "half", NULL },  /* half empty */
    { FW_STEP_IMPUTE_MEDIAN, "half", NULL },
    { FW_STEP_STANDARDIZE, "half", NULL },
    { FW_STEP_IMPUTE_CONSTANT, "charge", "unknown" },  /* "never charged" stays itself */
    { FW_STEP_ONE_HOT, "charge", NULL },
    { FW_STEP_DROP_COLUMN, "note", NULL },      /* free text */
    { FW_STEP_STANDARDIZE, "kids", NULL },
    { FW_STEP_STANDARDIZE, "gain", NULL },
    { FW_STEP_DROP_COLUMN, "seen", NULL },      /* dates */
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(FwRecipe) recipe = fw_recipe_new_suggested (planted, NULL, "outcome", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (recipe->steps->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < recipe->steps->len; i++)
    {
      const FwStep *step = g_ptr_array_index (recipe->steps, i);

      g_assert_cmpstr (fw_step_kind_to_string (step->kind), ==,
                       fw_step_kind_to_string (expected[i].kind));
      g_assert_cmpstr (step->column, ==, expected[i].column);
      g_assert_cmpstr (step->constant, ==, expected[i].constant);
    }
}

/* Whichever column is the target, no suggestion names it. */
static void
test_target_untouched (void)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      const char *name = fw_table_column (planted, c)->name;
      g_autoptr(GError) error = NULL;
      g_autoptr(FwRecipe) with = fw_recipe_new_suggested (planted, NULL, name, &error);
      g_autoptr(FwRecipe) without = fw_recipe_new_suggested (planted, NULL, NULL, &error);
      guint n_without = 0;

      g_assert_no_error (error);
      for (guint i = 0; i < with->steps->len; i++)
        g_assert_cmpstr (((FwStep *) g_ptr_array_index (with->steps, i))->column, !=, name);
      /* … though without a target the same column gets its steps. */
      for (guint i = 0; i < without->steps->len; i++)
        n_without += strcmp (((FwStep *) g_ptr_array_index (without->steps, i))->column,
                             name) == 0;
      g_assert_cmpuint (n_without, >=, 1);
    }
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
test_features (void)
{
  static const char *const features[] = {
    "age", "grade=A", "grade=B", "grade=C", "grade=D", "grade=other",
    "pdays", "pdays_was_missing", "code", "code_was_missing", "half", "half_was_missing",
    "charge=felony", "charge=misdemeanour", "charge=unknown", "charge=other", "kids", "gain",
    NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(FwRecipe) recipe = fw_recipe_new_suggested (planted, NULL, "outcome", &error);
  g_autoptr(FwDataset) dataset = NULL;
  g_autofree double *present = g_new (double, N_ROWS);
  const FwDataPart *train;
  gsize m = 0;
  double median, mean = 0.0, squares = 0.0, expected;
  guint pdays, indicator;

  g_assert_no_error (error);
  recipe->split = (FwSplitSpec) { 1.0, 0.0, 0.0, TRUE };
  dataset = prepare_ok (planted, recipe);
  /* 18 features; none at all from the 7,000 names (one-hot would have made 51). */
  g_assert_cmpstrv (dataset->feature_names, features);

  /* pdays: −1 is missing, filled with the median of the real days, then standardised
   * over the filled column; its indicator is 1 exactly on the −1 rows. */
  for (guint i = 0; i < N_ROWS; i++)
    if (!isnan (planted_pdays[i]))
      present[m++] = planted_pdays[i];
  qsort (present, m, sizeof (double), compare_doubles);
  median = m % 2 == 1 ? present[m / 2] : (present[m / 2 - 1] + present[m / 2]) / 2.0;
  for (guint i = 0; i < N_ROWS; i++)
    mean += isnan (planted_pdays[i]) ? median : planted_pdays[i];
  mean /= N_ROWS;
  for (guint i = 0; i < N_ROWS; i++)
    {
      double d = (isnan (planted_pdays[i]) ? median : planted_pdays[i]) - mean;

      squares += d * d;
    }
  train = &dataset->parts[FW_PART_TRAIN];
  g_assert_cmpuint (train->n, ==, N_ROWS);
  pdays = 6;
  indicator = 7;
  for (gsize r = 0; r < train->n; r++)
    {
      double raw = planted_pdays[train->source_rows[r]];
      const float *x = train->x + r * dataset->n_features;

      expected = ((isnan (raw) ? median : raw) - mean) / sqrt (squares / N_ROWS);
      g_assert_cmpfloat_with_epsilon (x[pdays], expected, 1e-5);
      g_assert_cmpfloat (x[indicator], ==, isnan (raw) ? 1.0 : 0.0);
    }
}

/* The new op and the indicator survive the model file's JSON, feature for feature. */
static void
test_round_trips (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwRecipe) recipe = fw_recipe_new_suggested (planted, NULL, "outcome", &error);
  g_autoptr(FwRecipe) again = NULL;
  g_autoptr(FwDataset) dataset = NULL;
  g_autoptr(FwPreprocessor) loaded = NULL;
  g_autoptr(JsonNode) node = NULL, pre_node = NULL;
  g_autofree float *a = NULL, *b = NULL;

  g_assert_no_error (error);
  node = fw_recipe_to_json (recipe);
  again = fw_recipe_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->steps->len, ==, recipe->steps->len);
  for (guint i = 0; i < recipe->steps->len; i++)
    {
      const FwStep *x = g_ptr_array_index (recipe->steps, i);
      const FwStep *y = g_ptr_array_index (again->steps, i);

      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpstr (x->column, ==, y->column);
      g_assert_cmpstr (x->constant, ==, y->constant);
    }

  dataset = prepare_ok (planted, recipe);
  pre_node = fw_preprocessor_to_json (dataset->preprocessor);
  loaded = fw_preprocessor_new_from_json (pre_node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fw_preprocessor_n_features (loaded), ==, dataset->n_features);
  a = fw_preprocessor_transform (dataset->preprocessor, planted, &error);
  g_assert_no_error (error);
  b = fw_preprocessor_transform (loaded, planted, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (a, N_ROWS * dataset->n_features * sizeof (float),
                   b, N_ROWS * dataset->n_features * sizeof (float));
}

/* The Clean step's preview shows the indicator next to its column. */
static void
test_preview (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwRecipe) recipe = fw_recipe_new_suggested (planted, NULL, "outcome", &error);
  g_autoptr(FwTable) preview = NULL;
  const FwColumn *indicator;
  gint at;

  g_assert_no_error (error);
  preview = fw_clean_preview_new (planted, recipe->steps, 20, 0, NULL, &error);
  g_assert_no_error (error);
  at = fw_table_column_index (preview, "pdays_was_missing");
  g_assert_cmpint (at, >, 0);
  g_assert_cmpstr (fw_table_column (preview, at - 1)->name, ==, "pdays");
  indicator = fw_table_column (preview, at);
  for (gsize i = 0; i < 20; i++)
    g_assert_cmpfloat (fw_column_get_number (indicator, i), ==,
                       isnan (planted_pdays[i]) ? 1.0 : 0.0);
  g_assert_cmpint (fw_table_column_index (preview, "name"), <, 0);
  g_assert_cmpint (fw_table_column_index (preview, "half_was_missing"), >, 0);
}

/* Dates read as (year, month, day of the week), checked against a calendar. */
static void
test_date_parts (void)
{
  g_assert_cmpfloat (fw_preprocessor_date_part ("2024-01-01", FW_DATE_WEEKDAY), ==, 1.0);
  g_assert_cmpfloat (fw_preprocessor_date_part ("2000-01-01", FW_DATE_WEEKDAY), ==, 6.0);
  g_assert_cmpfloat (fw_preprocessor_date_part ("2024-01-31", FW_DATE_WEEKDAY), ==, 3.0);
  g_assert_cmpfloat (fw_preprocessor_date_part ("2024/02/29T10:30", FW_DATE_MONTH), ==, 2.0);
  g_assert_cmpfloat (fw_preprocessor_date_part ("1987-12-06 08:00", FW_DATE_YEAR), ==, 1987.0);
  g_assert_true (isnan (fw_preprocessor_date_part ("2023-02-29", FW_DATE_YEAR)));
  g_assert_true (isnan (fw_preprocessor_date_part ("2023-1-5", FW_DATE_YEAR)));
  g_assert_true (isnan (fw_preprocessor_date_part ("2023-01/05", FW_DATE_YEAR)));
  g_assert_true (isnan (fw_preprocessor_date_part ("tomorrow", FW_DATE_MONTH)));
}

/* A date_parts step in place of the suggested drop: three standardised numbers in
 * training, the raw parts in the preview, kept by the model file, exported to ONNX with
 * "seen" a double input (its days). */
static void
test_dates_used (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwRecipe) recipe = fw_recipe_new_suggested (planted, NULL, "outcome", &error);
  g_autoptr(FwDataset) dataset = NULL;
  g_autoptr(FwTable) preview = NULL;
  g_autoptr(FwPreprocessor) loaded = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(FwModel) model = NULL;
  g_autoptr(FwTrainedModel) trained = NULL;
  g_autofree float *a = NULL, *b = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const FwStep *last;
  const FwColumn *seen = fw_table_column (planted, SEEN);
  double mean = 0.0;
  gint year;

  g_assert_no_error (error);
  last = g_ptr_array_index (recipe->steps, recipe->steps->len - 1);
  g_assert_cmpint (last->kind, ==, FW_STEP_DROP_COLUMN);
  g_assert_cmpstr (last->column, ==, "seen");
  g_ptr_array_remove_index (recipe->steps, recipe->steps->len - 1);
  fw_recipe_add_step (recipe, FW_STEP_DATE_PARTS, g_strdup ("seen"), NULL);
  recipe->split = (FwSplitSpec) { 1.0, 0.0, 0.0, TRUE };
  dataset = prepare_ok (planted, recipe);
  g_assert_cmpuint (dataset->n_features, ==, 21);
  g_assert_cmpstr (dataset->feature_names[18], ==, "seen_year");
  g_assert_cmpstr (dataset->feature_names[19], ==, "seen_month");
  g_assert_cmpstr (dataset->feature_names[20], ==, "seen_weekday");
  /* Every date is in 2024: the year has no spread and scales to 0; the months have mean 0
   * once standardised. */
  for (gsize r = 0; r < dataset->parts[FW_PART_TRAIN].n; r++)
    {
      const float *x = dataset->parts[FW_PART_TRAIN].x + r * dataset->n_features;

      g_assert_cmpfloat (x[18], ==, 0.0);
      mean += x[19];
    }
  g_assert_cmpfloat_with_epsilon (mean / N_ROWS, 0.0, 1e-4);

  preview = fw_clean_preview_new (planted, recipe->steps, 5, 0, NULL, &error);
  g_assert_no_error (error);
  year = fw_table_column_index (preview, "seen_year");
  g_assert_cmpint (year, >, 0);
  g_assert_cmpstr (fw_table_column (preview, year + 2)->name, ==, "seen_weekday");
  for (gsize i = 0; i < 5; i++)
    {
      const char *text = fw_dictionary_get (seen->dict, seen->data.codes[i]);
      guint month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
      guint day = (guint) g_ascii_strtoull (text + 8, NULL, 10);
      g_autoptr(GDateTime) when = g_date_time_new_utc (2024, (int) month, (int) day, 0, 0, 0);

      g_assert_cmpfloat (fw_column_get_number (fw_table_column (preview, year), i), ==, 2024.0);
      g_assert_cmpfloat (fw_column_get_number (fw_table_column (preview, year + 1), i), ==,
                         month);
      g_assert_cmpfloat (fw_column_get_number (fw_table_column (preview, year + 2), i), ==,
                         g_date_time_get_day_of_week (when));
    }

  node = fw_preprocessor_to_json (dataset->preprocessor);
  loaded = fw_preprocessor_new_from_json (node, &error);
  g_assert_no_error (error);
  a = fw_preprocessor_transform (dataset->preprocessor, planted, &error);
  b = fw_preprocessor_transform (loaded, planted, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (a, N_ROWS * dataset->n_features * sizeof (float),
                   b, N_ROWS * dataset->n_features * sizeof (float));

  model = fw_model_new (&recipe->model, dataset->task, dataset->n_features, 1, 1, &error);
  g_assert_no_error (error);
  trained = fw_trained_model_new (recipe, dataset, model, NULL, &error);
  g_assert_no_error (error);
  bytes = fw_onnx_encode (trained, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_assert_nonnull (memmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                            "{\"name\":\"seen\",\"type\":\"double\",\"date\":", 38));
}

int
main (int argc, char *argv[])
{
  g_autofree char *csv = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  csv = planted_csv (planted_pdays);
  planted = import (csv);

  g_test_add_func ("/engine/suggest/profile", test_profile);
  g_test_add_func ("/engine/suggest/steps", test_steps);
  g_test_add_func ("/engine/suggest/target-untouched", test_target_untouched);
  g_test_add_func ("/engine/suggest/features", test_features);
  g_test_add_func ("/engine/suggest/round-trips", test_round_trips);
  g_test_add_func ("/engine/suggest/preview", test_preview);
  g_test_add_func ("/engine/suggest/date-parts", test_date_parts);
  g_test_add_func ("/engine/suggest/dates-used", test_dates_used);
  status = g_test_run ();
  fw_table_free (planted);
  return status;
}
