/* test-energy.c — the energy meter on a fake powercap tree, the CPU-time estimate, NVML's
 * absence, CO2e and the JSON record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "fw-energy.h"

/* A typical Intel package's counter range (µJ), as /sys reports it. */
#define MAX_RANGE G_GUINT64_CONSTANT (262143328850)
#define MISSING_NVML "libfairway-test-no-such-nvml.so.1"

typedef struct
{
  char *root;                   /* the fake /sys/class/powercap */
} Fixture;

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_dir_close (dir);
    }
  g_remove (path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->root = g_dir_make_tmp ("fairway-energy-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->root);
  g_free (fixture->root);
}

static void
write_file (const char *root,
            const char *zone,
            const char *file,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (root, zone, NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  /* Renamed into place, so a reader never sees half a number; no fsync, a temp dir. */
  g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &error);
  g_assert_no_error (error);
}

static void
set_energy (const char *root,
            const char *zone,
            guint64     microjoules)
{
  g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT "\n", microjoules);

  write_file (root, zone, "energy_uj", text);
}

static void
write_zone (const char *root,
            const char *zone,
            const char *name,
            guint64     microjoules)
{
  g_autofree char *name_line = g_strdup_printf ("%s\n", name);
  g_autofree char *range = g_strdup_printf ("%" G_GUINT64_FORMAT "\n", MAX_RANGE);

  write_file (root, zone, "name", name_line);
  write_file (root, zone, "max_energy_range_uj", range);
  set_energy (root, zone, microjoules);
}

/* Two packages, plus every zone a real tree has that must not be counted: subzones of a
 * package, the platform ("psys"), the MMIO duplicate of package 0 and the control type. */
static void
write_two_packages (const char *root,
                    guint64     package0,
                    guint64     package1)
{
  write_file (root, "intel-rapl", "enabled", "1\n");
  write_zone (root, "intel-rapl:0", "package-0", package0);
  write_zone (root, "intel-rapl:0:0", "core", 500);
  write_zone (root, "intel-rapl:0:1", "dram", 700);
  write_zone (root, "intel-rapl:1", "package-1", package1);
  write_zone (root, "intel-rapl:2", "psys", 900);
  write_zone (root, "intel-rapl-mmio:0", "package-0", 1100);
}

static void
touch_uncounted_zones (const char *root)
{
  set_energy (root, "intel-rapl:0:0", 123456789);
  set_energy (root, "intel-rapl:0:1", 223456789);
  set_energy (root, "intel-rapl:2", 323456789);
  set_energy (root, "intel-rapl-mmio:0", 423456789);
}

static FwEnergyMeter *
meter_for (const char *root,
           double      intensity)
{
  FwEnergyOptions options;

  fw_energy_options_init (&options);
  options.powercap_root = root;
  options.intensity = intensity;
  options.nvml_library = MISSING_NVML;
  return fw_energy_meter_new (&options);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not mention “%s”", haystack, needle);
}

static double
cpu_seconds (void)
{
  struct timespec ts;

  g_assert_cmpint (clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts), ==, 0);
  return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
}

/* A bounded amount of work, never a wall-clock wait. */
static void
burn_cpu (void)
{
  volatile double x = 1.0;

  for (guint i = 0; i < 5 * 1000 * 1000; i++)
    x = x * 1.0000001 + 1e-9;
}

