/* fw-plot-histogram.c — a column's distribution, full size
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <glib/gi18n-lib.h>
#include "fw-plot-histogram.h"
#include "fw-plot-ranked-private.h"

#define MAX_MARKER_ROWS 3       /* label rows above the bars before labels are dropped */
#define LABEL_SCALE     0.85

typedef struct
{
  guint    index;               /* into the caller's markers */
  double   x, centre, width;    /* the line, and the label's centre and width */
  guint    row;
  gboolean labelled;
} Placed;

static guint
peak_count (const FwPlotHistogram *histogram)
{
  guint peak = 0;

  for (guint i = 0; histogram->counts != NULL && i < histogram->n_bins; i++)
    peak = MAX (peak, histogram->counts[i]);
  return peak;
}

static gboolean
has_bins (const FwPlotHistogram *histogram)
{
  return histogram->counts != NULL && histogram->n_bins > 0 && isfinite (histogram->lo)
         && isfinite (histogram->hi) && histogram->hi >= histogram->lo;
}

static void
fill_histogram_spec (const FwPlotHistogram *histogram,
                     FwAxesSpec            *spec)
{
  *spec = (FwAxesSpec) {
    .title = histogram->title,
    .x_label = histogram->x_label,
    .y_label = _("Rows"),
    .x_format = histogram->x_format,
    .y_format = FW_TICK_FORMAT_SI,
    .x_min = has_bins (histogram) ? histogram->lo : 0,
    .x_max = has_bins (histogram) ? histogram->hi : 1,
    .y_min = 0,
    .y_max = MAX (1, peak_count (histogram)),
  };
}

static int
compare_placed (gconstpointer a,
                gconstpointer b)
{
  const Placed *pa = a, *pb = b;

  return (pa->x > pb->x) - (pa->x < pb->x);
}

/* Labels go left to right into the first row where they clear the one before; returns the
 * markers inside the x range, sorted, and how many rows their labels take. */
static Placed *
place_markers (cairo_t               *cr,
               const FwPlotStyle     *style,
               const FwPlotHistogram *histogram,
               const FwPlotFrame     *frame,
               guint                 *n_placed,
               guint                 *n_rows)
{
  Placed *placed = g_new0 (Placed, MAX (1, histogram->n_markers));
  double row_end[MAX_MARKER_ROWS], gap = style->font_size;
  double right = frame->left + frame->width;

  *n_placed = *n_rows = 0;
  for (guint i = 0; histogram->markers != NULL && i < histogram->n_markers; i++)
    {
      double x = fw_plot_frame_x (frame, histogram->markers[i].value);

      if (isfinite (x) && x >= frame->left - 0.5 && x <= right + 0.5)
        placed[(*n_placed)++] = (Placed) { .index = i, .x = x };
    }
  qsort (placed, *n_placed, sizeof *placed, compare_placed);

  for (guint r = 0; r < MAX_MARKER_ROWS; r++)
    row_end[r] = -INFINITY;
  for (guint i = 0; i < *n_placed; i++)
    {
      const char *label = histogram->markers[placed[i].index].label;
      double w, h, left;

      if (label == NULL || *label == '\0')
        continue;
      fw_plot_text_size (cr, style, label, LABEL_SCALE, FALSE, &w, &h);
      if (w > frame->width)
        continue;
      placed[i].width = w;
      placed[i].centre = CLAMP (placed[i].x, frame->left + w / 2 + 2, right - w / 2 - 2);
      left = placed[i].centre - w / 2;
      for (guint r = 0; r < MAX_MARKER_ROWS; r++)
        if (left >= row_end[r] + gap)
          {
            placed[i].row = r;
            placed[i].labelled = TRUE;
            row_end[r] = left + w;
            *n_rows = MAX (*n_rows, r + 1);
            break;
          }
    }
  return placed;
}

static double
label_row_height (cairo_t           *cr,
                  const FwPlotStyle *style)
{
  double h;

  fw_plot_text_size (cr, style, "0", LABEL_SCALE, FALSE, NULL, &h);
  return h + 2;
}

