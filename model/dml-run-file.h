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
} DmlRunRow;

/* The most parts a step has: the run output table's step parts
 * (dml-run-output.h), in its order. */
#define DML_RUN_MAX_PARTS 12

typedef enum
{
  DML_RUN_EVALUATED,      /* at its given layout, or the best that fits */
  DML_RUN_NO_FIT,         /* no layout of its GPUs fits in memory: no figures */
} DmlRunStatus;

/* What a runs report keeps of a row: a few doubles, not the row, so that
 * a report of a large file stays a few times the file's size. */
typedef struct
{
  const char   *id;                /* in the report's strings */
  const char   *group;             /* "" for none */
  guint         line;
  guint         status : 2;        /* DmlRunStatus */
  guint         complete : 1;
  guint         moe : 1;
  guint         truncated : 1;     /* the layout search stopped at DML_RUN_MAX_EVALUATIONS */
  double        measured_mfu;      /* NAN where not measured */
  double        error_points;      /* predicted − measured MFU, in points; NAN */
  double        mfu;               /* predicted; NAN where no layout fits */
  double        step;              /* seconds */
  double        parts[DML_RUN_MAX_PARTS];
} DmlRunEvaluation;

typedef struct
{
  GArray       *runs;              /* DmlRunEvaluation, in the file's order */
  GStringChunk *strings;

  /*< private >*/
  const char       *gpu;           /* the last row's, in strings */
  DmlParams         hardware;      /* its preset's */
  DmlRunEfficiency  efficiency;
  double            peak;          /* at 16 bits */
  double            peak_fp8;
} DmlRunReport;

GPtrArray    *dml_run_rows_parse     (const char        *text,
                                      gsize              length,
                                      GError           **error);
void          dml_run_row_free       (DmlRunRow         *row);
gboolean      dml_run_row_hardware   (const DmlRunRow   *row,
                                      DmlParams         *hardware,
                                      DmlRunEfficiency  *efficiency,
                                      double            *peak,
                                      GError           **error);

DmlRunReport *dml_run_report_new     (void);
void          dml_run_report_free    (DmlRunReport      *report);
gboolean      dml_run_report_add     (DmlRunReport      *report,
                                      const DmlRunRow   *row,
                                      GError           **error);
DmlRunReport *dml_run_report_read    (const char        *text,
                                      gsize              length,
                                      GError           **error);
char         *dml_run_report_format  (const DmlRunReport *report,
                                      const char        *format);
void          dml_run_report_errors  (const DmlRunReport *report,
                                      const char        *group,
                                      int                moe,
                                      gboolean           complete_only,
                                      double            *mae,
                                      double            *mape,
                                      guint             *n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmlRunReport, dml_run_report_free)

G_END_DECLS
