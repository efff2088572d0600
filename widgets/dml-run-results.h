/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dml-run.h"

G_BEGIN_DECLS

#define DML_TYPE_RUN_RESULTS (dml_run_results_get_type ())

G_DECLARE_FINAL_TYPE (DmlRunResults, dml_run_results, DML, RUN_RESULTS, GtkBox)

GtkWidget *dml_run_results_new        (void);
void       dml_run_results_show       (DmlRunResults     *self,
                                       const DmlGivenRun *given,
                                       double             capacity);
void       dml_run_results_show_error (DmlRunResults     *self,
                                       const char        *message);
gboolean   dml_run_results_get_fits   (DmlRunResults     *self);

G_END_DECLS
