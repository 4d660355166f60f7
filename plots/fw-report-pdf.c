/* fw-report-pdf.c — the model card as A4 PDF pages
 *
 * Pango sets the text (wrapped, unhinted, at 72 per inch so a point is a point) and the
 * plots/ draw functions the figures, on a cairo PDF surface.  Layout runs twice over the
 * same code: once on a surface that writes nowhere, to count the pages for the "Page N of
 * M" footers, then for real.  A heading moves to the next page with the start of what
 * follows it; table rows, list items and plots never break; a table's header row repeats
 * on the next page.  Always the light style: paper is white.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include "fw-report-content.h"

#define PAGE_WIDTH   595.0      /* A4 in points */
#define PAGE_HEIGHT  842.0
#define MARGIN_X     56.0
#define MARGIN_TOP   56.0
#define MARGIN_BOTTOM 64.0
#define CONTENT_WIDTH (PAGE_WIDTH - 2 * MARGIN_X)
#define PAGE_BOTTOM  (PAGE_HEIGHT - MARGIN_BOTTOM)
#define CELL_PAD     4.0
#define BULLET_INDENT 14.0
#define MAX_TABLE_COLUMNS 8

/* Type sizes in points: a clear step between each level. */
#define SIZE_TITLE   20.0
#define SIZE_H1      14.0
#define SIZE_H2      11.5
#define SIZE_BODY    9.5
#define SIZE_SMALL   8.0

typedef struct
{
  cairo_t        *cr;
  gboolean        draw;         /* FALSE: the pass that only counts pages */
  double          y;
  guint           page, n_pages;
  const FwReport *report;
  FwPlotStyle     style;
  cairo_surface_t *surface;
  int             outline;      /* the current section's outline entry */
} Pdf;

static const FwColor ink = { 0.14, 0.12, 0.19, 1.0 };          /* #241F31 */
static const FwColor muted = { 0.37, 0.36, 0.39, 1.0 };        /* #5E5C64 */
static const FwColor accent = { 0.10, 0.37, 0.71, 1.0 };       /* #1A5FB4 */
static const FwColor rule = { 0.80, 0.80, 0.80, 1.0 };
static const FwColor shade = { 0.95, 0.95, 0.96, 1.0 };

static PangoLayout *
text_layout (Pdf        *pdf,
             const char *text,
             double      size,
             gboolean    bold,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (pdf->cr);
  PangoContext *context = pango_layout_get_context (layout);
  cairo_font_options_t *options = cairo_font_options_create ();
  PangoFontDescription *font = pango_font_description_from_string (pdf->style.font_family);

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72.0);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE + 0.5));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static double
layout_natural_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

static void
show_layout (Pdf           *pdf,
             PangoLayout   *layout,
             double         x,
             double         y,
             const FwColor *color)
{
  if (!pdf->draw)
    return;
  cairo_move_to (pdf->cr, x, y);
  fw_color_set_source (pdf->cr, color);
  pango_cairo_show_layout (pdf->cr, layout);
}

static void
draw_footer (Pdf *pdf)
{
  g_autofree char *number = NULL;
  PangoLayout *left, *right;
  double y = PAGE_HEIGHT - MARGIN_BOTTOM + 24;

  if (!pdf->draw)
    return;
  number = g_strdup_printf (_("Page %u of %u"), pdf->page, pdf->n_pages);
  right = text_layout (pdf, number, SIZE_SMALL, FALSE, CONTENT_WIDTH);
  pango_layout_set_alignment (right, PANGO_ALIGN_RIGHT);
  left = text_layout (pdf, pdf->report->title, SIZE_SMALL, FALSE, CONTENT_WIDTH * 0.7);
  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
  fw_color_set_source (pdf->cr, &rule);
  cairo_rectangle (pdf->cr, MARGIN_X, y - 6, CONTENT_WIDTH, 0.5);
  cairo_fill (pdf->cr);
  show_layout (pdf, left, MARGIN_X, y, &muted);
  show_layout (pdf, right, MARGIN_X, y, &muted);
  g_object_unref (left);
  g_object_unref (right);
}

