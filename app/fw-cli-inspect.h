/* fw-cli-inspect.h — what the inspect command's files share (private to app/)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-csv-import.h"
#include "fw-profile.h"
#include "fw-recipe.h"

G_BEGIN_DECLS

/* The JSON object of docs/cli.md, on one line of standard output; @notes are what the
 * import noticed and changed, in sentences; @features the date columns' FwDateFeature
 * offers. */
void fw_cli_inspect_print_json (const FwTable        *table,
                                const FwTableProfile *profile,
                                const FwRecipe       *suggested,
                                const FwCsvReport    *report,
                                const GPtrArray      *notes,
                                const GPtrArray      *features,
                                double                seconds);

G_END_DECLS
