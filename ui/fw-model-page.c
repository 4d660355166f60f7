/* fw-model-page.c — wizard step 4: choose how the model learns
 *
 * One card per model with a sentence saying what it does, the one that suits the task
 * marked "Recommended" and the ones that cannot predict this target insensitive with the
 * reason.  Below: the device with what was detected, the advanced settings and the split
 * (fw-model-settings.c), the fairness mitigation, and "Compare models" (fw-compare-view.c).
 * Like the Target page, the controls write the recipe through begin/end_edit and re-read it
 * on every "changed", with @syncing keeping that from writing back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include "fw-backend.h"
#include "fw-backend-cuda.h"
#include "fw-compare-view.h"
#include "fw-model-page-private.h"
#include "fw-model-settings.h"
#include "fw-target-choice.h"

typedef enum {
  MITIGATE_NONE,
  MITIGATE_REWEIGH,
  MITIGATE_PARITY,
  MITIGATE_TPR,
  N_MITIGATIONS
} Mitigation;

static const struct {
  const char *title;
  const char *sentence;
} mitigations[N_MITIGATIONS] = {
  { N_("_None"), N_("Learn from the data as it is.") },
  { N_("_Reweigh the rows"),
    N_("Before learning, give more weight to the rows of groups with fewer good outcomes, "
       "so every group counts alike (Kamiran and Calders).") },
  { N_("Equal _selection rates"),
    N_("After learning, give each group its own cut-off so that the same share of every "
       "group gets the answer.") },
  { N_("Equal chances for those who _qualify"),
    N_("After learning, give each group its own cut-off so that people who should get the "
       "answer get it equally often in every group.") },
};

static const struct {
  FwModelKind kind;
  const char *title;
  const char *sentence;
} cards[] = {
  { FW_MODEL_LOGISTIC, N_("_Logistic regression"),
    N_("Draws a straight line between the answers; fast and easy to explain.") },
  { FW_MODEL_LINEAR, N_("L_inear regression"),
    N_("Fits a straight line through the numbers; fast and easy to explain.") },
  { FW_MODEL_MLP, N_("_Neural network"),
    N_("Learns curved, tangled patterns; slower, and harder to explain.") },
};

static const char *const devices[] = { "auto", "cpu", "cuda" };

struct _FwModelPage
{
  GtkWidget            parent_instance;

  GtkStack            *stack;
  AdwStatusPage       *empty_page;
  GtkBox              *cards_box;
  AdwComboRow         *device_row;
  AdwExpanderRow      *advanced_row;
  AdwPreferencesGroup *split_group;
  AdwPreferencesGroup *fairness_group;
  FwCompareView       *compare_view;

  GtkToggleButton     *card_buttons[G_N_ELEMENTS (cards)];
  GtkWidget           *card_badges[G_N_ELEMENTS (cards)];
  GtkLabel            *card_reasons[G_N_ELEMENTS (cards)];
  AdwActionRow        *mitigation_rows[N_MITIGATIONS];
  GtkCheckButton      *mitigation_checks[N_MITIGATIONS];

  FwSession           *session;
  FwModelSettings     *settings;
  gboolean             gpu_available;
  guint                fix_kind_id;     /* idle that swaps an unsuitable model */
  FwTask               task;
  gboolean             syncing;
};

G_DEFINE_FINAL_TYPE (FwModelPage, fw_model_page, GTK_TYPE_WIDGET)

/* Whether a GPU can train, from the CUDA module's probe (cached after the first call). */
static gboolean
describe_gpu (char **reason)
{
  const FwCudaProbe *probe = fw_backend_cuda_probe ();

  /* Available: @reason names the GPU ("NVIDIA H200, 139 GiB"); else it says why not. */
  if (probe->status == FW_CUDA_AVAILABLE)
    {
      *reason = fw_backend_cuda_device_label (probe);
      return TRUE;
    }
  *reason = g_strdup (probe->reason);
  return FALSE;
}

/* "OpenBLAS 0.3.21" from "cpu (OpenBLAS 0.3.21 NO_LAPACKE …)": the build flags say
 * nothing to the people reading this. */
