/* fw-clean-page.c — wizard step: review each column and fix what needs fixing
 *
 * A placeholder until the step is built: it says what the step will do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include "fw-clean-page.h"

struct _FwCleanPage
{
  GtkWidget  parent_instance;

  FwSession *session;
};

G_DEFINE_FINAL_TYPE (FwCleanPage, fw_clean_page, GTK_TYPE_WIDGET)

static void
fw_clean_page_dispose (GObject *object)
{
  FwCleanPage *self = FW_CLEAN_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_CLEAN_PAGE);
  /* Template children without an id are not disposed with the template. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (fw_clean_page_parent_class)->dispose (object);
}

static void
fw_clean_page_class_init (FwCleanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fw_clean_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/FairwayML/Fairway/ui/fw-clean-page.ui");
}

static void
fw_clean_page_init (FwCleanPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
fw_clean_page_new (void)
{
  return g_object_new (FW_TYPE_CLEAN_PAGE, NULL);
}

void
fw_clean_page_set_session (FwCleanPage *self,
                           FwSession *session)
{
  g_return_if_fail (FW_IS_CLEAN_PAGE (self));
  g_return_if_fail (FW_IS_SESSION (session));

  g_set_object (&self->session, session);
}
