/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-chart-runs"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "dml-chart-renderer-private.h"
#include "dml-format.h"
#include "dml-production-runs.h"

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

void
_dml_render_run_shape (DmlRenderContext *ctx,
                       int               generation,
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

/* Whether run @i stands within the axes; counts those left of it or
 * above it. */
static gboolean
run_in_axes (DmlRenderContext       *ctx,
             const DmlProductionRun *run,
             double                  y_max,
             guint                  *n_below,
             guint                  *n_above)
{
  double log_flop;

  if (!run_drawable (run))
    return FALSE;
  log_flop = log10 (run->flop);
  if (log_flop < ctx->log_min || log_flop > ctx->log_max || 100 * run->mfu > y_max)
    {
      if (log_flop < ctx->log_min)
        (*n_below)++;
      else
        (*n_above)++;
      return FALSE;
    }
  return TRUE;
}

/* The runs' part of the key: what the shapes mean and where the runs
 * come from, and how many are off the axis. Only the screen says which
 * field brings them in: a slide is no place for the app's fields. */
void
_dml_render_runs_key (DmlRenderContext *ctx,
                      DmlKey           *key,
                      double            y_max)
{
  const DmlProductionRun *runs;
  gboolean present[DML_N_GENERATIONS] = { FALSE };
  guint n_runs, n_below = 0, n_above = 0;
  g_autofree char *off = NULL;

  if (!ctx->spec->show_runs || ctx->spec->view != DML_CHART_UTILIZATION)
    return;

  runs = dml_production_runs (&n_runs);
  for (guint i = 0; i < n_runs; i++)
    if (run_in_axes (ctx, &runs[i], y_max, &n_below, &n_above))
      present[runs[i].generation] = TRUE;

  _dml_key_add (key, DML_KEY_TEXT, NULL, _("Real runs (MFU, Epoch AI):"), TRUE);
  for (guint g = 0; g < DML_N_GENERATIONS; g++)
    if (present[g])
      _dml_key_add (key, DML_KEY_SHAPE, NULL, dml_generation_label (g), FALSE)->shape = (int) g;

  if (n_below > 0)
    {
      g_autofree char *edge = dml_format_power_of_ten (pow (10, ctx->log_min), 2);

      if (ctx->spec->for_export)
        off = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more below %s", "%u more below %s", n_below),
                               n_below, edge);
      else
        /* TRANSLATORS: runs left of the axis; "Sweep from" is the field to change */
        off = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more below %s (lower Sweep from)",
                                            "%u more below %s (lower Sweep from)", n_below), n_below, edge);
    }
  else if (n_above > 0)
    off = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more off the axis", "%u more off the axis", n_above),
                           n_above);
  if (off != NULL)
    _dml_key_add (key, DML_KEY_TEXT, NULL, off, FALSE);
}

/* A run's name beside its mark, on the first side where it covers no
 * data and stays in the plot. */
static void
label_run (DmlRenderContext      *ctx,
           const DmlChartRunMark *mark,
           const char            *name)
{
  double w, h, pad = 0.3 * ctx->font_px, gap = mark->radius + 0.3 * ctx->font_px;
  static const double sides[][2] = { { 1, 0 }, { -1, 0 }, { 0, -1 }, { 0, 1 }, { 1, -1 }, { -1, -1 }, { 1, 1 }, { -1, 1 } };

  _dml_render_measure (ctx, name, 0.8, FALSE, &w, &h);
  /* Where every side meets data, the first side inside the plot. */
  for (guint i = 0; i < 2 * G_N_ELEMENTS (sides); i++)
    {
      gboolean any = i >= G_N_ELEMENTS (sides);
      const double *side = sides[i % G_N_ELEMENTS (sides)];
      double x = side[0] > 0 ? mark->x + gap : side[0] < 0 ? mark->x - gap - w : mark->x - w / 2;
      double y = side[1] > 0 ? mark->y + gap : side[1] < 0 ? mark->y - gap - h : mark->y - h / 2;
      cairo_rectangle_t box = { x - pad / 2, y, w + pad, h };

      if (box.x < ctx->px || box.x + box.width > ctx->px + ctx->pw || box.y < ctx->py ||
          box.y + box.height > ctx->py + ctx->ph || (!any && dml_chart_geometry_box_hits_data (ctx->geometry, &box)))
        continue;

      _dml_render_set_color (ctx->cr, &ctx->style->background, 0.8);
      cairo_rectangle (ctx->cr, box.x, box.y, box.width, box.height);
      cairo_fill (ctx->cr);
      _dml_render_text (ctx, name, x, y, 0, 0, 0.8, FALSE, 0, &ctx->style->foreground);
      g_array_append_val (ctx->geometry->label_boxes, box);
      return;
    }
}

/* Draws the runs within the axes and records each in the geometry for
 * hit-testing; the largest, and those pinned, carry their names. */
