/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dml-engine.h"
#include "dml-offering.h"

G_BEGIN_DECLS

/* The investment question (docs/options.md): for a target run of C FLOP
 * in the design's duration, what each shipped offering needs and costs,
 * ranked by cost. The design's workload, parallelism, sites and energy
 * settings apply; an offering replaces its hardware group, and its
 * largest cluster caps the GPUs. The design's own hardware is one more
 * row (offering NULL), so that Options and the design's Cost view agree.
 *
 * A model object without GTK: the CLI prints it, the app's Options view
 * shows it; both read the same fields. */

typedef enum
{
  DML_OPTION_FEASIBLE,
  DML_OPTION_CLUSTER_TOO_SMALL, /* a layout would finish in time, but needs more GPUs than the largest cluster */
  DML_OPTION_OVER_SITE_POWER,   /* it would fit the cluster, but not the design's sites' power */
  DML_OPTION_DOES_NOT_FIT,      /* no layout holds the model in GPU memory */
  DML_OPTION_TOO_SLOW,          /* no layout finishes within the duration at any size: past the wall */
  DML_N_OPTION_STATUSES
} DmlOptionStatus;

/* Where one offering stands for the target. Costs are USD, NAN where
 * there is no price; energies Wh, powers W, CO₂ tonnes, days days. */
typedef struct
{
  const DmlOffering *offering;  /* NULL: the design's own hardware */
  const char       *id;         /* the offering's id, or "design" */
  const char       *name;
  gboolean          cloud;      /* rented from a provider (not on-premises, not the design) */
  DmlOptionStatus   status;
  DmlPoint          point;      /* the best layout within the largest cluster (point.gpus, point.layout) */
  double            max_cluster; /* GPUs; 0: not stated, no cap */
  DmlPriceKind      price_kind; /* the rental price used for rent_cost */
  double            price;      /* USD per GPU-hour rented; NAN: the offering has no price of that kind */
  const char       *price_date;
  double            rent_cost;  /* point.cost: GPU-hours × price (dml_point_from_layout ()) */
  DmlOwnership      ownership;
  DmlOwnCost        own;        /* per GPU-hour */
  double            own_cost;   /* GPU-hours × own.total */
  double            cost;       /* what the ranking uses: rent, or own with DML_PRICE_OWN */
  double            days;
  double            utilization;
  double            energy;         /* Wh, the site over the run */
  double            facility_power; /* W, peak, the site */
  double            emissions;      /* t CO₂ */
  double            network_onset;  /* FLOP, NAN: none in the sweep */
  double            max_at_80;      /* FLOP, NAN: none */
  double            network_headroom; /* decades from the target to the network onset; < 0: past it; NAN: none */
  double            headroom_80;      /* decades from the target to the 80% mark */
  double            fewest_gpus;      /* goal seek: the fewest GPUs, in whole scale-up domains; NAN: none */
  double            fewest_cost;      /* the ranking's cost at the fewest GPUs */
  double            budget_flop;      /* the largest C the budget buys; NAN: no budget, or none */
} DmlOption;

typedef struct
{
  gint          ref_count;
  DmlParams     params;     /* the design's, with the target's duration */
  double        flop;
  DmlPriceKind  price_kind;
  double        budget;     /* USD; 0: none */
  guint         n_options;
  DmlOption    *options;    /* ranked: feasible by cost (those without a cost after), then the infeasible */
} DmlOptions;

const char  *dml_option_status_id    (DmlOptionStatus     status);
const char  *dml_option_status_label (DmlOptionStatus     status);

#define DML_TYPE_OPTIONS (dml_options_get_type ())

GType        dml_options_get_type    (void) G_GNUC_CONST;
/* @params: the design's, whose training_days is the target's duration. */
DmlOptions  *dml_options_new         (const DmlParams    *params,
                                      double              flop,
                                      DmlPriceKind        price_kind,
                                      double              budget,
                                      GCancellable       *cancellable,
                                      GError            **error);
DmlOptions  *dml_options_ref         (DmlOptions         *options);
void         dml_options_unref       (DmlOptions         *options);
/* The inputs a row evaluates: @params with @offering's hardware, its
 * largest cluster as the GPU budget and its price of @price_kind as
 * gpu_hour_cost (unchanged where it has none; returns FALSE then). A
 * sweep of them gives the row's cost against compute (the Options
 * chart): DmlPoint.cost is its rent cost at each C. */
gboolean     dml_option_params       (const DmlParams    *params,
                                      const DmlOffering  *offering,
                                      DmlPriceKind        price_kind,
                                      DmlParams          *out);
/* One row for @offering (NULL: the design's hardware), unranked; what
 * dml_options_new () does for each, goal seeks included (@budget 0:
 * none). */
void         dml_option_evaluate     (const DmlParams    *params,
                                      const DmlOffering  *offering,
                                      double              flop,
                                      DmlPriceKind        price_kind,
                                      double              budget,
                                      DmlOption          *option);
char        *dml_options_to_text     (DmlOptions         *options);
char        *dml_options_to_csv      (DmlOptions         *options);
char        *dml_options_to_json     (DmlOptions         *options);

/* Goal seek (docs/options.md, "Goal seek"). The search's step is one
 * scale-up domain of the offering (8 GPUs in an HGX node, 72 in an
 * NVL72 rack): one buys or rents whole domains. */
typedef struct
{
  const DmlOffering *offering;  /* NULL: the design's own hardware */
  gboolean  found;
  DmlOptionStatus status;       /* why not, when not found */
  double    step;               /* GPUs per step of the search */
  double    gpus;               /* the fewest GPUs, a whole number of steps */
  DmlPoint  point;              /* the best layout within @gpus */
  double    rent_cost;          /* USD, NAN: no price */
  double    own_cost;
  double    flop;               /* for a budget: the largest C it buys */
  guint     evaluations;        /* point searches made */
} DmlGoalSeek;

/* The fewest GPUs, in whole steps and within the largest cluster, that
 * train @flop within params->training_days. */
void         dml_goal_seek_gpus      (const DmlParams    *params,
                                      const DmlOffering  *offering,
                                      double              flop,
                                      DmlPriceKind        price_kind,
                                      DmlGoalSeek        *result);
/* The largest C whose cost (rent of @price_kind, or own) stays within
 * @budget USD, at the best layout within the largest cluster; the
 * search's step is 1/100 of a decade of C. */
void         dml_goal_seek_budget    (const DmlParams    *params,
                                      const DmlOffering  *offering,
                                      double              budget,
                                      DmlPriceKind        price_kind,
                                      DmlGoalSeek        *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmlOptions, dml_options_unref)

G_END_DECLS