static void
test_rapl_packages (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(FwEnergyMeter) meter = meter_for (fixture->root, 475.0);
  g_autoptr(FwEnergyReading) reading = NULL;

  write_two_packages (fixture->root, 1000000, 2000000);
  fw_energy_meter_start (meter);
  set_energy (fixture->root, "intel-rapl:0", 3500000);
  set_energy (fixture->root, "intel-rapl:1", 2250000);
  touch_uncounted_zones (fixture->root);
  /* (3.5 − 1) J + (2.25 − 2) J */
  g_assert_cmpfloat (fw_energy_meter_sample (meter), ==, 2.75);
  g_assert_cmpfloat (fw_energy_meter_sample (meter), ==, 2.75);

  set_energy (fixture->root, "intel-rapl:0", 4000000);
  reading = fw_energy_meter_stop (meter);
  g_assert_cmpfloat (reading->joules, ==, 3.25);
  g_assert_cmpfloat (reading->cpu_joules, ==, 3.25);
  g_assert_cmpfloat (reading->gpu_joules, ==, 0.0);
  g_assert_cmpint (reading->method, ==, FW_ENERGY_METHOD_RAPL);
  g_assert_false (reading->estimated);
  assert_contains (reading->detail, "RAPL on 2 processor packages");

  /* Stopped: later changes are not counted. */
  set_energy (fixture->root, "intel-rapl:0", 9000000);
  g_assert_cmpfloat (fw_energy_meter_sample (meter), ==, 3.25);
}

static void
test_rapl_restart (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(FwEnergyMeter) meter = meter_for (fixture->root, 475.0);
  g_autoptr(FwEnergyReading) reading = NULL;

  write_two_packages (fixture->root, 10, 20);
  fw_energy_meter_start (meter);
  set_energy (fixture->root, "intel-rapl:0", 1000010);
  reading = fw_energy_meter_stop (meter);
  g_assert_cmpfloat (reading->joules, ==, 1.0);

  fw_energy_meter_start (meter);
  g_assert_cmpfloat (fw_energy_meter_sample (meter), ==, 0.0);
  set_energy (fixture->root, "intel-rapl:1", 500020);
  g_assert_cmpfloat (fw_energy_meter_sample (meter), ==, 0.5);
}

static void
test_rapl_wrap (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(FwEnergyMeter) meter = meter_for (fixture->root, 475.0);
  const guint64 start0 = MAX_RANGE - 329850, start1 = 5000000;
  double expected;

  write_two_packages (fixture->root, start0, start1);
  fw_energy_meter_start (meter);
  /* Package 0 passes its maximum and starts again from 0; package 1 just counts. */
  set_energy (fixture->root, "intel-rapl:0", 1000);
  set_energy (fixture->root, "intel-rapl:1", 6000000);
  expected = (double) ((MAX_RANGE - start0 + 1000) + (6000000 - start1)) / 1e6;
  g_assert_cmpfloat (expected, ==, 1.33085);
  g_assert_cmpfloat (fw_energy_meter_sample (meter), ==, expected);

  /* After the wrap, counting carries on from the new value. */
  set_energy (fixture->root, "intel-rapl:0", 201000);
  expected = (double) ((MAX_RANGE - start0 + 201000) + (6000000 - start1)) / 1e6;
  g_assert_cmpfloat (fw_energy_meter_sample (meter), ==, expected);
}

typedef struct
{
  const char *test;
  const char *file;             /* in intel-rapl:1; NULL: remove energy_uj */
  const char *contents;
  const char *mentions;
} Unreadable;

static const Unreadable unreadable_cases[] = {
  { "missing", NULL, NULL, "intel-rapl:1/energy_uj" },
  { "not-a-number", "energy_uj", "lots\n", "does not hold a number" },
  { "empty", "energy_uj", "", "does not hold a number" },
  { "negative", "energy_uj", "-5\n", "does not hold a number" },
  { "no-range", "max_energy_range_uj", "", "max_energy_range_uj" },
  { "zero-range", "max_energy_range_uj", "0\n", "outside the range" },
  { "above-range", "energy_uj", "262143328851\n", "outside the range" },
};

