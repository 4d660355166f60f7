/* bench-import.c — Fairway's side of the import benchmark: import + profile of one CSV
 *
 * Prints one line of key=value pairs for bench-import.sh: seconds (import + profile, wall
 * clock), the peak resident set size and the bytes the table holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <sys/resource.h>
#include "fw-csv-import.h"
#include "fw-profile.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwTableProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = NULL;
  struct rusage usage;
  double seconds;

  if (argc != 2)
    {
      fprintf (stderr, "usage: bench-import FILE.csv\n");
      return 2;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  timer = g_timer_new ();
  table = fw_csv_import_file (file, NULL, NULL, NULL, NULL, NULL, &error);
  if (table != NULL)
    profile = fw_table_profile_new (table, NULL, NULL, NULL, &error);
  if (profile == NULL)
    {
      fprintf (stderr, "bench-import: %s\n", error->message);
      return 1;
    }
  seconds = g_timer_elapsed (timer, NULL);
  getrusage (RUSAGE_SELF, &usage);

  /* ru_maxrss is in KiB on Linux. */
  printf ("seconds=%.4f peak_rss_kib=%ld table_bytes=%zu rows=%zu columns=%u\n",
          seconds, usage.ru_maxrss, fw_table_memory_size (table), fw_table_n_rows (table),
          fw_table_n_columns (table));
  return 0;
}
