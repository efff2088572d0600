/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-chart-views"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dml-chart-renderer-private.h"
#include "dml-format.h"
#include "dml-output.h"
#include "dml-timeline.h"

/* The four views of one sweep: utilization with its regime bands and
 * markers, the layout's degrees, the step's parts, and cost. The frame,
 * axes and text they draw with are in dml-chart-renderer.c. */


typedef struct
{
  const char *label;
  DmlColor    color;
  double      dash;  /* 0 for a solid line */
  double      (*get) (const DmlPoint *point);
  const char *unit;  /* of the values: ticks read "100 GW", "$8 B" */
} Series;

typedef struct
{
  double      flop;
  const char *label;
  const char *letter; /* in small multiples */
  DmlColor    color;
  char       *text;   /* what is drawn: the label, with its value in exports */
} Marker;

/* Regime bands behind the curve, one rectangle per run of a regime so
 * no seams show; past the wall, hatching as in the paper. */
static void
draw_bands (DmlRenderContext            *ctx,
            const DmlSweep *sweep)
{
  cairo_t *cr = ctx->cr;
  guint start = 0;

  for (guint i = 1; i <= sweep->n_points; i++)
    {
      DmlRegime regime = sweep->points[start].band;
      double x0, x1, unused;

      if (i < sweep->n_points && sweep->points[i].band == regime)
        continue;

      _dml_render_point_span (ctx, sweep, start, &x0, &unused);
      _dml_render_point_span (ctx, sweep, i - 1, &unused, &x1);
      _dml_render_set_color (cr, &ctx->style->regime[regime], regime == DML_REGIME_INFEASIBLE ? 0.16 : 0.10);
      cairo_rectangle (cr, x0, ctx->py, x1 - x0, ctx->ph);
      cairo_fill (cr);

      if (regime == DML_REGIME_INFEASIBLE)
        {
          cairo_save (cr);
          cairo_rectangle (cr, x0, ctx->py, x1 - x0, ctx->ph);
          cairo_clip (cr);
          _dml_render_set_color (cr, &ctx->style->regime[DML_REGIME_INFEASIBLE], 0.35);
          cairo_set_line_width (cr, 1);
          for (double x = x0 - ctx->ph; x < x1; x += 0.8 * ctx->font_px)
            {
              cairo_move_to (cr, x, ctx->py + ctx->ph);
              cairo_line_to (cr, x + ctx->ph, ctx->py);
            }
          cairo_stroke (cr);
          cairo_restore (cr);
        }

      start = i;
    }
}

static void
collect_markers (DmlRenderContext    *ctx,
                 Marker *markers,
                 guint  *n_markers)
{
  const DmlSummary *s = &ctx->spec->sweep->summary;
  const DmlColor *regime = ctx->style->regime;
  guint n = 0;

  if (isfinite (s->dram_onset))
    markers[n++] = (Marker) { s->dram_onset, _("DRAM-bound"), C_("marker", "D"), regime[DML_REGIME_DRAM] };
  if (isfinite (s->network_onset))
    markers[n++] = (Marker) { s->network_onset, _("Network-bound"), C_("marker", "N"), regime[DML_REGIME_NETWORK] };
  if (isfinite (s->latency_onset))
    markers[n++] = (Marker) { s->latency_onset, _("Latency-bound"), C_("marker", "L"), regime[DML_REGIME_LATENCY] };
  if (isfinite (s->wall) && s->wall < ctx->spec->sweep->points[ctx->spec->sweep->n_points - 1].flop)
    markers[n++] = (Marker) { s->wall, _("Wall"), C_("marker", "W"), ctx->style->foreground };
  if (isfinite (s->batch_cap) && s->batch_cap > 0)
    markers[n++] = (Marker) { s->batch_cap, _("Batch cap"), C_("marker", "B"), ctx->style->foreground };
  /* Where interruptions leave less than half the elapsed time to work:
   * the reliability-bound band's marker, in its colour. The band itself
   * starts where interruptions take the most points (docs/model.md), often
   * well before; a second marker there would say less than this one. */
  if (s->goodput && isfinite (s->reliability_onset))
    markers[n++] = (Marker) { s->reliability_onset, _("Reliability"), C_("marker", "R"), regime[DML_REGIME_RELIABILITY] };
  if (ctx->spec->show_max_at_80 && isfinite (s->max_at_80))
    /* xgettext:no-c-format */
    markers[n++] = (Marker) { s->max_at_80, _("80% of peak utilization"), C_("marker", "80%"), ctx->style->foreground };

  *n_markers = n;
}

