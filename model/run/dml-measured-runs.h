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
  gboolean      complete;          /* the source gives the whole layout */
  gboolean      layout_given;      /* tp, pp or dp given; else the best layout is taken */
  DmlRun        run;
  double        measured_mfu;      /* NAN where not measured */
  double        scaleout_bandwidth; /* B/s per GPU where the cluster is not the preset's; 0 */
  guint         line;              /* where the row starts in its file */
} DmlMeasuredRun;

/* The most parts a step has: the run output table's step parts
 * (dml-run-output.h), in its order. */
#define DML_RUN_MAX_PARTS 12

typedef enum
{
  DML_MEASURED_EVALUATED,      /* at its given layout, or the best that fits */
  DML_MEASURED_NO_FIT,         /* no layout of its GPUs fits in memory: no figures */
} DmlMeasuredStatus;

/* What a runs report keeps of a row: a few doubles, not the row, so that
 * a report of a large file stays a few times the file's size. */
typedef struct
{
  const char   *id;                /* in the report's strings */
  const char   *group;             /* "" for none */
  guint         line;
  guint         status : 2;        /* DmlMeasuredStatus */
  guint         complete : 1;
  guint         moe : 1;
  guint         truncated : 1;     /* the layout search stopped at DML_RUN_MAX_EVALUATIONS */
  double        measured_mfu;      /* NAN where not measured */
  double        error_points;      /* predicted − measured MFU, in points; NAN */
  double        mfu;               /* predicted; NAN where no layout fits */
  double        step;              /* seconds */
  double        parts[DML_RUN_MAX_PARTS];
} DmlMeasuredEvaluation;

typedef struct
{
  GArray       *runs;              /* DmlMeasuredEvaluation, in the file's order */
  GStringChunk *strings;

  /*< private >*/
  const char       *gpu;           /* the last row's, in strings */
  DmlParams         hardware;      /* its preset's */
  DmlRunEfficiency  efficiency;
  double            peak;          /* at 16 bits */
  double            peak_fp8;
} DmlMeasuredReport;

GPtrArray         *dml_measured_runs_parse    (const char              *text,
                                               gsize                    length,
                                               GError                 **error);
void               dml_measured_run_free      (DmlMeasuredRun          *row);
gboolean           dml_measured_run_hardware  (const DmlMeasuredRun    *row,
                                               DmlParams               *hardware,
                                               DmlRunEfficiency        *efficiency,
                                               double                  *peak,
                                               GError                 **error);

DmlMeasuredReport *dml_measured_report_new    (void);
void               dml_measured_report_free   (DmlMeasuredReport       *report);
gboolean           dml_measured_report_add    (DmlMeasuredReport       *report,
                                               const DmlMeasuredRun    *row,
                                               GError                 **error);
DmlMeasuredReport *dml_measured_report_read   (const char              *text,
                                               gsize                    length,
                                               GError                 **error);
char              *dml_measured_report_format (const DmlMeasuredReport *report,
                                               const char              *format);
void               dml_measured_report_errors (const DmlMeasuredReport *report,
                                               const char              *group,
                                               int                      moe,
                                               gboolean                 complete_only,
                                               double                  *mae,
                                               double                  *mape,
                                               guint                   *n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmlMeasuredReport, dml_measured_report_free)

G_END_DECLS
