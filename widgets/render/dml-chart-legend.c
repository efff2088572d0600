/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-chart-legend"

#include "config.h"

#include <math.h>

#include "dml-chart-renderer-private.h"

/* Legends that never cover data: a key is laid out in rows, then put
 * where the plot has room for it, in the first of a few candidate places
 * whose box meets no curve, band, run or data label the renderer has
 * recorded; where none is free, above the plot. */

typedef struct
{
  double   x, y, w, text_w;
  gboolean wrapped; /* longer than a row: wrapped onto lines of its own */
} Slot;

static void
item_free (gpointer data)
{
  DmlKeyItem *item = data;

  g_free (item->label);
}

void
_dml_key_init (DmlKey *key)
{
  key->items = g_array_new (FALSE, TRUE, sizeof (DmlKeyItem));
  g_array_set_clear_func (key->items, item_free);
}

void
_dml_key_clear (DmlKey *key)
{
  g_clear_pointer (&key->items, g_array_unref);
}

DmlKeyItem *
_dml_key_add (DmlKey         *key,
              DmlKeyKind      kind,
              const DmlColor *color,
              const char     *label,
              gboolean        new_row)
{
  DmlKeyItem item = { kind, { 0, 0, 0, 1 }, NULL, 0, 0, g_strdup (label), 0.9, new_row };

  if (color != NULL)
    item.color = *color;
  g_array_append_val (key->items, item);
  return &g_array_index (key->items, DmlKeyItem, key->items->len - 1);
}

static double
glyph_width (DmlRenderContext *ctx,
             DmlKeyKind        kind)
{
  switch (kind)
    {
    case DML_KEY_SWATCH:
      return 1.3 * ctx->font_px;
    case DML_KEY_LINE:
      return 2.9 * ctx->font_px;
    case DML_KEY_SHAPE:
      return 1.2 * ctx->font_px;
    case DML_KEY_TEXT:
    default:
      return 0;
    }
}

/* Where each item goes, relative to the key's top left inside its
 * padding; returns the rows' extent. In a flow, items fill each row to
 * @max_width; otherwise they also start a row where asked. */
static void
layout (DmlRenderContext *ctx,
        const DmlKey     *key,
        double            max_width,
        gboolean          flow,
        Slot             *slots,
        double           *width,
        double           *height)
{
  double x = 0, y = 0, row_h = 0, gap = 0.9 * ctx->font_px;

  *width = 0;
  for (guint i = 0; i < key->items->len; i++)
    {
      const DmlKeyItem *item = &g_array_index (key->items, DmlKeyItem, i);
      double text_w, text_h, w;

      gboolean wrapped = FALSE;

      _dml_render_measure (ctx, item->label, item->size, FALSE, &text_w, &text_h);
      w = glyph_width (ctx, item->kind) + text_w;
      if (w > max_width)
        {
          int lines;

          text_w = max_width - glyph_width (ctx, item->kind);
          _dml_render_measure_wrapped (ctx, item->label, item->size, FALSE, text_w, &text_h, &lines);
          text_h /= 1.15;
          w = max_width;
          wrapped = TRUE;
        }
      if (x > 0 && ((item->new_row && !flow) || x + w > max_width))
        {
          y += row_h;
          x = 0;
          row_h = 0;
        }
      slots[i] = (Slot) { x, y, w, text_w, wrapped };
      row_h = MAX (row_h, 1.15 * text_h);
      *width = MAX (*width, x + w);
      x += w + gap;
    }
  *height = y + row_h;
}

/* With its padding. */
void
_dml_key_measure (DmlRenderContext *ctx,
                  const DmlKey     *key,
                  double            max_width,
                  gboolean          flow,
                  double           *width,
                  double           *height)
{
  g_autofree Slot *slots = g_new (Slot, MAX (1, key->items->len));
  double pad = 0.35 * ctx->font_px;

  layout (ctx, key, max_width - 2 * pad, flow, slots, width, height);
  *width += 2 * pad;
  *height += 2 * pad;
}

