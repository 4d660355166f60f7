/* fw-kind.c — names of the kinds, and inferring a column's kind from its values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include "fw-kind.h"
#include "fw-stats.h"

static const struct
{
  const char *id;
  const char *label;
  const char *icon;
} kinds[FW_N_KINDS] = {
  [FW_KIND_NUMERIC]     = { "numeric",     N_("Number"),     "accessories-calculator-symbolic" },
  [FW_KIND_BOOLEAN]     = { "boolean",     N_("Yes/no"),     "checkbox-checked-symbolic" },
  [FW_KIND_CATEGORICAL] = { "categorical", N_("Category"),   "view-list-bullet-symbolic" },
  [FW_KIND_TEXT]        = { "text",        N_("Text"),       "format-text-plaintext-symbolic" },
  [FW_KIND_IDENTIFIER]  = { "identifier",  N_("Identifier"), "auth-fingerprint-symbolic" },
  [FW_KIND_DATETIME]    = { "datetime",    N_("Date"),       "x-office-calendar-symbolic" },
};

const char *
fw_kind_to_string (FwKind kind)
{
  g_return_val_if_fail (kind < FW_N_KINDS, NULL);
  return kinds[kind].id;
}

const char *
fw_kind_to_label (FwKind kind)
{
  g_return_val_if_fail (kind < FW_N_KINDS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, kinds[kind].label);
}

const char *
fw_kind_icon_name (FwKind kind)
{
  g_return_val_if_fail (kind < FW_N_KINDS, NULL);
  return kinds[kind].icon;
}

gboolean
fw_kind_is_boolean_word (const char *str)
{
  static const char *const words[] = { "true", "false", "yes", "no", "y", "n", "t", "f" };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_ascii_strcasecmp (str, words[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Reads exactly @n digits into @out. */
static gboolean
read_digits (const char **p,
             int          n,
             int         *out)
{
  int value = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      value = value * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out = value;
  return TRUE;
}

gboolean
fw_kind_is_datetime (const char *str)
{
  const char *p = str;
  int year, month, day, hour, minute, second;
  char sep;

  if (!read_digits (&p, 4, &year) || (*p != '-' && *p != '/'))
    return FALSE;
  sep = *p++;
  if (!read_digits (&p, 2, &month) || *p++ != sep || !read_digits (&p, 2, &day))
    return FALSE;
  if (month < 1 || month > 12 || day < 1 || day > g_date_get_days_in_month (month, year))
    return FALSE;
  if (*p == '\0')
    return TRUE;

  if ((*p != 'T' && *p != ' ') || (p++, !read_digits (&p, 2, &hour)) || *p++ != ':' ||
      !read_digits (&p, 2, &minute) || hour > 23 || minute > 59)
    return FALSE;
  if (*p == ':')
    {
      p++;
      if (!read_digits (&p, 2, &second) || second > 60)
        return FALSE;
      if (*p == '.' || *p == ',')
        {
          p++;
          if (!g_ascii_isdigit (*p))
            return FALSE;
          while (g_ascii_isdigit (*p))
            p++;
        }
    }
  if (*p == 'Z')
    p++;
  else if (*p == '+' || *p == '-')
    {
      int offset_h, offset_m = 0;

      p++;
      if (!read_digits (&p, 2, &offset_h) || offset_h > 14)
        return FALSE;
      if (*p == ':')
        p++;
      if (*p != '\0' && (!read_digits (&p, 2, &offset_m) || offset_m > 59))
        return FALSE;
    }
  return *p == '\0';
}

gboolean
fw_kind_name_suggests_id (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  gsize len = strlen (lower);
  static const char *const suffixes[] = { "id", "_id", " id", "-id", "uuid", "guid", "_key", " key",
                                          "_no", " no", "number", "_nr" };

  if (g_strcmp0 (lower, "id") == 0 || g_strcmp0 (lower, "key") == 0 || g_strcmp0 (lower, "index") == 0)
    return TRUE;
  /* "CustomerID" but not "paid" or "valid": a suffix "id" needs a capital I or a separator. */
  if (len > 2 && g_str_has_suffix (name, "ID"))
    return TRUE;
  for (guint i = 1; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (lower, suffixes[i]))
      return TRUE;
  return FALSE;
}

static FwKind
infer_numeric (const FwColumn *column)
{
  gsize n = column->n_rows;
  gboolean zero_one = TRUE, integers = TRUE, increasing = TRUE;
  double previous = -INFINITY, block[1024];

  /* Read in blocks so the storage switch stays out of the per-cell loop. */
  for (gsize start = 0; start < n; start += G_N_ELEMENTS (block))
    {
      gsize count = MIN (G_N_ELEMENTS (block), n - start);

      if (column->storage == FW_STORAGE_FLOAT32)
        for (gsize i = 0; i < count; i++)
          block[i] = column->data.f32[start + i];
      else
        memcpy (block, column->data.f64 + start, count * sizeof (double));

      for (gsize i = 0; i < count; i++)
        {
          double x = block[i];

          if (isnan (x))
            {
              increasing = FALSE;
              continue;
            }
          zero_one = zero_one && (x == 0.0 || x == 1.0);
          integers = integers && x == floor (x);
          increasing = increasing && x > previous;
          previous = x;
        }
    }

  if (column->n_missing == n)
    return FW_KIND_NUMERIC;
  if (zero_one)
    return FW_KIND_BOOLEAN;
  if (!integers || column->n_missing > 0 || n < FW_KIND_IDENTIFIER_MIN_ROWS)
    return FW_KIND_NUMERIC;
  if (increasing)
    return FW_KIND_IDENTIFIER;
  if (fw_kind_name_suggests_id (column->name))
    {
      g_autofree double *sorted = g_new (double, n);
      gboolean unique = TRUE;

      for (gsize i = 0; i < n; i++)
        sorted[i] = fw_column_get_number (column, i);
      fw_stats_sort (sorted, n);
      for (gsize i = 1; i < n && unique; i++)
        unique = sorted[i] != sorted[i - 1];
      if (unique)
        return FW_KIND_IDENTIFIER;
    }
  return FW_KIND_NUMERIC;
}

static FwKind
infer_codes (const FwColumn *column)
{
  guint size = fw_dictionary_size (column->dict);
  gsize count = column->n_rows - column->n_missing;
  gboolean booleans = size <= 2, datetimes = TRUE;
  gsize total_length = 0, with_space = 0;

  if (size == 0)
    return FW_KIND_CATEGORICAL;

  for (guint code = 0; code < size; code++)
    {
      const char *str = fw_dictionary_get (column->dict, code);

      booleans = booleans && fw_kind_is_boolean_word (str);
      datetimes = datetimes && fw_kind_is_datetime (str);
      total_length += strlen (str);
      with_space += strchr (str, ' ') != NULL ? 1 : 0;
    }

  if (booleans)
    return FW_KIND_BOOLEAN;
  if (datetimes)
    return FW_KIND_DATETIME;
  if (total_length >= (gsize) FW_KIND_TEXT_MIN_MEAN_LENGTH * size && with_space * 2 >= size)
    return FW_KIND_TEXT;
  if (size == count &&
      (count >= FW_KIND_IDENTIFIER_MIN_ROWS ||
       (count >= 2 && fw_kind_name_suggests_id (column->name))))
    return FW_KIND_IDENTIFIER;
  return FW_KIND_CATEGORICAL;
}

void
fw_kind_infer (FwColumn *column)
{
  g_return_if_fail (column != NULL);

  column->kind = column->storage == FW_STORAGE_CODES ? infer_codes (column)
                                                      : infer_numeric (column);
}
