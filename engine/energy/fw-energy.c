/* fw-energy.c — RAPL, NVML and CPU-time energy meter
 *
 * RAPL: each top-level powercap zone "intel-rapl:N" whose name is "package-N" is one CPU
 * package; its energy_uj counts microjoules and wraps to 0 after max_energy_range_uj.  Sub-
 * zones ("intel-rapl:N:M": core, uncore, dram) are parts of a package or beside it, and the
 * "psys" zone covers the whole platform, so counting either would count energy twice.
 * Since 2020 (CVE-2020-8694) energy_uj is readable by root only on most distributions: the
 * estimate is what most desktop users get, and the detail says why.
 *
 * Joules are accumulated per sample from counter differences, so a counter that becomes
 * unreadable mid-run only loses its last interval: the CPU part continues as an estimate.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "fw-energy.h"

#define JOULES_PER_KWH 3.6e6

G_DEFINE_QUARK (fw-energy-error-quark, fw_energy_error)

/* The few NVML entry points used, declared here so nothing links against the driver.
 * nvmlReturn_t is an enum (0 = NVML_SUCCESS) and nvmlDevice_t an opaque pointer. */
typedef int          (*NvmlInitFunc)         (void);
typedef int          (*NvmlShutdownFunc)     (void);
typedef int          (*NvmlGetHandleFunc)    (unsigned int index, void **device);
typedef int          (*NvmlGetHandleByBusFunc) (const char *pci_bus_id, void **device);
typedef int          (*NvmlGetEnergyFunc)    (void *device, unsigned long long *millijoules);
typedef const char  *(*NvmlErrorStringFunc)  (int result);

typedef struct
{
  void                *library;
  gboolean             initialised;
  NvmlInitFunc         init;
  NvmlShutdownFunc     shutdown;
  NvmlGetHandleFunc    get_handle;
  NvmlGetHandleByBusFunc get_handle_by_bus;
  NvmlGetEnergyFunc    get_energy;
  NvmlErrorStringFunc  error_string;
} Nvml;

typedef struct
{
  guint    index;               /* N in intel-rapl:N, for sorting */
  char    *energy_path;
  guint64  max_range;           /* µJ; the counter runs from 0 to this and wraps */
  guint64  last;                /* µJ at the last sample */
  guint64  pending;             /* µJ just read, committed once every package is read */
} RaplPackage;

struct _FwEnergyMeter
{
  FwEnergyOptions  options;     /* strings point at the copies below */
  char            *powercap_root;
  char            *nvml_library;
  char            *gpu_pci_bus_id;
  GMutex           lock;
  gboolean         running;

  GArray          *packages;    /* RaplPackage */
  gboolean         rapl;        /* the CPU part is being measured now */
  gboolean         rapl_lost;   /* it was, until a read failed */
  char            *cpu_reason;  /* why the CPU part is (or became) an estimate */
  guint64          rapl_uj;     /* measured, summed over packages */
  double           estimate_j;  /* estimated CPU joules */
  double           cpu_start;   /* process CPU seconds at start */
  double           cpu_last;    /* … at the last sample */

  Nvml            *nvml;
  void            *gpu;         /* nvmlDevice_t while the GPU is being measured */
  gboolean         gpu_lost;
  char            *gpu_reason;
  guint64          gpu_last_mj;
  guint64          gpu_mj;
};

/* This process's CPU time, every thread included (OpenBLAS's too). */
static double
process_cpu_seconds (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
    return 0.0;
  return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
}

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
  guint x = ((const RaplPackage *) a)->index, y = ((const RaplPackage *) b)->index;

  return x < y ? -1 : x > y;
}

static void
clear_package (void *data)
{
  g_free (((RaplPackage *) data)->energy_path);
}