static void
next_page (Pdf *pdf)
{
  draw_footer (pdf);
  if (pdf->draw)
    cairo_show_page (pdf->cr);
  pdf->page++;
  pdf->y = MARGIN_TOP;
}

/* Starts a new page unless @height fits below the cursor (or the page is still empty:
 * something taller than a page goes on one of its own and runs off its bottom). */
static void
make_room (Pdf    *pdf,
           double  height)
{
  if (pdf->y + height > PAGE_BOTTOM && pdf->y > MARGIN_TOP)
    next_page (pdf);
}

/* A paragraph, broken between lines where the page ends. */
static void
paragraph (Pdf           *pdf,
           PangoLayout   *layout,
           double         x,
           const FwColor *color)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double origin = pdf->y, end = pdf->y;

  do
    {
      PangoRectangle logical;
      double top, height;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = (double) logical.y / PANGO_SCALE;
      height = (double) logical.height / PANGO_SCALE;
      /* Lines keep their offsets from the paragraph's top; a new page moves the origin. */
      if (origin + top + height > PAGE_BOTTOM && origin + top > MARGIN_TOP)
        {
          next_page (pdf);
          origin = MARGIN_TOP - top;
        }
      if (pdf->draw)
        {
          cairo_move_to (pdf->cr, x + (double) logical.x / PANGO_SCALE,
                         origin + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE);
          fw_color_set_source (pdf->cr, color);
          pango_cairo_show_layout_line (pdf->cr, pango_layout_iter_get_line_readonly (iter));
        }
      end = origin + top + height;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  pdf->y = end;
}

static double
heading_size (const FwReportBlock *block)
{
  return block->level == 1 ? SIZE_H1 : SIZE_H2;
}

/* Column widths: each column's natural width when they all fit; otherwise the narrow ones
 * keep theirs and the rest share what is left equally. */
static void
table_widths (Pdf                 *pdf,
              const FwReportBlock *block,
              double              *widths)
{
  guint n = block->n_columns, rows = block->cells->len / n, n_wide;
  double natural[MAX_TABLE_COLUMNS] = { 0 }, total = 0, left, share;
  gboolean fixed[MAX_TABLE_COLUMNS] = { FALSE }, changed = TRUE;

  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < n; c++)
      {
        gboolean bold = block->header ? r == 0 : c == 0;
        PangoLayout *layout = text_layout (pdf, g_ptr_array_index (block->cells, r * n + c),
                                           SIZE_BODY, bold, -1);

        natural[c] = MAX (natural[c], layout_natural_width (layout) + 2 * CELL_PAD + 1);
        g_object_unref (layout);
      }
  for (guint c = 0; c < n; c++)
    total += natural[c];
  if (total <= CONTENT_WIDTH)
    {
      /* Figures spread over the width; a label–value table gives the rest to the values. */
      for (guint c = 0; c < n; c++)
        widths[c] = block->header ? natural[c] + (CONTENT_WIDTH - total) / n : natural[c];
      if (!block->header)
        widths[n - 1] += CONTENT_WIDTH - total;
      return;
    }
  left = CONTENT_WIDTH;
  n_wide = n;
  while (changed && n_wide > 0)
    {
      changed = FALSE;
      share = left / n_wide;
      for (guint c = 0; c < n; c++)
        if (!fixed[c] && natural[c] <= share)
          {
            fixed[c] = TRUE;
            widths[c] = natural[c];
            left -= natural[c];
            n_wide--;
            changed = TRUE;
          }
    }
  for (guint c = 0; c < n; c++)
    if (!fixed[c])
      widths[c] = left / n_wide;
}

/* Row @r's cells laid out at @widths, and the row's height. */
static double
table_row (Pdf                 *pdf,
           const FwReportBlock *block,
           const double        *widths,
           guint                r,
           PangoLayout        **layouts)
{
  guint n = block->n_columns;
  double height = 0;

  for (guint c = 0; c < n; c++)
    {
      gboolean bold = block->header && r == 0;

      layouts[c] = text_layout (pdf, g_ptr_array_index (block->cells, r * n + c), SIZE_BODY, bold,
                                widths[c] - 2 * CELL_PAD);
      if (block->right & (1u << c))
        pango_layout_set_alignment (layouts[c], PANGO_ALIGN_RIGHT);
      height = MAX (height, layout_height (layouts[c]));
    }
  return height + 2 * CELL_PAD;
}

