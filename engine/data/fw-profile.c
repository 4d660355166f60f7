/* fw-profile.c — a column's issues in plain words, its category counts, and what the other
 * profile files share
 *
 * fw-profile-table.c profiles a whole table with these; numbers are profiled from one
 * sorted copy (fw-profile-numbers.c), pairs of columns compared in fw-profile-pairs.c, and
 * the flags that need a target live in fw-profile-target.c and fw-profile-leak.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include "fw-number.h"
#include "fw-profile-private.h"
#include "fw-stats.h"

void
fw_profile_issue_free (gpointer data)
{
  FwIssue *issue = data;

  g_free (issue->message);
  g_free (issue);
}

void
fw_profile_add_issue (FwColumnProfile *p,
           FwIssueKind      kind,
           char            *message)
{
  FwIssue *issue = g_new (FwIssue, 1);

  issue->kind = kind;
  issue->message = message;
  g_ptr_array_add (p->issues, issue);
}

const char *
fw_issue_kind_to_string (FwIssueKind kind)
{
  static const char *const ids[FW_N_ISSUE_KINDS] = {
    [FW_ISSUE_MOSTLY_MISSING]   = "mostly_missing",
    [FW_ISSUE_CONSTANT]         = "constant",
    [FW_ISSUE_IDENTIFIER]       = "identifier",
    [FW_ISSUE_HIGH_CARDINALITY] = "high_cardinality",
    [FW_ISSUE_OUTLIERS]         = "outliers",
    [FW_ISSUE_CLASS_IMBALANCE]  = "class_imbalance",
    [FW_ISSUE_TARGET_LEAKAGE]   = "leak",
    [FW_ISSUE_SENTINEL]         = "sentinel",
    [FW_ISSUE_DUPLICATE]        = "duplicate",
    [FW_ISSUE_FREE_TEXT]        = "free_text",
    [FW_ISSUE_DATE]             = "date",
  };

  g_return_val_if_fail ((guint) kind < FW_N_ISSUE_KINDS, NULL);
  return ids[kind];
}

gboolean
fw_column_profile_has_issue (const FwColumnProfile *profile,
                             FwIssueKind            kind)
{
  g_return_val_if_fail (profile != NULL, FALSE);

  for (guint i = 0; i < profile->issues->len; i++)
    if (((FwIssue *) g_ptr_array_index (profile->issues, i))->kind == kind)
      return TRUE;
  return FALSE;
}

char *
fw_column_profile_sentinel_text (const FwColumnProfile *profile)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (profile != NULL, NULL);

  if (!fw_column_profile_has_issue (profile, FW_ISSUE_SENTINEL) || isnan (profile->sentinel))
    return NULL;
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.17g", profile->sentinel));
}

/* The @k codes with the highest counts, most frequent first, ties by code (that is, by
 * first appearance).  Returns how many were found (codes with a count of zero are not). */
guint
fw_profile_top_codes (const gsize *counts,
           guint        n_codes,
           guint        k,
           guint32     *top)
{
  guint n = 0;

  for (guint32 code = 0; code < n_codes; code++)
    {
      guint at;

      if (counts[code] == 0 || (n == k && counts[code] <= counts[top[k - 1]]))
        continue;
      at = n < k ? n++ : k - 1;
      while (at > 0 && counts[top[at - 1]] < counts[code])
        {
          top[at] = top[at - 1];
          at--;
        }
      top[at] = code;
    }
  return n;
}

/* Counts per code, with one more slot at the end for missing (and out-of-range) codes. */
gsize *
fw_profile_count_codes (const FwColumn *column,
             guint          *n_codes)
{
  guint size = fw_dictionary_size (column->dict);
  gsize *counts = g_new0 (gsize, (gsize) size + 1);
  const guint32 *codes = column->data.codes;

  for (gsize i = 0; i < column->n_rows; i++)
    counts[MIN (codes[i], size)]++;
  *n_codes = size;
  return counts;
}

