/* fw-column-card.c — one column of the table, as the Clean step shows it (its fixes:
 * fw-column-card-fixes.c)
 *
 * Name and kind; how much is missing and how many values there are; a sparkline of the
 * values (a histogram for numbers, the most common values for the rest); the profile's
 * issues in plain words; the steps already applied to the column; and its fixes: the
 * suggested ones as buttons, every other one in a menu.  Fixes are the page's
 * clean.add-step action with (kind, column, constant), so a click, a menu item and a test
 * all go the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include "fw-column-card-private.h"
#include "fw-date-features.h"
#include "fw-number.h"
#include "fw-plot-sparkline.h"
#include "fw-plot-widget.h"
#include "fw-step-offer.h"
#include "fw-step-text.h"

/* The width a card asks for, in characters: two or three cards side by side in a window. */
#define CARD_CHARS 30

G_DEFINE_FINAL_TYPE (FwColumnCard, fw_column_card, GTK_TYPE_WIDGET)

static void
draw_sparkline (cairo_t           *cr,
                double             width,
                double             height,
                const FwPlotStyle *style,
                gconstpointer      data)
{
  const FwColumnCardSparkline *spark = data;

  fw_plot_sparkline_draw (cr, width, height, style, spark->counts, spark->n_bins);
}

/* An icon and a wrapping sentence: an issue, or a step already taken. */
static GtkWidget *
note_new (const char *icon_name,
          const char *style_class,
          const char *text)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", icon_name,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, style_class);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  /* A wrapping label asks for its whole text's width; the grid would give each card that. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), CARD_CHARS);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), label);
  return row;
}

/* Whether the suggestions hold @kind for this card's column. */
static gboolean
suggests (FwColumnCard *self,
          FwStepKind    kind)
{
  const char *name = fw_column_card_column (self)->name;

  for (guint i = 0; self->suggested != NULL && i < self->suggested->len; i++)
    {
      const FwStep *step = g_ptr_array_index (self->suggested, i);

      if (step->kind == kind && g_strcmp0 (step->column, name) == 0)
        return TRUE;
    }
  return FALSE;
}

static char *
format_number (double x)
{
  return fw_number_to_display (x);
}

char *
fw_column_card_describe_bar (FwColumnCard *self,
                             guint         bar)
{
  const FwColumnProfile *p;
  g_autofree char *rows = NULL, *what = NULL;
  guint64 count;
  double share;

  g_return_val_if_fail (FW_IS_COLUMN_CARD (self), NULL);

  p = self->session != NULL ? fw_column_card_profile (self) : NULL;
  if (p == NULL || bar >= self->spark.n_bins)
    return NULL;
  count = self->spark.counts[bar];
  share = p->count > 0 ? 100.0 * (double) count / (double) p->count : 0.0;
  if (p->has_numbers && !isnan (p->min))
    {
      /* Equal-width bins over [min, max], the last one closed. */
      double width = (p->max - p->min) / FW_PROFILE_HISTOGRAM_BINS;
      g_autofree char *lo = format_number (p->min + bar * width);
      g_autofree char *hi = format_number (bar + 1 == FW_PROFILE_HISTOGRAM_BINS
                                           ? p->max : p->min + (bar + 1) * width);

      /* Translators: a range of values on a column card's histogram, "35,000 – 39,000". */
      what = g_strdup_printf (_("%s – %s"), lo, hi);
    }
  else
    what = g_strdup_printf ("“%s”", p->top[bar].value);
  rows = fw_count_to_display (count);
  /* Translators: one bar of a column card's histogram: "“Paris”: 1,204 rows (42 %)". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %s row (%.0f %%)",
                                       "%s: %s rows (%.0f %%)", count),
                          what, rows, share);
}

/* The bar under the pointer, in words: the bars are too thin to label. */
static gboolean
sparkline_query_tooltip (GtkWidget    *widget,
                         int           x,
                         int           y,
                         gboolean      keyboard,
                         GtkTooltip   *tooltip,
                         FwColumnCard *self)
{
  int width = gtk_widget_get_width (widget);
  g_autofree char *text = NULL;

  if (width <= 0 || self->spark.n_bins == 0 || keyboard)
    return FALSE;
  text = fw_column_card_describe_bar (self, MIN ((guint) (x * (double) self->spark.n_bins /
                                                          width), self->spark.n_bins - 1));
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Which values the suggested split groups as "other", and why.  Counted on the whole
 * column and scaled to the training part, which the step counts on. */
static void
add_rare_note (FwColumnCard          *self,
               const FwColumn        *c,
               const FwColumnProfile *p)
{
  const FwRecipe *recipe = fw_session_get_recipe (self->session);
  const FwStep *one_hot = NULL;
  g_autofree gsize *counts = NULL;
  g_autoptr(GString) examples = g_string_new (NULL);
  g_autofree char *text = NULL;
  guint size, n_rare = 0;

  for (guint i = 0; self->suggested != NULL && i < self->suggested->len; i++)
    {
      const FwStep *step = g_ptr_array_index (self->suggested, i);

      if (step->kind == FW_STEP_ONE_HOT && step->min_count > 0 &&
          g_strcmp0 (step->column, c->name) == 0)
        one_hot = step;
    }
  if (one_hot == NULL || c->storage != FW_STORAGE_CODES)
    return;
  size = fw_dictionary_size (c->dict);
  counts = g_new0 (gsize, size + 1);
  for (gsize row = 0; row < c->n_rows; row++)
    if (c->data.codes[row] != FW_CODE_MISSING)
      counts[c->data.codes[row]]++;
  for (guint code = 0; code < size; code++)
    if ((double) counts[code] * recipe->split.train < (double) one_hot->min_count)
      {
        if (n_rare < 3)
          g_string_append_printf (examples, "%s“%s”", n_rare > 0 ? ", " : "",
                                  fw_dictionary_get (c->dict, code));
        n_rare++;
      }
  if (n_rare == 0)
    return;
  /* Translators: "“g17”, “g18”, “g19” and 2 more of the 24 values of “grade” are each in
   * fewer than 15 training rows: …". */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s — %u of the %zu values — is in fewer than %u "
                                       "training rows: too few to learn from, so the suggested "
                                       "split groups it as “other”",
                                       "%s — %u of the %zu values — are each in fewer than %u "
                                       "training rows: too few to learn from, so the suggested "
                                       "split groups them as “other”", n_rare),
                          examples->str, n_rare, p->distinct, one_hot->min_count);
  gtk_box_append (GTK_BOX (self->issues_box),
                  note_new ("dialog-information-symbolic", "accent", text));
}

