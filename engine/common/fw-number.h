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

/* Empty, whitespace-only, NA, N/A, #N/A, NaN, null or ? (case-insensitive, trimmed). */
gboolean fw_is_missing_marker (const char *str,
                               gsize       len);

G_END_DECLS
