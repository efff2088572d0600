/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-chart-renderer"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "dml-chart-renderer-private.h"
#include "dml-format.h"
#include "dml-timeline.h"
#include "dml-output.h"

/* One renderer for the screen, PNG, SVG and PDF: everything here is in
 * user-space units of the cairo_t it is given, and nothing needs GTK. */


static const char *view_ids[] = { "utilization", "layout", "time", "cost", "timeline" };
static const char *view_labels[] = { N_("Utilization"), N_("Layout"), N_("Step time"), N_("Cost"), N_("Timeline") };

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

/* Exponents are raised text at EXPONENT_SCALE of the size, not the
 * superscript glyphs of the string (under half its height): the
 * exponent is what tells 10²⁸ from 10²⁹. */
#define EXPONENT_SCALE 0.9

static int
superscript_value (gunichar c)
{
  switch (c)
    {
    case 0x2070: return '0';
    case 0x00b9: return '1';
    case 0x00b2: return '2';
    case 0x00b3: return '3';
    case 0x2074: case 0x2075: case 0x2076: case 0x2077: case 0x2078: case 0x2079:
      return '4' + (int) (c - 0x2074);
    case 0x207b: return 0x2212; /* minus */
    default: return 0;
    }
}

/* @text with its superscripts as plain characters, and the byte ranges
 * (start, end pairs) they take in the result. */
static char *
lower_exponents (const char *text,
                 GArray     *ranges)
{
  GString *out = g_string_sized_new (strlen (text));
  int start = -1;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int plain = superscript_value (c);

      if (plain != 0 && start < 0)
        start = (int) out->len;
      else if (plain == 0 && start >= 0)
        {
          int end = (int) out->len;

          g_array_append_val (ranges, start);
          g_array_append_val (ranges, end);
          start = -1;
        }
      g_string_append_unichar (out, plain != 0 ? (gunichar) plain : c);
    }
  if (start >= 0)
    {
      int end = (int) out->len;

      g_array_append_val (ranges, start);
      g_array_append_val (ranges, end);
    }

  return g_string_free (out, FALSE);
}

static PangoLayout *
make_layout_full (DmlRenderContext *ctx,
                  const char       *text,
                  double            size,
                  gboolean          bold,
                  GArray           *ranges)
{
  PangoLayout *layout = pango_cairo_create_layout (ctx->cr);
  PangoFontDescription *font = pango_font_description_new ();
  g_autoptr(GArray) own = ranges != NULL ? g_array_ref (ranges) : g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *plain = lower_exponents (text, own);

  pango_font_description_set_family (font, ctx->style->font_family ? ctx->style->font_family : "Sans");
  pango_font_description_set_absolute_size (font, size * ctx->font_px * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, plain, -1);
  pango_font_description_free (font);

  if (own->len > 0)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      for (guint i = 0; i + 1 < own->len; i += 2)
        {
          PangoAttribute *scale = pango_attr_scale_new (EXPONENT_SCALE);
          PangoAttribute *rise = pango_attr_rise_new ((int) (0.42 * size * ctx->font_px * PANGO_SCALE));

          scale->start_index = rise->start_index = g_array_index (own, int, i);
          scale->end_index = rise->end_index = g_array_index (own, int, i + 1);
          pango_attr_list_insert (attrs, scale);
          pango_attr_list_insert (attrs, rise);
        }
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }

  return layout;
}

static PangoLayout *
make_layout (DmlRenderContext *ctx,
             const char       *text,
             double            size,
             gboolean          bold)
{
  return make_layout_full (ctx, text, size, bold, NULL);
}

/* The smallest exponent in @layout, for tests: its size and the height
 * of its ink. */
