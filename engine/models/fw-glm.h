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
  guint         n_outputs;      /* 1; several classes: n_classes, the first the reference */
  guint         first_output;   /* 0; several classes: 1 (the reference's block stays 0) */
  double       *estimate;       /* per output, n_features slopes then the intercept; fixed
                                   ones 0 */
  double       *covariance;     /* of the outputs from first_output on: P², P = (n_outputs −
                                   first_output)·(n_features + 1), row-major, in the order of
                                   estimate from first_output's block; fixed rows 0; NULL
                                   until the fit converged */
  gboolean     *fixed;          /* n_features: held at 0 (a reference level, or a column
                                   constant on the training rows) */
  double        df_residual;    /* linear: rows − parameters, for t tests; 0 for logistic */
  double        penalty;        /* the L2 applied (per mean row, as "l2"); 0: none */
  FwGlmPenalty  reason;
  guint         iterations;
  gboolean      converged;
} FwGlmFit;

G_END_DECLS
