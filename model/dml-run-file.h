/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dml-run.h"

G_BEGIN_DECLS

/* One row of a runs file (docs/calibration.md, "Runs files"). */
typedef struct
{
  char         *id;
  char         *source;
  char         *model;
  char         *gpu;               /* a preset id */
  char         *group;
  char         *software;          /* megatron (default) or deepspeed */
  gboolean      complete;          /* the source gives the whole layout */
  gboolean      layout_given;      /* tp, pp or dp given; else the best layout is taken */
  DmlRun        run;
  double        measured_mfu;      /* NAN where not measured */
  double        scaleout_bandwidth; /* B/s per GPU where the cluster is not the preset's; 0 */
} DmlRunRow;

typedef struct
{
  const DmlRunRow *row;
  DmlRunResult     result;
  double           error_points;   /* predicted − measured MFU, in points; NAN */
} DmlRunEvaluation;

GPtrArray *dml_run_rows_parse       (const char        *text,
                                     gsize              length,
                                     GError           **error);
void       dml_run_row_free         (DmlRunRow         *row);
gboolean   dml_run_row_hardware     (const DmlRunRow   *row,
                                     DmlParams         *hardware,
                                     DmlRunEfficiency  *efficiency,
                                     double            *peak,
                                     GError           **error);
GArray    *dml_run_rows_evaluate    (GPtrArray         *rows,
                                     GError           **error);
char      *dml_run_rows_report      (GArray            *evaluations,
                                     const char        *format);
void       dml_run_rows_errors      (GArray            *evaluations,
                                     const char        *group,
                                     int                moe,
                                     gboolean           complete_only,
                                     double            *mae,
                                     double            *mape,
                                     guint             *n);

G_END_DECLS
