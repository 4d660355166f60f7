/* fuzz-replay.c — feeds every file of the folders given to a fuzz target, once each
 *
 * Linked with one target instead of libFuzzer, so the inputs that once crashed it
 * (tests/fuzz/regressions/<target>/) and its seed corpus run in the ordinary test suite,
 * with the ordinary compiler, on every run.  TAP: one test per file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-fuzz.h"

static void
collect (const char *folder,
         GPtrArray  *paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &error);
  const char *name;

  if (dir == NULL)
    g_error ("cannot open %s: %s", folder, error->message);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (paths, g_build_filename (folder, name, NULL));
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  if (argc < 2)
    {
      g_printerr ("usage: %s FOLDER...\n", argv[0]);
      return 2;
    }
  for (int i = 1; i < argc; i++)
    collect (argv[i], paths);
  g_ptr_array_sort (paths, compare_paths);
  LLVMFuzzerInitialize (&argc, &argv);

  /* A crash ends the run with this file's name as the last line printed. */
  g_print ("1..%u\n", paths->len);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, &error))
        g_error ("cannot read %s: %s", path, error->message);
      g_print ("# %s\n", path);
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
      g_print ("ok %u %s\n", i + 1, path);
    }
  return 0;
}