/* The other overlap assumption's curve: a long dash, at a tenth of the
 * font size per unit, unlike the markers' and the plateau's short ones,
 * thinner than the curve so that both show where they coincide. */
static const double other_dashes[] = { 9, 5 };

static inline double
other_dash_unit (DmlRenderContext *ctx)
{
  return MAX (0.6, ctx->font_px / 10);
}

static inline double
other_line_width (DmlRenderContext *ctx)
{
  return MAX (1.5, 0.13 * ctx->font_px);
}

/* Whether @ctx draws the other assumption's curve: a sweep of the same
 * points as the one shown, under the other assumption. */
static gboolean
other_shown (DmlRenderContext *ctx)
{
  const DmlSweep *sweep = ctx->spec->sweep, *other = ctx->spec->other;

  return other != NULL && ctx->spec->view == DML_CHART_UTILIZATION &&
         other->params.overlap != sweep->params.overlap && other->n_points == sweep->n_points &&
         other->n_points > 0 && other->points[0].flop == sweep->points[0].flop &&
         other->points[other->n_points - 1].flop == sweep->points[sweep->n_points - 1].flop;
}

/* Whether a curve drawn so far crosses the box, each segment sampled
 * every pixel. */
static gboolean
box_hits_curves (DmlRenderContext *ctx,
                 double            x,
                 double            y,
                 double            width,
                 double            height)
{
  GArray *segments = ctx->geometry->data_segments;

  for (guint i = 0; i < segments->len; i++)
    {
      const DmlChartSegment *seg = &g_array_index (segments, DmlChartSegment, i);
      guint steps = (guint) ceil (hypot (seg->x1 - seg->x0, seg->y1 - seg->y0)) + 1;

      if (MAX (seg->x0, seg->x1) < x || MIN (seg->x0, seg->x1) > x + width ||
          MAX (seg->y0, seg->y1) < y || MIN (seg->y0, seg->y1) > y + height)
        continue;
      for (guint k = 0; k <= steps; k++)
        {
          double px = seg->x0 + (seg->x1 - seg->x0) * k / steps;
          double py = seg->y0 + (seg->y1 - seg->y0) * k / steps;

          if (px >= x && px <= x + width && py >= y && py <= y + height)
            return TRUE;
        }
    }
  return FALSE;
}

/* Dashed verticals with labels at the top, each label on the first row
 * where it does not touch another. All lines are drawn before any label,
 * so no line crosses a label. A label sits right of its line; where it
 * does not fit it ends at the line instead, and a short leader joins the
 * two, so it never reads as the neighbour's. Exports add the value
 * ("Wall 5.6 × 10³¹"): a slide has no summary strip. */
