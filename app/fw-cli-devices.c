/* fw-cli-devices.c — fairway-cli devices [--json]
 *
 * Lists the backends training can use and, for one that cannot be used, the reason in plain
 * words ("no NVIDIA driver"), so a user knows what --device auto will pick before training.
 * An unavailable GPU is an answer, not an error: the command exits 0 either way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include "fw-backend-cuda.h"
#include "fw-cli.h"
#include "fw-json.h"

#define GIB (1024.0 * 1024.0 * 1024.0)

/* CUDA's 1000·major + 10·minor as "13.0". */
static char *
cuda_version (int version)
{
  return g_strdup_printf ("%d.%d", version / 1000, version % 1000 / 10);
}

static char *
cuda_summary (const FwCudaProbe *p)
{
  g_autofree char *label = fw_backend_cuda_device_label (p);
  g_autofree char *driver = cuda_version (p->driver_version);

  return g_strdup_printf (_("%s (%.0f GiB free), compute %d.%d, driver %s, cuBLAS %d.%d.%d"),
                          label, p->free_bytes / GIB, p->cc_major, p->cc_minor, driver,
                          p->cublas_version / 10000, p->cublas_version / 100 % 100,
                          p->cublas_version % 100);
}

static void
print_table (const FwCudaProbe *p)
{
  g_autofree char *cpu = fw_backend_cpu_label ();
  g_autofree char *cuda = p->status == FW_CUDA_AVAILABLE ? cuda_summary (p) : g_strdup (p->reason);
  const char *available = _("available"), *unavailable = _("unavailable");
  int width = (int) MAX (g_utf8_strlen (available, -1), g_utf8_strlen (unavailable, -1));

  /* %-*s pads by bytes; the state words are padded by characters so translations line up. */
  printf ("cpu   %s%*s  %s\n", available, width - (int) g_utf8_strlen (available, -1), "", cpu);
  printf ("cuda  %s%*s  %s\n", p->status == FW_CUDA_AVAILABLE ? available : unavailable,
          width - (int) g_utf8_strlen (p->status == FW_CUDA_AVAILABLE ? available : unavailable, -1),
          "", cuda);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_cuda_json (JsonBuilder       *builder,
               const FwCudaProbe *p)
{
  g_autofree char *driver = cuda_version (p->driver_version);
  g_autofree char *runtime = cuda_version (p->runtime_version);
  g_autofree char *cc = g_strdup_printf ("%d.%d", p->cc_major, p->cc_minor);

  json_builder_begin_object (builder);
  add_string (builder, "name", "cuda");
  json_builder_set_member_name (builder, "available");
  json_builder_add_boolean_value (builder, p->status == FW_CUDA_AVAILABLE);
  add_string (builder, "reason", p->reason);
  add_string (builder, "detail", p->detail);
  add_string (builder, "module", p->module_path);
  if (p->status == FW_CUDA_AVAILABLE)
    {
      add_string (builder, "device", p->name);
      add_string (builder, "compute_capability", cc);
      add_string (builder, "pci_bus_id", p->pci_bus_id);
      json_builder_set_member_name (builder, "memory_bytes");
      json_builder_add_int_value (builder, (gint64) p->total_bytes);
      json_builder_set_member_name (builder, "free_bytes");
      json_builder_add_int_value (builder, (gint64) p->free_bytes);
      json_builder_set_member_name (builder, "device_count");
      json_builder_add_int_value (builder, p->device_count);
      add_string (builder, "driver", driver);
      add_string (builder, "runtime", runtime);
    }
  json_builder_end_object (builder);
}

static void
print_json (const FwCudaProbe *p)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *cpu = fw_backend_cpu_label ();
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "devices");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  add_string (builder, "name", "cpu");
  json_builder_set_member_name (builder, "available");
  json_builder_add_boolean_value (builder, TRUE);
  add_string (builder, "description", cpu);
  json_builder_end_object (builder);
  add_cuda_json (builder, p);
  json_builder_end_array (builder);
  /* What --device auto trains on. */
  add_string (builder, "auto", p->status == FW_CUDA_AVAILABLE ? "cuda" : "cpu");
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = fw_json_to_data (root, FALSE, NULL);
  printf ("%s\n", text);
}

int
fw_cli_devices (int    argc,
                char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print one JSON object instead of a table"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;

  context = fw_cli_option_context_new ("devices", NULL,
                                       _("Lists the devices training can use: the CPU always, "
                                         "an NVIDIA GPU when its driver, CUDA and Fairway's "
                                         "CUDA module are there — and says why not otherwise."),
                                       entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fw_cli_usage_error ("devices", "%s", error->message);
  if (argc > 1)
    return fw_cli_usage_error ("devices", _("unexpected argument '%s'"), argv[1]);

  if (json)
    print_json (fw_backend_cuda_probe ());
  else
    print_table (fw_backend_cuda_probe ());
  return FW_CLI_EXIT_OK;
}