/* Raises y_max until the tallest bar stays clear of the marker labels. */
static void
make_room_for_labels (cairo_t               *cr,
                      double                 width,
                      double                 height,
                      const FwPlotStyle     *style,
                      const FwPlotHistogram *histogram,
                      FwAxesSpec            *spec)
{
  FwPlotFrame frame;
  g_autofree Placed *placed = NULL;
  guint n_placed, n_rows, peak = peak_count (histogram);
  double room;

  if (histogram->n_markers == 0 || histogram->markers == NULL || peak == 0)
    return;
  fw_plot_frame_layout (width, height, style, spec, &frame);
  if (frame.width <= 0 || frame.height <= 0)
    return;
  placed = place_markers (cr, style, histogram, &frame, &n_placed, &n_rows);
  room = n_rows * label_row_height (cr, style) + 4;
  if (n_rows == 0 || room >= frame.height / 2)
    return;
  spec->y_max = MAX (spec->y_max, peak * frame.height / (frame.height - room));
}

static void
lay_out_histogram (cairo_t               *cr,
                   double                 width,
                   double                 height,
                   const FwPlotStyle     *style,
                   const FwPlotHistogram *histogram,
                   FwAxesSpec            *spec)
{
  fill_histogram_spec (histogram, spec);
  if (has_bins (histogram))
    make_room_for_labels (cr, width, height, style, histogram, spec);
}

gboolean
fw_plot_histogram_layout (double                 width,
                          double                 height,
                          const FwPlotStyle     *style,
                          const FwPlotHistogram *histogram,
                          FwPlotFrame           *frame)
{
  cairo_t *cr;
  FwAxesSpec spec;

  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (histogram != NULL, FALSE);
  g_return_val_if_fail (frame != NULL, FALSE);

  if (!(width > 0 && height > 0))
    return FALSE;
  cr = fw_plot_scratch_new ();
  lay_out_histogram (cr, width, height, style, histogram, &spec);
  cairo_destroy (cr);
  fw_plot_frame_layout (width, height, style, &spec, frame);
  return TRUE;
}

static void
draw_bins (cairo_t               *cr,
           const FwPlotStyle     *style,
           const FwPlotHistogram *histogram,
           const FwPlotFrame     *frame)
{
  double hair = fw_plot_hairline (cr);
  double base = fw_plot_snap_y (cr, frame->top + frame->height, FALSE);
  double span = histogram->hi - histogram->lo, bin_w;
  gboolean gaps;

  /* A constant column: one bar, a twelfth of the axis wide, on its value. */
  bin_w = span > 0 ? frame->width * span / (frame->x_max - frame->x_min) / histogram->n_bins
                   : frame->width / 12;
  gaps = bin_w >= 4 * hair;
  fw_color_set_source (cr, &style->series[0]);
  for (guint i = 0; i < histogram->n_bins; i++)
    {
      double x0, x1, top;

      if (histogram->counts[i] == 0)
        continue;
      if (span > 0)
        {
          x0 = fw_plot_frame_x (frame, histogram->lo + span * i / histogram->n_bins);
          x1 = fw_plot_frame_x (frame, histogram->lo + span * (i + 1) / histogram->n_bins);
        }
      else
        {
          x0 = fw_plot_frame_x (frame, histogram->lo) - bin_w / 2;
          x1 = x0 + bin_w;
        }
      x0 = fw_plot_snap_x (cr, x0, FALSE);
      x1 = MAX (fw_plot_snap_x (cr, x1, FALSE) - (gaps ? hair : 0), x0 + hair);
      /* A bin with any rows is at least a pixel tall, so it never reads as empty. */
      top = MIN (fw_plot_snap_y (cr, fw_plot_frame_y (frame, histogram->counts[i]), FALSE),
                 base - hair);
      cairo_rectangle (cr, x0, top, x1 - x0, base - top);
    }
  cairo_fill (cr);
}