void
_dml_render_runs (DmlRenderContext *ctx,
                  double            y_max)
{
  const DmlProductionRun *runs;
  guint n_runs, n_below = 0, n_above = 0, first = ctx->geometry->run_marks->len;
  double r = MAX (3, 0.38 * ctx->font_px);
  int largest = -1;

  if (!ctx->spec->show_runs || ctx->spec->view != DML_CHART_UTILIZATION)
    return;

  runs = dml_production_runs (&n_runs);
  for (guint i = 0; i < n_runs; i++)
    {
      DmlChartRunMark mark;

      if (!run_in_axes (ctx, &runs[i], y_max, &n_below, &n_above))
        continue;

      mark.run = i;
      mark.radius = r;
      mark.x = _dml_render_x_of (ctx, runs[i].flop);
      mark.y = ctx->py + ctx->ph - 100 * runs[i].mfu / y_max * ctx->ph;
      _dml_render_run_shape (ctx, runs[i].generation, mark.x, mark.y, r);
      g_array_append_val (ctx->geometry->run_marks, mark);
      if (largest < 0 || runs[i].flop > runs[largest].flop)
        largest = (int) i;
    }

  if (ctx->compact)
    return;
  for (guint m = first; m < ctx->geometry->run_marks->len; m++)
    {
      DmlChartRunMark mark = g_array_index (ctx->geometry->run_marks, DmlChartRunMark, m);
      gboolean named = (int) mark.run == largest;

      for (guint p = 0; p < ctx->spec->n_pinned_runs && !named; p++)
        named = ctx->spec->pinned_runs[p] == mark.run;
      if (named && runs[mark.run].model != NULL)
        label_run (ctx, &mark, runs[mark.run].model);
    }
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
 * its label beside it, on the side with room. A run that does not fit
 * in memory is a dashed grey ring struck through, and says so. */
void
_dml_render_given_run (DmlRenderContext *ctx,
                       double            y_max)
{
  cairo_t *cr = ctx->cr;
  const DmlChartSpec *spec = ctx->spec;
  double r = MAX (5, 0.6 * ctx->font_px), x, y, w, h, pad = 0.4 * ctx->font_px;
  gboolean unfit = spec->run_exceeds_memory;
  DmlColor color = ctx->style->regime[unfit ? DML_REGIME_INFEASIBLE : DML_REGIME_LATENCY];
  g_autofree char *label = NULL;

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
  if (unfit)
    {
      cairo_set_dash (cr, (double[]) { 0.3 * r, 0.25 * r }, 2, 0);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_move_to (cr, x - 0.7 * r, y + 0.7 * r);
      cairo_line_to (cr, x + 0.7 * r, y - 0.7 * r);
      cairo_move_to (cr, x - 0.7 * r, y - 0.7 * r);
      cairo_line_to (cr, x + 0.7 * r, y + 0.7 * r);
    }
  else
    {
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_move_to (cr, x - r, y);
      cairo_line_to (cr, x + r, y);
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x, y + r);
    }
  cairo_stroke (cr);
  ctx->geometry->run_x = x;
  ctx->geometry->run_y = y;
  ctx->geometry->run_radius = r;
  ctx->geometry->run_unfit = unfit;

  if (spec->run_label == NULL)
    return;
  /* TRANSLATORS: the given run's label on the chart, and that it does not fit */
  label = unfit ? g_strdup_printf (_("%s — does not fit in memory"), spec->run_label) : g_strdup (spec->run_label);
  _dml_render_measure (ctx, label, 0.9, TRUE, &w, &h);
  {
    /* Right of the mark, else left, above or below: the first place
     * inside the plot that covers no real run's name. */
    const double right = x + r + pad, left = MAX (ctx->px, x - r - pad - w);
    const double places[][2] = { { right, y - h / 2 }, { left, y - h / 2 }, { right, y - r - h }, { right, y + r } };
    double tx = x + r + pad > ctx->px + ctx->pw - w ? left : right, ty = y - h / 2;

    for (guint p = 0; p < G_N_ELEMENTS (places); p++)
      {
        cairo_rectangle_t box = { places[p][0] - pad / 2, places[p][1], w + pad, h };
        gboolean free = box.x + box.width <= ctx->px + ctx->pw && box.y >= ctx->py && box.y + box.height <= ctx->py + ctx->ph;

        for (guint b = 0; b < ctx->geometry->label_boxes->len && free; b++)
          {
            const cairo_rectangle_t *o = &g_array_index (ctx->geometry->label_boxes, cairo_rectangle_t, b);

            free = box.x >= o->x + o->width || o->x >= box.x + box.width ||
                   box.y >= o->y + o->height || o->y >= box.y + box.height;
          }
        if (free)
          {
            tx = places[p][0];
            ty = places[p][1];
            break;
          }
      }

    _dml_render_set_color (cr, &ctx->style->background, 0.85);
    cairo_rectangle (cr, tx - pad / 2, ty, w + pad, h);
    cairo_fill (cr);
    _dml_render_record_box (ctx->geometry->label_boxes, tx - pad / 2, ty, w + pad, h);
    _dml_render_text (ctx, label, tx, ty, 0, 0, 0.9, TRUE, 0, unfit ? &ctx->style->foreground : &color);
  }
}
