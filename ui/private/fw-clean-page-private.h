/* fw-clean-page-private.h — what the Clean step shows, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-clean-page.h"
#include "fw-column-card.h"
#include "fw-recipe.h"
#include "fw-session.h"
#include "fw-table-model.h"
#include "fw-table-view.h"

G_BEGIN_DECLS

/* The page's own files (fw-clean-page.c, fw-clean-page-select.c, fw-clean-page-steps.c)
 * share it. */
struct _FwCleanPage
{
  GtkWidget           parent_instance;

  GtkStack           *stack;
  GtkLabel           *summary_label;
  AdwViewStack       *view_stack;
  GtkGridView        *card_grid;
  GtkSearchEntry     *search_entry;
  GtkLabel           *selection_label;
  GtkWidget          *drop_selected_button;
  GtkWidget          *keep_selected_button;
  GtkLabel           *preview_label;
  FwTableView        *preview_view;
  GtkStack           *steps_stack;
  GtkListView        *steps_list;

  FwSession          *session;
  GtkStringList      *columns;    /* the column names, one card each */
  GtkFilterListModel *shown;      /* those the search leaves */
  GtkMultiSelection  *selection;  /* of the shown ones: the grid's model */
  GtkStringList      *steps;      /* the steps in words */
  GPtrArray          *cards;      /* the cards bound now (not owned) */
  FwRecipe           *suggested;  /* what "Apply All Suggestions" would do */
  GPtrArray          *date_features;  /* FwDateFeature: what the dates offer */
  GCancellable       *checking;   /* the leak check running on a worker, or NULL */
  gboolean            check_stale;  /* cancelled as the page went away: run it on return */
  GtkWidget          *checking_box;  /* "Checking columns…" while it runs */
  FwTableModel       *preview;
  gboolean            preview_stale;
};

/* fw-clean-page-select.c: the search over column names and the cards selected at once. */
void          fw_clean_page_select_init        (FwCleanPage *self);
void          fw_clean_page_select_class_init  (GtkWidgetClass *widget_class);
/* The table's index of the column at @position of the grid (the search may hide some). */
guint         fw_clean_page_column_at          (FwCleanPage *self,
                                                guint        position);
/* Selection, search and their buttons, after the data or the steps changed. */
void          fw_clean_page_select_update      (FwCleanPage *self);

/* fw-clean-page.c: the header's sentence, after a change. */
void          fw_clean_page_update_summary     (FwCleanPage *self);

/* fw-clean-page-steps.c: the step list and the actions that change it. */
void          fw_clean_page_steps_class_init   (GtkWidgetClass *widget_class);
void          fw_clean_page_steps_init         (FwCleanPage *self);
/* The step list, after a change. */
void          fw_clean_page_update_steps       (FwCleanPage *self);

/* fw-clean-page-suggest.c: the suggestions, the leak check on a worker behind them. */
void          fw_clean_page_suggest_init       (FwCleanPage *self);
void          fw_clean_page_suggest_dispose    (FwCleanPage *self);
void          fw_clean_page_suggest_map        (GtkWidget   *widget);
void          fw_clean_page_suggest_unmap      (GtkWidget   *widget);
/* Recomputes the suggestions (on the worker with a target); the callers hold on to the old
 * ones, already taken out of @self, until the cards are rebound. */
void          fw_clean_page_update_suggested   (FwCleanPage *self);

/* One item per column of the table; the cards are made for the visible ones only. */
GListModel   *fw_clean_page_get_columns       (FwCleanPage *self);
/* The card showing column @index, or NULL when it is not on screen. */
FwColumnCard *fw_clean_page_get_card          (FwCleanPage *self,
                                               guint        index);
/* Whether the leak check behind the suggestions is still running on its worker. */
gboolean      fw_clean_page_is_checking       (FwCleanPage *self);
/* What Apply All would add now (NULL while checking, or without data); borrowed. */
const FwRecipe *fw_clean_page_get_suggested   (FwCleanPage *self);
/* The step list's sentences (GtkStringObjects), in order. */
GListModel   *fw_clean_page_get_steps         (FwCleanPage *self);
/* "cards" or "preview". */
AdwViewStack *fw_clean_page_get_view_stack    (FwCleanPage *self);
/* The cleaned table the preview shows; NULL until the preview has been looked at. */
FwTableModel *fw_clean_page_get_preview_model (FwCleanPage *self);
const char   *fw_clean_page_get_summary       (FwCleanPage *self);

G_END_DECLS
