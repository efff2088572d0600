/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-engine"

#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <glib/gi18n-lib.h>
#include <glib-object.h>

#include "dml-engine.h"
#include "dml-engine-private.h"
#include "dml-enum.h"
#include "dml-error.h"
#include "dml-goodput.h"
#include "dml-model-enums.h"
#include "dml-roadmap.h"

/* Constants of the model that are not user inputs. Each is discussed in
 * docs/model.md. */
#define OPTIMIZER_BYTES_PER_PARAM 12.0  /* fp32 master weights and two Adam moments */
#define ACTIVATION_VALUES_PER_D    1.0  /* checkpointed layer inputs: d values per token and layer */
#define TP_COLLECTIVES_PER_LAYER   4.0  /* two forward, two backward */
#define EP_ALL_TO_ALLS_PER_LAYER   4.0  /* dispatch and combine, forward and backward */
#define MATMULS_PER_LAYER          8.0  /* serial kernels: four forward, four backward */
#define BACKWARD_SHARE             (2.0 / 3.0) /* of a microbatch's pass: two of its three matmul passes */
#define COMPUTE_REGIME_SHARE       0.05 /* excesses below this share of the step count as compute */
#define BAND_HALF_WIDTH            0.25 /* decades each side a point's regime band averages over */

/* Below 2^53 every whole number is a double, so a bisection on GPU counts
 * always narrows and ends within 53 halvings. No cluster comes near. */
#define MAX_GPUS_EXACT             9007199254740992.0

/* Upward probes of a family's dp before its bisection (solve_dp_range ()):
 * one halves the bisections of families that cannot win; more cost the
 * MoE designs more than they save. */
#define SOLVE_DP_PROBES            1


/* Everything about one compute scale that does not depend on the layout. */
typedef struct
{
  const DmlParams *params;
  const DmlShape  *shape;
  double           fu;       /* sustained FLOP/s */
  double           p;        /* bytes per value */
  double           domain;
  double           dense_params_per_layer;
  double           expert_params_per_layer;
  double           duration;
  double           site;     /* GPUs per site; 0 = one site */
  gboolean         moe;
  gboolean         goodput;  /* time is lost to interruptions */
  double           goodput_gpus; /* where GPUs × goodput peaks: more finish later */
  double           goodput_work; /* that peak: the most GPUs' worth of work at any moment */
} Scale;

/* A layer's weight matmul as evaluate () does it: @bb tokens per token
 * of the microbatch, K × N, @count times. */
typedef struct
{
  double bb;
  double k;
  double n;
  double count;
} MatmulShape;

/* floor_init (): per layer, per token of a microbatch (intercepts: per
 * microbatch). */
typedef struct
{
  double layer_latency; /* dml_layer_latency () */
  double compute;       /* γ, all matmuls */
  double traffic;       /* τ */
  double matmul_compute[4]; /* γ */
  double matmul_memory[4];  /* the activations only: α */
  double matmul_weights[4]; /* w */
  guint  n_lines;       /* 0 until floor_lines () */
  double slope[5];
  double intercept[5];
} Floor;

/* Time spent by one layer for one microbatch, split as the step is. */
typedef struct
{
  double compute;
  double dram;
  double up;
  double out;
} Acc;

/* In DmlRegime's order. */
static const char *regime_labels[] = { N_("Compute-bound"), N_("DRAM-bound"), N_("Network-bound"),
                                       N_("Latency-bound"), N_("Reliability-bound"), N_("Infeasible") };
G_STATIC_ASSERT (G_N_ELEMENTS (regime_labels) == DML_N_REGIMES);

/* Adds the exposed share of a transfer of @up + @out seconds that can hide
 * behind @busy seconds of work. */
static inline void
expose (const DmlParams *params,
        double           up,
        double           out,
        double           busy,
        double           count,
        Acc             *acc)
{
  double total = up + out;
  double exposed;

  if (total <= 0)
    return;

  exposed = params->overlap_communication ? MAX (0, total - busy) : total;
  acc->up += count * exposed * (up / total);
  acc->out += count * exposed * (out / total);
}

/* Ranks of a group of @group with @stride between neighbours that share
 * one scale-up domain. */
static inline double
ranks_in_domain (double domain,
                 double group,
                 double stride)
{
  return CLAMP (floor (domain / stride), 1, group);
}

/* A collective over @group ranks that moves @bytes per rank, done
 * hierarchically: first inside each domain on scale-up links, then the
 * domain's share of 1/g_in each across domains on the scale-out NIC. */
static inline void
hierarchical (const Scale *s,
              double       bytes,
              double       group,
              double       stride,
              double      *up,
              double      *out)
{
  double g_in = ranks_in_domain (s->domain, group, stride);
  double g_out = group / g_in;

  if (g_in > 1)
    *up += bytes * (g_in - 1) / g_in / s->params->scaleup_bandwidth;
  if (g_out > 1)
    *out += bytes / g_in * (g_out - 1) / g_out / s->params->scaleout_bandwidth;
}

/* One weight matmul, K×N split over a tx×ty grid, done @count times for
 * @bb tokens: the roofline, then tensor-parallel traffic. */
static inline void
matmul (const Scale     *s,
        const DmlLayout *l,
        double           bb,
        double           k,
        double           n,
        double           count,
        Acc             *acc)
{
  const DmlParams *params = s->params;
  double kx = k / l->tx;
  double ny = n / l->ty;
  double tc = 2 * bb * kx * ny / s->fu;
  double tm = s->p * (bb * kx + kx * ny + bb * ny) / params->hbm_bandwidth;
  double busy = MAX (tc, tm);
  double up = 0, out = 0;

  if (l->tx > 1)
    hierarchical (s, s->p * bb * ny, l->tx, 1, &up, &out);
  if (l->ty > 1)
    hierarchical (s, s->p * bb * kx, l->ty, l->tx, &up, &out);

  acc->compute += count * tc;
  acc->dram += count * (busy - tc);
  expose (params, up, out, busy, count, acc);
}

static inline double
link_time (const Scale *s,
           double       bytes,
           double       span)
{
  if (span <= s->domain)
    return bytes / s->params->scaleup_bandwidth;
  return bytes / s->params->scaleout_bandwidth;
}

static void
scale_init (Scale           *s,
            const DmlParams *params,
            const DmlShape  *shape)
{
  double d = shape->d_model;

  s->params = params;
  s->shape = shape;
  s->fu = params->peak_flops * params->max_utilization;
  s->p = params->bytes_per_value;
  s->domain = params->scaleup_domain;
  s->moe = params->experts > 1;
  s->duration = dml_params_duration (params);
  s->site = dml_params_site_gpus (params);
  s->dense_params_per_layer = (s->moe ? 4 : 12) * d * d;
  s->expert_params_per_layer = s->moe ? 8 * d * d * params->experts / params->active_experts : 0;
  s->goodput = params->goodput;
  s->goodput_gpus = s->goodput ? dml_goodput_best_gpus (params) : INFINITY;
  s->goodput_work = INFINITY;
  if (s->goodput_gpus < INFINITY)
    {
      DmlGoodput g;

      dml_goodput_compute (params, s->goodput_gpus, &g);
      s->goodput_work = s->goodput_gpus * g.goodput;
    }
}

const char *
dml_regime_id (DmlRegime regime)
{
  g_return_val_if_fail (regime < DML_N_REGIMES, NULL);
  /* The GEnum nick: "compute", "dram", "network", "latency", "reliability", "infeasible". */
  return dml_enum_nick (DML_TYPE_REGIME, regime);
}

const char *
dml_regime_label (DmlRegime regime)
{
  g_return_val_if_fail (regime < DML_N_REGIMES, NULL);
  return g_dgettext (GETTEXT_PACKAGE, regime_labels[regime]);
}

void
dml_shape_compute (const DmlParams *params,
                   double           flop,
                   DmlShape        *shape)
{
  double n = sqrt (flop / (6 * params->tokens_per_parameter));
  double layers = MAX (1, round (params->layers_coefficient * pow (n, params->layers_exponent)));
  double d = sqrt (n / (12 * layers));
  double ffn = 8 * d * d * layers;

  shape->flop = flop;
  shape->params = n;
  shape->total_params = n - ffn + ffn * params->experts / params->active_experts;
  shape->tokens = params->tokens_per_parameter * n;
  shape->layers = layers;
  shape->d_model = d;
  shape->batch_tokens = params->batch_tokens_reference *
                        pow (n / params->batch_parameters_reference, params->batch_exponent);
  /* Past the critical batch size a larger batch buys no fewer steps. */
  if (params->batch_tokens_max > 0)
    shape->batch_tokens = MIN (shape->batch_tokens, params->batch_tokens_max);
  shape->steps = shape->tokens / shape->batch_tokens;
}

/* docs/model.md: t_coll(g) = t_base + 2·((g_in − 1)·t_up + log2(g_nodes)·t_out),
 * for a group of @group ranks of which @in_domain share a domain. */
