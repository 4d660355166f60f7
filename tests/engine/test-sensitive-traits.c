/* test-sensitive-traits.c — which columns describe who a person is, by name and by values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include "fw-csv-import.h"
#include "fw-dictionary.h"
#include "fw-sensitive-traits.h"

/* A whole word of the name, in any case, split at anything not a letter or digit. */
static void
test_name (void)
{
  static const struct { const char *name; int trait; } cases[] = {
    { "sex", FW_TRAIT_SEX }, { "Gender", FW_TRAIT_SEX }, { "applicant_sex", FW_TRAIT_SEX },
    { "SEX-AT-BIRTH", FW_TRAIT_SEX }, { "male", FW_TRAIT_SEX }, { "is_female", FW_TRAIT_SEX },
    { "race", FW_TRAIT_RACE }, { "Ethnic group", FW_TRAIT_RACE },
    { "ethnicity", FW_TRAIT_RACE },
    { "age", FW_TRAIT_AGE }, { "age_band", FW_TRAIT_AGE }, { "AGE", FW_TRAIT_AGE },
    { "marital", FW_TRAIT_MARITAL }, { "Marital-Status", FW_TRAIT_MARITAL },
    { "MARRIAGE", FW_TRAIT_MARITAL }, { "is_married", FW_TRAIT_MARITAL },
    { "religion", FW_TRAIT_RELIGION }, { "faith", FW_TRAIT_RELIGION },
    { "is_disabled", FW_TRAIT_DISABILITY }, { "handicap", FW_TRAIT_DISABILITY },
    { "citizenship", FW_TRAIT_NATIONALITY }, { "nation_code", FW_TRAIT_NATIONALITY },
    { "foreign-worker", FW_TRAIT_NATIONALITY }, { "native-country", FW_TRAIT_NATIONALITY },
    { "country_of_birth", FW_TRAIT_NATIONALITY }, { "Country of origin", FW_TRAIT_NATIONALITY },
    { "native_language", FW_TRAIT_LANGUAGE }, { "Language", FW_TRAIT_LANGUAGE },
    /* The first trait wins when a name has two. */
    { "age_by_sex", FW_TRAIT_SEX }, { "language_of_birth_country", FW_TRAIT_NATIONALITY },
    /* Inside a longer word, or a country that is not where someone comes from, is none. */
    { "agent", -1 }, { "page", -1 }, { "usage", -1 }, { "sexagenarian", -1 }, { "races", -1 },
    { "manager", -1 }, { "man_hours", -1 }, { "country", -1 }, { "shipping_country", -1 },
    { "income", -1 }, { "", -1 }, { "__", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].name);
      g_assert_cmpint (fw_trait_of_name (cases[i].name), ==, cases[i].trait);
    }
}

static FwColumn *
category_column (const char        *name,
                 const char *const *values)
{
  FwDictionary *dict = fw_dictionary_new ();
  guint n = g_strv_length ((char **) values);
  guint32 *codes = g_new (guint32, 2 * n);
  FwColumn *column;

  for (guint r = 0; r < 2 * n; r++)
    codes[r] = fw_dictionary_intern (dict, values[r % n], strlen (values[r % n]));
  column = fw_column_new_codes (name, codes, 2 * n, dict);
  column->kind = FW_KIND_CATEGORICAL;
  return column;
}

/* Columns whose names say nothing, recognised by what they hold. */
static void
test_values (void)
{
  static const struct { const char *values[8]; int trait; } cases[] = {
    { { "Male", "Female", NULL }, FW_TRAIT_SEX },
    { { "woman", "man", "non-binary", NULL }, FW_TRAIT_SEX },
    { { "M", "F", NULL }, FW_TRAIT_SEX },
    { { "White", "Black", "Asian-Pac-Islander", "Amer-Indian-Eskimo", "Other", NULL },
      FW_TRAIT_RACE },
    { { "Married-civ-spouse", "Never-married", "Divorced", "Widowed", NULL },
      FW_TRAIT_MARITAL },
    { { "divorced/separated", "married/widowed", NULL }, FW_TRAIT_MARITAL },
    { { "Christian", "Muslim", "None", NULL }, FW_TRAIT_RELIGION },
    /* Not people, or not enough to go on. */
    { { "red", "blue", "green", NULL }, -1 },
    { { "male", NULL }, -1 },
    { { "M", "F", "X", "L", NULL }, -1 },
    { { "male", "female", "car", NULL }, -1 },
    { { "single", "double", "triple", "quad", "suite", NULL }, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FwColumn) column = category_column ("x1", cases[i].values);
      FwTraitEvidence by;

      g_test_message ("case %u", i);
      g_assert_cmpint (fw_trait_of_values (column), ==, cases[i].trait);
      g_assert_cmpint (fw_trait_of_column (column, &by), ==, cases[i].trait);
      g_assert_cmpint (by, ==, cases[i].trait >= 0 ? FW_TRAIT_BY_VALUES : FW_TRAIT_BY_NONE);
    }

  /* The name wins, and says so. */
  {
    static const char *const colours[] = { "red", "blue", NULL };
    g_autoptr(FwColumn) column = category_column ("gender", colours);
    FwTraitEvidence by;

    g_assert_cmpint (fw_trait_of_column (column, &by), ==, FW_TRAIT_SEX);
    g_assert_cmpint (by, ==, FW_TRAIT_BY_NAME);
  }
}

/* The shared tables' columns about people, by name and by value, and no others. */
static void
test_shared_tables (void)
{
  static const struct { const char *file; const char *expected; } cases[] = {
    { "adult.csv", "age:2 marital-status:3 race:1 sex:0 native-country:6" },
    { "german_credit.csv", "age:2 foreign-worker:6 sex:0 marital-status:3" },
    { "credit_card_clients.csv", "SEX:0 MARRIAGE:3 AGE:2" },
    { "student_mat.csv", "sex:0 age:2" },
  };
  const char *dir = g_getenv ("FAIRWAY_SHARED_DATASETS");

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("the shared datasets folder is not here (FAIRWAY_SHARED_DATASETS)");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, cases[i].file, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(FwTable) table = NULL;
      g_autoptr(GString) found = g_string_new (NULL);

      table = fw_csv_import_file (file, NULL, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      for (guint c = 0; c < fw_table_n_columns (table); c++)
        {
          const FwColumn *column = fw_table_column (table, c);
          int trait = fw_trait_of_column (column, NULL);

          if (trait >= 0)
            g_string_append_printf (found, "%s%s:%d", found->len > 0 ? " " : "", column->name,
                                    trait);
        }
      g_test_message ("%s: %s", cases[i].file, found->str);
      g_assert_cmpstr (found->str, ==, cases[i].expected);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/sensitive-traits/name", test_name);
  g_test_add_func ("/engine/sensitive-traits/values", test_values);
  g_test_add_func ("/engine/sensitive-traits/shared-tables", test_shared_tables);
  return g_test_run ();
}
