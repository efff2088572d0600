/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dml-design.h"

G_BEGIN_DECLS

#define DML_TYPE_WINDOW (dml_window_get_type ())

G_DECLARE_FINAL_TYPE (DmlWindow, dml_window, DML, WINDOW, GtkApplicationWindow)

DmlWindow *dml_window_new       (GtkApplication *application);
gboolean   dml_window_open_file (DmlWindow      *self,
                                 GFile          *file,
                                 GError        **error);

G_END_DECLS
