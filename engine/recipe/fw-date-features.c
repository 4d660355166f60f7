/* fw-date-features.c — what dates are good for, each scored by the leak check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include "fw-date.h"
#include "fw-date-features.h"
#include "fw-leak-rows.h"
#include "fw-preprocessor-private.h"
#include "fw-recipe-private.h"
#include "fw-stats.h"

/* Rows a date's median is taken from. */
#define MEDIAN_SAMPLE 16384
/* Training rows a feature is scored on, evenly spaced: as many as the leak check of a
 * column scores (fw-profile-leak.c), so a feature and a column are judged alike. */
#define SCORED_ROWS   (1u << 18)

typedef struct
{
  const FwColumn        *column;
  const FwColumnProfile *profile;
  double                *days;        /* per code */
  double                 median;
} Date;

/* What the features are scored against; unchecked when @target is NULL.  The features
 * are made on the scored rows only, packed: feature row i is table row index[i]. */
typedef struct
{
  const FwColumn *target;       /* a regression's numbers packed as well */
  FwColumn       *packed_target;
  FwLeakRows      rows;         /* 0 … n − 1, with the classes packed */
  gsize          *index;
  gsize          *identity;
  guint32        *labels;
  gboolean        regression;
  gsize           n_table_rows;
} Scoring;

static void
scoring_init (Scoring          *s,
              const FwColumn   *target,
              const FwLeakRows *train)
{
  gsize n = MIN (train->n_rows, SCORED_ROWS);

  s->index = g_new (gsize, MAX (n, 1));
  s->identity = g_new (gsize, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      s->index[i] = train->rows[(gsize) ((double) i * train->n_rows / n)];
      s->identity[i] = i;
    }
  s->rows = *train;
  s->rows.rows = s->identity;
  s->rows.n_rows = n;
  s->regression = train->labels == NULL;
  s->target = target;
  if (!s->regression)
    {
      s->labels = g_new (guint32, MAX (n, 1));
      for (gsize i = 0; i < n; i++)
        s->labels[i] = train->labels[s->index[i]];
      s->rows.labels = s->labels;
    }
  else
    {
      double *y = g_new (double, MAX (n, 1));

      for (gsize i = 0; i < n; i++)
        y[i] = fw_column_get_number (target, s->index[i]);
      s->packed_target = fw_column_new_float64 (target->name, y, n);
      s->target = s->packed_target;
    }
}

static void
scoring_clear (Scoring *s)
{
  g_free (s->index);
  g_free (s->identity);
  g_free (s->labels);
  g_clear_pointer (&s->packed_target, fw_column_free);
}

void
fw_date_feature_free (gpointer data)
{
  FwDateFeature *feature = data;

  g_free (feature->step.column);
  g_free (feature->step.to);
  g_free (feature->step.name);
  g_free (feature->label);
  g_free (feature->message);
  g_free (feature);
}

static double
median_days (const Date *d)
{
  gsize n_rows = d->column->n_rows, stride = MAX (1, n_rows / MEDIAN_SAMPLE), n = 0;
  g_autofree double *sample = g_new (double, n_rows / stride + 1);

  for (gsize row = 0; row < n_rows; row += stride)
    {
      double x = fw_preprocessor_days (d->column, d->days, row);

      if (!isnan (x))
        sample[n++] = x;
    }
  if (n == 0)
    return NAN;
  fw_stats_sort (sample, n);
  return fw_stats_quantile (sample, n, 0.5);
}

static gboolean
listed (const GPtrArray *names,
        const char      *name)
{
  return g_ptr_array_find_with_equal_func ((GPtrArray *) names, name, g_str_equal, NULL);
}

/* Scores @values (one per table row, read on the scored rows only) into @leak, keeping the
 * stronger of it and what @leak held. */
static void
score (const Scoring *s,
       double        *values,
       FwLeakScore   *leak)
{
  g_autoptr(FwColumn) column = fw_column_new_float64 ("", values, s->rows.n_rows);
  const FwColumn *columns[] = { column };
  g_autofree FwLeakScore *scores = fw_columns_leak_scores (columns, 1, s->target, &s->rows);

  if (!leak->checked || (!isnan (scores[0].score) &&
                         (isnan (leak->score) || scores[0].score > leak->score)))
    *leak = scores[0];
}