static void
test_rapl_unreadable (Fixture       *fixture,
                      gconstpointer  data)
{
  const Unreadable *c = data;
  g_autoptr(FwEnergyMeter) meter = meter_for (fixture->root, 475.0);
  g_autoptr(FwEnergyReading) reading = NULL;

  write_two_packages (fixture->root, 1000000, 2000000);
  if (c->file == NULL)
    {
      g_autofree char *path = g_build_filename (fixture->root, "intel-rapl:1", "energy_uj", NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  else
    write_file (fixture->root, "intel-rapl:1", c->file, c->contents);

  fw_energy_meter_start (meter);
  set_energy (fixture->root, "intel-rapl:0", 9000000);
  burn_cpu ();
  reading = fw_energy_meter_stop (meter);
  /* Half a package would undercount: the estimate takes over for the whole CPU. */
  g_assert_cmpint (reading->method, ==, FW_ENERGY_METHOD_ESTIMATE);
  g_assert_true (reading->estimated);
  g_assert_cmpfloat (reading->joules, >, 0.0);
  g_assert_cmpfloat (reading->joules, !=, 8.0);
  assert_contains (reading->detail, "RAPL is not available");
  assert_contains (reading->detail, c->mentions);
}

static void
test_rapl_permission (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(FwEnergyMeter) meter = meter_for (fixture->root, 475.0);
  g_autoptr(FwEnergyReading) reading = NULL;
  g_autofree char *path = g_build_filename (fixture->root, "intel-rapl:0", "energy_uj", NULL);

  if (geteuid () == 0)
    {
      g_test_skip ("root reads files whatever their mode");
      return;
    }
  write_two_packages (fixture->root, 1000000, 2000000);
  /* What distributions do since CVE-2020-8694. */
  g_assert_cmpint (g_chmod (path, 0000), ==, 0);
  fw_energy_meter_start (meter);
  reading = fw_energy_meter_stop (meter);
  g_assert_cmpint (reading->method, ==, FW_ENERGY_METHOD_ESTIMATE);
  g_assert_true (reading->estimated);
  assert_contains (reading->detail, g_strerror (EACCES));
}

static void
test_rapl_fails_mid_run (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(FwEnergyMeter) meter = meter_for (fixture->root, 475.0);
  g_autoptr(FwEnergyReading) reading = NULL;
  double before, after;

  write_two_packages (fixture->root, 1000000, 2000000);
  fw_energy_meter_start (meter);
  set_energy (fixture->root, "intel-rapl:0", 3000000);
  g_assert_cmpfloat (fw_energy_meter_sample (meter), ==, 2.0);

  write_file (fixture->root, "intel-rapl:1", "energy_uj", "gone\n");
  before = cpu_seconds ();
  burn_cpu ();
  after = fw_energy_meter_sample (meter);
  g_assert_cmpfloat (after, >, 2.0);
  /* The measured 2 J stay; the estimate adds at most the CPU time since the last sample. */
  g_assert_cmpfloat (after - 2.0, <=,
                     (cpu_seconds () - before + 1.0) * FW_ENERGY_DEFAULT_WATTS_PER_CORE);

  reading = fw_energy_meter_stop (meter);
  g_assert_cmpint (reading->method, ==, FW_ENERGY_METHOD_RAPL);
  g_assert_true (reading->estimated);
  g_assert_cmpfloat (reading->joules, >=, after);
  assert_contains (reading->detail, "until it failed");
  assert_contains (reading->detail, "does not hold a number");
}

static void
test_no_powercap (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *absent = g_build_filename (fixture->root, "absent", NULL);
  g_autoptr(FwEnergyMeter) meter = meter_for (absent, 475.0);
  g_autoptr(FwEnergyMeter) empty = meter_for (fixture->root, 475.0);
  g_autoptr(FwEnergyReading) reading = NULL;

  fw_energy_meter_start (meter);
  reading = fw_energy_meter_stop (meter);
  g_assert_cmpint (reading->method, ==, FW_ENERGY_METHOD_ESTIMATE);
  g_assert_true (reading->estimated);
  assert_contains (reading->detail, "estimated");
  assert_contains (reading->detail, absent);

  /* A powercap class with no RAPL package in it (only the platform zone). */
  write_zone (fixture->root, "intel-rapl:0", "psys", 1000);
  g_clear_pointer (&reading, fw_energy_reading_free);
  fw_energy_meter_start (empty);
  reading = fw_energy_meter_stop (empty);
  g_assert_cmpint (reading->method, ==, FW_ENERGY_METHOD_ESTIMATE);
  assert_contains (reading->detail, "no RAPL package zone");
}

static void
test_estimate_cpu_time (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *absent = g_build_filename (fixture->root, "absent", NULL);
  FwEnergyOptions options;
  g_autoptr(FwEnergyMeter) meter = NULL;
  g_autoptr(FwEnergyReading) reading = NULL;
  double outer_start, inner_start, inner_end, outer_end, joules, again;
  const double watts = 7.5;

  fw_energy_options_init (&options);
  options.powercap_root = absent;
  options.watts_per_core = watts;
  meter = fw_energy_meter_new (&options);

  /* The meter reads the same clock in between, so its CPU time lies between the inner and
   * the outer interval: no tolerance beyond rounding is needed. */
  outer_start = cpu_seconds ();
  fw_energy_meter_start (meter);
  inner_start = cpu_seconds ();
  burn_cpu ();
  inner_end = cpu_seconds ();
  joules = fw_energy_meter_sample (meter);
  outer_end = cpu_seconds ();

  g_assert_cmpfloat (joules, >, 0.0);
  g_assert_cmpfloat (joules, >=, (inner_end - inner_start) * watts - 1e-9);
  g_assert_cmpfloat (joules, <=, (outer_end - outer_start) * watts + 1e-9);

  burn_cpu ();
  again = fw_energy_meter_sample (meter);
  g_assert_cmpfloat (again, >, joules);
  reading = fw_energy_meter_stop (meter);
  g_assert_cmpfloat (reading->joules, >=, again);
  g_assert_cmpfloat (reading->joules, <=, (cpu_seconds () - outer_start) * watts + 1e-9);
  g_assert_cmpfloat (reading->cpu_joules, ==, reading->joules);
  g_assert_cmpint (reading->method, ==, FW_ENERGY_METHOD_ESTIMATE);
  g_assert_true (reading->estimated);
  assert_contains (reading->detail, "7.5 W per core");
}

static void
test_co2e (Fixture       *fixture,
           gconstpointer  data)
{
  static const struct { double joules, intensity, kwh, co2e_g; } cases[] = {
    { 7.2e6, 475.0, 2.0, 950.0 },
    { 3.6e6, 0.0, 1.0, 0.0 },
    { 0.0, 475.0, 0.0, 0.0 },
    { 1.8e6, 100.0, 0.5, 50.0 },
  };
  g_autoptr(FwEnergyMeter) meter = meter_for (fixture->root, 123.4);
  g_autoptr(FwEnergyReading) reading = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FwEnergyReading) r = fw_energy_reading_new (cases[i].joules, cases[i].intensity,
                                                            FW_ENERGY_METHOD_RAPL, FALSE, NULL);

      g_assert_cmpfloat (r->kwh, ==, cases[i].kwh);
      g_assert_cmpfloat (r->co2e_g, ==, cases[i].co2e_g);
      g_assert_cmpfloat (r->intensity, ==, cases[i].intensity);
      g_assert_false (r->estimated);
    }

  /* From the meter, at a user-set intensity. */
  write_two_packages (fixture->root, 0, 0);
  fw_energy_meter_start (meter);
  set_energy (fixture->root, "intel-rapl:0", 36000000);
  reading = fw_energy_meter_stop (meter);
  g_assert_cmpfloat (reading->joules, ==, 36.0);
  g_assert_cmpfloat (reading->kwh, ==, 36.0 / 3.6e6);
  g_assert_cmpfloat (reading->intensity, ==, 123.4);
  g_assert_cmpfloat (reading->co2e_g, ==, reading->kwh * 123.4);
  g_assert_cmpfloat_with_epsilon (reading->co2e_g, 1e-5 * 123.4, 1e-15);
}

