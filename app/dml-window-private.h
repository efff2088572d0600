/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dml-chart.h"
#include "dml-tornado.h"
#include "dml-window.h"

G_BEGIN_DECLS

/* For the UI tests. */
DmlDesign *_dml_window_get_design    (DmlWindow  *self);
DmlChart  *_dml_window_get_chart     (DmlWindow  *self);
GtkWidget *_dml_window_get_control   (DmlWindow  *self,
                                      const char *property);
guint      _dml_window_get_n_results (DmlWindow  *self);
gboolean   _dml_window_is_busy       (DmlWindow  *self);
DmlTornado *_dml_window_get_tornado  (DmlWindow  *self);
void       _dml_window_show_sensitivity (DmlWindow *self);
void       _dml_window_take_design   (DmlWindow  *self,
                                      DmlDesign  *design);

G_END_DECLS
