/* fuzz-csv.c — CSV import (and the profile inspect runs on it) on arbitrary bytes
 *
 * The input is the file itself, so the seed corpus is plain CSV files, in UTF-8, UTF-16,
 * Windows-1252 and ISO-8859-1.  A file refused as not UTF-8 is read again in the guess.
 * Small limits make the fuzzer reach the too-many-columns / too-long paths without
 * megabyte inputs; a last pass reads the bytes in an encoding a user may name.
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
  if (table == NULL && g_error_matches (error, FW_CSV_ERROR, FW_CSV_ERROR_NOT_UTF8))
    {
      FwCsvOptions as_guessed = *options;

      /* A refusal that guesses an encoding names one, and reading in it is never refused
       * for not being UTF-8 again. */
      if (report.guessed_encoding == NULL || report.guessed_line == 0 ||
          !g_utf8_validate (report.guessed_text, -1, NULL))
        fw_fuzz_fail ("a not-UTF-8 refusal without its guess");
      if (options->encoding != NULL)
        return;
      as_guessed.encoding = report.guessed_encoding;
      import_once (data, size, &as_guessed);
      return;
    }
  if (table == NULL)
    {
      fw_fuzz_check_error (error);
      return;
    }
  if (report.n_padded_rows > 0 &&
      (report.padded_fields <= report.n_columns || report.padded_line == 0))
    fw_fuzz_fail ("padded rows reported with %u fields for %u columns",
                  report.padded_fields, report.n_columns);
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
  /* And read in an encoding a user may name, chosen by the first byte. */
  if (size > 0)
    {
      static const char *const encodings[] = { "WINDOWS-1252", "ISO-8859-1", "UTF-16LE",
                                               "UTF-16BE" };

      fw_csv_options_init (&options);
      options.encoding = encodings[data[0] % G_N_ELEMENTS (encodings)];
      import_once (data, size, &options);
    }
  return 0;
}