static void
test_json (void)
{
  static const char *const keys[] = {
    "co2e_g", "detail", "estimated", "intensity_g_per_kwh", "joules", "kwh", "method",
  };
  g_autoptr(FwEnergyReading) reading = fw_energy_reading_new (5400.0, 475.0,
                                                              FW_ENERGY_METHOD_ESTIMATE, FALSE,
                                                              "CPU: estimated.");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) members = NULL;
  g_autoptr(FwEnergyReading) back = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;
  guint i = 0;

  json_builder_begin_object (builder);
  fw_energy_reading_to_json (reading, builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);

  /* Through text and back, as the CLI's reader would see it. */
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  members = g_list_sort (json_object_get_members (object), (GCompareFunc) strcmp);
  g_assert_cmpuint (g_list_length (members), ==, G_N_ELEMENTS (keys));
  for (GList *l = members; l != NULL; l = l->next)
    g_assert_cmpstr (l->data, ==, keys[i++]);

  g_assert_cmpfloat (json_object_get_double_member (object, "joules"), ==, 5400.0);
  g_assert_cmpfloat (json_object_get_double_member (object, "kwh"), ==, 1.5e-3);
  g_assert_cmpfloat (json_object_get_double_member (object, "co2e_g"), ==, 1.5e-3 * 475.0);
  g_assert_cmpstr (json_object_get_string_member (object, "method"), ==, "estimate");
  g_assert_cmpfloat (json_object_get_double_member (object, "intensity_g_per_kwh"), ==, 475.0);
  /* The estimate method is always estimated, whatever the caller said. */
  g_assert_true (json_object_get_boolean_member (object, "estimated"));
  g_assert_cmpstr (json_object_get_string_member (object, "detail"), ==, "CPU: estimated.");

  back = fw_energy_reading_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (back->joules, ==, reading->joules);
  g_assert_cmpfloat (back->kwh, ==, reading->kwh);
  g_assert_cmpfloat (back->co2e_g, ==, reading->co2e_g);
  g_assert_cmpint (back->method, ==, reading->method);
  g_assert_true (back->estimated);
  g_assert_cmpstr (back->detail, ==, reading->detail);
  g_assert_true (isnan (back->cpu_joules));

  {
    g_autoptr(FwEnergyReading) copy = fw_energy_reading_copy (back);

    g_assert_cmpfloat (copy->co2e_g, ==, back->co2e_g);
    g_assert_cmpstr (copy->detail, ==, back->detail);
    g_assert_true (copy->detail != back->detail);
  }
}

