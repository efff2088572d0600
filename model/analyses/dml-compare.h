/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dml-design.h"
#include "dml-engine.h"

G_BEGIN_DECLS

#define DML_COMPARE_MAX_DESIGNS 6

/* One row of the comparison: an input, or a figure of the sweep. */
typedef struct
{
  char     *key;      /* "hardware.hbm_bandwidth", "summary.wall_flop", "at.gpus" */
  char     *label;
  gboolean  is_input;
  gboolean  differs;  /* not the same for every design */
  double    values[DML_COMPARE_MAX_DESIGNS];  /* NAN where there is none */
  char     *cells[DML_COMPARE_MAX_DESIGNS];   /* as shown */
  char     *changes[DML_COMPARE_MAX_DESIGNS]; /* against the first design; "" for the first */
} DmlCompareRow;

typedef struct
{
  guint      n_designs;
  char      *names[DML_COMPARE_MAX_DESIGNS];
  double     at_flop;
  GPtrArray *rows; /* DmlCompareRow */
} DmlComparison;

DmlComparison *dml_comparison_new     (DmlDesign     **designs,
                                       DmlSweep      **sweeps,
                                       guint           n_designs,
                                       double          at_flop);
void           dml_comparison_free    (DmlComparison  *comparison);
char          *dml_comparison_to_text (DmlComparison  *comparison);
char          *dml_comparison_to_csv  (DmlComparison  *comparison);
char          *dml_comparison_to_json (DmlComparison  *comparison);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmlComparison, dml_comparison_free)

G_END_DECLS
