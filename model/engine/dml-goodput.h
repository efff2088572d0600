/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dml-params.h"

G_BEGIN_DECLS

/* A run's goodput under interruptions (docs/model.md, "Goodput"): the
 * useful share of its elapsed time, after checkpoint writes, restarts
 * and the work lost since the last checkpoint. */
typedef struct
{
  double mtbi;      /* s, the whole job's mean time between interruptions; INFINITY with none */
  double interval;  /* s of work between checkpoints: the one given, or Daly's optimum */
  double goodput;   /* useful time / elapsed time, in [0, 1] */
} DmlGoodput;

double dml_goodput_interval (double           mtbi,
                             double           write_time);
double dml_goodput_of       (double           mtbi,
                             double           interval,
                             double           write_time,
                             double           restart_time);
void   dml_goodput_compute  (const DmlParams *params,
                             double           gpus,
                             DmlGoodput      *goodput);
double dml_goodput_best_gpus (const DmlParams *params);

G_END_DECLS
