/* fw-train-page-private.h — what the Train step's files share, and its tests see
 *
 * fw-train-page.c is the widget (session, shortcuts, getting on and off screen);
 * fw-train-page-run.c runs the training (its actions, the worker threads, draining the
 * trainer's queue); fw-train-page-view.c says what the page shows in each state.  Each
 * calls only the files after it in that order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "fw-train-charts.h"
#include "fw-train-figures.h"
#include "fw-train-page.h"
#include "fw-training-run.h"

G_BEGIN_DECLS

struct _FwTrainPage
{
  GtkWidget        parent_instance;

  GtkStack        *stack;
  AdwStatusPage   *ready_page;
  AdwStatusPage   *error_page;
  GtkSpinner      *spinner;
  GtkLabel        *status_title;
  GtkLabel        *status_detail;
  GtkWidget       *pause_button, *resume_button, *stop_button, *again_button, *results_button;
  GtkProgressBar  *progress_bar;
  FwTrainFigures  *figures;
  FwTrainCharts   *charts;

  FwSession       *session;
  guint            generation;  /* bumped whenever what the page waits for is dropped */
  GCancellable    *cancellable; /* of the job or run in progress */
  FwTableModel    *table_model; /* keeps the run's table alive */
  FwTrainingRun   *run;         /* while training; lent to the finish job after DONE */
  gboolean         preparing, finishing, paused, stopping, setting_trained;
  guint            tick_id, timeout_id;
  gint64           last_redraw;     /* monotonic µs of the last chart and figures update */
  FwTrainerEvent  *unshown_epoch;   /* the latest epoch, until the figures show it */
  double           unshown_fraction;
  double           rows_per_second_sum;
  guint            n_epochs_seen;
};

/* fw-train-page-run.c */
void           fw_train_page_run_class_init      (GtkWidgetClass   *widget_class);
/* Drops whatever is in progress: threads are told to stop, their results will be ignored. */
void           fw_train_page_abandon             (FwTrainPage      *self);
/* On screen: drains once per frame.  Off screen: a slow timer, so the run still ends. */
void           fw_train_page_update_pump         (FwTrainPage      *self);

/* fw-train-page-view.c */
void           fw_train_page_update_actions      (FwTrainPage      *self);
void           fw_train_page_set_status          (FwTrainPage      *self,
                                                  const char       *title,
                                                  const char       *detail);
/* "Ready to Train", with what will learn what and what is measured. */
void           fw_train_page_show_ready          (FwTrainPage      *self);
void           fw_train_page_show_error          (FwTrainPage      *self,
                                                  const char       *title,
                                                  const GError     *error);
/* The live view of a run of @recipe. */
void           fw_train_page_show_training       (FwTrainPage      *self,
                                                  const FwRecipe   *recipe);
/* How @run ended, in words. */
void           fw_train_page_show_outcome        (FwTrainPage      *self,
                                                  FwTrainingRun    *run);

/* For tests. */
/* "ready", "preparing", "training" (also once the run has ended) or "error". */
const char    *fw_train_page_get_state           (FwTrainPage *self);
/* Preparing, training or assembling the model. */
gboolean       fw_train_page_get_busy            (FwTrainPage *self);
/* The heading of the training view, e.g. "Stopped by You". */
const char    *fw_train_page_get_status          (FwTrainPage *self);
FwTrainCharts *fw_train_page_get_charts          (FwTrainPage *self);
/* The mean of the epochs' training speed in the last run, and how many epochs it drew. */
double         fw_train_page_get_rows_per_second (FwTrainPage *self);
guint          fw_train_page_get_n_epochs_seen   (FwTrainPage *self);

G_END_DECLS
