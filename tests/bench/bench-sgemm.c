/* bench-sgemm.c — OpenBLAS sgemm GFLOP/s on this machine, at the shapes we care about
 *
 * Usage: bench-sgemm [-t THREADS] SPEC [SPEC…] [-t THREADS SPEC…]
 *   SPEC is OP:MxNxK with OP one of NN, TN, NT (op(A), op(B) as in cblas_sgemm, row-major):
 *   C (M×N) = op(A) (M×K) · op(B) (K×N).  -t sets openblas_set_num_threads for the specs
 *   that follow it (default 1).
 *
 * Prints one line per spec: `spec=NN:256x64x64 threads=1 gflops=… us_per_call=…`.  FLOPs are
 * the textbook 2·M·N·K.  Each figure is the best of 5 rounds of back-to-back calls on the
 * same (cache-warm) buffers, each round at least 0.1 s long: the peak the library reaches,
 * which is what bench_train.py divides the MLP's achieved rate by.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cblas.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROUNDS       5
#define ROUND_SECONDS 0.1

typedef struct
{
  gboolean trans_a;
  gboolean trans_b;
  int      m, n, k;
} Spec;

static gboolean
parse_spec (const char *text,
            Spec       *spec)
{
  char op[3] = { 0 };

  if (sscanf (text, "%2[NT]:%dx%dx%d", op, &spec->m, &spec->n, &spec->k) != 4
      || strlen (op) != 2 || spec->m <= 0 || spec->n <= 0 || spec->k <= 0
      || spec->m > 16384 || spec->n > 16384 || spec->k > 16384)
    return FALSE;
  spec->trans_a = op[0] == 'T';
  spec->trans_b = op[1] == 'T';
  return !(spec->trans_a && spec->trans_b);
}

static float *
random_matrix (gsize    n,
               GRand   *rand)
{
  float *m = g_new (float, n);

  for (gsize i = 0; i < n; i++)
    m[i] = (float) g_rand_double_range (rand, -1.0, 1.0);
  return m;
}

/* Best GFLOP/s over ROUNDS rounds; *us_per_call gets that round's time per call. */
static double
measure (const Spec *s,
         double     *us_per_call)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GTimer) timer = g_timer_new ();
  /* Stored shapes: op(A) is M×K, so A is K×M when transposed; likewise B. */
  int lda = s->trans_a ? s->m : s->k;
  int ldb = s->trans_b ? s->k : s->n;
  float *a = random_matrix ((gsize) s->m * s->k, rand);
  float *b = random_matrix ((gsize) s->k * s->n, rand);
  float *c = g_new0 (float, (gsize) s->m * s->n);
  double flops = 2.0 * s->m * s->n * s->k;
  double best = 0.0;
  long calls = 1;

  /* Warm-up, and a call count that makes one round last about ROUND_SECONDS. */
  for (;;)
    {
      g_timer_start (timer);
      for (long i = 0; i < calls; i++)
        cblas_sgemm (CblasRowMajor, s->trans_a ? CblasTrans : CblasNoTrans,
                     s->trans_b ? CblasTrans : CblasNoTrans, s->m, s->n, s->k, 1.0f, a, lda,
                     b, ldb, 0.0f, c, s->n);
      if (g_timer_elapsed (timer, NULL) >= ROUND_SECONDS / 4)
        break;
      calls *= 2;
    }
  calls *= 4;

  for (int round = 0; round < ROUNDS; round++)
    {
      double seconds;

      g_timer_start (timer);
      for (long i = 0; i < calls; i++)
        cblas_sgemm (CblasRowMajor, s->trans_a ? CblasTrans : CblasNoTrans,
                     s->trans_b ? CblasTrans : CblasNoTrans, s->m, s->n, s->k, 1.0f, a, lda,
                     b, ldb, 0.0f, c, s->n);
      seconds = g_timer_elapsed (timer, NULL);
      if (flops * calls / seconds / 1e9 > best)
        {
          best = flops * calls / seconds / 1e9;
          *us_per_call = seconds / calls * 1e6;
        }
    }

  g_free (a);
  g_free (b);
  g_free (c);
  return best;
}

int
main (int    argc,
      char **argv)
{
  int threads = 1;

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-sgemm [-t THREADS] OP:MxNxK… (OP: NN, TN or NT)\n");
      return 2;
    }

  for (int i = 1; i < argc; i++)
    {
      Spec spec;
      double gflops, us = 0.0;

      if (strcmp (argv[i], "-t") == 0 && i + 1 < argc)
        {
          threads = atoi (argv[++i]);
          if (threads < 1 || threads > 1024)
            {
              fprintf (stderr, "bench-sgemm: bad thread count %s\n", argv[i]);
              return 2;
            }
          continue;
        }
      if (!parse_spec (argv[i], &spec))
        {
          fprintf (stderr, "bench-sgemm: bad spec %s (want NN:MxNxK, TN:… or NT:…)\n", argv[i]);
          return 2;
        }
      openblas_set_num_threads (threads);
      gflops = measure (&spec, &us);
      printf ("spec=%s threads=%d gflops=%.1f us_per_call=%.2f\n", argv[i], threads, gflops, us);
      fflush (stdout);
    }
  return 0;
}
