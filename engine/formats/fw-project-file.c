/* fw-project-file.c — the .fairway project: the data's whereabouts, the recipe, the model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include "fw-atomic-file.h"
#include "fw-error.h"
#include "fw-json.h"
#include "fw-project-file.h"

G_DEFINE_QUARK (fw-project-file-error-quark, fw_project_file_error)

FwProjectFile *
fw_project_file_new (void)
{
  FwProjectFile *project = g_new0 (FwProjectFile, 1);

  project->recipe = fw_recipe_new ();
  return project;
}

void
fw_project_file_free (FwProjectFile *project)
{
  if (project == NULL)
    return;
  g_free (project->data_path);
  g_free (project->data_relative);
  g_free (project->data_sha256);
  fw_recipe_free (project->recipe);
  g_free (project->intended_use);
  g_free (project->step);
  g_clear_pointer (&project->model, g_bytes_unref);
  g_free (project->fairway_version);
  g_free (project);
}

char *
fw_project_file_relative_path (const char *folder,
                               const char *target)
{
  g_auto(GStrv) from = g_strsplit (folder, G_DIR_SEPARATOR_S, -1);
  g_auto(GStrv) to = g_strsplit (target, G_DIR_SEPARATOR_S, -1);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  guint n_from = g_strv_length (from), n_to = g_strv_length (to), common = 0;

  g_return_val_if_fail (g_path_is_absolute (folder) && g_path_is_absolute (target), NULL);

  /* A trailing separator on the folder leaves an empty last part. */
  if (n_from > 1 && *from[n_from - 1] == '\0')
    n_from--;
  while (common < n_from && common + 1 < n_to && g_str_equal (from[common], to[common]))
    common++;
  for (guint i = common; i < n_from; i++)
    g_ptr_array_add (parts, (gpointer) "..");
  for (guint i = common; i < n_to; i++)
    g_ptr_array_add (parts, to[i]);
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (G_DIR_SEPARATOR_S, (char **) parts->pdata);
}

