/* fw-settings.c — the application's GSettings, where its schema is installed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-settings.h"

GSettings *
fw_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Schema %s is not installed; settings will not be kept", APPLICATION_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

GFile *
fw_settings_get_last_folder (GSettings *settings)
{
  g_autofree char *path = NULL;

  if (settings == NULL)
    return NULL;
  path = g_settings_get_string (settings, "last-folder");
  return path != NULL && *path != '\0' ? g_file_new_for_path (path) : NULL;
}

void
fw_settings_remember_folder (GSettings *settings,
                             GFile     *file,
                             gboolean   is_folder)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;

  if (settings == NULL || file == NULL)
    return;
  folder = is_folder ? g_object_ref (file) : g_file_get_parent (file);
  if (folder != NULL && g_file_is_native (folder))
    path = g_file_get_path (folder);
  if (path != NULL)
    g_settings_set_string (settings, "last-folder", path);
}
