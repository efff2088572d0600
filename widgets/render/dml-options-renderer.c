/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-options-renderer"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "dml-chart-renderer-private.h"
#include "dml-format.h"

/* The Options view's chart: what a run costs on each offering as its
 * compute grows, within the target's days. Costs span decades, so both
 * axes are logarithmic. Two dozen lines cannot each carry a name that a
 * room can read, so the cheapest few at the target are coloured and
 * named in the key with their cost there, the rest are grey under one
 * entry, and the cheapest at each compute, whichever offering gives
 * it, is a bold band beneath them all. */

typedef struct
{
  int      curve;     /* index into the curves */
  DmlColor color;
  const double *dashes;
  int      n_dashes;
  char    *label;
} Named;

/* Decades of compute either side of the target. */
#define X_DECADES 2

char *
dml_options_chart_title (const DmlOptionCurves *curves)
{
  g_return_val_if_fail (curves != NULL, NULL);

  /* TRANSLATORS: the Options chart's title; %.4g is a number of days */
  return g_strdup_printf (_("Cost of a training run within %.4g days, by offering"), curves->days);
}

static char *
default_subtitle (const DmlOptionsChartSpec *spec)
{
  g_autofree char *flop = NULL;
  const DmlOption *best;

  if (spec->options == NULL)
    return NULL;

  flop = dml_format_power_of_ten (spec->options->flop, 2);
  best = spec->options->n_options > 0 ? &spec->options->options[0] : NULL;
  if (best == NULL || best->status != DML_OPTION_FEASIBLE || isnan (best->cost))
    /* TRANSLATORS: the target's training compute, and its price kind */
    return g_strdup_printf (_("Target %s FLOP: no offering with a %s price trains it in time"), flop,
                            dml_price_kind_label (spec->options->price_kind));
  {
    g_autofree char *cost = dml_format_usd (best->cost);

    /* TRANSLATORS: target compute; the cheapest offering; its cost; the price kind (on-demand…) */
    return g_strdup_printf (_("Target %s FLOP. Cheapest: %s, %s (%s)"), flop, best->name, cost,
                            dml_price_kind_label (spec->options->price_kind));
  }
}

/* Whether curve @c has a cost anywhere. */
static gboolean
curve_drawn (const DmlOptionCurves *curves,
             guint                  c)
{
  for (guint i = 0; i < curves->n_points; i++)
    if (!isnan (curves->curves[c].cost[i]))
      return TRUE;
  return FALSE;
}

/* The options named, in the ranking's order: the cheapest few with a
 * line, then @selected if it is not among them. */
static guint
pick_named (const DmlOptionsChartSpec *spec,
            gboolean                   dark,
            Named                     *named,
            guint                      max)
{
  const DmlOptionCurves *curves = spec->curves;
  guint n = 0;

  if (spec->options == NULL)
    return 0;

  for (guint r = 0; r < spec->options->n_options && n < max; r++)
    {
      const DmlOption *o = &spec->options->options[r];
      gboolean cheap = n < DML_OPTIONS_CHART_NAMED && o->status == DML_OPTION_FEASIBLE && !isnan (o->cost);
      gboolean selected = spec->selected != NULL && g_strcmp0 (spec->selected, o->id) == 0;
      int c = dml_option_curves_find (curves, o->id);
      g_autofree char *cost = NULL;

      if (c < 0 || !curve_drawn (curves, c) || !(cheap || selected))
        continue;

      named[n].curve = c;
      /* The sixth colour is the foreground's: the selected option keeps
       * its own colour among the cheapest, else takes that one. */
      dml_chart_series_style (cheap ? n : DML_CHART_MAX_SERIES - 1, dark, &named[n].color, &named[n].dashes,
                              &named[n].n_dashes);
      if (o->status == DML_OPTION_FEASIBLE && !isnan (o->cost))
        {
          cost = dml_format_usd (o->cost);
          named[n].label = g_strdup_printf ("%s: %s", o->name, cost);
        }
      else
        named[n].label = g_strdup (o->name);
      n++;
    }
  return n;
}

static int
named_index (const Named *named,
             guint        n_named,
             guint        curve)
{
  for (guint k = 0; k < n_named; k++)
    if (named[k].curve == (int) curve)
      return k;
  return -1;
}

/* A line through the finite values of @cost; returns whether any piece
 * was drawn. */
