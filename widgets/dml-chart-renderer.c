/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-chart-renderer"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "dml-chart-renderer-private.h"
#include "dml-format.h"
#include "dml-output.h"

/* One renderer for the screen, PNG, SVG and PDF: everything here is in
 * user-space units of the cairo_t it is given, and nothing needs GTK. */


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

static const char *view_ids[] = { "utilization", "layout", "time", "cost" };
static const char *view_labels[] = { N_("Utilization"), N_("Layout"), N_("Time breakdown"), N_("Cost") };

void
_dml_render_set_color (cairo_t        *cr,
           const DmlColor *color,
           double          alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static DmlColor
rgb (guint32 hex)
{
  return (DmlColor) { ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0, (hex & 0xff) / 255.0, 1 };
}

static PangoLayout *
make_layout (DmlRenderContext        *ctx,
             const char *text,
             double      size,
             gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (ctx->cr);
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, ctx->style->font_family ? ctx->style->font_family : "Sans");
  pango_font_description_set_absolute_size (font, size * ctx->font_px * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (font);

  return layout;
}

void
_dml_render_measure (DmlRenderContext        *ctx,
         const char *text,
         double      size,
         gboolean    bold,
         double     *width,
         double     *height)
{
  g_autoptr(PangoLayout) layout = make_layout (ctx, text, size, bold);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

/* Draws @text with its anchor (0 = left/top, 1 = right/bottom) at x, y,
 * turned by @angle (radians), and records its box. */
static void draw_text_full (DmlRenderContext *ctx, const char *text, double x, double y, double anchor_x, double anchor_y,
                            double size, gboolean bold, double angle, const DmlColor *color, double max_width);

void
_dml_render_text (DmlRenderContext            *ctx,
           const char     *text,
           double          x,
           double          y,
           double          anchor_x,
           double          anchor_y,
           double          size,
           gboolean        bold,
           double          angle,
           const DmlColor *color)
{
  draw_text_full (ctx, text, x, y, anchor_x, anchor_y, size, bold, angle, color, 0);
}

/* As _dml_render_text(), ellipsized to @max_width when that is above 0. */
static void
draw_text_full (DmlRenderContext            *ctx,
                const char     *text,
                double          x,
                double          y,
                double          anchor_x,
                double          anchor_y,
                double          size,
                gboolean        bold,
                double          angle,
                const DmlColor *color,
                double          max_width)
{
  g_autoptr(PangoLayout) layout = make_layout (ctx, text, size, bold);
  cairo_t *cr = ctx->cr;
  PangoRectangle logical;
  double w, h;
  cairo_rectangle_t box;

  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }

  pango_layout_get_extents (layout, NULL, &logical);
  w = (double) logical.width / PANGO_SCALE;
  h = (double) logical.height / PANGO_SCALE;
  ctx->geometry->min_text_px = MIN (ctx->geometry->min_text_px, size * ctx->font_px);

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rotate (cr, angle);
  cairo_move_to (cr, -anchor_x * w, -anchor_y * h);
  _dml_render_set_color (cr, color, 1);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);

  /* Rotation maps (u, v) to (u cos a − v sin a, u sin a + v cos a); the
   * renderer only turns text a quarter turn back, for axis titles. */
  if (angle == 0)
    box = (cairo_rectangle_t) { x - anchor_x * w, y - anchor_y * h, w, h };
  else
    box = (cairo_rectangle_t) { x - anchor_y * h, y - (1 - anchor_x) * w, h, w };
  g_array_append_val (ctx->geometry->text_boxes, box);
}

static double
x_of (DmlRenderContext    *ctx,
      double  flop)
{
  return ctx->px + (log10 (flop) - ctx->log_min) / (ctx->log_max - ctx->log_min) * ctx->pw;
}

static char *
decade_label (int exponent)
{
  return dml_format_power_of_ten (pow (10, exponent), 2);
}

