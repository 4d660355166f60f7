/* fw-sensitive-traits.c — which columns describe who a person is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include "fw-dictionary.h"
#include "fw-sensitive.h"
#include "fw-sensitive-traits.h"

/* Whole words of a column name.  "man" and "men" are left out: "man_hours". */
static const char *const name_words[FW_N_TRAITS][8] = {
  [FW_TRAIT_SEX]         = { "sex", "gender", "male", "female", "woman", "women", NULL },
  [FW_TRAIT_RACE]        = { "race", "racial", "ethnicity", "ethnic", NULL },
  [FW_TRAIT_AGE]         = { "age", NULL },
  [FW_TRAIT_MARITAL]     = { "marital", "marriage", "married", NULL },
  [FW_TRAIT_RELIGION]    = { "religion", "religious", "faith", NULL },
  [FW_TRAIT_DISABILITY]  = { "disability", "disabled", "handicap", "handicapped", NULL },
  [FW_TRAIT_NATIONALITY] = { "nationality", "citizenship", "citizen", "nation", "foreign",
                             "immigrant", "migrant", NULL },
  [FW_TRAIT_LANGUAGE]    = { "language", "lang", "tongue", NULL },
};

/* A country is a nationality when the name says it is where the person comes from. */
static const char *const origin_words[] = { "birth", "born", "origin", "native", NULL };

/* Words of values.  Sex: every value must be one of these, two of them strong. */
static const char *const sex_strong[] = { "male", "female", "man", "woman", "men", "women",
                                          NULL };
static const char *const sex_other[] = { "other", "unknown", "non binary", "nonbinary",
                                         "diverse", "intersex", "x", NULL };
/* Ethnicity, marital status and religion: a value holding one of these words counts. */
static const char *const race_values[] = { "white", "black", "asian", "hispanic", "latino",
                                           "latina", "caucasian", "african", "indian",
                                           "eskimo", "islander", "arab", "mixed",
                                           "multiracial", "indigenous", "aboriginal", NULL };
static const char *const marital_values[] = { "married", "unmarried", "single", "divorced",
                                              "widowed", "widow", "widower", "separated",
                                              "cohabiting", "partnership", NULL };
static const char *const religion_values[] = { "christian", "catholic", "protestant",
                                               "orthodox", "muslim", "islam", "jewish",
                                               "hindu", "buddhist", "sikh", "atheist",
                                               "agnostic", NULL };

static gboolean
in_list (const char        *word,
         const char *const *list)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (strcmp (word, list[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Lower case, anything not a letter or digit turned into one space, no space at the ends:
 * "Never-married" → "never married", "SEX_at birth" → "sex at birth". */
static char *
normalise (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = lower; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      {
        if (space && out->len > 0)
          g_string_append_c (out, ' ');
        g_string_append_c (out, *p);
        space = FALSE;
      }
    else
      space = TRUE;
  return g_string_free (out, FALSE);
}

int
fw_trait_of_name (const char *name)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) words = NULL;
  gboolean country = FALSE, origin = FALSE;
  int best = -1;

  g_return_val_if_fail (name != NULL, -1);

  text = normalise (name);
  words = g_strsplit (text, " ", -1);
  for (guint w = 0; words[w] != NULL; w++)
    {
      for (int t = 0; t < FW_N_TRAITS; t++)
        if (in_list (words[w], name_words[t]) && (best < 0 || t < best))
          best = t;
      country = country || strcmp (words[w], "country") == 0;
      origin = origin || in_list (words[w], origin_words);
    }
  if (country && origin && (best < 0 || best > FW_TRAIT_NATIONALITY))
    best = FW_TRAIT_NATIONALITY;
  return best;
}

static gboolean
has_word (const char        *value,
          const char *const *list)
{
  g_auto(GStrv) words = g_strsplit (value, " ", -1);

  for (guint w = 0; words[w] != NULL; w++)
    if (in_list (words[w], list))
      return TRUE;
  return FALSE;
}

int
fw_trait_of_values (const FwColumn *column)
{
  static const struct { FwTrait trait; const char *const *words; } by_word[] = {
    { FW_TRAIT_RACE, race_values },
    { FW_TRAIT_MARITAL, marital_values },
    { FW_TRAIT_RELIGION, religion_values },
  };
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  guint strong = 0, sex_only = 0;
  guint n;

  g_return_val_if_fail (column != NULL, -1);

  if (column->dict == NULL || column->kind == FW_KIND_IDENTIFIER ||
      column->kind == FW_KIND_TEXT || column->kind == FW_KIND_DATETIME)
    return -1;
  n = fw_dictionary_size (column->dict);
  if (n < 2 || n > FW_SENSITIVE_MAX_VALUES)
    return -1;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (values, normalise (fw_dictionary_get (column->dict, i)));

  for (guint i = 0; i < n; i++)
    {
      const char *v = values->pdata[i];

      strong += in_list (v, sex_strong);
      sex_only += in_list (v, sex_strong) || in_list (v, sex_other);
    }
  if (sex_only == n && strong >= 2)
    return FW_TRAIT_SEX;
  if (n == 2 && ((strcmp (values->pdata[0], "m") == 0 && strcmp (values->pdata[1], "f") == 0) ||
                 (strcmp (values->pdata[0], "f") == 0 && strcmp (values->pdata[1], "m") == 0)))
    return FW_TRAIT_SEX;

  for (guint k = 0; k < G_N_ELEMENTS (by_word); k++)
    {
      guint hits = 0;

      for (guint i = 0; i < n; i++)
        hits += has_word (values->pdata[i], by_word[k].words);
      if (hits >= 2 && 2 * hits >= n)
        return by_word[k].trait;
    }
  return -1;
}

int
fw_trait_of_column (const FwColumn  *column,
                    FwTraitEvidence *by)
{
  int trait;

  g_return_val_if_fail (column != NULL, -1);

  if ((trait = fw_trait_of_name (column->name)) >= 0)
    {
      if (by != NULL)
        *by = FW_TRAIT_BY_NAME;
      return trait;
    }
  trait = fw_trait_of_values (column);
  if (by != NULL)
    *by = trait >= 0 ? FW_TRAIT_BY_VALUES : FW_TRAIT_BY_NONE;
  return trait;
}
