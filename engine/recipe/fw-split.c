/* fw-split.c — seeded, stratified train/validation/test split
 *
 * Counts first, rows second.  Each class c of n_c rows owes part p about n_c·f_p rows; it
 * gets the floor of that, and the rows left over (0, 1 or 2 with three parts) go to the
 * parts with a fractional share that are furthest behind their running total Σ n_c·f_p.
 * That keeps every running total, and so every part's size, within one row of its share
 * (each step leaves the deficits summing to 0 with none reaching ±1), while each class's
 * own counts are its floors or ceilings.  Then each class's rows are shuffled and dealt.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include "fw-random.h"
#include "fw-split.h"

static void
shuffle (gsize *rows,
         gsize  n,
         FwRng   *rng)
{
  for (gsize i = n; i > 1; i--)
    {
      gsize j = (gsize) fw_rng_below (rng, i), tmp = rows[i - 1];

      rows[i - 1] = rows[j];
      rows[j] = tmp;
    }
}

static int
compare_rows (const void *a,
              const void *b)
{
  gsize x = *(const gsize *) a, y = *(const gsize *) b;

  return x < y ? -1 : x > y;
}

/* Per-class counts for each part, as the comment at the top explains. */
static void
apportion (const gsize  *class_sizes,
           guint         n_classes,
           const double *fractions,
           gsize        *counts)
{
  double deficit[FW_SPLIT_N_PARTS] = { 0 };

  for (guint c = 0; c < n_classes; c++)
    {
      gsize n = class_sizes[c], given = 0;
      double share[FW_SPLIT_N_PARTS];
      gboolean eligible[FW_SPLIT_N_PARTS];

      for (guint p = 0; p < FW_SPLIT_N_PARTS; p++)
        {
          share[p] = (double) n * fractions[p];
          counts[c * FW_SPLIT_N_PARTS + p] = (gsize) floor (share[p]);
          given += counts[c * FW_SPLIT_N_PARTS + p];
          eligible[p] = share[p] > floor (share[p]);
          deficit[p] += share[p] - floor (share[p]);
        }
      /* Fractions that add up to a hair over 1 could round past the class. */
      while (given > n)
        for (guint p = FW_SPLIT_N_PARTS; p-- > 0 && given > n;)
          if (counts[c * FW_SPLIT_N_PARTS + p] > 0)
            {
              counts[c * FW_SPLIT_N_PARTS + p]--;
              deficit[p] += 1.0;
              given--;
            }
      while (given < n)
        {
          guint best = FW_SPLIT_N_PARTS;

          for (guint p = 0; p < FW_SPLIT_N_PARTS; p++)
            if (eligible[p] && fractions[p] > 0.0 &&
                (best == FW_SPLIT_N_PARTS || deficit[p] > deficit[best]))
              best = p;
          /* Rounding can leave no part marked; then the largest fraction takes the row. */
          if (best == FW_SPLIT_N_PARTS)
            for (guint p = 0; p < FW_SPLIT_N_PARTS; p++)
              if (best == FW_SPLIT_N_PARTS || fractions[p] > fractions[best])
                best = p;
          counts[c * FW_SPLIT_N_PARTS + best]++;
          eligible[best] = FALSE;
          deficit[best] -= 1.0;
          given++;
        }
    }
}

FwSplit *
fw_split_new (const gsize   *rows,
              gsize          n_rows,
              const guint32 *strata,
              guint          n_strata,
              const double   fractions[FW_SPLIT_N_PARTS],
              guint64        seed)
{
  g_autofree gsize *class_sizes = NULL;
  g_autofree gsize *class_start = NULL;
  g_autofree gsize *counts = NULL;
  g_autofree gsize *grouped = NULL;
  g_autofree guint8 *part_of = NULL;
  gboolean ascending = TRUE;
  guint n_classes = strata != NULL ? n_strata : 1;
  FwSplit *split;
  FwRng rng;

  g_return_val_if_fail (rows != NULL || n_rows == 0, NULL);
  g_return_val_if_fail (strata == NULL || n_strata > 0, NULL);
  g_return_val_if_fail (fractions != NULL, NULL);
  for (guint p = 0; p < FW_SPLIT_N_PARTS; p++)
    g_return_val_if_fail (fractions[p] >= 0.0 && fractions[p] <= 1.0, NULL);

  /* Rows grouped by class, each class in the order given. */
  class_sizes = g_new0 (gsize, n_classes);
  class_start = g_new0 (gsize, n_classes + 1);
  for (gsize i = 0; i < n_rows; i++)
    {
      guint c = strata != NULL ? strata[i] : 0;

      g_return_val_if_fail (c < n_classes, NULL);
      class_sizes[c]++;
    }
  for (guint c = 0; c < n_classes; c++)
    class_start[c + 1] = class_start[c] + class_sizes[c];
  /* Positions in @rows, grouped by class. */
  grouped = g_new (gsize, MAX (n_rows, 1));
  {
    g_autofree gsize *fill = g_memdup2 (class_start, n_classes * sizeof (gsize));

    for (gsize i = 0; i < n_rows; i++)
      grouped[fill[strata != NULL ? strata[i] : 0]++] = i;
  }

  counts = g_new0 (gsize, (gsize) n_classes * FW_SPLIT_N_PARTS);
  apportion (class_sizes, n_classes, fractions, counts);

  split = g_new0 (FwSplit, 1);
  for (guint c = 0; c < n_classes; c++)
    for (guint p = 0; p < FW_SPLIT_N_PARTS; p++)
      split->n[p] += counts[c * FW_SPLIT_N_PARTS + p];
  for (guint p = 0; p < FW_SPLIT_N_PARTS; p++)
    {
      split->rows[p] = split->n[p] > 0 ? g_new (gsize, split->n[p]) : NULL;
      split->n[p] = 0;
    }

  /* Shuffle each class, deal it out, then collect the parts in input order. */
  part_of = g_new (guint8, MAX (n_rows, 1));
  fw_rng_init (&rng, seed);
  for (guint c = 0; c < n_classes; c++)
    {
      gsize *members = grouped + class_start[c];

      shuffle (members, class_sizes[c], &rng);
      for (guint p = 0; p < FW_SPLIT_N_PARTS; p++)
        for (gsize take = counts[c * FW_SPLIT_N_PARTS + p]; take > 0; take--)
          part_of[*members++] = (guint8) p;
    }
  for (gsize i = 0; i < n_rows; i++)
    {
      split->rows[part_of[i]][split->n[part_of[i]]++] = rows[i];
      ascending = ascending && (i == 0 || rows[i] > rows[i - 1]);
    }
  for (guint p = 0; p < FW_SPLIT_N_PARTS && !ascending; p++)
    if (split->n[p] > 1)
      qsort (split->rows[p], split->n[p], sizeof (gsize), compare_rows);
  return split;
}

void
fw_split_free (FwSplit *split)
{
  if (split == NULL)
    return;
  for (guint p = 0; p < FW_SPLIT_N_PARTS; p++)
    g_free (split->rows[p]);
  g_free (split);
}