static void
add_string (JsonBuilder *b,
            const char  *key,
            const char  *value)
{
  json_builder_set_member_name (b, key);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static JsonNode *
to_json (const FwProjectFile *project)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GDateTime) saved = g_date_time_new_from_unix_utc (project->saved);
  g_autofree char *iso = g_date_time_format_iso8601 (saved);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "fairway_project");
  json_builder_add_int_value (b, FW_PROJECT_FILE_SCHEMA_VERSION);
  add_string (b, "fairway_version", PACKAGE_VERSION);
  add_string (b, "saved", iso);
  json_builder_set_member_name (b, "data");
  if (project->data_path != NULL)
    {
      json_builder_begin_object (b);
      add_string (b, "path", project->data_path);
      add_string (b, "relative", project->data_relative);
      add_string (b, "sha256", project->data_sha256);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "recipe");
  json_builder_add_value (b, fw_recipe_to_json (project->recipe));
  add_string (b, "threshold_policy", project->threshold_policy != FW_THRESHOLD_POLICY_NONE
                                     ? fw_threshold_policy_to_string (project->threshold_policy)
                                     : NULL);
  add_string (b, "intended_use", project->intended_use);
  add_string (b, "step", project->step);
  json_builder_set_member_name (b, "model");
  if (project->model != NULL)
    {
      gsize length;
      const guint8 *data = g_bytes_get_data (project->model, &length);
      g_autofree char *encoded = g_base64_encode (data, length);

      json_builder_begin_object (b);
      add_string (b, "encoding", "base64");
      add_string (b, "fwmodel", encoded);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

gboolean
fw_project_file_save (FwProjectFile  *project,
                      GFile          *file,
                      GError        **error)
{
  g_autoptr(GFile) folder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(FwAtomicFile) out = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (project != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  folder = g_file_get_parent (file);
  g_clear_pointer (&project->data_relative, g_free);
  if (project->data_path != NULL && folder != NULL && g_file_is_native (folder))
    {
      g_autofree char *folder_path = g_file_get_path (folder);

      project->data_relative = fw_project_file_relative_path (folder_path, project->data_path);
    }
  project->saved = g_get_real_time () / G_USEC_PER_SEC;

  root = to_json (project);
  text = fw_json_to_data (root, TRUE, &length);
  out = fw_atomic_file_new (file, NULL, error);
  return out != NULL &&
         fw_atomic_file_write (out, text, length, error) &&
         fw_atomic_file_write (out, "\n", 1, error) &&
         fw_atomic_file_commit (out, error);
}

/* A string member, or NULL when it is absent or null; FALSE when it is something else. */
static gboolean
get_string (JsonObject  *object,
            const char  *key,
            char       **value,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    /* Translators: %s is a field name in a project file. */
    return fw_set_error (error, FW_PROJECT_FILE_ERROR, FW_PROJECT_FILE_ERROR_INVALID,
                         _("The project’s “%s” is not text."), key);
  g_free (*value);
  *value = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_model (FwProjectFile  *project,
            JsonObject     *root,
            GError        **error)
{
  JsonNode *node = json_object_get_member (root, "model");
  JsonObject *object;
  g_autofree char *encoding = NULL, *encoded = NULL;
  guchar *data;
  gsize length;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (object == NULL ||
      !get_string (object, "encoding", &encoding, error) ||
      !get_string (object, "fwmodel", &encoded, error))
    return error == NULL || *error != NULL
           ? FALSE
           : fw_set_error (error, FW_PROJECT_FILE_ERROR, FW_PROJECT_FILE_ERROR_INVALID,
                           _("The project’s model is damaged."));
  if (g_strcmp0 (encoding, "base64") != 0 || encoded == NULL)
    return fw_set_error (error, FW_PROJECT_FILE_ERROR, FW_PROJECT_FILE_ERROR_INVALID,
                         _("The project’s model is damaged."));
  data = g_base64_decode (encoded, &length);
  project->model = g_bytes_new_take (data, length);
  return TRUE;
}

static FwProjectFile *
from_json (JsonNode  *node,
           GError   **error)
{
  g_autoptr(FwProjectFile) project = fw_project_file_new ();
  g_autofree char *policy = NULL;
  JsonObject *root, *data = NULL;
  JsonNode *member;
  gint64 version;

  root = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  member = root != NULL ? json_object_get_member (root, "fairway_project") : NULL;
  if (member == NULL || json_node_get_value_type (member) != G_TYPE_INT64)
    {
      fw_set_error (error, FW_PROJECT_FILE_ERROR, FW_PROJECT_FILE_ERROR_INVALID,
                    _("This is not a Fairway project."));
      return NULL;
    }
  version = json_node_get_int (member);
  if (version > FW_PROJECT_FILE_SCHEMA_VERSION || version < 1)
    {
      fw_set_error (error, FW_PROJECT_FILE_ERROR, FW_PROJECT_FILE_ERROR_NEWER,
                    _("This project was saved by a newer version of Fairway; "
                      "update Fairway to open it."));
      return NULL;
    }

  member = json_object_get_member (root, "data");
  if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
    data = json_node_get_object (member);
  else if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      fw_set_error (error, FW_PROJECT_FILE_ERROR, FW_PROJECT_FILE_ERROR_INVALID,
                    _("The project’s “%s” is damaged."), "data");
      return NULL;
    }
  if ((data != NULL &&
       (!get_string (data, "path", &project->data_path, error) ||
        !get_string (data, "relative", &project->data_relative, error) ||
        !get_string (data, "sha256", &project->data_sha256, error))) ||
      !get_string (root, "fairway_version", &project->fairway_version, error) ||
      !get_string (root, "threshold_policy", &policy, error) ||
      !get_string (root, "intended_use", &project->intended_use, error) ||
      !get_string (root, "step", &project->step, error) ||
      !read_model (project, root, error))
    return NULL;
  if (policy != NULL && !fw_threshold_policy_from_string (policy, &project->threshold_policy))
    {
      fw_set_error (error, FW_PROJECT_FILE_ERROR, FW_PROJECT_FILE_ERROR_INVALID,
                    _("The project’s “%s” is damaged."), "threshold_policy");
      return NULL;
    }
  if (project->data_path != NULL && !g_path_is_absolute (project->data_path))
    {
      fw_set_error (error, FW_PROJECT_FILE_ERROR, FW_PROJECT_FILE_ERROR_INVALID,
                    _("The project’s “%s” is damaged."), "data");
      return NULL;
    }

  member = json_object_get_member (root, "recipe");
  if (member != NULL)
    {
      fw_recipe_free (project->recipe);
      project->recipe = fw_recipe_new_from_json (member, error);
      if (project->recipe == NULL)
        {
          g_prefix_error (error, "%s", _("The project’s recipe is damaged: "));
          return NULL;
        }
    }
  {
    const char *saved = json_object_get_string_member_with_default (root, "saved", NULL);
    g_autoptr(GDateTime) time = saved != NULL ? g_date_time_new_from_iso8601 (saved, NULL)
                                              : NULL;

    project->saved = time != NULL ? g_date_time_to_unix (time) : 0;
  }
  return g_steal_pointer (&project);
}

FwProjectFile *
fw_project_file_load (GFile   *file,
                      GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return NULL;
  if (length > FW_PROJECT_FILE_MAX_BYTES || !g_utf8_validate (contents, length, NULL) ||
      !json_parser_load_from_data (parser, contents, length, NULL))
    {
      fw_set_error (error, FW_PROJECT_FILE_ERROR, FW_PROJECT_FILE_ERROR_INVALID,
                    _("This is not a Fairway project."));
      return NULL;
    }
  return from_json (json_parser_get_root (parser), error);
}

GFile *
fw_project_file_locate_data (const FwProjectFile *project,
                             GFile               *file,
                             gboolean            *moved,
                             GError             **error)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  GFile *candidates[3] = { NULL, };
  GFile *found = NULL;

  g_return_val_if_fail (project != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (moved != NULL)
    *moved = FALSE;
  if (project->data_path == NULL)
    {
      fw_set_error (error, FW_PROJECT_FILE_ERROR, FW_PROJECT_FILE_ERROR_DATA_MISSING,
                    _("The project does not name a data file."));
      return NULL;
    }
  folder = g_file_get_parent (file);
  name = g_path_get_basename (project->data_path);
  candidates[0] = g_file_new_for_path (project->data_path);
  if (folder != NULL && project->data_relative != NULL)
    candidates[1] = g_file_resolve_relative_path (folder, project->data_relative);
  if (folder != NULL)
    candidates[2] = g_file_get_child (folder, name);
  for (guint i = 0; i < G_N_ELEMENTS (candidates) && found == NULL; i++)
    if (candidates[i] != NULL &&
        g_file_query_file_type (candidates[i], G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_REGULAR)
      {
        found = g_object_ref (candidates[i]);
        if (moved != NULL)
          *moved = i > 0;
      }
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    g_clear_object (&candidates[i]);
  if (found == NULL)
    {
      g_autofree char *display = g_filename_display_name (project->data_path);

      /* Translators: %s is a file's full path. */
      fw_set_error (error, FW_PROJECT_FILE_ERROR, FW_PROJECT_FILE_ERROR_DATA_MISSING,
                    _("The project’s data file, %s, is no longer there, nor beside the "
                      "project. Put it back, or open the data file itself."), display);
    }
  return found;
}

GBytes *
fw_project_file_pack_model (const FwTrainedModel *trained,
                            GError              **error)
{
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GFile) temp = g_file_new_tmp ("fairway-model-XXXXXX.fwmodel", &stream, error);
  GBytes *bytes = NULL;

  g_return_val_if_fail (trained != NULL, NULL);

  if (temp == NULL)
    return NULL;
  g_io_stream_close (G_IO_STREAM (stream), NULL, NULL);
  if (fw_trained_model_save (trained, temp, error))
    bytes = g_file_load_bytes (temp, NULL, NULL, error);
  g_file_delete (temp, NULL, NULL);
  return bytes;
}

FwTrainedModel *
fw_project_file_unpack_model (GBytes  *bytes,
                              GError **error)
{
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GFile) temp = g_file_new_tmp ("fairway-model-XXXXXX.fwmodel", &stream, error);
  FwTrainedModel *trained = NULL;
  gsize length;
  const void *data = g_bytes_get_data (bytes, &length);

  g_return_val_if_fail (bytes != NULL, NULL);

  if (temp == NULL)
    return NULL;
  if (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (stream)),
                                 data, length, NULL, NULL, error) &&
      g_io_stream_close (G_IO_STREAM (stream), NULL, error))
    trained = fw_trained_model_load (temp, error);
  g_file_delete (temp, NULL, NULL);
  return trained;
}