/* Vertical grid and labels at decades, thinned so labels never touch. */
static void
draw_x_axis (DmlRenderContext *ctx)
{
  cairo_t *cr = ctx->cr;
  const DmlColor *fg = &ctx->style->foreground;
  int first = (int) ceil (ctx->log_min - 1e-9), last = (int) floor (ctx->log_max + 1e-9);
  double label_w, label_h, step_px;
  int step = 1;
  g_autofree char *widest = decade_label (last);

  _dml_render_measure (ctx, widest, 1, FALSE, &label_w, &label_h);
  step_px = ctx->pw / MAX (1, ctx->log_max - ctx->log_min);
  while (step * step_px < label_w * 1.6 && step < 100)
    step++;

  cairo_set_line_width (cr, 1);
  for (int e = first; e <= last; e++)
    {
      double x = round (x_of (ctx, pow (10, e))) + 0.5;

      _dml_render_set_color (cr, fg, 0.10);
      cairo_move_to (cr, x, ctx->py);
      cairo_line_to (cr, x, ctx->py + ctx->ph);
      cairo_stroke (cr);

      if ((e - first) % step == 0)
        {
          g_autofree char *label = decade_label (e);

          _dml_render_set_color (cr, fg, 0.5);
          cairo_move_to (cr, x, ctx->py + ctx->ph);
          cairo_line_to (cr, x, ctx->py + ctx->ph + 0.3 * ctx->font_px);
          cairo_stroke (cr);
          _dml_render_text (ctx, label, x, ctx->py + ctx->ph + 0.4 * ctx->font_px, 0.5, 0, 1, FALSE, 0, fg);
        }
    }

  _dml_render_text (ctx, _("Training compute (FLOP)"), ctx->px + ctx->pw / 2, ctx->height - 0.5 * ctx->font_px,
             0.5, 1, 1.05, FALSE, 0, fg);
}

static void
draw_y_title (DmlRenderContext        *ctx,
              const char *title,
              double      top,
              double      height)
{
  /* No longer than its axis: a small multiple's is short. */
  draw_text_full (ctx, title, 0.5 * ctx->font_px, top + height / 2, 0.5, 0, 1.05, FALSE, -G_PI / 2,
                  &ctx->style->foreground, height);
}

static void
draw_frame (DmlRenderContext    *ctx,
            double  top,
            double  height)
{
  cairo_t *cr = ctx->cr;

  _dml_render_set_color (cr, &ctx->style->foreground, 0.45);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, ctx->px + 0.5, top);
  cairo_line_to (cr, ctx->px + 0.5, top + height + 0.5);
  cairo_line_to (cr, ctx->px + ctx->pw, top + height + 0.5);
  cairo_stroke (cr);
}

/* The x span a point stands for: halfway to its neighbours. */
static void
point_span (DmlRenderContext            *ctx,
            const DmlSweep *sweep,
            guint           i,
            double         *x0,
            double         *x1)
{
  double x = x_of (ctx, sweep->points[i].flop);

  *x0 = i > 0 ? (x_of (ctx, sweep->points[i - 1].flop) + x) / 2 : ctx->px;
  *x1 = i + 1 < sweep->n_points ? (x + x_of (ctx, sweep->points[i + 1].flop)) / 2 : ctx->px + ctx->pw;
  *x0 = CLAMP (*x0, ctx->px, ctx->px + ctx->pw);
  *x1 = CLAMP (*x1, ctx->px, ctx->px + ctx->pw);
}

/* Horizontal grid at every @step percent up to @y_max, labelled, with
 * the frame, the x axis and the y axis's @title. */