static char *
cpu_library_name (const char *description)
{
  const char *open = strchr (description, '(');
  g_auto(GStrv) words = g_strsplit (open != NULL ? open + 1 : description, " ", 3);
  g_autofree char *name = g_strjoin (" ", words[0] != NULL ? words[0] : "",
                                     words[0] != NULL && words[1] != NULL ? words[1] : "", NULL);

  return g_strdup (g_strstrip (g_strdelimit (name, ")", ' ')));
}

static gboolean
kind_suits (FwModelKind kind,
            FwTask      task)
{
  return kind == FW_MODEL_MLP || (kind == FW_MODEL_LINEAR) == (task == FW_TASK_REGRESSION);
}

static FwModelKind
recommended_kind (FwTask task)
{
  return task == FW_TASK_REGRESSION ? FW_MODEL_LINEAR : FW_MODEL_LOGISTIC;
}

static void
set_kind (FwModelPage *self,
          FwModelKind  kind)
{
  FwRecipe *recipe = fw_session_begin_edit (self->session);

  recipe->model.kind = kind;
  recipe->model.learning_rate = fw_model_kind_default_learning_rate (kind);
  fw_session_end_edit (self->session);
}

static void
card_toggled (GtkToggleButton *button,
              FwModelPage     *self)
{
  FwModelKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "fw-kind"));

  if (self->syncing || !gtk_toggle_button_get_active (button))
    return;
  if (fw_session_get_recipe (self->session)->model.kind != kind)
    set_kind (self, kind);
}

static gboolean
fix_kind (gpointer data)
{
  FwModelPage *self = data;

  self->fix_kind_id = 0;
  if (!kind_suits (fw_session_get_recipe (self->session)->model.kind, self->task))
    set_kind (self, recommended_kind (self->task));
  return G_SOURCE_REMOVE;
}

static void
device_selected (FwModelPage *self)
{
  guint selected = adw_combo_row_get_selected (self->device_row);
  FwRecipe *recipe;

  if (self->syncing || selected >= G_N_ELEMENTS (devices))
    return;
  recipe = fw_session_begin_edit (self->session);
  g_free (recipe->model.device);
  recipe->model.device = g_strdup (devices[selected]);
  fw_session_end_edit (self->session);
}

static void
mitigation_toggled (GtkCheckButton *check,
                    FwModelPage    *self)
{
  Mitigation m = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "fw-mitigation"));
  FwRecipe *recipe;

  if (self->syncing || !gtk_check_button_get_active (check))
    return;
  recipe = fw_session_begin_edit (self->session);
  g_free (recipe->mitigation);
  recipe->mitigation = g_strdup (m == MITIGATE_REWEIGH ? "reweigh" : "none");
  fw_session_set_threshold_policy (self->session,
                                   m == MITIGATE_PARITY ? FW_THRESHOLD_POLICY_PARITY
                                   : m == MITIGATE_TPR ? FW_THRESHOLD_POLICY_TPR
                                   : FW_THRESHOLD_POLICY_NONE);
  fw_session_end_edit (self->session);
}

/* The device list: a GPU that cannot be used is shown, but cannot be picked. */
static void
device_item_setup (GtkListItemFactory *factory,
                   GtkListItem        *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_list_item_set_child (item, label);
}

static void
device_item_bind (GtkListItemFactory *factory,
                  GtkListItem        *item,
                  FwModelPage        *self)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  GtkStringObject *string = gtk_list_item_get_item (item);
  gboolean usable = gtk_list_item_get_position (item) != 2 || self->gpu_available;

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (string));
  gtk_widget_set_sensitive (label, usable);
  gtk_list_item_set_selectable (item, usable);
  gtk_list_item_set_activatable (item, usable);
}

