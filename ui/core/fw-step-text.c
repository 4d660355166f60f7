/* fw-step-text.c — cleaning steps in plain words, for buttons, menus and the step list
 *
 * The words avoid the statistics vocabulary where a plain one does ("average" for the
 * mean, "most common value" for the mode); the tooltips say exactly what happens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-step-text.h"

char *
fw_step_describe (const FwStep *step)
{
  const char *column;

  g_return_val_if_fail (step != NULL, NULL);

  column = step->column != NULL ? step->column : "";
  /* Translators: in each, %s is a column name. */
  switch (step->kind)
    {
    case FW_STEP_IMPUTE_MEAN:
      return g_strdup_printf (_("Fill missing “%s” with the average"), column);
    case FW_STEP_IMPUTE_MEDIAN:
      return g_strdup_printf (_("Fill missing “%s” with the median"), column);
    case FW_STEP_IMPUTE_MODE:
      return g_strdup_printf (_("Fill missing “%s” with the most common value"), column);
    case FW_STEP_IMPUTE_CONSTANT:
      /* Translators: the first %s is a column name, the second the value filled in. */
      return g_strdup_printf (_("Fill missing “%s” with “%s”"), column,
                              step->constant != NULL ? step->constant : "");
    case FW_STEP_DROP_COLUMN:
      return g_strdup_printf (_("Drop column “%s”"), column);
    case FW_STEP_DROP_MISSING_ROWS:
      return g_strdup_printf (_("Drop rows where “%s” is missing"), column);
    case FW_STEP_CLIP_OUTLIERS:
      return g_strdup_printf (_("Cap extreme values of “%s”"), column);
    case FW_STEP_ONE_HOT:
      if (step->min_count > 0)
        /* Translators: %s is a column name, %u a number of rows. */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Split “%s” into one yes/no column per value, "
                                             "values in fewer than %u row grouped as “other”",
                                             "Split “%s” into one yes/no column per value, "
                                             "values in fewer than %u rows grouped as “other”",
                                             step->min_count), column, step->min_count);
      return g_strdup_printf (_("Split “%s” into one yes/no column per value"), column);
    case FW_STEP_STANDARDIZE:
      return g_strdup_printf (_("Rescale “%s” to average 0 and spread 1"), column);
    case FW_STEP_MIN_MAX:
      return g_strdup_printf (_("Rescale “%s” to run from 0 to 1"), column);
    case FW_STEP_TREAT_AS_MISSING:
      /* Translators: the first %s is a value, the second a column name. */
      return g_strdup_printf (_("Read “%s” as missing in “%s”"),
                              step->constant != NULL ? step->constant : "", column);
    case FW_STEP_MISSING_INDICATOR:
      return g_strdup_printf (_("Add a yes/no column saying where “%s” was missing"), column);
    case FW_STEP_DATE_PARTS:
      return g_strdup_printf (_("Use the year, month and day of the week of “%s”"), column);
    case FW_STEP_DAYS_BETWEEN:
      /* Translators: both %s are column names. */
      return g_strdup_printf (_("Days from “%s” to “%s”"), column,
                              step->to != NULL ? step->to : "");
    default:
      return g_strdup (fw_step_kind_to_string (step->kind));
    }
}

char *
fw_step_describe_short (const FwStep *step)
{
  g_return_val_if_fail (step != NULL, NULL);

  switch (step->kind)
    {
    case FW_STEP_IMPUTE_MEAN:
      return g_strdup (_("Missing cells filled with the average"));
    case FW_STEP_IMPUTE_MEDIAN:
      return g_strdup (_("Missing cells filled with the median"));
    case FW_STEP_IMPUTE_MODE:
      return g_strdup (_("Missing cells filled with the most common value"));
    case FW_STEP_IMPUTE_CONSTANT:
      /* Translators: %s is the value filled in. */
      return g_strdup_printf (_("Missing cells filled with “%s”"),
                              step->constant != NULL ? step->constant : "");
    case FW_STEP_DROP_COLUMN:
      return g_strdup (_("Column dropped"));
    case FW_STEP_DROP_MISSING_ROWS:
      return g_strdup (_("Rows with a missing value dropped"));
    case FW_STEP_CLIP_OUTLIERS:
      return g_strdup (_("Extreme values capped"));
    case FW_STEP_ONE_HOT:
      return g_strdup (_("Split into one yes/no column per value"));
    case FW_STEP_STANDARDIZE:
      return g_strdup (_("Rescaled to average 0 and spread 1"));
    case FW_STEP_MIN_MAX:
      return g_strdup (_("Rescaled to run from 0 to 1"));
    case FW_STEP_TREAT_AS_MISSING:
      /* Translators: %s is a value such as -1 or 999. */
      return g_strdup_printf (_("“%s” read as missing"),
                              step->constant != NULL ? step->constant : "");
    case FW_STEP_MISSING_INDICATOR:
      return g_strdup (_("A yes/no column says where it was missing"));
    case FW_STEP_DATE_PARTS:
      return g_strdup (_("Year, month and day of the week used"));
    case FW_STEP_DAYS_BETWEEN:
      /* Translators: %s is a column name. */
      return g_strdup_printf (_("Days from here to “%s” used"), step->to != NULL ? step->to : "");
    default:
      return g_strdup (fw_step_kind_to_string (step->kind));
    }
}

