/* fw-step-offer.c — which cleaning fixes the Clean step offers for a column
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-clean-preview.h"
#include "fw-step-offer.h"
#include "fw-step-text.h"

gboolean
fw_step_is_dropped (const FwRecipe *recipe,
                    const char     *column)
{
  g_return_val_if_fail (recipe != NULL && column != NULL, FALSE);

  for (guint i = 0; i < recipe->steps->len; i++)
    {
      const FwStep *step = g_ptr_array_index (recipe->steps, i);

      if (step->kind == FW_STEP_DROP_COLUMN && g_strcmp0 (step->column, column) == 0)
        return TRUE;
    }
  return FALSE;
}

char *
fw_step_offered_constant (FwStepKind             kind,
                          const FwColumn        *column,
                          const FwColumnProfile *profile)
{
  g_return_val_if_fail (column != NULL && profile != NULL, NULL);

  if (kind == FW_STEP_IMPUTE_CONSTANT)
    return g_strdup (fw_step_fill_constant (fw_column_is_numeric (column)));
  if (kind == FW_STEP_TREAT_AS_MISSING)
    return fw_column_profile_sentinel_text (profile);
  return NULL;
}

gboolean
fw_step_is_offered (FwStepKind             kind,
                    const FwColumn        *column,
                    const FwColumnProfile *profile,
                    const FwRecipe        *recipe)
{
  gboolean applied[FW_STEP_N_KINDS] = { FALSE, };
  gboolean numeric, measured, filled = FALSE;

  g_return_val_if_fail ((guint) kind < FW_STEP_N_KINDS, FALSE);
  g_return_val_if_fail (column != NULL && profile != NULL && recipe != NULL, FALSE);

  numeric = fw_column_is_numeric (column);
  measured = numeric && profile->kind == FW_KIND_NUMERIC;
  for (guint i = 0; i < recipe->steps->len; i++)
    {
      const FwStep *step = g_ptr_array_index (recipe->steps, i);

      if (g_strcmp0 (step->column, column->name) == 0)
        applied[step->kind] = TRUE;
    }
  for (FwStepKind k = 0; k < FW_STEP_N_KINDS; k++)
    filled = filled || (applied[k] && fw_clean_step_is_fill (k));

  if (applied[kind] || applied[FW_STEP_DROP_COLUMN])
    return FALSE;
  /* Training changes nothing in the column to predict but the rows it uses. */
  if (g_strcmp0 (recipe->target, column->name) == 0)
    return kind == FW_STEP_DROP_MISSING_ROWS && profile->missing > 0;
  if (!fw_clean_step_applies (kind, numeric))
    return FALSE;
  switch (kind)
    {
    case FW_STEP_IMPUTE_MEAN:
    case FW_STEP_IMPUTE_MEDIAN:
      return measured && profile->missing > 0 && !filled;
    case FW_STEP_IMPUTE_MODE:
    case FW_STEP_IMPUTE_CONSTANT:
      return profile->missing > 0 && !filled;
    case FW_STEP_DROP_MISSING_ROWS:
      return profile->missing > 0 && !filled;
    case FW_STEP_CLIP_OUTLIERS:
    case FW_STEP_STANDARDIZE:
    case FW_STEP_MIN_MAX:
      return measured;
    case FW_STEP_ONE_HOT:
      return !numeric &&
             (profile->kind == FW_KIND_CATEGORICAL || profile->kind == FW_KIND_BOOLEAN);
    case FW_STEP_DROP_COLUMN:
      return TRUE;
    case FW_STEP_TREAT_AS_MISSING:
      return measured && fw_column_profile_has_issue (profile, FW_ISSUE_SENTINEL);
    case FW_STEP_DATE_PARTS:
      return profile->kind == FW_KIND_DATETIME;
    case FW_STEP_MISSING_INDICATOR:
      return numeric && (profile->missing > 0 ||
                         fw_column_profile_has_issue (profile, FW_ISSUE_SENTINEL));
    default:
      return FALSE;
    }
}
