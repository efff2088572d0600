/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Goodput under interruptions (docs/model.md, "Goodput"): Daly's
 * checkpoint interval and expected wall time by hand, the edges, Llama
 * 3 405B on 16,384 H100, the sweep that applies it, and the
 * reliability-bound regime. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "dml-calibration.h"
#include "dml-design.h"
#include "dml-engine.h"
#include "dml-engine-private.h"
#include "dml-goodput.h"
#include "dml-model-preset.h"
#include "dml-output.h"
#include "dml-preset.h"
#include "dml-report.h"
#include "dml-run.h"
#include "dml-run-output.h"

/* M = 10,000 s, δ = 50 s, R = 100 s, by hand:
 *   δ/2M = 0.0025, √ = 0.05;
 *   τ = √(2 · 50 · 10⁴) (1 + 0.05/3 + 0.0025/9) − 50
 *     = 1000 × 1.0169444 − 50 = 966.944 s (Daly 2006);
 *   goodput = τ e^{−R/M} / (M (e^{(τ+δ)/M} − 1))
 *           = 966.944 × 0.990050 / (10⁴ × (e^{0.1016944} − 1))
 *           = 957.323 / (10⁴ × 0.1070452) = 0.89432.
 * First order, 1 − δ/τ − (τ/2 + R)/M = 1 − 0.05171 − 0.05835 = 0.88994:
 * Daly's complete model differs from it in the third digit. */
static void
test_hand (void)
{
  double tau = dml_goodput_interval (10000, 50);
  double g = dml_goodput_of (10000, tau, 50, 100);

  g_assert_cmpfloat_with_epsilon (tau, 966.944, 1e-3);
  g_assert_cmpfloat_with_epsilon (g, 0.89432, 1e-5);
  g_assert_cmpfloat (fabs (g - (1 - 50 / tau - (tau / 2 + 100) / 10000)), <, 0.005);

  /* Young's interval (1974) is the first term: within 2% where δ ≪ M. */
  g_assert_cmpfloat (fabs (dml_goodput_interval (1e7, 10) / sqrt (2 * 10 * 1e7) - 1), <, 0.02);
  /* Daly's examples (his figures 3–5: δ = 5 min, M = 24 h, 6 h and
   * 15 min): τ = 117, 57 and 9.1 min. */
  g_assert_cmpfloat (fabs (dml_goodput_interval (24 * 60, 5) - 117), <, 0.5);
  g_assert_cmpfloat (fabs (dml_goodput_interval (6 * 60, 5) - 57), <, 0.5);
  g_assert_cmpfloat (fabs (dml_goodput_interval (15, 5) - 9.1), <, 0.05);
  /* δ ≥ 2M: τ = M. */
  g_assert_cmpfloat (dml_goodput_interval (10, 30), ==, 10);
}

/* From the design's inputs: M = 1 / (rate × GPUs), in seconds. */
static void
test_compute (void)
{
  DmlParams params;
  DmlGoodput g;

  dml_params_init_baseline (&params);
  params.interruptions_per_gpu_day = 1e-3;
  params.checkpoint_write_time = 50;
  params.restart_time = 100;
  /* 8,640 GPUs at 10⁻³ a GPU-day: 8.64 a day, one every 10,000 s. */
  dml_goodput_compute (&params, 8640, &g);
  g_assert_cmpfloat_with_epsilon (g.mtbi, 10000, 1e-9);
  g_assert_cmpfloat_with_epsilon (g.interval, 966.944, 1e-3);
  g_assert_cmpfloat_with_epsilon (g.goodput, 0.89432, 1e-5);

  /* An interval given is used as it is; 0 takes Daly's. */
  params.checkpoint_interval = 3600;
  dml_goodput_compute (&params, 8640, &g);
  g_assert_cmpfloat (g.interval, ==, 3600);
  g_assert_cmpfloat (g.goodput, <, 0.89432);
}