static void
record_exponents (DmlRenderContext *ctx,
                  PangoLayout      *layout,
                  GArray           *ranges,
                  double            size)
{
  PangoLayoutIter *iter;

  if (ranges->len == 0)
    return;

  ctx->geometry->min_exponent_px = MIN (ctx->geometry->min_exponent_px, EXPONENT_SCALE * size * ctx->font_px);
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
      PangoRectangle ink;

      if (run == NULL)
        continue;
      for (guint i = 0; i + 1 < ranges->len; i += 2)
        if (run->item->offset >= g_array_index (ranges, int, i) &&
            run->item->offset < g_array_index (ranges, int, i + 1))
          {
            pango_layout_iter_get_run_extents (iter, &ink, NULL);
            if (ink.height > 0)
              ctx->geometry->min_exponent_ink = MIN (ctx->geometry->min_exponent_ink, (double) ink.height / PANGO_SCALE);
          }
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);
}

void
_dml_render_record_box (GArray *boxes,
                        double  x,
                        double  y,
                        double  width,
                        double  height)
{
  cairo_rectangle_t box = { x, y, width, height };

  g_array_append_val (boxes, box);
}

void
_dml_render_record_segment (DmlRenderContext *ctx,
                            double            x0,
                            double            y0,
                            double            x1,
                            double            y1)
{
  DmlChartSegment segment = { x0, y0, x1, y1 };

  g_array_append_val (ctx->geometry->data_segments, segment);
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
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(PangoLayout) layout = make_layout_full (ctx, text, size, bold, ranges);
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
  record_exponents (ctx, layout, ranges, size);

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
  g_ptr_array_add (ctx->geometry->texts, g_strdup (text));
  if (pango_layout_is_ellipsized (layout))
    ctx->geometry->n_ellipsized++;
}

double
_dml_render_x_of (DmlRenderContext    *ctx,
                  double  flop)
{
  return ctx->px + (log10 (flop) - ctx->log_min) / (ctx->log_max - ctx->log_min) * ctx->pw;
}

char *
_dml_render_decade_label (int exponent)
{
  return dml_format_power_of_ten (pow (10, exponent), 2);
}

/* A vertical grid line at @x and, with @label, a tick and its label
 * under the plot. */
static void
x_tick (DmlRenderContext *ctx,
        double            x,
        const char       *label)
{
  cairo_t *cr = ctx->cr;
  const DmlColor *fg = &ctx->style->foreground;

  cairo_set_line_width (cr, 1);
  _dml_render_set_color (cr, fg, 0.10);
  cairo_move_to (cr, x, ctx->py);
  cairo_line_to (cr, x, ctx->py + ctx->ph);
  cairo_stroke (cr);
  if (label == NULL)
    return;

  _dml_render_set_color (cr, fg, 0.5);
  cairo_move_to (cr, x, ctx->py + ctx->ph);
  cairo_line_to (cr, x, ctx->py + ctx->ph + 0.3 * ctx->font_px);
  cairo_stroke (cr);
  _dml_render_text (ctx, label, x, ctx->py + ctx->ph + 0.4 * ctx->font_px, 0.5, 0, 1, FALSE, 0, fg);
}

/* On the timeline the same curve stands against calendar years: the
 * frontier's compute grows exponentially, so a year is a fixed step in
 * log C and the axis keeps its place; labels are years. */
static void
timeline_x_axis (DmlRenderContext *ctx)
{
  const DmlColor *fg = &ctx->style->foreground;
  const DmlParams *params = &ctx->spec->sweep->params;
  double y_min = dml_timeline_year (params, params->growth, pow (10, ctx->log_min));
  double y_max = dml_timeline_year (params, params->growth, pow (10, ctx->log_max));
  double label_w, label_h, year_px, step = 1;
  g_autofree char *title = NULL;

  _dml_render_measure (ctx, "2030", 1, FALSE, &label_w, &label_h);
  year_px = ctx->pw / MAX (1, y_max - y_min);
  /* Every year, or every 2nd, 5th, 10th, 20th…: labels on round years,
   * and only as many as fit, however long the axis. */
  for (guint i = 0; step * year_px < label_w * 1.6; i++)
    step = (i % 3 == 1 ? 2.5 : 2) * step;

  for (double year = ceil (y_min / step - 1e-9) * step; year <= y_max + 1e-9; year += step)
    {
      g_autofree char *label = g_strdup_printf ("%.0f", year);

      x_tick (ctx, round (_dml_render_x_of (ctx, dml_timeline_flop (params, year))) + 0.5, label);
    }

  if (ctx->no_axis_titles)
    return;
  /* TRANSLATORS: the timeline's x axis; the growth rate of frontier compute per year */
  title = ctx->compact ? g_strdup (_("Year")) : g_strdup_printf (_("Year of the frontier run (compute growing %.3g×/year)"),
                                                                  params->growth);
  _dml_render_text (ctx, title, ctx->px + ctx->pw / 2, ctx->height - 0.5 * ctx->font_px, 0.5, 1, 1.05, FALSE, 0, fg);
}

