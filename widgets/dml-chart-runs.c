/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-chart-runs"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "dml-chart-renderer-private.h"
#include "dml-format.h"
#include "dml-runs.h"

/* Production runs on the utilization view: each at its training compute
 * and measured MFU, its shape its GPU generation, so the ideal curve is
 * seen against what real runs reached. */

static gboolean
run_drawable (const DmlProductionRun *run)
{
  return isfinite (run->flop) && run->flop > 0 && isfinite (run->mfu) && run->mfu > 0;
}

/* The axis must reach the highest run drawn (utilization, percent). */
double
_dml_render_runs_y_max (DmlRenderContext *ctx,
                        double            y_max)
{
  const DmlProductionRun *runs;
  guint n_runs;

  if (!ctx->spec->show_runs || ctx->spec->view != DML_CHART_UTILIZATION)
    return y_max;

  runs = dml_production_runs (&n_runs);
  for (guint i = 0; i < n_runs; i++)
    {
      double log_flop = log10 (runs[i].flop);

      if (run_drawable (&runs[i]) && log_flop >= ctx->log_min && log_flop <= ctx->log_max)
        y_max = MAX (y_max, _dml_render_y_max_for (MIN (1, runs[i].mfu)));
    }

  return y_max;
}

/* A shape per generation, centred on x, y, of radius r, as a path. */
static void
shape_path (cairo_t       *cr,
            DmlGeneration  generation,
            double         x,
            double         y,
            double         r)
{
  switch (generation)
    {
    case DML_GENERATION_V100: /* triangle */
      cairo_move_to (cr, x, y - 1.15 * r);
      cairo_line_to (cr, x + 1.1 * r, y + 0.75 * r);
      cairo_line_to (cr, x - 1.1 * r, y + 0.75 * r);
      cairo_close_path (cr);
      break;
    case DML_GENERATION_H100: /* diamond */
      cairo_move_to (cr, x, y - 1.3 * r);
      cairo_line_to (cr, x + 1.1 * r, y);
      cairo_line_to (cr, x, y + 1.3 * r);
      cairo_line_to (cr, x - 1.1 * r, y);
      cairo_close_path (cr);
      break;
    case DML_GENERATION_TPU: /* square */
      cairo_rectangle (cr, x - 0.85 * r, y - 0.85 * r, 1.7 * r, 1.7 * r);
      break;
    case DML_GENERATION_OTHER: /* plus */
      cairo_move_to (cr, x - 0.35 * r, y - 1.1 * r);
      cairo_line_to (cr, x + 0.35 * r, y - 1.1 * r);
      cairo_line_to (cr, x + 0.35 * r, y - 0.35 * r);
      cairo_line_to (cr, x + 1.1 * r, y - 0.35 * r);
      cairo_line_to (cr, x + 1.1 * r, y + 0.35 * r);
      cairo_line_to (cr, x + 0.35 * r, y + 0.35 * r);
      cairo_line_to (cr, x + 0.35 * r, y + 1.1 * r);
      cairo_line_to (cr, x - 0.35 * r, y + 1.1 * r);
      cairo_line_to (cr, x - 0.35 * r, y + 0.35 * r);
      cairo_line_to (cr, x - 1.1 * r, y + 0.35 * r);
      cairo_line_to (cr, x - 1.1 * r, y - 0.35 * r);
      cairo_line_to (cr, x - 0.35 * r, y - 0.35 * r);
      cairo_close_path (cr);
      break;
    case DML_GENERATION_A100: /* circle */
    case DML_N_GENERATIONS:
    default:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    }
}

static void
draw_shape (DmlRenderContext *ctx,
            DmlGeneration     generation,
            double            x,
            double            y,
            double            r)
{
  cairo_t *cr = ctx->cr;

  cairo_new_path (cr);
  shape_path (cr, generation, x, y, r);
  _dml_render_set_color (cr, &ctx->style->foreground, 0.7);
  cairo_fill_preserve (cr);
  _dml_render_set_color (cr, &ctx->style->background, 1);
  cairo_set_line_width (cr, MAX (1, 0.08 * ctx->font_px));
  cairo_stroke (cr);
}

