/* fw-random.h — the engine's one pseudo-random generator
 *
 * xoshiro256** 1.0 (Blackman & Vigna, 2018), seeded through SplitMix64 as its authors
 * advise.  Its own code, so every platform draws the same numbers for a seed: splits,
 * shuffles, initial weights and the sample data are reproducible anywhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint64 s[4];
} FwRng;

void    fw_rng_init        (FwRng   *rng,
                            guint64  seed);
/* Independent streams from one seed (initialisation, shuffling, dropout, …). */
void    fw_rng_init_stream (FwRng   *rng,
                            guint64  seed,
                            guint64  stream);
guint64 fw_rng_next        (FwRng   *rng);
/* Uniform in [0, 1), with 53 random bits. */
double  fw_rng_uniform     (FwRng   *rng);
/* Uniform in [0, @bound), unbiased by rejection; @bound > 0. */
guint64 fw_rng_below       (FwRng   *rng,
                            guint64  bound);

G_END_DECLS
