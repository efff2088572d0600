/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-chart-compare"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

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

/* One chart per design in a grid, on the same axes, so that shapes can be
 * compared by eye. */
void
_dml_render_multiples (DmlRenderContext *ctx)
{
  const DmlChartSpec *spec = ctx->spec;
  guint n = spec->n_sweeps;
  guint cols = n <= 2 ? n : n <= 4 ? 2 : 3;
  guint rows = (n + cols - 1) / cols;
  double top = _dml_render_titles (ctx, spec->title, spec->subtitle, 1.45);
  double cell_w = ctx->width / cols, cell_h, key_h, key_w;
  double log_min, log_max, y_max;
  gboolean present[DML_N_REGIMES] = { FALSE };
  g_autofree char *key = NULL;

  shared_axes (spec, &log_min, &log_max, &y_max);

  /* One legend for all the cells, on the last row: the regimes any of
   * them shows, and what the letters on the markers mean. */
  for (guint i = 0; i < n; i++)
    for (guint p = 0; p < spec->sweeps[i]->n_points; p++)
      present[spec->sweeps[i]->points[p].band] = TRUE;
  key = g_strdup (spec->view == DML_CHART_UTILIZATION
                  /* xgettext:no-c-format */
                  ? _("D, N, L: DRAM-, network-, latency-bound onsets; W: wall; 80%: largest run at ≥ 80%")
                  : "");
  _dml_render_measure (ctx, "Ag", 0.9, FALSE, &key_w, &key_h);
  if (spec->view == DML_CHART_UTILIZATION)
    {
      const char *labels[DML_N_REGIMES];
      DmlColor colors[DML_N_REGIMES];
      guint n_present = 0;
      double y = ctx->height - 2.3 * key_h;

      for (DmlRegime r = 0; r < DML_N_REGIMES; r++)
        if (present[r])
          {
            labels[n_present] = dml_regime_label (r);
            colors[n_present++] = ctx->style->regime[r];
          }
      _dml_render_legend (ctx, labels, colors, n_present, 0.6 * ctx->font_px, y);
      _dml_render_text (ctx, key, 0.6 * ctx->font_px, y + 1.15 * key_h, 0, 0, 0.8, FALSE, 0,
                        &ctx->style->foreground);
      cell_h = (ctx->height - top - 2.5 * key_h) / rows;
    }
  else
    cell_h = (ctx->height - top) / rows;

  for (guint i = 0; i < n; i++)
    {
      DmlChartSpec cell_spec = *spec;
      DmlRenderContext cell = *ctx;
      double x = (i % cols) * cell_w, y = top + (i / cols) * cell_h;
      guint first_box = ctx->geometry->text_boxes->len;

      cell_spec.sweep = spec->sweeps[i];
      cell_spec.n_sweeps = 0;
      cell_spec.hover = -1;
      cell_spec.pinned = -1;
      cell.spec = &cell_spec;
      cell.width = cell_w;
      cell.height = cell_h;
      cell.log_min = log_min;
      cell.log_max = log_max;
      cell.y_max = y_max;
      cell.compact = TRUE;

      cairo_save (ctx->cr);
      cairo_translate (ctx->cr, x, y);
      _dml_render_single (&cell, spec->names[i], NULL, 1.1, TRUE);
      cairo_restore (ctx->cr);

      for (guint b = first_box; b < ctx->geometry->text_boxes->len; b++)
        {
          cairo_rectangle_t *box = &g_array_index (ctx->geometry->text_boxes, cairo_rectangle_t, b);

          box->x += x;
          box->y += y;
        }
      if (i == 0)
        {
          ctx->px = cell.px + x;
          ctx->py = cell.py + y;
          ctx->pw = cell.pw;
          ctx->ph = cell.ph;
        }
    }

  ctx->log_min = log_min;
  ctx->log_max = log_max;
}

/* Utilization of every design on one chart: a colour and a dash pattern
 * each, told apart in black and white too. Each design's wall is a line in
 * its style; its onsets are letters on the top edge. */