static gboolean
rapl_open (FwEnergyMeter  *self,
           GError        **error)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dir = g_dir_open (self->powercap_root, 0, error);
  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *zone = NULL, *name_path = NULL;
      char zone_name[64];
      RaplPackage package = { 0 };

      if (!parse_package_zone (name, &package.index))
        continue;
      zone = g_build_filename (self->powercap_root, name, NULL);
      name_path = g_build_filename (zone, "name", NULL);
      /* Top-level zones are packages or "psys" (the whole platform); only packages add up. */
      if (!read_small_file (name_path, zone_name, sizeof zone_name, NULL) ||
          !g_str_has_prefix (zone_name, "package-"))
        continue;
      package.energy_path = g_build_filename (zone, "energy_uj", NULL);
      g_array_append_val (self->packages, package);
    }
  if (self->packages->len == 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("no RAPL package zone under “%s”"), self->powercap_root);
      return FALSE;
    }
  g_array_sort (self->packages, compare_packages);

  for (guint i = 0; i < self->packages->len; i++)
    {
      RaplPackage *p = &g_array_index (self->packages, RaplPackage, i);
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

/* Microjoules since the last sample, over all packages; FALSE (nothing committed) when a
 * counter cannot be read.  A value below the last one means the counter wrapped once. */
static gboolean
rapl_advance (FwEnergyMeter  *self,
              guint64        *delta_uj,
              GError        **error)
{
  guint64 delta = 0;

  for (guint i = 0; i < self->packages->len; i++)
    {
      RaplPackage *p = &g_array_index (self->packages, RaplPackage, i);

      if (!read_u64 (p->energy_path, &p->pending, error))
        return FALSE;
      if (p->pending > p->max_range)
        {
          g_set_error (error, FW_ENERGY_ERROR, FW_ENERGY_ERROR_PARSE,
                       _("“%s” is outside the range its zone reports"), p->energy_path);
          return FALSE;
        }
    }
  for (guint i = 0; i < self->packages->len; i++)
    {
      RaplPackage *p = &g_array_index (self->packages, RaplPackage, i);

      if (p->pending >= p->last)
        delta += p->pending - p->last;
      else
        delta += p->max_range - p->last + p->pending;
      p->last = p->pending;
    }
  *delta_uj = delta;
  return TRUE;
}

static const char *
nvml_error (Nvml *nvml,
            int   result)
{
  const char *text = nvml->error_string != NULL ? nvml->error_string (result) : NULL;

  return text != NULL ? text : _("unknown NVML error");
}

static Nvml *
nvml_load (const char  *library,
           GError     **error)
{
  g_autofree Nvml *nvml = g_new0 (Nvml, 1);

  /* Never linked: machines without the NVIDIA driver must run the app all the same. */
  nvml->library = dlopen (library, RTLD_NOW | RTLD_LOCAL);
  if (nvml->library == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("NVML is not available (%s)"), dlerror ());
      return NULL;
    }
  nvml->init = (NvmlInitFunc) dlsym (nvml->library, "nvmlInit_v2");
  nvml->shutdown = (NvmlShutdownFunc) dlsym (nvml->library, "nvmlShutdown");
  nvml->get_handle = (NvmlGetHandleFunc) dlsym (nvml->library, "nvmlDeviceGetHandleByIndex_v2");
  nvml->get_handle_by_bus = (NvmlGetHandleByBusFunc) dlsym (nvml->library,
                                                            "nvmlDeviceGetHandleByPciBusId_v2");
  nvml->get_energy = (NvmlGetEnergyFunc) dlsym (nvml->library,
                                                "nvmlDeviceGetTotalEnergyConsumption");
  nvml->error_string = (NvmlErrorStringFunc) dlsym (nvml->library, "nvmlErrorString");
  if (nvml->init == NULL || nvml->shutdown == NULL || nvml->get_handle == NULL ||
      nvml->get_energy == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” lacks the NVML energy functions"), library);
      dlclose (nvml->library);
      return NULL;
    }
  return g_steal_pointer (&nvml);
}

static void
nvml_unload (Nvml *nvml)
{
  if (nvml->initialised)
    nvml->shutdown ();
  dlclose (nvml->library);
  g_free (nvml);
}

