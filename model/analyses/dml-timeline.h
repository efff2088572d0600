/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dml-anchor.h"
#include "dml-engine.h"

G_BEGIN_DECLS

/* When the frontier run reaches a compute: the year at the central
 * growth rate, and the earliest and latest over its 90% interval. */
typedef struct
{
  double flop;       /* NAN: no such marker in the sweep */
  double year;       /* decimal years; NAN with flop */
  double earliest;
  double latest;
} DmlDate;

typedef enum
{
  DML_DATE_FRONTIER_1E28,  /* the paper's "about 10^28 FLOP" */
  DML_DATE_MAX_AT_80,
  DML_DATE_DRAM_ONSET,
  DML_DATE_NETWORK_ONSET,
  DML_DATE_LATENCY_ONSET,
  DML_DATE_WALL,
  DML_N_DATES
} DmlDateKind;

double      dml_timeline_year      (const DmlParams  *params,
                                    double            growth,
                                    double            flop);
double      dml_timeline_flop      (const DmlParams  *params,
                                    double            year);
void        dml_timeline_date      (const DmlParams  *params,
                                    double            flop,
                                    DmlDate          *date);
void        dml_timeline_dates     (const DmlParams  *params,
                                    const DmlSummary *summary,
                                    DmlDate           dates[DML_N_DATES]);
const char *dml_date_id            (DmlDateKind       kind);
const char *dml_date_label         (DmlDateKind       kind);
char       *dml_date_range         (const DmlDate    *date);
char       *dml_timeline_sentence  (const DmlParams  *params,
                                    const DmlSummary *summary);

int dml_anchor_match (const DmlParams *params);

G_END_DECLS
