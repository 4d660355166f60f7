/* fw-train-page-view.c — what the Train step shows in each state, and which actions it offers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-too-good.h"
#include "fw-train-page-private.h"

gboolean
fw_train_page_get_busy (FwTrainPage *self)
{
  g_return_val_if_fail (FW_IS_TRAIN_PAGE (self), FALSE);
  return self->preparing || self->run != NULL || self->finishing;
}

void
fw_train_page_update_actions (FwTrainPage *self)
{
  gboolean training = self->run != NULL && !self->finishing;
  gboolean busy = fw_train_page_get_busy (self);
  g_autofree char *reason = NULL;
  gboolean can_train = self->session != NULL && fw_session_has_target (self->session, &reason);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "train-page.train", can_train && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "train-page.pause",
                                 training && !self->paused && !self->stopping);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "train-page.resume",
                                 training && self->paused && !self->stopping);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "train-page.stop",
                                 (self->preparing || training) && !self->stopping);
  gtk_widget_set_visible (self->pause_button, training && !self->paused);
  gtk_widget_set_visible (self->resume_button, training && self->paused);
  gtk_widget_set_visible (self->stop_button, training);
  gtk_widget_set_visible (self->again_button, !busy);
  gtk_widget_set_visible (self->results_button, !busy && self->session != NULL &&
                                                fw_session_get_trained (self->session) != NULL);
}

void
fw_train_page_set_status (FwTrainPage *self,
                          const char  *title,
                          const char  *detail)
{
  gtk_label_set_text (self->status_title, title);
  gtk_label_set_text (self->status_detail, detail);
}

static const char *
model_name (FwModelKind kind)
{
  switch (kind)
    {
    case FW_MODEL_LINEAR:   return _("a linear regression");
    case FW_MODEL_MLP:      return _("a neural network");
    case FW_MODEL_LOGISTIC:
    default:                return _("a logistic regression");
    }
}

/* "Ready to Train" in words: what will learn what, and what is measured. */
static void
describe_recipe (FwTrainPage *self)
{
  const FwRecipe *recipe = fw_session_get_recipe (self->session);
  g_autofree char *reason = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (!fw_session_has_target (self->session, &reason))
    {
      g_autofree char *escaped = g_markup_escape_text (reason, -1);

      adw_status_page_set_description (self->ready_page, escaped);
      return;
    }
  /* Translators: "Fairway will teach a logistic regression to predict “approved”…". */
  g_string_printf (text, _("Fairway will teach %s to predict “%s” from the other columns, "
                           "in up to %u epochs (passes over the data)."),
                   model_name (recipe->model.kind), recipe->target, recipe->model.epochs);
  if (recipe->sensitive->len > 0)
    {
      g_autofree char *names = NULL;

      g_ptr_array_add (recipe->sensitive, NULL);
      names = g_strjoinv (_("”, “"), (char **) recipe->sensitive->pdata);
      g_ptr_array_remove_index (recipe->sensitive, recipe->sensitive->len - 1);
      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("After each epoch it checks how the model treats each "
                                      "group of “%s”."), names);
    }
  {
    /* A status page's description is Pango markup; column names are not. */
    g_autofree char *escaped = g_markup_escape_text (text->str, -1);

    adw_status_page_set_description (self->ready_page, escaped);
  }
}

void
fw_train_page_show_ready (FwTrainPage *self)
{
  describe_recipe (self);
  gtk_stack_set_visible_child_name (self->stack, "ready");
  fw_train_page_update_actions (self);
}

void
fw_train_page_show_error (FwTrainPage  *self,
                          const char   *title,
                          const GError *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "error");
  fw_train_page_update_actions (self);
}

void
fw_train_page_show_training (FwTrainPage    *self,
                             const FwRecipe *recipe)
{
  g_autofree char *detail = NULL;

  detail = g_strdup_printf (_("Fitting %s to predict “%s”. You can look at other steps "
                              "meanwhile: training goes on."),
                            model_name (recipe->model.kind), recipe->target);
  fw_train_page_set_status (self, _("Training…"), detail);
  gtk_stack_set_visible_child_name (self->stack, "training");
}

static const char *
outcome_title (FwTrainerOutcome outcome)
{
  switch (outcome)
    {
    case FW_TRAINER_EARLY_STOPPED: return _("Training Finished Early");
    case FW_TRAINER_STOPPED:       return _("Stopped by You");
    case FW_TRAINER_COMPLETED:
    case FW_TRAINER_FAILED:
    default:                       return _("Training Finished");
    }
}

static char *
outcome_detail (FwTrainingRun *run)
{
  guint best = fw_training_run_get_best_epoch (run);
  guint epochs = json_array_get_length (fw_training_run_get_history (run));

  switch (fw_training_run_get_outcome (run))
    {
    case FW_TRAINER_EARLY_STOPPED:
      return g_strdup_printf (_("The model stopped getting better on held-out rows, so training "
                                "ended after %u epochs. The best one, from epoch %u, is kept. "
                                "See how it does in Results."), epochs, best);
    case FW_TRAINER_STOPPED:
      if (best == 0)
        return g_strdup (_("You stopped before the first epoch ended, so the model has hardly "
                           "learnt anything yet. Train again to get a useful one."));
      return g_strdup_printf (_("The best model so far, from epoch %u of %u, is kept. See how it "
                                "does in Results, or train again."), best,
                              fw_training_run_get_recipe (run)->model.epochs);
    case FW_TRAINER_COMPLETED:
    case FW_TRAINER_FAILED:
    default:
      return g_strdup_printf (_("All %u epochs ran. The model from epoch %u, the best on "
                                "held-out rows, is kept. See how it does in Results."),
                              epochs, best);
    }
}

void
fw_train_page_show_outcome (FwTrainPage   *self,
                            FwTrainingRun *run)
{
  g_autofree char *detail = outcome_detail (run);
  const FwTooGood *too_good = fw_training_run_get_too_good (run);

  /* A model that has most likely been shown the answer says so first. */
  if (too_good != NULL)
    {
      g_autofree char *both = g_strdup_printf ("%s %s", too_good->message, detail);

      fw_train_page_set_status (self, _("Too Good to Be True?"), both);
      return;
    }
  fw_train_page_set_status (self, outcome_title (fw_training_run_get_outcome (run)), detail);
}