void
_dml_key_draw (DmlRenderContext *ctx,
               const DmlKey     *key,
               double            x,
               double            y,
               double            max_width,
               gboolean          flow)
{
  cairo_t *cr = ctx->cr;
  g_autofree Slot *slots = g_new (Slot, MAX (1, key->items->len));
  double pad = 0.35 * ctx->font_px, w, h;

  if (key->items->len == 0)
    return;

  layout (ctx, key, max_width - 2 * pad, flow, slots, &w, &h);
  _dml_render_set_color (cr, &ctx->style->background, 0.88);
  cairo_rectangle (cr, x, y, w + 2 * pad, h + 2 * pad);
  cairo_fill (cr);
  _dml_render_record_box (ctx->geometry->legend_boxes, x, y, w + 2 * pad, h + 2 * pad);

  for (guint i = 0; i < key->items->len; i++)
    {
      const DmlKeyItem *item = &g_array_index (key->items, DmlKeyItem, i);
      double ix = x + pad + slots[i].x, text_w, text_h, cy;

      _dml_render_measure (ctx, item->label, item->size, FALSE, &text_w, &text_h);
      cy = y + pad + slots[i].y + 0.575 * text_h;
      switch (item->kind)
        {
        case DML_KEY_SWATCH:
          _dml_render_set_color (cr, &item->color, 1);
          cairo_rectangle (cr, ix, cy - 0.4 * ctx->font_px, 0.8 * ctx->font_px, 0.8 * ctx->font_px);
          cairo_fill (cr);
          break;
        case DML_KEY_LINE:
          _dml_render_set_color (cr, &item->color, 1);
          cairo_set_line_width (cr, item->line_width > 0 ? item->line_width : MAX (2, 0.22 * ctx->font_px));
          if (item->dash_unit > 0 && item->n_dashes > 0)
            {
              double dashes[4];
              int n = MIN (item->n_dashes, (int) G_N_ELEMENTS (dashes));

              for (int d = 0; d < n; d++)
                dashes[d] = item->dashes[d] * item->dash_unit;
              cairo_set_dash (cr, dashes, n, 0);
            }
          else
            cairo_set_dash (cr, item->dashes, item->n_dashes, 0);
          cairo_move_to (cr, ix, cy);
          cairo_line_to (cr, ix + 2.4 * ctx->font_px, cy);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          break;
        case DML_KEY_SHAPE:
          _dml_render_run_shape (ctx, item->shape, ix + 0.45 * ctx->font_px, cy, MAX (3, 0.38 * ctx->font_px));
          break;
        case DML_KEY_TEXT:
        default:
          break;
        }
      if (slots[i].wrapped)
        _dml_render_paragraph (ctx, item->label, ix + glyph_width (ctx, item->kind), y + pad + slots[i].y,
                               item->size, FALSE, slots[i].text_w);
      else
        _dml_render_text (ctx, item->label, ix + glyph_width (ctx, item->kind), cy, 0, 0.5, item->size, FALSE, 0,
                          &ctx->style->foreground);
    }
}

/* Puts @key in the box left, top, width × height at the first candidate
 * place where it covers no data, and draws it there. Returns FALSE, and
 * marks the context, when there is none. */
gboolean
_dml_key_place (DmlRenderContext *ctx,
                const DmlKey     *key,
                double            left,
                double            top,
                double            width,
                double            height)
{
  double m = 0.4 * ctx->font_px, w, h;
  /* Corners first, low ones before high ones (marker labels sit at the
   * top), then the middles of the edges. */
  static const double where[][2] = {
    { 0, 1 }, { 1, 1 }, { 0, 0 }, { 1, 0 }, { 0.5, 1 }, { 0, 0.5 }, { 1, 0.5 }, { 0.5, 0 },
    { 0.25, 1 }, { 0.75, 1 }, { 0, 0.75 }, { 1, 0.75 }, { 0.25, 0 }, { 0.75, 0 }, { 0, 0.25 }, { 1, 0.25 },
  };

  if (key->items->len == 0)
    return TRUE;

  _dml_key_measure (ctx, key, width - 2 * m, FALSE, &w, &h);
  if (w <= width - 2 * m && h <= height - 2 * m)
    for (guint i = 0; i < G_N_ELEMENTS (where); i++)
      {
        cairo_rectangle_t box = { left + m + where[i][0] * (width - 2 * m - w),
                                  top + m + where[i][1] * (height - 2 * m - h), w, h };

        if (!dml_chart_geometry_box_hits_data (ctx->geometry, &box))
          {
            _dml_key_draw (ctx, key, box.x, box.y, width - 2 * m, FALSE);
            return TRUE;
          }
      }

  ctx->key_failed = TRUE;
  return FALSE;
}

