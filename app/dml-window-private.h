/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dml-chart.h"
#include "dml-window.h"

G_BEGIN_DECLS

/* For the UI tests. */
DmlDesign *_dml_window_get_design    (DmlWindow  *self);
DmlChart  *_dml_window_get_chart     (DmlWindow  *self);
GtkWidget *_dml_window_get_control   (DmlWindow  *self,
                                      const char *property);
guint      _dml_window_get_n_results (DmlWindow  *self);
gboolean   _dml_window_is_busy       (DmlWindow  *self);

G_END_DECLS