static void
draw_markers (DmlRenderContext *ctx)
{
  cairo_t *cr = ctx->cr;
  Marker markers[12];
  double xs[12], placed_left[12], placed_right[12];
  guint placed_row[12], n_placed = 0;
  guint n;
  gboolean avoid_curves;

  collect_markers (ctx, markers, &n);
  avoid_curves = other_shown (ctx) && !ctx->compact;

  for (guint i = 0; i < n; i++)
    {
      xs[i] = round (_dml_render_x_of (ctx, markers[i].flop)) + 0.5;
      if (xs[i] < ctx->px || xs[i] > ctx->px + ctx->pw)
        continue;

      _dml_render_set_color (cr, &markers[i].color, 0.9);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, (double[]) { 5, 4 }, 2, 0);
      cairo_move_to (cr, xs[i], ctx->py);
      cairo_line_to (cr, xs[i], ctx->py + ctx->ph);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      g_array_append_val (ctx->geometry->marker_x, xs[i]);
    }

  for (guint i = 0; i < n; i++)
    {
      double x = xs[i], w, h, pad = 0.3 * ctx->font_px, left = 0, top;
      gboolean flipped = FALSE, found = FALSE;
      guint row = 0, n_rows;

      if (ctx->compact)
        markers[i].text = g_strdup (markers[i].letter);
      else if (ctx->spec->view == DML_CHART_TIMELINE)
        {
          /* The timeline's point is the year, and the compute it takes:
           * "Wall 2033 · 5.6 × 10³¹". */
          const DmlParams *params = &ctx->spec->sweep->params;
          g_autofree char *value = dml_format_power_of_ten (markers[i].flop, 2);

          markers[i].text = g_strdup_printf ("%s %d · %s", markers[i].label,
                                             (int) floor (dml_timeline_year (params, params->growth, markers[i].flop)),
                                             value);
        }
      else if (ctx->spec->marker_values)
        {
          g_autofree char *value = dml_format_power_of_ten (markers[i].flop, 2);

          markers[i].text = g_strdup_printf ("%s %s", markers[i].label, value);
        }
      else
        markers[i].text = g_strdup (markers[i].label);

      if (x < ctx->px || x > ctx->px + ctx->pw)
        continue;

      _dml_render_measure (ctx, markers[i].text, 0.9, TRUE, &w, &h);
      /* The first row, from the top, where the label fits right of its
       * line, or else the first where it fits left of it, touching no
       * label already placed; in a small plot (a small multiple) only the
       * rows it has, so that no label falls onto the axis's numbers. */
      n_rows = ctx->compact ? CLAMP ((guint) floor ((ctx->ph - pad) / (h + pad)), 1, 8) : 8;
      for (guint side = 0; side < 2 && !found; side++)
        for (row = 0; row < n_rows && !found; row++)
          {
            double l = side == 0 ? x + 2 * pad : x - 2 * pad - w;
            gboolean free = l >= ctx->px + pad / 2 && l + w + pad <= ctx->px + ctx->pw;

            for (guint k = 0; k < n_placed && free; k++)
              free = placed_row[k] != row || l + w + 2 * pad <= placed_left[k] || l >= placed_right[k];
            /* With the other assumption's curve there are two curves to
             * read: a label covers neither where it can help it. */
            if (free && avoid_curves)
              free = !box_hits_curves (ctx, l - pad / 2, ctx->py + pad + row * (h + pad), w + pad, h);
            if (free)
              {
                found = TRUE;
                flipped = side == 1;
                left = l;
              }
          }
      if (found)
        row--;
      else
        {
          /* No room: the last row, inside the plot, as before. */
          row = n_rows - 1;
          flipped = x + 2 * pad + w > ctx->px + ctx->pw;
          left = flipped ? MAX (ctx->px + pad, x - 2 * pad - w) : x + 2 * pad;
        }
      placed_left[n_placed] = left;
      placed_right[n_placed] = left + w + 2 * pad;
      placed_row[n_placed++] = row;
      top = ctx->py + pad + row * (h + pad);

      _dml_render_set_color (cr, &ctx->style->background, 0.92);
      cairo_rectangle (cr, left - pad / 2, top, w + pad, h);
      cairo_fill (cr);
      _dml_render_record_box (ctx->geometry->label_boxes, MIN (left - pad / 2, x - 1), top,
                              MAX (left + w + pad / 2, x + 1) - MIN (left - pad / 2, x - 1), h);
      _dml_render_set_color (cr, &markers[i].color, 0.9);
      cairo_set_line_width (cr, 1.5);
      cairo_move_to (cr, x, top + h / 2);
      cairo_line_to (cr, flipped ? left + w + pad / 2 : left - pad / 2, top + h / 2);
      cairo_stroke (cr);
      _dml_render_text (ctx, markers[i].text, left, top, 0, 0, 0.9, TRUE, 0, &markers[i].color);
    }

  for (guint i = 0; i < n; i++)
    g_free (markers[i].text);
}

static void
draw_point_marks (DmlRenderContext    *ctx,
                  int     index,
                  double  y,
                  double  top,
                  double  height,
                  gboolean pinned)
{
  cairo_t *cr = ctx->cr;
  const DmlPoint *p = &ctx->spec->sweep->points[index];
  double x = _dml_render_x_of (ctx, p->flop);

  _dml_render_set_color (cr, &ctx->style->foreground, pinned ? 0.8 : 0.45);
  cairo_set_line_width (cr, 1);
  if (!pinned)
    {
      cairo_move_to (cr, round (x) + 0.5, top);
      cairo_line_to (cr, round (x) + 0.5, top + height);
      cairo_move_to (cr, ctx->px, round (y) + 0.5);
      cairo_line_to (cr, ctx->px + ctx->pw, round (y) + 0.5);
      cairo_stroke (cr);
      _dml_render_set_color (cr, &ctx->style->regime[p->band], 1);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, 0.35 * ctx->font_px, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  else
    {
      cairo_set_line_width (cr, 2);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, 0.55 * ctx->font_px, 0, 2 * G_PI);
      cairo_stroke (cr);
    }
}

