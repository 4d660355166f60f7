/* fw-sensitive.c — the groups of a sensitive column
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include "fw-number.h"
#include "fw-sensitive.h"
#include "fw-stats.h"

/* Sorted distinct non-missing values; their count in *n_distinct. */
static double *
distinct_values (const FwColumn *column,
                 gsize          *n_distinct)
{
  double *values = g_new (double, MAX (column->n_rows, 1));
  gsize n = 0, d = 0;

  for (gsize r = 0; r < column->n_rows; r++)
    if (!fw_column_is_missing (column, r))
      values[n++] = fw_column_get_number (column, r);
  fw_stats_sort (values, n);
  for (gsize i = 0; i < n; i++)
    if (d == 0 || values[i] != values[d - 1])
      values[d++] = values[i];
  *n_distinct = d;
  return values;
}

/* Whether every value is a whole number that a double holds exactly. */
static gboolean
all_whole (const double *values,
           gsize         n)
{
  for (gsize i = 0; i < n; i++)
    if (values[i] != floor (values[i]) || fabs (values[i]) > 9007199254740992.0)
      return FALSE;
  return TRUE;
}

/* The name of the range [@low, @high): "36 – 54" when every value is whole (so the range
 * holds 36 … 54, and the next one starts at 55), else "[36.5, 55.2)".  Cuts are distinct
 * values a quarter of them apart, so whole cuts differ by more than one. */
static char *
range_name (double   low,
            double   high,
            gboolean whole)
{
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];

  fw_number_format (low, FALSE, a, sizeof a);
  if (!whole)
    return g_strdup_printf ("[%s, %s)", a, fw_number_format (high, FALSE, b, sizeof b));
  return g_strdup_printf ("%s – %s", a, fw_number_format (high - 1, FALSE, b, sizeof b));
}

