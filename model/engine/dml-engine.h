/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <glib-object.h>

#include "dml-params.h"

G_BEGIN_DECLS

/* Layouts one point's search may evaluate. The shipped designs need at
 * most about 20 000 at their slowest point (h100-moe near 1e31); designs
 * at the edges of the valid ranges can defeat the pruning and would take
 * seconds per point. Past this the search stops with the best so far and
 * says so (DmlPoint.search_truncated). */
#define DML_SEARCH_MAX_EVALUATIONS 100000

typedef enum
{
  DML_REGIME_COMPUTE,
  DML_REGIME_DRAM,
  DML_REGIME_NETWORK,
  DML_REGIME_LATENCY,
  DML_REGIME_RELIABILITY, /* time lost to interruptions outweighs every excess (docs/model.md) */
  DML_REGIME_INFEASIBLE,
  DML_N_REGIMES /*< skip >*/
} DmlRegime;

typedef struct
{
  double dp; /* data-parallel ranks; expert ranks are carved out of them */
  double tx; /* tensor axis inside the scale-up domain */
  double ty; /* tensor axis across domains (2D tensor parallelism) */
  double pp;
  double ep;
  double m;  /* microbatches per step */
} DmlLayout;

/* The shape of the model at one compute scale (docs/model.md, "Shape of a run of C FLOP"). */
typedef struct
{
  double flop;
  double params;        /* active parameters N */
  double total_params;  /* including inactive experts */
  double tokens;        /* D */
  double layers;        /* L, whole */
  double d_model;
  double batch_tokens;  /* B */
  double steps;         /* S = D / B */
} DmlShape;

/* Step time and its parts, in seconds. The parts add up to @step. */
typedef struct
{
  double step;
  double compute;
  double dram;
  double scaleup;
  double scaleout;
  double latency;
  double bubble;
  double intersite;     /* traffic between sites, where it outlasts the step's body */
  double memory;        /* bytes per GPU */
  double sites;         /* sites the run spans */
  gboolean pipeline_across_sites; /* the pipeline, not data parallelism, crosses sites */
  double goodput;       /* useful share of the elapsed time; 1 unless the design loses time to interruptions */
} DmlStepTime;

typedef struct
{
  double      flop;
  gboolean    feasible;
  gboolean    over_budget; /* a layout would fit in time, but not in the GPU budget */
  gboolean    search_truncated; /* the search hit its work bound: the best layout found, maybe not the best */
  DmlRegime   regime;      /* this layout's own: its largest excess */
  DmlRegime   band;        /* the sweep's around this point: what the chart colours (docs/model.md) */
  double      band_cost[4]; /* points of utilization the DRAM, network and latency excesses and interruptions take around it */
  double      utilization; /* fraction of peak, over the elapsed time: goodput included */
  DmlShape    shape;
  DmlLayout   layout;
  double      gpus;
  double      tokens_per_microbatch;
  DmlStepTime time;
  double      wall_clock;  /* seconds */
  double      gpu_hours;
  double      cost;        /* USD */
  double      power;       /* W, the GPUs */
  double      facility_power; /* W, the site: the GPUs' power × PUE */
  double      energy;      /* Wh, the site over the run */
  double      energy_cost; /* USD */
  double      emissions;   /* t CO₂ */
  double      goodput;     /* useful share of the elapsed time (docs/model.md, "Goodput") */
  double      mtbi;        /* s between the job's interruptions; INFINITY when it has none */
} DmlPoint;

typedef struct
{
  double plateau_utilization;
  double dram_onset;      /* FLOP, NAN when there is none */
  double network_onset;
  double latency_onset;
  double onset_cost[3];   /* points the DRAM, network and latency excesses take at their onsets */
  DmlRegime onset_band[3]; /* the band there: another limit may cost more */
  double wall;            /* largest feasible C; NAN if none, or if the last point is still feasible */
  double wall_beyond;     /* the sweep's end, when the wall lies past it; else NAN */
  double max_at_80;       /* largest C with utilization ≥ 80% of the plateau */
  guint  truncated_points; /* points whose search hit its work bound */
  double batch_cap;       /* first C where the critical batch caps the batch law; NAN if none */
  DmlOverlap overlap;     /* the sweep's: the paper's bound or today's practice */
  gboolean goodput;       /* the sweep loses time to interruptions */
  double reliability_onset; /* first C whose goodput is below DML_RELIABILITY_GOODPUT; NAN if none */
} DmlSummary;

/* The goodput below which the reliability marker stands. */
#define DML_RELIABILITY_GOODPUT 0.5

typedef struct
{
  DmlParams  params;
  guint      n_points;
  DmlPoint  *points;
  DmlSummary summary;
  guint64    layouts_evaluated;
} DmlSweep;

const char *dml_regime_id           (DmlRegime          regime);
const char *dml_regime_label        (DmlRegime          regime);

void        dml_shape_compute       (const DmlParams   *params,
                                     double             flop,
                                     DmlShape          *shape);
double      dml_collective_latency  (const DmlParams   *params,
                                     double             group,
                                     double             in_domain);
double      dml_layer_latency       (const DmlParams   *params,
                                     const DmlLayout   *layout);
void        dml_layout_evaluate     (const DmlParams   *params,
                                     const DmlShape    *shape,
                                     const DmlLayout   *layout,
                                     DmlStepTime       *time);
gboolean    dml_layout_is_valid     (const DmlParams   *params,
                                     const DmlShape    *shape,
                                     const DmlLayout   *layout);
gboolean    dml_point_from_layout   (const DmlParams   *params,
                                     double             flop,
                                     const DmlLayout   *layout,
                                     DmlPoint          *point);
void        dml_point_search        (const DmlParams   *params,
                                     double             flop,
                                     const DmlLayout   *hint,
                                     DmlPoint          *point,
                                     guint64           *n_evaluated);

#define DML_TYPE_SWEEP (dml_sweep_get_type ())

GType       dml_sweep_get_type      (void) G_GNUC_CONST;
DmlSweep   *dml_sweep_new           (const DmlParams   *params,
                                     GCancellable      *cancellable,
                                     GError           **error);
DmlSweep   *dml_sweep_ref           (DmlSweep          *sweep);
void        dml_sweep_unref         (DmlSweep          *sweep);
int         _dml_sweep_count_alive  (void);
void        dml_points_classify_bands (const DmlParams *params,
                                       DmlPoint        *points,
                                       guint            n_points);
void        dml_summary_compute     (const DmlParams   *params,
                                     const DmlPoint    *points,
                                     guint              n_points,
                                     DmlSummary        *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmlSweep, dml_sweep_unref)

G_END_DECLS
