/* fw-random.c — xoshiro256** seeded by SplitMix64
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-random.h"

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

void
fw_rng_init (FwRng   *rng,
             guint64  seed)
{
  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&seed);
}

void
fw_rng_init_stream (FwRng   *rng,
                    guint64  seed,
                    guint64  stream)
{
  /* Each stream starts from its own point: the fractional bits of √2 keep them apart. */
  fw_rng_init (rng, seed ^ ((stream + 1) * G_GUINT64_CONSTANT (0x6a09e667f3bcc909)));
}

guint64
fw_rng_next (FwRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9, t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

double
fw_rng_uniform (FwRng *rng)
{
  return (double) (fw_rng_next (rng) >> 11) * 0x1.0p-53;
}

guint64
fw_rng_below (FwRng   *rng,
              guint64  bound)
{
  guint64 threshold = (0 - bound) % bound, r;

  g_assert (bound > 0);
  do
    r = fw_rng_next (rng);
  while (r < threshold);
  return r % bound;
}
