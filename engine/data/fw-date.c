/* fw-date.c — calendar dates in cells: parts, and days as a number
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include "fw-date.h"

gboolean
fw_date_parse (const char *text,
               guint      *year,
               guint      *month,
               guint      *day)
{
  guint y = 0, m = 0, d = 0;

  if (text == NULL || strlen (text) < 10 || (text[4] != '-' && text[4] != '/') ||
      text[7] != text[4] || (text[10] != '\0' && text[10] != 'T' && text[10] != ' '))
    return FALSE;
  for (guint i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7)
        continue;
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      if (i < 4)
        y = y * 10 + (guint) (text[i] - '0');
      else if (i < 7)
        m = m * 10 + (guint) (text[i] - '0');
      else
        d = d * 10 + (guint) (text[i] - '0');
    }
  if (y < 1 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  *year = y;
  *month = m;
  *day = d;
  return TRUE;
}

double
fw_date_to_days (const char *text)
{
  /* g_date_get_julian counts from 0001-01-01 as day 1; 1970-01-01 is day 719163. */
  const double epoch = 719163.0;
  guint year, month, day;
  GDate date;

  if (!fw_date_parse (text, &year, &month, &day))
    return NAN;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return (double) g_date_get_julian (&date) - epoch;
}

double *
fw_column_date_days (const FwColumn *column)
{
  guint size;
  double *days;

  g_return_val_if_fail (column != NULL, NULL);

  if (column->storage != FW_STORAGE_CODES)
    return NULL;
  size = fw_dictionary_size (column->dict);
  days = g_new (double, size + 1);
  for (guint code = 0; code < size; code++)
    days[code] = fw_date_to_days (fw_dictionary_get (column->dict, code));
  days[size] = NAN;
  return days;
}
