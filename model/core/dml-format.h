/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *dml_format_power_of_ten (double       value,
                                   int          digits);
char     *dml_format_flop         (double       flop);
char     *dml_format_quantity     (double       value,
                                   const char  *unit);
char     *dml_format_si           (double       value,
                                   const char  *unit,
                                   int          digits);
char     *dml_format_duration     (double       seconds);
char     *dml_format_usd          (double       value);
char     *dml_format_percent      (double       fraction);
char     *dml_format_ascii        (double       value);
char     *dml_format_compact      (double        value);
char     *dml_format_printable    (const char    *text);
glong     dml_format_columns      (const char    *text);
char     *dml_format_elide        (const char    *text,
                                   glong          columns);
void      dml_string_append_padded (GString       *str,
                                    const char    *text,
                                    glong          width);
gboolean  dml_parse_quantity      (const char  *text,
                                   const char  *unit,
                                   double      *value,
                                   GError     **error);

G_END_DECLS