double
dml_collective_latency (const DmlParams *params,
                        double           group,
                        double           in_domain)
{
  if (group <= 1)
    return 0;

  return params->collective_base_latency +
         2 * ((in_domain - 1) * params->scaleup_hop_latency +
              log2 (ceil (group / in_domain)) * params->scaleout_hop_latency);
}

/* The tensor grid's part of a layer's latency: its serial kernels and
 * the collectives between them. The paper's per-layer form has four
 * tensor collectives; a 2D grid runs half of them along each axis. */
static double
tensor_latency (const DmlParams *params,
                double           tx,
                double           ty)
{
  double domain = params->scaleup_domain;
  double t = MATMULS_PER_LAYER * params->kernel_latency;
  double x = dml_collective_latency (params, tx, ranks_in_domain (domain, tx, 1));
  double y = dml_collective_latency (params, ty, ranks_in_domain (domain, ty, tx));

  if (ty > 1)
    t += TP_COLLECTIVES_PER_LAYER / 2 * (x + y);
  else
    t += TP_COLLECTIVES_PER_LAYER * x;
  return t;
}

/* Adds expert parallelism's all-to-alls to @tensor, tensor_latency(). */
static double
with_expert_latency (const DmlParams *params,
                     const DmlLayout *layout,
                     double           tensor)
{
  if (layout->ep > 1)
    tensor += EP_ALL_TO_ALLS_PER_LAYER *
              dml_collective_latency (params, layout->ep,
                                      ranks_in_domain (params->scaleup_domain, layout->ep, layout->tx * layout->ty));
  return tensor;
}

/* The part of a layer that no layout hides: its serial kernels and the
 * collectives between them. */
double
dml_layer_latency (const DmlParams *params,
                   const DmlLayout *layout)
{
  return with_expert_latency (params, layout, tensor_latency (params, layout->tx, layout->ty));
}

gboolean
dml_layout_is_valid (const DmlParams *params,
                     const DmlShape  *shape,
                     const DmlLayout *l)
{
  double tokens_per_microbatch = shape->batch_tokens / (l->dp * l->m);

  return l->dp >= 1 && l->tx >= 1 && l->ty >= 1 && l->pp >= 1 && l->ep >= 1 &&
         l->pp <= shape->layers && l->m >= l->pp &&
         l->ep <= params->experts && fmod (l->dp, l->ep) == 0 &&
         l->tx <= shape->d_model && l->ty <= shape->d_model &&
         tokens_per_microbatch >= MAX (1, params->microbatch_tokens_min);
}

/* The sites a run of @n GPUs spans with its pipeline across sites: each
 * site holds pp / S whole stages of every replica, so S divides pp, a
 * power of two. 0 when no such split fits in the sites there are. */
static double
pipeline_sites (const Scale     *s,
                const DmlLayout *l)
{
  double n = l->dp * l->tx * l->ty * l->pp;
  double sites = 1;

  while (sites * s->site < n)
    sites *= 2;
  if (sites > l->pp || (s->params->max_sites > 0 && sites > s->params->max_sites))
    return 0;
  return sites;
}

/* The most sites a pipeline of @pp stages may span: a power of two that
 * divides pp, within the site count allowed. */
static double
max_pipeline_sites (const Scale *s,
                    double       pp)
{
  double sites = 1;

  while (sites * 2 <= pp && (s->params->max_sites == 0 || sites * 2 <= s->params->max_sites))
    sites *= 2;
  return sites;
}

/* The third network tier (docs/model.md, "Several sites"): one parallel
 * dimension crosses sites, whichever costs the step less.
 *
 * - Data: each site holds whole replicas and, after the all-reduce inside
 *   the site, exchanges the model's gradients with the others over its
 *   link, 2 (S − 1) / S of them, hidden behind the backward pass as far as
 *   the pass (@dp_body: the body, or under today's practice the last
 *   microbatch's backward) outlasts the rest of the all-reduce
 *   (@allreduce seconds); 2 ⌈log2 S⌉ site latencies.
 * - Pipeline: each site holds consecutive stages of every replica, and
 *   the activations and their gradients cross each boundary between
 *   sites, p · d · B bytes each way per step; an end site sends p d B,
 *   a middle site (S > 2) 2 p d B.
 *   The transfers stream while other microbatches compute, hidden behind
 *   the step's @body; filling and draining the pipeline crosses each
 *   boundary once, 2 (S − 1) site latencies.
 *
 * Neither fits: the step is infinite, the layout infeasible. */
static void
sites_evaluate (const Scale     *s,
                const DmlLayout *l,
                double           allreduce,
                double           dp_body,
                double           body,
                DmlStepTime     *time)
{
  const DmlParams *params = s->params;
  const DmlShape *shape = s->shape;
  double replica = l->tx * l->ty * l->pp;
  double sites = ceil (l->dp * replica / s->site);
  double best = INFINITY, latency = 0, pp_sites;

  if (sites <= 1)
    return;

  if (replica <= s->site)
    {
      double gradients = s->p * shape->layers * (s->dense_params_per_layer + s->expert_params_per_layer);
      double t = 2 * (sites - 1) / sites * gradients / params->intersite_bandwidth;

      best = MAX (0, allreduce + t - dp_body) - MAX (0, allreduce - dp_body);
      latency = 2 * ceil (log2 (sites)) * params->intersite_latency;
      time->sites = sites;
    }

  pp_sites = pipeline_sites (s, l);
  if (pp_sites > 1)
    {
      double boundaries = pp_sites > 2 ? 2 : 1;
      double t = boundaries * s->p * shape->d_model * shape->batch_tokens / params->intersite_bandwidth;
      double cost = MAX (0, t - body);
      double fill = 2 * (pp_sites - 1) * params->intersite_latency;

      if (cost + fill < best + latency)
        {
          best = cost;
          latency = fill;
          time->sites = pp_sites;
          time->pipeline_across_sites = TRUE;
        }
    }

  time->intersite = best;
  time->latency += latency;
}

/* Weights and gradients on every data-parallel rank, optimizer state
 * sharded over them, and the activations of the microbatches in flight.
 * It only falls as dp grows. */
static inline double
memory_per_gpu (const Scale     *s,
                const DmlLayout *l)
{
  const DmlShape *shape = s->shape;
  double tp = l->tx * l->ty;
  double b = shape->batch_tokens / (l->dp * l->m);
  double layers_per_stage = shape->layers / l->pp;
  double dense_per_gpu = s->dense_params_per_layer * shape->layers / (tp * l->pp);
  double expert_per_gpu = s->expert_params_per_layer * shape->layers / (tp * l->pp * l->ep);

  return 2 * s->p * (dense_per_gpu + expert_per_gpu) +
         OPTIMIZER_BYTES_PER_PARAM * (dense_per_gpu / l->dp + expert_per_gpu / (l->dp / l->ep)) +
         MIN (l->m, l->pp) * layers_per_stage * b * shape->d_model * s->p * ACTIVATION_VALUES_PER_D / tp;
}

/* The memory no dp or microbatch count takes away: the weights and
 * gradients of a family of this tensor grid, pp and ep. */
static inline double
weight_memory_per_gpu (const Scale *s,
                       double       tp,
                       double       pp,
                       double       ep)
{
  const DmlShape *shape = s->shape;
  double dense_per_gpu = s->dense_params_per_layer * shape->layers / (tp * pp);
  double expert_per_gpu = s->expert_params_per_layer * shape->layers / (tp * pp * ep);

  return 2 * s->p * (dense_per_gpu + expert_per_gpu);
}

/* The layers' latency in a step of @l, each layer's being @layer_latency.
 * The paper's bound charges it once per step: L layers, as if the
 * microbatches' passes overlapped each other's serial kernels and
 * collectives. Today's practice charges it per microbatch pass of the
 * 1F1B chain: a stage's L/pp layers are run by every microbatch in turn,
 * and the step's critical path is m + pp − 1 such passes (Narayanan et
 * al. 2021, §2.2: the pipeline fills and drains over pp − 1 of them).
 * Latency on that path is serial whatever fills the bubble, so it rides
 * all m + pp − 1 passes. Never below the paper's: m ≥ pp. */
static inline double
step_latency (const Scale     *s,
              const DmlLayout *l,
              double           layer_latency)
{
  if (s->params->overlap == DML_OVERLAP_PRACTICE)
    return (l->m + l->pp - 1) * (s->shape->layers / l->pp) * layer_latency;
  return s->shape->layers * layer_latency;
}

/* @layer_latency is dml_layer_latency() of @l: it depends only on the
 * tensor grid and ep, so the search computes it once per family. */
