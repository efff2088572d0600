/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "dml-field.h"

G_BEGIN_DECLS

/* Every number the model reads, in SI base units. Plain data, so that a
 * worker thread can own a copy while the user keeps editing. */
typedef enum
{
  DML_DISTRIBUTION_UNIFORM,
  DML_DISTRIBUTION_LOG_UNIFORM,
  DML_DISTRIBUTION_NORMAL,
  DML_N_DISTRIBUTIONS /*< skip >*/
} DmlDistribution;

#define DML_SHARED_MAX 16

/* An uncertain input (docs/model.md, "Uncertainty"): uniform or
 * log-uniform between @low and @high, or normal with [@low, @high] as
 * its 90% interval. @field indexes dml_fields(). Ranges with the same
 * non-empty @shared name take one draw between them (the same quantile
 * of each range): one factor, not independent draws that average out. */
typedef struct
{
  guint           field;
  DmlDistribution distribution;
  double          low;
  double          high;
  char            shared[DML_SHARED_MAX];
} DmlRange;

#define DML_MAX_RANGES 16

/* A run the compute trend may start from instead of the design's own
 * anchor: its compute (FLOP) and date (decimal year). */
typedef struct
{
  double flop;
  double year;
} DmlAnchorRun;

#define DML_MAX_ANCHOR_RUNS 8

/* How far communication hides behind compute (docs/model.md, "Overlap:
 * the paper's bound and today's practice"): as the paper assumes, or as
 * Megatron-LM does it today. */
typedef enum
{
  DML_OVERLAP_PAPER,
  DML_OVERLAP_PRACTICE,
  DML_N_OVERLAPS /*< skip >*/
} DmlOverlap;

typedef struct
{
  /* hardware, per GPU */
  double peak_flops;
  double max_utilization;
  double hbm_bandwidth;
  double hbm_capacity;
  double scaleup_bandwidth;
  double scaleup_domain;
  double scaleout_bandwidth;
  double kernel_latency;
  double collective_base_latency;
  double scaleup_hop_latency;
  double scaleout_hop_latency;
  double gpu_hour_cost;
  double power_per_gpu;

  /* workload */
  double training_days;
  double tokens_per_parameter;
  double bytes_per_value;
  double layers_coefficient;
  double layers_exponent;
  double batch_tokens_reference;
  double batch_parameters_reference;
  double batch_exponent;
  double batch_tokens_max; /* the critical batch size: the batch law stops here; 0 = no cap */
  double microbatch_tokens_min; /* the smallest microbatch per replica, e.g. one sequence; 0 = one token */
  double experts;
  double active_experts;

  /* parallelism */
  gboolean data;
  gboolean tensor;
  gboolean tensor_2d;
  gboolean pipeline;
  gboolean expert;
  double   pipeline_bubble;
  gboolean overlap_communication;
  DmlOverlap overlap;
  double   max_gpus;
  gboolean enforce_memory;

  /* sweep and markers */
  double sweep_from;
  double sweep_to;
  double per_decade;
  double onset_threshold;

  /* several sites: a third network tier */
  double gpus_per_site;       /* 0 = one site */
  double site_power;          /* W a site may draw; sets GPUs per site; 0 = no limit */
  double intersite_bandwidth; /* B/s per site, one direction */
  double intersite_latency;   /* s per step across sites */
  double max_sites;           /* 0 = as many as needed */

  /* power and energy, per site */
  double pue;               /* facility power over IT power */
  double electricity_price; /* USD per MWh */
  double carbon_intensity;  /* kg CO₂ per MWh */

  /* timeline: the frontier run of year y has C0 · g^(y − y0) FLOP */
  double growth;
  double growth_low;    /* the 90% interval of g */
  double growth_high;
  double anchor_flop;   /* C0 */
  double anchor_year;   /* y0, a decimal year */
  /* Hardware of year y: fixed (the paper), or the roadmap of shipped
   * presets, then each quantity growing at its own rate a year. */
  gboolean hardware_roadmap;
  double flops_growth;
  double hbm_bandwidth_growth;
  double hbm_capacity_growth;
  double scaleup_bandwidth_growth;
  double scaleout_bandwidth_growth;
  double scaleup_domain_growth;
  double latency_change;      /* < 1: latencies fall */
  /* Training duration of year y: training_days · growth^(y − y0), capped. */
  double duration_growth;
  double max_training_days;

  /* reliability (docs/model.md, "Goodput") */
  gboolean goodput;                   /* the sweep's runs lose time to interruptions */
  double   interruptions_per_gpu_day;
  double   restart_time;              /* s from an interruption to work again */
  double   checkpoint_write_time;     /* s the work stops for each checkpoint */
  double   checkpoint_interval;       /* s of work between checkpoints; 0 = Daly's optimum */

  /* uncertainty: the inputs sampled, each with its range */
  guint    n_ranges;
  DmlRange ranges[DML_MAX_RANGES];
  /* and the trend's anchor: each sample starts the trend from the
   * design's own anchor or from one of these runs, with equal chance;
   * the timeline's 90% ranges span them all */
  guint        n_anchor_runs;
  DmlAnchorRun anchor_runs[DML_MAX_ANCHOR_RUNS];
} DmlParams;

typedef enum
{
  DML_GROUP_HARDWARE,
  DML_GROUP_WORKLOAD,
  DML_GROUP_PARALLELISM,
  DML_GROUP_SWEEP,
  DML_GROUP_TIMELINE,
  DML_GROUP_ENERGY,
  DML_GROUP_SITES,
  DML_GROUP_RELIABILITY,
  DML_N_GROUPS /*< skip >*/
} DmlGroup;

/* One DmlField (dml-field.h) per input, its group a DmlGroup. The table
 * drives reading, writing, validation and the GObject properties, so a
 * new input is added in one place. */

const char     *dml_group_key        (DmlGroup         group);
const DmlField *dml_fields           (guint           *n_fields);
const DmlField *dml_field_lookup     (const char      *property);
char           *dml_field_path       (const DmlField  *field);
gboolean        dml_params_check_field (const DmlField *field,
                                      double           value,
                                      GError         **error);

void            dml_params_init_baseline (DmlParams       *params);
gboolean        dml_params_validate      (const DmlParams *params,
                                          GPtrArray       *problems);
gboolean        dml_params_equal         (const DmlParams *a,
                                          const DmlParams *b);
double          dml_params_duration      (const DmlParams *params);
double          dml_params_site_gpus     (const DmlParams *params);
double          dml_params_max_gpus      (const DmlParams *params);
guint           dml_field_index          (const DmlField  *field);
const char     *dml_overlap_label        (DmlOverlap       overlap);
gboolean        dml_params_set_range     (DmlParams       *params,
                                          const char      *property,
                                          DmlDistribution  distribution,
                                          double           low,
                                          double           high);
gboolean        dml_params_set_range_shared (DmlParams       *params,
                                             const char      *property,
                                             DmlDistribution  distribution,
                                             double           low,
                                             double           high,
                                             const char      *shared);
void            dml_params_copy_uncertainty (DmlParams       *to,
                                             const DmlParams *from);

G_END_DECLS
