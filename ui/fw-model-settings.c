/* fw-model-settings.c — the Model step's advanced settings and split, bound to the recipe
 *
 * Each number is a row with a spin button, described once in a table (which recipe field,
 * its range, its sentence), so adding a setting is one line.  Rows that do not apply to the
 * chosen model (dropout without a neural network, momentum without SGD) are insensitive.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stddef.h>
#include <string.h>
#include "fw-model-settings.h"

typedef enum {
  FIELD_UINT,
  FIELD_UINT64,
  FIELD_DOUBLE,
  FIELD_PERCENT,                /* a fraction shown as a percentage */
} FieldType;

typedef struct
{
  const char *key;
  const char *title;
  const char *subtitle;
  FieldType   type;
  gsize       offset;           /* into FwRecipe */
  double      min, max, step;
  guint       digits;
} Field;

static const Field fields[] = {
  { "epochs", N_("_Passes over the data"), N_("How many times the model reads every training row"),
    FIELD_UINT, offsetof (FwRecipe, model.epochs), 1, 1000, 1, 0 },
  { "batch-size", N_("_Batch size"), N_("Rows read before each small correction"),
    FIELD_UINT, offsetof (FwRecipe, model.batch_size), 1, 65536, 32, 0 },
  { "learning-rate", N_("_Learning rate"),
    N_("How big each correction is; too big and learning becomes unstable"),
    FIELD_DOUBLE, offsetof (FwRecipe, model.learning_rate), 0.00001, 1, 0.001, 5 },
  { "l2", N_("_Weight penalty (L2)"),
    N_("Keeps the model simple, so it does not memorise the training rows"),
    FIELD_DOUBLE, offsetof (FwRecipe, model.l2), 0, 1, 0.0001, 5 },
  { "dropout", N_("_Dropout"),
    N_("Share of the network switched off at random while learning (neural network only)"),
    FIELD_DOUBLE, offsetof (FwRecipe, model.dropout), 0, 0.9, 0.05, 2 },
  { "momentum", N_("_Momentum"),
    N_("How much of the last correction each one keeps (plain gradient descent only)"),
    FIELD_DOUBLE, offsetof (FwRecipe, model.momentum), 0, 0.99, 0.01, 2 },
  { "patience", N_("_Early stopping"),
    N_("Stop after this many passes without improvement; 0 never stops early"),
    FIELD_UINT, offsetof (FwRecipe, model.patience), 0, 1000, 1, 0 },
  { "seed", N_("_Seed"), N_("Fixes the random choices, so the same settings give the same model"),
    FIELD_UINT64, offsetof (FwRecipe, seed), 0, G_MAXINT32, 1, 0 },
  { "train", N_("_Learning part"), N_("Percent of the rows the model learns from"),
    FIELD_PERCENT, offsetof (FwRecipe, split.train), 10, 90, 5, 0 },
  { "validation", N_("_Tuning part"),
    N_("Percent used while learning to decide when to stop and to set thresholds"),
    FIELD_PERCENT, offsetof (FwRecipe, split.validation), 0, 45, 5, 0 },
};

#define N_FIELDS G_N_ELEMENTS (fields)
#define FIRST_SPLIT_FIELD 8
/* The test part never shrinks below this, so every model is judged on unseen rows. */
#define MIN_TEST_PERCENT 5

static const struct {
  guint       n;
  guint       widths[3];
  const char *label;
} layouts[] = {
  { 1, { 32 }, N_("One layer of 32") },
  { 1, { 64 }, N_("One layer of 64") },
  { 2, { 64, 64 }, N_("Two layers of 64") },
  { 2, { 128, 64 }, N_("Two layers, 128 then 64") },
  { 3, { 128, 64, 32 }, N_("Three layers, 128, 64 then 32") },
};

struct _FwModelSettings
{
  FwSession     *session;
  GtkSpinButton *spins[N_FIELDS];
  AdwComboRow   *layers_row;
  AdwComboRow   *optimizer_row;
  AdwActionRow  *test_row;
  GtkLabel      *test_label;
  AdwActionRow  *stratify_row;
  GtkSwitch     *stratify_switch;
  gboolean       syncing;
};

static double
read_field (const FwRecipe *recipe,
            const Field    *field)
{
  gconstpointer p = (const guint8 *) recipe + field->offset;

  switch (field->type)
    {
    case FIELD_UINT:    return *(const guint *) p;
    case FIELD_UINT64:  return (double) *(const guint64 *) p;
    case FIELD_PERCENT: return 100.0 * *(const double *) p;
    case FIELD_DOUBLE:
    default:            return *(const double *) p;
    }
}

