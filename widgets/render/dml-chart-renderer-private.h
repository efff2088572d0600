/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "dml-chart-renderer.h"

G_BEGIN_DECLS

/* What the renderers share: one drawing in progress, and how they put
 * colour and text on it. Text boxes go into the geometry, for tests. */
typedef struct
{
  cairo_t             *cr;
  const DmlChartStyle *style;
  const DmlChartSpec  *spec;
  DmlChartGeometry    *geometry;
  double               width;
  double               height;
  double               font_px;
  double               px, py, pw, ph; /* plot area */
  double               log_min, log_max;
  double               y_max;          /* utilization, percent; 0 = from the data */
  gboolean             compact;        /* a small multiple: letters for markers, no legend */
  gboolean             no_axis_titles; /* a small multiple: the grid's axis titles are shared */
  gboolean             key_outside;    /* put the key above the plot, not in it */
  gboolean             key_failed;     /* a key found no place in the plot that covers nothing */
} DmlRenderContext;

/* A legend: swatches, line samples or run shapes with their labels, and
 * plain text, in rows. */
typedef enum
{
  DML_KEY_SWATCH,
  DML_KEY_LINE,
  DML_KEY_SHAPE,
  DML_KEY_TEXT,
} DmlKeyKind;

typedef struct
{
  DmlKeyKind    kind;
  DmlColor      color;
  const double *dashes;
  int           n_dashes;
  int           shape;   /* DmlGeneration, for DML_KEY_SHAPE */
  char         *label;
  double        size;
  gboolean      new_row; /* starts a row when the key stands in the plot */
  double        dash_unit;  /* > 0: @dashes in units of this many pixels, as the curve has them */
  double        line_width; /* > 0: the sample's width, as the curve's; else a curve's */
} DmlKeyItem;

typedef struct
{
  GArray *items;         /* DmlKeyItem */
} DmlKey;

void   _dml_render_begin     (DmlRenderContext       *ctx,
                              cairo_t                *cr,
                              double                  width,
                              double                  height,
                              const DmlChartStyle    *style,
                              const DmlChartSpec     *spec,
                              DmlChartGeometry       *geometry,
                              DmlChartGeometry       *local);
void   _dml_render_end       (DmlRenderContext       *ctx,
                              DmlChartGeometry       *geometry,
                              DmlChartGeometry       *local);
void   _dml_render_set_color (cairo_t                *cr,
                              const DmlColor         *color,
                              double                  alpha);
void   _dml_render_measure   (DmlRenderContext       *ctx,
                              const char             *text,
                              double                  size,
                              gboolean                bold,
                              double                 *width,
                              double                 *height);
void   _dml_render_text      (DmlRenderContext       *ctx,
                              const char             *text,
                              double                  x,
                              double                  y,
                              double                  anchor_x,
                              double                  anchor_y,
                              double                  size,
                              gboolean                bold,
                              double                  angle,
                              const DmlColor         *color);
double _dml_render_paragraph (DmlRenderContext       *ctx,
                              const char             *text,
                              double                  x,
                              double                  y,
                              double                  size,
                              gboolean                bold,
                              double                  width);
void   _dml_render_measure_wrapped (DmlRenderContext *ctx,
                                    const char       *text,
                                    double            size,
                                    gboolean          bold,
                                    double            width,
                                    double           *height,
                                    int              *lines);
char  *_dml_render_subtitle_with_takeaway (DmlRenderContext *ctx,
                                          const char       *subtitle);
double _dml_render_titles    (DmlRenderContext       *ctx,
                              const char             *title,
                              const char             *subtitle,
                              double                  title_size);

/* The frame, axes and text every view draws with (dml-chart-renderer.c). */
double _dml_render_x_of          (DmlRenderContext       *ctx,
                                  double                  flop);
char  *_dml_render_decade_label  (int                     exponent);
void   _dml_render_x_axis        (DmlRenderContext       *ctx);
void   _dml_render_y_title       (DmlRenderContext       *ctx,
                                  const char             *title,
                                  double                  top,
                                  double                  height);
void   _dml_render_frame         (DmlRenderContext       *ctx,
                                  double                  top,
                                  double                  height);
void   _dml_render_point_span    (DmlRenderContext       *ctx,
                                  const DmlSweep         *sweep,
                                  guint                   i,
                                  double                 *x0,
                                  double                 *x1);
void   _dml_render_percent_axes  (DmlRenderContext       *ctx,
                                  double                  y_max,
                                  double                  step,
                                  const char             *title);
double _dml_render_y_max_for     (double                  u_max);
void   _dml_render_place_plot    (DmlRenderContext       *ctx,
                                  double                  top);
void   _dml_render_single        (DmlRenderContext       *ctx,
                                  const char             *title,
                                  const char             *subtitle,
                                  double                  title_size,
                                  gboolean                fixed_axes);

/* The views of one sweep (dml-chart-views.c). */
void   _dml_render_utilization   (DmlRenderContext       *ctx);
void   _dml_render_layout        (DmlRenderContext       *ctx);
void   _dml_render_time          (DmlRenderContext       *ctx);
void   _dml_render_cost          (DmlRenderContext       *ctx);

/* Production runs on the utilization view (dml-chart-runs.c). */
double _dml_render_runs_y_max    (DmlRenderContext       *ctx,
                                  double                  y_max);
void   _dml_render_runs          (DmlRenderContext       *ctx,
                                  double                  y_max);

/* Several designs at once (dml-chart-compare.c). */
void   _dml_render_multiples     (DmlRenderContext       *ctx);
void   _dml_render_overlay       (DmlRenderContext       *ctx);

void   _dml_render_given_run     (DmlRenderContext       *ctx,
                                  double                  y_max);
void   _dml_render_run_shape     (DmlRenderContext       *ctx,
                                  int                     generation,
                                  double                  x,
                                  double                  y,
                                  double                  r);
void   _dml_render_runs_key      (DmlRenderContext       *ctx,
                                  DmlKey                 *key,
                                  double                  y_max);
void   _dml_render_record_box    (GArray                 *boxes,
                                  double                  x,
                                  double                  y,
                                  double                  width,
                                  double                  height);
void   _dml_render_record_segment (DmlRenderContext      *ctx,
                                   double                 x0,
                                   double                 y0,
                                   double                 x1,
                                   double                 y1);

/* Legends (dml-chart-legend.c). */
void        _dml_key_init      (DmlKey                 *key);
void        _dml_key_clear     (DmlKey                 *key);
DmlKeyItem *_dml_key_add       (DmlKey                 *key,
                                DmlKeyKind              kind,
                                const DmlColor         *color,
                                const char             *label,
                                gboolean                new_row);
void        _dml_key_measure   (DmlRenderContext       *ctx,
                                const DmlKey           *key,
                                double                  max_width,
                                gboolean                flow,
                                double                 *width,
                                double                 *height);
void        _dml_key_draw      (DmlRenderContext       *ctx,
                                const DmlKey           *key,
                                double                  x,
                                double                  y,
                                double                  max_width,
                                gboolean                flow);
gboolean    _dml_key_place     (DmlRenderContext       *ctx,
                                const DmlKey           *key,
                                double                  left,
                                double                  top,
                                double                  width,
                                double                  height);
double      _dml_key_above     (DmlRenderContext       *ctx,
                                const DmlKey           *key);

G_END_DECLS
