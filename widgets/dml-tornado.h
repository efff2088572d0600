/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dml-sensitivity.h"

G_BEGIN_DECLS

#define DML_TYPE_TORNADO (dml_tornado_get_type ())

G_DECLARE_FINAL_TYPE (DmlTornado, dml_tornado, DML, TORNADO, GtkWidget)

GtkWidget            *dml_tornado_new             (void);
void                  dml_tornado_set_sensitivity (DmlTornado     *self,
                                                   DmlSensitivity *sensitivity);
const DmlSensitivity *dml_tornado_get_sensitivity (DmlTornado     *self);
void                  dml_tornado_set_rank_by     (DmlTornado     *self,
                                                   int             by);
int                   dml_tornado_get_rank_by     (DmlTornado     *self);

G_END_DECLS