static guint
stroke_curve (DmlRenderContext      *ctx,
              const DmlOptionCurves *curves,
              const double          *cost,
              double                 lo_e,
              double                 hi_e,
              gboolean               record)
{
  cairo_t *cr = ctx->cr;
  gboolean drawing = FALSE;
  double last_x = 0, last_y = 0;
  guint pieces = 0;

  for (guint i = 0; i < curves->n_points; i++)
    {
      double x, y;

      if (isnan (cost[i]) || cost[i] <= 0)
        {
          drawing = FALSE;
          continue;
        }
      x = _dml_render_x_of (ctx, curves->flop[i]);
      y = ctx->py + ctx->ph - (log10 (cost[i]) - lo_e) / (hi_e - lo_e) * ctx->ph;
      if (drawing)
        {
          cairo_line_to (cr, x, y);
          if (record)
            _dml_render_record_segment (ctx, last_x, last_y, x, y);
          pieces++;
        }
      else
        cairo_move_to (cr, x, y);
      last_x = x;
      last_y = y;
      drawing = TRUE;
    }
  cairo_stroke (cr);
  return pieces;
}

static void
set_dashes (cairo_t      *cr,
            const double *dashes,
            int           n_dashes,
            double        line_width)
{
  double scaled[8];

  /* The patterns are for a thin line; a slide's thick one needs them
   * longer to read as dashes at all. */
  for (int k = 0; k < n_dashes && k < 8; k++)
    scaled[k] = dashes[k] * MAX (1, line_width / 2);
  cairo_set_dash (cr, scaled, MIN (n_dashes, 8), 0);
}

/* Decades of cost up the left, thinned so labels never touch. */
static void
y_axis (DmlRenderContext *ctx,
        double            lo_e,
        double            hi_e,
        const char       *title)
{
  cairo_t *cr = ctx->cr;
  const DmlColor *fg = &ctx->style->foreground;
  double dummy, label_h;
  int step = 1;

  _dml_render_measure (ctx, "$10 B", 1, FALSE, &dummy, &label_h);
  while ((hi_e - lo_e) / step * label_h * 1.3 > ctx->ph && step < 50)
    step++;

  cairo_set_line_width (cr, 1);
  for (double e = lo_e; e <= hi_e; e++)
    {
      double y = round (ctx->py + ctx->ph - (e - lo_e) / (hi_e - lo_e) * ctx->ph) + 0.5;

      _dml_render_set_color (cr, fg, 0.10);
      cairo_move_to (cr, ctx->px, y);
      cairo_line_to (cr, ctx->px + ctx->pw, y);
      cairo_stroke (cr);
      if ((int) (e - lo_e) % step == 0)
        {
          g_autofree char *label = dml_format_usd (pow (10, e));

          _dml_render_text (ctx, label, ctx->px - 0.4 * ctx->font_px, y, 1, 0.5, 1, FALSE, 0, fg);
        }
    }
  _dml_render_frame (ctx, ctx->py, ctx->ph);
  _dml_render_y_title (ctx, title, ctx->py, ctx->ph);
}

/* The target: a dashed line at its compute, named at the plot's top,
 * and a dot at the cheapest option's cost. */
