/* fw-mitigation-reweigh.c — Kamiran and Calders' reweighing, before training
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include "fw-error.h"
#include "fw-mitigation-private.h"

float *
fw_reweigh_weights (const FwMitigationInput *input,
                    GError                 **error)
{
  g_autofree double *cell = NULL, *group_total = NULL, *class_total = NULL;
  const guint32 *groups, *labels;
  const float *base_weights;
  guint n_groups, n_classes;
  double total = 0;
  gsize n;
  float *weights;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (input->n == 0 || (input->groups != NULL && input->labels != NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  groups = input->groups;
  n_groups = input->n_groups;
  labels = input->labels;
  n_classes = input->n_classes;
  base_weights = input->weights;
  n = input->n;

  /* Weighted counts: P(g) = W_g / W, P(y) = W_y / W, P(g, y) = W_gy / W. */
  cell = g_new0 (double, (gsize) n_groups * n_classes);
  group_total = g_new0 (double, n_groups);
  class_total = g_new0 (double, n_classes);
  for (gsize i = 0; i < n; i++)
    {
      double b = base_weights != NULL ? base_weights[i] : 1.0;

      if (groups[i] >= n_groups
          && !fw_set_error (error, FW_MITIGATION_ERROR, FW_MITIGATION_ERROR_INVALID,
                            _("Row %zu has group %u; there are only %u"),
                            i + 1, groups[i], n_groups))
        return NULL;
      if (labels[i] >= n_classes
          && !fw_set_error (error, FW_MITIGATION_ERROR, FW_MITIGATION_ERROR_INVALID,
                            _("Row %zu has class %u; there are only %u"),
                            i + 1, labels[i], n_classes))
        return NULL;
      if (!fw_mitigation_check_weight (base_weights, i, error))
        return NULL;
      cell[(gsize) groups[i] * n_classes + labels[i]] += b;
      group_total[groups[i]] += b;
      class_total[labels[i]] += b;
      total += b;
    }
  if (!(total > 0))
    {
      g_set_error_literal (error, FW_MITIGATION_ERROR, FW_MITIGATION_ERROR_EMPTY,
                           n == 0 ? _("There are no rows to reweigh")
                                  : _("Every row has weight zero"));
      return NULL;
    }

  /* P(g)·P(y)/P(g, y) = W_g·W_y / (W·W_gy).  A row's own cell holds at least its own base
   * weight, so W_gy is zero only for rows of weight zero, which stay zero. */
  weights = g_new (float, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      double b = base_weights != NULL ? base_weights[i] : 1.0;
      double w_gy = cell[(gsize) groups[i] * n_classes + labels[i]];

      weights[i] = w_gy > 0 ? b * (group_total[groups[i]] * class_total[labels[i]]
                                   / (total * w_gy))
                            : 0.0f;
      if (!isfinite (weights[i]))
        {
          g_free (weights);
          fw_set_error (error, FW_MITIGATION_ERROR, FW_MITIGATION_ERROR_INVALID,
                        _("Row %zu gets a weight too large to store"), i + 1);
          return NULL;
        }
    }
  return weights;
}
