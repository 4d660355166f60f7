/* fw-profile-leak-text.c — a suspected leak in plain words
 *
 * The sentences the profile's FW_ISSUE_TARGET_LEAKAGE issues and the date features' leak
 * check show; the scores themselves come from fw-profile-leak.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include "fw-profile-private.h"

/* "exactly when": what an AUC this close to 1 is said as. */
#define LEAK_EXACT 0.995

static int
of_100 (double share)
{
  return (int) floor (100.0 * share + 0.5);
}

char *
fw_profile_leak_message (const FwColumn    *column,
                         const FwColumn    *target,
                         const FwLeakRows  *rows,
                         const FwLeakScore *leak,
                         guint              missing_class)
{
  gboolean regression = rows->labels == NULL;
  const char *class_name = rows->class_names != NULL && missing_class < rows->n_classes
                           ? rows->class_names[missing_class] : NULL;

  if (leak->by == FW_LEAK_BY_MISSINGNESS)
    {
      if (rows->n_classes == 2 && !regression && leak->score >= LEAK_EXACT && class_name != NULL)
        return g_strdup_printf (_("“%s” is empty exactly when “%s” is “%s”. Is it filled in "
                                  "after the outcome happens? If so, it must not be used."),
                                column->name, target->name, class_name);
      if (!regression)
        return g_strdup_printf (_("Whether “%s” is empty alone gets the answer right for %d "
                                  "of 100 rows (ROC AUC %.2f). Is it filled in after the "
                                  "outcome happens? If so, it must not be used."),
                                column->name, of_100 (leak->accuracy), leak->score);
      return g_strdup_printf (_("Whether “%s” is empty alone explains %d%% of the variation "
                                "in “%s” (R² %.2f). Is it filled in after the outcome "
                                "happens? If so, it must not be used."),
                              column->name, of_100 (leak->score), target->name, leak->score);
    }
  if (!regression)
    return g_strdup_printf (_("“%s” alone gets the answer right for %d of 100 rows (ROC AUC "
                              "%.2f). Is it known before the outcome happens? If not, it must "
                              "not be used."),
                            column->name, of_100 (leak->accuracy), leak->score);
  return g_strdup_printf (_("“%s” alone explains %d%% of the variation in “%s” (R² %.2f). Is "
                            "it known before the outcome happens? If not, it must not be "
                            "used."),
                          column->name, of_100 (leak->score), target->name, leak->score);
}

/* One sentence for every column of a group that is empty on the same rows. */
char *
fw_profile_leak_group_message (const FwTable     *table,
                               const FwColumn    *target,
                               const FwLeakRows  *rows,
                               const guint       *members,
                               guint              n,
                               const FwLeakScore *leak,
                               guint              missing_class)
{
  g_autoptr(GString) names = g_string_new (NULL);
  const char *class_name = rows->class_names != NULL && missing_class < rows->n_classes
                           ? rows->class_names[missing_class] : NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "",
                            fw_table_column (table, members[i])->name);
  if (rows->labels != NULL && rows->n_classes == 2 && leak->score >= LEAK_EXACT &&
      class_name != NULL)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "These %u column is empty exactly when “%s” is “%s”: "
                                         "%s. Are they filled in after the outcome happens? If "
                                         "so, they must not be used.",
                                         "These %u columns are empty exactly when “%s” is “%s”: "
                                         "%s. Are they filled in after the outcome happens? If "
                                         "so, they must not be used.", n),
                            n, target->name, class_name, names->str);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "These %u column is empty on the same rows, and that "
                                       "alone predicts “%s” (score %.2f): %s. Are they filled "
                                       "in after the outcome happens? If so, they must not be "
                                       "used.",
                                       "These %u columns are empty on the same rows, and that "
                                       "alone predicts “%s” (score %.2f): %s. Are they filled "
                                       "in after the outcome happens? If so, they must not be "
                                       "used.", n),
                          n, target->name, leak->score, names->str);
}

char *
fw_leak_score_describe (const FwLeakScore *leak,
                        const char        *what,
                        const char        *target,
                        gboolean           regression)
{
  g_return_val_if_fail (leak != NULL && what != NULL && target != NULL, NULL);

  if (leak->by == FW_LEAK_BY_MISSINGNESS)
    return regression
           ? g_strdup_printf (_("Whether %s is empty alone explains %d%% of the variation in "
                                "“%s” (R² %.2f). Is it filled in after the outcome happens? If "
                                "so, it must not be used."),
                              what, of_100 (leak->score), target, leak->score)
           : g_strdup_printf (_("Whether %s is empty alone gets the answer right for %d of 100 "
                                "rows (ROC AUC %.2f). Is it filled in after the outcome "
                                "happens? If so, it must not be used."),
                              what, of_100 (leak->accuracy), leak->score);
  return regression
         ? g_strdup_printf (_("%s alone explains %d%% of the variation in “%s” (R² %.2f). Is "
                              "it known before the outcome happens? If not, it must not be "
                              "used."),
                            what, of_100 (leak->score), target, leak->score)
         : g_strdup_printf (_("%s alone gets the answer right for %d of 100 rows (ROC AUC "
                              "%.2f). Is it known before the outcome happens? If not, it must "
                              "not be used."),
                            what, of_100 (leak->accuracy), leak->score);
}