/* The P10–P90 band of utilization over the samples, and their median,
 * under the curve. Only a band of this very sweep is drawn. */
static void
draw_uncertainty (DmlRenderContext *ctx,
                  double            y_max)
{
  cairo_t *cr = ctx->cr;
  const DmlUncertainty *u = ctx->spec->uncertainty;
  const DmlPercentiles *p;

  if (!dml_uncertainty_matches (u, ctx->spec->sweep))
    return;

#define Y_OF(value) (ctx->py + ctx->ph - (100 * (value)) / y_max * ctx->ph)
  p = u->utilization;
  /* A P90 above the axis's top is cut at the plot's edge. */
  cairo_save (cr);
  cairo_rectangle (cr, ctx->px, ctx->py, ctx->pw, ctx->ph);
  cairo_clip (cr);
  cairo_new_path (cr);
  for (guint i = 0; i < u->n_points; i++)
    cairo_line_to (cr, _dml_render_x_of (ctx, u->flop[i]), Y_OF (p[i].p90));
  for (guint i = u->n_points; i-- > 0;)
    cairo_line_to (cr, _dml_render_x_of (ctx, u->flop[i]), Y_OF (p[i].p10));
  cairo_close_path (cr);
  _dml_render_set_color (cr, &ctx->style->foreground, 0.16);
  cairo_fill (cr);

  cairo_set_line_width (cr, MAX (1, 0.1 * ctx->font_px));
  cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
  for (guint i = 0; i < u->n_points; i++)
    cairo_line_to (cr, _dml_render_x_of (ctx, u->flop[i]), Y_OF (p[i].p50));
  _dml_render_set_color (cr, &ctx->style->foreground, 0.55);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_restore (cr);

  for (guint i = 0; i + 1 < u->n_points; i++)
    {
      double x0 = _dml_render_x_of (ctx, u->flop[i]), x1 = _dml_render_x_of (ctx, u->flop[i + 1]);
      double y0 = MAX (ctx->py, MIN (Y_OF (p[i].p90), Y_OF (p[i + 1].p90)));
      double y1 = MIN (ctx->py + ctx->ph, MAX (Y_OF (p[i].p10), Y_OF (p[i + 1].p10)));

      _dml_render_record_box (ctx->geometry->band_boxes, x0, y0, x1 - x0, y1 - y0);
    }
#undef Y_OF

  ctx->geometry->band_points = u->n_points;
}

/* The utilization view's key: the regimes the curve shows, the band,
 * and the real runs' shapes. */
static void
utilization_key (DmlRenderContext *ctx,
                 DmlKey           *key,
                 double            y_max)
{
  const DmlSweep *sweep = ctx->spec->sweep;
  static const DmlRegime regimes[] = { DML_REGIME_COMPUTE, DML_REGIME_DRAM, DML_REGIME_NETWORK,
                                       DML_REGIME_LATENCY, DML_REGIME_RELIABILITY, DML_REGIME_INFEASIBLE };
  gboolean present[DML_N_REGIMES] = { FALSE };
  gboolean first = TRUE;

  for (guint i = 0; i < sweep->n_points; i++)
    present[sweep->points[i].band] = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (regimes); i++)
    if (present[regimes[i]])
      {
        _dml_key_add (key, DML_KEY_SWATCH, &ctx->style->regime[regimes[i]], dml_regime_label (regimes[i]), first);
        first = FALSE;
      }
  if (dml_uncertainty_matches (ctx->spec->uncertainty, sweep))
    {
      g_autofree char *label = g_strdup_printf (_("P10–P90 of %u samples"), ctx->spec->uncertainty->n_samples);
      DmlColor shade = ctx->style->foreground;

      shade.alpha = 0.3;
      _dml_key_add (key, DML_KEY_SWATCH, &shade, label, FALSE);
    }
  if (other_shown (ctx))
    {
      DmlKeyItem *item = _dml_key_add (key, DML_KEY_LINE, &ctx->style->foreground,
                                       dml_overlap_label (ctx->spec->other->params.overlap), FALSE);

      item->dashes = other_dashes;
      item->n_dashes = G_N_ELEMENTS (other_dashes);
      item->dash_unit = other_dash_unit (ctx);
      item->line_width = other_line_width (ctx);
    }
  _dml_render_runs_key (ctx, key, y_max);
}

