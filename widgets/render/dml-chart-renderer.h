/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "dml-engine.h"
#include "dml-option-curves.h"
#include "dml-options.h"
#include "dml-sensitivity.h"
#include "dml-uncertainty.h"

G_BEGIN_DECLS

typedef enum
{
  DML_CHART_UTILIZATION,
  DML_CHART_LAYOUT,
  DML_CHART_TIME,
  DML_CHART_COST,
  DML_CHART_TIMELINE,
  DML_N_CHART_VIEWS
} DmlChartView;

typedef struct
{
  double red, green, blue, alpha;
} DmlColor;

typedef struct
{
  DmlColor    foreground;
  DmlColor    background;
  DmlColor    regime[DML_N_REGIMES];
  gboolean    transparent;  /* leave the background unpainted */
  const char *font_family;
  double      font_scale;   /* 1 = size for the surface's height */
  double      font_px;      /* > 0: this size, whatever the surface's */
} DmlChartStyle;

/* Text for slides: at 1920×1080 the smallest text (0.8 of the base size)
 * is 28 px, which reads from the back of a room; "Document" is 1. */
#define DML_CHART_SLIDE_TEXT_SCALE 1.8

#define DML_CHART_MAX_SERIES 6

typedef struct
{
  DmlChartView    view;
  const DmlSweep *sweep;
  const char     *title;    /* NULL for none */
  const char     *subtitle;
  gboolean        show_max_at_80;
  int             hover;    /* index into the sweep's points, -1 for none */
  int             pinned;

  /* A comparison: with two or more, these are drawn instead of @sweep,
   * overlaid (utilization) or as small multiples on shared axes. */
  guint           n_sweeps;
  const DmlSweep *sweeps[DML_CHART_MAX_SERIES];
  const char     *names[DML_CHART_MAX_SERIES];
  gboolean        multiples;

  gboolean        marker_values; /* "Wall 5.6 × 10³¹": for exports, which have no summary strip */
  gboolean        show_runs;     /* production runs on the utilization view of one sweep */
  const DmlUncertainty *uncertainty; /* P10–P90 bands of @sweep (utilization and timeline); NULL for none */
  const DmlSweep *other;         /* @sweep's design under the other overlap assumption (the paper's bound
                                  * or today's practice), dashed on the utilization view; NULL for none */

  /* A given run (docs/calibration.md) on the utilization view: its
   * training compute and MFU, and a label; @run_flop 0 for none. */
  double          run_flop;
  double          run_mfu;
  const char     *run_label;
  gboolean        run_exceeds_memory; /* the given run does not fit in memory: marked so */

  gboolean        for_export;    /* a picture: no hints about the app's fields */
  gboolean        takeaway;      /* a one-line sentence under the title (utilization, compare) */
  const guint    *pinned_runs;   /* indices into dml_production_runs() to label by name */
  guint           n_pinned_runs;
} DmlChartSpec;

/* A straight piece of a curve as drawn. */
typedef struct
{
  double x0, y0, x1, y1;
} DmlChartSegment;

/* A production run drawn on the chart: its centre and the index of the
 * run in dml_production_runs(). */
typedef struct
{
  double x, y, radius;
  guint  run;
} DmlChartRunMark;

/* What the renderer drew where: for hit-testing and for tests. */
typedef struct
{
  double  plot_x, plot_y, plot_width, plot_height;
  double  log_min, log_max;     /* x axis, log10 FLOP */
  GArray *text_boxes;           /* cairo_rectangle_t, every text drawn */
  GPtrArray *texts;             /* char *, the text of each box */
  guint   n_ellipsized;         /* texts cut short to fit */
  GArray *marker_x;             /* double, every vertical marker drawn */
  double  min_text_px;          /* the smallest text drawn, in pixels (font size) */
  GArray *run_marks;            /* DmlChartRunMark, every production run drawn */
  guint   band_points;          /* points of the P10–P90 band drawn; 0 for none */
  double  run_x, run_y;         /* the given run's mark; -1 when none is drawn */
  double  run_radius;
  gboolean run_unfit;           /* the given run is drawn as not fitting in memory */

  /* What a legend must not cover, and the legends: for placing them
   * and for tests. */
  GArray *legend_boxes;         /* cairo_rectangle_t, every legend or key */
  GArray *data_segments;        /* DmlChartSegment, every curve drawn */
  guint   other_segments;       /* of them, the other overlap assumption's dashed curve */
  GArray *band_boxes;           /* cairo_rectangle_t, the P10–P90 band, column by column */
  GArray *label_boxes;          /* cairo_rectangle_t, labels of data: markers, run names */
  double  min_exponent_px;      /* the smallest exponent drawn (font size), G_MAXDOUBLE for none */
  double  min_exponent_ink;     /* the least ink height of an exponent drawn */
  guint   n_lines;              /* the Options chart: offerings' lines drawn */
  guint   envelope_points;      /* the Options chart: points of the cheapest envelope drawn */
} DmlChartGeometry;

const char *dml_chart_view_id         (DmlChartView            view);
const char *dml_chart_view_label      (DmlChartView            view);
void        dml_chart_series_style    (guint                   index,
                                       gboolean                dark,
                                       DmlColor               *color,
                                       const double          **dashes,
                                       int                    *n_dashes);
void        dml_chart_style_init      (DmlChartStyle          *style,
                                       gboolean                dark);
void        dml_chart_geometry_init   (DmlChartGeometry       *geometry);
void        dml_chart_geometry_clear  (DmlChartGeometry       *geometry);
void        dml_chart_render          (cairo_t                *cr,
                                       double                  width,
                                       double                  height,
                                       const DmlChartStyle    *style,
                                       const DmlChartSpec     *spec,
                                       DmlChartGeometry       *geometry);
void        dml_tornado_render        (cairo_t                *cr,
                                       double                  width,
                                       double                  height,
                                       const DmlChartStyle    *style,
                                       const DmlSensitivity   *sensitivity,
                                       int                     by,
                                       const char             *title,
                                       DmlChartGeometry       *geometry,
                                       DmlLever               *order);
/* The Options view's chart (docs/options.md): cost against training
 * compute, one line per offering, the cheapest at each compute drawn
 * bold beneath them, and the target marked. */
typedef struct
{
  const DmlOptionCurves *curves;
  const DmlOptions      *options;   /* the target and its ranking; NULL: none marked, no line named */
  const char            *title;     /* NULL: dml_options_chart_title () */
  const char            *subtitle;  /* NULL: the target and the cheapest option for it */
  const char            *selected;  /* an option's id to name whatever its rank; NULL for none */
} DmlOptionsChartSpec;

/* Lines named in the key: the cheapest few at the target; the rest are
 * grey, one entry for all. */
#define DML_OPTIONS_CHART_NAMED 5

char       *dml_options_chart_title   (const DmlOptionCurves  *curves);
void        dml_options_render        (cairo_t                *cr,
                                       double                  width,
                                       double                  height,
                                       const DmlChartStyle    *style,
                                       const DmlOptionsChartSpec *spec,
                                       DmlChartGeometry       *geometry);
int         dml_chart_hit             (const DmlChartGeometry *geometry,
                                       const DmlSweep         *sweep,
                                       double                  x,
                                       double                  y);
int         dml_chart_hit_run         (const DmlChartGeometry *geometry,
                                       double                  x,
                                       double                  y);
gboolean    dml_chart_geometry_box_hits_data (const DmlChartGeometry  *geometry,
                                              const cairo_rectangle_t *box);
char       *dml_chart_takeaway        (const DmlChartSpec     *spec);

G_END_DECLS