void
fw_profile_codes (const FwColumn  *column,
                  FwColumnProfile *p)
{
  guint n_codes;
  g_autofree gsize *counts = fw_profile_count_codes (column, &n_codes);
  guint32 top[FW_PROFILE_TOP_CATEGORIES];

  p->missing = counts[n_codes];
  p->count = column->n_rows - p->missing;
  for (guint code = 0; code < n_codes; code++)
    p->distinct += counts[code] > 0 ? 1 : 0;
  p->n_top = fw_profile_top_codes (counts, n_codes, FW_PROFILE_TOP_CATEGORIES, top);
  for (guint i = 0; i < p->n_top; i++)
    {
      p->top[i].value = fw_dictionary_get (column->dict, top[i]);
      p->top[i].count = counts[top[i]];
    }
}

/* Numbers in messages, as people read them (fw_number_to_display). */
void
fw_profile_format_number (double  x,
                          char   *buf,
                          gsize   size)
{
  g_autofree char *text = fw_number_to_display (x);

  g_strlcpy (buf, text, size);
}

/* Decimals that keep a share from reading as the threshold it has crossed. */
int
fw_profile_percent_digits (double percent)
{
  return percent < 1.0 || fabs (percent - round (percent)) >= 0.05 ? 1 : 0;
}

void
fw_profile_flag_issues (const FwColumn       *column,
                        FwColumnProfile      *p,
                        const FwNumericExtra *extra)
{
  gsize n_rows = column->n_rows;

  if (n_rows == 0)
    return;
  if ((double) p->missing > FW_PROFILE_MOSTLY_MISSING_FRACTION * (double) n_rows)
    {
      double percent = 100.0 * (double) p->missing / (double) n_rows;

      fw_profile_add_issue (p, FW_ISSUE_MOSTLY_MISSING,
                 g_strdup_printf (_("Mostly empty: %.*f%% of the cells are missing"),
                                  fw_profile_percent_digits (percent), percent));
    }
  if (p->distinct == 0)
    fw_profile_add_issue (p, FW_ISSUE_CONSTANT,
               g_strdup (_("Empty: every cell is missing, so it cannot help predict")));
  else if (p->distinct == 1)
    {
      char buf[64];
      const char *value = buf;

      if (p->has_numbers)
        fw_profile_format_number (p->min, buf, sizeof buf);
      else
        value = p->top[0].value;
      fw_profile_add_issue (p, FW_ISSUE_CONSTANT,
                 g_strdup_printf (_("Constant: every filled cell holds “%s”, so it cannot "
                                    "help predict"), value));
    }
  if (column->kind == FW_KIND_IDENTIFIER)
    fw_profile_add_issue (p, FW_ISSUE_IDENTIFIER,
               g_strdup (_("Looks like an ID: every row has its own value, so it cannot help "
                           "predict")));
  /* Said, so that nothing is left out silently. */
  if (column->kind == FW_KIND_TEXT)
    fw_profile_add_issue (p, FW_ISSUE_FREE_TEXT,
               g_strdup (_("Free text: sentences rather than categories, which a model cannot "
                           "read as they are, so the column is left out")));
  if (column->kind == FW_KIND_DATETIME && p->distinct > 0)
    fw_profile_add_issue (p, FW_ISSUE_DATE,
               g_strdup (_("Dates: a model cannot read them as they are, so the column itself "
                           "is left out; its year, month and day of the week, or the days to "
                           "another date, can be used as numbers. A date recorded after the "
                           "outcome would give the answer away")));
  if (column->kind == FW_KIND_CATEGORICAL &&
      p->distinct > FW_PROFILE_UNIQUE_MIN_DISTINCT &&
      (double) p->distinct > FW_PROFILE_UNIQUE_FRACTION * (double) p->count)
    fw_profile_add_issue (p, FW_ISSUE_HIGH_CARDINALITY,
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Nearly one value per row: %zu different value "
                                             "in %zu filled cells, like a name or a code. A "
                                             "yes/no column per value would only memorise "
                                             "rows, so drop it",
                                             "Nearly one value per row: %zu different values "
                                             "in %zu filled cells, like a name or a code. A "
                                             "yes/no column per value would only memorise "
                                             "rows, so drop it",
                                             p->distinct),
                                p->distinct, p->count));
  else if ((column->kind == FW_KIND_CATEGORICAL || column->kind == FW_KIND_TEXT) &&
           p->distinct > FW_PROFILE_HIGH_CARDINALITY)
    fw_profile_add_issue (p, FW_ISSUE_HIGH_CARDINALITY,
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Many categories: %zu different value; group the "
                                             "rare ones or drop the column",
                                             "Many categories: %zu different values; group the "
                                             "rare ones or drop the column",
                                             p->distinct),
                                p->distinct));
  if (column->kind == FW_KIND_NUMERIC && p->has_numbers && p->n_outliers > 0 &&
      p->quantiles[3] > p->quantiles[1] &&
      (p->n_outliers == 1 ||
       (double) p->n_outliers <= FW_PROFILE_OUTLIER_MAX_FRACTION * (double) p->count))
    {
      char low[64], high[64];
      char *message;

      fw_profile_format_number (p->outlier_low, low, sizeof low);
      fw_profile_format_number (p->outlier_high, high, sizeof high);
      /* Name only the side(s) where values actually lie. */
      if (p->min >= p->outlier_low)
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Outliers: %zu value is far above the rest "
                                                "(above %s)",
                                                "Outliers: %zu values are far above the rest "
                                                "(above %s)", p->n_outliers),
                                   p->n_outliers, high);
      else if (p->max <= p->outlier_high)
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Outliers: %zu value is far below the rest "
                                                "(below %s)",
                                                "Outliers: %zu values are far below the rest "
                                                "(below %s)", p->n_outliers),
                                   p->n_outliers, low);
      else
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Outliers: %zu value is far from the rest "
                                                "(below %s or above %s)",
                                                "Outliers: %zu values are far from the rest "
                                                "(below %s or above %s)", p->n_outliers),
                                   p->n_outliers, low, high);
      fw_profile_add_issue (p, FW_ISSUE_OUTLIERS, message);
    }
  if (column->kind != FW_KIND_NUMERIC)
    p->sentinel = NAN;
  if (!isnan (p->sentinel))
    {
      char value[64];
      double percent = 100.0 * (double) extra->n_sentinel / (double) p->count;

      fw_profile_format_number (p->sentinel, value, sizeof value);
      /* Translators: the first %s is a value such as -1 or 999. */
      fw_profile_add_issue (p, FW_ISSUE_SENTINEL,
                 g_strdup_printf (_("Stand-in value: “%s” fills %.*f%% of the cells, apart "
                                    "from all the other values; it likely means “not "
                                    "recorded”. Treat it as missing, with a “was missing” "
                                    "column"),
                                  value, fw_profile_percent_digits (percent), percent));
    }
}