static GtkWidget *
make_card (FwModelPage *self,
           guint        index)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new_with_mnemonic (_(cards[index].title));
  GtkWidget *badge = gtk_label_new (_("Recommended"));
  GtkWidget *sentence = gtk_label_new (_(cards[index].sentence));
  GtkWidget *reason = gtk_label_new (NULL);

  gtk_label_set_mnemonic_widget (GTK_LABEL (title), button);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  /* Narrow windows: the cards shrink by wrapping, never by widening the window. */
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_add_css_class (badge, "fw-badge");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), badge);
  gtk_label_set_wrap (GTK_LABEL (sentence), TRUE);
  gtk_label_set_xalign (GTK_LABEL (sentence), 0.0);
  gtk_label_set_yalign (GTK_LABEL (sentence), 0.0);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_label_set_xalign (GTK_LABEL (reason), 0.0);
  gtk_widget_add_css_class (reason, "caption");
  gtk_widget_add_css_class (reason, "dim-label");
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), sentence);
  gtk_box_append (GTK_BOX (box), reason);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "card");
  gtk_widget_add_css_class (button, "fw-model-card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(cards[index].sentence),
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  title, NULL, -1);
  g_object_set_data (G_OBJECT (button), "fw-kind", GUINT_TO_POINTER (cards[index].kind));
  g_signal_connect (button, "toggled", G_CALLBACK (card_toggled), self);
  if (index > 0)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), self->card_buttons[0]);

  self->card_buttons[index] = GTK_TOGGLE_BUTTON (button);
  self->card_badges[index] = badge;
  self->card_reasons[index] = GTK_LABEL (reason);
  return button;
}

static void
build_mitigations (FwModelPage *self)
{
  for (guint m = 0; m < N_MITIGATIONS; m++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(mitigations[m].title));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (m > 0)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), self->mitigation_checks[0]);
      g_object_set_data (G_OBJECT (check), "fw-mitigation", GUINT_TO_POINTER (m));
      g_signal_connect (check, "toggled", G_CALLBACK (mitigation_toggled), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->fairness_group, row);
      self->mitigation_rows[m] = ADW_ACTION_ROW (row);
      self->mitigation_checks[m] = GTK_CHECK_BUTTON (check);
    }
}

/* "Equal selection rates" in the words of the outcome: equal rates of approval, or of
 * being flagged when the prediction harms the person. */
static void
name_parity (FwModelPage          *self,
             const FwTargetChoice *choice)
{
  g_autofree char *title = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *escaped = NULL;

  if (choice == NULL || choice->favourable_question == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->mitigation_rows[MITIGATE_PARITY]),
                                     _(mitigations[MITIGATE_PARITY].title));
      return;
    }
  /* The title reads underlines as mnemonics: a class name keeps its own. */
  parts = g_strsplit (choice->class_names[choice->positive], "_", -1);
  escaped = g_strjoinv ("__", parts);
  title = g_strdup_printf (choice->positive_is_good ? _("_Equal rates of “%s”")
                                                   : _("_Equal rates of being flagged “%s”"),
                           escaped);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->mitigation_rows[MITIGATE_PARITY]),
                                 title);
}

static void
sync_mitigations (FwModelPage          *self,
                  const FwRecipe       *recipe,
                  const FwTargetChoice *choice)
{
  FwThresholdPolicy policy = fw_session_get_threshold_policy (self->session);
  gboolean has_sensitive = recipe->sensitive->len > 0;
  /* Thresholds chosen by hand on the Results step are none of these: no row is ticked
   * until one replaces them. */
  Mitigation current = g_strcmp0 (recipe->mitigation, "reweigh") == 0 ? MITIGATE_REWEIGH
                       : policy == FW_THRESHOLD_POLICY_PARITY ? MITIGATE_PARITY
                       : policy == FW_THRESHOLD_POLICY_TPR ? MITIGATE_TPR
                       : policy == FW_THRESHOLD_POLICY_MANUAL ? N_MITIGATIONS : MITIGATE_NONE;
  g_autofree char *manual = NULL;

  if (policy == FW_THRESHOLD_POLICY_MANUAL)
    /* Translators: %s is a sensitive column such as "sex". */
    manual = g_strdup_printf (_("Now: a threshold per group of “%s”, chosen by hand on the "
                                "Results step and kept when training again. Choosing an "
                                "option here replaces them."),
                              recipe->threshold_attribute != NULL
                                ? recipe->threshold_attribute
                                : (const char *) g_ptr_array_index (recipe->sensitive, 0));

  for (guint m = 0; m < N_MITIGATIONS; m++)
    {
      const char *reason = NULL;

      if (m != MITIGATE_NONE && !has_sensitive)
        reason = _("Needs a sensitive column: mark one in the Target step");
      else if (m == MITIGATE_REWEIGH && self->task == FW_TASK_REGRESSION)
        reason = _("Needs answers to predict, not numbers");
      else if ((m == MITIGATE_PARITY || m == MITIGATE_TPR) && self->task != FW_TASK_BINARY)
        reason = _("Needs a yes-or-no question");
      adw_action_row_set_subtitle (self->mitigation_rows[m],
                                   reason != NULL ? reason
                                   : m == MITIGATE_NONE && manual != NULL ? manual
                                   : _(mitigations[m].sentence));
      gtk_widget_set_sensitive (GTK_WIDGET (self->mitigation_rows[m]), reason == NULL);
      gtk_check_button_set_active (self->mitigation_checks[m], m == current);
    }
  name_parity (self, choice);
}

