/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dml-engine.h"

G_BEGIN_DECLS

typedef enum
{
  DML_LEVER_HBM_BANDWIDTH,
  DML_LEVER_PEAK_FLOPS,
  DML_LEVER_SCALEUP_BANDWIDTH,
  DML_LEVER_SCALEUP_DOMAIN,
  DML_LEVER_SCALEOUT_BANDWIDTH,
  DML_LEVER_LATENCY,
  DML_LEVER_BATCH_EXPONENT,
  DML_LEVER_DEPTH_LAW,
  DML_LEVER_DURATION,
  DML_LEVER_BATCH_CAP,
  DML_N_LEVERS
} DmlLever;

typedef enum
{
  DML_FIGURE_DRAM_ONSET,
  DML_FIGURE_NETWORK_ONSET,
  DML_FIGURE_WALL,
  DML_FIGURE_MAX_AT_80,
  DML_N_FIGURES
} DmlFigure;

typedef struct
{
  DmlLever lever;
  char    *change;                     /* "×2", "+0.10" */
  double   shift[DML_N_FIGURES];       /* decades; NAN where the figure exists in neither */
  gboolean at_least[DML_N_FIGURES];    /* the figure left the range: the shift is a lower bound */
  double   utilization_change;         /* at the chosen C, fraction of peak; NAN if not applicable */
  char    *not_applicable;             /* why the lever cannot apply (it leaves a valid range), or NULL */
} DmlLeverResult;

typedef struct
{
  DmlSweep       *base;
  double          factor;
  double          at_flop;
  double          base_utilization;
  DmlLeverResult  results[DML_N_LEVERS];
} DmlSensitivity;

const char     *dml_lever_id              (DmlLever          lever);
const char     *dml_lever_label           (DmlLever          lever);
const char     *dml_figure_id             (DmlFigure         figure);
const char     *dml_figure_label          (DmlFigure         figure);
char           *dml_lever_apply           (DmlLever          lever,
                                           double            factor,
                                           DmlParams        *params);
double          dml_summary_figure        (const DmlSummary *summary,
                                           DmlFigure         figure);
DmlSensitivity *dml_sensitivity_new       (const DmlParams  *params,
                                           double            factor,
                                           double            at_flop,
                                           GCancellable     *cancellable,
                                           GError          **error);
void            dml_sensitivity_free      (DmlSensitivity   *sensitivity);
void            dml_sensitivity_rank      (const DmlSensitivity *sensitivity,
                                           int               by, /* a DmlFigure, or DML_N_FIGURES for utilization */
                                           DmlLever         *order);
char           *dml_sensitivity_to_text   (const DmlSensitivity *sensitivity);
char           *dml_sensitivity_to_csv    (const DmlSensitivity *sensitivity);
char           *dml_sensitivity_to_json   (const DmlSensitivity *sensitivity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmlSensitivity, dml_sensitivity_free)

G_END_DECLS