static void
update_profile (FwColumnCard *self)
{
  const FwColumnProfile *p = fw_column_card_profile (self);
  const FwColumn *c = fw_column_card_column (self);
  gsize n = p->count + p->missing;
  g_autofree char *missing = NULL;
  g_autofree char *distinct = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *plot_label = NULL;

  gtk_image_set_from_icon_name (self->kind_icon, fw_kind_icon_name (p->kind));
  gtk_label_set_text (self->name_label, c->name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), c->name);
  gtk_label_set_text (self->kind_label, fw_kind_to_label (p->kind));

  if (p->missing == 0)
    missing = g_strdup (_("Nothing missing"));
  else if (100.0 * p->missing < n)
    /* Translators: fewer than one in a hundred cells of the column are empty. */
    missing = g_strdup (_("Under 1 % missing"));
  else
    /* Translators: %.0f is a percentage of empty cells, %% the percent sign. */
    missing = g_strdup_printf (_("%.0f %% missing"), 100.0 * p->missing / MAX (n, 1));
  {
    g_autofree char *number = fw_count_to_display (p->distinct);

    /* Translators: %s is a count with its digits grouped, "5,000". */
    distinct = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s distinct value",
                                             "%s distinct values", p->distinct), number);
  }
  counts = g_strdup_printf ("%s · %s", missing, distinct);
  gtk_label_set_text (self->counts_label, counts);

  /* Numbers: their spread; everything else: the most common values. */
  if (p->has_numbers && !isnan (p->min))
    {
      g_autofree char *lo = format_number (p->min);
      g_autofree char *mean = format_number (p->mean);
      g_autofree char *hi = format_number (p->max);
      g_autofree char *text = NULL;

      /* Translators: the smallest, the average and the largest value of a column. */
      text = g_strdup_printf (_("Lowest %s · Average %s · Highest %s"), lo, mean, hi);
      gtk_label_set_text (self->values_label, text);
      self->spark.n_bins = FW_PROFILE_HISTOGRAM_BINS;
      memcpy (self->spark.counts, p->histogram, sizeof p->histogram);
      /* Translators: %s is a column name. */
      plot_label = g_strdup_printf (_("How the values of “%s” are spread"), c->name);
    }
  else if (p->kind == FW_KIND_IDENTIFIER || p->kind == FW_KIND_TEXT)
    {
      g_autofree char *text = NULL;

      /* Bars of one row each say nothing: an example says more. */
      if (p->n_top > 0)
        /* Translators: %s is one value of the column, as an example. */
        text = g_strdup_printf (_("Values such as “%s”"), p->top[0].value);
      gtk_label_set_text (self->values_label, text != NULL ? text : "");
      self->spark.n_bins = 0;
    }
  else if (p->n_top > 0)
    {
      g_autoptr(GString) text = g_string_new (_("Most common: "));

      for (guint i = 0; i < MIN (p->n_top, 3); i++)
        g_string_append_printf (text, i > 0 ? ", %s" : "%s", p->top[i].value);
      gtk_label_set_text (self->values_label, text->str);
      self->spark.n_bins = p->n_top;
      for (guint i = 0; i < p->n_top; i++)
        self->spark.counts[i] = (guint) MIN (p->top[i].count, G_MAXUINT);
      /* Translators: %s is a column name. */
      plot_label = g_strdup_printf (_("How often the most common values of “%s” occur"),
                                    c->name);
    }
  else
    {
      gtk_label_set_text (self->values_label, _("Every cell is empty"));
      self->spark.n_bins = 0;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->sparkline), self->spark.n_bins > 0);
  fw_plot_widget_set_label (self->sparkline, plot_label);
  fw_plot_widget_queue_redraw (self->sparkline);

  fw_column_card_clear_box (self->issues_box);
  for (guint i = 0; p->issues != NULL && i < p->issues->len; i++)
    {
      const FwIssue *issue = g_ptr_array_index (p->issues, i);

      gtk_box_append (GTK_BOX (self->issues_box),
                      note_new ("dialog-warning-symbolic", "warning", issue->message));
    }
  /* A sentinel's sentence already asks for the indicator; gaps alone say so here. */
  if (suggests (self, FW_STEP_MISSING_INDICATOR) &&
      !fw_column_profile_has_issue (p, FW_ISSUE_SENTINEL))
    {
      double percent = 100.0 * (double) p->missing / (double) MAX (p->count + p->missing, 1);
      g_autofree char *text = NULL;

      /* Translators: %.0f%% is a share of the cells such as 52%. */
      text = g_strdup_printf (_("%.0f%% of the cells are missing, and that a value is missing "
                                "often means something: the suggested fix keeps a yes/no "
                                "“was missing” column next to the filled one"), percent);
      gtk_box_append (GTK_BOX (self->issues_box),
                      note_new ("dialog-information-symbolic", "accent", text));
    }
  /* What a date would give away, counted from or to it. */
  for (guint i = 0; self->date_features != NULL && i < self->date_features->len; i++)
    {
      const FwDateFeature *feature = g_ptr_array_index (self->date_features, i);

      if (feature->message != NULL && fw_column_card_feature_of (self, feature))
        gtk_box_append (GTK_BOX (self->issues_box),
                        note_new ("dialog-warning-symbolic", "warning", feature->message));
    }
  add_rare_note (self, c, p);
  if (gtk_widget_get_first_child (self->issues_box) == NULL)
    gtk_box_append (GTK_BOX (self->issues_box),
                    note_new ("emblem-default-symbolic", "dim-label", _("No problems found")));
}

