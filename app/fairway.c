/* fairway.c — the desktop application's entry point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include "fw-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FwApplication) application = NULL;
  /* An uninstalled build (`meson devenv`, tools/dev.sh run, the tests) reads the build
   * tree's catalogues: po/meson.build sets this. */
  const char *localedir = g_getenv ("FAIRWAY_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* Shown by the shell and the About window: "Fairway", not the binary's "fairway". */
  g_set_application_name (_("Fairway"));

  application = fw_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
