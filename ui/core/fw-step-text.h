/* fw-step-text.h — cleaning steps in plain words, for buttons, menus and the step list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "fw-recipe.h"

G_BEGIN_DECLS

/* What a fill with a constant puts in: 0 for numbers, "unknown" for categories. */
#define FW_STEP_FILL_NUMBER   "0"
#define FW_STEP_FILL_CATEGORY FW_RECIPE_FILL_CATEGORY

/* A sentence naming the column: "Fill missing “age” with the median". */
char       *fw_step_describe       (const FwStep *step);
/* The same, for a card that already names the column: "Filled with the median". */
char       *fw_step_describe_short (const FwStep *step);
/* A button or menu label with a mnemonic: "Fill With _Median". */
const char *fw_step_kind_label     (FwStepKind    kind,
                                    gboolean      numeric);
/* What the fix does, in one sentence, for tooltips. */
const char *fw_step_kind_help      (FwStepKind    kind);
/* The constant a one-click "fill with a value" uses for a column of numbers or not. */
const char *fw_step_fill_constant  (gboolean      numeric);

/* "impute_mean" … as in recipes; FALSE for anything else. */
gboolean    fw_step_kind_parse     (const char   *name,
                                    FwStepKind   *kind);

G_END_DECLS
