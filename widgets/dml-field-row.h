/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dml-field.h"
#include "dml-invalid-field.h"

G_BEGIN_DECLS

#define DML_TYPE_FIELD_ROW (dml_field_row_get_type ())
G_DECLARE_FINAL_TYPE (DmlFieldRow, dml_field_row, DML, FIELD_ROW, GObject)

DmlFieldRow    *dml_field_row_new          (const DmlField      *field,
                                            const char * const  *choice_labels);
const DmlField *dml_field_row_get_field    (DmlFieldRow         *self);
GtkWidget      *dml_field_row_get_label    (DmlFieldRow         *self);
GtkWidget      *dml_field_row_get_control  (DmlFieldRow         *self);
double          dml_field_row_get_value    (DmlFieldRow         *self);
void            dml_field_row_set_value    (DmlFieldRow         *self,
                                            double               value);
const char     *dml_field_row_get_problem  (DmlFieldRow         *self);
void            dml_field_row_set_rule     (DmlFieldRow         *self,
                                            const char          *problem);
gboolean        dml_field_rows_get_invalid (GPtrArray           *rows,
                                            GArray              *invalid);

G_END_DECLS