static gboolean
gpu_open (FwEnergyMeter  *self,
          GError        **error)
{
  void *device = NULL;
  unsigned long long mj = 0;
  int result;

  if (self->nvml == NULL)
    {
      self->nvml = nvml_load (self->nvml_library, error);
      if (self->nvml == NULL)
        return FALSE;
    }
  if (!self->nvml->initialised)
    {
      result = self->nvml->init ();
      if (result != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("NVML did not start: %s"), nvml_error (self->nvml, result));
          return FALSE;
        }
      self->nvml->initialised = TRUE;
    }
  /* The bus id is the GPU CUDA trains on whatever the two libraries' orders. */
  if (self->options.gpu_pci_bus_id != NULL && self->nvml->get_handle_by_bus != NULL)
    result = self->nvml->get_handle_by_bus (self->options.gpu_pci_bus_id, &device);
  else
    result = self->nvml->get_handle (self->options.gpu_index, &device);
  if (result == 0)
    result = self->nvml->get_energy (device, &mj);
  if (result != 0)
    {
      /* Energy counters need a Volta or newer GPU: older ones answer "Not Supported". */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("NVML cannot report the energy of GPU %u: %s"),
                   self->options.gpu_index, nvml_error (self->nvml, result));
      return FALSE;
    }
  self->gpu = device;
  self->gpu_last_mj = mj;
  return TRUE;
}

/* Folds the time since the last sample into the totals; called with the lock held. */
static void
update (FwEnergyMeter *self)
{
  double cpu_now;

  if (!self->running)
    return;
  cpu_now = process_cpu_seconds ();
  if (self->rapl)
    {
      g_autoptr(GError) error = NULL;
      guint64 delta;

      if (rapl_advance (self, &delta, &error))
        self->rapl_uj += delta;
      else
        {
          /* This interval is lost to RAPL; the estimate covers it and what follows. */
          self->rapl = FALSE;
          self->rapl_lost = TRUE;
          g_free (self->cpu_reason);
          self->cpu_reason = g_strdup (error->message);
        }
    }
  if (!self->rapl)
    self->estimate_j += (cpu_now - self->cpu_last) * self->options.watts_per_core;
  self->cpu_last = cpu_now;

  if (self->gpu != NULL)
    {
      unsigned long long mj = 0;
      int result = self->nvml->get_energy (self->gpu, &mj);

      if (result != 0)
        {
          self->gpu = NULL;
          self->gpu_lost = TRUE;
          g_free (self->gpu_reason);
          self->gpu_reason = g_strdup (nvml_error (self->nvml, result));
        }
      else
        {
          /* The counter restarts when the driver reloads: count nothing for that interval. */
          if (mj >= self->gpu_last_mj)
            self->gpu_mj += mj - self->gpu_last_mj;
          self->gpu_last_mj = mj;
        }
    }
}

static double
cpu_joules (const FwEnergyMeter *self)
{
  return (double) self->rapl_uj / 1e6 + self->estimate_j;
}

static double
gpu_joules (const FwEnergyMeter *self)
{
  return (double) self->gpu_mj / 1e3;
}

static const char *
reason_or_unknown (const char *reason)
{
  return reason != NULL ? reason : _("the meter has not been started");
}

static char *
describe (const FwEnergyMeter *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  double cpu_seconds = self->cpu_last - self->cpu_start;
  guint n = self->packages->len;

  if (self->rapl)
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "CPU: measured by RAPL on %u processor package (the "
                                         "whole processor, other programs included).",
                                         "CPU: measured by RAPL on %u processor packages (the "
                                         "whole processors, other programs included).", n),
                            n);
  else if (self->rapl_lost)
    g_string_append_printf (text,
                            _("CPU: measured by RAPL until it failed (%s), then estimated "
                              "from this program’s CPU time at %g W per core."),
                            reason_or_unknown (self->cpu_reason), self->options.watts_per_core);
  else
    g_string_append_printf (text,
                            _("CPU: estimated from %.2f s of this program’s CPU time at %g W "
                              "per core; RAPL is not available (%s)."),
                            cpu_seconds, self->options.watts_per_core,
                            reason_or_unknown (self->cpu_reason));

  if (!self->options.use_gpu)
    return g_strdup (text->str);
  g_string_append_c (text, ' ');
  if (self->gpu != NULL)
    g_string_append_printf (text, _("GPU %u: measured by NVML."), self->options.gpu_index);
  else if (self->gpu_lost)
    g_string_append_printf (text,
                            _("GPU %u: measured by NVML until it failed (%s); later GPU "
                              "energy is not counted."),
                            self->options.gpu_index, reason_or_unknown (self->gpu_reason));
  else
    g_string_append_printf (text, _("GPU %u: not counted; %s."),
                            self->options.gpu_index, reason_or_unknown (self->gpu_reason));
  return g_strdup (text->str);
}

