/* fw-energy-reading.c — what a measurement says: joules, kWh and CO2e, as JSON and in words
 *
 * CO2e = kWh × grid intensity (g CO2e per kWh).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include "fw-energy.h"

#define JOULES_PER_KWH 3.6e6

G_DEFINE_QUARK (fw-energy-error-quark, fw_energy_error)

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