static void
evaluate (const Scale     *s,
          const DmlLayout *l,
          double           layer_latency,
          DmlStepTime     *time)
{
  const DmlParams *params = s->params;
  const DmlShape *shape = s->shape;
  double d = shape->d_model;
  double tp = l->tx * l->ty;
  double b = shape->batch_tokens / (l->dp * l->m);
  double layers_per_stage = shape->layers / l->pp;
  double per_layer, per_mb_stage, p2p_exposed = 0;
  double dense_per_gpu, expert_per_gpu, ar_up = 0, ar_out = 0, dp_body;
  Acc layer = { 0 };

  /* Attention projections: QKV (d×3d) and output (d×d), three passes each. */
  matmul (s, l, b, d, 3 * d, 3, &layer);
  matmul (s, l, b, d, d, 3, &layer);

  if (!s->moe)
    {
      matmul (s, l, b, d, 4 * d, 3, &layer);
      matmul (s, l, b, 4 * d, d, 3, &layer);
    }
  else
    {
      /* Each GPU holds E/ep experts of width 4d/k; the ep group's tokens
       * reach them k times over, spread evenly. */
      double k = params->active_experts;
      double local = params->experts / l->ep;
      double bb = b * k * l->ep / params->experts;
      double busy_before = layer.compute + layer.dram;

      matmul (s, l, bb, d, 4 * d / k, 3 * local, &layer);
      matmul (s, l, bb, 4 * d / k, d, 3 * local, &layer);

      if (l->ep > 1)
        {
          double up = 0, out = 0;

          hierarchical (s, EP_ALL_TO_ALLS_PER_LAYER * s->p * b * k * d / tp, l->ep, tp, &up, &out);
          expose (params, up, out, layer.compute + layer.dram - busy_before, 1, &layer);
        }
    }

  per_layer = layer.compute + layer.dram + layer.up + layer.out;

  /* Activations and their gradients between pipeline stages. */
  if (l->pp > 1)
    {
      double span = tp * l->ep * l->pp;
      double t = link_time (s, 2 * s->p * b * d / tp, span);
      Acc p2p = { 0 };

      if (span <= s->domain)
        expose (params, t, 0, layers_per_stage * per_layer, 1, &p2p);
      else
        expose (params, 0, t, layers_per_stage * per_layer, 1, &p2p);
      p2p_exposed = p2p.up + p2p.out;
      layer.up += p2p.up / layers_per_stage;
      layer.out += p2p.out / layers_per_stage;
    }

  per_mb_stage = layers_per_stage * per_layer + p2p_exposed;

  /* Data-parallel gradient all-reduce, hierarchical: first among the dp
   * ranks that share a domain, then across domains on the scale-out NIC. */
  dense_per_gpu = s->dense_params_per_layer * shape->layers / (tp * l->pp);
  expert_per_gpu = s->expert_params_per_layer * shape->layers / (tp * l->pp * l->ep);
  if (l->dp > 1)
    hierarchical (s, 2 * s->p * (dense_per_gpu + expert_per_gpu), l->dp, tp * l->pp, &ar_up, &ar_out);

  time->compute = l->m * layers_per_stage * layer.compute;
  time->dram = l->m * layers_per_stage * layer.dram;
  time->scaleup = l->m * layers_per_stage * layer.up;
  time->scaleout = l->m * layers_per_stage * layer.out;
  time->bubble = params->pipeline_bubble * (l->pp - 1) * per_mb_stage;

  /* The all-reduce of each stage's gradients starts as soon as its
   * backward pass is done, so only what outlasts the body shows: the
   * paper's bound. Today's practice (Megatron-LM's --overlap-grad-reduce,
   * docs/model.md): under gradient accumulation the gradients are final
   * only in the last microbatch's backward pass, so the reduction hides
   * behind that pass alone, two thirds of one microbatch's stage time. */
  dp_body = params->overlap == DML_OVERLAP_PRACTICE ? BACKWARD_SHARE * per_mb_stage
                                                    : l->m * per_mb_stage + time->bubble;
  {
    Acc ar = { 0 };
    DmlParams overlapped = *params;

    overlapped.overlap_communication = TRUE;
    expose (&overlapped, ar_up, ar_out, dp_body, 1, &ar);
    time->scaleup += ar.up;
    time->scaleout += ar.out;
  }
  time->intersite = 0;
  time->latency = step_latency (s, l, layer_latency) +
                  dml_collective_latency (params, l->dp, ranks_in_domain (s->domain, l->dp, tp * l->pp));

  time->sites = 1;
  time->pipeline_across_sites = FALSE;
  if (s->site > 0)
    sites_evaluate (s, l, ar_up + ar_out, dp_body, l->m * per_mb_stage + time->bubble, time);

  time->step = time->compute + time->dram + time->scaleup + time->scaleout +
               time->bubble + time->intersite + time->latency;

  time->memory = memory_per_gpu (s, l);

  /* The run must end within the duration, interruptions included: of
   * its elapsed time only the goodput does work (docs/model.md). */
  time->goodput = 1;
  if (s->goodput)
    {
      DmlGoodput g;

      dml_goodput_compute (params, l->dp * tp * l->pp, &g);
      time->goodput = g.goodput;
    }
}

void
dml_layout_evaluate (const DmlParams *params,
                     const DmlShape  *shape,
                     const DmlLayout *layout,
                     DmlStepTime     *time)
{
  Scale s;

  scale_init (&s, params, shape);
  evaluate (&s, layout, dml_layer_latency (params, layout), time);
}

static inline double
utilization_of (const Scale       *s,
                const DmlLayout   *l,
                const DmlStepTime *t)
{
  double n = l->dp * l->tx * l->ty * l->pp;

  return s->shape->flop / (n * s->params->peak_flops * s->shape->steps * t->step) * t->goodput;
}

/* How far the run's steps overrun the share of the duration that does
 * work, in seconds; > 0 is too long. */
static inline double
overrun (const Scale       *s,
         const DmlStepTime *t)
{
  return s->shape->steps * t->step - s->duration * t->goodput * (1 + 1e-12);
}

static inline gboolean
fits (const Scale       *s,
      const DmlStepTime *t)
{
  if (overrun (s, t) > 0)
    return FALSE;
  if (s->params->enforce_memory && t->memory > s->params->hbm_capacity)
    return FALSE;
  return TRUE;
}

/* tensor_latency() of each grid, by the index of tx among
 * tensor_degrees() and log2 ty: it depends on the hardware only, so a
 * sweep computes it once for all its points. NAN: not yet computed. */
#define CACHE_TX 128
#define CACHE_TY 64

typedef struct
{
  double latency[CACHE_TX][CACHE_TY];
} LatencyCache;

static void
latency_cache_init (LatencyCache *cache)
{
  for (guint i = 0; i < CACHE_TX; i++)
    for (guint j = 0; j < CACHE_TY; j++)
      cache->latency[i][j] = NAN;
}

typedef struct
{
  const Scale *s;
  LatencyCache *cache;    /* NULL: compute each time */
  double       max_gpus;  /* 0 = unlimited */
  DmlLayout    best;
  double       best_util;
  guint64      evaluated;
  gboolean     truncated;
} Search;

static inline gboolean
out_of_work (Search *search)
{
  if (search->evaluated >= DML_SEARCH_MAX_EVALUATIONS)
    search->truncated = TRUE;
  return search->truncated;
}

/* Where time is lost to interruptions, a family's elapsed time,
 * steps × step / goodput, falls with dp while the step shrinks faster
 * than the goodput does, then rises: the dp that fit are a range that
 * may end below hi. This finds one that fits, by a ternary search for
 * the least elapsed time between @lo and @hi (neither fits); it sets
 * @hi to it, and @lo to a dp below it that does not fit, so that the
 * bisection finds the fewest ranks that fit. Memory, which only falls
 * with dp, counts as endless time. Returns whether one fits. */
static gboolean
goodput_valley (Search      *search,
                DmlLayout    l,
                double      *lo,
                double      *hi,
                double       layer_latency,
                DmlStepTime *t_hi)
{
  const Scale *s = search->s;
  double a = *lo, b = *hi;

  while (b - a > 2 && !out_of_work (search))
    {
      double third = floor ((b - a) / 3);
      double x[2] = { a + third, b - third }, elapsed[2];
      DmlStepTime t[2];

      for (guint k = 0; k < 2; k++)
        {
          l.dp = x[k] * l.ep;
          evaluate (s, &l, layer_latency, &t[k]);
          search->evaluated++;
          if (fits (s, &t[k]))
            {
              *hi = x[k];
              *t_hi = t[k];
              /* Below the least elapsed time, what is left of x[k] is
               * where it falls: the bisection's side. */
              *lo = k == 0 ? a : x[0];
              return TRUE;
            }
          elapsed[k] = s->params->enforce_memory && t[k].memory > s->params->hbm_capacity
                         ? INFINITY
                         : s->shape->steps * t[k].step / MAX (t[k].goodput, DBL_MIN);
        }
      if (elapsed[0] <= elapsed[1] && elapsed[0] < INFINITY)
        b = x[1];
      else
        a = x[0];
    }
  return FALSE;
}

