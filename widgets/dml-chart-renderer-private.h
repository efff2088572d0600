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
} DmlRenderContext;

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
void   _dml_render_legend        (DmlRenderContext       *ctx,
                                  const char            **labels,
                                  const DmlColor         *colors,
                                  guint                   n,
                                  double                  x,
                                  double                  y);
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
                                  double                  y_max,
                                  double                  key_bottom);

/* Several designs at once (dml-chart-compare.c). */
void   _dml_render_multiples     (DmlRenderContext       *ctx);
void   _dml_render_overlay       (DmlRenderContext       *ctx);

void   _dml_render_given_run     (DmlRenderContext       *ctx,
                                  double                  y_max);

G_END_DECLS
