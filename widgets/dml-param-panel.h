/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dml-design.h"
#include "dml-invalid-field.h"

G_BEGIN_DECLS

#define DML_TYPE_PARAM_PANEL (dml_param_panel_get_type ())

G_DECLARE_FINAL_TYPE (DmlParamPanel, dml_param_panel, DML, PARAM_PANEL, GtkBox)

GtkWidget *dml_param_panel_new         (DmlDesign     *design,
                                        DmlGroup       group);
GtkWidget *dml_param_panel_get_control (DmlParamPanel *self,
                                        const char    *property);
gboolean   dml_param_panel_get_invalid (DmlParamPanel *self,
                                        GArray        *invalid);

G_END_DECLS
