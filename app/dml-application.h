/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DML_TYPE_APPLICATION (dml_application_get_type ())

G_DECLARE_FINAL_TYPE (DmlApplication, dml_application, DML, APPLICATION, GtkApplication)

DmlApplication *dml_application_new (void);

G_END_DECLS
