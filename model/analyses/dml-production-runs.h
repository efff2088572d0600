/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  DML_GENERATION_V100,   /* and older */
  DML_GENERATION_A100,
  DML_GENERATION_H100,
  DML_GENERATION_TPU,
  DML_GENERATION_OTHER,
  DML_N_GENERATIONS /*< skip >*/
} DmlGeneration;

/* A production training run as published, with its measured utilization
 * (data/runs/production-runs.csv, from Epoch AI's database). */
typedef struct
{
  char          *id;
  char          *model;
  char          *organization;
  char          *date;
  char          *hardware;
  char          *precision;
  char          *confidence;
  char          *note;
  char          *source;
  DmlGeneration  generation;
  double         flop;  /* NAN where unknown */
  double         gpus;  /* NAN where unknown */
  double         mfu;   /* fraction of peak */
} DmlProductionRun;

const DmlProductionRun *dml_production_runs    (guint         *n_runs);
const char             *dml_generation_label   (DmlGeneration  generation);

G_END_DECLS