/* Vertical grid and labels at decades, thinned so labels never touch. */
void
_dml_render_x_axis (DmlRenderContext *ctx)
{
  const DmlColor *fg = &ctx->style->foreground;
  int first = (int) ceil (ctx->log_min - 1e-9), last = (int) floor (ctx->log_max + 1e-9);
  double label_w, label_h, step_px;
  int step = 1;
  g_autofree char *widest = _dml_render_decade_label (last);

  if (ctx->spec->view == DML_CHART_TIMELINE && ctx->spec->sweep != NULL)
    {
      timeline_x_axis (ctx);
      return;
    }

  _dml_render_measure (ctx, widest, 1, FALSE, &label_w, &label_h);
  step_px = ctx->pw / MAX (1, ctx->log_max - ctx->log_min);
  while (step * step_px < label_w * 1.6 && step < 100)
    step++;

  for (int e = first; e <= last; e++)
    {
      g_autofree char *label = (e - first) % step == 0 ? _dml_render_decade_label (e) : NULL;

      x_tick (ctx, round (_dml_render_x_of (ctx, pow (10, e))) + 0.5, label);
    }

  if (!ctx->no_axis_titles)
    _dml_render_text (ctx, _("Training compute (FLOP)"), ctx->px + ctx->pw / 2, ctx->height - 0.5 * ctx->font_px,
                      0.5, 1, 1.05, FALSE, 0, fg);
}

void
_dml_render_y_title (DmlRenderContext        *ctx,
                     const char *title,
                     double      top,
                     double      height)
{
  /* No longer than its axis: a small multiple's is short. */
  draw_text_full (ctx, title, 0.5 * ctx->font_px, top + height / 2, 0.5, 0, 1.05, FALSE, -G_PI / 2,
                  &ctx->style->foreground, height);
}

