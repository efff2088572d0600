/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dml-chart-renderer.h"
#include "dml-engine.h"

G_BEGIN_DECLS

#define DML_TYPE_CHART (dml_chart_get_type ())

G_DECLARE_FINAL_TYPE (DmlChart, dml_chart, DML, CHART, GtkWidget)

void          dml_chart_style_from_widget  (GtkWidget    *widget,
                                            DmlChartStyle *style);
GtkWidget    *dml_chart_new                (void);
DmlSweep     *dml_chart_get_sweep          (DmlChart     *self);
void          dml_chart_set_sweep          (DmlChart     *self,
                                            DmlSweep     *sweep);
DmlChartView  dml_chart_get_view           (DmlChart     *self);
void          dml_chart_set_view           (DmlChart     *self,
                                            DmlChartView  view);
gboolean      dml_chart_get_show_max_at_80 (DmlChart     *self);
void          dml_chart_set_show_max_at_80 (DmlChart     *self,
                                            gboolean      show);
gboolean      dml_chart_get_show_runs      (DmlChart     *self);
void          dml_chart_set_show_runs      (DmlChart     *self,
                                            gboolean      show);
const DmlChartGeometry *dml_chart_get_geometry (DmlChart *self);
void          dml_chart_set_given_run_fits (DmlChart     *self,
                                           gboolean      fits);
gboolean      dml_chart_get_given_run_fits (DmlChart     *self);
void          dml_chart_set_given_run      (DmlChart     *self,
                                            double        flop,
                                            double        mfu,
                                            const char   *label);
void          dml_chart_set_given_run_tooltip (DmlChart  *self,
                                            const char   *markup);
char         *dml_chart_get_tooltip_at     (DmlChart     *self,
                                            double        x,
                                            double        y);
void          dml_chart_get_given_run      (DmlChart     *self,
                                            double       *flop,
                                            double       *mfu,
                                            const char  **label);
DmlUncertainty *dml_chart_get_uncertainty  (DmlChart     *self);
DmlSweep     *dml_chart_get_other          (DmlChart     *self);
void          dml_chart_set_other          (DmlChart     *self,
                                            DmlSweep     *other);
void          dml_chart_set_uncertainty    (DmlChart     *self,
                                            DmlUncertainty *uncertainty);
int           dml_chart_get_pinned         (DmlChart     *self);
void          dml_chart_set_pinned         (DmlChart     *self,
                                            int           index);

void          dml_chart_set_comparison     (DmlChart     *self,
                                            DmlSweep    **sweeps,
                                            const char  **names,
                                            guint         n_sweeps,
                                            gboolean      multiples);
guint         dml_chart_get_n_compared     (DmlChart     *self);

G_END_DECLS