/* With tx, ty, pp, ep and m fixed, more data-parallel ranks only shrink
 * the per-GPU microbatch: utilization falls and the step gets shorter. So
 * the best is the fewest ranks that finish in time, and the utilization
 * at the fewest ranks allowed bounds the whole family. This finds that
 * dp within [lo, hi] (in units of ep) and returns whether the range
 * settles the family: a dp that fits, or none that could beat the best. */
static gboolean
solve_dp_range (Search    *search,
                DmlLayout  l,
                double     lo,
                double     hi,
                double     layer_latency,
                gboolean  *memory_bound)
{
  const Scale *s = search->s;
  DmlStepTime t;
  double util;

  l.dp = lo * l.ep;
  evaluate (s, &l, layer_latency, &t);
  search->evaluated++;
  util = utilization_of (s, &l, &t);
  if (util <= search->best_util)
    return TRUE;

  if (!fits (s, &t))
    {
      DmlStepTime t_lo = t, t_hi;
      gboolean found_hi = FALSE;

      *memory_bound |= t.memory > s->params->hbm_capacity;

      /* Memory only falls as dp grows: where even hi's does not fit,
       * none does. */
      if (s->params->enforce_memory && t.memory > s->params->hbm_capacity)
        {
          DmlLayout widest = l;

          widest.dp = hi * l.ep;
          if (memory_per_gpu (s, &widest) > s->params->hbm_capacity)
            return FALSE;
        }

      /* Where memory rules lo out, the fewest ranks whose memory fits
       * are found on memory alone, which costs little; nothing below
       * them fits, so the search goes on from there. */
      if (s->site == 0 && s->params->enforce_memory && t.memory > s->params->hbm_capacity)
        {
          double mem_lo = lo, mem_hi = hi;
          DmlLayout at = l;

          while (mem_hi - mem_lo > 1)
            {
              double mid = floor ((mem_lo + mem_hi) / 2);

              at.dp = mid * l.ep;
              if (memory_per_gpu (s, &at) > s->params->hbm_capacity)
                mem_lo = mid;
              else
                mem_hi = mid;
            }

          l.dp = mem_hi * l.ep;
          evaluate (s, &l, layer_latency, &t);
          search->evaluated++;
          if (fits (s, &t))
            {
              util = utilization_of (s, &l, &t);
              if (util <= search->best_util)
                return TRUE;
              search->best = l;
              search->best_util = util;
              return TRUE;
            }
          if (utilization_of (s, &l, &t) <= search->best_util)
            return TRUE;
          lo = mem_hi;
          t_lo = t;
        }

      /* A run that takes r times the duration needs at least r times
       * the ranks: its compute per rank shrinks no faster than 1/dp, and
       * the rest of its step does not shrink faster. Each such dp that
       * still does not fit bounds the family's utilization from above,
       * and most families that cannot win are cut off here, after a
       * probe rather than a whole bisection. Where memory rules lo out,
       * or a probe fits, the bisection below goes on from there. With
       * several sites the step jumps where replicas spread over more of
       * them, so only the plain bisection is sure to land where it did
       * before: no probes there. */
      for (guint probe = 0; probe < SOLVE_DP_PROBES && s->site == 0 && t.memory <= s->params->hbm_capacity; probe++)
        {
          double next = ceil (lo * (1 + overrun (s, &t) / (s->duration * t.goodput * (1 + 1e-12))));

          if (!(next > lo))
            next = lo + 1;
          if (next >= hi)
            break;

          l.dp = next * l.ep;
          evaluate (s, &l, layer_latency, &t);
          search->evaluated++;
          if (fits (s, &t))
            {
              hi = next;
              t_hi = t;
              found_hi = TRUE;
              break;
            }
          if (utilization_of (s, &l, &t) <= search->best_util)
            return TRUE;
          *memory_bound |= t.memory > s->params->hbm_capacity;
          lo = next;
          t_lo = t;
        }

      if (!found_hi)
        {
          l.dp = hi * l.ep;
          evaluate (s, &l, layer_latency, &t);
          search->evaluated++;
          if (!fits (s, &t))
            {
              *memory_bound |= t.memory > s->params->hbm_capacity;
              if (!s->goodput || !goodput_valley (search, l, &lo, &hi, layer_latency, &t))
                return FALSE;
            }
          t_hi = t;
        }

      /* lo is infeasible, hi is feasible; both are exact integers, so
       * mid always lies strictly between them. The step's excess over the
       * duration is nearly linear in 1/dp (compute per rank), so the
       * guess interpolates it there; where a guess did not halve the
       * interval, or memory and not time ruled lo out, the next one
       * bisects. */
      {
        double excess_lo = overrun (s, &t_lo);
        double excess_hi = overrun (s, &t);
        gboolean interpolate = excess_lo > 0;

        while (hi - lo > 1 && !out_of_work (search))
          {
            double width = hi - lo, mid = floor ((lo + hi) / 2);
            gboolean guessed = FALSE;

            if (interpolate && excess_lo > excess_hi)
              {
                double x = 1 / lo + excess_lo / (excess_lo - excess_hi) * (1 / hi - 1 / lo);
                double guess = MIN (MAX (ceil (1 / x), lo + 1), hi - 1);

                if (guess > lo && guess < hi)
                  mid = guess, guessed = TRUE;
              }

            l.dp = mid * l.ep;
            evaluate (s, &l, layer_latency, &t);
            search->evaluated++;
            if (fits (s, &t))
              hi = mid, excess_hi = overrun (s, &t), t_hi = t;
            else
              {
                /* The family's best dp lies above this one, so it does
                 * no better than here (one site: see the probes). */
                if (s->site == 0 && utilization_of (s, &l, &t) <= search->best_util)
                  return TRUE;
                lo = mid, excess_lo = overrun (s, &t);
              }
            interpolate = excess_lo > 0 && (!guessed || 2 * (hi - lo) <= width);
          }
      }

      /* hi's step, as evaluated when hi was set. */
      l.dp = hi * l.ep;
      util = utilization_of (s, &l, &t_hi);
      if (util <= search->best_util)
        return TRUE;
    }

  search->best = l;
  search->best_util = util;
  return TRUE;
}

/* The family's best dp, @layer_latency being its dml_layer_latency ();
 * returns whether memory ruled some dp out. With several sites the step
 * jumps where the replicas first spread beyond one site (the all-reduce
 * gains its slowest tier), so a run that fits on one site is searched
 * there first, and only then across sites. */
static gboolean
solve_dp (Search    *search,
          DmlLayout  l,
          double     layer_latency)
{
  const Scale *s = search->s;
  const DmlShape *shape = s->shape;
  double per_rank = l.tx * l.ty * l.pp;
  double n_min = shape->flop / (s->fu * s->duration);
  double lo = ceil (MAX (1, n_min / per_rank) / l.ep);
  double hi = floor (shape->batch_tokens / MAX (1, s->params->microbatch_tokens_min) / l.m / l.ep);
  gboolean memory_bound = FALSE;

  if (out_of_work (search))
    return FALSE;
  /* A replica (its tensor and pipeline ranks) spans sites only along its
   * pipeline: then at most one stage group per site, pp sites. */
  if (s->site > 0 && per_rank > s->site)
    {
      double stages = max_pipeline_sites (s, l.pp);

      if (l.tx * l.ty * l.pp / stages > s->site)
        return FALSE;
      hi = MIN (hi, floor (s->site * stages / (per_rank * l.ep)));
    }
  if (!s->params->data)
    hi = MIN (hi, 1);
  hi = MIN (hi, floor (MAX_GPUS_EXACT / (per_rank * l.ep)));
  if (search->max_gpus > 0)
    hi = MIN (hi, floor (search->max_gpus / (per_rank * l.ep)));
  /* Past the GPUs where GPUs × goodput peaks, both it and the utilization
   * of the step fall with dp: the elapsed time only grows. */
  if (s->goodput_gpus < INFINITY)
    hi = MIN (hi, ceil (s->goodput_gpus / (per_rank * l.ep)));
  if (lo > hi)
    return FALSE;

  if (s->site > 0)
    {
      double one_site = floor (s->site / (per_rank * l.ep));

      if (lo <= MIN (hi, one_site) &&
          solve_dp_range (search, l, lo, MIN (hi, one_site), layer_latency, &memory_bound))
        return memory_bound;
      lo = MAX (lo, one_site + 1);
      if (lo > hi)
        return memory_bound;
    }
  solve_dp_range (search, l, lo, hi, layer_latency, &memory_bound);

  return memory_bound;
}

/* Lower bounds on the step time of any layout with this tensor grid:
 * its latency, and the time to read each GPU's weights from memory once
 * per microbatch, at least once per layer over the step (m ≥ pp). Both
 * hold whatever dp, pp and m are; the latency grows with either axis. */
