/* test-csv.c — CSV import, case by case, against values written by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include "fw-csv-import.h"

static FwTable *
import_ok (const char  *text,
           FwCsvReport *report)
{
  g_autoptr(GError) error = NULL;
  FwTable *table = fw_csv_import_data (text, strlen (text), NULL, report, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

static void
assert_import_fails (const char *text,
                     gsize       len,
                     FwCsvError  code,
                     const char *fragment)
{
  g_autoptr(GError) error = NULL;
  FwTable *table = fw_csv_import_data (text, len, NULL, NULL, &error);

  g_assert_null (table);
  g_assert_error (error, FW_CSV_ERROR, (int) code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, fragment);
}

/* Literal inputs: their length is known at compile time, NULs included. */
#define FAILS(literal, code, fragment) \
  assert_import_fails (literal, sizeof literal - 1, code, fragment)

static const char *
cell (FwTable *table, guint column, gsize row)
{
  return fw_column_get_string (fw_table_column (table, column), row);
}

static double
number (FwTable *table, guint column, gsize row)
{
  return fw_column_get_number (fw_table_column (table, column), row);
}

static void
test_basic (void)
{
  FwCsvReport report;
  g_autoptr(FwTable) t = import_ok ("name,age,score\nalice,30,1.5\nbob,41,-2e3\n", &report);

  g_assert_cmpuint (fw_table_n_rows (t), ==, 2);
  g_assert_cmpuint (fw_table_n_columns (t), ==, 3);
  g_assert_cmpstr (fw_table_column (t, 0)->name, ==, "name");
  g_assert_cmpstr (cell (t, 0, 1), ==, "bob");
  g_assert_cmpfloat (number (t, 1, 0), ==, 30.0);
  g_assert_cmpfloat (number (t, 2, 1), ==, -2000.0);
  g_assert_cmpint (report.delimiter, ==, ',');
  g_assert_true (report.has_header);
  g_assert_false (report.decimal_comma);
  g_assert_cmpuint (report.n_lines, ==, 3);
}

static void
test_semicolon_decimal_comma (void)
{
  FwCsvReport report;
  g_autoptr(FwTable) t = import_ok ("Preis;Menge;Ort\n1,5;3;Köln\n2,25;4;Bonn\n-0,125;5;Kiel\n",
                                    &report);

  g_assert_cmpint (report.delimiter, ==, ';');
  g_assert_true (report.decimal_comma);
  g_assert_cmpuint (fw_table_n_columns (t), ==, 3);
  g_assert_cmpfloat (number (t, 0, 0), ==, 1.5);
  g_assert_cmpfloat (number (t, 0, 1), ==, 2.25);
  g_assert_cmpfloat (number (t, 0, 2), ==, -0.125);
  g_assert_cmpstr (cell (t, 2, 0), ==, "Köln");
}

static void
test_tab_and_pipe (void)
{
  FwCsvReport report;
  g_autoptr(FwTable) tab = import_ok ("a\tb c\n1\tx y\n2\t z\n", &report);
  g_autoptr(FwTable) pipe = NULL;

  g_assert_cmpint (report.delimiter, ==, '\t');
  g_assert_cmpuint (fw_table_n_columns (tab), ==, 2);
  g_assert_cmpstr (fw_table_column (tab, 1)->name, ==, "b c");
  g_assert_cmpstr (cell (tab, 1, 0), ==, "x y");
  /* An unquoted leading space is trimmed, as libcsv does for every delimiter. */
  g_assert_cmpstr (cell (tab, 1, 1), ==, "z");

  pipe = import_ok ("a|b\n1|2\n3|4\n", &report);
  g_assert_cmpint (report.delimiter, ==, '|');
  g_assert_cmpfloat (number (pipe, 1, 1), ==, 4.0);
}