static void
sync_from_recipe (FwModelPage *self)
{
  const FwRecipe *recipe = fw_session_get_recipe (self->session);
  g_autoptr(FwTargetChoice) choice = NULL;
  g_autofree char *reason = NULL;

  if (!fw_session_has_target (self->session, &reason))
    {
      g_autofree char *escaped = g_markup_escape_text (reason, -1);

      adw_status_page_set_description (self->empty_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  choice = fw_target_choice_new (fw_session_get_table (self->session), recipe, NULL);
  self->task = choice != NULL ? choice->task : FW_TASK_BINARY;
  gtk_stack_set_visible_child_name (self->stack, "choose");

  self->syncing = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      gboolean suits = kind_suits (cards[i].kind, self->task);

      gtk_widget_set_sensitive (GTK_WIDGET (self->card_buttons[i]), suits);
      gtk_widget_set_visible (self->card_badges[i], cards[i].kind == recommended_kind (self->task));
      gtk_label_set_text (self->card_reasons[i],
                          suits ? "" : self->task == FW_TASK_REGRESSION
                                       ? _("Not for this target: it predicts answers, not numbers")
                                       : _("Not for this target: it predicts numbers, not answers"));
      gtk_widget_set_visible (GTK_WIDGET (self->card_reasons[i]), !suits);
      gtk_toggle_button_set_active (self->card_buttons[i], recipe->model.kind == cards[i].kind);
    }
  for (guint d = 0; d < G_N_ELEMENTS (devices); d++)
    if (g_strcmp0 (recipe->model.device, devices[d]) == 0)
      adw_combo_row_set_selected (self->device_row, d);
  fw_model_settings_sync (self->settings, self->task);
  sync_mitigations (self, recipe, choice);
  self->syncing = FALSE;

  /* A model that cannot predict this target gives way to the recommended one. */
  if (!kind_suits (recipe->model.kind, self->task) && self->fix_kind_id == 0)
    self->fix_kind_id = g_idle_add (fix_kind, self);
}

static void
session_changed (FwModelPage *self,
                 guint        parts)
{
  if (parts & (FW_SESSION_DATA | FW_SESSION_STEPS | FW_SESSION_RECIPE))
    sync_from_recipe (self);
}

static void
fw_model_page_dispose (GObject *object)
{
  FwModelPage *self = FW_MODEL_PAGE (object);

  g_clear_handle_id (&self->fix_kind_id, g_source_remove);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_MODEL_PAGE);
  g_clear_pointer (&self->settings, fw_model_settings_free);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (fw_model_page_parent_class)->dispose (object);
}

