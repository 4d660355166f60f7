/* fw-number.c — numbers in and out of text
 *
 * Number parsing decides CSV import speed (glibc's strtod is ~70% of a naive import), so
 * the common case — at most 15 significant digits and a small exponent — takes Clinger's
 * fast path, which is exact: the mantissa and the power of ten are both exactly
 * representable doubles, so one IEEE multiply or divide rounds correctly.  Everything else
 * falls back to g_ascii_strtod.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include "fw-number.h"

static const double powers_of_ten[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

static gboolean
parse_special (const char *p,
               gsize       len,
               gboolean    negative,
               double     *value)
{
  if ((len == 3 && g_ascii_strncasecmp (p, "inf", 3) == 0) ||
      (len == 8 && g_ascii_strncasecmp (p, "infinity", 8) == 0))
    {
      *value = negative ? -INFINITY : INFINITY;
      return TRUE;
    }
  return FALSE;
}

static gboolean
parse_slow (const char *start,
            gsize       len,
            double     *value)
{
  char small[64];
  g_autofree char *large = NULL;
  char *copy = small, *end;

  if (len >= sizeof small)
    copy = large = g_malloc (len + 1);
  memcpy (copy, start, len);
  copy[len] = '\0';
  for (gsize i = 0; i < len; i++)
    if (copy[i] == ',')
      copy[i] = '.';
  *value = g_ascii_strtod (copy, &end);
  return end == copy + len;
}

gboolean
fw_number_parse (const char *str,
                 gsize       len,
                 gboolean    decimal_comma,
                 double     *value,
                 guint      *n_digits)
{
  const char *p = str, *end = str + len, *number, *digits_start;
  gboolean negative = FALSE;
  guint64 mantissa = 0;
  int digits, exponent = 0;
  guint d;

  while (p < end && is_blank (*p))
    p++;
  while (end > p && is_blank (end[-1]))
    end--;
  number = p;
  if (p < end && (*p == '-' || *p == '+'))
    negative = *p++ == '-';
  if (p == end)
    return FALSE;
  digits_start = p;

  /* Integer part; leading zeros are not significant. */
  while (p < end && *p == '0')
    p++;
  digits = 0;
  while (p < end && (d = (guchar) *p - '0') < 10)
    {
      mantissa = mantissa * 10 + d;
      digits++;
      p++;
    }
  if (p < end && (*p == '.' || (decimal_comma && *p == ',')))
    {
      const char *fraction = ++p;

      if (digits == 0)
        while (p < end && *p == '0')
          p++;
      exponent -= (int) (p - fraction);
      fraction = p;
      while (p < end && (d = (guchar) *p - '0') < 10)
        {
          mantissa = mantissa * 10 + d;
          p++;
        }
      digits += (int) (p - fraction);
      exponent -= (int) (p - fraction);
    }
  /* Nothing but a sign and a point: not a number (but "inf" may be). */
  if (p == digits_start || (p - digits_start == 1 && !g_ascii_isdigit (*digits_start)))
    return parse_special (digits_start, end - digits_start, negative, value) &&
           (n_digits == NULL || (*n_digits = 1));

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      gboolean exp_negative = FALSE;
      int exp_value = 0;

      p++;
      if (p < end && (*p == '-' || *p == '+'))
        exp_negative = *p++ == '-';
      if (p == end || !g_ascii_isdigit (*p))
        return FALSE;
      for (; p < end && g_ascii_isdigit (*p); p++)
        if (exp_value < 100000)
          exp_value = exp_value * 10 + (*p - '0');
      exponent += exp_negative ? -exp_value : exp_value;
    }
  if (p != end)
    return FALSE;

  if (n_digits != NULL)
    *n_digits = (guint) digits;
  if (mantissa == 0 && digits == 0)
    {
      *value = negative ? -0.0 : 0.0;
      return TRUE;
    }
  /* Past 15 digits the mantissa may not be exact (or may have wrapped past 19). */
  if (digits <= 15 && exponent >= -22 && exponent <= 22)
    {
      double x = (double) mantissa;

      x = exponent < 0 ? x / powers_of_ten[-exponent] : x * powers_of_ten[exponent];
      *value = negative ? -x : x;
      return TRUE;
    }
  return parse_slow (number, end - number, value);
}

char *
fw_number_format (double   value,
                  gboolean single,
                  char    *buf,
                  gsize    size)
{
  int first = single ? 6 : 15, last = single ? 9 : 17;

  g_return_val_if_fail (buf != NULL && size >= G_ASCII_DTOSTR_BUF_SIZE, NULL);

  for (int precision = first; precision <= last; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, size, format, value);
      if (single ? (float) g_ascii_strtod (buf, NULL) == (float) value
                 : g_ascii_strtod (buf, NULL) == value)
        break;
    }
  return buf;
}

static const char *
group_separator (void)
{
  const char *sep = localeconv ()->thousands_sep;

  return sep != NULL && *sep != '\0' ? sep : ",";
}

/* @digits (ASCII, no sign) with the separator every three from the right. */
static char *
group_digits (const char *digits)
{
  const char *sep = group_separator ();
  gsize len = strlen (digits);
  GString *out = g_string_sized_new (len + len / 3 * strlen (sep));

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, sep);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
fw_count_to_display (guint64 n)
{
  char digits[24];

  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, n);
  return group_digits (digits);
}

char *
fw_number_to_display (double value)
{
  double magnitude = fabs (value);

  if (isnan (value))
    return g_strdup ("—");
  if (isinf (value))
    return g_strdup (value > 0 ? "∞" : "−∞");
  if (magnitude >= 1e15 || (magnitude > 0 && magnitude < 1e-4))
    return g_strdup_printf ("%.4g", value);
  if (magnitude >= 999.5)       /* rounds to 1,000 or more */
    {
      char digits[24];
      g_autofree char *grouped = NULL;

      g_snprintf (digits, sizeof digits, "%.0f", magnitude);
      grouped = group_digits (digits);
      return value < 0 ? g_strconcat ("-", grouped, NULL) : g_steal_pointer (&grouped);
    }
  return g_strdup_printf ("%.4g", value);
}

gboolean
fw_is_missing_marker (const char *str,
                      gsize       len)
{
  const char *end = str + len;

  while (str < end && g_ascii_isspace (*str))
    str++;
  while (end > str && g_ascii_isspace (end[-1]))
    end--;
  switch (end - str)
    {
    case 0:
      return TRUE;
    case 1:
      return str[0] == '?';
    case 2:
      return g_ascii_strncasecmp (str, "na", 2) == 0;
    case 3:
      return g_ascii_strncasecmp (str, "n/a", 3) == 0 || g_ascii_strncasecmp (str, "nan", 3) == 0;
    case 4:
      return g_ascii_strncasecmp (str, "null", 4) == 0 || g_ascii_strncasecmp (str, "#n/a", 4) == 0;
    default:
      return FALSE;
    }
}
