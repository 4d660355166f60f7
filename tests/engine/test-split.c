/* test-split.c — sizes, coverage, stratified shares and determinism of the row split
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include "fw-split.h"

static const double standard[FW_SPLIT_N_PARTS] = { 0.70, 0.15, 0.15 };

/* Row numbers with gaps, so that a split handing back positions instead would show. */
static gsize *
sparse_rows (gsize n)
{
  gsize *rows = g_new (gsize, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    rows[i] = 3 * i + 1;
  return rows;
}

/* Every input row in exactly one part, each part ascending. */
static void
assert_partition (const FwSplit *split,
                  const gsize   *rows,
                  gsize          n)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  gsize total = 0;

  for (guint p = 0; p < FW_SPLIT_N_PARTS; p++)
    {
      for (gsize i = 0; i < split->n[p]; i++)
        {
          if (i > 0)
            g_assert_cmpuint (split->rows[p][i - 1], <, split->rows[p][i]);
          g_assert_true (g_hash_table_add (seen, GSIZE_TO_POINTER (split->rows[p][i] + 1)));
        }
      total += split->n[p];
    }
  g_assert_cmpuint (total, ==, n);
  for (gsize i = 0; i < n; i++)
    g_assert_true (g_hash_table_contains (seen, GSIZE_TO_POINTER (rows[i] + 1)));
}

static void
test_sizes (void)
{
  static const struct { gsize n; double f[3]; gsize expect[3]; } cases[] = {
    { 1000, { 0.70, 0.15, 0.15 }, { 700, 150, 150 } },
    { 20,   { 0.70, 0.15, 0.15 }, { 14, 3, 3 } },
    { 100,  { 0.80, 0.00, 0.20 }, { 80, 0, 20 } },
    { 10,   { 1.00, 0.00, 0.00 }, { 10, 0, 0 } },
    { 9,    { 1 / 3.0, 1 / 3.0, 1 / 3.0 }, { 3, 3, 3 } },
    { 0,    { 0.70, 0.15, 0.15 }, { 0, 0, 0 } },
    { 1,    { 0.70, 0.15, 0.15 }, { 1, 0, 0 } },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree gsize *rows = sparse_rows (cases[c].n);
      g_autoptr(FwSplit) split = fw_split_new (rows, cases[c].n, NULL, 0, cases[c].f, 1);

      for (guint p = 0; p < FW_SPLIT_N_PARTS; p++)
        g_assert_cmpuint (split->n[p], ==, cases[c].expect[p]);
      assert_partition (split, rows, cases[c].n);
    }
}

/* Rows given out of order come back ascending all the same. */
static void
test_unordered_input (void)
{
  gsize rows[200];
  g_autoptr(FwSplit) split = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    rows[i] = (i * 7919) % 211;             /* a permutation of distinct values */
  split = fw_split_new (rows, G_N_ELEMENTS (rows), NULL, 0, standard, 9);
  assert_partition (split, rows, G_N_ELEMENTS (rows));
}

/* Any size and fractions: each part within one row of n × fraction. */
static void
test_sizes_within_one (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint trial = 0; trial < 500; trial++)
    {
      gsize n = g_rand_int_range (rand, 0, 2000);
      double a = g_rand_double (rand), b = g_rand_double (rand) * (1.0 - a);
      double f[3] = { a, b, 1.0 - a - b };
      g_autofree gsize *rows = sparse_rows (n);
      g_autoptr(FwSplit) split = fw_split_new (rows, n, NULL, 0, f, trial);

      for (guint p = 0; p < FW_SPLIT_N_PARTS; p++)
        g_assert_cmpfloat (fabs ((double) split->n[p] - (double) n * f[p]), <, 1.0 + 1e-9);
      assert_partition (split, rows, n);
    }
}