/* Draws @key above the plot, flowing across its width, and moves the
 * plot's top down under it. Returns its height. */
double
_dml_key_above (DmlRenderContext *ctx,
                const DmlKey     *key)
{
  double w, h;

  if (key->items->len == 0)
    return 0;

  _dml_key_measure (ctx, key, ctx->pw, TRUE, &w, &h);
  _dml_key_draw (ctx, key, ctx->px, ctx->py - 0.2 * ctx->font_px, ctx->pw, TRUE);
  ctx->py += h + 0.2 * ctx->font_px;
  ctx->ph -= h + 0.2 * ctx->font_px;
  return h;
}

static gboolean
boxes_meet (const cairo_rectangle_t *a,
            double x, double y, double w, double h)
{
  return a->x < x + w && x < a->x + a->width && a->y < y + h && y < a->y + a->height;
}

/* Liang–Barsky: whether the segment meets the box. */
static gboolean
segment_meets (const DmlChartSegment   *s,
               const cairo_rectangle_t *b)
{
  double t0 = 0, t1 = 1, dx = s->x1 - s->x0, dy = s->y1 - s->y0;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { s->x0 - b->x, b->x + b->width - s->x0, s->y0 - b->y, b->y + b->height - s->y0 };

  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      {
        double t = q[i] / p[i];

        if (p[i] < 0)
          t0 = MAX (t0, t);
        else
          t1 = MIN (t1, t);
      }
      if (t0 > t1)
        return FALSE;
    }
  return TRUE;
}

/* Whether @box meets anything the renderer drew as data: a curve, the
 * band, a real run, the given run, a data label. A stroke's width is
 * allowed for. */
gboolean
dml_chart_geometry_box_hits_data (const DmlChartGeometry  *geometry,
                                  const cairo_rectangle_t *box)
{
  cairo_rectangle_t grown = { box->x - 3, box->y - 3, box->width + 6, box->height + 6 };

  for (guint i = 0; geometry->data_segments != NULL && i < geometry->data_segments->len; i++)
    if (segment_meets (&g_array_index (geometry->data_segments, DmlChartSegment, i), &grown))
      return TRUE;
  for (guint i = 0; geometry->band_boxes != NULL && i < geometry->band_boxes->len; i++)
    {
      const cairo_rectangle_t *b = &g_array_index (geometry->band_boxes, cairo_rectangle_t, i);

      if (boxes_meet (box, b->x, b->y, b->width, b->height))
        return TRUE;
    }
  for (guint i = 0; geometry->label_boxes != NULL && i < geometry->label_boxes->len; i++)
    {
      const cairo_rectangle_t *b = &g_array_index (geometry->label_boxes, cairo_rectangle_t, i);

      if (boxes_meet (box, b->x, b->y, b->width, b->height))
        return TRUE;
    }
  for (guint i = 0; geometry->run_marks != NULL && i < geometry->run_marks->len; i++)
    {
      const DmlChartRunMark *m = &g_array_index (geometry->run_marks, DmlChartRunMark, i);
      double r = 1.3 * m->radius;

      if (boxes_meet (box, m->x - r, m->y - r, 2 * r, 2 * r))
        return TRUE;
    }
  if (geometry->run_x >= 0)
    {
      double r = geometry->run_radius + 2;

      if (boxes_meet (box, geometry->run_x - r, geometry->run_y - r, 2 * r, 2 * r))
        return TRUE;
    }

  return FALSE;
}