static void
test_quoted (void)
{
  g_autoptr(FwTable) t = import_ok ("id,comment,n\n"
                                    "1,\"a, b\",5\n"
                                    "2,\"line one\nline two\",6\n"
                                    "3,\"she said \"\"hi\"\"\",7\n"
                                    "4,\"\",8\n", NULL);

  g_assert_cmpuint (fw_table_n_rows (t), ==, 4);
  g_assert_cmpstr (cell (t, 1, 0), ==, "a, b");
  g_assert_cmpstr (cell (t, 1, 1), ==, "line one\nline two");
  g_assert_cmpstr (cell (t, 1, 2), ==, "she said \"hi\"");
  g_assert_true (fw_column_is_missing (fw_table_column (t, 1), 3));
  g_assert_cmpfloat (number (t, 2, 3), ==, 8.0);
}

static void
test_crlf_and_bom (void)
{
  FwCsvReport report;
  g_autoptr(FwTable) t = import_ok ("\xEF\xBB\xBF" "city,pop\r\nOslo,709\r\n\"Bergen\r\nWest\",285\r\n",
                                    &report);

  g_assert_cmpstr (fw_table_column (t, 0)->name, ==, "city");
  g_assert_cmpuint (fw_table_n_rows (t), ==, 2);
  g_assert_cmpstr (cell (t, 0, 0), ==, "Oslo");
  g_assert_cmpstr (cell (t, 0, 1), ==, "Bergen\r\nWest");
  g_assert_cmpfloat (number (t, 1, 1), ==, 285.0);
  g_assert_cmpuint (report.n_lines, ==, 4);
}

static void
test_missing_markers (void)
{
  /* Every missing marker (docs/file-formats.md), in the numeric and in the text column. */
  static const char *const markers[] = { "", "NA", "N/A", "NaN", "null", "?", "   ", "na", "NULL",
                                         "#N/A", "nan" };
  g_autoptr(GString) text = g_string_new ("x,label\n1,a\n");
  g_autoptr(FwTable) t = NULL;
  FwColumn *x, *label;

  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    g_string_append_printf (text, "%s,%s\n", markers[i], markers[i]);
  g_string_append (text, "2,b\n");
  t = import_ok (text->str, NULL);
  x = fw_table_column (t, 0);
  label = fw_table_column (t, 1);

  g_assert_cmpuint (fw_table_n_rows (t), ==, G_N_ELEMENTS (markers) + 2);
  g_assert_cmpint (x->storage, !=, FW_STORAGE_CODES);
  g_assert_cmpuint (x->n_missing, ==, G_N_ELEMENTS (markers));
  g_assert_cmpuint (label->n_missing, ==, G_N_ELEMENTS (markers));
  g_assert_true (isnan (number (t, 0, 3)));
  g_assert_cmpfloat (number (t, 0, G_N_ELEMENTS (markers) + 1), ==, 2.0);
  /* "none" is a real answer ("other debtors: none"), not a missing marker. */
  {
    g_autoptr(FwTable) none = import_ok ("debtors\nnone\nguarantor\n", NULL);
    g_assert_cmpuint (fw_table_column (none, 0)->n_missing, ==, 0);
  }
}

static void
test_header_detection (void)
{
  FwCsvReport report;
  g_autoptr(FwTable) numbers = import_ok ("1,2,3\n4,5,6\n", &report);
  g_autoptr(FwTable) text = NULL;
  g_autoptr(FwTable) repeated = NULL;

  g_assert_false (report.has_header);
  g_assert_cmpuint (fw_table_n_rows (numbers), ==, 2);
  g_assert_cmpstr (fw_table_column (numbers, 2)->name, ==, "column_3");
  g_assert_cmpfloat (number (numbers, 0, 0), ==, 1.0);

  text = import_ok ("colour,size\nred,small\nblue,large\n", &report);
  g_assert_true (report.has_header);
  g_assert_cmpuint (fw_table_n_rows (text), ==, 2);

  /* A first row whose values reappear below is data, not names. */
  repeated = import_ok ("red,small\nblue,large\nred,large\n", &report);
  g_assert_false (report.has_header);
  g_assert_cmpuint (fw_table_n_rows (repeated), ==, 3);
  g_assert_cmpstr (cell (repeated, 0, 0), ==, "red");
}