static void
draw_target (DmlRenderContext *ctx,
             const DmlOptions *options,
             double            lo_e,
             double            hi_e)
{
  cairo_t *cr = ctx->cr;
  const DmlColor *fg = &ctx->style->foreground;
  const DmlOption *best = options->n_options > 0 ? &options->options[0] : NULL;
  double x = round (_dml_render_x_of (ctx, options->flop)) + 0.5, w, h, lx;
  g_autofree char *flop = dml_format_power_of_ten (options->flop, 2);
  /* TRANSLATORS: the target's mark on the Options chart: its compute and days */
  g_autofree char *label = g_strdup_printf (_("Target: %s FLOP in %.4g days"), flop, options->params.training_days);

  if (x < ctx->px || x > ctx->px + ctx->pw)
    return;

  _dml_render_set_color (cr, fg, 0.75);
  cairo_set_line_width (cr, MAX (1.5, 0.08 * ctx->font_px));
  set_dashes (cr, (const double[]) { 6, 4 }, 2, 1.5);
  cairo_move_to (cr, x, ctx->py);
  cairo_line_to (cr, x, ctx->py + ctx->ph);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  g_array_append_val (ctx->geometry->marker_x, x);

  /* Its name beside the line at the top, on the side with room. */
  _dml_render_measure (ctx, label, 0.9, TRUE, &w, &h);
  lx = x + 0.4 * ctx->font_px + w <= ctx->px + ctx->pw ? x + 0.4 * ctx->font_px : x - 0.4 * ctx->font_px - w;
  _dml_render_set_color (cr, &ctx->style->background, 0.85);
  cairo_rectangle (cr, lx - 0.15 * ctx->font_px, ctx->py + 0.2 * ctx->font_px, w + 0.3 * ctx->font_px, h);
  cairo_fill (cr);
  _dml_render_text (ctx, label, lx, ctx->py + 0.2 * ctx->font_px, 0, 0, 0.9, TRUE, 0, fg);
  _dml_render_record_box (ctx->geometry->label_boxes, lx, ctx->py + 0.2 * ctx->font_px, w, h);

  if (best != NULL && best->status == DML_OPTION_FEASIBLE && best->cost > 0)
    {
      double y = ctx->py + ctx->ph - (log10 (best->cost) - lo_e) / (hi_e - lo_e) * ctx->ph;
      double r = MAX (3.5, 0.25 * ctx->font_px);

      _dml_render_set_color (cr, &ctx->style->background, 1);
      cairo_arc (cr, x, y, r + 1.5, 0, 2 * G_PI);
      cairo_fill (cr);
      _dml_render_set_color (cr, fg, 1);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

void
dml_options_render (cairo_t                   *cr,
                    double                     width,
                    double                     height,
                    const DmlChartStyle       *style,
                    const DmlOptionsChartSpec *spec,
                    DmlChartGeometry          *geometry)
{
  const DmlOptionCurves *curves = spec->curves;
  DmlChartSpec chart = { 0 };
  DmlChartGeometry local;
  DmlRenderContext ctx;
  const DmlColor *fg = &style->foreground;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *y_title = NULL;
  Named named[DML_OPTIONS_CHART_NAMED + 1] = { { 0 } };
  guint n_named, n_others = 0, n_unpriced = 0;
  double lo = G_MAXDOUBLE, hi = 0, x_lo, x_hi, lo_e, hi_e, line_w;
  gboolean dark = fg->red + fg->green + fg->blue > 1.5;

  g_return_if_fail (spec != NULL && spec->curves != NULL);

  /* The cost view's margins: "$100 M" is as wide as "100 MW". */
  chart.view = DML_CHART_COST;
  _dml_render_begin (&ctx, cr, width, height, style, &chart, geometry, &local);

  title = spec->title != NULL ? g_strdup (spec->title) : dml_options_chart_title (curves);
  subtitle = spec->subtitle != NULL ? g_strdup (spec->subtitle) : default_subtitle (spec);
  _dml_render_place_plot (&ctx, _dml_render_titles (&ctx, title, subtitle, 1.45));

  /* Around the target, two decades each way, where the choice is made:
   * the walls, further up, would stretch the cost axis over decades that
   * no budget has, and squeeze the lines the choice is between. */
  if (spec->options != NULL)
    {
      x_lo = pow (10, floor (log10 (spec->options->flop)) - X_DECADES);
      x_hi = pow (10, ceil (log10 (spec->options->flop)) + X_DECADES);
    }
  else if (curves->n_points >= 2)
    {
      x_lo = curves->flop[0];
      x_hi = curves->flop[curves->n_points - 1];
    }
  else
    {
      x_lo = 1e24;
      x_hi = 1e30;
    }
  for (guint c = 0; c < curves->n_curves; c++)
    for (guint i = 0; i < curves->n_points; i++)
      {
        double v = curves->curves[c].cost[i];

        if (isnan (v) || v <= 0 || curves->flop[i] < x_lo * 0.999 || curves->flop[i] > x_hi * 1.001)
          continue;
        lo = MIN (lo, v);
        hi = MAX (hi, v);
      }
  if (hi == 0)
    {
      lo = 1e6;
      hi = 1e9;
    }
  ctx.log_min = floor (log10 (x_lo) + 1e-9);
  ctx.log_max = MAX (ctx.log_min + 1, ceil (log10 (x_hi) - 1e-9));
  lo_e = floor (log10 (lo));
  hi_e = MAX (lo_e + 1, ceil (log10 (hi)));

  n_named = pick_named (spec, dark, named, G_N_ELEMENTS (named));
  for (guint c = 0; c < curves->n_curves; c++)
    if (curve_drawn (curves, c) && named_index (named, n_named, c) < 0)
      n_others++;
  for (guint r = 0; spec->options != NULL && r < spec->options->n_options; r++)
    {
      const DmlOption *o = &spec->options->options[r];

      n_unpriced += o->price_kind == DML_PRICE_OWN ? isnan (o->own.total) : isnan (o->price);
    }

  /* The key above the plot: the named lines with their cost at the
   * target, the envelope, and the others as one. */
  line_w = MAX (1.5, 0.14 * ctx.font_px);
  {
    DmlColor grey = *fg, band = *fg;
    DmlKey key;

    grey.alpha = 0.35;
    band.alpha = 0.25;
    _dml_key_init (&key);
    for (guint k = 0; k < n_named; k++)
      {
        DmlKeyItem *item = _dml_key_add (&key, DML_KEY_LINE, &named[k].color, named[k].label, FALSE);

        item->dashes = named[k].dashes;
        item->n_dashes = named[k].n_dashes;
        item->dash_unit = MAX (1, line_w / 2);
        item->line_width = line_w;
      }
    _dml_key_add (&key, DML_KEY_LINE, &band, _("Cheapest at each compute"), FALSE)->line_width = 3.2 * line_w;
    if (n_others > 0)
      {
        /* TRANSLATORS: one key entry for the grey lines not named */
        g_autofree char *others = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u other offering",
                                                                "%u other offerings", n_others), n_others);

        _dml_key_add (&key, DML_KEY_LINE, &grey, others, FALSE)->line_width = 0.6 * line_w;
      }
    if (n_unpriced > 0)
      {
        /* TRANSLATORS: a note in the key; %s is a price kind (on-demand, reserved, spot, owned) */
        g_autofree char *unpriced = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u has no %s price: no line",
                                                                  "%u have no %s price: no line", n_unpriced),
                                                     n_unpriced, dml_price_kind_label (curves->price_kind));

        _dml_key_add (&key, DML_KEY_TEXT, NULL, unpriced, FALSE);
      }
    _dml_key_above (&ctx, &key);
    _dml_key_clear (&key);
  }

  if (ctx.pw <= 20 || ctx.ph <= 20 || curves->n_points < 2)
    {
      _dml_render_end (&ctx, geometry, &local);
      return;
    }

  /* TRANSLATORS: the Options chart's y axis; %s is a price kind (on-demand, reserved, spot, owned) */
  y_title = g_strdup_printf (_("Cost (%s)"), dml_price_kind_label (curves->price_kind));
  y_axis (&ctx, lo_e, hi_e, y_title);
  _dml_render_x_axis (&ctx);

  cairo_save (cr);
  cairo_rectangle (cr, ctx.px, ctx.py - line_w, ctx.pw + line_w, ctx.ph + 2 * line_w);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* The envelope beneath, wide and faint, so the line that gives it
   * shows through on top. */
  _dml_render_set_color (cr, fg, 0.25);
  cairo_set_line_width (cr, 3.2 * line_w);
  for (guint i = 0; i < curves->n_points; i++)
    ctx.geometry->envelope_points += !isnan (curves->envelope[i]);
  stroke_curve (&ctx, curves, curves->envelope, lo_e, hi_e, FALSE);

  /* The others, grey and thin; then the named, the cheapest last, on top. */
  cairo_set_line_width (cr, 0.6 * line_w);
  _dml_render_set_color (cr, fg, 0.35);
  for (guint c = 0; c < curves->n_curves; c++)
    if (named_index (named, n_named, c) < 0 && curve_drawn (curves, c))
      {
        stroke_curve (&ctx, curves, curves->curves[c].cost, lo_e, hi_e, TRUE);
        ctx.geometry->n_lines++;
      }
  cairo_set_line_width (cr, line_w);
  for (int k = (int) n_named - 1; k >= 0; k--)
    {
      _dml_render_set_color (cr, &named[k].color, 1);
      set_dashes (cr, named[k].dashes, named[k].n_dashes, line_w);
      stroke_curve (&ctx, curves, curves->curves[named[k].curve].cost, lo_e, hi_e, TRUE);
      cairo_set_dash (cr, NULL, 0, 0);
      ctx.geometry->n_lines++;
    }
  cairo_restore (cr);

  if (spec->options != NULL)
    draw_target (&ctx, spec->options, lo_e, hi_e);

  for (guint k = 0; k < n_named; k++)
    g_free (named[k].label);
  _dml_render_end (&ctx, geometry, &local);
}