static void
tensor_floor (const Search *search,
              double        tx,
              double        ty,
              double        grid_latency,
              double       *latency,
              double       *floor)
{
  const Scale *s = search->s;
  const DmlShape *shape = s->shape;
  double experts_per_gpu = s->expert_params_per_layer / MAX (1, s->params->experts);

  *latency = shape->layers * grid_latency;
  *floor = 3 * s->p * shape->layers * (s->dense_params_per_layer + experts_per_gpu) /
           (tx * ty * s->params->hbm_bandwidth);
}

/* An upper bound on the utilization of any layout with this tensor grid,
 * whatever dp, pp and m are: tensor traffic per token is a fixed multiple
 * of compute per token, latency per step is fixed, and compute per step is
 * largest with the fewest GPUs. It falls as either axis grows, so the
 * search can stop a loop once it drops below the best layout so far. */
static double
tensor_bound (const Search *search,
              double        tx,
              double        ty,
              double        grid_latency,
              double        best)
{
  const Scale *s = search->s;
  const DmlShape *shape = s->shape;
  DmlLayout l = { 1, tx, ty, 1, 1, 1 };
  double d = shape->d_model;
  double n = MAX (shape->flop / (s->fu * s->duration), tx * ty);
  double compute = 6 * shape->params * shape->batch_tokens / (n * s->fu);
  double ratio = 0;
  Acc acc = { 0 };

  /* The bound without the tensor traffic is at least the bound (ratio ≥ 0,
   * and rounding keeps the order): where that is not above @best, the
   * grid's is not either, and the matmuls need not be priced. */
  if (s->params->max_utilization * compute / (compute + shape->layers * grid_latency) <= best)
    return 0;

  if (!s->params->overlap_communication)
    {
      matmul (s, &l, 1, d, 3 * d, 1, &acc);
      matmul (s, &l, 1, d, d, 1, &acc);
      ratio = (acc.up + acc.out) / acc.compute;
    }

  return s->params->max_utilization * compute /
         (compute * (1 + ratio) + shape->layers * grid_latency);
}

/* What any layout of a family of one tensor grid and ep spends at
 * least in a layer, for a microbatch of b tokens (Floor). Each matmul i
 * takes max (γ_i b, α_i b + w_i) of compute and memory time, exactly as
 * evaluate () has it: compute, then the activations it reads and writes
 * and the weights it reads once whatever b. Where communication does not
 * overlap, the tensor- and expert-parallel traffic adds τ b. */
static void
floor_init (const Scale     *s,
            const DmlLayout *l,
            double           grid_latency,
            Floor           *f)
{
  const DmlParams *params = s->params;
  double d = s->shape->d_model;
  double tp = l->tx * l->ty;
  MatmulShape mm[4] = { { 1, d, 3 * d, 3 }, { 1, d, d, 3 } };
  guint n_mm = 2;
  double per_byte_x = 0, per_byte_y = 0;

  if (!s->moe)
    {
      mm[n_mm++] = (MatmulShape) { 1, d, 4 * d, 3 };
      mm[n_mm++] = (MatmulShape) { 1, 4 * d, d, 3 };
    }
  else
    {
      double k = params->active_experts;
      double local = params->experts / l->ep;
      double bb = k * l->ep / params->experts;

      mm[n_mm++] = (MatmulShape) { bb, d, 4 * d / k, 3 * local };
      mm[n_mm++] = (MatmulShape) { bb, 4 * d / k, d, 3 * local };
    }

  /* Each collective's time is linear in its bytes (hierarchical ()):
   * its seconds per byte along each axis, and the expert group's. */
  if (!params->overlap_communication)
    {
      if (l->tx > 1)
        hierarchical (s, 1, l->tx, 1, &per_byte_x, &per_byte_x);
      if (l->ty > 1)
        hierarchical (s, 1, l->ty, l->tx, &per_byte_y, &per_byte_y);
    }

  f->layer_latency = with_expert_latency (params, l, grid_latency);
  f->compute = 0;
  f->traffic = 0;
  for (guint i = 0; i < n_mm; i++)
    {
      double kx = mm[i].k / l->tx;
      double ny = mm[i].n / l->ty;

      f->matmul_compute[i] = mm[i].count * (2 * mm[i].bb * kx * ny / s->fu);
      f->matmul_memory[i] = mm[i].count * (s->p * mm[i].bb * (kx + ny) / params->hbm_bandwidth);
      f->matmul_weights[i] = mm[i].count * (s->p * kx * ny / params->hbm_bandwidth);
      f->compute += f->matmul_compute[i];
      f->traffic += mm[i].count * s->p * mm[i].bb * (ny * per_byte_x + kx * per_byte_y);
    }

  if (s->moe && l->ep > 1 && !params->overlap_communication)
    {
      double per_byte_ep = 0;

      hierarchical (s, 1, l->ep, tp, &per_byte_ep, &per_byte_ep);
      f->traffic += EP_ALL_TO_ALLS_PER_LAYER * s->p * params->active_experts * d / tp * per_byte_ep;
    }

  g_assert (n_mm == G_N_ELEMENTS (f->matmul_compute));
  f->n_lines = 0;
}

/* Completes floor_init (): the lines of the layer's time. */
static inline void
floor_lines (Floor *f)
{
  const guint n_mm = G_N_ELEMENTS (f->matmul_compute);

  /* The layer's time is convex and piecewise linear in b: each matmul
   * turns from its memory side to its compute side where γ b passes
   * α b + w, at b = w / (γ − α), if ever. So it is the largest of the
   * lines of its pieces, n + 1 at most, the matmuls turned one by one in
   * the order they turn. (Any line that takes one side of each maximum
   * is below it; these reach it.) */
  {
    double turn[4];
    guint order[4];

    for (guint i = 0; i < n_mm; i++)
      {
        double gain = f->matmul_compute[i] - f->matmul_memory[i];

        turn[i] = gain > 0 ? f->matmul_weights[i] / gain : INFINITY;
        order[i] = i;
        for (guint k = i; k > 0 && turn[order[k]] < turn[order[k - 1]]; k--)
          {
            guint swap = order[k];

            order[k] = order[k - 1];
            order[k - 1] = swap;
          }
      }

    f->n_lines = 0;
    for (guint j = 0; j <= n_mm && (j == 0 || isfinite (turn[order[j - 1]])); j++)
      {
        double slope = f->traffic, intercept = 0;

        for (guint k = 0; k < n_mm; k++)
          if (k < j)
            slope += f->matmul_compute[order[k]];
          else
            {
              slope += f->matmul_memory[order[k]];
              intercept += f->matmul_weights[order[k]];
            }
        f->slope[f->n_lines] = slope;
        f->intercept[f->n_lines] = intercept;
        f->n_lines++;
      }
  }
}

/* The exposed traffic between pipeline stages per token of a microbatch,
 * once per microbatch and stage. */
static double
floor_p2p (const Scale     *s,
           const DmlLayout *l)
{
  double tp = l->tx * l->ty;

  if (l->pp <= 1 || s->params->overlap_communication)
    return 0;
  return link_time (s, 2 * s->p * s->shape->d_model / tp, tp * l->ep * l->pp);
}

/* Whether a step of @step seconds runs past the duration (fits ()). */
static inline gboolean
too_long (const Scale *s,
          double       step)
{
  return s->shape->steps * step > s->duration * (1 + 1e-12);
}

/* The bubble's share of the microbatches' time: it waits on pp − 1 of
 * them. */
static inline double
floor_fill (const Scale     *s,
            const DmlLayout *l)
{
  return s->params->pipeline_bubble * (l->pp - 1) / l->m;
}

/* A lower bound on the step of @l, a layout with b tokens per
 * microbatch: m (1 + β) (L/pp · layer (b) + p2p · b) + Lf, the
 * microbatches' time with the bubble's share β of it and the layer
 * latency Lf (step_latency (): (m + pp − 1) Lf / pp under today's
 * practice). Slightly below the terms it bounds, to cover their
 * rounding. */
static double
floor_step (const Scale     *s,
            const Floor     *f,
            const DmlLayout *l)
{
  const DmlShape *shape = s->shape;
  double b = shape->batch_tokens / (l->dp * l->m);
  double layer = 0;

  for (guint j = 0; j < f->n_lines; j++)
    layer = MAX (layer, f->slope[j] * b + f->intercept[j]);
  return (l->m * (1 + floor_fill (s, l)) * (shape->layers / l->pp * layer + floor_p2p (s, l) * b) +
          step_latency (s, l, f->layer_latency)) * (1 - 1e-9);
}

/* The largest microbatch with which a step of @l's family (its grid, ep,
 * pp and m) can fit in time: where floor_step () reaches the duration's
 * share of a step, T = duration / steps. Below 0 when none can. */