static void
draw_markers (cairo_t               *cr,
              const FwPlotStyle     *style,
              const FwPlotHistogram *histogram,
              const FwPlotFrame     *frame)
{
  g_autofree Placed *placed = NULL;
  guint n_placed, n_rows;
  double hair = fw_plot_hairline (cr), row_h = label_row_height (cr, style);
  double bottom = frame->top + frame->height;
  FwColor line = style->foreground;

  placed = place_markers (cr, style, histogram, frame, &n_placed, &n_rows);
  line.alpha = 0.75;
  cairo_save (cr);
  fw_color_set_source (cr, &line);
  cairo_set_line_width (cr, hair);
  fw_plot_set_dashed (cr, style);
  for (guint i = 0; i < n_placed; i++)
    {
      double x = fw_plot_snap_x (cr, placed[i].x, TRUE);
      /* Lines stop under their own label and run behind the rows above none. */
      double top = placed[i].labelled ? frame->top + 2 + (placed[i].row + 1) * row_h
                                      : frame->top;

      cairo_move_to (cr, x, bottom);
      cairo_line_to (cr, x, top);
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  for (guint i = 0; i < n_placed; i++)
    if (placed[i].labelled)
      {
        double cy = frame->top + 2 + (placed[i].row + 0.5) * row_h;

        /* Over the neighbours' lines, not through them. */
        fw_color_set_source (cr, &style->background);
        cairo_rectangle (cr, placed[i].centre - placed[i].width / 2 - 2, cy - row_h / 2,
                         placed[i].width + 4, row_h);
        cairo_fill (cr);
        fw_plot_text (cr, style, histogram->markers[placed[i].index].label, placed[i].centre, cy,
                      FW_TEXT_ANCHOR_MIDDLE, LABEL_SCALE, FALSE, &style->foreground);
      }
}

void
fw_plot_histogram_draw (cairo_t           *cr,
                        double             width,
                        double             height,
                        const FwPlotStyle *style,
                        gconstpointer      data)
{
  const FwPlotHistogram *histogram = data;
  FwAxesSpec spec;
  FwPlotFrame frame;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (histogram != NULL);

  if (!(width > 0 && height > 0))
    return;
  lay_out_histogram (cr, width, height, style, histogram, &spec);
  cairo_save (cr);
  fw_plot_frame_draw (cr, width, height, style, &spec, &frame);
  if (has_bins (histogram) && frame.width > 0 && frame.height > 0)
    {
      fw_plot_frame_clip (cr, &frame);
      draw_bins (cr, style, histogram, &frame);
      draw_markers (cr, style, histogram, &frame);
      cairo_restore (cr);
    }
  cairo_restore (cr);
}

/* ---- Category counts -------------------------------------------------------------- */

typedef struct
{
  const char **labels;          /* row → value, "Other" last */
  guint        n_rows;
  FwAxesSpec   spec;
} Ranked;

static gsize
row_count (const FwPlotCategoryCounts *counts,
           guint                       row)
{
  return row < counts->n_top ? counts->top[row].count : counts->other;
}

static char *
count_text (gsize count)
{
  char buf[64];
  double step;

  if (count < 10000)
    return g_strdup_printf ("%" G_GSIZE_FORMAT, count);
  /* Three significant digits: 12.3k, 456k, 1.2M. */
  step = pow (10, floor (log10 ((double) count)) - 2);
  return g_strdup (fw_tick_format ((double) count, step, FW_TICK_FORMAT_SI, buf, sizeof buf));
}

/* Widens the x range until every count fits after its bar. */
static void
make_room_for_counts (cairo_t                    *cr,
                      double                      width,
                      double                      height,
                      const FwPlotStyle          *style,
                      const FwPlotCategoryCounts *counts,
                      Ranked                     *ranked)
{
  FwPlotFrame frame;
  double lo, hi;

  fw_plot_frame_layout (width, height, style, &ranked->spec, &frame);
  if (frame.width <= 0 || frame.x_max <= frame.x_min)
    return;
  lo = frame.x_min;
  hi = frame.x_max;
  for (guint r = 0; r < ranked->n_rows; r++)
    {
      gsize count = row_count (counts, r);
      g_autofree char *text = count_text (count);

      fw_plot_ranked_make_room (cr, style, &frame, text, (double) count, &lo, &hi);
    }
  ranked->spec.x_max = hi;
}

static void
ranked_init (Ranked                     *ranked,
             cairo_t                    *cr,
             double                      width,
             double                      height,
             const FwPlotStyle          *style,
             const FwPlotCategoryCounts *counts)
{
  guint n_top = counts->top != NULL ? counts->n_top : 0;
  gsize peak = 0;

  ranked->n_rows = n_top + (counts->other > 0);
  ranked->labels = g_new (const char *, MAX (ranked->n_rows, 1));
  for (guint r = 0; r < n_top; r++)
    ranked->labels[r] = counts->top[r].value != NULL ? counts->top[r].value : "";
  if (counts->other > 0)
    ranked->labels[n_top] = _("Other");
  for (guint r = 0; r < ranked->n_rows; r++)
    peak = MAX (peak, row_count (counts, r));

  ranked->spec = (FwAxesSpec) {
    .title = counts->title,
    .x_label = counts->x_label != NULL ? counts->x_label : _("Rows"),
    .x_format = FW_TICK_FORMAT_SI,
    .x_min = 0,
    .x_max = MAX (1, peak),
    .y_categories = ranked->labels,
    .n_y_categories = ranked->n_rows,
  };
  if (ranked->n_rows > 0)
    make_room_for_counts (cr, width, height, style, counts, ranked);
}

gboolean
fw_plot_category_counts_layout (double                      width,
                                double                      height,
                                const FwPlotStyle          *style,
                                const FwPlotCategoryCounts *counts,
                                FwPlotFrame                *frame)
{
  cairo_t *cr;
  Ranked ranked;

  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);
  g_return_val_if_fail (frame != NULL, FALSE);

  if (!(width > 0 && height > 0))
    return FALSE;
  cr = fw_plot_scratch_new ();
  ranked_init (&ranked, cr, width, height, style, counts);
  cairo_destroy (cr);
  fw_plot_frame_layout (width, height, style, &ranked.spec, frame);
  g_free (ranked.labels);
  return TRUE;
}

