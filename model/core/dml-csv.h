/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads CSV one record at a time: the record's cells live in one buffer,
 * each NUL-terminated, found by their offsets. Nothing is allocated per
 * cell, and memory stays that of the longest record. */
typedef struct
{
  /*< private >*/
  const char *text;
  gsize       length;
  gsize       pos;
  guint       line;       /* of the text at pos */
  guint       record_line;
  GString    *buffer;
  GArray     *offsets;    /* guint: where each cell starts in buffer */
} DmlCsvReader;

void        dml_csv_reader_init    (DmlCsvReader  *reader,
                                    const char    *text,
                                    gsize          length);
void        dml_csv_reader_clear   (DmlCsvReader  *reader);
gboolean    dml_csv_reader_next    (DmlCsvReader  *reader,
                                    GError       **error);
guint       dml_csv_reader_n_cells (const DmlCsvReader *reader);
const char *dml_csv_reader_cell    (const DmlCsvReader *reader,
                                    guint          index);
guint       dml_csv_reader_line    (const DmlCsvReader *reader);

GPtrArray  *dml_csv_parse          (const char    *text,
                                    gsize          length,
                                    GError       **error);
gboolean    dml_csv_parse_number   (const char    *text,
                                    double        *value,
                                    GError       **error);
void        dml_csv_append_cell    (GString       *out,
                                    const char    *text);

G_END_DECLS