static FwDateFeature *
date_parts (const Scoring *s,
            const Date    *d)
{
  FwDateFeature *feature = g_new0 (FwDateFeature, 1);
  guint size = fw_dictionary_size (d->column->dict);
  g_autofree double *parts = g_new (double, size + 1);

  feature->step.kind = FW_STEP_DATE_PARTS;
  feature->step.column = g_strdup (d->column->name);
  /* Translators: %s is a column name. */
  feature->label = g_strdup_printf (_("Year, month and day of the week of “%s”"),
                                    d->column->name);
  feature->leak.score = feature->leak.values = feature->leak.missingness = NAN;
  for (FwDatePart part = FW_DATE_YEAR; s->target != NULL && part < FW_N_DATE_PARTS; part++)
    {
      double *values = g_new (double, MAX (s->rows.n_rows, 1));

      for (guint code = 0; code < size; code++)
        parts[code] = fw_preprocessor_date_part (fw_dictionary_get (d->column->dict, code), part);
      parts[size] = NAN;
      for (gsize i = 0; i < s->rows.n_rows; i++)
        values[i] = fw_preprocessor_days (d->column, parts, s->index[i]);
      score (s, values, &feature->leak);
    }
  return feature;
}

/* The days from @a to @b; @constant: the same on every scored row. */
static FwDateFeature *
days_between (const Scoring *s,
              const Date    *a,
              const Date    *b,
              gboolean      *constant)
{
  FwDateFeature *feature = g_new0 (FwDateFeature, 1);
  double lo = INFINITY, hi = -INFINITY;

  feature->step.kind = FW_STEP_DAYS_BETWEEN;
  feature->step.column = g_strdup (a->column->name);
  feature->step.to = g_strdup (b->column->name);
  /* Translators: both %s are column names. */
  feature->label = g_strdup_printf (_("Days from “%s” to “%s”"), a->column->name,
                                    b->column->name);
  feature->leak.score = feature->leak.values = feature->leak.missingness = NAN;
  if (s->target != NULL)
    {
      double *values = g_new (double, MAX (s->rows.n_rows, 1));

      for (gsize i = 0; i < s->rows.n_rows; i++)
        {
          gsize row = s->index[i];
          double x = fw_preprocessor_days (b->column, b->days, row) -
                     fw_preprocessor_days (a->column, a->days, row);

          values[i] = x;
          if (!isnan (x))
            {
              lo = MIN (lo, x);
              hi = MAX (hi, x);
            }
        }
      score (s, values, &feature->leak);
    }
  *constant = !(hi > lo);
  return feature;
}

static void
describe (const Scoring *s,
          FwDateFeature *feature)
{
  if (feature->leak.suspected)
    feature->message = fw_leak_score_describe (&feature->leak, feature->label, s->target->name,
                                               s->regression);
}

/* Filled in on enough rows, not a suspected leak itself, and learnt from. */
static gboolean
usable (const Date     *d,
        const FwRecipe *settings,
        gsize           n_rows)
{
  return (double) d->profile->missing <= FW_RECIPE_INDICATOR_FRACTION * (double) n_rows &&
         !fw_column_profile_has_issue (d->profile, FW_ISSUE_TARGET_LEAKAGE) &&
         (settings->sensitive_as_features || !listed (settings->sensitive, d->column->name));
}

/* A model given the days from several dates to one can work out the days between any two
 * of them; so the dates used are those, in table order, whose every pair with the ones
 * before passed the leak check, each counted to the latest of them. */