static void
draw_ranked_bars (cairo_t                    *cr,
                  const FwPlotStyle          *style,
                  const FwPlotCategoryCounts *counts,
                  const Ranked               *ranked,
                  const FwPlotFrame          *frame)
{
  double hair = fw_plot_hairline (cr), x0 = fw_plot_snap_x (cr, frame->left, FALSE);

  for (guint r = 0; r < ranked->n_rows; r++)
    {
      gsize count = row_count (counts, r);
      g_autofree char *text = count_text (count);
      double x1 = fw_plot_snap_x (cr, fw_plot_frame_x (frame, (double) count), FALSE), y0, y1;
      double cy = fw_plot_ranked_row (cr, style, frame, r, ranked->n_rows, &y0, &y1);

      /* A value with any rows is at least a pixel long, so it never reads as empty. */
      if (count > 0)
        x1 = MAX (x1, x0 + hair);
      /* "Other" is the rest of the column, not a value: it must not compete with them. */
      fw_color_set_source (cr, r < counts->n_top ? &style->series[0] : &style->muted);
      cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
      cairo_fill (cr);
      fw_plot_ranked_label (cr, style, frame, text, x1, cy, FALSE);
    }
}

void
fw_plot_category_counts_draw (cairo_t           *cr,
                              double             width,
                              double             height,
                              const FwPlotStyle *style,
                              gconstpointer      data)
{
  const FwPlotCategoryCounts *counts = data;
  FwPlotFrame frame;
  Ranked ranked;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (counts != NULL);

  if (!(width > 0 && height > 0))
    return;
  ranked_init (&ranked, cr, width, height, style, counts);
  cairo_save (cr);
  fw_plot_frame_draw (cr, width, height, style, &ranked.spec, &frame);
  if (ranked.n_rows > 0 && frame.width > 0 && frame.height > 0)
    {
      fw_plot_frame_clip (cr, &frame);
      draw_ranked_bars (cr, style, counts, &ranked, &frame);
      cairo_restore (cr);
    }
  cairo_restore (cr);
  g_free (ranked.labels);
}
