/* test-csv-encoding.c — files that are not UTF-8, and rows with fields past the header's
 *
 * Every input is written byte by byte; what it must read as is spelled out in UTF-8.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>
#include "fw-csv-import.h"

/* Literal inputs: their length is known at compile time. */
#define LEN(literal) (sizeof literal - 1)

static const char *
cell (FwTable *table, guint column, gsize row)
{
  return fw_column_get_string (fw_table_column (table, column), row);
}

static FwTable *
import_as (const char  *text,
           gsize        len,
           const char  *encoding,
           FwCsvReport *report,
           GError     **error)
{
  FwCsvOptions options;

  fw_csv_options_init (&options);
  options.encoding = encoding;
  return fw_csv_import_data (text, len, &options, report, error);
}

/* "café" and curly quotes, as Windows-1252 writes them: é is 0xE9, “ ” are 0x93 0x94. */
static const char cp1252[] = "name,quote\nok,plain\ncaf\xe9,\x93hi\x94\n";

static void
test_windows_1252 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTable) table = NULL;
  FwCsvReport report = { 0 };

  g_assert_null (import_as (cp1252, LEN (cp1252), NULL, &report, &error));
  g_assert_error (error, FW_CSV_ERROR, FW_CSV_ERROR_NOT_UTF8);
  g_assert_cmpstr (error->message, ==,
                   "This file is not UTF-8; it looks like Windows-1252 (Western European). "
                   "Line 3 has “caf\xc3\xa9” written in that encoding.");
  g_assert_cmpstr (report.guessed_encoding, ==, "WINDOWS-1252");
  g_assert_cmpuint (report.guessed_line, ==, 3);
  g_assert_cmpstr (report.guessed_text, ==, "caf\xc3\xa9");
  g_clear_error (&error);

  /* Read again as the guess: the same characters, in UTF-8. */
  table = import_as (cp1252, LEN (cp1252), report.guessed_encoding, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fw_table_n_rows (table), ==, 2);
  g_assert_cmpstr (cell (table, 0, 1), ==, "caf\xc3\xa9");
  g_assert_cmpstr (cell (table, 1, 1), ==, "\xe2\x80\x9chi\xe2\x80\x9d");
  g_assert_cmpstr (report.encoding, ==, "WINDOWS-1252");
  g_assert_null (report.guessed_encoding);
}

static void
test_latin1 (void)
{
  static const char latin1[] = "name,x\nok,1\ncaf\xe9,2\n";
  /* 0x81 is no character in Windows-1252, so 0x80–0x9F do not make this Windows-1252. */
  static const char c1[] = "a,b\nx\x81,caf\xe9\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTable) table = NULL;
  FwCsvReport report = { 0 };

  g_assert_null (import_as (latin1, LEN (latin1), NULL, &report, &error));
  g_assert_error (error, FW_CSV_ERROR, FW_CSV_ERROR_NOT_UTF8);
  g_assert_nonnull (strstr (error->message, "ISO-8859-1 (Latin-1, Western European)"));
  g_assert_cmpstr (report.guessed_encoding, ==, "ISO-8859-1");
  g_assert_cmpuint (report.guessed_line, ==, 3);
  g_assert_cmpstr (report.guessed_text, ==, "caf\xc3\xa9");
  g_clear_error (&error);

  g_assert_null (import_as (c1, LEN (c1), NULL, &report, &error));
  g_assert_error (error, FW_CSV_ERROR, FW_CSV_ERROR_NOT_UTF8);
  g_assert_cmpstr (report.guessed_encoding, ==, "ISO-8859-1");
  g_assert_cmpuint (report.guessed_line, ==, 2);
  g_clear_error (&error);

  table = import_as (latin1, LEN (latin1), "ISO-8859-1", &report, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cell (table, 0, 1), ==, "caf\xc3\xa9");
  g_assert_cmpstr (report.encoding, ==, "ISO-8859-1");
}

