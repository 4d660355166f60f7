/* fw-energy.h — what a training run costs in energy and CO2e, measured where the machine lets us
 *
 * CPU energy comes from the RAPL package counters under /sys/class/powercap when they are
 * readable, GPU energy from NVML (loaded at run time, never linked) when the GPU trains.
 * Otherwise the CPU part is an estimate: this process's CPU time × a power figure per busy
 * core.  A reading says which (`method`) and whether any part of it is an estimate; the UI,
 * the CLI and the report must say "estimated" whenever `estimated` is TRUE.
 *
 * RAPL measures the whole CPU package, including other programs running at the same time;
 * the estimate counts this process only.  CO2e = kWh × grid intensity (g CO2e per kWh).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define FW_ENERGY_ERROR (fw_energy_error_quark ())

typedef enum {
  FW_ENERGY_ERROR_INVALID,      /* an option out of range (negative intensity, …) */
  FW_ENERGY_ERROR_PARSE,        /* a stored reading that is not one */
} FwEnergyError;

/* Where the powercap sysfs class lives on Linux. */
#define FW_ENERGY_DEFAULT_POWERCAP_ROOT "/sys/class/powercap"
/* NVML ships with the NVIDIA driver under this soname. */
#define FW_ENERGY_DEFAULT_NVML_LIBRARY  "libnvidia-ml.so.1"
/* g CO2e per kWh: the world average CodeCarbon uses, citing the IEA (Global Energy & CO2
 * Status Report 2019). */
#define FW_ENERGY_DEFAULT_INTENSITY     475.0
/* Watts per busy core for the estimate: the "Any" CPU figure of Green Algorithms
 * (Lannelongue, Grealey & Inouye, Adv. Sci. 2021, data/TDP_cpu.csv), i.e. a typical
 * TDP ÷ cores.  It assumes a core running flat out draws its share of the package's TDP;
 * memory, the power supply's losses and idle cores are not counted. */
#define FW_ENERGY_DEFAULT_WATTS_PER_CORE 12.0

typedef enum {
  FW_ENERGY_METHOD_ESTIMATE,    /* CPU time × watts per core */
  FW_ENERGY_METHOD_RAPL,        /* CPU packages measured by RAPL */
  FW_ENERGY_METHOD_NVML,        /* the training GPU measured by NVML (plus the CPU part) */
} FwEnergyMethod;

typedef struct
{
  const char *powercap_root;    /* NULL: FW_ENERGY_DEFAULT_POWERCAP_ROOT; tests point elsewhere */
  gboolean    use_gpu;          /* the GPU trains: add its energy */
  guint       gpu_index;        /* NVML's index; equals CUDA's with one GPU (NVML orders by
                                 * PCI bus, CUDA by speed unless CUDA_DEVICE_ORDER=PCI_BUS_ID) */
  double      intensity;        /* g CO2e per kWh, ≥ 0 */
  double      watts_per_core;   /* > 0, for the estimate */
  const char *nvml_library;     /* NULL: FW_ENERGY_DEFAULT_NVML_LIBRARY; tests name a missing one */
  const char *gpu_pci_bus_id;   /* the training GPU as CUDA names it ("0000:19:00.0"); when set,
                                 * NVML finds the GPU by it and gpu_index is not used */
  gboolean    this_thread_only; /* estimate from the CPU time of the thread that starts,
                                 * samples and stops the meter (all three on that thread),
                                 * and leave RAPL out: for runs side by side in one process,
                                 * whose package counters cannot be split between them */
} FwEnergyOptions;

typedef struct
{
  double          joules;       /* CPU + GPU */
  double          kwh;          /* joules / 3.6e6 */
  double          co2e_g;       /* kwh × intensity */
  double          intensity;    /* g CO2e per kWh used for co2e_g */
  double          cpu_joules;   /* the parts, from a meter; NaN in a reading rebuilt from JSON */
  double          gpu_joules;   /* 0 unless the GPU trains and NVML reports it */
  FwEnergyMethod  method;       /* NVML if the GPU was measured, else RAPL if the CPU was */
  gboolean        estimated;    /* some part is an estimate, or the GPU part is missing */
  char           *detail;       /* translated sentences: how each part was obtained and why */
} FwEnergyReading;

typedef struct _FwEnergyMeter FwEnergyMeter;

GQuark           fw_energy_error_quark        (void);

/* Fills @options with the defaults above (no GPU). */
void             fw_energy_options_init       (FwEnergyOptions        *options);
/* Checks what a user can set: the intensity must be finite and ≥ 0, the watts finite and > 0. */
gboolean         fw_energy_options_validate   (const FwEnergyOptions  *options,
                                               GError                **error);

/* @options: NULL for the defaults; must pass fw_energy_options_validate().  Copied. */
FwEnergyMeter   *fw_energy_meter_new          (const FwEnergyOptions  *options);
void             fw_energy_meter_free         (FwEnergyMeter          *meter);

/* Probes RAPL and NVML and takes the first readings; restarts from zero if already running. */
void             fw_energy_meter_start        (FwEnergyMeter          *meter);
/* Joules since start.  Cheap (a few small sysfs reads); safe from any thread, meant for the
 * training thread once per epoch.  RAPL counters wrap at max_energy_range_uj, typically
 * about 262 kJ (2^32 units of 61 µJ): every half hour at 150 W.  One wrap between samples
 * is undone, two are not, so sample at least every few minutes during long epochs. */
double           fw_energy_meter_sample       (FwEnergyMeter          *meter);
/* The reading so far, without stopping (free with fw_energy_reading_free). */
FwEnergyReading *fw_energy_meter_read         (FwEnergyMeter          *meter);
/* Takes a last sample and stops; the meter can be started again. */
FwEnergyReading *fw_energy_meter_stop         (FwEnergyMeter          *meter);

/* A reading of @joules from @method (for tests and stored runs). */
FwEnergyReading *fw_energy_reading_new        (double                  joules,
                                               double                  intensity,
                                               FwEnergyMethod          method,
                                               gboolean                estimated,
                                               const char             *detail);
FwEnergyReading *fw_energy_reading_copy       (const FwEnergyReading  *reading);
void             fw_energy_reading_free       (FwEnergyReading        *reading);

/* Adds joules, kwh, co2e_g, method, intensity_g_per_kwh, estimated and detail to the object
 * being built. */
void             fw_energy_reading_to_json    (const FwEnergyReading  *reading,
                                               JsonBuilder            *builder);
/* Reads back what fw_energy_reading_to_json() wrote; kwh and co2e_g are recomputed. */
FwEnergyReading *fw_energy_reading_from_json  (JsonObject             *object,
                                               GError                **error);
/* "0.42 Wh · 0.2 g CO2e (estimated)", translated. */
char            *fw_energy_reading_to_string  (const FwEnergyReading  *reading);

/* "rapl", "nvml", "estimate": the JSON names. */
const char      *fw_energy_method_to_string   (FwEnergyMethod          method);
gboolean         fw_energy_method_from_string (const char             *name,
                                               FwEnergyMethod         *method);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwEnergyMeter, fw_energy_meter_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwEnergyReading, fw_energy_reading_free)

G_END_DECLS