void
fw_sensitive_groups (const FwColumn *column,
                     guint32       **codes_out,
                     char         ***names_out)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint32 *codes = g_new (guint32, MAX (column->n_rows, 1));
  gboolean any_missing = column->n_missing > 0;
  guint missing_code;

  g_return_if_fail (column != NULL);

  if (column->storage == FW_STORAGE_CODES)
    {
      for (guint c = 0; c < fw_dictionary_size (column->dict); c++)
        g_ptr_array_add (names, g_strdup (fw_dictionary_get (column->dict, c)));
      missing_code = names->len;
      for (gsize r = 0; r < column->n_rows; r++)
        codes[r] = column->data.codes[r] == FW_CODE_MISSING ? missing_code : column->data.codes[r];
    }
  else
    {
      gsize n_distinct;
      g_autofree double *values = distinct_values (column, &n_distinct);
      double cuts[3];
      guint n_cuts = 0;
      char a[G_ASCII_DTOSTR_BUF_SIZE];

      if (n_distinct <= FW_SENSITIVE_MAX_VALUES)
        for (gsize i = 0; i < n_distinct; i++)
          g_ptr_array_add (names, g_strdup (fw_number_format (values[i], FALSE, a, sizeof a)));
      else
        {
          /* Quartiles of the distinct values keep ranges apart even when one value dominates. */
          for (guint q = 1; q <= 3; q++)
            {
              double cut = values[n_distinct * q / 4];

              if (n_cuts == 0 || cut > cuts[n_cuts - 1])
                cuts[n_cuts++] = cut;
            }
          /* Half-open ranges [cut k − 1, cut k), named so that no two share an end. */
          for (guint k = 0; k <= n_cuts; k++)
            {
              if (k == 0)
                g_ptr_array_add (names, g_strdup_printf ("< %s", fw_number_format (cuts[0], FALSE,
                                                                                   a, sizeof a)));
              else if (k == n_cuts)
                g_ptr_array_add (names, g_strdup_printf ("≥ %s", fw_number_format (cuts[k - 1],
                                                                                   FALSE, a,
                                                                                   sizeof a)));
              else
                g_ptr_array_add (names, range_name (cuts[k - 1], cuts[k],
                                                    all_whole (values, n_distinct)));
            }
        }
      missing_code = names->len;
      for (gsize r = 0; r < column->n_rows; r++)
        {
          double x = fw_column_get_number (column, r);
          guint code = 0;

          if (isnan (x))
            code = missing_code;
          else if (n_distinct <= FW_SENSITIVE_MAX_VALUES)
            {
              const double *hit = bsearch (&x, values, n_distinct, sizeof (double),
                                                  fw_stats_compare_doubles);

              code = (guint) (hit - values);
            }
          else
            while (code < n_cuts && x >= cuts[code])
              code++;
          codes[r] = code;
        }
    }
  if (any_missing)
    g_ptr_array_add (names, g_strdup (_("(missing)")));
  g_ptr_array_add (names, NULL);
  *codes_out = codes;
  *names_out = (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

G_DEFINE_QUARK (fw-sensitive-error-quark, fw_sensitive_error)

/* The values of one attribute seen in @codes, numbered in code order; G_MAXUINT32 for the
 * rest.  Returns how many were seen. */
static guint
number_seen (const guint32 *codes,
             gsize          n,
             guint          n_values,
             guint32       *number)
{
  guint seen = 0;

  for (guint v = 0; v < n_values; v++)
    number[v] = G_MAXUINT32;
  for (gsize i = 0; i < n; i++)
    number[codes[i]] = 0;
  for (guint v = 0; v < n_values; v++)
    if (number[v] == 0)
      number[v] = seen++;
  return seen;
}

gboolean
fw_sensitive_intersect_groups (const guint32      *codes_a,
                               const char *const  *names_a,
                               const guint32      *codes_b,
                               const char *const  *names_b,
                               gsize               n,
                               guint32           **codes_out,
                               char             ***names_out,
                               GError            **error)
{
  guint n_a, n_b, seen_a, seen_b;
  g_autofree guint32 *number_a = NULL, *number_b = NULL;
  g_autofree guint32 *codes = NULL;
  GPtrArray *names;

  g_return_val_if_fail (codes_a != NULL || n == 0, FALSE);
  g_return_val_if_fail (codes_b != NULL || n == 0, FALSE);
  g_return_val_if_fail (names_a != NULL && names_b != NULL, FALSE);
  g_return_val_if_fail (codes_out != NULL && names_out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n_a = g_strv_length ((char **) names_a);
  n_b = g_strv_length ((char **) names_b);
  for (gsize i = 0; i < n; i++)
    if (codes_a[i] >= n_a || codes_b[i] >= n_b)
      {
        g_set_error (error, FW_SENSITIVE_ERROR, FW_SENSITIVE_ERROR_INVALID,
                     _("Row %zu has no value for one of the sensitive attributes."), i + 1);
        return FALSE;
      }

  number_a = g_new (guint32, MAX (n_a, 1));
  number_b = g_new (guint32, MAX (n_b, 1));
  seen_a = number_seen (codes_a, n, n_a, number_a);
  seen_b = number_seen (codes_b, n, n_b, number_b);

  codes = g_new (guint32, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    codes[i] = number_a[codes_a[i]] * seen_b + number_b[codes_b[i]];

  names = g_ptr_array_new ();
  for (guint a = 0; a < n_a; a++)
    {
      if (number_a[a] == G_MAXUINT32)
        continue;
      for (guint b = 0; b < n_b; b++)
        if (number_b[b] != G_MAXUINT32)
          /* Translators: a group of people in two attributes at once, "female × 18-25". */
          g_ptr_array_add (names, g_strdup_printf (_("%s × %s"), names_a[a], names_b[b]));
    }
  g_ptr_array_add (names, NULL);
  g_assert (names->len == (guint) seen_a * seen_b + 1);

  *codes_out = g_steal_pointer (&codes);
  *names_out = (char **) g_ptr_array_free (names, FALSE);
  return TRUE;
}
