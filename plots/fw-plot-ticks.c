/* fw-plot-ticks.c — where ticks go and what they say
 *
 * Ticks are multiples of 1, 2 or 5 × 10^k.  Values are formed as an integer times or over
 * an exact power of ten, never by adding steps, so 0.6 is the double nearest 0.6 (not
 * 0.6000000000000001) and tick values compare equal to decimal literals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include "fw-plot-axis.h"

#define MINUS "\u2212"

/* 10^0 … 10^22 are exact doubles: one multiplication or division by them rounds once. */
static const double exact_pow10[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* @k × 10^@e for an integer-valued @k. */
static double
scaled (double k,
        int    e)
{
  if (e >= 0)
    return e <= 22 ? k * exact_pow10[e] : k * pow (10.0, e);
  return -e <= 22 ? k / exact_pow10[-e] : k * pow (10.0, e);
}

/* Decimal exponent of |v|, robust to log10 landing a hair below an exact power. */
static int
exponent_of (double v)
{
  int e = (int) floor (log10 (fabs (v)));

  if (scaled (1.0, e + 1) <= fabs (v))
    e++;
  return e;
}

static gboolean
fill_linear (FwTicks *ticks,
             double   lo,
             double   hi,
             double   mult,
             int      e)
{
  double step = scaled (mult, e);
  /* A millionth of a step of slack: data a rounding error past a tick don't add one. */
  double k0 = floor (lo / step + 1e-6), k1 = ceil (hi / step - 1e-6);

  if (k1 - k0 + 1 > FW_PLOT_MAX_TICKS)
    return FALSE;
  ticks->n = 0;
  ticks->step = step;
  for (double k = k0; k <= k1; k++)
    {
      double v = scaled (k * mult, e);

      if (isfinite (v))
        ticks->values[ticks->n++] = v == 0.0 ? 0.0 : v;    /* no −0 */
    }
  if (ticks->n == 0)
    return TRUE;
  ticks->lo = ticks->values[0];
  ticks->hi = ticks->values[ticks->n - 1];
  return TRUE;
}

void
fw_ticks_compute (FwTicks *ticks,
                  double   lo,
                  double   hi,
                  guint    target)
{
  static const double mults[] = { 1.0, 2.0, 5.0 };
  double raw, f;
  int e, m;

  g_return_if_fail (ticks != NULL);

  memset (ticks, 0, sizeof *ticks);
  if (!isfinite (lo) || !isfinite (hi))
    return;
  if (lo > hi)
    {
      double t = lo;

      lo = hi;
      hi = t;
    }
  /* A single value (or one a rounding error wide) sits in the middle of its own decade. */
  if (hi - lo <= 1e-12 * MAX (fabs (lo), fabs (hi)))
    {
      double v = (lo + hi) / 2, d = v == 0.0 ? 1.0 : scaled (1.0, exponent_of (v));

      lo = v - d;
      hi = v + d;
    }
  target = CLAMP (target, 2, FW_PLOT_MAX_TICKS - 1);
  /* Halves first, so ±DBL_MAX spans don't overflow. */
  raw = (hi / 2 - lo / 2) * 2 / (target - 1);
  if (!(raw > 0) || !isfinite (raw))
    raw = hi / (target - 1) - lo / (target - 1);
  e = exponent_of (raw);
  f = raw / scaled (1.0, e);
  /* Round the mantissa to 1, 2, 5 or 10 at the geometric midpoints. */
  m = f >= 7.0710678 ? 3 : f >= 3.1622777 ? 2 : f >= 1.4142136 ? 1 : 0;
  for (;; m++)
    {
      if (m == 3)
        {
          m = 0;
          e++;
        }
      if (fill_linear (ticks, lo, hi, mults[m], e))
        return;
    }
}

void
fw_ticks_compute_log (FwTicks *ticks,
                      double   lo,
                      double   hi)
{
  int e0, e1, every;

  g_return_if_fail (ticks != NULL);

  memset (ticks, 0, sizeof *ticks);
  if (!isfinite (lo) || !isfinite (hi) || lo <= 0.0 || hi <= 0.0)
    return;
  if (lo > hi)
    {
      double t = lo;

      lo = hi;
      hi = t;
    }
  e0 = exponent_of (lo);
  e1 = exponent_of (hi);
  if (scaled (1.0, e1) < hi)
    e1++;
  if (e0 == e1)
    {
      e0--;
      e1++;
    }
  /* Beyond a dozen decades, label every second (third, …) one; within two, add 2 and 5
   * times each power so a short axis still has some to read. */
  every = (e1 - e0 + 11) / 12;
  e0 = (int) floor ((double) e0 / every) * every;
  for (int e = e0; ticks->n + 3 <= FW_PLOT_MAX_TICKS; e += every)
    {
      static const double mults[] = { 1.0, 2.0, 5.0 };

      for (guint m = 0; m < (e1 - e0 <= 2 && e < e1 ? 3u : 1u); m++)
        {
          double v = scaled (mults[m], e);

          if (v > 0.0 && isfinite (v))
            ticks->values[ticks->n++] = v;
        }
      if (e >= e1)
        break;
    }
  ticks->step = scaled (1.0, every);
  if (ticks->n > 0)
    {
      ticks->lo = ticks->values[0];
      ticks->hi = ticks->values[ticks->n - 1];
    }
}

/* How many decimals tell multiples of @step apart: 0.05 → 2, 0.25 → 2, 500 → 0. */
static int
decimals_for (double step)
{
  step = fabs (step);
  if (!(step > 0.0) || !isfinite (step))
    return 0;
  for (int d = 0; d < 17; d++)
    {
      double s = step * scaled (1.0, d);

      if (fabs (s - round (s)) <= 1e-6 * s)
        return d;
    }
  return 17;
}

/* Fixed-point text of @v, trailing zeros dropped, "−" for the minus, never "−0". */
static void
append_fixed (GString *out,
              double   v,
              int      decimals)
{
  char format[16], buf[G_ASCII_DTOSTR_BUF_SIZE + 32];
  char *text = buf;
  size_t len;

  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (buf, sizeof buf, format, v);
  if (strchr (buf, '.') != NULL)
    {
      len = strlen (buf);
      while (len > 0 && buf[len - 1] == '0')
        buf[--len] = '\0';
      if (len > 0 && buf[len - 1] == '.')
        buf[--len] = '\0';
    }
  if (*text == '-')
    {
      text++;
      if (strspn (text, "0") != strlen (text))
        g_string_append (out, MINUS);
    }
  g_string_append (out, text);
}

static void
append_superscript (GString *out,
                    int      e)
{
  static const char *const digits[] = {
    "\u2070", "\u00b9", "\u00b2", "\u00b3", "\u2074",
    "\u2075", "\u2076", "\u2077", "\u2078", "\u2079",
  };
  char buf[16];

  if (e < 0)
    g_string_append (out, "\u207b");
  g_snprintf (buf, sizeof buf, "%d", ABS (e));
  for (const char *p = buf; *p != '\0'; p++)
    g_string_append (out, digits[*p - '0']);
}

/* m × 10ⁿ, with as many mantissa decimals as @step needs at that exponent. */
static void
append_scientific (GString *out,
                   double   v,
                   double   step)
{
  int e = exponent_of (v);
  double mantissa = v / scaled (1.0, e);
  int d = decimals_for (step / scaled (1.0, e));

  if (fabs (round (mantissa * scaled (1.0, d))) >= scaled (10.0, d))
    {
      e++;
      mantissa = v / scaled (1.0, e);
      d = MAX (0, d - 1);
    }
  append_fixed (out, mantissa, d);
  g_string_append (out, "×10");
  append_superscript (out, e);
}

static void
append_si (GString *out,
           double   v,
           double   step)
{
  static const char *const prefixes[] = {
    "p", "n", "\u00b5", "m", "", "k", "M", "G", "T",
  };
  int e3 = (int) floor (exponent_of (v) / 3.0) * 3;

  e3 = CLAMP (e3, -12, 12);
  for (;;)
    {
      double mantissa = v / scaled (1.0, e3);
      int d = decimals_for (step / scaled (1.0, e3));

      /* 999.96k rounds to 1000k: say 1M instead. */
      if (e3 < 12 && fabs (round (mantissa * scaled (1.0, d))) >= scaled (1000.0, d))
        {
          e3 += 3;
          continue;
        }
      append_fixed (out, mantissa, MIN (d, 15));
      g_string_append (out, prefixes[e3 / 3 + 4]);
      return;
    }
}

char *
fw_tick_format (double        value,
                double        step,
                FwTickFormat  format,
                char         *buf,
                gsize         size)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (buf != NULL, NULL);
  g_return_val_if_fail (size > 0, NULL);

  step = fabs (step);
  if (!isfinite (value))
    g_string_append (out, isnan (value) ? "NaN" : value > 0 ? "∞" : MINUS "∞");
  else if (value == 0.0 || (step > 0.0 && fabs (value) < step * 1e-6))
    g_string_append (out, format == FW_TICK_FORMAT_PERCENT ? "0%" : "0");
  else if (format == FW_TICK_FORMAT_PERCENT)
    {
      append_fixed (out, value * 100.0, MIN (decimals_for (step * 100.0), 15));
      g_string_append_c (out, '%');
    }
  else if (format == FW_TICK_FORMAT_SI)
    append_si (out, value, step > 0.0 ? step : fabs (value));
  /* Plain digits until they get long: a step of a million or a millionth goes scientific. */
  else if (step >= 1e6 || (step > 0.0 && step < 1e-5) || (step == 0.0 && fabs (value) >= 1e6))
    append_scientific (out, value, step > 0.0 ? step : fabs (value));
  else
    append_fixed (out, value, step > 0.0 ? decimals_for (step) : 6);

  /* Cut at a character boundary when @buf is short. */
  if (out->len >= size)
    {
      const char *end;

      g_utf8_validate (out->str, size - 1, &end);
      g_string_truncate (out, end - out->str);
    }
  memcpy (buf, out->str, out->len + 1);
  return buf;
}
