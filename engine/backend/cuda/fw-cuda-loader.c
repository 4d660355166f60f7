/* fw-backend-cuda-loader.c — finding, loading and asking the CUDA module
 *
 * Plain C and GModule: nothing here links CUDA.  The probe goes from the cheapest question
 * to the dearest one — is the module there, is a driver (libcuda.so.1) there, does the
 * module load with its CUDA libraries, what does the CUDA runtime say — and stops at the
 * first "no", which becomes a reason in plain words.  The module stays loaded once opened:
 * backends point into it, and unloading CUDA libraries mid-process is asking for trouble.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <dlfcn.h>
#include <glib/gi18n-lib.h>
#include <gmodule.h>
#include <string.h>
#include "fw-backend-cuda-module.h"
#include "fw-error.h"

#define DRIVER_LIBRARY "libcuda.so.1"

static FwCudaProbe          probe_result;
static const FwCudaModule  *module_table;

/* The module file to load: the environment's choice, else the first that exists of the
 * build tree's and the install's.  NULL when there is none. */
static char *
find_module (char **detail)
{
  const char *env = g_getenv (FW_CUDA_MODULE_ENV);
  const char *const places[] = {
#ifdef FW_CUDA_MODULE_BUILD_PATH
    FW_CUDA_MODULE_BUILD_PATH,
#endif
#ifdef FW_CUDA_MODULE_INSTALL_PATH
    FW_CUDA_MODULE_INSTALL_PATH,
#endif
    NULL,
  };

  if (env != NULL && *env != '\0')
    {
      if (g_file_test (env, G_FILE_TEST_IS_REGULAR))
        return g_strdup (env);
      *detail = g_strdup_printf (_("%s names “%s”, which is not a file."), FW_CUDA_MODULE_ENV,
                                 env);
      return NULL;
    }
  for (guint i = 0; places[i] != NULL; i++)
    if (g_file_test (places[i], G_FILE_TEST_IS_REGULAR))
      return g_strdup (places[i]);
  *detail = g_strdup (places[0] != NULL ? _("The CUDA module is not installed.")
                                        : _("This build of Fairway has no CUDA module."));
  return NULL;
}

/* The CUDA library a failed dlopen names ("libcublas.so.13"), or NULL when it names none. */
static char *
missing_cuda_library (const char *dl_error)
{
  static const char *const stems[] = { "libcudart", "libcublasLt", "libcublas", "libcuda" };

  for (guint i = 0; i < G_N_ELEMENTS (stems); i++)
    {
      const char *at = strstr (dl_error, stems[i]);
      gsize len;

      if (at == NULL)
        continue;
      /* The soname runs to the ':' dlerror puts after it. */
      len = strcspn (at, ": ");
      return g_strndup (at, len);
    }
  return NULL;
}

static void
set_status (FwCudaProbe  *p,
            FwCudaStatus  status,
            char         *reason)
{
  p->status = status;
  g_free (p->reason);
  p->reason = reason;
}

static void
load_module (FwCudaProbe *p)
{
  g_autofree char *missing = NULL;
  FwCudaModuleGetFunc get = NULL;
  GModule *module;
  void *driver;

  driver = dlopen (DRIVER_LIBRARY, RTLD_LAZY | RTLD_LOCAL);
  if (driver == NULL)
    {
      p->detail = g_strdup (dlerror ());
      set_status (p, FW_CUDA_NO_DRIVER, g_strdup (_("no NVIDIA driver")));
      return;
    }
  dlclose (driver);

  module = g_module_open (p->module_path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      p->detail = g_strdup (g_module_error ());
      missing = missing_cuda_library (p->detail);
      if (missing != NULL)
        set_status (p, FW_CUDA_NO_DRIVER,
                    g_strdup_printf (_("no NVIDIA driver (%s cannot be loaded)"), missing));
      else
        set_status (p, FW_CUDA_UNUSABLE, g_strdup (_("the CUDA module cannot be loaded")));
      return;
    }
  if (!g_module_symbol (module, FW_CUDA_MODULE_SYMBOL, (gpointer *) &get) || get == NULL ||
      get () == NULL || get ()->abi != FW_CUDA_MODULE_ABI ||
      get ()->backend_size != sizeof (FwBackend))
    {
      p->detail = g_strdup_printf (_("“%s” is not a CUDA module of this Fairway version."),
                                   p->module_path);
      set_status (p, FW_CUDA_UNUSABLE, g_strdup (_("the CUDA module is from another build")));
      g_module_close (module);
      return;
    }
  g_module_make_resident (module);
  module_table = get ();

  p->status = module_table->probe (p);
  switch (p->status)
    {
    case FW_CUDA_AVAILABLE:
      break;
    case FW_CUDA_NO_DRIVER:
      set_status (p, p->status, g_strdup (_("no NVIDIA driver")));
      break;
    case FW_CUDA_NO_DEVICE:
      set_status (p, p->status, g_strdup (_("no CUDA device")));
      break;
    case FW_CUDA_NOT_BUILT:
    case FW_CUDA_UNUSABLE:
    default:
      set_status (p, FW_CUDA_UNUSABLE,
                  g_strdup_printf (_("the GPU cannot be used: %s"),
                                   p->detail != NULL ? p->detail : _("unknown CUDA error")));
      break;
    }
}

const FwCudaProbe *
fw_backend_cuda_probe (void)
{
  static gsize probed = 0;

  if (g_once_init_enter (&probed))
    {
      FwCudaProbe *p = &probe_result;

      p->module_path = find_module (&p->detail);
      if (p->module_path == NULL)
        set_status (p, FW_CUDA_NOT_BUILT, g_strdup (_("module not built")));
      else
        load_module (p);
      g_once_init_leave (&probed, 1);
    }
  return &probe_result;
}

FwBackend *
fw_backend_cuda (GError **error)
{
  static GMutex lock;
  static FwBackend *backend;
  static char *open_failure;
  const FwCudaProbe *p = fw_backend_cuda_probe ();
  FwBackend *result;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (p->status != FW_CUDA_AVAILABLE)
    {
      fw_set_error (error, FW_BACKEND_ERROR, FW_BACKEND_ERROR_UNAVAILABLE,
                    _("CUDA is not available here: %s. Choose the CPU instead."), p->reason);
      return NULL;
    }

  /* Opened once: a second cuBLAS handle and stream would buy nothing.  A failure is kept,
   * so every caller hears the same reason. */
  g_mutex_lock (&lock);
  if (backend == NULL && open_failure == NULL)
    {
      GError *local = NULL;

      backend = module_table->open (&local);
      if (backend == NULL)
        {
          open_failure = g_strdup (local != NULL ? local->message : _("unknown CUDA error"));
          g_clear_error (&local);
        }
    }
  result = backend;
  if (result == NULL)
    fw_set_error (error, FW_BACKEND_ERROR, FW_BACKEND_ERROR_UNAVAILABLE,
                  _("The GPU could not be set up: %s Choose the CPU instead."), open_failure);
  g_mutex_unlock (&lock);
  return result;
}

char *
fw_backend_cuda_device_label (const FwCudaProbe *probe)
{
  g_return_val_if_fail (probe != NULL, NULL);

  if (probe->status != FW_CUDA_AVAILABLE)
    return g_strdup (probe->reason);
  return g_strdup_printf (_("%s, %.0f GiB"), probe->name,
                          probe->total_bytes / (1024.0 * 1024.0 * 1024.0));
}