/* Where M is short, goodput tends to 0, never below, never NaN; with no
 * interruptions it is 1, or τ / (τ + δ) with an interval given. */
static void
test_edges (void)
{
  DmlParams params;
  DmlGoodput g;
  double last = 1;

  dml_params_init_baseline (&params);
  for (double gpus = 1; gpus <= 1e15; gpus *= 10)
    {
      dml_goodput_compute (&params, gpus, &g);
      g_assert_true (isfinite (g.goodput));
      g_assert_cmpfloat (g.goodput, >=, 0);
      g_assert_cmpfloat (g.goodput, <=, last);
      last = g.goodput;
    }
  g_assert_cmpfloat (last, ==, 0);
  g_assert_cmpfloat (dml_goodput_of (1e-300, 1e-300, 33, 180), ==, 0);
  g_assert_cmpfloat (dml_goodput_of (0, 10, 33, 180), ==, 0);
  /* δ = 0: checkpoints written continuously, only restarts cost. */
  g_assert_cmpfloat_with_epsilon (dml_goodput_of (1000, dml_goodput_interval (1000, 0), 0, 100), exp (-0.1), 1e-12);

  params.interruptions_per_gpu_day = 0;
  dml_goodput_compute (&params, 1e6, &g);
  g_assert_cmpfloat (g.goodput, ==, 1);
  g_assert_true (isinf (g.mtbi));
  params.checkpoint_interval = 3600;
  dml_goodput_compute (&params, 1e6, &g);
  g_assert_cmpfloat_with_epsilon (g.goodput, 3600 / (3600 + params.checkpoint_write_time), 1e-12);
}

/* GPUs × goodput peaks where dml_goodput_best_gpus () says. */
static void
test_best_gpus (void)
{
  DmlParams params;
  DmlGoodput at, below, above;
  double n;

  dml_params_init_baseline (&params);
  n = dml_goodput_best_gpus (&params);
  dml_goodput_compute (&params, n, &at);
  dml_goodput_compute (&params, n / 1.05, &below);
  dml_goodput_compute (&params, n * 1.05, &above);
  g_test_message ("GPUs × goodput peaks at %.0f GPUs, goodput %.3f", n, at.goodput);
  g_assert_cmpfloat (n * at.goodput, >, n / 1.05 * below.goodput);
  g_assert_cmpfloat (n * at.goodput, >, n * 1.05 * above.goodput);

  params.interruptions_per_gpu_day = 0;
  g_assert_true (isinf (dml_goodput_best_gpus (&params)));
}

/* Llama 3 405B on 16,384 H100 with the defaults: its 419 interruptions
 * in 54 days, one every 3.09 h, leave ≥ 90% (the paper reports more
 * than 90% effective training time, §3.3.4). */
static void
test_llama3 (void)
{
  DmlRun run;
  DmlParams hw;
  DmlRunEfficiency e;
  DmlRunResult r;
  g_autoptr(GError) error = NULL;

  dml_run_init (&run);
  dml_model_preset_apply (dml_model_preset_lookup ("llama-3-405b"), &run);
  run.gpus = 16384;
  run.tp = 8;
  run.pp = 16;
  run.virtual_stages = 8;
  run.first_stage_layers = 7;
  run.last_stage_layers = 7;
  run.sequence_parallel = TRUE;
  run.distributed_optimizer = TRUE;
  dml_params_init_baseline (&hw);
  dml_preset_apply (dml_preset_lookup ("h100-sxm"), &hw);
  dml_calibration_for_preset ("h100-sxm", &e);
  dml_run_stack (&run, &e);
  dml_run_validate (&run, &error);
  g_assert_no_error (error);
  dml_run_evaluate (&run, &hw, 989e12, &e, &r);
  g_test_message ("Llama 3 405B, 16,384 H100: goodput %.2f%%, an interruption every %.0f s, checkpoints every %.0f s",
                  100 * r.goodput, r.mtbi, r.checkpoint_interval);
  g_assert_cmpfloat_with_epsilon (r.mtbi, 54 * 86400.0 / 419, 1e-6);
  g_assert_cmpfloat (r.goodput, >=, 0.90);
  g_assert_cmpfloat_with_epsilon (r.elapsed_days, r.days / r.goodput, 1e-9);

  /* Ten times the GPUs, a tenth of the time between interruptions. */
  run.gpus = 163840;
  dml_run_evaluate (&run, &hw, 989e12, &e, &r);
  g_assert_cmpfloat_with_epsilon (r.mtbi, 54 * 86400.0 / 4190, 1e-6);
  g_assert_cmpfloat (r.goodput, <, 0.80);
}