static void
draw_percent_axes (DmlRenderContext        *ctx,
                   double      y_max,
                   double      step,
                   const char *title)
{
  cairo_t *cr = ctx->cr;
  const DmlColor *fg = &ctx->style->foreground;

  cairo_set_line_width (cr, 1);
  for (double v = 0; v <= y_max + 1e-9; v += step)
    {
      double y = round (ctx->py + ctx->ph - v / y_max * ctx->ph) + 0.5;
      g_autofree char *label = g_strdup_printf ("%.0f %%", v);

      _dml_render_set_color (cr, fg, 0.12);
      cairo_move_to (cr, ctx->px, y);
      cairo_line_to (cr, ctx->px + ctx->pw, y);
      cairo_stroke (cr);
      _dml_render_text (ctx, label, ctx->px - 0.4 * ctx->font_px, y, 1, 0.5, 1, FALSE, 0, fg);
    }

  draw_frame (ctx, ctx->py, ctx->ph);
  draw_x_axis (ctx);
  draw_y_title (ctx, title, ctx->py, ctx->ph);
}

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

      point_span (ctx, sweep, start, &x0, &unused);
      point_span (ctx, sweep, i - 1, &unused, &x1);
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
  if (ctx->spec->show_max_at_80 && isfinite (s->max_at_80))
    /* xgettext:no-c-format */
    markers[n++] = (Marker) { s->max_at_80, _("≥ 80% of max"), C_("marker", "80%"), ctx->style->foreground };

  *n_markers = n;
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
  Marker markers[8];
  double row_end[8], xs[8];
  guint n;

  collect_markers (ctx, markers, &n);
  for (guint r = 0; r < G_N_ELEMENTS (row_end); r++)
    row_end[r] = -G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    {
      xs[i] = round (x_of (ctx, markers[i].flop)) + 0.5;
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
      double x = xs[i], w, h, pad = 0.3 * ctx->font_px, left, top;
      gboolean flipped;
      guint row = 0;

      if (ctx->compact)
        markers[i].text = g_strdup (markers[i].letter);
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
      flipped = x + 2 * pad + w > ctx->px + ctx->pw;
      left = flipped ? MAX (ctx->px + pad, x - 2 * pad - w) : x + 2 * pad;
      while (row + 1 < G_N_ELEMENTS (row_end) && left < row_end[row])
        row++;
      row_end[row] = left + w + 2 * pad;
      top = ctx->py + pad + row * (h + pad);

      _dml_render_set_color (cr, &ctx->style->background, 0.92);
      cairo_rectangle (cr, left - pad / 2, top, w + pad, h);
      cairo_fill (cr);
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
draw_legend (DmlRenderContext            *ctx,
             const char    **labels,
             const DmlColor *colors,
             guint           n,
             double          x,
             double          y)
{
  cairo_t *cr = ctx->cr;
  double swatch = 0.8 * ctx->font_px;

  for (guint i = 0; i < n; i++)
    {
      double w, h;

      _dml_render_measure (ctx, labels[i], 0.9, FALSE, &w, &h);
      _dml_render_set_color (cr, &colors[i], 1);
      cairo_rectangle (cr, x, y + (h - swatch) / 2, swatch, swatch);
      cairo_fill (cr);
      _dml_render_text (ctx, labels[i], x + swatch * 1.4, y, 0, 0, 0.9, FALSE, 0, &ctx->style->foreground);
      x += swatch * 1.4 + w + ctx->font_px;
    }
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
  double x = x_of (ctx, p->flop);

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

static void
draw_utilization (DmlRenderContext *ctx)
{
  cairo_t *cr = ctx->cr;
  const DmlSweep *sweep = ctx->spec->sweep;
  const DmlColor *fg = &ctx->style->foreground;
  double u_max = sweep->params.max_utilization;
  double y_max = ctx->y_max > 0 ? ctx->y_max : MIN (100, 10 * ceil (100 * u_max / 10 + 0.5));
  double y_step = y_max > 50 ? 10 : 5;
  static const DmlRegime legend_regimes[] = { DML_REGIME_COMPUTE, DML_REGIME_DRAM, DML_REGIME_NETWORK,
                                              DML_REGIME_LATENCY, DML_REGIME_INFEASIBLE };
  const char *legend_labels[G_N_ELEMENTS (legend_regimes)];
  DmlColor legend_colors[G_N_ELEMENTS (legend_regimes)];
  gboolean present[DML_N_REGIMES] = { FALSE };
  double legend_w = 0, legend_h = 0;
  guint n_legend = 0;

#define Y_OF(u) (ctx->py + ctx->ph - (100 * (u)) / y_max * ctx->ph)

  draw_bands (ctx, sweep);

  /* xgettext:no-c-format */
  draw_percent_axes (ctx, y_max, y_step, _("Utilization (% of peak)"));

  /* The plateau the hardware could sustain. */
  _dml_render_set_color (cr, fg, 0.35);
  cairo_set_dash (cr, (double[]) { 2, 3 }, 2, 0);
  cairo_move_to (cr, ctx->px, round (Y_OF (u_max)) + 0.5);
  cairo_line_to (cr, ctx->px + ctx->pw, round (Y_OF (u_max)) + 0.5);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* The curve, each segment in the regime of the point it reaches; past
   * the wall it drops to zero. */
  cairo_set_line_width (cr, MAX (2, 0.22 * ctx->font_px));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 1; i < sweep->n_points; i++)
    {
      const DmlPoint *a = &sweep->points[i - 1];
      const DmlPoint *b = &sweep->points[i];

      if (!a->feasible)
        continue;
      _dml_render_set_color (cr, &ctx->style->regime[b->band], 1);
      cairo_move_to (cr, x_of (ctx, a->flop), Y_OF (a->utilization));
      cairo_line_to (cr, x_of (ctx, b->flop), Y_OF (b->feasible ? b->utilization : 0));
      cairo_stroke (cr);
    }

  draw_markers (ctx);

  /* The legend sits low on the left, under the plateau, and names only
   * the regimes the curve shows. */
  for (guint i = 0; i < sweep->n_points; i++)
    present[sweep->points[i].band] = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (legend_regimes); i++)
    {
      double w, h;

      if (!present[legend_regimes[i]])
        continue;
      legend_labels[n_legend] = dml_regime_label (legend_regimes[i]);
      legend_colors[n_legend] = ctx->style->regime[legend_regimes[i]];
      _dml_render_measure (ctx, legend_labels[n_legend], 0.9, FALSE, &w, &h);
      legend_w += 2.2 * ctx->font_px + w;
      legend_h = h;
      n_legend++;
    }
  if (!ctx->compact && legend_w < ctx->pw - ctx->font_px)
    {
      _dml_render_set_color (cr, &ctx->style->background, 0.8);
      cairo_rectangle (cr, ctx->px + 0.5 * ctx->font_px, ctx->py + ctx->ph - 1.6 * legend_h,
                       legend_w, 1.3 * legend_h);
      cairo_fill (cr);
      draw_legend (ctx, legend_labels, legend_colors, n_legend,
                   ctx->px + 0.8 * ctx->font_px, ctx->py + ctx->ph - 1.45 * legend_h);
    }

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
    return decade_label (exponent);
  if (g_str_equal (unit, "USD"))
    return dml_format_usd (value);

  return dml_format_quantity (value, unit);
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
  draw_frame (ctx, top, height);
  draw_y_title (ctx, title, top, height);

  cairo_set_line_width (cr, MAX (1.5, 0.18 * ctx->font_px));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint s = 0; s < n_series; s++)
    {
      gboolean drawing = FALSE;

      _dml_render_set_color (cr, &series[s].color, 1);
      if (series[s].dash > 0)
        cairo_set_dash (cr, (double[]) { series[s].dash, series[s].dash * 0.7 }, 2, 0);
      for (guint i = 0; i < sweep->n_points; i++)
        {
          const DmlPoint *p = &sweep->points[i];
          double v = p->feasible ? series[s].get (p) : 0;

          if (v <= 0)
            {
              drawing = FALSE;
              continue;
            }
          if (drawing)
            cairo_line_to (cr, x_of (ctx, p->flop), Y_OF (v));
          else
            cairo_move_to (cr, x_of (ctx, p->flop), Y_OF (v));
          drawing = TRUE;
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  if (legend)
    {
      const char *labels[8];
      DmlColor colors[8];

      for (guint s = 0; s < n_series && s < 8; s++)
        {
          labels[s] = series[s].label;
          colors[s] = series[s].color;
        }
      draw_legend (ctx, labels, colors, MIN (n_series, 8), ctx->px + 0.6 * ctx->font_px, top + 0.4 * ctx->font_px);
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

static void
draw_layout (DmlRenderContext *ctx)
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

  draw_log_panel (ctx, ctx->py, ctx->ph, _("GPUs and parallel degrees"), series, G_N_ELEMENTS (series), TRUE);
  draw_x_axis (ctx);
}

static void
draw_cost (DmlRenderContext *ctx)
{
  Series hours = output_series ("gpu_hours", &ctx->style->regime[DML_REGIME_COMPUTE], 0);
  Series cost = output_series ("cost_usd", &ctx->style->regime[DML_REGIME_DRAM], 0);
  Series power = output_series ("power_w", &ctx->style->regime[DML_REGIME_LATENCY], 0);
  /* Room for half a tick label above and below each join. */
  double gap = 1.8 * ctx->font_px, h = (ctx->ph - 2 * gap) / 3;

  draw_log_panel (ctx, ctx->py, h, hours.label, &hours, 1, FALSE);
  draw_log_panel (ctx, ctx->py + h + gap, h, cost.label, &cost, 1, FALSE);
  draw_log_panel (ctx, ctx->py + 2 * (h + gap), h, power.label, &power, 1, FALSE);
  draw_x_axis (ctx);
}

/* The share of the step each part takes, stacked in the output table's
 * order and coloured by the regime it counts toward; of parts that share
 * a regime, all but the last are lighter. */
static void
draw_time (DmlRenderContext *ctx)
{
  cairo_t *cr = ctx->cr;
  const DmlSweep *sweep = ctx->spec->sweep;
  const DmlColor *fg = &ctx->style->foreground;
  const DmlColor *r = ctx->style->regime;
  const DmlOutput *outputs, *parts[16];
  const char *labels[16];
  DmlColor colors[16];
  guint n_outputs, n_parts = 0;

  outputs = dml_outputs (&n_outputs);
  for (guint c = 0; c < n_outputs && n_parts < G_N_ELEMENTS (parts); c++)
    if (outputs[c].flags & DML_OUTPUT_STEP_PART)
      {
        parts[n_parts] = &outputs[c];
        labels[n_parts] = dml_output_label (&outputs[c]);
        colors[n_parts] = r[outputs[c].regime];
        n_parts++;
      }
  for (guint k = 0; k + 1 < n_parts; k++)
    for (guint later = k + 1; later < n_parts; later++)
      if (parts[later]->regime == parts[k]->regime)
        colors[k].alpha = 0.55;

  /* The legend gets a row of its own above the bars, which fill the
   * plot to its top. */
  {
    double w, h;

    _dml_render_measure (ctx, labels[0], 0.9, FALSE, &w, &h);
    draw_legend (ctx, labels, colors, n_parts, ctx->px + 0.2 * ctx->font_px, ctx->py);
    ctx->py += 1.5 * h;
    ctx->ph -= 1.5 * h;
  }

#define Y_OF(share) (ctx->py + ctx->ph - (share) * ctx->ph)

  for (guint i = 0; i < sweep->n_points; i++)
    {
      const DmlPoint *p = &sweep->points[i];
      double x0, x1, below = 0;

      point_span (ctx, sweep, i, &x0, &x1);
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

  draw_percent_axes (ctx, 100, 20, _("Share of step time"));

  if (ctx->spec->hover >= 0 && (guint) ctx->spec->hover < sweep->n_points)
    {
      double x = round (x_of (ctx, sweep->points[ctx->spec->hover].flop)) + 0.5;

      _dml_render_set_color (cr, fg, 0.8);
      cairo_move_to (cr, x, ctx->py);
      cairo_line_to (cr, x, ctx->py + ctx->ph);
      cairo_stroke (cr);
    }

#undef Y_OF
}

const char *
dml_chart_view_id (DmlChartView view)
{
  g_return_val_if_fail (view < DML_N_CHART_VIEWS, NULL);
  return view_ids[view];
}

const char *
dml_chart_view_label (DmlChartView view)
{
  g_return_val_if_fail (view < DML_N_CHART_VIEWS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, view_labels[view]);
}

/* Okabe–Ito colours, told apart with most colour-vision deficiencies;
 * lighter ones on a dark background. */
void
dml_chart_style_init (DmlChartStyle *style,
                      gboolean       dark)
{
  style->foreground = dark ? rgb (0xeeeeec) : rgb (0x241f31);
  style->background = dark ? rgb (0x242424) : rgb (0xffffff);
  style->regime[DML_REGIME_COMPUTE] = dark ? rgb (0x56b4e9) : rgb (0x0072b2);
  style->regime[DML_REGIME_DRAM] = dark ? rgb (0xf0b030) : rgb (0xe69f00);
  style->regime[DML_REGIME_NETWORK] = dark ? rgb (0x3fd0a0) : rgb (0x009e73);
  style->regime[DML_REGIME_LATENCY] = dark ? rgb (0xff8a50) : rgb (0xd55e00);
  style->regime[DML_REGIME_INFEASIBLE] = dark ? rgb (0x9a9996) : rgb (0x77767b);
  style->transparent = FALSE;
  style->font_family = "Sans";
  style->font_scale = 1;
  style->font_px = 0;
}

/* Designs in a comparison: Okabe–Ito colours and a dash pattern each, so
 * that a black-and-white print still tells them apart. */
void
dml_chart_series_style (guint          index,
                        gboolean       dark,
                        DmlColor      *color,
                        const double **dashes,
                        int           *n_dashes)
{
  static const guint32 light[] = { 0x0072b2, 0xd55e00, 0x009e73, 0xcc79a7, 0xe69f00, 0x000000 };
  static const guint32 dark_colors[] = { 0x56b4e9, 0xff8a50, 0x3fd0a0, 0xe89ccb, 0xf0b030, 0xeeeeec };
  static const double solid[] = { 1 };
  static const double dash[] = { 9, 4 };
  static const double dot[] = { 2, 3 };
  static const double dash_dot[] = { 9, 3, 2, 3 };
  static const double long_dash[] = { 16, 5 };
  static const double dash_dot_dot[] = { 7, 3, 2, 3, 2, 3 };
  static const struct { const double *d; int n; } patterns[] = {
    { solid, 0 }, { dash, 2 }, { dot, 2 }, { dash_dot, 4 }, { long_dash, 2 }, { dash_dot_dot, 6 },
  };

  index %= DML_CHART_MAX_SERIES;
  *color = rgb (dark ? dark_colors[index] : light[index]);
  *dashes = patterns[index].d;
  *n_dashes = patterns[index].n;
}

void
dml_chart_geometry_init (DmlChartGeometry *geometry)
{
  memset (geometry, 0, sizeof *geometry);
  geometry->text_boxes = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  geometry->marker_x = g_array_new (FALSE, FALSE, sizeof (double));
  geometry->min_text_px = G_MAXDOUBLE;
}

void
dml_chart_geometry_clear (DmlChartGeometry *geometry)
{
  g_clear_pointer (&geometry->text_boxes, g_array_unref);
  g_clear_pointer (&geometry->marker_x, g_array_unref);
}

static double
y_max_for (double u_max)
{
  return MIN (100, 10 * ceil (100 * u_max / 10 + 0.5));
}

/* Title and subtitle at the top; returns where the plot may start. */
double
_dml_render_titles (DmlRenderContext        *ctx,
             const char *title,
             const char *subtitle,
             double      title_size)
{
  double top = 0.6 * ctx->font_px, w, h;

  if (title == NULL || title[0] == '\0')
    return top;

  _dml_render_measure (ctx, title, title_size, TRUE, &w, &h);
  draw_text_full (ctx, title, 1.2 * ctx->font_px, top, 0, 0, title_size, TRUE, 0, &ctx->style->foreground,
                  ctx->width - 2.4 * ctx->font_px);
  top += h;
  if (subtitle != NULL && subtitle[0] != '\0')
    {
      _dml_render_measure (ctx, subtitle, 1.05, FALSE, &w, &h);
      draw_text_full (ctx, subtitle, 1.2 * ctx->font_px, top, 0, 0, 1.05, FALSE, 0, &ctx->style->foreground,
                      ctx->width - 2.4 * ctx->font_px);
      top += h;
    }

  return top + 0.6 * ctx->font_px;
}

/* Margins from what the labels need, below @top. */
static void
place_plot (DmlRenderContext    *ctx,
            double  top)
{
  double label_w, label_h;

  /* Room for the widest tick label: "100 %", "10²⁸", and in the cost
   * view money and power, "100 MW". */
  _dml_render_measure (ctx, ctx->spec->view == DML_CHART_COST ? "100 MW" : "100 %", 1, FALSE, &label_w, &label_h);
  top = MAX (top, 0.6 * ctx->font_px) + label_h / 2;
  ctx->px = 0.5 * ctx->font_px + 1.4 * label_h + label_w + 0.8 * ctx->font_px;
  ctx->py = top;
  ctx->pw = ctx->width - ctx->px - 1.5 * ctx->font_px;
  ctx->ph = ctx->height - top - (0.4 * ctx->font_px + label_h + 0.3 * ctx->font_px + 1.3 * label_h + 0.6 * ctx->font_px);
}

static void
draw_view (DmlRenderContext *ctx)
{
  switch (ctx->spec->view)
    {
    case DML_CHART_LAYOUT:
      draw_layout (ctx);
      break;
    case DML_CHART_TIME:
      draw_time (ctx);
      break;
    case DML_CHART_COST:
      draw_cost (ctx);
      break;
    case DML_CHART_UTILIZATION:
    case DML_N_CHART_VIEWS:
    default:
      draw_utilization (ctx);
      break;
    }
}

static void
draw_single (DmlRenderContext        *ctx,
             const char *title,
             const char *subtitle,
             double      title_size,
             gboolean    fixed_axes)
{
  const DmlSweep *sweep = ctx->spec->sweep;

  place_plot (ctx, _dml_render_titles (ctx, title, subtitle, title_size));

  if (sweep == NULL || sweep->n_points < 2 || ctx->pw <= 20 || ctx->ph <= 20)
    return;

  if (!fixed_axes)
    {
      ctx->log_min = log10 (sweep->points[0].flop);
      ctx->log_max = log10 (sweep->points[sweep->n_points - 1].flop);
    }
  draw_view (ctx);
}

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
      *y_max = MAX (*y_max, y_max_for (s->params.max_utilization));
    }
}

/* One chart per design in a grid, on the same axes, so that shapes can be
 * compared by eye. */
static void
draw_multiples (DmlRenderContext *ctx)
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
      draw_legend (ctx, labels, colors, n_present, 0.6 * ctx->font_px, y);
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
      draw_single (&cell, spec->names[i], NULL, 1.1, TRUE);
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
static void
draw_overlay (DmlRenderContext *ctx)
{
  cairo_t *cr = ctx->cr;
  const DmlChartSpec *spec = ctx->spec;
  const DmlColor *fg = &ctx->style->foreground;
  gboolean dark = ctx->style->background.red + ctx->style->background.green + ctx->style->background.blue < 1.5;
  double y_max, legend_w = 0, line_h = 0;
  double marker_h;

  place_plot (ctx, _dml_render_titles (ctx, spec->title, spec->subtitle, 1.45));
  if (ctx->pw <= 20 || ctx->ph <= 20)
    return;
  shared_axes (spec, &ctx->log_min, &ctx->log_max, &y_max);

#define Y_OF(u) (ctx->py + ctx->ph - (100 * (u)) / y_max * ctx->ph)

  /* xgettext:no-c-format */
  draw_percent_axes (ctx, y_max, y_max > 50 ? 10 : 5, _("Utilization (% of peak)"));

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
          double x = round (x_of (ctx, sum->wall)) + 0.5;

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
            double x = x_of (ctx, onsets[k].flop);
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
          double x = x_of (ctx, pt->flop), y = Y_OF (pt->feasible ? pt->utilization : 0);

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

void
dml_chart_render (cairo_t             *cr,
                  double               width,
                  double               height,
                  const DmlChartStyle *style,
                  const DmlChartSpec  *spec,
                  DmlChartGeometry    *geometry)
{
  DmlChartGeometry local;
  DmlRenderContext ctx;

  _dml_render_begin (&ctx, cr, width, height, style, spec, geometry, &local);

  if (spec->n_sweeps > 1 && (spec->multiples || spec->view != DML_CHART_UTILIZATION))
    draw_multiples (&ctx);
  else if (spec->n_sweeps > 1)
    draw_overlay (&ctx);
  else
    draw_single (&ctx, spec->title, spec->subtitle, 1.45, FALSE);

  _dml_render_end (&ctx, geometry, &local);
}

/* What every picture starts with: the context, the text size, the
 * background. Draws into @local when the caller wants no geometry. */
void
_dml_render_begin (DmlRenderContext    *ctx,
                   cairo_t             *cr,
                   double               width,
                   double               height,
                   const DmlChartStyle *style,
                   const DmlChartSpec  *spec,
                   DmlChartGeometry    *geometry,
                   DmlChartGeometry    *local)
{
  *ctx = (DmlRenderContext) { cr, style, spec, geometry, width, height };

  if (geometry == NULL)
    {
      dml_chart_geometry_init (local);
      ctx->geometry = local;
    }
  g_array_set_size (ctx->geometry->text_boxes, 0);
  g_array_set_size (ctx->geometry->marker_x, 0);
  ctx->geometry->min_text_px = G_MAXDOUBLE;

  /* In a picture, text scales with it: 13 px at 720 px high, never
   * under 9, times the text size chosen (slides are larger). On screen
   * it keeps the size the style asks for. */
  if (style->font_px > 0)
    ctx->font_px = style->font_px;
  else
    ctx->font_px = CLAMP (13.0 * MIN (height / 720.0, width / 1000.0), 9, 40) * style->font_scale;

  cairo_save (cr);
  /* Text starts a new path; nothing drawn after it may join onto it. */
  cairo_new_path (cr);
  if (!style->transparent)
    {
      _dml_render_set_color (cr, &style->background, 1);
      cairo_paint (cr);
    }
}

void
_dml_render_end (DmlRenderContext *ctx,
                 DmlChartGeometry *geometry,
                 DmlChartGeometry *local)
{
  cairo_restore (ctx->cr);

  ctx->geometry->plot_x = ctx->px;
  ctx->geometry->plot_y = ctx->py;
  ctx->geometry->plot_width = ctx->pw;
  ctx->geometry->plot_height = ctx->ph;
  ctx->geometry->log_min = ctx->log_min;
  ctx->geometry->log_max = ctx->log_max;

  if (geometry == NULL)
    dml_chart_geometry_clear (local);
}

/* The point whose x is nearest to @x, or -1 outside the plot. */
int
dml_chart_hit (const DmlChartGeometry *geometry,
               const DmlSweep         *sweep,
               double                  x,
               double                  y)
{
  double log_flop;
  int best = -1;
  double best_distance = G_MAXDOUBLE;

  if (sweep == NULL || sweep->n_points == 0 || geometry->plot_width <= 0 ||
      x < geometry->plot_x || x > geometry->plot_x + geometry->plot_width ||
      y < geometry->plot_y || y > geometry->plot_y + geometry->plot_height)
    return -1;

  log_flop = geometry->log_min + (x - geometry->plot_x) / geometry->plot_width * (geometry->log_max - geometry->log_min);
  for (guint i = 0; i < sweep->n_points; i++)
    {
      double distance = fabs (log10 (sweep->points[i].flop) - log_flop);

      if (distance < best_distance)
        {
          best_distance = distance;
          best = (int) i;
        }
    }

  return best;
}
