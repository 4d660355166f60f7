/* fw-energy.c — the energy meter: RAPL, NVML, or an estimate from CPU time
 *
 * The counters are read in fw-energy-rapl.c and fw-energy-nvml.c; what a reading says, and
 * its CO2e, is fw-energy-reading.c's.
 *
 * Joules are accumulated per sample from counter differences, so a counter that becomes
 * unreadable mid-run only loses its last interval: the CPU part continues as an estimate.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <time.h>
#include "fw-energy-private.h"

struct _FwEnergyMeter
{
  FwEnergyOptions  options;     /* strings point at the copies below */
  char            *powercap_root;
  char            *nvml_library;
  char            *gpu_pci_bus_id;
  GMutex           lock;
  gboolean         running;

  GArray          *packages;    /* FwEnergyRaplPackage */
  gboolean         rapl;        /* the CPU part is being measured now */
  gboolean         rapl_lost;   /* it was, until a read failed */
  char            *cpu_reason;  /* why the CPU part is (or became) an estimate */
  guint64          rapl_uj;     /* measured, summed over packages */
  double           estimate_j;  /* estimated CPU joules */
  double           cpu_start;   /* process CPU seconds at start */
  double           cpu_last;    /* … at the last sample */

  FwEnergyNvml    *nvml;
  void            *gpu;         /* nvmlDevice_t while the GPU is being measured */
  gboolean         gpu_lost;
  char            *gpu_reason;
  guint64          gpu_last_mj;
  guint64          gpu_mj;
};

/* This process's CPU time, every thread included (OpenBLAS's too), or only the calling
 * thread's. */
static double
process_cpu_seconds (const FwEnergyMeter *self)
{
  struct timespec ts;

  if (clock_gettime (self->options.this_thread_only ? CLOCK_THREAD_CPUTIME_ID
                                                    : CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
    return 0.0;
  return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
}

static gboolean
gpu_open (FwEnergyMeter  *self,
          GError        **error)
{
  void *device = NULL;
  guint64 mj = 0;

  if (self->nvml == NULL)
    {
      self->nvml = fw_energy_nvml_load (self->nvml_library, error);
      if (self->nvml == NULL)
        return FALSE;
    }
  if (!fw_energy_nvml_open_gpu (self->nvml, self->options.gpu_pci_bus_id,
                                self->options.gpu_index, &device, &mj, error))
    return FALSE;
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
  cpu_now = process_cpu_seconds (self);
  if (self->rapl)
    {
      g_autoptr(GError) error = NULL;
      guint64 delta;

      if (fw_energy_rapl_advance (self->packages, &delta, &error))
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
      guint64 mj = 0;
      int result = fw_energy_nvml_read (self->nvml, self->gpu, &mj);

      if (result != 0)
        {
          self->gpu = NULL;
          self->gpu_lost = TRUE;
          g_free (self->gpu_reason);
          self->gpu_reason = g_strdup (fw_energy_nvml_error (self->nvml, result));
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
  self->packages = fw_energy_rapl_packages_new ();
  return self;
}

void
fw_energy_meter_free (FwEnergyMeter *self)
{
  if (self == NULL)
    return;
  if (self->nvml != NULL)
    fw_energy_nvml_unload (self->nvml);
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

  if (self->options.this_thread_only)
    g_set_error_literal (&error, FW_ENERGY_ERROR, FW_ENERGY_ERROR_INVALID,
                         _("runs side by side share the CPU package counters, so this run's "
                           "own CPU time is estimated"));
  else
    self->rapl = fw_energy_rapl_open (self->packages, self->powercap_root, &error);
  if (!self->rapl)
    {
      self->cpu_reason = g_strdup (error->message);
      g_clear_error (&error);
    }
  if (self->options.use_gpu && !gpu_open (self, &error))
    self->gpu_reason = g_strdup (error->message);
  /* Read last so that probing is not billed to the run. */
  self->cpu_start = self->cpu_last = process_cpu_seconds (self);
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
