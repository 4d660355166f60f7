/* fw-backend-rows.h — one row of the loss and output ops, the same code on every backend
 *
 * The CPU backend loops these over rows; the CUDA kernels run one row per thread.  Sharing
 * the source (plain C, callable on the device under nvcc) makes the backends agree by
 * construction: only the math library's expf/log differ, by an ulp or two.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include "fw-backend-dropout.h"

/* FwLoss's values (fw-backend.c checks that they match). */
enum {
  FW_ROWS_MSE,
  FW_ROWS_SIGMOID_BCE,
  FW_ROWS_SOFTMAX_CE,
};

/* log(1 + e^z) without overflow for large z or loss of digits for very negative z. */
static inline FW_HOST_DEVICE double
fw_rows_softplus (double z)
{
  return z > 0 ? z + log1p (exp (-z)) : log1p (exp (z));
}

static inline FW_HOST_DEVICE float
fw_rows_sigmoid (float z)
{
  if (z >= 0)
    return 1.0f / (1.0f + expf (-z));
  else
    {
      float e = expf (z);

      return e / (1.0f + e);
    }
}

/* GLib's MAX (): a NaN in b wins, a NaN in a does not. */
static inline FW_HOST_DEVICE float
fw_rows_max (float a,
             float b)
{
  return a > b ? a : b;
}

/* Row r's loss, not yet weighted; when @grad is not NULL its row gets gs·∂loss/∂z.  A label
 * out of range (the engine checks them first) gives NaN rather than a stray read. */
static inline FW_HOST_DEVICE double
fw_rows_loss (int             loss,
              const float    *z,
              size_t          r,
              size_t          cols,
              const uint32_t *labels,
              const float    *values,
              float           gs,
              float          *grad)
{
  const float *zr = z + r * cols;
  double total = 0;

  switch (loss)
    {
    case FW_ROWS_MSE:
      for (size_t c = 0; c < cols; c++)
        {
          float d = zr[c] - values[r * cols + c];

          total += (double) d * d;
          if (grad != NULL)
            grad[r * cols + c] = 2.0f * gs * d;
        }
      return total;

    case FW_ROWS_SIGMOID_BCE:
      if (grad != NULL)
        grad[r] = gs * (fw_rows_sigmoid (zr[0]) - (labels[r] ? 1.0f : 0.0f));
      return fw_rows_softplus (zr[0]) - (labels[r] ? zr[0] : 0.0);

    case FW_ROWS_SOFTMAX_CE:
      {
        uint32_t label = labels[r];
        float max = zr[0];
        double s = 0, lse;

        if (label >= cols)
          return NAN;
        for (size_t c = 1; c < cols; c++)
          max = fw_rows_max (max, zr[c]);
        for (size_t c = 0; c < cols; c++)
          s += expf (zr[c] - max);
        lse = max + log (s);
        if (grad != NULL)
          {
            for (size_t c = 0; c < cols; c++)
              grad[r * cols + c] = gs * expf ((float) (zr[c] - lse));
            grad[r * cols + label] -= gs;
          }
        return lse - zr[label];
      }

    default:
      return NAN;
    }
}

/* Row r of what a prediction reports: z (MSE), [1 − σ(z), σ(z)] (sigmoid: two columns of
 * @out), softmax (z). */
static inline FW_HOST_DEVICE void
fw_rows_output (int          loss,
                const float *z,
                size_t       r,
                size_t       cols,
                float       *out)
{
  const float *zr = z + r * cols;

  switch (loss)
    {
    case FW_ROWS_MSE:
      for (size_t c = 0; c < cols; c++)
        out[r * cols + c] = zr[c];
      break;

    case FW_ROWS_SIGMOID_BCE:
      {
        float p = fw_rows_sigmoid (zr[0]);

        out[2 * r] = 1.0f - p;
        out[2 * r + 1] = p;
      }
      break;

    case FW_ROWS_SOFTMAX_CE:
      {
        float max = zr[0];
        double s = 0;

        for (size_t c = 1; c < cols; c++)
          max = fw_rows_max (max, zr[c]);
        for (size_t c = 0; c < cols; c++)
          s += out[r * cols + c] = expf (zr[c] - max);
        for (size_t c = 0; c < cols; c++)
          out[r * cols + c] = (float) (out[r * cols + c] / s);
      }
      break;

    default:
      for (size_t c = 0; c < cols; c++)
        out[r * cols + c] = NAN;
      break;
    }
}