static FwEnergyReading *
reading_locked (const FwEnergyMeter *self)
{
  gboolean gpu_measured = self->gpu != NULL || self->gpu_lost;
  FwEnergyMethod method;
  gboolean estimated;
  FwEnergyReading *reading;
  g_autofree char *detail = describe (self);

  if (self->options.use_gpu && gpu_measured)
    method = FW_ENERGY_METHOD_NVML;
  else if (self->rapl || self->rapl_lost)
    method = FW_ENERGY_METHOD_RAPL;
  else
    method = FW_ENERGY_METHOD_ESTIMATE;
  /* A missing GPU part makes the total a lower bound, not a measurement. */
  estimated = !self->rapl || (self->options.use_gpu && self->gpu == NULL);

  reading = fw_energy_reading_new (cpu_joules (self) + gpu_joules (self),
                                   self->options.intensity, method, estimated, detail);
  reading->cpu_joules = cpu_joules (self);
  reading->gpu_joules = gpu_joules (self);
  return reading;
}

void
fw_energy_options_init (FwEnergyOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (FwEnergyOptions) {
    .powercap_root = FW_ENERGY_DEFAULT_POWERCAP_ROOT,
    .use_gpu = FALSE,
    .gpu_index = 0,
    .intensity = FW_ENERGY_DEFAULT_INTENSITY,
    .watts_per_core = FW_ENERGY_DEFAULT_WATTS_PER_CORE,
    .nvml_library = FW_ENERGY_DEFAULT_NVML_LIBRARY,
  };
}

gboolean
fw_energy_options_validate (const FwEnergyOptions  *options,
                            GError                **error)
{
  g_return_val_if_fail (options != NULL, FALSE);

  if (!isfinite (options->intensity) || options->intensity < 0)
    {
      g_set_error (error, FW_ENERGY_ERROR, FW_ENERGY_ERROR_INVALID,
                   _("The carbon intensity must be a number of grams per kWh, 0 or more, "
                     "not %g"), options->intensity);
      return FALSE;
    }
  if (!isfinite (options->watts_per_core) || options->watts_per_core <= 0)
    {
      g_set_error (error, FW_ENERGY_ERROR, FW_ENERGY_ERROR_INVALID,
                   _("The power per core must be a number of watts above 0, not %g"),
                   options->watts_per_core);
      return FALSE;
    }
  return TRUE;
}

FwEnergyMeter *
fw_energy_meter_new (const FwEnergyOptions *options)
{
  FwEnergyMeter *self;
  FwEnergyOptions defaults;

  if (options == NULL)
    {
      fw_energy_options_init (&defaults);
      options = &defaults;
    }
  g_return_val_if_fail (fw_energy_options_validate (options, NULL), NULL);

  self = g_new0 (FwEnergyMeter, 1);
  self->options = *options;
  self->powercap_root = g_strdup (options->powercap_root != NULL ? options->powercap_root
                                                                 : FW_ENERGY_DEFAULT_POWERCAP_ROOT);
  self->nvml_library = g_strdup (options->nvml_library != NULL ? options->nvml_library
                                                               : FW_ENERGY_DEFAULT_NVML_LIBRARY);
  self->options.powercap_root = self->powercap_root;
  self->options.nvml_library = self->nvml_library;
  self->gpu_pci_bus_id = g_strdup (options->gpu_pci_bus_id);
  self->options.gpu_pci_bus_id = self->gpu_pci_bus_id;
  g_mutex_init (&self->lock);
  self->packages = g_array_new (FALSE, TRUE, sizeof (RaplPackage));
  g_array_set_clear_func (self->packages, clear_package);
  return self;
}

void
fw_energy_meter_free (FwEnergyMeter *self)
{
  if (self == NULL)
    return;
  if (self->nvml != NULL)
    nvml_unload (self->nvml);
  g_array_unref (self->packages);
  g_free (self->cpu_reason);
  g_free (self->gpu_reason);
  g_free (self->powercap_root);
  g_free (self->nvml_library);
  g_free (self->gpu_pci_bus_id);
  g_mutex_clear (&self->lock);
  g_free (self);
}

