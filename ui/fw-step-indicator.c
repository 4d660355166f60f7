/* fw-step-indicator.c — the seven wizard steps, with where the user is
 *
 * A row of flat buttons, each a numbered badge and a name, joined by short rules.  The
 * current step is highlighted, completed ones show a tick and can be clicked (they activate
 * win.go-to-step), and steps this version does not have yet are insensitive and say so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "fw-step-indicator.h"

typedef struct
{
  GtkWidget *button;
  GtkWidget *badge_stack;       /* the number, or a tick once the step is complete */
  GtkWidget *name;
} StepWidgets;

struct _FwStepIndicator
{
  GtkWidget   parent_instance;

  StepWidgets steps[FW_N_STEPS];
  FwWizardStep     current;
  guint       n_completed;
  guint       visited;          /* bit per step shown since the data was opened */
};

enum {
  PROP_0,
  PROP_CURRENT,
  PROP_N_COMPLETED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FwStepIndicator, fw_step_indicator, GTK_TYPE_WIDGET)

gboolean
fw_step_indicator_is_step_reachable (FwStepIndicator *self,
                                     FwWizardStep     step)
{
  g_return_val_if_fail (FW_IS_STEP_INDICATOR (self), FALSE);

  return step < FW_N_STEPS && step <= self->n_completed;
}

gboolean
fw_step_indicator_is_step_done (FwStepIndicator *self,
                                FwWizardStep     step)
{
  g_return_val_if_fail (FW_IS_STEP_INDICATOR (self), FALSE);

  return step < self->n_completed && step != self->current && (self->visited & (1u << step));
}

static void
update_steps (FwStepIndicator *self)
{
  for (guint i = 0; i < FW_N_STEPS; i++)
    {
      StepWidgets *w = &self->steps[i];
      gboolean current = i == self->current;
      gboolean done = fw_step_indicator_is_step_done (self, i);
      g_autofree char *tooltip = NULL;

      gtk_widget_set_sensitive (w->button, fw_step_indicator_is_step_reachable (self, i));
      if (current)
        gtk_widget_add_css_class (w->button, "current");
      else
        gtk_widget_remove_css_class (w->button, "current");
      if (done)
        gtk_widget_add_css_class (w->button, "done");
      else
        gtk_widget_remove_css_class (w->button, "done");
      gtk_stack_set_visible_child_name (GTK_STACK (w->badge_stack), done ? "done" : "number");

      if (current)
        tooltip = g_strdup_printf (_("Step %u of %u: %s"), i + 1, FW_N_STEPS,
                                   fw_wizard_step_get_title (i));
      else if (i > self->n_completed)
        tooltip = g_strdup (_("Finish the earlier steps first"));
      else if (i < self->current)
        /* Translators: %s is a wizard step such as "Clean". */
        tooltip = g_strdup_printf (_("Go back to %s"), fw_wizard_step_get_name (i));
      else
        /* Translators: %s is a wizard step such as "Clean". */
        tooltip = g_strdup_printf (_("Go to %s"), fw_wizard_step_get_name (i));
      gtk_widget_set_tooltip_text (w->button, tooltip);

      if (current)
        gtk_accessible_update_state (GTK_ACCESSIBLE (w->button),
                                     GTK_ACCESSIBLE_STATE_SELECTED, TRUE, -1);
      else
        gtk_accessible_reset_state (GTK_ACCESSIBLE (w->button),
                                    GTK_ACCESSIBLE_STATE_SELECTED);
    }
}

static void
step_clicked (FwStepIndicator *self,
              GtkButton       *button)
{
  guint step = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "fw-step"));

  gtk_widget_activate_action (GTK_WIDGET (self), "win.go-to-step", "u", (guint32) step);
}