/* The steps already applied to the column, then its fixes (fw-column-card-fixes.c). */
static void
update_steps (FwColumnCard *self)
{
  const FwColumn *c = fw_column_card_column (self);
  const FwRecipe *recipe = fw_session_get_recipe (self->session);

  fw_column_card_clear_box (self->applied_box);
  if (g_strcmp0 (recipe->target, c->name) == 0)
    gtk_box_append (GTK_BOX (self->applied_box),
                    note_new ("emblem-important-symbolic", "accent",
                              _("This is the column to predict: it stays as it is")));
  for (guint i = 0; i < recipe->steps->len; i++)
    {
      const FwStep *step = g_ptr_array_index (recipe->steps, i);
      g_autofree char *text = NULL;

      if (g_strcmp0 (step->column, c->name) != 0)
        continue;
      text = fw_step_describe_short (step);
      gtk_box_append (GTK_BOX (self->applied_box),
                      note_new ("emblem-ok-symbolic", "success", text));
    }
  gtk_widget_set_visible (self->applied_box,
                          gtk_widget_get_first_child (self->applied_box) != NULL);
  fw_column_card_update_fixes (self);
}

void
fw_column_card_bind (FwColumnCard    *self,
                     FwSession       *session,
                     guint            index,
                     const GPtrArray *suggested,
                     const GPtrArray *date_features)
{
  g_return_if_fail (FW_IS_COLUMN_CARD (self));
  g_return_if_fail (FW_IS_SESSION (session));
  g_return_if_fail (index < fw_table_n_columns (fw_session_get_table (session)));

  self->session = session;
  self->index = index;
  self->suggested = suggested;
  self->date_features = date_features;
  if (fw_column_card_profile (self) == NULL)
    return;
  update_profile (self);
  update_steps (self);
}