/* The sweep with goodput: every feasible point's steps fit in goodput ×
 * duration, its utilization is the step's times the goodput, and it is
 * never above the sweep without; the marker is the first point below
 * 50%. Off, nothing of it is in the files. */
static void
test_sweep (void)
{
  DmlParams params;
  g_autoptr(DmlSweep) off = NULL;
  g_autoptr(DmlSweep) on = NULL;
  g_autofree char *csv_off = NULL;
  g_autofree char *csv_on = NULL;
  g_autofree char *summary_off = NULL;
  g_autofree char *summary_on = NULL;
  gboolean below = FALSE;

  dml_params_init_baseline (&params);
  params.sweep_from = 1e25;
  params.sweep_to = 1e29;
  params.per_decade = 5;
  off = dml_sweep_new (&params, NULL, NULL);
  params.goodput = TRUE;
  on = dml_sweep_new (&params, NULL, NULL);

  for (guint i = 0; i < on->n_points; i++)
    {
      const DmlPoint *p = &on->points[i];
      DmlGoodput g;

      g_assert_cmpfloat (off->points[i].goodput, ==, off->points[i].feasible ? 1 : 0);
      if (!p->feasible)
        continue;
      dml_goodput_compute (&params, p->gpus, &g);
      g_assert_cmpfloat_with_epsilon (p->goodput, g.goodput, 1e-12);
      g_assert_cmpfloat_with_epsilon (p->mtbi, g.mtbi, 1e-9 * g.mtbi);
      g_assert_cmpfloat (p->shape.steps * p->time.step, <=, g.goodput * params.training_days * 86400 * (1 + 1e-9));
      g_assert_cmpfloat_with_epsilon (p->utilization,
                                      p->flop / (p->gpus * params.peak_flops * p->shape.steps * p->time.step) *
                                        g.goodput, 1e-12);
      g_assert_cmpfloat_with_epsilon (p->wall_clock, p->shape.steps * p->time.step / g.goodput, 1e-9 * p->wall_clock);
      g_assert_cmpfloat (p->utilization, <=, off->points[i].utilization * (1 + 1e-12));
      if (!below && p->goodput < DML_RELIABILITY_GOODPUT)
        {
          g_assert_cmpfloat (on->summary.reliability_onset, ==, p->flop);
          below = TRUE;
        }
    }
  g_test_message ("reliability onset %g, wall %g (without goodput %g)", on->summary.reliability_onset,
                  on->summary.wall, off->summary.wall_beyond);
  g_assert_true (below);
  g_assert_true (on->summary.goodput);
  g_assert_false (off->summary.goodput);
  g_assert_true (isnan (off->summary.reliability_onset));

  csv_off = dml_report_csv (off);
  csv_on = dml_report_csv (on);
  g_assert_null (strstr (csv_off, "goodput"));
  g_assert_nonnull (strstr (csv_on, ",goodput,mtbi_s\n"));
  summary_off = dml_report_summary_json (&off->summary);
  summary_on = dml_report_summary_json (&on->summary);
  g_assert_null (strstr (summary_off, "reliability"));
  g_assert_nonnull (strstr (summary_on, "reliability_onset_flop"));
}

