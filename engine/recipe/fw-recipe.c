/* fw-recipe.c — the recipe struct: defaults, copies, checks, the suggested cleaning
 *
 * JSON in and out lives in fw-recipe-json.c, files in fw-recipe-file.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>
#include "fw-error.h"
#include "fw-recipe.h"
#include "fw-recipe-private.h"

G_DEFINE_QUARK (fw-recipe-error-quark, fw_recipe_error)

#define FRACTION_TOLERANCE 1e-9

static const char *const step_names[] = {
  [FW_STEP_IMPUTE_MEAN]       = "impute_mean",
  [FW_STEP_IMPUTE_MEDIAN]     = "impute_median",
  [FW_STEP_IMPUTE_MODE]       = "impute_mode",
  [FW_STEP_IMPUTE_CONSTANT]   = "impute_constant",
  [FW_STEP_DROP_COLUMN]       = "drop_column",
  [FW_STEP_DROP_MISSING_ROWS] = "drop_missing_rows",
  [FW_STEP_CLIP_OUTLIERS]     = "clip_outliers",
  [FW_STEP_ONE_HOT]           = "one_hot",
  [FW_STEP_STANDARDIZE]       = "standardize",
  [FW_STEP_MIN_MAX]           = "min_max",
  [FW_STEP_TREAT_AS_MISSING]  = "treat_as_missing",
  [FW_STEP_MISSING_INDICATOR] = "missing_indicator",
  [FW_STEP_DATE_PARTS]        = "date_parts",
  [FW_STEP_DAYS_BETWEEN]      = "days_between",
};

const char *const fw_recipe_task_names[] = { "auto", "binary", "multiclass", "regression", NULL };
const char *const fw_recipe_model_names[] = { "logistic", "linear", "mlp", NULL };
const char *const fw_recipe_optimizer_names[] = { "adam", "sgd", NULL };
const char *const fw_recipe_solver_names[] = { "minibatch", "exact", NULL };
const char *const fw_recipe_device_names[] = { "auto", "cpu", "cuda", NULL };
const char *const fw_recipe_mitigation_names[] = { "none", "reweigh", NULL };

const char *
fw_step_kind_to_string (FwStepKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (step_names), NULL);
  return step_names[kind];
}

gboolean
fw_step_kind_from_string (const char *name,
                          FwStepKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (step_names); i++)
    if (g_strcmp0 (name, step_names[i]) == 0)
      {
        *kind = (FwStepKind) i;
        return TRUE;
      }
  return FALSE;
}

static void
step_free (gpointer data)
{
  FwStep *step = data;

  g_free (step->column);
  g_free (step->constant);
  g_free (step->to);
  g_free (step->name);
  g_free (step);
}

FwRecipe *
fw_recipe_new (void)
{
  FwRecipe *recipe = g_new0 (FwRecipe, 1);

  recipe->schema_version = FW_RECIPE_SCHEMA_VERSION;
  recipe->steps = g_ptr_array_new_with_free_func (step_free);
  recipe->task = FW_TASK_AUTO;
  recipe->sensitive = g_ptr_array_new_with_free_func (g_free);
  recipe->known_in_advance = g_ptr_array_new_with_free_func (g_free);
  recipe->split = (FwSplitSpec) { 0.70, 0.15, 0.15, TRUE };
  recipe->model.kind = FW_MODEL_LOGISTIC;
  /* Used once the user switches to the MLP; the CLI's --hidden default. */
  recipe->model.hidden[0] = 64;
  recipe->model.hidden[1] = 64;
  recipe->model.n_hidden = 2;
  recipe->model.epochs = 20;
  recipe->model.batch_size = 256;
  recipe->model.learning_rate = fw_model_kind_default_learning_rate (FW_MODEL_LOGISTIC);
  recipe->model.l2 = 1e-4;
  recipe->model.dropout = 0.0;
  recipe->model.optimizer = FW_OPTIMIZER_ADAM;
  recipe->model.momentum = 0.9;
  recipe->model.patience = 5;
  recipe->model.device = g_strdup ("auto");
  recipe->model.solver = FW_SOLVER_EXACT;
  recipe->seed = 42;
  recipe->mitigation = g_strdup ("none");
  recipe->min_group_rows = FW_RECIPE_DEFAULT_MIN_GROUP_ROWS;
  recipe->threshold_policy = FW_THRESHOLD_POLICY_NONE;
  recipe->threshold = 0.5;
  return recipe;
}

