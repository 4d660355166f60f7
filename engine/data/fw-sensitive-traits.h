/* fw-sensitive-traits.h — which columns describe who a person is
 *
 * Protected traits as equality law commonly lists them, recognised by a column's name
 * (a whole word of it: "applicant_sex", "Marital-Status", "native-country") or, for a
 * category column with a handful of values, by its values ("Male"/"Female",
 * "married"/"single"/"divorced").  A suggestion only: the person confirms each one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-table.h"

G_BEGIN_DECLS

/* In the order suggestions are listed: the first sensitive column is the one fairness
 * summaries and mitigation use, so sex comes first. */
typedef enum {
  FW_TRAIT_SEX,
  FW_TRAIT_RACE,
  FW_TRAIT_AGE,
  FW_TRAIT_MARITAL,
  FW_TRAIT_RELIGION,
  FW_TRAIT_DISABILITY,
  FW_TRAIT_NATIONALITY,
  FW_TRAIT_LANGUAGE,
} FwTrait;

#define FW_N_TRAITS (FW_TRAIT_LANGUAGE + 1)

typedef enum {
  FW_TRAIT_BY_NONE,
  FW_TRAIT_BY_NAME,
  FW_TRAIT_BY_VALUES,
} FwTraitEvidence;

/* The trait @name names, or -1: a word of it (split at anything not a letter or digit,
 * any case) is one of the trait's words ("sex", "male", "marital", "ethnicity", …), or
 * its words pair a country with birth, origin or native ("country_of_birth"). */
int fw_trait_of_name   (const char *name);

/* The trait the values of a category column show, or -1: every distinct value is a word
 * of that trait (at least two such values; sex also takes exactly "M" and "F"), or, for
 * ethnicity, marital status and religion, at least two values and half of them are.
 * Number columns and columns with more than FW_SENSITIVE_MAX_VALUES values give -1. */
int fw_trait_of_values (const FwColumn *column);

/* The trait of @column by its name, else by its values, or -1; @by (may be NULL) says
 * which. */
int fw_trait_of_column (const FwColumn  *column,
                        FwTraitEvidence *by);

G_END_DECLS
