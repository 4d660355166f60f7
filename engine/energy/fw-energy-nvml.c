/* fw-energy-nvml.c — the training GPU's energy counter, from NVML loaded at run time
 *
 * Never linked: machines without the NVIDIA driver must run the app all the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <dlfcn.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include "fw-energy-private.h"

/* The few NVML entry points used, declared here so nothing links against the driver.
 * nvmlReturn_t is an enum (0 = NVML_SUCCESS) and nvmlDevice_t an opaque pointer. */
typedef int          (*NvmlInitFunc)         (void);
typedef int          (*NvmlShutdownFunc)     (void);
typedef int          (*NvmlGetHandleFunc)    (unsigned int index, void **device);
typedef int          (*NvmlGetHandleByBusFunc) (const char *pci_bus_id, void **device);
typedef int          (*NvmlGetEnergyFunc)    (void *device, unsigned long long *millijoules);
typedef const char  *(*NvmlErrorStringFunc)  (int result);

struct _FwEnergyNvml
{
  void                *library;
  gboolean             initialised;
  NvmlInitFunc         init;
  NvmlShutdownFunc     shutdown;
  NvmlGetHandleFunc    get_handle;
  NvmlGetHandleByBusFunc get_handle_by_bus;
  NvmlGetEnergyFunc    get_energy;
  NvmlErrorStringFunc  error_string;
};

const char *
fw_energy_nvml_error (FwEnergyNvml *nvml,
                      int           result)
{
  const char *text = nvml->error_string != NULL ? nvml->error_string (result) : NULL;

  return text != NULL ? text : _("unknown NVML error");
}

FwEnergyNvml *
fw_energy_nvml_load (const char  *library,
                     GError     **error)
{
  g_autofree FwEnergyNvml *nvml = g_new0 (FwEnergyNvml, 1);

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

void
fw_energy_nvml_unload (FwEnergyNvml *nvml)
{
  if (nvml->initialised)
    nvml->shutdown ();
  dlclose (nvml->library);
  g_free (nvml);
}

gboolean
fw_energy_nvml_open_gpu (FwEnergyNvml  *nvml,
                         const char    *pci_bus_id,
                         guint          index,
                         void         **device,
                         guint64       *millijoules,
                         GError       **error)
{
  unsigned long long mj = 0;
  int result;

  if (!nvml->initialised)
    {
      result = nvml->init ();
      if (result != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("NVML did not start: %s"), fw_energy_nvml_error (nvml, result));
          return FALSE;
        }
      nvml->initialised = TRUE;
    }
  /* The bus id is the GPU CUDA trains on whatever the two libraries' orders. */
  if (pci_bus_id != NULL && nvml->get_handle_by_bus != NULL)
    result = nvml->get_handle_by_bus (pci_bus_id, device);
  else
    result = nvml->get_handle (index, device);
  if (result == 0)
    result = nvml->get_energy (*device, &mj);
  if (result != 0)
    {
      /* Energy counters need a Volta or newer GPU: older ones answer "Not Supported". */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("NVML cannot report the energy of GPU %u: %s"),
                   index, fw_energy_nvml_error (nvml, result));
      return FALSE;
    }
  *millijoules = mj;
  return TRUE;
}

int
fw_energy_nvml_read (FwEnergyNvml *nvml,
                     void         *device,
                     guint64      *millijoules)
{
  unsigned long long mj = 0;
  int result = nvml->get_energy (device, &mj);

  *millijoules = mj;
  return result;
}