/* The same design under the other overlap assumption (docs/model.md,
 * "Overlap"), dashed over the curve: the paper's bound above today's
 * practice, or below it. Drawn only with a sweep of its own points. */
static void
draw_other (DmlRenderContext *ctx,
            double            y_max)
{
  cairo_t *cr = ctx->cr;
  const DmlSweep *other = ctx->spec->other;

  if (!other_shown (ctx))
    return;

#define Y_OF(u) (ctx->py + ctx->ph - (100 * (u)) / y_max * ctx->ph)
  cairo_save (cr);
  cairo_set_line_width (cr, other_line_width (ctx));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_dash (cr, (double[]) { other_dashes[0] * other_dash_unit (ctx), other_dashes[1] * other_dash_unit (ctx) },
                  2, 0);
  _dml_render_set_color (cr, &ctx->style->foreground, 0.85);
  cairo_new_path (cr);
  for (guint i = 1; i < other->n_points; i++)
    {
      const DmlPoint *a = &other->points[i - 1];
      const DmlPoint *b = &other->points[i];
      double x0 = _dml_render_x_of (ctx, a->flop), y0 = Y_OF (a->utilization);
      double x1 = _dml_render_x_of (ctx, b->flop), y1 = Y_OF (b->feasible ? b->utilization : 0);

      if (!a->feasible)
        continue;
      /* One path, so that the dashes run on across the points. */
      if (!cairo_has_current_point (cr))
        cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x1, y1);
      _dml_render_record_segment (ctx, x0, y0, x1, y1);
      ctx->geometry->other_segments++;
      if (!b->feasible)
        {
          cairo_stroke (cr);
          cairo_new_path (cr);
        }
    }
  cairo_stroke (cr);
  cairo_restore (cr);
#undef Y_OF
}

void
_dml_render_utilization (DmlRenderContext *ctx)
{
  cairo_t *cr = ctx->cr;
  const DmlSweep *sweep = ctx->spec->sweep;
  const DmlColor *fg = &ctx->style->foreground;
  double u_max = sweep->params.max_utilization;
  double y_max = ctx->y_max > 0 ? ctx->y_max : _dml_render_runs_y_max (ctx, _dml_render_y_max_for (u_max));
  double y_step = y_max > 50 ? 10 : 5;
  DmlKey key;

#define Y_OF(u) (ctx->py + ctx->ph - (100 * (u)) / y_max * ctx->ph)

  _dml_key_init (&key);
  if (!ctx->compact)
    utilization_key (ctx, &key, y_max);
  /* Where no place in the plot is free, the key stands above it. */
  if (ctx->key_outside)
    _dml_key_above (ctx, &key);

  draw_bands (ctx, sweep);

  /* xgettext:no-c-format */
  _dml_render_percent_axes (ctx, y_max, y_step, _("Utilization (% of peak)"));

  /* The plateau the hardware could sustain. */
  _dml_render_set_color (cr, fg, 0.35);
  cairo_set_dash (cr, (double[]) { 2, 3 }, 2, 0);
  cairo_move_to (cr, ctx->px, round (Y_OF (u_max)) + 0.5);
  cairo_line_to (cr, ctx->px + ctx->pw, round (Y_OF (u_max)) + 0.5);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  draw_uncertainty (ctx, y_max);

  /* The curve, each segment in the regime of the point it reaches; past
   * the wall it drops to zero. */
  cairo_set_line_width (cr, MAX (2, 0.22 * ctx->font_px));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 1; i < sweep->n_points; i++)
    {
      const DmlPoint *a = &sweep->points[i - 1];
      const DmlPoint *b = &sweep->points[i];
      double x0 = _dml_render_x_of (ctx, a->flop), y0 = Y_OF (a->utilization);
      double x1 = _dml_render_x_of (ctx, b->flop), y1 = Y_OF (b->feasible ? b->utilization : 0);

      if (!a->feasible)
        continue;
      _dml_render_set_color (cr, &ctx->style->regime[b->band], 1);
      cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x1, y1);
      cairo_stroke (cr);
      _dml_render_record_segment (ctx, x0, y0, x1, y1);
    }
  draw_other (ctx, y_max);

  draw_markers (ctx);

  /* Real runs over the curve, and a given run over them; then the key
   * where it covers none of it. */
  _dml_render_runs (ctx, y_max);
  _dml_render_given_run (ctx, y_max);
  if (!ctx->compact && !ctx->key_outside)
    _dml_key_place (ctx, &key, ctx->px, ctx->py, ctx->pw, ctx->ph);
  _dml_key_clear (&key);

  if (ctx->spec->pinned >= 0 && (guint) ctx->spec->pinned < sweep->n_points)
    {
      const DmlPoint *p = &sweep->points[ctx->spec->pinned];
      draw_point_marks (ctx, ctx->spec->pinned, Y_OF (p->feasible ? p->utilization : 0), ctx->py, ctx->ph, TRUE);
    }
  if (ctx->spec->hover >= 0 && (guint) ctx->spec->hover < sweep->n_points)
    {
      const DmlPoint *p = &sweep->points[ctx->spec->hover];
      draw_point_marks (ctx, ctx->spec->hover, Y_OF (p->feasible ? p->utilization : 0), ctx->py, ctx->ph, FALSE);
    }

