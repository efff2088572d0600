/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dml-chart-renderer.h"
#include "dml-tornado.h"

G_BEGIN_DECLS

#define DML_TYPE_EXPORT_DIALOG (dml_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DmlExportDialog, dml_export_dialog, DML, EXPORT_DIALOG, GtkWindow)

DmlExportDialog *dml_export_dialog_new             (GtkWindow          *parent,
                                                    const DmlChartSpec *spec,
                                                    const char         *title);
DmlExportDialog *dml_export_dialog_new_for_tornado (GtkWindow          *parent,
                                                    DmlTornado         *tornado,
                                                    const char         *title);
DmlExportDialog *dml_export_dialog_new_for_options (GtkWindow                 *parent,
                                                    const DmlOptionsChartSpec *spec,
                                                    const char                *title);

G_END_DECLS
