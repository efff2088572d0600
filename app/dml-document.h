/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dml-design.h"

G_BEGIN_DECLS

#define DML_TYPE_DOCUMENT (dml_document_get_type ())

G_DECLARE_FINAL_TYPE (DmlDocument, dml_document, DML, DOCUMENT, GObject)

DmlDocument        *dml_document_new          (void);
DmlDesign          *dml_document_get_design   (DmlDocument  *self);
GFile              *dml_document_get_file     (DmlDocument  *self);
const char         *dml_document_get_title    (DmlDocument  *self);
gboolean            dml_document_get_dirty    (DmlDocument  *self);
gboolean            dml_document_get_can_undo (DmlDocument  *self);
gboolean            dml_document_get_can_redo (DmlDocument  *self);
void                dml_document_commit       (DmlDocument  *self);
gboolean            dml_document_undo         (DmlDocument  *self);
gboolean            dml_document_redo         (DmlDocument  *self);
gboolean            dml_document_load         (DmlDocument  *self,
                                               GFile        *file,
                                               GError      **error);
const char * const *dml_document_get_warnings (DmlDocument  *self);
gboolean            dml_document_save         (DmlDocument  *self,
                                               GFile        *file,
                                               GError      **error);
void                dml_document_take_design  (DmlDocument  *self,
                                               DmlDesign    *design);

G_END_DECLS