static void
test_json_invalid (void)
{
  static const char *const records[] = {
    "{}",
    "{\"joules\":1,\"method\":\"rapl\"}",
    "{\"joules\":-1,\"method\":\"rapl\",\"intensity_g_per_kwh\":475}",
    "{\"joules\":\"1\",\"method\":\"rapl\",\"intensity_g_per_kwh\":475}",
    "{\"joules\":1,\"method\":\"guess\",\"intensity_g_per_kwh\":475}",
    "{\"joules\":1,\"method\":7,\"intensity_g_per_kwh\":475}",
    "{\"joules\":1,\"method\":\"nvml\",\"intensity_g_per_kwh\":null}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (records); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(FwEnergyReading) reading = NULL;

      json_parser_load_from_data (parser, records[i], -1, &error);
      g_assert_no_error (error);
      reading = fw_energy_reading_from_json (json_node_get_object (json_parser_get_root (parser)),
                                             &error);
      g_assert_error (error, FW_ENERGY_ERROR, FW_ENERGY_ERROR_PARSE);
      g_assert_null (reading);
    }
}

static void
test_nvml_absent (Fixture       *fixture,
                  gconstpointer  data)
{
  FwEnergyOptions options;
  g_autoptr(FwEnergyMeter) meter = NULL;
  g_autoptr(FwEnergyReading) reading = NULL;

  write_two_packages (fixture->root, 1000000, 2000000);
  fw_energy_options_init (&options);
  options.powercap_root = fixture->root;
  options.use_gpu = TRUE;
  options.gpu_index = 0;
  options.nvml_library = MISSING_NVML;
  meter = fw_energy_meter_new (&options);

  fw_energy_meter_start (meter);
  set_energy (fixture->root, "intel-rapl:1", 3000000);
  g_assert_cmpfloat (fw_energy_meter_sample (meter), ==, 1.0);
  reading = fw_energy_meter_stop (meter);
  g_assert_cmpfloat (reading->joules, ==, 1.0);
  g_assert_cmpfloat (reading->gpu_joules, ==, 0.0);
  g_assert_cmpint (reading->method, ==, FW_ENERGY_METHOD_RAPL);
  /* The GPU part is missing, so the total is not a measurement of the run. */
  g_assert_true (reading->estimated);
  assert_contains (reading->detail, "NVML is not available");
  assert_contains (reading->detail, MISSING_NVML);

  /* Started again, the missing library is looked for again, quietly. */
  fw_energy_meter_start (meter);
  g_clear_pointer (&reading, fw_energy_reading_free);
  reading = fw_energy_meter_stop (meter);
  assert_contains (reading->detail, "NVML");
}

