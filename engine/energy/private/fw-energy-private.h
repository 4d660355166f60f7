/* fw-energy-private.h — what the energy files share (engine-internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-energy.h"

G_BEGIN_DECLS

/* One RAPL package zone: "intel-rapl:N" under the powercap root. */
typedef struct
{
  guint    index;               /* N in intel-rapl:N, for sorting */
  char    *energy_path;
  guint64  max_range;           /* µJ; the counter runs from 0 to this and wraps */
  guint64  last;                /* µJ at the last sample */
  guint64  pending;             /* µJ just read, committed once every package is read */
} FwEnergyRaplPackage;

/* An empty GArray of FwEnergyRaplPackage that frees what its elements hold. */
GArray     *fw_energy_rapl_packages_new (void);
/* Adds every package zone under @powercap_root to @packages, with its first reading;
 * FALSE when there is none or one cannot be read. */
gboolean    fw_energy_rapl_open         (GArray       *packages,
                                         const char   *powercap_root,
                                         GError      **error);
/* Microjoules since the last sample, over all packages; FALSE (nothing committed) when a
 * counter cannot be read.  A value below the last one means the counter wrapped once. */
gboolean    fw_energy_rapl_advance      (GArray       *packages,
                                         guint64      *delta_uj,
                                         GError      **error);

/* NVML, loaded at run time: the library and its few entry points. */
typedef struct _FwEnergyNvml FwEnergyNvml;

FwEnergyNvml *fw_energy_nvml_load       (const char   *library,
                                         GError      **error);
/* Shuts NVML down if it was started, and unloads it. */
void        fw_energy_nvml_unload       (FwEnergyNvml *nvml);
/* Starts NVML if need be and finds the GPU by @pci_bus_id (when set and NVML can) or by
 * @index; sets @device and its energy counter in millijoules. */
gboolean    fw_energy_nvml_open_gpu     (FwEnergyNvml *nvml,
                                         const char   *pci_bus_id,
                                         guint         index,
                                         void        **device,
                                         guint64      *millijoules,
                                         GError      **error);
/* @device's energy counter in millijoules; NVML's error code (0: success). */
int         fw_energy_nvml_read         (FwEnergyNvml *nvml,
                                         void         *device,
                                         guint64      *millijoules);
/* NVML's words for @result. */
const char *fw_energy_nvml_error        (FwEnergyNvml *nvml,
                                         int           result);

G_END_DECLS
