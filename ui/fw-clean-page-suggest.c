/* fw-clean-page-suggest.c — what the Clean step suggests, and the leak check behind it
 *
 * Without a target the suggestions come from the profile at once.  With one they need the
 * leak check, which runs on a worker (fw-suggest-job.h) while "Checking columns…" shows;
 * its result replaces the session's profile (the same data, checked) and rebinds the
 * cards.  Leaving the page cancels it, and a page out of sight does not start one; coming
 * back runs it.  A result that a newer check or a change of data overtook is dropped by its
 * cancellable's identity.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-clean-page-private.h"
#include "fw-date-features.h"
#include "fw-leak-check.h"
#include "fw-suggest-job.h"

static void
stop_checking (FwCleanPage *self)
{
  if (self->checking == NULL)
    return;
  g_cancellable_cancel (self->checking);
  g_clear_object (&self->checking);
  gtk_widget_set_visible (self->checking_box, FALSE);
}

static void
suggestions_ready (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  /* The page may be gone: the task never holds it, lest the worker drop it last. */
  g_autoptr(FwCleanPage) self = fw_suggest_job_weak_get (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwSuggestions) suggestions = fw_suggest_job_finish (result, &error);
  g_autoptr(FwRecipe) old = NULL;
  g_autoptr(GPtrArray) old_features = NULL;

  /* Cancelled, or overtaken by a newer check: the data or the target changed since. */
  if (self == NULL || self->checking == NULL ||
      g_task_get_cancellable (G_TASK (result)) != self->checking)
    return;
  g_clear_object (&self->checking);
  gtk_widget_set_visible (self->checking_box, FALSE);
  if (suggestions == NULL)
    {
      g_debug ("No suggestions: %s", error->message);
      return;
    }
  old = g_steal_pointer (&self->suggested);
  old_features = g_steal_pointer (&self->date_features);
  self->suggested = g_steal_pointer (&suggestions->suggested);
  self->date_features = g_steal_pointer (&suggestions->date_features);
  fw_session_replace_profile (self->session, g_steal_pointer (&suggestions->profile));
  for (guint i = 0; i < self->cards->len; i++)
    fw_column_card_bind (g_ptr_array_index (self->cards, i), self->session,
                         fw_column_card_get_index (g_ptr_array_index (self->cards, i)),
                         self->suggested->steps, self->date_features);
  fw_clean_page_update_summary (self);
  fw_clean_page_update_steps (self);
}

void
fw_clean_page_update_suggested (FwCleanPage *self)
{
  const FwRecipe *recipe = fw_session_get_recipe (self->session);
  g_autoptr(GError) error = NULL;

  /* The callers keep the old ones until the cards let go of them. */
  g_assert (self->suggested == NULL && self->date_features == NULL);
  stop_checking (self);
  self->check_stale = FALSE;
  if (!fw_session_has_data (self->session))
    return;
  /* With a target, what train --data would do: suspected leaks left out and dates
   * leak-checked on the training part, on a worker (fw-suggest-job.h); nothing is
   * suggested until it is done. */
  if (recipe->target != NULL &&
      fw_table_column_index (fw_session_get_table (self->session), recipe->target) >= 0)
    {
      /* A page out of sight checks when it comes back. */
      if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
        {
          self->check_stale = TRUE;
          return;
        }
      self->checking = g_cancellable_new ();
      gtk_widget_set_visible (self->checking_box, TRUE);
      fw_suggest_job_run_async (NULL, self->session, self->checking, suggestions_ready,
                                fw_suggest_job_weak_ref (self));
      return;
    }
  self->suggested = fw_recipe_new_suggested_checked (
    fw_session_get_table (self->session),
    (FwTableProfile *) fw_session_get_profile (self->session), recipe, NULL,
    &self->date_features, &error);
  if (self->suggested == NULL)
    g_debug ("No suggestions: %s", error->message);
}

/* Leaving the page stops the check; coming back runs it again. */
void
fw_clean_page_suggest_map (GtkWidget *widget)
{
  FwCleanPage *self = FW_CLEAN_PAGE (widget);

  GTK_WIDGET_CLASS (g_type_class_peek_parent (G_OBJECT_GET_CLASS (widget)))->map (widget);
  if (self->check_stale && self->session != NULL)
    {
      g_autoptr(FwRecipe) old = g_steal_pointer (&self->suggested);
      g_autoptr(GPtrArray) old_features = g_steal_pointer (&self->date_features);

      fw_clean_page_update_suggested (self);
    }
}

void
fw_clean_page_suggest_unmap (GtkWidget *widget)
{
  FwCleanPage *self = FW_CLEAN_PAGE (widget);

  if (self->checking != NULL)
    {
      stop_checking (self);
      self->check_stale = TRUE;
    }
  GTK_WIDGET_CLASS (g_type_class_peek_parent (G_OBJECT_GET_CLASS (widget)))->unmap (widget);
}

void
fw_clean_page_suggest_init (FwCleanPage *self)
{
  GtkWidget *spinner = gtk_spinner_new ();

  self->checking_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_box_append (GTK_BOX (self->checking_box), spinner);
  gtk_box_append (GTK_BOX (self->checking_box), gtk_label_new (_("Checking columns…")));
  gtk_widget_add_css_class (self->checking_box, "dim-label");
  gtk_widget_set_visible (self->checking_box, FALSE);
  gtk_widget_insert_after (self->checking_box,
                           gtk_widget_get_parent (GTK_WIDGET (self->summary_label)),
                           GTK_WIDGET (self->summary_label));
}

void
fw_clean_page_suggest_dispose (FwCleanPage *self)
{
  if (self->checking != NULL)
    g_cancellable_cancel (self->checking);
  g_clear_object (&self->checking);
}

gboolean
fw_clean_page_is_checking (FwCleanPage *self)
{
  g_return_val_if_fail (FW_IS_CLEAN_PAGE (self), FALSE);
  return self->checking != NULL;
}

const FwRecipe *
fw_clean_page_get_suggested (FwCleanPage *self)
{
  g_return_val_if_fail (FW_IS_CLEAN_PAGE (self), NULL);
  return self->suggested;
}
