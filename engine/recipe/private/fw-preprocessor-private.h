/* fw-preprocessor-private.h — the fitted preprocessor's insides (engine-internal)
 *
 * One input per source column that feeds the model, in table order.  A number input runs
 * its cell through ops (fill, clip, scale) into one feature.  A category input one-hot
 * encodes its cell into its kept categories plus a last "column=other" slot; over a
 * numeric column the ops run first and the result, written as text, is the category.  A
 * number input with an indicator adds, as its last feature, whether the cell was missing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>
#include "fw-preprocessor.h"
#include "fw-recipe.h"

G_BEGIN_DECLS

/* The most categories one column keeps; rarer ones share "column=other". */
#define FW_ONE_HOT_MAX_CATEGORIES 50
#define FW_ONE_HOT_OTHER          "other"

typedef enum {
  FW_OP_FILL,                   /* a: value for a missing cell */
  FW_OP_CLIP,                   /* a, b: the fences */
  FW_OP_SCALE,                  /* (x − a) · b */
  FW_OP_MISSING,                /* a: a value read as missing (a sentinel) */
} FwOpKind;

typedef struct
{
  FwOpKind kind;
  double   a, b;
} FwOp;

/* @x after @op: the one definition of what the ops do, for fitting, transforming and the
 * Clean step's preview alike. */
static inline double
fw_op_apply (const FwOp *op,
             double      x)
{
  if (op->kind == FW_OP_FILL)
    return isnan (x) ? op->a : x;
  if (op->kind == FW_OP_CLIP)
    return isnan (x) ? x : CLAMP (x, op->a, op->b);
  if (op->kind == FW_OP_MISSING)
    return x == op->a ? NAN : x;
  return (x - op->a) * op->b;
}

/* What a date_parts step makes of a date: one number input per part. */
typedef enum {
  FW_DATE_NONE,
  FW_DATE_YEAR,
  FW_DATE_MONTH,                /* 1 … 12 */
  FW_DATE_WEEKDAY,              /* 1 (Monday) … 7 (Sunday) */
} FwDatePart;

#define FW_N_DATE_PARTS (FW_DATE_WEEKDAY + 1)

/* "year", "month", "weekday"; NULL for FW_DATE_NONE. */
extern const char *const fw_date_part_names[FW_N_DATE_PARTS];

typedef struct
{
  char       *column;
  FwDatePart  date_part;        /* a number input read from a date's part; ops as numbers */
  char       *days_to;          /* a number input: the days from column's date to this
                                   column's; missing when either is; ops as numbers */
  char       *name;             /* days_to: the feature's name */
  gboolean    one_hot;
  gboolean    from_numbers;     /* one-hot over a numeric column */
  GArray     *ops;              /* FwOp; numbers and from_numbers; always holds a fill,
                                   after every FW_OP_MISSING */
  gboolean    indicator;        /* numbers: one more feature, 1 where the cell was missing
                                   (or a sentinel) before the first fill */
  char       *fill;             /* one-hot over text: a missing cell's category; NULL: other */
  GPtrArray  *categories;       /* one-hot: kept values, sorted by bytes */
  GHashTable *slots;            /* one-hot: category → GUINT_TO_POINTER (index + 1) */
  guint       first;            /* index of the input's first feature */
  guint       width;            /* 1, or categories + 1; one more with an indicator */
} FwInput;

struct _FwPreprocessor
{
  GPtrArray *inputs;            /* FwInput*, in feature order */
  guint      n_features;
  char     **feature_names;
};

FwInput        *fw_input_new              (const char *column);
void            fw_input_free             (gpointer input);
/* Sets slots, first, widths and the feature names from the inputs. */
void            fw_preprocessor_finish    (FwPreprocessor *pre);

/* Fits every input on @train_rows of @table as the recipe asks; the target column is
 * @target. */
FwPreprocessor *fw_preprocessor_fit       (const FwTable  *table,
                                           const FwRecipe *recipe,
                                           guint           target,
                                           const gsize    *train_rows,
                                           gsize           n_train,
                                           GCancellable   *cancellable,
                                           GError        **error);
/* Features of @rows (all rows when NULL) into @out, @n × n_features. */
gboolean        fw_preprocessor_transform_rows (const FwPreprocessor *pre,
                                                const FwTable        *table,
                                                const gsize          *rows,
                                                gsize                 n,
                                                float                *out,
                                                GError              **error);

/* A number as a one-hot category: its shortest float text; @buf holds
 * G_ASCII_DTOSTR_BUF_SIZE bytes. */
char           *fw_preprocessor_number_key (double  x,
                                            char   *buf);
/* Fits the op a number step asks for (a fill, clip, standardize or min-max step) on @v, @n
 * values with NaN for missing; @scratch holds @n values.  FALSE with @error when a fill's
 * constant is not a number. */
gboolean        fw_preprocessor_fit_op    (const FwStep  *step,
                                           const double  *v,
                                           gsize          n,
                                           double        *scratch,
                                           FwOp          *op,
                                           GError       **error);
/* The most frequent of @m sorted values; ties go to the smallest. */
double          fw_preprocessor_mode      (const double *sorted,
                                           gsize         m);
/* @part of a date written as fw_kind_is_datetime accepts ("2024-01-31", "2024/01/31",
 * with or without a time); NaN when @text is no such date. */
double          fw_preprocessor_date_part (const char *text,
                                           FwDatePart  part);
/* A date cell's days, from fw_column_date_days' @days (NULL: no dates at all); NaN when
 * missing. */
static inline double
fw_preprocessor_days (const FwColumn *column,
                      const double   *days,
                      gsize           row)
{
  guint32 code;

  if (days == NULL)
    return NAN;
  code = column->data.codes[row];
  return code == FW_CODE_MISSING ? NAN : days[code];
}

/* A cell as a number: NaN for missing and non-finite ones. */
double          fw_preprocessor_cell      (const FwColumn *column,
                                           gsize           row);

G_END_DECLS