static void
build_step (FwStepIndicator *self,
            FwWizardStep     step)
{
  StepWidgets *w = &self->steps[step];
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *number;
  GtkWidget *tick;
  char digits[4];

  g_snprintf (digits, sizeof digits, "%u", step + 1);
  number = gtk_label_new (digits);
  tick = gtk_image_new_from_icon_name ("object-select-symbolic");
  w->badge_stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (w->badge_stack), number, "number");
  gtk_stack_add_named (GTK_STACK (w->badge_stack), tick, "done");
  gtk_widget_set_valign (w->badge_stack, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (w->badge_stack, "fw-step-badge");

  w->name = gtk_label_new (fw_wizard_step_get_name (step));
  gtk_widget_add_css_class (w->name, "fw-step-name");
  gtk_box_append (GTK_BOX (box), w->badge_stack);
  gtk_box_append (GTK_BOX (box), w->name);

  w->button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (w->button), box);
  /* Not a GtkActionable: the action helper would overrule the sensitivity set above. */
  g_object_set_data (G_OBJECT (w->button), "fw-step", GUINT_TO_POINTER (step));
  g_signal_connect_swapped (w->button, "clicked", G_CALLBACK (step_clicked), self);
  gtk_widget_add_css_class (w->button, "flat");
  gtk_widget_add_css_class (w->button, "fw-step");
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, fw_wizard_step_get_name (step), -1);

  if (step > 0)
    {
      GtkWidget *rule = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);

      gtk_widget_set_valign (rule, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (rule, "fw-step-rule");
      gtk_widget_set_parent (rule, GTK_WIDGET (self));
    }
  gtk_widget_set_parent (w->button, GTK_WIDGET (self));
}

static void
fw_step_indicator_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (fw_step_indicator_parent_class)->dispose (object);
}

static void
fw_step_indicator_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FwStepIndicator *self = FW_STEP_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_CURRENT:
      g_value_set_uint (value, self->current);
      break;

    case PROP_N_COMPLETED:
      g_value_set_uint (value, self->n_completed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_step_indicator_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  FwStepIndicator *self = FW_STEP_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_CURRENT:
      fw_step_indicator_set_current (self, g_value_get_uint (value));
      break;

    case PROP_N_COMPLETED:
      fw_step_indicator_set_n_completed (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_step_indicator_class_init (FwStepIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fw_step_indicator_dispose;
  object_class->get_property = fw_step_indicator_get_property;
  object_class->set_property = fw_step_indicator_set_property;

  properties[PROP_CURRENT] =
    g_param_spec_uint ("current", NULL, NULL,
                       0, FW_N_STEPS - 1, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_COMPLETED] =
    g_param_spec_uint ("n-completed", NULL, NULL,
                       0, FW_N_STEPS, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fw-step-indicator");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
fw_step_indicator_init (FwStepIndicator *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  for (guint i = 0; i < FW_N_STEPS; i++)
    build_step (self, i);
  self->visited = 1u << self->current;
  update_steps (self);
}

GtkWidget *
fw_step_indicator_new (void)
{
  return g_object_new (FW_TYPE_STEP_INDICATOR, NULL);
}

FwWizardStep
fw_step_indicator_get_current (FwStepIndicator *self)
{
  g_return_val_if_fail (FW_IS_STEP_INDICATOR (self), FW_WIZARD_DATA);
  return self->current;
}

void
fw_step_indicator_set_current (FwStepIndicator *self,
                               FwWizardStep     step)
{
  g_return_if_fail (FW_IS_STEP_INDICATOR (self));
  g_return_if_fail (step < FW_N_STEPS);

  if (self->current == step)
    return;
  self->current = step;
  self->visited |= 1u << step;
  update_steps (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
}

guint
fw_step_indicator_get_n_completed (FwStepIndicator *self)
{
  g_return_val_if_fail (FW_IS_STEP_INDICATOR (self), 0);
  return self->n_completed;
}

void
fw_step_indicator_set_n_completed (FwStepIndicator *self,
                                   guint            n_completed)
{
  g_return_if_fail (FW_IS_STEP_INDICATOR (self));
  g_return_if_fail (n_completed <= FW_N_STEPS);

  if (self->n_completed == n_completed)
    return;
  self->n_completed = n_completed;
  update_steps (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_COMPLETED]);
}

void
fw_step_indicator_reset_visits (FwStepIndicator *self,
                                FwWizardStep     up_to)
{
  g_return_if_fail (FW_IS_STEP_INDICATOR (self));
  g_return_if_fail (up_to < FW_N_STEPS);

  self->visited = ((2u << up_to) - 1) | (1u << self->current);
  update_steps (self);
}
