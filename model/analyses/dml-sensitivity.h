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
  /* Only for designs on several sites (DmlSensitivity.n_levers): last,
   * so that the levers of a one-site design are the first ones. */
  DML_LEVER_INTERSITE_BANDWIDTH,
  DML_LEVER_INTERSITE_LATENCY,
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

/* What makes the wall of a design on several sites. */
typedef enum
{
  DML_WALL_CAUSE_NONE,       /* one site, or no wall in the sweep */
  DML_WALL_CAUSE_LINK,       /* a faster link between sites would carry the run further */
  DML_WALL_CAUSE_SITE_POWER, /* a site's power limits its GPUs */
  DML_WALL_CAUSE_SITE_SIZE,  /* GPUs per site */
  DML_WALL_CAUSE_SITE_COUNT, /* the most sites allowed */
  DML_WALL_CAUSE_NOT_SITES,  /* one unlimited site ends there too */
} DmlWallCause;

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
  guint           n_levers; /* levers that apply to the design: results[0 … n_levers − 1] */
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
guint           dml_sensitivity_rank      (const DmlSensitivity *sensitivity,
                                           int               by, /* a DmlFigure, or DML_N_FIGURES for utilization */
                                           DmlLever         *order);
char           *dml_sensitivity_to_text   (const DmlSensitivity *sensitivity);
char           *dml_sensitivity_to_csv    (const DmlSensitivity *sensitivity);
char           *dml_sensitivity_to_json   (const DmlSensitivity *sensitivity);
DmlWallCause    dml_wall_cause            (const DmlSweep   *sweep);
const char     *dml_wall_cause_label      (DmlWallCause      cause);
char           *dml_wall_cause_text       (const DmlSweep   *sweep,
                                           DmlWallCause      cause);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmlSensitivity, dml_sensitivity_free)

G_END_DECLS