void
_dml_render_overlay (DmlRenderContext *ctx)
{
  cairo_t *cr = ctx->cr;
  const DmlChartSpec *spec = ctx->spec;
  const DmlColor *fg = &ctx->style->foreground;
  gboolean dark = ctx->style->background.red + ctx->style->background.green + ctx->style->background.blue < 1.5;
  double y_max, legend_w = 0, line_h = 0;
  double marker_h;

  _dml_render_place_plot (ctx, _dml_render_titles (ctx, spec->title, spec->subtitle, 1.45));
  if (ctx->pw <= 20 || ctx->ph <= 20)
    return;
  shared_axes (spec, &ctx->log_min, &ctx->log_max, &y_max);

#define Y_OF(u) (ctx->py + ctx->ph - (100 * (u)) / y_max * ctx->ph)

  /* xgettext:no-c-format */
  _dml_render_percent_axes (ctx, y_max, y_max > 50 ? 10 : 5, _("Utilization (% of peak)"));

  _dml_render_measure (ctx, "D", 0.8, TRUE, &legend_w, &marker_h);

  for (guint i = 0; i < spec->n_sweeps; i++)
    {
      const DmlSweep *sweep = spec->sweeps[i];
      const DmlSummary *sum = &sweep->summary;
      const double *dashes;
      int n_dashes;
      DmlColor color;
      struct { double flop; const char *letter; } onsets[] = {
        { sum->dram_onset, "D" }, { sum->network_onset, "N" }, { sum->latency_onset, "L" },
      };

      dml_chart_series_style (i, dark, &color, &dashes, &n_dashes);

      /* The wall, in the design's style. */
      if (isfinite (sum->wall) && sum->wall < sweep->points[sweep->n_points - 1].flop)
        {
          double x = round (_dml_render_x_of (ctx, sum->wall)) + 0.5;

          /* Dashed, as the key says, and as the single chart's wall. */
          _dml_render_set_color (cr, &color, 0.8);
          cairo_set_line_width (cr, MAX (1.5, 0.1 * ctx->font_px));
          cairo_set_dash (cr, (double[]) { 0.6 * ctx->font_px, 0.45 * ctx->font_px }, 2, 0);
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
            cairo_line_to (cr, x, y);
          if (!pt->feasible)
            break;
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  /* Legend: a sample of each line and the design's name, bottom left. */
  for (guint i = 0; i < spec->n_sweeps; i++)
    {
      double w, h;

      _dml_render_measure (ctx, spec->names[i], 0.9, FALSE, &w, &h);
      legend_w = MAX (legend_w, w);
      line_h = h;
    }
  {
    g_autofree char *key = g_strdup (_("D, N, L: DRAM-, network-, latency-bound onsets; dashed lines: walls"));
    double key_w, key_h, x = ctx->px + 0.6 * ctx->font_px;
    double sample = 2.5 * ctx->font_px;
    double height = spec->n_sweeps * line_h + 0.6 * ctx->font_px;
    double y;

    _dml_render_measure (ctx, key, 0.8, FALSE, &key_w, &key_h);
    height += key_h;
    y = ctx->py + ctx->ph - height - 0.4 * ctx->font_px;

    _dml_render_set_color (cr, &ctx->style->background, 0.85);
    cairo_rectangle (cr, x - 0.3 * ctx->font_px, y - 0.3 * ctx->font_px,
                     MIN (ctx->pw - ctx->font_px, MAX (sample + 0.6 * ctx->font_px + legend_w, key_w) + 0.6 * ctx->font_px),
                     height + 0.3 * ctx->font_px);
    cairo_fill (cr);

    for (guint i = 0; i < spec->n_sweeps; i++)
      {
        const double *dashes;
        int n_dashes;
        DmlColor color;
        double ly = y + (i + 0.5) * line_h;

        dml_chart_series_style (i, dark, &color, &dashes, &n_dashes);
        _dml_render_set_color (cr, &color, 1);
        cairo_set_line_width (cr, MAX (2, 0.22 * ctx->font_px));
        cairo_set_dash (cr, dashes, n_dashes, 0);
        cairo_move_to (cr, x, ly);
        cairo_line_to (cr, x + sample, ly);
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);
        _dml_render_text (ctx, spec->names[i], x + sample + 0.6 * ctx->font_px, ly, 0, 0.5, 0.9, FALSE, 0, fg);
      }
    _dml_render_text (ctx, key, x, y + spec->n_sweeps * line_h + 0.3 * ctx->font_px, 0, 0, 0.8, FALSE, 0, fg);
  }

#undef Y_OF
}
