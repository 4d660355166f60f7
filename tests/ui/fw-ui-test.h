/* fw-ui-test.h — what the UI tests share: a display check, an app with one window, waiting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-application.h"
#include "fw-data-page-private.h"
#include "fw-window-private.h"
#include "fw-window.h"

G_BEGIN_DECLS

#define FW_UI_TEST_NO_DISPLAY "no display (run under xvfb-run)"

/* Skips the running test, visibly, when there is no display to draw on. */
#define FW_UI_TEST_REQUIRE_DISPLAY()                  \
  G_STMT_START {                                      \
    if (!fw_ui_test_have_display ())                  \
      {                                               \
        g_test_skip (FW_UI_TEST_NO_DISPLAY);          \
        return;                                       \
      }                                               \
  } G_STMT_END

typedef struct
{
  FwApplication *application;
  FwWindow      *window;        /* a reference of our own, to check it is finalized */
  char          *tmpdir;
} FwUiFixture;

/* g_test_init with throw-away user folders, an in-memory settings backend, no session bus
 * and no accessibility bus; then gtk_init_check when there is a display. */
void        fw_ui_test_init          (int    *argc,
                                      char ***argv);
gboolean    fw_ui_test_have_display  (void);

/* A registered application and its window, shown; a fresh temporary folder. */
void        fw_ui_fixture_setup      (FwUiFixture   *fixture,
                                      gconstpointer  data);
void        fw_ui_fixture_teardown   (FwUiFixture   *fixture,
                                      gconstpointer  data);
/* A file in the fixture's temporary folder, written with @contents. */
GFile      *fw_ui_fixture_write_file (FwUiFixture   *fixture,
                                      const char    *name,
                                      const char    *contents,
                                      gssize         length);

/* Iterates the main context until @condition holds, a bounded number of times; fails the
 * test if it never does.  No wall-clock limit: a slow machine only takes longer. */
void        fw_ui_test_wait          (gboolean     (*condition) (gpointer data),
                                      gpointer       data,
                                      const char    *what);
/* Lets pending layout and drawing happen. */
void        fw_ui_test_flush         (void);
/* Saves @widget as it draws now to $FW_UI_SCREENSHOT_DIR/@name.png, for people to look at;
 * does nothing when the variable is not set. */
void        fw_ui_test_save_screenshot (GtkWidget   *widget,
                                        const char  *name);
/* Waits until @page has finished importing (not busy) and returns its state. */
const char *fw_ui_test_wait_import   (FwDataPage    *page);

/* Writes "leaky.csv" to the fixture's folder — age, flag_after, outcome: @rows people whose
 * yes/no outcome "flag_after" copies except in @flipped_per_1000 of every 1000 rows (a
 * column recorded after the outcome) — opens it in the window and waits for the import. */
GFile      *fw_ui_fixture_open_leaky (FwUiFixture *fixture,
                                      guint        rows,
                                      guint        flipped_per_1000);

/* The first widget of @type under @root (itself included), depth first; NULL if none. */
GtkWidget  *fw_ui_test_find_descendant (GtkWidget   *root,
                                        GType        type);
/* Writes the bundled sample with @rows rows to the fixture's folder as "sample.csv", opens it
 * in the window and waits for the import; returns the file. */
GFile      *fw_ui_fixture_open_sample  (FwUiFixture *fixture,
                                        guint64      rows);
/* Presses @accel ("Escape") through @page's global shortcuts, as the window does for a key
 * pressed with the focus anywhere in it; returns whether one took the key. */
gboolean    fw_ui_test_press_page_key  (GtkWidget   *page,
                                        const char  *accel);

G_END_DECLS
