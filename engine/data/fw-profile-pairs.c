/* fw-profile-pairs.c — columns that copy or relabel an earlier one
 *
 * Two columns carry the same information when each value of one always goes with one value
 * of the other: the same column twice, "yes"/"no" beside 1/0, a code beside its label.
 * Labelling each column's cells by first appearance (the first value seen is 0, the next
 * new one 1, …; missing is its own label) turns that into "the two label sequences are
 * equal", checked row by row with an early exit.  Only pairs with the same number of
 * missing cells and of distinct values are compared; IDs and free text are left out, as
 * they are dropped anyway.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include "fw-profile-private.h"

#define MISSING_LABEL G_MAXUINT32

typedef struct
{
  const FwColumn *column;
  guint32        *code_labels;  /* codes: code → label + 1, 0 while unseen */
  GHashTable     *number_labels;  /* numbers: double* (into values) → label + 1 */
  double         *values;       /* numbers: each distinct value, in order of appearance */
  gsize           capacity;     /* of values */
  guint32         next;
} Labeller;

/* GLib's g_double_hash truncates to an integer, so 0.001 … 0.999 would share a bucket:
 * hash all the bits instead (a 64-bit mix, as in splitmix64). */
static guint
double_bits_hash (gconstpointer key)
{
  guint64 bits;

  memcpy (&bits, key, sizeof bits);
  bits ^= bits >> 33;
  bits *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  bits ^= bits >> 33;
  return (guint) bits;
}

static void
labeller_init (Labeller       *l,
               const FwColumn *column,
               gsize           distinct)
{
  memset (l, 0, sizeof *l);
  l->column = column;
  if (column->storage == FW_STORAGE_CODES)
    l->code_labels = g_new0 (guint32, fw_dictionary_size (column->dict) + 1);
  else
    {
      l->number_labels = g_hash_table_new (double_bits_hash, g_double_equal);
      l->capacity = MAX (distinct, 1);
      l->values = g_new (double, l->capacity);
    }
}

static void
labeller_clear (Labeller *l)
{
  g_free (l->code_labels);
  g_clear_pointer (&l->number_labels, g_hash_table_unref);
  g_free (l->values);
}

/* The label of @row; *@fresh is TRUE when its value had not been seen. */
static guint32
labeller_get (Labeller *l,
              gsize     row,
              gboolean *fresh)
{
  gpointer found;
  double x;

  *fresh = FALSE;
  if (l->column->storage == FW_STORAGE_CODES)
    {
      guint32 code = l->column->data.codes[row];

      if (code == FW_CODE_MISSING)
        return MISSING_LABEL;
      if (l->code_labels[code] == 0)
        {
          l->code_labels[code] = ++l->next;
          *fresh = TRUE;
        }
      return l->code_labels[code] - 1;
    }
  /* +0 makes −0 and 0 one value, as the profile counts them. */
  x = fw_column_get_number (l->column, row) + 0.0;
  if (isnan (x))
    return MISSING_LABEL;
  found = g_hash_table_lookup (l->number_labels, &x);
  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;
  /* The profile counted the distinct values, so there is room; were there not, the label
   * would match no other column's. */
  if (l->next >= l->capacity)
    return MISSING_LABEL - 1;
  l->values[l->next] = x;
  g_hash_table_insert (l->number_labels, &l->values[l->next], GUINT_TO_POINTER (l->next + 1));
  *fresh = TRUE;
  return l->next++;
}

/* Whether row @row holds the same value in both (first appearances only). */
static gboolean
same_value (const FwColumn *a,
            const FwColumn *b,
            gsize           row)
{
  if (a->storage == FW_STORAGE_CODES && b->storage == FW_STORAGE_CODES)
    return strcmp (fw_dictionary_get (a->dict, a->data.codes[row]),
                   fw_dictionary_get (b->dict, b->data.codes[row])) == 0;
  if (a->storage != FW_STORAGE_CODES && b->storage != FW_STORAGE_CODES)
    return fw_column_get_number (a, row) == fw_column_get_number (b, row);
  return FALSE;
}

/* 0: not a copy; 1: the same values; 2: the same values under other names.  Columns with
 * a value per row or nearly so pair up one to one whatever they hold, so for them only
 * the same values count. */
static guint
compare_columns (const FwColumn        *a,
                 const FwColumn        *b,
                 const FwColumnProfile *p)
{
  Labeller la, lb;
  gboolean identical = TRUE, match = TRUE;
  gboolean relabel = (double) p->distinct <= FW_PROFILE_UNIQUE_FRACTION * (double) p->count;

  labeller_init (&la, a, p->distinct);
  labeller_init (&lb, b, p->distinct);
  for (gsize row = 0; row < a->n_rows && match; row++)
    {
      gboolean fresh_a, fresh_b;

      match = labeller_get (&la, row, &fresh_a) == labeller_get (&lb, row, &fresh_b);
      if (match && fresh_a && identical)
        identical = same_value (a, b, row);
      match = match && (identical || relabel);
    }
  labeller_clear (&la);
  labeller_clear (&lb);
  return !match ? 0 : identical ? 1 : 2;
}

static gboolean
comparable (const FwColumn        *column,
            const FwColumnProfile *p)
{
  return column->kind != FW_KIND_IDENTIFIER && column->kind != FW_KIND_TEXT && p->distinct >= 2;
}

void
fw_profile_flag_duplicates (FwTableProfile *profile,
                            const FwTable  *table)
{
  for (guint j = 1; j < profile->n_columns; j++)
    {
      const FwColumn *b = fw_table_column (table, j);
      FwColumnProfile *q = &profile->columns[j];

      if (!comparable (b, q))
        continue;
      for (guint i = 0; i < j; i++)
        {
          const FwColumn *a = fw_table_column (table, i);
          const FwColumnProfile *p = &profile->columns[i];
          guint how;

          if (p->duplicate_of >= 0 || !comparable (a, p) || p->missing != q->missing ||
              p->distinct != q->distinct)
            continue;
          how = compare_columns (a, b, p);
          if (how == 0)
            continue;
          q->duplicate_of = (gint) i;
          fw_profile_add_issue (q, FW_ISSUE_DUPLICATE,
                                how == 1
                                /* Translators: %s is another column's name. */
                                ? g_strdup_printf (_("Duplicate: holds the same values as "
                                                     "“%s”, so it adds nothing; drop the "
                                                     "copy"), a->name)
                                /* Translators: %s is another column's name. */
                                : g_strdup_printf (_("Duplicate: the same information as "
                                                     "“%s” under other names (each value "
                                                     "here always goes with one value "
                                                     "there); drop the copy"), a->name));
          break;
        }
    }
}
