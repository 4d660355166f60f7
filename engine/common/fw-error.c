/* fw-error.c — setting a GError in one line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-error.h"

gboolean
fw_set_error (GError    **error,
              GQuark      domain,
              int         code,
              const char *format,
              ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;
  va_start (args, format);
  *error = g_error_new_valist (domain, code, format, args);
  va_end (args);
  return FALSE;
}
