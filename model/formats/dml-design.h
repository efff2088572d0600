/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dml-params.h"
#include "dml-resources.h"
#include "dml-run.h"

G_BEGIN_DECLS

#define DML_DESIGN_FORMAT    "dmlimits-design"
#define DML_DESIGN_VERSION   1
#define DML_DESIGN_MAX_NAME  1000   /* characters */
#define DML_DESIGN_MAX_NOTES 20000

#define DML_TYPE_DESIGN (dml_design_get_type ())

G_DECLARE_FINAL_TYPE (DmlDesign, dml_design, DML, DESIGN, GObject)

DmlDesign  *dml_design_new               (void);
DmlDesign  *dml_design_new_from_data     (const char       *data,
                                          gsize             length,
                                          GError          **error);
DmlDesign  *dml_design_new_from_file     (GFile            *file,
                                          GCancellable     *cancellable,
                                          GError          **error);
DmlDesign  *dml_design_new_shipped       (const char       *id,
                                          GError          **error);
char      **dml_design_list_shipped      (void);
DmlDesign  *dml_design_copy              (DmlDesign        *self);
char       *dml_design_to_data           (DmlDesign        *self,
                                          gsize            *length);
gboolean    dml_design_save              (DmlDesign        *self,
                                          GFile            *file,
                                          GCancellable     *cancellable,
                                          GError          **error);
const char *dml_design_get_name          (DmlDesign        *self);
void        dml_design_set_name          (DmlDesign        *self,
                                          const char       *name);
const char *dml_design_get_notes         (DmlDesign        *self);
void        dml_design_set_notes         (DmlDesign        *self,
                                          const char       *notes);
const char *dml_design_get_preset        (DmlDesign        *self);
void        dml_design_set_preset        (DmlDesign        *self,
                                          const char       *preset);
void        dml_design_get_params        (DmlDesign        *self,
                                          DmlParams        *params);
void        dml_design_set_params        (DmlDesign        *self,
                                          const DmlParams  *params);
gboolean    dml_design_apply_preset      (DmlDesign        *self,
                                          const char       *id,
                                          GError          **error);
const char * const *
            dml_design_get_warnings      (DmlDesign        *self);
char       *dml_design_derive_name       (DmlDesign        *origin,
                                          DmlDesign        *design);
gboolean    dml_design_get_run           (DmlDesign        *self,
                                          DmlRun           *run);
void        dml_design_set_run           (DmlDesign        *self,
                                          const DmlRun     *run);
gboolean    dml_design_evaluate_run      (DmlDesign        *self,
                                          gboolean          with_best,
                                          DmlGivenRun      *given,
                                          GError          **error);
gboolean    dml_design_equal             (DmlDesign        *a,
                                          DmlDesign        *b);

G_END_DECLS
