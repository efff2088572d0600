/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dml-compare.h"
#include "dml-design.h"

G_BEGIN_DECLS

#define DML_TYPE_COMPARE_WINDOW (dml_compare_window_get_type ())

G_DECLARE_FINAL_TYPE (DmlCompareWindow, dml_compare_window, DML, COMPARE_WINDOW, GtkWindow)

DmlCompareWindow *dml_compare_window_new           (GtkWindow        *parent);
gboolean          dml_compare_window_add_design    (DmlCompareWindow *self,
                                                    DmlDesign        *design);
guint             dml_compare_window_get_n_designs (DmlCompareWindow *self);

/* For the UI tests. */
DmlComparison    *_dml_compare_window_get_comparison (DmlCompareWindow *self);
gboolean          _dml_compare_window_is_busy        (DmlCompareWindow *self);
guint             _dml_compare_window_get_n_charted  (DmlCompareWindow *self);
const char       *_dml_compare_window_get_hint       (DmlCompareWindow *self);
GtkWidget        *_dml_compare_window_get_overlay    (DmlCompareWindow *self);

G_END_DECLS
