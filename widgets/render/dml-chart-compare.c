/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-chart-compare"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "dml-chart-renderer-private.h"

/* Two to six designs at once: overlaid on one utilization chart, or as
 * small multiples on shared axes. */

/* Axes every design of a comparison shares. */
static void
shared_axes (const DmlChartSpec *spec,
             double             *log_min,
             double             *log_max,
             double             *y_max)
{
  *log_min = G_MAXDOUBLE;
  *log_max = -G_MAXDOUBLE;
  *y_max = 0;

  for (guint i = 0; i < spec->n_sweeps; i++)
    {
      const DmlSweep *s = spec->sweeps[i];

      *log_min = MIN (*log_min, log10 (s->points[0].flop));
      *log_max = MAX (*log_max, log10 (s->points[s->n_points - 1].flop));
      *y_max = MAX (*y_max, _dml_render_y_max_for (s->params.max_utilization));
    }
}

/* Moves what a cell recorded, from the @starts of each array, by dx, dy
 * into the picture's coordinates. */
typedef struct
{
  guint text, legend, label, band, segment, run, marker;
} Starts;

static Starts
starts_of (const DmlChartGeometry *g)
{
  return (Starts) { g->text_boxes->len, g->legend_boxes->len, g->label_boxes->len, g->band_boxes->len,
                    g->data_segments->len, g->run_marks->len, g->marker_x->len };
}

static void
offset_boxes (GArray *boxes,
              guint   from,
              double  dx,
              double  dy)
{
  for (guint b = from; b < boxes->len; b++)
    {
      cairo_rectangle_t *box = &g_array_index (boxes, cairo_rectangle_t, b);

      box->x += dx;
      box->y += dy;
    }
}

static void
offset_geometry (DmlChartGeometry *g,
                 const Starts     *starts,
                 double            dx,
                 double            dy)
{
  offset_boxes (g->text_boxes, starts->text, dx, dy);
  offset_boxes (g->legend_boxes, starts->legend, dx, dy);
  offset_boxes (g->label_boxes, starts->label, dx, dy);
  offset_boxes (g->band_boxes, starts->band, dx, dy);
  for (guint i = starts->segment; i < g->data_segments->len; i++)
    {
      DmlChartSegment *s = &g_array_index (g->data_segments, DmlChartSegment, i);

      s->x0 += dx, s->x1 += dx, s->y0 += dy, s->y1 += dy;
    }
  for (guint i = starts->run; i < g->run_marks->len; i++)
    {
      DmlChartRunMark *m = &g_array_index (g->run_marks, DmlChartRunMark, i);

      m->x += dx, m->y += dy;
    }
  for (guint i = starts->marker; i < g->marker_x->len; i++)
    g_array_index (g->marker_x, double, i) += dx;
}

/* Lines a design's name takes wrapped to @width. */
static int
name_lines (DmlRenderContext *ctx,
            const char       *name,
            double            width,
            double            size,
            double           *line_h)
{
  double w, h;
  int lines;

  _dml_render_measure (ctx, name, size, TRUE, &w, line_h);
  _dml_render_measure_wrapped (ctx, name, size, TRUE, width, &h, &lines);
  return lines;
}

/* One chart per design in a grid, on the same axes, so that shapes can be
 * compared by eye. The grid has one y title and one x title; names wrap
 * onto two lines, and where a name needs more, each cell is lettered
 * and the key under the grid names it. */
