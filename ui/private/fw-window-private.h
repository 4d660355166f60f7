/* fw-window-private.h — what fw-window.c, fw-window-project.c and fw-window-recovery.c
 * share, and the tests see
 *
 * fw-window.c is the navigation between the steps; fw-window-project.c opens and saves
 * files and projects; fw-window-recovery.c offers what crashed sessions left behind.  The window's own files reach its pages through the instance struct;
 * the pages never call back into the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-clean-page.h"
#include "fw-data-page.h"
#include "fw-export-page.h"
#include "fw-model-page.h"
#include "fw-project.h"
#include "fw-recovery.h"
#include "fw-results-page.h"
#include "fw-session.h"
#include "fw-step-indicator.h"
#include "fw-target-page.h"
#include "fw-train-page.h"
#include "fw-window.h"

G_BEGIN_DECLS

struct _FwWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  FwStepIndicator *step_indicator;
  GtkStack        *step_stack;
  FwDataPage      *data_page;
  FwCleanPage     *clean_page;
  FwTargetPage    *target_page;
  FwModelPage     *model_page;
  FwTrainPage     *train_page;
  FwResultsPage   *results_page;
  FwExportPage    *export_page;
  GtkWidget       *back_button;
  GtkWidget       *next_button;

  FwSession       *session;
  FwProject       *project;
  GSettings       *settings;    /* NULL where the schema is not installed */

  /* fw-window-project.c */
  gboolean         close_confirmed;     /* the user chose Discard or saved: close for real */
  gboolean         close_after_save;
  FwRecovery      *recovery;            /* this session's recovery slot, or NULL */
  GPtrArray       *offered;             /* FwRecoveryEntry*: sessions offered to restore */
};

/* fw-window-project.c: the file and project actions (win.open, win.open-sample,
 * win.save-project, …), called from the window's class_init, init and close_request. */
void             fw_window_project_class_init    (GtkWidgetClass *widget_class);
void             fw_window_project_init          (FwWindow       *self);
/* TRUE when the close must wait (the user is asked about unsaved work). */
gboolean         fw_window_project_close_request (FwWindow       *self);
/* A dialog with a Close button. */
void             fw_window_project_message       (FwWindow       *self,
                                                  const char     *heading,
                                                  const char     *body);
/* Opens @contents' data (takes @contents); the project applies the rest once it is in. */
gboolean         fw_window_project_open_contents (FwWindow       *self,
                                                  FwProjectFile  *contents,
                                                  GFile          *file,
                                                  GFile          *reference,
                                                  GError        **error);

/* fw-window-recovery.c: win.restore-autosave, win.discard-autosave, win.restore-session,
 * win.discard-session; the window's recovery slot and the sessions it offers.  Called
 * from the window's class_init and init after fw-window-project.c's: a restore opens its
 * project through fw_window_project_open_contents. */
void             fw_window_recovery_class_init   (GtkWidgetClass *widget_class);
void             fw_window_recovery_init         (FwWindow       *self);

/* For tests. */
FwDataPage      *fw_window_get_data_page         (FwWindow       *self);
FwSession       *fw_window_get_session           (FwWindow       *self);
FwProject       *fw_window_get_project           (FwWindow       *self);
FwStepIndicator *fw_window_get_step_indicator    (FwWindow       *self);
GtkWidget       *fw_window_get_next_button       (FwWindow       *self);

G_END_DECLS
