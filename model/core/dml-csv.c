/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-csv"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dml-csv.h"
#include "dml-error.h"

/* CSV as RFC 4180 has it: fields separated by commas, quoted with double
 * quotes where they hold commas, quotes or line breaks, a quote inside
 * doubled. Lines end in LF, CRLF or CR; blank lines are skipped; a UTF-8
 * byte order mark at the start is not part of the first cell. */

void
dml_csv_reader_init (DmlCsvReader *reader,
                     const char   *text,
                     gsize         length)
{
  *reader = (DmlCsvReader) {
    .text = text,
    .length = length,
    .line = 1,
    .buffer = g_string_new (NULL),
    .offsets = g_array_new (FALSE, FALSE, sizeof (guint)),
  };
  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    reader->pos = 3;
}

void
dml_csv_reader_clear (DmlCsvReader *reader)
{
  if (reader->buffer != NULL)
    g_string_free (reader->buffer, TRUE);
  g_clear_pointer (&reader->offsets, g_array_unref);
  reader->buffer = NULL;
}

static void
end_cell (DmlCsvReader *reader,
          guint         start)
{
  g_string_append_c (reader->buffer, '\0');
  g_array_append_val (reader->offsets, start);
}

/* The next record into the reader's buffer. FALSE at the end of the text,
 * or with @error set: an unclosed quote, or a NUL byte (text has none),
 * each with its line. */
gboolean
dml_csv_reader_next (DmlCsvReader  *reader,
                     GError       **error)
{
  const char *text = reader->text;
  gsize length = reader->length, i = reader->pos;
  guint start = 0, quote_line = 0;
  gboolean quoted = FALSE;

  g_string_truncate (reader->buffer, 0);
  g_array_set_size (reader->offsets, 0);

  /* Blank lines are no records. */
  while (i < length && (text[i] == '\n' || text[i] == '\r'))
    {
      if (text[i] == '\r' && i + 1 < length && text[i + 1] == '\n')
        i++;
      i++;
      reader->line++;
    }
  if (i >= length)
    {
      reader->pos = i;
      return FALSE;
    }
  reader->record_line = reader->line;

  for (; i <= length; i++)
    {
      char c = i < length ? text[i] : '\n';

      if (i < length && c == '\0')
        {
          g_set_error (error, DML_ERROR, DML_ERROR_PARSE, _("line %u: a NUL byte; a CSV file is text"),
                       reader->line);
          reader->pos = length;
          return FALSE;
        }

      if (quoted)
        {
          if (i == length)
            {
              g_set_error (error, DML_ERROR, DML_ERROR_PARSE, _("line %u: a quoted field is not closed"), quote_line);
              reader->pos = length;
              return FALSE;
            }
          if (c == '"' && i + 1 < length && text[i + 1] == '"')
            g_string_append_c (reader->buffer, '"'), i++;
          else if (c == '"')
            quoted = FALSE;
          else
            {
              if (c == '\n' || (c == '\r' && !(i + 1 < length && text[i + 1] == '\n')))
                reader->line++;
              g_string_append_c (reader->buffer, c);
            }
          continue;
        }

      if (c == '"' && reader->buffer->len == start)
        {
          quoted = TRUE;
          quote_line = reader->line;
        }
      else if (c == ',')
        {
          end_cell (reader, start);
          start = reader->buffer->len;
        }
      else if (c == '\n' || c == '\r')
        {
          if (c == '\r' && i + 1 < length && text[i + 1] == '\n')
            i++;
          if (i < length)
            reader->line++;
          end_cell (reader, start);
          reader->pos = MIN (i + 1, length);
          return TRUE;
        }
      else
        g_string_append_c (reader->buffer, c);
    }

  /* Not reached: the loop ends each record at a line break or the end. */
  g_assert_not_reached ();
  return FALSE;
}

guint
dml_csv_reader_n_cells (const DmlCsvReader *reader)
{
  return reader->offsets->len;
}

/* The @index-th cell of the record, "" past its last. */
const char *
dml_csv_reader_cell (const DmlCsvReader *reader,
                     guint               index)
{
  if (index >= reader->offsets->len)
    return "";
  return reader->buffer->str + g_array_index (reader->offsets, guint, index);
}

/* The line the record starts on: a quoted cell may span several. */
guint
dml_csv_reader_line (const DmlCsvReader *reader)
{
  return reader->record_line;
}

/* The rows of @text as a GPtrArray of GStrv, one per record: for small
 * files such as the shipped ones. */
GPtrArray *
dml_csv_parse (const char  *text,
               gsize        length,
               GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GError) local = NULL;
  DmlCsvReader reader;

  dml_csv_reader_init (&reader, text, length);
  while (dml_csv_reader_next (&reader, &local))
    {
      guint n = dml_csv_reader_n_cells (&reader);
      char **cells = g_new (char *, n + 1);

      for (guint i = 0; i < n; i++)
        cells[i] = g_strdup (dml_csv_reader_cell (&reader, i));
      cells[n] = NULL;
      g_ptr_array_add (rows, cells);
    }
  dml_csv_reader_clear (&reader);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/* A number in a cell, in decimal: "12", "-0.5", "1.56e13". Hexadecimal
 * ("0x400", "0x1p90"), infinities, NaN and spaces are refused, as the
 * design reader refuses them. */
gboolean
dml_csv_parse_number (const char  *text,
                      double      *value,
                      GError     **error)
{
  const char *c = text;
  gboolean digits = FALSE;
  char *end = NULL;

  if (*c == '-' || *c == '+')
    c++;
  if (c[0] == '0' && (c[1] == 'x' || c[1] == 'X'))
    {
      g_set_error (error, DML_ERROR, DML_ERROR_INVALID,
                   _("“%s” is hexadecimal; write the number in decimal"), text);
      return FALSE;
    }
  while (g_ascii_isdigit (*c))
    c++, digits = TRUE;
  if (*c == '.')
    for (c++; g_ascii_isdigit (*c); c++)
      digits = TRUE;
  if (digits && (*c == 'e' || *c == 'E'))
    {
      c++;
      if (*c == '-' || *c == '+')
        c++;
      if (!g_ascii_isdigit (*c))
        digits = FALSE;
      while (g_ascii_isdigit (*c))
        c++;
    }
  if (digits && *c == '\0')
    *value = g_ascii_strtod (text, &end);
  if (!digits || *c != '\0' || end == NULL || *end != '\0' || !isfinite (*value))
    {
      g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("“%s” is not a number"), text);
      return FALSE;
    }

  return TRUE;
}

/* @text as one CSV cell: quoted where it holds a comma, a quote or a line
 * break, or begins or ends with a space, the quotes inside doubled. */
void
dml_csv_append_cell (GString    *out,
                     const char *text)
{
  gsize n = strlen (text);

  if (strpbrk (text, ",\"\r\n") == NULL && !(n > 0 && (text[0] == ' ' || text[n - 1] == ' ')))
    {
      g_string_append_len (out, text, n);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *c = text; *c; c++)
    {
      if (*c == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');
}