void
_dml_render_multiples (DmlRenderContext *ctx)
{
  const DmlChartSpec *spec = ctx->spec;
  const DmlColor *fg = &ctx->style->foreground;
  guint n = spec->n_sweeps;
  guint cols = n <= 2 ? n : n <= 4 ? 2 : 3;
  guint rows = (n + cols - 1) / cols;
  g_autofree char *subtitle = _dml_render_subtitle_with_takeaway (ctx, spec->subtitle);
  double top = _dml_render_titles (ctx, spec->title, subtitle, 1.45);
  double log_min, log_max, y_max, label_w, label_h, key_w, key_h, left, grid_h, cell_w, cell_h;
  double title_size = 1.1, line_h = 0, title_h;
  gboolean present[DML_N_REGIMES] = { FALSE };
  gboolean shared_titles = spec->view == DML_CHART_UTILIZATION || spec->view == DML_CHART_TIMELINE ||
                           spec->view == DML_CHART_TIME;
  gboolean keyed = FALSE;
  int max_lines = 1;
  DmlKey key;

  shared_axes (spec, &log_min, &log_max, &y_max);
  _dml_render_measure (ctx, "100 %", 1, FALSE, &label_w, &label_h);
  left = shared_titles ? 0.5 * ctx->font_px + 1.4 * label_h : 0;
  cell_w = (ctx->width - left) / cols;

  for (guint i = 0; i < n; i++)
    max_lines = MAX (max_lines, name_lines (ctx, spec->names[i], cell_w - 1.6 * ctx->font_px, title_size, &line_h));
  if (max_lines > 2)
    {
      keyed = TRUE;
      max_lines = 1;
    }
  title_h = max_lines * line_h + 0.6 * ctx->font_px;

  /* One key for all the cells, under the grid: the regimes any of them
   * shows, what the letters on the markers mean, and the designs'
   * letters where names are keyed. */
  _dml_key_init (&key);
  if (keyed)
    for (guint i = 0; i < n; i++)
      {
        g_autofree char *entry = g_strdup_printf ("%c: %s", 'A' + i, spec->names[i]);

        _dml_key_add (&key, DML_KEY_TEXT, NULL, entry, i == 0);
      }
  if (spec->view == DML_CHART_UTILIZATION || spec->view == DML_CHART_TIMELINE)
    {
      gboolean first = TRUE;

      for (guint i = 0; i < n; i++)
        for (guint p = 0; p < spec->sweeps[i]->n_points; p++)
          present[spec->sweeps[i]->points[p].band] = TRUE;
      for (DmlRegime r = 0; r < DML_N_REGIMES; r++)
        if (present[r])
          {
            _dml_key_add (&key, DML_KEY_SWATCH, &ctx->style->regime[r], dml_regime_label (r), first);
            first = FALSE;
          }
      /* xgettext:no-c-format */
      _dml_key_add (&key, DML_KEY_TEXT, NULL, _("D, N, L: DRAM-, network-, latency-bound onsets; W: wall; "
                                                "80%: largest run at 80% of peak utilization"), TRUE)->size = 0.8;
      for (guint i = 0; i < n; i++)
        if (spec->sweeps[i]->summary.goodput && isfinite (spec->sweeps[i]->summary.reliability_onset))
          {
            /* xgettext:no-c-format */
            _dml_key_add (&key, DML_KEY_TEXT, NULL, _("R: goodput below 50% (reliability-bound)"), FALSE)->size = 0.8;
            break;
          }
    }
  _dml_key_measure (ctx, &key, ctx->width - 1.2 * ctx->font_px, TRUE, &key_w, &key_h);
  if (key.items->len == 0)
    key_h = 0;

  grid_h = ctx->height - top - key_h - (shared_titles ? 1.3 * label_h + 0.4 * ctx->font_px : 0) - 0.3 * ctx->font_px;
  cell_h = grid_h / rows;

  for (guint i = 0; i < n; i++)
    {
      DmlChartSpec cell_spec = *spec;
      DmlRenderContext cell = *ctx;
      double x = left + (i % cols) * cell_w, y = top + (i / cols) * cell_h;
      Starts starts;
      g_autofree char *name = keyed ? g_strdup_printf ("%c", 'A' + i) : g_strdup (spec->names[i]);

      cell_spec.sweep = spec->sweeps[i];
      cell_spec.n_sweeps = 0;
      cell_spec.hover = -1;
      cell_spec.pinned = -1;
      cell_spec.takeaway = FALSE;
      cell.spec = &cell_spec;
      cell.width = cell_w;
      cell.height = cell_h - title_h;
      cell.log_min = log_min;
      cell.log_max = log_max;
      cell.y_max = y_max;
      cell.compact = TRUE;
      cell.no_axis_titles = shared_titles;
      cell.key_outside = TRUE;

      /* The name, whole, wrapped under its width. */
      _dml_render_paragraph (ctx, name, x + 0.8 * ctx->font_px, y + 0.3 * ctx->font_px, title_size, TRUE, cell_w - 1.6 * ctx->font_px);

      starts = starts_of (ctx->geometry);
      cairo_save (ctx->cr);
      cairo_translate (ctx->cr, x, y + title_h);
      _dml_render_single (&cell, NULL, NULL, 1.1, TRUE);
      cairo_restore (ctx->cr);
      offset_geometry (ctx->geometry, &starts, x, y + title_h);

      if (i == 0)
        {
          ctx->px = cell.px + x;
          ctx->py = cell.py + y + title_h;
          ctx->pw = cell.pw;
          ctx->ph = cell.ph;
        }
    }

  if (shared_titles)
    {
      const char *x_title = spec->view == DML_CHART_TIMELINE ? _("Year") : _("Training compute (FLOP)");
      /* xgettext:no-c-format */
      const char *y_title = spec->view == DML_CHART_TIME ? _("Share of step time") : _("Utilization (% of peak)");

      _dml_render_y_title (ctx, y_title, top, grid_h);
      _dml_render_text (ctx, x_title, left + (ctx->width - left) / 2, top + grid_h + 0.2 * ctx->font_px, 0.5, 0,
                        1.05, FALSE, 0, fg);
    }
  if (key.items->len > 0)
    _dml_key_draw (ctx, &key, 0.6 * ctx->font_px, ctx->height - key_h - 0.3 * ctx->font_px,
                   ctx->width - 1.2 * ctx->font_px, TRUE);
  _dml_key_clear (&key);

  ctx->log_min = log_min;
  ctx->log_max = log_max;
}

