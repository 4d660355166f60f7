/* fw-target-page-audit.c — the Target step's data audit of the sensitive columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-audit-view.h"
#include "fw-target-page-private.h"

static char *
audit_key (const FwRecipe *recipe)
{
  GString *key = g_string_new (NULL);

  g_string_append_printf (key, "%s\x1f%s\x1f%d", recipe->target ? recipe->target : "",
                          recipe->positive ? recipe->positive : "", recipe->task);
  for (guint i = 0; i < recipe->sensitive->len; i++)
    g_string_append_printf (key, "\x1f%s", (char *) g_ptr_array_index (recipe->sensitive, i));
  return g_string_free (key, FALSE);
}

void
fw_target_page_show_audit (FwTargetPage   *self,
                           const FwRecipe *recipe)
{
  g_autofree char *key = audit_key (recipe);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *findings;

  if (g_strcmp0 (key, self->audit_key) == 0)
    return;
  g_free (self->audit_key);
  self->audit_key = g_steal_pointer (&key);
  for (guint i = 0; i < self->audit_groups->len; i++)
    adw_preferences_page_remove (self->preferences_page,
                                 g_ptr_array_index (self->audit_groups, i));
  g_ptr_array_set_size (self->audit_groups, 0);
  g_clear_pointer (&self->audit, fw_audit_free);

  gtk_widget_set_visible (GTK_WIDGET (self->audit_intro_group), TRUE);
  if (recipe->sensitive->len == 0)
    {
      adw_preferences_group_set_description (self->audit_intro_group,
                                             _("Mark a sensitive column to see its groups here."));
      return;
    }
  for (guint i = 0; i < recipe->sensitive->len; i++)
    g_ptr_array_add (names, g_ptr_array_index (recipe->sensitive, i));
  g_ptr_array_add (names, NULL);
  /* On this thread: for the tables people click through, a fraction of a second. */
  self->audit = fw_audit_new (fw_session_get_table (self->session),
                              (const char *const *) names->pdata, recipe->target, recipe->task,
                              recipe->positive, NULL, &error);
  if (self->audit == NULL)
    {
      adw_preferences_group_set_description (self->audit_intro_group, error->message);
      return;
    }
  /* The findings and the tables have headings of their own. */
  gtk_widget_set_visible (GTK_WIDGET (self->audit_intro_group), FALSE);
  findings = fw_audit_view_new_findings (self->audit);
  if (findings != NULL)
    g_ptr_array_add (self->audit_groups, findings);
  for (guint a = 0; a < self->audit->n_attributes; a++)
    g_ptr_array_add (self->audit_groups, fw_audit_view_new_attribute (self->audit, a));
  for (guint i = 0; i < self->audit_groups->len; i++)
    adw_preferences_page_add (self->preferences_page, g_ptr_array_index (self->audit_groups, i));
}
