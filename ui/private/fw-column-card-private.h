/* fw-column-card-private.h — what fw-column-card.c and fw-column-card-fixes.c share, and a
 * column card's fix buttons, for the Clean step's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-column-card.h"
#include "fw-date-features.h"
#include "fw-plot-widget.h"

G_BEGIN_DECLS

#define N_KINDS FW_STEP_N_KINDS

typedef struct
{
  guint counts[MAX (FW_PROFILE_HISTOGRAM_BINS, FW_PROFILE_TOP_CATEGORIES)];
  guint n_bins;
} FwColumnCardSparkline;

struct _FwColumnCard
{
  GtkWidget              parent_instance;

  GtkWidget             *box;
  GtkImage              *kind_icon;
  GtkLabel              *name_label;
  GtkLabel              *kind_label;
  GtkLabel              *counts_label;
  FwPlotWidget          *sparkline;
  GtkLabel              *values_label;
  GtkWidget             *issues_box;
  GtkWidget             *applied_box;
  GtkWidget             *fixes_box;
  GtkMenuButton         *more_button;

  FwSession             *session;     /* not owned: the page's, for as long as the binding */
  const GPtrArray       *suggested;
  const GPtrArray       *date_features;
  guint                  index;
  FwColumnCardSparkline  spark;
  GtkWidget             *fix_buttons[N_KINDS];
};

/* The card's column and its profile (NULL when the profile does not cover it). */
static inline const FwColumnProfile *
fw_column_card_profile (FwColumnCard *self)
{
  const FwTableProfile *profile = fw_session_get_profile (self->session);

  return profile != NULL && self->index < profile->n_columns ? &profile->columns[self->index]
                                                              : NULL;
}

static inline const FwColumn *
fw_column_card_column (FwColumnCard *self)
{
  return fw_table_column (fw_session_get_table (self->session), self->index);
}

/* A date feature of this column's (either date of a pair). */
static inline gboolean
fw_column_card_feature_of (FwColumnCard        *self,
                           const FwDateFeature *feature)
{
  const char *name = fw_column_card_column (self)->name;

  return g_strcmp0 (feature->step.column, name) == 0 || g_strcmp0 (feature->step.to, name) == 0;
}

static inline void
fw_column_card_clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

/* fw-column-card-fixes.c: the fix buttons and the menu of every fix, drawn anew. */
void       fw_column_card_update_fixes   (FwColumnCard *self);

/* The button offering @kind as a suggested fix, or NULL. */
GtkWidget *fw_column_card_get_fix_button (FwColumnCard *self,
                                          FwStepKind    kind);
/* What bar @bar of the card's histogram stands for, as its tooltip says it; NULL past the
 * last bar. */
char      *fw_column_card_describe_bar   (FwColumnCard *self,
                                          guint         bar);

G_END_DECLS
