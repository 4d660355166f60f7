/* fw-data-page-encoding.c — reading a file that is not UTF-8, once the user says how
 *
 * The import refuses a file that is not UTF-8 and names the single-byte encoding it looks
 * like; the page shows that error and asks, with the first line that differs as the guess
 * reads it, so the user can see whether the accents come out right before saying yes; on
 * yes the page reads the file as it asked to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-data-page-private.h"
#include "fw-display-name.h"

typedef struct
{
  GWeakRef          page;
  GFile            *file;
  char             *encoding;
  FwDataPageReadAs  read_as;
} Asked;

static void
asked_free (gpointer data)
{
  Asked *asked = data;

  g_weak_ref_clear (&asked->page);
  g_object_unref (asked->file);
  g_free (asked->encoding);
  g_free (asked);
}

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             Asked            *asked)
{
  g_autoptr(FwDataPage) self = g_weak_ref_get (&asked->page);

  if (self == NULL)
    return;
  /* Answered: the dialog closes, whenever it is finally freed. */
  if (self->encoding_dialog == dialog)
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->encoding_dialog);
      self->encoding_dialog = NULL;
    }
  if (g_strcmp0 (response, "read") == 0)
    asked->read_as (self, asked->file, asked->encoding);
}

void
fw_data_page_ask_encoding (FwDataPage        *self,
                           GFile             *file,
                           const FwCsvReport *report,
                           FwDataPageReadAs   read_as)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *name = fw_display_name (file);
  g_autofree char *described = fw_csv_encoding_describe (report->guessed_encoding);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *read_label = NULL;
  Asked *asked;
  GtkWidget *dialog;

  g_return_if_fail (report->guessed_encoding != NULL);

  if (self->encoding_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->encoding_dialog),
                                    (gpointer *) &self->encoding_dialog);
      gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->encoding_dialog)));
    }
  /* Translators: %s is a text encoding, "Windows-1252 (Western European)". */
  heading = g_strdup_printf (_("Read It as %s?"), described);
  /* Translators: the first %s is a file name, %zu a line number, the next %s a value
   * of that line as the encoding reads it ("café"), the last the encoding. */
  body = g_strdup_printf (_("“%s” is not UTF-8 text. Read as %s, line %zu has "
                            "“%s”. If that reads right, Fairway can open the file in "
                            "this encoding."),
                          name, described, report->guessed_line, report->guessed_text);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "read", _("_Read"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "read",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "read");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  asked = g_new0 (Asked, 1);
  g_weak_ref_init (&asked->page, self);
  asked->file = g_object_ref (file);
  asked->encoding = g_strdup (report->guessed_encoding);
  asked->read_as = read_as;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response), asked,
                         (GClosureNotify) (void (*) (void)) asked_free, 0);

  self->encoding_dialog = ADW_MESSAGE_DIALOG (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->encoding_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

AdwMessageDialog *
fw_data_page_get_encoding_dialog (FwDataPage *self)
{
  g_return_val_if_fail (FW_IS_DATA_PAGE (self), NULL);
  return self->encoding_dialog;
}