/* The search with goodput finds what an exhaustive scan of the same
 * layouts finds (tests/test-model.c does the same without): where
 * GPUs × goodput peaks inside the cluster, more ranks than a family's
 * fewest that fit can be too many, and the fits of a family end below
 * its largest dp. */
static double
brute_force (const DmlParams *params,
             double           flop,
             DmlLayout       *best)
{
  DmlShape shape;
  double best_util = 0;

  dml_shape_compute (params, flop, &shape);
  for (double tx = 1; tx <= shape.d_model; tx *= 2)
    for (double ty = 1; ty <= (params->tensor_2d ? shape.d_model : 1); ty *= 2)
      for (double pp = 1; pp <= shape.layers; pp *= 2)
        for (double m = pp; m <= 8 * pp; m *= 2)
          for (double dp = 1; dp * tx * ty * pp <= params->max_gpus; dp++)
            {
              DmlLayout l = { dp, tx, ty, pp, 1, m };
              DmlPoint point;

              if (dml_layout_is_valid (params, &shape, &l) &&
                  dml_point_from_layout (params, flop, &l, &point) && point.utilization > best_util)
                {
                  best_util = point.utilization;
                  *best = l;
                }
            }
  return best_util;
}

static void
test_search (void)
{
  DmlParams params;
  guint n_feasible = 0, n_bound = 0;

  dml_params_init_baseline (&params);
  params.max_gpus = 512;
  params.training_days = 30;
  params.goodput = TRUE;
  /* GPUs × goodput peaks near 300 GPUs. */
  params.interruptions_per_gpu_day = 1;
  params.checkpoint_write_time = 37;
  params.restart_time = 200;
  g_test_message ("GPUs × goodput peaks at %.0f", dml_goodput_best_gpus (&params));

  for (guint variant = 0; variant < 3; variant++)
    {
      if (variant == 1)
        params.checkpoint_interval = 600;
      if (variant == 2)
        {
          params.checkpoint_interval = 0;
          params.kernel_latency = 1e-4;
          params.scaleout_bandwidth = 5e9;
        }
      for (double c = 1e21; c <= 2e23; c *= 1.7)
        {
          DmlLayout layout = { 0 };
          DmlPoint point;
          double expected = brute_force (&params, c, &layout);

          dml_point_search (&params, c, NULL, &point, NULL);
          g_test_message ("C = %g: search %.6f (%g GPUs, goodput %.3f), brute force %.6f (%g×%g×%g×%g, m %g)",
                          c, point.utilization, point.gpus, point.goodput, expected, layout.dp, layout.tx,
                          layout.ty, layout.pp, layout.m);
          if (expected == 0)
            g_assert_false (point.feasible);
          else
            {
              g_assert_true (point.feasible);
              g_assert_cmpfloat (fabs (point.utilization - expected), <=, 1e-9 * expected);
              n_feasible++;
              n_bound += point.goodput < 0.8;
            }
        }
    }
  /* The scan reached where goodput binds. */
  g_assert_cmpuint (n_feasible, >, 10);
  g_assert_cmpuint (n_bound, >, 2);
}

/* Realistic H100 loses time to interruptions; the paper baseline does
 * not. */
static void
test_designs (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DmlDesign) paper = dml_design_new_shipped ("paper-baseline", &error);
  g_autoptr(DmlDesign) realistic = dml_design_new_shipped ("realistic-h100", &error);
  DmlParams params;

  g_assert_no_error (error);
  dml_design_get_params (paper, &params);
  g_assert_false (params.goodput);
  dml_design_get_params (realistic, &params);
  g_assert_true (params.goodput);
}

/* A layout's regime with interruptions (docs/model.md, "Regimes and
 * markers"), by hand. A 10 s step of 8 s compute, network 1.2 s with
 * a 0.3 s bubble, latency 0.3 s, DRAM 0.2 s: excess 2 s, network-bound.
 *   goodput 0.8: lost = 10 × (1/0.8 − 1) = 2.5 s > 1.5 s (network and
 *     bubble), 0.3 and 0.2; elapsed 12.5 s, 4.5 s of it excess ≥ 5%:
 *     reliability-bound.
 *   goodput 0.9: lost = 10 × (1/0.9 − 1) = 1.111 s < 1.5 s: the
 *     network's, as without interruptions.
 *   goodput 1 (off): nothing lost, network-bound. */
