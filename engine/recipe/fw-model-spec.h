/* fw-model-spec.h — the model a recipe asks for: the task, the kind, its layers, the optimiser
 *
 * The recipe's "model" section, and all that a model needs from the recipe: the models
 * include this header, never fw-recipe.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The most hidden layers an MLP may have. */
#define FW_RECIPE_MAX_HIDDEN     4
/* The widest hidden layer a recipe may ask for. */
#define FW_RECIPE_MAX_HIDDEN_WIDTH 4096

typedef enum {
  FW_TASK_AUTO,                 /* decided from the target column */
  FW_TASK_BINARY,
  FW_TASK_MULTICLASS,
  FW_TASK_REGRESSION,
} FwTask;

typedef enum {
  FW_MODEL_LOGISTIC,
  FW_MODEL_LINEAR,
  FW_MODEL_MLP,
} FwModelKind;

typedef enum {
  FW_OPTIMIZER_ADAM,
  FW_OPTIMIZER_SGD,             /* with momentum */
} FwOptimizerKind;

/* How logistic and linear regression are fitted (an MLP always by mini-batches).  Zero, the
 * value of a spec that names none, is the way recipes written before the choice existed
 * were trained, so that they replay as they did. */
typedef enum {
  FW_SOLVER_MINIBATCH,          /* logistic: the optimiser over mini-batches with early
                                   stopping; linear: the ridge normal equations with l2 */
  FW_SOLVER_EXACT,              /* to the optimum of the unpenalised likelihood by Newton
                                   (fw-glm.h), with standard errors; several classes:
                                   multinomial against the first */
} FwSolver;

typedef struct
{
  FwModelKind     kind;
  guint           hidden[FW_RECIPE_MAX_HIDDEN];  /* MLP layer widths */
  guint           n_hidden;
  guint           epochs;
  guint           batch_size;
  double          learning_rate;
  double          l2;
  double          dropout;
  FwOptimizerKind optimizer;
  double          momentum;
  guint           patience;     /* early stopping on validation loss; 0 = off */
  char           *device;       /* "auto", "cpu" or "cuda" */
  FwSolver        solver;
} FwModelSpec;

/* The Adam learning rate that suits each model in about 20 epochs: 0.01 for the convex
 * logistic and linear problems, 0.001 for an MLP (measured on Adult and the sample). */
double    fw_model_kind_default_learning_rate (FwModelKind kind);

G_END_DECLS