void
fw_recipe_free (FwRecipe *recipe)
{
  if (recipe == NULL)
    return;
  g_ptr_array_unref (recipe->steps);
  g_ptr_array_unref (recipe->sensitive);
  g_ptr_array_unref (recipe->known_in_advance);
  g_free (recipe->target);
  g_free (recipe->positive);
  g_free (recipe->favourable);
  g_free (recipe->model.device);
  g_free (recipe->mitigation);
  g_free (recipe->threshold_attribute);
  g_strfreev (recipe->group_thresholds_names);
  g_free (recipe->group_thresholds_values);
  g_free (recipe->data);
  g_free (recipe->data_sha256);
  g_free (recipe->data_encoding);
  g_free (recipe->fairway_version);
  g_free (recipe->backend);
  g_free (recipe);
}

FwRecipe *
fw_recipe_copy (const FwRecipe *recipe)
{
  FwRecipe *copy;

  g_return_val_if_fail (recipe != NULL, NULL);

  copy = g_new0 (FwRecipe, 1);
  *copy = *recipe;
  copy->steps = g_ptr_array_new_with_free_func (step_free);
  for (guint i = 0; i < recipe->steps->len; i++)
    {
      const FwStep *step = g_ptr_array_index (recipe->steps, i);

      fw_recipe_append_step (copy, step);
    }
  copy->sensitive = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < recipe->sensitive->len; i++)
    g_ptr_array_add (copy->sensitive, g_strdup (g_ptr_array_index (recipe->sensitive, i)));
  copy->known_in_advance = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < recipe->known_in_advance->len; i++)
    g_ptr_array_add (copy->known_in_advance,
                     g_strdup (g_ptr_array_index (recipe->known_in_advance, i)));
  copy->target = g_strdup (recipe->target);
  copy->positive = g_strdup (recipe->positive);
  copy->favourable = g_strdup (recipe->favourable);
  copy->model.device = g_strdup (recipe->model.device);
  copy->mitigation = g_strdup (recipe->mitigation);
  copy->threshold_policy = recipe->threshold_policy;
  copy->threshold_attribute = g_strdup (recipe->threshold_attribute);
  copy->group_thresholds_names = g_strdupv (recipe->group_thresholds_names);
  copy->group_thresholds_values =
    recipe->group_thresholds_names == NULL ? NULL
    : g_memdup2 (recipe->group_thresholds_values,
                 MAX (g_strv_length (recipe->group_thresholds_names), 1) * sizeof (double));
  copy->data = g_strdup (recipe->data);
  copy->data_sha256 = g_strdup (recipe->data_sha256);
  copy->data_encoding = g_strdup (recipe->data_encoding);
  copy->fairway_version = g_strdup (recipe->fairway_version);
  copy->backend = g_strdup (recipe->backend);
  return copy;
}

FwStep *
fw_recipe_add_step (FwRecipe   *recipe,
                    FwStepKind  kind,
                    char       *column,
                    char       *constant)
{
  FwStep *step;

  g_return_val_if_fail (recipe != NULL, NULL);
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (step_names), NULL);
  g_return_val_if_fail (column != NULL, NULL);

  step = g_new0 (FwStep, 1);
  step->kind = kind;
  /* Ownership passes to the recipe, as the header says. */
  step->column = column;
  step->constant = constant;
  g_ptr_array_add (recipe->steps, step);
  return step;
}