/* Each class's count in each part within one row of its share, and the parts' sizes too. */
static void
test_stratified (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  for (guint trial = 0; trial < 300; trial++)
    {
      guint n_classes = g_rand_int_range (rand, 1, 8);
      gsize n = g_rand_int_range (rand, 0, 3000);
      double a = g_rand_double_range (rand, 0.05, 0.95), b = g_rand_double (rand) * (1.0 - a);
      double f[3] = { a, b, 1.0 - a - b };
      g_autofree gsize *rows = sparse_rows (n);
      g_autofree guint32 *strata = g_new (guint32, MAX (n, 1));
      g_autofree gsize *class_n = g_new0 (gsize, n_classes);
      g_autoptr(FwSplit) split = NULL;
      g_autoptr(GHashTable) class_of = g_hash_table_new (g_direct_hash, g_direct_equal);

      /* Skewed classes: class c is drawn about 2^c times as often as class 0. */
      for (gsize i = 0; i < n; i++)
        {
          guint c = (guint) floor (log2 (1.0 + g_rand_double (rand) * ((1 << n_classes) - 1)));

          strata[i] = MIN (c, n_classes - 1);
          class_n[strata[i]]++;
          g_hash_table_insert (class_of, GSIZE_TO_POINTER (rows[i]), GUINT_TO_POINTER (strata[i]));
        }
      split = fw_split_new (rows, n, strata, n_classes, f, trial);
      assert_partition (split, rows, n);
      for (guint p = 0; p < FW_SPLIT_N_PARTS; p++)
        {
          g_autofree gsize *count = g_new0 (gsize, n_classes);

          g_assert_cmpfloat (fabs ((double) split->n[p] - (double) n * f[p]), <, 1.0 + 1e-9);
          for (gsize i = 0; i < split->n[p]; i++)
            count[GPOINTER_TO_UINT (g_hash_table_lookup (class_of,
                                                         GSIZE_TO_POINTER (split->rows[p][i])))]++;
          for (guint c = 0; c < n_classes; c++)
            g_assert_cmpfloat (fabs ((double) count[c] - (double) class_n[c] * f[p]), <,
                               1.0 + 1e-9);
        }
    }
}

/* A rare class of 3 rows in 1000 still reaches training; 10 of 1000 reach every part. */
static void
test_stratified_rare (void)
{
  gsize n = 1000;
  g_autofree gsize *rows = sparse_rows (n);
  g_autofree guint32 *strata = g_new0 (guint32, n);
  g_autoptr(FwSplit) split = NULL;
  guint in_part[FW_SPLIT_N_PARTS] = { 0 };

  for (gsize i = 0; i < 10; i++)
    strata[i * 97] = 1;
  split = fw_split_new (rows, n, strata, 2, standard, 5);
  for (guint p = 0; p < FW_SPLIT_N_PARTS; p++)
    for (gsize i = 0; i < split->n[p]; i++)
      in_part[p] += (split->rows[p][i] - 1) / 3 % 97 == 0 && (split->rows[p][i] - 1) / 3 < 970;
  /* 10 × (0.7, 0.15, 0.15) = 7, 1.5, 1.5: 7 and then one of 1 or 2 each. */
  g_assert_cmpuint (in_part[0], ==, 7);
  g_assert_cmpuint (in_part[1] + in_part[2], ==, 3);
  g_assert_cmpuint (in_part[1], >=, 1);
  g_assert_cmpuint (in_part[2], >=, 1);
}

static gboolean
splits_equal (const FwSplit *a,
              const FwSplit *b)
{
  for (guint p = 0; p < FW_SPLIT_N_PARTS; p++)
    if (a->n[p] != b->n[p] ||
        (a->n[p] > 0 && memcmp (a->rows[p], b->rows[p], a->n[p] * sizeof (gsize)) != 0))
      return FALSE;
  return TRUE;
}

static void
test_deterministic (void)
{
  gsize n = 5000;
  g_autofree gsize *rows = sparse_rows (n);
  g_autofree guint32 *strata = g_new (guint32, n);
  g_autoptr(FwSplit) a = NULL;
  g_autoptr(FwSplit) b = NULL;
  g_autoptr(FwSplit) c = NULL;
  g_autoptr(FwSplit) d = NULL;

  for (gsize i = 0; i < n; i++)
    strata[i] = i % 7 == 0;
  a = fw_split_new (rows, n, strata, 2, standard, 42);
  b = fw_split_new (rows, n, strata, 2, standard, 42);
  c = fw_split_new (rows, n, strata, 2, standard, 43);
  d = fw_split_new (rows, n, NULL, 0, standard, 42);
  g_assert_true (splits_equal (a, b));
  g_assert_false (splits_equal (a, c));
  g_assert_false (splits_equal (a, d));
}

