/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-tornado-renderer"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "dml-chart-renderer-private.h"
#include "dml-format.h"

/* The value a tornado bar shows for @lever: decades, or points of
 * utilization when @by is DML_N_FIGURES. */
static double
tornado_value (const DmlSensitivity *s,
               DmlLever              lever,
               int                   by)
{
  return by < DML_N_FIGURES ? s->results[lever].shift[by] : 100 * s->results[lever].utilization_change;
}

/* Levers as horizontal bars, largest effect on top: how far each moves
 * the chosen figure. The plot area in @geometry spans the bars; row i of
 * it is @order[i]. */
void
dml_tornado_render (cairo_t              *cr,
                    double                width,
                    double                height,
                    const DmlChartStyle  *style,
                    const DmlSensitivity *s,
                    int                   by,
                    const char           *title,
                    DmlChartGeometry     *geometry,
                    DmlLever             *order)
{
  DmlChartGeometry local;
  DmlChartSpec spec = { 0 };
  DmlRenderContext ctx;
  const DmlColor *fg = &style->foreground;
  double label_w = 0, value_w, h, lo = 0, hi = 0, row_h, zero_x, scale, top, step;
  g_autofree char *axis = NULL;
  g_autofree char *at = dml_format_flop (s->at_flop);
  guint n;

  _dml_render_begin (&ctx, cr, width, height, style, &spec, geometry, &local);

  n = dml_sensitivity_rank (s, by, order);
  /* The axis says from where the bars start, and which way is better: a
   * figure later in compute is better; utilization is only a change, for
   * a faster GPU that trains faster can be busy less of its step. */
  if (by < DML_N_FIGURES)
    {
      double base = dml_summary_figure (&s->base->summary, by);
      g_autofree char *value = isfinite (base) ? dml_format_power_of_ten (base, 2) : NULL;

      if (value != NULL)
        /* TRANSLATORS: a figure such as "Wall", and its baseline compute */
        axis = g_strdup_printf (_("← worse · %s: shift in decades from %s FLOP · better →"), dml_figure_label (by), value);
      else
        /* TRANSLATORS: %s is a figure such as "Wall" or "DRAM-bound onset" */
        axis = g_strdup_printf (_("← worse · %s: shift in decades of training compute · better →"),
                                dml_figure_label (by));
    }
  else
    {
      g_autofree char *base = dml_format_percent (s->base_utilization);

      /* TRANSLATORS: the compute, and the baseline's utilization there */
      axis = g_strdup_printf (_("Utilization at %s: change in points from %s (higher is busier, not faster)"), at, base);
    }
  top = _dml_render_titles (&ctx, title, NULL, 1.3);

  /* The axis fits the measured shifts; a lower bound (the figure left the
   * range) runs off its end with an arrow instead of squashing the rest. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = g_strdup_printf ("%s (%s)", dml_lever_label (order[i]), s->results[order[i]].change);
      double w, v = tornado_value (s, order[i], by);

      _dml_render_measure (&ctx, label, 1, FALSE, &w, &h);
      label_w = MAX (label_w, w);
      if (isfinite (v) && !(by < DML_N_FIGURES && s->results[order[i]].at_least[by]))
        {
          lo = MIN (lo, v);
          hi = MAX (hi, v);
        }
    }
  for (guint i = 0; i < n; i++)
    if (by < DML_N_FIGURES && s->results[i].at_least[by] && s->results[i].shift[by] > hi)
      {
        hi = MAX (hi * 1.15, hi + 0.1);
        break;
      }
  {
    g_autofree char *widest = g_strdup_printf ("≥ +0.00 %s", _("better"));

    _dml_render_measure (&ctx, widest, 0.9, TRUE, &value_w, &h);
  }

  ctx.px = 1.2 * ctx.font_px + label_w + 0.8 * ctx.font_px + value_w;
  ctx.pw = width - ctx.px - 1.2 * ctx.font_px - value_w;
  ctx.py = top + 0.4 * ctx.font_px;
  ctx.ph = height - ctx.py - 3.4 * ctx.font_px;
  row_h = ctx.ph / n;
  if (hi - lo < 1e-9)
    hi = lo + 1;
  scale = ctx.pw / (hi - lo);
  zero_x = ctx.px - lo * scale;

  /* Grid at round steps, with the axis's name below. */
  step = pow (10, floor (log10 (hi - lo)));
  if ((hi - lo) / step < 3)
    step /= 2;
  cairo_set_line_width (cr, 1);
  for (double v = ceil (lo / step) * step; v <= hi + 1e-9; v += step)
    {
      double x = round (zero_x + v * scale) + 0.5;
      g_autofree char *label = g_strdup_printf ("%+.*f", step < 0.1 ? 2 : step < 1 ? 1 : 0, v);

      _dml_render_set_color (cr, fg, fabs (v) < 1e-9 ? 0.6 : 0.12);
      cairo_move_to (cr, x, ctx.py);
      cairo_line_to (cr, x, ctx.py + ctx.ph);
      cairo_stroke (cr);
      _dml_render_text (&ctx, fabs (v) < 1e-9 ? "0" : label, x, ctx.py + ctx.ph + 0.3 * ctx.font_px, 0.5, 0, 0.9, FALSE, 0, fg);
    }
  _dml_render_text (&ctx, axis, ctx.px + ctx.pw / 2, height - 0.5 * ctx.font_px, 0.5, 1, 1, FALSE, 0, fg);

  for (guint i = 0; i < n; i++)
    {
      const DmlLeverResult *r = &s->results[order[i]];
      g_autofree char *label = g_strdup_printf ("%s (%s)", dml_lever_label (order[i]), r->change);
      double v = tornado_value (s, order[i], by);
      double y = ctx.py + i * row_h;
      gboolean bound = by < DML_N_FIGURES && r->at_least[by];

      _dml_render_text (&ctx, label, ctx.px - 0.8 * ctx.font_px - value_w, y + row_h / 2, 1, 0.5, 1, FALSE, 0, fg);
      if (!isfinite (v))
        {
          /* The reason is in the report and the tooltip; here, the fact,
           * kept inside the plot. */
          const char *text = r->not_applicable != NULL ? _("not applicable") : "—";
          double text_w, text_h;

          _dml_render_measure (&ctx, text, 0.9, FALSE, &text_w, &text_h);
          _dml_render_text (&ctx, text, MIN (zero_x + 0.4 * ctx.font_px, ctx.px + ctx.pw - text_w),
                            y + row_h / 2, 0, 0.5, 0.9, FALSE, 0, fg);
          continue;
        }

      {
        double end = CLAMP (zero_x + v * scale, ctx.px, ctx.px + ctx.pw);
        double bar_top = y + 0.18 * row_h, bar_h = 0.64 * row_h;
        /* A figure's shift says whether it is better; a change in
         * utilization is only a change. */
        const char *verdict = by >= DML_N_FIGURES || fabs (v) < 0.005 ? "" : v > 0 ? _("better") : _("worse");
        g_autofree char *text = g_strdup_printf ("%s%+.2f%s%s", bound ? "≥ " : "", v, verdict[0] ? " " : "", verdict);
        double x = v >= 0 ? end + 0.3 * ctx.font_px : end - 0.3 * ctx.font_px;

        if (by < DML_N_FIGURES)
          _dml_render_set_color (cr, &style->regime[v >= 0 ? DML_REGIME_COMPUTE : DML_REGIME_LATENCY], 1);
        else
          _dml_render_set_color (cr, &style->regime[DML_REGIME_INFEASIBLE], 1);
        if (bound && end >= ctx.px + ctx.pw - 0.5)
          {
            /* Off the axis: the bar ends in an arrow. */
            cairo_move_to (cr, zero_x, bar_top);
            cairo_line_to (cr, end - bar_h / 2, bar_top);
            cairo_line_to (cr, end, bar_top + bar_h / 2);
            cairo_line_to (cr, end - bar_h / 2, bar_top + bar_h);
            cairo_line_to (cr, zero_x, bar_top + bar_h);
            cairo_close_path (cr);
          }
        else
          cairo_rectangle (cr, MIN (zero_x, end), bar_top, fabs (end - zero_x), bar_h);
        cairo_fill (cr);

        _dml_render_text (&ctx, text, x, y + row_h / 2, v >= 0 ? 0 : 1, 0.5, 0.9, TRUE, 0, fg);
      }
    }

  _dml_render_end (&ctx, geometry, &local);
}
