/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-csv"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dml-csv.h"
#include "dml-error.h"

/* The rows of @text, CSV as RFC 4180 has it: fields separated by commas,
 * quoted with double quotes where they hold commas, quotes or newlines,
 * a quote inside doubled. Returns a GPtrArray of GStrv, one per row; an
 * unclosed quote is an error that names its line. */
GPtrArray *
dml_csv_parse (const char  *text,
               gsize        length,
               GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE, row_has_data = FALSE;
  guint line = 1, quote_line = 0;

  for (gsize i = 0; i <= length; i++)
    {
      char c = i < length ? text[i] : '\n';

      if (quoted)
        {
          if (c == '"' && i + 1 < length && text[i + 1] == '"')
            g_string_append_c (field, '"'), i++;
          else if (c == '"')
            quoted = FALSE;
          else if (i == length)
            {
              g_string_free (field, TRUE);
              g_set_error (error, DML_ERROR, DML_ERROR_PARSE,
                           _("line %u: a quoted field is not closed"), quote_line);
              return NULL;
            }
          else
            {
              if (c == '\n')
                line++;
              g_string_append_c (field, c);
            }
          continue;
        }

      if (c == '"' && field->len == 0)
        {
          quoted = TRUE;
          quote_line = line;
          row_has_data = TRUE;
        }
      else if (c == ',')
        {
          g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
          field = g_string_new (NULL);
          row_has_data = TRUE;
        }
      else if (c == '\n' || c == '\r')
        {
          if (c == '\r' && i + 1 < length && text[i + 1] == '\n')
            i++;
          if (row_has_data || field->len > 0)
            {
              g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
              field = g_string_new (NULL);
              g_ptr_array_add (fields, NULL);
              g_ptr_array_add (rows, g_ptr_array_free (g_steal_pointer (&fields), FALSE));
              fields = g_ptr_array_new_with_free_func (g_free);
            }
          row_has_data = FALSE;
          line++;
        }
      else
        {
          g_string_append_c (field, c);
          row_has_data = TRUE;
        }
    }

  g_string_free (field, TRUE);
  return g_steal_pointer (&rows);
}