void
_dml_render_frame (DmlRenderContext    *ctx,
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
void
_dml_render_point_span (DmlRenderContext            *ctx,
                        const DmlSweep *sweep,
                        guint           i,
                        double         *x0,
                        double         *x1)
{
  double x = _dml_render_x_of (ctx, sweep->points[i].flop);

  *x0 = i > 0 ? (_dml_render_x_of (ctx, sweep->points[i - 1].flop) + x) / 2 : ctx->px;
  *x1 = i + 1 < sweep->n_points ? (x + _dml_render_x_of (ctx, sweep->points[i + 1].flop)) / 2 : ctx->px + ctx->pw;
  *x0 = CLAMP (*x0, ctx->px, ctx->px + ctx->pw);
  *x1 = CLAMP (*x1, ctx->px, ctx->px + ctx->pw);
}

/* Horizontal grid at every @step percent up to @y_max, labelled, with
 * the frame, the x axis and the y axis's @title. */
void
_dml_render_percent_axes (DmlRenderContext        *ctx,
                          double      y_max,
                          double      step,
                          const char *title)
{
  cairo_t *cr = ctx->cr;
  const DmlColor *fg = &ctx->style->foreground;
  double label_w, label_h;
  int every = 1, k = 0;

  /* Labels on every line where they fit, else on every 2nd, 4th…, so
   * that they never touch; the grid stays. */
  _dml_render_measure (ctx, "100 %", 1, FALSE, &label_w, &label_h);
  while (every < 16 && every * step / y_max * ctx->ph < 1.1 * label_h)
    every *= 2;

  cairo_set_line_width (cr, 1);
  for (double v = 0; v <= y_max + 1e-9; v += step, k++)
    {
      double y = round (ctx->py + ctx->ph - v / y_max * ctx->ph) + 0.5;
      g_autofree char *label = g_strdup_printf ("%.0f %%", v);

      _dml_render_set_color (cr, fg, 0.12);
      cairo_move_to (cr, ctx->px, y);
      cairo_line_to (cr, ctx->px + ctx->pw, y);
      cairo_stroke (cr);
      /* A small multiple's "0 %" would meet its first decade below it. */
      if (k % every == 0 && !(ctx->compact && k == 0))
        _dml_render_text (ctx, label, ctx->px - 0.4 * ctx->font_px, y, 1, 0.5, 1, FALSE, 0, fg);
    }

  _dml_render_frame (ctx, ctx->py, ctx->ph);
  _dml_render_x_axis (ctx);
  if (!ctx->no_axis_titles)
    _dml_render_y_title (ctx, title, ctx->py, ctx->ph);
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
  /* Okabe–Ito's reddish purple, as the fourth design in a comparison:
   * apart from the four above and the grey under each deficiency, and
   * of the light ones on white as readable as the network's green. */
  style->regime[DML_REGIME_RELIABILITY] = dark ? rgb (0xe89ccb) : rgb (0xcc79a7);
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
  geometry->run_marks = g_array_new (FALSE, FALSE, sizeof (DmlChartRunMark));
  geometry->texts = g_ptr_array_new_with_free_func (g_free);
  geometry->legend_boxes = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  geometry->data_segments = g_array_new (FALSE, FALSE, sizeof (DmlChartSegment));
  geometry->band_boxes = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  geometry->label_boxes = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  geometry->min_text_px = G_MAXDOUBLE;
  geometry->min_exponent_px = geometry->min_exponent_ink = G_MAXDOUBLE;
  geometry->run_x = geometry->run_y = -1;
}

void
dml_chart_geometry_clear (DmlChartGeometry *geometry)
{
  g_clear_pointer (&geometry->text_boxes, g_array_unref);
  g_clear_pointer (&geometry->marker_x, g_array_unref);
  g_clear_pointer (&geometry->run_marks, g_array_unref);
  g_clear_pointer (&geometry->texts, g_ptr_array_unref);
  g_clear_pointer (&geometry->legend_boxes, g_array_unref);
  g_clear_pointer (&geometry->data_segments, g_array_unref);
  g_clear_pointer (&geometry->band_boxes, g_array_unref);
  g_clear_pointer (&geometry->label_boxes, g_array_unref);
}

double
_dml_render_y_max_for (double u_max)
{
  return MIN (100, 10 * ceil (100 * u_max / 10 + 0.5));
}

/* Text wrapped to @width, its top left at x, y; returns its height. */
double
_dml_render_paragraph (DmlRenderContext *ctx,
                       const char       *text,
                       double            x,
                       double            y,
                       double            size,
                       gboolean          bold,
                       double            width)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(PangoLayout) layout = make_layout_full (ctx, text, size, bold, ranges);
  PangoRectangle logical;
  cairo_rectangle_t box;

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_extents (layout, NULL, &logical);
  ctx->geometry->min_text_px = MIN (ctx->geometry->min_text_px, size * ctx->font_px);
  record_exponents (ctx, layout, ranges, size);

  cairo_move_to (ctx->cr, x, y);
  _dml_render_set_color (ctx->cr, &ctx->style->foreground, 1);
  pango_cairo_show_layout (ctx->cr, layout);

  box = (cairo_rectangle_t) { x, y, (double) logical.width / PANGO_SCALE, (double) logical.height / PANGO_SCALE };
  g_array_append_val (ctx->geometry->text_boxes, box);
  g_ptr_array_add (ctx->geometry->texts, g_strdup (text));
  return box.height;
}

