/* fw-onnx-missing.c — how a missing text cell can be written, for the graph's LabelEncoders
 *
 * fw_is_missing_marker takes a cell for missing whatever its letter case; a LabelEncoder
 * matches keys exactly, so the graph lists every spelling.  The category inputs and the
 * per-group thresholds both map them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include "fw-number.h"
#include "fw-onnx-private.h"

/* Every case of @marker, e.g. na, nA, Na, NA. */
static void
add_case_variants (GPtrArray  *out,
                   const char *marker)
{
  guint n_letters = 0, len = strlen (marker);

  for (guint i = 0; i < len; i++)
    n_letters += g_ascii_isalpha (marker[i]);
  for (guint mask = 0; mask < (1u << n_letters); mask++)
    {
      char *variant = g_strdup (marker);

      for (guint i = 0, bit = 0; i < len; i++)
        if (g_ascii_isalpha (variant[i]) && (mask & (1u << bit++)))
          variant[i] = g_ascii_toupper (variant[i]);
      g_ptr_array_add (out, variant);
    }
}

GPtrArray *
fw_onnx_missing_markers (void)
{
  static const char *const markers[] = { "", "?", "na", "n/a", "nan", "null", "#n/a" };
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint m = 0; m < G_N_ELEMENTS (markers); m++)
    add_case_variants (out, markers[m]);
  for (guint i = 0; i < out->len; i++)
    g_assert (fw_is_missing_marker (g_ptr_array_index (out, i),
                                    strlen (g_ptr_array_index (out, i))));
  return out;
}
