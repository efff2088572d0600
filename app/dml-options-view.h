/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dml-chart-renderer.h"
#include "dml-option-curves.h"
#include "dml-options.h"

G_BEGIN_DECLS

#define DML_TYPE_OPTIONS_VIEW (dml_options_view_get_type ())

G_DECLARE_FINAL_TYPE (DmlOptionsView, dml_options_view, DML, OPTIONS_VIEW, GtkWidget)

void               dml_options_view_set_params  (DmlOptionsView      *self,
                                                 const DmlParams     *params);
gboolean           dml_options_view_get_busy    (DmlOptionsView      *self);
DmlOptions        *dml_options_view_get_options (DmlOptionsView      *self);
DmlOptionCurves   *dml_options_view_get_curves  (DmlOptionsView      *self);
/* What the chart draws now, for export; FALSE before the first result.
 * The spec points into the view's results: ref them to keep them. */
gboolean           dml_options_view_chart_spec  (DmlOptionsView      *self,
                                                 DmlOptionsChartSpec *spec);
void               dml_options_view_copy        (DmlOptionsView      *self);

/* For the UI tests. */
double             _dml_options_view_get_last_seconds (DmlOptionsView *self);
GtkColumnView     *_dml_options_view_get_table        (DmlOptionsView *self);
/* "flop", "days" or "budget" */
GtkEditable       *_dml_options_view_get_field        (DmlOptionsView *self,
                                                       const char     *name);

G_END_DECLS
