/* test-train-text.c — the Train step's live figures in words, at the edges of each unit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-core-test.h"
#include "fw-train-text.h"

static void
test_time_left (void)
{
  static const struct { double seconds; const char *text; } cases[] = {
    { 0.2, "About 1 s" }, { 42, "About 42 s" }, { 89.4, "About 89 s" },
    { 90, "About 2 min" }, { 754, "About 13 min" }, { 5399, "About 90 min" },
    { 5400, "About 1.5 h" }, { 9000, "About 2.5 h" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = fw_train_text_time_left (cases[i].seconds);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_speed (void)
{
  static const struct { double rows; const char *text; } cases[] = {
    { 850, "850 rows a second" }, { 9999, "9999 rows a second" },
    { 10000, "10 thousand rows a second" }, { 42400, "42 thousand rows a second" },
    { 1.24e6, "1.2 million rows a second" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = fw_train_text_speed (cases[i].rows);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* 7200 J is 2 Wh, or 0.002 kWh: at 475 g per kWh, 0.95 g.  A short run's 30 J is
 * 0.00833 Wh and 30 / 3.6e6 × 475 = 0.00396 g: two significant figures, not "0.00 g". */
static void
test_energy (void)
{
  g_autofree char *measured = fw_train_text_energy (7200, 475, FALSE);
  g_autofree char *estimated = fw_train_text_energy (7200, 475, TRUE);
  g_autofree char *clean = fw_train_text_energy (1512, 0, FALSE);
  g_autofree char *short_run = fw_train_text_energy (30, 475, TRUE);

  g_assert_cmpstr (measured, ==, "2 Wh · 0.95 g CO2e");
  g_assert_cmpstr (estimated, ==, "2 Wh · 0.95 g CO2e (estimated)");
  g_assert_cmpstr (clean, ==, "0.42 Wh · 0 g CO2e");
  g_assert_cmpstr (short_run, ==, "0.0083 Wh · 0.004 g CO2e (estimated)");
}

static void
test_epoch_and_device (void)
{
  g_autofree char *epoch = fw_train_text_epoch (3, 20);
  g_autofree char *cpu = fw_train_text_device ("cpu (OpenBLAS)");

  g_assert_cmpstr (epoch, ==, "Epoch 3 of 20");
  g_assert_cmpstr (cpu, ==, "Processor (CPU)");
}

int
main (int   argc,
      char *argv[])
{
  fw_core_test_init (&argc, &argv);

  g_test_add_func ("/core/train-text/time-left", test_time_left);
  g_test_add_func ("/core/train-text/speed", test_speed);
  g_test_add_func ("/core/train-text/energy", test_energy);
  g_test_add_func ("/core/train-text/epoch-and-device", test_epoch_and_device);

  return g_test_run ();
}
