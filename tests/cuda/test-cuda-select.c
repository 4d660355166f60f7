/* test-cuda-select.c — which device a model gets, and the reasons given when it is not a GPU
 *
 * Runs on every machine, with or without a GPU: what it checks is that the answer and the
 * model agree ("auto" is CUDA exactly when the probe says available; "cuda" elsewhere is
 * refused with the probe's reason), and that the module built here loads and answers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <dlfcn.h>
#include <gmodule.h>
#include <string.h>
#include "fw-backend-cuda-module.h"
#include "fw-model.h"

static const char *const reasons[] = {
  "module not built", "no NVIDIA driver", "no CUDA device", "the GPU cannot be used",
  "the CUDA module",
};

static FwModel *
model_on (const char *device,
          GError    **error)
{
  FwModelSpec spec = { 0 };

  spec.kind = FW_MODEL_MLP;
  spec.n_hidden = 1;
  spec.hidden[0] = 4;
  spec.batch_size = 8;
  spec.learning_rate = 0.01;
  spec.optimizer = FW_OPTIMIZER_ADAM;
  spec.device = (char *) device;
  return fw_model_new (&spec, FW_TASK_BINARY, 3, 1, 1, error);
}

static void
test_probe (void)
{
  const FwCudaProbe *p = fw_backend_cuda_probe ();
  gboolean known = FALSE;

  g_assert_true (p == fw_backend_cuda_probe ());        /* asked once */
  g_test_message ("CUDA: %s%s%s", p->status == FW_CUDA_AVAILABLE ? p->name : p->reason,
                  p->detail != NULL ? ": " : "", p->detail != NULL ? p->detail : "");
  if (p->status == FW_CUDA_AVAILABLE)
    {
      g_assert_null (p->reason);
      g_assert_nonnull (p->name);
      g_assert_cmpint (p->cc_major, >=, 8);
      g_assert_cmpuint (p->total_bytes, >, 0);
      g_assert_cmpint (p->device_count, >=, 1);
      return;
    }
  g_assert_nonnull (p->reason);
  g_assert_null (p->name);
  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    known = known || g_str_has_prefix (p->reason, reasons[i]);
  if (!known)
    g_error ("unexpected reason “%s”", p->reason);
}

static void
test_model_devices (void)
{
  gboolean available = fw_backend_cuda_probe ()->status == FW_CUDA_AVAILABLE;
  g_autoptr(GError) error = NULL;
  g_autoptr(FwModel) on_auto = model_on ("auto", &error);
  g_autoptr(FwModel) on_default = NULL, on_cpu = NULL, on_cuda = NULL;
  g_autofree char *auto_label = NULL, *default_label = NULL, *cpu_label = NULL;

  g_assert_no_error (error);
  on_default = model_on (NULL, &error);
  g_assert_no_error (error);
  on_cpu = model_on ("cpu", &error);
  g_assert_no_error (error);
  auto_label = fw_model_describe_backend (on_auto);
  default_label = fw_model_describe_backend (on_default);
  cpu_label = fw_model_describe_backend (on_cpu);
  g_assert_true (g_str_has_prefix (auto_label, available ? "cuda (" : "cpu ("));
  g_assert_cmpstr (default_label, ==, auto_label);
  g_assert_true (g_str_has_prefix (cpu_label, "cpu ("));
  g_assert_null (fw_model_gpu_pci_bus_id (on_cpu));

  on_cuda = model_on ("cuda", &error);
  if (available)
    {
      g_autofree char *label = NULL;

      g_assert_no_error (error);
      label = fw_model_describe_backend (on_cuda);
      g_assert_true (g_str_has_prefix (label, "cuda ("));
      return;
    }
  g_assert_null (on_cuda);
  g_assert_error (error, FW_MODEL_ERROR, FW_MODEL_ERROR_INVALID);
  /* One sentence: the reason, and what to do instead. */
  g_assert_nonnull (strstr (error->message, fw_backend_cuda_probe ()->reason));
  g_assert_nonnull (strstr (error->message, "CPU"));
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_backend_refused (void)
{
  g_autoptr(GError) error = NULL;
  FwBackend *be = fw_backend_cuda (&error);

  if (fw_backend_cuda_probe ()->status == FW_CUDA_AVAILABLE)
    {
      g_assert_no_error (error);
      g_assert_cmpstr (be->name, ==, "cuda");
      g_assert_nonnull (be->gather_rows);
      g_assert_true (fw_backend_cuda (NULL) == be);
      return;
    }
  g_assert_null (be);
  g_assert_error (error, FW_BACKEND_ERROR, FW_BACKEND_ERROR_UNAVAILABLE);
}

/* A module named by the environment that is not there: "module not built", in a child
 * process because the probe's answer is kept for the process. */
static void
test_env_override (void)
{
  if (g_test_subprocess ())
    {
      const FwCudaProbe *p;

      g_setenv (FW_CUDA_MODULE_ENV, "/nonexistent/libfairway-cuda.so", TRUE);
      p = fw_backend_cuda_probe ();
      g_assert_cmpint (p->status, ==, FW_CUDA_NOT_BUILT);
      g_assert_cmpstr (p->reason, ==, "module not built");
      g_assert_nonnull (strstr (p->detail, "/nonexistent/libfairway-cuda.so"));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* The module built here loads, is of this build, and its own probe agrees with the loader
 * (which, without libcuda.so.1, stops before loading it: then the module must say so too). */
static void
test_module_answers (void)
{
  const FwCudaProbe *loader = fw_backend_cuda_probe ();
  FwCudaProbe p = { 0 };
  FwCudaModuleGetFunc get = NULL;
  const FwCudaModule *table;
  GModule *module;
  void *driver;

  if (loader->module_path == NULL)
    {
      g_test_skip ("the CUDA module is not built here");
      return;
    }
  module = g_module_open (loader->module_path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      /* Only a missing CUDA library may stop it, and the loader must have said which. */
      g_assert_cmpint (loader->status, ==, FW_CUDA_NO_DRIVER);
      g_test_skip (g_module_error ());
      return;
    }
  g_assert_true (g_module_symbol (module, FW_CUDA_MODULE_SYMBOL, (gpointer *) &get));
  table = get ();
  g_assert_cmpuint (table->abi, ==, FW_CUDA_MODULE_ABI);
  g_assert_cmpuint (table->backend_size, ==, sizeof (FwBackend));

  p.status = table->probe (&p);
  driver = dlopen ("libcuda.so.1", RTLD_LAZY | RTLD_LOCAL);
  if (driver == NULL)
    g_assert_cmpint (p.status, ==, FW_CUDA_NO_DRIVER);
  else
    {
      dlclose (driver);
      g_assert_cmpint (p.status, ==, loader->status);
    }
  if (p.status != FW_CUDA_AVAILABLE)
    g_assert_nonnull (p.detail);
  g_test_message ("the module says: %d (%s)", p.status, p.detail != NULL ? p.detail : "");
  g_free (p.detail);
  g_free (p.name);
  g_free (p.pci_bus_id);
  g_module_make_resident (module);
  g_module_close (module);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cuda/select/probe", test_probe);
  g_test_add_func ("/cuda/select/model-devices", test_model_devices);
  g_test_add_func ("/cuda/select/backend-refused", test_backend_refused);
  g_test_add_func ("/cuda/select/env-override", test_env_override);
  g_test_add_func ("/cuda/select/module-answers", test_module_answers);
  return g_test_run ();
}
