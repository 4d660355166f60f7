/* test-project-file.c — the threshold policy as a project file writes and reads it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include "fw-project-file.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("fw-project-file-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* A project whose "threshold_policy" member is @policy_json, verbatim. */
static GFile *
write_project (Fixture    *f,
               const char *policy_json)
{
  g_autofree char *path = g_build_filename (f->dir, "p.fairway", NULL);
  g_autofree char *text = g_strdup_printf ("{\"fairway_project\": 1, \"threshold_policy\": %s}",
                                           policy_json);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
test_read (Fixture       *f,
           gconstpointer  data)
{
  static const struct { const char *json; FwThresholdPolicy policy; } cases[] = {
    { "null", FW_THRESHOLD_POLICY_NONE },
    { "\"parity\"", FW_THRESHOLD_POLICY_PARITY },
    { "\"tpr\"", FW_THRESHOLD_POLICY_TPR },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = write_project (f, cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(FwProjectFile) project = fw_project_file_load (file, &error);

      g_assert_no_error (error);
      g_assert_cmpint (project->threshold_policy, ==, cases[i].policy);
    }
}

static void
test_read_unknown (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GFile) file = write_project (f, "\"sideways\"");
  g_autoptr(GError) error = NULL;
  g_autoptr(FwProjectFile) project = fw_project_file_load (file, &error);

  g_assert_null (project);
  g_assert_error (error, FW_PROJECT_FILE_ERROR, FW_PROJECT_FILE_ERROR_INVALID);
}

/* The file holds the policy's name, or null without one, as it always has. */
static void
test_write (Fixture       *f,
            gconstpointer  data)
{
  static const struct { FwThresholdPolicy policy; const char *json; } cases[] = {
    { FW_THRESHOLD_POLICY_NONE, "\"threshold_policy\":null" },
    { FW_THRESHOLD_POLICY_PARITY, "\"threshold_policy\":\"parity\"" },
    { FW_THRESHOLD_POLICY_TPR, "\"threshold_policy\":\"tpr\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, "w.fairway", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(FwProjectFile) project = fw_project_file_new ();
      g_autoptr(FwProjectFile) back = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL, *compact = NULL;
      g_auto(GStrv) pieces = NULL;

      project->threshold_policy = cases[i].policy;
      g_assert_true (fw_project_file_save (project, file, &error));
      g_assert_no_error (error);
      g_file_get_contents (path, &text, NULL, &error);
      g_assert_no_error (error);
      pieces = g_strsplit_set (text, " \n", -1);
      compact = g_strjoinv ("", pieces);
      g_assert_nonnull (strstr (compact, cases[i].json));

      back = fw_project_file_load (file, &error);
      g_assert_no_error (error);
      g_assert_cmpint (back->threshold_policy, ==, cases[i].policy);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/engine/project-file/policy/read", Fixture, NULL, fixture_set_up, test_read,
              fixture_tear_down);
  g_test_add ("/engine/project-file/policy/read-unknown", Fixture, NULL, fixture_set_up,
              test_read_unknown, fixture_tear_down);
  g_test_add ("/engine/project-file/policy/write", Fixture, NULL, fixture_set_up, test_write,
              fixture_tear_down);

  return g_test_run ();
}
