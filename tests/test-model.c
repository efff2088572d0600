/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-model"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dml-design.h"
#include "dml-engine.h"
#include "dml-engine-private.h"
#include "dml-preset.h"
#include "dml-report.h"
#include "dml-error.h"
#include "dml-production-runs.h"
#include "dml-timeline.h"
#include "dml-roadmap.h"
#include "dml-uncertainty.h"

static void
assert_close (double actual,
              double expected,
              double rel)
{
  if (!(fabs (actual - expected) <= rel * fabs (expected)))
    g_error ("expected %.10g, got %.10g (tolerance %g)", expected, actual, rel);
}

static void
baseline (DmlParams *params)
{
  g_autoptr(DmlDesign) design = dml_design_new ();

  dml_design_get_params (design, params);
}

/* Hand calculation: N = sqrt(1e25 / 120), L = round(0.088 N^0.27) = 109,
 * d = sqrt(N / (12 L)), B = 40e6 (N / 4.05e11)^0.36, S = 20 N / B. */
static void
test_shape_laws (void)
{
  DmlParams params;
  DmlShape shape;

  baseline (&params);
  dml_shape_compute (&params, 1e25, &shape);

  assert_close (shape.params, 288675134594.8129, 1e-12);
  assert_close (shape.tokens, 20 * 288675134594.8129, 1e-12);
  g_assert_cmpfloat (shape.layers, ==, 109);
  assert_close (shape.d_model, 14855.963253375285, 1e-12);
  assert_close (shape.batch_tokens, 35409806.92054331, 1e-12);
  assert_close (shape.steps, 163048.12688901476, 1e-12);
  g_assert_cmpfloat (shape.total_params, ==, shape.params);

  /* The depth law never gives less than one layer. */
  dml_shape_compute (&params, 1e3, &shape);
  g_assert_cmpfloat (shape.layers, ==, 1);
}

static void
toy_hardware (DmlParams *params)
{
  baseline (params);
  params->peak_flops = 1e15;
  params->max_utilization = 1;
  params->hbm_bandwidth = 1e12;
  params->scaleup_bandwidth = 1e11;
  params->bytes_per_value = 2;
  params->kernel_latency = 0;
  params->collective_base_latency = 0;
  params->scaleup_hop_latency = 0;
  params->scaleout_hop_latency = 0;
}

/* One layer, d = 1000, one GPU. Each of the four matmuls, three passes:
 * FLOP 2·b·k·n at 1e15, bytes 2·(b·k + k·n + b·n) at 1e12. */
static void
test_roofline (void)
{
  DmlParams params;
  DmlShape shape = { .flop = 1, .params = 12e6, .total_params = 12e6, .tokens = 1,
                     .layers = 1, .d_model = 1000, .batch_tokens = 100, .steps = 1 };
  DmlLayout layout = { 1, 1, 1, 1, 1, 1 };
  DmlStepTime t;

  toy_hardware (&params);

  /* b = 100 tokens: far below b_min, every matmul is DRAM-bound. */
  dml_layout_evaluate (&params, &shape, &layout, &t);
  assert_close (t.compute, 7.2e-06, 1e-12);
  assert_close (t.dram, 7.44e-05, 1e-12);
  g_assert_cmpfloat (t.scaleup + t.scaleout + t.latency + t.bubble, ==, 0);
  assert_close (t.step, 7.2e-06 + 7.44e-05, 1e-12);

  /* b = 1e5: compute now dominates, but k = 1000 keeps QKV and the FFN
   * matmuls partly DRAM-bound (2kn / (p(k+n)) < F/W = 1000). */
  shape.batch_tokens = 1e5;
  dml_layout_evaluate (&params, &shape, &layout, &t);
  assert_close (t.compute, 0.0072, 1e-12);
  assert_close (t.dram, 0.002472, 1e-9);

  /* Balance point b_min = F·p / (2W): for H100 BF16, about 295 tokens. */
  baseline (&params);
  assert_close (params.peak_flops * params.bytes_per_value / (2 * params.hbm_bandwidth), 295.2, 1e-3);
}

/* tx = 2 inside the domain: each matmul pass moves p·b·(n/ty)·(tx−1)/tx
 * bytes over scale-up; summed over the four matmuls, 2.7e-5 s. */
static void
test_tensor_traffic (void)
{
  DmlParams params;
  DmlShape shape = { .flop = 1, .params = 12e6, .total_params = 12e6, .tokens = 1,
                     .layers = 1, .d_model = 1000, .batch_tokens = 100, .steps = 1 };
  DmlLayout layout = { 1, 2, 1, 1, 1, 1 };
  DmlStepTime t;

  toy_hardware (&params);
  params.overlap_communication = FALSE;
  dml_layout_evaluate (&params, &shape, &layout, &t);
  assert_close (t.scaleup, 2.7e-05, 1e-12);
  g_assert_cmpfloat (t.scaleout, ==, 0);

  /* Overlapped, the traffic hides behind the DRAM-bound matmuls. */
  params.overlap_communication = TRUE;
  dml_layout_evaluate (&params, &shape, &layout, &t);
  g_assert_cmpfloat (t.scaleup, ==, 0);

  /* A domain of one GPU sends the same bytes over scale-out instead. */
  params.overlap_communication = FALSE;
  params.scaleup_domain = 1;
  params.scaleout_bandwidth = 1e10;
  dml_layout_evaluate (&params, &shape, &layout, &t);
  g_assert_cmpfloat (t.scaleup, ==, 0);
  assert_close (t.scaleout, 2.7e-04, 1e-12);
}

/* t_coll(g) = t_base + 2·((g_in − 1)·t_up + log2(g_nodes)·t_out), with the
 * paper's 6.8, 0.6 and 5 µs. */
static void
test_collective_latency (void)
{
  DmlParams params;
  DmlLayout one_d = { 1, 8, 1, 1, 1, 1 };
  DmlLayout two_d = { 1, 8, 16, 1, 1, 1 };
  DmlLayout none = { 1, 1, 1, 1, 1, 1 };

  baseline (&params);
  assert_close (dml_collective_latency (&params, 8, 8), 6.8e-6 + 2 * 7 * 0.6e-6, 1e-12);
  assert_close (dml_collective_latency (&params, 64, 8), 6.8e-6 + 2 * (4.2e-6 + 3 * 5e-6), 1e-12);
  assert_close (dml_collective_latency (&params, 16, 1), 6.8e-6 + 2 * 4 * 5e-6, 1e-12);
  g_assert_cmpfloat (dml_collective_latency (&params, 1, 1), ==, 0);

  /* Per layer: 8 kernels of 4.5 µs, plus four tensor collectives. */
  assert_close (dml_layer_latency (&params, &none), 36e-6, 1e-12);
  assert_close (dml_layer_latency (&params, &one_d), 36e-6 + 4 * 15.2e-6, 1e-12);
  /* 2D: two along x (8 in one domain), two along y (16 domains apart). */
  assert_close (dml_layer_latency (&params, &two_d), 36e-6 + 2 * (15.2e-6 + 46.8e-6), 1e-12);
}

/* The pruned search must find what an exhaustive scan of the same
 * layouts finds: every dp, not just the bisection's. */
static double
brute_force (const DmlParams *params,
             double           flop,
             DmlLayout       *best)
{
  DmlShape shape;
  double best_util = 0;

  dml_shape_compute (params, flop, &shape);

  for (double ep = 1; ep <= (params->expert ? params->experts : 1); ep *= 2)
    for (double tx = 1; tx <= shape.d_model; tx *= 2)
      for (double ty = 1; ty <= (params->tensor_2d ? shape.d_model : 1); ty *= 2)
        for (double pp = 1; pp <= shape.layers; pp *= 2)
          for (double m = pp; m <= 8 * pp; m *= 2)
            for (double dp = ep; dp * tx * ty * pp <= params->max_gpus; dp += ep)
              {
                DmlLayout l = { dp, tx, ty, pp, ep, m };
                DmlPoint point;

                if (!dml_layout_is_valid (params, &shape, &l))
                  continue;
                if (dml_point_from_layout (params, flop, &l, &point) && point.utilization > best_util)
                  {
                    best_util = point.utilization;
                    *best = l;
                  }
              }

  return best_util;
}

static void
check_against_brute_force (DmlParams *params,
                           double     flop)
{
  DmlLayout layout = { 0 };
  DmlPoint point;
  double expected;

  expected = brute_force (params, flop, &layout);
  dml_point_search (params, flop, NULL, &point, NULL);

  g_test_message ("C = %g: search %.6f (%g×%g×%g×%g, m %g), brute force %.6f (%g×%g×%g×%g, m %g)",
                  flop, point.utilization, point.layout.dp, point.layout.tx, point.layout.ty,
                  point.layout.pp, point.layout.m, expected, layout.dp, layout.tx, layout.ty,
                  layout.pp, layout.m);

  if (expected == 0)
    g_assert_false (point.feasible);
  else
    {
      g_assert_true (point.feasible);
      assert_close (point.utilization, expected, 1e-9);
    }
}

