/* fw-plot-widget.h — a plot from plots/ on screen, in the theme's colours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "fw-plot.h"

G_BEGIN_DECLS

#define FW_TYPE_PLOT_WIDGET (fw_plot_widget_get_type ())

G_DECLARE_FINAL_TYPE (FwPlotWidget, fw_plot_widget, FW, PLOT_WIDGET, GtkWidget)

GtkWidget  *fw_plot_widget_new             (void);
/* Draws with @draw and @data from now on; the previous data goes to its destroy notify.
 * @draw may be NULL for an empty widget. */
void        fw_plot_widget_set_draw_func   (FwPlotWidget   *self,
                                            FwPlotDrawFunc  draw,
                                            gpointer        data,
                                            GDestroyNotify  destroy);
/* For live charts: the data behind the draw func changed, draw it again. */
void        fw_plot_widget_queue_redraw    (FwPlotWidget   *self);
/* The style the next frame draws with: light or dark after libadwaita, text in the
 * widget's CSS colour, background transparent (the plot shows what it sits on). */
void        fw_plot_widget_get_style       (FwPlotWidget   *self,
                                            FwPlotStyle    *style);
/* The short text alternative a screen reader names the plot by ("Training loss"). */
const char *fw_plot_widget_get_label       (FwPlotWidget   *self);
void        fw_plot_widget_set_label       (FwPlotWidget   *self,
                                            const char     *label);
/* What the plot shows, in words ("Loss falls from 0.69 to 0.21 over 40 epochs"). */
const char *fw_plot_widget_get_description (FwPlotWidget   *self);
void        fw_plot_widget_set_description (FwPlotWidget   *self,
                                            const char     *description);

G_END_DECLS