static void
test_forced_options (void)
{
  FwCsvOptions options;
  FwCsvReport report;
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTable) t = NULL;

  fw_csv_options_init (&options);
  options.header = FW_CSV_HEADER_NO;
  options.delimiter = ';';
  t = fw_csv_import_data ("a;b\nc;d\n", -1, &options, &report, &error);
  g_assert_no_error (error);
  g_assert_false (report.has_header);
  g_assert_cmpint (report.delimiter, ==, ';');
  g_assert_cmpuint (fw_table_n_rows (t), ==, 2);
  g_assert_cmpstr (cell (t, 1, 0), ==, "b");
}

static void
test_names (void)
{
  FwCsvReport report;
  g_autoptr(FwTable) t = import_ok ("a,,a,a, b \n1,2,3,4,5\n", &report);
  g_autofree char *said = fw_csv_report_describe_renamed (&report);

  g_assert_cmpstr (fw_table_column (t, 0)->name, ==, "a");
  g_assert_cmpstr (fw_table_column (t, 1)->name, ==, "column_2");
  g_assert_cmpstr (fw_table_column (t, 2)->name, ==, "a_2");
  g_assert_cmpstr (fw_table_column (t, 3)->name, ==, "a_3");
  g_assert_cmpstr (fw_table_column (t, 4)->name, ==, "b");
  /* The two copies of "a" are said; the empty name given a number is not a repeat. */
  g_assert_cmpuint (report.n_renamed, ==, 2);
  g_assert_cmpstr (report.renamed_from, ==, "a");
  g_assert_cmpstr (report.renamed_to, ==, "a_2");
  g_assert_cmpstr (said, ==, "Two columns are both named “a”; the second is shown as “a_2”. "
                   "1 more repeated name has a number added too.");

  {
    g_autoptr(FwTable) plain = import_ok ("a,b\n1,2\n", &report);

    g_assert_cmpuint (report.n_renamed, ==, 0);
    g_assert_null (fw_csv_report_describe_renamed (&report));
  }
}

static void
test_kinds (void)
{
  g_autoptr(GString) text = g_string_new ("row_id,amount,member,flag,colour,note,day\n");
  g_autoptr(FwTable) t = NULL;

  for (int i = 0; i < 12; i++)
    g_string_append_printf (text, "R%03d,%d.5,%s,%d,%s,\"%s number %d, written at length\",2024-03-%02d\n",
                            i, i * 7 % 5, i % 3 ? "yes" : "no", i % 2,
                            i % 2 ? "red" : "blue", "A longer free-text remark", i, i + 1);
  t = import_ok (text->str, NULL);

  g_assert_cmpint (fw_table_column (t, 0)->kind, ==, FW_KIND_IDENTIFIER);
  g_assert_cmpint (fw_table_column (t, 1)->kind, ==, FW_KIND_NUMERIC);
  g_assert_cmpint (fw_table_column (t, 2)->kind, ==, FW_KIND_BOOLEAN);
  g_assert_cmpint (fw_table_column (t, 3)->kind, ==, FW_KIND_BOOLEAN);
  g_assert_cmpint (fw_table_column (t, 3)->storage, ==, FW_STORAGE_FLOAT32);
  g_assert_cmpint (fw_table_column (t, 4)->kind, ==, FW_KIND_CATEGORICAL);
  g_assert_cmpint (fw_table_column (t, 5)->kind, ==, FW_KIND_TEXT);
  g_assert_cmpint (fw_table_column (t, 6)->kind, ==, FW_KIND_DATETIME);
}

static void
test_storage_changes (void)
{
  g_autoptr(FwTable) t = import_ok ("precise,mixed,big\n"
                                    "0.5,1,1\n"
                                    "123456789.125,2.50,16777217\n"
                                    "3,abc,3\n", NULL);
  FwColumn *precise = fw_table_column (t, 0), *mixed = fw_table_column (t, 1);

  /* 123456789.125 has 12 significant digits: float32 would change it. */
  g_assert_cmpint (precise->storage, ==, FW_STORAGE_FLOAT64);
  g_assert_cmpfloat (number (t, 0, 1), ==, 123456789.125);
  g_assert_cmpfloat (number (t, 0, 0), ==, 0.5);
  /* 2^24 + 1 is not a float32. */
  g_assert_cmpint (fw_table_column (t, 2)->storage, ==, FW_STORAGE_FLOAT64);
  g_assert_cmpfloat (number (t, 2, 1), ==, 16777217.0);

  /* Numbers read before the first word are written back as their shortest text. */
  g_assert_cmpint (mixed->storage, ==, FW_STORAGE_CODES);
  g_assert_cmpstr (cell (t, 1, 0), ==, "1");
  g_assert_cmpstr (cell (t, 1, 1), ==, "2.5");
  g_assert_cmpstr (cell (t, 1, 2), ==, "abc");
}