static void
fw_model_page_class_init (FwModelPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fw_model_page_dispose;

  g_type_ensure (FW_TYPE_COMPARE_VIEW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fw-model-page");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/FairwayML/Fairway/ui/fw-model-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FwModelPage, stack);
  gtk_widget_class_bind_template_child (widget_class, FwModelPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, FwModelPage, cards_box);
  gtk_widget_class_bind_template_child (widget_class, FwModelPage, device_row);
  gtk_widget_class_bind_template_child (widget_class, FwModelPage, advanced_row);
  gtk_widget_class_bind_template_child (widget_class, FwModelPage, split_group);
  gtk_widget_class_bind_template_child (widget_class, FwModelPage, fairness_group);
  gtk_widget_class_bind_template_child (widget_class, FwModelPage, compare_view);
}

static void
fw_model_page_init (FwModelPage *self)
{
  const char *const device_names[] = { _("Automatic"), _("Processor (CPU)"),
                                       _("Graphics card (GPU)"), NULL };
  g_autoptr(GtkStringList) device_model = gtk_string_list_new (device_names);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autofree char *gpu_reason = NULL;
  g_autofree char *cpu = fw_backend_cpu_describe ();
  g_autofree char *cpu_library = NULL;
  g_autofree char *cpu_text = NULL;
  g_autofree char *subtitle = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    gtk_box_append (self->cards_box, make_card (self, i));
  build_mitigations (self);

  self->gpu_available = describe_gpu (&gpu_reason);
  cpu_library = cpu_library_name (cpu);
  /* Translators: %u is a number of processor cores, %s the maths library. */
  cpu_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "a processor with %u core (%s)",
                                           "a processor with %u cores (%s)",
                                           g_get_num_processors ()),
                              g_get_num_processors (), cpu_library);
  subtitle = self->gpu_available
             /* Translators: what was detected; the first %s is the processor. */
             ? g_strdup_printf (_("Found %s, and a GPU, %s. Automatic uses the GPU."),
                                cpu_text, gpu_reason)
             /* Translators: the first %s is the processor, the second why no GPU. */
             : g_strdup_printf (_("Found %s. No GPU: %s, so training runs on the processor."),
                                cpu_text, gpu_reason);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->device_row), subtitle);
  g_signal_connect (factory, "setup", G_CALLBACK (device_item_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (device_item_bind), self);
  adw_combo_row_set_list_factory (self->device_row, factory);
  adw_combo_row_set_model (self->device_row, G_LIST_MODEL (device_model));
  g_signal_connect_swapped (self->device_row, "notify::selected",
                            G_CALLBACK (device_selected), self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
fw_model_page_new (void)
{
  return g_object_new (FW_TYPE_MODEL_PAGE, NULL);
}

void
fw_model_page_set_session (FwModelPage *self,
                           FwSession   *session)
{
  g_return_if_fail (FW_IS_MODEL_PAGE (self));
  g_return_if_fail (FW_IS_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  g_clear_pointer (&self->settings, fw_model_settings_free);
  self->settings = fw_model_settings_new (session, self->advanced_row, self->split_group);
  fw_compare_view_set_session (self->compare_view, session);
  g_signal_connect_swapped (session, "changed", G_CALLBACK (session_changed), self);
  sync_from_recipe (self);
}

GtkToggleButton *
fw_model_page_get_card (FwModelPage *self,
                        FwModelKind  kind)
{
  g_return_val_if_fail (FW_IS_MODEL_PAGE (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    if (cards[i].kind == kind)
      return self->card_buttons[i];
  return NULL;
}

gboolean
fw_model_page_is_recommended (FwModelPage *self,
                              FwModelKind  kind)
{
  g_return_val_if_fail (FW_IS_MODEL_PAGE (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    if (cards[i].kind == kind)
      return gtk_widget_get_visible (self->card_badges[i]);
  return FALSE;
}

GtkSpinButton *
fw_model_page_get_setting (FwModelPage *self,
                           const char  *key)
{
  g_return_val_if_fail (FW_IS_MODEL_PAGE (self), NULL);
  return fw_model_settings_get_spin (self->settings, key);
}

AdwComboRow *
fw_model_page_get_device_row (FwModelPage *self)
{
  g_return_val_if_fail (FW_IS_MODEL_PAGE (self), NULL);
  return self->device_row;
}

GtkCheckButton *
fw_model_page_get_mitigation (FwModelPage *self,
                              const char  *name)
{
  static const char *const names[N_MITIGATIONS] = { "none", "reweigh", "parity", "tpr" };

  g_return_val_if_fail (FW_IS_MODEL_PAGE (self), NULL);

  for (guint m = 0; m < N_MITIGATIONS; m++)
    if (g_str_equal (names[m], name))
      return self->mitigation_checks[m];
  return NULL;
}

FwCompareView *
fw_model_page_get_compare_view (FwModelPage *self)
{
  g_return_val_if_fail (FW_IS_MODEL_PAGE (self), NULL);
  return self->compare_view;
}
