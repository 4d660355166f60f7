/* bench-leaks.c — what the leak check adds to inspect: import, profile and check, timed apart
 *
 * bench-leaks FILE.csv TARGET [RUNS]: imports once, then RUNS times profiles the table and
 * checks it for leaks as inspect --target does (fw_recipe_new_suggested_checked: the
 * columns and the date features on the default split's training part), and prints one
 * line of key=value medians for bench-leaks.sh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include "fw-csv-import.h"
#include "fw-leak-check.h"
#include "fw-stats.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(FwTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = NULL;
  g_autoptr(FwRecipe) recipe = fw_recipe_new ();
  g_autofree double *profile_s = NULL;
  g_autofree double *check_s = NULL;
  double import_s;
  int runs;

  if (argc < 3)
    {
      fprintf (stderr, "usage: bench-leaks FILE.csv TARGET [RUNS]\n");
      return 2;
    }
  runs = argc > 3 ? MAX (1, atoi (argv[3])) : 5;
  profile_s = g_new (double, runs);
  check_s = g_new (double, runs);
  recipe->target = g_strdup (argv[2]);

  file = g_file_new_for_commandline_arg (argv[1]);
  timer = g_timer_new ();
  table = fw_csv_import_file (file, NULL, NULL, NULL, NULL, NULL, &error);
  import_s = g_timer_elapsed (timer, NULL);
  for (int r = 0; table != NULL && r < runs; r++)
    {
      g_autoptr(FwTableProfile) profile = NULL;
      g_autoptr(FwRecipe) suggested = NULL;
      g_autoptr(GPtrArray) features = NULL;

      g_timer_start (timer);
      profile = fw_table_profile_new (table, NULL, NULL, NULL, &error);
      profile_s[r] = g_timer_elapsed (timer, NULL);
      g_timer_start (timer);
      if (profile == NULL ||
          (suggested = fw_recipe_new_suggested_checked (table, profile, recipe, NULL, &features,
                                                        &error)) == NULL)
        break;
      check_s[r] = g_timer_elapsed (timer, NULL);
    }
  if (error != NULL)
    {
      fprintf (stderr, "bench-leaks: %s\n", error->message);
      return 1;
    }
  fw_stats_sort (profile_s, runs);
  fw_stats_sort (check_s, runs);
  printf ("import=%.4f profile=%.4f check=%.4f share_of_inspect=%.3f rows=%zu columns=%u\n",
          import_s, profile_s[runs / 2], check_s[runs / 2],
          check_s[runs / 2] / (import_s + profile_s[runs / 2]), fw_table_n_rows (table),
          fw_table_n_columns (table));
  return 0;
}