static void
test_search_brute_force (void)
{
  DmlParams params;

  /* A 512-GPU cluster keeps the exhaustive scan small. */
  baseline (&params);
  params.max_gpus = 512;
  params.training_days = 30;
  for (double c = 1e21; c <= 3e24; c *= 4)
    check_against_brute_force (&params, c);

  /* Slow scale-out and a bubble make other layouts win. */
  params.scaleout_bandwidth = 5e9;
  params.pipeline_bubble = 0.5;
  params.overlap_communication = TRUE;
  for (double c = 1e21; c <= 3e24; c *= 4)
    check_against_brute_force (&params, c);

  /* Small memory makes pipelines and more microbatches necessary. */
  baseline (&params);
  params.max_gpus = 256;
  params.hbm_capacity = 8e9;
  params.training_days = 10;
  for (double c = 1e21; c <= 1e23; c *= 4)
    check_against_brute_force (&params, c);

  /* The search's floors (floor_step (), floor_utilization ()) at their
   * edges: experts and their all-to-alls, exposed traffic, a bubble, a
   * floor on the microbatch, slow memory whose weight reads fill the
   * step, and latencies large enough that the last points are near the
   * wall or past it. */
  baseline (&params);
  params.max_gpus = 512;
  params.training_days = 20;
  params.experts = 8;
  params.active_experts = 2;
  params.pipeline_bubble = 0.25;
  params.microbatch_tokens_min = 2048;
  params.kernel_latency = 2e-4;
  params.scaleout_bandwidth = 2e10;
  for (double c = 1e21; c <= 3e24; c *= 4)
    check_against_brute_force (&params, c);

  params.experts = 1;
  params.active_experts = 1;
  params.pipeline_bubble = 0;
  params.hbm_bandwidth = 2e11;
  params.kernel_latency = 5e-5;
  for (double c = 1e21; c <= 3e24; c *= 4)
    check_against_brute_force (&params, c);

  /* Today's practice: latency on every microbatch's pass makes deep
   * pipelines and many microbatches dearer, and the exposed reduction
   * favours fewer, larger replicas. */
  params.overlap = DML_OVERLAP_PRACTICE;
  params.pipeline_bubble = 0.25;
  for (double c = 1e21; c <= 3e24; c *= 4)
    check_against_brute_force (&params, c);
}

/* The same on random small clusters across the inputs the bounds read
 * (memory bandwidth, latencies, networks, bubble, experts, the smallest
 * microbatch, overlap), at scales from easy to past the wall: a bound
 * that cuts a family it should not changes some point's best. */
static void
test_search_brute_force_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);

  for (guint i = 0; i < 60; i++)
    {
      DmlParams params;
      double c = pow (10, g_rand_double_range (rand, 20, 24.5));

      baseline (&params);
      params.max_gpus = 256;
      params.training_days = g_rand_double_range (rand, 5, 60);
      params.hbm_bandwidth = pow (10, g_rand_double_range (rand, 10.5, 12.5));
      params.hbm_capacity = pow (10, g_rand_double_range (rand, 9.5, 11));
      params.scaleout_bandwidth = pow (10, g_rand_double_range (rand, 9, 11));
      params.scaleup_bandwidth = pow (10, g_rand_double_range (rand, 10, 12));
      params.kernel_latency = pow (10, g_rand_double_range (rand, -6, -3.5));
      params.collective_base_latency = pow (10, g_rand_double_range (rand, -6, -4));
      params.pipeline_bubble = g_rand_boolean (rand) ? 0 : g_rand_double_range (rand, 0.05, 1);
      params.overlap_communication = g_rand_boolean (rand);
      params.microbatch_tokens_min = g_rand_boolean (rand) ? 0 : pow (10, g_rand_double_range (rand, 2, 5.5));
      if (g_rand_boolean (rand))
        {
          params.experts = 8;
          params.active_experts = g_rand_boolean (rand) ? 1 : 2;
        }
      g_assert_true (dml_params_validate (&params, NULL));
      check_against_brute_force (&params, c);
      /* Today's practice prices more of the step, and the floors with it
       * (step_latency ()): the same draw again, without a new number. */
      params.overlap = DML_OVERLAP_PRACTICE;
      check_against_brute_force (&params, c);
    }
}

/* The floors the search prunes with hold layout by layout: the step is
 * never below its floor, and a layout that fits in time has a microbatch
 * no larger than its family's largest and a utilization no larger than
 * its family's bound, or than the bound of every pp and m of its grid
 * and ep. */
static void
test_search_floors (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (23);
  guint n_fit = 0;

  for (guint i = 0; i < 20000; i++)
    {
      DmlParams params;
      DmlShape shape;
      DmlLayout l;
      DmlStepTime t;
      double c = pow (10, g_rand_double_range (rand, 20, 32));
      double step, largest, bound, largest_any, bound_any;

      baseline (&params);
      params.training_days = g_rand_double_range (rand, 5, 200);
      params.hbm_bandwidth = pow (10, g_rand_double_range (rand, 10.5, 13));
      params.scaleout_bandwidth = pow (10, g_rand_double_range (rand, 9, 11.5));
      params.scaleup_bandwidth = pow (10, g_rand_double_range (rand, 10, 12.5));
      params.scaleup_domain = g_rand_boolean (rand) ? 8 : 72;
      params.kernel_latency = pow (10, g_rand_double_range (rand, -6.5, -4));
      params.collective_base_latency = pow (10, g_rand_double_range (rand, -6.5, -4));
      params.pipeline_bubble = g_rand_boolean (rand) ? 0 : g_rand_double_range (rand, 0.05, 1);
      params.overlap_communication = g_rand_boolean (rand);
      if (g_rand_boolean (rand))
        {
          params.experts = 1 << g_rand_int_range (rand, 1, 7);
          params.active_experts = MIN (params.experts, 1 << g_rand_int_range (rand, 0, 3));
        }
      dml_shape_compute (&params, c, &shape);

      l.ep = ldexp (1, g_rand_int_range (rand, 0, (int) log2 (params.experts) + 1));
      l.tx = ldexp (1, g_rand_int_range (rand, 0, 10));
      l.ty = ldexp (1, g_rand_int_range (rand, 0, 8));
      l.pp = ldexp (1, g_rand_int_range (rand, 0, 9));
      l.m = l.pp * ldexp (1, g_rand_int_range (rand, 0, 4));
      l.dp = l.ep * ceil (pow (10, g_rand_double_range (rand, 0, 6)));
      if (!dml_layout_is_valid (&params, &shape, &l))
        continue;

      /* Every other layout under today's practice, whose floors charge
       * latency per microbatch pass (the draws stay as they were). */
      params.overlap = i % 2 ? DML_OVERLAP_PRACTICE : DML_OVERLAP_PAPER;
      dml_layout_evaluate (&params, &shape, &l, &t);
      _dml_layout_floors (&params, &shape, &l, &step, &largest, &bound, &largest_any, &bound_any);
      g_assert_cmpfloat (t.step, >=, step);
      if (shape.steps * t.step <= dml_params_duration (&params) * (1 + 1e-12))
        {
          double utilization = c / (l.dp * l.tx * l.ty * l.pp * params.peak_flops * shape.steps * t.step);

          g_assert_cmpfloat (shape.batch_tokens / (l.dp * l.m), <=, largest);
          g_assert_cmpfloat (shape.batch_tokens / (l.dp * l.m), <=, largest_any);
          g_assert_cmpfloat (utilization, <=, bound);
          g_assert_cmpfloat (utilization, <=, bound_any);
          n_fit++;
        }
    }
  g_test_message ("%u layouts fit in time", n_fit);
  g_assert_cmpuint (n_fit, >, 100);
}

/* Today's practice against the paper's bound, by hand. Four layers,
 * d = 1000, dp 2 × pp 2, m = 4 microbatches of b = 1000 tokens; memory so
 * fast that every matmul is compute-bound, no tensor parallelism.
 * - Compute per layer and microbatch: 3 passes × 2 b · 12 d² FLOP at
 *   1e15 = 7.2e-5 s; a stage (2 layers) 1.44e-4 s; the step's body
 *   m × 1.44e-4 = 5.76e-4 s (the pipeline's sends hide, overlapped).
 * - The gradient all-reduce: 2 p · 24e6 parameters per GPU = 96 MB,
 *   both dp ranks in one domain: 96e6 · (1/2) / 1e11 = 4.8e-4 s. The
 *   paper hides it behind the body (5.76e-4 s): none shows. Practice
 *   hides it behind the last microbatch's backward pass only, 2/3 of
 *   1.44e-4 = 9.6e-5 s: 4.8e-4 − 9.6e-5 = 3.84e-4 s show.
 * - Latency: 8 kernels of 1 µs per layer, collectives free. The paper:
 *   once per step, L × 8e-6 = 3.2e-5 s. Practice: each of the
 *   m + pp − 1 = 5 passes of the 1F1B chain pays a stage's 2 layers,
 *   5 × 2 × 8e-6 = 8e-5 s. */
static void
test_overlap_practice (void)
{
  DmlParams params;
  DmlShape shape = { .flop = 1, .params = 48e6, .total_params = 48e6, .tokens = 1,
                     .layers = 4, .d_model = 1000, .batch_tokens = 8000, .steps = 1 };
  DmlLayout layout = { 2, 1, 1, 2, 1, 4 };
  DmlStepTime paper, practice;

  toy_hardware (&params);
  params.hbm_bandwidth = 1e18;
  params.overlap_communication = TRUE;
  params.kernel_latency = 1e-6;
  g_assert_cmpint (params.overlap, ==, DML_OVERLAP_PAPER);

  dml_layout_evaluate (&params, &shape, &layout, &paper);
  assert_close (paper.compute, 5.76e-4, 1e-9);
  g_assert_cmpfloat (paper.scaleup + paper.scaleout, ==, 0);
  assert_close (paper.latency, 3.2e-5, 1e-12);
  assert_close (paper.step, 5.76e-4 + 3.2e-5, 1e-6);

  params.overlap = DML_OVERLAP_PRACTICE;
  dml_layout_evaluate (&params, &shape, &layout, &practice);
  g_assert_cmpfloat (practice.compute, ==, paper.compute);
  assert_close (practice.scaleup, 3.84e-4, 1e-9);
  g_assert_cmpfloat (practice.scaleout, ==, 0);
  assert_close (practice.latency, 8e-5, 1e-12);
  assert_close (practice.step, 5.76e-4 + 3.84e-4 + 8e-5, 1e-6);

  /* One stage, one microbatch: the chain is one pass, the latency the
   * paper's; the last backward is the whole body's two thirds. */
  layout = (DmlLayout) { 2, 1, 1, 1, 1, 1 };
  dml_layout_evaluate (&params, &shape, &layout, &practice);
  params.overlap = DML_OVERLAP_PAPER;
  dml_layout_evaluate (&params, &shape, &layout, &paper);
  g_assert_cmpfloat (practice.latency, ==, paper.latency);
  assert_close (practice.latency, 4 * 8e-6, 1e-12);
}

