/* fw-backend-dropout.h — the dropout hash every backend draws its masks from
 *
 * One definition for the CPU backend (C) and the CUDA kernels (nvcc), so that a mask is the
 * same bits on both: plain <stdint.h> types, no GLib, and callable on the device when
 * compiled by nvcc.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdint.h>

#ifdef __CUDACC__
#define FW_HOST_DEVICE __host__ __device__
#else
#define FW_HOST_DEVICE
#endif

/* Golden-ratio step between the counters of consecutive groups of four elements. */
#define FW_DROPOUT_STEP UINT64_C (0x9e3779b97f4a7c15)

/* SplitMix64's finaliser (Steele, Lea & Flood 2014): a counter-based generator, so element
 * i's draw does not depend on the order in which elements are visited. */
static inline FW_HOST_DEVICE uint64_t
fw_dropout_mix64 (uint64_t x)
{
  x = (x ^ (x >> 30)) * UINT64_C (0xbf58476d1ce4e5b9);
  x = (x ^ (x >> 27)) * UINT64_C (0x94d049bb133111eb);
  return x ^ (x >> 31);
}

/* Element i's 16-bit draw, uniform in [0, 65536): one hash gives the draws of four
 * elements.  It drops when the draw is below the threshold (uint32_t) (rate·65536.0). */
static inline FW_HOST_DEVICE uint32_t
fw_dropout_draw (uint64_t key,
                 uint64_t i)
{
  uint64_t h = fw_dropout_mix64 (key + (i / 4 + 1) * FW_DROPOUT_STEP);

  return (uint32_t) (h >> (16 * (i % 4))) & 0xffff;
}
