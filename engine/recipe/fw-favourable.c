/* fw-favourable.c — whether the predicted answer is good or bad for the person
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>
#include "fw-favourable.h"
#include "fw-recipe.h"

/* Word beginnings, matched against each lower-case word of a name ("two_year_recid" →
 * "two", "year", "recid"): the outcomes public tables predict most often. */
static const char *const good_stems[] = {
  "approv", "accept", "admit", "admission", "hire", "hiring", "pass", "grant", "eligib",
  "success", "surviv", "promot", "repaid", "repay", "loan", "credit", "good", "won",
  "award", "offer", "employ", "graduat", "retain", "recover", "cured", "healthy",
};
static const char *const bad_stems[] = {
  "default", "fraud", "recid", "reoffend", "re-offend", "arrest", "convict", "crime",
  "churn", "death", "dead", "died", "mortal", "readmi", "bad", "fail", "reject",
  "denied", "deny", "declin", "delinquen", "charged", "spam", "attrition", "dropout",
  "risk", "disease", "malignan", "sick", "violen", "abuse", "fired", "unemploy", "evict",
};
/* A word that turns the rest around: "not approved", "no default". */
static const char *const negations[] = { "not", "no", "non", "never", "without" };
static const char *const plain_yes[] = { "1", "yes", "true", "y", "t" };
static const char *const plain_no[] = { "0", "no", "false", "n", "f" };

static gboolean
in_list (const char        *word,
         const char *const *list,
         guint              n)
{
  for (guint i = 0; i < n; i++)
    if (strcmp (word, list[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_stem (const char        *word,
          const char *const *stems,
          guint              n)
{
  for (guint i = 0; i < n; i++)
    if (g_str_has_prefix (word, stems[i]))
      return TRUE;
  return FALSE;
}

/* The words of @text, lower case, split at anything but letters and digits and where
 * camel case turns upward ("isFraud" → "is", "fraud"). */
static char **
words_of (const char *text)
{
  GString *split = g_string_new (NULL);
  g_autofree char *lower = NULL;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p > text && g_ascii_isupper (*p) && g_ascii_islower (p[-1]))
        g_string_append_c (split, ' ');
      g_string_append_c (split, *p);
    }
  lower = g_utf8_strdown (split->str, -1);
  g_string_free (split, TRUE);

  for (char *p = lower; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && !((guchar) *p & 0x80))
      *p = ' ';
  return g_strsplit_set (g_strstrip (lower), " ", -1);
}

static FwOutcome
outcome_of_words (const char *text)
{
  g_auto(GStrv) words = words_of (text);
  FwOutcome found = FW_OUTCOME_UNKNOWN;
  gboolean negated = FALSE;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (in_list (words[i], negations, G_N_ELEMENTS (negations)))
        negated = !negated;
      /* Harm first: "bad credit" is bad although "credit" alone reads as good. */
      else if (has_stem (words[i], bad_stems, G_N_ELEMENTS (bad_stems)))
        found = FW_OUTCOME_BAD;
      else if (found == FW_OUTCOME_UNKNOWN &&
               has_stem (words[i], good_stems, G_N_ELEMENTS (good_stems)))
        found = FW_OUTCOME_GOOD;
    }
  if (negated && found != FW_OUTCOME_UNKNOWN)
    found = found == FW_OUTCOME_GOOD ? FW_OUTCOME_BAD : FW_OUTCOME_GOOD;
  return found;
}

FwOutcome
fw_favourable_guess (const char *target,
                     const char *positive)
{
  g_autofree char *lower = positive != NULL ? g_ascii_strdown (positive, -1) : NULL;
  FwOutcome outcome = positive != NULL ? outcome_of_words (positive) : FW_OUTCOME_UNKNOWN;

  if (outcome != FW_OUTCOME_UNKNOWN || target == NULL)
    return outcome;
  if (lower != NULL && in_list (g_strstrip (lower), plain_no, G_N_ELEMENTS (plain_no)))
    {
      outcome = outcome_of_words (target);
      return outcome == FW_OUTCOME_GOOD ? FW_OUTCOME_BAD
             : outcome == FW_OUTCOME_BAD ? FW_OUTCOME_GOOD : FW_OUTCOME_UNKNOWN;
    }
  /* A class with words of its own ("Private", ">50K") says nothing about the target's. */
  if (lower != NULL && !in_list (lower, plain_yes, G_N_ELEMENTS (plain_yes)))
    return FW_OUTCOME_UNKNOWN;
  return outcome_of_words (target);
}

static gboolean
same_class (const char *name,
            const char *value)
{
  char *end_a, *end_b;
  double a, b;

  if (strcmp (name, value) == 0)
    return TRUE;
  a = g_ascii_strtod (name, &end_a);
  b = g_ascii_strtod (value, &end_b);
  return *name != '\0' && *value != '\0' && *end_a == '\0' && *end_b == '\0' && a == b;
}

gboolean
fw_favourable_resolve (const char        *target,
                       const char *const *class_names,
                       guint              positive,
                       const char        *favourable,
                       gboolean          *positive_is_harmful,
                       int               *favourable_class,
                       GError           **error)
{
  guint n_classes;

  g_return_val_if_fail (class_names != NULL, FALSE);
  g_return_val_if_fail (positive_is_harmful != NULL && favourable_class != NULL, FALSE);
  n_classes = g_strv_length ((char **) class_names);
  g_return_val_if_fail (positive < n_classes, FALSE);

  if (favourable != NULL)
    {
      for (guint c = 0; c < n_classes; c++)
        if (same_class (class_names[c], favourable))
          {
            *favourable_class = (int) c;
            *positive_is_harmful = c != positive;
            return TRUE;
          }
      g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                   _("“%s” is not a value of “%s”, so it cannot be the favourable outcome"),
                   favourable, target != NULL ? target : "?");
      return FALSE;
    }
  *positive_is_harmful = fw_favourable_guess (target, class_names[positive]) == FW_OUTCOME_BAD;
  *favourable_class = !*positive_is_harmful ? (int) positive
                      : n_classes == 2 ? (int) (1 - positive) : -1;
  return TRUE;
}
