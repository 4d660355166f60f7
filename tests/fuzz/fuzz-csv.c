/* fuzz-csv.c — CSV import (and the profile inspect runs on it) on arbitrary bytes
 *
 * The input is the file itself, so the seed corpus is plain CSV files.  Small limits make
 * the fuzzer reach the too-many-columns / too-long paths without megabyte inputs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-csv-import.h"
#include "fw-fuzz.h"
#include "fw-profile.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fw_fuzz_make_warnings_fatal ();
  return 0;
}

static void
import_once (const uint8_t      *data,
             size_t              size,
             const FwCsvOptions *options)
{
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwTableProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  FwCsvReport report;

  table = fw_csv_import_data ((const char *) data, (gssize) size, options, &report, &error);
  if (table == NULL)
    {
      fw_fuzz_check_error (error);
      return;
    }
  if (fw_table_n_rows (table) == 0 || fw_table_n_columns (table) == 0 ||
      fw_table_n_columns (table) > options->max_columns)
    fw_fuzz_fail ("an imported table of %" G_GSIZE_FORMAT " × %u",
             fw_table_n_rows (table), fw_table_n_columns (table));
  profile = fw_table_profile_new (table, NULL, NULL, NULL, &error);
  if (profile == NULL)
    fw_fuzz_check_error (error);
  else if (profile->n_rows != fw_table_n_rows (table))
    fw_fuzz_fail ("the profile counts another number of rows than the table");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  FwCsvOptions options;

  fw_csv_options_init (&options);
  import_once (data, size, &options);
  /* The same bytes against tight limits, forced header and a fixed delimiter. */
  options.max_columns = 8;
  options.max_field_bytes = 16;
  options.max_line_bytes = 64;
  options.header = FW_CSV_HEADER_NO;
  options.delimiter = ';';
  import_once (data, size, &options);
  return 0;
}