const char *
fw_step_fill_constant (gboolean numeric)
{
  return numeric ? FW_STEP_FILL_NUMBER : FW_STEP_FILL_CATEGORY;
}

const char *
fw_step_kind_label (FwStepKind kind,
                    gboolean   numeric)
{
  switch (kind)
    {
    case FW_STEP_IMPUTE_MEAN:       return _("Fill With _Average");
    case FW_STEP_IMPUTE_MEDIAN:     return _("Fill With _Median");
    case FW_STEP_IMPUTE_MODE:       return _("Fill With Most _Common");
    case FW_STEP_IMPUTE_CONSTANT:   return numeric ? _("Fill With _0") : _("Fill With “_unknown”");
    case FW_STEP_DROP_COLUMN:       return _("_Drop Column");
    case FW_STEP_DROP_MISSING_ROWS: return _("Drop _Rows With Gaps");
    case FW_STEP_CLIP_OUTLIERS:     return _("Cap _Extremes");
    case FW_STEP_ONE_HOT:           return _("_Split Into Yes/No Columns");
    case FW_STEP_STANDARDIZE:       return _("_Standardise");
    case FW_STEP_MIN_MAX:           return _("Rescale _0 to 1");
    case FW_STEP_TREAT_AS_MISSING:  return _("_Treat As Missing");
    case FW_STEP_MISSING_INDICATOR: return _("Add “_Was Missing” Column");
    case FW_STEP_DATE_PARTS:        return _("Use _Year, Month, Weekday");
    case FW_STEP_DAYS_BETWEEN:      return _("Use Days _Between Dates");
    default:                        return fw_step_kind_to_string (kind);
    }
}

const char *
fw_step_kind_help (FwStepKind kind)
{
  switch (kind)
    {
    case FW_STEP_IMPUTE_MEAN:
      return _("Put the column’s average in every empty cell");
    case FW_STEP_IMPUTE_MEDIAN:
      return _("Put the column’s middle value in every empty cell; unlike the average, a few "
               "huge values do not pull it");
    case FW_STEP_IMPUTE_MODE:
      return _("Put the column’s most common value in every empty cell");
    case FW_STEP_IMPUTE_CONSTANT:
      return _("Put a fixed value in every empty cell, so “not recorded” becomes a value of its "
               "own");
    case FW_STEP_DROP_COLUMN:
      return _("Leave this column out of the model");
    case FW_STEP_DROP_MISSING_ROWS:
      return _("Leave out every row where this column is empty");
    case FW_STEP_CLIP_OUTLIERS:
      return _("Bring values far outside the usual range in to its edge, so a few extremes do "
               "not dominate");
    case FW_STEP_ONE_HOT:
      return _("Turn each value into its own yes/no column, which is how a model reads "
               "categories");
    case FW_STEP_STANDARDIZE:
      return _("Shift and scale the numbers to average 0 and spread 1, so columns measured in "
               "different units weigh the same");
    case FW_STEP_MIN_MAX:
      return _("Scale the numbers so the smallest is 0 and the largest 1");
    case FW_STEP_TREAT_AS_MISSING:
      return _("Read a stand-in value such as -1 or 999 as “not recorded”, so it is filled "
               "like any missing cell instead of counting as a real number");
    case FW_STEP_MISSING_INDICATOR:
      return _("Keep, next to the filled column, a yes/no column saying which cells were "
               "missing: that a value is missing often means something");
    case FW_STEP_DATE_PARTS:
      return _("Turn each date into its year, month and day of the week, three numbers a "
               "model can use; only for dates known before the outcome");
    case FW_STEP_DAYS_BETWEEN:
      return _("Count the days from this date to another one in the same row, such as an age "
               "from a date of birth; empty where either date is");
    default:
      return NULL;
    }
}

gboolean
fw_step_kind_parse (const char *name,
                    FwStepKind *kind)
{
  for (guint i = 0; i < FW_STEP_N_KINDS; i++)
    if (g_strcmp0 (name, fw_step_kind_to_string (i)) == 0)
      {
        *kind = (FwStepKind) i;
        return TRUE;
      }
  return FALSE;
}