static void
test_blank_lines (void)
{
  g_autoptr(FwTable) t = import_ok ("a,b\n\n1,2\n\n\n3,4\n\n", NULL);

  g_assert_cmpuint (fw_table_n_rows (t), ==, 2);
  g_assert_cmpfloat (number (t, 1, 1), ==, 4.0);
}

static void
test_trailing_delimiter (void)
{
  g_autoptr(FwTable) t = import_ok ("a,b\n1,2,\n3,4,\n", NULL);

  g_assert_cmpuint (fw_table_n_columns (t), ==, 2);
  g_assert_cmpuint (fw_table_n_rows (t), ==, 2);
}

static void
test_errors (void)
{
  static const char junk[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0";

  FAILS ("", FW_CSV_ERROR_EMPTY, "empty");
  FAILS ("\n\n\r\n", FW_CSV_ERROR_EMPTY, "empty");
  FAILS ("a,b,c\n", FW_CSV_ERROR_NO_ROWS, "no rows");
  FAILS ("a,b\n1,\"open\n2,3\n", FW_CSV_ERROR_UNTERMINATED_QUOTE, "line 2");
  FAILS ("name,age\nAlice,34\n\"Bob,27\nCarol,5\n", FW_CSV_ERROR_UNTERMINATED_QUOTE, "line 3");
  FAILS ("a,b,c\n1,2,3\n4,5\n6,7,8\n", FW_CSV_ERROR_RAGGED, "Line 3 has 2 fields");
  FAILS ("a,b\n\"x\ny\",1\n1,2,3\n", FW_CSV_ERROR_RAGGED, "Line 4 has 3 fields");
  FAILS (junk, FW_CSV_ERROR_BINARY, "NUL");
  FAILS ("name,x\nok,1\ncaf\xe9,2\n", FW_CSV_ERROR_NOT_UTF8, "Line 3");
  FAILS ("na\xff" "me,x\nok,1\n", FW_CSV_ERROR_NOT_UTF8, "Line 1");
}

static void
test_too_many_columns (void)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint r = 0; r < 2; r++)
    {
      for (guint j = 0; j < 10000; j++)
        g_string_append_printf (text, j ? ",c%u" : "c%u", j);
      g_string_append_c (text, '\n');
    }
  assert_import_fails (text->str, text->len, FW_CSV_ERROR_TOO_MANY_COLUMNS, "4096");
}

static void
test_long_line (void)
{
  gsize len = 10 * 1024 * 1024;
  g_autofree char *text = g_malloc (len);

  memcpy (text, "a,b\n1,", 6);
  memset (text + 6, 'x', len - 7);
  text[len - 1] = '\n';
  assert_import_fails (text, len, FW_CSV_ERROR_LINE_TOO_LONG, "Line 2");

  /* The same inside an unterminated quote spanning many lines. */
  for (gsize i = 7; i < len - 1; i += 80)
    text[i] = '\n';
  text[6] = '"';
  assert_import_fails (text, len, FW_CSV_ERROR_LINE_TOO_LONG, "starting on line 2");
}

static void
test_field_limit (void)
{
  FwCsvOptions options;
  g_autoptr(GError) error = NULL;
  FwTable *t;

  fw_csv_options_init (&options);
  options.max_field_bytes = 8;
  t = fw_csv_import_data ("a,b\n1,short\n2,much too long\n", -1, &options, NULL, &error);
  g_assert_null (t);
  g_assert_error (error, FW_CSV_ERROR, FW_CSV_ERROR_FIELD_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "Line 3"));
}

