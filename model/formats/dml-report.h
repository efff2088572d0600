/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dml-engine.h"
#include "dml-run.h"
#include "dml-uncertainty.h"

G_BEGIN_DECLS

char *dml_report_csv          (const DmlSweep   *sweep);
char *dml_report_json         (const DmlSweep   *sweep,
                               const char       *name);
char *dml_report_summary_json (const DmlSummary *summary);
char *dml_report_summary_text (const DmlSummary *summary);
char *dml_report_wall         (const DmlSummary *summary);
char *dml_report_point_text   (const DmlParams  *params,
                               const DmlPoint   *point);
char *dml_report_point_text_full (const DmlParams *params,
                                  const DmlPoint  *point,
                                  gboolean         parts);
char *dml_report_layout       (const DmlLayout  *layout);
char *dml_report_run_layout   (const DmlRun     *run);
char *dml_report_timeline_csv  (const DmlSweep   *sweep);
char *dml_report_timeline_json (const DmlSweep   *sweep,
                                const char       *name);
char *dml_report_timeline_text (const DmlSweep   *sweep,
                                const char       *name);

char *dml_report_uncertainty_text (const DmlUncertainty *u,
                                   const DmlParams      *params,
                                   const char           *name);
char *dml_report_uncertainty_csv  (const DmlUncertainty *u);
char *dml_report_uncertainty_json (const DmlUncertainty *u,
                                   const DmlParams      *params,
                                   const char           *name);

void  dml_report_append_part      (GString              *str,
                                   const char           *label,
                                   double                seconds,
                                   double                step);

char *dml_report_design_summary_text (const DmlSweep *sweep,
                                      const char     *name);
char *dml_report_run_text         (const DmlGivenRun    *given,
                                   const DmlParams      *hardware,
                                   const char           *name);
char *dml_report_run_json         (const DmlGivenRun    *given,
                                   const char           *name);
void  dml_report_append_run_parts (GString              *str,
                                   const DmlRunResult   *result);

G_END_DECLS
