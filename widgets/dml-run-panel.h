/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dml-design.h"
#include "dml-invalid-field.h"

G_BEGIN_DECLS

#define DML_TYPE_RUN_PANEL (dml_run_panel_get_type ())

G_DECLARE_FINAL_TYPE (DmlRunPanel, dml_run_panel, DML, RUN_PANEL, GtkBox)

GtkWidget *dml_run_panel_new         (DmlDesign   *design);
GtkWidget *dml_run_panel_get_control (DmlRunPanel *self,
                                      const char  *key);
void       dml_run_panel_show_result (DmlRunPanel       *self,
                                      const DmlGivenRun *given,
                                      double             capacity);
void       dml_run_panel_show_error  (DmlRunPanel *self,
                                      const char  *message);
gboolean   dml_run_panel_get_fits    (DmlRunPanel *self);
gboolean   dml_run_panel_get_invalid (DmlRunPanel *self,
                                      GArray      *invalid);

G_END_DECLS