void
fw_column_card_unbind (FwColumnCard *self)
{
  g_return_if_fail (FW_IS_COLUMN_CARD (self));

  self->session = NULL;
  self->suggested = NULL;
  self->date_features = NULL;
  self->index = G_MAXUINT;
}

void
fw_column_card_refresh (FwColumnCard *self)
{
  g_return_if_fail (FW_IS_COLUMN_CARD (self));

  if (self->session != NULL && fw_column_card_profile (self) != NULL)
    update_steps (self);
}

guint
fw_column_card_get_index (FwColumnCard *self)
{
  g_return_val_if_fail (FW_IS_COLUMN_CARD (self), G_MAXUINT);
  return self->index;
}

GtkWidget *
fw_column_card_get_fix_button (FwColumnCard *self,
                               FwStepKind    kind)
{
  g_return_val_if_fail (FW_IS_COLUMN_CARD (self), NULL);
  g_return_val_if_fail ((guint) kind < N_KINDS, NULL);
  return self->fix_buttons[kind];
}

static GtkWidget *
label_new (const char *style_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), CARD_CHARS);
  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);
  return label;
}

static void
fw_column_card_dispose (GObject *object)
{
  FwColumnCard *self = FW_COLUMN_CARD (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (fw_column_card_parent_class)->dispose (object);
}

static void
fw_column_card_class_init (FwColumnCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fw_column_card_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fw-column-card");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
fw_column_card_init (FwColumnCard *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->index = G_MAXUINT;
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_add_css_class (self->box, "card");
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->kind_icon = g_object_new (GTK_TYPE_IMAGE,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->kind_icon), "fw-kind-icon");
  self->name_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->name_label, 0.0f);
  gtk_label_set_ellipsize (self->name_label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->name_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "heading");
  self->kind_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->kind_label), "fw-kind-chip");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->kind_icon));
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->name_label));
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->kind_label));
  gtk_box_append (GTK_BOX (self->box), header);

  self->counts_label = GTK_LABEL (label_new ("dim-label"));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->counts_label));

  self->sparkline = FW_PLOT_WIDGET (fw_plot_widget_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->sparkline), -1, 36);
  gtk_widget_add_css_class (GTK_WIDGET (self->sparkline), "fw-sparkline");
  fw_plot_widget_set_draw_func (self->sparkline, draw_sparkline, &self->spark, NULL);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->sparkline), TRUE);
  g_signal_connect (self->sparkline, "query-tooltip", G_CALLBACK (sparkline_query_tooltip),
                    self);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->sparkline));

  self->values_label = GTK_LABEL (label_new ("caption"));
  gtk_label_set_ellipsize (self->values_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_wrap (self->values_label, FALSE);
  gtk_label_set_width_chars (self->values_label, 10);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->values_label));

  self->issues_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_box_append (GTK_BOX (self->box), self->issues_box);
  self->applied_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (self->applied_box, "fw-applied");
  gtk_box_append (GTK_BOX (self->box), self->applied_box);

  /* The buttons sit at the bottom, however tall the issues make the card. */
  gtk_widget_set_vexpand (self->issues_box, TRUE);
  gtk_widget_set_valign (actions, GTK_ALIGN_END);
  self->fixes_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_hexpand (self->fixes_box, TRUE);
  self->more_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_label (self->more_button, _("_Fixes"));
  gtk_menu_button_set_use_underline (self->more_button, TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->more_button), _("Every fix for this column"));
  gtk_widget_set_halign (GTK_WIDGET (self->more_button), GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (actions), self->fixes_box);
  gtk_box_append (GTK_BOX (actions), GTK_WIDGET (self->more_button));
  gtk_box_append (GTK_BOX (self->box), actions);
}

GtkWidget *
fw_column_card_new (void)
{
  return g_object_new (FW_TYPE_COLUMN_CARD, NULL);
}
