/* fw-application.c — the Fairway application: windows, app-wide actions, opening files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-application.h"
#include "fw-recent.h"
#include "fw-toast.h"
#include "fw-window.h"

struct _FwApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (FwApplication, fw_application, ADW_TYPE_APPLICATION)

static FwWindow *
get_window (FwApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (FW_IS_WINDOW (window))
    return FW_WINDOW (window);
  return fw_window_new (GTK_APPLICATION (self));
}

static void
fw_application_activate (GApplication *application)
{
  gtk_window_present (GTK_WINDOW (get_window (FW_APPLICATION (application))));
}

/* `fairway FILE.csv` or `fairway FILE.fairway` (also a file manager's "Open With"): one
 * table per window, so the first file is the one opened; a project opens as a project. */
static void
fw_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  FwWindow *window = get_window (FW_APPLICATION (application));

  if (n_files > 0 && fw_recent_is_project (files[0]))
    fw_window_open_project (window, files[0]);
  else if (n_files > 0)
    fw_window_open_file (window, files[0]);
  if (n_files > 1)
    fw_toast_show (GTK_WIDGET (window), _("Fairway opens one file at a time; "
                                          "the first one is shown"));
  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GApplication *application = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (application));

  /* Close each window as its close button does, so each saves its size and asks about
   * unsaved work; the application ends with the last window, not under one that asked. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *application = user_data;
  static const char *developers[] = { "The Fairway contributors", NULL };
  GtkWidget *about = adw_about_window_new ();

  g_object_set (about,
                "transient-for", gtk_application_get_active_window (application),
                "application-name", _("Fairway"),
                "application-icon", APPLICATION_ID,
                "developer-name", _("The Fairway contributors"),
                "version", PACKAGE_VERSION,
                "comments", _("Train a fair, trustworthy model on your own table of data, "
                              "step by step, and see what it costs."),
                "website", "https://github.com/FairwayML/Fairway",
                "issue-url", "https://github.com/FairwayML/Fairway/issues",
                "license-type", GTK_LICENSE_GPL_3_0,
                "copyright", "© 2024 The Fairway contributors",
                "developers", developers,
                /* Translators: put your names here, one per line. */
                "translator-credits", _("translator-credits"),
                NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GtkApplication *application = user_data;
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  builder = gtk_builder_new_from_resource ("/io/github/FairwayML/Fairway/ui/fw-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  gtk_window_set_transient_for (shortcuts, gtk_application_get_active_window (application));
  gtk_window_set_application (shortcuts, application);
  gtk_window_present (shortcuts);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action, NULL, NULL, NULL, { 0 } },
  { "about", about_action, NULL, NULL, NULL, { 0 } },
  { "shortcuts", shortcuts_action, NULL, NULL, NULL, { 0 } },
};

static void
fw_application_startup (GApplication *application)
{
  static const struct
  {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    /* GtkWindow's own action: it asks to save, as the title bar's close button does. */
    { "window.close", { "<Control>w", NULL } },
    { "app.shortcuts", { "<Control>question", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save-project", { "<Control>s", NULL } },
    { "win.save-project-as", { "<Control><Shift>s", NULL } },
  };

  G_APPLICATION_CLASS (fw_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (application), accels[i].action,
                                           accels[i].accels);
}

static void
fw_application_class_init (FwApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = fw_application_startup;
  app_class->activate = fw_application_activate;
  app_class->open = fw_application_open;
}

static void
fw_application_init (FwApplication *self)
{
}

FwApplication *
fw_application_new (void)
{
  /* The style manager follows the system's light or dark preference by default. */
  return g_object_new (FW_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/FairwayML/Fairway",
                       NULL);
}
