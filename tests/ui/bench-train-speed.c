/* bench-train-speed.c — training throughput in the window against the CLI
 *
 * The target: while the Train step shows a run live, training keeps within 5 % of
 * the rows per second `fairway-cli train` reaches on the same recipe and data.  One
 * window, one 100,000-row sample, two models: logistic regression with 1000 epochs of a few
 * milliseconds each (the window's busiest case: an epoch event nearly every frame) and an
 * MLP 64-64 with 60 (the trainer's busiest); several seconds a run, so that what happens
 * once per run (the first layout of the charts, the model assembled afterwards) weighs as
 * little as in a training someone would wait for.  Each model is trained RUNS times in the window and
 * RUNS times by the CLI, alternating, GUI first on even runs and CLI first on odd ones so
 * that drift in the machine's speed falls on both sides; each run's figure is the mean of
 * its epochs' rows/s, as the trainer reports them to both.  The medians and their ratio are
 * printed, with every run's pair, and the share of a core the window's main thread used
 * while the epochs ran.  The window waits in a plain main loop, as the
 * application's does: no test timers.
 *
 * A benchmark, not a test: it asserts nothing about time.  Exits 77 without a display.
 * Run: xvfb-run -a -s "-screen 0 1280x800x24" meson test -C build --benchmark gui-vs-cli-training
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fw-train-test.h"

#define ROWS 100000
#define RUNS 5

typedef struct
{
  const char  *name;
  FwModelKind  kind;
  guint        hidden;          /* units in each of two hidden layers; 0 for none */
  guint        epochs;
} Case;

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (const double *values,
        guint         n)
{
  double sorted[RUNS];

  memcpy (sorted, values, n * sizeof *values);
  qsort (sorted, n, sizeof *sorted, compare_doubles);
  return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/* Trains once in the window; @main_load gets the main thread's CPU time over the wall time
 * between the first and the last epoch the window saw: what the UI takes while it trains. */
static double
gui_rows_per_second (FwTrainPage *page,
                     double      *main_load)
{
  gint64 wall0 = 0, cpu0 = 0, wall1 = 0, cpu1 = 0;
  guint seen = 0;

  if (!gtk_widget_activate_action (GTK_WIDGET (page), "train-page.train", NULL))
    g_error ("the Train step would not train");
  while (fw_train_page_get_busy (page))
    {
      g_main_context_iteration (NULL, TRUE);
      if (fw_train_page_get_n_epochs_seen (page) != seen)
        {
          seen = fw_train_page_get_n_epochs_seen (page);
          wall1 = g_get_monotonic_time ();
          cpu1 = fw_train_test_thread_cpu_us ();
          if (wall0 == 0)
            wall0 = wall1, cpu0 = cpu1;
        }
    }
  if (seen == 0)
    g_error ("the window's run ended with no epoch: %s", fw_train_page_get_status (page));
  *main_load = wall1 > wall0 ? (double) (cpu1 - cpu0) / (wall1 - wall0) : NAN;
  return fw_train_page_get_rows_per_second (page);
}

static void
run_case (const Case *c)
{
  FwUiFixture fixture = { 0, };
  double gui[RUNS], cli[RUNS], load[RUNS];
  FwTrainPage *page;
  GString *pairs = g_string_new (NULL);

  fw_ui_fixture_setup (&fixture, NULL);
  page = fw_train_test_prepare (&fixture, ROWS, c->epochs, 0);
  if (c->kind != FW_MODEL_LOGISTIC)
    {
      FwSession *session = fw_window_get_session (fixture.window);
      FwRecipe *recipe = fw_session_begin_edit (session);

      recipe->model.kind = c->kind;
      recipe->model.n_hidden = 2;
      recipe->model.hidden[0] = recipe->model.hidden[1] = c->hidden;
      fw_session_end_edit (session);
      fw_ui_test_flush ();
    }

  for (guint i = 0; i < RUNS; i++)
    {
      if (i % 2 == 0)
        {
          gui[i] = gui_rows_per_second (page, &load[i]);
          cli[i] = fw_train_test_cli_rows_per_second (&fixture);
        }
      else
        {
          cli[i] = fw_train_test_cli_rows_per_second (&fixture);
          gui[i] = gui_rows_per_second (page, &load[i]);
        }
      g_string_append_printf (pairs, " %.3f", gui[i] / cli[i]);
    }
  printf ("%-10s %7d %6u %13.0f %13.0f %8.3f %9.0f %%  %s\n", c->name, ROWS, c->epochs,
          median (gui, RUNS), median (cli, RUNS), median (gui, RUNS) / median (cli, RUNS),
          100 * median (load, RUNS), pairs->str);
  fflush (stdout);
  g_string_free (pairs, TRUE);
  fw_ui_fixture_teardown (&fixture, NULL);
}

int
main (int    argc,
      char **argv)
{
  static const Case cases[] = {
    { "logistic", FW_MODEL_LOGISTIC, 0, 1000 },
    { "mlp 64-64", FW_MODEL_MLP, 64, 60 },
  };

  /* As the UI tests: GL under Xvfb is llvmpipe, whose shader compiles stall whole frames. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  fw_ui_test_init (&argc, &argv);
  if (!fw_ui_test_have_display ())
    {
      printf ("SKIP: %s\n", FW_UI_TEST_NO_DISPLAY);
      return 77;
    }
  if (g_getenv ("FAIRWAY_CLI") == NULL)
    {
      printf ("SKIP: FAIRWAY_CLI does not name fairway-cli\n");
      return 77;
    }

  printf ("Training throughput in the window (Train step on screen, live charts) against\n"
          "fairway-cli train on the same recipe: rows/s, median of %d alternating runs each\n\n",
          RUNS);
  printf ("%-10s %7s %6s %13s %13s %8s %11s  %s\n", "model", "rows", "epochs", "GUI", "CLI",
          "GUI/CLI", "main thread", "each run's GUI/CLI");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    run_case (&cases[i]);
  return 0;
}
