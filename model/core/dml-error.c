/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-error"

#include "config.h"

#include "dml-error.h"

G_DEFINE_QUARK (dml-error-quark, dml_error)

/* Adds one problem, formatted, to a list of them: readers gather every
 * problem in a file before they report, so one error lists them all. */
void
dml_problems_add (GPtrArray  *problems,
                  const char *format,
                  ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (problems, g_strdup_vprintf (format, args));
  va_end (args);
}