static void
draw_row (Pdf                 *pdf,
          const FwReportBlock *block,
          const double        *widths,
          guint                r,
          PangoLayout        **layouts,
          double               height)
{
  double x = MARGIN_X;

  if (pdf->draw && block->header && r == 0)
    {
      fw_color_set_source (pdf->cr, &shade);
      cairo_rectangle (pdf->cr, MARGIN_X, pdf->y, CONTENT_WIDTH, height);
      cairo_fill (pdf->cr);
    }
  for (guint c = 0; c < block->n_columns; c++)
    {
      const FwColor *color = !block->header && c == 0 ? &muted : &ink;

      show_layout (pdf, layouts[c], x + CELL_PAD, pdf->y + CELL_PAD, color);
      x += widths[c];
    }
  if (pdf->draw)
    {
      fw_color_set_source (pdf->cr, &rule);
      cairo_rectangle (pdf->cr, MARGIN_X, pdf->y + height - 0.5, CONTENT_WIDTH, 0.5);
      cairo_fill (pdf->cr);
    }
  pdf->y += height;
}

static void
table (Pdf                 *pdf,
       const FwReportBlock *block)
{
  double widths[MAX_TABLE_COLUMNS];
  PangoLayout *header[MAX_TABLE_COLUMNS], *layouts[MAX_TABLE_COLUMNS];
  guint n = block->n_columns, rows = block->cells->len / n;
  double header_height = 0;

  g_assert (n <= MAX_TABLE_COLUMNS);
  table_widths (pdf, block, widths);
  if (block->header)
    header_height = table_row (pdf, block, widths, 0, header);
  for (guint r = block->header ? 1 : 0; r < rows; r++)
    {
      double height = table_row (pdf, block, widths, r, layouts);

      /* The header goes with the first row, and again at the top of each new page. */
      if (pdf->y + height + (r == 1 ? header_height : 0) > PAGE_BOTTOM && pdf->y > MARGIN_TOP)
        {
          next_page (pdf);
          if (block->header && r > 1)
            draw_row (pdf, block, widths, 0, header, header_height);
        }
      if (block->header && r == 1)
        draw_row (pdf, block, widths, 0, header, header_height);
      draw_row (pdf, block, widths, r, layouts, height);
      for (guint c = 0; c < n; c++)
        g_object_unref (layouts[c]);
    }
  for (guint c = 0; block->header && c < n; c++)
    g_object_unref (header[c]);
}

static double
plot_width (const FwReportBlock *block)
{
  return MIN (block->width, CONTENT_WIDTH);
}

static double
plot_height (const FwReportBlock *block)
{
  return block->height * plot_width (block) / block->width;
}

static void
plot (Pdf                 *pdf,
      const FwReportBlock *block)
{
  double width = plot_width (block), height = plot_height (block);
  double x = MARGIN_X + (CONTENT_WIDTH - width) / 2;
  PangoLayout *caption = text_layout (pdf, block->text != NULL ? block->text : "", SIZE_SMALL,
                                      FALSE, CONTENT_WIDTH);

  make_room (pdf, height + 4 + layout_height (caption));
  if (pdf->draw)
    {
      cairo_save (pdf->cr);
      cairo_translate (pdf->cr, x, pdf->y);
      cairo_rectangle (pdf->cr, 0, 0, width, height);
      cairo_clip (pdf->cr);
      block->draw (pdf->cr, width, height, &pdf->style, block->plot);
      cairo_restore (pdf->cr);
    }
  pdf->y += height + 4;
  show_layout (pdf, caption, MARGIN_X, pdf->y, &muted);
  pdf->y += layout_height (caption);
  g_object_unref (caption);
}

/* How much of @block must fit below a heading for the heading to stay on this page: the
 * first two lines, the first row, the first item, or the whole plot. */
