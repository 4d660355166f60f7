/* fw-cli-inspect.c — fairway-cli inspect FILE.csv [--target COL [--positive VALUE]] [--json]
 *
 * Imports the file, profiles every column (and, with a target, checks each for leaks on the
 * training part of the default split), and prints either one aligned table for people or
 * the JSON object of the contract in docs/cli.md (fw-cli-inspect-json.c).  The fixes listed
 * per column come from fw_recipe_new_suggested_safe, the cleaning train --data applies.
 * Numbers are written the C way (the locale's LC_NUMERIC is C; JSON goes through json-glib,
 * which uses g_ascii_dtostr).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "fw-cli.h"
#include "fw-cli-inspect.h"
#include "fw-csv-import.h"
#include "fw-date-features.h"
#include "fw-leak-check.h"
#include "fw-profile.h"

/* Widths in terminal cells: names longer than this end in "…". */
#define NAME_WIDTH    24
#define SUMMARY_WIDTH 48
#define TOP_SHOWN     3

static void
on_import_progress (double   fraction,
                    gpointer data)
{
  fw_cli_progress (_("Reading…"), fraction);
}

static void
on_profile_progress (double   fraction,
                     gpointer data)
{
  fw_cli_progress (_("Profiling…"), fraction);
}

/* What the import noticed and changed, in sentences (never NULL; maybe empty). */
static GPtrArray *
import_notes (const FwCsvReport *report)
{
  GPtrArray *notes = g_ptr_array_new_with_free_func (g_free);
  char *note;

  if ((note = fw_csv_report_describe_padded (report)) != NULL)
    g_ptr_array_add (notes, note);
  if ((note = fw_csv_report_describe_renamed (report)) != NULL)
    g_ptr_array_add (notes, note);
  return notes;
}

/* Text for people ------------------------------------------------------------------------- */

/* Few significant digits: a summary to read, not to compute with (--json has all). */
static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double a = fabs (value);
  const char *format = a >= 1e15 || (a > 0 && a < 1e-3) ? "%.3g"
                       : a >= 100 || value == floor (value) ? "%.0f"
                       : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
  char *end;

  g_ascii_formatd (buf, sizeof buf, format, value);
  /* 0.300 reads as 0.3. */
  if (strchr (buf, '.') != NULL && strchr (buf, 'e') == NULL)
    {
      end = buf + strlen (buf) - 1;
      while (*end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
    }
  return g_strdup (g_str_equal (buf, "-0") ? "0" : buf);
}

static char *
format_percent (gsize  part,
                gsize  whole)
{
  double percent = whole > 0 ? 100.0 * (double) part / (double) whole : 0.0;

  if (part > 0 && percent < 1.0)
    return g_strdup ("<1%");
  return g_strdup_printf ("%.0f%%", percent);
}

static char *
summarize (const FwColumn        *column,
           const FwColumnProfile *p)
{
  GString *out;
  guint shown;

  if (p->count == 0)
    return g_strdup (_("all missing"));

  if (p->has_numbers)
    {
      g_autofree char *min = format_number (p->min);
      g_autofree char *mean = format_number (p->mean);
      g_autofree char *max = format_number (p->max);

      return g_strdup_printf (_("min %s · mean %s · max %s"), min, mean, max);
    }

  if (p->kind == FW_KIND_DATETIME && column->dict != NULL)
    {
      /* ISO dates sort as text, so the dictionary's extremes are the first and last day. */
      const char *first = NULL, *last = NULL;

      for (guint code = 0; code < fw_dictionary_size (column->dict); code++)
        {
          const char *value = fw_dictionary_get (column->dict, code);

          if (first == NULL || strcmp (value, first) < 0)
            first = value;
          if (last == NULL || strcmp (value, last) > 0)
            last = value;
        }
      /* Translators: the range of a date column, "2021-01-01 to 2024-12-31". */
      return g_strdup_printf (_("%s to %s"), first, last);
    }

  if (p->kind == FW_KIND_IDENTIFIER && p->n_top > 0)
    /* Translators: one example value of an identifier column, "e.g. A0000001". */
    return g_strdup_printf (_("e.g. %s"), p->top[0].value);

  /* The most frequent values while they fit whole; "…" says there are more. */
  out = g_string_new (NULL);
  for (shown = 0; shown < MIN (p->n_top, TOP_SHOWN); shown++)
    {
      g_autofree char *percent = format_percent (p->top[shown].count, p->count);
      g_autofree char *item = g_strdup_printf ("%s%s %s", shown > 0 ? " · " : "",
                                               p->top[shown].value, percent);

      if (shown > 0 && fw_cli_display_width (out->str) + fw_cli_display_width (item) > SUMMARY_WIDTH - 4)
        break;
      g_string_append (out, item);
    }
  if (p->distinct > shown)
    g_string_append (out, " · …");
  return g_string_free (out, FALSE);
}