void
fw_energy_meter_start (FwEnergyMeter *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (self != NULL);

  locker = g_mutex_locker_new (&self->lock);
  g_array_set_size (self->packages, 0);
  g_clear_pointer (&self->cpu_reason, g_free);
  g_clear_pointer (&self->gpu_reason, g_free);
  self->rapl_uj = self->gpu_mj = 0;
  self->estimate_j = 0.0;
  self->rapl_lost = self->gpu_lost = FALSE;
  self->gpu = NULL;

  self->rapl = rapl_open (self, &error);
  if (!self->rapl)
    {
      self->cpu_reason = g_strdup (error->message);
      g_clear_error (&error);
    }
  if (self->options.use_gpu && !gpu_open (self, &error))
    self->gpu_reason = g_strdup (error->message);
  /* Read last so that probing is not billed to the run. */
  self->cpu_start = self->cpu_last = process_cpu_seconds ();
  self->running = TRUE;
}

double
fw_energy_meter_sample (FwEnergyMeter *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (self != NULL, 0.0);

  locker = g_mutex_locker_new (&self->lock);
  update (self);
  return cpu_joules (self) + gpu_joules (self);
}

FwEnergyReading *
fw_energy_meter_read (FwEnergyMeter *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);
  update (self);
  return reading_locked (self);
}

FwEnergyReading *
fw_energy_meter_stop (FwEnergyMeter *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);
  update (self);
  self->running = FALSE;
  return reading_locked (self);
}

FwEnergyReading *
fw_energy_reading_new (double          joules,
                       double          intensity,
                       FwEnergyMethod  method,
                       gboolean        estimated,
                       const char     *detail)
{
  FwEnergyReading *reading;

  g_return_val_if_fail (isfinite (joules) && joules >= 0, NULL);
  g_return_val_if_fail (isfinite (intensity) && intensity >= 0, NULL);

  reading = g_new0 (FwEnergyReading, 1);
  reading->joules = joules;
  reading->kwh = joules / JOULES_PER_KWH;
  reading->co2e_g = reading->kwh * intensity;
  reading->intensity = intensity;
  reading->cpu_joules = NAN;
  reading->gpu_joules = NAN;
  reading->method = method;
  reading->estimated = estimated || method == FW_ENERGY_METHOD_ESTIMATE;
  reading->detail = g_strdup (detail != NULL ? detail : "");
  return reading;
}

FwEnergyReading *
fw_energy_reading_copy (const FwEnergyReading *reading)
{
  FwEnergyReading *copy;

  g_return_val_if_fail (reading != NULL, NULL);

  copy = g_memdup2 (reading, sizeof *reading);
  copy->detail = g_strdup (reading->detail);
  return copy;
}

void
fw_energy_reading_free (FwEnergyReading *reading)
{
  if (reading == NULL)
    return;
  g_free (reading->detail);
  g_free (reading);
}

void
fw_energy_reading_to_json (const FwEnergyReading *reading,
                           JsonBuilder           *builder)
{
  g_return_if_fail (reading != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_set_member_name (builder, "joules");
  json_builder_add_double_value (builder, reading->joules);
  json_builder_set_member_name (builder, "kwh");
  json_builder_add_double_value (builder, reading->kwh);
  json_builder_set_member_name (builder, "co2e_g");
  json_builder_add_double_value (builder, reading->co2e_g);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, fw_energy_method_to_string (reading->method));
  json_builder_set_member_name (builder, "intensity_g_per_kwh");
  json_builder_add_double_value (builder, reading->intensity);
  json_builder_set_member_name (builder, "estimated");
  json_builder_add_boolean_value (builder, reading->estimated);
  json_builder_set_member_name (builder, "detail");
  json_builder_add_string_value (builder, reading->detail != NULL ? reading->detail : "");
}

static gboolean
get_number (JsonObject  *object,
            const char  *name,
            double      *value,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
       json_node_get_value_type (node) != G_TYPE_INT64) ||
      !isfinite (json_node_get_double (node)) || json_node_get_double (node) < 0)
    {
      g_set_error (error, FW_ENERGY_ERROR, FW_ENERGY_ERROR_PARSE,
                   _("The energy record has no valid “%s”"), name);
      return FALSE;
    }
  *value = json_node_get_double (node);
  return TRUE;
}

