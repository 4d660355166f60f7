/* fw-target.c — what a target column gives: the task, the classes and the positive class
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "fw-number.h"
#include "fw-stats.h"
#include "fw-target.h"

/* Class names quoted in an error message at most. */
#define MAX_LISTED 20

static int
compare_codes (gconstpointer a,
               gconstpointer b,
               gpointer      dict)
{
  return strcmp (fw_dictionary_get (dict, *(const guint32 *) a),
                 fw_dictionary_get (dict, *(const guint32 *) b));
}

static gboolean
too_many_classes (const FwColumn *column,
                  GError        **error)
{
  g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_TARGET,
               _("The column to predict, “%s”, has more than %d different values: too many "
                 "classes to learn"), column->name, FW_TARGET_MAX_CLASSES);
  return FALSE;
}

/* Numbers: classes are the distinct values, in numeric order. */
static gboolean
number_classes (FwTarget       *t,
                const FwColumn *column,
                const gsize    *rows,
                gsize           n)
{
  g_autofree double *sorted = g_new (double, MAX (n, 1));
  gboolean integers = TRUE;
  gsize distinct = 0;

  for (gsize i = 0; i < n; i++)
    {
      sorted[i] = fw_column_get_number (column, rows[i]);
      integers = integers && sorted[i] == floor (sorted[i]);
    }
  fw_stats_sort (sorted, n);
  for (gsize i = 0; i < n; i++)
    if (i == 0 || sorted[i] != sorted[i - 1])
      sorted[distinct++] = sorted[i];

  t->n_values = distinct;
  if (t->task == FW_TASK_AUTO)
    t->task = !integers || distinct > FW_TARGET_MAX_INTEGER_CLASSES ? FW_TASK_REGRESSION
              : distinct == 2 ? FW_TASK_BINARY : FW_TASK_MULTICLASS;
  if (t->task == FW_TASK_REGRESSION)
    return TRUE;
  if (distinct > FW_TARGET_MAX_CLASSES)
    return FALSE;

  t->n_classes = (guint) distinct;
  t->values = g_memdup2 (sorted, MAX (distinct, 1) * sizeof (double));
  t->names = g_new0 (char *, distinct + 1);
  for (guint c = 0; c < distinct; c++)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      t->names[c] = g_strdup (fw_number_format (sorted[c], column->storage == FW_STORAGE_FLOAT32,
                                                buf, sizeof buf));
    }
  for (gsize i = 0; i < n; i++)
    {
      double x = fw_column_get_number (column, rows[i]);
      const double *hit = bsearch (&x, t->values, distinct, sizeof (double),
                                     fw_stats_compare_doubles);

      t->labels[rows[i]] = (guint32) (hit - t->values);
    }
  return TRUE;
}

/* Words: classes are the values present, in byte order. */
static gboolean
word_classes (FwTarget       *t,
              const FwColumn *column,
              const gsize    *rows,
              gsize           n)
{
  guint size = fw_dictionary_size (column->dict), distinct = 0;
  g_autofree guint32 *class_of = g_new0 (guint32, (gsize) size + 1);
  g_autofree guint32 *present = g_new (guint32, (gsize) size + 1);

  for (gsize i = 0; i < n; i++)
    class_of[column->data.codes[rows[i]]] = 1;
  for (guint32 code = 0; code < size; code++)
    if (class_of[code])
      present[distinct++] = code;

  t->n_values = distinct;
  if (distinct > FW_TARGET_MAX_CLASSES)
    return FALSE;
  if (t->task == FW_TASK_AUTO)
    t->task = distinct == 2 ? FW_TASK_BINARY : FW_TASK_MULTICLASS;

  g_qsort_with_data (present, distinct, sizeof (guint32), compare_codes, column->dict);
  t->n_classes = distinct;
  t->names = g_new0 (char *, distinct + 1);
  for (guint c = 0; c < distinct; c++)
    {
      t->names[c] = g_strdup (fw_dictionary_get (column->dict, present[c]));
      class_of[present[c]] = c;
    }
  for (gsize i = 0; i < n; i++)
    t->labels[rows[i]] = class_of[column->data.codes[rows[i]]];
  return TRUE;
}