static double
first_part_height (Pdf                 *pdf,
                   const FwReportBlock *block)
{
  PangoLayout *layouts[MAX_TABLE_COLUMNS];
  PangoLayout *layout;
  double height = 0, widths[MAX_TABLE_COLUMNS];

  switch (block->kind)
    {
    case FW_REPORT_BLOCK_HEADING:
      layout = text_layout (pdf, block->text, heading_size (block), TRUE, CONTENT_WIDTH);
      height = layout_height (layout) + 16;
      g_object_unref (layout);
      return height;
    case FW_REPORT_BLOCK_PARAGRAPH:
    case FW_REPORT_BLOCK_NOTE:
    case FW_REPORT_BLOCK_LIST:
      layout = text_layout (pdf, block->kind == FW_REPORT_BLOCK_LIST
                                 ? g_ptr_array_index (block->cells, 0) : block->text,
                            SIZE_BODY, FALSE, CONTENT_WIDTH - BULLET_INDENT);
      height = MIN (layout_height (layout), 2.6 * SIZE_BODY);
      g_object_unref (layout);
      return height;
    case FW_REPORT_BLOCK_TABLE:
      table_widths (pdf, block, widths);
      for (guint r = 0; r < MIN (block->header ? 2u : 1u, block->cells->len / block->n_columns);
           r++)
        {
          height += table_row (pdf, block, widths, r, layouts);
          for (guint c = 0; c < block->n_columns; c++)
            g_object_unref (layouts[c]);
        }
      return height;
    case FW_REPORT_BLOCK_PLOT:
    default:
      return plot_height (block) + 30;
    }
}

static void
heading (Pdf                 *pdf,
         const FwReportBlock *block,
         const FwReportBlock *next)
{
  PangoLayout *layout = text_layout (pdf, block->text, heading_size (block), TRUE,
                                     CONTENT_WIDTH);
  double space = block->level == 1 ? 14 : 8, height = layout_height (layout);

  make_room (pdf, space + height + 6 + (next != NULL ? first_part_height (pdf, next) : 0));
  if (pdf->y > MARGIN_TOP)
    pdf->y += space;
  if (pdf->draw && block->level == 1)
    {
      g_autofree char *link = g_strdup_printf ("page=%u pos=[%g %g]", pdf->page, MARGIN_X,
                                               pdf->y);

      pdf->outline = cairo_pdf_surface_add_outline (pdf->surface, CAIRO_PDF_OUTLINE_ROOT,
                                                    block->text, link, 0);
    }
  else if (pdf->draw)
    {
      g_autofree char *link = g_strdup_printf ("page=%u pos=[%g %g]", pdf->page, MARGIN_X,
                                               pdf->y);

      cairo_pdf_surface_add_outline (pdf->surface, pdf->outline, block->text, link, 0);
    }
  show_layout (pdf, layout, MARGIN_X, pdf->y, block->level == 1 ? &accent : &ink);
  pdf->y += height + (block->level == 1 ? 6 : 4);
  g_object_unref (layout);
}

static void
list (Pdf                 *pdf,
      const FwReportBlock *block)
{
  for (guint i = 0; i < block->cells->len; i++)
    {
      PangoLayout *bullet = text_layout (pdf, "•", SIZE_BODY, FALSE, BULLET_INDENT);
      PangoLayout *item = text_layout (pdf, g_ptr_array_index (block->cells, i), SIZE_BODY,
                                       FALSE, CONTENT_WIDTH - BULLET_INDENT);

      /* An item starts where at least two of its lines fit. */
      make_room (pdf, MIN (layout_height (item), 2.6 * SIZE_BODY));
      show_layout (pdf, bullet, MARGIN_X + 3, pdf->y, &ink);
      paragraph (pdf, item, MARGIN_X + BULLET_INDENT, &ink);
      pdf->y += 3;
      g_object_unref (bullet);
      g_object_unref (item);
    }
}

