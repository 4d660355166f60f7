/* fw-dataset-test.h — helpers shared by the dataset and preprocessor tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>
#include <string.h>
#include "fw-csv-import.h"
#include "fw-dataset.h"

static inline FwTable *
import (const char *csv)
{
  g_autoptr(GError) error = NULL;
  FwCsvOptions options;
  FwTable *table;

  fw_csv_options_init (&options);
  options.header = FW_CSV_HEADER_YES;
  table = fw_csv_import_data (csv, -1, &options, NULL, &error);
  g_assert_no_error (error);
  return table;
}

static inline FwRecipe *
recipe_for (const char *target)
{
  FwRecipe *recipe = fw_recipe_new ();

  recipe->target = g_strdup (target);
  return recipe;
}

static inline void
add (FwRecipe   *recipe,
     FwStepKind  kind,
     const char *column)
{
  fw_recipe_add_step (recipe, kind, g_strdup (column), NULL);
}

static inline FwDataset *
prepare_ok (const FwTable  *table,
            const FwRecipe *recipe)
{
  g_autoptr(GError) error = NULL;
  FwDataset *dataset = fw_dataset_prepare (table, recipe, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

static inline void
assert_prepare_fails (const FwTable  *table,
                      const FwRecipe *recipe,
                      FwRecipeError   code,
                      const char     *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwDataset) dataset = fw_dataset_prepare (table, recipe, NULL, &error);

  g_assert_null (dataset);
  g_assert_error (error, FW_RECIPE_ERROR, (int) code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, fragment);
}

/* No NaN or infinity ever reaches a model. */
static inline void
assert_finite (const float *x,
               gsize        n)
{
  for (gsize i = 0; i < n; i++)
    if (!isfinite (x[i]))
      g_error ("value %zu is %g", i, x[i]);
}

static inline void
assert_dataset_finite (const FwDataset *dataset)
{
  for (guint p = 0; p < FW_N_PARTS; p++)
    {
      assert_finite (dataset->parts[p].x, dataset->parts[p].n * dataset->n_features);
      if (dataset->parts[p].values != NULL)
        assert_finite (dataset->parts[p].values, dataset->parts[p].n);
    }
}

static inline int
feature_index (const FwDataset *dataset,
               const char      *name)
{
  for (guint f = 0; f < dataset->n_features; f++)
    if (strcmp (dataset->feature_names[f], name) == 0)
      return (int) f;
  return -1;
}

/* Twenty rows with gaps in every feature, and an outlier in income. */
static const char mixed_csv[] G_GNUC_UNUSED =
  "age,sex,income,city,smoker,y\n"
  "25,female,1200,Paris,yes,a\n"
  "38,male,,Lyon,no,b\n"
  ",female,3100,Nice,no,a\n"
  "51,male,2800,,yes,b\n"
  "44,female,99000,Paris,,a\n"
  "29,male,1900,Lyon,no,b\n"
  "33,female,,Nice,yes,a\n"
  "61,male,4100,Paris,no,b\n"
  "47,,2300,Lyon,yes,a\n"
  "36,male,2600,Nice,no,b\n"
  "58,female,3500,Paris,no,a\n"
  "42,male,2900,Lyon,yes,b\n"
  ",female,1500,Nice,no,a\n"
  "27,male,,Paris,yes,b\n"
  "39,female,3300,Lyon,no,a\n"
  "45,male,2700,Nice,,b\n"
  "31,female,2000,Paris,yes,a\n"
  "55,male,3900,Lyon,no,b\n"
  "49,female,3000,Nice,no,a\n"
  "35,male,2500,Paris,yes,b\n";

static inline FwRecipe *
mixed_recipe (void)
{
  FwRecipe *recipe = recipe_for ("y");

  add (recipe, FW_STEP_DROP_MISSING_ROWS, "income");
  add (recipe, FW_STEP_CLIP_OUTLIERS, "income");
  add (recipe, FW_STEP_STANDARDIZE, "income");
  add (recipe, FW_STEP_IMPUTE_MEDIAN, "age");
  add (recipe, FW_STEP_MIN_MAX, "age");
  add (recipe, FW_STEP_ONE_HOT, "city");
  fw_recipe_add_step (recipe, FW_STEP_IMPUTE_CONSTANT, g_strdup ("sex"), g_strdup ("unknown"));
  recipe->split = (FwSplitSpec) { 0.5, 0.25, 0.25, TRUE };
  return recipe;
}
