/* fw-cli.h — what the fairway-cli commands share (private to app/)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include "fw-csv-import.h"
#include "fw-fairness.h"
#include "fw-recipe.h"

G_BEGIN_DECLS

/* Exit statuses of the command-line contract (docs/cli.md). */
#define FW_CLI_EXIT_OK          0
#define FW_CLI_EXIT_INPUT       1       /* bad input: one "fairway-cli: error: …" line */
#define FW_CLI_EXIT_USAGE       2       /* unknown command or option, missing argument */
#define FW_CLI_EXIT_INTERRUPTED 130     /* stopped by Ctrl+C, as shells report SIGINT */

/* Each command gets its own argv, argv[0] being the command's name. */
int      fw_cli_sample      (int     argc,
                             char  **argv);
int      fw_cli_inspect     (int     argc,
                             char  **argv);
int      fw_cli_train       (int     argc,
                             char  **argv);
int      fw_cli_predict     (int     argc,
                             char  **argv);
int      fw_cli_evaluate    (int     argc,
                             char  **argv);
int      fw_cli_report      (int     argc,
                             char  **argv);
int      fw_cli_export      (int     argc,
                             char  **argv);
int      fw_cli_devices     (int     argc,
                             char  **argv);
int      fw_cli_compare     (int     argc,
                             char  **argv);

/* Prints @error as the single contract line; returns FW_CLI_EXIT_INPUT. */
int      fw_cli_fail        (const GError *error);
/* Prints the message and a hint at COMMAND --help; returns FW_CLI_EXIT_USAGE. */
int      fw_cli_usage_error (const char *command,
                             const char *format,
                             ...) G_GNUC_PRINTF (2, 3);

/* A GOptionContext set up alike for every command: translated, "fairway-cli COMMAND …"
 * in its help. */
GOptionContext *fw_cli_option_context_new (const char         *command,
                                           const char         *parameters,
                                           const char         *summary,
                                           const GOptionEntry *entries);

/* One aligned "name value" line per metric, in the order they were added, with what
 * @baseline (may be NULL) scores for it beside. */
void     fw_cli_print_metrics (JsonObject *metrics,
                               JsonObject *baseline);

/* Adds "fairness": [one entry per attribute, docs/cli.md] to the object being built; NULL
 * entries (a measurement that failed) are left out. */
void     fw_cli_add_fairness   (JsonBuilder       *builder,
                                FwFairness *const *fairness,
                                char *const       *attributes,
                                guint              n);
/* Overwrites the metrics that depend on the decision (accuracy, balanced_accuracy,
 * precision, recall, f1) with those of @decided; ROC-AUC and log-loss do not depend on a
 * threshold and stay. */
void     fw_cli_decision_metrics (JsonObject    *metrics,
                                  const guint32 *labels,
                                  const guint32 *decided,
                                  const float   *weights,
                                  gsize          n,
                                  guint          n_classes,
                                  guint          positive);
/* The same as a table for people, with intervals and warnings. */
void     fw_cli_print_fairness (FwFairness *const *fairness,
                                char *const       *attributes,
                                guint              n);

/* Progress for people: drawn on stderr, only when stderr is a terminal. */
gboolean fw_cli_progress_enabled (void);
void     fw_cli_progress         (const char *what,
                                  double      fraction);
void     fw_cli_progress_clear   (void);

/* Imports @file in @encoding (--encoding; NULL: UTF-8 or UTF-16); a file that is not UTF-8
 * fails with the engine's guess and the flag that reads it. */
FwTable *fw_cli_import_csv       (GFile          *file,
                                  const char     *encoding,
                                  FwCsvReport    *report,
                                  FwProgressFunc  progress,
                                  GError        **error);

/* The flags train and compare share; -1 (and NULL) where a flag was not given. */
typedef struct
{
  char     *device, *mitigate, *positive, *favourable;
  char    **sensitive, **keep;
  gint64    min_group_rows, seed;
  int       epochs, batch;
  gboolean  intersect;
} FwCliRecipeOptions;

#define FW_CLI_RECIPE_OPTIONS_INIT { .min_group_rows = -1, .seed = -1, .epochs = -1, .batch = -1 }

void     fw_cli_recipe_options_clear (FwCliRecipeOptions       *options);
/* Lays the given flags over @recipe; a bad flag returns its usage message (g_free it) and
 * changes nothing. */
char    *fw_cli_recipe_options_apply (const FwCliRecipeOptions *options,
                                      FwRecipe                 *recipe);

/* Cells a terminal gives @text (wide characters two, combining ones none). */
guint    fw_cli_display_width    (const char     *text);
/* @text on one line at most @max cells wide: control characters become spaces, and what
 * does not fit is cut at a character boundary and marked with "…". */
char    *fw_cli_fit              (const char     *text,
                                  guint           max);
/* @text padded with spaces to @width cells, on the left when @right. */
void     fw_cli_append_padded    (GString        *out,
                                  const char     *text,
                                  guint           width,
                                  gboolean        right);

G_END_DECLS
