/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dml-engine.h"
#include "dml-timeline.h"

G_BEGIN_DECLS

/* P10, P50 and P90 over the samples. INFINITY stands for "beyond the
 * sweep" (a marker a sample never reached, a wall past its end). */
typedef struct
{
  double p10;
  double p50;
  double p90;
} DmlPercentiles;

typedef struct
{
  DmlParams       params;        /* the design sampled */
  guint           n_samples;
  guint64         seed;
  guint           n_points;
  double         *flop;          /* the sweep's points */
  DmlPercentiles *utilization;   /* at each point; infeasible counts as 0 */
  DmlPercentiles  plateau;
  DmlPercentiles  marker[DML_N_DATES];  /* FLOP of each marker (the 1e28 one is fixed) */
  DmlPercentiles  year[DML_N_DATES];    /* the year each is reached, at each sample's growth */
} DmlUncertainty;

/* Called from a worker thread as each piece of work is done. */
typedef void (*DmlProgressFunc) (gpointer user_data);

void            dml_uncertainty_sample  (const DmlParams  *params,
                                         guint64           seed,
                                         guint             index,
                                         DmlParams        *sample);
DmlUncertainty *dml_uncertainty_new     (const DmlParams  *params,
                                         guint             n_samples,
                                         guint64           seed,
                                         guint             n_threads,
                                         GCancellable     *cancellable,
                                         int              *progress,
                                         GError          **error);
DmlUncertainty *dml_uncertainty_new_full (const DmlParams *params,
                                          guint            n_samples,
                                          guint64          seed,
                                          guint            n_threads,
                                          GCancellable    *cancellable,
                                          int             *progress,
                                          DmlProgressFunc  progress_func,
                                          gpointer         progress_data,
                                          GError         **error);
DmlUncertainty *dml_uncertainty_ref     (DmlUncertainty   *uncertainty);
void            dml_uncertainty_unref   (DmlUncertainty   *uncertainty);
gboolean        dml_uncertainty_matches (const DmlUncertainty *uncertainty,
                                         const DmlSweep   *sweep);
void            dml_percentiles_compute (double           *values,
                                         guint             n,
                                         DmlPercentiles   *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmlUncertainty, dml_uncertainty_unref)

G_END_DECLS