static const char *
issue_label (const FwColumnProfile *p,
             FwIssueKind            kind)
{
  switch (kind)
    {
    case FW_ISSUE_MOSTLY_MISSING:   return _("mostly empty");
    case FW_ISSUE_CONSTANT:         return p->count == 0 ? _("empty") : _("constant");
    case FW_ISSUE_IDENTIFIER:       return _("ID-like");
    case FW_ISSUE_HIGH_CARDINALITY: return _("many categories");
    case FW_ISSUE_OUTLIERS:         return _("outliers");
    case FW_ISSUE_CLASS_IMBALANCE:  return _("imbalanced");
    case FW_ISSUE_TARGET_LEAKAGE:   return _("leak?");
    default:                        return "?";
    }
}

enum { CELL_NAME, CELL_KIND, CELL_MISSING, CELL_DISTINCT, CELL_SUMMARY, CELL_FLAGS, N_CELLS };

static void
print_table (GFile                *file,
             const FwTable        *table,
             const FwTableProfile *profile,
             const FwCsvReport    *report,
             char                **dropped,
             const GPtrArray      *features,
             double                seconds)
{
  static const gboolean right[N_CELLS] = { FALSE, FALSE, TRUE, TRUE, FALSE, FALSE };
  const char *titles[N_CELLS] = { _("COLUMN"), _("KIND"), _("MISSING"), _("DISTINCT"),
                                  _("SUMMARY"), _("FLAGS") };
  guint n = profile->n_columns;
  g_autofree char **cells = g_new0 (char *, (gsize) (n + 1) * N_CELLS);
  guint widths[N_CELLS] = { 0 };
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *rows = g_strdup_printf ("%zu", profile->n_rows);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) leaks = g_string_new (NULL);
  g_autoptr(GHashTable) said = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean any_issue = FALSE;

  for (guint k = 0; k < N_CELLS; k++)
    cells[k] = g_strdup (titles[k]);
  for (guint c = 0; c < n; c++)
    {
      const FwColumnProfile *p = &profile->columns[c];
      const FwColumn *column = fw_table_column (table, c);
      char **row = cells + (gsize) (c + 1) * N_CELLS;
      g_autofree char *summary = summarize (column, p);
      GString *flags = g_string_new (NULL);

      row[CELL_NAME] = fw_cli_fit (column->name, NAME_WIDTH);
      row[CELL_KIND] = g_strdup (fw_kind_to_label (p->kind));
      if (p->missing == 0)
        row[CELL_MISSING] = g_strdup ("0");
      else
        row[CELL_MISSING] = g_strdup_printf ("%zu (%.1f%%)", p->missing,
                                             100.0 * (double) p->missing /
                                             (double) profile->n_rows);
      row[CELL_DISTINCT] = g_strdup_printf ("%zu", p->distinct);
      row[CELL_SUMMARY] = fw_cli_fit (summary, SUMMARY_WIDTH);
      for (guint i = 0; i < p->issues->len; i++)
        g_string_append_printf (flags, "%s%s", i > 0 ? ", " : "",
                                issue_label (p, ((FwIssue *) p->issues->pdata[i])->kind));
      row[CELL_FLAGS] = g_string_free (flags, FALSE);
      any_issue = any_issue || p->issues->len > 0;
      if (dropped != NULL && g_strv_contains ((const char *const *) dropped, column->name))
        g_string_append_printf (leaks, "%s%s", leaks->len > 0 ? ", " : "", column->name);
    }
  for (guint r = 0; r <= n; r++)
    for (guint k = 0; k < N_CELLS; k++)
      widths[k] = MAX (widths[k], fw_cli_display_width (cells[(gsize) r * N_CELLS + k]));

  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%s: %s row, %u columns",
                                            "%s: %s rows, %u columns", (gulong) profile->n_rows),
                          name, rows, n);
  if (report->delimiter != ',')
    {
      char delimiter[2] = { report->delimiter, '\0' };

      g_string_append_printf (out, _(", separated by “%s”"),
                              report->delimiter == '\t' ? _("tab") : delimiter);
    }
  if (report->decimal_comma)
    g_string_append (out, _(", decimal comma"));
  if (report->encoding != NULL && g_strcmp0 (report->encoding, "UTF-8") != 0)
    {
      g_autofree char *encoding = fw_csv_encoding_describe (report->encoding);

      /* Translators: %s is a text encoding, "Windows-1252 (Western European)". */
      g_string_append_printf (out, _(", read as %s"), encoding);
    }
  /* Translators: how long reading and profiling took, in seconds. */
  g_string_append_printf (out, _(" (%.2f s)"), seconds);
  g_string_append (out, "\n");
  {
    g_autoptr(GPtrArray) notes = import_notes (report);

    for (guint i = 0; i < notes->len; i++)
      g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (notes, i));
  }
  g_string_append (out, "\n");

  for (guint r = 0; r <= n; r++)
    {
      for (guint k = 0; k < N_CELLS; k++)
        {
          /* The last cell is not padded: no trailing spaces. */
          gboolean last = k == N_CELLS - 1;

          fw_cli_append_padded (out, cells[(gsize) r * N_CELLS + k], last ? 0 : widths[k], right[k]);
          if (!last)
            g_string_append (out, "  ");
        }
      while (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');
    }

  if (any_issue)
    {
      g_string_append_printf (out, "\n%s\n", _("What to look at:"));
      for (guint c = 0; c < n; c++)
        {
          const FwColumnProfile *p = &profile->columns[c];

          for (guint i = 0; i < p->issues->len; i++)
            {
              const char *message = ((FwIssue *) p->issues->pdata[i])->message;

              /* Columns empty on the same rows share one sentence: said once. */
              if (g_hash_table_contains (said, message))
                continue;
              g_hash_table_add (said, (gpointer) message);
              g_string_append_printf (out, "  %s: %s\n", cells[(gsize) (c + 1) * N_CELLS],
                                      message);
            }
        }
    }
  if (leaks->len > 0)
    {
      g_string_append_c (out, '\n');
      /* Translators: followed by a list of column names. */
      g_string_append_printf (out, _("Suspected leaks, left out of the suggested cleaning: %s"),
                              leaks->str);
      g_string_append_c (out, '\n');
    }
  /* What a date would give away, counted from or to another. */
  for (guint i = 0; features != NULL && i < features->len; i++)
    {
      const FwDateFeature *feature = g_ptr_array_index (features, i);

      if (feature->message != NULL)
        g_string_append_printf (out, "  %s\n", feature->message);
    }

  fputs (out->str, stdout);
  for (gsize i = 0; i < (gsize) (n + 1) * N_CELLS; i++)
    g_free (cells[i]);
}