static double
floor_largest_microbatch (const Scale     *s,
                          const Floor     *f,
                          const DmlLayout *l)
{
  const DmlShape *shape = s->shape;
  double budget = s->duration * (1 + 1e-12) / shape->steps / (1 - 1e-9);
  double per_layer = (budget - step_latency (s, l, f->layer_latency)) / (l->m * (1 + floor_fill (s, l)));
  double stage = shape->layers / l->pp, p2p = floor_p2p (s, l);
  double largest = INFINITY;

  for (guint j = 0; j < f->n_lines; j++)
    largest = MIN (largest, (per_layer - stage * f->intercept[j]) / (stage * f->slope[j] + p2p));
  return largest;
}

/* An upper bound on the utilization of any layout of @l's family that
 * fits in time, given floor_largest_microbatch () @largest. The
 * utilization is u_max c / step, with compute c = m L/pp γ b. The
 * floor's step over b only falls as b grows (each line's intercept is
 * at least 0), so c / step is largest at the largest b that fits, where
 * the step is at most T: u_max c (@largest) / T. The slack covers the
 * rounding of the terms it bounds. */
static double
floor_utilization (const Scale     *s,
                   const Floor     *f,
                   const DmlLayout *l,
                   double           largest)
{
  const DmlShape *shape = s->shape;
  double budget = s->duration * (1 + 1e-12) / shape->steps;

  return s->params->max_utilization * l->m * (shape->layers / l->pp) * f->compute * largest / budget *
         (1 + 1e-9);
}

/* The same for every pp and m of the grid and ep at once: those of
 * pp = m = 1. With x = m L/pp b, a family's floor is
 * m (1 + β) (L/pp layer (x pp / (m L)) + p2p b) + Lf and its compute
 * γ x; m L/pp layer (x pp / (m L)) is each line's slope times x plus its
 * intercept times m L/pp ≥ L, and β and p2p are at least 0. So no family
 * fits with a larger x than pp = m = 1 does, nor with a microbatch
 * larger than that one's largest (x ≥ L b), and none has a larger
 * bound. */
static double
floor_utilization_any (const Scale     *s,
                       const Floor     *f,
                       const DmlLayout *l,
                       double          *largest)
{
  DmlLayout one = *l;

  one.pp = 1;
  one.m = 1;
  *largest = floor_largest_microbatch (s, f, &one);
  return floor_utilization (s, f, &one, *largest);
}

/* Whether any family of @l's grid and ep may beat the best so far: its
 * floor_utilization_any () is above it, and a step can fit in time with
 * the smallest microbatch allowed. Fills @f, if given, with the floor. */
static gboolean
grid_fits (const Search    *search,
           const DmlLayout *l,
           double           grid_latency,
           Floor           *f)
{
  const Scale *s = search->s;
  const DmlShape *shape = s->shape;
  Floor own;
  double largest, bound;

  if (f == NULL)
    f = &own;
  floor_init (s, l, grid_latency, f);

  /* Where a smallest microbatch is set, first the floor's line of all
   * compute (one of the lines below it, floor_lines ()) with that
   * microbatch, pp = m = 1: it costs no lines and rules out most grids
   * the whole floor would. */
  if (s->params->microbatch_tokens_min > 1 &&
      too_long (s, (shape->layers * (f->compute + f->traffic) * s->params->microbatch_tokens_min +
                    shape->layers * f->layer_latency) * (1 - 1e-9)))
    return FALSE;

  floor_lines (f);
  bound = floor_utilization_any (s, f, l, &largest);
  return largest >= MAX (1, s->params->microbatch_tokens_min) && bound > search->best_util;
}

/* Powers of two, and multiples of the domain when it is not one (NVL72). */
static guint
tensor_degrees (double  domain,
                double  max,
                double *out,
                guint   n_max)
{
  guint n = 0;
  double a = 1, b = domain;

  while (n < n_max && (a <= max || b <= max))
    {
      if (b <= max && b < a)
        out[n++] = b, b *= 2;
      else if (b <= max && b == a)
        out[n++] = a, a *= 2, b *= 2;
      else
        out[n++] = a, a *= 2;
    }

  return n;
}

typedef struct
{
  double tx;
  double ty;
  double bound;
  double latency;  /* tensor_latency () */
} Grid;

/* tensor_latency() of the grid of the @i-th tx degree and ty = 2^@j. */
static double
grid_latency (Search *search,
              guint   i,
              guint   j,
              double  tx,
              double  ty)
{
  double *slot;

  if (search->cache == NULL || i >= CACHE_TX || j >= CACHE_TY)
    return tensor_latency (search->s->params, tx, ty);
  slot = &search->cache->latency[i][j];
  if (isnan (*slot))
    *slot = tensor_latency (search->s->params, tx, ty);
  return *slot;
}

static int
compare_grids (gconstpointer a,
               gconstpointer b)
{
  double x = ((const Grid *) a)->bound, y = ((const Grid *) b)->bound;

  return (x < y) - (x > y);
}

/* Best first: the tensor grids in order of their utilization bound, so
 * that a good layout is found early and the rest are cut off by it. */
static void
search_layouts (Search *search)
{
  const Scale *s = search->s;
  const DmlParams *params = s->params;
  const DmlShape *shape = s->shape;
  double tx_deg[128], ty_max, pp_max, ep_max, n_min;
  double site_stream = 0, site_latency = 0;
  Grid grids[128 * 64];
  guint n_tx, n_grids = 0;

  /* Each GPU holds its microbatches' activations, L·b·d values over tp,
   * with b = batch / (dp·m); the search keeps dp·tp·pp below 2^53 and
   * m ≤ 8·pp, so dp·tp·m < 8·2^53. A batch too large for that to fit
   * anywhere (the batch law allows batches of 10^25 tokens) needs no
   * search. */
  if (params->enforce_memory &&
      shape->layers * shape->batch_tokens * shape->d_model * s->p * ACTIVATION_VALUES_PER_D /
      (8 * MAX_GPUS_EXACT) > params->hbm_capacity)
    return;

  /* Fewer GPUs than the sustained rate needs cannot finish in time. */
  n_min = shape->flop / (s->fu * s->duration);
  if (search->max_gpus > 0 && n_min > search->max_gpus)
    return;

  /* A run that needs more GPUs than one site holds spans S ≥ ⌈n_min / G⌉
   * sites. Each step it ships at least the gradients (2 (S − 1) / S of
   * them) or the pipeline's activations (p d B, twice that past two
   * sites) over the link between sites, and the body of its step lasts
   * at least that long; its latency gains at least two site latencies
   * (sites_evaluate ()). */
  if (s->site > 0 && n_min > s->site)
    {
      double sites = ceil (n_min / s->site);
      double gradients = 2 * (sites - 1) / sites *
                         s->p * shape->layers * (s->dense_params_per_layer + s->expert_params_per_layer);
      double activations = (sites > 2 ? 2 : 1) * s->p * shape->d_model * shape->batch_tokens;

      site_stream = MIN (gradients, activations) / params->intersite_bandwidth;
      site_latency = 2 * params->intersite_latency;
      if (shape->steps * (site_stream + site_latency) > s->duration)
        return;
    }

  n_tx = tensor_degrees (s->domain, params->tensor ? shape->d_model : 1, tx_deg, G_N_ELEMENTS (tx_deg));
  ty_max = params->tensor && params->tensor_2d ? shape->d_model : 1;
  pp_max = params->pipeline ? shape->layers : 1;
  ep_max = params->expert && params->data ? params->experts : 1;

  /* ty = 2^j, doubled exactly. */
  for (guint i = 0; i < n_tx; i++)
    {
      double ty = 1;

      for (guint j = 0; ty <= ty_max && n_grids < G_N_ELEMENTS (grids); j++, ty *= 2)
        {
          double latency, floor, per_layer = grid_latency (search, i, j, tx_deg[i], ty);

          tensor_floor (search, tx_deg[i], ty, per_layer, &latency, &floor);
          latency += site_latency;
          if (shape->steps * latency > s->duration)
            break;
          if (shape->steps * (latency + MAX (floor, site_stream)) > s->duration)
            continue;
          grids[n_grids] = (Grid) { tx_deg[i], ty, tensor_bound (search, tx_deg[i], ty, per_layer, search->best_util),
                                    per_layer };
          /* One that cannot beat the hint's layout would never be tried,
           * nor, with one ep, one that grid_fits () leaves out below.
           * tensor_bound () knows nothing of a smallest microbatch: where
           * one is set (the GTX 580's memory wants long runs of small
           * ones), most grids pass it and fail grid_fits (), and sorting
           * them first cost more than their floors. */
          if (grids[n_grids].bound > search->best_util &&
              (ep_max > 1 || params->microbatch_tokens_min <= 1 ||
               grid_fits (search, &(DmlLayout) { 1, tx_deg[i], ty, 1, 1, 1 }, per_layer, NULL)))
            n_grids++;
        }
    }

  qsort (grids, n_grids, sizeof (Grid), compare_grids);

  for (guint g = 0; g < n_grids && grids[g].bound > search->best_util && !out_of_work (search); g++)
    for (double ep = 1; ep <= ep_max; ep *= 2)
      {
        DmlLayout l = { 1, grids[g].tx, grids[g].ty, 1, ep, 1 };
        Floor f;

        if (!grid_fits (search, &l, grids[g].latency, &f))
          continue;

        for (double pp = 1; pp <= pp_max; pp *= 2)
          {
            /* Weights and gradients that do not fit leave every dp and m
             * of these families out of memory. */
            if (params->enforce_memory &&
                weight_memory_per_gpu (s, grids[g].tx * grids[g].ty, pp, ep) > params->hbm_capacity)
              continue;

            l.pp = pp;

            /* More microbatches than stages only shrink each one; that
             * helps with a bubble to fill or memory to save, never else. */
            for (double m = pp; m <= 8 * pp; m *= 2)
              {
                double hi = floor (shape->batch_tokens / MAX (1, params->microbatch_tokens_min) / m / ep);
                double largest;

                l.m = m;
                if (hi < 1)
                  {
                    if (!solve_dp (search, l, f.layer_latency) && params->pipeline_bubble == 0)
                      break;
                    continue;
                  }

                /* A family whose step does not fit even at its most
                 * ranks, the smallest microbatch, never fits; nor does
                 * one with more microbatches, which reads the weights
                 * more often and allows fewer ranks, unless a bubble
                 * shrinks. Nor can one beat the best whose bound is
                 * not above it; without a bubble the bound is the same
                 * for every m. */
                largest = floor_largest_microbatch (s, &f, &l);
                if (shape->batch_tokens / (hi * ep * m) > largest ||
                    floor_utilization (s, &f, &l, largest) <= search->best_util)
                  {
                    if (params->pipeline_bubble == 0)
                      break;
                    continue;
                  }
                if (!solve_dp (search, l, f.layer_latency) && params->pipeline_bubble == 0)
                  break;
              }
          }
      }
}