/* The key, one line above @bottom at the plot's left: what the shapes
 * mean and where the runs come from; how many are off the axis goes on
 * the same line where it fits, else on the line above. */
static void
draw_key (DmlRenderContext *ctx,
          const gboolean   *present,
          guint             n_below,
          guint             n_above,
          double            bottom)
{
  cairo_t *cr = ctx->cr;
  double r = 0.38 * ctx->font_px;
  const char *title = _("Real runs (MFU, Epoch AI):");
  g_autofree char *off = NULL;
  double x = ctx->px + 0.8 * ctx->font_px, w, ignored, h, key_w, off_w = 0;
  double room = ctx->pw - ctx->font_px;

  if (n_below > 0)
    {
      g_autofree char *edge = dml_format_power_of_ten (pow (10, ctx->log_min), 2);
      /* TRANSLATORS: runs left of the axis; "Sweep from" is the field to change */
      off = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more below %s (lower Sweep from)",
                                          "%u more below %s (lower Sweep from)", n_below), n_below, edge);
    }
  else if (n_above > 0)
    off = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more off the axis", "%u more off the axis", n_above),
                           n_above);

  _dml_render_measure (ctx, title, 0.9, FALSE, &key_w, &h);
  key_w += 0.6 * ctx->font_px;
  for (guint g = 0; g < DML_N_GENERATIONS; g++)
    if (present[g])
      {
        _dml_render_measure (ctx, dml_generation_label (g), 0.9, FALSE, &w, &ignored);
        key_w += 3 * r + w + 0.8 * ctx->font_px;
      }
  if (off != NULL)
    _dml_render_measure (ctx, off, 0.9, FALSE, &off_w, &ignored);
  if (ctx->compact || key_w > room || off_w > room)
    return;

  _dml_render_set_color (cr, &ctx->style->background, 0.8);
  if (key_w + off_w > room)
    {
      cairo_rectangle (cr, ctx->px + 0.5 * ctx->font_px, bottom - 2.6 * h, off_w + 0.6 * ctx->font_px, 1.3 * h);
      cairo_rectangle (cr, ctx->px + 0.5 * ctx->font_px, bottom - 1.3 * h, key_w + 0.6 * ctx->font_px, 1.3 * h);
    }
  else
    cairo_rectangle (cr, ctx->px + 0.5 * ctx->font_px, bottom - 1.3 * h, key_w + off_w + 0.6 * ctx->font_px, 1.3 * h);
  cairo_fill (cr);

  _dml_render_text (ctx, title, x, bottom - 0.65 * h, 0, 0.5, 0.9, FALSE, 0, &ctx->style->foreground);
  _dml_render_measure (ctx, title, 0.9, FALSE, &w, &ignored);
  x += w + 0.6 * ctx->font_px;
  for (guint g = 0; g < DML_N_GENERATIONS; g++)
    if (present[g])
      {
        draw_shape (ctx, g, x + r, bottom - 0.65 * h, r);
        _dml_render_text (ctx, dml_generation_label (g), x + 3 * r, bottom - 0.65 * h, 0, 0.5, 0.9, FALSE, 0,
                          &ctx->style->foreground);
        _dml_render_measure (ctx, dml_generation_label (g), 0.9, FALSE, &w, &ignored);
        x += 3 * r + w + 0.8 * ctx->font_px;
      }
  if (off != NULL && key_w + off_w > room)
    _dml_render_text (ctx, off, ctx->px + 0.8 * ctx->font_px, bottom - 1.95 * h, 0, 0.5, 0.9, FALSE, 0,
                      &ctx->style->foreground);
  else if (off != NULL)
    _dml_render_text (ctx, off, x, bottom - 0.65 * h, 0, 0.5, 0.9, FALSE, 0, &ctx->style->foreground);
}

/* Draws the runs within the axes, with the regime legend's top at
 * @key_bottom, and records each in the geometry for hit-testing. */