FwStep *
fw_recipe_append_step (FwRecipe     *recipe,
                       const FwStep *step)
{
  FwStep *copy;

  g_return_val_if_fail (recipe != NULL && step != NULL, NULL);

  copy = fw_recipe_add_step (recipe, step->kind, g_strdup (step->column),
                             g_strdup (step->constant));
  copy->to = g_strdup (step->to);
  copy->name = g_strdup (step->name);
  copy->min_count = step->min_count;
  return copy;
}

FwStep *
fw_recipe_add_days_between (FwRecipe   *recipe,
                            const char *from,
                            const char *to,
                            const char *name)
{
  FwStep *step;

  g_return_val_if_fail (recipe != NULL && from != NULL && to != NULL, NULL);

  step = fw_recipe_add_step (recipe, FW_STEP_DAYS_BETWEEN, g_strdup (from), NULL);
  step->to = g_strdup (to);
  step->name = g_strdup (name);
  return step;
}

char *
fw_step_days_between_name (const FwStep *step)
{
  g_return_val_if_fail (step != NULL, NULL);

  if (step->name != NULL)
    return g_strdup (step->name);
  return g_strconcat (step->column, "_to_", step->to != NULL ? step->to : "", "_days", NULL);
}

gboolean
fw_recipe_name_in (const char        *name,
                   const char *const *names)
{
  if (name == NULL)
    return FALSE;
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
check_one_of (const char        *value,
              const char        *field,
              const char *const *names,
              GError           **error)
{
  g_autofree char *list = NULL;

  if (fw_recipe_name_in (value, names))
    return TRUE;
  list = g_strjoinv (", ", (char **) names);
  g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
               _("Recipe field “%s” must be one of: %s"), field, list);
  return FALSE;
}

static gboolean
check_fraction (double      value,
                const char *field,
                GError    **error)
{
  if (isfinite (value) && value >= 0.0 && value <= 1.0)
    return TRUE;
  return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                       _("Recipe field “%s” must be between 0 and 1"), field);
}

static gboolean
check_steps (const FwRecipe *recipe,
             GError        **error)
{
  for (guint i = 0; i < recipe->steps->len; i++)
    {
      const FwStep *step = g_ptr_array_index (recipe->steps, i);
      g_autofree char *field = NULL;

      if ((guint) step->kind >= G_N_ELEMENTS (step_names))
        {
          field = g_strdup_printf ("steps[%u].kind", i);
          return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                               _("Recipe field “%s” names no known cleaning step"), field);
        }
      if (step->column == NULL || step->column[0] == '\0')
        {
          field = g_strdup_printf ("steps[%u].column", i);
          return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                               _("Recipe field “%s” must name a column"), field);
        }
      if ((step->to != NULL || step->name != NULL) && step->kind != FW_STEP_DAYS_BETWEEN)
        {
          field = g_strdup_printf (step->to != NULL ? "steps[%u].to" : "steps[%u].name", i);
          return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                               _("Recipe field “%s” is only for days_between"), field);
        }
      if (step->min_count > 0 && step->kind != FW_STEP_ONE_HOT)
        {
          field = g_strdup_printf ("steps[%u].min_count", i);
          return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                               _("Recipe field “%s” is only for one_hot"), field);
        }
      if (step->kind == FW_STEP_DAYS_BETWEEN &&
          (step->to == NULL || step->to[0] == '\0' || g_str_equal (step->to, step->column)))
        {
          field = g_strdup_printf ("steps[%u].to", i);
          return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                               _("Recipe field “%s” must name a column other than the step’s"),
                               field);
        }
      if (step->name != NULL && step->name[0] == '\0')
        {
          field = g_strdup_printf ("steps[%u].name", i);
          return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                               _("Recipe field “%s” must not be empty"), field);
        }
      if (step->kind == FW_STEP_TREAT_AS_MISSING)
        {
          if (step->constant == NULL)
            {
              field = g_strdup_printf ("steps[%u].constant", i);
              return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                                   _("Recipe field “%s” is needed by treat_as_missing"), field);
            }
          continue;
        }
      if ((step->kind == FW_STEP_IMPUTE_CONSTANT) != (step->constant != NULL))
        {
          field = g_strdup_printf ("steps[%u].constant", i);
          return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                               step->constant == NULL
                               ? _("Recipe field “%s” is needed by impute_constant")
                               : _("Recipe field “%s” is only for impute_constant"), field);
        }
    }
  return TRUE;
}

