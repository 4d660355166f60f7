/* fw-table-view.c — a virtualised grid showing the rows of a table
 *
 * One GtkColumnViewColumn per table column plus a row number.  Cells are GtkInscriptions,
 * which never ask for a new size when their text changes, so scrolling stays smooth.
 * GTK 4.8 column headers hold only a title, so each column's kind icon is painted into its
 * header by a generated stylesheet (header buttons are matched by position).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-table-view.h"

/* Rows measured to pick each column's starting width. */
#define WIDTH_SAMPLE_ROWS 200
#define MIN_COLUMN_WIDTH  64
#define MAX_COLUMN_WIDTH  320
#define CELL_PADDING      28        /* the cell's and the header's horizontal padding */
#define ICON_ROOM         22        /* the kind icon before a header's title */

struct _FwTableView
{
  GtkWidget       parent_instance;

  GtkWidget      *scroller;
  GtkColumnView  *column_view;

  FwTableModel   *model;
  GtkCssProvider *kind_css;
  char           *css_class;        /* unique to this view, so its stylesheet is too */
  guint           n_shown_columns;
};

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static guint       view_serial;

G_DEFINE_FINAL_TYPE (FwTableView, fw_table_view, GTK_TYPE_WIDGET)

/* Factory data: the table column index, shifted, with bit 0 set for right-aligned numbers. */
#define PACK_COLUMN(index, numeric) GUINT_TO_POINTER (((index) << 1) | ((numeric) ? 1u : 0u))
#define UNPACK_INDEX(data)          (GPOINTER_TO_UINT (data) >> 1)
#define UNPACK_NUMERIC(data)        (GPOINTER_TO_UINT (data) & 1u)

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), UNPACK_NUMERIC (data) ? 1.0f : 0.0f);
  gtk_widget_add_css_class (cell, "fw-cell");
  if (UNPACK_NUMERIC (data))
    gtk_widget_add_css_class (cell, "numeric");
  gtk_list_item_set_child (item, cell);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  FwTableRow *row = gtk_list_item_get_item (item);
  GtkWidget *cell = gtk_list_item_get_child (item);
  char buf[256];

  if (fw_table_model_format_cell (fw_table_row_get_model (row), fw_table_row_get_index (row),
                                  UNPACK_INDEX (data), buf, sizeof buf) != NULL)
    {
      gtk_inscription_set_text (GTK_INSCRIPTION (cell), buf);
      gtk_widget_remove_css_class (cell, "fw-missing");
    }
  else
    {
      /* An em dash, dimmed: visibly "no value", never mistaken for a value. */
      gtk_inscription_set_text (GTK_INSCRIPTION (cell), "—");
      gtk_widget_add_css_class (cell, "fw-missing");
    }
}

static void
setup_row_number (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  data)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 1.0f);
  gtk_widget_add_css_class (cell, "fw-row-number");
  gtk_widget_add_css_class (cell, "numeric");
  gtk_list_item_set_child (item, cell);
}

static void
bind_row_number (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  data)
{
  FwTableRow *row = gtk_list_item_get_item (item);
  char buf[16];

  /* People count rows from 1, and the header line is not a row. */
  g_snprintf (buf, sizeof buf, "%u", fw_table_row_get_index (row) + 1);
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), buf);
}

static int
text_width (FwTableView *self,
            const char  *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* A starting width from the header and the longest of the first rows; the user can resize. */
static int
column_width (FwTableView    *self,
              const FwColumn *column,
              guint           index)
{
  guint n = MIN (fw_table_model_get_n_rows (self->model), WIDTH_SAMPLE_ROWS);
  g_autofree char *longest = NULL;
  glong longest_chars = 0;
  int width;

  for (guint row = 0; row < n; row++)
    {
      char buf[256];
      glong chars;

      if (fw_table_model_format_cell (self->model, row, index, buf, sizeof buf) == NULL)
        continue;
      chars = g_utf8_strlen (buf, -1);
      if (chars > longest_chars)
        {
          longest_chars = chars;
          g_free (longest);
          longest = g_strdup (buf);
        }
    }

  width = text_width (self, column->name) + ICON_ROOM;
  if (longest != NULL)
    width = MAX (width, text_width (self, longest));
  /* Header titles are bold: leave them a little more room than the measure says. */
  width = width * 11 / 10 + CELL_PADDING;
  return CLAMP (width, MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH);
}

static void
remove_columns (FwTableView *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  for (guint n = g_list_model_get_n_items (columns); n > 0; n--)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, n - 1);

      gtk_column_view_remove_column (self->column_view, column);
    }
}

static GtkColumnViewColumn *
make_column (const char *title,
             GCallback   setup,
             GCallback   bind,
             gpointer    data)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, data);
  g_signal_connect (factory, "bind", bind, data);
  /* The column takes the factory's only reference. */
  return gtk_column_view_column_new (title, factory);
}