/* @hint, the best layout of a nearby scale, gives the search a good
 * bound to prune with from the start; it changes nothing else. @cache,
 * if given, holds grid latencies for every point of @params. */
static void
point_search (const DmlParams *params,
              double           flop,
              const DmlLayout *hint,
              LatencyCache    *cache,
              DmlPoint        *point,
              guint64         *n_evaluated)
{
  DmlShape shape;
  Scale s;
  Search search = { 0 };
  DmlParams at;

  /* With a hardware roadmap or growing durations, each compute trains as
   * the frontier run of the year that reaches it (docs/model.md,
   * "Timeline"); grid latencies then change from point to point. */
  if (dml_roadmap_varies (params))
    {
      dml_roadmap_params_at_flop (params, flop, &at);
      params = &at;
      cache = NULL;
    }

  dml_shape_compute (params, flop, &shape);
  scale_init (&s, params, &shape);
  search.s = &s;
  search.cache = cache;
  search.max_gpus = dml_params_max_gpus (params);
  search.best_util = 0;

  if (hint != NULL && hint->dp > 0 && hint->pp <= shape.layers &&
      hint->tx <= shape.d_model && hint->ty <= shape.d_model)
    solve_dp (&search, (DmlLayout) { 1, hint->tx, hint->ty, hint->pp, hint->ep, hint->m },
              dml_layer_latency (params, hint));

  /* No layout does more than the peak of GPUs × goodput at the sustained
   * FLOP/s over the duration: past that, none is searched. */
  if (!(shape.flop > s.goodput_work * s.fu * s.duration * (1 + 1e-9)))
    search_layouts (&search);

  if (search.best_util > 0)
    dml_point_from_layout (params, flop, &search.best, point);
  else
    {
      memset (point, 0, sizeof *point);
      point->flop = flop;
      point->shape = shape;
      point->regime = DML_REGIME_INFEASIBLE;

      /* Tell "past this cluster's limit" apart from "past the wall". */
      if (search.max_gpus > 0 && !(shape.flop > s.goodput_work * s.fu * s.duration * (1 + 1e-9)))
        {
          search.max_gpus = 0;
          search_layouts (&search);
          point->over_budget = search.best_util > 0;
        }
    }
  point->search_truncated = search.truncated;

  if (n_evaluated != NULL)
    *n_evaluated += search.evaluated;
}

void
dml_point_search (const DmlParams *params,
                  double           flop,
                  const DmlLayout *hint,
                  DmlPoint        *point,
                  guint64         *n_evaluated)
{
  point_search (params, flop, hint, NULL, point, n_evaluated);
}

/* The floors the search prunes with, of @layout and its family, for
 * tests: floor_step (), floor_largest_microbatch (), floor_utilization ()
 * and floor_utilization_any (). */
void
_dml_layout_floors (const DmlParams *params,
                    const DmlShape  *shape,
                    const DmlLayout *layout,
                    double          *step,
                    double          *largest_microbatch,
                    double          *utilization,
                    double          *largest_microbatch_any,
                    double          *utilization_any)
{
  Scale s;
  Floor f;

  scale_init (&s, params, shape);
  floor_init (&s, layout, tensor_latency (params, layout->tx, layout->ty), &f);
  floor_lines (&f);
  *step = floor_step (&s, &f, layout);
  *largest_microbatch = floor_largest_microbatch (&s, &f, layout);
  *utilization = floor_utilization (&s, &f, layout, *largest_microbatch);
  *utilization_any = floor_utilization_any (&s, &f, layout, largest_microbatch_any);
}

/* A layout's own regime: its largest excess, once the excesses together
 * are at least COMPUTE_REGIME_SHARE of the step.
 *
 * With interruptions (docs/model.md, "Goodput"), the elapsed time of a
 * step is step / goodput: the step's compute and excesses, then the time
 * lost to interruptions, step × (1/goodput − 1) (restarts, checkpoint
 * writes and the work redone since the last checkpoint, spread over the
 * steps). That loss is a cost of the same kind as an excess, seconds on
 * top of the compute, so the layout is reliability-bound when it is
 * larger than each of the step's own excesses (DRAM, the network with
 * the pipeline bubble, latency) and the whole excess over the elapsed
 * time, elapsed − compute, is past the compute share of it. The network
 * and the bubble count together here: both are the GPUs waiting on data,
 * and the chart names them one regime. Without interruptions goodput is
 * 1, nothing is lost, and the rule below is the paper's alone. */
static DmlRegime
classify (const DmlStepTime *t)
{
  double network = t->scaleup + t->scaleout + t->intersite;
  double excess = t->step - t->compute;
  double elapsed = t->step / t->goodput;
  double lost = elapsed - t->step;

  if (lost > t->dram && lost > network + t->bubble && lost > t->latency &&
      !(elapsed - t->compute < COMPUTE_REGIME_SHARE * elapsed))
    return DML_REGIME_RELIABILITY;
  if (excess < COMPUTE_REGIME_SHARE * t->step)
    return DML_REGIME_COMPUTE;
  if (t->dram >= network && t->dram >= t->latency && t->dram >= t->bubble)
    return DML_REGIME_DRAM;
  if (network >= t->latency && network >= t->bubble)
    return DML_REGIME_NETWORK;
  if (t->latency >= t->bubble)
    return DML_REGIME_LATENCY;
  /* A pipeline bubble is time the GPUs wait on each other's data. */
  return DML_REGIME_NETWORK;
}

/* classify (), for tests. */
DmlRegime
_dml_step_time_classify (const DmlStepTime *time)
{
  return classify (time);
}

/* Fills @point for @layout at @flop whether or not it fits; returns
 * whether it does. */
gboolean
dml_point_from_layout (const DmlParams *params,
                       double           flop,
                       const DmlLayout *layout,
                       DmlPoint        *point)
{
  Scale s;
  double n = layout->dp * layout->tx * layout->ty * layout->pp;
  DmlParams at;

  dml_roadmap_params_at_flop (params, flop, &at);
  params = &at;
  memset (point, 0, sizeof *point);
  point->flop = flop;
  dml_shape_compute (params, flop, &point->shape);
  scale_init (&s, params, &point->shape);
  point->layout = *layout;
  evaluate (&s, layout, dml_layer_latency (params, layout), &point->time);

  point->feasible = dml_layout_is_valid (params, &point->shape, layout) && fits (&s, &point->time) &&
                    (dml_params_max_gpus (params) == 0 || n <= dml_params_max_gpus (params));
  point->gpus = n;
  point->tokens_per_microbatch = point->shape.batch_tokens / (layout->dp * layout->m);
  point->utilization = utilization_of (&s, layout, &point->time);
  point->regime = point->feasible ? classify (&point->time) : DML_REGIME_INFEASIBLE;
  /* Alone, a point's band is its own regime; a sweep classifies bands. */
  point->band = point->regime;
  point->goodput = point->time.goodput;
  point->mtbi = INFINITY;
  if (params->goodput)
    {
      DmlGoodput g;

      dml_goodput_compute (params, n, &g);
      point->mtbi = g.mtbi;
    }
  /* The elapsed time: with interruptions, steps × step is its goodput. */
  point->wall_clock = point->shape.steps * point->time.step / point->time.goodput;
  point->gpu_hours = n * point->wall_clock / 3600;
  point->cost = point->gpu_hours * params->gpu_hour_cost;
  point->power = n * params->power_per_gpu;
  point->facility_power = point->power * params->pue;
  point->energy = point->facility_power * point->wall_clock / 3600;
  point->energy_cost = point->energy / 1e6 * params->electricity_price;
  point->emissions = point->energy / 1e6 * params->carbon_intensity / 1000;

  return point->feasible;
}

