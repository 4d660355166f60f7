/* fw-plot-widget.c — a plot from plots/ on screen, in the theme's colours
 *
 * The widget has no drawing of its own: its snapshot hands a Cairo context of its size to
 * the same FwPlotDrawFunc the PNG, SVG and PDF exports call, with a style resolved here
 * from libadwaita's light/dark state and the widget's CSS colour.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include "fw-plot-widget.h"

/* Small enough for a card, big enough that axes and a title still fit; callers with a
 * smaller plot in mind (a sparkline) override it with gtk_widget_set_size_request. */
#define DEFAULT_WIDTH  160
#define DEFAULT_HEIGHT 100

struct _FwPlotWidget
{
  GtkWidget        parent_instance;

  FwPlotDrawFunc   draw;
  gpointer         draw_data;
  GDestroyNotify   draw_destroy;

  AdwStyleManager *style_manager;
  gulong           dark_handler;

  char            *label;
  char            *description;
};

enum {
  PROP_0,
  PROP_LABEL,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FwPlotWidget, fw_plot_widget, GTK_TYPE_WIDGET)

static void
dark_changed (FwPlotWidget *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
fw_plot_widget_get_style (FwPlotWidget *self,
                          FwPlotStyle  *style)
{
  GdkRGBA color;

  g_return_if_fail (FW_IS_PLOT_WIDGET (self));
  g_return_if_fail (style != NULL);

  if (adw_style_manager_get_dark (self->style_manager))
    fw_plot_style_init_dark (style);
  else
    fw_plot_style_init_light (style);

  /* Text and axes in the colour a label here would have, so they follow the theme (and
   * high contrast) rather than the palette's guess.  GTK 4.10 has gtk_widget_get_color;
   * 4.8 only the style context. */
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &color);
  style->foreground = (FwColor) { color.red, color.green, color.blue, color.alpha };
  /* Whatever the plot sits on (a window, a card, a popover) shows through. */
  style->background = (FwColor) { 0.0, 0.0, 0.0, 0.0 };
}

static void
fw_plot_widget_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  FwPlotWidget *self = FW_PLOT_WIDGET (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  FwPlotStyle style;
  cairo_t *cr;

  if (self->draw == NULL || width <= 0 || height <= 0)
    return;

  fw_plot_widget_get_style (self, &style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  self->draw (cr, width, height, &style, self->draw_data);
  cairo_destroy (cr);
}

void
fw_plot_widget_set_draw_func (FwPlotWidget   *self,
                              FwPlotDrawFunc  draw,
                              gpointer        data,
                              GDestroyNotify  destroy)
{
  gpointer old_data;
  GDestroyNotify old_destroy;

  g_return_if_fail (FW_IS_PLOT_WIDGET (self));

  old_data = self->draw_data;
  old_destroy = self->draw_destroy;
  self->draw = draw;
  self->draw_data = data;
  self->draw_destroy = destroy;
  /* Only now: a destroy notify that looks back at the widget finds the new state. */
  if (old_destroy != NULL)
    old_destroy (old_data);

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
fw_plot_widget_queue_redraw (FwPlotWidget *self)
{
  g_return_if_fail (FW_IS_PLOT_WIDGET (self));

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
fw_plot_widget_get_label (FwPlotWidget *self)
{
  g_return_val_if_fail (FW_IS_PLOT_WIDGET (self), NULL);
  return self->label;
}

void
fw_plot_widget_set_label (FwPlotWidget *self,
                          const char   *label)
{
  g_return_if_fail (FW_IS_PLOT_WIDGET (self));

  if (g_strcmp0 (self->label, label) == 0)
    return;
  g_free (self->label);
  self->label = g_strdup (label);
  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

const char *
fw_plot_widget_get_description (FwPlotWidget *self)
{
  g_return_val_if_fail (FW_IS_PLOT_WIDGET (self), NULL);
  return self->description;
}

void
fw_plot_widget_set_description (FwPlotWidget *self,
                                const char   *description)
{
  g_return_if_fail (FW_IS_PLOT_WIDGET (self));

  if (g_strcmp0 (self->description, description) == 0)
    return;
  g_free (self->description);
  self->description = g_strdup (description);
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

static void
fw_plot_widget_dispose (GObject *object)
{
  FwPlotWidget *self = FW_PLOT_WIDGET (object);

  /* The style manager outlives every widget: leave no handler pointing at this one. */
  g_clear_signal_handler (&self->dark_handler, self->style_manager);
  g_clear_object (&self->style_manager);
  fw_plot_widget_set_draw_func (self, NULL, NULL, NULL);

  G_OBJECT_CLASS (fw_plot_widget_parent_class)->dispose (object);
}

static void
fw_plot_widget_finalize (GObject *object)
{
  FwPlotWidget *self = FW_PLOT_WIDGET (object);

  g_free (self->label);
  g_free (self->description);

  G_OBJECT_CLASS (fw_plot_widget_parent_class)->finalize (object);
}

static void
fw_plot_widget_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FwPlotWidget *self = FW_PLOT_WIDGET (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_plot_widget_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FwPlotWidget *self = FW_PLOT_WIDGET (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      fw_plot_widget_set_label (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      fw_plot_widget_set_description (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_plot_widget_class_init (FwPlotWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fw_plot_widget_dispose;
  object_class->finalize = fw_plot_widget_finalize;
  object_class->get_property = fw_plot_widget_get_property;
  object_class->set_property = fw_plot_widget_set_property;

  widget_class->snapshot = fw_plot_widget_snapshot;

  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "fw-plot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
fw_plot_widget_init (FwPlotWidget *self)
{
  gtk_widget_set_size_request (GTK_WIDGET (self), DEFAULT_WIDTH, DEFAULT_HEIGHT);

  /* The CSS colour change that comes with light/dark redraws us anyway, but the palette
   * must switch even where the theme's foreground happens to stay the same. */
  self->style_manager = g_object_ref (adw_style_manager_get_default ());
  self->dark_handler = g_signal_connect_swapped (self->style_manager, "notify::dark",
                                                 G_CALLBACK (dark_changed), self);
}

GtkWidget *
fw_plot_widget_new (void)
{
  return g_object_new (FW_TYPE_PLOT_WIDGET, NULL);
}
