/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dml-params.h"
#include "dml-preset.h"

G_BEGIN_DECLS

/* A system as offered (docs/options.md): a GPU preset in a provider's
 * node, scale-up domain and fabric, with the largest cluster it offers
 * and its prices. Every number carries where it comes from: a row of
 * data/offerings/REFERENCE.md, and how it was got. The shipped offerings
 * live in the model's GResource (data/offerings/) for the life of the
 * process. */

/* How a number was got. The ids are the JSON's "origin" values. */
typedef enum
{
  DML_ORIGIN_MEASURED, /* a measurement, converted as the reference says (nccl-tests busbw → a NIC rate) */
  DML_ORIGIN_SPEC,     /* the provider's or the vendor's stated figure */
  DML_ORIGIN_DERIVED,  /* arithmetic on stated figures: per node ÷ GPUs, spec × fabric fraction */
  DML_ORIGIN_QUOTED,   /* a price as a source quotes it */
  DML_ORIGIN_ASSUMED,  /* the reference has no such figure for this offering; the note says what stands in */
  DML_ORIGIN_PRESET,   /* not in the reference: the GPU preset's value (its own sources) */
  DML_N_ORIGINS /*< skip >*/
} DmlOrigin;

/* One number of an offering, in SI units (B/s, s, W, GPUs, USD). @value
 * is NAN where the reference has none: an empty cell stays empty. */
typedef struct
{
  double      value;
  DmlOrigin   origin;
  char      **sources;   /* rows of the reference, "TABLE | first cell | …" (docs/options.md) */
  char       *note;      /* how it was got, e.g. "busbw 364.87 GB/s × 3/31" */
} DmlSourced;

typedef enum
{
  DML_PRICE_ON_DEMAND,
  DML_PRICE_RESERVED,
  DML_PRICE_SPOT,
  DML_PRICE_OWN,       /* not a rental: the ownership cost (DmlOwnership) */
  DML_N_PRICE_KINDS /*< skip >*/
} DmlPriceKind;

typedef struct
{
  DmlPriceKind kind;
  DmlSourced   usd_per_gpu_hour;
  char        *date;     /* when the source read it, as the source gives it */
  char        *basis;    /* region, term: "on-demand, us-east-1", "1-year commitment" */
} DmlOfferingPrice;

typedef struct
{
  char        *id;
  char        *name;
  char        *provider;
  gboolean     on_premises;       /* a reference design one buys, not a rental */
  char        *preset;            /* the GPU's preset id (data/presets) */
  double       gpus_per_node;
  DmlSourced   scaleup_domain;    /* GPUs */
  DmlSourced   scaleup_bandwidth; /* B/s per GPU, one direction */
  DmlSourced   scaleout_spec;     /* B/s per GPU, one direction: the NICs' line rate */
  DmlSourced   scaleout;          /* B/s per GPU the model uses: measured, or spec × fabric fraction */
  DmlSourced   latency;           /* s, a small-message collective across two nodes, where measured */
  DmlSourced   scaleout_hop_latency; /* s, the model's t_out fitted to @latency, or the preset's */
  DmlSourced   max_cluster;       /* GPUs, the largest cluster offered; NAN: not stated */
  DmlSourced   power_per_gpu;     /* W: the system's share per GPU where known, else the GPU's */
  guint             n_prices;
  DmlOfferingPrice *prices;
  char       **sources;           /* every row its numbers cite */
  char        *notes;
} DmlOffering;

/* Ownership: what a GPU-hour costs one who owns the GPU (docs/options.md,
 * "Ownership cost"). The defaults come from the reference, each with
 * its row (dml_ownership_defaults ()). */
typedef struct
{
  double purchase_per_gpu;   /* USD: server and its share of the network */
  double depreciation_years;
  double power_per_gpu;      /* W the system draws per GPU, at the IT load */
  double pue;
  double electricity_price;  /* USD per MWh */
  double facility_per_watt;  /* USD of facility capital per W of IT load (USD per MW ÷ 10⁶) */
  double facility_years;     /* the facility's life */
} DmlOwnership;

/* The cost of one owned GPU-hour and its parts, USD. @total is NAN when
 * the purchase price is unknown. */
typedef struct
{
  double hardware;   /* purchase ÷ (depreciation years × 8760 h) */
  double facility;   /* facility capital per W × power ÷ (life × 8760 h) */
  double energy;     /* power × PUE × electricity price */
  double total;
} DmlOwnCost;

/* The fraction of its line rate a fabric reaches where no measurement
 * exists (docs/options.md, "Fabric fraction"). */
#define DML_FABRIC_FRACTION 0.82

const char               *dml_origin_id           (DmlOrigin             origin);
const char               *dml_origin_label        (DmlOrigin             origin);
gboolean                  dml_origin_from_id      (const char           *id,
                                                   DmlOrigin            *origin);
const char               *dml_price_kind_id       (DmlPriceKind          kind);
const char               *dml_price_kind_label    (DmlPriceKind          kind);
gboolean                  dml_price_kind_from_id  (const char           *id,
                                                   DmlPriceKind         *kind);

const DmlOffering * const *dml_offerings          (guint                *n_offerings);
const DmlOffering         *dml_offering_lookup    (const char           *id);
const DmlPreset           *dml_offering_get_preset (const DmlOffering   *offering);
/* @params with the offering's hardware: its preset, then the offering's
 * domain, bandwidths, latency and power. The rest of @params stays. */
void                       dml_offering_apply     (const DmlOffering    *offering,
                                                   DmlParams            *params);
/* The cheapest price of @kind, or NULL. */
const DmlOfferingPrice    *dml_offering_price     (const DmlOffering    *offering,
                                                   DmlPriceKind          kind);
/* The offering's numbers, one after another, for listings and the
 * sources test: each with its JSON key. */
guint                      dml_offering_n_numbers (void);
const DmlSourced          *dml_offering_number    (const DmlOffering    *offering,
                                                   guint                 index,
                                                   const char          **key);

/* The reference's defaults for a GPU preset's family
 * (data/offerings/ownership.json), with the site's PUE and electricity
 * price from @params. Returns FALSE when the reference has no purchase
 * price for it: purchase_per_gpu is then NAN. @sources, if given, gets
 * one line per default: its value, origin and rows. */
gboolean                   dml_ownership_defaults (const char           *preset_id,
                                                   const DmlParams      *params,
                                                   DmlOwnership         *ownership,
                                                   GPtrArray            *sources);
void                       dml_ownership_cost     (const DmlOwnership   *ownership,
                                                   DmlOwnCost           *cost);

G_END_DECLS
