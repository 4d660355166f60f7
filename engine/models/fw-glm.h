/* fw-glm.h — what an exact fit (fw-glm.c) leaves behind for inference: the coefficients in
 * double precision and their covariance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Newton/IRLS keeps the (p + 1)² Hessian and factors it every iteration; past this many
 * features a recipe asking for the exact solver is trained by mini-batches instead. */
#define FW_GLM_MAX_FEATURES   2000
/* Newton iterations before the fit is given up as not converging (R's glm stops at 25). */
#define FW_GLM_MAX_ITERATIONS 50

typedef enum {
  FW_GLM_UNPENALISED,
  FW_GLM_SEPARATED,             /* the classes are (almost) perfectly separated */
  FW_GLM_SINGULAR,              /* some columns are combinations of others */
} FwGlmPenalty;

typedef struct
{
  guint         n_features;
  double       *estimate;       /* n_features slopes, then the intercept; fixed ones 0 */
  double       *covariance;     /* (n_features + 1)², row-major, same order; fixed rows 0;
                                   NULL until the fit converged */
  gboolean     *fixed;          /* n_features: held at 0 (a reference level, or a column
                                   constant on the training rows) */
  double        df_residual;    /* linear: rows − parameters, for t tests; 0 for logistic */
  double        penalty;        /* the L2 applied (per mean row, as "l2"); 0: none */
  FwGlmPenalty  reason;
  guint         iterations;
  gboolean      converged;
} FwGlmFit;

G_END_DECLS
