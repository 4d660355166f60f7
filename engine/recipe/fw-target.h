/* fw-target.h — what a target column gives: the task, the classes and the positive class
 *
 * The rules fw_dataset_prepare trains by and fw_audit_new reports by, kept in one place so
 * that both always agree.  Each caller adds its own policy on top: the dataset refuses a
 * target with nothing to learn, the audit looks at whatever the column holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-recipe.h"
#include "fw-table.h"

G_BEGIN_DECLS

/* A number target with at most this many distinct whole values is a set of classes. */
#define FW_TARGET_MAX_INTEGER_CLASSES 20
/* Past this many classes a "target" is a free-text column picked by mistake. */
#define FW_TARGET_MAX_CLASSES         1000
#define FW_TARGET_NO_LABEL            G_MAXUINT32

typedef struct
{
  FwTask    task;               /* as asked, or as the column decides for FW_TASK_AUTO */
  gsize     n_values;           /* distinct values in the rows looked at, for any task */
  guint     n_classes;          /* 0 for regression */
  char    **names;              /* n_classes + NULL, sorted as scikit-learn sorts classes_ */
  double   *values;             /* number classes, ascending; NULL for words */
  gsize    *counts;             /* rows per class */
  guint32  *labels;             /* per table row, FW_TARGET_NO_LABEL outside the rows given;
                                   NULL for regression */
  int       positive;           /* index into names; -1 for none */
} FwTarget;

#define FW_TARGET_INIT { FW_TASK_AUTO, 0, 0, NULL, NULL, NULL, NULL, -1 }

/* Classes from @rows of @column, the @n rows whose target is present.  @task FW_TASK_AUTO:
 * words, and up to FW_TARGET_MAX_INTEGER_CLASSES whole numbers, are classes, two of them a
 * yes/no task; other numbers are a regression.  Number classes sort numerically, words by
 * their bytes (Python's order for str).  Fails, in FW_RECIPE_ERROR_TARGET, for words asked
 * to be a regression and for more than FW_TARGET_MAX_CLASSES classes.  Clear @t after,
 * whatever this returns. */
gboolean fw_target_init          (FwTarget       *t,
                                  const FwColumn *column,
                                  FwTask          task,
                                  const gsize    *rows,
                                  gsize           n,
                                  GError        **error);
/* Classification: @positive when given, which must name a class (matched as text, or as a
 * number for number classes; else FW_RECIPE_ERROR_INVALID); without it, for a yes/no task,
 * "1", "yes" or "true" (any case), else the rarer class (ties: the second); else -1. */
gboolean fw_target_find_positive (FwTarget       *t,
                                  const FwColumn *column,
                                  const char     *positive,
                                  GError        **error);
void     fw_target_clear         (FwTarget *t);

G_END_DECLS