void
_dml_render_measure_wrapped (DmlRenderContext *ctx,
                             const char       *text,
                             double            size,
                             gboolean          bold,
                             double            width,
                             double           *height,
                             int              *lines)
{
  g_autoptr(PangoLayout) layout = make_layout (ctx, text, size, bold);
  PangoRectangle logical;

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_extents (layout, NULL, &logical);
  *height = (double) logical.height / PANGO_SCALE;
  *lines = pango_layout_get_line_count (layout);
}

/* Title and subtitle at the top; returns where the plot may start. */
double
_dml_render_titles (DmlRenderContext        *ctx,
                    const char *title,
                    const char *subtitle,
                    double      title_size)
{
  double top = 0.6 * ctx->font_px, w, h;
  gboolean has_title = title != NULL && title[0] != '\0';

  if (!has_title && (subtitle == NULL || subtitle[0] == '\0'))
    return top;

  if (has_title)
    {
      _dml_render_measure (ctx, title, title_size, TRUE, &w, &h);
      draw_text_full (ctx, title, 1.2 * ctx->font_px, top, 0, 0, title_size, TRUE, 0, &ctx->style->foreground,
                      ctx->width - 2.4 * ctx->font_px);
      top += h;
    }
  if (subtitle != NULL && subtitle[0] != '\0')
    top += _dml_render_paragraph (ctx, subtitle, 1.2 * ctx->font_px, top, 1.05, FALSE, ctx->width - 2.4 * ctx->font_px);

  return top + 0.6 * ctx->font_px;
}

/* Margins from what the labels need, below @top. */
void
_dml_render_place_plot (DmlRenderContext    *ctx,
                        double  top)
{
  double label_w, label_h;

  /* Room for the widest tick label: "100 %", "10²⁸", and in the cost
   * view money and power, "100 MW". */
  _dml_render_measure (ctx, ctx->spec->view == DML_CHART_COST ? "100 MW" : "100 %", 1, FALSE, &label_w, &label_h);
  top = MAX (top, 0.6 * ctx->font_px) + label_h / 2;
  /* A small multiple's axis titles are the grid's, once for all. */
  ctx->px = (ctx->no_axis_titles ? 0 : 0.5 * ctx->font_px + 1.4 * label_h) + label_w + 0.8 * ctx->font_px;
  ctx->py = top;
  ctx->pw = ctx->width - ctx->px - 1.5 * ctx->font_px;
  ctx->ph = ctx->height - top - (0.4 * ctx->font_px + label_h + 0.3 * ctx->font_px +
                                 (ctx->no_axis_titles ? 0 : 1.3 * label_h + 0.6 * ctx->font_px));
}

static void
draw_view (DmlRenderContext *ctx)
{
  switch (ctx->spec->view)
    {
    case DML_CHART_LAYOUT:
      _dml_render_layout (ctx);
      break;
    case DML_CHART_TIME:
      _dml_render_time (ctx);
      break;
    case DML_CHART_COST:
      _dml_render_cost (ctx);
      break;
    case DML_CHART_UTILIZATION:
    case DML_CHART_TIMELINE:
    case DML_N_CHART_VIEWS:
    default:
      _dml_render_utilization (ctx);
      break;
    }
}

void
_dml_render_single (DmlRenderContext        *ctx,
                    const char *title,
                    const char *subtitle,
                    double      title_size,
                    gboolean    fixed_axes)
{
  const DmlSweep *sweep = ctx->spec->sweep;
  g_autofree char *sentence = NULL;
  g_autofree char *with_takeaway = NULL;

  /* The timeline says what it shows in a sentence, under the title. */
  if (ctx->spec->view == DML_CHART_TIMELINE && sweep != NULL && !ctx->compact &&
      (subtitle == NULL || subtitle[0] == '\0'))
    subtitle = sentence = dml_timeline_sentence (&sweep->params, &sweep->summary);
  else
    subtitle = with_takeaway = _dml_render_subtitle_with_takeaway (ctx, subtitle);

  _dml_render_place_plot (ctx, _dml_render_titles (ctx, title, subtitle, title_size));

  if (sweep == NULL || sweep->n_points < 2 || ctx->pw <= 20 || ctx->ph <= 20)
    return;

  if (!fixed_axes)
    {
      ctx->log_min = log10 (sweep->points[0].flop);
      ctx->log_max = log10 (sweep->points[sweep->n_points - 1].flop);
    }
  draw_view (ctx);
}