static void
write_field (FwRecipe    *recipe,
             const Field *field,
             double       value)
{
  gpointer p = (guint8 *) recipe + field->offset;

  switch (field->type)
    {
    case FIELD_UINT:    *(guint *) p = (guint) value; break;
    case FIELD_UINT64:  *(guint64 *) p = (guint64) value; break;
    case FIELD_PERCENT: *(double *) p = value / 100.0; break;
    case FIELD_DOUBLE:
    default:            *(double *) p = value; break;
    }
}

static void
spin_changed (GtkSpinButton   *spin,
              FwModelSettings *self)
{
  const Field *field = g_object_get_data (G_OBJECT (spin), "fw-field");
  FwRecipe *recipe;
  double train, validation;

  if (self->syncing)
    return;
  recipe = fw_session_begin_edit (self->session);
  write_field (recipe, field, gtk_spin_button_get_value (spin));
  /* The three parts add up to the whole; the test part takes what is left. */
  train = MIN (recipe->split.train, 1.0 - MIN_TEST_PERCENT / 100.0);
  validation = MIN (recipe->split.validation, 1.0 - MIN_TEST_PERCENT / 100.0 - train);
  recipe->split.train = train;
  recipe->split.validation = MAX (validation, 0.0);
  recipe->split.test = 1.0 - recipe->split.train - recipe->split.validation;
  fw_session_end_edit (self->session);
}

static void
layers_selected (FwModelSettings *self)
{
  guint selected = adw_combo_row_get_selected (self->layers_row);
  FwRecipe *recipe;

  if (self->syncing || selected >= G_N_ELEMENTS (layouts))
    return;
  recipe = fw_session_begin_edit (self->session);
  recipe->model.n_hidden = layouts[selected].n;
  for (guint i = 0; i < layouts[selected].n; i++)
    recipe->model.hidden[i] = layouts[selected].widths[i];
  fw_session_end_edit (self->session);
}

static void
optimizer_selected (FwModelSettings *self)
{
  FwRecipe *recipe;

  if (self->syncing)
    return;
  recipe = fw_session_begin_edit (self->session);
  recipe->model.optimizer = adw_combo_row_get_selected (self->optimizer_row) == 1
                            ? FW_OPTIMIZER_SGD : FW_OPTIMIZER_ADAM;
  fw_session_end_edit (self->session);
}

static void
stratify_toggled (FwModelSettings *self)
{
  FwRecipe *recipe;

  if (self->syncing)
    return;
  recipe = fw_session_begin_edit (self->session);
  recipe->split.stratify = gtk_switch_get_active (self->stratify_switch);
  fw_session_end_edit (self->session);
}

static AdwComboRow *
combo_row (const char        *title,
           const char        *subtitle,
           const char *const *items)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  g_autoptr(GtkStringList) model = gtk_string_list_new (items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  return row;
}

static GtkWidget *
spin_row (FwModelSettings *self,
          guint            index)
{
  const Field *field = &fields[index];
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (field->min, field->max, field->step);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->title));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(field->subtitle));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), field->digits);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  /* Wide enough for every value it can show ("0.00001"): a spin button is sized for a few
   * characters, and a longer rate would be cut off. */
  {
    const double bounds[] = { field->min, field->max };
    int width = 0;

    for (guint b = 0; b < G_N_ELEMENTS (bounds); b++)
      {
        char buf[64];

        width = MAX (width, g_snprintf (buf, sizeof buf, "%.*f", (int) field->digits,
                                        bounds[b]));
      }
    gtk_editable_set_width_chars (GTK_EDITABLE (spin), width);
  }
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  row, NULL, -1);
  g_object_set_data (G_OBJECT (spin), "fw-field", (gpointer) field);
  g_signal_connect (spin, "value-changed", G_CALLBACK (spin_changed), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  self->spins[index] = GTK_SPIN_BUTTON (spin);
  return row;
}