static gboolean
check_model (const FwModelSpec *model,
             FwTask             task,
             GError           **error)
{
  if ((guint) model->kind > FW_MODEL_MLP)
    return check_one_of (NULL, "model.kind", fw_recipe_model_names, error);
  if (model->n_hidden > FW_RECIPE_MAX_HIDDEN)
    return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                         _("Recipe field “%s” may list at most %d layers"), "model.hidden",
                         FW_RECIPE_MAX_HIDDEN);
  if (model->kind == FW_MODEL_MLP && model->n_hidden == 0)
    return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                         _("Recipe field “%s” must list at least one layer for a neural network"),
                           "model.hidden");
  for (guint i = 0; i < model->n_hidden; i++)
    if (model->hidden[i] < 1 || model->hidden[i] > FW_RECIPE_MAX_HIDDEN_WIDTH)
      return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                           _("Recipe field “%s” must hold layer widths from 1 to %d"),
                           "model.hidden", FW_RECIPE_MAX_HIDDEN_WIDTH);
  if (model->epochs < 1)
    return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                         _("Recipe field “%s” must be at least 1"), "model.epochs");
  if (model->batch_size < 1)
    return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                         _("Recipe field “%s” must be at least 1"), "model.batch_size");
  if (!(isfinite (model->learning_rate) && model->learning_rate > 0.0))
    return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                         _("Recipe field “%s” must be a number greater than 0"),
                           "model.learning_rate");
  if (!(isfinite (model->l2) && model->l2 >= 0.0))
    return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                         _("Recipe field “%s” must be a number of at least 0"), "model.l2");
  if (!(isfinite (model->dropout) && model->dropout >= 0.0 && model->dropout < 1.0))
    return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                         _("Recipe field “%s” must be at least 0 and less than 1"),
                           "model.dropout");
  if ((guint) model->optimizer > FW_OPTIMIZER_SGD)
    return check_one_of (NULL, "model.optimizer", fw_recipe_optimizer_names, error);
  if ((guint) model->solver > FW_SOLVER_EXACT)
    return check_one_of (NULL, "model.solver", fw_recipe_solver_names, error);
  if (!(isfinite (model->momentum) && model->momentum >= 0.0 && model->momentum < 1.0))
    return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                         _("Recipe field “%s” must be at least 0 and less than 1"),
                           "model.momentum");
  if (!check_one_of (model->device, "model.device", fw_recipe_device_names, error))
    return FALSE;
  /* Only a task the user fixed can contradict the model; "auto" is settled later. */
  if ((model->kind == FW_MODEL_LOGISTIC && task == FW_TASK_REGRESSION) ||
      (model->kind == FW_MODEL_LINEAR && (task == FW_TASK_BINARY || task == FW_TASK_MULTICLASS)))
    return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                         _("Recipe field “%s” names a model that cannot do the chosen task"),
                           "model.kind");
  return TRUE;
}