/* The default is the paper's bound: a design that does not name the
 * overlap sweeps the paper's figure exactly as before the choice existed
 * (network onset 2.0e28, 80% mark 5.6e28, wall 5.6e31), and today's
 * practice moves those markers earlier. */
static void
test_overlap_default (void)
{
  g_autoptr(DmlDesign) design = NULL;
  g_autoptr(DmlSweep) paper = NULL, named = NULL, practice = NULL;
  g_autoptr(GError) error = NULL;
  DmlParams params;

  design = dml_design_new_shipped ("paper-baseline", &error);
  g_assert_no_error (error);
  dml_design_get_params (design, &params);
  g_assert_cmpint (params.overlap, ==, DML_OVERLAP_PAPER);
  paper = dml_sweep_new (&params, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (paper->summary.overlap, ==, DML_OVERLAP_PAPER);
  g_assert_cmpfloat (paper->summary.network_onset, ==, 1.9952623149688788e+28);
  g_assert_cmpfloat (paper->summary.max_at_80, ==, 5.62341325190349e+28);
  g_assert_cmpfloat (paper->summary.wall, ==, 5.623413251903491e+31);
  g_assert_cmpfloat (paper->summary.dram_onset, ==, 3.9810717055349695e+30);
  g_assert_cmpfloat (paper->summary.latency_onset, ==, 7.943282347242822e+29);

  /* Naming the default changes nothing, to the last bit. */
  g_object_set (design, "overlap", DML_OVERLAP_PAPER, NULL);
  dml_design_get_params (design, &params);
  named = dml_sweep_new (&params, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (named->n_points, ==, paper->n_points);
  for (guint i = 0; i < paper->n_points; i++)
    g_assert_cmpmem (&named->points[i], sizeof (DmlPoint), &paper->points[i], sizeof (DmlPoint));

  g_object_set (design, "overlap", DML_OVERLAP_PRACTICE, NULL);
  dml_design_get_params (design, &params);
  practice = dml_sweep_new (&params, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (practice->summary.overlap, ==, DML_OVERLAP_PRACTICE);
  g_assert_cmpfloat (practice->summary.network_onset, <, paper->summary.network_onset / 10);
  g_assert_cmpfloat (practice->summary.max_at_80, <, paper->summary.max_at_80);
  g_assert_cmpfloat (practice->summary.wall, <, paper->summary.wall);
  for (guint i = 0; i < paper->n_points; i++)
    if (practice->points[i].feasible)
      g_assert_cmpfloat (practice->points[i].utilization, <=, paper->points[i].utilization);
}

static void
test_feasibility_and_memory (void)
{
  g_autoptr(DmlSweep) sweep = NULL;
  DmlParams params;
  DmlPoint point;

  baseline (&params);
  params.sweep_from = 1e22;
  params.sweep_to = 1e33;
  params.per_decade = 4;
  sweep = dml_sweep_new (&params, NULL, NULL);

  for (guint i = 0; i < sweep->n_points; i++)
    {
      const DmlPoint *p = &sweep->points[i];

      if (!p->feasible)
        {
          g_assert_cmpint (p->regime, ==, DML_REGIME_INFEASIBLE);
          continue;
        }

      /* Finishes in time, fits in memory, parts add up, and utilization
       * is C over GPU-seconds at peak. */
      g_assert_cmpfloat (p->wall_clock, <=, dml_params_duration (&params) * (1 + 1e-9));
      g_assert_cmpfloat (p->time.memory, <=, params.hbm_capacity);
      assert_close (p->time.compute + p->time.dram + p->time.scaleup + p->time.scaleout +
                    p->time.latency + p->time.bubble, p->time.step, 1e-12);
      assert_close (p->utilization,
                    p->flop / (p->gpus * params.peak_flops * p->wall_clock), 1e-12);
      g_assert_cmpfloat (p->utilization, <=, params.max_utilization);
      assert_close (p->gpu_hours, p->gpus * p->wall_clock / 3600, 1e-12);
      assert_close (p->cost, p->gpu_hours * params.gpu_hour_cost, 1e-12);
    }

  /* 1e33 is past the wall. */
  g_assert_false (sweep->points[sweep->n_points - 1].feasible);

  /* Without tensor or pipeline parallelism every GPU holds all weights,
   * which 1 MB cannot. */
  params.hbm_capacity = 1e6;
  params.tensor = FALSE;
  params.pipeline = FALSE;
  dml_point_search (&params, 1e24, NULL, &point, NULL);
  g_assert_false (point.feasible);

  /* Without the memory check it runs, with more memory than exists. */
  params.enforce_memory = FALSE;
  dml_point_search (&params, 1e24, NULL, &point, NULL);
  g_assert_true (point.feasible);
  g_assert_cmpfloat (point.time.memory, >, params.hbm_capacity);

  /* 16 B per parameter on the smallest layout: a 3 GB GTX 580 needs the
   * weights of a 1e22-FLOP model spread over many GPUs. */
  baseline (&params);
  params.hbm_capacity = 3e9;
  dml_point_search (&params, 1e22, NULL, &point, NULL);
  g_assert_true (point.feasible);
  g_assert_cmpfloat (point.layout.tx * point.layout.ty * point.layout.pp, >=,
                     4 * point.shape.params / 3e9);
}

static void
test_mixture_of_experts (void)
{
  DmlParams params;
  DmlPoint dense, moe, no_ep;

  baseline (&params);
  dml_point_search (&params, 1e27, NULL, &dense, NULL);

  params.experts = 8;
  params.active_experts = 2;
  dml_point_search (&params, 1e27, NULL, &moe, NULL);
  g_assert_true (moe.feasible);

  /* Same active parameters; the FFN (8·d²·L) counts E/k = 4 times. */
  assert_close (moe.shape.params, dense.shape.params, 1e-12);
  assert_close (moe.shape.total_params,
                moe.shape.params + 3 * 8 * moe.shape.d_model * moe.shape.d_model * moe.shape.layers, 1e-9);

  /* On the dense run's layout (ep = 1), each GPU holds all 8 experts and
   * each sees a quarter of the tokens: same compute, more weight reads,
   * more memory. */
  {
    DmlLayout layout = dense.layout;
    DmlStepTime moe_time;

    dml_layout_evaluate (&params, &moe.shape, &layout, &moe_time);
    assert_close (moe_time.compute, dense.time.compute, 1e-9);
    g_assert_cmpfloat (moe_time.dram, >=, dense.time.dram);
    g_assert_cmpfloat (moe_time.step, >=, dense.time.step);
    g_assert_cmpfloat (moe_time.memory, >, dense.time.memory);
  }
  g_assert_cmpfloat (moe.layout.ep, <=, 8);
  g_assert_cmpfloat (fmod (moe.layout.dp, moe.layout.ep), ==, 0);

  /* Without expert parallelism, every GPU holds all experts. */
  params.expert = FALSE;
  dml_point_search (&params, 1e27, NULL, &no_ep, NULL);
  g_assert_cmpfloat (no_ep.layout.ep, ==, 1);
  g_assert_cmpfloat (no_ep.utilization, <=, moe.utilization + 1e-12);
}

static void
test_gpu_budget (void)
{
  g_autoptr(DmlSweep) open = NULL;
  g_autoptr(DmlSweep) capped = NULL;
  DmlParams params;
  gboolean saw_over_budget = FALSE;

  baseline (&params);
  params.sweep_from = 1e24;
  params.sweep_to = 1e30;
  params.per_decade = 5;
  open = dml_sweep_new (&params, NULL, NULL);

  params.max_gpus = 100000;
  capped = dml_sweep_new (&params, NULL, NULL);

  for (guint i = 0; i < capped->n_points; i++)
    {
      const DmlPoint *p = &capped->points[i];

      if (p->feasible)
        g_assert_cmpfloat (p->gpus, <=, 100000);
      else
        {
          /* Past the cluster's limit, but not past the wall. */
          g_assert_true (p->over_budget);
          g_assert_true (open->points[i].feasible);
          saw_over_budget = TRUE;
        }
    }

  g_assert_true (saw_over_budget);
  /* 1e5 H100 at 70% for 3 months is 3.8e27 FLOP at most. */
  g_assert_cmpfloat (capped->summary.wall, <, 3.8e27);
  /* Without the cap every point of this short sweep is feasible: the
   * wall lies beyond its end. */
  g_assert_true (isnan (open->summary.wall));
  g_assert_cmpfloat (capped->summary.wall, <, open->summary.wall_beyond);
}

/* The acceptance figures (docs/model.md) against the paper's H100 curve. */
static void
test_paper_reference (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "paper-h100-decades.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(DmlSweep) sweep = NULL;
  g_autoptr(GError) error = NULL;
  DmlParams params;
  guint checked = 0;
  double first_below_80 = NAN;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);

  baseline (&params);
  params.sweep_from = 1e24;
  params.sweep_to = 1e33;
  params.per_decade = 20;
  sweep = dml_sweep_new (&params, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      double flop, percent;
      char *end;

      if (lines[i][0] == '#' || !g_ascii_isdigit (lines[i][0]))
        continue;
      flop = g_ascii_strtod (lines[i], &end);
      percent = g_ascii_strtod (end + 1, NULL);
      if (flop < 1e25 || flop > 1e31 || fabs (log10 (flop) - round (log10 (flop))) > 1e-9)
        continue;

      for (guint j = 0; j < sweep->n_points; j++)
        if (fabs (sweep->points[j].flop / flop - 1) < 1e-6)
          {
            double ours = 100 * sweep->points[j].utilization * sweep->points[j].feasible;

            g_test_message ("%g: ours %.1f %%, paper %.1f %%", flop, ours, percent);
            g_assert_cmpfloat (fabs (ours - percent), <=, 7);
            checked++;
          }
    }
  g_assert_cmpuint (checked, ==, 7);

  for (guint j = 0; j < sweep->n_points && isnan (first_below_80); j++)
    if (sweep->points[j].utilization < 0.8 * sweep->summary.plateau_utilization)
      first_below_80 = sweep->points[j].flop;

  g_assert_cmpfloat (sweep->summary.plateau_utilization, >=, 0.68);
  g_assert_cmpfloat (sweep->summary.plateau_utilization, <=, 0.72);
  g_assert_cmpfloat (sweep->summary.wall, >=, 2e31);
  g_assert_cmpfloat (sweep->summary.wall, <=, 1e32);
  g_assert_cmpfloat (sweep->summary.max_at_80, >=, 2e28);
  g_assert_cmpfloat (sweep->summary.max_at_80, <=, 2e29);
  g_assert_cmpfloat (first_below_80, >=, 2e28);
  g_assert_cmpfloat (first_below_80, <=, 2e29);

  /* The regimes come in the paper's order: compute, then data movement,
   * then latency near the wall. */
  g_assert_cmpfloat (sweep->summary.network_onset, <, sweep->summary.latency_onset);
  g_assert_cmpfloat (sweep->summary.latency_onset, <, sweep->summary.wall);
}

/* docs/model.md: the model's ideal utilization must not fall below what real
 * runs measured at their scale. */
static void
test_real_runs (void)
{
  static const struct { const char *name; double flop; double mfu; } runs[] = {
    { "Llama 3 405B", 3.8e25, 0.41 },
    { "MegaScale 175B", 6 * 175e9 * 300e9, 0.552 },
    { "Megatron 1T (A100)", 6 * 1e12 * 450e9, 0.52 },
  };
  DmlParams params;

  baseline (&params);
  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      DmlPoint point;

      dml_point_search (&params, runs[i].flop, NULL, &point, NULL);
      g_test_message ("%s: model %.3f, measured %.3f", runs[i].name, point.utilization, runs[i].mfu);
      g_assert_cmpfloat (point.utilization, >=, runs[i].mfu);
    }
}

/* The shipped production runs: each with its source, the well-known ones
 * as published, and every one under the paper's ideal curve at its own
 * compute, which is what the chart shows. */
static void
test_production_runs (void)
{
  const DmlProductionRun *runs;
  guint n_runs, n_drawable = 0;
  gboolean seen_llama = FALSE, seen_gpt3 = FALSE;
  DmlParams params;

  baseline (&params);
  runs = dml_production_runs (&n_runs);
  g_assert_cmpuint (n_runs, ==, 62);
  for (guint i = 0; i < n_runs; i++)
    {
      const DmlProductionRun *run = &runs[i];

      g_assert_cmpstr (run->id, !=, "");
      g_assert_true (g_str_has_prefix (run->source, "Epoch AI"));
      g_assert_true (run->mfu > 0 && run->mfu < 1);
      g_assert_true (isnan (run->gpus) || run->gpus >= 1);
      if (g_str_equal (run->id, "llama-3-1-405b"))
        {
          seen_llama = TRUE;
          g_assert_cmpfloat (run->flop, ==, 3.8e25);
          g_assert_cmpfloat (run->gpus, ==, 16384);
          g_assert_cmpint (run->generation, ==, DML_GENERATION_H100);
          g_assert_cmpfloat_with_epsilon (run->mfu, 0.4042, 1e-9);
        }
      if (g_str_equal (run->id, "gpt-3-175b-davinci"))
        {
          seen_gpt3 = TRUE;
          g_assert_cmpfloat (run->flop, ==, 3.14e23);
          g_assert_cmpint (run->generation, ==, DML_GENERATION_V100);
        }
      if (isfinite (run->flop))
        {
          DmlPoint point;

          dml_point_search (&params, run->flop, NULL, &point, NULL);
          g_assert_cmpfloat (point.utilization, >, run->mfu);
          n_drawable++;
        }
    }
  g_assert_true (seen_llama && seen_gpt3);
  g_assert_cmpuint (n_drawable, ==, 58);
  g_assert_cmpstr (dml_generation_label (DML_GENERATION_TPU), ==, "TPU");
}

/* The timeline's arithmetic by hand: anchored at Llama 3.1 405B (3.8e25
 * FLOP, 2024.56) and growing 4.7×/year, 1e28 FLOP is ln(1e28/3.8e25) /
 * ln 4.7 = 5.5728 / 1.5476 = 3.601 years later, 2028.16: the paper's
 * "three years". Faster growth is sooner after the anchor and later
 * before it; the 90% range spans 4.0–5.2×/year from Llama 3.1 and from
 * Grok-3 (4.64e26, 2025-02-17 = 2025.1288): soonest from Grok-3 at 5.2,
 * ln(1e28/4.64e26) / ln 5.2 = 3.0705 / 1.6487 = 1.862 years after it,
 * 2026.99; latest from Llama 3.1 at 4.0, 5.5728 / 1.3863 = 4.020 years,
 * 2028.58. Growth outside its own interval is refused. */
static void
test_timeline (void)
{
  DmlParams params;
  DmlSummary summary = { .max_at_80 = 5.6e28, .dram_onset = NAN, .network_onset = 2e28,
                         .latency_onset = 1.4e31, .wall = 5.6e31, .wall_beyond = NAN };
  DmlDate dates[DML_N_DATES], past;
  g_autofree char *sentence = NULL;
  double grok = 2025 + 47 / 365.0;

  baseline (&params);
  g_assert_cmpfloat (params.growth, ==, 4.7);
  g_assert_cmpfloat (params.anchor_flop, ==, 3.8e25);
  g_assert_cmpuint (params.n_anchor_runs, ==, 1);
  g_assert_cmpfloat (params.anchor_runs[0].flop, ==, 4.64e26);
  g_assert_cmpfloat (params.anchor_runs[0].year, ==, dml_decimal_year ("2025-02-17"));

  dml_timeline_dates (&params, &summary, dates);
  g_assert_cmpfloat_with_epsilon (dates[DML_DATE_FRONTIER_1E28].year, 2024.56 + 5.572754 / 1.547563, 1e-5);
  g_assert_cmpfloat (dates[DML_DATE_FRONTIER_1E28].year, >=, 2027);
  g_assert_cmpfloat (dates[DML_DATE_FRONTIER_1E28].year, <, 2029);
  g_assert_cmpfloat_with_epsilon (dates[DML_DATE_FRONTIER_1E28].earliest, grok + 3.070457 / log (5.2), 1e-5);
  g_assert_cmpfloat_with_epsilon (dates[DML_DATE_FRONTIER_1E28].earliest, 2026.991, 1e-3);
  g_assert_cmpfloat_with_epsilon (dates[DML_DATE_FRONTIER_1E28].latest, 2024.56 + 5.572754 / log (4.0), 1e-5);
  g_assert_cmpfloat_with_epsilon (dates[DML_DATE_FRONTIER_1E28].latest, 2028.580, 1e-3);
  g_assert_true (isnan (dates[DML_DATE_DRAM_ONSET].year));
  g_assert_cmpfloat_with_epsilon (dml_timeline_flop (&params, dates[DML_DATE_WALL].year), 5.6e31, 5.6e31 * 1e-12);

  /* GPT-3's 3.14e23 lies before both anchors: faster growth puts it
   * later, latest from Llama 3.1 (2021.65; from Grok-3, 2020.70). */
  dml_timeline_date (&params, 3.14e23, &past);
  g_assert_cmpfloat_with_epsilon (past.latest, 2024.56 + log (3.14e23 / 3.8e25) / log (5.2), 1e-9);
  g_assert_cmpfloat (past.earliest, <, past.year);

  /* Without the other anchor, the growth interval alone, as before. */
  params.n_anchor_runs = 0;
  dml_timeline_date (&params, 1e28, &past);
  g_assert_cmpfloat_with_epsilon (past.earliest, 2024.56 + log (1e28 / 3.8e25) / log (5.2), 1e-9);
  g_assert_cmpfloat_with_epsilon (past.latest, 2024.56 + log (1e28 / 3.8e25) / log (4.0), 1e-9);
  params.n_anchor_runs = 1;

  /* The wall, 5.6e31: Grok-3 at 5.2, 2025.13 + ln(1.207e5) / 1.6487 =
   * 2032.23; Llama 3.1 at 4.0, 2024.56 + 14.203 / 1.3863 = 2034.81. */
  sentence = dml_timeline_sentence (&params, &summary);
  g_assert_cmpstr (sentence, ==, "At 4.7×/year, frontier runs fall below 80% of their plateau utilization in 2029 "
                                 "(90%: 2028–2029) and reach the wall in 2033 (2032–2034).");

  params.growth = 6;
  g_assert_false (dml_params_validate (&params, NULL));
}

/* The critical batch caps the batch law, by hand: 4e7 · (N / 4.05e11)^0.36
 * reaches 6e7 tokens at N = 4.05e11 · 1.5^(1/0.36) = 1.249e12, that is at
 * C = 6 · 20 · N² = 1.872e26 FLOP. Past it every step has 6e7 tokens, so
 * runs need more, shorter steps and the wall comes sooner. */
static void
test_batch_cap (void)
{
  DmlParams params;
  DmlShape shape;
  g_autoptr(DmlSweep) free_batch = NULL;
  g_autoptr(DmlSweep) capped = NULL;
  double n_cap = 4.05e11 * pow (1.5, 1 / 0.36), c_cap = 120 * n_cap * n_cap;

  baseline (&params);
  g_assert_cmpfloat (params.batch_tokens_max, ==, 0);
  free_batch = dml_sweep_new (&params, NULL, NULL);
  g_assert_true (isnan (free_batch->summary.batch_cap));

  params.batch_tokens_max = 6e7;
  g_assert_cmpfloat_with_epsilon (c_cap, 1.872e26, 0.001e26);
  dml_shape_compute (&params, c_cap * 0.99, &shape);
  g_assert_cmpfloat (shape.batch_tokens, <, 6e7);
  dml_shape_compute (&params, 1e28, &shape);
  g_assert_cmpfloat (shape.batch_tokens, ==, 6e7);
  g_assert_cmpfloat_with_epsilon (shape.steps, shape.tokens / 6e7, 1e-6 * shape.steps);

  capped = dml_sweep_new (&params, NULL, NULL);
  /* The first point of the sweep (20 a decade) at or past C_cap: 10^26.3. */
  g_assert_cmpfloat_with_epsilon (capped->summary.batch_cap, pow (10, 26.3), 1e20);
  g_assert_cmpfloat (capped->summary.wall, <, free_batch->summary.wall);
  g_assert_cmpfloat (capped->summary.max_at_80, <=, free_batch->summary.max_at_80);
  g_test_message ("wall %.3g → %.3g with a 6e7-token critical batch", free_batch->summary.wall, capped->summary.wall);
}

/* Power and energy by hand: 1024 GPUs of 700 W are 716.8 kW; at PUE 1.5
 * the site draws 1.0752 MW. Over the run's wall-clock time that is
 * 1.0752 MW × t, at $100 per MWh and 400 kg CO₂ per MWh. */
static void
test_energy (void)
{
  DmlParams params;
  DmlPoint point;
  DmlLayout layout = { 128, 8, 1, 1, 1, 1 };
  double mwh;

  baseline (&params);
  params.pue = 1.5;
  params.electricity_price = 100;
  params.carbon_intensity = 400;
  dml_point_from_layout (&params, 1e23, &layout, &point);

  g_assert_cmpfloat (point.gpus, ==, 1024);
  g_assert_cmpfloat_with_epsilon (point.power, 716800, 1e-6);
  g_assert_cmpfloat_with_epsilon (point.facility_power, 1075200, 1e-6);
  g_assert_cmpfloat (point.wall_clock, >, 86400);
  mwh = 1.0752 * point.wall_clock / 3600;
  g_assert_cmpfloat_with_epsilon (point.energy, mwh * 1e6, 1e-6 * mwh * 1e6);
  g_assert_cmpfloat_with_epsilon (point.energy_cost, 100 * mwh, 1e-9 * mwh);
  g_assert_cmpfloat_with_epsilon (point.emissions, 0.4 * mwh, 1e-9 * mwh);
  g_test_message ("%.0f h: %.1f MWh, $%.0f, %.1f t CO₂", point.wall_clock / 3600, mwh, point.energy_cost, point.emissions);

  params.pue = 0.9;
  g_assert_false (dml_params_validate (&params, NULL));
}

/* Several sites by hand. A site of 1 GW feeds 1e9 / (700 W × 1.2) =
 * 1 190 476 H100s. Sixteen data-parallel replicas on sites of eight GPUs
 * are two sites, which exchange the model's gradients, 2 (S − 1) / S of
 * them: 2 bytes × L × 12 d² over the link, here so slow (1 kB/s) that
 * the backward pass hides next to none of it; and two more site
 * latencies (2 log2 2 × 1 ms). */
static void
test_sites (void)
{
  DmlParams params;
  DmlPoint one, two;
  DmlLayout layout = { 16, 1, 1, 1, 1, 1 };
  double gradients, seconds;

  baseline (&params);
  g_assert_cmpfloat (dml_params_site_gpus (&params), ==, 0);
  params.site_power = 1e9;
  g_assert_cmpfloat (dml_params_site_gpus (&params), ==, 1190476);
  params.gpus_per_site = 1000;
  g_assert_cmpfloat (dml_params_site_gpus (&params), ==, 1000);
  params.max_sites = 3;
  g_assert_cmpfloat (dml_params_max_gpus (&params), ==, 3000);

  baseline (&params);
  dml_point_from_layout (&params, 1e21, &layout, &one);
  g_assert_cmpfloat (one.time.intersite, ==, 0);

  params.gpus_per_site = 8;
  params.intersite_bandwidth = 1e3;
  params.intersite_latency = 1e-3;
  dml_point_from_layout (&params, 1e21, &layout, &two);
  gradients = 2 * two.shape.layers * 12 * two.shape.d_model * two.shape.d_model;
  seconds = 2 * (2 - 1) / 2.0 * gradients / 1e3;
  /* All of it shows but the part the backward pass hides, which is less
   * than one step of the one-site run. */
  g_assert_cmpfloat (two.time.intersite, <=, seconds);
  g_assert_cmpfloat (two.time.intersite, >=, seconds - one.time.step);
  g_assert_cmpfloat_with_epsilon (two.time.latency - one.time.latency, 2e-3, 1e-12);
  g_assert_cmpfloat_with_epsilon (two.time.step, one.time.step + two.time.intersite + 2e-3, 1e-9 * two.time.step);
  g_assert_cmpfloat (two.time.intersite / two.time.step, >, 0.99);

  g_assert_cmpfloat (two.time.sites, ==, 2);
  g_assert_false (two.time.pipeline_across_sites);

  /* A pipeline of 16 stages on sites of 8: only the pipeline can cross,
   * two sites of 8 stages. Activations forward and their gradients back
   * cross the boundary, each of the two sites sending p d B bytes a step
   * (a middle one, with more sites, would send 2 p d B); the
   * stream hides behind the step's body (here no all-reduce: the step
   * less its latency), and filling and draining the pipeline crosses the
   * boundary once each way: 2 (S − 1) × 1 ms. */
  {
    DmlLayout deep = { 1, 1, 1, 16, 1, 16 };
    DmlPoint near, far;
    double body, stream;

    params.gpus_per_site = 0;
    dml_point_from_layout (&params, 1e21, &deep, &near);
    params.gpus_per_site = 8;
    dml_point_from_layout (&params, 1e21, &deep, &far);
    g_assert_true (far.time.pipeline_across_sites);
    g_assert_cmpfloat (far.time.sites, ==, 2);
    body = near.time.step - near.time.latency;
    stream = 2 * far.shape.d_model * far.shape.batch_tokens / 1e3;
    g_assert_cmpfloat_with_epsilon (far.time.intersite, stream - body, 1e-9 * stream);
    g_assert_cmpfloat_with_epsilon (far.time.latency - near.time.latency, 2e-3, 1e-12);
    g_assert_cmpfloat_with_epsilon (far.time.step, near.time.step + far.time.intersite + 2e-3, 1e-9 * far.time.step);

    /* Tensor 16 cannot be split across sites of 8: no layout. */
    deep = (DmlLayout) { 1, 16, 1, 1, 1, 1 };
    g_assert_false (dml_point_from_layout (&params, 1e21, &deep, &far));
    g_assert_cmpfloat (far.utilization, ==, 0);
  }

  /* The search splits a replica across sites only along its pipeline. */
  {
    DmlPoint wide;

    params.intersite_bandwidth = 1.25e12;
    dml_point_search (&params, 1e21, NULL, &wide, NULL);
    g_assert_true (wide.feasible);
    g_assert_cmpfloat (wide.layout.tx * wide.layout.ty, <=, 8);
    if (wide.layout.tx * wide.layout.ty * wide.layout.pp > 8)
      g_assert_true (wide.time.pipeline_across_sites);
  }
}

/* The smallest microbatch (issue 13, the GTX 580 question). A layout
 * whose replicas see fewer tokens per microbatch than the floor is no
 * layout, and the search keeps every point at or above it. Epoch's
 * answer for AlexNet's GPUs, about 10^26 FLOP at ≥ 80% in 3 months, is
 * reproduced within a decade only with the floor (docs/model.md), and the
 * paper baseline, which has none, is untouched. */
static void
test_microbatch_floor (void)
{
  DmlParams params;
  DmlShape shape;
  DmlLayout layout;
  g_autoptr(DmlDesign) gtx = NULL;
  g_autoptr(DmlSweep) with_floor = NULL;
  g_autoptr(DmlSweep) without = NULL;

  baseline (&params);
  g_assert_cmpfloat (params.microbatch_tokens_min, ==, 0);
  dml_shape_compute (&params, 1e24, &shape);
  /* B / (dp · m) = 8 × 10⁶ / (1000 × 4) = 2000 tokens. */
  shape.batch_tokens = 8e6;
  layout = (DmlLayout) { 1000, 1, 1, 4, 1, 4 };
  params.microbatch_tokens_min = 2000;
  g_assert_true (dml_layout_is_valid (&params, &shape, &layout));
  params.microbatch_tokens_min = 2001;
  g_assert_false (dml_layout_is_valid (&params, &shape, &layout));

  gtx = dml_design_new_shipped ("gtx-580-epoch", NULL);
  g_assert_nonnull (gtx);
  dml_design_get_params (gtx, &params);
  g_assert_cmpfloat (params.microbatch_tokens_min, ==, 1650);
  with_floor = dml_sweep_new (&params, NULL, NULL);
  for (guint i = 0; i < with_floor->n_points; i++)
    if (with_floor->points[i].feasible)
      g_assert_cmpfloat (with_floor->points[i].tokens_per_microbatch, >=, 1650);
  g_assert_cmpfloat (with_floor->summary.max_at_80, >=, 1e25);
  g_assert_cmpfloat (with_floor->summary.max_at_80, <=, 1e27);

  params.microbatch_tokens_min = 0;
  without = dml_sweep_new (&params, NULL, NULL);
  g_assert_cmpfloat (without->summary.max_at_80, >, 1e29);
  g_test_message ("GTX 580, 80%% of plateau: %.2g FLOP with a 1650-token floor, %.2g without",
                  with_floor->summary.max_at_80, without->summary.max_at_80);
}

/* The frontier run of a year, by hand. Off by default (the paper's
 * fixed hardware). On the roadmap, a year before B200's release
 * (2024-03-18) trains on the H100, one before V100's on the V100, and two
 * years after B200's on B200 hardware grown at each rate; durations grow
 * from the anchor year up to their cap. The sweep evaluates each compute
 * on its year's hardware. */
static void
test_roadmap (void)
{
  DmlParams params, year;
  const DmlPreset *b200 = dml_preset_lookup ("b200");
  double b200_year = 2024 + 77 / 366.0;
  g_autoptr(DmlSweep) sweep = NULL;

  g_assert_cmpfloat_with_epsilon (dml_decimal_year ("2024-07-23"), 2024 + 204 / 366.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (dml_decimal_year ("2023-01-01"), 2023, 1e-12);
  g_assert_true (isnan (dml_decimal_year ("2023-02-30")));
  g_assert_true (isnan (dml_decimal_year ("July 2024")));

  baseline (&params);
  g_assert_false (dml_roadmap_varies (&params));
  dml_roadmap_params_for_year (&params, 2030, &year);
  g_assert_true (dml_params_equal (&params, &year));

  params.hardware_roadmap = TRUE;
  g_assert_true (dml_roadmap_varies (&params));
  dml_roadmap_params_for_year (&params, 2023.5, &year);
  g_assert_cmpfloat (year.peak_flops, ==, 989e12);
  g_assert_cmpfloat (year.hbm_bandwidth, ==, 3.35e12);
  dml_roadmap_params_for_year (&params, 2010, &year);
  g_assert_cmpfloat (year.peak_flops, ==, 125e12);

  dml_roadmap_params_for_year (&params, b200_year + 2, &year);
  g_assert_cmpfloat_with_epsilon (year.peak_flops, b200->hardware.peak_flops * 1.54 * 1.54, 1e3);
  g_assert_cmpfloat_with_epsilon (year.hbm_bandwidth, b200->hardware.hbm_bandwidth * 1.38 * 1.38, 1e3);
  g_assert_cmpfloat_with_epsilon (year.hbm_capacity, b200->hardware.hbm_capacity * 1.19 * 1.19, 1e3);
  g_assert_cmpfloat_with_epsilon (year.scaleup_bandwidth, b200->hardware.scaleup_bandwidth * 1.23 * 1.23, 1e3);
  g_assert_cmpfloat_with_epsilon (year.scaleout_bandwidth, b200->hardware.scaleout_bandwidth * 1.3 * 1.3, 1e3);
  g_assert_cmpfloat (year.scaleup_domain, ==, 8);
  g_assert_cmpfloat (year.kernel_latency, ==, b200->hardware.kernel_latency);
  g_assert_cmpfloat (year.training_days, ==, params.training_days);

  params.hardware_roadmap = FALSE;
  params.duration_growth = 1.26;
  dml_roadmap_params_for_year (&params, params.anchor_year + 1, &year);
  g_assert_cmpfloat_with_epsilon (year.training_days, params.training_days * 1.26, 1e-9);
  dml_roadmap_params_for_year (&params, params.anchor_year + 10, &year);
  g_assert_cmpfloat (year.training_days, ==, 182.5);

  /* The sweep: each point as the run of its year, searched alone. */
  params.hardware_roadmap = TRUE;
  params.sweep_from = 1e24;
  params.sweep_to = 1e30;
  params.per_decade = 2;
  sweep = dml_sweep_new (&params, NULL, NULL);
  for (guint i = 0; i < sweep->n_points; i++)
    {
      DmlParams at;
      DmlPoint alone;
      double when = dml_timeline_year (&params, params.growth, sweep->points[i].flop);

      dml_roadmap_params_for_year (&params, when, &at);
      at.hardware_roadmap = FALSE;
      at.duration_growth = 1;
      dml_point_search (&at, sweep->points[i].flop, NULL, &alone, NULL);
      g_assert_cmpfloat_with_epsilon (sweep->points[i].utilization, alone.utilization, 1e-9);
    }
}

/* A short sweep keeps the sampled tests quick. */
static void
short_baseline (DmlParams *params)
{
  baseline (params);
  params->sweep_from = 1e25;
  params->sweep_to = 1e32;
  params->per_decade = 4;
}

static gboolean
percentiles_equal (const DmlPercentiles *a,
                   const DmlPercentiles *b)
{
  /* memcmp, so that NAN and INFINITY compare too. */
  return memcmp (a, b, sizeof *a) == 0;
}

static gboolean
uncertainty_equal (const DmlUncertainty *a,
                   const DmlUncertainty *b)
{
  if (a->n_points != b->n_points || !percentiles_equal (&a->plateau, &b->plateau))
    return FALSE;
  for (guint i = 0; i < a->n_points; i++)
    if (!percentiles_equal (&a->utilization[i], &b->utilization[i]))
      return FALSE;
  for (guint k = 0; k < DML_N_DATES; k++)
    if (!percentiles_equal (&a->marker[k], &b->marker[k]) || !percentiles_equal (&a->year[k], &b->year[k]))
      return FALSE;
  return TRUE;
}

/* The same seed gives the same result on one thread or two; another seed
 * gives another. Each sample's inputs lie within their ranges. */
static void
test_uncertainty_deterministic (void)
{
  DmlParams params, sample;
  g_autoptr(DmlUncertainty) one = NULL;
  g_autoptr(DmlUncertainty) two = NULL;
  g_autoptr(DmlUncertainty) other = NULL;
  const DmlField *fields;
  guint n_fields;
  int progress = 0;

  short_baseline (&params);
  g_assert_cmpuint (params.n_ranges, ==, 11);
  one = dml_uncertainty_new (&params, 24, 42, 1, NULL, &progress, NULL);
  two = dml_uncertainty_new (&params, 24, 42, 2, NULL, NULL, NULL);
  other = dml_uncertainty_new (&params, 24, 43, 2, NULL, NULL, NULL);
  g_assert_cmpint (progress, ==, 24);
  g_assert_true (uncertainty_equal (one, two));
  g_assert_false (uncertainty_equal (one, other));
  /* The bands are ordered, and they have width. */
  g_assert_cmpfloat (one->plateau.p10, <, one->plateau.p90);
  for (guint i = 0; i < one->n_points; i++)
    {
      g_assert_cmpfloat (one->utilization[i].p10, <=, one->utilization[i].p50);
      g_assert_cmpfloat (one->utilization[i].p50, <=, one->utilization[i].p90);
    }

  fields = dml_fields (&n_fields);
  for (guint s = 0; s < 50; s++)
    {
      dml_uncertainty_sample (&params, 7, s, &sample);
      g_assert_true (dml_params_validate (&sample, NULL));
      for (guint r = 0; r < params.n_ranges; r++)
        {
          double value = dml_field_get (&fields[params.ranges[r].field], &sample);

          g_assert_cmpfloat (value, >=, params.ranges[r].low);
          g_assert_cmpfloat (value, <=, params.ranges[r].high);
        }
    }
}

/* Every range collapsed to its point, and the growth interval too:
 * P10 = P50 = P90 = the point result, at each point and each marker. */
static void
test_uncertainty_collapsed (void)
{
  DmlParams params;
  const DmlField *fields;
  guint n_fields;
  g_autoptr(DmlUncertainty) u = NULL;
  g_autoptr(DmlSweep) sweep = NULL;
  DmlDate dates[DML_N_DATES];

  short_baseline (&params);
  fields = dml_fields (&n_fields);
  for (guint r = 0; r < params.n_ranges; r++)
    params.ranges[r].low = params.ranges[r].high = dml_field_get (&fields[params.ranges[r].field], &params);
  params.growth_low = params.growth_high = params.growth;
  params.n_anchor_runs = 0;

  u = dml_uncertainty_new (&params, 16, 1, 2, NULL, NULL, NULL);
  sweep = dml_sweep_new (&params, NULL, NULL);
  g_assert_cmpuint (u->n_points, ==, sweep->n_points);
  for (guint i = 0; i < u->n_points; i++)
    {
      double point = sweep->points[i].feasible ? sweep->points[i].utilization : 0;

      g_assert_cmpfloat (u->flop[i], ==, sweep->points[i].flop);
      g_assert_cmpfloat (u->utilization[i].p10, ==, point);
      g_assert_cmpfloat (u->utilization[i].p50, ==, point);
      g_assert_cmpfloat (u->utilization[i].p90, ==, point);
    }
  g_assert_cmpfloat (u->plateau.p50, ==, sweep->summary.plateau_utilization);

  dml_timeline_dates (&params, &sweep->summary, dates);
  for (guint k = 0; k < DML_N_DATES; k++)
    {
      double flop = isfinite (dates[k].flop) ? dates[k].flop : INFINITY;
      double year = isfinite (dates[k].flop) ? dates[k].year : INFINITY;

      g_assert_cmpfloat (u->marker[k].p10, ==, flop);
      g_assert_cmpfloat (u->marker[k].p90, ==, flop);
      g_assert_cmpfloat (u->year[k].p10, ==, year);
      g_assert_cmpfloat (u->year[k].p90, ==, year);
    }
}

/* With the shipped ranges, the plateau's median stays within one point of
 * the point estimate (u_max is drawn symmetrically around it). */
static void
test_uncertainty_plateau (void)
{
  DmlParams params;
  g_autoptr(DmlUncertainty) u = NULL;
  g_autoptr(DmlSweep) sweep = NULL;

  short_baseline (&params);
  u = dml_uncertainty_new (&params, 200, 1, 0, NULL, NULL, NULL);
  sweep = dml_sweep_new (&params, NULL, NULL);
  g_test_message ("plateau P10 %.4f P50 %.4f P90 %.4f, point %.4f", u->plateau.p10, u->plateau.p50,
                  u->plateau.p90, sweep->summary.plateau_utilization);
  g_assert_cmpfloat (fabs (u->plateau.p50 - sweep->summary.plateau_utilization), <=, 0.01);
}

/* Issue 19, item 6. The year the frontier reaches 1e28 FLOP: Grok-3 as
 * anchor puts it in 2027.1 (2025.1288 + 3.0704 / ln 4.7), Epoch's
 * 4×/year trend from Llama 3.1 405B in 2028.6 (2024.56 + 5.5728 / ln 4);
 * the timeline's 90% range holds both, and the samples' P10 reaches the
 * first. The latencies move by one factor; the reference batch's range
 * holds Llama 3.1's 16M tokens; the roadmap's rates span Epoch's
 * regressions (1.35×, 1.18×) to the flagship ratios (1.54×, 1.38×). */
static void
test_uncertainty_where_it_matters (void)
{
  DmlParams params, sample;
  DmlSummary summary = { .max_at_80 = NAN, .dram_onset = NAN, .network_onset = NAN,
                         .latency_onset = NAN, .wall = NAN, .wall_beyond = NAN };
  DmlDate dates[DML_N_DATES];
  g_autoptr(DmlUncertainty) u = NULL;
  double grok_47 = 2025 + 47 / 365.0 + log (1e28 / 4.64e26) / log (4.7);
  double llama_40 = 2024.56 + log (1e28 / 3.8e25) / log (4.0);
  const char *latencies[] = { "kernel-latency", "collective-base-latency", "scaleup-hop-latency",
                              "scaleout-hop-latency" };
  guint from_grok = 0;

  short_baseline (&params);
  g_assert_cmpfloat_with_epsilon (grok_47, 2027.1, 0.05);
  g_assert_cmpfloat_with_epsilon (llama_40, 2028.6, 0.05);
  dml_timeline_dates (&params, &summary, dates);
  g_test_message ("1e28: %.2f (90%%: %.2f–%.2f)", dates[DML_DATE_FRONTIER_1E28].year,
                  dates[DML_DATE_FRONTIER_1E28].earliest, dates[DML_DATE_FRONTIER_1E28].latest);
  g_assert_cmpfloat (dates[DML_DATE_FRONTIER_1E28].earliest, <=, grok_47);
  g_assert_cmpfloat (dates[DML_DATE_FRONTIER_1E28].latest, >=, llama_40);

  u = dml_uncertainty_new (&params, 400, 1, 0, NULL, NULL, NULL);
  g_test_message ("1e28 sampled: P10 %.2f P50 %.2f P90 %.2f", u->year[DML_DATE_FRONTIER_1E28].p10,
                  u->year[DML_DATE_FRONTIER_1E28].p50, u->year[DML_DATE_FRONTIER_1E28].p90);
  g_assert_cmpfloat (u->year[DML_DATE_FRONTIER_1E28].p10, <=, grok_47);
  g_assert_cmpfloat (u->year[DML_DATE_FRONTIER_1E28].p90, >=, 2028.3);

  for (guint s = 0; s < 200; s++)
    {
      double factor;

      dml_uncertainty_sample (&params, 3, s, &sample);
      /* One factor for the four latencies. */
      factor = sample.kernel_latency / params.kernel_latency;
      g_assert_cmpfloat (factor, >=, 0.5);
      g_assert_cmpfloat (factor, <=, 2);
      for (guint l = 1; l < G_N_ELEMENTS (latencies); l++)
        {
          const DmlField *field = dml_field_lookup (latencies[l]);

          g_assert_cmpfloat_with_epsilon (dml_field_get (field, &sample) / dml_field_get (field, &params), factor,
                                          factor * 1e-12);
        }
      /* The anchor is one run or the other, compute and date together. */
      g_assert_cmpuint (sample.n_anchor_runs, ==, 0);
      if (sample.anchor_flop == 4.64e26)
        {
          g_assert_cmpfloat (sample.anchor_year, ==, params.anchor_runs[0].year);
          from_grok++;
        }
      else
        {
          g_assert_cmpfloat (sample.anchor_flop, ==, 3.8e25);
          g_assert_cmpfloat (sample.anchor_year, ==, 2024.56);
        }
    }
  g_assert_cmpuint (from_grok, >, 70);
  g_assert_cmpuint (from_grok, <, 130);

  for (guint r = 0; r < params.n_ranges; r++)
    {
      const DmlRange *range = &params.ranges[r];
      guint n_fields;
      const DmlField *field = &dml_fields (&n_fields)[range->field];

      if (g_str_equal (field->property, "batch-tokens-reference"))
        {
          g_assert_cmpfloat (range->low, <, 16e6);
          g_assert_cmpfloat (range->high, >, 40e6);
        }
      if (g_str_equal (field->property, "flops-growth"))
        {
          g_assert_cmpfloat_with_epsilon (range->low, pow (2, 1 / 2.3), 0.005);
          g_assert_cmpfloat (range->high, ==, 1.54);
        }
      if (g_str_equal (field->property, "hbm-bandwidth-growth"))
        {
          g_assert_cmpfloat_with_epsilon (range->low, pow (2, 1 / 4.1), 0.005);
          g_assert_cmpfloat (range->high, ==, 1.38);
        }
    }
}

/* Percentiles by hand: 1..10 gives P10 1.9, P50 5.5, P90 9.1. */
static void
test_percentiles (void)
{
  double values[10] = { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 };
  double with_infinity[3] = { INFINITY, 1, INFINITY };
  DmlPercentiles p;

  dml_percentiles_compute (values, 10, &p);
  g_assert_cmpfloat_with_epsilon (p.p10, 1.9, 1e-12);
  g_assert_cmpfloat_with_epsilon (p.p50, 5.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (p.p90, 9.1, 1e-12);

  dml_percentiles_compute (with_infinity, 3, &p);
  g_assert_cmpfloat (p.p10, >, 1);
  g_assert_true (isinf (p.p50));
  g_assert_true (isinf (p.p90));
}

static void
test_summary_markers (void)
{
  DmlParams params;
  DmlPoint points[6] = { 0 };
  DmlSummary summary;
  /* utilization, dram, network, latency (step = 1 s each). A decade
   * apart, each point's band is its own: an excess takes u_max × share
   * points from the plateau (u_max = 0.70), and the largest names the
   * band once it takes at least 5. */
  static const double rows[6][4] = {
    { 0.70, 0, 0, 0 },
    { 0.66, 0.06, 0, 0 },      /* DRAM 0.70 × 0.06 = 4.2 points: below 5 */
    { 0.60, 0.10, 0.04, 0 },   /* DRAM 7 points, network 2.8: DRAM onset */
    { 0.50, 0.05, 0.20, 0.04 },/* network 14 points: network onset */
    { 0.30, 0.00, 0.20, 0.50 },/* latency 35 points: onset; last feasible */
    { 0, 0, 0, 0 },            /* infeasible */
  };

  baseline (&params);
  for (guint i = 0; i < 6; i++)
    {
      points[i].flop = pow (10, 25 + i);
      points[i].feasible = i < 5;
      points[i].utilization = rows[i][0];
      points[i].time.step = 1;
      points[i].time.dram = rows[i][1];
      points[i].time.scaleout = rows[i][2];
      points[i].time.latency = rows[i][3];
    }

  dml_points_classify_bands (&params, points, 6);
  g_assert_cmpint (points[1].band, ==, DML_REGIME_COMPUTE);
  g_assert_cmpint (points[2].band, ==, DML_REGIME_DRAM);
  g_assert_cmpint (points[5].band, ==, DML_REGIME_INFEASIBLE);
  dml_summary_compute (&params, points, 6, &summary);
  g_assert_cmpfloat (summary.plateau_utilization, ==, 0.70);
  g_assert_cmpfloat (summary.dram_onset, ==, 1e27);
  g_assert_cmpfloat (summary.network_onset, ==, 1e28);
  g_assert_cmpfloat (summary.latency_onset, ==, 1e29);
  g_assert_cmpfloat (summary.wall, ==, 1e29);
  g_assert_cmpfloat (summary.max_at_80, ==, 1e27); /* 0.60 ≥ 0.56 > 0.50 */

  g_assert_true (isnan (summary.wall_beyond));

  /* A larger threshold moves the DRAM onset past the sweep. */
  params.onset_threshold = 0.10;
  dml_points_classify_bands (&params, points, 6);
  dml_summary_compute (&params, points, 6, &summary);
  g_assert_true (isnan (summary.dram_onset));

  /* Feasible to the end: the wall lies beyond the sweep, not at its end. */
  points[5].feasible = TRUE;
  points[5].utilization = 0.08;
  dml_points_classify_bands (&params, points, 6);
  dml_summary_compute (&params, points, 6, &summary);
  g_assert_true (isnan (summary.wall));
  g_assert_cmpfloat (summary.wall_beyond, ==, 1e30);
  {
    g_autofree char *text = dml_report_summary_text (&summary);
    g_autofree char *json = dml_report_summary_json (&summary);

    g_assert_nonnull (strstr (text, "beyond 10³⁰ FLOP"));
    g_assert_nonnull (strstr (json, "\"wall_flop\": null"));
    g_assert_nonnull (strstr (json, "\"wall_beyond_flop\": 1e+30"));
  }
}

/* The band averages over ±0.25 decade: at 20 points a decade, a DRAM
 * spike at one point (a layout change) does not colour the chart, and
 * the network onset is where the average reaches 5 points. */
static void
test_bands_smooth (void)
{
  DmlParams params;
  DmlPoint points[41] = { 0 };
  DmlSummary summary;

  baseline (&params);
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      points[i].flop = pow (10, 25 + 0.05 * i);
      points[i].feasible = TRUE;
      points[i].utilization = 0.6;
      points[i].time.step = 1;
      points[i].time.dram = i == 10 ? 0.5 : 0;
      points[i].time.scaleout = i >= 20 ? 0.1 : 0;
    }

  dml_points_classify_bands (&params, points, G_N_ELEMENTS (points));
  dml_summary_compute (&params, points, G_N_ELEMENTS (points), &summary);

  /* At 10, DRAM averages 0.5 / 11 of the step: 0.70 × 0.045 = 3.2 points. */
  g_assert_cmpint (points[10].band, ==, DML_REGIME_COMPUTE);
  g_assert_true (isnan (summary.dram_onset));
  /* At 21, 7 of the 11 points in reach have 0.1 of network: 4.5 points;
   * at 22, 8 of 11: 0.70 × 0.0727 = 5.1 points. */
  g_assert_cmpint (points[21].band, ==, DML_REGIME_COMPUTE);
  g_assert_cmpint (points[22].band, ==, DML_REGIME_NETWORK);
  g_assert_cmpfloat_with_epsilon (summary.network_onset, pow (10, 26.1), 1e20);
}

/* Markers do not depend on how densely the sweep samples: on every shipped
 * design, each onset, the wall and the 80% mark move by at most 0.05
 * decade between 20, 80 and 320 points a decade. */
static void
test_markers_density (void)
{
  g_auto(GStrv) ids = dml_design_list_shipped ();
  static const double densities[] = { 20, 80, 320 };
  for (guint d = 0; ids[d] != NULL; d++)
    {
      g_autoptr(DmlDesign) design = dml_design_new_shipped (ids[d], NULL);
      DmlSummary summaries[G_N_ELEMENTS (densities)];
      DmlParams params;

      dml_design_get_params (design, &params);
      for (guint k = 0; k < G_N_ELEMENTS (densities); k++)
        {
          g_autoptr(DmlSweep) sweep = NULL;

          params.per_decade = densities[k];
          sweep = dml_sweep_new (&params, NULL, NULL);
          summaries[k] = sweep->summary;
        }

      for (guint k = 1; k < G_N_ELEMENTS (densities); k++)
        {
          const double a[] = { summaries[0].dram_onset, summaries[0].network_onset, summaries[0].latency_onset,
                               summaries[0].wall, summaries[0].max_at_80 };
          const double b[] = { summaries[k].dram_onset, summaries[k].network_onset, summaries[k].latency_onset,
                               summaries[k].wall, summaries[k].max_at_80 };

          for (guint f = 0; f < G_N_ELEMENTS (a); f++)
            {
              g_test_message ("%s, figure %u at %.0f/decade: %.3f against %.3f", ids[d], f, densities[k],
                              log10 (b[f]), log10 (a[f]));
              g_assert_cmpint (isfinite (a[f]), ==, isfinite (b[f]));
              if (isfinite (a[f]))
                g_assert_cmpfloat (fabs (log10 (a[f] / b[f])), <=, 0.05);
            }
        }
    }
}

static void
test_cancellation (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  DmlParams params;
  DmlSweep *sweep;

  baseline (&params);
  g_cancellable_cancel (cancellable);
  sweep = dml_sweep_new (&params, cancellable, &error);
  g_assert_null (sweep);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_invalid_params (void)
{
  g_autoptr(GError) error = NULL;
  DmlParams params;

  baseline (&params);
  params.hbm_bandwidth = NAN;
  g_assert_null (dml_sweep_new (&params, NULL, &error));
  g_assert_error (error, DML_ERROR, DML_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "hardware.hbm_bandwidth"));
}

/* Every search ends: the batch law that once sent the dp bisection into
 * an endless loop (dp past 2^53), and a design at the edges of the
 * ranges (65,536 experts, overlapped communication) on which the pruning
 * has little to cut. The second stops at the work bound, says so, and
 * keeps the best layout it found. (The design this test used before,
 * with 748 experts and 22 MB/s of memory bandwidth, now settles in a few
 * hundred layouts a point: its weight reads rule out most families
 * before their first evaluation.) */
static void
test_search_ends (void)
{
  DmlParams params;
  DmlPoint point;
  guint64 evaluated = 0;

  baseline (&params);
  params.batch_tokens_reference = 1e15;
  params.batch_parameters_reference = 1;
  params.batch_exponent = 1;
  dml_point_search (&params, 1e28, NULL, &point, &evaluated);
  g_assert_false (point.feasible);
  g_assert_false (point.search_truncated);
  g_assert_cmpuint (evaluated, <=, DML_SEARCH_MAX_EVALUATIONS);

  baseline (&params);
  params.peak_flops = 19622726603230.516;
  params.hbm_bandwidth = 1e12;
  params.scaleout_bandwidth = 1e18;
  params.scaleup_hop_latency = 0.779782422349027;
  params.tokens_per_parameter = 1e-6;
  params.batch_exponent = 0.6638891437053501;
  params.experts = 65536;
  params.active_experts = 2;
  params.pipeline_bubble = 0.375548459238513;
  params.overlap_communication = TRUE;
  g_assert_true (dml_params_validate (&params, NULL));

  evaluated = 0;
  dml_point_search (&params, 1e28, NULL, &point, &evaluated);
  g_assert_true (point.search_truncated);
  g_assert_true (point.feasible);
  g_assert_cmpfloat (point.utilization, >, 0);
  /* A family's bisection may finish the step it began. */
  g_assert_cmpuint (evaluated, <=, DML_SEARCH_MAX_EVALUATIONS + 2);

  /* The summary counts such points; the paper baseline has none. */
  params.sweep_from = 1e27;
  params.sweep_to = 1e29;
  params.per_decade = 2;
  {
    g_autoptr(DmlSweep) sweep = dml_sweep_new (&params, NULL, NULL);
    g_autoptr(DmlSweep) paper = NULL;
    guint truncated = 0;

    /* All 5 points hit the bound; the summary counts them. */
    for (guint i = 0; i < sweep->n_points; i++)
      truncated += sweep->points[i].search_truncated;
    g_assert_cmpuint (truncated, >, 0);
    g_assert_cmpuint (sweep->summary.truncated_points, ==, truncated);
    baseline (&params);
    paper = dml_sweep_new (&params, NULL, NULL);
    g_assert_cmpuint (paper->summary.truncated_points, ==, 0);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/shape-laws", test_shape_laws);
  g_test_add_func ("/model/roofline", test_roofline);
  g_test_add_func ("/model/tensor-traffic", test_tensor_traffic);
  g_test_add_func ("/model/collective-latency", test_collective_latency);
  g_test_add_func ("/model/search-brute-force", test_search_brute_force);
  g_test_add_func ("/model/search-brute-force-random", test_search_brute_force_random);
  g_test_add_func ("/model/search-floors", test_search_floors);
  g_test_add_func ("/model/overlap-practice", test_overlap_practice);
  g_test_add_func ("/model/overlap-default", test_overlap_default);
  g_test_add_func ("/model/feasibility-memory", test_feasibility_and_memory);
  g_test_add_func ("/model/mixture-of-experts", test_mixture_of_experts);
  g_test_add_func ("/model/gpu-budget", test_gpu_budget);
  g_test_add_func ("/model/paper-reference", test_paper_reference);
  g_test_add_func ("/model/real-runs", test_real_runs);
  g_test_add_func ("/model/production-runs", test_production_runs);
  g_test_add_func ("/model/timeline", test_timeline);
  g_test_add_func ("/model/batch-cap", test_batch_cap);
  g_test_add_func ("/model/energy", test_energy);
  g_test_add_func ("/model/sites", test_sites);
  g_test_add_func ("/model/microbatch-floor", test_microbatch_floor);
  g_test_add_func ("/model/roadmap", test_roadmap);
  g_test_add_func ("/model/percentiles", test_percentiles);
  g_test_add_func ("/model/uncertainty-deterministic", test_uncertainty_deterministic);
  g_test_add_func ("/model/uncertainty-where-it-matters", test_uncertainty_where_it_matters);
  g_test_add_func ("/model/uncertainty-collapsed", test_uncertainty_collapsed);
  g_test_add_func ("/model/uncertainty-plateau", test_uncertainty_plateau);
  g_test_add_func ("/model/summary-markers", test_summary_markers);
  g_test_add_func ("/model/bands-smooth", test_bands_smooth);
  g_test_add_func ("/model/markers-density", test_markers_density);
  g_test_add_func ("/model/cancellation", test_cancellation);
  g_test_add_func ("/model/invalid-params", test_invalid_params);
  g_test_add_func ("/model/search-ends", test_search_ends);

  return g_test_run ();
}
