/* fw-profile-target.c — the flags that need a target: class imbalance and leakage
 *
 * Leakage is scored in fw-profile-leak.c; this file picks the rows and classes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include "fw-profile-private.h"

/* Classes are codes of a category or yes/no column, or the values of a number column with
 * at most FW_PROFILE_SMALL_DISTINCT of them.  With many classes even a fair share is small, so the
 * rarest is flagged below min (10%, half a fair share). */
static void
flag_imbalance (const FwColumn     *column,
                FwColumnProfile    *p,
                const FwNumericExtra *extra)
{
  g_autofree gsize *counts = NULL;
  gsize rarest = 0;
  guint n_classes = 0, n_codes;
  char buf[64];
  const char *name = buf;
  double percent;

  if (column->storage == FW_STORAGE_CODES)
    {
      if (column->kind != FW_KIND_CATEGORICAL && column->kind != FW_KIND_BOOLEAN)
        return;
      counts = fw_profile_count_codes (column, &n_codes);
      for (guint code = 0; code < n_codes; code++)
        if (counts[code] > 0 && (n_classes++ == 0 || counts[code] < rarest))
          {
            rarest = counts[code];
            name = fw_dictionary_get (column->dict, code);
          }
    }
  else
    {
      if (column->kind != FW_KIND_NUMERIC && column->kind != FW_KIND_BOOLEAN)
        return;
      for (guint i = 0; i < extra->n_values; i++)
        if (n_classes++ == 0 || extra->counts[i] < rarest)
          {
            rarest = extra->counts[i];
            fw_profile_format_number (extra->values[i], buf, sizeof buf);
          }
    }
  if (n_classes < 2)
    return;

  if ((double) rarest >= FW_PROFILE_IMBALANCE_FRACTION * (double) p->count ||
      rarest * 2 * n_classes >= p->count)
    return;
  percent = 100.0 * (double) rarest / (double) p->count;
  fw_profile_add_issue (p, FW_ISSUE_CLASS_IMBALANCE,
             g_strdup_printf (_("Imbalanced: “%s” is only %.*f%% of the rows, so accuracy "
                                "alone will mislead"),
                              name, fw_profile_percent_digits (percent), percent));
}

void
fw_table_profile_set_target_rows (FwTableProfile   *public,
                                  const FwTable    *table,
                                  guint             target,
                                  const FwLeakRows *rows)
{
  FwProfile *profile = (FwProfile *) public;

  g_return_if_fail (public != NULL);
  g_return_if_fail (table != NULL);
  g_return_if_fail (rows != NULL);
  g_return_if_fail (fw_table_n_columns (table) == public->n_columns);
  g_return_if_fail (fw_table_n_rows (table) == public->n_rows);
  g_return_if_fail (target < public->n_columns);

  for (guint c = 0; c < public->n_columns; c++)
    {
      GPtrArray *issues = public->columns[c].issues;

      for (guint i = issues->len; i > 0; i--)
        {
          FwIssueKind kind = ((FwIssue *) g_ptr_array_index (issues, i - 1))->kind;

          if (kind == FW_ISSUE_CLASS_IMBALANCE || kind == FW_ISSUE_TARGET_LEAKAGE)
            g_ptr_array_remove_index (issues, i - 1);
        }
    }

  flag_imbalance (fw_table_column (table, target), &public->columns[target],
                  &profile->extra[target]);
  fw_profile_check_leaks (public, table, target, rows);
}

static int
compare_values (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Every row with a target; words and up to FW_PROFILE_SMALL_DISTINCT numbers are classes. */
void
fw_table_profile_set_target (FwTableProfile *public,
                             const FwTable  *table,
                             guint           target)
{
  FwProfile *profile = (FwProfile *) public;
  const FwColumn *column;
  const FwNumericExtra *extra;
  g_autofree gsize *rows = NULL;
  g_autofree guint32 *labels = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  FwLeakRows leak_rows = { 0 };
  gsize n = 0;

  g_return_if_fail (public != NULL);
  g_return_if_fail (table != NULL);
  g_return_if_fail (target < public->n_columns);

  column = fw_table_column (table, target);
  extra = &profile->extra[target];
  rows = g_new (gsize, MAX (public->n_rows, 1));
  for (gsize i = 0; i < public->n_rows; i++)
    if (!fw_column_is_missing (column, i))
      rows[n++] = i;
  leak_rows.rows = rows;
  leak_rows.n_rows = n;
  if (column->storage == FW_STORAGE_CODES)
    {
      labels = g_memdup2 (column->data.codes, sizeof (guint32) * MAX (public->n_rows, 1));
      leak_rows.n_classes = fw_dictionary_size (column->dict);
      for (guint k = 0; k < leak_rows.n_classes; k++)
        g_ptr_array_add (names, g_strdup (fw_dictionary_get (column->dict, k)));
    }
  else if (extra->n_values > 0 && public->columns[target].distinct <= FW_PROFILE_SMALL_DISTINCT)
    {
      labels = g_new0 (guint32, MAX (public->n_rows, 1));
      for (gsize i = 0; i < n; i++)
        {
          double x = fw_column_get_number (column, rows[i]);
          const double *at = bsearch (&x, extra->values, extra->n_values, sizeof (double),
                                      compare_values);

          labels[rows[i]] = at != NULL ? (guint32) (at - extra->values) : 0;
        }
      leak_rows.n_classes = extra->n_values;
      for (guint k = 0; k < extra->n_values; k++)
        {
          char buf[64];

          fw_profile_format_number (extra->values[k], buf, sizeof buf);
          g_ptr_array_add (names, g_strdup (buf));
        }
    }
  g_ptr_array_add (names, NULL);
  leak_rows.labels = labels;
  leak_rows.class_names = (const char *const *) names->pdata;
  fw_table_profile_set_target_rows (public, table, target, &leak_rows);
}