FwEnergyReading *
fw_energy_reading_from_json (JsonObject  *object,
                             GError     **error)
{
  double joules, intensity;
  FwEnergyMethod method;
  const char *method_name, *detail;
  gboolean estimated;

  g_return_val_if_fail (object != NULL, NULL);

  if (!get_number (object, "joules", &joules, error) ||
      !get_number (object, "intensity_g_per_kwh", &intensity, error))
    return NULL;
  method_name = json_object_get_string_member_with_default (object, "method", NULL);
  if (method_name == NULL || !fw_energy_method_from_string (method_name, &method))
    {
      g_set_error (error, FW_ENERGY_ERROR, FW_ENERGY_ERROR_PARSE,
                   _("The energy record has no valid “%s”"), "method");
      return NULL;
    }
  /* Older records may lack these; a bare "estimate" method still says estimated. */
  estimated = json_object_get_boolean_member_with_default (object, "estimated", FALSE);
  detail = json_object_get_string_member_with_default (object, "detail", "");
  return fw_energy_reading_new (joules, intensity, method, estimated, detail);
}

/* Two significant figures below 10, whole numbers above, "< 0.001" for the barely visible. */
static char *
format_quantity (double value)
{
  if (!isfinite (value))
    return g_strdup ("?");
  if (value == 0)
    return g_strdup ("0");
  if (value < 0.001)
    return g_strdup_printf ("< %g", 0.001);
  if (value < 10)
    return g_strdup_printf ("%.2g", value);
  return g_strdup_printf ("%.0f", value);
}

char *
fw_energy_reading_to_string (const FwEnergyReading *reading)
{
  g_autofree char *energy = NULL, *co2 = NULL, *number = NULL;
  double wh;

  g_return_val_if_fail (reading != NULL, NULL);

  wh = reading->joules / 3600.0;
  if (wh >= 1000)
    {
      number = format_quantity (wh / 1000);
      /* Translators: an amount of energy in kilowatt-hours. */
      energy = g_strdup_printf (_("%s kWh"), number);
    }
  else
    {
      number = format_quantity (wh);
      /* Translators: an amount of energy in watt-hours. */
      energy = g_strdup_printf (_("%s Wh"), number);
    }
  g_free (number);
  if (reading->co2e_g >= 1000)
    {
      number = format_quantity (reading->co2e_g / 1000);
      /* Translators: a mass in kilograms. */
      co2 = g_strdup_printf (_("%s kg"), number);
    }
  else
    {
      number = format_quantity (reading->co2e_g);
      /* Translators: a mass in grams. */
      co2 = g_strdup_printf (_("%s g"), number);
    }
  if (reading->estimated)
    /* Translators: energy, then the mass of CO2-equivalent emissions, e.g.
     * "0.42 Wh · 0.2 g CO2e (estimated)". */
    return g_strdup_printf (_("%s · %s CO2e (estimated)"), energy, co2);
  /* Translators: energy, then the mass of CO2-equivalent emissions, e.g. "0.42 Wh · 0.2 g CO2e". */
  return g_strdup_printf (_("%s · %s CO2e"), energy, co2);
}

const char *
fw_energy_method_to_string (FwEnergyMethod method)
{
  switch (method)
    {
    case FW_ENERGY_METHOD_RAPL:
      return "rapl";
    case FW_ENERGY_METHOD_NVML:
      return "nvml";
    case FW_ENERGY_METHOD_ESTIMATE:
    default:
      return "estimate";
    }
}

gboolean
fw_energy_method_from_string (const char     *name,
                              FwEnergyMethod *method)
{
  static const FwEnergyMethod all[] = {
    FW_ENERGY_METHOD_ESTIMATE, FW_ENERGY_METHOD_RAPL, FW_ENERGY_METHOD_NVML,
  };

  g_return_val_if_fail (name != NULL, FALSE);

  for (gsize i = 0; i < G_N_ELEMENTS (all); i++)
    if (g_str_equal (name, fw_energy_method_to_string (all[i])))
      {
        if (method != NULL)
          *method = all[i];
        return TRUE;
      }
  return FALSE;
}