/* The parts of the step that a regime names, as shares of the step, and
 * what interruptions take of the step's utilization: its compute share ×
 * (1 − goodput). Priced at u_max, the excesses add up to the step's drop
 * from u_max and interruptions to the rest of the drop to the elapsed
 * utilization, u_max × goodput × compute / step; without interruptions
 * theirs is 0. */
static void
excess_shares (const DmlPoint *p,
               double         *shares)
{
  const DmlStepTime *t = &p->time;

  shares[DML_REGIME_DRAM] = t->dram / t->step;
  /* A pipeline bubble is time the GPUs wait on each other's data. */
  shares[DML_REGIME_NETWORK] = (t->scaleup + t->scaleout + t->intersite + t->bubble) / t->step;
  shares[DML_REGIME_LATENCY] = t->latency / t->step;
  shares[DML_REGIME_RELIABILITY] = t->compute / t->step * (1 - t->goodput);
}

/* The regime band of each point: what limits the sweep around it.
 *
 * A layout's own balance jumps as the search moves from one layout to the
 * next (a saw-tooth), so the regime of single points flickers, and where
 * a marker falls would depend on how densely the sweep samples. The band
 * averages each excess's share of the step over the feasible points
 * within BAND_HALF_WIDTH decades, and prices it in points of utilization
 * taken from the plateau (u_max × share: the parts add up to the drop
 * from u_max). Interruptions are priced the same way, as the points
 * they take from the step's utilization (excess_shares ()), so a design
 * that loses time to them can be reliability-bound. The band is the cost
 * that takes most, once that is at least the marker threshold; until
 * then the point is compute-bound.
 * Each limit's onset is where its own cost first reaches the threshold,
 * whether or not it is the largest (MODEL.md, "Markers"): DRAM can cost
 * 7 points where the network costs more. Averaged the same way, the
 * markers stay put at any sampling density (tests/test-model.c,
 * /model/markers-density). */
void
dml_points_classify_bands (const DmlParams *params,
                           DmlPoint        *points,
                           guint            n_points)
{
  static const DmlRegime kinds[] = { DML_REGIME_DRAM, DML_REGIME_NETWORK, DML_REGIME_LATENCY,
                                      DML_REGIME_RELIABILITY };
  const guint n_kinds = G_N_ELEMENTS (kinds);
  g_autofree double *sums = g_new0 (double, n_kinds * (n_points + 1));
  g_autofree guint *feasible = g_new (guint, n_points);
  guint n = 0, lo = 0, hi = 0;

  /* Prefix sums of each share over the feasible points, in order. */
  for (guint i = 0; i < n_points; i++)
    {
      points[i].band = DML_REGIME_INFEASIBLE;
      if (!points[i].feasible || points[i].time.step <= 0)
        continue;

      {
        double shares[DML_N_REGIMES] = { 0 };

        excess_shares (&points[i], shares);
        for (guint k = 0; k < n_kinds; k++)
          sums[n_kinds * (n + 1) + k] = sums[n_kinds * n + k] + shares[kinds[k]];
      }
      feasible[n++] = i;
    }

  for (guint a = 0; a < n; a++)
    {
      double here = log10 (points[feasible[a]].flop);
      DmlRegime band = DML_REGIME_COMPUTE;
      double best = 0;

      while (log10 (points[feasible[lo]].flop) < here - BAND_HALF_WIDTH - 1e-9)
        lo++;
      while (hi + 1 < n && log10 (points[feasible[hi + 1]].flop) <= here + BAND_HALF_WIDTH + 1e-9)
        hi++;

      for (guint k = 0; k < n_kinds; k++)
        {
          double cost = params->max_utilization * (sums[n_kinds * (hi + 1) + k] - sums[n_kinds * lo + k]) / (hi + 1 - lo);

          points[feasible[a]].band_cost[k] = cost;
          if (cost >= params->onset_threshold && cost > best)
            {
              best = cost;
              band = kinds[k];
            }
        }
      points[feasible[a]].band = band;
    }
}

/* @points' bands must be classified (dml_points_classify_bands()). */
void
dml_summary_compute (const DmlParams *params,
                     const DmlPoint  *points,
                     guint            n_points,
                     DmlSummary      *summary)
{
  double *onsets[3] = { &summary->dram_onset, &summary->network_onset, &summary->latency_onset };

  summary->plateau_utilization = 0;
  summary->dram_onset = NAN;
  summary->network_onset = NAN;
  summary->latency_onset = NAN;
  summary->wall = NAN;
  summary->wall_beyond = NAN;
  summary->max_at_80 = NAN;
  summary->truncated_points = 0;
  summary->batch_cap = NAN;
  summary->overlap = params->overlap;
  summary->goodput = params->goodput;
  summary->reliability_onset = NAN;

  for (guint i = 0; i < n_points; i++)
    {
      if (points[i].feasible)
        summary->plateau_utilization = MAX (summary->plateau_utilization, points[i].utilization);
      summary->truncated_points += points[i].search_truncated;
      if (isnan (summary->batch_cap) && params->batch_tokens_max > 0 &&
          points[i].shape.batch_tokens >= params->batch_tokens_max)
        summary->batch_cap = points[i].flop;
    }

  for (guint i = 0; i < n_points; i++)
    {
      const DmlPoint *p = &points[i];

      if (!p->feasible)
        continue;

      summary->wall = p->flop;
      if (params->goodput && isnan (summary->reliability_onset) && p->goodput < DML_RELIABILITY_GOODPUT)
        summary->reliability_onset = p->flop;
      if (p->utilization >= 0.8 * summary->plateau_utilization)
        summary->max_at_80 = p->flop;
      for (guint k = 0; k < 3; k++)
        if (isnan (*onsets[k]) && p->band_cost[k] >= params->onset_threshold)
          {
            *onsets[k] = p->flop;
            summary->onset_cost[k] = p->band_cost[k];
            summary->onset_band[k] = p->band;
          }
    }

  /* Feasible to the end: the wall is somewhere past it, not at it. */
  if (n_points > 0 && points[n_points - 1].feasible)
    {
      summary->wall_beyond = summary->wall;
      summary->wall = NAN;
    }
}

static int n_alive;

static void
sweep_free (gpointer data)
{
  DmlSweep *sweep = data;

  g_free (sweep->points);
  g_atomic_int_add (&n_alive, -1);
}

/* How many sweeps exist: for tests that look for leaks. */
int
_dml_sweep_count_alive (void)
{
  return g_atomic_int_get (&n_alive);
}

DmlSweep *
dml_sweep_new (const DmlParams  *params,
               GCancellable     *cancellable,
               GError          **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(DmlSweep) sweep = NULL;
  g_autofree LatencyCache *cache = g_new (LatencyCache, 1);
  double decades;

  g_return_val_if_fail (params != NULL, NULL);

  if (!dml_params_validate (params, problems))
    {
      g_set_error_literal (error, DML_ERROR, DML_ERROR_INVALID, g_ptr_array_index (problems, 0));
      return NULL;
    }

  decades = log10 (params->sweep_to / params->sweep_from);
  sweep = g_atomic_rc_box_new0 (DmlSweep);
  g_atomic_int_inc (&n_alive);
  sweep->params = *params;
  sweep->n_points = (guint) floor (decades * params->per_decade + 1e-9) + 1;
  sweep->points = g_new0 (DmlPoint, sweep->n_points);
  latency_cache_init (cache);

  for (guint i = 0; i < sweep->n_points; i++)
    {
      double flop = params->sweep_from * pow (10, i / params->per_decade);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      point_search (params, flop, i > 0 ? &sweep->points[i - 1].layout : NULL, cache,
                    &sweep->points[i], &sweep->layouts_evaluated);
    }

  dml_points_classify_bands (params, sweep->points, sweep->n_points);
  dml_summary_compute (params, sweep->points, sweep->n_points, &sweep->summary);

  return g_steal_pointer (&sweep);
}

G_DEFINE_BOXED_TYPE (DmlSweep, dml_sweep, dml_sweep_ref, dml_sweep_unref)

DmlSweep *
dml_sweep_ref (DmlSweep *sweep)
{
  return g_atomic_rc_box_acquire (sweep);
}

void
dml_sweep_unref (DmlSweep *sweep)
{
  g_atomic_rc_box_release_full (sweep, sweep_free);
}
