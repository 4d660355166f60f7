/* fw-recent.c — the data files and projects Fairway opened lately (GtkRecentManager)
 *
 * Entries are registered under one application name, so the list shows what Fairway
 * opened, not every CSV the desktop has seen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-recent.h"

#define RECENT_APP_NAME "Fairway"
#define PROJECT_MIME    "application/x-fairway-project"

gboolean
fw_recent_is_project (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return name != NULL && g_str_has_suffix (name, ".fairway");
}

void
fw_recent_add (GFile *file)
{
  g_autofree char *uri = NULL;
  GtkRecentData data = { 0, };

  g_return_if_fail (G_IS_FILE (file));

  uri = g_file_get_uri (file);
  data.mime_type = fw_recent_is_project (file) ? (char *) PROJECT_MIME : (char *) "text/csv";
  data.app_name = (char *) RECENT_APP_NAME;
  data.app_exec = (char *) "fairway %u";
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  GDateTime *ta = gtk_recent_info_get_modified (*(GtkRecentInfo **) a);
  GDateTime *tb = gtk_recent_info_get_modified (*(GtkRecentInfo **) b);

  return g_date_time_compare (tb, ta);
}

GPtrArray *
fw_recent_list (guint max)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  g_autoptr(GPtrArray) infos = g_ptr_array_new ();
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);

  for (GList *l = items; l != NULL; l = l->next)
    if (gtk_recent_info_has_application (l->data, RECENT_APP_NAME))
      g_ptr_array_add (infos, l->data);
  g_ptr_array_sort (infos, newest_first);
  for (guint i = 0; i < infos->len && files->len < max; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (gtk_recent_info_get_uri (infos->pdata[i]));

      /* A file since deleted or on an unplugged disk is no use to offer. */
      if (g_file_query_exists (file, NULL))
        g_ptr_array_add (files, g_steal_pointer (&file));
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  return files;
}