/* One pass of the whole picture; returns FALSE when a key had to give
 * up its place in the plot. */
static gboolean
render_pass (cairo_t             *cr,
             double               width,
             double               height,
             const DmlChartStyle *style,
             const DmlChartSpec  *spec,
             DmlChartGeometry    *geometry,
             gboolean             key_outside)
{
  DmlChartGeometry local;
  DmlRenderContext ctx;

  _dml_render_begin (&ctx, cr, width, height, style, spec, geometry, &local);
  ctx.key_outside = key_outside;

  if (spec->n_sweeps > 1 && (spec->multiples || spec->view != DML_CHART_UTILIZATION))
    _dml_render_multiples (&ctx);
  else if (spec->n_sweeps > 1)
    _dml_render_overlay (&ctx);
  else
    _dml_render_single (&ctx, spec->title, spec->subtitle, 1.45, FALSE);

  _dml_render_end (&ctx, geometry, &local);
  return !ctx.key_failed;
}

void
dml_chart_render (cairo_t             *cr,
                  double               width,
                  double               height,
                  const DmlChartStyle *style,
                  const DmlChartSpec  *spec,
                  DmlChartGeometry    *geometry)
{
  gboolean outside = FALSE;

  /* A legend goes where it covers no data, which is known only once the
   * data is drawn; where no place in the plot is free, the plot makes
   * room above it for the legend. A first pass on a scratch surface
   * finds out which. */
  if (!(spec->n_sweeps > 1 && (spec->multiples || spec->view != DML_CHART_UTILIZATION)))
    {
      cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
      cairo_t *scratch_cr = cairo_create (scratch);

      outside = !render_pass (scratch_cr, width, height, style, spec, NULL, FALSE);
      cairo_destroy (scratch_cr);
      cairo_surface_destroy (scratch);
    }

  render_pass (cr, width, height, style, spec, geometry, outside);
}

/* The one-line point of a picture, for exports: where utilization falls
 * and where the wall stands, or for a comparison, how far the walls lie
 * apart. NULL where the view has none. */