#undef Y_OF
}

/* Lines on a log axis in the box top..top+height; a series is drawn
 * only where its points are feasible and positive. */
/* A decade on a log axis, in the unit people use for it: "10⁸" GPUs,
 * "$100 B", "100 GW". */
static char *
tick_label (const char *unit,
            int         exponent)
{
  double value = pow (10, exponent);

  if (unit == NULL || unit[0] == '\0')
    return _dml_render_decade_label (exponent);
  if (g_str_equal (unit, "USD"))
    return dml_format_usd (value);

  return dml_format_quantity (value, unit);
}

static void
series_key (DmlRenderContext *ctx,
            DmlKey           *key,
            const Series     *series,
            guint             n_series)
{
  for (guint s = 0; s < n_series; s++)
    {
      DmlKeyItem *item = _dml_key_add (key, DML_KEY_LINE, &series[s].color, series[s].label, FALSE);

      if (series[s].dash > 0)
        {
          static const double dashes[][2] = { { 3, 2.1 }, { 6, 4.2 } };

          item->dashes = dashes[series[s].dash > 4];
          item->n_dashes = 2;
        }
    }
}

static void
draw_log_panel (DmlRenderContext          *ctx,
                double        top,
                double        height,
                const char   *title,
                const Series *series,
                guint         n_series,
                gboolean      legend)
{
  cairo_t *cr = ctx->cr;
  const DmlSweep *sweep = ctx->spec->sweep;
  const DmlColor *fg = &ctx->style->foreground;
  double lo = G_MAXDOUBLE, hi = 0, lo_e, hi_e, label_h, dummy;
  int step = 1;

  for (guint s = 0; s < n_series; s++)
    for (guint i = 0; i < sweep->n_points; i++)
      if (sweep->points[i].feasible)
        {
          double v = series[s].get (&sweep->points[i]);

          if (v > 0)
            {
              lo = MIN (lo, v);
              hi = MAX (hi, v);
            }
        }

  if (hi == 0)
    {
      lo = 1;
      hi = 10;
    }
  lo_e = floor (log10 (lo));
  hi_e = MAX (lo_e + 1, ceil (log10 (hi)));

  _dml_render_measure (ctx, "10⁰", 1, FALSE, &dummy, &label_h);
  while ((hi_e - lo_e) / step * label_h * 1.3 > height && step < 50)
    step++;

#define Y_OF(v) (top + height - (log10 (v) - lo_e) / (hi_e - lo_e) * height)

  cairo_set_line_width (cr, 1);
  for (double e = lo_e; e <= hi_e; e++)
    {
      double y = round (Y_OF (pow (10, e))) + 0.5;

      _dml_render_set_color (cr, fg, 0.10);
      cairo_move_to (cr, ctx->px, y);
      cairo_line_to (cr, ctx->px + ctx->pw, y);
      cairo_stroke (cr);
      if ((int) (e - lo_e) % step == 0)
        {
          g_autofree char *label = tick_label (series[0].unit, (int) e);
          _dml_render_text (ctx, label, ctx->px - 0.4 * ctx->font_px, y, 1, 0.5, 1, FALSE, 0, fg);
        }
    }
  _dml_render_frame (ctx, top, height);
  _dml_render_y_title (ctx, title, top, height);

  cairo_set_line_width (cr, MAX (1.5, 0.18 * ctx->font_px));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint s = 0; s < n_series; s++)
    {
      gboolean drawing = FALSE;

      _dml_render_set_color (cr, &series[s].color, 1);
      if (series[s].dash > 0)
        cairo_set_dash (cr, (double[]) { series[s].dash, series[s].dash * 0.7 }, 2, 0);
      double last_x = 0, last_y = 0;

      for (guint i = 0; i < sweep->n_points; i++)
        {
          const DmlPoint *p = &sweep->points[i];
          double v = p->feasible ? series[s].get (p) : 0, x, y;

          if (v <= 0)
            {
              drawing = FALSE;
              continue;
            }
          x = _dml_render_x_of (ctx, p->flop);
          y = Y_OF (v);
          if (drawing)
            {
              cairo_line_to (cr, x, y);
              _dml_render_record_segment (ctx, last_x, last_y, x, y);
            }
          else
            cairo_move_to (cr, x, y);
          last_x = x;
          last_y = y;
          drawing = TRUE;
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  /* The key where it covers no line, else above the plot (the next
   * pass draws it there). */
  if (legend && !ctx->key_outside)
    {
      DmlKey key;

      _dml_key_init (&key);
      series_key (ctx, &key, series, n_series);
      _dml_key_place (ctx, &key, ctx->px, top, ctx->pw, height);
      _dml_key_clear (&key);
    }

  if (ctx->spec->hover >= 0 && (guint) ctx->spec->hover < sweep->n_points &&
      sweep->points[ctx->spec->hover].feasible && series[0].get (&sweep->points[ctx->spec->hover]) > 0)
    draw_point_marks (ctx, ctx->spec->hover, Y_OF (series[0].get (&sweep->points[ctx->spec->hover])),
                      top, height, FALSE);

#undef Y_OF
}

static Series
output_series (const char     *id,
               const DmlColor *color,
               double          dash)
{
  const DmlOutput *output = dml_output_lookup (id);

  return (Series) { dml_output_label (output), *color, dash, output->get, output->unit };
}

void
_dml_render_layout (DmlRenderContext *ctx)
{
  const DmlColor *r = ctx->style->regime;
  Series series[] = {
    output_series ("gpus", &ctx->style->foreground, 0),
    output_series ("dp", &r[DML_REGIME_COMPUTE], 0),
    output_series ("tp", &r[DML_REGIME_NETWORK], 0),
    output_series ("pp", &r[DML_REGIME_DRAM], 0),
    output_series ("ep", &r[DML_REGIME_LATENCY], 6),
    output_series ("microbatches", &r[DML_REGIME_INFEASIBLE], 3),
  };

  if (ctx->key_outside)
    {
      DmlKey key;

      _dml_key_init (&key);
      series_key (ctx, &key, series, G_N_ELEMENTS (series));
      _dml_key_above (ctx, &key);
      _dml_key_clear (&key);
    }
  draw_log_panel (ctx, ctx->py, ctx->ph, _("GPUs and parallel degrees"), series, G_N_ELEMENTS (series), TRUE);
  _dml_render_x_axis (ctx);
}

void
_dml_render_cost (DmlRenderContext *ctx)
{
  const DmlColor *r = ctx->style->regime;
  Series hours = output_series ("gpu_hours", &r[DML_REGIME_COMPUTE], 0);
  /* GPU-hours and the site's electricity; the GPUs' power and the site's. */
  Series cost[] = { output_series ("cost_usd", &r[DML_REGIME_DRAM], 0),
                    output_series ("energy_cost_usd", &r[DML_REGIME_NETWORK], 6) };
  Series power[] = { output_series ("power_w", &r[DML_REGIME_LATENCY], 0),
                     output_series ("facility_power_w", &r[DML_REGIME_INFEASIBLE], 6) };
  double gap = 1.8 * ctx->font_px, h;
  DmlKey key;

  /* Three panels leave no room inside for a key: it stands above them. */
  _dml_key_init (&key);
  series_key (ctx, &key, cost, G_N_ELEMENTS (cost));
  series_key (ctx, &key, power, G_N_ELEMENTS (power));
  _dml_key_above (ctx, &key);
  _dml_key_clear (&key);

  /* Room for half a tick label above and below each join. */
  h = (ctx->ph - 2 * gap) / 3;
  draw_log_panel (ctx, ctx->py, h, hours.label, &hours, 1, FALSE);
  draw_log_panel (ctx, ctx->py + h + gap, h, cost[0].label, cost, G_N_ELEMENTS (cost), FALSE);
  draw_log_panel (ctx, ctx->py + 2 * (h + gap), h, power[0].label, power, G_N_ELEMENTS (power), FALSE);
  _dml_render_x_axis (ctx);
}

/* The share of the step each part takes, stacked in the output table's
 * order and coloured by the regime it counts toward; of parts that share
 * a regime, all but the last are lighter. */
void
_dml_render_time (DmlRenderContext *ctx)
{
  cairo_t *cr = ctx->cr;
  const DmlSweep *sweep = ctx->spec->sweep;
  const DmlColor *fg = &ctx->style->foreground;
  const DmlColor *r = ctx->style->regime;
  const DmlOutput *outputs, *parts[16];
  const char *labels[16];
  DmlColor colors[16];
  guint n_outputs, n_parts = 0;

  /* Only the parts this sweep has: a one-site design has no time
   * between sites, and its legend does not list it. */
  outputs = dml_outputs (&n_outputs);
  for (guint c = 0; c < n_outputs && n_parts < G_N_ELEMENTS (parts); c++)
    if (outputs[c].flags & DML_OUTPUT_STEP_PART)
      {
        gboolean present = FALSE;

        for (guint i = 0; i < sweep->n_points && !present; i++)
          present = sweep->points[i].feasible && dml_output_get (&outputs[c], &sweep->points[i]) > 0;
        if (!present)
          continue;
        parts[n_parts] = &outputs[c];
        labels[n_parts] = dml_output_label (&outputs[c]);
        colors[n_parts] = r[outputs[c].regime];
        n_parts++;
      }
  for (guint k = 0; k + 1 < n_parts; k++)
    for (guint later = k + 1; later < n_parts; later++)
      if (parts[later]->regime == parts[k]->regime)
        colors[k].alpha = 0.55;

  /* The legend gets rows of its own above the bars, which fill the
   * plot to its top. */
  {
    DmlKey key;

    _dml_key_init (&key);
    for (guint k = 0; k < n_parts; k++)
      _dml_key_add (&key, DML_KEY_SWATCH, &colors[k], labels[k], FALSE);
    _dml_key_above (ctx, &key);
    _dml_key_clear (&key);
  }

#define Y_OF(share) (ctx->py + ctx->ph - (share) * ctx->ph)

  for (guint i = 0; i < sweep->n_points; i++)
    {
      const DmlPoint *p = &sweep->points[i];
      double x0, x1, below = 0;

      _dml_render_point_span (ctx, sweep, i, &x0, &x1);
      if (!p->feasible || p->time.step <= 0)
        {
          _dml_render_set_color (cr, &r[DML_REGIME_INFEASIBLE], 0.15);
          cairo_rectangle (cr, x0, ctx->py, x1 - x0, ctx->ph);
          cairo_fill (cr);
          continue;
        }

      for (guint k = 0; k < n_parts; k++)
        {
          double share = dml_output_get (parts[k], p) / p->time.step;

          _dml_render_set_color (cr, &colors[k], 0.85);
          /* Adjacent columns overlap by a pixel so no seam shows. */
          cairo_rectangle (cr, x0, Y_OF (below + share), x1 - x0 + 1, share * ctx->ph);
          cairo_fill (cr);
          below += share;
        }
    }

  _dml_render_percent_axes (ctx, 100, 20, _("Share of step time"));

  if (ctx->spec->hover >= 0 && (guint) ctx->spec->hover < sweep->n_points)
    {
      double x = round (_dml_render_x_of (ctx, sweep->points[ctx->spec->hover].flop)) + 0.5;

      _dml_render_set_color (cr, fg, 0.8);
      cairo_move_to (cr, x, ctx->py);
      cairo_line_to (cr, x, ctx->py + ctx->ph);
      cairo_stroke (cr);
    }

#undef Y_OF
}