/* A long value is shown cut, at a character boundary, ending in "…". */
static void
test_long_excerpt (void)
{
  g_autoptr(GString) text = g_string_new ("name\n");
  g_autoptr(GError) error = NULL;
  FwCsvReport report = { 0 };

  for (guint i = 0; i < 300; i++)
    g_string_append_c (text, (char) 0xE9);
  g_string_append_c (text, '\n');
  g_assert_null (import_as (text->str, text->len, NULL, &report, &error));
  g_assert_error (error, FW_CSV_ERROR, FW_CSV_ERROR_NOT_UTF8);
  /* 64 “é” of two bytes each fill the 128 bytes shown. */
  g_assert_true (g_utf8_validate (report.guessed_text, -1, NULL));
  g_assert_true (g_str_has_suffix (report.guessed_text, "…"));
  g_assert_cmpuint (g_utf8_strlen (report.guessed_text, -1), ==, 64 + 1);
}

static void
test_header_not_utf8 (void)
{
  static const char text[] = "na\xefve,x\n1,2\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTable) table = NULL;
  FwCsvReport report = { 0 };

  g_assert_null (import_as (text, LEN (text), NULL, &report, &error));
  g_assert_error (error, FW_CSV_ERROR, FW_CSV_ERROR_NOT_UTF8);
  g_assert_cmpuint (report.guessed_line, ==, 1);
  g_assert_cmpstr (report.guessed_text, ==, "na\xc3\xafve");
  g_clear_error (&error);

  table = import_as (text, LEN (text), "ISO-8859-1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fw_table_column (table, 0)->name, ==, "na\xc3\xafve");
}

static void
test_damaged_utf8 (void)
{
  /* Mostly UTF-8 with one stray byte: damaged UTF-8, not a single-byte encoding. */
  static const char text[] = "name\ncaf\xc3\xa9\nna\xc3\xafve\n\xc3\xa9t\xc3\xa9\nbad\xff\n";
  g_autoptr(GError) error = NULL;

  g_assert_null (import_as (text, LEN (text), NULL, NULL, &error));
  g_assert_error (error, FW_CSV_ERROR, FW_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "Line 5"));
}

static void
test_bad_encodings (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (import_as ("a\n1\n", 4, "NOPE-42", NULL, &error));
  g_assert_error (error, FW_CSV_ERROR, FW_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "“NOPE-42”"));
  g_clear_error (&error);

  /* 0x81 has no character in Windows-1252. */
  g_assert_null (import_as ("a\n\x81\n", 4, "WINDOWS-1252", NULL, &error));
  g_assert_error (error, FW_CSV_ERROR, FW_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "not Windows-1252"));
  g_clear_error (&error);

  /* Named UTF-8 is the default reading. */
  {
    g_autoptr(FwTable) table = import_as ("a\nx\n", 4, "utf-8", NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (cell (table, 0, 0), ==, "x");
  }
}

/* From a real file, which the converter reads through a seek back to its start. */
static void
test_file_with_encoding (void)
{
  /* UTF-16LE without a byte-order mark, and Windows-1252, named by the caller. */
  static const char utf16[] = "n\0a\0m\0e\0\n\0" "c\0a\0f\0\xe9\0\n\0";
  g_autofree char *dir = g_dir_make_tmp ("fw-csv-enc-XXXXXX", NULL);
  g_autofree char *path16 = g_build_filename (dir, "u16.csv", NULL);
  g_autofree char *path1252 = g_build_filename (dir, "w.csv", NULL);
  g_autoptr(GFile) file16 = g_file_new_for_path (path16);
  g_autoptr(GFile) file1252 = g_file_new_for_path (path1252);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTable) t16 = NULL;
  g_autoptr(FwTable) t1252 = NULL;
  FwCsvOptions options;
  FwCsvReport report = { 0 };

  g_assert_true (g_file_set_contents (path16, utf16, LEN (utf16), NULL));
  g_assert_true (g_file_set_contents (path1252, cp1252, LEN (cp1252), NULL));
  fw_csv_options_init (&options);
  options.header = FW_CSV_HEADER_YES;

  options.encoding = "UTF-16LE";
  t16 = fw_csv_import_file (file16, &options, &report, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cell (t16, 0, 0), ==, "caf\xc3\xa9");
  g_assert_cmpstr (report.encoding, ==, "UTF-16LE");

  options.encoding = "WINDOWS-1252";
  t1252 = fw_csv_import_file (file1252, &options, &report, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cell (t1252, 0, 1), ==, "caf\xc3\xa9");

  g_unlink (path16);
  g_unlink (path1252);
  g_rmdir (dir);
}