/* The real library, where the machine has an NVIDIA driver (skipped elsewhere). */
static void
test_nvml_present (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *absent = g_build_filename (fixture->root, "absent", NULL);
  FwEnergyOptions options;
  g_autoptr(FwEnergyMeter) meter = NULL;
  g_autoptr(FwEnergyReading) reading = NULL;
  double first;

  fw_energy_options_init (&options);
  options.powercap_root = absent;
  options.use_gpu = TRUE;
  meter = fw_energy_meter_new (&options);
  fw_energy_meter_start (meter);
  burn_cpu ();
  first = fw_energy_meter_sample (meter);
  g_usleep (G_USEC_PER_SEC / 5);
  burn_cpu ();
  reading = fw_energy_meter_stop (meter);
  if (reading->method != FW_ENERGY_METHOD_NVML)
    {
      g_autofree char *why = g_strdup_printf ("no NVML energy here: %s", reading->detail);

      assert_contains (reading->detail, "GPU 0: not counted");
      g_test_skip (why);
      return;
    }
  g_test_message ("%s", reading->detail);
  g_test_message ("GPU %.3f J, CPU %.3f J", reading->gpu_joules, reading->cpu_joules);
  g_assert_cmpfloat (reading->joules, >=, first);
  g_assert_cmpfloat (reading->gpu_joules, >=, 0.0);
  g_assert_cmpfloat (reading->joules, ==, reading->cpu_joules + reading->gpu_joules);
  /* The CPU part is still the estimate here. */
  g_assert_true (reading->estimated);
  assert_contains (reading->detail, "GPU 0: measured by NVML");
}