static void
test_regime (void)
{
  DmlStepTime t = { .step = 10, .compute = 8, .dram = 0.2, .scaleup = 0.4, .scaleout = 0.8,
                    .latency = 0.3, .bubble = 0.3, .goodput = 1 };

  g_assert_cmpint (_dml_step_time_classify (&t), ==, DML_REGIME_NETWORK);
  t.goodput = 0.8;
  g_assert_cmpint (_dml_step_time_classify (&t), ==, DML_REGIME_RELIABILITY);
  t.goodput = 0.9;
  g_assert_cmpint (_dml_step_time_classify (&t), ==, DML_REGIME_NETWORK);
  /* Lost 1.6 s just beyond the network's 1.5 s (goodput 10/11.6). */
  t.goodput = 10 / 11.6;
  g_assert_cmpint (_dml_step_time_classify (&t), ==, DML_REGIME_RELIABILITY);

  /* Compute-bound step (excess 0.2 s of 10): 0.3 s lost beats each
   * excess, but the whole excess, 0.5 s of 10.3 s elapsed, is within
   * the compute share (5%): compute. 0.6 s lost: 0.8 of 10.6 s is past
   * it, reliability. */
  t = (DmlStepTime) { .step = 10, .compute = 9.8, .scaleout = 0.1, .latency = 0.1, .goodput = 10 / 10.3 };
  g_assert_cmpint (_dml_step_time_classify (&t), ==, DML_REGIME_COMPUTE);
  t.goodput = 10 / 10.6;
  g_assert_cmpint (_dml_step_time_classify (&t), ==, DML_REGIME_RELIABILITY);
  /* DRAM's 2 s excess beats 1.1 s lost: DRAM. */
  t = (DmlStepTime) { .step = 10, .compute = 8, .dram = 2, .goodput = 0.9 };
  g_assert_cmpint (_dml_step_time_classify (&t), ==, DML_REGIME_DRAM);
  g_assert_cmpstr (dml_regime_id (DML_REGIME_RELIABILITY), ==, "reliability");
  g_assert_cmpstr (dml_regime_id (DML_REGIME_INFEASIBLE), ==, "infeasible");
  g_assert_cmpstr (dml_regime_label (DML_REGIME_RELIABILITY), ==, "Reliability-bound");
}

/* The band prices interruptions as u_max × compute / step × (1 −
 * goodput). Three points 0.1 decade apart, each a 10 s step of 8 s
 * compute with 1.5 s network, u_max 0.5: the network takes 0.5 × 0.15
 * = 7.5 points. At goodput 0.8 interruptions take 0.5 × 0.8 × 0.2 = 8
 * points: reliability-bound; at goodput 0.85, 6 points: network-bound,
 * though 10 × (1/0.85 − 1) = 1.76 s lost makes each point's own regime
 * reliability. The parts add up to the drop to the elapsed utilization,
 * 0.5 × (1 − 0.85 × 0.8) = 16 points: 7.5 + 2.5 (the rest of the step)
 * + 6. */