static void
test_padded_rows (void)
{
  /* Rows 2 and 4 end in empty fields (one of them a space); line 3 is a quoted newline. */
  static const char text[] = "a,b,c\n\"x\ny\",2,3,,\n4,5,6\n7,8,9, \n";
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTable) table = NULL;
  g_autofree char *said = NULL;
  FwCsvReport report = { 0 };

  table = import_as (text, LEN (text), NULL, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fw_table_n_columns (table), ==, 3);
  g_assert_cmpuint (fw_table_n_rows (table), ==, 3);
  g_assert_cmpfloat (fw_column_get_number (fw_table_column (table, 2), 2), ==, 9.0);
  g_assert_cmpuint (report.n_padded_rows, ==, 2);
  g_assert_cmpuint (report.padded_line, ==, 2);
  g_assert_cmpuint (report.padded_fields, ==, 5);
  g_assert_cmpuint (report.n_columns, ==, 3);
  said = fw_csv_report_describe_padded (&report);
  g_assert_cmpstr (said, ==,
                   "Line 2 has 5 fields for 3 columns; the extra fields are empty and were left "
                   "out. 1 more row ends in empty fields too.");
}

static void
test_no_padding_no_note (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTable) table = NULL;
  FwCsvReport report = { 0 };

  table = import_as ("a,b\n1,2\n", 8, NULL, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_padded_rows, ==, 0);
  g_assert_null (fw_csv_report_describe_padded (&report));
}

static void
assert_ragged (const char *text,
               const char *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (import_as (text, strlen (text), NULL, NULL, &error));
  g_assert_error (error, FW_CSV_ERROR, FW_CSV_ERROR_RAGGED);
  if (!g_str_has_prefix (error->message, message))
    g_error ("“%s” does not start with “%s”", error->message, message);
}

static void
test_extra_values (void)
{
  /* A value past the last column is an error however the other extra fields look. */
  assert_ragged ("a,b,c\n1,2,3\n4,5,6,,x\n", "Line 3 has 5 fields but the first line has 3.");
  /* A missing-value marker is a value too. */
  assert_ragged ("a,b\n1,2,NA\n", "Line 2 has 3 fields but the first line has 2.");
  assert_ragged ("a\n1\n2,\"\",0\n", "Line 3 has 3 fields but the first line has 1.");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/csv-encoding/windows-1252", test_windows_1252);
  g_test_add_func ("/engine/csv-encoding/latin1", test_latin1);
  g_test_add_func ("/engine/csv-encoding/header-not-utf8", test_header_not_utf8);
  g_test_add_func ("/engine/csv-encoding/long-excerpt", test_long_excerpt);
  g_test_add_func ("/engine/csv-encoding/damaged-utf8", test_damaged_utf8);
  g_test_add_func ("/engine/csv-encoding/bad-encodings", test_bad_encodings);
  g_test_add_func ("/engine/csv-encoding/file-with-encoding", test_file_with_encoding);
  g_test_add_func ("/engine/csv-encoding/padded-rows", test_padded_rows);
  g_test_add_func ("/engine/csv-encoding/no-padding-no-note", test_no_padding_no_note);
  g_test_add_func ("/engine/csv-encoding/extra-values", test_extra_values);
  return g_test_run ();
}