int
fw_cli_inspect (int    argc,
                char **argv)
{
  gboolean json = FALSE;
  g_autofree char *target = NULL;
  g_autofree char *positive = NULL;
  g_autofree char *encoding = NULL;
  const GOptionEntry entries[] = {
    { "target", 0, 0, G_OPTION_ARG_STRING, &target,
      N_("The column to predict: also check every other column for leaks"), "COL" },
    { "positive", 0, 0, G_OPTION_ARG_STRING, &positive, N_("The positive class"), "VALUE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print one JSON object instead of a table"), NULL },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding,
      N_("Read the file in this text encoding (default: UTF-8)"), "NAME" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwTableProfile) profile = NULL;
  g_autoptr(FwRecipe) settings = fw_recipe_new ();
  g_autoptr(FwRecipe) suggested = NULL;
  g_auto(GStrv) dropped = NULL;
  g_autoptr(GPtrArray) features = NULL;
  g_autoptr(GTimer) timer = NULL;
  FwCsvReport report = { 0 };
  gboolean progress;

  context = fw_cli_option_context_new ("inspect", "FILE.csv",
                                       _("Profiles every column of a CSV file: its kind, "
                                         "missing cells, distinct values, a summary, and "
                                         "issues worth fixing before training."),
                                       entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fw_cli_usage_error ("inspect", "%s", error->message);
  if (argc < 2)
    return fw_cli_usage_error ("inspect", _("missing FILE.csv: the file to inspect"));
  if (argc > 2)
    return fw_cli_usage_error ("inspect", _("unexpected argument '%s'"), argv[2]);
  if (positive != NULL && target == NULL)
    return fw_cli_usage_error ("inspect", _("--positive needs --target COL"));

  file = g_file_new_for_commandline_arg (argv[1]);
  progress = fw_cli_progress_enabled ();
  timer = g_timer_new ();
  table = fw_cli_import_csv (file, encoding, &report, progress ? on_import_progress : NULL,
                             &error);
  if (table == NULL)
    return fw_cli_fail (error);
  profile = fw_table_profile_new (table, progress ? on_profile_progress : NULL, NULL, NULL,
                                  &error);
  if (profile == NULL)
    return fw_cli_fail (error);
  /* The split train --data would make: its training part is all the leak check sees. */
  settings->target = g_steal_pointer (&target);
  settings->positive = g_steal_pointer (&positive);
  suggested = fw_recipe_new_suggested_checked (table, profile, settings, &dropped,
                                               &features, &error);
  if (suggested == NULL)
    return fw_cli_fail (error);
  fw_cli_progress_clear ();

  if (json)
    {
      double seconds = g_timer_elapsed (timer, NULL);
      g_autoptr(GPtrArray) notes = import_notes (&report);

      fw_cli_inspect_print_json (table, profile, suggested, &report, notes, features, seconds);
    }
  else
    print_table (file, table, profile, &report, dropped, features,
                 g_timer_elapsed (timer, NULL));
  return FW_CLI_EXIT_OK;
}