static void
test_regime_band (void)
{
  DmlParams params;
  DmlPoint points[3];

  dml_params_init_baseline (&params);
  params.max_utilization = 0.5;
  params.onset_threshold = 0.05;
  for (guint goodput_case = 0; goodput_case < 2; goodput_case++)
    {
      double goodput = goodput_case == 0 ? 0.8 : 0.85;

      memset (points, 0, sizeof points);
      for (guint i = 0; i < 3; i++)
        {
          points[i].flop = pow (10, 25 + 0.1 * i);
          points[i].feasible = TRUE;
          points[i].time = (DmlStepTime) { .step = 10, .compute = 8, .scaleout = 1.5, .latency = 0.5,
                                           .goodput = goodput };
        }
      dml_points_classify_bands (&params, points, 3);
      for (guint i = 0; i < 3; i++)
        {
          g_assert_cmpfloat_with_epsilon (points[i].band_cost[1], 0.075, 1e-12);
          g_assert_cmpfloat_with_epsilon (points[i].band_cost[3], 0.5 * 0.8 * (1 - goodput), 1e-12);
          g_assert_cmpint (points[i].band, ==, goodput_case == 0 ? DML_REGIME_RELIABILITY : DML_REGIME_NETWORK);
          g_assert_cmpint (_dml_step_time_classify (&points[i].time), ==, DML_REGIME_RELIABILITY);
        }
    }

  /* Without interruptions they cost nothing. */
  for (guint i = 0; i < 3; i++)
    points[i].time.goodput = 1;
  dml_points_classify_bands (&params, points, 3);
  g_assert_cmpfloat (points[0].band_cost[3], ==, 0);
  g_assert_cmpint (points[0].band, ==, DML_REGIME_NETWORK);
}

/* Realistic H100 falls from 43% at 1.3 × 10²⁶ to 20% at 6.3 × 10²⁶
 * mostly because goodput falls: that stretch is reliability-bound, its
 * network onset stays where the network first costs 5 points, and the
 * summary says interruptions cost more there. The paper baseline has
 * no reliability-bound point. */
static void
test_regime_designs (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DmlDesign) realistic = dml_design_new_shipped ("realistic-h100", &error);
  g_autoptr(DmlDesign) paper = dml_design_new_shipped ("paper-baseline", &error);
  g_autoptr(DmlSweep) sweep = NULL;
  g_autoptr(DmlSweep) baseline = NULL;
  g_autofree char *text = NULL;
  DmlParams params;
  guint n_reliability = 0;

  g_assert_no_error (error);
  dml_design_get_params (realistic, &params);
  sweep = dml_sweep_new (&params, NULL, NULL);
  for (guint i = 0; i < sweep->n_points; i++)
    {
      const DmlPoint *p = &sweep->points[i];

      if (p->feasible && p->flop >= 1.2e26)
        {
          g_assert_cmpint (p->band, ==, DML_REGIME_RELIABILITY);
          n_reliability++;
        }
    }
  g_assert_cmpuint (n_reliability, >=, 12);
  g_assert_cmpfloat (fabs (log10 (sweep->summary.network_onset / 1.1e26)), <, 0.03);
  g_assert_cmpint (sweep->summary.onset_band[1], ==, DML_REGIME_RELIABILITY);
  text = dml_report_summary_text (&sweep->summary);
  g_assert_nonnull (strstr (text, "time lost to interruptions costs more"));

  dml_design_get_params (paper, &params);
  baseline = dml_sweep_new (&params, NULL, NULL);
  for (guint i = 0; i < baseline->n_points; i++)
    {
      g_assert_cmpint (baseline->points[i].band, !=, DML_REGIME_RELIABILITY);
      g_assert_cmpint (baseline->points[i].regime, !=, DML_REGIME_RELIABILITY);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/goodput/hand", test_hand);
  g_test_add_func ("/goodput/compute", test_compute);
  g_test_add_func ("/goodput/edges", test_edges);
  g_test_add_func ("/goodput/best-gpus", test_best_gpus);
  g_test_add_func ("/goodput/llama3", test_llama3);
  g_test_add_func ("/goodput/sweep", test_sweep);
  g_test_add_func ("/goodput/search", test_search);
  g_test_add_func ("/goodput/designs", test_designs);
  g_test_add_func ("/goodput/regime", test_regime);
  g_test_add_func ("/goodput/regime-band", test_regime_band);
  g_test_add_func ("/goodput/regime-designs", test_regime_designs);

  return g_test_run ();
}