static void
title (Pdf *pdf)
{
  PangoLayout *layout = text_layout (pdf, pdf->report->title, SIZE_TITLE, TRUE, CONTENT_WIDTH);

  show_layout (pdf, layout, MARGIN_X, pdf->y, &ink);
  pdf->y += layout_height (layout) + 4;
  g_object_unref (layout);
  layout = text_layout (pdf, pdf->report->subtitle, SIZE_H2, FALSE, CONTENT_WIDTH);
  show_layout (pdf, layout, MARGIN_X, pdf->y, &muted);
  pdf->y += layout_height (layout) + 8;
  g_object_unref (layout);
  if (pdf->draw)
    {
      fw_color_set_source (pdf->cr, &accent);
      cairo_rectangle (pdf->cr, MARGIN_X, pdf->y, CONTENT_WIDTH, 1.5);
      cairo_fill (pdf->cr);
    }
  pdf->y += 6;
}

static void
lay_out (Pdf *pdf)
{
  GPtrArray *blocks = pdf->report->blocks;

  pdf->page = 1;
  pdf->y = MARGIN_TOP;
  if (pdf->draw)
    {
      fw_color_set_source (pdf->cr, &pdf->style.background);
      cairo_paint (pdf->cr);
    }
  title (pdf);
  for (guint i = 0; i < blocks->len; i++)
    {
      const FwReportBlock *block = g_ptr_array_index (blocks, i);
      const FwReportBlock *next = i + 1 < blocks->len ? g_ptr_array_index (blocks, i + 1) : NULL;
      PangoLayout *layout;

      switch (block->kind)
        {
        case FW_REPORT_BLOCK_HEADING:
          heading (pdf, block, next);
          continue;
        case FW_REPORT_BLOCK_PARAGRAPH:
        case FW_REPORT_BLOCK_NOTE:
          layout = text_layout (pdf, block->text,
                                block->kind == FW_REPORT_BLOCK_NOTE ? SIZE_SMALL : SIZE_BODY,
                                FALSE, CONTENT_WIDTH);
          paragraph (pdf, layout, MARGIN_X,
                     block->kind == FW_REPORT_BLOCK_NOTE ? &muted : &ink);
          g_object_unref (layout);
          break;
        case FW_REPORT_BLOCK_LIST:
          list (pdf, block);
          break;
        case FW_REPORT_BLOCK_TABLE:
          table (pdf, block);
          break;
        case FW_REPORT_BLOCK_PLOT:
        default:
          plot (pdf, block);
          break;
        }
      pdf->y += 8;
    }
  draw_footer (pdf);
}

static cairo_status_t
discard (void                *closure,
         const unsigned char *data,
         unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
append (void                *closure,
        const unsigned char *data,
        unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* One pass over a fresh surface; its status. */
static cairo_status_t
run_pass (Pdf                *pdf,
          cairo_write_func_t  write,
          gpointer            closure,
          gint64              now)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (now);
  g_autofree char *iso = date != NULL ? g_date_time_format (date, "%Y-%m-%dT%H:%M:%SZ") : NULL;
  g_autofree char *creator = g_strdup_printf ("Fairway %s", PACKAGE_VERSION);
  cairo_status_t status;

  pdf->surface = cairo_pdf_surface_create_for_stream (write, closure, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_TITLE, pdf->report->title);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_SUBJECT,
                                  pdf->report->subtitle);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_CREATOR, creator);
  if (iso != NULL)
    cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_CREATE_DATE, iso);
  pdf->cr = cairo_create (pdf->surface);
  lay_out (pdf);
  status = cairo_status (pdf->cr);
  cairo_destroy (pdf->cr);
  pdf->cr = NULL;
  cairo_surface_finish (pdf->surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (pdf->surface);
  cairo_surface_destroy (pdf->surface);
  pdf->surface = NULL;
  return status;
}

GBytes *
fw_report_render_pdf (const FwReport *report,
                      gint64          now,
                      GError        **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  Pdf pdf = { .report = report };
  cairo_status_t status;

  fw_report_plot_style (&pdf.style);
  status = run_pass (&pdf, discard, NULL, now);
  pdf.n_pages = pdf.page;
  pdf.draw = TRUE;
  if (status == CAIRO_STATUS_SUCCESS)
    status = run_pass (&pdf, append, bytes, now);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, FW_REPORT_ERROR, FW_REPORT_ERROR_RENDER,
                   _("Could not lay the report out: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
