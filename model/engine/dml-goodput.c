/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-goodput"

#include "config.h"

#include <math.h>

#include "dml-goodput.h"

/* Daly's higher-order optimum of the compute time between checkpoints
 * (J. T. Daly, "A higher order estimate of the optimum checkpoint
 * interval for restart dumps", Future Generation Computer Systems 22
 * (2006) 303–312):
 *   τ = √(2δM) [1 + ⅓ √(δ/2M) + ⅑ (δ/2M)] − δ   for δ < 2M,
 *   τ = M                                        otherwise.
 * Its first term is Young's √(2δM) (Young, CACM 17 (1974) 530). With
 * no interruptions (M infinite) it is infinite: no checkpoint is worth
 * writing. */
double
dml_goodput_interval (double mtbi,
                      double write_time)
{
  double xi;

  if (!(mtbi < INFINITY))
    return INFINITY;
  if (write_time >= 2 * mtbi)
    return mtbi;

  xi = write_time / (2 * mtbi);
  return sqrt (2 * write_time * mtbi) * (1 + sqrt (xi) / 3 + xi / 9) - write_time;
}

/* Daly's (2006) expected wall time, his complete model, of T_s of useful work under
 * Poisson interruptions of mean M, with checkpoints of δ every τ of work
 * and R to restart:
 *   T_w = M e^{R/M} (e^{(τ+δ)/M} − 1) T_s / τ,
 * so goodput T_s / T_w = τ e^{−R/M} / (M (e^{(τ+δ)/M} − 1)). It counts
 * the work lost since the last checkpoint and interruptions during
 * writes and restarts too; to first order in 1/M it is
 * 1 − δ/τ − (τ/2 + R)/M. Where M is short the exponentials make it
 * tend to 0, never below. τ = 0 (checkpoints that cost nothing, written
 * continuously) is its limit, e^{−R/M}. */
double
dml_goodput_of (double mtbi,
                double interval,
                double write_time,
                double restart_time)
{
  double x, lost;

  if (!(mtbi < INFINITY))
    return interval < INFINITY ? interval / (interval + write_time) : 1;
  if (!(mtbi > 0))
    return 0;
  if (!(interval > 0))
    return exp (-restart_time / mtbi);

  x = (interval + write_time) / mtbi;
  if (x > 700)
    return 0;
  lost = mtbi * expm1 (x);
  return CLAMP (interval / lost * exp (-restart_time / mtbi), 0, 1);
}

/* The mean time between interruptions of a job on @gpus GPUs, each
 * interrupted at the rate the design gives (per GPU-day): interruptions
 * of any GPU stop the whole synchronous job (Llama 3 paper, §3.3.4). */
void
dml_goodput_compute (const DmlParams *params,
                     double           gpus,
                     DmlGoodput      *goodput)
{
  double rate = params->interruptions_per_gpu_day * gpus / 86400.0;

  goodput->mtbi = rate > 0 ? 1 / rate : INFINITY;
  goodput->interval = params->checkpoint_interval > 0
                        ? params->checkpoint_interval
                        : dml_goodput_interval (goodput->mtbi, params->checkpoint_write_time);
  goodput->goodput = dml_goodput_of (goodput->mtbi, goodput->interval, params->checkpoint_write_time,
                                     params->restart_time);
}

/* The GPU count at which GPUs × goodput, the GPUs doing useful work at
 * any moment, is largest: past it, more GPUs finish later. Unimodal in
 * log N, so a golden-section search; INFINITY without interruptions. */
double
dml_goodput_best_gpus (const DmlParams *params)
{
  const double phi = (sqrt (5) - 1) / 2;
  double a = 0, b = 50 * M_LN10;

  if (!(params->interruptions_per_gpu_day > 0))
    return INFINITY;

  for (guint i = 0; i < 200 && b - a > 1e-12; i++)
    {
      double c = b - phi * (b - a), d = a + phi * (b - a);
      DmlGoodput gc, gd;

      dml_goodput_compute (params, exp (c), &gc);
      dml_goodput_compute (params, exp (d), &gd);
      if (exp (c) * gc.goodput >= exp (d) * gd.goodput)
        b = d;
      else
        a = c;
    }
  return exp ((a + b) / 2);
}