static void
update_kind_css (FwTableView *self,
                 GString     *css)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));

  if (self->kind_css == NULL)
    {
      self->kind_css = gtk_css_provider_new ();
      gtk_style_context_add_provider_for_display (display,
                                                  GTK_STYLE_PROVIDER (self->kind_css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }
  gtk_css_provider_load_from_data (self->kind_css, css->str, css->len);
}

static void
build_columns (FwTableView *self)
{
  const FwTable *table = fw_table_model_get_table (self->model);
  g_autoptr(GString) css = g_string_new (NULL);
  g_autoptr(GtkColumnViewColumn) number = NULL;
  char digits[32];

  number = make_column (NULL, G_CALLBACK (setup_row_number), G_CALLBACK (bind_row_number),
                        NULL);
  g_snprintf (digits, sizeof digits, "%u", fw_table_model_get_n_rows (self->model));
  gtk_column_view_column_set_fixed_width (number, text_width (self, digits) + CELL_PADDING);
  gtk_column_view_append_column (self->column_view, number);

  self->n_shown_columns = MIN (fw_table_n_columns (table), FW_TABLE_VIEW_MAX_COLUMNS);
  for (guint i = 0; i < self->n_shown_columns; i++)
    {
      const FwColumn *col = fw_table_column (table, i);
      g_autoptr(GtkColumnViewColumn) column = NULL;

      column = make_column (col->name, G_CALLBACK (setup_cell), G_CALLBACK (bind_cell),
                            PACK_COLUMN (i, col->kind == FW_KIND_NUMERIC));
      gtk_column_view_column_set_fixed_width (column, column_width (self, col, i));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);

      /* Header buttons count from 1, and the row number comes first. */
      g_string_append_printf (css,
                              "columnview.%s > header > button:nth-child(%u) "
                              "{ background-image: -gtk-icontheme(\"%s\"); }\n",
                              self->css_class, i + 2, fw_kind_icon_name (col->kind));
    }
  update_kind_css (self, css);
}

static void
fw_table_view_dispose (GObject *object)
{
  FwTableView *self = FW_TABLE_VIEW (object);

  if (self->kind_css != NULL)
    {
      gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                     GTK_STYLE_PROVIDER (self->kind_css));
      g_clear_object (&self->kind_css);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_TABLE_VIEW);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (fw_table_view_parent_class)->dispose (object);
}

static void
fw_table_view_finalize (GObject *object)
{
  FwTableView *self = FW_TABLE_VIEW (object);

  g_free (self->css_class);

  G_OBJECT_CLASS (fw_table_view_parent_class)->finalize (object);
}

static void
fw_table_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FwTableView *self = FW_TABLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_table_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  FwTableView *self = FW_TABLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      fw_table_view_set_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_table_view_class_init (FwTableViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fw_table_view_dispose;
  object_class->finalize = fw_table_view_finalize;
  object_class->get_property = fw_table_view_get_property;
  object_class->set_property = fw_table_view_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         FW_TYPE_TABLE_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/FairwayML/Fairway/ui/fw-table-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FwTableView, scroller);
  gtk_widget_class_bind_template_child (widget_class, FwTableView, column_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fw-table-view");
}

static void
fw_table_view_init (FwTableView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->css_class = g_strdup_printf ("fw-table-view-%u", ++view_serial);
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), self->css_class);
}

GtkWidget *
fw_table_view_new (void)
{
  return g_object_new (FW_TYPE_TABLE_VIEW, NULL);
}

FwTableModel *
fw_table_view_get_model (FwTableView *self)
{
  g_return_val_if_fail (FW_IS_TABLE_VIEW (self), NULL);
  return self->model;
}

void
fw_table_view_set_model (FwTableView  *self,
                         FwTableModel *model)
{
  g_return_if_fail (FW_IS_TABLE_VIEW (self));
  g_return_if_fail (!model || FW_IS_TABLE_MODEL (model));

  if (!g_set_object (&self->model, model))
    return;

  /* Columns first, so no old cell binds to a row of the new table. */
  remove_columns (self);
  self->n_shown_columns = 0;
  if (model != NULL)
    {
      g_autoptr(GtkNoSelection) selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (model)));

      gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
      build_columns (self);
    }
  else
    gtk_column_view_set_model (self->column_view, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

GtkColumnView *
fw_table_view_get_column_view (FwTableView *self)
{
  g_return_val_if_fail (FW_IS_TABLE_VIEW (self), NULL);
  return self->column_view;
}

guint
fw_table_view_get_n_shown_columns (FwTableView *self)
{
  g_return_val_if_fail (FW_IS_TABLE_VIEW (self), 0);
  return self->n_shown_columns;
}