static void
suggest (const Scoring   *s,
         GArray          *dates,
         FwDateFeature  **pairs,
         const gboolean  *constant,
         const FwRecipe  *settings)
{
  g_autofree guint *used = g_new (guint, dates->len + 1);
  guint n_used = 0, latest = 0, n_suggested = 0;

  for (guint i = 0; i < dates->len; i++)
    {
      gboolean fits = usable (&g_array_index (dates, Date, i), settings, s->n_table_rows);

      for (guint k = 0; fits && k < n_used; k++)
        fits = !pairs[i * dates->len + used[k]]->leak.suspected &&
               !constant[i * dates->len + used[k]];
      if (!fits)
        continue;
      if (n_used == 0 || g_array_index (dates, Date, i).median >
                         g_array_index (dates, Date, used[latest]).median)
        latest = n_used;
      used[n_used++] = i;
    }
  for (guint k = 0; k < n_used && n_suggested < FW_DATE_FEATURES_MAX_SUGGESTED; k++)
    if (k != latest)
      {
        pairs[used[k] * dates->len + used[latest]]->suggested = TRUE;
        n_suggested++;
      }
}

GPtrArray *
fw_recipe_date_features_on (const FwTable        *table,
                            const FwTableProfile *profile,
                            const FwRecipe       *settings,
                            int                   target,
                            const FwLeakRows     *train)
{
  g_autoptr(GPtrArray) features = g_ptr_array_new_with_free_func (fw_date_feature_free);
  g_autoptr(GArray) dates = g_array_new (FALSE, FALSE, sizeof (Date));
  g_autofree FwDateFeature **pairs = NULL;
  g_autofree gboolean *constant = NULL;
  Scoring s = { .n_table_rows = fw_table_n_rows (table) };

  for (guint c = 0; c < profile->n_columns && dates->len < FW_DATE_FEATURES_MAX_COLUMNS; c++)
    {
      const FwColumn *column = fw_table_column (table, c);
      Date d = { column, &profile->columns[c], NULL, NAN };

      if (profile->columns[c].kind != FW_KIND_DATETIME || fw_column_is_numeric (column) ||
          g_strcmp0 (column->name, settings->target) == 0)
        continue;
      d.days = fw_column_date_days (column);
      d.median = median_days (&d);
      g_array_append_val (dates, d);
    }
  if (dates->len > 0 && target >= 0)
    scoring_init (&s, fw_table_column (table, (guint) target), train);

  for (guint i = 0; i < dates->len; i++)
    {
      FwDateFeature *feature = date_parts (&s, &g_array_index (dates, Date, i));

      describe (&s, feature);
      g_ptr_array_add (features, feature);
    }
  pairs = g_new0 (FwDateFeature *, (gsize) dates->len * dates->len + 1);
  constant = g_new0 (gboolean, (gsize) dates->len * dates->len + 1);
  for (guint i = 0; i < dates->len; i++)
    for (guint j = i + 1; j < dates->len; j++)
      {
        const Date *a = &g_array_index (dates, Date, i), *b = &g_array_index (dates, Date, j);
        FwDateFeature *feature;

        /* From the earlier to the later, so that the days mostly count up. */
        if (a->median > b->median)
          {
            const Date *swap = a;

            a = b;
            b = swap;
          }
        feature = days_between (&s, a, b, &constant[i * dates->len + j]);
        constant[j * dates->len + i] = constant[i * dates->len + j];
        describe (&s, feature);
        pairs[i * dates->len + j] = pairs[j * dates->len + i] = feature;
        g_ptr_array_add (features, feature);
      }
  if (s.target != NULL)
    suggest (&s, dates, pairs, constant, settings);
  for (guint i = 0; i < dates->len; i++)
    g_free (g_array_index (dates, Date, i).days);
  scoring_clear (&s);
  return g_steal_pointer (&features);
}

GPtrArray *
fw_recipe_date_features (const FwTable        *table,
                         const FwTableProfile *profile,
                         const FwRecipe       *settings,
                         GError              **error)
{
  FwTarget t = FW_TARGET_INIT;
  g_autofree gsize *rows = NULL;
  FwLeakRows train = { 0 };
  GPtrArray *features;
  int target = -1;

  g_return_val_if_fail (table != NULL && profile != NULL && settings != NULL, NULL);
  g_return_val_if_fail (profile->n_columns == fw_table_n_columns (table), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (settings->target != NULL && fw_table_column_index (table, settings->target) >= 0)
    {
      target = fw_recipe_leak_rows (settings, table, &t, &rows, &train, error);
      if (target < 0)
        return NULL;
    }
  features = fw_recipe_date_features_on (table, profile, settings, target, &train);
  fw_target_clear (&t);
  return features;
}