/* Utilization of every design on one chart: a colour and a dash pattern
 * each, told apart in black and white too. Each design's wall is a line in
 * its style; its onsets are letters on the top edge. The key goes where
 * it covers no curve, else above the plot. */
void
_dml_render_overlay (DmlRenderContext *ctx)
{
  cairo_t *cr = ctx->cr;
  const DmlChartSpec *spec = ctx->spec;
  gboolean dark = ctx->style->background.red + ctx->style->background.green + ctx->style->background.blue < 1.5;
  g_autofree char *subtitle = _dml_render_subtitle_with_takeaway (ctx, spec->subtitle);
  double y_max, marker_w, marker_h;
  double wall_x[DML_CHART_MAX_SERIES];
  DmlKey key;

  _dml_render_place_plot (ctx, _dml_render_titles (ctx, spec->title, subtitle, 1.45));
  if (ctx->pw <= 20 || ctx->ph <= 20)
    return;
  shared_axes (spec, &ctx->log_min, &ctx->log_max, &y_max);

  _dml_key_init (&key);
  for (guint i = 0; i < spec->n_sweeps; i++)
    {
      DmlColor color;
      const double *dashes;
      int n_dashes;
      DmlKeyItem *item;

      dml_chart_series_style (i, dark, &color, &dashes, &n_dashes);
      item = _dml_key_add (&key, DML_KEY_LINE, &color, spec->names[i], TRUE);
      item->dashes = dashes;
      item->n_dashes = n_dashes;
    }
  _dml_key_add (&key, DML_KEY_TEXT, NULL, _("D, N, L: DRAM-, network-, latency-bound onsets; dashed lines: walls"),
                TRUE)->size = 0.8;
  if (ctx->key_outside)
    _dml_key_above (ctx, &key);

#define Y_OF(u) (ctx->py + ctx->ph - (100 * (u)) / y_max * ctx->ph)

  /* xgettext:no-c-format */
  _dml_render_percent_axes (ctx, y_max, y_max > 50 ? 10 : 5, _("Utilization (% of peak)"));

  _dml_render_measure (ctx, "D", 0.8, TRUE, &marker_w, &marker_h);

  /* Each wall's x, NAN where the design has none in range. */
  for (guint i = 0; i < spec->n_sweeps; i++)
    {
      const DmlSweep *sweep = spec->sweeps[i];
      double wall = sweep->summary.wall;

      wall_x[i] = isfinite (wall) && wall < sweep->points[sweep->n_points - 1].flop
                  ? round (_dml_render_x_of (ctx, wall)) + 0.5 : NAN;
    }

  for (guint i = 0; i < spec->n_sweeps; i++)
    {
      const DmlSweep *sweep = spec->sweeps[i];
      const DmlSummary *sum = &sweep->summary;
      const double *dashes;
      int n_dashes;
      DmlColor color;
      double last_x = 0, last_y = 0;
      struct { double flop; const char *letter; } onsets[] = {
        { sum->dram_onset, "D" }, { sum->network_onset, "N" }, { sum->latency_onset, "L" },
        { sum->goodput ? sum->reliability_onset : NAN, "R" },
      };

      dml_chart_series_style (i, dark, &color, &dashes, &n_dashes);

      /* The wall, in the design's style. Walls within a few pixels of
       * each other share one line, whose dashes take each design's
       * colour in turn, rather than blending into one colour. */
      if (!isnan (wall_x[i]))
        {
          double x = wall_x[i], dash = 0.6 * ctx->font_px, near = MAX (3, 0.3 * ctx->font_px);
          guint n_same = 0, rank = 0;
          int first = -1;

          for (guint j = 0; j < spec->n_sweeps; j++)
            if (!isnan (wall_x[j]) && fabs (wall_x[j] - wall_x[i]) <= near)
              {
                if (first < 0)
                  first = (int) j;
                if (j < i)
                  rank++;
                n_same++;
              }

          _dml_render_set_color (cr, &color, 0.8);
          cairo_set_line_width (cr, MAX (1.5, 0.1 * ctx->font_px));
          if (n_same > 1)
            {
              /* Dashed, as the key says: one dash in n_same is this design's. */
              x = wall_x[first];
              cairo_set_line_width (cr, MAX (2, 0.16 * ctx->font_px));
              cairo_set_dash (cr, (double[]) { dash, (n_same - 1) * dash }, 2, (n_same - rank) * dash);
            }
          else
            /* Dashed, as the key says, and as the single chart's wall. */
            cairo_set_dash (cr, (double[]) { dash, 0.45 * ctx->font_px }, 2, 0);
          cairo_move_to (cr, x, ctx->py);
          cairo_line_to (cr, x, ctx->py + ctx->ph);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          g_array_append_val (ctx->geometry->marker_x, x);
        }

      for (guint k = 0; k < G_N_ELEMENTS (onsets); k++)
        if (isfinite (onsets[k].flop))
          {
            double x = _dml_render_x_of (ctx, onsets[k].flop);
            double y = ctx->py + 0.2 * ctx->font_px + i * marker_h;

            _dml_render_text (ctx, onsets[k].letter, x, y, 0.5, 0, 0.8, TRUE, 0, &color);
            _dml_render_record_box (ctx->geometry->label_boxes, x - marker_w / 2, y, marker_w, marker_h);
            g_array_append_val (ctx->geometry->marker_x, x);
          }

      cairo_set_line_width (cr, MAX (2, 0.22 * ctx->font_px));
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_dash (cr, dashes, n_dashes, 0);
      _dml_render_set_color (cr, &color, 1);
      cairo_new_path (cr);
      for (guint p = 0; p < sweep->n_points; p++)
        {
          const DmlPoint *pt = &sweep->points[p];
          double x = _dml_render_x_of (ctx, pt->flop), y = Y_OF (pt->feasible ? pt->utilization : 0);

          if (p == 0)
            cairo_move_to (cr, x, y);
          else
            {
              cairo_line_to (cr, x, y);
              _dml_render_record_segment (ctx, last_x, last_y, x, y);
            }
          last_x = x;
          last_y = y;
          if (!pt->feasible)
            break;
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  if (!ctx->key_outside)
    _dml_key_place (ctx, &key, ctx->px, ctx->py, ctx->pw, ctx->ph);
  _dml_key_clear (&key);

#undef Y_OF
}