gboolean
fw_recipe_validate (const FwRecipe *recipe,
                    GError        **error)
{
  const FwSplitSpec *split;
  double sum;

  g_return_val_if_fail (recipe != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  split = &recipe->split;
  if (recipe->schema_version != FW_RECIPE_SCHEMA_VERSION)
    return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                         _("Recipe field “%s” must be 1"), "schema_version");
  if (!check_steps (recipe, error))
    return FALSE;
  if (recipe->target != NULL && recipe->target[0] == '\0')
    return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                         _("Recipe field “%s” must name a column"), "target");
  if (recipe->positive != NULL && recipe->positive[0] == '\0')
    return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                         _("Recipe field “%s” must not be empty"), "positive");
  if ((guint) recipe->task > FW_TASK_REGRESSION)
    return check_one_of (NULL, "task", fw_recipe_task_names, error);
  for (guint i = 0; i < recipe->sensitive->len; i++)
    {
      const char *name = g_ptr_array_index (recipe->sensitive, i);

      if (name == NULL || name[0] == '\0')
        return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                             _("Recipe field “%s” must list column names"), "sensitive");
    }
  for (guint i = 0; i < recipe->known_in_advance->len; i++)
    {
      const char *name = g_ptr_array_index (recipe->known_in_advance, i);

      if (name == NULL || name[0] == '\0')
        return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                             _("Recipe field “%s” must list column names"), "known_in_advance");
    }
  if (!check_fraction (split->train, "split.train", error) ||
      !check_fraction (split->validation, "split.validation", error) ||
      !check_fraction (split->test, "split.test", error))
    return FALSE;
  sum = split->train + split->validation + split->test;
  if (fabs (sum - 1.0) > FRACTION_TOLERANCE)
    {
      g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                   _("Recipe field “%s” must have fractions that add up to 1, not %g"),
                   "split", sum);
      return FALSE;
    }
  if (split->train <= 0.0)
    return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                         _("Recipe field “%s” must be greater than 0"), "split.train");
  if (!check_model (&recipe->model, recipe->task, error))
    return FALSE;
  if ((guint) recipe->threshold_policy > FW_THRESHOLD_POLICY_MANUAL)
    return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                         _("Recipe field “%s” must be one of: %s"), "threshold_policy",
                         "none, parity, tpr, manual");
  /* Hand-chosen thresholds are only the ones listed; other policies fit their own. */
  if ((recipe->threshold_policy == FW_THRESHOLD_POLICY_MANUAL) !=
      (recipe->group_thresholds_names != NULL && recipe->group_thresholds_names[0] != NULL))
    return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                         _("Recipe field “%s” goes with threshold policy “manual”, and that "
                           "policy needs it"), "group_thresholds");
  for (guint g = 0; recipe->group_thresholds_names != NULL &&
                    recipe->group_thresholds_names[g] != NULL; g++)
    if (!(recipe->group_thresholds_values[g] >= 0.0 && recipe->group_thresholds_values[g] <= 1.0))
      return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                           _("Recipe field “%s” must be between 0 and 1"), "group_thresholds");
  /* Strictly inside: at 0 or 1 every row gets the same answer. */
  if (!(recipe->threshold > 0.0 && recipe->threshold < 1.0))
    return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                         _("Recipe field “%s” must be between 0 and 1"), "threshold");
  if (recipe->threshold_attribute != NULL &&
      !g_ptr_array_find_with_equal_func (recipe->sensitive, recipe->threshold_attribute,
                                         g_str_equal, NULL))
    return fw_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_INVALID,
                         _("Recipe field “%s” must name one of the sensitive columns"),
                         "threshold_attribute");
  return check_one_of (recipe->mitigation, "mitigation", fw_recipe_mitigation_names, error);
}

guint
fw_recipe_rare_min_count (gsize n_rows)
{
  return (guint) MAX (FW_RECIPE_RARE_MIN_COUNT, ceil (FW_RECIPE_RARE_FRACTION * (double) n_rows));
}

gboolean
fw_recipe_nearly_unique (const FwColumnProfile *profile)
{
  g_return_val_if_fail (profile != NULL, FALSE);

  return !profile->has_numbers && profile->kind != FW_KIND_BOOLEAN &&
         profile->distinct > FW_RECIPE_MIN_DISTINCT_UNIQUE &&
         (double) profile->distinct > FW_RECIPE_MAX_DISTINCT_FRACTION * (double) profile->count;
}

