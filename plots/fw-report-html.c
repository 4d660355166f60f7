/* fw-report-html.c — the model card as one self-contained HTML file
 *
 * Inline CSS that follows the reader's light or dark preference, and every plot inline as
 * SVG, drawn twice (light and dark style) by the same plots/ functions through cairo's SVG
 * surface; CSS shows the one that matches.  Every string from the model, the data or the
 * user is escaped; cairo's SVG carries text as glyph outlines, never as characters, so a
 * column named "<script>" cannot reach the markup through a plot either.  Several SVGs in
 * one document share an id space, so each one's ids get a prefix of their own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include "fw-report-content.h"

static const char style_sheet[] =
  ":root{color-scheme:light dark;--bg:#fff;--fg:#241f31;--muted:#5e5c64;--accent:#1a5fb4;"
  "--rule:#deddda;--shade:#f6f5f4}\n"
  ".dark{display:none}\n"
  "@media (prefers-color-scheme:dark){:root{--bg:#1e1e1e;--fg:#fff;--muted:#c0bfbc;"
  "--accent:#78aeed;--rule:#3d3846;--shade:#2a2a2e}.light{display:none}.dark{display:block}}\n"
  "body{background:var(--bg);color:var(--fg);margin:0;"
  "font:16px/1.5 Cantarell,Inter,system-ui,sans-serif}\n"
  "main{max-width:48rem;margin:0 auto;padding:2rem 1.25rem}\n"
  "header{border-bottom:2px solid var(--accent);margin-bottom:1.5rem;padding-bottom:.5rem}\n"
  "h1{font-size:1.9rem;line-height:1.2;margin:0 0 .25rem}\n"
  ".subtitle{color:var(--muted);margin:0}\n"
  "h2{color:var(--accent);font-size:1.4rem;margin:2.2rem 0 .5rem}\n"
  "h3{font-size:1.1rem;margin:1.6rem 0 .5rem}\n"
  "table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.95rem}\n"
  "th,td{padding:.3rem .5rem;border-bottom:1px solid var(--rule);text-align:left;"
  "vertical-align:top;overflow-wrap:anywhere}\n"
  "thead th{background:var(--shade)}\n"
  "table.facts th{color:var(--muted);font-weight:600;width:28%}\n"
  ".num{text-align:right;font-variant-numeric:tabular-nums}\n"
  ".note{color:var(--muted);font-size:.875rem}\n"
  "figure{margin:1rem 0}\n"
  "figure svg{display:block;max-width:100%;height:auto;margin:0 auto}\n"
  "figcaption{color:var(--muted);font-size:.875rem;margin-top:.25rem}\n"
  "footer{color:var(--muted);font-size:.85rem;border-top:1px solid var(--rule);"
  "margin-top:2.5rem;padding-top:.5rem}\n"
  "@media print{.dark{display:none}.light{display:block}"
  "body{background:#fff;color:#000}figure,tr{break-inside:avoid}h2,h3{break-after:avoid}}\n";

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

/* Appends "<tag class>text</tag>", the text escaped. */
static void
append_element (GString    *out,
                const char *tag,
                const char *attributes,
                const char *text)
{
  g_string_append_printf (out, "<%s%s>", tag, attributes);
  append_escaped (out, text);
  g_string_append_printf (out, "</%s>\n", tag);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* One plot as an SVG element whose ids all start with @prefix. */
static gboolean
append_svg (GString             *out,
            const FwReportBlock *block,
            const FwPlotStyle   *style,
            const char          *prefix,
            GError             **error)
{
  g_autoptr(GString) svg = g_string_new (NULL);
  g_autofree char *id = g_strdup_printf ("id=\"%s-", prefix);
  g_autofree char *href = g_strdup_printf ("href=\"#%s-", prefix);
  g_autofree char *url = g_strdup_printf ("url(#%s-", prefix);
  cairo_surface_t *surface;
  cairo_status_t status;
  const char *start;
  cairo_t *cr;

  surface = cairo_svg_surface_create_for_stream (append_bytes, svg, block->width, block->height);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
  cr = cairo_create (surface);
  fw_color_set_source (cr, &style->background);
  cairo_paint (cr);
  block->draw (cr, block->width, block->height, style, block->plot);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, FW_REPORT_ERROR, FW_REPORT_ERROR_RENDER,
                   _("Could not draw a plot of the report: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  /* The XML prolog has no place inside HTML. */
  start = strstr (svg->str, "<svg");
  if (start == NULL)
    {
      g_set_error_literal (error, FW_REPORT_ERROR, FW_REPORT_ERROR_RENDER,
                           _("Could not draw a plot of the report."));
      return FALSE;
    }
  g_string_erase (svg, 0, start - svg->str);
  g_string_replace (svg, "id=\"", id, 0);
  g_string_replace (svg, "href=\"#", href, 0);
  g_string_replace (svg, "url(#", url, 0);
  g_string_append_len (out, svg->str, svg->len);
  return TRUE;
}

static gboolean
append_plot (GString             *out,
             const FwReportBlock *block,
             guint                index,
             GError             **error)
{
  FwPlotStyle light, dark;
  g_autofree char *light_prefix = g_strdup_printf ("fw%u-l", index);
  g_autofree char *dark_prefix = g_strdup_printf ("fw%u-d", index);
  static const FwColor dark_background = { 0x1e / 255.0, 0x1e / 255.0, 0x1e / 255.0, 1.0 };

  fw_report_plot_style (&light);
  fw_plot_style_init_dark (&dark);
  dark.background = dark_background;
  dark.font_size = light.font_size;
  dark.line_width = light.line_width;

  g_string_append (out, "<figure>\n<div class=\"light\">");
  if (!append_svg (out, block, &light, light_prefix, error))
    return FALSE;
  g_string_append (out, "</div>\n<div class=\"dark\">");
  if (!append_svg (out, block, &dark, dark_prefix, error))
    return FALSE;
  g_string_append (out, "</div>\n");
  if (block->text != NULL)
    append_element (out, "figcaption", "", block->text);
  g_string_append (out, "</figure>\n");
  return TRUE;
}

static void
append_table (GString             *out,
              const FwReportBlock *block)
{
  guint n = block->n_columns, rows = block->cells->len / n;

  g_string_append (out, block->header ? "<table>\n" : "<table class=\"facts\">\n");
  for (guint r = 0; r < rows; r++)
    {
      gboolean head = block->header && r == 0;

      if (head)
        g_string_append (out, "<thead>");
      else if (block->header && r == 1)
        g_string_append (out, "<tbody>");
      g_string_append (out, "<tr>");
      for (guint c = 0; c < n; c++)
        {
          const char *tag = head || (!block->header && c == 0) ? "th" : "td";
          const char *scope = head ? " scope=\"col\"" : !block->header && c == 0
                              ? " scope=\"row\"" : "";
          const char *align = block->right & (1u << c) ? " class=\"num\"" : "";

          g_string_append_printf (out, "<%s%s%s>", tag, scope, align);
          append_escaped (out, g_ptr_array_index (block->cells, r * n + c));
          g_string_append_printf (out, "</%s>", tag);
        }
      g_string_append (out, head ? "</tr></thead>\n" : "</tr>\n");
    }
  g_string_append (out, block->header && rows > 1 ? "</tbody></table>\n" : "</table>\n");
}

GBytes *
fw_report_render_html (const FwReport *report,
                       GError        **error)
{
  g_autoptr(GString) out = g_string_new ("<!DOCTYPE html>\n<html>\n<head>\n"
                                         "<meta charset=\"utf-8\">\n"
                                         "<meta name=\"viewport\" "
                                         "content=\"width=device-width, initial-scale=1\">\n");
  gboolean in_section = FALSE;
  guint n_plots = 0;

  g_string_append_printf (out, "<meta name=\"generator\" content=\"Fairway %s\">\n",
                          PACKAGE_VERSION);
  append_element (out, "title", "", report->title);
  g_string_append_printf (out, "<style>\n%s</style>\n</head>\n<body>\n<main>\n<header>\n",
                          style_sheet);
  append_element (out, "h1", "", report->title);
  append_element (out, "p", " class=\"subtitle\"", report->subtitle);
  g_string_append (out, "</header>\n");

  for (guint i = 0; i < report->blocks->len; i++)
    {
      const FwReportBlock *block = g_ptr_array_index (report->blocks, i);

      switch (block->kind)
        {
        case FW_REPORT_BLOCK_HEADING:
          if (block->level == 1)
            {
              g_string_append (out, in_section ? "</section>\n<section>\n" : "<section>\n");
              in_section = TRUE;
            }
          /* The document's title is the h1. */
          append_element (out, block->level == 1 ? "h2" : "h3", "", block->text);
          break;
        case FW_REPORT_BLOCK_PARAGRAPH:
          append_element (out, "p", "", block->text);
          break;
        case FW_REPORT_BLOCK_NOTE:
          append_element (out, "p", " class=\"note\"", block->text);
          break;
        case FW_REPORT_BLOCK_LIST:
          g_string_append (out, "<ul>\n");
          for (guint j = 0; j < block->cells->len; j++)
            append_element (out, "li", "", g_ptr_array_index (block->cells, j));
          g_string_append (out, "</ul>\n");
          break;
        case FW_REPORT_BLOCK_TABLE:
          append_table (out, block);
          break;
        case FW_REPORT_BLOCK_PLOT:
        default:
          if (!append_plot (out, block, n_plots++, error))
            return NULL;
          break;
        }
    }
  if (in_section)
    g_string_append (out, "</section>\n");
  g_string_append (out, "<footer>");
  append_escaped (out, report->subtitle);
  g_string_append (out, "</footer>\n</main>\n</body>\n</html>\n");
  return g_string_free_to_bytes (g_steal_pointer (&out));
}