char *
dml_chart_takeaway (const DmlChartSpec *spec)
{
  if (spec->n_sweeps > 1)
    {
      int lo = -1, hi = -1;
      guint n_walls = 0;

      if (spec->view != DML_CHART_UTILIZATION)
        return NULL;
      for (guint i = 0; i < spec->n_sweeps; i++)
        {
          double wall = spec->sweeps[i]->summary.wall;

          if (!isfinite (wall))
            continue;
          n_walls++;
          if (lo < 0 || wall < spec->sweeps[lo]->summary.wall)
            lo = (int) i;
          if (hi < 0 || wall > spec->sweeps[hi]->summary.wall)
            hi = (int) i;
        }
      if (lo < 0)
        return g_strdup (_("No design reaches its wall within its sweep."));
      {
        g_autofree char *lo_value = dml_format_power_of_ten (spec->sweeps[lo]->summary.wall, 2);
        g_autofree char *hi_value = dml_format_power_of_ten (spec->sweeps[hi]->summary.wall, 2);

        if (n_walls > 1 && spec->sweeps[lo]->summary.wall == spec->sweeps[hi]->summary.wall)
          /* TRANSLATORS: the compute where every design of a comparison meets its wall */
          return g_strdup_printf (n_walls == spec->n_sweeps ? _("Every design reaches its wall at %s FLOP.")
                                                            : _("The designs that reach a wall in their sweep "
                                                                "reach it at %s FLOP."), lo_value);
        if (lo == hi)
          /* TRANSLATORS: the compute of the wall, and the design's name */
          return g_strdup_printf (_("Only %2$s reaches a wall in its sweep: at %1$s FLOP."), lo_value,
                                  spec->names[lo]);
        /* TRANSLATORS: walls of a comparison: compute and design, nearest and farthest */
        return g_strdup_printf (_("Walls range from %s FLOP (%s) to %s FLOP (%s)."), lo_value, spec->names[lo],
                                hi_value, spec->names[hi]);
      }
    }

  if (spec->view != DML_CHART_UTILIZATION || spec->sweep == NULL || spec->sweep->n_points < 2)
    return NULL;

  {
    const DmlSweep *sweep = spec->sweep;
    const DmlSummary *sum = &sweep->summary;
    g_autofree char *duration = dml_format_duration (sweep->params.training_days * 86400);
    g_autofree char *first = NULL;
    g_autofree char *second = NULL;

    if (isfinite (sum->max_at_80) && sum->max_at_80 < sweep->points[sweep->n_points - 1].flop)
      {
        g_autofree char *value = dml_format_power_of_ten (sum->max_at_80, 2);

        first = g_strdup_printf (_("Utilization falls below 80%% of its plateau beyond %s FLOP"), value);
      }
    else
      /* xgettext:no-c-format */
      first = g_strdup (_("Utilization stays at 80% of its plateau or more throughout the sweep"));

    if (isfinite (sum->wall))
      {
        g_autofree char *value = dml_format_power_of_ten (sum->wall, 2);

        /* TRANSLATORS: the wall's compute and the training duration ("3.0 months") */
        second = g_strdup_printf (_("no run beyond %s FLOP finishes in %s"), value, duration);
      }
    else if (isfinite (sum->wall_beyond))
      {
        g_autofree char *value = dml_format_power_of_ten (sum->wall_beyond, 2);

        second = g_strdup_printf (_("every run up to %s FLOP finishes in %s"), value, duration);
      }
    else
      second = g_strdup (_("no run in the sweep is feasible"));

    /* TRANSLATORS: the two halves of the takeaway sentence */
    return g_strdup_printf (_("%s; %s."), first, second);
  }
}

/* The subtitle, with the takeaway under it when asked for. */
char *
_dml_render_subtitle_with_takeaway (DmlRenderContext *ctx,
                                    const char       *subtitle)
{
  g_autofree char *takeaway = NULL;

  if (ctx->spec->takeaway && !ctx->compact)
    takeaway = dml_chart_takeaway (ctx->spec);
  if (takeaway == NULL)
    return g_strdup (subtitle);
  if (subtitle == NULL || subtitle[0] == '\0')
    return g_steal_pointer (&takeaway);
  return g_strdup_printf ("%s\n%s", subtitle, takeaway);
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
  g_array_set_size (ctx->geometry->run_marks, 0);
  g_array_set_size (ctx->geometry->legend_boxes, 0);
  g_ptr_array_set_size (ctx->geometry->texts, 0);
  ctx->geometry->n_ellipsized = 0;
  g_array_set_size (ctx->geometry->data_segments, 0);
  ctx->geometry->other_segments = 0;
  g_array_set_size (ctx->geometry->band_boxes, 0);
  g_array_set_size (ctx->geometry->label_boxes, 0);
  ctx->geometry->band_points = 0;
  ctx->geometry->n_lines = 0;
  ctx->geometry->envelope_points = 0;
  ctx->geometry->run_x = ctx->geometry->run_y = -1;
  ctx->geometry->run_radius = 0;
  ctx->geometry->run_unfit = FALSE;
  ctx->geometry->min_text_px = G_MAXDOUBLE;
  ctx->geometry->min_exponent_px = ctx->geometry->min_exponent_ink = G_MAXDOUBLE;

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