/* Many chunks: values checked against closed-form sums. */
static void
record_progress (double fraction, gpointer user_data)
{
  GArray *seen = user_data;

  g_assert_cmpfloat (fraction, >=, 0.0);
  g_assert_cmpfloat (fraction, <=, 1.0);
  if (seen->len > 0)
    g_assert_cmpfloat (fraction, >=, g_array_index (seen, double, seen->len - 1));
  g_array_append_val (seen, fraction);
}

static char *
write_large_file (guint n)
{
  g_autoptr(GString) text = g_string_new ("i,half,group\n");
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("fairway-test-XXXXXX.csv", &path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%u,%u.5,g%u\n", i, i, i % 7);
  g_assert_true (g_file_set_contents (path, text->str, text->len, &error));
  g_assert_no_error (error);
  close (fd);
  return path;
}

static void
test_large_file (void)
{
  const guint n = 200000;
  g_autofree char *path = write_large_file (n);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gsize before_len, after_len;
  g_autoptr(FwTable) t = NULL;
  double sum_i = 0, sum_half = 0;
  GStatBuf st_before, st_after;

  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  g_assert_cmpint (g_stat (path, &st_before), ==, 0);
  t = fw_csv_import_file (file, NULL, NULL, record_progress, seen, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fw_table_n_rows (t), ==, n);
  for (gsize r = 0; r < n; r++)
    {
      sum_i += number (t, 0, r);
      sum_half += number (t, 1, r);
    }
  /* Σ i = n(n−1)/2 and Σ (i + 0.5) = that + n/2: exact in double at this size. */
  g_assert_cmpfloat (sum_i, ==, (double) n * (n - 1) / 2);
  g_assert_cmpfloat (sum_half, ==, (double) n * (n - 1) / 2 + n / 2.0);
  /* 199999 = 7 × 28571 + 2 */
  g_assert_cmpstr (cell (t, 2, n - 1), ==, "g2");
  g_assert_cmpuint (fw_dictionary_size (fw_table_column (t, 2)->dict), ==, 7);
  g_assert_cmpuint (seen->len, >=, 2);
  g_assert_cmpfloat (g_array_index (seen, double, seen->len - 1), ==, 1.0);

  /* The source is read, never written. */
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpuint (before_len, ==, after_len);
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_cmpint (g_stat (path, &st_after), ==, 0);
  g_assert_cmpint (st_before.st_mtime, ==, st_after.st_mtime);
  g_unlink (path);
}

static void
test_cancel (void)
{
  g_autofree char *path = write_large_file (200000);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  FwTable *t;

  g_cancellable_cancel (cancellable);
  t = fw_csv_import_file (file, NULL, NULL, NULL, NULL, cancellable, &error);
  g_assert_null (t);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_unlink (path);
}

static void
cancel_halfway (double fraction, gpointer user_data)
{
  if (fraction > 0.3)
    g_cancellable_cancel (user_data);
}

static void
test_cancel_midway (void)
{
  g_autofree char *path = write_large_file (400000);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  FwTable *t;

  t = fw_csv_import_file (file, NULL, NULL, cancel_halfway, cancellable, cancellable, &error);
  g_assert_null (t);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_unlink (path);
}

static void
test_missing_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/fairway/data.csv");
  g_autoptr(GError) error = NULL;

  g_assert_null (fw_csv_import_file (file, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* Short inputs drawn from the characters that matter to a CSV parser: each must give a
 * consistent table or an error from the CSV domain — never a crash (run under ASan in CI). */
static void
test_random_inputs (void)
{
  static const char alphabet[] = ",;|\t\"\n\r a1.5-eNA?\xc3\xa9\xff";
  GRand *rand = g_rand_new_with_seed (7);
  guint ok = 0, failed = 0;

  for (guint i = 0; i < 3000; i++)
    {
      char text[256];
      /* Half of them short, where whole valid tables are likely. */
      gsize len = g_rand_int_range (rand, 0, i % 2 ? 24 : sizeof text);
      g_autoptr(GError) error = NULL;
      g_autoptr(FwTable) t = NULL;

      for (gsize k = 0; k < len; k++)
        text[k] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      t = fw_csv_import_data (text, len, NULL, NULL, &error);
      if (t == NULL)
        {
          g_assert_nonnull (error);
          g_assert_true (error->domain == FW_CSV_ERROR);
          failed++;
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpuint (fw_table_n_columns (t), >, 0);
      for (guint j = 0; j < fw_table_n_columns (t); j++)
        {
          FwColumn *column = fw_table_column (t, j);
          char buf[32];

          g_assert_cmpuint (column->n_rows, ==, fw_table_n_rows (t));
          g_assert_cmpuint (column->n_missing, <=, column->n_rows);
          g_assert_true (g_utf8_validate (column->name, -1, NULL));
          for (gsize r = 0; r < column->n_rows; r++)
            g_assert_true (g_utf8_validate (fw_column_format_cell (column, r, buf, sizeof buf), -1, NULL));
        }
      ok++;
    }
  /* Both outcomes must actually occur, or the alphabet is not testing anything. */
  g_assert_cmpuint (ok, >, 20);
  g_assert_cmpuint (failed, >, 20);
  g_rand_free (rand);
}

/* A 100 KB name is cut at a character boundary and marked; two such names stay apart. */
static void
test_long_names (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(FwTable) table = NULL;
  FwCsvReport report;
  const char *name;

  for (guint i = 0; i < 2; i++)
    {
      /* "é" is two bytes: the 256th byte falls inside one. */
      g_string_append_c (text, 'x');
      for (guint k = 0; k < 50 * 1024; k++)
        g_string_append (text, "é");
      g_string_append_c (text, i == 0 ? ',' : '\n');
    }
  g_string_append (text, "1,2\n");
  table = import_ok (text->str, &report);
  g_assert_cmpuint (fw_table_n_columns (table), ==, 2);
  name = fw_table_column (table, 0)->name;
  g_assert_true (g_utf8_validate (name, -1, NULL));
  g_assert_true (g_str_has_suffix (name, "…"));
  /* 'x' then 127 "é" (255 bytes); the next "é" would pass 256. */
  g_assert_cmpuint (strlen (name), ==, 255 + strlen ("…"));
  {
    g_autofree char *second = g_strconcat (name, "_2", NULL);

    g_assert_cmpstr (fw_table_column (table, 1)->name, ==, second);
    /* The report holds the longest names whole. */
    g_assert_cmpstr (report.renamed_from, ==, name);
    g_assert_cmpstr (report.renamed_to, ==, second);
  }
}

/* A right-to-left override cannot make a name display as another: it becomes U+FFFD;
 * a right-to-left mark, which only nudges neutral characters, stays. */
static void
test_direction_controls_in_names (void)
{
  g_autoptr(FwTable) table = import_ok ("\xe2\x80\xae" "evil,a\xe2\x80\x8f" "b,\xe2\x81\xa6x\n"
                                        "1,2,3\n", NULL);

  g_assert_cmpstr (fw_table_column (table, 0)->name, ==, "\xef\xbf\xbd" "evil");
  g_assert_cmpstr (fw_table_column (table, 1)->name, ==, "a\xe2\x80\x8f" "b");
  g_assert_cmpstr (fw_table_column (table, 2)->name, ==, "\xef\xbf\xbd" "x");
}

/* The same table written as UTF-16 (@big_endian or not, with a byte-order mark or not),
 * by g_convert — the encoder is GLib's, the reader's detection and transcoding are ours. */
static FwTable *
import_utf16 (const char  *utf8,
              gboolean     big_endian,
              gboolean     bom,
              FwCsvReport *report,
              GError     **error)
{
  g_autofree char *body = NULL;
  g_autoptr(GString) bytes = g_string_new (NULL);
  gsize n = 0;

  body = g_convert (utf8, -1, big_endian ? "UTF-16BE" : "UTF-16LE", "UTF-8", NULL, &n, NULL);
  g_assert_nonnull (body);
  if (bom)
    g_string_append_len (bytes, big_endian ? "\xFE\xFF" : "\xFF\xFE", 2);
  g_string_append_len (bytes, body, (gssize) n);
  return fw_csv_import_data (bytes->str, (gssize) bytes->len, NULL, report, error);
}

/* What Excel's "Unicode Text" writes: read as the same table as its UTF-8, never refused
 * as a file with NUL bytes. */
static void
test_utf16 (void)
{
  static const char text[] = "name,city,age\nZoë,Zürich,34\n名字,北京,28\nAl,Oslo,51\n";
  g_autoptr(FwTable) expected = import_ok (text, NULL);

  for (guint i = 0; i < 4; i++)
    {
      gboolean big_endian = i & 1, bom = i & 2;
      g_autoptr(GError) error = NULL;
      FwCsvReport report = { 0 };
      g_autoptr(FwTable) table = import_utf16 (text, big_endian, bom, &report, &error);

      g_test_message ("%s, %s", big_endian ? "big-endian" : "little-endian",
                      bom ? "with a byte-order mark" : "without one");
      /* Without a mark, detection needs mostly Latin text: this one is (2 rows of 3). */
      g_assert_no_error (error);
      g_assert_cmpstr (report.encoding, ==, big_endian ? "UTF-16BE" : "UTF-16LE");
      g_assert_cmpuint (fw_table_n_columns (table), ==, 3);
      g_assert_cmpuint (fw_table_n_rows (table), ==, 3);
      for (guint c = 0; c < 3; c++)
        {
          g_assert_cmpstr (fw_table_column (table, c)->name, ==,
                           fw_table_column (expected, c)->name);
          for (guint r = 0; r < 3; r++)
            {
              char want[64], got[64];

              fw_column_format_cell (fw_table_column (expected, c), r, want, sizeof want);
              fw_column_format_cell (fw_table_column (table, c), r, got, sizeof got);
              g_assert_cmpstr (got, ==, want);
            }
        }
    }

  /* UTF-8 says so too. */
  {
    FwCsvReport report = { 0 };
    g_autoptr(FwTable) table = import_ok (text, &report);

    g_assert_cmpstr (report.encoding, ==, "UTF-8");
  }

  /* A lone surrogate is not UTF-16 text: said in words, not as a NUL byte. */
  FAILS ("\xFF\xFE" "a\0,\0b\0\n\0" "\x00\xD8" "\n\0", FW_CSV_ERROR_ENCODING, "UTF-16");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/csv/direction-controls-in-names", test_direction_controls_in_names);
  g_test_add_func ("/engine/csv/long-names", test_long_names);
  g_test_add_func ("/engine/csv/utf16", test_utf16);

  g_test_add_func ("/engine/csv/basic", test_basic);
  g_test_add_func ("/engine/csv/semicolon-decimal-comma", test_semicolon_decimal_comma);
  g_test_add_func ("/engine/csv/tab-and-pipe", test_tab_and_pipe);
  g_test_add_func ("/engine/csv/quoted", test_quoted);
  g_test_add_func ("/engine/csv/crlf-and-bom", test_crlf_and_bom);
  g_test_add_func ("/engine/csv/missing-markers", test_missing_markers);
  g_test_add_func ("/engine/csv/header-detection", test_header_detection);
  g_test_add_func ("/engine/csv/forced-options", test_forced_options);
  g_test_add_func ("/engine/csv/names", test_names);
  g_test_add_func ("/engine/csv/kinds", test_kinds);
  g_test_add_func ("/engine/csv/storage-changes", test_storage_changes);
  g_test_add_func ("/engine/csv/blank-lines", test_blank_lines);
  g_test_add_func ("/engine/csv/trailing-delimiter", test_trailing_delimiter);
  g_test_add_func ("/engine/csv/errors", test_errors);
  g_test_add_func ("/engine/csv/too-many-columns", test_too_many_columns);
  g_test_add_func ("/engine/csv/long-line", test_long_line);
  g_test_add_func ("/engine/csv/field-limit", test_field_limit);
  g_test_add_func ("/engine/csv/large-file", test_large_file);
  g_test_add_func ("/engine/csv/cancel", test_cancel);
  g_test_add_func ("/engine/csv/cancel-midway", test_cancel_midway);
  g_test_add_func ("/engine/csv/missing-file", test_missing_file);
  g_test_add_func ("/engine/csv/random-inputs", test_random_inputs);

  return g_test_run ();
}