FwTableProfile *
fw_table_profile_copy (const FwTableProfile *profile)
{
  const FwProfile *from = (const FwProfile *) profile;
  FwProfile *copy;

  g_return_val_if_fail (profile != NULL, NULL);

  copy = g_new0 (FwProfile, 1);
  copy->public = *profile;
  copy->public.columns = g_memdup2 (profile->columns,
                                    sizeof (FwColumnProfile) * MAX (profile->n_columns, 1));
  copy->extra = g_memdup2 (from->extra, sizeof (FwNumericExtra) * MAX (profile->n_columns, 1));
  for (guint i = 0; i < profile->n_columns; i++)
    {
      const GPtrArray *issues = profile->columns[i].issues;

      copy->public.columns[i].issues = g_ptr_array_new_with_free_func (fw_profile_issue_free);
      for (guint k = 0; issues != NULL && k < issues->len; k++)
        {
          const FwIssue *issue = g_ptr_array_index (issues, k);

          fw_profile_add_issue (&copy->public.columns[i], issue->kind, g_strdup (issue->message));
        }
    }
  return &copy->public;
}

void
fw_table_profile_free (FwTableProfile *profile)
{
  if (profile == NULL)
    return;
  for (guint i = 0; i < profile->n_columns; i++)
    g_clear_pointer (&profile->columns[i].issues, g_ptr_array_unref);
  g_free (profile->columns);
  g_free (((FwProfile *) profile)->extra);
  g_free (profile);
}