void
_dml_render_runs (DmlRenderContext *ctx,
                  double            y_max,
                  double            key_bottom)
{
  const DmlProductionRun *runs;
  gboolean present[DML_N_GENERATIONS] = { FALSE };
  guint n_runs, n_below = 0, n_above = 0;
  double r = MAX (3, 0.38 * ctx->font_px);

  if (!ctx->spec->show_runs || ctx->spec->view != DML_CHART_UTILIZATION)
    return;

  runs = dml_production_runs (&n_runs);
  for (guint i = 0; i < n_runs; i++)
    {
      DmlChartRunMark mark;
      double log_flop;

      if (!run_drawable (&runs[i]))
        continue;
      log_flop = log10 (runs[i].flop);
      if (log_flop < ctx->log_min || log_flop > ctx->log_max || 100 * runs[i].mfu > y_max)
        {
          if (log_flop < ctx->log_min)
            n_below++;
          else
            n_above++;
          continue;
        }

      mark.run = i;
      mark.radius = r;
      mark.x = _dml_render_x_of (ctx, runs[i].flop);
      mark.y = ctx->py + ctx->ph - 100 * runs[i].mfu / y_max * ctx->ph;
      draw_shape (ctx, runs[i].generation, mark.x, mark.y, r);
      g_array_append_val (ctx->geometry->run_marks, mark);
      present[runs[i].generation] = TRUE;
    }

  draw_key (ctx, present, n_below, n_above, key_bottom);
}

/* The run drawn nearest to @x, @y, within a little more than its mark,
 * or -1. */
int
dml_chart_hit_run (const DmlChartGeometry *geometry,
                   double                  x,
                   double                  y)
{
  double best_distance = G_MAXDOUBLE;
  int best = -1;

  for (guint i = 0; geometry->run_marks != NULL && i < geometry->run_marks->len; i++)
    {
      const DmlChartRunMark *mark = &g_array_index (geometry->run_marks, DmlChartRunMark, i);
      double distance = hypot (mark->x - x, mark->y - y);

      if (distance <= MAX (6, 1.6 * mark->radius) && distance < best_distance)
        {
          best_distance = distance;
          best = (int) mark->run;
        }
    }

  return best;
}

/* A given run: a ring with a cross at its training compute and MFU, and
 * its label beside it, on the side with room. */
void
_dml_render_given_run (DmlRenderContext *ctx,
                       double            y_max)
{
  cairo_t *cr = ctx->cr;
  const DmlChartSpec *spec = ctx->spec;
  double r = MAX (5, 0.6 * ctx->font_px), x, y, w, h, pad = 0.4 * ctx->font_px;
  DmlColor color = ctx->style->regime[DML_REGIME_LATENCY];

  if (spec->run_flop <= 0 || spec->view != DML_CHART_UTILIZATION || !(spec->run_mfu > 0) ||
      log10 (spec->run_flop) < ctx->log_min || log10 (spec->run_flop) > ctx->log_max ||
      100 * spec->run_mfu > y_max)
    return;

  x = _dml_render_x_of (ctx, spec->run_flop);
  y = ctx->py + ctx->ph - 100 * spec->run_mfu / y_max * ctx->ph;
  _dml_render_set_color (cr, &ctx->style->background, 0.9);
  cairo_arc (cr, x, y, r + 2, 0, 2 * G_PI);
  cairo_fill (cr);
  _dml_render_set_color (cr, &color, 1);
  cairo_set_line_width (cr, MAX (2, 0.18 * ctx->font_px));
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  cairo_move_to (cr, x - r, y);
  cairo_line_to (cr, x + r, y);
  cairo_move_to (cr, x, y - r);
  cairo_line_to (cr, x, y + r);
  cairo_stroke (cr);
  ctx->geometry->run_x = x;
  ctx->geometry->run_y = y;

  if (spec->run_label == NULL)
    return;
  _dml_render_measure (ctx, spec->run_label, 0.9, TRUE, &w, &h);
  {
    gboolean left = x + r + pad + w > ctx->px + ctx->pw;
    double tx = left ? x - r - pad - w : x + r + pad;

    _dml_render_set_color (cr, &ctx->style->background, 0.85);
    cairo_rectangle (cr, tx - pad / 2, y - h / 2, w + pad, h);
    cairo_fill (cr);
    _dml_render_text (ctx, spec->run_label, tx, y - h / 2, 0, 0, 0.9, TRUE, 0, &color);
  }
}
