/* fw-number.h — numbers in and out of text, in the C locale, fast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parses all of [@str, @str + @len) as a decimal number: optional sign, digits with an
 * optional decimal point ('.' always, ',' too when @decimal_comma), optional exponent,
 * or inf/infinity; surrounding spaces and tabs are ignored.  Correctly rounded.
 * @n_digits receives the count of significant digits written (may be NULL). */
gboolean fw_number_parse  (const char *str,
                           gsize       len,
                           gboolean    decimal_comma,
                           double     *value,
                           guint      *n_digits);

/* The shortest "%.Ng" text that reads back as the same value — as a float when @single. */
char    *fw_number_format (double      value,
                           gboolean    single,
                           char       *buf,
                           gsize       size);

/* For people to read, newly allocated: whole numbers from 1,000 up with their digits
 * grouped ("11,000": the locale's separator, or a comma where it has none), four
 * significant digits below, and an exponent only past 10^15 or under 0.0001; "—" for NaN,
 * "∞" and "−∞" for the infinities. */
char    *fw_number_to_display (double value);
/* @n with its digits grouped as above: "1,234,567". */
char    *fw_count_to_display  (guint64 n);

/* Empty, whitespace-only, NA, N/A, #N/A, NaN, null or ? (case-insensitive, trimmed). */
gboolean fw_is_missing_marker (const char *str,
                               gsize       len);

G_END_DECLS
