/* test-clean-preview.c — the Clean step's preview against hand-computed tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include "fw-clean-preview.h"

#define TOLERANCE 1e-9

static FwColumn *
column_numbers (const char   *name,
                const double *values,
                gsize         n)
{
  return fw_column_new_float64 (name, g_memdup2 (values, n * sizeof (double)), n);
}

/* NULL entries are missing cells. */
static FwColumn *
column_strings (const char        *name,
                const char *const *values,
                gsize              n)
{
  FwDictionary *dict = fw_dictionary_new ();
  guint32 *codes = g_new (guint32, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    codes[i] = values[i] != NULL ? fw_dictionary_intern (dict, values[i], strlen (values[i]))
                                 : FW_CODE_MISSING;
  return fw_column_new_codes (name, codes, n, dict);
}

/* age: 1 ? 3 10 · city: a b a ? · id: 1 2 3 4 */
static FwTable *
small_table (void)
{
  static const double age[] = { 1, NAN, 3, 10 };
  static const double id[] = { 1, 2, 3, 4 };
  static const char *const city[] = { "a", "b", "a", NULL };
  FwTable *table = fw_table_new ();

  fw_table_take_column (table, column_numbers ("age", age, 4));
  fw_table_take_column (table, column_strings ("city", city, 4));
  fw_table_take_column (table, column_numbers ("id", id, 4));
  return table;
}

static GPtrArray *
steps_new (void)
{
  FwRecipe *recipe = fw_recipe_new ();
  GPtrArray *steps = g_ptr_array_ref (recipe->steps);

  fw_recipe_free (recipe);
  return steps;
}

static void
add (GPtrArray  *steps,
     FwStepKind  kind,
     const char *column,
     const char *constant)
{
  FwStep *step = g_new0 (FwStep, 1);

  step->kind = kind;
  step->column = g_strdup (column);
  step->constant = g_strdup (constant);
  g_ptr_array_add (steps, step);
}

static FwTable *
preview (const FwTable         *table,
         GPtrArray             *steps,
         FwCleanPreviewSummary *summary)
{
  g_autoptr(GError) error = NULL;
  FwTable *out = fw_clean_preview_new (table, steps, 1000, 0, summary, &error);

  g_assert_no_error (error);
  g_assert_nonnull (out);
  return out;
}

static void
test_no_steps (void)
{
  g_autoptr(FwTable) table = small_table ();
  g_autoptr(GPtrArray) steps = steps_new ();
  g_autoptr(FwTable) out = NULL;
  g_autoptr(GError) error = NULL;
  FwCleanPreviewSummary summary;

  out = preview (table, steps, &summary);
  g_assert_cmpuint (fw_table_n_columns (out), ==, 3);
  g_assert_cmpuint (fw_table_n_rows (out), ==, 4);
  g_assert_true (isnan (fw_column_get_number (fw_table_column_by_name (out, "age"), 1)));
  g_assert_cmpstr (fw_column_get_string (fw_table_column_by_name (out, "city"), 1), ==, "b");
  g_assert_cmpuint (summary.n_rows_kept, ==, 4);
  g_assert_cmpuint (summary.n_rows_dropped, ==, 0);
  g_assert_cmpuint (summary.n_columns_dropped, ==, 0);

  /* Only the first rows, only the first columns. */
  g_clear_pointer (&out, fw_table_free);
  out = fw_clean_preview_new (table, steps, 2, 2, &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fw_table_n_rows (out), ==, 2);
  g_assert_cmpuint (fw_table_n_columns (out), ==, 2);
  g_assert_true (summary.truncated);
}

static void
test_drop_column (void)
{
  g_autoptr(FwTable) table = small_table ();
  g_autoptr(GPtrArray) steps = steps_new ();
  g_autoptr(FwTable) out = NULL;
  FwCleanPreviewSummary summary;

  add (steps, FW_STEP_DROP_COLUMN, "id", NULL);
  out = preview (table, steps, &summary);
  g_assert_cmpuint (fw_table_n_columns (out), ==, 2);
  g_assert_null (fw_table_column_by_name (out, "id"));
  g_assert_cmpuint (summary.n_columns_dropped, ==, 1);
  /* The source keeps it. */
  g_assert_nonnull (fw_table_column_by_name (table, "id"));
}

static void
test_fill_numbers (void)
{
  static const struct {
    FwStepKind  kind;
    const char *constant;
    double      expected;
  } cases[] = {
    { FW_STEP_IMPUTE_MEDIAN,   NULL,  3.0 },          /* of 1, 3, 10 */
    { FW_STEP_IMPUTE_MEAN,     NULL,  14.0 / 3.0 },
    { FW_STEP_IMPUTE_MODE,     NULL,  1.0 },          /* a three-way tie: the smallest */
    { FW_STEP_IMPUTE_CONSTANT, "-2.5", -2.5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FwTable) table = small_table ();
      g_autoptr(GPtrArray) steps = steps_new ();
      g_autoptr(FwTable) out = NULL;
      const FwColumn *age;

      add (steps, cases[i].kind, "age", cases[i].constant);
      out = preview (table, steps, NULL);
      age = fw_table_column_by_name (out, "age");
      g_assert_cmpfloat_with_epsilon (fw_column_get_number (age, 1), cases[i].expected, TOLERANCE);
      g_assert_cmpfloat (fw_column_get_number (age, 3), ==, 10.0);
      g_assert_cmpuint (age->n_missing, ==, 0);
      /* The source still has its gap. */
      g_assert_true (isnan (fw_column_get_number (fw_table_column_by_name (table, "age"), 1)));
    }
}

static void
test_drop_rows (void)
{
  g_autoptr(FwTable) table = small_table ();
  g_autoptr(GPtrArray) steps = steps_new ();
  g_autoptr(FwTable) out = NULL;
  FwCleanPreviewSummary summary;

  add (steps, FW_STEP_DROP_MISSING_ROWS, "age", NULL);
  add (steps, FW_STEP_DROP_MISSING_ROWS, "city", NULL);
  out = preview (table, steps, &summary);
  /* Rows 1 (age) and 3 (city) go. */
  g_assert_cmpuint (fw_table_n_rows (out), ==, 2);
  g_assert_cmpuint (summary.n_rows_dropped, ==, 2);
  g_assert_cmpuint (summary.n_rows_kept, ==, 2);
  g_assert_cmpfloat (fw_column_get_number (fw_table_column_by_name (out, "id"), 0), ==, 1.0);
  g_assert_cmpfloat (fw_column_get_number (fw_table_column_by_name (out, "id"), 1), ==, 3.0);

  /* After a fill of the same column there is nothing missing to drop. */
  g_ptr_array_set_size (steps, 0);
  add (steps, FW_STEP_IMPUTE_MEDIAN, "age", NULL);
  add (steps, FW_STEP_DROP_MISSING_ROWS, "age", NULL);
  g_clear_pointer (&out, fw_table_free);
  out = preview (table, steps, &summary);
  g_assert_cmpuint (fw_table_n_rows (out), ==, 4);
  g_assert_cmpuint (summary.n_rows_dropped, ==, 0);
}

static void
test_clip_and_scale (void)
{
  static const double x[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 100 };
  static const double s[] = { 1, 2, 3 };
  g_autoptr(FwTable) table = fw_table_new ();
  g_autoptr(FwTable) small = fw_table_new ();
  g_autoptr(GPtrArray) steps = steps_new ();
  g_autoptr(FwTable) out = NULL;
  const FwColumn *column;

  /* Q1 = 3.25, Q3 = 7.75 (numpy's linear quantiles), IQR 4.5: the upper far-out fence is
   * 7.75 + 3 × 4.5 = 21.25; the lower, −10.25, is below every value. */
  fw_table_take_column (table, column_numbers ("x", x, G_N_ELEMENTS (x)));
  add (steps, FW_STEP_CLIP_OUTLIERS, "x", NULL);
  out = preview (table, steps, NULL);
  column = fw_table_column (out, 0);
  g_assert_cmpfloat_with_epsilon (fw_column_get_number (column, 9), 21.25, TOLERANCE);
  g_assert_cmpfloat (fw_column_get_number (column, 0), ==, 1.0);

  /* 1 2 3: mean 2, population deviation √(2/3); shown to four significant digits. */
  fw_table_take_column (small, column_numbers ("s", s, G_N_ELEMENTS (s)));
  g_ptr_array_set_size (steps, 0);
  add (steps, FW_STEP_STANDARDIZE, "s", NULL);
  g_clear_pointer (&out, fw_table_free);
  out = preview (small, steps, NULL);
  column = fw_table_column (out, 0);
  g_assert_cmpfloat_with_epsilon (fw_column_get_number (column, 0), -1.0 / sqrt (2.0 / 3.0),
                                  5e-4);
  g_assert_cmpfloat (fw_column_get_number (column, 0), ==, -1.225);
  g_assert_cmpfloat_with_epsilon (fw_column_get_number (column, 1), 0.0, TOLERANCE);

  g_ptr_array_set_size (steps, 0);
  add (steps, FW_STEP_MIN_MAX, "s", NULL);
  g_clear_pointer (&out, fw_table_free);
  out = preview (small, steps, NULL);
  column = fw_table_column (out, 0);
  g_assert_cmpfloat_with_epsilon (fw_column_get_number (column, 1), 0.5, TOLERANCE);
  g_assert_cmpfloat_with_epsilon (fw_column_get_number (column, 2), 1.0, TOLERANCE);
}

static void
test_categories (void)
{
  g_autoptr(FwTable) table = small_table ();
  g_autoptr(GPtrArray) steps = steps_new ();
  g_autoptr(FwTable) out = NULL;
  const FwColumn *a, *b;
  FwCleanPreviewSummary summary;

  add (steps, FW_STEP_IMPUTE_CONSTANT, "city", "unknown");
  out = preview (table, steps, NULL);
  g_assert_cmpstr (fw_column_get_string (fw_table_column_by_name (out, "city"), 3), ==,
                   "unknown");

  /* Missing stays missing in every yes/no column when nothing fills it. */
  g_ptr_array_set_size (steps, 0);
  add (steps, FW_STEP_ONE_HOT, "city", NULL);
  g_clear_pointer (&out, fw_table_free);
  out = preview (table, steps, &summary);
  g_assert_null (fw_table_column_by_name (out, "city"));
  a = fw_table_column_by_name (out, "city=a");
  b = fw_table_column_by_name (out, "city=b");
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpuint (summary.n_one_hot, ==, 2);
  g_assert_cmpint (a->kind, ==, FW_KIND_BOOLEAN);
  g_assert_cmpfloat (fw_column_get_number (a, 0), ==, 1.0);
  g_assert_cmpfloat (fw_column_get_number (b, 0), ==, 0.0);
  g_assert_cmpfloat (fw_column_get_number (b, 1), ==, 1.0);
  g_assert_true (isnan (fw_column_get_number (a, 3)));

  /* Filled with the most common value ("a", twice) first. */
  g_ptr_array_set_size (steps, 0);
  add (steps, FW_STEP_IMPUTE_MODE, "city", NULL);
  add (steps, FW_STEP_ONE_HOT, "city", NULL);
  g_clear_pointer (&out, fw_table_free);
  out = preview (table, steps, NULL);
  g_assert_cmpfloat (fw_column_get_number (fw_table_column_by_name (out, "city=a"), 3), ==, 1.0);
}

static void
test_errors (void)
{
  g_autoptr(FwTable) table = small_table ();
  g_autoptr(GPtrArray) steps = steps_new ();
  g_autoptr(GError) error = NULL;

  add (steps, FW_STEP_DROP_COLUMN, "nope", NULL);
  g_assert_null (fw_clean_preview_new (table, steps, 10, 0, NULL, &error));
  g_assert_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_COLUMN);
  g_clear_error (&error);

  g_ptr_array_set_size (steps, 0);
  add (steps, FW_STEP_STANDARDIZE, "city", NULL);
  g_assert_null (fw_clean_preview_new (table, steps, 10, 0, NULL, &error));
  g_assert_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID);
  g_clear_error (&error);

  g_ptr_array_set_size (steps, 0);
  add (steps, FW_STEP_IMPUTE_CONSTANT, "age", "lots");
  g_assert_null (fw_clean_preview_new (table, steps, 10, 0, NULL, &error));
  g_assert_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID);

  g_assert_true (fw_clean_step_applies (FW_STEP_ONE_HOT, FALSE));
  g_assert_false (fw_clean_step_applies (FW_STEP_CLIP_OUTLIERS, FALSE));
  g_assert_true (fw_clean_step_applies (FW_STEP_CLIP_OUTLIERS, TRUE));
  g_assert_true (fw_clean_step_is_fill (FW_STEP_IMPUTE_CONSTANT));
  g_assert_false (fw_clean_step_is_fill (FW_STEP_DROP_MISSING_ROWS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/clean-preview/no-steps", test_no_steps);
  g_test_add_func ("/engine/clean-preview/drop-column", test_drop_column);
  g_test_add_func ("/engine/clean-preview/fill-numbers", test_fill_numbers);
  g_test_add_func ("/engine/clean-preview/drop-rows", test_drop_rows);
  g_test_add_func ("/engine/clean-preview/clip-and-scale", test_clip_and_scale);
  g_test_add_func ("/engine/clean-preview/categories", test_categories);
  g_test_add_func ("/engine/clean-preview/errors", test_errors);

  return g_test_run ();
}
