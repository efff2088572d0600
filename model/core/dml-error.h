/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DML_ERROR (dml_error_quark ())

typedef enum
{
  DML_ERROR_INVALID,   /* a value is out of range or of the wrong type */
  DML_ERROR_PARSE,     /* the file is not a well-formed design */
  DML_ERROR_TOO_LARGE, /* the file is larger than a design can be */
  DML_ERROR_NOT_FOUND, /* no preset or design of that name */
} DmlError;

GQuark dml_error_quark  (void);
void   dml_problems_add (GPtrArray  *problems,
                         const char *format,
                         ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
