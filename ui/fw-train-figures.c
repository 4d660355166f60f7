/* fw-train-figures.c — the Train step's figures: progress, time left, speed, device, energy
 *
 * One caption over one value each, side by side.  The values are plain text from the
 * latest epoch event; the page decides how often they change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-train-figures.h"
#include "fw-train-text.h"

typedef enum {
  FIGURE_EPOCH,
  FIGURE_ETA,
  FIGURE_SPEED,
  FIGURE_DEVICE,
  FIGURE_ENERGY,
  N_FIGURES
} Figure;

struct _FwTrainFigures
{
  GtkWidget  parent_instance;

  GtkLabel  *values[N_FIGURES];
  double     intensity;         /* g CO₂e per kWh */
  gboolean   estimated;
};

G_DEFINE_FINAL_TYPE (FwTrainFigures, fw_train_figures, GTK_TYPE_WIDGET)

static void
set_figure (FwTrainFigures *self,
            Figure          figure,
            const char     *text)
{
  gtk_label_set_text (self->values[figure], text);
}

/* "Processor (CPU)" or the GPU's name, with the backend's full description as the tooltip. */
static void
show_device (FwTrainFigures *self,
             const char     *backend)
{
  g_autofree char *device = fw_train_text_device (backend);

  set_figure (self, FIGURE_DEVICE, device);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->values[FIGURE_DEVICE]), backend);
}

void
fw_train_figures_start (FwTrainFigures *self,
                        guint           epochs,
                        const char     *backend,
                        double          intensity,
                        gboolean        estimated)
{
  g_autofree char *epoch = fw_train_text_epoch (0, epochs);

  g_return_if_fail (FW_IS_TRAIN_FIGURES (self));
  g_return_if_fail (backend != NULL);

  self->intensity = intensity;
  self->estimated = estimated;
  set_figure (self, FIGURE_EPOCH, epoch);
  set_figure (self, FIGURE_ETA, _("Working it out…"));
  set_figure (self, FIGURE_SPEED, "—");
  show_device (self, backend);
  set_figure (self, FIGURE_ENERGY, "—");
}

void
fw_train_figures_epoch (FwTrainFigures       *self,
                        const FwTrainerEvent *e)
{
  g_autofree char *epoch = NULL, *eta = NULL, *speed = NULL, *energy = NULL;

  g_return_if_fail (FW_IS_TRAIN_FIGURES (self));
  g_return_if_fail (e != NULL && e->kind == FW_TRAINER_EVENT_EPOCH);

  epoch = fw_train_text_epoch (e->epoch, e->epochs);
  eta = e->epoch < e->epochs ? fw_train_text_time_left (e->eta) : g_strdup (_("Almost done"));
  speed = fw_train_text_speed (e->rows_per_second);
  energy = fw_train_text_energy (e->joules, self->intensity, self->estimated);
  set_figure (self, FIGURE_EPOCH, epoch);
  set_figure (self, FIGURE_ETA, eta);
  set_figure (self, FIGURE_SPEED, speed);
  set_figure (self, FIGURE_ENERGY, energy);
}

void
fw_train_figures_finish (FwTrainFigures *self,
                         const char     *energy)
{
  g_return_if_fail (FW_IS_TRAIN_FIGURES (self));

  if (energy != NULL)
    set_figure (self, FIGURE_ENERGY, energy);
  set_figure (self, FIGURE_ETA, _("Done"));
}

static void
fw_train_figures_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (fw_train_figures_parent_class)->dispose (object);
}

static void
fw_train_figures_class_init (FwTrainFiguresClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = fw_train_figures_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "fw-train-figures");
}

static void
fw_train_figures_init (FwTrainFigures *self)
{
  static const char *const captions[N_FIGURES] = {
    N_("Progress"), N_("Time left"), N_("Speed"), N_("Device"), N_("Energy used"),
  };
  GtkBoxLayout *layout = GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));

  gtk_box_layout_set_homogeneous (layout, TRUE);
  gtk_box_layout_set_spacing (layout, 12);
  for (guint i = 0; i < N_FIGURES; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *caption = gtk_label_new (_(captions[i]));
      GtkWidget *value = gtk_label_new ("—");

      gtk_label_set_xalign (GTK_LABEL (caption), 0);
      gtk_label_set_xalign (GTK_LABEL (value), 0);
      gtk_label_set_ellipsize (GTK_LABEL (value), PANGO_ELLIPSIZE_END);
      gtk_label_set_wrap (GTK_LABEL (value), TRUE);
      gtk_label_set_lines (GTK_LABEL (value), 2);
      gtk_widget_add_css_class (caption, "caption-heading");
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_widget_add_css_class (value, "fw-train-stat");
      gtk_box_append (GTK_BOX (box), caption);
      gtk_box_append (GTK_BOX (box), value);
      gtk_widget_set_parent (box, GTK_WIDGET (self));
      self->values[i] = GTK_LABEL (value);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      caption, NULL, -1);
    }
}