FwRecipe *
fw_recipe_new_suggested (const FwTable        *table,
                         const FwTableProfile *profile,
                         const char           *target,
                         GError              **error)
{
  g_autoptr(FwRecipe) recipe = NULL;
  g_autoptr(FwTableProfile) own = NULL;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (target != NULL && fw_table_column_index (table, target) < 0)
    {
      g_set_error (error, FW_RECIPE_ERROR, FW_RECIPE_ERROR_TARGET,
                   _("The table has no column “%s” to predict"), target);
      return NULL;
    }
  /* Tests and the CLI may come without a profile at hand. */
  if (profile == NULL)
    {
      own = fw_table_profile_new (table, NULL, NULL, NULL, error);
      if (own == NULL)
        return NULL;
      profile = own;
    }
  g_return_val_if_fail (profile->n_columns == fw_table_n_columns (table), NULL);

  recipe = fw_recipe_new ();
  recipe->target = g_strdup (target);
  for (guint i = 0; i < profile->n_columns; i++)
    {
      const FwColumnProfile *p = &profile->columns[i];
      const FwColumn *column = fw_table_column (table, p->column);
      const char *name = column->name;
      /* That a value is missing often says something of its own. */
      gboolean gaps = (double) p->missing > FW_RECIPE_INDICATOR_FRACTION * (double) profile->n_rows;
      /* A copy of the target is no duplicate feature but a leak: the leak check decides. */
      gboolean copy = fw_column_profile_has_issue (p, FW_ISSUE_DUPLICATE) &&
                      !(p->duplicate_of >= 0 &&
                        g_strcmp0 (fw_table_column (table,
                                                    profile->columns[p->duplicate_of].column)->name,
                                   target) == 0);

      /* The column to predict is never transformed by a suggestion. */
      if (g_strcmp0 (name, target) == 0)
        continue;
      if (p->kind == FW_KIND_IDENTIFIER || p->kind == FW_KIND_TEXT ||
          p->kind == FW_KIND_DATETIME || fw_column_profile_has_issue (p, FW_ISSUE_CONSTANT) ||
          copy || fw_recipe_nearly_unique (p))
        {
          fw_recipe_add_step (recipe, FW_STEP_DROP_COLUMN, g_strdup (name), NULL);
          continue;
        }
      if (fw_column_is_numeric (column))
        {
          /* A 0/1 column keeps its two values: the median of a yes/no is no answer. */
          gboolean zero_one = p->kind == FW_KIND_BOOLEAN;
          char *sentinel = fw_column_profile_sentinel_text (p);

          if (sentinel != NULL)
            fw_recipe_add_step (recipe, FW_STEP_TREAT_AS_MISSING, g_strdup (name), sentinel);
          if (sentinel != NULL || gaps)
            fw_recipe_add_step (recipe, FW_STEP_MISSING_INDICATOR, g_strdup (name), NULL);
          if (p->missing > 0 || sentinel != NULL)
            fw_recipe_add_step (recipe, zero_one ? FW_STEP_IMPUTE_MODE : FW_STEP_IMPUTE_MEDIAN,
                                g_strdup (name), NULL);
          if (!zero_one)
            fw_recipe_add_step (recipe, FW_STEP_STANDARDIZE, g_strdup (name), NULL);
        }
      else
        {
          FwStep *one_hot;

          /* Mostly empty: "not recorded" stays a category of its own, rather than turning
           * into the most common answer. */
          if (gaps)
            fw_recipe_add_step (recipe, FW_STEP_IMPUTE_CONSTANT, g_strdup (name),
                                g_strdup (FW_RECIPE_FILL_CATEGORY));
          else if (p->missing > 0)
            fw_recipe_add_step (recipe, FW_STEP_IMPUTE_MODE, g_strdup (name), NULL);
          one_hot = fw_recipe_add_step (recipe, FW_STEP_ONE_HOT, g_strdup (name), NULL);
          if (p->distinct > FW_PROFILE_TOP_CATEGORIES)
            one_hot->min_count = fw_recipe_rare_min_count (profile->n_rows);
        }
    }
  return g_steal_pointer (&recipe);
}
