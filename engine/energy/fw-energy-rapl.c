/* fw-energy-rapl.c — the CPU packages' energy counters under /sys/class/powercap
 *
 * Each top-level powercap zone "intel-rapl:N" whose name is "package-N" is one CPU
 * package; its energy_uj counts microjoules and wraps to 0 after max_energy_range_uj.  Sub-
 * zones ("intel-rapl:N:M": core, uncore, dram) are parts of a package or beside it, and the
 * "psys" zone covers the whole platform, so counting either would count energy twice.
 * Since 2020 (CVE-2020-8694) energy_uj is readable by root only on most distributions: the
 * estimate is what most desktop users get, and the detail says why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <unistd.h>
#include "fw-energy-private.h"

/* Sysfs files are tiny; a stack buffer keeps sampling free of allocations. */
static gboolean
read_small_file (const char  *path,
                 char        *buffer,
                 gsize        size,
                 GError     **error)
{
  ssize_t n;
  int fd, saved;

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("cannot read “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  do
    n = read (fd, buffer, size - 1);
  while (n < 0 && errno == EINTR);
  saved = errno;
  close (fd);
  if (n < 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("cannot read “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  buffer[n] = '\0';
  g_strstrip (buffer);
  return TRUE;
}

static gboolean
read_u64 (const char  *path,
          guint64     *value,
          GError     **error)
{
  char buffer[64];

  if (!read_small_file (path, buffer, sizeof buffer, error))
    return FALSE;
  if (!g_ascii_string_to_unsigned (buffer, 10, 0, G_MAXUINT64, value, NULL))
    {
      g_set_error (error, FW_ENERGY_ERROR, FW_ENERGY_ERROR_PARSE,
                   _("“%s” does not hold a number"), path);
      return FALSE;
    }
  return TRUE;
}

/* "intel-rapl:N" exactly: no subzone suffix, no "intel-rapl-mmio" duplicate. */
static gboolean
parse_package_zone (const char *name,
                    guint      *index)
{
  const char *digits;
  guint64 n;

  if (!g_str_has_prefix (name, "intel-rapl:"))
    return FALSE;
  digits = name + strlen ("intel-rapl:");
  if (!g_ascii_string_to_unsigned (digits, 10, 0, G_MAXUINT, &n, NULL))
    return FALSE;
  *index = (guint) n;
  return TRUE;
}

static int
compare_packages (const void *a,
                  const void *b)
{
  guint x = ((const FwEnergyRaplPackage *) a)->index, y = ((const FwEnergyRaplPackage *) b)->index;

  return x < y ? -1 : x > y;
}

static void
clear_package (void *data)
{
  g_free (((FwEnergyRaplPackage *) data)->energy_path);
}

GArray *
fw_energy_rapl_packages_new (void)
{
  GArray *packages = g_array_new (FALSE, TRUE, sizeof (FwEnergyRaplPackage));

  g_array_set_clear_func (packages, clear_package);
  return packages;
}

gboolean
fw_energy_rapl_open (GArray      *packages,
                     const char  *powercap_root,
                     GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dir = g_dir_open (powercap_root, 0, error);
  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *zone = NULL, *name_path = NULL;
      char zone_name[64];
      FwEnergyRaplPackage package = { 0 };

      if (!parse_package_zone (name, &package.index))
        continue;
      zone = g_build_filename (powercap_root, name, NULL);
      name_path = g_build_filename (zone, "name", NULL);
      /* Top-level zones are packages or "psys" (the whole platform); only packages add up. */
      if (!read_small_file (name_path, zone_name, sizeof zone_name, NULL) ||
          !g_str_has_prefix (zone_name, "package-"))
        continue;
      package.energy_path = g_build_filename (zone, "energy_uj", NULL);
      g_array_append_val (packages, package);
    }
  if (packages->len == 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("no RAPL package zone under “%s”"), powercap_root);
      return FALSE;
    }
  g_array_sort (packages, compare_packages);

  for (guint i = 0; i < packages->len; i++)
    {
      FwEnergyRaplPackage *p = &g_array_index (packages, FwEnergyRaplPackage, i);
      g_autofree char *dir_path = g_path_get_dirname (p->energy_path);
      g_autofree char *range_path = g_build_filename (dir_path, "max_energy_range_uj", NULL);

      if (!read_u64 (range_path, &p->max_range, error) ||
          !read_u64 (p->energy_path, &p->last, error))
        return FALSE;
      if (p->max_range == 0 || p->last > p->max_range)
        {
          g_set_error (error, FW_ENERGY_ERROR, FW_ENERGY_ERROR_PARSE,
                       _("“%s” is outside the range its zone reports"), p->energy_path);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
fw_energy_rapl_advance (GArray   *packages,
                        guint64  *delta_uj,
                        GError  **error)
{
  guint64 delta = 0;

  for (guint i = 0; i < packages->len; i++)
    {
      FwEnergyRaplPackage *p = &g_array_index (packages, FwEnergyRaplPackage, i);

      if (!read_u64 (p->energy_path, &p->pending, error))
        return FALSE;
      if (p->pending > p->max_range)
        {
          g_set_error (error, FW_ENERGY_ERROR, FW_ENERGY_ERROR_PARSE,
                       _("“%s” is outside the range its zone reports"), p->energy_path);
          return FALSE;
        }
    }
  for (guint i = 0; i < packages->len; i++)
    {
      FwEnergyRaplPackage *p = &g_array_index (packages, FwEnergyRaplPackage, i);

      if (p->pending >= p->last)
        delta += p->pending - p->last;
      else
        delta += p->max_range - p->last + p->pending;
      p->last = p->pending;
    }
  *delta_uj = delta;
  return TRUE;
}