gboolean
fw_target_init (FwTarget       *t,
                const FwColumn *column,
                FwTask          task,
                const gsize    *rows,
                gsize           n,
                GError        **error)
{
  gboolean numeric;

  g_return_val_if_fail (t != NULL, FALSE);
  g_return_val_if_fail (column != NULL, FALSE);
  g_return_val_if_fail (rows != NULL || n == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *t = (FwTarget) FW_TARGET_INIT;
  t->task = task;
  numeric = fw_column_is_numeric (column);
  if (!numeric && task == FW_TASK_REGRESSION)
    {
      g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_TARGET,
                   _("The column to predict, “%s”, holds words, not numbers: it needs a "
                     "classification task"), column->name);
      return FALSE;
    }
  if (task != FW_TASK_REGRESSION)
    {
      t->labels = g_new (guint32, MAX (column->n_rows, 1));
      for (gsize r = 0; r < column->n_rows; r++)
        t->labels[r] = FW_TARGET_NO_LABEL;
    }
  if (!(numeric ? number_classes (t, column, rows, n) : word_classes (t, column, rows, n)))
    return too_many_classes (column, error);
  if (t->task == FW_TASK_REGRESSION)
    {
      g_clear_pointer (&t->labels, g_free);
      return TRUE;
    }
  t->counts = g_new0 (gsize, MAX (t->n_classes, 1));
  for (gsize i = 0; i < n; i++)
    t->counts[t->labels[rows[i]]]++;
  return TRUE;
}

static char *
list_classes (const FwTarget *t)
{
  GString *list = g_string_new (NULL);

  for (guint c = 0; c < MIN (t->n_classes, MAX_LISTED); c++)
    g_string_append_printf (list, "%s“%s”", c > 0 ? ", " : "", t->names[c]);
  if (t->n_classes > MAX_LISTED)
    g_string_append (list, ", …");
  return g_string_free (list, FALSE);
}

gboolean
fw_target_find_positive (FwTarget       *t,
                         const FwColumn *column,
                         const char     *positive,
                         GError        **error)
{
  static const char *const words[] = { "1", "yes", "true" };
  g_autofree char *list = NULL;
  double number;

  g_return_val_if_fail (t != NULL, FALSE);
  g_return_val_if_fail (column != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  t->positive = -1;
  if (t->task == FW_TASK_REGRESSION)
    return TRUE;
  if (positive != NULL)
    {
      for (guint c = 0; c < t->n_classes; c++)
        if (strcmp (t->names[c], positive) == 0 ||
            (t->values != NULL && fw_number_parse (positive, strlen (positive), FALSE, &number,
                                                   NULL) && number == t->values[c]))
          {
            t->positive = c;
            return TRUE;
          }
      list = list_classes (t);
      g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                   _("“%s” is not a value of “%s”, so it cannot be the positive class; the "
                     "classes are %s"), positive, column->name, list);
      return FALSE;
    }
  if (t->task != FW_TASK_BINARY || t->n_classes != 2)
    return TRUE;
  for (guint w = 0; w < G_N_ELEMENTS (words); w++)
    for (guint c = 0; c < t->n_classes; c++)
      if (g_ascii_strcasecmp (t->names[c], words[w]) == 0)
        {
          t->positive = c;
          return TRUE;
        }
  t->positive = t->counts[1] <= t->counts[0] ? 1 : 0;
  return TRUE;
}

void
fw_target_clear (FwTarget *t)
{
  g_strfreev (t->names);
  g_free (t->values);
  g_free (t->counts);
  g_free (t->labels);
  *t = (FwTarget) FW_TARGET_INIT;
}