/* Known answers from an independent Python transcription of xoshiro256** / SplitMix64 and
 * the dealing rule: the same on every platform. */
static void
test_known_answer (void)
{
  static const gsize train[] = { 3, 5, 6, 7, 8, 9 }, validation[] = { 1, 4 }, test[] = { 0, 2 };
  static const gsize s_train[] = { 100, 103, 104, 108, 110, 111 };
  static const gsize s_validation[] = { 105, 107, 109 }, s_test[] = { 101, 102, 106 };
  const double f[3] = { 0.6, 0.2, 0.2 }, g[3] = { 0.5, 0.25, 0.25 };
  gsize rows[12];
  guint32 strata[12];
  g_autoptr(FwSplit) split = NULL;
  g_autoptr(FwSplit) stratified = NULL;

  for (guint i = 0; i < 12; i++)
    {
      rows[i] = i < 10 ? i : 0;
      strata[i] = i % 3;
    }
  split = fw_split_new (rows, 10, NULL, 0, f, 42);
  g_assert_cmpmem (split->rows[0], split->n[0] * sizeof (gsize), train, sizeof train);
  g_assert_cmpmem (split->rows[1], split->n[1] * sizeof (gsize), validation, sizeof validation);
  g_assert_cmpmem (split->rows[2], split->n[2] * sizeof (gsize), test, sizeof test);

  for (guint i = 0; i < 12; i++)
    rows[i] = 100 + i;
  stratified = fw_split_new (rows, 12, strata, 3, g, 7);
  g_assert_cmpmem (stratified->rows[0], stratified->n[0] * sizeof (gsize), s_train,
                   sizeof s_train);
  g_assert_cmpmem (stratified->rows[1], stratified->n[1] * sizeof (gsize), s_validation,
                   sizeof s_validation);
  g_assert_cmpmem (stratified->rows[2], stratified->n[2] * sizeof (gsize), s_test,
                   sizeof s_test);
}

/* Seeds spread: over 50 seeds of a 100-row split, no two training sets are the same, and
 * every row lands in training for some seed and outside it for another. */
static void
test_seeds_differ (void)
{
  gsize n = 100;
  g_autofree gsize *rows = sparse_rows (n);
  g_autoptr(GHashTable) sets = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                                      (GDestroyNotify) g_bytes_unref, NULL);
  guint in_train[100] = { 0 };

  for (guint64 seed = 0; seed < 50; seed++)
    {
      g_autoptr(FwSplit) split = fw_split_new (rows, n, NULL, 0, standard, seed);

      g_assert_true (g_hash_table_add (sets, g_bytes_new (split->rows[0],
                                                          split->n[0] * sizeof (gsize))));
      for (gsize i = 0; i < split->n[0]; i++)
        in_train[(split->rows[0][i] - 1) / 3]++;
    }
  for (gsize i = 0; i < n; i++)
    {
      g_assert_cmpuint (in_train[i], >, 0);
      g_assert_cmpuint (in_train[i], <, 50);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/split/sizes", test_sizes);
  g_test_add_func ("/engine/split/unordered-input", test_unordered_input);
  g_test_add_func ("/engine/split/sizes-within-one", test_sizes_within_one);
  g_test_add_func ("/engine/split/stratified", test_stratified);
  g_test_add_func ("/engine/split/stratified-rare", test_stratified_rare);
  g_test_add_func ("/engine/split/deterministic", test_deterministic);
  g_test_add_func ("/engine/split/known-answer", test_known_answer);
  g_test_add_func ("/engine/split/seeds-differ", test_seeds_differ);
  return g_test_run ();
}