FwModelSettings *
fw_model_settings_new (FwSession           *session,
                       AdwExpanderRow      *advanced,
                       AdwPreferencesGroup *split_group)
{
  FwModelSettings *self = g_new0 (FwModelSettings, 1);
  g_autoptr(GPtrArray) layer_labels = g_ptr_array_new ();
  const char *const optimizers[] = { _("Adam (adapts its steps)"),
                                     _("Plain gradient descent with momentum"), NULL };

  self->session = session;
  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    g_ptr_array_add (layer_labels, (gpointer) _(layouts[i].label));
  g_ptr_array_add (layer_labels, NULL);
  self->layers_row = combo_row (_("_Hidden layers"),
                                _("Size of the neural network; bigger learns more and takes longer"),
                                (const char *const *) layer_labels->pdata);
  g_signal_connect_swapped (self->layers_row, "notify::selected", G_CALLBACK (layers_selected), self);
  adw_expander_row_add_row (advanced, GTK_WIDGET (self->layers_row));
  self->optimizer_row = combo_row (_("_Optimiser"), _("How corrections are worked out"),
                                   optimizers);
  g_signal_connect_swapped (self->optimizer_row, "notify::selected",
                            G_CALLBACK (optimizer_selected), self);
  adw_expander_row_add_row (advanced, GTK_WIDGET (self->optimizer_row));
  for (guint i = 0; i < FIRST_SPLIT_FIELD; i++)
    adw_expander_row_add_row (advanced, spin_row (self, i));

  for (guint i = FIRST_SPLIT_FIELD; i < N_FIELDS; i++)
    adw_preferences_group_add (split_group, spin_row (self, i));
  self->test_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->test_row), _("Judging part"));
  adw_action_row_set_subtitle (self->test_row,
                               _("The rest: kept unseen until the end, to judge the model fairly"));
  self->test_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->test_label), "numeric");
  adw_action_row_add_suffix (self->test_row, GTK_WIDGET (self->test_label));
  adw_preferences_group_add (split_group, GTK_WIDGET (self->test_row));

  self->stratify_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->stratify_row),
                                 _("_Same mix of answers in every part"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->stratify_row), TRUE);
  adw_action_row_set_subtitle (self->stratify_row,
                               _("Each part gets the same share of each answer (stratified)"));
  self->stratify_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->stratify_switch), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->stratify_row, GTK_WIDGET (self->stratify_switch));
  adw_action_row_set_activatable_widget (self->stratify_row, GTK_WIDGET (self->stratify_switch));
  g_signal_connect_swapped (self->stratify_switch, "notify::active",
                            G_CALLBACK (stratify_toggled), self);
  adw_preferences_group_add (split_group, GTK_WIDGET (self->stratify_row));
  return self;
}

void
fw_model_settings_free (FwModelSettings *self)
{
  g_free (self);
}

void
fw_model_settings_sync (FwModelSettings *self,
                        FwTask           task)
{
  const FwRecipe *recipe = fw_session_get_recipe (self->session);
  const FwModelSpec *spec = &recipe->model;
  gboolean iterative = spec->kind != FW_MODEL_LINEAR;
  g_autofree char *test = NULL;

  self->syncing = TRUE;
  for (guint i = 0; i < N_FIELDS; i++)
    {
      gboolean applies = TRUE;

      gtk_spin_button_set_value (self->spins[i], read_field (recipe, &fields[i]));
      /* Linear regression is solved in one step: nothing iterative applies to it. */
      if (i < 3 || g_str_equal (fields[i].key, "patience"))
        applies = iterative;
      else if (g_str_equal (fields[i].key, "dropout"))
        applies = spec->kind == FW_MODEL_MLP;
      else if (g_str_equal (fields[i].key, "momentum"))
        applies = iterative && spec->optimizer == FW_OPTIMIZER_SGD;
      gtk_widget_set_sensitive (gtk_widget_get_ancestor (GTK_WIDGET (self->spins[i]),
                                                         ADW_TYPE_ACTION_ROW), applies);
    }
  adw_combo_row_set_selected (self->optimizer_row, spec->optimizer == FW_OPTIMIZER_SGD ? 1 : 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->optimizer_row), iterative);
  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    if (layouts[i].n == spec->n_hidden &&
        memcmp (layouts[i].widths, spec->hidden, layouts[i].n * sizeof (guint)) == 0)
      adw_combo_row_set_selected (self->layers_row, i);
  gtk_widget_set_sensitive (GTK_WIDGET (self->layers_row), spec->kind == FW_MODEL_MLP);

  /* Translators: a percentage of the rows, e.g. "15 %". */
  test = g_strdup_printf (_("%.0f %%"), 100.0 * recipe->split.test);
  gtk_label_set_text (self->test_label, test);
  gtk_switch_set_active (self->stratify_switch, recipe->split.stratify);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stratify_row), task != FW_TASK_REGRESSION);
  self->syncing = FALSE;
}

GtkSpinButton *
fw_model_settings_get_spin (FwModelSettings *self,
                            const char      *key)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (g_str_equal (fields[i].key, key))
      return self->spins[i];
  return NULL;
}

AdwComboRow *
fw_model_settings_get_layers_row (FwModelSettings *self)
{
  return self->layers_row;
}
