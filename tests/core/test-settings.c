/* test-settings.c — the application's settings from the build tree's schema, in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-core-test.h"
#include "fw-settings.h"

static void
test_last_folder (void)
{
  g_autoptr(GSettings) settings = fw_settings_new ();
  g_autoptr(GFile) data = g_file_new_for_path ("/srv/data/loans.csv");
  g_autoptr(GFile) folder = g_file_new_for_path ("/srv/out");
  g_autoptr(GFile) remote = g_file_new_for_uri ("sftp://example.org/home/loans.csv");
  g_autoptr(GFile) last = NULL;

  g_assert_nonnull (settings);
  g_assert_null (fw_settings_get_last_folder (settings));

  /* A chosen file: its folder.  A chosen folder: itself. */
  fw_settings_remember_folder (settings, data, FALSE);
  last = fw_settings_get_last_folder (settings);
  g_assert_cmpstr (g_file_peek_path (last), ==, "/srv/data");
  g_clear_object (&last);
  fw_settings_remember_folder (settings, folder, TRUE);
  last = fw_settings_get_last_folder (settings);
  g_assert_cmpstr (g_file_peek_path (last), ==, "/srv/out");
  g_clear_object (&last);

  /* A file chooser cannot start in a folder that has no local path. */
  fw_settings_remember_folder (settings, remote, FALSE);
  last = fw_settings_get_last_folder (settings);
  g_assert_cmpstr (g_file_peek_path (last), ==, "/srv/out");

  /* Without the schema there are no settings, and nothing fails. */
  fw_settings_remember_folder (NULL, data, FALSE);
  g_assert_null (fw_settings_get_last_folder (NULL));
}

int
main (int   argc,
      char *argv[])
{
  fw_core_test_init (&argc, &argv);

  g_test_add_func ("/core/settings/last-folder", test_last_folder);

  return g_test_run ();
}
