/* fw-cli-text.c — text laid out for a terminal: widths in cells, not bytes
 *
 * Column names, group names and values come from people's files in any script: "35 – 48"
 * is 7 bytes wider than it looks, and a CJK name twice as wide.  Tables pad and cut by
 * what a terminal shows, never inside a character.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-cli.h"

guint
fw_cli_display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_iszerowidth (c))
        width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

/* A single line at most @max cells wide: control characters become spaces, and what does
 * not fit is cut at a character boundary and marked with "…". */
char *
fw_cli_fit (const char *text,
            guint       max)
{
  GString *out = g_string_new (NULL);
  guint width = 0;
  gboolean cut = fw_cli_display_width (text) > max;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint w = g_unichar_iszerowidth (c) ? 0 : g_unichar_iswide (c) ? 2 : 1;

      if (cut && width + w > max - 1)
        break;
      width += w;
      if (g_unichar_iscntrl (c))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  if (cut)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

void
fw_cli_append_padded (GString    *out,
                      const char *text,
                      guint       width,
                      gboolean    right)
{
  guint w = fw_cli_display_width (text);

  if (right)
    for (; w < width; w++)
      g_string_append_c (out, ' ');
  g_string_append (out, text);
  if (!right)
    for (; w < width; w++)
      g_string_append_c (out, ' ');
}