static void
test_to_string (void)
{
  static const struct { double joules, intensity; gboolean estimated; const char *text; } cases[] = {
    { 1512.0, 476.0, TRUE, "0.42 Wh · 0.2 g CO2e (estimated)" },
    { 1.3e7, 475.0, FALSE, "3.6 kWh · 1.7 kg CO2e" },
    { 36000.0, 400.0, FALSE, "10 Wh · 4 g CO2e" },
    { 0.0, 475.0, FALSE, "0 Wh · 0 g CO2e" },
    { 1.0, 475.0, TRUE, "< 0.001 Wh · < 0.001 g CO2e (estimated)" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FwEnergyReading) reading = fw_energy_reading_new (cases[i].joules,
                                                                  cases[i].intensity,
                                                                  FW_ENERGY_METHOD_RAPL,
                                                                  cases[i].estimated, NULL);
      g_autofree char *text = fw_energy_reading_to_string (reading);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_options (void)
{
  static const struct { double intensity, watts; gboolean valid; } cases[] = {
    { 475.0, 12.0, TRUE },
    { 0.0, 12.0, TRUE },
    { -1.0, 12.0, FALSE },
    { NAN, 12.0, FALSE },
    { INFINITY, 12.0, FALSE },
    { 475.0, 0.0, FALSE },
    { 475.0, -3.0, FALSE },
    { 475.0, NAN, FALSE },
  };
  FwEnergyOptions options;
  FwEnergyMethod method;

  fw_energy_options_init (&options);
  g_assert_cmpstr (options.powercap_root, ==, "/sys/class/powercap");
  g_assert_cmpfloat (options.intensity, ==, 475.0);
  g_assert_cmpfloat (options.watts_per_core, >, 0.0);
  g_assert_false (options.use_gpu);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      options.intensity = cases[i].intensity;
      options.watts_per_core = cases[i].watts;
      g_assert_cmpint (fw_energy_options_validate (&options, &error), ==, cases[i].valid);
      if (cases[i].valid)
        g_assert_no_error (error);
      else
        g_assert_error (error, FW_ENERGY_ERROR, FW_ENERGY_ERROR_INVALID);
    }

  g_assert_true (fw_energy_method_from_string ("rapl", &method));
  g_assert_cmpint (method, ==, FW_ENERGY_METHOD_RAPL);
  g_assert_true (fw_energy_method_from_string ("nvml", &method));
  g_assert_cmpint (method, ==, FW_ENERGY_METHOD_NVML);
  g_assert_true (fw_energy_method_from_string ("estimate", &method));
  g_assert_cmpint (method, ==, FW_ENERGY_METHOD_ESTIMATE);
  g_assert_false (fw_energy_method_from_string ("RAPL", &method));
}

/* The training thread samples while another thread reads: totals never go backwards. */
typedef struct
{
  FwEnergyMeter *meter;
  const char    *root;
} Sampler;

static gpointer
sample_many (gpointer data)
{
  Sampler *sampler = data;
  double last = 0.0;

  for (guint i = 1; i <= 200; i++)
    {
      double joules;

      set_energy (sampler->root, "intel-rapl:0", 1000000 + (guint64) i * 1000);
      joules = fw_energy_meter_sample (sampler->meter);
      g_assert_cmpfloat (joules, >=, last);
      last = joules;
    }
  return NULL;
}

static void
test_threads (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(FwEnergyMeter) meter = meter_for (fixture->root, 475.0);
  g_autoptr(FwEnergyReading) reading = NULL;
  Sampler sampler = { meter, fixture->root };
  GThread *thread;
  double last = 0.0;

  write_two_packages (fixture->root, 1000000, 2000000);
  fw_energy_meter_start (meter);
  thread = g_thread_new ("sampler", sample_many, &sampler);
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(FwEnergyReading) r = fw_energy_meter_read (meter);

      g_assert_cmpfloat (r->joules, >=, last);
      last = r->joules;
    }
  g_thread_join (thread);
  reading = fw_energy_meter_stop (meter);
  g_assert_cmpint (reading->method, ==, FW_ENERGY_METHOD_RAPL);
  g_assert_false (reading->estimated);
  g_assert_cmpfloat (reading->joules, ==, 0.2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/engine/energy/rapl/packages", test_rapl_packages);
  ADD ("/engine/energy/rapl/restart", test_rapl_restart);
  ADD ("/engine/energy/rapl/wrap-around", test_rapl_wrap);
  ADD ("/engine/energy/rapl/permission", test_rapl_permission);
  ADD ("/engine/energy/rapl/fails-mid-run", test_rapl_fails_mid_run);
  ADD ("/engine/energy/no-powercap", test_no_powercap);
  ADD ("/engine/energy/estimate/cpu-time", test_estimate_cpu_time);
  ADD ("/engine/energy/co2e", test_co2e);
  ADD ("/engine/energy/nvml/absent", test_nvml_absent);
  ADD ("/engine/energy/nvml/present", test_nvml_present);
  ADD ("/engine/energy/threads", test_threads);
#undef ADD
  for (gsize i = 0; i < G_N_ELEMENTS (unreadable_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/engine/energy/rapl/unreadable/%s",
                                               unreadable_cases[i].test);

      g_test_add (path, Fixture, &unreadable_cases[i], fixture_set_up, test_rapl_unreadable,
                  fixture_tear_down);
    }
  g_test_add_func ("/engine/energy/json", test_json);
  g_test_add_func ("/engine/energy/json-invalid", test_json_invalid);
  g_test_add_func ("/engine/energy/to-string", test_to_string);
  g_test_add_func ("/engine/energy/options", test_options);

  return g_test_run ();
}
